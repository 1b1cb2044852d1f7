#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench-guest's initramfs: the guest's normal one (unchanged) followed by a
# second archive with /bench/run (tests/bench/guest_run.sh), /bin/tern-bench
# (guests/bench/bench.c, in no other initramfs) and, given a
# directory of LmBench binaries (scripts/lmbench_build.sh), those in
# /bench/lmbench. Linux unpacks concatenated archives one after the other.
# Usage: bench_guest_rootfs.sh BASE_INITRAMFS OUTDIR TERN_BENCH [LMBENCH_BIN_DIR]
set -euo pipefail
base=$1 out=$(realpath -m "$2") tern_bench=$3 lmbench=${4:-}
top=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$base" ] || { echo "bench_guest_rootfs.sh: no base initramfs $base" >&2; exit 1; }
root="$out/bench-root"
[ -x "$tern_bench" ] || { echo "bench_guest_rootfs.sh: no tern-bench program $tern_bench" >&2; exit 1; }
rm -rf "$root" && mkdir -p "$root/bench" "$root/bin"
install -m 755 "$top/tests/bench/guest_run.sh" "$root/bench/run"
install -m 755 "$tern_bench" "$root/bin/tern-bench"
if [ -n "$lmbench" ]; then
  [ -x "$lmbench/lat_syscall" ] || { echo "bench_guest_rootfs.sh: $lmbench has no LmBench binaries (lat_syscall)" >&2; exit 1; }
  mkdir -p "$root/bench/lmbench"
  install -m 755 "$lmbench"/* "$root/bench/lmbench/"
fi
(cd "$root" && find . | sort | cpio --quiet -o -H newc | gzip -9 > "$out/bench.cpio.gz")
cat "$base" "$out/bench.cpio.gz" > "$out/initramfs.cpio.gz.tmp"
mv "$out/initramfs.cpio.gz.tmp" "$out/initramfs.cpio.gz"
echo "  GUEST   $out/initramfs.cpio.gz ($(du -k "$out/initramfs.cpio.gz" | cut -f1) KiB${lmbench:+, with LmBench})"
