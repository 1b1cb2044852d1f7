#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Runs the exit benchmark (guests/exitbench: a bare-metal guest under the
real VMM) under QEMU -icount shift=0 and presents what one exit costs, in
executed instructions per exit from the guest's view, split into the
guest's own loop, the VMM's exit handling (its cycle counter around
handle_exit) and the rest: the kernel's exit and entry paths and the VMM's
system-call stubs. Writes bench-exit.md, results.json and bench-exit.svg to
--out and checks every total against tests/bench/budget.txt (budget.py)."""
import argparse
import json
import os
import shlex
import sys

import pexpect

import budget

ROWS = [
    ("mmio_load", "MMIO load from the VMM's bench device, round trip"),
    ("mmio_store", "MMIO store to the VMM's bench device, round trip"),
    ("hvc", "HVC to the VMM (PSCI_VERSION), round trip"),
]
# Rows of the issue that this benchmark does not measure yet, shown as such.
NOT_MEASURED = [
    "virtual interrupt injected by the VMM until the guest's handler runs",
    "virtual timer, deadline to the guest's handler (VCPU loaded / not loaded)",
    "WFI wake-up",
    "guest page fault on unmapped RAM (the VMM maps all guest RAM at start: no lazy faults)",
]


def run(args):
    child = pexpect.spawn(args.qemu, shlex.split(args.qemu_flags) + ["-kernel", args.elf],
                          encoding="utf-8", codec_errors="replace", timeout=120,
                          env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})
    figures = {}
    try:
        while True:
            i = child.expect([r"EXIT (\w+) (\d+) (\d+) (\d+)\r*\n", r"EXIT done",
                              r"unexpected exception", r"guest stopped: (.*)\r*\n"])
            if i == 0:
                total, vmm, guest = (int(child.match.group(k)) for k in (2, 3, 4))
                figures[child.match.group(1)] = {"total": total, "vmm": vmm, "guest": guest,
                                                 "kernel": total - vmm - guest}
            elif i == 1:
                return figures
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
    width, bar_h, gap, left, top = 820, 18, 10, 340, 48
    height = top + len(rows) * (bar_h + gap) + 10
    peak = max(f["total"] for _, _, f in rows) or 1
    parts = (("kernel", "#3b7dd8"), ("vmm", "#d8843b"), ("guest", "#5aa05a"))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<text x="10" y="18" font-size="14">Tern exit costs on {board}: executed instructions '
           'per exit (QEMU -icount shift=0)</text>']
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
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--qemu-flags", required=True)
    ap.add_argument("--elf", required=True, help="the kernel with the exit benchmark's archive")
    ap.add_argument("--out", required=True)
    ap.add_argument("--board", required=True, help="the board's name in the budget file")
    ap.add_argument("--results", help="write 'bench-exit-BOARD passed failed' here (make test)")
    args = ap.parse_args()
    if "icount" not in args.qemu_flags:
        sys.exit("bench-exit: needs -icount shift=0 so that the counter counts instructions")

    figures = run(args)
    missing = [key for key, _ in ROWS if key not in figures]
    if missing:
        sys.exit(f"bench-exit: missing figures: {', '.join(missing)}")
    rows = [(key, label, figures[key]) for key, label in ROWS]
    print(f"Exit costs on {args.board}: executed instructions per exit, from the guest's view "
          "(QEMU -icount shift=0)")
    print(f"  {'exit':<52} {'total':>6} {'kernel':>7} {'VMM':>5} {'guest':>6}")
    for _, label, f in rows:
        print(f"  {label:<52} {f['total']:>6} {f['kernel']:>7} {f['vmm']:>5} {f['guest']:>6}")
    for label in NOT_MEASURED:
        print(f"  {label}: not measured yet")
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "bench-exit.md"), "w") as f:
        f.write(f"Board {args.board}. Per exit; kernel = total - VMM - guest (the kernel's "
                "exit and entry paths and the VMM's system-call stubs); VMM = its exit handler; "
                "guest = the loop's own instructions.\n\n")
        f.write("| exit | total | kernel | VMM | guest |\n|---|---:|---:|---:|---:|\n")
        for _, label, fg in rows:
            f.write(f"| {label} | {fg['total']} | {fg['kernel']} | {fg['vmm']} | {fg['guest']} |\n")
        for label in NOT_MEASURED:
            f.write(f"| {label} | not measured yet | | | |\n")
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"board": args.board, "unit": "instructions per exit",
                   "rows": {key: fg for key, _, fg in rows},
                   "not_measured": NOT_MEASURED}, f, indent=1)
    with open(os.path.join(args.out, "bench-exit.svg"), "w") as f:
        f.write(svg_chart(args.board, rows))
    print(f"  table: {args.out}/bench-exit.md, chart: {args.out}/bench-exit.svg")

    passed, failed = budget.check(args.board, "exit", {key: fg["total"] for key, _, fg in rows})
    print(f"bench-exit-{args.board}: {passed} passed, {failed} failed")
    budget.write_result(args.results, f"bench-exit-{args.board}", passed, failed)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
