#!/usr/bin/env bash
# Prepares what the Cortex-M builds need and prints the environment to use them:
#   - Debian's qemu-system-arm, arm-none-eabi binutils, gcc and newlib (installed with apt-get
#     when missing);
#   - Debian's rustc-web/cargo-web 1.96 with rust-web-src (the exact library sources of that
#     compiler), downloaded and unpacked into $THUMB_TOOLCHAIN (default:
#     $CARGO_TARGET_DIR/thumb-toolchain), not installed, so nothing clashes with rustup's
#     toolchain. `-Zbuild-std` then builds `core` for any thumbv* target.
# Usage: eval "$(bash scripts/firmware-toolchain.sh)"
# Everything goes to stderr except the `export` lines.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/target}
T=${THUMB_TOOLCHAIN:-$target/thumb-toolchain}
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
log() { printf '%s\n' "$*" >&2; }

updated=0
apt_update() {
    if [ $updated = 0 ]; then $SUDO apt-get update -qq >&2; updated=1; fi
}

need=()
command -v qemu-system-arm >/dev/null || need+=(qemu-system-arm)
command -v arm-none-eabi-gcc >/dev/null || need+=(gcc-arm-none-eabi binutils-arm-none-eabi)
[ -e /usr/lib/arm-none-eabi/newlib/thumb/v7e-m+fp/hard/libc.a ] || need+=(libnewlib-arm-none-eabi)
if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    apt_update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

# The compiler: one version for every rustc-web package (the security suite's 1.96).
# Its shared libraries come along too (a machine may have none of them), libmbedcrypto7
# included: cargo-web links it and nothing else on a bare machine pulls it in.
libdir=$T/root/usr/lib/x86_64-linux-gnu
if [ ! -x "$T/root/usr/bin/rustc" ] || [ ! -d "$T/root/usr/lib/rustlib/src/rust/library" ] ||
    [ ! -e "$libdir/libmbedcrypto.so.7" ]; then
    apt_update
    V=$(apt-cache madison rustc-web | awk '$3 ~ /^1\.96\./ {print $3; exit}')
    [ -n "$V" ] || { log "no rustc-web 1.96 in the Debian archive (apt-cache madison rustc-web)"; exit 1; }
    log "unpacking rustc-web $V into $T"
    rm -rf "$T/debs" "$T/root"
    mkdir -p "$T/debs" "$T/root"
    (cd "$T/debs" && apt-get download -q rustc-web="$V" cargo-web="$V" libstd-rust-web-dev="$V" \
        libstd-rust-web-1.96="$V" rust-web-src="$V" rust-web-llvm="$V" \
        libllvm22 lld-22 libgit2-1.5 libmbedtls14 libmbedx509-1 libmbedcrypto7 \
        libhttp-parser2.9 >&2)
    for f in "$T"/debs/*.deb; do dpkg-deb -x "$f" "$T/root"; done
fi
# Fail here, naming the library, rather than later with a loader error from cargo.
missing=$(for exe in rustc cargo; do
    LD_LIBRARY_PATH="$libdir:$T/root/usr/lib/llvm-22/lib" ldd "$T/root/usr/bin/$exe"
done | awk '/not found/ {print $1}' | sort -u)
if [ -n "$missing" ]; then
    log "the unpacked rustc-web/cargo-web still lack: $missing (add their Debian packages above)"
    exit 1
fi

cat <<ENV
export THUMB_TOOLCHAIN='$T'
export LD_LIBRARY_PATH='$T/root/usr/lib/x86_64-linux-gnu:$T/root/usr/lib/llvm-22/lib'\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}
export PATH='$T/root/usr/bin':\$PATH
export RUSTC='$T/root/usr/bin/rustc' RUSTC_BOOTSTRAP=1
export CARGO_HOME='$T/cargo-home'
ENV
