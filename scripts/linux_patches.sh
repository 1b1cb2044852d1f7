#!/bin/bash
# SPDX-License-Identifier: MIT
# Brings the extracted Linux source to Tern's patch series, changing only
# the files the patches touch, so that Linux's rebuild stays incremental:
# the series applied last (kept in APPLIED) is reverse-applied, newest
# first, then the current one applied in order and kept. Then the files
# Tern shares with its Linux patches are copied in (only if changed).
#
#   linux_patches.sh SRC APPLIED -- PATCH...
set -euo pipefail
src=$1 applied=$2
shift 2
[ "${1:-}" = -- ] && shift
mkdir -p "$applied"
for p in $(ls -r "$applied"/*.patch 2>/dev/null); do
	echo "  UNPATCH $(basename "$p")"
	if ! patch -d "$src" -p1 -R --quiet --force < "$p"; then
		echo "linux_patches.sh: $p does not reverse-apply; remove $(dirname "$applied")/.source-stamp to extract Linux afresh" >&2
		exit 1
	fi
	rm "$p"
done
for p in "$@"; do
	echo "  PATCH   $p"
	patch -d "$src" -p1 --quiet --forward < "$p"
	cp "$p" "$applied/"
done
# The inter-VM channel's ring layout: one header for the RTOS, the VMM and
# the Linux driver (guests/linux-patch/0001-tty-tern-channel.patch).
header=guests/channel/tern_channel.h
cmp -s "$header" "$src/drivers/tty/tern_channel.h" || cp "$header" "$src/drivers/tty/tern_channel.h"
