#!/usr/bin/env bash
# Where one call's instructions go on the Cortex-M4F, per function: the `count` build of an
# operation (scripts/firmware-figures.sh measures its total the same way) run once and twice
# under QEMU with every executed instruction logged (-singlestep -d exec,nochain); each PC is
# mapped to its function with addr2line on the ELF (debug info: the release profile keeps
# it), and the twice-run's counts minus the once-run's are one call's.
#   functions: the function each instruction is in (what LTO left out of line);
#   inlined:   the innermost authcore function it comes from (inlined code included), or
#              `other:` and the innermost function of another crate.
# Usage: bash scripts/firmware-toolchain.sh;
#        CARGO_TARGET_DIR=target/firmware bash scripts/firmware-profile.sh [OP [functions|inlined [N]]]
#   OP: hs256 (default) or any operation of the `count` program (examples/firmware/src/main.rs);
#   N: how many rows (default 40).
set -euo pipefail
op=${1:-hs256}
mode=${2:-functions}
rows=${3:-40}
case $mode in functions | inlined) ;; *) echo "usage: $0 [OP [functions|inlined [N]]]" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
: "${CARGO_TARGET_DIR:?set it as the header says}"
T=thumbv7em-none-eabihf
out=$CARGO_TARGET_DIR/profile
mkdir -p "$out"
for repeat in 1 2; do
    (cd examples/firmware && AUTHCORE_FW_OP=$op AUTHCORE_FW_REPEAT=$repeat \
        cargo build -q --release --target $T --features count)
    cp "$CARGO_TARGET_DIR/$T/release/authcore-firmware" "$out/$repeat.elf"
    timeout 600 qemu-system-arm -machine mps2-an386 -cpu cortex-m4 -nographic \
        -semihosting-config enable=on,target=native -singlestep -d exec,nochain \
        -D "$out/$repeat.log" -kernel "$out/$repeat.elf" >"$out/$repeat.out"
    grep -q ': ok$' "$out/$repeat.out" || { cat "$out/$repeat.out"; exit 1; }
done
python3 - "$out" "$mode" "$rows" <<'EOF'
import re, subprocess, sys
from collections import Counter

out, mode, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
TRACE = re.compile(r"Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/")


def short(name):
    # Generic arguments make the rows unreadable: `<T as Trait>::f` is named `T::f`, and
    # the path says enough without the arguments.
    name = re.sub(r"<([\w:]+)(?:<[^<>]*>)? as [\w:]+(?:<[^<>]*>)?>::", r"\1::", name)
    while True:
        shorter = re.sub(r"<[^<>]*>", "", name)
        if shorter == name:
            return name[:100]
        name = shorter


def profile(repeat):
    pcs = Counter()
    with open(f"{out}/{repeat}.log") as log:
        for line in log:
            m = TRACE.match(line)
            if m:
                pcs[int(m.group(1), 16)] += 1
    lines = subprocess.run(
        ["arm-none-eabi-addr2line", "-C", "-f", "-i", "-a", "-e", f"{out}/{repeat}.elf"],
        input="\n".join(hex(pc) for pc in pcs), capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    frames, pc = {}, None
    i = 0
    while i < len(lines):
        if lines[i].startswith("0x"):
            pc = int(lines[i], 16)
            frames[pc] = []
            i += 1
        else:
            # Innermost first: function, then file:line.
            frames[pc].append((lines[i], lines[i + 1] if i + 1 < len(lines) else "?"))
            i += 2
    by = Counter()
    for pc, n in pcs.items():
        chain = frames.get(pc) or [("?", "?")]
        if mode == "functions":
            key = short(chain[-1][0])
        else:
            ours = [f for f, where in chain if "/core/src/" in where and "/rustc/" not in where]
            key = short(ours[0]) if ours else "other: " + short(chain[0][0])
        by[key] += n
    return by


once, twice = profile(1), profile(2)
call = {k: twice[k] - once[k] for k in set(once) | set(twice)}
print(f"{sum(call.values())} instructions per call")
for name, n in sorted(call.items(), key=lambda kv: -abs(kv[1]))[:rows]:
    if n:
        print(f"{n:8d}  {name}")
EOF
