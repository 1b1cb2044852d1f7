#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian packages Tern needs that are missing. Idempotent and
# quiet when everything is present. Usage: scripts/deps.sh [group...]
# Groups: base (default: build and test the kernel).
set -euo pipefail

base=(make gcc libc6-dev gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi
      qemu-system-arm device-tree-compiler python3 python3-kconfiglib cpio
      libcmocka-dev python3-pexpect gdb-multiarch pkg-config git)

packages=()
groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(base)
for g in "${groups[@]}"; do
  case "$g" in
    base) packages+=("${base[@]}") ;;
    *) echo "deps.sh: unknown package group '$g' (known: base)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

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
if ! { $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -30 "$log" >&2
  echo "deps.sh: apt-get failed installing: ${missing[*]}" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
echo "deps: done"
