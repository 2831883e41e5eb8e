#!/usr/bin/env bash
# Regenerates include/authcore.h from ffi/ with cbindgen (config: ffi/cbindgen.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
AUTHCORE_BLESS=1 cargo test -q -p authcore-ffi --test header
echo "include/authcore.h regenerated"
