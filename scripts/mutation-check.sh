#!/usr/bin/env bash
# Mutation check of the test suites: each guarantee is broken on purpose in a copy of the
# tree, the one test that claims to guard it is run, and the check fails unless that test
# fails. A break whose edit no longer applies (the code it targets has changed) fails the
# check too, so that it cannot rot into checking nothing; so does a guard that fails on the
# unbroken tree (it would "catch" every break).
#
#   bash scripts/mutation-check.sh            # every break (about 20 minutes on 2 shared cores)
#   bash scripts/mutation-check.sh wipe ct    # only the breaks whose name contains a word
#   MUTATION_DRY=1 bash scripts/mutation-check.sh   # only checks that every edit applies
#
# Prints a table: break, guarding test, caught. The copy lives in a temporary directory;
# the breaks share one CARGO_TARGET_DIR ($CARGO_TARGET_DIR/mutants, or target/mutants), so
# each rebuilds only what its edit touched. The firmware breaks need rustup's Cortex-M
# targets, QEMU and arm-none-eabi binutils (scripts/firmware-toolchain.sh, run here).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BASE_TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
export CARGO_TARGET_DIR=$BASE_TARGET/mutants
# A header test that blesses instead of comparing would guard nothing.
unset AUTHCORE_BLESS
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
WORK=$TMP/tree
LOGS=$BASE_TARGET/mutants-logs
mkdir -p "$WORK" "$LOGS" "$CARGO_TARGET_DIR"
rm -f "$LOGS"/*.log

# The tree as it stands (tracked files, with uncommitted changes), mtimes kept; a second
# copy restores each broken file, whatever happens meanwhile to the tree it came from.
git ls-files -z | xargs -0 cp -a --parents -t "$WORK"
cp -a "$WORK" "$TMP/pristine"

# edit FILE OLD NEW: replaces the one occurrence of OLD in FILE (in the copy); fails when
# OLD is not there exactly once.
touched=()
created=()
edit_failed=0
edit() {
    touched+=("$1")
    python3 - "$WORK/$1" "$2" "$3" <<'PY' || edit_failed=1
import sys
path, old, new = sys.argv[1:]
text = open(path).read()
if text.count(old) != 1:
    sys.exit(f"{path}: the text to break occurs {text.count(old)} times, not once:\n{old}")
open(path, "w").write(text.replace(old, new))
PY
}
# create DIR FILE TEXT: a new directory in the copy, with one file.
create() {
    if [ -e "$WORK/$1" ]; then
        echo "$1 exists already" >&2
        edit_failed=1
        return
    fi
    created+=("$1")
    mkdir -p "$WORK/$1"
    printf '%s' "$3" >"$WORK/$1/$2"
}
restore() {
    local f
    # A fresh mtime (plain cp), so that cargo rebuilds what the break had changed.
    for f in "${touched[@]}"; do cp "$TMP/pristine/$f" "$WORK/$f"; done
    for f in "${created[@]}"; do rm -rf "${WORK:?}/$f"; done
    touched=()
    created=()
}

firmware_ready=0
firmware() {
    if [ $firmware_ready = 0 ]; then
        bash "$ROOT/scripts/firmware-toolchain.sh"
        firmware_ready=1
    fi
}

# The guards, by name: each is a command run in the copy.
guard() {
    case $1 in
    wipes) cargo test -q -p authcore --test wipes ;;
    c-storage) cargo test -q -p authcore-ffi --lib storage::tests ;;
    hmac-unit) cargo test -q -p authcore --lib keys::hmac ;;
    stack) cargo test -q --profile stack -p authcore --test rsa_stack ;;
    fuzz-replay) cargo test -q --manifest-path fuzz/Cargo.toml --test replay ;;
    embedded-time) cargo test -q -p authcore --features embedded-time --lib clock ;;
    json-soup) cargo test -q -p authcore --test properties json_soup_verdicts ;;
    authz-parse) cargo test -q -p authcore --test lifecycle_authz parse_never_panics ;;
    validation) cargo test -q -p authcore --test validation ;;
    hostile) cargo test -q -p authcore --test hostile ;;
    secrets) cargo test -q -p authcore --test secrets ;;
    alloc-free) cargo test -q -p authcore --test alloc_free ;;
    no-heap-proof) bash scripts/no-heap-proof.sh ;;
    header) cargo test -q -p authcore-ffi --test header ;;
    bless-refused)
        # Refused at once: a run that gets past the check starts the whole suite, which is
        # stopped (its process group) after 20 seconds.
        AUTHCORE_BLESS=1 setsid bash scripts/test-all.sh &
        local pid=$! i rc=0
        for i in $(seq 20); do
            kill -0 $pid 2>/dev/null || break
            sleep 1
        done
        if kill -0 $pid 2>/dev/null; then
            kill -- -$pid
            wait $pid || true
            return 1
        fi
        wait $pid || rc=$?
        [ $rc = 1 ] ;;
    python-seed)
        cargo build -q -p authcore-ffi --release
        python3 -m venv "$TMP/venv" >/dev/null 2>&1 || true
        [ -x "$TMP/venv/bin/pytest" ] ||
            "$TMP/venv/bin/python" -m pip install -q --disable-pip-version-check pytest "PyJWT[crypto]" >/dev/null
        "$TMP/venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps ./python >/dev/null
        "$TMP/venv/bin/python" -m pytest -q -p no:cacheprovider tests/python/test_differential.py -k replay ;;
    fw-flash) firmware; CARGO_TARGET_DIR=$BASE_TARGET/mutants-firmware bash scripts/firmware-figures.sh flash ;;
    fw-instructions) firmware; CARGO_TARGET_DIR=$BASE_TARGET/mutants-firmware bash scripts/firmware-figures.sh instructions ;;
    fw-run)
        firmware
        local t=$BASE_TARGET/mutants-firmware
        (cd examples/firmware && CARGO_TARGET_DIR=$t cargo build -q --release --target thumbv7em-none-eabihf)
        timeout 300 qemu-system-arm -machine mps2-an386 -cpu cortex-m4 -nographic \
            -semihosting-config enable=on,target=native \
            -kernel "$t/thumbv7em-none-eabihf/release/authcore-firmware" ;;
    *) echo "no guard $1" >&2; return 2 ;;
    esac
}
describe() {
    case $1 in
    wipes) echo "core/tests/wipes.rs" ;;
    c-storage) echo "ffi storage.rs unit tests (drop alone)" ;;
    hmac-unit) echo "keys::hmac unit tests" ;;
    stack) echo "rsa_stack.rs, profile stack" ;;
    fuzz-replay) echo "fuzz/tests/replay.rs" ;;
    embedded-time) echo "clock.rs unit tests, embedded-time" ;;
    json-soup) echo "properties.rs json_soup_verdicts..." ;;
    authz-parse) echo "lifecycle_authz.rs parse_never_panics" ;;
    validation) echo "core/tests/validation.rs" ;;
    hostile) echo "core/tests/hostile.rs" ;;
    secrets) echo "core/tests/secrets.rs" ;;
    alloc-free) echo "core/tests/alloc_free.rs" ;;
    no-heap-proof) echo "scripts/no-heap-proof.sh" ;;
    header) echo "ffi/tests/header.rs" ;;
    bless-refused) echo "test-all.sh refuses AUTHCORE_BLESS" ;;
    python-seed) echo "test_differential.py replay test" ;;
    fw-flash) echo "firmware-figures.sh flash" ;;
    fw-instructions) echo "firmware-figures.sh instructions" ;;
    fw-run) echo "Rust firmware on QEMU (M4F)" ;;
    esac
}

# The breaks: NAME GUARD, then the function that makes the edit (break_NAME).
BREAKS=(
    "wipe-key-drop wipes"
    "wipe-session-drop wipes"
    "wipe-session-clear wipes"
    "wipe-key-drop-c c-storage"
    "wipe-session-drop-c c-storage"
    "c-clear-no-drop c-storage"
    "ct-compare-eq hmac-unit"
    "ct-compare-early-exit hmac-unit"
    "fw-instructions-no-build fw-instructions"
    "fw-instructions-zero fw-instructions"
    "fw-instructions-garbled fw-instructions"
    "fw-stack-zero fw-run"
    "fw-flash-inlined fw-flash"
    "stack-rsa-release stack"
    "stack-key-load stack"
    "fuzz-unlisted-dir fuzz-replay"
    "fuzz-target-dropped fuzz-replay"
    "embedded-time-scale embedded-time"
    "json-exponent json-soup"
    "authz-basic-panic authz-parse"
    "python-seed-hash python-seed"
    "bless-unchecked bless-refused"
    "exp-boundary validation"
    "none-accepted hostile"
    "alg-unpinned hostile"
    "heap-used alloc-free"
    "panic-path no-heap-proof"
    "redaction-leak secrets"
    "header-stale header"
)

break_wipe-key-drop() { # the HMAC key's hash states not zeroized on drop
    edit core/Cargo.toml 'sha2 = { version = "0.11", default-features = false, features = ["zeroize"] }' \
        'sha2 = { version = "0.11", default-features = false }'
    edit core/src/keys/hmac.rs '    zeroized_on_drop::<<Sha256 as EagerHash>::Core>();
    zeroized_on_drop::<<Sha384 as EagerHash>::Core>();
    zeroized_on_drop::<<Sha512 as EagerHash>::Core>();' ''
}
break_wipe-session-drop() { # the session's token storage not wiped on drop
    edit core/src/session/mod.rs 'impl<const N: usize> Drop for Secret<N> {
    fn drop(&mut self) {
        self.clear();
    }
}' 'impl<const N: usize> Drop for Secret<N> {
    fn drop(&mut self) {}
}'
}
break_wipe-session-clear() { # clear resets only the length
    edit core/src/session/mod.rs '    fn clear(&mut self) {
        self.0.zeroize();' '    fn clear(&mut self) {
        self.0.clear();'
}
break_wipe-key-drop-c() { # as wipe-key-drop, seen from the C storage
    break_wipe-key-drop
}
break_wipe-session-drop-c() { # as wipe-session-drop, seen from the C storage
    break_wipe-session-drop
}
break_c-clear-no-drop() { # the C clear wipes the storage without dropping the object
    edit ffi/src/storage.rs '            ptr::drop_in_place(ptr::addr_of_mut!((*slot).value));
' ''
}
break_ct-compare-eq() { # the MAC compared with `==`
    edit core/src/keys/hmac.rs 'if tags_equal(&mac[..n], sig) {' 'if sig == &mac[..n] {'
}
break_ct-compare-early-exit() { # the comparison stops at the first difference
    edit core/src/keys/hmac.rs '        same &= a.ct_eq(b).unwrap_u8();' '        if a.ct_eq(b).unwrap_u8() == 0 {
            return false;
        }'
}
break_fw-instructions-no-build() { # a count build that does not compile
    edit examples/firmware/src/main.rs '    const REPEAT: u32 = parse(option_env!("AUTHCORE_FW_REPEAT"));' \
        '    const REPEAT: u32 = parse(option_env!("AUTHCORE_FW_REPEAT")) + "";'
}
break_fw-instructions-zero() { # every instruction count comes out 0
    edit scripts/firmware-figures.sh '    cat "$out/count.txt"' '    echo 0'
}
break_fw-instructions-garbled() { # an instruction count that is not a number
    edit scripts/firmware-figures.sh '    cat "$out/count.txt"' '    printf "0\n0\n"'
}
break_fw-stack-zero() { # the stack probe reports 0 bytes
    edit examples/firmware/src/stack.rs 'let used = (at > bottom).then_some(top - at);' \
        'let used = (at > bottom).then_some(0);'
}
break_fw-flash-inlined() { # verification grows by code in `verify`, which LTO inlines
    edit core/src/jwt.rs '    verify_with(token, key, policy, now, buf, |header, claims| {' \
        '    macro_rules! x4 { ($e:expr) => { $e; $e; $e; $e; } }
    x4!(x4!(x4!(x4!(x4!(x4!(core::hint::black_box(now.wrapping_add(7))))))));
    verify_with(token, key, policy, now, buf, |header, claims| {'
}
break_stack-rsa-release() { # RSA verification takes 1.5 KiB more stack (only optimized builds see it over target)
    edit core/src/keys/rsa/mod.rs '        const HALF: usize = MAX_LIMBS / 2;
        if self.modulus.len() <= HALF {
            self.verify_b64::<HALF, MAX_LIMBS>(signature_b64, digest)
        } else {
            self.verify_b64::<MAX_LIMBS, { 2 * MAX_LIMBS }>(signature_b64, digest)
        }' '        const HALF: usize = MAX_LIMBS / 2;
        let pad = core::hint::black_box([0x5au8; 1536]);
        let r = if self.modulus.len() <= HALF {
            self.verify_b64::<HALF, MAX_LIMBS>(signature_b64, digest)
        } else {
            self.verify_b64::<MAX_LIMBS, { 2 * MAX_LIMBS }>(signature_b64, digest)
        };
        core::hint::black_box(&pad);
        r'
}
break_stack-key-load() { # PEM key loading takes 2 KiB more stack
    edit core/src/keys/rsa/encoding.rs '    pub fn from_pem(algorithm: Algorithm, pem: &[u8]) -> Result<Self, Error> {
        Self::pem(algorithm, pem, None)' '    pub fn from_pem(algorithm: Algorithm, pem: &[u8]) -> Result<Self, Error> {
        let pad = core::hint::black_box([0x5au8; 2048]);
        let r = Self::pem(algorithm, pem, None);
        core::hint::black_box(&pad);
        r'
}
break_fuzz-unlisted-dir() { # a corpus directory no target replays
    create fuzz/corpus/unlisted seed 'x'
}
break_fuzz-target-dropped() { # a target dropped from the list its corpus is replayed by
    edit fuzz/src/lib.rs '    ("format", format),
' ''
}
break_embedded-time-scale() { # the embedded-time adapter's scaling wrong
    edit core/src/clock.rs 'let millis = u128::from(ticks) * num * 1000 / den;' \
        'let millis = u128::from(ticks) * num * 1024 / den;'
}
break_json-exponent() { # the JSON reader refuses exponents of three digits (grammar allows them)
    edit core/src/json.rs '        if let Some(b'"'"'+'"'"' | b'"'"'-'"'"') = b.get(p) {
            p += 1;
        }
        p = digits(b, p)?;' '        if let Some(b'"'"'+'"'"' | b'"'"'-'"'"') = b.get(p) {
            p += 1;
        }
        let q = digits(b, p)?;
        if q - p > 2 {
            return Err(syntax(p));
        }
        p = q;'
}
break_authz-basic-panic() { # Basic credentials that are not UTF-8 panic
    edit core/src/authz/mod.rs 'core::str::from_utf8(bytes).map_err(|_| LifecycleError::MalformedAuthorization)?;' \
        'core::str::from_utf8(bytes).unwrap();'
}
break_python-seed-hash() { # the differential seed from hash(alg), randomised per process
    edit tests/python/test_differential.py 'seed=SEED * 3 + ALG_OFFSET[alg],' 'seed=hash(alg) & 0xFFFF,'
}
break_bless-unchecked() { # the test command runs with AUTHCORE_BLESS set
    edit scripts/test-all.sh 'if [ -n "${AUTHCORE_BLESS+set}" ]; then' 'if false; then'
}
break_exp-boundary() { # a token is still valid at its exp second
    edit core/src/validation.rs '&& now >= exp.saturating_add(leeway)' '&& now > exp.saturating_add(leeway)'
}
break_none-accepted() { # alg none read as HS256
    edit core/src/jwt.rs '    if name.eq_ignore_ascii_case("none") {
        return Err(Error::NoneAlgorithm);
    }' '    if name.eq_ignore_ascii_case("none") {
        return Ok(Algorithm::HS256);
    }'
}
break_alg-unpinned() { # the header's alg not held to the policy's
    edit core/src/jwt.rs '    if header.alg != policy.algorithm {' '    if header.alg != policy.algorithm && false {'
}
break_heap-used() { # verification allocates
    edit core/src/lib.rs '#![forbid(unsafe_code)]' '#![forbid(unsafe_code)]
extern crate alloc;'
    edit core/src/jwt.rs '    verify_with(token, key, policy, now, buf, |header, claims| {' \
        '    core::hint::black_box(alloc::vec![0u8; 1]);
    verify_with(token, key, policy, now, buf, |header, claims| {'
}
break_panic-path() { # verification keeps a panic path
    edit core/src/jwt.rs '    verify_with(token, key, policy, now, buf, |header, claims| {' \
        '    core::hint::black_box(token.as_bytes()[core::hint::black_box(usize::MAX)]);
    verify_with(token, key, policy, now, buf, |header, claims| {'
}
break_redaction-leak() { # a request's body (refresh token, password) shown in Debug
    edit core/src/session/mod.rs '.field("body", &redact::opt(self.body.map(str::len)))' '.field("body", &self.body)'
}
break_header-stale() { # a C function the header does not declare
    edit ffi/src/lib.rs 'mod verify;
' 'mod verify;

/// A function the checked-in header does not declare.
#[unsafe(no_mangle)]
pub extern "C" fn authcore_mutant() {}
'
}

selected() {
    [ $# -eq 0 ] && return 0
    local word
    for word in "${@}"; do [[ "$name" == *"$word"* ]] && return 0; done
    return 1
}

fail=0
declare -A guard_ok=()
rows=()
for entry in "${BREAKS[@]}"; do
    read -r name g <<<"$entry"
    selected "$@" || continue
    cd "$WORK"
    if [ -n "${MUTATION_DRY:-}" ]; then
        guard_ok[$g]=dry
    elif [ -z "${guard_ok[$g]:-}" ]; then
        printf '\n--- guard %s on the unbroken tree\n' "$g"
        if guard "$g" >"$LOGS/unbroken-$g.log" 2>&1; then
            guard_ok[$g]=yes
        else
            guard_ok[$g]=no
            tail -20 "$LOGS/unbroken-$g.log"
            echo "guard $g fails on the unbroken tree (log: $LOGS/unbroken-$g.log)" >&2
            fail=1
        fi
    fi
    printf -- '--- break %s\n' "$name"
    edit_failed=0
    if [ "${guard_ok[$g]}" = no ]; then
        verdict="guard fails unbroken"
    elif ! "break_$name" >"$LOGS/$name.edit.log" 2>&1 || [ $edit_failed = 1 ]; then
        cat "$LOGS/$name.edit.log"
        verdict="EDIT DOES NOT APPLY"
        fail=1
    elif [ "${guard_ok[$g]}" = dry ]; then
        verdict="applies"
    elif guard "$g" >"$LOGS/$name.log" 2>&1; then
        verdict="NOT CAUGHT"
        fail=1
    else
        verdict="caught"
    fi
    restore
    rows+=("$(printf '%-26s %-40s %s' "$name" "$(describe "$g")" "$verdict")")
    cd "$ROOT"
done

printf '\n%-26s %-40s %s\n' "break" "guarding test" "result"
printf '%s\n' "${rows[@]}"
if [ $fail = 1 ]; then
    echo "mutation check FAILED (logs: $LOGS)"
elif [ -n "${MUTATION_DRY:-}" ]; then
    echo "every edit applies (dry run: no test was run)"
else
    echo "every break caught"
fi
exit $fail
