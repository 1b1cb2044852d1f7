#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Checks that what the build and the tests use comes from the packages
scripts/deps.sh installs, as a fresh Debian machine would have them.

deps.sh installs with --no-install-recommends, so a fresh machine has the
Depends/Pre-Depends closure of its packages plus the packages of Priority
required or important and the Essential ones, and nothing else. A developer
machine has more (anything an earlier install recommended), which hides a
missing package until CI breaks. This script computes that set from the
installed packages and checks:

  * every command, Python module, header, library and data file the build
    and the tests use resolves to a file (realpath; the /usr-merged path
    too) that a package of the set owns (dpkg -S). A file no package owns
    fails: a fresh machine would not have it;
  * each --qemu-cmd starts: QEMU runs with the options given, stopped (-S),
    under strace, with 'quit' on its monitor. It fails if QEMU exits with an
    error, and for every file under /usr, /lib, /etc QEMU opened that
    belongs to a package outside the set (files no package owns are
    ignored here: caches, configuration written at install time).

One 'pass'/'FAIL' line per check, then 'deps-check: N passed, M failed';
--results FILE also gets 'deps-check N M' (the format tests/summary.py
reads). Exits 1 on any failure.

  check_files.py [--group G]... [--packages LIST] [--qemu-cmd ARGS]...
                 [--no-commands] [--results FILE [--results-name NAME]] [-v]

LIST is the package names (whitespace-separated, '-' reads stdin), by
default the output of `scripts/deps.sh --list GROUPS`.
"""
import argparse
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEPS_SH = os.path.join(TOP, "scripts", "deps.sh")

# What each package group of deps.sh is for, as the Makefile, guests/linux.mk,
# scripts/ and tests/ use it.
CHECKS = {
    "base": {
        "commands": ["make", "gcc", "arm-none-eabi-gcc", "arm-none-eabi-objcopy",
                     "arm-none-eabi-size", "qemu-system-arm", "dtc", "fdtput", "cpio",
                     "python3", "gdb-multiarch", "git", "strace"],
        "modules": ["kconfiglib", "menuconfig", "pexpect"],
        # (compiler, header: found as the compiler finds it) and (compiler,
        # library: found with -print-file-name)
        "headers": [("gcc", "cmocka.h")],
        "libraries": [("gcc", "libcmocka.so"), ("gcc", "libasan.so"), ("gcc", "libubsan.so"),
                      ("arm-none-eabi-gcc", "libgcc.a")],
        "files": [],
    },
    "guest": {
        "commands": ["arm-linux-gnueabihf-gcc", "patch", "xz", "gzip", "tar", "bc", "bison",
                     "flex", "perl", "dpkg-deb"],
        "modules": [],
        "headers": [("gcc", "openssl/ssl.h")],
        "libraries": [("arm-linux-gnueabihf-gcc", "libc.a")],
        "files": ["/usr/src/linux-source-6.1.tar.xz"],
    },
    "uboot": {
        # scripts/uboot/: mkimage (it runs base's dtc for the FIT), the SD
        # card; tests/boot/test_uboot.py needs base's pexpect
        "commands": ["mkimage", "mkfs.fat", "mcopy", "sfdisk", "truncate", "dd", "du"],
        "modules": [],
        "headers": [],
        "libraries": [],
        "files": ["/usr/lib/u-boot/qemu_arm/u-boot.bin"],
    },
}
HEADER_PREAMBLE = {
    # cmocka.h needs these first
    "cmocka.h": "#include <stdarg.h>\n#include <stddef.h>\n#include <stdint.h>\n#include <setjmp.h>\n",
}
QEMU_TRACED_DIRS = ("/usr/", "/lib", "/etc/", "/bin/", "/sbin/")
# the build's scripts add these to PATH (mkfs.fat, sfdisk), a user's PATH may lack them
SBIN_DIRS = "/usr/sbin:/sbin"
USR_MERGED = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")
STRIPPED_QEMU_OPTS = {"-kernel", "-initrd", "-dtb", "-append"}  # files of the build


# ---------------------------------------------------------------- packages
class Pkg:
    def __init__(self, name, arch, priority, essential, multiarch, depends, provides):
        self.name, self.arch = name, arch
        self.priority, self.essential, self.multiarch = priority, essential == "yes", multiarch
        self.depends = depends  # [[(name, qualifier), ...alternatives], ...]
        self.provides = provides

    @property
    def key(self):
        return f"{self.name}:{self.arch}"


ATOM = re.compile(r"^\s*([a-z0-9][a-z0-9+.-]*)(?::([a-z0-9-]+))?\s*(\([^)]*\))?\s*(\[[^]]*\])?\s*(<[^>]*>)?\s*$")


def parse_relation(field):
    groups = []
    for group in filter(None, (g.strip() for g in field.split(","))):
        alts = []
        for atom in group.split("|"):
            m = ATOM.match(atom)
            if m:
                alts.append((m.group(1), m.group(2)))
        if alts:
            groups.append(alts)
    return groups


class Installed:
    """The installed packages (dpkg's database) and dependency resolution."""

    def __init__(self):
        self.native = subprocess.run(["dpkg", "--print-architecture"], capture_output=True,
                                     text=True, check=True).stdout.strip()
        fmt = "\t".join(["${Package}", "${Architecture}", "${db:Status-Status}", "${Priority}",
                         "${Essential}", "${Multi-Arch}", "${Pre-Depends}", "${Depends}",
                         "${Provides}"]) + "\n"
        out = subprocess.run(["dpkg-query", "-W", "-f", fmt], capture_output=True, text=True,
                             check=True).stdout
        self.pkgs, self.by_name, self.providers = {}, {}, {}
        for line in out.splitlines():
            f = line.split("\t")
            if len(f) != 9 or f[2] != "installed":
                continue
            p = Pkg(f[0], f[1], f[3], f[4], f[5], parse_relation(f[6]) + parse_relation(f[7]),
                    [a[0][0] for a in parse_relation(f[8])])
            self.pkgs[p.key] = p
            self.by_name.setdefault(p.name, []).append(p)
            for v in p.provides:
                self.providers.setdefault(v, []).append(p)

    def _arch_ok(self, p, qual, dep_arch):
        if qual is None:
            return p.arch in (dep_arch, "all") or p.multiarch == "foreign"
        if qual == "any":
            return True
        if qual == "native":
            return p.arch in (self.native, "all")
        return p.arch in (qual, "all")

    def candidates(self, name, qual, dep_arch):
        """Installed packages satisfying one alternative, the likeliest first:
        the real package before providers, the depender's architecture first."""
        dep_arch = self.native if dep_arch == "all" else dep_arch

        def order(p):
            return (p.arch != dep_arch, p.arch != "all", p.arch != self.native, p.name)
        real = sorted((p for p in self.by_name.get(name, []) if self._arch_ok(p, qual, dep_arch)),
                      key=order)
        virt = sorted((p for p in self.providers.get(name, []) if self._arch_ok(p, qual, dep_arch)
                       and p not in real), key=order)
        return real + virt

    def lookup(self, spec):
        """The installed package a deps.sh name (name or name:arch) means."""
        name, _, arch = spec.partition(":")
        for p in sorted(self.by_name.get(name, []),
                        key=lambda p: (p.arch != self.native, p.arch != "all")):
            if not arch or arch == "any" or p.arch == arch:
                return p
        return None

    def fresh_set(self, roots, priorities=("required", "important")):
        """Depends/Pre-Depends closure of roots plus the Essential packages and
        those of the given priorities. An or-group or a virtual package with several installed
        providers is left until the unambiguous part is done; it counts as met
        if one of its candidates is in the set by then, or else brings in the
        first (apt's choice on a fresh machine)."""
        base = [p for p in self.pkgs.values() if p.arch in (self.native, "all")
                and (p.essential or p.priority in priorities)]
        have, queue, pending, notes = set(), [], [], []

        def add(p):
            if p.key not in have:
                have.add(p.key)
                queue.append(p)
        for p in list(roots) + base:
            add(p)
        while True:
            while queue:
                p = queue.pop()
                for group in p.depends:
                    cands = [c for name, qual in group for c in self.candidates(name, qual, p.arch)]
                    if not cands:
                        notes.append(f"{p.key}: nothing installed satisfies "
                                     + " | ".join(n + (":" + q if q else "") for n, q in group))
                    elif len(cands) == 1:
                        add(cands[0])
                    else:
                        pending.append((p, cands))
            left = []
            for p, cands in pending:
                if not any(c.key in have for c in cands):
                    left.append((p, cands))
            pending = []
            if not left:
                break
            p, cands = left[0]
            add(cands[0])
            pending = left[1:]
        return have, notes


# ---------------------------------------------------------------- file owners
def usr_alternative(path):
    parts = path.split("/")
    if len(parts) > 2 and parts[1] in USR_MERGED:
        return "/usr" + path
    if len(parts) > 3 and parts[1] == "usr" and parts[2] in USR_MERGED:
        return path[4:]
    return None


def link_path(path):
    """The path with its directories resolved but not its last component."""
    d, b = os.path.split(os.path.abspath(path))
    return os.path.join(os.path.realpath(d), b)


class Owners:
    """dpkg -S, batched and cached."""

    def __init__(self):
        self.cache = {}

    def fetch(self, paths):
        want = sorted({q for p in paths for q in (p, usr_alternative(p)) if q}
                      - self.cache.keys())
        for q in want:
            self.cache[q] = []
        for i in range(0, len(want), 500):
            chunk = want[i:i + 500]
            # dpkg-query takes glob patterns: escape what would be one
            pats = [re.sub(r"([*?\[\]\\])", r"\\\1", q) for q in chunk]
            out = subprocess.run(["dpkg-query", "-S"] + pats, capture_output=True, text=True).stdout
            for line in out.splitlines():
                if line.startswith("diversion by") or ": " not in line:
                    continue
                owners, path = line.split(": ", 1)
                if path in self.cache:
                    self.cache[path] = [o.strip() for o in owners.split(",")]

    def of(self, path):
        self.fetch([path])
        alt = usr_alternative(path)
        return sorted(set(self.cache.get(path, []) + (self.cache.get(alt, []) if alt else [])))


def in_set(owner, fresh):
    if ":" in owner:
        return owner in fresh
    return any(k.split(":")[0] == owner for k in fresh)


def file_verdict(path, owners, fresh, need_owner):
    """Checks one file: its target (realpath) and, for a symlink, the link.
    Returns (problems, description)."""
    real = os.path.realpath(path)
    link = link_path(path)
    paths = [real] + ([link] if link != real else [])
    owners.fetch(paths)
    problems, desc = [], []
    for q in paths:
        o = owners.of(q)
        if not o:
            if q == real and need_owner and not (link != real and owners.of(link)):
                problems.append(f"{q} belongs to no Debian package (a fresh machine lacks it)")
            continue
        ok = [x for x in o if in_set(x, fresh)]
        if ok:
            desc.append(f"{q} ({', '.join(ok)})")
        else:
            problems.append(f"{q} belongs to {', '.join(o)}, which deps.sh's packages do not "
                            "install without recommends")
    return problems, desc


# ---------------------------------------------------------------- the checks
class Report:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, name, detail="", extra=()):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(f"  {'pass' if ok else 'FAIL'}  {name}{': ' + detail if detail else ''}")
        for line in extra:
            print(f"       {line}")
        sys.stdout.flush()


def run(cmd, **kw):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60, **kw)
    except (OSError, subprocess.TimeoutExpired) as e:
        return subprocess.CompletedProcess(cmd, 127, "", str(e))


def check_file(rep, owners, fresh, name, path, note=""):
    if not path or not os.path.exists(path):
        rep.check(False, name, note or "not found")
        return
    problems, desc = file_verdict(path, owners, fresh, need_owner=True)
    rep.check(not problems, name, "; ".join(problems or desc))


def check_commands(rep, owners, fresh, cmds, python):
    # the build runs Python as /usr/bin/python3 (the Makefile's PYTHON, the
    # scripts' #! lines), not whichever python3 comes first in PATH
    search = os.environ.get("PATH", "/usr/bin:/bin") + ":" + SBIN_DIRS
    paths = {c: python if c == "python3" else shutil.which(c, path=search) for c in cmds}
    owners.fetch([q for p in paths.values() if p for q in (os.path.realpath(p), link_path(p))])
    for c in cmds:
        name = f"command {c}" + (f" (as {python})" if c == "python3" else "")
        check_file(rep, owners, fresh, name, paths[c], "not found in PATH")


MODULE_PROBE = r"""
import importlib, json, sys
before = set(sys.modules)
try:
    m = importlib.import_module(sys.argv[1])
except Exception as e:
    print(json.dumps({"error": f"{type(e).__name__}: {e}"}))
    sys.exit(0)
new = [getattr(sys.modules[k], "__file__", None) for k in sorted(set(sys.modules) - before)]
print(json.dumps({"file": getattr(m, "__file__", None), "deps": [f for f in new if f]}))
"""


def check_modules(rep, owners, fresh, python, modules):
    for mod in modules:
        # -I: no user site, no current directory, no PYTHON* variables
        r = run([python, "-I", "-c", MODULE_PROBE, mod])
        try:
            info = json.loads(r.stdout)
        except ValueError:
            info = {"error": (r.stderr.strip().splitlines() or ["python failed"])[-1]}
        if "error" in info or not info.get("file"):
            rep.check(False, f"python module {mod}", info.get("error", "no file"))
            continue
        files = [info["file"]] + [f for f in info["deps"] if f != info["file"]]
        owners.fetch([os.path.realpath(f) for f in files])
        problems, desc = file_verdict(info["file"], owners, fresh, need_owner=True)
        for f in files[1:]:
            if os.path.exists(f):
                problems += file_verdict(f, owners, fresh, need_owner=False)[0]
        more = f", and {len(files) - 1} modules it imports" if len(files) > 1 else ""
        rep.check(not problems, f"python module {mod}",
                  problems[0] if problems else "; ".join(desc) + more, problems[1:])


def check_header(rep, owners, fresh, cc, header):
    name = f"header {header} ({cc})"
    if not shutil.which(cc):
        rep.check(False, name, f"{cc} not found")
        return
    src = HEADER_PREAMBLE.get(header, "") + f"#include <{header}>\n"
    r = run([cc, "-M", "-x", "c", "-"], input=src)
    if r.returncode != 0:
        rep.check(False, name, (r.stderr.strip().splitlines() or ["not found"])[0])
        return
    files = [f for f in r.stdout.replace("\\\n", " ").split()[1:] if f != "-"]
    main = next((f for f in files if f.endswith("/" + header)), None)
    if not main:
        rep.check(False, name, f"{cc} -M does not list it")
        return
    owners.fetch([os.path.realpath(f) for f in files])
    problems, desc = file_verdict(main, owners, fresh, need_owner=True)
    for f in files:
        if f != main:
            problems += file_verdict(f, owners, fresh, need_owner=False)[0]
    rep.check(not problems, name, problems[0] if problems else "; ".join(desc), problems[1:])


def check_library(rep, owners, fresh, cc, lib):
    name = f"library {lib} ({cc})"
    if not shutil.which(cc):
        rep.check(False, name, f"{cc} not found")
        return
    r = run([cc, f"-print-file-name={lib}"])
    path = r.stdout.strip()
    check_file(rep, owners, fresh, name, path if os.path.isabs(path) else None,
               f"{cc} does not find it")


# ---------------------------------------------------------------- QEMU
CSTR = r'"((?:[^"\\]|\\.)*)"'
CALL = re.compile(r"^(\d+)\s+(open|openat|execve)\((.*)$")
RESUMED = re.compile(r"^(\d+)\s+<\.\.\. (\w+) resumed>(.*)$")


def unescape(s):
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out += c.encode("utf-8", "surrogateescape")
            i += 1
            continue
        m = re.match(r"x([0-9a-fA-F]{2})|([0-7]{1,3})|(.)", s[i + 1:])
        if m.group(1):
            out.append(int(m.group(1), 16))
        elif m.group(2):
            out.append(int(m.group(2), 8))
        else:
            out += {"n": b"\n", "t": b"\t", "r": b"\r", "v": b"\v", "f": b"\f"}.get(
                m.group(3), m.group(3).encode())
        i += 1 + m.end()
    return os.fsdecode(bytes(out))


def opened_files(log, cwd):
    """Paths of the successful open/openat/execve calls in an strace -f log."""
    calls, pending = [], {}
    with open(log, errors="surrogateescape") as f:
        for line in f:
            line = line.rstrip("\n")
            m = CALL.match(line)
            if m:
                if line.endswith("<unfinished ...>"):
                    pending[m.group(1)] = (m.group(2), m.group(3)[:-len("<unfinished ...>")])
                else:
                    calls.append((m.group(2), m.group(3)))
                continue
            m = RESUMED.match(line)
            if m and m.group(1) in pending:
                call, head = pending.pop(m.group(1))
                calls.append((call, head + m.group(3)))
    paths = []
    for call, rest in calls:
        m = re.search(r"\)\s+=\s+(-?\d+)", rest)
        if not m or int(m.group(1)) < 0:
            continue
        if call == "openat":
            a = re.match(r"\s*([^,]+),\s*" + CSTR, rest)
            if not a:
                continue
            dirfd, path = a.group(1), unescape(a.group(2))
            if not path.startswith("/") and dirfd != "AT_FDCWD":
                continue
        else:
            a = re.match(r"\s*" + CSTR, rest)
            if not a:
                continue
            path = unescape(a.group(1))
        paths.append(os.path.normpath(os.path.join(cwd, path)))
    return list(dict.fromkeys(paths))


def qemu_argv(qemu, args):
    out, it = [], iter(shlex.split(args))
    for a in it:
        if a == "-nographic":
            continue
        if a in STRIPPED_QEMU_OPTS:
            next(it, None)
            continue
        out.append(a)
    extra = ["-S"]
    if "-display" not in out:
        extra += ["-display", "none"]
    if "-serial" not in out:
        extra += ["-serial", "null"]
    return [qemu] + out + extra + ["-monitor", "stdio"]


def qemu_hints(stderr_lines, qemu, installed, failed):
    hints = []
    text = "\n".join(stderr_lines)
    if failed:
        owner = None
        path = shutil.which(qemu)
        if path:
            o = Owners().of(os.path.realpath(path))
            owner = o[0].split(":")[0] if o else None
        if owner:
            r = run(["dpkg-query", "-W", "-f", "${Recommends}", owner])
            rec = [a[0][0] for a in parse_relation(r.stdout)]
            missing = [n for n in rec if not installed.lookup(n)]
            if missing:
                hints.append(f"(if a file or module is missing: {owner} recommends, and this "
                             f"machine lacks, {', '.join(missing)})")
    if "module audio-" in text:
        hints.append("(audio backend modules probed: '-audiodev none,id=snd0 -global "
                     "pl041.audiodev=snd0' silences this without installing anything)")
    return hints


def check_qemu(rep, owners, fresh, installed, qemu, args, timeout, verbose):
    name = f"qemu {args}"
    strace = shutil.which("strace")
    if not strace:
        rep.check(False, name, "strace is not installed (scripts/deps.sh base installs it)")
        return
    if not shutil.which(qemu):
        rep.check(False, name, f"{qemu} not found in PATH")
        return
    argv = qemu_argv(qemu, args)
    with tempfile.TemporaryDirectory(prefix="deps-check-") as tmp:
        log = os.path.join(tmp, "strace.log")
        env = dict(os.environ, QEMU_AUDIO_DRV="none")
        # an empty working directory: QEMU looks for ROMs there first
        proc = subprocess.Popen([strace, "-f", "-qq", "-o", log, "-e",
                                 "trace=open,openat,execve"] + argv,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=tmp, env=env,
                                start_new_session=True)
        try:
            out, err = proc.communicate("quit\n", timeout=timeout)
            status = proc.returncode
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            status = None
        err_lines = [l for l in err.splitlines() if l.strip()]
        if status != 0:
            why = (f"did not quit within {timeout} s" if status is None else
                   f"exited with status {status} before the monitor answered 'quit'")
            rep.check(False, name, why, [" ".join(argv)] + (err_lines or ["(no message)"])
                      + qemu_hints(err_lines, qemu, installed, True))
            return
        files = [p for p in opened_files(log, tmp)
                 if p.startswith(QEMU_TRACED_DIRS) and os.path.exists(p) and not os.path.isdir(p)]
    owners.fetch([q for p in files for q in (os.path.realpath(p), link_path(p))])
    problems = []
    for p in files:
        problems += file_verdict(p, owners, fresh, need_owner=False)[0]
    problems = list(dict.fromkeys(problems))
    notes = [f"QEMU said: {l}" for l in dict.fromkeys(err_lines)] + qemu_hints(err_lines, qemu,
                                                                                installed, False)
    if problems:
        rep.check(False, name, f"QEMU opened {len(problems)} file(s) from packages outside the set",
                  [" ".join(argv)] + problems + notes)
    else:
        rep.check(True, name, f"starts; the {len(files)} files it opened under "
                  "/usr, /lib, /etc belong to the set's packages (or to none)", notes)
    if verbose:
        for p in files:
            print(f"         opened {p}")


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--group", action="append", choices=sorted(CHECKS),
                    help="deps.sh package group whose commands to check (repeatable; "
                         "default: all)")
    ap.add_argument("--packages", help="deps.sh's package list (default: deps.sh --list "
                    "GROUPS; '-' reads stdin)")
    ap.add_argument("--qemu-cmd", action="append", default=[], metavar="ARGS",
                    help="QEMU machine options to start once (repeatable)")
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--python", default="/usr/bin/python3", help="the Python the build uses")
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("--priorities", default="required,important",
                    help="priorities a fresh machine has all packages of (a minbase "
                         "container image: 'required')")
    ap.add_argument("--no-commands", action="store_true",
                    help="only the QEMU checks (and the package set)")
    ap.add_argument("--results", help="file to write 'NAME PASSED FAILED' to (tests/summary.py)")
    ap.add_argument("--results-name", default="deps-check", help="NAME in --results")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    groups = list(dict.fromkeys(args.group or sorted(CHECKS)))
    t0 = time.monotonic()

    if args.packages is None:
        r = run(["bash", DEPS_SH, "--list"] + groups)
        if r.returncode != 0:
            print(f"check_files.py: {DEPS_SH} --list failed: {r.stderr.strip()}", file=sys.stderr)
            return 2
        args.packages = r.stdout
    elif args.packages == "-":
        args.packages = sys.stdin.read()
    wanted = args.packages.split()

    rep = Report()
    installed = Installed()
    roots, missing = [], []
    for spec in wanted:
        p = installed.lookup(spec)
        (roots.append(p) if p else missing.append(spec))
    prios = tuple(filter(None, args.priorities.split(",")))
    fresh, notes = installed.fresh_set(roots, prios)
    rep.check(not missing, "packages",
              f"{len(wanted) - len(missing)} of deps.sh's {len(wanted)} installed; a fresh machine "
              f"has {len(fresh)} (their Depends/Pre-Depends closure, Essential, "
              f"{'/'.join(prios) or 'no'} priority)"
              + (f"; not installed: {' '.join(missing)} (run scripts/deps.sh)" if missing else ""),
              notes if args.verbose else ())
    if args.verbose:
        print("       set: " + " ".join(sorted(fresh)))

    owners = Owners()
    if not args.no_commands:
        for g in groups:
            c = CHECKS[g]
            check_commands(rep, owners, fresh, c["commands"], args.python)
            check_modules(rep, owners, fresh, args.python, c["modules"])
            for cc, h in c["headers"]:
                check_header(rep, owners, fresh, cc, h)
            for cc, lib in c["libraries"]:
                check_library(rep, owners, fresh, cc, lib)
            for f in c["files"]:
                check_file(rep, owners, fresh, f"file {f}", f)
    for q in args.qemu_cmd:
        check_qemu(rep, owners, fresh, installed, args.qemu, q, args.timeout, args.verbose)

    if args.verbose:
        print(f"       ({time.monotonic() - t0:.1f} s)")
    print(f"deps-check: {rep.passed} passed, {rep.failed} failed")
    if args.results:
        with open(args.results, "w") as f:
            f.write(f"{args.results_name} {rep.passed} {rep.failed}\n")
    return 0 if rep.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
