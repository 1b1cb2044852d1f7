#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Sums the results every test runner of `make test` wrote into DIR (one
'NAME PASSED FAILED [SKIPPED]' line per runner: skipped tests are left out
on that board's kernel variant, neither passed nor failed; 'errors' lists
runners that did not finish) and ends with 'N passed, M failed[, K skipped]'
alone on the last line, the plain closing form CI's log reader takes. No
word stands before it: 'test: ...' may read as the start of cargo's
'test result:' line, and a line with only a skipped count as a runner that
ran nothing. Exits 1 on any failure."""
import os
import sys
import time


def main():
    d = sys.argv[1]
    passed = failed = skipped = 0
    print("\nTest summary")
    for name in sorted(os.listdir(d)):
        path = os.path.join(d, name)
        if name == "errors":
            continue
        for line in open(path):
            runner, p, f, *s = line.split()
            passed += int(p)
            failed += int(f)
            skipped += int(s[0]) if s else 0
            print(f"  {runner:<22} {int(p):4d} passed, {int(f)} failed"
                  f"{f', {int(s[0])} skipped' if s else ''}")
    errors_path = os.path.join(d, "errors")
    if os.path.exists(errors_path):
        for line in open(errors_path):
            failed += 1
            print(f"  FAILED: {line.strip()}")
    if passed == 0:
        failed += 1
        print("  FAILED: no test ran")
    if skipped:
        print("  skipped: the tests not on their board's kernel variant")
    print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
