#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Boot test of one board in QEMU, driven through its console with pexpect.

Checks what a person booting Tern would look at: the banner (version, board,
CPU, HYP mode, RAM, timer, GIC), a tick that advances, the switch to HYP
from Secure SVC where the board can start there, the message when HYP is
unreachable, and the report of an unexpected exception in a test build.
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


def test_normal_boot(r, args, flags):
    # the configured kernel with a heartbeat line every second (the ticks)
    with booted(args.qemu, flags, args.heartbeat_elf) as child:
        console = io.StringIO()
        child.logfile_read = console
        check_banner_head(r, child, args.board, "Cortex-A15")
        m = expect_line(child, r"mode\s+(\S+) \(PL2, non-secure\), entered in ([^\r\n]+)\r*\n")
        r.check("kernel runs in HYP mode", m and m.group(1) == "HYP", tail(child))
        check_ram(r, child, args.ram_mib)
        m = expect_line(child, r"timer\s+(\d+) Hz counter, HYP physical timer tick at (\d+) Hz")
        r.check("timer runs at 62.5 MHz (QEMU's generic timer)", m and m.group(1) == "62500000",
                m.group(0) if m else tail(child))
        m = expect_line(child, r"gic\s+GICv2, (\d+) interrupt lines, virtualization interface "
                               r"present \((\d+) list registers\)")
        r.check("GIC has the virtualization interface with 4 list registers",
                m and m.group(2) == "4", m.group(0) if m else tail(child))
        check_roottask(r, child, args)
        uptimes = three_ticks(child)
        r.check("three ticks arrive", len(uptimes) == 3, tail(child))
        r.check("uptime advances by about a second per tick", about_a_second_apart(uptimes),
                str(uptimes))
        check_no_thread_faults(r, console)


def test_secure_entry(r, args, flags):
    with booted(args.qemu, machine_with(flags, secure="on"), args.heartbeat_elf) as child:
        m = expect_line(child, r"mode\s+(\S+) \(PL2, non-secure\), entered in ([^\r\n]+)\r*\n")
        r.check("secure=on: entered in Secure SVC and switched to HYP",
                m and m.group(1) == "HYP" and m.group(2).strip() == "Secure SVC",
                m.group(0) if m else tail(child))
        m = expect_line(child, r"tick 1: uptime")
        r.check("secure=on: ticks after the switch (interrupts handed to Non-secure)",
                m is not None, tail(child))


def test_hyp_unreachable(r, args, flags):
    with booted(args.qemu, machine_with(flags, virtualization="off", secure="off"), args.elf) as child:
        m = expect_line(child, r"tern: cannot start: ([^\r\n]*HYP mode is unreachable[^\r\n]*)\r*\n")
        r.check("without virtualization: a clear message that HYP is unreachable",
                m is not None, tail(child))
        m = expect_line(child, r"tern: halted\.")
        r.check("without virtualization: the kernel stops", m is not None, tail(child))


def test_exception_report(r, args, flags):
    insn = symbol_address(args.undef_elf, "arch_selftest_undef_insn")
    with booted(args.qemu, flags, args.undef_elf) as child:
        check_undef_report_head(r, child, insn, "HYP")
        m = expect_line(child, r"HSR ([0-9a-f]{8}): class 0x([0-9a-f]{2}) = ([^,]+),")
        r.check("report decodes HSR's exception class",
                m and int(m.group(2), 16) == 0 and "undefined instruction" in m.group(3),
                m.group(0) if m else tail(child))
        check_registers_and_halt(r, child)
        m = expect_line(child, r"tick \d+:", timeout=3)
        r.check("no tick after the halt", m is None)


def test_stack_overflow(r, args, flags):
    """A kernel stack overflow stops at the guard page with a report naming it."""
    guard = symbol_address(args.overflow_elf, "boot_stack_guard")
    with booted(args.qemu, flags, args.overflow_elf) as child:
        check_overflow_report_head(r, child, guard)
        check_halt_after_overflow(r, child)


def main():
    ap = argument_parser()
    ap.add_argument("--elf", required=True)
    ap.add_argument("--heartbeat-elf", required=True,
                    help="the same kernel with CONFIG_HEARTBEAT_SECONDS=1")
    ap.add_argument("--elf-user", required=True, help="the root task's ELF file")
    args = ap.parse_args()

    flags, r = start(args)
    test_normal_boot(r, args, flags)
    if args.board == "vexpress-a15":
        test_secure_entry(r, args, flags)
    test_hyp_unreachable(r, args, flags)
    test_exception_report(r, args, flags)
    test_stack_overflow(r, args, flags)
    check_release_build(r, args, flags)
    return finish(r, args)


if __name__ == "__main__":
    sys.exit(main())
