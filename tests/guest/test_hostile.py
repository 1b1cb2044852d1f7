#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Boots Tern with the hostile guest (guests/hostile/) in place of Linux,
once per seed, and checks that the system survives the guest's campaign:
the campaign runs to its end (no hang), the kernel and the VMM report no
fault of their own, the VMM's messages about the guest stay few, the
guest's checks of exit emulation hold, the guest itself is whole; then
the console still answers (a byte sent reaches the guest, which echoes
it), the guest powers off with the VMM's report, and the VMM still answers
the console after that. Several seeds run in parallel (--jobs). Writes one
'hostile-BOARD-seed-S PASSED FAILED' line per seed to --results and ends
with 'guest-hostile: N passed, M failed'."""
import argparse
import concurrent.futures
import io
import re
import shlex
import sys
import time

import pexpect

from console_checks import Checks

PREFIX = "linux: "
# What the kernel says when something of its own or a VMM went wrong.
KERNEL_TROUBLE = (r"\*\*\* Tern: unexpected exception in the kernel|\*\*\* System halted|"
                  r"tern: halted|tern: thread \S+: .*no fault handler|"
                  r"tern: guest \S+: exit .*no VMM|tern: interrupt \d+ has no handler")
# The VMM's own lines about a guest's exits (vmm/main.c), as opposed to
# what the guest prints.
VMM_DIAGNOSTIC = (r"access to 0x[0-9a-f]+ at pc [0-9a-f]+ has no syndrome|"
                  r"(read|write) of unmapped guest physical address|"
                  r"instruction fetch from unmapped|unexpected exit \(HSR|cannot inject interrupt|"
                  r"cannot lower interrupt|unexpected message \(label|VMM messages suppressed|"
                  r"virtio-console: ")
# The VMM's notice that it dropped guest console lines: one per flood the
# guest itself printed, so bounded by the guest's output, not counted above.
CONSOLE_SUPPRESSED = r"lines \(\d+ bytes\) of console output suppressed"
# A campaign of N actions may make the VMM say this much: bursts and a
# summary under a rate limit, not a line per faulting access.
MAX_VMM_LINES = 100
ECHO_BYTE = "Z"
CLASS_LINE = re.compile(r"hostile: class (\S+)\s+done\s+(\d+) undef\s+(\d+) dabt\s+(\d+) pabt\s+(\d+) "
                        r"svc\s+(\d+) irq\s+(\d+) fiq (\d+) other (\d+) wrong (\d+)")
CLASS_FIELDS = ("done", "undef", "dabt", "pabt", "svc", "irq", "fiq", "other", "wrong")


class SeedRun:
    """One boot of one seed's image: its checks, output and timings."""

    def __init__(self, seed, elf):
        self.seed, self.elf = seed, elf
        self.checks = []
        self.log = io.StringIO()
        self.campaign_seconds = self.total_seconds = 0.0
        self.classes = {}
        self.exit_counts = ""
        self.vmm_lines = self.console_notices = 0

    def check(self, name, ok, detail=""):
        self.checks.append((name, bool(ok), detail))

    def last_lines(self, n=6):
        lines = [l.strip() for l in self.log.getvalue().replace("\r", "").split("\n") if l.strip()]
        return " | ".join(lines[-n:])

    def last_action(self):
        text = self.log.getvalue()
        marks = re.findall(r"hostile: (#\d+ \S+[^\r\n]*|progress \d+)", text)
        return marks[-1] if marks else "before the first action"


def run_seed(args, seed, elf):
    r = SeedRun(seed, elf)
    start = time.monotonic()
    child = pexpect.spawn(args.qemu, shlex.split(args.qemu_flags) + ["-kernel", elf],
                          encoding="utf-8", codec_errors="replace", timeout=args.timeout,
                          env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"},
                          searchwindowsize=4096)
    child.logfile_read = r.log
    trouble = re.compile(KERNEL_TROUBLE)

    def wait(pattern, timeout):
        """Index 0: pattern seen; 1: kernel trouble; 2: the guest stopped its
        campaign; 3: timeout; 4: QEMU ended."""
        return child.expect([pattern, trouble, r"hostile: (FATAL|campaign stopped)[^\r\n]*",
                             pexpect.TIMEOUT, pexpect.EOF], timeout=timeout)

    try:
        i = wait(PREFIX + r"booting linux/zImage", 60)
        r.check("the VMM boots the hostile image as linux/zImage", i == 0, r.last_lines())
        if i != 0:
            return r
        i = wait(PREFIX + rf"hostile: start seed={seed} actions={args.actions}\b", 30)
        r.check(f"the campaign starts (seed {seed}, {args.actions} actions)", i == 0, r.last_lines())
        if i != 0:
            return r
        campaign_start = time.monotonic()
        # the guest marks its progress (every 500 actions, or each action
        # when tracing): a hang is no mark for --timeout seconds
        done = rf"hostile: campaign done seed={seed} actions={args.actions}"
        while True:
            i = wait(rf"{done}|hostile: (progress \d+|#\d+ )", args.timeout)
            if i != 0 or re.match(done, child.match.group(0)):
                break
        r.campaign_seconds = time.monotonic() - campaign_start
        what = {1: "the kernel reported trouble", 2: "the guest stopped its campaign",
                3: f"no progress for {args.timeout} s (a hang)", 4: "QEMU ended"}.get(i, "")
        last = r.last_action()
        hint = "" if last.startswith("#") else f" (HOSTILE_SEEDS={seed} HOSTILE_TRACE=1 names it)"
        r.check("the campaign runs to its end", i == 0,
                f"{what}; last lines: {r.last_lines(3)}; last action: {last}{hint}")
        if i != 0:
            return r
        i = wait(r"hostile: (alive|DAMAGED)[^\r\n]*", 30)
        r.check("the guest is whole after it (its code unchanged, its computation right)",
                i == 0 and child.match.group(1) == "alive", r.last_lines(3))
        i = wait(r"hostile: waiting for a console byte", 30)
        if i == 0:
            child.send(ECHO_BYTE)
            i = wait(rf"hostile: echo 0x{ord(ECHO_BYTE):02x}", 30)
        r.check("the console still answers: a byte sent reaches the guest, which echoes it",
                i == 0, r.last_lines())
        i = wait(PREFIX + r"guest stopped: powered off", 30)
        r.check("the guest powers off and the VMM reports it", i == 0, r.last_lines())
        i = wait(PREFIX + r"exits to the VMM:([^\r\n]*) total \d+", 10)
        if i == 0:
            r.exit_counts = child.match.group(1).strip()
        child.send("\r")
        i = wait(PREFIX + r"the guest has stopped \(powered off[^\r\n]*\); nothing reads", 20)
        r.check("the VMM still answers the console after the guest stopped", i == 0, r.last_lines())
    finally:
        child.terminate(force=True)
        r.total_seconds = time.monotonic() - start
        judge_output(r)
    return r


# Known failures of the guest's emulation checks, not counted as passed:
# each stays here, with its reason, until it is fixed.
EXPECTED_FAILURES = {}


def judge_output(r):
    """Checks over the whole output: nothing the kernel should never say,
    few VMM lines, no failed check of the guest's."""
    text = r.log.getvalue().replace("\r", "")
    bad = [m.group(0) for m in re.finditer(rf"[^\n]*({KERNEL_TROUBLE})[^\n]*", text)]
    r.check("no fault, halt or unexpected interrupt reported by the kernel", not bad,
            "; ".join(bad[:3]))
    vmm_lines = [l for l in text.split("\n") if l.startswith(PREFIX) and re.search(VMM_DIAGNOSTIC, l)]
    kinds = {}
    for l in vmm_lines:
        k = re.sub(r"0x[0-9a-f]+|\b[0-9a-f]{8}\b|\d+", "N", l[len(PREFIX):])[:60]
        kinds[k] = kinds.get(k, 0) + 1
    summary = ", ".join(f"{n} x '{k}'" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])[:4])
    r.vmm_lines = len(vmm_lines)
    r.console_notices = len(re.findall(CONSOLE_SUPPRESSED, text))
    r.check(f"the VMM's messages about the guest's exits stay few (at most {MAX_VMM_LINES})",
            len(vmm_lines) <= MAX_VMM_LINES, f"{len(vmm_lines)} lines: {summary}")
    wrong = re.findall(r"hostile: (WRONG [^\n]*)", text)
    known = [w for w in wrong if re.search(r"WRONG #\d+ (\S+):", w) and
             re.search(r"WRONG #\d+ (\S+):", w).group(1) in EXPECTED_FAILURES]
    for name in sorted({re.search(r"WRONG #\d+ (\S+):", w).group(1) for w in known}):
        print(f"  xfail seed {r.seed}: {name} (expected to fail: {EXPECTED_FAILURES[name]})")
    wrong = [w for w in wrong if w not in known]
    r.check("the guest's checks of exit emulation and mode changes hold", not wrong,
            f"{len(wrong)} failed, e.g. " + "; ".join(sorted(set(
                re.sub(r"#\d+ ", "", re.sub(r"\b[0-9a-f]{6,}\b", "X", w)) for w in wrong))[:3]))
    stray = re.findall(r"hostile: (stray exceptions[^\n]*)", text)
    r.check("no exception hit the guest outside its actions", not stray, "; ".join(stray))
    for m in CLASS_LINE.finditer(text):
        r.classes[m.group(1)] = [int(x) for x in m.groups()[1:]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--qemu-flags", required=True)
    ap.add_argument("--board", required=True)
    ap.add_argument("--image", action="append", required=True, metavar="SEED=ELF",
                    help="a kernel image with the hostile guest and its seed")
    ap.add_argument("--actions", type=int, required=True)
    ap.add_argument("--jobs", type=int, default=2, help="QEMUs at a time")
    ap.add_argument("--timeout", type=int, default=60,
                    help="seconds without progress before a run counts as hung")
    ap.add_argument("--results")
    args = ap.parse_args()
    images = [(int(s), elf) for s, elf in (x.split("=", 1) for x in args.image)]

    print(f"Hostile guest on Tern ({args.board}): {len(images)} seeds x {args.actions} actions, "
          f"{args.jobs} at a time")
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        runs = list(pool.map(lambda si: run_seed(args, *si), images))
    wall = time.monotonic() - start

    # 20 seeds x 11 checks: list each check only where a seed failed
    total = Checks(quiet=True)
    lines = []
    classes = {}
    for r in runs:
        passed = sum(ok for _, ok, _ in r.checks)
        failed = len(r.checks) - passed
        print(f"  seed {r.seed}: {passed} passed, {failed} failed (campaign {r.campaign_seconds:.1f} s, "
              f"boot to power-off {r.total_seconds:.1f} s)")
        for name, ok, detail in r.checks:
            total.check(f"seed {r.seed}: {name}", ok, detail)
        if r.exit_counts:
            print(f"        VMM exit counts: {r.exit_counts}")
        print(f"        VMM lines about exits: {r.vmm_lines}; console suppression notices: "
              f"{r.console_notices}")
        lines.append(f"hostile-{args.board}-seed-{r.seed} {passed} {failed}\n")
        for c, v in r.classes.items():
            classes[c] = [a + b for a, b in zip(classes.get(c, [0] * len(v)), v)]
    if classes:
        print("  all seeds, by action class:  " + " ".join(f"{f:>6}" for f in CLASS_FIELDS))
        for c, v in classes.items():
            print(f"    {c:<26} " + " ".join(f"{x:6d}" for x in v))
    print(f"  {len(runs)} seeds in {wall:.1f} s")

    if args.results:
        with open(args.results, "w") as f:
            f.writelines(lines)
    print(f"guest-hostile: {total.passed} passed, {total.failed} failed")
    return 0 if total.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
