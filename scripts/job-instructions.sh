#!/usr/bin/env bash
# Instructions per call of every row of the comparison benchmark (bench/benches/job.rs), the
# stable figure on a shared machine: each row runs under `valgrind --tool=callgrind` in the
# bench binary's one-row mode, N calls after a first one, and only the function making the N
# calls is counted (`--toggle-collect`: the setup, whose entropy gathering varies from run to
# run, is not).
# valgrind's virtual CPU has no SHA extensions (CPUID reports `sha` absent), so under it
# every SHA-256 (sha2 0.10 and 0.11, aws-lc) runs its portable code, ~3,400 instructions a
# 64-byte block, where the host runs SHA-NI (~165): the last column leaves SHA-256's block
# function out (its inclusive count), the part of the count that matches what the host runs.
# Usage: bash scripts/job-instructions.sh [job:id ...]   (default: every row; a job's
# authcore row first, for the ratios)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/bench/target}
export CARGO_TARGET_DIR=$target
bin=$(cargo bench -q --manifest-path bench/Cargo.toml --bench job --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "job" and m.get("executable"):
        print(m["executable"])')
[ -x "$bin" ] || { echo "job-instructions: no bench binary" >&2; exit 1; }
rows=("$@")
if [ ${#rows[@]} -eq 0 ]; then
    for job in hs256 rs256-2048 rs256-4096 es256 eddsa ps256-2048; do
        ids="authcore jwt-aws jwt-rust"
        case $job in
            hs256) ids="$ids reference hmac-floor" ;;
            rs256-*) ids="$ids rsa-floor rsa-crate" ;;
        esac
        for id in $ids; do rows+=("$job:$id"); done
    done
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count() { # row calls -> total instructions, and those inside SHA-256's block function
    JOB_ROW=$1 JOB_CALLS=$2 valgrind --tool=callgrind --callgrind-out-file="$tmp/out" \
        --collect-atstart=no --toggle-collect='job::calls_of*' "$bin" >/dev/null 2>"$tmp/log"
    awk '/^summary:/ { printf "%s ", $2 }' "$tmp/out"
    callgrind_annotate --inclusive=yes --threshold=100 "$tmp/out" 2>/dev/null |
        awk '/[?][?][?]:(sha2::sha256::compress256|sha256_block_data_order) / {
                 gsub(",", "", $1); s += $1 } END { print s + 0 }'
}
printf '%-24s %14s %12s %14s\n' row instructions/call 'vs authcore' 'no SHA-256'
declare -A ours
for row in "${rows[@]}"; do
    n=20
    case $row in hs256:*) n=200 ;; esac
    read -r a sha < <(count "$row" "$n")
    [ -n "$a" ] && [ "$a" -gt 0 ] || { echo "job-instructions: $row: no count" >&2; exit 1; }
    per=$((a / n))
    job=${row%%:*}
    [ "${row#*:}" = authcore ] && ours[$job]=$per
    ratio=-
    [ -n "${ours[$job]:-}" ] && ratio=$(awk -v a="$per" -v b="${ours[$job]}" 'BEGIN { printf "%.2fx", a / b }')
    printf '%-24s %14d %12s %14d\n' "$row" "$per" "$ratio" $(((a - sha) / n))
done
