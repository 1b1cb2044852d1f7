#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Runs the IPC benchmark image under QEMU -icount shift=0, on the kernel with
its IPC fastpath and on the same kernel built without it, and presents the
figures (executed instructions per operation, kernel and user together) as
a table on the console, a Markdown table and an SVG bar chart in --out.
Every figure is checked against tests/bench/budget.txt (see budget.py)."""
import os
import sys

import pexpect

import budget
from bench_cli import finish, parse_args, spawn

ROWS = [
    ("empty_loop", "measurement loop alone (per iteration)"),
    ("null_syscall", "null system call (poll an idle notification)"),
    ("round_trip_2as_0mr", "IPC round trip, Call + ReplyRecv, 2 address spaces, 0 MRs"),
    ("round_trip_2as_4mr", "IPC round trip, Call + ReplyRecv, 2 address spaces, 4 MRs"),
    ("round_trip_1as_0mr", "IPC round trip, Call + ReplyRecv, 1 address space, 0 MRs"),
    ("signal_wait", "notification signal + wait (per pair)"),
    ("yield_switch", "thread switch via Yield"),
    ("mmio_exit", "guest MMIO load: exit to the VMM thread and back (round trip)"),
    ("irq_latency_idle", "worst interrupt latency to a user thread, CPU in user code"),
    ("irq_latency_revoke", "worst interrupt latency while a revoke deletes 10,000 caps"),
    ("irq_latency_cnode_delete", "worst interrupt latency while deleting a CNode of 10,000 caps"),
]


def run(args, elf):
    child = spawn(args, elf, timeout=300)
    figures = {}
    try:
        while True:
            i = child.expect([r"BENCH (\w+) (\d+)\r*\n", r"BENCH done", r"unexpected exception"])
            if i == 0:
                figures[child.match.group(1)] = int(child.match.group(2))
            elif i == 1:
                return figures
            else:
                sys.exit("bench-ipc: the kernel stopped with an exception")
    except (pexpect.TIMEOUT, pexpect.EOF):
        sys.exit(f"bench-ipc: the benchmark did not finish (got {sorted(figures)})")
    finally:
        child.terminate(force=True)


def svg_chart(rows):
    """Horizontal bars, two per operation: fastpath kernel and slow path."""
    width, bar_h, gap, left = 820, 12, 10, 380
    top = 48
    height = top + len(rows) * (2 * bar_h + gap) + 10
    peak = max(max(f, s) for _, _, f, s in rows) or 1
    colours = ("#3b7dd8", "#d8843b")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           '<text x="10" y="18" font-size="14">Tern IPC costs: executed instructions per '
           'operation (QEMU -icount shift=0)</text>',
           f'<rect x="{left}" y="28" width="10" height="10" fill="{colours[0]}"/>'
           f'<text x="{left + 14}" y="37">with fastpath</text>',
           f'<rect x="{left + 120}" y="28" width="10" height="10" fill="{colours[1]}"/>'
           f'<text x="{left + 134}" y="37">without fastpath</text>']
    for n, (_, label, fast, slow) in enumerate(rows):
        y = top + n * (2 * bar_h + gap)
        out.append(f'<text x="{left - 6}" y="{y + bar_h + 4}" text-anchor="end">{label}</text>')
        for k, value in enumerate((fast, slow)):
            w = int((width - left - 60) * value / peak)
            yy = y + k * bar_h
            out.append(f'<rect x="{left}" y="{yy}" width="{w}" height="{bar_h - 1}" '
                       f'fill="{colours[k]}"/>')
            out.append(f'<text x="{left + w + 4}" y="{yy + bar_h - 2}" font-size="10">{value}</text>')
    out.append("</svg>")
    return "\n".join(out)


def main():
    def elf_options(ap):
        ap.add_argument("--elf", required=True, help="kernel with the IPC fastpath")
        ap.add_argument("--elf-slowpath", required=True, help="the same kernel without it")
    args = parse_args("bench-ipc", elf_options)

    fast, slow = run(args, args.elf), run(args, args.elf_slowpath)
    missing = [key for key, _ in ROWS if key not in fast or key not in slow]
    if missing:
        sys.exit(f"bench-ipc: missing figures: {', '.join(missing)}")
    rows = [(key, label, fast[key], slow[key]) for key, label in ROWS]
    print("IPC costs: executed instructions per operation, user and kernel (QEMU -icount shift=0)")
    print(f"  {'operation':<64} {'fastpath':>9} {'no fastpath':>12}")
    for _, label, f, s in rows:
        print(f"  {label:<64} {f:>9} {s:>12}")
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "bench-ipc.md"), "w") as f:
        f.write("| operation | with fastpath | without fastpath |\n|---|---:|---:|\n")
        for _, label, fa, sl in rows:
            f.write(f"| {label} | {fa} | {sl} |\n")
    with open(os.path.join(args.out, "bench-ipc.svg"), "w") as f:
        f.write(svg_chart(rows))
    print(f"  table: {args.out}/bench-ipc.md, chart: {args.out}/bench-ipc.svg")

    passed = failed = 0
    for variant, figures in (("fastpath", fast), ("no-fastpath", slow)):
        p, f = budget.check(args.board, variant, {key: figures[key] for key, _ in ROWS})
        passed, failed = passed + p, failed + f
    finish("bench-ipc", args, passed, failed)


if __name__ == "__main__":
    main()
