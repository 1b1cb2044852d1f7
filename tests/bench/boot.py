#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""bench-boot: executed instructions from reset to the guest's init, Linux
natively on QEMU vs. the same zImage and initramfs on Tern, in one run.

The guest's init first prints the virtual counter (guests/tools/counter.c).
It counts from reset in both cases (Tern gives guests no counter offset;
native Linux's HYP stub zeroes CNTVOFF). Under -icount shift=0 QEMU's
virtual time advances one nanosecond per executed instruction, so
ticks / frequency in ns is the number of instructions executed since reset,
kernel, VMM and guest together; with sleep=off an idle CPU's wait for its
next timer is skipped deterministically instead of passing in real time
(and it counts as the nanoseconds skipped). Writes a table and a chart."""
import argparse
import os
import re
import shlex
import sys

import pexpect

import budget

INIT = r"tern-guest: init reached at (\d+) ticks at (\d+) Hz"
ICOUNT = " -icount shift=0,sleep=off"


def boot(qemu, flags, on_tern, log_path):
    child = pexpect.spawn(qemu, shlex.split(flags), encoding="utf-8", codec_errors="replace",
                          timeout=300, env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})
    child.logfile_read = open(log_path, "w")
    try:
        child.expect(INIT)
        instructions = int(child.match.group(1)) * 10**9 // int(child.match.group(2))
        exits = None
        if on_tern:
            child.expect(r"Enter 'help'")
            # Typed before the shell reads its terminal, the command can be
            # lost (the prompt itself stays in the VMM's line buffer, so it
            # cannot be waited for): sent again until the guest powers off.
            for _ in range(20):
                child.sendline("poweroff -f")
                # \r* as the pty adds a \r to the console's \r\n
                if child.expect([r"linux: exits to the VMM:([^\r\n]*)\r*\n", pexpect.TIMEOUT],
                                timeout=15) == 0:
                    break
            else:
                raise pexpect.TIMEOUT("no poweroff")
            exits = child.match.group(1).strip()
            child.expect(r"linux: handled in the kernel:([^\r\n]*)\r*\n")
            exits += ";" + child.match.group(1)
        return instructions, exits
    except (pexpect.TIMEOUT, pexpect.EOF):
        sys.exit(f"bench-boot: the {'Tern' if on_tern else 'native'} boot did not reach init "
                 f"and power off; its console: {log_path}")
    finally:
        child.terminate(force=True)


def svg_chart(rows):
    width, left, bar_h = 760, 200, 22
    peak = max(v for _, v in rows)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{40 + len(rows) * 30}" '
           'font-family="sans-serif" font-size="12">',
           '<text x="10" y="18" font-size="14">Linux boot to init: executed instructions '
           '(QEMU -icount shift=0,sleep=off)</text>']
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
    ap.add_argument("--native-flags", required=True, help="native Linux on Linux's vexpress DTB")
    ap.add_argument("--guest-board-flags", required=True,
                    help="native Linux on the guest's board: same DTB, RAM and command line as on Tern")
    ap.add_argument("--tern-flags", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--board", required=True, help="the board's name in the budget file")
    ap.add_argument("--tern-only", action="store_true",
                    help="only the boot on Tern, for its budget check (make test)")
    ap.add_argument("--results", help="write 'bench-boot-BOARD passed failed' here (make test)")
    args = ap.parse_args()

    os.makedirs(args.out, exist_ok=True)
    if args.tern_only:
        tern, exits = boot(args.qemu, args.tern_flags + ICOUNT, True, f"{args.out}/tern-console.log")
        print(f"Linux boot to init on Tern: {tern:,} instructions; exits: {exits}")
        return check_budget(args, tern)
    native, _ = boot(args.qemu, args.native_flags + ICOUNT, False, f"{args.out}/native-console.log")
    board, _ = boot(args.qemu, args.guest_board_flags + ICOUNT, False,
                    f"{args.out}/native-guest-board-console.log")
    tern, exits = boot(args.qemu, args.tern_flags + ICOUNT, True, f"{args.out}/tern-console.log")
    table = ["| Linux 6.1 boot, reset to init | instructions | vs. native, same board |",
             "|---|---:|---:|",
             f"| native, Linux's vexpress-a15 DTB (all its devices, 512 MiB) | {native:,} | |",
             f"| native, the guest's board (Tern's guest DTB, RAM, command line) | {board:,} | 1.000 |",
             f"| on Tern (kernel, VMM and guest) | {tern:,} | {tern / board:.3f} |",
             "", f"Virtualization cost: {tern - board:+,} instructions ({(tern / board - 1) * 100:+.1f} %).",
             "What differs besides Tern: the console. On Tern it is the VMM's virtio console "
             "(console=hvc0, added to the guest's DTB by the VMM); natively it is QEMU's PL011 "
             "(console=ttyAMA0 in its place, same zImage and initramfs).",
             f"VMM exit counts of the Tern boot (to poweroff): {exits}"]
    with open(os.path.join(args.out, "bench-boot.md"), "w") as f:
        f.write("\n".join(table) + "\n")
    with open(os.path.join(args.out, "bench-boot.svg"), "w") as f:
        f.write(svg_chart([("native, vexpress DTB", native), ("native, guest board", board),
                           ("on Tern", tern)]))
    print("\n".join(table))
    print(f"  table: {args.out}/bench-boot.md, chart: {args.out}/bench-boot.svg")
    return check_budget(args, tern)


def check_budget(args, tern):
    passed, failed = budget.check(args.board, "guest", {"boot_to_init": tern})
    print(f"bench-boot-{args.board}: {passed} passed, {failed} failed")
    budget.write_result(args.results, f"bench-boot-{args.board}", passed, failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
