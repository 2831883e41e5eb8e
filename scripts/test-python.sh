#!/usr/bin/env bash
# Tests the Python package: makes a venv (default $CARGO_TARGET_DIR/py-venv, or the path
# given as $1), installs pytest and PyJWT[crypto] into it, builds libauthcore (release),
# installs ./python, runs the pytest suite (tests/python) and the example.
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

step "installing pytest, PyJWT[crypto], cryptography"
"$PY" -m pip install -q --disable-pip-version-check pytest "PyJWT[crypto]" cryptography

step "building libauthcore (cargo build -p authcore-ffi --release)"
cargo build -p authcore-ffi --release

step "installing the authcore package (pip install ./python)"
"$PY" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps ./python

step "pytest tests/python"
# Run from the repository root: `python/` is not on sys.path, so the installed package is
# the one tested; it finds the library through CARGO_TARGET_DIR.
"$PY" -m pytest tests/python -p no:cacheprovider

step "example: examples/python/verify.py"
"$PY" examples/python/verify.py
