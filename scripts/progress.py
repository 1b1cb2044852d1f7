#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Shows a long build's progress: reads its output on stdin, keeps all of it
in a log file, and prints how many files were compiled, as one updating
line on a terminal or a line every 500 files otherwise.
Usage: progress.py NAME LOGFILE"""
import sys
import time


def main():
    name, log = sys.argv[1], sys.argv[2]
    tty = sys.stdout.isatty()
    count, last = 0, 0.0
    with open(log, "w") as f:
        for line in sys.stdin:
            f.write(line)
            f.flush()
            parts = line.split()
            if len(parts) >= 2 and parts[0] in ("CC", "AS", "LD", "AR", "OBJCOPY", "DTC"):
                count += 1
                now = time.monotonic()
                if tty and now - last > 0.5:
                    sys.stdout.write(f"\r  {name}: {count} steps, now {parts[1][-50:]:<50}")
                    sys.stdout.flush()
                    last = now
                elif not tty and count % 500 == 0:
                    print(f"  {name}: {count} steps")
                    sys.stdout.flush()
    if tty:
        sys.stdout.write("\r" + " " * 80 + "\r")
    print(f"  {name}: done, {count} steps (log: {log})")


if __name__ == "__main__":
    main()
