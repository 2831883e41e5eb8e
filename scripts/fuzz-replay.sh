#!/usr/bin/env bash
# Replays every checked-in fuzz corpus file (fuzz/corpus/<target>/) through its target's
# checks, on stable and without libFuzzer (fuzz/tests/replay.rs): deterministic and short.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --manifest-path fuzz/Cargo.toml --quiet
