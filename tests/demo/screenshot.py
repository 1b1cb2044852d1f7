#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Screenshots of a running QEMU and what is drawn where.

QEMU is started with `-display none -monitor unix:PATH,server=on,wait=off`;
the HMP command `screendump FILE -f png` writes what the display device
(here the PL111) scans out. The PNG is read back with zlib alone (PIL is
not among the project's dependencies, scripts/deps.sh): 8-bit RGB or RGBA,
not interlaced, which is what QEMU writes.

As a program:
  screenshot.py --monitor mon.sock --out shot.png [--background 0x284878]
                [--region NAME=X0,Y0,X1,Y1 ...]
prints the image size and, per region, the pixels that differ from the
background and the region's most common colour.
"""
import argparse
import collections
import os
import socket
import struct
import sys
import time
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PROMPT = b"(qemu) "


class Monitor:
    """QEMU's human monitor on a unix socket."""

    def __init__(self, path, timeout=30):
        deadline = time.monotonic() + timeout
        while True:  # QEMU creates the socket a moment after it starts
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.settimeout(timeout)
                self.sock.connect(path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                self.sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self._read_to_prompt()  # the banner

    def _read_to_prompt(self):
        data = b""
        while not data.endswith(PROMPT):
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("QEMU closed the monitor")
            data += chunk
        return data[:-len(PROMPT)].decode("utf-8", "replace")

    def command(self, line):
        """Runs one HMP command; returns its output without the echo."""
        self.sock.sendall(line.encode() + b"\n")
        out = self._read_to_prompt()
        # the monitor echoes the line (with terminal escapes) before its output
        return out.split("\r\n", 1)[1] if "\r\n" in out else ""

    def close(self):
        self.sock.close()


def screendump(monitor, path, timeout=30):
    """Writes the display to path as PNG and returns the decoded image."""
    if os.path.exists(path):
        os.unlink(path)
    out = monitor.command(f"screendump {path} -f png")
    if out.strip():
        raise RuntimeError(f"screendump: {out.strip()}")
    deadline = time.monotonic() + timeout
    while True:  # the file is complete once its IEND chunk is there
        try:
            with open(path, "rb") as f:
                data = f.read()
            if data.endswith(b"IEND\xaeB`\x82"):
                return decode_png(data)
        except FileNotFoundError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"screendump did not write {path}")
        time.sleep(0.1)


class Machine:
    """QEMU under pexpect with its monitor on a unix socket of its own:
    .child is the console, .monitor() the monitor (connected on first use),
    .shot(name) a numbered screenshot in out, decoded; close() ends it all."""

    def __init__(self, qemu, flags, elf, out, prefix, timeout=180):
        import pexpect  # only the tests need it, not the command-line tool
        import shlex
        import tempfile
        self.out = out
        self.sockdir = tempfile.mkdtemp(prefix=prefix)
        self.sock = os.path.join(self.sockdir, "monitor.sock")
        self._monitor = None
        self.shots = 0
        args = shlex.split(flags) + ["-monitor", f"unix:{self.sock},server=on,wait=off",
                                     "-kernel", elf]
        self.child = pexpect.spawn(qemu, args, encoding="utf-8", codec_errors="replace",
                                   timeout=timeout,
                                   env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})

    def monitor(self):
        if self._monitor is None:
            self._monitor = Monitor(self.sock)
        return self._monitor

    def shot(self, name):
        self.shots += 1
        path = os.path.abspath(os.path.join(self.out, f"{self.shots:02d}-{name}.png"))
        return screendump(self.monitor(), path)

    def close(self):
        if self._monitor:
            self._monitor.close()
        self.child.terminate(force=True)
        if os.path.exists(self.sock):
            os.unlink(self.sock)
        os.rmdir(self.sockdir)


class Image:
    def __init__(self, width, height, rows):
        self.width, self.height, self.rows = width, height, rows  # rows[y][x] = 0xRRGGBB

    def region(self, x0, y0, x1, y1):
        """The pixels of [x0, x1) x [y0, y1)."""
        for y in range(y0, y1):
            yield from self.rows[y][x0:x1]

    def count_other_than(self, box, colour):
        return sum(1 for p in self.region(*box) if p != colour)

    def count_of(self, box, colour):
        return sum(1 for p in self.region(*box) if p == colour)

    def most_common(self, box):
        return collections.Counter(self.region(*box)).most_common(1)[0]


def changed(a, b, box):
    """How many pixels of box differ between images a and b."""
    return sum(1 for p, q in zip(a.region(*box), b.region(*box)) if p != q)


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_png(data):
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG file")
    pos, idat, header = len(PNG_SIGNATURE), [], None
    while pos + 8 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, pos)
        body = data[pos + 8:pos + 8 + length]
        if len(body) != length:
            raise ValueError("truncated PNG chunk")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise ValueError("PNG without IHDR")
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or colour_type not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour_type}, "
                         f"interlace {interlace}")
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    if len(raw) != height * (stride + 1):
        raise ValueError("PNG image data has the wrong size")
    rows, prev = [], bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if ftype == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xff
        elif ftype == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 0xff
        elif ftype == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xff
        elif ftype == 4:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                up_left = prev[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + _paeth(left, prev[i], up_left)) & 0xff
        elif ftype != 0:
            raise ValueError(f"bad PNG filter type {ftype}")
        rows.append([line[i] << 16 | line[i + 1] << 8 | line[i + 2] for i in range(0, stride, bpp)])
        prev = line
    return Image(width, height, rows)


def read_png(path):
    with open(path, "rb") as f:
        return decode_png(f.read())


def parse_region(text):
    name, _, box = text.partition("=")
    coords = tuple(int(v) for v in box.split(","))
    if not name or len(coords) != 4:
        raise argparse.ArgumentTypeError(f"region {text!r}: want NAME=X0,Y0,X1,Y1")
    return name, coords


def main():
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--monitor", help="QEMU's HMP monitor socket (else --png is read)")
    ap.add_argument("--png", help="an existing screenshot to analyse")
    ap.add_argument("--out", default="screenshot.png")
    ap.add_argument("--background", type=lambda v: int(v, 0), default=0x284878)
    ap.add_argument("--region", type=parse_region, action="append", default=[])
    args = ap.parse_args()
    if args.monitor:
        mon = Monitor(args.monitor)
        image = screendump(mon, os.path.abspath(args.out))
        mon.close()
        print(f"wrote {args.out}")
    elif args.png:
        image = read_png(args.png)
    else:
        ap.error("give --monitor or --png")
    print(f"size {image.width}x{image.height}")
    for name, box in args.region or [("all", (0, 0, image.width, image.height))]:
        colour, count = image.most_common(box)
        print(f"{name}: {image.count_other_than(box, args.background)} pixels differ from "
              f"{args.background:06x}; most common {colour:06x} ({count} pixels)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
