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
and checks every total against tests/bench/budget.txt (budget.py)."""
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
    args = parse_args("bench-exit", elf_options)

    figures, checks = run(args)
    missing = [key for key, _ in ROWS if key not in figures] + \
        [key for key in CHECKS if key not in checks]
    if missing:
        sys.exit(f"bench-exit: missing figures: {', '.join(missing)}")
    wrong = [f"{key} {checks[key]}" for key, ok in CHECKS.items() if not ok(checks[key])]
    if wrong:
        sys.exit(f"bench-exit: the measurement is not sound: {', '.join(wrong)}")
    rows = [(key, label, figures[key]) for key, label in ROWS]
    print(f"Exit costs on {args.board}: executed instructions per exit or interrupt, from the "
          "guest's view (QEMU -icount shift=0)")
    print(f"  {'exit':<72} {'total':>6} {'kernel':>7} {'VMM':>5} {'guest':>6}")
    for _, label, f in rows:
        print(f"  {label:<72} {f['total']:>6} {f['kernel']:>7} {f['vmm']:>5} {f['guest']:>6}")
    for label in NOT_MEASURED:
        print(f"  {label}: not measured yet")
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "bench-exit.md"), "w") as f:
        f.write(f"Board {args.board}. Per exit or interrupt, averaged over {ROUNDS}; kernel = "
                "total - VMM - guest (the kernel's paths and the VMM's system-call stubs); VMM = "
                "its exit handler (with the system call that injects the interrupt); guest = its "
                "own instructions in the window (the loop; the vector's branch and the handler's "
                "push before its timestamp). Timer rows: from the deadline (the virtual counter's "
                "tick converted to the cycle count, to within an instruction).\n\n")
        f.write("| exit | total | kernel | VMM | guest |\n|---|---:|---:|---:|---:|\n")
        for _, label, fg in rows:
            f.write(f"| {label} | {fg['total']} | {fg['kernel']} | {fg['vmm']} | {fg['guest']} |\n")
        for label in NOT_MEASURED:
            f.write(f"| {label} | not measured yet | | | |\n")
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"board": args.board, "unit": "instructions per exit",
                   "rows": {key: fg for key, _, fg in rows}, "checks": checks,
                   "not_measured": NOT_MEASURED}, f, indent=1)
    with open(os.path.join(args.out, "bench-exit.svg"), "w") as f:
        f.write(svg_chart(args.board, rows))
    print(f"  table: {args.out}/bench-exit.md, chart: {args.out}/bench-exit.svg")

    passed, failed = budget.check(args.board, "exit", {key: fg["total"] for key, _, fg in rows})
    finish("bench-exit", args, passed, failed)


if __name__ == "__main__":
    main()
