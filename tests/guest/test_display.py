#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Boots Tern with the Linux guest on a board with a PL111 and checks the
shared display through QEMU's screenshots (tests/demo/screenshot.py): the
root task turns the CLCD on at 640x480 scanning out its framebuffer; Linux
finds its window as a simple-framebuffer and fbcon draws into the top part
only; text written to the guest's tty0 appears there; the RTOS draws its video
into its window (the bottom part), and when Linux writes to the guest
physical addresses next to its window, that fails in the guest (SIGBUS)
with the VMM naming the address, and no pixel of the RTOS's window takes
the colour written. QEMU runs with
`-display none` and its monitor on a unix socket; the serial console stays
on stdio. Ends with 'display: N passed, M failed'."""
import argparse
import os
import re
import sys

import pexpect

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "demo"))
import screenshot  # noqa: E402
from console_checks import Checks, shell  # noqa: E402

PREFIX = "linux: "
WIDTH, HEIGHT = 640, 480
# The PL111's CONTROL register (offset 0x18) with LcdEn, 24 bpp in 32, TFT,
# BGR and LcdPwr: the mode the root task programs (DESIGN.md).
CONTROL_ON = 0x92b


# What Linux writes where the RTOS's pixels would be: a colour the RTOS
# never draws, so finding it in the RTOS's window would show the write.
MARK = 0x123456

def display_header_value(name):
    """A constant of roottask/display.h: the one place it is written."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "roottask",
                        "display.h")
    m = re.search(rf"#define {name} (0x[0-9a-fA-F]+|\d+)u", open(path).read())
    if not m:
        sys.exit(f"test_display.py: no {name} in {path}")
    return int(m.group(1), 0)


def read_word(monitor, paddr):
    """A 32-bit word of the machine's physical address space (a device
    register too), through the monitor."""
    out = monitor.command(f"xp /1xw {paddr:#x}")
    m = re.search(r":\s*(0x[0-9a-fA-F]+)", out)
    return int(m.group(1), 16) if m else None


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
    background = display_header_value("DISPLAY_BACKGROUND")

    checks = Checks()
    check = checks.check
    print(f"Shared display on Tern ({args.board})")
    machine = screenshot.Machine(args.qemu, args.qemu_flags, args.elf, args.out, "tern-display-")
    child, shot = machine.child, machine.shot
    run = shell(child, PREFIX)

    try:
        i = child.expect([r"roottask: display: PL111 at 0x([0-9a-f]+), (\d+)x(\d+) 32 bpp at "
                          r"0x([0-9a-f]+); windows: top lines (\d+)-(\d+) at 0x[0-9a-f]+, "
                          r"bottom lines (\d+)-(\d+) at 0x([0-9a-f]+)",
                          r"roottask: display: [^\r\n]*\r\n", pexpect.TIMEOUT], timeout=60)
        check("the root task takes the CLCD and a framebuffer and reports the windows", i == 0,
              child.after if i == 1 else child.before)
        if i != 0:
            raise pexpect.EOF("no display")
        clcd, fb = int(child.match.group(1), 16), int(child.match.group(4), 16)
        top = (0, int(child.match.group(5)), WIDTH, int(child.match.group(6)) + 1)
        bottom = (0, int(child.match.group(7)), WIDTH, int(child.match.group(8)) + 1)
        check("the windows split the 640x480 screen: Linux's on top, the RTOS's below",
              (int(child.match.group(2)), int(child.match.group(3))) == (WIDTH, HEIGHT) and
              top[1] == 0 and top[3] == bottom[1] and bottom[3] == HEIGHT, child.match.group(0))
        i = child.expect([PREFIX + r"display window (\d+)x(\d+) \(stride (\d+)\) at guest physical "
                          r"0x([0-9a-f]+)", PREFIX + r"display: [^\r\n]*\r\n", pexpect.TIMEOUT],
                         timeout=60)
        check("the VMM maps Linux's window into the guest", i == 0,
              child.after if i == 1 else child.before)
        window_ipa = int(child.match.group(4), 16) if i == 0 else 0x40000000
        window_bytes = (int(child.match.group(2)) * int(child.match.group(3))) if i == 0 else 0
        i = child.expect([PREFIX + r"\[[ \d.]+\] simple-framebuffer \S+: fb0: simplefb registered",
                          PREFIX + r"tern-guest: init running", pexpect.TIMEOUT])
        check("Linux binds simplefb to the node the VMM added", i == 0, child.before)
        child.expect(PREFIX + r"Enter 'help' for a list of built-in commands")

        control = read_word(machine.monitor(), clcd + 0x18)
        upbase = read_word(machine.monitor(), clcd + 0x10)
        check("the CLCD is on (CONTROL 0x92b) and scans out the root task's framebuffer",
              control == CONTROL_ON and upbase == fb,
              f"CONTROL {control}, UPBASE {upbase}, framebuffer {fb:#x}")
        boot = shot("boot")
        check("the screenshot is 640x480", (boot.width, boot.height) == (WIDTH, HEIGHT),
              f"{boot.width}x{boot.height}")
        drawn = boot.count_other_than(top, background)
        check("Linux has drawn its window (fbcon cleared it from the background)",
              drawn > 0.9 * WIDTH * (top[3] - top[1]), f"{drawn} pixels differ")
        video = boot.count_other_than(bottom, background)
        check("the RTOS draws its video into its window (the bottom)",
              video > 0.5 * WIDTH * (bottom[3] - bottom[1]), f"{video} pixels differ")

        run("cat /proc/cpuinfo > /dev/tty0")
        text = shot("cpuinfo")
        ink_colour, paper = text.most_common(top)
        ink = WIDTH * (top[3] - top[1]) - paper
        changed = screenshot.changed(boot, text, top)
        check("Linux's window shows console text (/proc/cpuinfo written to tty0)",
              changed > 2000 and ink > 2000, f"{changed} pixels changed, {ink} not {ink_colour:06x}")
        run("echo hello from the shared display > /dev/tty0")
        typed = shot("typed")
        changed = screenshot.changed(text, typed, top)
        check("typing in the Linux shell changes the top window", changed > 100,
              f"{changed} pixels changed")
        moving = screenshot.changed(boot, typed, bottom)
        check("... while the RTOS's video goes on in its own window", moving > 1000,
              f"{moving} pixels changed")

        # Where the RTOS's lines would be if the guest's window went on:
        # the first byte after it, and its last line.
        rtos_bytes = (bottom[3] - bottom[1]) * window_bytes // max(top[3] - top[1], 1)
        for addr in (window_ipa + window_bytes, window_ipa + window_bytes + rtos_bytes - 4):
            out = run(f"devmem {addr:#x} 32 {MARK:#x}; echo status=$?")
            check(f"a Linux write to {addr:#x} (next to its window) fails in the guest",
                  re.search(r"Bus error|status=(1\d\d|[1-9]\b)", out) is not None, out)
            check("... and the VMM names the address it refused",
                  f"write of unmapped guest physical address {addr:#010x}" in child.before + out, out)
        after = shot("after-writes")
        marked = after.count_of(bottom, MARK)
        check("no pixel of the RTOS's window has the colour Linux wrote", marked == 0,
              f"{marked} pixels of {MARK:06x}")
        out = run("echo still-alive")
        check("the guest keeps running", "still-alive" in out, out)
    except (pexpect.TIMEOUT, pexpect.EOF, OSError, ValueError) as e:
        check("the guest and QEMU's monitor answer", False,
              type(e).__name__ + ": " + str(e) + " " + (child.before or ""))
    finally:
        machine.close()

    return checks.finish("display", args.results, f"display-{args.board}")


if __name__ == "__main__":
    sys.exit(main())
