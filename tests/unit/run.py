#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Runs the host unit test programs (cmocka, TAP output) and sums them up.

Each test case counts once; a program that crashes or exits non-zero without
reporting a failed case counts as one failure. Ends with 'N passed, M failed'.
"""
import argparse
import os
import re
import subprocess
import sys


def run_one(path, env):
    proc = subprocess.run([path], env=env, capture_output=True, text=True, timeout=300)
    passed, failed, names = 0, 0, []
    for line in proc.stdout.splitlines():
        m = re.match(r"^(not ok|ok) \d+ - (.*)$", line)
        if not m:
            continue
        if m.group(1) == "ok":
            passed += 1
        else:
            failed += 1
            names.append(m.group(2))
    if proc.returncode != 0 and failed == 0:
        failed = 1
        names.append(f"program exited with status {proc.returncode}")
    return passed, failed, names, proc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--results")
    ap.add_argument("programs", nargs="+")
    args = ap.parse_args()

    env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP", TERN_TEST_DATA_DIR=args.data_dir)
    total_pass = total_fail = 0
    for prog in args.programs:
        passed, failed, names, proc = run_one(prog, env)
        total_pass += passed
        total_fail += failed
        status = "" if failed == 0 else "FAILED"
        print(f"  {os.path.basename(prog):<22} {passed:3d} passed, {failed} failed  {status}".rstrip())
        if failed:
            for n in names:
                print(f"      failed: {n}")
            sys.stdout.write("".join("      | " + l + "\n" for l in
                                     (proc.stdout + proc.stderr).splitlines()[-40:]))
    if args.results:
        with open(args.results, "w") as f:
            f.write(f"unit {total_pass} {total_fail}\n")
    print(f"unit: {total_pass} passed, {total_fail} failed")
    return 0 if total_fail == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
