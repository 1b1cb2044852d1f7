#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Gathers every benchmark's results into one report, build/bench/report.md
(make bench), with each benchmark's charts copied beside it. Each benchmark
leaves its Markdown table (and chart) in a known place; one that is missing
is marked as missing in the report, never left out silently."""
import argparse
import os
import shutil

# (title, directory under each board's build dir, table, chart, how to run it)
BENCHMARKS = [
    ("IPC costs", "bench-ipc", "bench-ipc.md", "bench-ipc.svg", "make bench-ipc"),
    ("Exit costs", "bench-exit", "bench-exit.md", "bench-exit.svg", "make bench-exit"),
    ("Linux boot to init, native and on Tern", "bench-boot", "bench-boot.md", "bench-boot.svg",
     "make bench-boot"),
    ("Linux guest workloads", "bench-guest", "table.md", "chart.svg", "make bench-guest"),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True, help="the report's directory")
    ap.add_argument("--board", action="append", required=True,
                    help="BOARD=DIR: the build directory the board's benchmarks wrote to")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    boards = [b.split("=", 1) for b in args.board]
    lines = ["# Tern benchmarks", "",
             "Executed instructions under QEMU `-icount shift=0` (exact and repeatable). "
             "Budgets: `tests/bench/budget.txt`.", ""]
    missing = 0
    for title, sub, table, chart, how in BENCHMARKS:
        lines += [f"## {title}", ""]
        for board, build in boards:
            src = os.path.join(build, sub)
            lines += [f"### {board}", ""]
            if not os.path.isfile(os.path.join(src, table)):
                missing += 1
                lines += [f"**MISSING**: no results in `{src}/{table}` (`{how}` did not run "
                          "or did not finish).", ""]
                continue
            with open(os.path.join(src, table)) as f:
                lines += [f.read().rstrip(), ""]
            if os.path.isfile(os.path.join(src, chart)):
                name = f"{board}-{sub}.svg"
                shutil.copy(os.path.join(src, chart), os.path.join(args.out, name))
                lines += [f"![{title} on {board}]({name})", ""]
    with open(os.path.join(args.out, "report.md"), "w") as f:
        f.write("\n".join(lines))
    print(f"bench: report in {args.out}/report.md ({missing} result(s) missing)")


if __name__ == "__main__":
    main()
