#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Boots the guest zImage and initramfs natively on QEMU (the baseline of
every later comparison) and checks, through the console, what a person
would: the kernel version, the init, a shell that runs commands, a ticking
timer. Ends with 'native-linux: N passed, M failed'."""
import argparse
import re
import shlex
import sys

import pexpect

from console_checks import Checks, shell


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--qemu-flags", required=True)
    ap.add_argument("--results")
    args = ap.parse_args()

    checks = Checks()
    check = checks.check

    child = pexpect.spawn(args.qemu, shlex.split(args.qemu_flags), encoding="utf-8",
                          codec_errors="replace", timeout=120,
                          env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})

    run = shell(child, default_timeout=30)

    print("native Linux on vexpress-a15")
    try:
        i = child.expect([r"Linux version (6\.1\.\S+)", pexpect.TIMEOUT])
        check("Debian's Linux 6.1 starts", i == 0, (child.before or "")[-300:])
        i = child.expect([r"tern-guest: init running on (\S+) \((\S+)\)", pexpect.TIMEOUT])
        check("the initramfs's init runs", i == 0, (child.before or "")[-300:])
        check("it runs on 32-bit ARM", i == 0 and child.match.group(2) == "armv7l",
              child.match.group(2) if i == 0 else "")
        out = run("uname -a")
        check("uname -a names Linux and armv7l", "Linux" in out and "armv7l" in out, out)
        first = run("grep arch_timer /proc/interrupts")
        run("sleep 1")
        second = run("grep arch_timer /proc/interrupts")
        counts = [sum(int(x) for x in re.findall(r"^\s*\d+:\s+(\d+)", o, re.M)) for o in (first, second)]
        check("the arch timer interrupt count rises", counts[1] > counts[0] > 0, str(counts))
        out = run("echo $((6 * 7)) | cat")
        check("a pipeline in busybox's shell", "42" in out, out)
    except (pexpect.TIMEOUT, pexpect.EOF) as e:
        check("the console answers", False, type(e).__name__ + ": " + (child.before or "")[-300:])
    finally:
        child.terminate(force=True)

    return checks.finish("native-linux", args.results)


if __name__ == "__main__":
    sys.exit(main())
