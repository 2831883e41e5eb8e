#!/usr/bin/env bash
# Time per authcore_verify from C (HS256, RS256-2048, RS256-4096), for BENCHMARKS.md: the
# release library a host C program links (`cargo build --release -p authcore-ffi`), gcc -O2,
# the same calls and tokens as the stack figures (tests/c/stack_probe.c --time). Times are
# printed, not checked: they depend on the machine (the budgets in scripts/c-figures.sh are
# about stack and size, which do not).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/target}
out=$target/c-bench
mkdir -p "$out"
cargo build -q --release -p authcore-ffi
gcc -std=c99 -O2 -Wall -Wextra -Werror -Iinclude -DAUTHCORE_HAS_RSA tests/c/stack_probe.c \
    -o "$out/time_probe" "$target/release/libauthcore.a" -lpthread -ldl -lm
"$out/time_probe" --time hs256
# The speed job's HS256 token and policy: compare with the Rust row "authcore verify" of
# `cargo bench --manifest-path bench/Cargo.toml` (the same work without the serde struct).
"$out/time_probe" --time hs256-job
for bits in 2048 4096; do
    "$out/time_probe" --time rs core/tests/vectors/rsa$bits-public.pem tests/vectors/rs256-$bits.jwt
done
