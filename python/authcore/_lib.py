"""Finding and loading ``libauthcore``, and the ctypes prototype of every C function.

Nothing here is compiled: the shared library is built by cargo when the package is built
(``pip install ./python``, ``pip wheel ./python``) and placed inside it, then loaded with
:mod:`ctypes`. It is looked for in exactly one place:

1. ``AUTHCORE_LIB``, when set: a path to the library file, or to a folder holding it. A
   wrong value is reported rather than silently bypassed.
2. Otherwise this package's own folder (``authcore/libauthcore.so``, ``.dylib``,
   ``authcore.dll``), found from ``__file__``, so the installed package works from any
   directory and in a moved venv.

Nowhere else: no folder above the package, no cargo target directory, no system path, so
that nobody who can write a folder above the installed package (a shared ``/tmp``, a
checkout the venv sits in) can have a library of their own loaded.

Before any function is called, the library's own dynamic symbol table must define
``authcore_version`` and every required function as functions (a data symbol of that name,
or a name only a dependency defines, is refused instead of jumped into), and
``authcore_version()`` must report the package's major and minor version; anything else
raises :class:`~authcore.exceptions.LibraryNotFoundError` or
:class:`~authcore.exceptions.LibraryVersionError` (both are ``ImportError``), since the
storage sizes and status codes below are only valid for that ABI.
"""

from __future__ import annotations

import ctypes
import os
import struct
import sys
from ctypes import POINTER, c_char_p, c_int, c_int64, c_size_t, c_uint8, c_uint32
from ctypes import c_uint64, c_void_p
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple, TypeVar

from .exceptions import LibraryError, LibraryNotFoundError, LibraryVersionError

__all__ = [
    "ABI_VERSION",
    "KEY_SIZE",
    "SIGNING_KEY_SIZE",
    "SigningKeyStorage",
    "AssertionClaims",
    "KEY_SET_SIZE",
    "KEY_SET_CAPACITY",
    "KeySetStorage",
    "POLICY_SIZE",
    "CLAIMS_SIZE",
    "MAX_POLICY_LIST",
    "KeyStorage",
    "PolicyStorage",
    "ClaimsStorage",
    "StrC",
    "str_c",
    "ClaimValue",
    "ValidationSettings",
    "Library",
    "candidates",
    "elf_functions",
    "load_library",
    "find_library",
    "check_version",
    "lib",
    "OwnedStorage",
]

#: The ABI this package speaks: the library's ``MAJOR.MINOR`` must be this.
ABI_VERSION: Tuple[int, int] = (0, 1)

#: Sizes fixed by ``include/authcore.h`` (``AUTHCORE_*_SIZE``).
KEY_SIZE = 2048
#: ``AUTHCORE_SIGNING_KEY_SIZE``.
SIGNING_KEY_SIZE = 512
POLICY_SIZE = 1024
CLAIMS_SIZE = 192
#: ``AUTHCORE_MAX_POLICY_LIST``: the most entries in each list of a policy.
MAX_POLICY_LIST = 8
TRACKER_SIZE = 96
KEY_SET_SIZE = 9600
#: ``AUTHCORE_KEY_SET_CAPACITY``: the most keys a key set holds.
KEY_SET_CAPACITY = 8
SESSION_SIZE = 5120


class KeyStorage(ctypes.Structure):
    """``authcore_key``: private storage for one key (8-byte aligned)."""

    _fields_ = [("opaque", c_uint64 * (KEY_SIZE // 8))]


class SigningKeyStorage(ctypes.Structure):
    """``authcore_signing_key``: private storage for one signing key (8-byte aligned),
    valid only where it was made."""

    _fields_ = [("opaque", c_uint64 * (SIGNING_KEY_SIZE // 8))]


class AssertionClaims(ctypes.Structure):
    """``authcore_assertion_claims``: an RFC 7523 client assertion's claims."""

    _fields_ = [
        ("iss", c_char_p),
        ("iss_len", c_size_t),
        ("sub", c_char_p),
        ("sub_len", c_size_t),
        ("aud", c_char_p),
        ("aud_len", c_size_t),
        ("iat", ctypes.c_int64),
        ("exp", ctypes.c_int64),
        ("jti", c_char_p),
        ("jti_len", c_size_t),
    ]
class KeySetStorage(ctypes.Structure):
    """``authcore_key_set``: private storage for the keys of a JWKS (8-byte aligned)."""

    _fields_ = [("opaque", c_uint64 * (KEY_SET_SIZE // 8))]


class PolicyStorage(ctypes.Structure):
    """``authcore_policy``: a compiled validation policy. Never copied once made."""

    _fields_ = [("opaque", c_uint64 * (POLICY_SIZE // 8))]


class ClaimsStorage(ctypes.Structure):
    """``authcore_claims``: verified claims referring to the verify work buffer."""

    _fields_ = [("opaque", c_uint64 * (CLAIMS_SIZE // 8))]


class StrC(ctypes.Structure):
    """``authcore_str``: a string as a pointer and a length (not NUL-terminated)."""

    _fields_ = [("ptr", c_void_p), ("len", c_size_t)]

    def data(self) -> Optional[bytes]:
        """The string's bytes, or ``None`` for no string (a NULL pointer)."""
        return ctypes.string_at(self.ptr, self.len) if self.ptr else None


def str_c(data: bytes) -> StrC:
    """An ``authcore_str`` pointing into ``data``, which the caller keeps alive while the C
    library may read it."""
    return StrC(ctypes.cast(c_char_p(data), c_void_p), len(data))


class ClaimValue(ctypes.Structure):
    """``authcore_claim_value``: a claim that must be a string equal to ``value``."""

    _fields_ = [
        ("name", c_char_p),
        ("name_len", c_size_t),
        ("value", c_char_p),
        ("value_len", c_size_t),
    ]


class ValidationSettings(ctypes.Structure):
    """``authcore_validation``: the policy settings, filled by ``authcore_validation_init``."""

    _fields_ = [
        ("algorithm", c_uint32),
        ("leeway", c_uint64),
        ("validate_exp", c_uint8),
        ("validate_nbf", c_uint8),
        ("validate_iat", c_uint8),
        ("validate_aud", c_uint8),
        ("required", POINTER(StrC)),
        ("required_len", c_size_t),
        ("issuers", POINTER(StrC)),
        ("issuers_len", c_size_t),
        ("audiences", POINTER(StrC)),
        ("audiences_len", c_size_t),
        ("subject", c_char_p),
        ("subject_len", c_size_t),
        ("claim_equals", POINTER(ClaimValue)),
        ("claim_equals_len", c_size_t),
        ("max_age", c_int64),
        ("typ", c_char_p),
        ("typ_len", c_size_t),
        ("min_hmac_secret_len", c_size_t),
        ("max_token_len", c_size_t),
    ]


class TrackerStorage(ctypes.Structure):
    """``authcore_tracker``: one token's expiry state. Never copied once made."""

    _fields_ = [("opaque", c_uint64 * (TRACKER_SIZE // 8))]


class SessionStorage(ctypes.Structure):
    """``authcore_session``: the token lifecycle of one API. Never copied once made."""

    _fields_ = [("opaque", c_uint64 * (SESSION_SIZE // 8))]


API_TEXT_TOTAL = 320
API_PATHS_MAX = 8


class ApiPath(ctypes.Structure):
    """``authcore_api_path``. Its string is a pointer and a length, like every string of a
    description (not NUL-terminated)."""

    _fields_ = [("field", c_uint32), ("path", c_void_p), ("path_len", c_size_t)]


class ApiHeader(ctypes.Structure):
    """``authcore_api_header``."""

    _fields_ = [("style", c_uint32), ("scheme", c_void_p), ("scheme_len", c_size_t)]


class ExpirySourceC(ctypes.Structure):
    """``authcore_expiry_source``."""

    _fields_ = [("kind", c_uint32), ("seconds", c_uint32), ("claim", c_void_p),
                ("claim_len", c_size_t)]


class ApiDescriptionC(ctypes.Structure):
    """``authcore_api_description``. The strings it points to are the caller's to keep
    alive while C reads them (:meth:`authcore.description.ApiDescription._to_c` keeps them
    on the instance)."""

    _fields_ = [
        ("name", c_void_p),
        ("name_len", c_size_t),
        ("login", c_uint32),
        ("paths_len", c_uint32),
        ("paths", ApiPath * API_PATHS_MAX),
        ("header", ApiHeader),
        ("refresh", c_uint32),
        ("refresh_header", ApiHeader),
        ("expiry", ExpirySourceC),
        ("refresh_expiry", ExpirySourceC),
        ("has_sliding_window", ctypes.c_uint8),
        ("sliding_window", c_uint32),
        ("has_default_lifetime", ctypes.c_uint8),
        ("default_lifetime", c_uint32),
        ("margin_secs", c_uint32),
        ("margin_permille", c_uint32),
        ("leeway", c_uint32),
        ("max_skew", c_uint32),
        ("token_type", c_void_p),
        ("token_type_len", c_size_t),
        ("scope", c_void_p),
        ("scope_len", c_size_t),
        ("client_id", c_void_p),
        ("client_id_len", c_size_t),
    ]


class Authorization(ctypes.Structure):
    """``authcore_authorization``: a parsed ``Authorization`` value (pointers into it)."""

    _fields_ = [
        ("scheme", c_uint32),
        ("scheme_name", c_void_p),
        ("scheme_name_len", c_size_t),
        ("credentials", c_void_p),
        ("credentials_len", c_size_t),
    ]


class Credentials(ctypes.Structure):
    """``authcore_credentials``: user name, password and optional authSource."""

    _fields_ = [
        ("username", c_char_p),
        ("username_len", c_size_t),
        ("password", c_char_p),
        ("password_len", c_size_t),
        ("auth_source", c_char_p),
        ("auth_source_len", c_size_t),
    ]


class Request(ctypes.Structure):
    """``authcore_request``: an Authorization value or a body, pointing into a buffer."""

    _fields_ = [("authorization", c_char_p), ("body", c_char_p), ("content_type", c_char_p)]


class Next(ctypes.Structure):
    """``authcore_next``: what a session says to do next."""

    _fields_ = [
        ("action", c_uint32),
        ("usable", ctypes.c_bool),
        ("remaining", c_int64),
        ("request", Request),
    ]


class ResponseDetail(ctypes.Structure):
    """``authcore_response_detail``: the field a refused response lacks or mistypes, or the
    status and error code of the server's refusal."""

    _fields_ = [
        ("field", c_void_p),
        ("field_len", c_size_t),
        ("status", c_uint32),
        ("error", ctypes.c_char * 33),
    ]


class TokenStatus(ctypes.Structure):
    """``authcore_token_status``: fresh / refresh soon / expired, and seconds left."""

    _fields_ = [("state", c_uint32), ("remaining", c_int64)]


class RefreshPolicySettings(ctypes.Structure):
    """``authcore_refresh_policy``: when to renew and how much to distrust clocks."""

    _fields_ = [
        ("margin_secs", c_uint32),
        ("margin_permille", ctypes.c_uint16),
        ("leeway", c_uint32),
        ("max_skew", c_uint32),
    ]


_key_p = POINTER(KeyStorage)
_policy_p = POINTER(PolicyStorage)
_key_set_p = POINTER(KeySetStorage)
_claims_p = POINTER(ClaimsStorage)
_size_p = POINTER(c_size_t)
_i64_p = POINTER(c_int64)
_session_p = POINTER(SessionStorage)
_tracker_p = POINTER(TrackerStorage)
_cred_p = POINTER(Credentials)
_status_p = POINTER(TokenStatus)
_rpolicy_p = POINTER(RefreshPolicySettings)
# Byte inputs and outputs go through `c_char_p`: it takes `bytes` (no copy) and
# `ctypes.create_string_buffer` arrays alike; every length is passed explicitly.
_bytes = c_char_p

# name: (argtypes, restype). The status enum is a C int.
_PROTOTYPES: Dict[str, Tuple[List[Any], Any]] = {
    "authcore_version": ([], c_char_p),
    "authcore_status_str": ([c_int], c_char_p),
    "authcore_key_hmac": ([_key_p, c_uint32, _bytes, c_size_t], c_int),
    "authcore_key_algorithm": ([_key_p, POINTER(c_uint32)], c_int),
    "authcore_key_clear": ([_key_p], c_int),
    "authcore_sign_hmac": (
        [_key_p, _bytes, c_size_t, _bytes, c_size_t, _bytes, c_size_t, _size_p],
        c_int,
    ),
    "authcore_validation_init": ([POINTER(ValidationSettings), c_uint32], c_int),
    "authcore_policy_init": ([_policy_p, POINTER(ValidationSettings)], c_int),
    "authcore_policy_clear": ([_policy_p], c_int),
    "authcore_verify_buffer_size": ([_bytes, c_size_t, _size_p], c_int),
    "authcore_verify": (
        [_key_p, _policy_p, _bytes, c_size_t, c_int64, _bytes, c_size_t, _claims_p, _size_p],
        c_int,
    ),
    "authcore_verify_detail": (
        [_key_p, _policy_p, _bytes, c_size_t, c_int64, _bytes, c_size_t, _claims_p, _size_p,
         POINTER(StrC)],
        c_int,
    ),
    "authcore_claims_clear": ([_claims_p], c_int),
    "authcore_claims_json": ([_claims_p, _bytes, c_size_t, _size_p], c_int),
    "authcore_claims_get_string": (
        [_claims_p, _bytes, c_size_t, _bytes, c_size_t, _size_p], c_int),
    "authcore_claims_get_json": ([_claims_p, _bytes, c_size_t, _bytes, c_size_t, _size_p], c_int),
    "authcore_claims_get_int": ([_claims_p, _bytes, c_size_t, _i64_p], c_int),
    "authcore_claims_get_bool": ([_claims_p, _bytes, c_size_t, POINTER(ctypes.c_bool)], c_int),
    "authcore_claims_exp": ([_claims_p, _i64_p], c_int),
    "authcore_claims_nbf": ([_claims_p, _i64_p], c_int),
    "authcore_claims_iat": ([_claims_p, _i64_p], c_int),
    "authcore_claims_aud_count": ([_claims_p, _size_p], c_int),
    "authcore_claims_aud_get": ([_claims_p, c_size_t, _bytes, c_size_t, _size_p], c_int),
    "authcore_peek_kid": ([_bytes, c_size_t, _bytes, c_size_t, _size_p], c_int),
}

# Functions a library of this ABI may not have yet (RSA key loading, the token lifecycle).
# Their absence is reported when they are called, not at load time.
_signing_key_p = POINTER(SigningKeyStorage)

_OPTIONAL_PROTOTYPES: Dict[str, Tuple[List[Any], Any]] = {
    # Signing keys, tokens and RFC 7523 client assertions.
    "authcore_signing_key_hmac": ([_signing_key_p, c_uint32, _bytes, c_size_t], c_int),
    "authcore_signing_key_ec_pem": ([_signing_key_p, _bytes, c_size_t], c_int),
    "authcore_signing_key_clear": ([_signing_key_p], c_int),
    "authcore_sign": (
        [_signing_key_p, _bytes, c_size_t, _bytes, c_size_t, _bytes, c_size_t, _size_p], c_int),
    "authcore_client_assertion": (
        [_signing_key_p, POINTER(AssertionClaims), _bytes, c_size_t, _bytes, c_size_t, _size_p],
        c_int),
    "authcore_client_assertion_body": (
        [_bytes, c_size_t, _bytes, c_size_t, _bytes, c_size_t, _size_p], c_int),
    "authcore_sign_rsa_pem": (
        [c_uint32, _bytes, c_size_t, _bytes, c_size_t, _bytes, c_size_t, _bytes, c_size_t,
         _size_p], c_int),
    "authcore_key_rsa_pem": ([_key_p, c_uint32, _bytes, c_size_t], c_int),
    "authcore_key_rsa_der": ([_key_p, c_uint32, _bytes, c_size_t], c_int),
    "authcore_key_rsa_jwk": ([_key_p, c_uint32, _bytes, c_size_t], c_int),
    "authcore_key_rsa_jwks": ([_key_p, c_uint32, _bytes, c_size_t, _bytes, c_size_t], c_int),
    # Key sets: a JWKS's keys, the token's chosen by its kid in the library.
    "authcore_key_set_jwks": ([_key_set_p, _bytes, c_size_t, c_uint32], c_int),
    "authcore_key_set_len": ([_key_set_p, _size_p, _size_p], c_int),
    "authcore_key_set_clear": ([_key_set_p], c_int),
    "authcore_verify_with_key_set": (
        [_key_set_p, _policy_p, _bytes, c_size_t, c_int64, _bytes, c_size_t, _claims_p, _size_p],
        c_int,
    ),
    # ES256/ES384 and EdDSA keys (a library built with those algorithms).
    "authcore_key_ec_pem": ([_key_p, c_uint32, _bytes, c_size_t], c_int),
    "authcore_key_ec_der": ([_key_p, c_uint32, _bytes, c_size_t], c_int),
    "authcore_key_ec_jwk": ([_key_p, c_uint32, _bytes, c_size_t], c_int),
    "authcore_key_ed25519_pem": ([_key_p, _bytes, c_size_t], c_int),
    "authcore_key_ed25519_der": ([_key_p, _bytes, c_size_t], c_int),
    "authcore_key_ed25519_jwk": ([_key_p, _bytes, c_size_t], c_int),
    # Unverified reads, for PyJWT's get_unverified_header and verify_signature=False.
    "authcore_peek_header": ([_bytes, c_size_t, _bytes, c_size_t, _size_p], c_int),
    "authcore_decode_unverified": (
        [_bytes, c_size_t, c_size_t, _bytes, c_size_t, _claims_p, _size_p], c_int),
    # Authorization headers and login bodies.
    "authcore_authorization_format": ([c_uint32, _bytes, c_size_t, _bytes, c_size_t, _size_p], c_int),
    "authcore_authorization_basic": (
        [_bytes, c_size_t, _bytes, c_size_t, _bytes, c_size_t, _size_p], c_int),
    "authcore_authorization_custom": (
        [_bytes, c_size_t, _bytes, c_size_t, _bytes, c_size_t, _size_p], c_int),
    "authcore_authorization_parse": ([_bytes, c_size_t, POINTER(Authorization)], c_int),
    "authcore_authorization_parse_basic": (
        [_bytes, c_size_t, _bytes, c_size_t, _size_p, _bytes, c_size_t, _size_p], c_int),
    "authcore_login_body_json": ([_cred_p, _bytes, c_size_t, _size_p], c_int),
    "authcore_login_body_form": ([_cred_p, _bytes, c_size_t, _size_p], c_int),
    "authcore_oauth_password_grant": (
        [_cred_p, _bytes, c_size_t, _bytes, c_size_t, _bytes, c_size_t, _size_p], c_int),
    "authcore_oauth_refresh_grant": (
        [_bytes, c_size_t, _bytes, c_size_t, _bytes, c_size_t, _bytes, c_size_t, _size_p], c_int),
    # Sessions.
    "authcore_session_init": (
        [_session_p, c_uint32, _bytes, c_size_t, _bytes, c_size_t], c_int),
    "authcore_session_clear": ([_session_p], c_int),
    "authcore_session_init_custom": ([_session_p, POINTER(ApiDescriptionC)], c_int),
    "authcore_api_description_preset": ([c_uint32, POINTER(ApiDescriptionC)], c_int),
    "authcore_api_description_check": ([POINTER(ApiDescriptionC)], c_int),
    "authcore_session_login_request": (
        [_session_p, _cred_p, _bytes, c_size_t, _size_p, POINTER(Request)], c_int),
    "authcore_session_refresh_request": (
        [_session_p, _bytes, c_size_t, _size_p, POINTER(Request)], c_int),
    "authcore_session_authorization": ([_session_p, _bytes, c_size_t, _size_p], c_int),
    "authcore_session_accept_login": ([_session_p, _bytes, c_size_t, c_int64, c_uint32], c_int),
    "authcore_session_accept_refresh": ([_session_p, _bytes, c_size_t, c_int64, c_uint32], c_int),
    "authcore_session_accept_detail": (
        [_session_p, _bytes, c_size_t, _bytes, c_size_t, c_int64, c_uint32,
         POINTER(ResponseDetail)], c_int),
    "authcore_response_error_description": ([_bytes, c_size_t, _bytes, c_size_t, _size_p], c_int),
    "authcore_infoworks_token_valid": (
        [_bytes, c_size_t, POINTER(ctypes.c_bool), POINTER(ResponseDetail)], c_int),
    "authcore_session_next": (
        [_session_p, c_int64, c_uint32, _bytes, c_size_t, _size_p, POINTER(Next)], c_int),
    "authcore_session_status": ([_session_p, c_int64, c_uint32, _status_p], c_int),
    "authcore_session_refresh_status": ([_session_p, c_int64, c_uint32, _status_p], c_int),
    "authcore_session_touch": ([_session_p, c_int64, c_uint32], c_int),
    "authcore_session_pin": ([_session_p, c_int64, c_uint32], c_int),
    "authcore_session_unpin": ([_session_p], c_int),
    "authcore_session_set_refresh_token": (
        [_session_p, _bytes, c_size_t, c_int64, c_uint32], c_int),
    "authcore_session_forget_refresh_token": ([_session_p], c_int),
    "authcore_session_forget_access_token": ([_session_p], c_int),
    "authcore_session_forget": ([_session_p], c_int),
    # Expiry tracking.
    "authcore_refresh_policy_default": ([_rpolicy_p], c_int),
    "authcore_tracker_unbounded": ([_tracker_p, _rpolicy_p, c_int64], c_int),
    "authcore_tracker_after": ([_tracker_p, _rpolicy_p, c_int64, c_int64], c_int),
    "authcore_tracker_at": ([_tracker_p, _rpolicy_p, c_int64, c_int64], c_int),
    "authcore_tracker_at_unix_millis": ([_tracker_p, _rpolicy_p, c_int64, c_int64], c_int),
    "authcore_tracker_at_rfc3339": ([_tracker_p, _rpolicy_p, c_int64, _bytes, c_size_t], c_int),
    "authcore_tracker_jwt": (
        [_tracker_p, _rpolicy_p, c_int64, c_uint32, c_int64, ctypes.c_bool, c_int64], c_int),
    "authcore_tracker_jwt_lifetime": ([_tracker_p, _rpolicy_p, c_int64, c_int64, c_int64], c_int),
    "authcore_tracker_make_sliding": ([_tracker_p, c_uint32], c_int),
    "authcore_tracker_status": ([_tracker_p, c_int64, _status_p], c_int),
    "authcore_tracker_expires_at": ([_tracker_p, _i64_p], c_int),
    "authcore_tracker_touch": ([_tracker_p, c_int64], c_int),
    "authcore_tracker_pin": ([_tracker_p, c_int64], c_int),
    "authcore_tracker_unpin": ([_tracker_p], c_int),
    "authcore_tracker_is_pinned": ([_tracker_p, POINTER(ctypes.c_bool)], c_int),
    "authcore_tracker_clear": ([_tracker_p], c_int),
}


_T = TypeVar("_T", bound="OwnedStorage")


class NotCopyable:
    """Mixin for objects backed by C storage: they refuse pickling and copying.

    Their storage holds raw pointers (into the caller's strings, the library's tables) and
    secrets (keyed hash states, tokens). A pickle would write the secrets in clear and an
    unpickled copy would follow stale pointers; a shallow copy would share the storage, so
    that closing or collecting one wipes the other. Make a new object instead.
    """

    __slots__ = ()

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise TypeError(
            f"{type(self).__name__} holds C storage with secrets and pointers: it cannot be "
            "pickled; make a new one where it is needed"
        )

    def __copy__(self) -> Any:
        raise TypeError(
            f"{type(self).__name__} holds C storage: it cannot be copied (a copy would share "
            "the storage, and closing one would wipe the other); make a new one instead"
        )

    def __deepcopy__(self, memo: Any) -> Any:
        raise TypeError(
            f"{type(self).__name__} holds C storage with secrets and pointers: it cannot be "
            "copied; make a new one instead"
        )


class OwnedStorage(NotCopyable):
    """Mixin for an object living in C storage (``self._storage``) that is wiped by the C
    function named ``_clear_name`` on :meth:`close`, at the end of a ``with`` block, or
    when garbage-collected."""

    __slots__ = ()
    _storage: Any
    _clear_name: str

    def close(self) -> None:
        """Wipes the C storage (secrets in it are zeroized). Idempotent."""
        storage = getattr(self, "_storage", None)
        if storage is not None:
            self._storage = None
            getattr(lib, self._clear_name)(ctypes.byref(storage))

    def __enter__(self: _T) -> _T:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone already
            pass


def _library_names() -> List[str]:
    """The file names cargo gives the cdylib on this platform."""
    if sys.platform == "darwin":
        return ["libauthcore.dylib"]
    if sys.platform == "win32":
        return ["authcore.dll"]
    return ["libauthcore.so"]


def check_version(version: str, path: str = "<library>") -> Tuple[int, int, int]:
    """Parses ``MAJOR.MINOR.PATCH`` and checks it against :data:`ABI_VERSION`.

    Raises :class:`LibraryVersionError` when it is malformed or of another major/minor.
    """
    parts = version.split(".")
    try:
        if len(parts) != 3:
            raise ValueError(version)
        major, minor, patch = (int(p) for p in parts)
    except ValueError:
        raise LibraryVersionError(
            f"{path}: authcore_version() returned {version!r}, not MAJOR.MINOR.PATCH"
        ) from None
    if (major, minor) != ABI_VERSION:
        want = "%d.%d" % ABI_VERSION
        raise LibraryVersionError(
            f"{path} is libauthcore {version}, but this authcore Python package needs "
            f"{want}.x (the C structures and status codes differ between versions); "
            f"rebuild the library from the same checkout or install the matching package"
        )
    return major, minor, patch


class Library:
    """A loaded ``libauthcore`` with every prototype declared.

    Attribute access gives the C functions (``lib.authcore_verify(...)``). An optional
    function the library lacks raises :class:`LibraryError` naming it when looked up.
    ``functions``, when given, are the names the file defines as functions
    (:func:`elf_functions`): an optional name outside it counts as missing.
    """

    def __init__(self, path: str, cdll: ctypes.CDLL, version: str,
                 functions: Optional[Set[str]] = None) -> None:
        self.path = path
        self.version = version
        self._cdll = cdll
        self.missing: List[str] = []
        for name, (argtypes, restype) in _PROTOTYPES.items():
            fn = getattr(cdll, name)
            fn.argtypes = argtypes
            fn.restype = restype
            setattr(self, name, fn)
        for name, (argtypes, restype) in _OPTIONAL_PROTOTYPES.items():
            if functions is not None and name not in functions:
                self.missing.append(name)
                continue
            try:
                fn = getattr(cdll, name)
            except AttributeError:
                self.missing.append(name)
                continue
            fn.argtypes = argtypes
            fn.restype = restype
            setattr(self, name, fn)

    def unchecked(self, name: str, restype: Any) -> Any:
        """The C function ``name`` with no argument conversion, for a hot path that passes
        only ctypes objects of the exact C types (ctypes' conversion of each argument costs
        more than some calls do)."""
        fn = self._cdll[name]  # a new function object: the declared one keeps its argtypes
        fn.restype = restype
        return fn

    def has(self, name: str) -> bool:
        """Whether the library exports ``name``."""
        return name in self.__dict__

    def __getattr__(self, name: str) -> Any:
        # Only reached for names not set in __init__: a missing optional function.
        if name in _OPTIONAL_PROTOTYPES:
            raise LibraryError(
                f"{self.path} (libauthcore {self.version}) has no {name}: "
                f"this build of the library predates that function; rebuild it from a newer checkout"
            )
        raise AttributeError(name)

    def __repr__(self) -> str:
        return f"<authcore Library {self.version} at {self.path}>"


# ELF symbol types that are code: STT_FUNC and STT_GNU_IFUNC (resolved to a function).
_ELF_FUNCTION_TYPES = (2, 10)
_SHT_DYNSYM = 11


def elf_functions(path: str) -> Optional[Set[str]]:
    """The names the ELF file at ``path`` defines as functions in its own dynamic symbol
    table, or ``None`` when it is not ELF (Mach-O, PE) or has no section table to find the
    symbol table by.

    :mod:`ctypes` resolves any symbol, data included, and also from the library's
    dependencies; calling a data symbol jumps into data (a crash at best). This says what
    the file itself exports as code before anything is called.
    """
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF":
        return None
    try:
        return _elf_dynamic_functions(data)
    except (struct.error, IndexError, ValueError) as e:
        raise LibraryNotFoundError(
            f"{path} was loaded but its ELF symbol table cannot be read ({e}): it is not "
            "libauthcore",
            tried=[path],
        ) from None


def _elf_dynamic_functions(data: bytes) -> Optional[Set[str]]:
    if data[4] not in (1, 2) or data[5] not in (1, 2):
        raise ValueError("unknown ELF class or byte order")
    wide = data[4] == 2
    e = "<" if data[5] == 1 else ">"
    if wide:
        (shoff,) = struct.unpack_from(e + "Q", data, 0x28)
        shentsize, shnum = struct.unpack_from(e + "HH", data, 0x3A)
        section = struct.Struct(e + "IIQQQQIIQQ")
        symbol = struct.Struct(e + "IBBHQQ")
    else:
        (shoff,) = struct.unpack_from(e + "I", data, 0x20)
        shentsize, shnum = struct.unpack_from(e + "HH", data, 0x2E)
        section = struct.Struct(e + "IIIIIIIIII")
        symbol = struct.Struct(e + "IIIBBH")
    if shoff == 0 or shnum == 0:
        return None
    # Section fields: name, type, flags, addr, offset, size, link, info, addralign, entsize.
    sections = [section.unpack_from(data, shoff + i * shentsize) for i in range(shnum)]
    for sh in sections:
        if sh[1] != _SHT_DYNSYM:
            continue
        offset, size, link, entsize = sh[4], sh[5], sh[6], sh[9] or symbol.size
        str_offset, str_size = sections[link][4], sections[link][5]
        out: Set[str] = set()
        for i in range(size // entsize):
            fields = symbol.unpack_from(data, offset + i * entsize)
            if wide:
                name, info, _, shndx = fields[:4]
            else:
                name, _, _, info, _, shndx = fields
            # shndx 0 (SHN_UNDEF): imported from another library, not defined here.
            if info & 0xF in _ELF_FUNCTION_TYPES and shndx != 0 and name < str_size:
                start = str_offset + name
                out.add(data[start:data.index(b"\0", start)].decode("utf-8", "replace"))
        return out
    return None


_PROBE = (
    "import ctypes, sys\n"
    "f = ctypes.CDLL(sys.argv[1]).authcore_version\n"
    "f.argtypes, f.restype = [], ctypes.c_char_p\n"
    "f()\n"
)


def probe_version_function(path: str) -> None:
    """Calls ``authcore_version()`` of ``path`` in a child interpreter, for a library whose
    symbol table :func:`elf_functions` cannot read: a symbol that is not a function then
    crashes the child, not this process. Skipped in an embedded interpreter without
    ``sys.executable``."""
    if not sys.executable:
        return
    import subprocess

    r = subprocess.run([sys.executable, "-I", "-S", "-c", _PROBE, path],
                       capture_output=True, timeout=60)
    if r.returncode != 0:
        raise LibraryNotFoundError(
            f"{path} is not libauthcore: calling its authcore_version in a separate process "
            f"failed (exit status {r.returncode})",
            tried=[path],
        )


def load_library(path: "os.PathLike[str] | str") -> Library:
    """Loads the library file at ``path``, declares prototypes and checks its version.

    Raises :class:`LibraryNotFoundError` when it cannot be loaded or is not libauthcore
    (among others: ``authcore_version`` missing or not a function), and
    :class:`LibraryVersionError` when its version does not match this package.
    """
    # Absolute, so that a bare file name is never searched for on the system's library path.
    p = os.path.abspath(os.fspath(path))
    try:
        cdll = ctypes.CDLL(p)
    except OSError as e:
        raise LibraryNotFoundError(f"cannot load {p}: {e}", tried=[p]) from e
    functions = elf_functions(p)
    if functions is None:
        if not hasattr(cdll, "authcore_version"):
            raise LibraryNotFoundError(
                f"{p} was loaded but is not libauthcore (it has no authcore_version)", tried=[p]
            )
        probe_version_function(p)
    elif "authcore_version" not in functions:
        raise LibraryNotFoundError(
            f"{p} was loaded but is not libauthcore (it defines no function authcore_version)",
            tried=[p],
        )
    version_fn = cdll.authcore_version
    version_fn.argtypes = []
    version_fn.restype = c_char_p
    raw = version_fn()
    version = raw.decode("utf-8", "replace") if raw else ""
    check_version(version, p)
    if functions is None:
        missing = [n for n in _PROTOTYPES if not hasattr(cdll, n)]
    else:
        missing = [n for n in _PROTOTYPES if n not in functions]
    if missing:
        raise LibraryNotFoundError(
            f"{p} reports version {version} but lacks {', '.join(missing)}", tried=[p]
        )
    return Library(p, cdll, version, functions)


def candidates(env: Optional[Dict[str, str]] = None, here: Optional[Path] = None) -> List[Path]:
    """Every path where the library is looked for, in order (see the module docstring):
    ``AUTHCORE_LIB`` when set, else this package's own folder."""
    env = dict(os.environ) if env is None else env
    here = Path(__file__).resolve().parent if here is None else here
    names = _library_names()
    explicit = env.get("AUTHCORE_LIB")
    if explicit:
        p = Path(explicit)
        if p.is_dir():
            return [p / n for n in names]
        return [p]
    return [here / n for n in names]


def find_library(paths: Sequence[Path]) -> Library:
    """Loads the first of ``paths`` that exists; the error lists them all when none does."""
    for p in paths:
        if p.is_file():
            return load_library(p)
    listing = "\n  ".join(str(p) for p in paths)
    raise LibraryNotFoundError(
        "libauthcore was not found. The package carries it when built with pip "
        "(`pip install ./python` from the authcore repository compiles it with cargo); "
        "reinstall it that way, or set AUTHCORE_LIB to a libauthcore file "
        "(`cargo build -p authcore-ffi --release`). Looked at:\n  " + listing,
        tried=[str(p) for p in paths],
    )


#: The library this process uses, loaded when the package is imported.
lib: Library = find_library(candidates())
