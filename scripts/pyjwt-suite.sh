#!/usr/bin/env bash
# Runs PyJWT's own test suite against authcore: the source distribution of the PyJWT version
# pinned in tests/python/requirements.txt is downloaded from the package index and unpacked
# into $CARGO_TARGET_DIR/pyjwt-suite, and its tests run with `import jwt` resolving to
# authcore (tests/python/pyjwt_suite/shim_conftest.py). Prints the pass/fail/skip counts, then
# every failure with its reason from tests/python/pyjwt_suite/known_failures.txt.
#
# Fails when a test fails that known_failures.txt does not explain, or when fewer tests pass
# than MIN_PASS (when set; scripts/test-python.sh sets it to COMPATIBILITY.md's figure).
#
# Usage: scripts/pyjwt-suite.sh [VENV]   (default $CARGO_TARGET_DIR/py-venv, the venv that
# scripts/test-python.sh makes; it must have authcore, pytest and cryptography installed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="${1:-$CARGO_TARGET_DIR/py-venv}"
PY="$VENV/bin/python"
SUITE="$ROOT/tests/python/pyjwt_suite"

[ -x "$PY" ] || { echo "no venv at $VENV: run scripts/test-python.sh first, or pass one" >&2; exit 1; }
"$PY" -c "import authcore, pytest, cryptography" || {
    echo "$VENV lacks authcore, pytest or cryptography (scripts/test-python.sh installs them)" >&2
    exit 1
}

VERSION=$(sed -n 's/^PyJWT\[crypto\]==\([0-9.]*\)$/\1/p' tests/python/requirements.txt)
[ -n "$VERSION" ] || { echo "no pinned PyJWT[crypto]==X in tests/python/requirements.txt" >&2; exit 1; }

WORK="$CARGO_TARGET_DIR/pyjwt-suite"
SRC="$WORK/pyjwt-$VERSION"
if [ ! -f "$SRC/tests/test_api_jwt.py" ]; then
    echo "==> downloading the PyJWT $VERSION source distribution"
    rm -rf "$WORK" && mkdir -p "$WORK"
    "$PY" -m pip download -q --disable-pip-version-check --no-binary :all: --no-deps \
        "pyjwt==$VERSION" -d "$WORK"
    tar -xzf "$WORK/pyjwt-$VERSION.tar.gz" -C "$WORK"
fi
# Named so that the pytest run of tests/python does not load it as a conftest there.
cp "$SUITE/shim_conftest.py" "$SRC/tests/conftest.py"

# The test modules of PyJWT's public API. Left out, as they test PyJWT's own internals rather
# than the API authcore stands in for: test_algorithms.py (the algorithm classes),
# test_api_jws.py (PyJWS: signing and verifying arbitrary byte payloads, which the C library
# does not do: it verifies JWTs, whose payload is a JSON object) and test_utils.py (helpers).
FILES=(test_api_jwt.py test_api_jwk.py test_jwks_client.py test_jwt.py test_exceptions.py
       test_advisory.py test_compressed_jwt.py)
REPORT="$WORK/report.xml"
echo "==> PyJWT $VERSION tests against authcore ($("$PY" -c 'import authcore; print(authcore.library_path)'))"
(cd "$SRC" && "$PY" -m pytest -p no:cacheprovider -q --tb=no -o addopts= \
    --junitxml="$REPORT" "${FILES[@]/#/tests/}" >"$WORK/pytest.log" 2>&1) || true

"$PY" - "$REPORT" "$SUITE/known_failures.txt" "${MIN_PASS:-0}" <<'PY'
import sys
import xml.etree.ElementTree as ET

report, known_path, min_pass = sys.argv[1], sys.argv[2], int(sys.argv[3])
known = {}
for line in open(known_path, encoding="utf-8"):
    line = line.rstrip("\n")
    if line and not line.startswith("#"):
        test, reason = line.split("\t", 1)
        known[test] = reason

passed, failed, skipped = [], [], []
for case in ET.parse(report).iter("testcase"):
    # classname is tests.<module> or tests.<module>.<class>: named as <module>[::<class>]::<test>.
    parts = case.get("classname").split(".")[1:]
    name = "::".join(parts + [case.get("name")])
    if case.find("failure") is not None or case.find("error") is not None:
        failed.append(name)
    elif case.find("skipped") is not None:
        skipped.append(name)
    else:
        passed.append(name)

print(f"PyJWT suite: {len(passed)} passed, {len(failed)} failed, {len(skipped)} skipped")
by_reason = {}
unexplained = [t for t in failed if t not in known]
for t in failed:
    if t in known:
        by_reason.setdefault(known[t], []).append(t)
for reason, tests in sorted(by_reason.items()):
    print(f"\n{len(tests)} x {reason}")
    for t in tests:
        print(f"    {t}")
now_passing = sorted(t for t in known if t in passed)
if now_passing:
    print("\nListed in known_failures.txt but passing now (remove them):")
    for t in now_passing:
        print(f"    {t}")
status = 0
if unexplained:
    print("\nFAILED WITHOUT A REASON IN known_failures.txt (a bug, or a difference to state):")
    for t in unexplained:
        print(f"    {t}")
    status = 1
if len(passed) < min_pass:
    print(f"\nonly {len(passed)} passed, fewer than the {min_pass} recorded in COMPATIBILITY.md")
    status = 1
if not passed:
    print("nothing passed: see the pytest log")
    status = 1
sys.exit(status)
PY
