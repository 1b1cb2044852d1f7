#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Checks a compiled system description (dts/system/) before it goes
into the boot archive: every guest node has what the root task needs, with
values in range, and its files are in the archive. Reads the DTB with fdtget
(device-tree-compiler). Exits 1 naming the node and property at fault."""
import argparse
import struct
import subprocess
import sys

# The same limits as the root task's reader (roottask/system.c, system.h):
# what one refuses, the other must too.
MAX_GUESTS = 4            # SYSTEM_MAX_GUESTS
MAX_NAME = 15             # a node name, NUL included, fits 16 bytes
MAX_STRING = 127          # a string property: one string of 1-127 characters
REQUIRED = ("vmm", "kernel", "dtb", "ram-mib", "memory-bits", "priority")
NUMBERS = {"ram-mib": (2, 1024), "memory-bits": (20, 30), "priority": (1, 244)}
STRINGS = ("vmm", "kernel", "dtb", "initrd", "bootargs", "display-window", "restart")


def fdtget(dtb, *args):
    r = subprocess.run(["fdtget", dtb, *args], capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else None


def raw(dtb, node, prop):
    """The property's bytes (fdtget -t bx), or None if it is not there."""
    v = fdtget(dtb, "-t", "bx", node, prop)
    return None if v is None else bytes(int(x, 16) for x in v.split())


def one_string(value):
    """The string if value is exactly one NUL-terminated string of 1-127
    characters (as the root task takes it), else None."""
    if value is None or not 2 <= len(value) <= MAX_STRING + 1 or value[-1] != 0 \
            or 0 in value[:-1]:
        return None
    return value[:-1].decode("utf-8", "replace")


def header_problem(dtb):
    """What the root task's fdt_open (lib/fdt.c) refuses in the
    header that fdtget lets through: fdtget does not hold a blob to the
    size of its file, so a blob cut short may still read."""
    with open(dtb, "rb") as f:
        blob = f.read()
    if len(blob) < 40:
        return "truncated or out-of-bounds block"
    magic, total, off_struct, off_strings, _, version, last_comp, _, size_strings, size_struct = \
        struct.unpack(">10I", blob[:40])
    if magic != 0xd00dfeed:
        return "bad magic (not a device tree blob)"
    if version < 16 or last_comp > 17:
        return "unsupported device tree version"
    if not 40 <= total <= len(blob) or not 40 <= off_struct <= total or off_struct % 4 or \
            size_struct > total - off_struct or off_strings > total or \
            size_strings > total - off_strings:
        return "truncated or out-of-bounds block"
    return None


def check(dtb, archive_files):
    errors = []
    bad = header_problem(dtb)
    if bad:
        return [f"not a device tree: {bad}"]
    r = subprocess.run(["fdtget", dtb, "-l", "/"], capture_output=True, text=True)
    if r.returncode != 0:
        return [f"not a device tree: {r.stderr.strip() or 'fdtget cannot read it'}"]
    guests = fdtget(dtb, "-l", "/guests")
    if guests is None:
        return ["/guests: missing (the description lists no guests)"]
    sup = fdtget(dtb, "-t", "u", "/guests", "supervisor-priority")
    if "supervisor-priority" in (fdtget(dtb, "-p", "/guests") or "").split() and \
            (sup is None or not sup.isdigit() or not 1 <= int(sup) <= 255):
        errors.append(f"/guests: 'supervisor-priority' is {sup}, not a number from 1 to 255")
    names = guests.split()
    if not names:
        errors.append("/guests: empty")
    if len(names) > MAX_GUESTS:
        errors.append(f"/guests: {len(names)} guests, the root task starts at most {MAX_GUESTS}")
    console = []
    for i, name in enumerate(names):
        node = f"/guests/{name}"
        if name in names[:i]:
            errors.append(f"{node}: another guest has the same name")
            continue
        if len(name) > MAX_NAME:
            errors.append(f"{node}: the name is longer than {MAX_NAME} characters")
        props = (fdtget(dtb, "-p", node) or "").split()
        for p in REQUIRED:
            if p not in props:
                errors.append(f"{node}: no '{p}' property")
        for p, (low, high) in NUMBERS.items():
            if p in props:
                v = fdtget(dtb, "-t", "u", node, p)
                if v is None or not v.isdigit() or not low <= int(v) <= high:
                    errors.append(f"{node}: '{p}' is {v}, not a number from {low} to {high}")
                elif p == "ram-mib" and int(v) % 2:
                    errors.append(f"{node}: 'ram-mib' is {v}: guest RAM comes in 2 MiB frames")
        if "ram-mib" in props and "memory-bits" in props:
            ram, bits = (fdtget(dtb, "-t", "u", node, p) for p in ("ram-mib", "memory-bits"))
            # only once both are in range, as the root task checks it
            if ram and bits and ram.isdigit() and bits.isdigit() and \
                    NUMBERS["ram-mib"][0] <= int(ram) <= NUMBERS["ram-mib"][1] and \
                    NUMBERS["memory-bits"][0] <= int(bits) <= NUMBERS["memory-bits"][1] and \
                    int(ram) << 20 >= 1 << int(bits):
                errors.append(f"{node}: 'memory-bits' {bits} leaves no room beside {ram} MiB of RAM")
        strings = {}
        for p in STRINGS:
            if p in props:
                strings[p] = one_string(raw(dtb, node, p))
                if strings[p] is None:
                    errors.append(f"{node}: '{p}' is not one string of at most {MAX_STRING} characters")
        window = strings.get("display-window")
        if window is not None and window not in ("top", "bottom"):
            errors.append(f"{node}: 'display-window' is \"{window}\", not \"top\" or \"bottom\"")
        restart = strings.get("restart")
        if restart is not None and restart not in ("always", "never"):
            errors.append(f"{node}: 'restart' is \"{restart}\", not \"always\" or \"never\"")
        if "console-input" in props:
            console.append(node)
        for p in ("vmm", "kernel", "dtb", "initrd"):
            f = strings.get(p)
            if f and archive_files is not None and f not in archive_files:
                errors.append(f"{node}: '{p}' names {f}, which the boot archive does not hold")
    if len(console) > 1:
        errors.append(f"{', '.join(console)}: 'console-input' in more than one guest")
    errors += check_channels(dtb, names)
    return errors


MAX_CHANNELS = 4          # SYSTEM_MAX_CHANNELS (roottask/system.h)
MAX_CHANNEL_FRAMES = 16   # SYSTEM_MAX_CHANNEL_FRAMES
MAX_CHANNELS_PER_GUEST = 4  # L4_VMM_MAX_CHANNELS (libl4/include/l4/vmm_start.h)


def check_channels(dtb, guests):
    """The optional /channels node: each child a "tern,channel" between two
    different guests of /guests, with 1-16 frames."""
    listing = fdtget(dtb, "-l", "/channels")
    if listing is None:
        return []
    errors = []
    names = listing.split()
    if len(names) > MAX_CHANNELS:
        errors.append(f"/channels: {len(names)} channels, the root task sets up at most {MAX_CHANNELS}")
    per_guest = {}
    for name in names:
        node = f"/channels/{name}"
        if len(name) > 15:
            errors.append(f"{node}: the name is longer than 15 characters")
        props = (fdtget(dtb, "-p", node) or "").split()
        # the root task takes a compatible list whose first entry is ours
        compatible = raw(dtb, node, "compatible") if "compatible" in props else None
        if not compatible or 0 not in compatible or compatible.split(b"\0")[0] != b"tern,channel":
            errors.append(f"{node}: 'compatible' is not \"tern,channel\"")
        # exactly two NUL-terminated strings ("linux rtos" is one name)
        ends = raw(dtb, node, "guests") if "guests" in props else None
        ends = [e.decode("utf-8", "replace") for e in ends[:-1].split(b"\0")] \
            if ends and ends[-1] == 0 else []
        if len(ends) != 2:
            errors.append(f"{node}: 'guests' is not two guest names")
        else:
            for g in ends:
                if g not in guests:
                    errors.append(f"{node}: 'guests' names {g}, which /guests does not have")
                per_guest[g] = per_guest.get(g, 0) + 1
            if ends[0] == ends[1]:
                errors.append(f"{node}: 'guests' names {ends[0]} twice")
        frames = fdtget(dtb, "-t", "u", node, "frames") if "frames" in props else None
        if frames is None or not frames.isdigit() or not 1 <= int(frames) <= MAX_CHANNEL_FRAMES:
            errors.append(f"{node}: 'frames' is {frames}, not a number from 1 to {MAX_CHANNEL_FRAMES}")
    for g, n in sorted(per_guest.items()):
        if n > MAX_CHANNELS_PER_GUEST:
            errors.append(f"/channels: guest {g} is in {n} channels, its VMM takes at most "
                          f"{MAX_CHANNELS_PER_GUEST}")
    return errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dtb")
    ap.add_argument("--archive-file", action="append", help="a file the boot archive holds")
    args = ap.parse_args()
    errors = check(args.dtb, set(args.archive_file) if args.archive_file else None)
    for e in errors:
        print(f"system description {args.dtb}: {e}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
