#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Cross-builds, static for armhf, the LmBench 3 programs bench-guest runs,
# from a user's LmBench source tree (not packaged by Debian, and never part
# of this repository). The tree is copied and built outside it; the source
# itself is left untouched. Usage: lmbench_build.sh LMBENCH_DIR OUTDIR
# (binaries in OUTDIR/bin). Rebuilt only when the source tree changes.
#
# Fixes for a modern cross toolchain, made on the copy:
# - glibc no longer has Sun RPC (<rpc/rpc.h>) and libtirpc isn't installed
#   for armhf: a header of our own stands in for it, with a portmapper
#   whose every call fails. Only LmBench's TCP and UDP servers register
#   with the portmapper; bench-guest runs none of them, and any that ran
#   would stop with LmBench's own 'pmap_set' error instead of measuring.
# - GCC 12 defaults to -fno-common and C17 rejects old-style definitions
#   LmBench relies on: built with -fcommon -std=gnu89 and the warnings it
#   has always had left as warnings.
set -euo pipefail
src=${1:?usage: lmbench_build.sh LMBENCH_DIR OUTDIR}
out=$(realpath -m "${2:?usage: lmbench_build.sh LMBENCH_DIR OUTDIR}")
[ -f "$src/src/bench.h" ] && [ -f "$src/src/lat_syscall.c" ] || {
  echo "lmbench_build.sh: $src is not an LmBench source tree (no src/bench.h, src/lat_syscall.c)" >&2
  exit 1
}
programs="lat_syscall lat_select lat_sig lat_pagefault lat_proc lat_ctx lat_pipe lat_unix
	bw_pipe bw_unix lat_mmap bw_mem hello loop_o timing_o"
# The stamp names the tree and the programs: a build from another tree, or
# for another list, or by an older version of this script is redone.
stamp="$out/.built"
built_for="$(realpath "$src") $(echo $programs)"
if [ -f "$stamp" ] && [ "$stamp" -nt "$0" ] && [ "$(cat "$stamp")" = "$built_for" ] &&
   [ -z "$(find "$src/src" -newer "$stamp" -print -quit)" ]; then
  exit 0
fi
echo "  LMBENCH cross-building $src (static, armhf)"
rm -rf "$out" && mkdir -p "$out/src/rpc" "$out/bin"
cp -a "$src/src/." "$out/src/"
cat > "$out/src/rpc/rpc.h" <<'HEADER'
/* bench-guest's stand-in for Sun RPC (scripts/lmbench_build.sh): a
 * portmapper whose every call fails. */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <sys/types.h>
static inline int pmap_set(u_long prog, u_long vers, int proto, unsigned short port)
{ (void)prog; (void)vers; (void)proto; (void)port; return 0; }
static inline int pmap_unset(u_long prog, u_long vers)
{ (void)prog; (void)vers; return 0; }
static inline unsigned short pmap_getport(struct sockaddr_in *addr, u_long prog, u_long vers,
					  unsigned proto)
{ (void)addr; (void)prog; (void)vers; (void)proto; return 0; }
HEADER
: > "$out/src/rpc/types.h"
cc=arm-linux-gnueabihf-gcc
cflags="-O2 -std=gnu89 -fcommon -w -I$out/src -DHAVE_uint=1 -DHAVE_uint64_t=1 -DHAVE_int64_t=1
	-DHAVE_DRAND48 -DHAVE_SCHED_SETAFFINITY=1 -DRUSAGE"
cd "$out/src"
libs="lib_tcp lib_udp lib_unix lib_timing lib_mem lib_stats lib_debug getopt lib_sched"
for lib in $libs; do
  # shellcheck disable=SC2086
  $cc $cflags -c -o "$lib.o" "$lib.c" &
done
wait
for lib in $libs; do [ -f "$lib.o" ] || { echo "lmbench_build.sh: $lib.c did not compile" >&2; exit 1; }; done
arm-linux-gnueabihf-ar rcs lmbench.a $(printf '%s.o ' $libs)
for program in $programs; do
  # shellcheck disable=SC2086
  $cc $cflags -static -s -o "$out/bin/$program" "$program.c" lmbench.a -lm ||
    { echo "lmbench_build.sh: $program.c did not build" >&2; exit 1; }
done
echo "$built_for" > "$stamp"
echo "  LMBENCH $(echo $programs | wc -w) programs in $out/bin"
