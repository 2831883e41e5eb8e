#!/usr/bin/env bash
# The no-heap proof (examples/no-heap-proof): builds a `#![no_std]`, `#![no_main]` program
# with no global allocator that links authcore and runs HS256 parse, verify, validation and
# claims decoding, then runs it. The build itself is the proof (it fails to link if anything
# pulls in `alloc` or `std`); the run checks every result (exit code 0 only if all matched).
#
# Release only: a debug build of a `no_std` binary keeps core's unwinding landing pads, which
# reference `rust_eh_personality` even with `panic = "abort"`; LTO removes them.
#
# NO_HEAP_PROOF_PANIC_FREE=1 also tries the panic-freedom build (feature
# `prove-panic-free`: the panic handler calls an undefined function, so the link fails while
# any panic is reachable). It does not link yet; it is reported, not required.
set -euo pipefail
cd "$(dirname "$0")/../examples/no-heap-proof"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

cargo build --release --quiet
bin="$CARGO_TARGET_DIR/release/no-heap-proof"
if "$bin"; then
    echo "no-heap proof: linked without an allocator or std, every check passed"
else
    status=$?
    echo "no-heap proof: check $status failed (see run() in examples/no-heap-proof/src/main.rs)" >&2
    exit 1
fi

if [ "${NO_HEAP_PROOF_PANIC_FREE:-0}" = 1 ]; then
    if cargo build --release --quiet --features prove-panic-free 2>/dev/null; then
        echo "panic freedom: the verify path links with an undefined panic handler"
    else
        echo "panic freedom: not proved (a panic is still reachable; see the build output)"
    fi
fi
