#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian packages Tern needs that are missing. Idempotent and
# quiet when everything is present. Usage: scripts/deps.sh [group...]
# Groups: base (build and test the kernel), guest (the Linux guest), uboot
# (U-Boot images, SD card, QEMU with Debian's U-Boot); default: all three.
#   scripts/deps.sh --list [group...]     prints the groups' packages, one a line
#   scripts/deps.sh --verify [group...] [-- check_files.py options]
#       checks that what the build and tests use comes from these packages
#       as a fresh machine has them (no recommends): tests/deps/check_files.py
set -euo pipefail

mode=install
case "${1:-}" in
  --list) mode=list; shift ;;
  --verify) mode=verify; shift ;;
esac

base=(make gcc libc6-dev gcc-arm-none-eabi binutils-arm-none-eabi
      qemu-system-arm device-tree-compiler python3 python3-kconfiglib cpio
      libcmocka-dev python3-pexpect gdb-multiarch git strace)

# The Linux guest and its user space (busybox-static:armhf comes through
# apt-get download, which needs the armhf architecture's package lists).
guest=(linux-source-6.1 gcc-arm-linux-gnueabihf libc6-dev-armhf-cross bc bison flex libssl-dev xz-utils patch gzip)

# Booting through U-Boot: mkimage (FIT, uImage, boot.scr), an SD-card image
# without root (mkfs.fat, mtools' mcopy, sfdisk), Debian's U-Boot for QEMU
# virt (/usr/lib/u-boot/qemu_arm/u-boot.bin).
uboot=(u-boot-tools u-boot-qemu dosfstools mtools fdisk)

# make demo's window where there is a display: QEMU's GTK front end. Not a
# default group: headless machines (CI) do without it.
display=(qemu-system-gui)

packages=()
need_armhf=0
groups=()
check_args=()
while [ $# -gt 0 ]; do
  if [ "$mode" = verify ] && [ "$1" = -- ]; then shift; check_args=("$@"); break; fi
  groups+=("$1"); shift
done
[ ${#groups[@]} -eq 0 ] && groups=(base guest uboot)
for g in "${groups[@]}"; do
  case "$g" in
    base) packages+=("${base[@]}") ;;
    guest) packages+=("${guest[@]}"); need_armhf=1 ;;
    uboot) packages+=("${uboot[@]}") ;;
    display) packages+=("${display[@]}") ;;
    *) echo "deps.sh: unknown package group '$g' (known: base, guest, uboot, display)" >&2; exit 2 ;;
  esac
done

case "$mode" in
  list)
    printf '%s\n' "${packages[@]}" | awk '!seen[$0]++'
    exit 0 ;;
  verify)
    top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    group_args=()
    for g in "${groups[@]}"; do group_args+=(--group "$g"); done
    if ! /usr/bin/python3 "$top/tests/deps/check_files.py" "${group_args[@]}" \
        --packages "$(printf '%s\n' "${packages[@]}" | awk '!seen[$0]++')" "${check_args[@]}"; then
      echo "deps.sh --verify: the packages of '${groups[*]}' (without recommends) do not provide" \
        "everything listed as FAIL above" >&2
      exit 1
    fi
    exit 0 ;;
esac

if [ "$need_armhf" = 1 ] && ! dpkg --print-foreign-architectures | grep -qx armhf; then
  [ "$(id -u)" -eq 0 ] || { echo "deps.sh: run as root to add the armhf architecture" >&2; exit 1; }
  echo "deps: adding the armhf architecture (for busybox-static:armhf)"
  dpkg --add-architecture armhf
  force_update=1
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  if [ "${force_update:-0}" = 1 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null 2>&1 || true
  fi
  exit 0
fi

echo "deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "deps.sh: missing packages (${missing[*]}) and not root; install them as root" >&2
    exit 1
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
# a partly failed update (a mirror mid-sync) still leaves usable lists
if ! { $SUDO apt-get update -q || true; $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -30 "$log" >&2
  echo "deps.sh: apt-get failed installing: ${missing[*]}" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
echo "deps: done"
