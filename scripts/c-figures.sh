#!/usr/bin/env bash
# Stack and code-size figures of the C API, measured and checked against the budgets:
#   peak stack of one authcore_verify on a painted stack: HS256 <= 1536 bytes,
#   RS256-2048 <= 3072 bytes, RS256-4096 <= 5120 bytes
#   code+data linking libauthcore.a adds, HS only                  <= 32 KiB
#   code+data linking libauthcore.a adds, everything               <= 96 KiB
# (The code-size budgets leave room for readable code over saved bytes; they catch
# regressions, they are not a target to squeeze.) A missing, empty or zero measurement
# fails the script, as an over-budget one does.
# Build: the way firmware links it: the `size` profile (opt-level z, LTO, panic=abort),
# no_std with the bare-metal panic handler, and sha2's compact portable code (what a
# microcontroller without SHA instructions runs; the default unrolled code is 4x larger);
# x86_64, gcc -Os with --gc-sections.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/target}
out=$target/c-figures
mkdir -p "$out"
# Target dirs of their own: these no_std builds must not replace the host library others
# use. `all`: every feature; `hs`: without RSA keys (the `rsa` feature).
for build in all hs; do
    features=panic-handler
    [ "$build" = all ] && features=panic-handler,rsa
    CARGO_TARGET_DIR=$target/firmware-host-$build \
        RUSTFLAGS='--cfg sha2_backend="soft" --cfg sha2_backend_soft="compact"' \
        cargo build -q -p authcore-ffi --profile size --no-default-features --features "$features"
done
lib=$target/firmware-host-all/size/libauthcore.a
hs_lib=$target/firmware-host-hs/size/libauthcore.a
fail=0

check() { # name value budget
    if ! [[ "$2" =~ ^[0-9]+$ ]] || [ "$2" -eq 0 ]; then
        printf '%-36s %7s (budget %d) NO MEASUREMENT\n' "$1" "'$2'" "$3"
        fail=1
    elif [ "$2" -le "$3" ]; then
        printf '%-36s %7d bytes (budget %d) ok\n' "$1" "$2" "$3"
    else
        printf '%-36s %7d bytes (budget %d) OVER BUDGET\n' "$1" "$2" "$3"
        fail=1
    fi
}

cflags=(-std=c99 -Os -Wall -Wextra -Werror -Iinclude -I"$out" -ffunction-sections -fdata-sections)
gcc "${cflags[@]}" -DAUTHCORE_HAS_RSA tests/c/stack_probe.c -o "$out/stack_probe" "$lib"
stack() { "$out/stack_probe" "$@" | awk '{print $3}'; }
check "stack: HS256 verify" "$(stack hs256)" 1536
for bits in 2048 4096; do
    budget=$((bits == 2048 ? 3072 : 5120))
    check "stack: RS256-$bits verify" \
        "$(stack rs core/tests/vectors/rsa$bits-public.pem tests/vectors/rs256-$bits.jwt)" "$budget"
done

# Every function the header declares, referenced so that all of it is linked.
{
    echo "static void *const all_functions[] = {"
    grep -oE '^[a-z_ ]*\*?authcore_[a-z0-9_]+\(' include/authcore.h |
        sed -E 's/.*(authcore_[a-z0-9_]+)\($/    (void *)\&\1,/'
    echo "};"
} >"$out/size_probe_all.h"

sizeof() { size -A "$1" | awk '$1 ~ /^\.(text|rodata|data)/ {s += $2} END {print s}'; }
for probe in NONE HS ALL; do
    probe_lib=$lib
    [ "$probe" = HS ] && probe_lib=$hs_lib
    # The header declares the RSA functions only for a library built with them.
    rsa=()
    [ "$probe" = ALL ] && rsa=(-DAUTHCORE_HAS_RSA)
    gcc "${cflags[@]}" "${rsa[@]}" -DPROBE_$probe tests/c/size_probe.c -o "$out/size_$probe" \
        -Wl,--gc-sections "$probe_lib"
done
base=$(sizeof "$out/size_NONE")
check "code+data added: HS-only build" $(($(sizeof "$out/size_HS") - base)) $((32 * 1024))
check "code+data added: everything (RSA too)" $(($(sizeof "$out/size_ALL") - base)) $((96 * 1024))
exit $fail
