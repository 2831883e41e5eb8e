#!/usr/bin/env bash
# Runs a libFuzzer campaign on one fuzz target (nightly toolchain, cargo-fuzz):
#   bash scripts/fuzz-campaign.sh <target> <seconds> [libFuzzer options…]
# Targets: the files of fuzz/fuzz_targets/ (`cargo +nightly fuzz list --fuzz-dir fuzz`).
# Release build with debug assertions (overflow checks on), one job. The campaign starts from
# the checked-in corpus fuzz/corpus/<target>/ and writes what it finds into
# fuzz/corpus-run/<target>/ (not checked in); at the end the inputs that add coverage are
# merged into fuzz/corpus/<target>/ (libFuzzer -set_cover_merge=1: the fewest files that add
# every new feature). Crashes: fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
usage="usage: scripts/fuzz-campaign.sh <target> <seconds> [libFuzzer options]"
target=${1:?$usage}
seconds=${2:?$usage}
shift 2
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
fuzz=(cargo +nightly fuzz run --fuzz-dir fuzz --features libfuzzer -O -a "$target")
mkdir -p "fuzz/corpus-run/$target"
"${fuzz[@]}" "fuzz/corpus-run/$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 "$@"
"${fuzz[@]}" "fuzz/corpus/$target" "fuzz/corpus-run/$target" -- -set_cover_merge=1
