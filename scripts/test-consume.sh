#!/usr/bin/env bash
# Runs the README's C quick start as written (the block after its `c-quick-start` marker):
# cargo-c, scripts/install-c.sh into target/authcore, and tests/c/consume/consumer.c built
# from that prefix through pkg-config (shared and static) and CMake's find_package, each
# program run. Then checks what the quick start does not show: which library each program
# needs at run time, the SONAME and its links, the version checks of find_package, and an
# HMAC-only install (no AUTHCORE_HAS_* anywhere, the consumer still runs), and that the
# optional parts' functions are declared through the installed flags alone.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/target}
fail() { echo "test-consume: $*" >&2; exit 1; }

# cargo-c goes under the target directory, not into ~/.cargo: the quick start's
# `cargo install` obeys CARGO_INSTALL_ROOT, and does nothing once cargo-c is there.
export CARGO_INSTALL_ROOT=$target/tools
export PATH=$CARGO_INSTALL_ROOT/bin:$PATH
unset PKG_CONFIG_PATH LD_LIBRARY_PATH

block=$(awk '/<!-- c-quick-start/ { marked = 1; next }
             marked && /^```sh$/ { inside = 1; next }
             inside && /^```$/ { exit }
             inside' README.md)
[ -n "$block" ] || fail "README.md has no C quick start block"
# The quick start's cargo-c line runs first unoptimized, which builds it in a fraction of the
# time (cargo-c only drives cargo; the library it builds is optimized all the same), in a
# temporary directory that cargo removes after; the block as written then finds it
# installed (same version, same profile name).
install_cargo_c=$(grep -m1 '^cargo install cargo-c ' <<<"$block" | sed 's/ *#.*//')
[ -n "$install_cargo_c" ] || fail "the C quick start does not install cargo-c"
env -u CARGO_TARGET_DIR CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 \
    bash -euo pipefail -c "$install_cargo_c"
rm -rf target/authcore target/consumer target/consumer-static target/consumer-cmake \
    "$target/c-consume"
mkdir -p "$target/c-consume"
bash -euxo pipefail -c "$block"
# The quick start compiles without warnings flags; the consumer must be clean under them.
# shellcheck disable=SC2046
gcc -std=c99 -Wall -Wextra -Werror -fsyntax-only tests/c/consume/consumer.c \
    $(PKG_CONFIG_PATH=$PWD/target/authcore/lib/pkgconfig pkg-config --cflags authcore)

prefix=$PWD/target/authcore
lib=$prefix/lib
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
soname=$(readelf -d "$lib/libauthcore.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
version=$(sed -n 's/^#define AUTHCORE_VERSION_STRING "\(.*\)"/\1/p' "$prefix/include/authcore.h")
IFS=. read -r major minor _ <<<"$version"
# The compatible series (the SONAME version), the one before it (which a newer release must
# not satisfy: SameMajorVersion would, for 0.x) and the first release after it.
if [ "$major" = 0 ]; then
    series=0.$minor previous=0.$((minor > 0 ? minor - 1 : 0)) next=0.$((minor + 1))
else
    series=$major previous=$((major - 1)).0 next=$((major + 1)).0
fi
[ "$soname" = "libauthcore.so.$series" ] || fail "SONAME is '$soname', not libauthcore.so.$series"
[ "$(readlink "$lib/libauthcore.so")" = "libauthcore.so.$version" ] &&
    [ "$(readlink "$lib/$soname")" = "libauthcore.so.$version" ] &&
    [ -f "$lib/libauthcore.so.$version" ] && [ ! -L "$lib/libauthcore.so.$version" ] ||
    fail "libauthcore.so and $soname must link to libauthcore.so.$version"
for program in target/consumer target/consumer-cmake/consumer; do
    grep -qx "$soname" <<<"$(needed "$program")" || fail "$program does not need $soname"
done
# Without the rpath the program finds the library where the loader looks (ldconfig's
# directories, such as /usr/local/lib; here LD_LIBRARY_PATH) by the SONAME link alone.
# shellcheck disable=SC2046
cc tests/c/consume/consumer.c -o "$target/c-consume/consumer-no-rpath" \
    $(PKG_CONFIG_PATH=$lib/pkgconfig pkg-config --cflags --libs authcore)
! "$target/c-consume/consumer-no-rpath" >/dev/null 2>&1 ||
    fail "a program without the rpath found the library outside the loader's path"
LD_LIBRARY_PATH=$lib "$target/c-consume/consumer-no-rpath" >/dev/null ||
    fail "a program without the rpath did not run from the loader's path"
for program in target/consumer-static target/consumer-cmake/consumer_static; do
    ! grep -q libauthcore <<<"$(needed "$program")" || fail "$program needs the shared library"
    grep -q ' T authcore_verify$' <<<"$(nm "$program")" || fail "$program has no authcore_verify"
done
# The default library has every optional part: each one's macro is handed on.
for part in RSA PSS ES256 ES384 EDDSA; do
    for pc in authcore authcore-static; do
        grep -q "^Cflags: .* -DAUTHCORE_HAS_$part\b" "$lib/pkgconfig/$pc.pc" ||
            fail "$pc.pc lacks -DAUTHCORE_HAS_$part"
    done
    grep -q "^set(authcore_DEFINITIONS \".*AUTHCORE_HAS_$part\b" \
        "$lib/cmake/authcore/authcoreConfig.cmake" || fail "the CMake package lacks $part"
done
grep -qx 'set(authcore_HAS_RSA TRUE)' "$lib/cmake/authcore/authcoreConfig.cmake" ||
    fail "the CMake package does not say RSA"
# With nothing but the installed flags, the optional parts' functions are declared (an
# undeclared function is an error under -Werror) and link.
cat > "$target/c-consume/parts.c" <<'C'
#include <authcore.h>
int main(void) {
    authcore_key key;
    /* NULL input: each constructor refuses it, which proves it is there. */
    return authcore_key_ec_pem(&key, AUTHCORE_ES256, NULL, 0) == AUTHCORE_NULL_ARGUMENT &&
                   authcore_key_ed25519_pem(&key, NULL, 0) == AUTHCORE_NULL_ARGUMENT &&
                   authcore_key_rsa_pem(&key, AUTHCORE_PS256, NULL, 0) == AUTHCORE_NULL_ARGUMENT
               ? 0
               : 1;
}
C
# shellcheck disable=SC2046
cc -Wall -Werror "$target/c-consume/parts.c" -o "$target/c-consume/parts" \
    $(PKG_CONFIG_PATH=$lib/pkgconfig pkg-config --static --cflags --libs authcore-static)
"$target/c-consume/parts" || fail "the optional parts' constructors did not refuse NULL"

# find_package(authcore VERSION): the installed release satisfies requests within its
# series only.
find_version() {
    local dir=$target/c-consume/find-$2
    rm -rf "$dir" && mkdir -p "$dir"
    printf 'cmake_minimum_required(VERSION 3.13)\nproject(find NONE)\nfind_package(authcore %s REQUIRED)\n' \
        "$2" > "$dir/CMakeLists.txt"
    cmake -S "$dir" -B "$dir/build" -DCMAKE_PREFIX_PATH="$1" >"$dir/log" 2>&1
}
find_version "$prefix" "$series" || fail "find_package(authcore $series) failed"
find_version "$prefix" "$version" || fail "find_package(authcore $version) failed"
for incompatible in 9.0 "$next" "$previous"; do
    [ "$incompatible" != "$series" ] || continue
    ! find_version "$prefix" "$incompatible" ||
        fail "find_package(authcore $incompatible) accepted $version"
done

# The HMAC-only library: neither the .pc files nor the CMake targets define any
# AUTHCORE_HAS_* macro, and the consumer links it statically and runs.
hs_prefix=$target/c-consume/hs-only
bash scripts/install-c.sh "$hs_prefix" --no-default-features --features std
! grep -q AUTHCORE_HAS_ "$hs_prefix"/lib/pkgconfig/*.pc || fail "HMAC-only .pc defines a part"
grep -qx 'set(authcore_HAS_RSA FALSE)' "$hs_prefix/lib/cmake/authcore/authcoreConfig.cmake" ||
    fail "HMAC-only CMake package says RSA"
# shellcheck disable=SC2046
cc tests/c/consume/consumer.c -o "$target/c-consume/consumer-hs" \
    $(PKG_CONFIG_PATH=$hs_prefix/lib/pkgconfig pkg-config --static --cflags --libs authcore-static)
"$target/c-consume/consumer-hs"
echo "C consumption: pkg-config shared and static, CMake shared and static, HMAC-only: all ran"
