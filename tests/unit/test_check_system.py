#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The build's check of the system description (scripts/check_system.py)
on the fixtures the root task's reader is tested with (test_system_desc.c):
it must refuse every one the root task refuses, naming the node and
property, and accept the ones it accepts. Prints TAP for tests/unit/run.py.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "scripts", "check_system.py")
DTBS = os.path.join(os.environ.get("TERN_TEST_DATA_DIR", "."), "dtb", "system")

# Each broken description: the node, and the property (None: the node
# itself is at fault), one line of the script's output must name.
BAD = {
    "bad-no-vmm": ("/guests/linux", "vmm"),
    "bad-no-kernel": ("/guests/linux", "kernel"),
    "bad-no-dtb": ("/guests/linux", "dtb"),
    "bad-no-ram-mib": ("/guests/linux", "ram-mib"),
    "bad-no-memory-bits": ("/guests/linux", "memory-bits"),
    "bad-no-priority": ("/guests/linux", "priority"),
    "bad-ram-mib-odd": ("/guests/linux", "ram-mib"),
    "bad-ram-mib-zero": ("/guests/linux", "ram-mib"),
    "bad-ram-mib-over": ("/guests/linux", "ram-mib"),
    "bad-ram-mib-string": ("/guests/linux", "ram-mib"),
    "bad-ram-mib-two-cells": ("/guests/linux", "ram-mib"),
    "bad-ram-mib-empty": ("/guests/linux", "ram-mib"),
    "bad-supervisor-priority-empty": ("/guests", "supervisor-priority"),
    "bad-restart-empty": ("/guests/linux", "restart"),
    "bad-display-window-empty": ("/guests/linux", "display-window"),
    "bad-channel-guests-empty": ("/channels/control", "guests"),
    "bad-channel-frames-empty": ("/channels/control", "frames"),
    "bad-memory-bits-low": ("/guests/linux", "memory-bits"),
    "bad-memory-bits-high": ("/guests/linux", "memory-bits"),
    "bad-memory-bits-no-room": ("/guests/linux", "memory-bits"),
    "bad-memory-bits-no-room-at-max": ("/guests/linux", "memory-bits"),
    "bad-priority-zero": ("/guests/linux", "priority"),
    "bad-priority-high": ("/guests/linux", "priority"),
    "bad-supervisor-priority-zero": ("/guests", "supervisor-priority"),
    "bad-supervisor-priority-high": ("/guests", "supervisor-priority"),
    "bad-supervisor-priority-string": ("/guests", "supervisor-priority"),
    "bad-display-window": ("/guests/linux", "display-window"),
    "bad-restart": ("/guests/linux", "restart"),
    "bad-vmm-empty": ("/guests/linux", "vmm"),
    "bad-kernel-two-strings": ("/guests/linux", "kernel"),
    "bad-kernel-number": ("/guests/linux", "kernel"),
    "bad-bootargs-long": ("/guests/linux", "bootargs"),
    "bad-guest-name-long": ("/guests/abcdefghijklmnop", None),
    "bad-two-console-input": ("/guests/linux", "console-input"),
    "bad-too-many-guests": ("/guests", None),
    "bad-no-guests": ("/guests", None),
    "bad-empty-guests": ("/guests", None),
    "bad-channel-unknown-guest": ("/channels/control", "guests"),
    "bad-channel-same-guest": ("/channels/control", "guests"),
    "bad-channel-one-guest": ("/channels/control", "guests"),
    "bad-channel-one-string": ("/channels/control", "guests"),
    "bad-channel-three-guests": ("/channels/control", "guests"),
    "bad-channel-no-guests": ("/channels/control", "guests"),
    "bad-channel-frames-over": ("/channels/control", "frames"),
    "bad-channel-frames-zero": ("/channels/control", "frames"),
    "bad-channel-no-frames": ("/channels/control", "frames"),
    "bad-channel-compatible": ("/channels/control", "compatible"),
    "bad-channel-no-compatible": ("/channels/control", "compatible"),
    "bad-too-many-channels": ("/channels", None),
    "bad-channel-name-long": ("/channels/abcdefghijklmnop", None),
}
GOOD = ["handset", "linux", "good-base", "good-minimal", "good-limits",
        "good-channel-compatible-list"]


def check(path, *extra):
    r = subprocess.run([sys.executable, SCRIPT, path, *extra], capture_output=True, text=True)
    prefix = f"system description {path}: "
    lines = [l[len(prefix):] if l.startswith(prefix) else l for l in r.stderr.splitlines()]
    return r.returncode, lines


def names(line, node, prop):
    """Does the message name the node (as a whole path) and the property?"""
    where = line.split(": ", 1)[0]
    return node in [w.strip() for w in where.split(",")] and \
        (prop is None or f"'{prop}'" in line)


def refuses(name, node, prop):
    rc, lines = check(os.path.join(DTBS, name + ".dtb"))
    if rc != 1:
        return f"exit status {rc}, not 1; said {lines}"
    if not any(names(l, node, prop) for l in lines):
        return f"no line names {node} and '{prop}': {lines}"
    return None


def accepts(name):
    rc, lines = check(os.path.join(DTBS, name + ".dtb"))
    return None if rc == 0 and not lines else f"exit status {rc}: {lines}"


def every_fixture_listed():
    on_disk = {f[:-4] for f in os.listdir(DTBS) if f.endswith(".dtb")}
    missing = sorted(n for n in on_disk if n.startswith("bad-") and n not in BAD)
    unbuilt = sorted(n for n in list(BAD) + GOOD if n not in on_disk)
    if missing or unbuilt:
        return f"not listed here: {missing}; listed but not built: {unbuilt}"
    return None


def refuses_blob(data):
    with tempfile.NamedTemporaryFile(suffix=".dtb") as f:
        f.write(data)
        f.flush()
        rc, lines = check(f.name)
    if rc != 1 or not any(l.startswith("not a device tree") for l in lines):
        return f"exit status {rc}: {lines}"
    return None


def refuses_truncated():
    with open(os.path.join(DTBS, "handset.dtb"), "rb") as f:
        whole = f.read()
    for cut in (0, 20, 40, len(whole) // 2, len(whole) - 1):
        bad = refuses_blob(whole[:cut])
        if bad:
            return f"cut at {cut} of {len(whole)}: {bad}"
    return None


def refuses_twin_guests():
    """Two guests of one name: dtc merges them, so edit the blob."""
    with open(os.path.join(DTBS, "twin-guests.dtb"), "rb") as f:
        blob = f.read()
    assert blob.count(b"linuX\0") == 1
    with tempfile.NamedTemporaryFile(suffix=".dtb") as f:
        f.write(blob.replace(b"linuX\0", b"linux\0"))
        f.flush()
        rc, lines = check(f.name)
    if rc != 1 or not any(names(l, "/guests/linux", None) and "same name" in l for l in lines):
        return f"exit status {rc}: {lines}"
    return None


def refuses_missing_archive_file():
    files = ["vmm", "rtos/rtos.elf", "rtos/guest.dtb", "linux/zImage", "linux/guest.dtb"]
    rc, lines = check(os.path.join(DTBS, "good-base.dtb"),
                      *[a for f in files for a in ("--archive-file", f)])
    if rc != 1 or not any(names(l, "/guests/linux", "initrd") and
                          "linux/initramfs.cpio.gz" in l for l in lines):
        return f"exit status {rc}: {lines}"
    rc, lines = check(os.path.join(DTBS, "good-base.dtb"),
                      *[a for f in files + ["linux/initramfs.cpio.gz"]
                        for a in ("--archive-file", f)])
    return None if rc == 0 else f"with every file: exit status {rc}: {lines}"


def main():
    tests = [("every bad fixture is listed and every listed one built", every_fixture_listed)]
    tests += [(f"refuses {n}", lambda n=n, w=w: refuses(n, *w)) for n, w in BAD.items()]
    tests += [(f"accepts {n}", lambda n=n: accepts(n)) for n in GOOD]
    tests += [("refuses text that is not a device tree",
               lambda: refuses_blob(b"/ { guests { linux { vmm = \"vmm\"; }; }; };\n")),
              ("refuses an empty file", lambda: refuses_blob(b"")),
              ("refuses a truncated blob", refuses_truncated),
              ("refuses two guests of one name", refuses_twin_guests),
              ("refuses a file the archive lacks", refuses_missing_archive_file)]
    print(f"1..{len(tests)}")
    failed = 0
    for i, (title, test) in enumerate(tests, 1):
        try:
            problem = test()
        except Exception as e:  # a crash in the script or here is a failure
            problem = f"{type(e).__name__}: {e}"
        print(f"{'not ok' if problem else 'ok'} {i} - {title}")
        if problem:
            failed += 1
            print(f"# {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
