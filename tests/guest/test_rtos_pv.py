#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The RTOS as a paravirtualized guest on the SVC kernel (vexpress-a9),
as `make run` boots it: the root task turns the board's CLCD on and starts
the VMM with the RTOS (dts/system/rtos-a9.dts); the VMM gives the VCPU its
state page and the RTOS its display window; the RTOS, deprivileged in USR
mode, reads its board (the paravirtual CPU's state page in place of the
GIC CPU interface, the paravirtual timer), passes every self-test, runs its
1 kHz task and its video, and the video's frames advance in QEMU's
screenshots of the CLCD (PNG through the monitor's screendump) while the
rest of the screen keeps the background. Also checked: the RTOS image
holds none of the sensitive instructions a deprivileged guest must never
execute (docs/pv-vcpu.md, section 1), and an image whose ELF segment lies
outside guest RAM is refused, naming the segment, and a device tree whose
display window straddles the end of guest RAM is refused by the RTOS,
which runs on without its video. QEMU runs with
`-display none`, its monitor on a unix socket, the console on stdio.
Ends with 'guest-rtos: N passed, M failed'."""
import argparse
import os
import re
import shlex
import subprocess
import sys

import pexpect

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "demo"))
import screenshot  # noqa: E402
from console_checks import Checks  # noqa: E402
from test_display import display_header_value, read_word  # noqa: E402
from test_rtos import SELF_TESTS, STATS, TROUBLE, VIDEO_FPS, PERIODIC_HZ, PERIOD_NS  # noqa: E402

PREFIX = "rtos: "  # the VMM's prefix: the system description names the guest 'rtos'
WIDTH, HEIGHT = 640, 480
CONTROL_ON = 0x92b
GUEST_RAM = "60000000+01000000"  # vmm/guest_map.h on SVC, 16 MiB (rtos-a9.dts)
STATE_PAGE = "5ffff000"
# What USR mode must never execute for the guest kernel (objdump's
# spelling): CPS, MSR to the CPSR's control field, RFE, SRS, WFI, the
# exception returns, and any coprocessor 15 access (each traps or misbehaves
# in USR); an MRS of the CPSR reads USR, not the virtual mode.
SENSITIVE = re.compile(r"\t(cps(ie|id)?|rfe\w*|srs\w*|wfi|wfe|mcrr?2?|mrrc2?|mrc2?|"
                       r"msr\s+(cpsr|spsr)_\w*c\w*|mrs\s+\w+, (cpsr|spsr)|"
                       r"subs\s+pc, lr|movs\s+pc, lr|ldm\w*\s+[^\n]*\^|hvc|smc)\b", re.IGNORECASE)


def sensitive_instructions(objdump, elf):
    """The lines of the image's disassembly with a sensitive instruction."""
    out = subprocess.run([objdump, "-d", elf], capture_output=True, text=True, check=True).stdout
    return [l.strip() for l in out.splitlines() if SENSITIVE.search(l)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--qemu-flags", required=True, help="without a monitor; -display none")
    ap.add_argument("--elf", required=True, help="Tern with the RTOS system (tern.elf)")
    ap.add_argument("--rtos-elf", required=True, help="the RTOS image itself")
    ap.add_argument("--objdump", default="arm-none-eabi-objdump")
    ap.add_argument("--bad-elf", required=True)
    ap.add_argument("--bad-window-elf", required=True)
    ap.add_argument("--board", required=True)
    ap.add_argument("--out", required=True, help="directory for the screenshots")
    ap.add_argument("--results")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    background = display_header_value("DISPLAY_BACKGROUND")

    checks = Checks()
    check = checks.check
    print(f"RTOS guest, paravirtualized, on Tern ({args.board})")
    found = sensitive_instructions(args.objdump, args.rtos_elf)
    check("the RTOS image has no instruction a deprivileged guest must not execute "
          "(CPS, MSR CPSR_c, RFE, SRS, WFI, CP15, exception returns)", not found, found[:5])

    machine = screenshot.Machine(args.qemu, args.qemu_flags, args.elf, args.out, "tern-rtos-pv-")
    child, shot = machine.child, machine.shot
    trouble = re.compile(TROUBLE)

    def wait(pattern, timeout=60):
        """0: pattern seen, 1: a panic or the kernel's trouble, 2: timeout, 3: QEMU ended."""
        return child.expect([pattern, trouble, pexpect.TIMEOUT, pexpect.EOF], timeout=timeout)

    try:
        i = wait(r"roottask: display: PL111 at 0x([0-9a-f]+), (\d+)x(\d+) 32 bpp at "
                 r"0x([0-9a-f]+); windows: top lines (\d+)-(\d+) at 0x[0-9a-f]+, "
                 r"bottom lines (\d+)-(\d+) at 0x([0-9a-f]+)")
        check("the root task takes the CLCD and a framebuffer and reports the windows", i == 0,
              child.before)
        if i != 0:
            raise pexpect.EOF("no display")
        clcd, fb = int(child.match.group(1), 16), int(child.match.group(4), 16)
        top = (0, int(child.match.group(5)), WIDTH, int(child.match.group(6)) + 1)
        bottom = (0, int(child.match.group(7)), WIDTH, int(child.match.group(8)) + 1)
        i = wait(PREFIX + r"paravirtual CPU: state page at guest physical 0x" + STATE_PAGE +
                 r", timer at (\d+) Hz", 30)
        check("the VMM gives the VCPU its state page and the guest the timer's frequency",
              i == 0, child.before)
        timer_hz = child.match.group(1) if i == 0 else None
        i = wait(PREFIX + r"display window 640x(\d+) \(stride 2560\) at guest physical "
                 r"0x40000000", 30)
        check("the VMM maps the RTOS's display window into the guest", i == 0, child.before)
        window_lines = int(child.match.group(1)) if i == 0 else 0
        i = wait(PREFIX + r"booting rtos/rtos.elf \(\d+ KiB\) with rtos/guest.dtb, 16 MiB of "
                 r"RAM at 0x60000000", 30)
        check("the VMM loads the RTOS's ELF image into guest RAM below Tern's window", i == 0,
              child.before)
        i = wait(PREFIX + r"rtos: boot: ram " + re.escape(GUEST_RAM) + r" uart \S+ gicd \S+ gicc "
                 + STATE_PAGE + r" timer irq 27, counter (\d+) Hz", 30)
        check("the RTOS starts deprivileged and reads its RAM, GIC distributor, state page and "
              "paravirtual timer (PPI 27, the VMM's frequency) from its device tree",
              i == 0 and child.match.group(1) == timer_hz, child.before)
        i = wait(PREFIX + r"rtos: display window 640x(\d+) stride 2560 at 40000000", 10)
        check("the RTOS finds its display window (simple-framebuffer node)",
              i == 0 and int(child.match.group(1)) == window_lines ==
              bottom[3] - bottom[1], child.before)

        results = {}
        while True:
            i = wait(PREFIX + r"rtos: (?:(ok|FAIL) ([a-z0-9-]+)(?:[ :][^\r\n]*)?|"
                     r"self-tests done: (\d+) failed)[\r\n]", 60)
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

        # a screenshot after each of three statistics lines: a virtual
        # second (25 frames) apart at least
        stats, shots = [], []
        for n in range(3):
            i = wait(PREFIX + STATS.pattern, 60)
            if i != 0:
                break
            stats.append([child.match.group(k) for k in range(1, 10)])
            print("      " + child.match.group(0).strip()[len(PREFIX):])
            shots.append(shot(f"video-{n}"))
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
            check("the display window's contents change from second to second",
                  len({s[3] for s in stats}) == len(stats), stats)
            check(f"the periodic task runs at {PERIODIC_HZ} Hz ({releases} releases in {seconds} s)",
                  seconds > 0 and abs(releases - PERIODIC_HZ * seconds) <= 2, stats)
            worst_ns, p99_ns = int(last[6]), int(last[8])
            check(f"its worst release lateness is printed and below one period "
                  f"(worst {last[5]} ticks = {worst_ns} ns, p99 {last[7]} ticks = {p99_ns} ns)",
                  worst_ns < PERIOD_NS and p99_ns <= worst_ns, stats)

        control = read_word(machine.monitor(), clcd + 0x18)
        upbase = read_word(machine.monitor(), clcd + 0x10)
        check(f"the CLCD at {clcd:#x} is on (CONTROL 0x92b) and scans out the root task's "
              "framebuffer", clcd == 0x10020000 and control == CONTROL_ON and upbase == fb,
              f"CONTROL {control}, UPBASE {upbase}, framebuffer {fb:#x}")
        if len(shots) == 3:
            a, b, c = shots
            check("the screenshot is 640x480", (a.width, a.height) == (WIDTH, HEIGHT),
                  f"{a.width}x{a.height}")
            video = a.count_other_than(bottom, background)
            check("the RTOS's video fills its window (the bottom of the screen)",
                  video > 0.5 * WIDTH * (bottom[3] - bottom[1]), f"{video} pixels differ")
            moved = [screenshot.changed(a, b, bottom), screenshot.changed(b, c, bottom)]
            check("the video's frames advance from screenshot to screenshot",
                  min(moved) > 1000, f"pixels changed: {moved}")
            untouched = c.count_other_than(top, background)
            check("the rest of the screen (the top window, no guest's) keeps the background",
                  untouched == 0, f"{untouched} pixels differ")
        else:
            check("three screenshots of the video were taken", False, f"{len(shots)} taken")
    except (pexpect.TIMEOUT, pexpect.EOF) as e:
        check("the RTOS's console answers", False, type(e).__name__ + ": " + (child.before or ""))
    finally:
        machine.close()

    def spawn(elf):
        return pexpect.spawn(args.qemu, shlex.split(args.qemu_flags) + ["-kernel", elf],
                             encoding="utf-8", codec_errors="replace", timeout=120,
                             env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})

    child = spawn(args.bad_elf)
    try:
        i = child.expect([PREFIX + r"cannot boot: ELF segment 0 \(0x90000000, \d+ bytes\) lies "
                          r"outside guest RAM[^\r\n]*", r"rtos: boot", pexpect.TIMEOUT], timeout=60)
        check("an ELF image with a segment in Tern's window, outside guest RAM, is refused, "
              "naming the segment", i == 0, child.before)
        if i == 0:
            print("      " + child.match.group(0).strip()[:120])
    finally:
        child.terminate(force=True)

    child = spawn(args.bad_window_elf)
    try:
        i = child.expect([PREFIX + r"rtos: no display window: the framebuffer straddles the edge of RAM",
                          PREFIX + r"rtos: display window", pexpect.TIMEOUT], timeout=60)
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
