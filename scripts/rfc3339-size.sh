#!/usr/bin/env bash
# The flash each RFC 3339 reader adds to a Cortex-M4F image (opt-level "s", LTO): the
# same program built without a reader, with authcore's, with `time`'s and with `chrono`'s
# (examples/rfc3339-size). Needs rustup's thumbv7em-none-eabihf target and arm-none-eabi
# binutils (both installed when missing). BENCHMARKS.md records the figures.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/../examples/rfc3339-size"
rustup target add thumbv7em-none-eabihf >/dev/null 2>&1
if ! command -v arm-none-eabi-size >/dev/null; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq binutils-arm-none-eabi
fi
target=${CARGO_TARGET_DIR:-$PWD/../../target}/rfc3339-size
size_of() {
    cargo build -q --release --target-dir "$target/${1:-baseline}" ${1:+--features "$1"}
    arm-none-eabi-size -A "$target/${1:-baseline}/thumbv7em-none-eabihf/release/rfc3339-size" |
        awk '$1 ~ /^\.(vector_table|text|rodata|data)$/ {s += $2} END {print s}'
}
base=$(size_of "")
[ "$base" -gt 0 ] || { echo "no baseline size measured" >&2; exit 1; }
printf '%-8s %6s B (image without a reader)\n' baseline "$base"
for reader in ours time chrono; do
    s=$(size_of "$reader")
    [ "$s" -gt "$base" ] || { echo "$reader: no size measured" >&2; exit 1; }
    printf '%-8s %6s B added\n' "$reader" "$((s - base))"
done
