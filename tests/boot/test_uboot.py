#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Tern booted through U-Boot the way a dev board boots it, in QEMU virt
with Debian's U-Boot (u-boot-qemu's qemu_arm) as the firmware.

Each boot path is followed on the console, in order: U-Boot's banner, its
distro boot finding Tern's boot script (on the SD-card image, or over
QEMU's TFTP server after dhcp), the FIT's hashes checked and the boot
loader's device tree chosen, Tern's banner saying it runs on the device
tree it got from U-Boot (QEMU's generated tree, not the built-in one), and
the Linux guest's shell answering a command. Paths: the SD card with
secure=off (U-Boot enters Tern in HYP) and secure=on (in Secure SVC: Tern
goes to HYP through Monitor mode itself), and the network. Then damaged
FITs (a changed byte, a file cut in half) must be refused by U-Boot with
its own message, and Tern must not start.

Ends with 'uboot-BOARD: N passed, M failed'; --results FILE gets
'uboot-BOARD N M' (tests/summary.py).
"""
import argparse
import io
import os
import re
import shlex
import sys

import pexpect

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "guest"))
from console_checks import Checks, shell  # noqa: E402
from boot_checks import machine_with  # noqa: E402  (this folder: the boot tests' own helpers)

UBOOT_TIMEOUT = 60     # to U-Boot's banner and through distro boot to bootm
TERN_TIMEOUT = 60      # from bootm to Tern's banner
SHELL_TIMEOUT = 300    # from Tern's banner to the guest's shell (two guests boot)
PREFIX = "linux: "


def check(r, name, ok, detail=""):
    """Checks.check, returning whether it passed (to stop a path early)."""
    r.check(name, bool(ok), detail)
    return bool(ok)


def disk_flags(image):
    return ["-drive", f"if=none,file={image},format=raw,id=sd,readonly=on",
            "-device", "virtio-blk-device,drive=sd"]


def tftp_flags(directory):
    return ["-netdev", f"user,id=net0,tftp={directory}", "-device", "virtio-net-device,netdev=net0"]


def spawn(qemu, flags):
    return pexpect.spawn(qemu, flags, encoding="utf-8", codec_errors="replace",
                         timeout=UBOOT_TIMEOUT,
                         env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})


def expect(child, pattern, timeout):
    """The match of pattern (a regex) further on the console, or None."""
    try:
        child.expect(pattern, timeout=timeout)
        return child.match
    except (pexpect.TIMEOUT, pexpect.EOF):
        return None


def tail(child):
    return (child.before or "")[-400:].replace("\r", "")


def stop(child):
    if child.isalive():
        child.terminate(force=True)


def follow_boot(r, name, child, args, entry_state, source):
    """Checks one boot path from U-Boot's banner to the guest's shell."""
    m = expect(child, r"U-Boot (\d{4}\.\d\d)\S* \(", UBOOT_TIMEOUT)
    if not check(r, f"{name}: U-Boot's banner", m, tail(child)):
        return
    if source == "sdcard":
        m = expect(child, r"Found U-Boot script /boot\.scr", UBOOT_TIMEOUT)
        check(r, f"{name}: distro boot finds boot.scr on the SD card's FAT partition", m, tail(child))
    else:
        m = expect(child, r"Filename 'boot\.scr\.uimg'\.", UBOOT_TIMEOUT)
        check(r, f"{name}: dhcp, then boot.scr.uimg over TFTP", m, tail(child))
        m = expect(child, r"Filename 'tern\.itb'\.\s+Load address: (0x[0-9a-f]+)\r*\n", UBOOT_TIMEOUT)
        check(r, f"{name}: tern.itb over TFTP", m, tail(child))
    m = expect(child, r"Using 'loader-fdt' configuration", UBOOT_TIMEOUT)
    check(r, f"{name}: bootm takes the FIT's configuration for the boot loader's device tree", m,
            tail(child))
    m = expect(child, r"Verifying Hash Integrity \.\.\. sha256\+ OK", UBOOT_TIMEOUT)
    check(r, f"{name}: U-Boot checks the kernel's sha256", m, tail(child))
    m = expect(child, r"Booting using the fdt blob at (0x[0-9a-f]+)\r*\n", UBOOT_TIMEOUT)
    fdt_addr = int(m.group(1), 16) if m else None
    check(r, f"{name}: bootm passes U-Boot's own device tree", m, tail(child))
    m = expect(child, r"Starting kernel \.\.\.", UBOOT_TIMEOUT)
    check(r, f"{name}: bootm starts the kernel", m, tail(child))

    m = expect(child, r"Tern (\d+\.\d+\.\d+) \(\S+\) microkernel", TERN_TIMEOUT)
    if not check(r, f"{name}: Tern's banner after U-Boot's", m, tail(child)):
        return
    m = expect(child, r"mode\s+HYP \(PL2, non-secure\), entered in ([^\r\n]+)\r*\n", 10)
    check(r, f"{name}: Tern runs in HYP, entered in {entry_state}",
            m and m.group(1).strip() == entry_state, m.group(1) if m else tail(child))
    m = expect(child, r"dtb\s+([^\r\n]+)\r*\n", 10)
    line = m.group(1).strip() if m else ""
    got = re.match(r"from the boot loader at (0x[0-9a-f]+) \((\d+) bytes\)", line)
    check(r, f"{name}: Tern's banner names the device tree from U-Boot (r2)",
            got and fdt_addr is not None and int(got.group(1), 16) == fdt_addr,
            f"banner: '{line}', U-Boot's fdt at {fdt_addr and hex(fdt_addr)}")
    # QEMU's generated tree, not the build's dts/virt.dts (the FIT's other
    # configuration): the two have the same model, not the same size
    check(r, f"{name}: the tree is QEMU's generated one, not {args.board_dtb}",
            got and int(got.group(2)) != os.path.getsize(args.board_dtb),
            f"{line}; {args.board_dtb} has {os.path.getsize(args.board_dtb)} bytes")
    m = expect(child, PREFIX + r"Enter 'help' for a list of built-in commands", SHELL_TIMEOUT)
    if not check(r, f"{name}: the Linux guest's shell", m, tail(child)):
        return
    run = shell(child, PREFIX)
    try:
        out = run("uname -sm; cat /proc/cmdline")
        check(r, f"{name}: the guest's shell runs a command", "Linux armv7l" in out, out[-300:])
    except (pexpect.TIMEOUT, pexpect.EOF):
        check(r, f"{name}: the guest's shell runs a command", False, tail(child))


def test_boot(r, args, name, extra_flags, secure, source):
    flags = machine_with(args.flags, secure=secure) + extra_flags
    child = spawn(args.qemu, flags)
    log = io.StringIO()
    child.logfile_read = log
    try:
        follow_boot(r, name, child, args,
                    "Secure SVC" if secure == "on" else "Non-secure HYP", source)
    finally:
        stop(child)
        save_log(args, name, log.getvalue())


def test_by_hand(r, args, name, command, u_boot_steps):
    """A boot typed at U-Boot's prompt, as on a board without distro boot:
    the files over TFTP, then bootm; U-Boot's lines, then Tern's banner
    with a device tree from the boot loader, then its root task."""
    child = spawn(args.qemu, args.flags + tftp_flags(f"{args.uboot_out}/tftp"))
    log = io.StringIO()
    child.logfile_read = log
    try:
        m = expect(child, r"Hit any key to stop autoboot", UBOOT_TIMEOUT)
        if not check(r, f"{name}: U-Boot's autoboot countdown", m, tail(child)):
            return
        child.send(" ")
        m = expect(child, r"=> ", 10)
        if not check(r, f"{name}: U-Boot's prompt", m, tail(child)):
            return
        child.sendline(f"setenv autoload no; dhcp; {command}")
        steps = [(pattern, UBOOT_TIMEOUT, what) for pattern, what in u_boot_steps] + [
            (r"Tern (\d+\.\d+\.\d+) \(\S+\) microkernel", TERN_TIMEOUT, "Tern's banner"),
            (r"dtb\s+from the boot loader at 0x[0-9a-f]+ \(\d+ bytes\)\r*\n", 10,
             "Tern uses the device tree from U-Boot"),
            (r"tern: starting the root task", 30, "Tern starts its root task")]
        for pattern, timeout, what in steps:
            if not check(r, f"{name}: {what}", expect(child, pattern, timeout), tail(child)):
                break
    finally:
        stop(child)
        save_log(args, name, log.getvalue())


def test_refused(r, args, name, image, messages):
    """A damaged FIT: U-Boot says why and returns to its prompt; no Tern."""
    child = spawn(args.qemu, args.flags + disk_flags(image))
    log = io.StringIO()
    child.logfile_read = log
    try:
        m = expect(child, r"U-Boot (\d{4}\.\d\d)\S* \(", UBOOT_TIMEOUT)
        check(r, f"{name}: U-Boot's banner", m, tail(child))
        m = expect(child, r"## Loading kernel from FIT Image", UBOOT_TIMEOUT)
        check(r, f"{name}: boot.scr found, bootm tries the FIT", m, tail(child))
        m = expect(child, "|".join(re.escape(s) for s in messages), UBOOT_TIMEOUT)
        check(r, f"{name}: U-Boot refuses it", m, tail(child))
        # distro boot goes on to its other targets and ends at the prompt
        expect(child, r"\n=> ", UBOOT_TIMEOUT)
        text = log.getvalue()
        check(r, f"{name}: Tern does not start",
                "Starting kernel" not in text and "microkernel and microhypervisor" not in text,
                text[-400:])
    finally:
        stop(child)
        save_log(args, name, log.getvalue())


def save_log(args, name, text):
    os.makedirs(args.log_dir, exist_ok=True)
    file_name = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + ".log"
    with open(os.path.join(args.log_dir, file_name), "w") as f:
        f.write(text.replace("\r", ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--board", required=True)
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--qemu-flags", required=True,
                    help="the board's QEMU flags with -bios u-boot.bin (secure=off)")
    ap.add_argument("--uboot-out", required=True,
                    help="the build's uboot/ directory: sdcard.img, tftp/, bad-hash/, truncated/")
    ap.add_argument("--board-dtb", required=True, help="the build's device tree (dts/virt.dts)")
    ap.add_argument("--results")
    args = ap.parse_args()
    args.flags = shlex.split(args.qemu_flags)
    args.log_dir = os.path.join(args.uboot_out, "test-logs")
    u = args.uboot_out
    # where boot.scr loads the FIT: free RAM above Tern's image
    with open(f"{u}/boot.cmd") as f:
        args.fit_addr = re.search(r"setenv tern_fit_addr (\S+)", f.read()).group(1)

    r = Checks()
    print(f"U-Boot boot test on {args.board} (console logs in {args.log_dir})")
    test_boot(r, args, "sdcard secure=off", disk_flags(f"{u}/sdcard.img"), "off", "sdcard")
    test_boot(r, args, "sdcard secure=on", disk_flags(f"{u}/sdcard.img"), "on", "sdcard")
    test_boot(r, args, "tftp", tftp_flags(f"{u}/tftp"), "off", "tftp")
    # the legacy uImage, with U-Boot's tree as bootm's third argument
    test_by_hand(r, args, "legacy uImage by hand",
                 f"tftpboot {args.fit_addr} tern.uImage; bootm {args.fit_addr} - ${{fdt_addr}}",
                 [(r"Image Name:\s+Tern", "bootm reads the uImage's header"),
                  (r"Verifying Checksum \.\.\. OK", "U-Boot checks its CRC")])
    # the FIT's default configuration: the build's device tree from the FIT
    test_by_hand(r, args, "FIT with its own device tree by hand",
                 f"tftpboot {args.fit_addr} tern.itb; bootm {args.fit_addr}",
                 [(r"Using 'board' configuration", "bootm takes the FIT's default configuration"),
                  (r"Verifying Hash Integrity \.\.\. sha256\+ OK", "U-Boot checks the kernel's sha256"),
                  (r"Loading fdt from 0x[0-9a-f]+ to 0x[0-9a-f]+|Booting using the fdt blob",
                   "bootm passes the FIT's device tree")])
    test_refused(r, args, "bad hash", f"{u}/bad-hash/sdcard.img",
                 ["Bad hash value for 'hash-1' hash node in 'tern' image node"])
    test_refused(r, args, "truncated", f"{u}/truncated/sdcard.img",
                 ["Bad FIT kernel image format!", "Bad Data Hash", "Bad hash value"])
    return r.finish(f"uboot-{args.board}", args.results)


if __name__ == "__main__":
    sys.exit(main())
