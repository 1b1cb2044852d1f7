#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Boots Tern with the RTOS guest (guests/rtos/) and checks, through the
console, what a user would: the VMM loads the RTOS's ELF image, the RTOS
reads its board and display window from the device tree, every self-test
it runs at boot passes, its video renders (the frame count rises between
statistics lines, at the frame rate, and the window's checksum changes),
its 1 kHz task runs (its release count rises at 1 kHz) and prints its
worst lateness as a number, below one period; nothing panics. Then an
image whose ELF segment lies outside guest RAM, which the VMM must refuse
naming the segment, and a device tree whose display window lies half in
the guest's RAM, which the RTOS must refuse while running on without it. Ends with 'guest-rtos: N passed, M failed'."""
import argparse
import re
import shlex
import sys

import pexpect

from console_checks import Checks

PREFIX = "linux: "  # the root task's one guest slot: its name is 'linux'
SELF_TESTS = ("timer-interrupts", "priority-preemption", "round-robin", "semaphore-wake-order",
              "queue-blocking", "sleep-accuracy")
STATS = re.compile(r"rtos: stats t=(\d+)s frames=(\d+) skipped=(\d+) window=([0-9a-f]{8}) "
                   r"rt_releases=(\d+) worst_late=(\d+) ticks \((\d+) ns\) "
                   r"p99_late=(\d+) ticks \((\d+) ns\)")
TROUBLE = (r"rtos: PANIC[^\r\n]*|\*\*\* Tern: unexpected exception in the kernel|tern: halted|"
           r"\*\*\* System halted")
VIDEO_FPS = 25
PERIODIC_HZ = 1000
PERIOD_NS = 1_000_000_000 // PERIODIC_HZ


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--qemu-flags", required=True)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--bad-elf", required=True)
    ap.add_argument("--bad-window-elf", required=True)
    ap.add_argument("--board", required=True)
    ap.add_argument("--results")
    args = ap.parse_args()

    checks = Checks()
    check = checks.check

    def spawn(elf):
        return pexpect.spawn(args.qemu, shlex.split(args.qemu_flags) + ["-kernel", elf],
                             encoding="utf-8", codec_errors="replace", timeout=120,
                             env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})

    print(f"RTOS guest on Tern ({args.board})")
    child = spawn(args.elf)
    trouble = re.compile(TROUBLE)

    def wait(pattern, timeout=60):
        """0: pattern seen, 1: a panic or the kernel's trouble, 2: timeout, 3: QEMU ended."""
        return child.expect([pattern, trouble, pexpect.TIMEOUT, pexpect.EOF], timeout=timeout)

    try:
        i = wait(PREFIX + r"booting linux/zImage \(\d+ KiB\)")
        check("the VMM loads the RTOS's ELF image from the boot archive", i == 0, child.before)
        i = wait(PREFIX + r"rtos: boot: ram 80000000\+08000000 uart \S+ gicd \S+ gicc \S+ "
                 r"timer irq 27, counter (\d+) Hz", 30)
        check("the RTOS starts and reads its RAM, UART, GIC and timer from the device tree",
              i == 0, child.before)
        i = wait(PREFIX + r"rtos: display window 320x240 stride 1280 at 87000000", 10)
        check("the RTOS finds its display window (simple-framebuffer node)", i == 0, child.before)

        results = {}
        while True:
            i = wait(PREFIX + r"rtos: (?:(ok|FAIL) ([a-z0-9-]+)(?:[ :][^\r\n]*)?|self-tests done: (\d+) failed)[\r\n]",
                     60)
            if i != 0:
                check("the self-tests run to their end", False, child.before)
                break
            if child.match.group(3) is not None:
                break
            results[child.match.group(2)] = (child.match.group(1), child.match.group(0).strip())
        for name in SELF_TESTS:
            outcome, line = results.get(name, ("missing", "no line for it"))
            check(f"self-test {name}", outcome == "ok", line)
        for name in sorted(set(results) - set(SELF_TESTS)):
            check(f"self-test {name} (not known to this script)", results[name][0] == "ok",
                  results[name][1])

        stats = []
        for _ in range(3):
            i = wait(PREFIX + STATS.pattern, 60)
            if i != 0:
                break
            stats.append([child.match.group(k) for k in range(1, 10)])
            print("      " + child.match.group(0).strip()[len(PREFIX):])
        check("the statistics thread prints a line a second", len(stats) == 3, child.before)
        if len(stats) >= 2:
            first, last = stats[0], stats[-1]
            seconds = int(last[0]) - int(first[0])
            frames = int(last[1]) - int(first[1])
            releases = int(last[4]) - int(first[4])
            check(f"the video renders at {VIDEO_FPS} frames a second "
                  f"({frames} frames in {seconds} s, none skipped)",
                  seconds > 0 and abs(frames - VIDEO_FPS * seconds) <= 1 and int(last[2]) == 0,
                  stats)
            windows = {s[3] for s in stats}
            check("the display window's contents change from second to second",
                  len(windows) == len(stats), stats)
            check(f"the periodic task runs at {PERIODIC_HZ} Hz ({releases} releases in {seconds} s)",
                  seconds > 0 and abs(releases - PERIODIC_HZ * seconds) <= 2, stats)
            worst_ns, p99_ns = int(last[6]), int(last[8])
            check(f"its worst release lateness is printed and below one period "
                  f"(worst {last[5]} ticks = {worst_ns} ns, p99 {last[7]} ticks = {p99_ns} ns)",
                  worst_ns < PERIOD_NS and p99_ns <= worst_ns, stats)
    except (pexpect.TIMEOUT, pexpect.EOF) as e:
        check("the RTOS's console answers", False, type(e).__name__ + ": " + (child.before or ""))
    finally:
        child.terminate(force=True)

    child = spawn(args.bad_elf)
    try:
        i = child.expect([PREFIX + r"cannot boot: ELF segment 0 \(0x90000000, \d+ bytes\) lies "
                          r"outside guest RAM[^\r\n]*", r"rtos: boot", pexpect.TIMEOUT], timeout=60)
        check("an ELF image with a segment outside guest RAM is refused, naming the segment",
              i == 0, child.before)
        if i == 0:
            print("      " + child.match.group(0).strip()[:120])
    finally:
        child.terminate(force=True)

    child = spawn(args.bad_window_elf)
    try:
        i = child.expect([PREFIX + r"rtos: no display window: the framebuffer straddles the edge of RAM",
                          r"rtos: display window", pexpect.TIMEOUT], timeout=60)
        check("the RTOS refuses a display window half in its RAM, naming the problem", i == 0,
              child.before)
        i = child.expect([PREFIX + r"rtos: self-tests done: 0 failed", trouble, pexpect.TIMEOUT],
                         timeout=60)
        check("... and still passes its self-tests", i == 0, child.before)
        i = child.expect([PREFIX + r"rtos: stats t=1s frames=0 skipped=0 window=00000000 "
                          r"rt_releases=\d+", trouble, pexpect.TIMEOUT], timeout=60)
        check("... and runs without its video (no frames, no window)", i == 0, child.before)
    finally:
        child.terminate(force=True)

    return checks.finish("guest-rtos", args.results, f"guest-rtos-{args.board}")


if __name__ == "__main__":
    sys.exit(main())
