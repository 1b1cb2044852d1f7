#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""bench-boot: executed instructions from reset to the guest's init, Linux
natively on QEMU vs. the same zImage and initramfs on Tern, in one run.

Under -icount shift=0 the generic timer counts one tick per 16 executed
instructions and Linux's printk clock reads the counter from reset (Tern
gives guests no virtual offset), so the timestamp of "Run /init as init
process" in nanoseconds is the number of instructions executed since
reset, kernel, VMM and guest together. Writes a table and a chart."""
import argparse
import os
import re
import shlex
import sys

import pexpect

INIT = r"\[\s*(\d+)\.(\d+)\] Run /init as init process"


def boot(qemu, flags, on_tern):
    child = pexpect.spawn(qemu, shlex.split(flags), encoding="utf-8", codec_errors="replace",
                          timeout=300, env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})
    try:
        child.expect(INIT)
        instructions = int(child.match.group(1)) * 10**9 + int(child.match.group(2).ljust(9, "0"))
        exits = None
        if on_tern:
            child.expect(r"Enter 'help'")
            child.sendline("poweroff -f")
            child.expect(r"linux: exits to the VMM:([^\r\n]*)\r?\n")
            exits = child.match.group(1).strip()
            child.expect(r"linux: handled in the kernel:([^\r\n]*)\r?\n")
            exits += ";" + child.match.group(1)
        return instructions, exits
    except (pexpect.TIMEOUT, pexpect.EOF):
        sys.exit(f"bench-boot: the {'Tern' if on_tern else 'native'} boot did not reach init: "
                 + (child.before or "")[-500:])
    finally:
        child.terminate(force=True)


def svg_chart(rows):
    width, left, bar_h = 760, 200, 22
    peak = max(v for _, v in rows)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{40 + len(rows) * 30}" '
           'font-family="sans-serif" font-size="12">',
           '<text x="10" y="18" font-size="14">Linux boot to init: executed instructions '
           '(QEMU -icount shift=0)</text>']
    for n, (label, value) in enumerate(rows):
        y = 32 + n * 30
        w = int((width - left - 120) * value / peak)
        out.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end">{label}</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{w}" height="{bar_h}" fill="#3b7dd8"/>')
        out.append(f'<text x="{left + w + 4}" y="{y + 15}">{value / 1e6:.1f} M</text>')
    out.append("</svg>")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--native-flags", required=True)
    ap.add_argument("--tern-flags", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    native, _ = boot(args.qemu, args.native_flags + " -icount shift=0", False)
    tern, exits = boot(args.qemu, args.tern_flags + " -icount shift=0", True)
    ratio = tern / native
    os.makedirs(args.out, exist_ok=True)
    table = ["| boot to init (instructions) | native | on Tern | ratio |",
             "|---|---:|---:|---:|",
             f"| Linux 6.1, vexpress-a15, same zImage and initramfs | {native:,} | {tern:,} | {ratio:.3f} |",
             "", f"VMM exit counts of the Tern boot (to poweroff): {exits}"]
    with open(os.path.join(args.out, "bench-boot.md"), "w") as f:
        f.write("\n".join(table) + "\n")
    with open(os.path.join(args.out, "bench-boot.svg"), "w") as f:
        f.write(svg_chart([("native", native), ("on Tern", tern)]))
    print("\n".join(table))
    print(f"  table: {args.out}/bench-boot.md, chart: {args.out}/bench-boot.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
