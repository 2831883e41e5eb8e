#!/usr/bin/env bash
# Installs the C library under PREFIX with cargo-c (`cargo capi install`, release profile):
#   PREFIX/include/authcore.h
#   PREFIX/lib/libauthcore.a
#   PREFIX/lib/libauthcore.so.X.Y.Z, with the links libauthcore.so.<SONAME version> and
#     libauthcore.so (SONAME libauthcore.so.0.1 while the major version is 0)
#   PREFIX/lib/pkgconfig/authcore.pc        pkg-config --cflags --libs authcore (shared)
# and adds what cargo-c does not make:
#   -DAUTHCORE_HAS_RSA, _PSS, _ES256, _ES384, _EDDSA in the .pc files' Cflags for each optional
#     part the library has (the header declares a part's functions only under its macro),
#     read from the library's `authcore_built_with_<part>` symbols
#   PREFIX/lib/pkgconfig/authcore-static.pc pkg-config --static --cflags --libs authcore-static
#     (links libauthcore.a by its path: with both libraries in one directory, -lauthcore
#     would take the shared one even with --static)
#   PREFIX/lib/cmake/authcore/authcoreConfig.cmake, authcoreConfigVersion.cmake
#     find_package(authcore 0.1): targets authcore::authcore and authcore::authcore_static
# Usage: scripts/install-c.sh PREFIX [cargo capi install options]
#   e.g. the HMAC-only library: scripts/install-c.sh PREFIX --no-default-features --features std
# Needs cargo-c: cargo install cargo-c --version 0.10.24 --locked
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:?usage: install-c.sh PREFIX [cargo capi install options]}
shift
if ! cargo capi --version >/dev/null 2>&1; then
    echo "cargo-c is needed: cargo install cargo-c --version 0.10.24 --locked" >&2
    exit 1
fi
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
libdir=$prefix/lib
pcdir=$libdir/pkgconfig
cargo capi install --release --locked -p authcore-ffi --prefix "$prefix" --libdir lib "$@"

version=$(sed -n 's/^Version: *//p' "$pcdir/authcore.pc")
# The library, not the options given, says which optional parts it has: one marker symbol
# each (ffi/src/built_with.rs).
has_rsa=FALSE
defines=()
# grep reads all of nm's output (no -q): pipefail would count nm's SIGPIPE as a failure.
for part in rsa pss es256 es384 eddsa; do
    if nm -g --defined-only "$libdir/libauthcore.a" 2>/dev/null |
        grep " [A-Z] _\{0,1\}authcore_built_with_$part\$" >/dev/null; then
        defines+=("AUTHCORE_HAS_${part^^}")
        [ "$part" != rsa ] || has_rsa=TRUE
    fi
done
if [ ${#defines[@]} -gt 0 ]; then
    flags=$(printf ' -D%s' "${defines[@]}")
    sed "s|^Cflags: \(.*\)\$|Cflags: \1$flags|" "$pcdir/authcore.pc" > "$pcdir/authcore.pc.new"
    mv "$pcdir/authcore.pc.new" "$pcdir/authcore.pc"
fi
sed -e 's|^Name: .*|Name: authcore-static|' \
    -e 's|^Description: \(.*\)|Description: \1, static library|' \
    -e 's|^Libs: .*|Libs: ${libdir}/libauthcore.a|' \
    "$pcdir/authcore.pc" > "$pcdir/authcore-static.pc"

static_libs=$(sed -n 's/^Libs.private: *//p' "$pcdir/authcore.pc" | tr -s ' ' ';')
cmakedir=$libdir/cmake/authcore
mkdir -p "$cmakedir"
cmake_defines=$(IFS=';'; echo "${defines[*]}")
sed -e "s|@HAS_RSA@|$has_rsa|" -e "s|@DEFINES@|$cmake_defines|" -e "s|@STATIC_LIBS@|$static_libs|" \
    ffi/dist/authcoreConfig.cmake.in > "$cmakedir/authcoreConfig.cmake"
sed -e "s|@VERSION@|$version|" \
    ffi/dist/authcoreConfigVersion.cmake.in > "$cmakedir/authcoreConfigVersion.cmake"
echo "installed authcore $version into $prefix (optional parts: ${defines[*]:-none})"
