#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Boots the handset (Linux and the RTOS, build/tern.elf) on a board with
a PL111 and checks the inter-VM channel between them from Linux's shell:
both VMMs map the channel and Linux's driver gives /dev/ttyTERN0;
`tern-ctl stats` answers with a frame count that rises while the video
plays; `tern-ctl pause` freezes the RTOS's window (two screenshots a
second apart are identical) and its frame count; `tern-ctl play` makes
both move again; a malformed command gets an error reply; and the VMMs,
which only carry doorbells, print nothing per message; and after Linux
crashes and is started again, the channel still works, and so it does when
the RTOS crashes (`tern-ctl --raw crash`) and is started again. QEMU runs with
`-display none` and its monitor on a unix socket (tests/demo/screenshot.py);
the serial console stays on stdio. Ends with 'channel: N passed, M failed'."""
import argparse
import os
import re
import sys
import time

import pexpect

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "demo"))
import screenshot  # noqa: E402
from console_checks import Checks, shell  # noqa: E402

PREFIX = "linux: "
STATS = re.compile(r"frames=(\d+) playing=([01]) worst_late_ticks=(\d+) p99_late_ticks=(\d+)")
# Commands sent in a row to see whether anything prints per message.
QUIET_MESSAGES = 20


def changed_pixels(a, b, box):
    return sum(1 for p, q in zip(a.region(*box), b.region(*box)) if p != q)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--qemu-flags", required=True, help="without a monitor; -display none")
    ap.add_argument("--elf", required=True)
    ap.add_argument("--board", required=True)
    ap.add_argument("--out", required=True, help="directory for the screenshots")
    ap.add_argument("--results")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    checks = Checks()
    check = checks.check
    print(f"Inter-VM channel on Tern ({args.board})")
    machine = screenshot.Machine(args.qemu, args.qemu_flags, args.elf, args.out, "tern-channel-")
    child, shot = machine.child, machine.shot
    run = shell(child, PREFIX)

    def ctl(command):
        """tern-ctl's reply line and exit status."""
        out = run(f"tern-ctl {command}; echo status=$?")
        lines = [l.strip() for l in out.split("\n")]
        for n, line in enumerate(lines):
            m = re.fullmatch(r"status=(\d+)", line)
            if m:  # the reply is the line before
                return (lines[n - 1] if n else ""), int(m.group(1))
        return out.strip(), None

    def wake_shell():
        """busybox's line editing asks the terminal where its cursor is
        (ESC[6n) when it starts and takes what comes next as the answer: a
        command typed at once can vanish. Wakes it until it answers."""
        for attempt in range(5):
            try:
                if "ready" in run("echo ready", timeout=10):
                    return
            except pexpect.TIMEOUT:
                pass

    def stats():
        reply, status = ctl("stats")
        m = STATS.fullmatch(reply)
        return (int(m.group(1)), int(m.group(2))) if m and status == 0 else None, reply

    try:
        i = child.expect([r"roottask: display: PL111 at 0x[0-9a-f]+, \d+x\d+ 32 bpp at "
                          r"0x[0-9a-f]+; windows: top lines \d+-\d+ at 0x[0-9a-f]+, "
                          r"bottom lines (\d+)-(\d+) at 0x[0-9a-f]+",
                          r"roottask: display: [^\r\n]*\r\n", pexpect.TIMEOUT], timeout=60)
        check("the board has the shared display, with the RTOS's window at the bottom", i == 0,
              child.after if i == 1 else child.before)
        if i != 0:
            raise pexpect.EOF("no display")
        bottom = (0, int(child.match.group(1)), 640, int(child.match.group(2)) + 1)
        i = child.expect([PREFIX + r"Enter 'help' for a list of built-in commands",
                          PREFIX + r"guest stopped[^\r\n]*", pexpect.TIMEOUT], timeout=180)
        boot = child.before
        check("Linux boots to its shell", i == 0, boot[-500:])
        if i != 0:
            raise pexpect.EOF("no shell")
        for guest, peer in (("rtos", "linux"), ("linux", "rtos")):
            m = re.search(rf"{guest}: channel control to {peer}: 4 KiB at guest physical "
                          r"0x[0-9a-f]+, interrupt \d+", boot)
            bad = re.search(rf"{guest}: inter-VM channels: [^\r\n]*", boot)
            check(f"{guest}'s VMM maps the channel to {peer} into its guest", m is not None,
                  bad.group(0) if bad else "no such line")
        m = re.search(r"rtos: rtos: control: (serving commands on the channel|no channel[^\r\n]*)",
                      boot)
        check("the RTOS's control server finds the channel in its device tree",
              m is not None and m.group(1).startswith("serving"), m.group(0) if m else "no line")
        m = re.search(PREFIX + r"\[[ \d.]+\] tern-channel \S+: ttyTERN0: \d+-byte rings", boot)
        check("Linux's driver binds to the node and gives ttyTERN0", m is not None,
              "no tern-channel line in Linux's boot log")
        wake_shell()

        first, reply = stats()
        check("tern-ctl stats answers with a frame count, playing", first is not None and
              first[1] == 1, reply)
        time.sleep(1)
        second, reply = stats()
        check("... which rises between two calls", first and second and second[0] > first[0],
              f"{first} then {reply}")

        reply, status = ctl("pause")
        check("tern-ctl pause: the RTOS says it paused", reply == "ok paused" and status == 0,
              f"{reply!r} status {status}")
        time.sleep(0.5)  # a frame being rendered when the command came is finished
        paused_stats, _ = stats()
        a = shot("paused-1")
        time.sleep(1)
        b = shot("paused-2")
        changed = changed_pixels(a, b, bottom)
        check("paused: two screenshots of the RTOS's window a second apart are identical",
              changed == 0, f"{changed} pixels changed")
        later, reply = stats()
        check("paused: the frame count stays, playing=0", paused_stats and later and
              later[0] == paused_stats[0] and later[1] == 0, f"{paused_stats} then {reply}")

        reply, status = ctl("play")
        check("tern-ctl play: the RTOS says it plays", reply == "ok playing" and status == 0,
              f"{reply!r} status {status}")
        c = shot("playing-1")
        time.sleep(1)
        d = shot("playing-2")
        changed = changed_pixels(c, d, bottom)
        check("playing: the RTOS's window changes again", changed > 1000,
              f"{changed} pixels changed")
        resumed, reply = stats()
        check("playing: the frame count rises again, playing=1", later and resumed and
              resumed[0] > later[0] and resumed[1] == 1, f"{later} then {reply}")

        reply, status = ctl("--raw 'bogus command'")
        check("a malformed command gets an error reply (and tern-ctl exits 1)",
              reply.startswith("error unknown command 'bogus command'") and status == 1,
              f"{reply!r} status {status}")
        reply, status = ctl("stats")
        check("... and the channel goes on working", STATS.fullmatch(reply) is not None, reply)

        # Everything the console shows while Linux sends many commands: the
        # guests' own lines only (the shell's, the RTOS's line a second).
        child.sendline(f"for i in $(seq {QUIET_MESSAGES}); do tern-ctl stats >/dev/null || "
                       f"echo FAILED$i; done; echo __quiet_$((40 + 2))__")
        child.expect_exact("__quiet_42__", timeout=120)
        lines = [l.strip() for l in child.before.replace("\r", "").split("\n") if l.strip()]
        failed = [l for l in lines if re.fullmatch(PREFIX + r"FAILED\d+", l)]
        check(f"{QUIET_MESSAGES} commands in a row all answered", not failed, str(failed[:3]))
        # the shell's echo of the loop is the only line besides the RTOS's
        # statistics (one a second)
        other = [l for l in lines if not re.match(r"rtos: rtos: (stats t=|rt window )", l) and
                 "__quiet_" not in l and "for i in $(seq" not in l and l != PREFIX.strip()]
        check("... and the VMMs print nothing per message (they are off the data path)",
              not other, f"{len(other)} other lines: {other[:6]}")
        out = run("echo still-alive")
        check("Linux keeps running", "still-alive" in out, out)

        # Linux crashes and the root task starts it again (restart =
        # "always"): the new Linux finds the channel where the old one left
        # its indices, and the RTOS, which ran on, still answers.
        before, _ = stats()
        child.sendline("echo c > /proc/sysrq-trigger")
        i = child.expect([r"roottask: guest linux stopped: [^\r\n]*started again",
                          pexpect.TIMEOUT], timeout=120)
        check("Linux crashed by sysrq is started again", i == 0, child.before[-300:])
        child.expect(PREFIX + r"Enter 'help' for a list of built-in commands", timeout=240)
        wake_shell()
        after, reply = stats()
        check("after Linux's restart, tern-ctl stats answers and the RTOS's count has gone on",
              before and after and after[0] > before[0], f"{before} then {reply}")

        # The RTOS crashes (a hypercall its strict VMM does not answer): the
        # supervisor, below the RTOS's priority, stops the RTOS's VMM, takes
        # everything back and starts it again; the new RTOS passes its
        # self-tests and serves the channel. Nothing of the old one runs on
        # (its VMM would say so about its guest's thread or its endpoint).
        child.sendline("tern-ctl --raw crash")
        i = child.expect([r"roottask: guest rtos stopped: [^\r\n]*started again",
                          pexpect.TIMEOUT], timeout=120)
        crash_log = child.before
        check("the RTOS crashed through the channel is stopped and started again", i == 0,
              crash_log[-300:])
        i = child.expect([r"rtos: rtos: self-tests done: 0 failed", pexpect.TIMEOUT], timeout=120)
        crash_log += child.before
        check("... the new RTOS passes its self-tests", i == 0, child.before[-300:])
        stray = re.findall(r"rtos: (unexpected message[^\r\n]*|the VMM's exit endpoint is gone[^\r\n]*)",
                           crash_log)
        check("... and nothing of the old RTOS or its VMM ran during the take-back", not stray,
              stray[:3])
        for attempt in range(10):
            restarted, reply = stats()
            if restarted:
                break
            time.sleep(1)
        check("after the RTOS's restart, tern-ctl stats answers again", restarted is not None, reply)
    except (pexpect.TIMEOUT, pexpect.EOF, OSError, ValueError) as e:
        check("the guests and QEMU's monitor answer", False,
              "\n".join(l for l in (child.before or "").split("\n") if "rtos: stats t=" not in l)[-1500:] + " " + type(e).__name__)
    finally:
        machine.close()

    return checks.finish("channel", args.results, f"channel-{args.board}")


if __name__ == "__main__":
    sys.exit(main())
