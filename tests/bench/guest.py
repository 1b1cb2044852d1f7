#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""bench-guest: the classic LmBench rows in the Linux guest, natively on
QEMU vexpress-a15 vs. the same zImage and initramfs on Tern, in one run.

The guest's init runs /bench/run (tests/bench/guest_run.sh), which prints
one line per row: 'tern-bench: row NAME VALUE UNIT LABEL' from the
project's own tern-bench (guests/bench/bench.c, timed by the virtual
counter) and, with LMBENCH=<dir>, 'lmbench: row NAME UNIT OUTPUT' from
the real LmBench (timed by gettimeofday). Under -icount shift=0 both clocks
advance one nanosecond per executed instruction, so every figure is the
same on every run. Writes table.md, results.json and chart.svg in --out and
holds the overhead of the project's rows to tests/bench/budget.txt."""
import argparse
import json
import math
import os
import re
import shlex
import sys

import pexpect

import budget

ICOUNT = " -icount shift=0,sleep=off"
# Whole lines only: the label and LmBench's output run to the line's end.
OWN_ROW = re.compile(r"tern-bench: row (\S+) (-?[0-9.]+) (\S+) ([^\r\n]*)\r*\n")
LMBENCH_ROW = re.compile(r"lmbench: row (\S+) (\S+) ([^\r\n]*)\r*\n")
FAILED = re.compile(r"(tern-bench: failed|bench-guest: (tern-bench|lmbench) failed)[^\r\n]*\r*\n")
DONE = r"bench-guest: done"
NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
# The budget's variant for the overhead ceilings.
VARIANT = "guest-lmbench"


def lmbench_figure(name, output):
    """LmBench prints its figure last ('Simple syscall: 0.2345 microseconds',
    'lat_ctx': '"size=0k ovr=1.23 2 3.45'); anything else is an error."""
    numbers = NUMBER.findall(output.replace("microseconds", "").replace("MB/sec", ""))
    if not numbers or "usage" in output.lower() or "error" in output.lower():
        raise ValueError(f"LmBench's {name} printed no figure: {output.strip()!r}")
    return float(numbers[-1])


def run(qemu, flags, on_tern, log_path, timeout):
    """Boots, collects the rows until the run script's end and, on Tern, the
    VMM's exit counts once the guest powers off. {name: (value, unit, label)}."""
    child = pexpect.spawn(qemu, shlex.split(flags), encoding="utf-8", codec_errors="replace",
                          timeout=timeout, env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})
    child.logfile_read = open(log_path, "w")
    where = "on Tern" if on_tern else "native"
    rows, exits = {}, None
    try:
        while True:
            i = child.expect([OWN_ROW, LMBENCH_ROW, DONE, FAILED])
            if i == 0:
                name, value, unit, label = child.match.groups()
                rows[name] = (float(value), unit, label)
            elif i == 1:
                name, unit, output = child.match.groups()
                rows["lmbench " + name] = (lmbench_figure(name, output), unit,
                                           "LmBench " + name.replace("_", " "))
            elif i == 2:
                break
            else:
                raise RuntimeError(f"tern-bench failed {where}: {child.after.strip()}")
        if on_tern:
            # \r* as the pty adds a \r to the console's \r\n
            child.expect(r"linux: exits to the VMM:([^\r\n]*)\r*\n", timeout=60)
            exits = child.match.group(1).strip()
            child.expect(r"linux: handled in the kernel:([^\r\n]*)\r*\n")
            exits += ";" + child.match.group(1)
        return rows, exits
    except (pexpect.TIMEOUT, pexpect.EOF, RuntimeError, ValueError) as e:
        sys.exit(f"bench-guest: the run {where} did not finish ({type(e).__name__}: "
                 f"{str(e).splitlines()[0] if str(e) else ''}); its console: {log_path}")
    finally:
        child.terminate(force=True)


def overhead_pct(unit, native, tern):
    """Extra time on Tern: for a latency, its growth; for a bandwidth, the
    growth of the time per byte."""
    if unit == "MB/s":
        return (native / tern - 1) * 100
    return (tern / native - 1) * 100


def combine(native, tern):
    """The rows both runs printed, in the order of the native run."""
    missing = sorted(set(native) ^ set(tern))
    if missing:
        sys.exit(f"bench-guest: rows only one run printed: {', '.join(missing)}")
    rows = []
    for name, (value, unit, label) in native.items():
        if value <= 0 or tern[name][0] <= 0:
            sys.exit(f"bench-guest: row {name} is not positive (native {value}, "
                     f"Tern {tern[name][0]}): the method's subtraction went wrong")
        rows.append({"name": name, "label": label, "unit": unit, "native": value,
                     "tern": tern[name][0], "overhead_pct": overhead_pct(unit, value, tern[name][0])})
    return rows


def geomean_overhead(rows):
    """The geometric mean of the time ratios, as a percentage overhead."""
    logs = [math.log(1 + r["overhead_pct"] / 100) for r in rows]
    return (math.exp(sum(logs) / len(logs)) - 1) * 100


def figure(value):
    """Four significant digits at least: LmBench's microseconds are small."""
    return f"{value:,.4f}" if value < 10 else f"{value:,.2f}"


def markdown(rows, own, lm, exits):
    out = ["| row | what | native | on Tern | unit | overhead |", "|---|---|---:|---:|---|---:|"]
    for r in rows:
        out.append(f"| {r['name']} | {r['label']} | {figure(r['native'])} | {figure(r['tern'])} "
                   f"| {r['unit']} | {r['overhead_pct']:+.2f} % |")
    out += ["", f"Geometric mean of the overhead, the project's rows (tern-bench): "
            f"{own['geomean']:+.2f} %; worst: {own['worst']['name']} "
            f"({own['worst']['overhead_pct']:+.2f} %)."]
    if lm:
        out.append(f"Geometric mean, LmBench's rows: {lm['geomean']:+.2f} %; worst: "
                   f"{lm['worst']['name']} ({lm['worst']['overhead_pct']:+.2f} %).")
    out += ["", "Linux 6.1 on QEMU vexpress-a15 (`-icount shift=0,sleep=off`), the guest's "
            "board, RAM and command line natively vs. on Tern (kernel, VMM and guest). "
            "tern-bench times each row with the virtual counter (CNTVCT, 62.5 MHz, so one "
            "tick per 16 instructions over thousands of operations); ns here are "
            "executed instructions. The overhead is the extra time on Tern: a latency's "
            "growth, or the growth of the time per byte for a bandwidth (MB/s)."]
    if lm:
        out.append("LmBench's rows are LmBench 3's own programs, built static for armhf "
                   "(scripts/lmbench_build.sh), with the figure each prints: microseconds "
                   "from gettimeofday, or MB/s. Under -icount shift=0 QEMU's virtual time "
                   "advances 1 ns per executed instruction, so these are deterministic too: "
                   "the same on every run.")
    out.append(f"\nVMM exit counts of the Tern run (boot, benchmark, poweroff): {exits}")
    return "\n".join(out) + "\n"


def svg_chart(rows):
    """Horizontal bars: each row's overhead in percent from a zero axis, with
    the budget's 2 % and 5 % lines; the scale spans the lowest row to 5 %
    at least."""
    width, left, bar_h, pitch, top = 860, 250, 14, 20, 50
    lo = min(0.0, min(r["overhead_pct"] for r in rows))
    hi = max(5.0, max(r["overhead_pct"] for r in rows))
    span = width - left - 80

    def x(pct):
        return left + (pct - lo) / (hi - lo) * span

    height = top + len(rows) * pitch + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           'font-family="sans-serif" font-size="11">',
           '<text x="10" y="18" font-size="14">Linux guest on Tern: overhead vs. native per '
           'LmBench row (executed instructions, QEMU -icount shift=0)</text>',
           f'<line x1="{x(0):.1f}" y1="{top - 6}" x2="{x(0):.1f}" y2="{height - 14}" '
           'stroke="#000"/>']
    for pct in (2, 5):
        out.append(f'<line x1="{x(pct):.1f}" y1="{top - 6}" x2="{x(pct):.1f}" '
                   f'y2="{height - 14}" stroke="#c33" stroke-dasharray="4,3"/>')
        out.append(f'<text x="{x(pct):.1f}" y="{top - 10}" text-anchor="middle" fill="#c33">'
                   f'{pct} %</text>')
    for n, r in enumerate(rows):
        y = top + n * pitch
        pct = r["overhead_pct"]
        start, end = sorted((x(0), x(pct)))
        colour = "#8a5cc2" if r["name"].startswith("lmbench ") else "#3b7dd8"
        out.append(f'<text x="{left - 6}" y="{y + 11}" text-anchor="end">{r["name"]}</text>')
        out.append(f'<rect x="{start:.1f}" y="{y}" width="{max(end - start, 0.5):.1f}" '
                   f'height="{bar_h}" fill="{colour}"/>')
        out.append(f'<text x="{max(end, x(0)) + 4:.1f}" y="{y + 11}">{pct:+.2f} %</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def summary(rows):
    worst = max(rows, key=lambda r: r["overhead_pct"])
    return {"geomean": geomean_overhead(rows), "worst": worst}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--native-flags", required=True,
                    help="native Linux on the guest's board: same DTB, RAM and command line as on Tern")
    ap.add_argument("--tern-flags", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--board", required=True, help="the board's name in the budget file")
    ap.add_argument("--timeout", type=int, default=400, help="seconds per run without a new row")
    ap.add_argument("--results", help="write 'bench-guest-BOARD passed failed' here (make test)")
    args = ap.parse_args()

    os.makedirs(args.out, exist_ok=True)
    native, _ = run(args.qemu, args.native_flags + ICOUNT, False,
                    f"{args.out}/native-console.log", args.timeout)
    tern, exits = run(args.qemu, args.tern_flags + ICOUNT, True,
                      f"{args.out}/tern-console.log", args.timeout)
    rows = combine(native, tern)
    own_rows = [r for r in rows if not r["name"].startswith("lmbench ")]
    lm_rows = [r for r in rows if r["name"].startswith("lmbench ")]
    if not own_rows:
        sys.exit("bench-guest: tern-bench printed no rows")
    own = summary(own_rows)
    lm = summary(lm_rows) if lm_rows else None
    table = markdown(rows, own, lm, exits)
    with open(os.path.join(args.out, "table.md"), "w") as f:
        f.write(table)
    with open(os.path.join(args.out, "chart.svg"), "w") as f:
        f.write(svg_chart(rows))
    result = {"rows": [{k: r[k] for k in ("name", "native", "tern", "unit", "overhead_pct")}
                       for r in rows],
              "geomean_overhead_pct": own["geomean"],
              "worst": {k: own["worst"][k] for k in ("name", "native", "tern", "unit",
                                                      "overhead_pct")},
              "exits": exits}
    if lm:
        result["lmbench_geomean_overhead_pct"] = lm["geomean"]
        result["lmbench_worst"] = {k: lm["worst"][k] for k in ("name", "overhead_pct")}
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(table, end="")
    print(f"  table: {args.out}/table.md, chart: {args.out}/chart.svg, "
          f"data: {args.out}/results.json")
    passed, failed = budget.check(args.board, VARIANT, {
        "geomean_overhead": own["geomean"], "worst_row_overhead": own["worst"]["overhead_pct"]})
    print(f"bench-guest-{args.board}: {passed} passed, {failed} failed")
    budget.write_result(args.results, f"bench-guest-{args.board}", passed, failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
