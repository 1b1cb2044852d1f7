#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian packages Tern needs that are missing. Idempotent and
# quiet when everything is present. Usage: scripts/deps.sh [group...]
# Groups: base (build and test the kernel), guest (the Linux guest); default: both.
set -euo pipefail

base=(make gcc libc6-dev gcc-arm-none-eabi binutils-arm-none-eabi
      qemu-system-arm device-tree-compiler python3 python3-kconfiglib cpio
      libcmocka-dev python3-pexpect gdb-multiarch git)

# The Linux guest and its user space (busybox-static:armhf comes through
# apt-get download, which needs the armhf architecture's package lists).
guest=(linux-source-6.1 gcc-arm-linux-gnueabihf libc6-dev-armhf-cross bc bison flex libssl-dev xz-utils patch gzip)

packages=()
need_armhf=0
groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(base guest)
for g in "${groups[@]}"; do
  case "$g" in
    base) packages+=("${base[@]}") ;;
    guest) packages+=("${guest[@]}"); need_armhf=1 ;;
    *) echo "deps.sh: unknown package group '$g' (known: base, guest)" >&2; exit 2 ;;
  esac
done

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
