#!/usr/bin/env bash
# Tests the Python package: makes a venv (default $CARGO_TARGET_DIR/py-venv, or the path
# given as $1), installs tests/python/requirements.txt into it, installs ./python with pip (its
# build compiles libauthcore with cargo, release profile, into the package), runs the pytest
# suite (tests/python), PyJWT's own suite (scripts/pyjwt-suite.sh, at least the pass count
# COMPATIBILITY.md records) and the example against that install; then builds the wheel, checks
# that it is platform-tagged and carries the library, and installs it into a second venv
# outside the repository to verify a token from /tmp.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="${1:-$CARGO_TARGET_DIR/py-venv}"
PYTHON="${PYTHON:-python3}"

step() { printf '\n==> %s\n' "$*"; }

apt_install() {
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@"
}

if ! command -v "$PYTHON" >/dev/null; then
    step "installing python3"
    apt_install python3 python3-venv
fi

if [ ! -x "$VENV/bin/python" ]; then
    step "creating the venv $VENV"
    mkdir -p "$(dirname "$VENV")"
    if ! "$PYTHON" -m venv "$VENV" >/dev/null 2>&1; then
        # Debian splits venv/ensurepip into python3-venv (python3.X-venv).
        rm -rf "$VENV"
        pyver=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
        apt_install python3-venv "python${pyver}-venv" || apt_install python3-venv
        "$PYTHON" -m venv "$VENV"
    fi
fi
PY="$VENV/bin/python"

step "installing tests/python/requirements.txt (pytest, PyJWT[crypto] pinned, cryptography), pip >= 22.3"
# pip 21.3 builds a local folder in place (the build needs ../ffi); 22.3 has --python.
"$PY" -m pip install -q --disable-pip-version-check -r tests/python/requirements.txt "pip>=22.3"

if ! command -v cargo >/dev/null; then
    echo "cargo is needed: the package's build compiles libauthcore (https://rustup.rs)" >&2
    exit 1
fi

# No AUTHCORE_LIB from here on: the package must find the library it carries.
unset AUTHCORE_LIB

step "installing the package (pip install ./python: cargo builds libauthcore into it)"
# cargo runs with this CARGO_TARGET_DIR, so the release build is shared with other steps.
"$PY" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps ./python

step "pytest tests/python"
# From the repository root, so `python/` is not on sys.path: the installed package is the
# one tested (test_library.py checks so).
"$PY" -m pytest tests/python -p no:cacheprovider

step "PyJWT's own test suite against authcore (scripts/pyjwt-suite.sh)"
# About 6 s. The pass count must not fall below the figure COMPATIBILITY.md records.
MIN_PASS=$(sed -n 's/^<!-- pyjwt-suite-passed: \([0-9]*\) -->$/\1/p' COMPATIBILITY.md)
[ -n "$MIN_PASS" ] || { echo "COMPATIBILITY.md records no pyjwt-suite-passed figure" >&2; exit 1; }
MIN_PASS="$MIN_PASS" bash scripts/pyjwt-suite.sh "$VENV"

step "example: examples/python/verify.py"
"$PY" examples/python/verify.py

step "wheel: pip wheel ./python, platform-tagged, with the library inside"
WHEELS="$CARGO_TARGET_DIR/py-wheels"
rm -rf "$WHEELS"
"$PY" -m pip wheel -q --disable-pip-version-check --no-deps ./python -w "$WHEELS"
WHEEL=$(ls "$WHEELS"/authcore_jwt-*.whl)
"$PY" - "$WHEEL" <<'PY'
import sys, zipfile
from pathlib import Path

wheel = Path(sys.argv[1])
tags = wheel.name[:-len(".whl")].split("-")[-3:]
assert tags[:2] == ["py3", "none"] and tags[2] != "any", f"{wheel.name}: not a platform wheel"
names = zipfile.ZipFile(wheel).namelist()
libs = [n for n in names if n in ("authcore/libauthcore.so", "authcore/libauthcore.dylib",
                                  "authcore/authcore.dll")]
assert len(libs) == 1, f"{wheel.name} does not carry libauthcore: {names}"
print(f"{wheel.name}: {libs[0]}")
PY

step "wheel installed into a venv outside the repository: README.md's Python quick start from /tmp"
OUTSIDE=$(mktemp -d /tmp/authcore-wheel.XXXXXX)
trap 'rm -rf "$OUTSIDE"' EXIT
"$PYTHON" -m venv --without-pip "$OUTSIDE/venv"
"$PY" -m pip --python "$OUTSIDE/venv/bin/python" install -q --disable-pip-version-check --no-deps "$WHEEL"
QUICK_START=$("$PY" - README.md <<'PY'
import re, sys
section = open(sys.argv[1]).read().split("## From Python", 1)[1].split("\n## ", 1)[0]
print(re.search(r"```python\n(.*?)```", section, re.S).group(1))
PY
)
out=$(cd /tmp && env -u CARGO_TARGET_DIR "$OUTSIDE/venv/bin/python" -c "$QUICK_START")
[ "$out" = "device-42" ] || { echo "README quick start printed: $out" >&2; exit 1; }
(cd /tmp && env -u CARGO_TARGET_DIR "$OUTSIDE/venv/bin/python" - "$OUTSIDE/venv" <<'PY'
import sys
from pathlib import Path

import authcore

assert Path(sys.argv[1]).resolve() in Path(authcore.library_path).parents, authcore.library_path
print(f"quick start verified with {authcore.library_path}")
PY
)
