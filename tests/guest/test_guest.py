#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Boots Tern with its VMM and the Linux guest and checks, through the
console, what a user would: Linux starts on the VCPU, its timer ticks, the
shell runs commands, files and processes work, a bad access from the guest
is the guest's problem, and poweroff ends the guest cleanly with the VMM's
report. Then images with a corrupted zImage and a malformed DTB: the VMM
refuses each with a message naming the problem. Ends with
'guest-linux: N passed, M failed'."""
import argparse
import re
import shlex
import sys

import pexpect

from console_checks import Checks, shell
PREFIX = "linux: "


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--qemu-flags", required=True)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--bad-zimage-elf", required=True)
    ap.add_argument("--bad-dtb-elf", required=True)
    ap.add_argument("--board", required=True)
    ap.add_argument("--results")
    args = ap.parse_args()

    checks = Checks()
    check = checks.check

    def spawn(elf):
        return pexpect.spawn(args.qemu, shlex.split(args.qemu_flags) + ["-kernel", elf],
                             encoding="utf-8", codec_errors="replace", timeout=180,
                             env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})

    print(f"Linux guest on Tern ({args.board})")
    child = spawn(args.elf)
    run = shell(child, PREFIX)

    try:
        i = child.expect([r"vcpu\s+guests run on the virtualization extensions", pexpect.TIMEOUT],
                         timeout=30)
        check("the kernel can run guests (virtualization interface found)", i == 0, child.before)
        i = child.expect([PREFIX + r"booting linux/zImage", pexpect.TIMEOUT], timeout=60)
        check("the VMM loads the zImage from the boot archive", i == 0, child.before)
        i = child.expect([PREFIX + r"\[[ \d.]+\] Linux version (6\.1\.\S+)", pexpect.TIMEOUT])
        check("Debian's Linux 6.1 starts on the VCPU, its console through the VMM", i == 0,
              child.before)
        i = child.expect([PREFIX + r"tern-guest: init running on (\S+) \((\S+)\)", pexpect.TIMEOUT])
        check("the initramfs's init runs", i == 0, child.before)
        child.expect(PREFIX + r"Enter 'help' for a list of built-in commands")
        out = run("uname -a")
        check("uname -a names Linux and armv7l", "Linux" in out and "armv7l" in out, out)
        first = run("grep arch_timer /proc/interrupts")
        run("sleep 2")
        second = run("grep arch_timer /proc/interrupts")
        counts = [sum(int(x) for x in re.findall(r"^\s*\d+:\s+(\d+)", o, re.M)) for o in (first, second)]
        check("the virtual timer's interrupt count rises", counts[1] > counts[0] > 0,
              f"{counts}: {first} / {second}")
        out = run("dd if=/dev/urandom of=/tmp/a bs=4096 count=1024 2>/dev/null; cp /tmp/a /tmp/b; "
                  "ls -l /tmp/b; md5sum /tmp/a /tmp/b", timeout=120)
        sums = re.findall(r"^([0-9a-f]{32})\s+/tmp/[ab]$", out, re.M)
        size = re.search(r"\s(\d+)\s+\w{3}\s+\d+\s+[\d:]+\s+/tmp/b", out)
        check("a 4 MiB file is written, copied and read back with the same checksum",
              len(sums) == 2 and sums[0] == sums[1] and size and int(size.group(1)) == 4 << 20, out)
        out = run("awk 'BEGIN { printf \"%.6f\\n\", 355 / 113 }'")
        check("floating point in the guest (hard-float busybox on the VFP)", "3.141593" in out, out)
        out = run("echo $((6 * 7)) | cat | tr 4 x")
        check("a pipeline", "x2" in out, out)
        out = run("i=0; while [ $i -lt 100 ]; do /bin/true || break; i=$((i + 1)); done; "
                  "echo forks=$i", timeout=120)
        check("100 forks and execs", "forks=100" in out, out)
        out = run("devmem 0x30000000 32; echo status=$?")
        check("a user read of an unmapped physical address fails in the guest",
              re.search(r"status=(1\d\d|[1-9]\b)", out) is not None, out)
        check("... and the VMM names the address it refused",
              "unmapped guest physical address 0x30000000" in child.before + out, out)
        out = run("echo still-alive")
        check("the guest keeps running after the bad access", "still-alive" in out, out)
        child.sendline("poweroff -f")
        i = child.expect([PREFIX + r"guest stopped: powered off", pexpect.TIMEOUT], timeout=60)
        check("poweroff ends the guest and the VMM reports a clean exit", i == 0, child.before)
        i = child.expect([PREFIX + r"exits to the VMM:(.*) total (\d+)", pexpect.TIMEOUT], timeout=10)
        check("the VMM prints its exit counts by class", i == 0 and int(child.match.group(2)) > 0,
              child.before)
        if i == 0:
            print("      " + child.match.group(0).strip())
        i = child.expect([PREFIX + r"handled in the kernel:[^\r\n]*VFP taken (\d+) times", pexpect.TIMEOUT],
                         timeout=10)
        check("the guest took the VFP unit (lazily, on its first use)",
              i == 0 and int(child.match.group(1)) >= 1, child.before)
        child.send("\r")
        i = child.expect([PREFIX + r"the guest has stopped \(powered off[^\r\n]*\); nothing reads",
                          pexpect.TIMEOUT], timeout=10)
        check("the system keeps running after the guest stopped (its VMM answers the console)",
              i == 0, child.before)
    except (pexpect.TIMEOUT, pexpect.EOF) as e:
        check("the guest's console answers", False, type(e).__name__ + ": " + (child.before or ""))
    finally:
        child.terminate(force=True)

    for name, elf, pattern in (
            ("a corrupted zImage is refused, naming the problem", args.bad_zimage_elf,
             PREFIX + r"linux/zImage: not a zImage \(no magic"),
            ("a malformed DTB is refused, naming the problem", args.bad_dtb_elf,
             PREFIX + r"cannot boot: .*(magic|size|block|version|truncat)")):
        child = spawn(elf)
        try:
            i = child.expect([pattern, r"Linux version", pexpect.TIMEOUT], timeout=60)
            check(name, i == 0, child.before)
            if i == 0:
                print("      " + child.match.group(0).strip()[:120])
        finally:
            child.terminate(force=True)

    return checks.finish("guest-linux", args.results, f"guest-linux-{args.board}")


if __name__ == "__main__":
    sys.exit(main())
