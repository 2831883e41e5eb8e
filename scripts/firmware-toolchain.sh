#!/usr/bin/env bash
# Installs what the Cortex-M builds need, when missing:
#   - rustup's Cortex-M targets for the active toolchain (stable): thumbv7em-none-eabihf
#     (Cortex-M4F), thumbv7m-none-eabi (Cortex-M3), thumbv6m-none-eabi (Cortex-M0+), each
#     with its precompiled `core`;
#   - Debian's qemu-system-arm, arm-none-eabi binutils, gcc and newlib (apt-get).
# Usage: bash scripts/firmware-toolchain.sh   (scripts/firmware.sh runs it)
set -euo pipefail
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
log() { printf '%s\n' "$*" >&2; }

targets=(thumbv7em-none-eabihf thumbv7m-none-eabi thumbv6m-none-eabi)
installed=$(rustup target list --installed)
missing=()
for t in "${targets[@]}"; do
    grep -qx "$t" <<<"$installed" || missing+=("$t")
done
if [ ${#missing[@]} -gt 0 ]; then
    log "rustup target add ${missing[*]}"
    rustup target add "${missing[@]}" >&2
fi

need=()
command -v qemu-system-arm >/dev/null || need+=(qemu-system-arm)
command -v arm-none-eabi-gcc >/dev/null || need+=(gcc-arm-none-eabi binutils-arm-none-eabi)
[ -e /usr/lib/arm-none-eabi/newlib/thumb/v7e-m+fp/hard/libc.a ] || need+=(libnewlib-arm-none-eabi)
if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
