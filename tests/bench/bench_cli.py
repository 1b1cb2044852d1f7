# SPDX-License-Identifier: MIT
"""What the instruction-count benchmark scripts (run.py, exit.py) share:
their options, the check that QEMU counts instructions, the QEMU they drive
and the budget verdict that ends them."""
import argparse
import shlex
import sys

import pexpect

import budget


def parse_args(name, add_elf_options):
    """The options, with the script's ELF files (add_elf_options) after
    QEMU's; exits unless the flags make the counter count instructions."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--qemu-flags", required=True)
    add_elf_options(ap)
    ap.add_argument("--out", required=True)
    ap.add_argument("--board", required=True, help="the board's name in the budget file")
    ap.add_argument("--results", help=f"write '{name}-BOARD passed failed' here (make test)")
    args = ap.parse_args()
    if "icount" not in args.qemu_flags:
        sys.exit(f"{name}: needs -icount shift=0 so that the counter counts instructions")
    return args


def spawn(args, elf, timeout):
    return pexpect.spawn(args.qemu, shlex.split(args.qemu_flags) + ["-kernel", elf],
                         encoding="utf-8", codec_errors="replace", timeout=timeout,
                         env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})


def finish(name, args, passed, failed):
    """The summary line and the results file; exits 1 if a figure failed."""
    print(f"{name}-{args.board}: {passed} passed, {failed} failed")
    budget.write_result(args.results, f"{name}-{args.board}", passed, failed)
    if failed:
        sys.exit(1)
