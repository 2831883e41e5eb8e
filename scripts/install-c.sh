#!/usr/bin/env bash
# Builds the C library and installs it under PREFIX the way C users expect:
#   PREFIX/include/authcore.h
#   PREFIX/lib/libauthcore.a, PREFIX/lib/libauthcore.so
#   PREFIX/lib/pkgconfig/authcore.pc               (pkg-config --cflags --libs authcore)
#   PREFIX/lib/cmake/authcore/authcoreConfig.cmake (find_package(authcore))
# The library is the default build, with RSA keys: both define AUTHCORE_HAS_RSA for users.
# Usage: scripts/install-c.sh PREFIX [cargo profile, default release]
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:?usage: install-c.sh PREFIX [PROFILE]}
profile=${2:-release}
target=${CARGO_TARGET_DIR:-$PWD/target}
cargo build -q -p authcore-ffi --profile "$profile"
dir=$target/$profile
[ "$profile" = dev ] && dir=$target/debug
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
mkdir -p "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/lib/cmake/authcore"
install -m 644 include/authcore.h "$prefix/include/"
install -m 644 "$dir/libauthcore.a" "$prefix/lib/"
install -m 755 "$dir/libauthcore.so" "$prefix/lib/"
sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" ffi/dist/authcore.pc.in \
    > "$prefix/lib/pkgconfig/authcore.pc"
install -m 644 ffi/dist/authcoreConfig.cmake "$prefix/lib/cmake/authcore/"
echo "installed authcore $version into $prefix"
