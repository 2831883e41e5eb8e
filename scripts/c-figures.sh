#!/usr/bin/env bash
# Stack and code-size figures of the C API, measured and checked against the budgets:
#   peak stack of one authcore_verify on a painted stack: HS256 <= 1536 bytes,
#   RS256-2048 <= 3072 bytes, RS256-4096 <= 5120 bytes (these in the HS+RS build), ES256
#   <= 6144 bytes, EdDSA <= 17408 bytes, PS256-2048 <= 3584 bytes (in the build with
#   everything); and of a session's accept_login, next and touch (the session is made on
#   the stack for each call, from its checked stored form) <= 12 KiB each
#   code+data linking libauthcore.a adds, HS only                          <= 33 KiB
#   code+data linking libauthcore.a adds, HS and RS                        <= 120 KiB
#   code+data linking libauthcore.a adds, everything (PS, ES256/384, EdDSA, key sets, ES256 and
#   RSA signing) <= 260 KiB
# (both with key sets since BENCHMARKS.md "Key sets in the C API")
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
# use. `all`: every algorithm; `rsa`: HS and RS (the `rsa` feature); `hs`: HS only.
for build in all rsa hs; do
    case $build in
        all) features=panic-handler,rsa,pss,es256,es384,eddsa ;;
        rsa) features=panic-handler,rsa ;;
        hs) features=panic-handler ;;
    esac
    CARGO_TARGET_DIR=$target/firmware-host-$build \
        RUSTFLAGS='--cfg sha2_backend="soft" --cfg sha2_backend_soft="compact"' \
        cargo build -q -p authcore-ffi --profile size --no-default-features --features "$features"
done
lib=$target/firmware-host-all/size/libauthcore.a
rsa_lib=$target/firmware-host-rsa/size/libauthcore.a
hs_lib=$target/firmware-host-hs/size/libauthcore.a
has_all=(-DAUTHCORE_HAS_RSA -DAUTHCORE_HAS_PSS -DAUTHCORE_HAS_ES256 -DAUTHCORE_HAS_ES384
         -DAUTHCORE_HAS_EDDSA)
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
# HS, RS and the sessions measured in the HS+RS build, as they were before the other
# algorithms; ES256, EdDSA and PS256 in the build with everything.
gcc "${cflags[@]}" -DAUTHCORE_HAS_RSA tests/c/stack_probe.c -o "$out/stack_probe" "$rsa_lib"
gcc "${cflags[@]}" "${has_all[@]}" tests/c/stack_probe.c -o "$out/stack_probe_all" "$lib"
stack() { "$out/stack_probe" "$@" | awk '{print $3}'; }
stack_all() { "$out/stack_probe_all" "$@" | awk '{print $3}'; }
check "stack: HS256 verify" "$(stack hs256)" 1536
for bits in 2048 4096; do
    budget=$((bits == 2048 ? 3072 : 5120))
    check "stack: RS256-$bits verify" \
        "$(stack rs core/tests/vectors/rsa$bits-public.pem tests/vectors/rs256-$bits.jwt)" "$budget"
done
check "stack: ES256 verify" \
    "$(stack_all es256 core/tests/vectors/es256-public.pem tests/vectors/es256.jwt)" 6144
check "stack: EdDSA verify" \
    "$(stack_all eddsa core/tests/vectors/ed25519-public.pem tests/vectors/eddsa.jwt)" 17408
check "stack: PS256-2048 verify" \
    "$(stack_all ps256 core/tests/vectors/rsa2048-public.pem tests/vectors/ps256-2048.jwt)" 3584
session_stacks=$("$out/stack_probe" session)
for call in session_accept_login session_next session_touch; do
    check "stack: $call" "$(awk -v c="$call" '$1 == c {print $3}' <<<"$session_stacks")" 12288
done

# Every function the header declares, referenced so that all of it is linked; within the
# header's feature conditionals (#if ... AUTHCORE_HAS_...), so that the probe of a build
# references what that build has.
{
    echo "static void *const all_functions[] = {"
    awk '
        /^#if/ { feature[++depth] = /AUTHCORE_HAS_/; if (feature[depth]) print; next }
        /^#el/ { if (feature[depth]) print; next }
        /^#endif/ { if (feature[depth--]) print; next }
        match($0, /^[a-z_ ]*\*?authcore_[a-z0-9_]+\(/) {
            name = substr($0, RSTART, RLENGTH - 1)
            sub(/.*[ *]/, "", name)
            print "    (void *)&" name ","
        }' include/authcore.h
    echo "};"
} >"$out/size_probe_all.h"

sizeof() { size -A "$1" | awk '$1 ~ /^\.(text|rodata|data)/ {s += $2} END {print s}'; }
# The header declares each algorithm's functions only for a library built with it: the
# probe of a build defines what that build has.
probe() { # name probe library has-flags...
    local name=$1 probe=$2 probe_lib=$3
    shift 3
    gcc "${cflags[@]}" -DPROBE_"$probe" "$@" tests/c/size_probe.c -o "$out/size_$name" \
        -Wl,--gc-sections "$probe_lib"
}
probe NONE NONE "$lib"
probe HS HS "$hs_lib"
probe RSA ALL "$rsa_lib" -DAUTHCORE_HAS_RSA
probe ALL ALL "$lib" "${has_all[@]}"
base=$(sizeof "$out/size_NONE")
check "code+data added: HS-only build" $(($(sizeof "$out/size_HS") - base)) $((33 * 1024))
check "code+data added: HS and RS build" $(($(sizeof "$out/size_RSA") - base)) $((120 * 1024))
check "code+data added: everything" $(($(sizeof "$out/size_ALL") - base)) $((260 * 1024))
exit $fail
