"""Builds libauthcore into the package: `pip install ./python` and `pip wheel ./python`.

setuptools-rust runs cargo on the authcore-ffi crate (release profile; cargo's target
directory is CARGO_TARGET_DIR when set, else the workspace's `target/`) and copies the
cdylib into `authcore/` as `libauthcore.so` (`.dylib`, `authcore.dll`), where
`authcore/_lib.py` loads it from. The crate lives one level above this folder, so the build
runs from a checkout: pip (21.3 and later) builds a local folder in place, while a source
distribution of this folder alone would not hold the Rust sources.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools_rust import Binding, RustExtension, build_rust

MANIFEST = os.path.join("..", "ffi", "Cargo.toml")

if sys.platform == "darwin":
    LIBRARY = "libauthcore.dylib"
elif sys.platform == "win32":
    LIBRARY = "authcore.dll"
else:
    LIBRARY = "libauthcore.so"

if not os.path.isfile(MANIFEST):
    sys.exit(
        f"authcore-jwt is built from the authcore repository: {os.path.abspath(MANIFEST)} "
        "(the authcore-ffi crate) was not found. Install from a checkout with "
        "`pip install ./python`, not from a copy of the python/ folder alone."
    )


class BuildRust(build_rust):
    """Names the library as cargo does for C users instead of as a Python extension
    (`libauthcore.cpython-311-x86_64-linux-gnu.so`): it is loaded with ctypes, not
    imported, so one file serves every Python version."""

    def get_dylib_ext_path(self, ext: RustExtension, target_fname: str) -> str:
        default = super().get_dylib_ext_path(ext, target_fname)
        return os.path.join(os.path.dirname(default), LIBRARY)


class BdistWheel(bdist_wheel):
    """`py3-none-<platform>`: the library uses no Python API, so the wheel fits every
    Python 3 on its platform; only the platform tag matters."""

    def get_tag(self) -> tuple:
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(
    rust_extensions=[
        RustExtension(
            "authcore.libauthcore",
            path=MANIFEST,
            binding=Binding.NoBinding,
            debug=False,
            # The crate's own crate types, so that this build and `cargo build -p
            # authcore-ffi --release` share one cached artifact instead of rebuilding
            # each other's (setuptools-rust would otherwise ask for a cdylib only).
            args=["--crate-type", "staticlib,cdylib"],
        )
    ],
    cmdclass={"build_rust": BuildRust, "bdist_wheel": BdistWheel},
)
