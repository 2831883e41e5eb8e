#!/usr/bin/env bash
# The firmware suite:
#   1. the Rust firmware example (examples/firmware) built for Cortex-M4F (thumbv7em-none-eabihf,
#      QEMU mps2-an386) and Cortex-M3 (thumbv7m-none-eabi, QEMU lm3s6965evb), run under QEMU:
#      every check must match (exit status 0), within a timeout;
#   2. its defmt build, run, and its log decoded on the host with defmt-print;
#   3. build checks of core, ffi and the firmware for Cortex-M0+ (thumbv6m-none-eabi);
#   4. the C firmware example (scripts/firmware-c.sh);
#   5. the on-target figures and their budgets (scripts/firmware-figures.sh).
# Stable Rust with rustup's Cortex-M targets. Installs what it needs itself (the targets, QEMU
# and arm-none-eabi-gcc through scripts/firmware-toolchain.sh; defmt-print).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
HOST_TARGET_DIR=$CARGO_TARGET_DIR
step() { printf '\n--> %s\n' "$*"; }

TOOLS=$HOST_TARGET_DIR/tools
if [ ! -x "$TOOLS/bin/defmt-print" ]; then
    step "installing defmt-print (the host side of defmt)"
    CARGO_TARGET_DIR=$HOST_TARGET_DIR/tools-build \
        cargo install -q defmt-print --version '^1' --locked --root "$TOOLS"
fi

cargo fmt --manifest-path examples/firmware/Cargo.toml --check

bash scripts/firmware-toolchain.sh
export CARGO_TARGET_DIR=$HOST_TARGET_DIR/firmware
FW=$ROOT/examples/firmware

# qemu MACHINE CPU ELF: runs a firmware image, output to stdout, within a timeout.
qemu() {
    timeout 180 qemu-system-arm -machine "$1" -cpu "$2" -nographic \
        -semihosting-config enable=on,target=native -kernel "$3"
}

run_rust() { # target machine cpu
    step "Rust firmware on $3 ($1, QEMU $2)"
    (cd "$FW" && cargo build -q --release --target "$1")
    local log=$CARGO_TARGET_DIR/firmware-$1.log
    if qemu "$2" "$3" "$CARGO_TARGET_DIR/$1/release/authcore-firmware" >"$log" 2>&1; then
        grep -E '^(  stack|[0-9]+ checks)' "$log"
    else
        cat "$log"
        echo "the Rust firmware failed on $3 (exit status or timeout above)" >&2
        exit 1
    fi
}
run_rust thumbv7em-none-eabihf mps2-an386 cortex-m4
run_rust thumbv7m-none-eabi lm3s6965evb cortex-m3

step "Rust firmware with defmt, decoded on the host"
(cd "$FW" && cargo build -q --release --features defmt --target thumbv7em-none-eabihf)
elf=$CARGO_TARGET_DIR/thumbv7em-none-eabihf/release/authcore-firmware
frames=$CARGO_TARGET_DIR/firmware-defmt.bin
qemu mps2-an386 cortex-m4 "$elf" >"$frames"
decoded=$("$TOOLS/bin/defmt-print" -e "$elf" <"$frames")
if ! grep -q ' 0 failed' <<<"$decoded" || grep -q 'FAIL' <<<"$decoded"; then
    echo "$decoded"
    echo "the defmt build's decoded log does not show every check passing" >&2
    exit 1
fi
grep -E 'ok +alg none|checks passed' <<<"$decoded"

step "build checks for Cortex-M0+ (thumbv6m-none-eabi): core, ffi, the firmware"
cargo build -q --release --target thumbv6m-none-eabi -p authcore
cargo rustc -q --release --target thumbv6m-none-eabi -p authcore-ffi \
    --no-default-features --features panic-handler,rsa --lib --crate-type staticlib
(cd "$FW" && cargo build -q --release --target thumbv6m-none-eabi)
echo "thumbv6m-none-eabi: core, ffi and the firmware build"

bash "$ROOT/scripts/firmware-c.sh"
bash "$ROOT/scripts/firmware-figures.sh"
