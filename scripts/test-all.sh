#!/usr/bin/env bash
# Runs every test of the project. Installs what it needs by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "format and lint"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings

step "Rust tests (unit, integration, doc)"
cargo test --workspace
