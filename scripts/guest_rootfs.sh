#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the guest's initramfs: Debian's busybox-static:armhf, the init
# script and the project's guest tools (built by guests/linux.mk into
# OUTDIR/tools). Usage: guest_rootfs.sh OUTDIR
set -euo pipefail
out=$(realpath -m "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"

deb=$(ls "$out"/busybox-static_*_armhf.deb 2>/dev/null | head -1 || true)
if [ -z "$deb" ]; then
  echo "  GUEST   downloading busybox-static:armhf"
  if ! (cd "$out" && apt-get download -q busybox-static:armhf >/dev/null 2>&1); then
    # the armhf package lists may be missing or stale
    apt-get update -q >/dev/null
    (cd "$out" && apt-get download -q busybox-static:armhf >/dev/null)
  fi
  deb=$(ls "$out"/busybox-static_*_armhf.deb | head -1)
fi

root="$out/rootfs"
rm -rf "$root" && mkdir -p "$root"/{bin,dev,proc,sys,tmp,etc,root}
dpkg-deb -x "$deb" "$out/busybox-deb"
cp "$out/busybox-deb/bin/busybox" "$root/bin/busybox"
file_type=$(od -An -c -N 5 "$root/bin/busybox" | tr -d ' ')
[ "$file_type" = "177ELF001" ] || { echo "guest_rootfs.sh: busybox is not a 32-bit ELF" >&2; exit 1; }
ln -s busybox "$root/bin/sh"
install -m 755 "$top/guests/rootfs/init" "$root/init"
for tool in "$out"/tools/tern-*; do
  [ -e "$tool" ] && install -m 755 "$tool" "$root/bin/"
done
(cd "$root" && find . | sort | cpio --quiet -o -H newc | gzip -9 > "$out/initramfs.cpio.gz")
echo "  GUEST   $out/initramfs.cpio.gz ($(du -k "$out/initramfs.cpio.gz" | cut -f1) KiB)"
