#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Runs the IPC benchmark image under QEMU -icount shift=0, on the kernel with
its IPC fastpath and on the same kernel built without it, and presents the
figures (executed instructions per operation, kernel and user together) as
a table on the console, a Markdown table and an SVG bar chart in --out.
Every figure is checked against tests/bench/budget.txt (see budget.py).

The board's figures also go to --out/figures.json; --combine takes such
files of several boards (make bench-ipc: vexpress-a9 and vexpress-a15) and
writes one table and chart of them all, a column per board and variant.
A row that does not exist on a board's CPU (HYP_ONLY on the A9) shows
'n/a'; a board whose run did not finish shows 'not run'."""
import json
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
    ("as_ring_2", "address-space switch, ring of 2 spaces (notification signal + wait)"),
    ("as_ring_16", "address-space switch, ring of 16 spaces"),
    ("as_ring_64", "address-space switch, ring of 64 spaces"),
    ("as_ring_300", "address-space switch, ring of 300 spaces (past 255 ASIDs/VMIDs)"),
]
# Rows the SVC kernel (Cortex-A9) cannot have: guests exit to a VMM only on
# HYP; the interrupt latency rows use the generic timer, which the A9 lacks.
HYP_ONLY = {"mmio_exit", "irq_latency_idle", "irq_latency_revoke", "irq_latency_cnode_delete"}
NA = "n/a"
# The clocks the bench reads: instructions per tick (BENCH_CLOCK lines).
CLOCKS = {"cycle-counter": "PMCCNTR, 1 instruction per count",
          "global-timer": "MPCore global timer, 10 instructions per tick",
          "sp804": "SP804 timer01, 1,000 instructions per tick"}


def run(args, elf):
    child = spawn(args, elf, timeout=300)
    figures = {"clock": "cycle-counter", "ticks": 1}
    try:
        while True:
            i = child.expect([r"BENCH (\w+) (\d+)\r*\n", r"BENCH done", r"unexpected exception",
                              r"BENCH_CLOCK ([\w-]+) (\d+)\r*\n", r"bench: (\d+) rounds each"])
            if i == 0:
                figures[child.match.group(1)] = int(child.match.group(2))
            elif i == 3:
                figures["clock"], figures["ticks"] = child.match.group(1), int(child.match.group(2))
            elif i == 4:
                figures["rounds"] = int(child.match.group(1))
            elif i == 1:
                return figures
            else:
                sys.exit("bench-ipc: the kernel stopped with an exception")
    except (pexpect.TIMEOUT, pexpect.EOF):
        sys.exit(f"bench-ipc: the benchmark did not finish (got {sorted(figures)})")
    finally:
        child.terminate(force=True)


def svg_chart(rows, columns):
    """Horizontal bars, one per column (board and variant) for each row;
    'n/a' and 'not run' figures have no bar."""
    width, bar_h, gap, left = 880, 10, 10, 420
    top = 30 + 16 * ((len(columns) + 2) // 3)
    height = top + len(rows) * (len(columns) * bar_h + gap) + 10
    numbers = [v for _, _, values in rows for v in values if isinstance(v, int)]
    peak = max(numbers, default=1) or 1
    colours = ("#3b7dd8", "#d8843b", "#2e9e5b", "#b8433b", "#7b52c4", "#8c8c2e")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           '<text x="10" y="18" font-size="14">Tern IPC costs: executed instructions per '
           'operation (QEMU -icount shift=0)</text>']
    for k, name in enumerate(columns):
        x, y = left + 150 * (k % 3) - 300, 28 + 16 * (k // 3)
        out.append(f'<rect x="{x}" y="{y}" width="10" height="10" fill="{colours[k % 6]}"/>'
                   f'<text x="{x + 14}" y="{y + 9}">{name}</text>')
    for n, (_, label, values) in enumerate(rows):
        y = top + n * (len(columns) * bar_h + gap)
        out.append(f'<text x="{left - 6}" y="{y + len(columns) * bar_h / 2 + 4}" '
                   f'text-anchor="end">{label}</text>')
        for k, value in enumerate(values):
            yy = y + k * bar_h
            w = int((width - left - 60) * value / peak) if isinstance(value, int) else 0
            out.append(f'<rect x="{left}" y="{yy}" width="{w}" height="{bar_h - 1}" '
                       f'fill="{colours[k % 6]}"/>')
            out.append(f'<text x="{left + w + 4}" y="{yy + bar_h - 1}" font-size="9">{value}</text>')
    out.append("</svg>")
    return "\n".join(out)


def board_rows(result):
    """{row: (fastpath, no fastpath)} of one board's figures.json contents;
    n/a where the row does not exist on its CPU."""
    if result is None:
        return {key: ("not run", "not run") for key, _ in ROWS}
    return {key: tuple(result[v].get(key, NA) for v in ("fastpath", "no-fastpath"))
            for key, _ in ROWS}


def clock_note(results):
    notes = []
    for board, result in results:
        if result is None:
            notes.append(f"{board}: did not run")
            continue
        clock, ticks = result["fastpath"]["clock"], result["fastpath"]["ticks"]
        note = f"{board}: {CLOCKS.get(clock, clock)}"
        if ticks > 1:
            rounds = result["rounds"]
            note += (f", a tick per {ticks} instructions, {rounds} rounds per figure (ring rows: "
                     f"at least {rounds} switches): off by at most {ticks}/{rounds} = "
                     f"{ticks / rounds:.4g} instructions per operation before rounding")
        notes.append(note)
    return notes


def write_tables(out, results):
    """The console table, bench-ipc.md and bench-ipc.svg of [(board, result)]."""
    columns = [f"{board} {v}" for board, _ in results for v in ("fastpath", "no fastpath")]
    per_board = [board_rows(result) for _, result in results]
    rows = [(key, label, [v for b in per_board for v in b[key]]) for key, label in ROWS]
    notes = clock_note(results)
    print("IPC costs: executed instructions per operation, user and kernel (QEMU -icount)")
    print(f"  {'operation':<68}" + "".join(f" {c:>26}" for c in columns))
    for _, label, values in rows:
        print(f"  {label:<68}" + "".join(f" {str(v):>26}" for v in values))
    for note in notes:
        print(f"  {note}")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "bench-ipc.md"), "w") as f:
        f.write("| operation | " + " | ".join(columns) + " |\n")
        f.write("|---|" + "---:|" * len(columns) + "\n")
        for _, label, values in rows:
            f.write(f"| {label} | " + " | ".join(str(v) for v in values) + " |\n")
        f.write("\nExecuted instructions per operation, user and kernel, under QEMU -icount "
                "(exact: no caches or TLBs modelled). n/a: the row does not exist on that CPU "
                "(guest exits need HYP; the interrupt latency rows use the generic timer, "
                "which the Cortex-A9 lacks). Clocks: " + "; ".join(notes) + ".\n")
    with open(os.path.join(out, "bench-ipc.svg"), "w") as f:
        f.write(svg_chart(rows, columns))
    print(f"  table: {out}/bench-ipc.md, chart: {out}/bench-ipc.svg")


def combine(args):
    results = []
    for spec in args.combine:
        board, path = spec.split("=", 1)
        try:
            with open(path) as f:
                results.append((board, json.load(f)))
        except (OSError, ValueError):
            results.append((board, None))
    write_tables(args.out, results)


def main():
    if "--combine" in sys.argv:
        import argparse
        ap = argparse.ArgumentParser()
        ap.add_argument("--combine", action="append", required=True,
                        help="BOARD=FILE: a board's figures.json (missing: 'not run')")
        ap.add_argument("--out", required=True)
        combine(ap.parse_args())
        return

    def elf_options(ap):
        ap.add_argument("--elf", required=True, help="kernel with the IPC fastpath")
        ap.add_argument("--elf-slowpath", required=True, help="the same kernel without it")
        ap.add_argument("--arch", choices=("hyp", "svc"), default="hyp",
                        help="the kernel's variant: svc has no HYP_ONLY rows")
    args = parse_args("bench-ipc", elf_options)

    fast, slow = run(args, args.elf), run(args, args.elf_slowpath)
    keys = [key for key, _ in ROWS if not (args.arch == "svc" and key in HYP_ONLY)]
    missing = [key for key in keys if key not in fast or key not in slow]
    if missing:
        sys.exit(f"bench-ipc: missing figures: {', '.join(missing)}")
    result = {"board": args.board, "arch": args.arch, "rounds": fast.get("rounds", 0),
              "fastpath": fast, "no-fastpath": slow}
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "figures.json"), "w") as f:
        json.dump(result, f, indent=1)
    write_tables(args.out, [(args.board, result)])

    passed = failed = 0
    for variant, figures in (("fastpath", fast), ("no-fastpath", slow)):
        p, f = budget.check(args.board, variant, {key: figures[key] for key in keys})
        passed, failed = passed + p, failed + f
    finish("bench-ipc", args, passed, failed)


if __name__ == "__main__":
    main()
