#!/usr/bin/env bash
# Runs every test of the project, installing what it needs by itself:
#   formatting and lints; the Rust tests (unit, integration, doc, with and without optional
#   features); the RSA stack targets in an optimized build; the no-heap proof program; the C suite (C99, C++17, ASan+UBSan, valgrind) and
#   the C examples; C consumption as the README's C quick start does it (cargo-c, then
#   pkg-config and CMake); the C API's stack and code-size
#   budgets (scripts/c-figures.sh); the firmware examples under
#   QEMU with their on-target budgets; the Python package's suite.
# The suites themselves are tested by scripts/mutation-check.sh (not run here: about 20 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

step() { printf '\n==> %s\n' "$*"; }

# With AUTHCORE_BLESS set, ffi/tests/header.rs rewrites the header instead of comparing it:
# a run with it set would pass whatever the header says.
if [ -n "${AUTHCORE_BLESS+set}" ]; then
    echo "AUTHCORE_BLESS is set: the header test would bless instead of compare; unset it" >&2
    exit 1
fi

# Debian packages the C suite needs, installed when missing.
need_pkgs=()
for tool in gcc g++ make valgrind cmake pkg-config; do
    command -v "$tool" >/dev/null || need_pkgs+=("$tool")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
    step "installing ${need_pkgs[*]}"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}"
fi

step "format and lint"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p authcore --all-targets --features embedded-time -- -D warnings
cargo clippy -p authcore --features defmt -- -D warnings
cargo clippy -p authcore --all-targets --features es256,es384,eddsa,pss -- -D warnings

step "Rust tests (unit, integration, doc)"
cargo test --workspace
# ES256/ES384, EdDSA and PS256/384/512 (off by default): their Wycheproof vectors, the
# tokens jsonwebtoken makes, and algorithm confusion across every key family.
cargo test -p authcore --features es256,es384,eddsa,pss
# The unit tests too: the embedded-time adapter's are compiled only with the feature.
cargo test -p authcore --features embedded-time --lib --test api_styles
# authcore-ffi's own unit tests (storage, stored forms' checked conversions, descriptions):
# its lib target is `test = false`, so `cargo test --workspace` leaves them out.
cargo test -p authcore-ffi --lib
# The README's first command, the main example: it exits non-zero if a check it prints fails.
cargo run -q -p authcore-example >/dev/null
# The session example checks every answer it prints (pin, touch, release, refresh token, logout).
cargo run -q -p authcore --example session_flows
cargo test -p authcore --features defmt --test defmt_redaction

step "crates packaged as they would be published: both build from their .crate files alone, authcore-ffi against the packaged authcore"
# authcore-ffi is verified against the packaged authcore, which cargo takes for a registry
# crate: it would reuse an earlier unpacked copy and build of the same version as they are
# (registry crates never change), so both are removed first, the build in a target
# directory of its own.
package_target="$CARGO_TARGET_DIR/package-check"
rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/authcore-[0-9]*
cargo clean -p authcore --target-dir "$package_target" --quiet
cargo package -p authcore -p authcore-ffi --allow-dirty --target-dir "$package_target"
# crates.io shows each package's README away from the repository: a relative link there
# leads nowhere, so every link in a packaged README must be absolute (or an anchor).
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
for crate in authcore authcore-ffi; do
    readme=$(tar -xzOf "$package_target/package/$crate-$version.crate" "$crate-$version/README.md")
    if relative=$(grep -oE '\]\([^)#][^)]*\)' <<<"$readme" | grep -vE '\]\(https?://'); then
        echo "$crate's packaged README has relative links: $relative" >&2
        exit 1
    fi
done

step "stack targets: RSA verification and key loading, optimized (the stack profile)"
cargo test --profile stack -p authcore --test rsa_stack -- --nocapture

step "fuzz corpora replayed through their targets' checks (stable, no libFuzzer)"
cargo fmt --manifest-path fuzz/Cargo.toml --check
cargo clippy --manifest-path fuzz/Cargo.toml --all-targets -- -D warnings
bash scripts/fuzz-replay.sh

step "comparison benchmark (its own workspace: jsonwebtoken with both backends) builds and is lint-clean"
cargo fmt --manifest-path bench/Cargo.toml --check
cargo clippy --manifest-path bench/Cargo.toml --all-targets -- -D warnings

step "no-heap proof: a no_std program without an allocator links the core and runs every verifier; its panic-free build links with no panic handler"
bash scripts/no-heap-proof.sh

step "C API: C99, C++17, ASan+UBSan and valgrind, and the C examples"
cargo build -p authcore-ffi
make -C tests/c check LIBDIR="$CARGO_TARGET_DIR/debug"

step "C consumption: the README's C quick start (cargo-c install; pkg-config shared and static; CMake find_package(authcore 0.1))"
bash scripts/test-consume.sh

step "C API figures: stack of one verification and code size linked into a C program, against their budgets (x86_64, size profile)"
bash scripts/c-figures.sh

step "firmware: the Rust and C examples under QEMU (Cortex-M4F, Cortex-M3), Cortex-M0+ builds, on-target budgets"
bash scripts/firmware.sh

step "Python package (ctypes) against PyJWT"
bash scripts/test-python.sh

step "all test suites passed"
