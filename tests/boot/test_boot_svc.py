#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Boot test of a board whose kernel runs in SVC (the Cortex-A9's), in QEMU.

What a person booting it would look at: the banner (version, board, CPU,
SVC mode from Secure and from Non-secure SVC, RAM, the MPCore timers, a GIC
without virtualization interface, guests to be paravirtualized), ticks that
advance about a second apart, the root task running in user mode (its own
address space, system calls, its boot info), the reports of an undefined
instruction and of a kernel stack overflow in test builds, and a release
build without the debug console.
Ends with 'boot-BOARD: N passed, M failed'.
"""
import io
import sys

from boot_checks import (about_a_second_apart, argument_parser, booted, check_banner_head,
                         check_halt_after_overflow, check_no_thread_faults,
                         check_overflow_report_head, check_ram, check_registers_and_halt,
                         check_release_build, check_roottask, check_undef_report_head,
                         expect_line, finish, machine_with, start, symbol_address, tail,
                         three_ticks)


def test_normal_boot(r, args, flags, secure):
    with booted(args.qemu, machine_with(flags, secure=secure), args.heartbeat_elf) as child:
        console = io.StringIO()
        child.logfile_read = console
        entered = "Secure SVC" if secure == "on" else "Non-secure SVC"
        if secure == "on":
            check_banner_head(r, child, args.board, "Cortex-A9")
        m = expect_line(child, r"mode\s+(\S+) \(PL1\), entered in ([^\r\n]+)\r*\n")
        r.check(f"secure={secure}: kernel runs in SVC mode, entered in {entered}",
                m and m.group(1) == "SVC" and m.group(2).strip() == entered,
                m.group(0) if m else tail(child))
        if secure == "on":
            check_ram(r, child, args.ram_mib)
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
            check_roottask(r, child, args)
        uptimes = three_ticks(child)
        r.check(f"secure={secure}: three ticks arrive, about a second apart",
                about_a_second_apart(uptimes), str(uptimes) + tail(child))
        if secure == "on":
            check_no_thread_faults(r, console)


def test_exception_report(r, args, flags):
    insn = symbol_address(args.undef_elf, "arch_selftest_undef_insn")
    with booted(args.qemu, flags, args.undef_elf) as child:
        check_undef_report_head(r, child, insn, "SVC")
        check_registers_and_halt(r, child)


def test_stack_overflow(r, args, flags):
    guard = symbol_address(args.overflow_elf, "boot_stack_guard")
    with booted(args.qemu, flags, args.overflow_elf) as child:
        check_overflow_report_head(r, child, guard)
        m = expect_line(child, r"DFSR ([0-9a-f]{8}): ([^,]+) on a (\S+), DFAR ([0-9a-f]{8})\r*\n")
        r.check("the report decodes DFSR: a translation fault on a write in the guard page",
                m and m.group(2).startswith("translation fault") and m.group(3) == "write"
                and guard <= int(m.group(4), 16) < guard + 4096,
                m.group(0) if m else tail(child))
        check_halt_after_overflow(r, child)


def main():
    ap = argument_parser()
    ap.add_argument("--heartbeat-elf", required=True,
                    help="the kernel with CONFIG_HEARTBEAT_SECONDS=1")
    args = ap.parse_args()

    flags, r = start(args)
    test_normal_boot(r, args, flags, "on")
    test_normal_boot(r, args, flags, "off")
    test_exception_report(r, args, flags)
    test_stack_overflow(r, args, flags)
    check_release_build(r, args, flags)
    return finish(r, args)


if __name__ == "__main__":
    sys.exit(main())
