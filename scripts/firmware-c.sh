#!/usr/bin/env bash
# The C firmware example (examples/c-firmware): builds libauthcore.a for Cortex-M4F
# (thumbv7em-none-eabihf) and Cortex-M3 (thumbv7m-none-eabi), with every feature and HS-only,
# links the C program against each with arm-none-eabi-gcc, and runs it under QEMU
# (mps2-an386 and lm3s6965evb, 60 s each). Fails if a run does not exit 0 (a check did not
# match, a fault, a hang). Then prints, for Cortex-M4F, the flash (.vectors+.text+.rodata)
# and RAM (.data+.bss) of the firmware, authcore's share (the firmware minus the BASELINE
# build: same boot and printing, no authcore call; this includes the checks' own code and
# test vectors) and the part linked from libauthcore.a (from the linker map).
# Usage: bash scripts/firmware-c.sh   (installs the targets, QEMU and arm-none-eabi-gcc when
# missing: scripts/firmware-toolchain.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/firmware-toolchain.sh
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
out=$CARGO_TARGET_DIR/c-firmware
mkdir -p "$out"
fail=0

machine() { [ "$1" = m4f ] && echo "Cortex-M4F mps2-an386 " || echo "Cortex-M3  lm3s6965evb"; }
qemu_args() {
    if [ "$1" = m4f ]; then echo "-cpu cortex-m4 -machine mps2-an386"; else echo "-cpu cortex-m3 -machine lm3s6965evb"; fi
}

printf '%-23s %-4s %-22s %s\n' "QEMU" "lib" "result" "peak stack of authcore_verify (bytes): HS256 RS256-2048 RS256-4096"
for cpu in m4f m3; do
    for variant in all hs; do
        log=$out/$cpu-$variant.log
        if ! make -s -C examples/c-firmware CPU=$cpu VARIANT=$variant all >"$out/$cpu-$variant.build" 2>&1; then
            cat "$out/$cpu-$variant.build"
            echo "build failed: CPU=$cpu VARIANT=$variant"
            exit 1
        fi
        rc=0
        # shellcheck disable=SC2046
        timeout 60 qemu-system-arm $(qemu_args $cpu) -nographic \
            -semihosting-config enable=on,target=native \
            -kernel "$out/$cpu-$variant/firmware.elf" </dev/null >"$log" 2>&1 || rc=$?
        summary=$(grep -E '^[0-9]+ checks passed, [0-9]+ failed' "$log" || true)
        stacks=$(awk '/^  stack .* verify: [0-9]+ bytes/ {printf " %s", $(NF-3)}' "$log")
        if [ $rc -eq 0 ] && [ -n "$summary" ] && grep -q ' 0 failed$' <<<"$summary"; then
            result="ok (${summary%%,*})"
        elif [ $rc -eq 124 ]; then
            result="HANG (killed after 60 s)"
            fail=1
        else
            result="FAILED (exit $rc)"
            fail=1
        fi
        printf '%-23s %-4s %-22s%s\n' "$(machine $cpu)" "$variant" "$result" "$stacks"
        if [ "$result" = "${result#ok}" ]; then
            grep -E 'FAIL|fault' "$log" | sed 's/^/    /' || tail -5 "$log" | sed 's/^/    /'
        fi
    done
done

# Flash and RAM of an ELF's sections: "flash ram".
sizes() {
    arm-none-eabi-size -A "$1" | awk '
        $1 == ".vectors" || $1 == ".text" || $1 == ".rodata" { flash += $2 }
        $1 == ".data" || $1 == ".bss" { ram += $2 }
        END { print flash + 0, ram + 0 }'
}
# The bytes the linker map places from libauthcore.a: "flash ram".
lib_sizes() {
    awk -v lib='libauthcore[.]a' '
        function hex(s,   i, n) {
            n = 0; s = tolower(substr(s, 3))
            for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
            return n
        }
        function add(size, file) {
            if (file !~ lib) return
            if (out ~ /^\.(vectors|text|rodata)$/) flash += hex(size)
            if (out ~ /^\.(data|bss)$/) ram += hex(size)
        }
        /^Linker script and memory map/ { on = 1; next }
        !on { next }
        /^[.A-Za-z_]/ { out = $1; pending = 0; next }
        /^ [.*A-Za-z_]/ {
            pending = !(NF >= 4 && $2 ~ /^0x/ && $3 ~ /^0x/)
            if (!pending) add($3, $4)
            next
        }
        pending && /^ +0x[0-9a-f]+ +0x[0-9a-f]+ +[^ ]/ { add($2, $3); pending = 0; next }
        { pending = 0 }
        END { print flash + 0, ram + 0 }' "$1"
}

echo
echo "Cortex-M4F, bytes (flash = .vectors+.text+.rodata, RAM = .data+.bss; arm-none-eabi-size -A)"
printf '%-12s %14s %16s %18s\n' "" "firmware" "authcore share" "libauthcore.a"
printf '%-12s %7s %6s %9s %6s %11s %6s\n' "" flash RAM flash RAM flash RAM
read -r base_flash base_ram < <(sizes "$out/m4f-all/baseline.elf")
printf '%-12s %7d %6d\n' "baseline" "$base_flash" "$base_ram"
for variant in hs all; do
    read -r flash ram < <(sizes "$out/m4f-$variant/firmware.elf")
    read -r lflash lram < <(lib_sizes "$out/m4f-$variant/firmware.map")
    name=$([ $variant = hs ] && echo "HS only" || echo "everything")
    printf '%-12s %7d %6d %9d %6d %11d %6d\n' "$name" "$flash" "$ram" \
        $((flash - base_flash)) $((ram - base_ram)) "$lflash" "$lram"
done

[ $fail -eq 0 ] || { echo "C firmware: FAILED"; exit 1; }
echo "C firmware: every check matched on both machines"
