#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes the cases test_decode_ldst checks the A9's load/store decoder
against: words generated in and around the load/store encoding space (A32
and Thumb), each with what objdump's disassembly says about it.

The expectation comes from objdump alone, never from the decoder: a word is
expected to be accepted only when objdump shows a plain single load or store
(LDR, STR and their byte, halfword and signed forms) with no writeback, no
post-index, no unprivileged T suffix, not PC as the transfer register, and
no <UNPREDICTABLE> mark; its size, direction, sign and transfer register are
read from the mnemonic and the first operand. objdump is lenient where the
ARM ARM (DDI 0406C) is not; the rules it does not apply are added here:
- A32 with PC as the base: P = 1, W = 0 only (LDRH/LDRSB/LDRSH literal,
  A8.8.81 ff.: "if P == W then UNPREDICTABLE"; STRH: "if wback && n == 15");
  objdump prints such a word without its writeback.
- 32-bit Thumb register offset: bits 11..6 of the second halfword are
  000000 (A6.3.7 to A6.3.10: other values are unallocated); objdump masks
  them away.
- 32-bit Thumb stores with PC as the base are UNDEFINED (A8.8.204 ff.).
- 32-bit Thumb byte or halfword accesses with SP as Rt, and register
  offsets in SP or PC, are UNPREDICTABLE (BadReg, A8.8.69 ff.).

Usage: ldst_crosscheck.py OUTPUT [--count N]
"""
import argparse
import random
import re
import subprocess
import sys
import tempfile

OBJDUMP = "arm-none-eabi-objdump"
CONDS = "eq|ne|cs|cc|hs|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al"
SINGLE = re.compile(rf"^(ldr|str)(sb|sh|b|h)?({CONDS})?(\.w|\.n)?$")
REGS = {f"r{i}": i for i in range(13)}
REGS.update(sb=9, sl=10, fp=11, ip=12, sp=13, lr=14, pc=15)
SIZES = {None: 4, "b": 1, "h": 2, "sb": 1, "sh": 2}


def arm_words(rng, n):
    """A32 words: single loads/stores, the extra load/store space, its
    neighbours (multiplies, synchronisation, media), LDM/STM, coprocessor
    and the unconditional space."""
    words = []
    for i in range(n):
        r = rng.getrandbits(32)
        cond = 0xe if i % 3 else rng.randrange(15)
        kind = i % 8
        if kind in (0, 1, 2):      # word/byte, immediate and register
            w = (r & 0x03ffffff & ~(1 << 27)) | 1 << 26
        elif kind in (3, 4):       # extra load/store and neighbours
            w = (r & 0x01ffff6f) | 0x90
        elif kind == 5:            # bits 7 and 4 set, bits 6..5 anything
            w = (r & 0x01ffffff) | 0x90
        elif kind == 6:            # LDM/STM, branches, coprocessor, SVC
            w = (r & 0x0fffffff) | 0x08000000
        else:                      # anything
            w = r & 0x0fffffff
        if i % 29 == 0:
            cond = 0xf             # the unconditional space
        words.append(cond << 28 | w)
    return words


def thumb_instrs(rng, n):
    """Thumb instructions: 16-bit loads/stores and their neighbours, and
    32-bit ones from the load/store single, dual/exclusive/multiple and
    coprocessor spaces."""
    out = []
    for i in range(n):
        kind = i % 6
        if kind == 0:                                  # 16-bit, 0x4000-0xdfff
            half = rng.randrange(0x4000, 0xe000)
            if half >> 8 == 0xbf:
                half = 0xbf00                          # a NOP, not IT: no IT blocks
            out.append((half,))
            continue
        if kind in (1, 2, 3):
            first = 0xf800 | rng.getrandbits(9)        # 1111 100x xxxx
        elif kind == 4:
            first = 0xe800 | rng.getrandbits(11)       # 1110 1xxx xxxx
        else:
            first = rng.choice((0xe000, 0xf000)) | 0x0c00 | rng.getrandbits(9)
        out.append((first, rng.getrandbits(16)))
    return out


def disassemble(blob, thumb):
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(blob)
        f.flush()
        args = [OBJDUMP, "-D", "-b", "binary", "-m", "arm"]
        if thumb:
            args.append("-Mforce-thumb")
        text = subprocess.run(args + [f.name], check=True, capture_output=True,
                              text=True).stdout
    lines = {}
    for line in text.splitlines():
        m = re.match(r"^\s*([0-9a-f]+):\s+([0-9a-f]{4,8}(?: [0-9a-f]{4})?)\s+(.*)$", line)
        if m:
            lines[int(m.group(1), 16)] = (m.group(2).replace(" ", ""), m.group(3).strip())
    return lines


def expect(text, thumb, wide, word):
    """(accepted, size, rt, store, signed) from objdump's text (and the
    rules above that objdump does not apply)."""
    refused = (False, 0, 0, False, False)
    if "UNPREDICTABLE" in text or "undefined" in text:
        return refused
    parts = text.split(None, 1)
    m = SINGLE.match(parts[0]) if parts else None
    if not m or len(parts) < 2:
        return refused
    operands = parts[1].split(";")[0].split("@")[0].strip()
    om = re.match(r"^(\w+),\s*\[([^\]]*)\](.*)$", operands)
    if not om or om.group(1) not in REGS:
        return refused
    rt, inside, after = REGS[om.group(1)], om.group(2), om.group(3).strip()
    if after:                       # "!" (pre-indexed writeback) or ", #4" (post-index)
        return refused
    if rt == 15:
        return refused
    size = SIZES[m.group(2)]
    address = [a.strip() for a in inside.split(",")]
    offset_reg = address[1].lstrip("-") if len(address) > 1 else ""
    if offset_reg == "pc":
        return refused
    offset_is_reg = offset_reg in REGS
    store = m.group(1) == "str"
    if not thumb and address[0] == "pc" and (word >> 21) & 0x9 != 0x8:
        return refused
    if thumb and wide:
        if rt == 13 and size != 4 or offset_reg == "sp":
            return refused
        if offset_is_reg and (word >> 6) & 0x3f:
            return refused
        if store and address[0] == "pc":
            return refused
    return (True, size, rt, store, m.group(2) in ("sb", "sh"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("output")
    ap.add_argument("--count", type=int, default=3000)
    args = ap.parse_args()
    rng = random.Random(17)
    cases = []

    words = arm_words(rng, args.count)
    listing = disassemble(b"".join(w.to_bytes(4, "little") for w in words), False)
    for i, w in enumerate(words):
        hexword, text = listing[4 * i]
        assert int(hexword, 16) == w, (hexword, w)
        cases.append(("A", w, text, expect(text, False, True, w)))

    instrs = thumb_instrs(rng, args.count)
    blob = b"".join(b"".join(h.to_bytes(2, "little") for h in ins) for ins in instrs)
    listing = disassemble(blob, True)
    offset = 0
    for ins in instrs:
        hexword, text = listing[offset]
        word = ins[0] << 16 | ins[1] if len(ins) == 2 else ins[0]
        if int(hexword, 16) != word:
            sys.exit(f"objdump read {hexword} at {offset:#x}, generated {word:#x}")
        cases.append(("T", word, text, expect(text, True, len(ins) == 2, word)))
        offset += 2 * len(ins)

    with open(args.output, "w") as f:
        for state, word, text, (ok, size, rt, store, signed) in cases:
            f.write(f"{state} {word:08x} {'ok' if ok else 'refused'} {size} {rt} "
                    f"{'S' if store else 'L'} {int(signed)}  ; {text}\n")


if __name__ == "__main__":
    main()
