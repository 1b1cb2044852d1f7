#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Runs the IPC benchmark image under QEMU -icount shift=0 and presents the
figures (executed instructions per operation, kernel and user together) as
a table on the console, a Markdown table and an SVG bar chart in --out."""
import argparse
import os
import re
import shlex
import sys

import pexpect

ROWS = [
    ("empty_loop", "measurement loop alone (per iteration)"),
    ("null_syscall", "null system call (poll an idle notification)"),
    ("round_trip_2as_0mr", "IPC round trip, Call + ReplyRecv, 2 address spaces, 0 MRs (slow path)"),
    ("round_trip_2as_4mr", "IPC round trip, Call + ReplyRecv, 2 address spaces, 4 MRs (slow path)"),
    ("round_trip_1as_0mr", "IPC round trip, Call + ReplyRecv, 1 address space, 0 MRs (slow path)"),
    ("signal_wait", "notification signal + wait (per pair)"),
    ("yield_switch", "thread switch via Yield"),
]


def run(args):
    child = pexpect.spawn(args.qemu, shlex.split(args.qemu_flags) + ["-kernel", args.elf],
                          encoding="utf-8", codec_errors="replace", timeout=300,
                          env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})
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
    width, bar_h, gap, left = 760, 22, 8, 330
    top = 30
    height = top + len(rows) * (bar_h + gap) + 20
    peak = max(v for _, _, v in rows) or 1
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<text x="10" y="18" font-size="14">Tern IPC costs (executed instructions, '
           f'QEMU -icount shift=0)</text>']
    for n, (_, label, value) in enumerate(rows):
        y = top + n * (bar_h + gap)
        w = int((width - left - 80) * value / peak)
        short = label if len(label) < 52 else label[:49] + "..."
        out.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end">{short}</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{w}" height="{bar_h}" fill="#3b7dd8"/>')
        out.append(f'<text x="{left + w + 6}" y="{y + 15}">{value}</text>')
    out.append("</svg>")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--qemu-flags", required=True)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    if "icount" not in args.qemu_flags:
        sys.exit("bench-ipc: needs -icount shift=0 so that the counter counts instructions")

    figures = run(args)
    rows = [(key, label, figures[key]) for key, label in ROWS if key in figures]
    missing = [key for key, _ in ROWS if key not in figures]
    print("IPC costs in executed instructions per operation (user + kernel, QEMU -icount shift=0)")
    print(f"  {'operation':<74} {'instructions':>12}")
    for _, label, value in rows:
        print(f"  {label:<74} {value:>12}")
    print("  IPC round trip through a fastpath: not implemented yet (the slow path is measured above)")
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "bench-ipc.md"), "w") as f:
        f.write("| operation | instructions |\n|---|---:|\n")
        for _, label, value in rows:
            f.write(f"| {label} | {value} |\n")
    with open(os.path.join(args.out, "bench-ipc.svg"), "w") as f:
        f.write(svg_chart(rows))
    print(f"  table: {args.out}/bench-ipc.md, chart: {args.out}/bench-ipc.svg")
    if missing:
        sys.exit(f"bench-ipc: missing figures: {', '.join(missing)}")


if __name__ == "__main__":
    main()
