#!/usr/bin/env bash
# The no-heap proof (examples/no-heap-proof): builds a `#![no_std]`, `#![no_main]` program
# with no global allocator that links authcore and runs HS256 parse, verify, validation and
# claims decoding, then runs it. The build itself is the proof (it fails to link if anything
# pulls in `alloc` or `std`); the run checks every result (exit code 0 only if all matched).
#
# Release only: a debug build of a `no_std` binary keeps core's unwinding landing pads, which
# reference `rust_eh_personality` even with `panic = "abort"`; LTO removes them.
#
# Then the panic-freedom build (feature `prove-panic-free`): its panic handler calls a
# function defined nowhere, so it links only if no panic is reachable in what the program
# calls (HS256 split, header, verify, validation, registered claims, escaped-string
# decoding and signing, an RFC 7523 client assertion and its request body; RSA key loading
# from PEM, DER and a JWKS, RS256 verification, and a key set loaded from the JWKS choosing
# the RS256 token's key by kid;
# not serde claims, see SECURITY.md). It is required: the run fails if it does not link.
# It builds sha2 with its portable backend (`--cfg sha2_backend="soft"`): the x86-64 AVX2
# SHA-512 code keeps a bounds check that the optimizer cannot remove across its
# `target_feature` boundary (firmware targets have no AVX2 anyway). Not covered, and why:
# SECURITY.md ("Panics"). NO_HEAP_PROOF_PANIC_FREE=0 skips it (for a quick run).
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

# The same with the verifiers behind authcore's features (ES256, EdDSA, PS256): their
# crates too must link without an allocator or std. Not in the panic-free build below: it
# does not link with them, for panics reachable inside the crates (length asserts the
# ECDSA prehash path keeps in EcPublicKey::verify_signature, bounds checks in
# curve25519-dalek's AVX2 backend and sha2 0.10's AVX2 SHA-512, the version
# ed25519-dalek uses); PSS and the key loaders added none.
cargo build --release --quiet --features jws
if "$bin"; then
    echo "no-heap proof with ES256, EdDSA and PS256: linked without an allocator or std, every check passed"
else
    status=$?
    echo "no-heap proof with feature jws: check $status failed" >&2
    exit 1
fi

if [ "${NO_HEAP_PROOF_PANIC_FREE:-1}" != 0 ]; then
    # A target directory of its own: other RUSTFLAGS would rebuild the default one.
    pf_target="$CARGO_TARGET_DIR/panic-free"
    if ! RUSTFLAGS='--cfg sha2_backend="soft"' CARGO_TARGET_DIR="$pf_target" \
        cargo build --release --quiet --features prove-panic-free; then
        echo "panic freedom: NOT proved: a panic is reachable (the link error above names" >&2
        echo "the caller of the panic handler; see SECURITY.md for how to find the site)" >&2
        exit 1
    fi
    if "$pf_target/release/no-heap-proof"; then
        echo "panic freedom: linked with an undefined panic handler, every check passed"
    else
        status=$?
        echo "panic freedom: check $status failed in the panic-free build" >&2
        exit 1
    fi
fi
