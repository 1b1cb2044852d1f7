#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds an SD-card image: an MBR partition table with one bootable FAT
# partition holding the given files at its root, as U-Boot's distro boot
# looks for them. No root and no loop device: the file system is made in a
# file of its own (mkfs.fat, mtools' mcopy) and copied into place behind
# the partition table (sfdisk works on image files).
# Usage: make_sdcard.sh OUT.img FILE...
set -euo pipefail
PATH=$PATH:/usr/sbin:/sbin   # mkfs.fat and sfdisk live there

[ $# -ge 2 ] || { echo "usage: $0 OUT.img FILE..." >&2; exit 2; }
out=$1; shift

part_start_sectors=2048      # 1 MiB, the usual alignment for SD cards
# the files plus room for FAT16's tables and a margin, in whole MiB (16 MiB at least)
payload=$(du -cb "$@" | tail -1 | cut -f1)
part_mib=$(( (payload * 11 / 10 + (2 << 20)) / (1 << 20) + 1 ))
[ "$part_mib" -ge 16 ] || part_mib=16

part=$out.part
trap 'rm -f "$part"' EXIT
rm -f "$part"
truncate -s "${part_mib}M" "$part"
mkfs.fat -F 16 -n TERN "$part" >/dev/null
for f in "$@"; do
	MTOOLS_SKIP_CHECK=1 mcopy -i "$part" -o "$f" "::/$(basename "$f")"
done

rm -f "$out"
truncate -s $(( (part_mib + 1) << 20 )) "$out"
# type e: FAT16 (LBA); bootable, as some boards' boot ROMs want
echo "start=$part_start_sectors, size=$(( part_mib << 11 )), type=e, bootable" |
	sfdisk --quiet --label dos "$out"
dd if="$part" of="$out" bs=512 seek=$part_start_sectors conv=notrunc status=none
