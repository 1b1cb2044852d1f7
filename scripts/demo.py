#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""make demo: boots the dual-OS handset in QEMU. With a display (DISPLAY set
and QEMU's GTK front end installed) a window shows the screen; without one
QEMU runs headless and a screenshot of the screen is written every few
seconds to the output directory (the console says where). The console is
the terminal's: Linux's shell, Ctrl-A X quits QEMU. With --seconds N the
demo ends by itself after N seconds (for a run without a terminal)."""
import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "demo"))
import screenshot  # noqa: E402


def has_gtk(qemu):
    out = subprocess.run([qemu, "-display", "help"], capture_output=True, text=True).stdout
    return any(line.strip() == "gtk" for line in out.splitlines())


def take_screenshots(sock, out, every, stop):
    """Every `every` seconds: out/handset-NNN.png and out/handset.png (the latest)."""
    n = 0
    monitor = None
    while not stop.wait(every):
        try:
            if monitor is None:
                monitor = screenshot.Monitor(sock)
            n += 1
            path = os.path.join(out, f"handset-{n:03d}.png")
            screenshot.screendump(monitor, path)
            shutil.copyfile(path, os.path.join(out, "handset.png"))
            old = os.path.join(out, f"handset-{n - 20:03d}.png")  # keep the last twenty
            if os.path.exists(old):
                os.unlink(old)
        except (OSError, ValueError):
            if monitor:
                monitor.close()
            monitor = None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--qemu-flags", required=True, help="the board's flags, with -nographic")
    ap.add_argument("--elf", required=True)
    ap.add_argument("--out", required=True, help="where headless screenshots go")
    ap.add_argument("--every", type=float, default=5.0, help="seconds between screenshots")
    ap.add_argument("--seconds", type=float, default=0, help="end after this long (0: never)")
    args = ap.parse_args()

    flags = shlex.split(args.qemu_flags)
    flags = [f for f in flags if f != "-nographic"] + ["-serial", "mon:stdio"]
    windowed = bool(os.environ.get("DISPLAY")) and has_gtk(args.qemu)
    sockdir = tempfile.mkdtemp(prefix="tern-demo-")
    sock = os.path.join(sockdir, "monitor.sock")
    if windowed:
        flags += ["-display", "gtk"]
        print("  DEMO    the handset in a QEMU window; the console is here (Ctrl-A X quits)")
    else:
        os.makedirs(args.out, exist_ok=True)
        flags += ["-display", "none", "-monitor", f"unix:{sock},server=on,wait=off"]
        why = "DISPLAY is not set" if not os.environ.get("DISPLAY") else \
            "QEMU has no GTK display (package qemu-system-gui)"
        print(f"  DEMO    headless ({why}): a screenshot every {args.every:g} s in "
              f"{args.out}/handset.png; the console is here (Ctrl-A X quits)")
    sys.stdout.flush()
    qemu = subprocess.Popen([args.qemu] + flags + ["-kernel", args.elf],
                            env=dict(os.environ, QEMU_AUDIO_DRV="none"))
    stop = threading.Event()
    shooter = None
    if not windowed:
        shooter = threading.Thread(target=take_screenshots, args=(sock, args.out, args.every, stop),
                                   daemon=True)
        shooter.start()
    try:
        qemu.wait(timeout=args.seconds or None)
    except subprocess.TimeoutExpired:
        qemu.terminate()
        qemu.wait()
    except KeyboardInterrupt:
        qemu.terminate()
        qemu.wait()
    stop.set()
    if shooter:
        shooter.join(timeout=10)
        print(f"\n  DEMO    screenshots: {args.out}/handset.png (the latest) and handset-NNN.png")
    if os.path.exists(sock):
        os.unlink(sock)
    os.rmdir(sockdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
