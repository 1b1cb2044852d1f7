# SPDX-License-Identifier: MIT
"""What the boot tests of both kernel variants (test_boot.py for HYP,
test_boot_svc.py for SVC) share: driving QEMU's console with pexpect, the
pass/fail count, and the checks whose wording and expectations are the same
on both: the banner's head, RAM, ticks, the exception and stack-overflow
reports, and the summary line."""
import argparse
import contextlib
import re
import shlex
import subprocess

import pexpect

BOOT_TIMEOUT = 30


class Runner:
    def __init__(self, board):
        self.board = board
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"  pass  {name}")
        else:
            self.failed += 1
            print(f"  FAIL  {name}{': ' + detail if detail else ''}")
        return ok


def machine_with(flags, **options):
    """The QEMU flags with machine options (-M name,key=value) replaced."""
    out = list(flags)
    i = out.index("-M")
    parts = out[i + 1].split(",")
    name, opts = parts[0], dict(p.split("=", 1) for p in parts[1:])
    opts.update(options)
    out[i + 1] = ",".join([name] + [f"{k}={v}" for k, v in opts.items()])
    return out


def spawn(qemu, flags, elf):
    args = flags + ["-kernel", elf]
    return pexpect.spawn(qemu, args, encoding="utf-8", codec_errors="replace",
                         timeout=BOOT_TIMEOUT, env={"QEMU_AUDIO_DRV": "none", "PATH": "/usr/bin:/bin"})


@contextlib.contextmanager
def booted(qemu, flags, elf):
    """The console of QEMU booting elf; QEMU is stopped on leaving."""
    child = spawn(qemu, flags, elf)
    try:
        yield child
    finally:
        child.terminate(force=True)


def expect_line(child, pattern, timeout=BOOT_TIMEOUT):
    """The first console line matching pattern (a regex), or None."""
    try:
        child.expect(pattern, timeout=timeout)
        return child.match
    except (pexpect.TIMEOUT, pexpect.EOF):
        return None


def tail(child):
    return (child.before or "")[-400:].replace("\r", "")


def symbol_address(elf, name):
    out = subprocess.run(["arm-none-eabi-nm", elf], capture_output=True, text=True, check=True)
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == name:
            return int(parts[0], 16)
    raise SystemExit(f"test_boot.py: {elf} has no symbol {name}")


def check_banner_head(r, child, board, cpu):
    """The banner's first lines: Tern and its version, the board, the CPU."""
    m = expect_line(child, r"Tern (\d+\.\d+\.\d+) \(\S+\) microkernel")
    r.check("banner names Tern and its version", m is not None, tail(child))
    m = expect_line(child, r"board\s+(\S+) ")
    r.check("banner names the board", m and m.group(1) == board,
            m.group(0) if m else tail(child))
    m = expect_line(child, r"cpu\s+(Cortex-A\d+) r\dp\d")
    r.check(f"CPU identified as {cpu}", m and m.group(1) == cpu,
            m.group(0) if m else tail(child))


def check_ram(r, child, ram_mib):
    m = expect_line(child, r"ram\s+(\d+) MiB at 0x([0-9a-f]+)")
    r.check(f"RAM size is {ram_mib} MiB", m and int(m.group(1)) == ram_mib,
            m.group(0) if m else tail(child))


def three_ticks(child):
    """The uptimes in milliseconds of ticks 1 to 3, as many as arrive."""
    uptimes = []
    for n in (1, 2, 3):
        m = expect_line(child, rf"tick {n}: uptime (\d+)\.(\d+) s")
        if not m:
            break
        uptimes.append(int(m.group(1)) * 1000 + int(m.group(2)))
    return uptimes


def about_a_second_apart(uptimes):
    return len(uptimes) == 3 and all(900 <= b - a <= 1100 for a, b in zip(uptimes, uptimes[1:]))


def check_undef_report_head(r, child, insn, mode):
    """The report's first lines: the vector, and the mode and PC it came from."""
    m = expect_line(child, r"unexpected exception in the kernel: ([^\r\n]+)\r*\n")
    r.check("exception report names an undefined instruction",
            m and m.group(1).strip() == "undefined instruction",
            m.group(0) if m else tail(child))
    m = expect_line(child, r"taken from (\S+) mode at PC ([0-9a-f]{8})")
    r.check(f"report gives {mode} mode and the PC of the faulting instruction",
            m and m.group(1) == mode and int(m.group(2), 16) == insn,
            (m.group(0) + f" (expected PC {insn:08x})") if m else tail(child))


def check_registers_and_halt(r, child):
    m = expect_line(child, r"sp\s+([0-9a-f]{8})\s+lr\s+([0-9a-f]{8})")
    regs = (child.before or "")
    r.check("report lists all registers",
            m is not None and all(f"r{i} " in regs for i in range(13)), tail(child))
    m = expect_line(child, r"System halted")
    r.check("kernel halts after the report", m is not None, tail(child))


def check_overflow_report_head(r, child, guard):
    """A data abort, named as a kernel stack overflow with SP in the guard page."""
    m = expect_line(child, r"unexpected exception in the kernel: ([^\r\n]+)\r*\n")
    r.check("stack overflow: a data abort in the kernel",
            m and m.group(1).strip() == "data abort", m.group(0) if m else tail(child))
    m = expect_line(child, r"kernel stack overflow: SP ([0-9a-f]{8}) reached the guard page")
    r.check("the report names the stack overflow, SP in the guard page",
            m and guard <= int(m.group(1), 16) < guard + 4096,
            (m.group(0) + f" (guard page at {guard:08x})") if m else tail(child))


def check_halt_after_overflow(r, child):
    m = expect_line(child, r"System halted")
    r.check("kernel halts after the overflow report", m is not None, tail(child))


def check_roottask(r, child, args):
    """The root task starts in user mode, reads its boot info and suspends
    itself (no guests) or supervises its guests."""
    m = expect_line(child, r"roottask: hello from user space on (\S+)\r*\n")
    r.check("root task runs in user mode and prints through the debug syscall",
            m and m.group(1) == args.board, tail(child))
    m = expect_line(child, r"roottask: (\d+) MiB of RAM, (\d+) MiB free for user space")
    r.check("root task reads its boot info (RAM size)",
            m and int(m.group(1)) == args.ram_mib and 0 < int(m.group(2)) < args.ram_mib,
            m.group(0) if m else tail(child))
    m = expect_line(child, r"roottask: done, (suspending itself|supervising \d+ guests)")
    r.check("root task survives three yields, then supervises its guests (or, with none, "
            "suspends itself)", m is not None, tail(child))


def check_no_thread_faults(r, console):
    """No 'tern: thread ...' line (a fault or a refused system call) in what
    the console printed."""
    faults = re.findall(r"tern: thread [^\r\n]*", console.getvalue())
    r.check("no thread faults during boot", not faults, faults)


def check_release_build(r, args, flags):
    """A release build has no debug console system call: the root task's
    first print is refused, and nothing it prints appears."""
    with booted(args.qemu, flags, args.release_elf) as child:
        m = expect_line(child, r"tern: thread roottask: unknown system call (\d+)")
        r.check("release build: the debug console system call is compiled out",
                m and int(m.group(1)) == 8, tail(child))
        m = expect_line(child, r"roottask: hello", timeout=3)
        r.check("release build: user programs cannot print on the console", m is None)


def argument_parser():
    """The options both boot tests take; each adds its own ELF files."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--board", required=True)
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--qemu-flags", required=True)
    ap.add_argument("--ram-mib", type=int, required=True)
    ap.add_argument("--undef-elf", required=True)
    ap.add_argument("--overflow-elf", required=True,
                    help="a build that overflows the kernel stack (CONFIG_SELFTEST_STACK_OVERFLOW)")
    ap.add_argument("--release-elf", required=True, help="a build without the debug console")
    ap.add_argument("--results")
    return ap


def start(args):
    """The QEMU flags, the runner, and the test's first line."""
    flags = shlex.split(args.qemu_flags)
    r = Runner(args.board)
    print(f"boot test: {args.board} ({' '.join(flags)})")
    return flags, r


def finish(r, args):
    """Writes the results file if asked and prints the summary; the exit status."""
    if args.results:
        with open(args.results, "w") as f:
            f.write(f"boot-{args.board} {r.passed} {r.failed}\n")
    print(f"boot-{args.board}: {r.passed} passed, {r.failed} failed")
    return 0 if r.failed == 0 else 1
