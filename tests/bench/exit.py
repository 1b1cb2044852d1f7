#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Runs the exit benchmark (guests/exitbench: a bare-metal guest under the
real VMM) under QEMU -icount shift=0,sleep=off and presents what one exit
and one interrupt cost, in executed instructions from the guest's view,
split into the guest's own instructions, the VMM's exit handling (its cycle
counter around handle_exit, with the system calls it makes there) and the
rest: the kernel's paths and the VMM's system-call stubs. Checks what the
guest reports about its own measurement (no stray interrupts, the counter
and cycle clocks in step, the helper really unloading the VCPU before each
deadline). Writes bench-exit.md, results.json and bench-exit.svg to --out
and checks every total against tests/bench/budget.txt (budget.py).

--arch svc: the Cortex-A9's paravirtualized VCPU (tests/bench/exit_svc: a
root task that builds the guest and is its minimal VMM, the real VMM not
running on the A9 yet), timed by the SP804; its own rows and checks."""
import json
import os
import sys

import pexpect

import budget
from bench_cli import finish, parse_args, spawn

ROWS = [
    ("mmio_load", "MMIO load from the VMM's bench device, round trip"),
    ("mmio_store", "MMIO store to the VMM's bench device, round trip"),
    ("hvc", "HVC to the VMM (PSCI_VERSION), round trip"),
    ("virq", "virtual interrupt injected by the VMM: store asking for it to handler"),
    ("vtimer_spin", "virtual timer, deadline to handler: VCPU loaded, guest busy"),
    ("vtimer_wfi", "virtual timer, deadline to handler: VCPU loaded, guest in WFI"),
    ("vtimer_unloaded", "virtual timer, deadline to handler: VCPU not loaded, VMM thread busy"),
    ("wfi_wake", "WFI wake-up: timer deadline to the instruction after WFI"),
]
# Rows of the issue that this benchmark does not measure, shown as such.
NOT_MEASURED = [
    "guest page fault on unmapped RAM (the VMM maps all guest RAM at start: no lazy faults)",
]
# What the guest reports about its own measurement, and what it must be:
# the virtual counter's period in instructions (QEMU's 62.5 MHz counter at
# one instruction per ns), the drift between the counter and the cycle
# counter over the run (two calibrations, each placing the tick within a
# three-instruction window, may differ by 2 with no drift), interrupts
# that were not the one expected or came before their cause, and the
# helper's unloads that found the guest's timer still armed (one a round).
CHECKS = {
    "ns_per_tick": lambda v: v == 16,
    "clock_drift": lambda v: v <= 2,
    "bad_irqs": lambda v: v == 0,
    "helper_armed": lambda v: v == ROUNDS,
}
ROUNDS = 1000

# The A9 (SVC kernel, guest MMU off): rows named as the A15's where they
# compare (hvc, mmio_load, mmio_store, virq).
SVC_ROWS = [
    ("upcall", "upcall: guest-user SVC to the guest kernel's entry (PV_UPCALL_SYSCALL)"),
    ("return_user", "HC_RETURN from guest kernel to guest user"),
    ("hypercall", "hypercall the kernel handles (HC_GET_SYSREG), round trip"),
    ("hvc", "HC_VMM_CALL to the VMM, round trip"),
    ("mmio_load", "MMIO load, decoded by the kernel, the VMM's reply: round trip"),
    ("mmio_store", "MMIO store, decoded by the kernel, the VMM's reply: round trip"),
    ("virq", "virtual interrupt injected by the VMM: store asking for it to the upcall"),
    ("pvtimer_past", "paravirtual timer: HC_TIMER_SET of a deadline already past to the upcall"),
]
SVC_NOT_MEASURED = [
    "paravirtual timer, a deadline in the future to the upcall (the deadline is a count of "
    "the global timer, whose page no user thread may map, so no guest can place it against "
    "its SP804 clock to the instruction; pvtimer_past has the path without the interrupt)",
    "guest page fault, the shadow table fill (the bench guest runs with its MMU off)",
]
# The clock reads one instruction apart measure 1; every row's round has a
# period coprime to 10 (or its short intervals would not add up exactly);
# and every sum of intervals is a whole number of instructions a round
# (the kernel's tick, which shifts the rounds' phases, did not disturb it);
# the guest took one upcall a round in the rows that time one, none elsewhere.
SVC_CHECKS = {
    "clock_step": lambda v: v == 1,
    "not_coprime": lambda v: v == 0,
    "inexact": lambda v: v == 0,
    "wrong_upcalls": lambda v: v == 0,
}
SVC_ROUNDS = 20000
SVC_NOTES = (
    "The VMM is the bench program's minimal exit loop (tests/bench/exit_svc/main.c), not "
    "vmm/, which does not run on the A9 yet. Clock: the SP804 (1,000 instructions a tick), "
    "read by the guest through a read-only device mapping; the kernel ticks at 10 Hz "
    "(configs/fragments/bench-exit-svc.config) so that no tick shifts the rounds' phases "
    "within a row. Per event, over {rounds} rounds "
    "whose period is made coprime to 10 by a pad the figures leave out. Round trips "
    "(hypercall, hvc, mmio_*): the clock around the rounds, over the rounds (within 0.1); "
    "guest = the loop's instructions with the exiting one (its register setup, subs, bne). "
    "upcall: the sum of the intervals from a clock read just before guest user's SVC to one "
    "at the entry, exact because the rounds start at every phase of the tick alike; it counts "
    "the SVC (guest) and the kernel's path: state page frame, reason, mode, DACR view. "
    "return_user: the rest of the same round less the guest's instructions (14) and the "
    "upcall: HC_RETURN's SVC (guest) and the kernel's return, frame checked and restored. "
    "virq: interval from just before the store to the upcall entry: the store (guest), "
    "the MMIO exit, the VMM (its handler with the VCPU_InjectIRQ system call), the reply and "
    "the IRQ upcall. pvtimer_past: interval from just before HC_TIMER_SET's SVC (guest) "
    "to the upcall entry: the kernel finds the deadline past, injects the timer's interrupt "
    "and delivers it as the hypercall returns. VMM = the VMM's own interval from its clock "
    "read after the receive to the one before its reply (its system-call stubs are in the "
    "kernel column); kernel = "
    "total - VMM - guest.\n\n")


HYP_NOTES = (
    "Board {board}. Per exit or interrupt, averaged over {rounds}; kernel = "
    "total - VMM - guest (the kernel's paths and the VMM's system-call stubs); VMM = "
    "its exit handler (with the system call that injects the interrupt); guest = its "
    "own instructions in the window (the loop; the vector's branch and the handler's "
    "push before its timestamp). Timer rows: from the deadline (the virtual counter's "
    "tick converted to the cycle count, to within an instruction).\n\n")


def run(args):
    child = spawn(args, args.elf, timeout=120)
    figures, checks = {}, {}
    try:
        while True:
            i = child.expect([r"EXIT (\w+) (\d+) (\d+) (\d+)\r*\n", r"EXIT done",
                              r"unexpected exception", r"guest stopped: (.*)\r*\n",
                              r"CHECK (\w+) (\d+)\r*\n"])
            if i == 4:
                checks[child.match.group(1)] = int(child.match.group(2))
            elif i == 0:
                total, vmm, guest = (int(child.match.group(k)) for k in (2, 3, 4))
                figures[child.match.group(1)] = {"total": total, "vmm": vmm, "guest": guest,
                                                 "kernel": total - vmm - guest}
            elif i == 1:
                return figures, checks
            elif i == 2:
                sys.exit("bench-exit: the kernel stopped with an exception")
            else:
                sys.exit(f"bench-exit: the guest stopped before it finished: {child.match.group(1)}")
    except (pexpect.TIMEOUT, pexpect.EOF):
        sys.exit(f"bench-exit: the benchmark did not finish (got {sorted(figures)})")
    finally:
        child.terminate(force=True)


def run_svc(args):
    """The A9's figures: 'EXIT row total vmm guest' and 'CHECK what value'."""
    child = spawn(args, args.elf, timeout=300)
    figures, checks = {}, {}
    try:
        while True:
            i = child.expect([r"EXIT (\w+) (\d+) (\d+) (\d+)\r*\n", r"EXIT done",
                              r"unexpected exception", r"guest stopped: (.*)\r*\n",
                              r"CHECK (\w+) (\d+)\r*\n", r"exitbench: cannot (.*)\r*\n"])
            if i == 4:
                checks[child.match.group(1)] = int(child.match.group(2))
            elif i == 0:
                total, vmm, guest = (int(child.match.group(k)) for k in (2, 3, 4))
                figures[child.match.group(1)] = {"total": total, "vmm": vmm, "guest": guest,
                                                 "kernel": total - vmm - guest}
            elif i == 1:
                return figures, checks
            elif i == 2:
                sys.exit("bench-exit: the kernel stopped with an exception")
            elif i == 3:
                sys.exit(f"bench-exit: the guest stopped before it finished: {child.match.group(1)}")
            else:
                sys.exit(f"bench-exit: the benchmark cannot {child.match.group(1)}")
    except (pexpect.TIMEOUT, pexpect.EOF):
        sys.exit(f"bench-exit: the benchmark did not finish (got {sorted(figures)})")
    finally:
        child.terminate(force=True)


def svg_chart(board, rows):
    """One stacked bar per row: kernel, VMM, guest."""
    width, bar_h, gap, left, top = 980, 18, 10, 470, 48
    height = top + len(rows) * (bar_h + gap) + 10
    peak = max(f["total"] for _, _, f in rows) or 1
    parts = (("kernel", "#3b7dd8"), ("vmm", "#d8843b"), ("guest", "#5aa05a"))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<text x="10" y="18" font-size="14">Tern exit and interrupt costs on {board}: executed '
           'instructions per event (QEMU -icount shift=0)</text>']
    for k, (name, colour) in enumerate(parts):
        x = left + k * 110
        out.append(f'<rect x="{x}" y="28" width="10" height="10" fill="{colour}"/>'
                   f'<text x="{x + 14}" y="37">{name}</text>')
    for n, (_, label, f) in enumerate(rows):
        y = top + n * (bar_h + gap)
        out.append(f'<text x="{left - 6}" y="{y + bar_h - 5}" text-anchor="end">{label}</text>')
        x = left
        for name, colour in parts:
            w = (width - left - 60) * max(f[name], 0) / peak
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}"/>')
            x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + bar_h - 5}" font-size="10">{f["total"]}</text>')
    out.append("</svg>")
    return "\n".join(out)


def main():
    def elf_options(ap):
        ap.add_argument("--elf", required=True, help="the kernel with the exit benchmark's archive")
        ap.add_argument("--arch", choices=("hyp", "svc"), default="hyp",
                        help="svc: the A9's paravirtualized VCPU (tests/bench/exit_svc)")
    args = parse_args("bench-exit", elf_options)

    if args.arch == "svc":
        row_list, check_list, not_measured = SVC_ROWS, SVC_CHECKS, SVC_NOT_MEASURED
        figures, checks = run_svc(args)
        title = (f"Exit costs on {args.board} (SVC kernel, paravirtualized VCPU, guest MMU off; "
                 "the VMM side is a minimal exit loop in the bench program, not vmm/): executed "
                 "instructions per exit or interrupt (QEMU -icount shift=0)")
        notes = f"Board {args.board}. " + SVC_NOTES.format(rounds=f"{SVC_ROUNDS:,}")
    else:
        row_list, check_list, not_measured = ROWS, CHECKS, NOT_MEASURED
        figures, checks = run(args)
        title = (f"Exit costs on {args.board}: executed instructions per exit or interrupt, "
                 "from the guest's view (QEMU -icount shift=0)")
        notes = HYP_NOTES.format(board=args.board, rounds=ROUNDS)
    missing = [key for key, _ in row_list if key not in figures] + \
        [key for key in check_list if key not in checks]
    if missing:
        sys.exit(f"bench-exit: missing figures: {', '.join(missing)}")
    wrong = [f"{key} {checks[key]}" for key, ok in check_list.items() if not ok(checks[key])]
    if wrong:
        sys.exit(f"bench-exit: the measurement is not sound: {', '.join(wrong)}")
    rows = [(key, label, figures[key]) for key, label in row_list]
    print(title)
    print(f"  {'exit':<72} {'total':>6} {'kernel':>7} {'VMM':>5} {'guest':>6}")
    for _, label, f in rows:
        print(f"  {label:<72} {f['total']:>6} {f['kernel']:>7} {f['vmm']:>5} {f['guest']:>6}")
    for label in not_measured:
        print(f"  {label}: not measured yet")
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "bench-exit.md"), "w") as f:
        f.write(f"{title}\n\n{notes}")
        f.write("| exit | total | kernel | VMM | guest |\n|---|---:|---:|---:|---:|\n")
        for _, label, fg in rows:
            f.write(f"| {label} | {fg['total']} | {fg['kernel']} | {fg['vmm']} | {fg['guest']} |\n")
        for label in not_measured:
            f.write(f"| {label} | not measured yet | | | |\n")
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"board": args.board, "unit": "instructions per exit",
                   "rows": {key: fg for key, _, fg in rows}, "checks": checks,
                   "not_measured": not_measured}, f, indent=1)
    with open(os.path.join(args.out, "bench-exit.svg"), "w") as f:
        f.write(svg_chart(args.board, rows))
    print(f"  table: {args.out}/bench-exit.md, chart: {args.out}/bench-exit.svg")

    passed, failed = budget.check(args.board, "exit", {key: fg["total"] for key, _, fg in rows})
    finish("bench-exit", args, passed, failed)


if __name__ == "__main__":
    main()
