#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Makes a damaged copy of a FIT image for test-uboot, which U-Boot must refuse.

  damage_fit.py --flip-kernel-byte KERNEL.bin IN.itb OUT.itb
      inverts one byte in the middle of the kernel's data inside the FIT
      (found by its content), so that its sha256 no longer matches;
  damage_fit.py --truncate IN.itb OUT.itb
      keeps the first half of the file, as an interrupted copy would.
"""
import sys


def main():
    args = sys.argv[1:]
    if len(args) == 4 and args[0] == "--flip-kernel-byte":
        with open(args[1], "rb") as f:
            kernel = f.read()
        with open(args[2], "rb") as f:
            fit = bytearray(f.read())
        start = fit.find(kernel[:4096])
        if start < 0 or fit[start:start + len(kernel)] != kernel:
            sys.exit(f"damage_fit.py: {args[1]} is not inside {args[2]} as one piece")
        at = start + len(kernel) // 2
        fit[at] ^= 0xff
        out = args[3]
    elif len(args) == 3 and args[0] == "--truncate":
        with open(args[1], "rb") as f:
            fit = f.read()
        fit = fit[:len(fit) // 2]
        out = args[2]
    else:
        sys.exit(__doc__.strip())
    with open(out, "wb") as f:
        f.write(fit)


if __name__ == "__main__":
    main()
