"""Finding and loading libauthcore: search order, clear errors, version checks, prototypes."""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import authcore
from authcore import _lib
from authcore.exceptions import LibraryError, LibraryNotFoundError, LibraryVersionError

# Libraries that are not libauthcore, compiled with rustc (which the package's build needs
# anyway) rather than a C compiler the Python suite would otherwise have to install.
STUBS = {
    "no_symbol": '#[no_mangle]\npub extern "C" fn not_authcore() -> i32 { 1 }\n',
    # Writable data: never executable, so calling it would crash the process.
    "data_symbol": '#[no_mangle]\npub static mut authcore_version: [u8; 8] = *b"0.1.0\\0\\0\\0";\n',
}


@pytest.fixture(scope="module")
def stub_libraries(tmp_path_factory):
    rustc = shutil.which("rustc")
    if rustc is None:
        pytest.fail("rustc (which builds the package too) is needed to build the stub libraries")
    d = tmp_path_factory.mktemp("stubs")
    out = {}
    for name, source in STUBS.items():
        (d / f"{name}.rs").write_text(source)
        out[name] = d / f"lib{name}.so"
        subprocess.run([rustc, "--edition", "2021", "--crate-type", "cdylib", "-o", str(out[name]),
                        str(d / f"{name}.rs")], check=True)
    # The data symbol must be visible to ctypes, or the tests using it would pass for
    # another reason (a missing symbol).
    assert hasattr(ctypes.CDLL(str(out["data_symbol"])), "authcore_version")
    out["not_a_library"] = d / "libauthcore.so"
    out["not_a_library"].write_text("not an ELF file")
    return out


def _copy_installed_package(site: Path, with_library: bool) -> Path:
    """A copy of the installed package under `site` (a folder for sys.path)."""
    pkg = site / "authcore"
    skip = ["__pycache__"] + ([] if with_library else _lib._library_names())
    shutil.copytree(Path(authcore.__file__).resolve().parent, pkg, ignore=shutil.ignore_patterns(*skip))
    return pkg


def _plain_env(**extra):
    """The environment of a user who set nothing for authcore."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("AUTHCORE_LIB", "CARGO_TARGET_DIR", "PYTHONPATH")}
    env.update(extra)
    return env


VERIFY = """
import time
import authcore
key = authcore.HmacKey.from_secret(b"a shared secret of at least 32 bytes!", "HS256")
token = authcore.encode({"sub": "device-42", "exp": int(time.time()) + 60}, key)
assert authcore.decode(token, key, algorithms=["HS256"])["sub"] == "device-42"
print(authcore.library_path)
"""


def test_loaded_library_matches_the_package():
    assert authcore.library_version.split(".")[:2] == authcore.__version__.split(".")[:2]
    assert Path(authcore.library_path).is_file()
    assert _lib.lib.authcore_version().decode() == authcore.library_version


REPO = Path(__file__).resolve().parents[2]
HEADER = REPO / "include" / "authcore.h"


def header_functions():
    """{name: [parameter declarations]} for every function in include/authcore.h."""
    import re

    text = HEADER.read_text()
    out = {}
    for m in re.finditer(r"^(?:authcore_status|const char \*)\s*(authcore_\w+)\(([^)]*)\);", text, re.M):
        params = " ".join(m.group(2).split())
        out[m.group(1)] = [] if params in ("", "void") else [p.strip() for p in params.split(",")]
    return out


def test_every_c_function_has_a_matching_prototype():
    """Every function of the header is declared, with as many arguments, pointers where the
    C parameter is a pointer and integers of the C width where it is not."""
    import re

    functions = header_functions()
    assert len(functions) > 20, "header parsing found too few functions"
    declared = {**_lib._PROTOTYPES, **_lib._OPTIONAL_PROTOTYPES}
    missing = sorted(set(functions) - set(declared))
    assert not missing, f"functions without a Python prototype: {missing}"
    widths = {"uint32_t": ctypes.c_uint32, "int32_t": ctypes.c_int32, "int64_t": ctypes.c_int64,
              "size_t": ctypes.c_size_t, "bool": ctypes.c_bool,
              # A C enum, so an int (its other enums are uint32_t typedefs, below).
              "authcore_status": ctypes.c_int}
    for enum in re.findall(r"^typedef uint32_t (authcore_\w+);", HEADER.read_text(), re.M):
        widths[enum] = ctypes.c_uint32
    for name, params in functions.items():
        argtypes, _ = declared[name]
        assert len(argtypes) == len(params), (name, params, argtypes)
        for c, py in zip(params, argtypes):
            if "*" in c:
                assert py in (ctypes.c_char_p, ctypes.c_void_p) or issubclass(py, ctypes._Pointer), (name, c, py)
            else:
                ctype = c.rsplit(" ", 1)[0]
                assert ctypes.sizeof(py) == ctypes.sizeof(widths[ctype]), (name, c, py)
    for name in _lib._PROTOTYPES:
        fn = getattr(_lib.lib, name)
        assert fn.argtypes is not None and fn.restype is not None, name


def test_structure_sizes_match_the_header():
    assert ctypes.sizeof(_lib.KeyStorage) == 2048
    assert ctypes.sizeof(_lib.PolicyStorage) == 1024
    assert ctypes.sizeof(_lib.ClaimsStorage) == 192
    # authcore_validation: u32, u64, 4 x u8, then 10 pointer-sized fields, i64, ptr, 3 size_t.
    assert ctypes.sizeof(_lib.ValidationSettings) == 144
    assert ctypes.sizeof(_lib.ClaimValue) == 4 * ctypes.sizeof(ctypes.c_size_t)
    assert ctypes.sizeof(_lib.StrC) == 2 * ctypes.sizeof(ctypes.c_size_t)
    assert ctypes.alignment(_lib.KeyStorage) == 8
    text = HEADER.read_text()
    for define, struct in [("AUTHCORE_KEY_SIZE", _lib.KeyStorage),
                           ("AUTHCORE_POLICY_SIZE", _lib.PolicyStorage),
                           ("AUTHCORE_CLAIMS_SIZE", _lib.ClaimsStorage),
                           ("AUTHCORE_TRACKER_SIZE", _lib.TrackerStorage),
                           ("AUTHCORE_SESSION_SIZE", _lib.SessionStorage)]:
        if f"#define {define} " in text:
            size = int(text.split(f"#define {define} ", 1)[1].split()[0])
            assert ctypes.sizeof(struct) == size, define
    assert f"#define AUTHCORE_MAX_POLICY_LIST {_lib.MAX_POLICY_LIST}\n" in text


def test_validation_init_fills_the_documented_defaults():
    s = _lib.ValidationSettings()
    assert _lib.lib.authcore_validation_init(ctypes.byref(s), 1) == 0
    assert (s.algorithm, s.leeway, s.validate_exp, s.validate_nbf, s.validate_iat, s.validate_aud) == (
        1, 0, 1, 1, 0, 1,
    )
    assert s.required_len == 1 and s.required[0].data() == b"exp"
    # The default typ is a pointer and a length, with no NUL after it to read up to.
    typ = ctypes.c_void_p.from_buffer(s, _lib.ValidationSettings.typ.offset).value
    assert s.typ_len == 3 and ctypes.string_at(typ, s.typ_len) == b"JWT"
    assert s.subject is None and s.subject_len == 0
    assert s.max_age == -1 and s.max_token_len == 8192
    assert _lib.lib.authcore_validation_init(ctypes.byref(s), 99) == authcore.Status.INVALID_ARGUMENT


def test_status_strings_come_from_the_library():
    assert authcore.exceptions.status_message(authcore.Status.EXPIRED) == "token has expired"
    assert authcore.exceptions.status_message(12345) == "unknown status"


def test_without_authcore_lib_only_the_package_folder_is_searched(tmp_path):
    """No folder above the package, no cargo target directory: anyone able to create
    `target/release/` above an installed package could otherwise plant a library."""
    here = tmp_path / "a" / "b" / "authcore"
    env = {"CARGO_TARGET_DIR": str(tmp_path / "ct")}
    assert _lib.candidates(env=env, here=here) == [here / n for n in _lib._library_names()]


def test_the_installed_package_is_tested_with_its_own_library():
    """scripts/test-python.sh installs the package (which carries the library cargo built
    for it) and runs this suite outside python/, without AUTHCORE_LIB."""
    assert "AUTHCORE_LIB" not in os.environ, "run the suite through scripts/test-python.sh"
    package = Path(authcore.__file__).resolve().parent
    assert REPO / "python" not in package.parents, f"{package} is the source tree, not an install"
    assert Path(authcore.library_path).parent == package


def test_authcore_lib_is_the_only_place_when_set(tmp_path):
    assert _lib.candidates(env={"AUTHCORE_LIB": "/x/lib.so"}) == [Path("/x/lib.so")]
    assert _lib.candidates(env={"AUTHCORE_LIB": str(tmp_path)}) == [tmp_path / "libauthcore.so"]


def test_not_found_lists_every_path_tried(tmp_path):
    paths = [tmp_path / "one.so", tmp_path / "two.so"]
    with pytest.raises(LibraryNotFoundError) as e:
        _lib.find_library(paths)
    assert e.value.tried == [str(p) for p in paths]
    assert str(paths[0]) in str(e.value) and str(paths[1]) in str(e.value)
    assert "AUTHCORE_LIB" in str(e.value) and "cargo build" in str(e.value)
    assert isinstance(e.value, ImportError)


def test_find_library_takes_the_first_existing(tmp_path):
    real = Path(authcore.library_path)
    lib = _lib.find_library([tmp_path / "missing.so", real])
    assert lib.path == str(real)


def test_a_file_that_is_not_a_library(tmp_path):
    f = tmp_path / "libauthcore.so"
    f.write_text("not an ELF file")
    with pytest.raises(LibraryNotFoundError, match="cannot load"):
        _lib.load_library(f)


def test_a_library_that_is_not_libauthcore(stub_libraries):
    with pytest.raises(LibraryNotFoundError, match="not libauthcore"):
        _lib.load_library(stub_libraries["no_symbol"])


def test_a_data_symbol_named_authcore_version_is_refused_not_called(stub_libraries):
    with pytest.raises(LibraryNotFoundError, match="defines no function authcore_version"):
        _lib.load_library(stub_libraries["data_symbol"])


def test_the_real_library_exports_every_function_it_is_called_through():
    functions = _lib.elf_functions(authcore.library_path)
    assert functions is not None and "authcore_version" in functions
    assert set(_lib._PROTOTYPES) <= functions


def test_where_the_symbol_table_cannot_be_read_a_child_process_calls_it(stub_libraries):
    """The fallback for Mach-O and PE files: the data symbol crashes the child only."""
    with pytest.raises(LibraryNotFoundError, match=r"separate process failed \(exit status -"):
        _lib.probe_version_function(stub_libraries["data_symbol"])  # killed by a signal
    _lib.probe_version_function(authcore.library_path)


@pytest.mark.parametrize("stub", ["no_symbol", "data_symbol", "not_a_library"])
def test_import_with_authcore_lib_at_a_wrong_file_is_an_import_error(stub_libraries, stub):
    r = _import_in_subprocess({"AUTHCORE_LIB": str(stub_libraries[stub])})
    assert r.returncode == 1, (r.returncode, r.stderr)  # an exception, not a signal
    assert "LibraryNotFoundError" in r.stderr and str(stub_libraries[stub]) in r.stderr


@pytest.mark.parametrize("version", ["0.2.0", "1.1.0", "0.0.9", "garbage", "0.1", "", "0.1.x"])
def test_check_version_refuses_other_abis(version):
    with pytest.raises(LibraryVersionError):
        _lib.check_version(version, "/some/lib.so")


@pytest.mark.parametrize("version", ["0.1.0", "0.1.7", "0.1.123"])
def test_check_version_accepts_patch_releases(version):
    assert _lib.check_version(version)[:2] == (0, 1)


def test_real_library_with_another_expected_version(monkeypatch):
    monkeypatch.setattr(_lib, "ABI_VERSION", (0, 2))
    with pytest.raises(LibraryVersionError, match="needs 0.2.x") as e:
        _lib.load_library(authcore.library_path)
    assert "0.1" in str(e.value) and authcore.library_path in str(e.value)


def test_library_reporting_another_version(monkeypatch):
    """A library whose authcore_version says 9.9.0: monkeypatch the symbol lookup."""
    real_cdll = ctypes.CDLL

    class FakeVersion:
        argtypes = restype = None

        def __call__(self):
            return b"9.9.0"

    class Fake:
        def __init__(self, path):
            self._real = real_cdll(path)
            self.authcore_version = FakeVersion()

        def __getattr__(self, name):
            return getattr(self._real, name)

    monkeypatch.setattr(ctypes, "CDLL", Fake)
    with pytest.raises(LibraryVersionError, match="9.9.0"):
        _lib.load_library(authcore.library_path)


def _import_in_subprocess(env_extra):
    env = dict(os.environ, **env_extra)
    code = (
        "import authcore\n"
    )
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


def test_import_with_a_wrong_authcore_lib_is_a_clear_error(tmp_path):
    r = _import_in_subprocess({"AUTHCORE_LIB": str(tmp_path / "nope.so")})
    assert r.returncode != 0
    assert "LibraryNotFoundError" in r.stderr and "nope.so" in r.stderr
    assert "Segmentation" not in r.stderr


def test_import_with_authcore_lib_set_to_the_real_library():
    r = _import_in_subprocess({"AUTHCORE_LIB": authcore.library_path})
    assert r.returncode == 0, r.stderr


def test_missing_optional_function_is_a_library_error():
    lib = _lib.Library(authcore.library_path, ctypes.CDLL(authcore.library_path), "0.1.0")
    lib.__dict__.pop("authcore_key_rsa_pem", None)
    with pytest.raises(LibraryError, match="authcore_key_rsa_pem"):
        lib.authcore_key_rsa_pem
    with pytest.raises(AttributeError):
        lib.no_such_function


def test_a_library_copied_next_to_the_package_is_found_first(tmp_path):
    import shutil

    pkg = tmp_path / "site" / "authcore"
    shutil.copytree(Path(authcore.__file__).parent, pkg,
                    ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    shutil.copy(authcore.library_path, pkg / "libauthcore.so")
    env = {k: v for k, v in os.environ.items() if k not in ("AUTHCORE_LIB", "CARGO_TARGET_DIR")}
    env["PYTHONPATH"] = str(tmp_path / "site")
    r = subprocess.run([sys.executable, "-c", "import authcore; print(authcore.library_path)"],
                       env=env, cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(pkg / "libauthcore.so")


def test_a_library_planted_above_the_installed_package_is_not_loaded(tmp_path):
    """The planted library is a working libauthcore: if it were loaded, import would pass."""
    site = tmp_path / "a" / "b" / "site-packages"
    pkg = _copy_installed_package(site, with_library=False)
    planted = [tmp_path / "a" / "target" / "release", tmp_path / "a" / "b" / "target" / "release",
               site / "target" / "debug", tmp_path / "release", tmp_path / "ct" / "release"]
    (tmp_path / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55")
    for folder in planted:
        folder.mkdir(parents=True)
        shutil.copy(authcore.library_path, folder / "libauthcore.so")
    env = _plain_env(PYTHONPATH=str(site), CARGO_TARGET_DIR=str(tmp_path / "ct"))
    code = "import authcore; print(authcore.library_path)"
    r = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path / "a",
                       capture_output=True, text=True)
    assert r.returncode == 1, f"loaded {r.stdout.strip()}"
    assert "LibraryNotFoundError" in r.stderr
    assert r.stderr.split("Looked at:")[1].split() == [str(pkg / "libauthcore.so")]

    shutil.copy(authcore.library_path, pkg / "libauthcore.so")
    r = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path / "a",
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(pkg / "libauthcore.so")


def test_the_package_works_from_any_directory_and_in_a_moved_venv(tmp_path):
    first = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(first)], check=True)
    python = Path("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run([str(first / python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    _copy_installed_package(Path(purelib), with_library=True)
    moved = tmp_path / "elsewhere" / "moved-venv"
    moved.parent.mkdir()
    for venv, cwd in [(first, tmp_path), (moved, moved.parent)]:
        if venv == moved:
            shutil.move(str(first), str(moved))
        r = subprocess.run([str(venv / python), "-c", VERIFY], env=_plain_env(), cwd=cwd,
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        loaded = Path(r.stdout.strip())
        assert venv.resolve() in loaded.parents and loaded.parent.name == "authcore", loaded
