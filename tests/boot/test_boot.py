#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Boot test of one board in QEMU, driven through its console with pexpect.

Checks what a person booting Tern would look at: the banner (version, board,
CPU, HYP mode, RAM, timer, GIC), a tick that advances, the switch to HYP
from Secure SVC where the board can start there, the message when HYP is
unreachable, and the report of an unexpected exception in a test build.
Ends with 'boot-BOARD: N passed, M failed'.
"""
import argparse
import io
import re
import shlex
import subprocess
import sys

import pexpect

BOOT_TIMEOUT = 30


class Runner:
    def __init__(self, board):
        self.board = board
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"  ok    {name}")
        else:
            self.failed += 1
            print(f"  FAIL  {name}{': ' + detail if detail else ''}")
        return ok


def machine_with(flags, **options):
    """The QEMU flags with machine options (-M name,key=value) replaced."""
    out = list(flags)
    i = out.index("-M")
    parts = out[i + 1].split(",")
    name, opts = parts[0], dict(p.split("=", 1) for p in parts[1:])
    opts.update(options)
    out[i + 1] = ",".join([name] + [f"{k}={v}" for k, v in opts.items()])
    return out


def spawn(qemu, flags, elf):
    args = flags + ["-kernel", elf]
    return pexpect.spawn(qemu, args, encoding="utf-8", codec_errors="replace",
                         timeout=BOOT_TIMEOUT, env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})


def expect_line(child, pattern, timeout=BOOT_TIMEOUT):
    """The first console line matching pattern (a regex), or None."""
    try:
        child.expect(pattern, timeout=timeout)
        return child.match
    except (pexpect.TIMEOUT, pexpect.EOF):
        return None


def tail(child):
    return (child.before or "")[-400:].replace("\r", "")


def test_normal_boot(r, args, flags):
    # the configured kernel with a heartbeat line every second (the ticks)
    child = spawn(args.qemu, flags, args.heartbeat_elf)
    console = io.StringIO()
    child.logfile_read = console
    try:
        m = expect_line(child, r"Tern (\d+\.\d+\.\d+) \(\S+\) microkernel")
        r.check("banner names Tern and its version", m is not None, tail(child))
        m = expect_line(child, r"board\s+(\S+) ")
        r.check("banner names the board", m and m.group(1) == args.board,
                m.group(1) if m else tail(child))
        m = expect_line(child, r"cpu\s+(Cortex-A\d+) r\dp\d")
        r.check("CPU identified as Cortex-A15", m and m.group(1) == "Cortex-A15",
                m.group(1) if m else tail(child))
        m = expect_line(child, r"mode\s+(\S+) \(PL2, non-secure\), entered in ([^\r\n]+)\r*\n")
        r.check("kernel runs in HYP mode", m and m.group(1) == "HYP", tail(child))
        m = expect_line(child, r"ram\s+(\d+) MiB at 0x([0-9a-f]+)")
        r.check(f"RAM size is {args.ram_mib} MiB", m and int(m.group(1)) == args.ram_mib,
                m.group(0) if m else tail(child))
        m = expect_line(child, r"timer\s+(\d+) Hz counter, HYP physical timer tick at (\d+) Hz")
        r.check("timer runs at 62.5 MHz (QEMU's generic timer)", m and m.group(1) == "62500000",
                m.group(0) if m else tail(child))
        m = expect_line(child, r"gic\s+GICv2, (\d+) interrupt lines, virtualization interface "
                               r"present \((\d+) list registers\)")
        r.check("GIC has the virtualization interface with 4 list registers",
                m and m.group(2) == "4", m.group(0) if m else tail(child))
        m = expect_line(child, r"roottask: hello from user space on (\S+)\r*\n")
        r.check("root task runs in user mode and prints through the debug syscall",
                m and m.group(1) == args.board, tail(child))
        m = expect_line(child, r"roottask: (\d+) MiB of RAM, (\d+) MiB free for user space")
        r.check("root task reads its boot info (RAM size)",
                m and int(m.group(1)) == args.ram_mib and 0 < int(m.group(2)) < args.ram_mib,
                m.group(0) if m else tail(child))
        m = expect_line(child, r"roottask: done, (suspending itself|supervising \d+ guests)")
        r.check("root task survives three yields, then supervises its guests (or, with none, "
                "suspends itself)", m is not None,
                tail(child))
        uptimes = []
        for n in (1, 2, 3):
            m = expect_line(child, rf"tick {n}: uptime (\d+)\.(\d+) s")
            if not m:
                break
            uptimes.append(int(m.group(1)) * 1000 + int(m.group(2)))
        r.check("three ticks arrive", len(uptimes) == 3, tail(child))
        r.check("uptime advances by about a second per tick",
                len(uptimes) == 3 and all(900 <= b - a <= 1100 for a, b in zip(uptimes, uptimes[1:])),
                str(uptimes))
        faults = re.findall(r"tern: thread [^\r\n]*", console.getvalue())
        r.check("no thread faults during boot", not faults, faults)
    finally:
        child.terminate(force=True)


def test_secure_entry(r, args, flags):
    child = spawn(args.qemu, machine_with(flags, secure="on"), args.heartbeat_elf)
    try:
        m = expect_line(child, r"mode\s+(\S+) \(PL2, non-secure\), entered in ([^\r\n]+)\r*\n")
        r.check("secure=on: entered in Secure SVC and switched to HYP",
                m and m.group(1) == "HYP" and m.group(2).strip() == "Secure SVC",
                m.group(0) if m else tail(child))
        m = expect_line(child, r"tick 1: uptime")
        r.check("secure=on: ticks after the switch (interrupts handed to Non-secure)",
                m is not None, tail(child))
    finally:
        child.terminate(force=True)


def test_hyp_unreachable(r, args, flags):
    child = spawn(args.qemu, machine_with(flags, virtualization="off", secure="off"), args.elf)
    try:
        m = expect_line(child, r"tern: cannot start: ([^\r\n]*HYP mode is unreachable[^\r\n]*)\r*\n")
        r.check("without virtualization: a clear message that HYP is unreachable",
                m is not None, tail(child))
        m = expect_line(child, r"tern: halted\.")
        r.check("without virtualization: the kernel stops", m is not None, tail(child))
    finally:
        child.terminate(force=True)


def symbol_address(elf, name):
    out = subprocess.run(["arm-none-eabi-nm", elf], capture_output=True, text=True, check=True)
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == name:
            return int(parts[0], 16)
    raise SystemExit(f"test_boot.py: {elf} has no symbol {name}")


def test_exception_report(r, args, flags):
    insn = symbol_address(args.undef_elf, "arch_selftest_undef_insn")
    child = spawn(args.qemu, flags, args.undef_elf)
    try:
        m = expect_line(child, r"unexpected exception in the kernel: ([^\r\n]+)\r*\n")
        r.check("exception report names an undefined instruction",
                m and m.group(1).strip() == "undefined instruction",
                m.group(0) if m else tail(child))
        m = expect_line(child, r"taken from (\S+) mode at PC ([0-9a-f]{8})")
        r.check("report gives HYP mode and the PC of the faulting instruction",
                m and m.group(1) == "HYP" and int(m.group(2), 16) == insn,
                (m.group(0) + f" (expected PC {insn:08x})") if m else tail(child))
        m = expect_line(child, r"HSR ([0-9a-f]{8}): class 0x([0-9a-f]{2}) = ([^,]+),")
        r.check("report decodes HSR's exception class",
                m and int(m.group(2), 16) == 0 and "undefined instruction" in m.group(3),
                m.group(0) if m else tail(child))
        m = expect_line(child, r"sp\s+([0-9a-f]{8})\s+lr\s+([0-9a-f]{8})")
        regs = (child.before or "")
        r.check("report lists all registers",
                m is not None and all(f"r{i} " in regs for i in range(13)), tail(child))
        m = expect_line(child, r"System halted")
        r.check("kernel halts after the report", m is not None, tail(child))
        m = expect_line(child, r"tick \d+:", timeout=3)
        r.check("no tick after the halt", m is None)
    finally:
        child.terminate(force=True)


def test_release_build(r, args, flags):
    child = spawn(args.qemu, flags, args.release_elf)
    try:
        m = expect_line(child, r"tern: thread roottask: unknown system call (\d+)")
        r.check("release build: the debug console system call is compiled out",
                m and int(m.group(1)) == 8, tail(child))
        m = expect_line(child, r"roottask: hello", timeout=3)
        r.check("release build: user programs cannot print on the console", m is None)
    finally:
        child.terminate(force=True)


def test_stack_overflow(r, args, flags):
    """A kernel stack overflow stops at the guard page with a report naming it."""
    guard = symbol_address(args.overflow_elf, "boot_stack_guard")
    child = spawn(args.qemu, flags, args.overflow_elf)
    try:
        m = expect_line(child, r"unexpected exception in the kernel: ([^\r\n]+)\r*\n")
        r.check("stack overflow: a data abort in the kernel",
                m and m.group(1).strip() == "data abort", m.group(0) if m else tail(child))
        m = expect_line(child, r"kernel stack overflow: SP ([0-9a-f]{8}) reached the guard page")
        r.check("the report names the stack overflow, SP in the guard page",
                m and guard <= int(m.group(1), 16) < guard + 4096,
                (m.group(0) + f" (guard page at {guard:08x})") if m else tail(child))
        m = expect_line(child, r"System halted")
        r.check("kernel halts after the overflow report", m is not None, tail(child))
    finally:
        child.terminate(force=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--board", required=True)
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--qemu-flags", required=True)
    ap.add_argument("--ram-mib", type=int, required=True)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--heartbeat-elf", required=True,
                    help="the same kernel with CONFIG_HEARTBEAT_SECONDS=1")
    ap.add_argument("--undef-elf", required=True)
    ap.add_argument("--overflow-elf", required=True,
                    help="a build that overflows the kernel stack (CONFIG_SELFTEST_STACK_OVERFLOW)")
    ap.add_argument("--elf-user", required=True, help="the root task's ELF file")
    ap.add_argument("--release-elf", required=True, help="a build without the debug console")
    ap.add_argument("--results")
    args = ap.parse_args()
    flags = shlex.split(args.qemu_flags)

    r = Runner(args.board)
    print(f"boot test: {args.board} ({' '.join(flags)})")
    test_normal_boot(r, args, flags)
    if args.board == "vexpress-a15":
        test_secure_entry(r, args, flags)
    test_hyp_unreachable(r, args, flags)
    test_exception_report(r, args, flags)
    test_stack_overflow(r, args, flags)
    test_release_build(r, args, flags)

    if args.results:
        with open(args.results, "w") as f:
            f.write(f"boot-{args.board} {r.passed} {r.failed}\n")
    print(f"boot-{args.board}: {r.passed} passed, {r.failed} failed")
    return 0 if r.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
