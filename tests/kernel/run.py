#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Boots the kernel with the test root task and reads its numbered results.

Each 'TEST nnn name ok|FAILED' line counts once. A kernel exception, a hang
or a suite that stops before its closing line counts as a failure. The fuzz
test's summary line ('fuzz: seed S, N calls in T s ...') is repeated at the
end, and the kernel's line naming an invariant it found violated ('tern:
invariant N (name) violated: ...') is shown with the test it broke. Tests
the suite leaves out on this kernel variant ('not on this variant: GROUP
(N tests): why', before the first test) count as skipped, neither passed
nor failed. Ends with 'kernel-BOARD: N passed, M failed' (and ', K
skipped' when some were); the results file's line is 'kernel-BOARD N M',
with K as a third column when some were skipped.
"""
import argparse
import re
import shlex
import sys

import pexpect

TIMEOUT = 300


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--board", required=True)
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--qemu-flags", required=True)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--results")
    ap.add_argument("--timeout", type=int, default=TIMEOUT,
                    help="seconds without a result before the run counts as hung")
    args = ap.parse_args()

    child = pexpect.spawn(args.qemu, shlex.split(args.qemu_flags) + ["-kernel", args.elf],
                          encoding="utf-8", codec_errors="replace", timeout=args.timeout,
                          env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})
    passed = failed = skipped = 0
    problem = None
    fuzz_lines = []
    print(f"kernel tests: {args.board}")
    try:
        while True:
            i = child.expect([r"TEST (\d+) (\S+)\s+(ok|FAILED)\r*\n",
                              r"kernel: (\d+) passed, (\d+) failed"
                              r"(?:, (\d+) not on this variant)?\r*\n",
                              r"unexpected exception in the kernel",
                              r"tern: no root task started: [^\r\n]*",
                              r"not on this variant: (\S+) \((\d+) tests?\): ([^\r\n]*)\r*\n"])
            if i == 0:
                ok = child.match.group(3) == "ok"
                passed += ok
                failed += not ok
                # the suite's own remarks on a test are indented by four spaces
                detail = [line for line in child.before.replace("\r", "").splitlines()
                          if line.startswith("    ") or line.startswith("tern:")]
                print(f"  {'pass' if ok else 'FAIL'}  {child.match.group(1)} {child.match.group(2)}")
                for line in detail:
                    print("      " + line.strip())
                fuzz_lines += [line.strip() for line in detail
                               if re.match(r"\s*fuzz: seed ", line)]
            elif i == 1:
                if int(child.match.group(1)) != passed or int(child.match.group(2)) != failed \
                        or int(child.match.group(3) or 0) != skipped:
                    problem = "the suite's own count differs from the lines read"
                break
            elif i == 4:
                skipped += int(child.match.group(2))
                print(f"  skip  {child.match.group(1)} ({child.match.group(2)}): "
                      f"{child.match.group(3).strip()}")
            elif i == 2:
                child.expect(r"System halted", timeout=5)
                problem = "kernel exception:\n" + child.before.replace("\r", "")
                break
            else:
                problem = child.match.group(0)
                break
    except pexpect.TIMEOUT:
        problem = f"no result for {args.timeout} s after test {passed + failed}"
    except pexpect.EOF:
        problem = "QEMU exited"
    finally:
        child.terminate(force=True)
    if problem:
        failed += 1
        print(f"  FAIL  {problem}")
    if args.results:
        with open(args.results, "w") as f:
            f.write(f"kernel-{args.board} {passed} {failed}"
                    f"{f' {skipped}' if skipped else ''}\n")
    for line in fuzz_lines:
        print(f"kernel-{args.board}: {line}")
    print(f"kernel-{args.board}: {passed} passed, {failed} failed"
          f"{f', {skipped} skipped' if skipped else ''}")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
