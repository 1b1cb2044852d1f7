#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes a copy of a 32-bit little-endian ELF executable with its first
PT_LOAD segment's addresses (p_vaddr, p_paddr) set to ADDRESS, and the
entry point moved with it if it lay in that segment: an image that is
well-formed as ELF but that a loader must refuse when ADDRESS lies outside
the memory it loads into. Usage: elf_move_segment.py IN OUT ADDRESS"""
import struct
import sys

PT_LOAD = 1


def main():
    src, dst, address = sys.argv[1], sys.argv[2], int(sys.argv[3], 0)
    data = bytearray(open(src, "rb").read())
    if data[:4] != b"\x7fELF" or data[4] != 1 or data[5] != 1:
        sys.exit(f"{src}: not a 32-bit little-endian ELF file")
    phoff, = struct.unpack_from("<I", data, 28)
    phentsize, phnum = struct.unpack_from("<HH", data, 42)
    for i in range(phnum):
        at = phoff + i * phentsize
        if struct.unpack_from("<I", data, at)[0] == PT_LOAD:
            vaddr, = struct.unpack_from("<I", data, at + 8)
            memsz, = struct.unpack_from("<I", data, at + 20)
            entry, = struct.unpack_from("<I", data, 24)
            if vaddr <= entry < vaddr + memsz:
                struct.pack_into("<I", data, 24, entry - vaddr + address)
            struct.pack_into("<II", data, at + 8, address, address)
            open(dst, "wb").write(data)
            return
    sys.exit(f"{src}: no PT_LOAD segment")


if __name__ == "__main__":
    main()
