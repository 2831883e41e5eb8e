#!/usr/bin/env bash
# Installs the C library into a temporary prefix and builds a consumer program against it
# twice: with pkg-config and with CMake's find_package(authcore). Both must run.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/target}
prefix=$target/c-install
rm -rf "$prefix" "$target/c-consume"
bash scripts/install-c.sh "$prefix" release
mkdir -p "$target/c-consume"

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
# The installed library has RSA keys, so its users get the header's RSA declarations.
pkg-config --cflags authcore | grep -q -- -DAUTHCORE_HAS_RSA
# Shared library, found through the rpath pkg-config's libdir gives.
# shellcheck disable=SC2046
gcc -std=c99 -Wall -Wextra -Werror tests/c/consume/consumer.c -o "$target/c-consume/pkgconfig-shared" \
    $(pkg-config --cflags authcore) $(pkg-config --libs authcore) \
    -Wl,-rpath,"$(pkg-config --variable=libdir authcore)"
"$target/c-consume/pkgconfig-shared"
# Static library: libauthcore.a plus what pkg-config lists as private dependencies.
# shellcheck disable=SC2046
gcc -std=c99 -Wall -Wextra -Werror tests/c/consume/consumer.c -o "$target/c-consume/pkgconfig-static" \
    $(pkg-config --cflags authcore) "$(pkg-config --variable=libdir authcore)/libauthcore.a" \
    $(pkg-config --libs-only-l --static authcore | sed 's/-lauthcore//')
"$target/c-consume/pkgconfig-static"

cmake -S tests/c/consume -B "$target/c-consume/cmake" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$target/c-consume/cmake" >/dev/null
"$target/c-consume/cmake/consumer"
