#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""make bench-rt: the RTOS's 1 kHz task beside Linux on the handset, under
QEMU -icount shift=0,sleep=off (a counter tick is 16 executed
instructions on the A15, 10 on the A9). With --alone (vexpress-a9, where
the RTOS is the one guest, paravirtualized) one phase: the RTOS alone. The RTOS reports its release lateness over windows of 1,000
releases (guests/rtos/apps/periodic.c); this takes the windows that lie
wholly in each phase: Linux idle at its shell, then Linux busy (a CPU loop,
a loop printing on the console, and a loop of processes touching fresh
memory, which page-faults all the time). Prints a table, writes it as
Markdown and an SVG chart, and holds the worst and 99th-percentile figures
of each phase to their budgets (tests/bench/budget.txt, variant 'rt').
The phases start when commands are typed, so the figures vary a little
from run to run: the budgets are ceilings with room, not exact counts."""
import argparse
import os
import re
import shlex
import sys

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import budget  # noqa: E402

INSTRUCTIONS_PER_TICK = 16
WINDOWS_PER_PHASE = 3
WINDOW = re.compile(r"rtos: rtos: rt window (\d+) \(\d+ releases\): worst_late=(\d+) ticks "
                    r"p99_late=(\d+) ticks")
PROMPT = r"linux: Enter 'help' for a list of built-in commands"
LOAD = ("(while :; do :; done) & "
        "(while :; do echo busy; done) & "
        "(while :; do head -c 2000000 /dev/zero | md5sum > /dev/null; done) &")


def windows(child, count, timeout):
    """The next `count` windows that start after now: the one under way is skipped."""
    child.expect(WINDOW, timeout=timeout)
    out = []
    while len(out) < count:
        child.expect(WINDOW, timeout=timeout)
        out.append((int(child.match.group(2)), int(child.match.group(3))))
    return out


def chart(rows, path, beside):
    """Bars of worst and p99 lateness per phase, in instructions."""
    top = max(max(w, p) for _, w, p in rows) or 1
    width, bar = 520, 18
    lines = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + 200}" '
             f'height="{40 + 50 * len(rows)}" font-family="sans-serif" font-size="12">',
             f'<text x="10" y="18">RTOS 1 kHz task release lateness {beside} '
             '(executed instructions)</text>']
    for i, (name, worst, p99) in enumerate(rows):
        y = 34 + 50 * i
        lines.append(f'<text x="10" y="{y + 14}">{name}</text>')
        for j, (value, colour, label) in enumerate(((worst, "#c0392b", "worst"),
                                                    (p99, "#2980b9", "p99"))):
            w = max(1, int(width * value / top))
            lines.append(f'<rect x="130" y="{y + j * (bar + 2)}" width="{w}" height="{bar}" '
                         f'fill="{colour}"/>')
            lines.append(f'<text x="{134 + w}" y="{y + j * (bar + 2) + 13}">{label} '
                         f'{value:,}</text>')
    lines.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--qemu-flags", required=True)
    ap.add_argument("--elf", required=True, help="the handset image")
    ap.add_argument("--board", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--results")
    ap.add_argument("--alone", action="store_true", help="the RTOS is the only guest")
    ap.add_argument("--instructions-per-tick", type=int, default=INSTRUCTIONS_PER_TICK)
    args = ap.parse_args()
    per_tick = args.instructions_per_tick
    beside = "alone" if args.alone else "beside Linux"
    os.makedirs(args.out, exist_ok=True)
    flags = shlex.split(args.qemu_flags) + ["-kernel", args.elf]
    child = pexpect.spawn(args.qemu, flags, encoding="utf-8", codec_errors="replace", timeout=300,
                          env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})
    child.logfile_read = open(os.path.join(args.out, "console.log"), "w")
    rows = []
    try:
        if args.alone:
            phases = (("RTOS alone", windows(child, WINDOWS_PER_PHASE, 120)),)
        else:
            child.expect(PROMPT)
            idle = windows(child, WINDOWS_PER_PHASE, 120)
            child.sendline(LOAD)
            busy = windows(child, WINDOWS_PER_PHASE, 300)
            phases = (("Linux idle", idle), ("Linux busy", busy))
    except (pexpect.TIMEOUT, pexpect.EOF) as e:
        print(f"bench-rt: the handset did not report its windows: {type(e).__name__}; "
              f"see {args.out}/console.log")
        budget.write_result(args.results, f"bench-rt-{args.board}", 0, 1)
        return 1
    finally:
        child.terminate(force=True)
    for name, ws in phases:
        rows.append((name, max(w for w, _ in ws) * per_tick, max(p for _, p in ws) * per_tick))

    print(f"RTOS 1 kHz task: release lateness {beside}, executed instructions "
          f"(QEMU -icount shift=0,sleep=off, {per_tick} a counter tick)")
    print(f"  {'phase':<12} {'worst':>10} {'p99':>10}   ({WINDOWS_PER_PHASE} windows of "
          "1,000 releases each)")
    table = ["| phase | worst | p99 |", "|---|---:|---:|"]
    for name, worst, p99 in rows:
        print(f"  {name:<12} {worst:>10,} {p99:>10,}")
        table.append(f"| {name} | {worst:,} | {p99:,} |")
    with open(os.path.join(args.out, "bench-rt.md"), "w") as f:
        f.write("\n".join(table) + "\n")
    chart(rows, os.path.join(args.out, "bench-rt.svg"), beside)
    print(f"  table: {args.out}/bench-rt.md, chart: {args.out}/bench-rt.svg")
    figures = {}
    for name, worst, p99 in rows:
        key = "alone" if args.alone else "idle" if "idle" in name else "busy"
        figures[f"rt_worst_{key}"] = worst
        figures[f"rt_p99_{key}"] = p99
    passed, failed = budget.check(args.board, "rt", figures)
    budget.write_result(args.results, f"bench-rt-{args.board}", passed, failed)
    print(f"bench-rt-{args.board}: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
