#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Boot test of a board whose kernel runs in SVC (the Cortex-A9's), in QEMU.

What a person booting it would look at: the banner (version, board, CPU,
SVC mode from Secure and from Non-secure SVC, RAM, the MPCore timers, a GIC
without virtualization interface, guests to be paravirtualized), ticks that
advance about a second apart, and the reports of an undefined instruction
and of a kernel stack overflow in test builds. User threads are not on this
variant yet: the kernel must say so instead of starting a root task.
Ends with 'boot-BOARD: N passed, M failed'.
"""
import argparse
import io
import shlex
import sys

from test_boot import Runner, expect_line, machine_with, spawn, symbol_address, tail


def test_normal_boot(r, args, flags, secure):
    child = spawn(args.qemu, machine_with(flags, secure=secure), args.heartbeat_elf)
    console = io.StringIO()
    child.logfile_read = console
    entered = "Secure SVC" if secure == "on" else "Non-secure SVC"
    try:
        if secure == "on":
            m = expect_line(child, r"Tern (\d+\.\d+\.\d+) \(\S+\) microkernel")
            r.check("banner names Tern and its version", m is not None, tail(child))
            m = expect_line(child, r"board\s+(\S+) ")
            r.check("banner names the board", m and m.group(1) == args.board,
                    m.group(0) if m else tail(child))
            m = expect_line(child, r"cpu\s+(Cortex-A\d+) r\dp\d")
            r.check("CPU identified as Cortex-A9", m and m.group(1) == "Cortex-A9",
                    m.group(0) if m else tail(child))
        m = expect_line(child, r"mode\s+(\S+) \(PL1\), entered in ([^\r\n]+)\r*\n")
        r.check(f"secure={secure}: kernel runs in SVC mode, entered in {entered}",
                m and m.group(1) == "SVC" and m.group(2).strip() == entered,
                m.group(0) if m else tail(child))
        if secure == "on":
            m = expect_line(child, r"ram\s+(\d+) MiB at 0x([0-9a-f]+)")
            r.check(f"RAM size is {args.ram_mib} MiB", m and int(m.group(1)) == args.ram_mib,
                    m.group(0) if m else tail(child))
            m = expect_line(child, r"timer\s+(\d+) Hz counter, Cortex-A9 private timer tick")
            r.check("clock at 100 MHz (the MPCore's global timer), tick from the private timer",
                    m and m.group(1) == "100000000", m.group(0) if m else tail(child))
            m = expect_line(child, r"gic\s+GICv2, (\d+) interrupt lines, virtualization "
                            r"interface (\S+)\r*\n")
            r.check("GIC without the virtualization interface",
                    m and m.group(2) == "absent", m.group(0) if m else tail(child))
            m = expect_line(child, r"vcpu\s+([^\r\n]+)\r*\n")
            r.check("banner says guests will be paravirtualized",
                    m and "paravirtualized" in m.group(1), m.group(0) if m else tail(child))
            m = expect_line(child, r"tern: no root task started: ([^\r\n]+)\r*\n")
            r.check("no root task yet, and the kernel says why (user threads on SVC)",
                    m and "not implemented yet" in m.group(1), m.group(0) if m else tail(child))
        uptimes = []
        for n in (1, 2, 3):
            m = expect_line(child, rf"tick {n}: uptime (\d+)\.(\d+) s")
            if not m:
                break
            uptimes.append(int(m.group(1)) * 1000 + int(m.group(2)))
        r.check(f"secure={secure}: three ticks arrive, about a second apart",
                len(uptimes) == 3 and all(900 <= b - a <= 1100 for a, b in zip(uptimes, uptimes[1:])),
                str(uptimes) + tail(child))
    finally:
        child.terminate(force=True)


def test_exception_report(r, args, flags):
    insn = symbol_address(args.undef_elf, "arch_selftest_undef_insn")
    child = spawn(args.qemu, flags, args.undef_elf)
    try:
        m = expect_line(child, r"unexpected exception in the kernel: ([^\r\n]+)\r*\n")
        r.check("exception report names an undefined instruction",
                m and m.group(1).strip() == "undefined instruction",
                m.group(0) if m else tail(child))
        m = expect_line(child, r"taken from (\S+) mode at PC ([0-9a-f]{8})")
        r.check("report gives SVC mode and the PC of the faulting instruction",
                m and m.group(1) == "SVC" and int(m.group(2), 16) == insn,
                (m.group(0) + f" (expected PC {insn:08x})") if m else tail(child))
        m = expect_line(child, r"sp\s+([0-9a-f]{8})\s+lr\s+([0-9a-f]{8})")
        regs = (child.before or "")
        r.check("report lists all registers",
                m is not None and all(f"r{i} " in regs for i in range(13)), tail(child))
        m = expect_line(child, r"System halted")
        r.check("kernel halts after the report", m is not None, tail(child))
    finally:
        child.terminate(force=True)


def test_stack_overflow(r, args, flags):
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
        m = expect_line(child, r"DFSR ([0-9a-f]{8}): ([^,]+) on a (\S+), DFAR ([0-9a-f]{8})\r*\n")
        r.check("the report decodes DFSR: a translation fault on a write in the guard page",
                m and m.group(2).startswith("translation fault") and m.group(3) == "write"
                and guard <= int(m.group(4), 16) < guard + 4096,
                m.group(0) if m else tail(child))
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
    ap.add_argument("--heartbeat-elf", required=True,
                    help="the kernel with CONFIG_HEARTBEAT_SECONDS=1")
    ap.add_argument("--undef-elf", required=True)
    ap.add_argument("--overflow-elf", required=True,
                    help="a build that overflows the kernel stack (CONFIG_SELFTEST_STACK_OVERFLOW)")
    ap.add_argument("--results")
    args = ap.parse_args()
    flags = shlex.split(args.qemu_flags)

    r = Runner(args.board)
    print(f"boot test: {args.board} ({' '.join(flags)})")
    test_normal_boot(r, args, flags, "on")
    test_normal_boot(r, args, flags, "off")
    test_exception_report(r, args, flags)
    test_stack_overflow(r, args, flags)

    if args.results:
        with open(args.results, "w") as f:
            f.write(f"boot-{args.board} {r.passed} {r.failed}\n")
    print(f"boot-{args.board}: {r.passed} passed, {r.failed} failed")
    return 0 if r.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
