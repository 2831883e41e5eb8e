"""Exceptions, named and arranged as PyJWT's, each carrying the C status that caused it.

Hierarchy (PyJWT's, plus a few of authcore's own placed under the nearest PyJWT class)::

    PyJWTError
    ├── InvalidTokenError
    │   ├── DecodeError
    │   │   ├── InvalidSignatureError
    │   │   ├── TokenTooLargeError            (authcore: longer than max_token_len)
    │   │   └── UnsupportedHeaderError        (authcore: crit, b64=false, nested JWT, typ)
    │   ├── ExpiredSignatureError
    │   │   └── TooOldError                   (authcore: older than max_age)
    │   ├── ImmatureSignatureError
    │   ├── InvalidAudienceError
    │   ├── InvalidIssuerError
    │   ├── InvalidIssuedAtError
    │   ├── InvalidSubjectError
    │   ├── InvalidJTIError
    │   ├── InvalidAlgorithmError
    │   ├── MissingRequiredClaimError
    │   └── ClaimMismatchError                (authcore: claim_equals)
    ├── InvalidKeyError
    ├── PyJWKError                            (a JWK that cannot be used)
    │   └── MissingCryptographyError          (PyJWT's name; authcore never raises it)
    ├── PyJWKSetError                         (a JWK Set with no usable key)
    ├── PyJWKClientError                      (PyJWKClient: no key for the kid, bad reply)
    │   └── PyJWKClientConnectionError        (PyJWKClient: the JWKS could not be fetched)
    ├── HeaderError (also a ValueError)      (authcore: Authorization values)
    ├── LifetimeError (also a ValueError)    (authcore: expiry tracking)
    ├── SessionError (also a ValueError)     (authcore: token sessions)
    └── LibraryError                          (authcore: the shared library)
        ├── LibraryNotFoundError  (also an ImportError)
        └── LibraryVersionError   (also an ImportError)
"""

from __future__ import annotations

import enum
from typing import List, Optional, Sequence

__all__ = [
    "Status",
    "PyJWTError",
    "InvalidTokenError",
    "DecodeError",
    "InvalidSignatureError",
    "TokenTooLargeError",
    "UnsupportedHeaderError",
    "ExpiredSignatureError",
    "TooOldError",
    "ImmatureSignatureError",
    "InvalidAudienceError",
    "InvalidIssuerError",
    "InvalidIssuedAtError",
    "InvalidSubjectError",
    "InvalidJTIError",
    "InvalidAlgorithmError",
    "MissingRequiredClaimError",
    "ClaimMismatchError",
    "InvalidKeyError",
    "PyJWKError",
    "MissingCryptographyError",
    "PyJWKSetError",
    "PyJWKClientError",
    "PyJWKClientConnectionError",
    "LibraryError",
    "LibraryNotFoundError",
    "LibraryVersionError",
    "AuthcoreInternalError",
    "HeaderError",
    "LifetimeError",
    "SessionError",
    "LoginRefusedError",
]


class Status(enum.IntEnum):
    """``authcore_status`` values from ``include/authcore.h`` (63-76: RSA key errors, 80-95:
    token responses, expiry tracking and Authorization headers, 100-109: API descriptions,
    120-124: key sets, as the C API adds them)."""

    OK = 0
    NULL_ARGUMENT = 1
    INVALID_ARGUMENT = 2
    INVALID_UTF8 = 3
    UNINITIALIZED = 4
    BUFFER_TOO_SMALL = 5
    INTERNAL_ERROR = 6
    NOT_FOUND = 7
    WRONG_TYPE = 8
    OTHER_ERROR = 9
    OVERLAPPING_BUFFERS = 10
    TOKEN_TOO_LARGE = 20
    SEGMENT_COUNT = 21
    BASE64 = 22
    JSON = 23
    MISSING_ALGORITHM = 24
    NONE_ALGORITHM = 25
    UNSUPPORTED_ALGORITHM = 26
    ALGORITHM_MISMATCH = 27
    INVALID_TYPE = 28
    UNSUPPORTED_CONTENT_TYPE = 29
    CRITICAL_HEADER = 30
    UNENCODED_PAYLOAD = 31
    INVALID_HEADER = 32
    INVALID_SIGNATURE = 33
    INVALID_CLAIM = 34
    EXPIRED = 35
    NOT_YET_VALID = 36
    ISSUED_IN_FUTURE = 37
    TOO_OLD = 38
    INVALID_ISSUER = 39
    INVALID_AUDIENCE = 40
    INVALID_SUBJECT = 41
    MISSING_CLAIM = 42
    CLAIM_MISMATCH = 43
    KEY_WRONG_ALGORITHM = 60
    KEY_EMPTY_SECRET = 61
    KEY_SECRET_TOO_SHORT = 62
    KEY_MODULUS_SIZE = 63
    KEY_EVEN_MODULUS = 64
    KEY_EXPONENT = 65
    KEY_NOT_RSA = 66
    KEY_DER = 67
    KEY_PEM = 68
    KEY_PEM_LABEL = 69
    KEY_JSON = 70
    KEY_JWK_MEMBER = 71
    KEY_JWK_BASE64 = 72
    KEY_USE = 73
    KEY_ALGORITHM = 74
    KEY_KID_NOT_FOUND = 75
    KEY_DUPLICATE_KID = 76
    KEY_NOT_EC = 77
    KEY_NOT_OKP = 78
    KEY_CURVE = 79
    RESPONSE_JSON = 80
    MISSING_FIELD = 81
    WRONG_FIELD_TYPE = 82
    ERROR_RESPONSE = 83
    UNSUPPORTED_TOKEN_TYPE = 84
    DATE_TIME = 85
    EXPIRY_OUT_OF_RANGE = 86
    NEEDS_WALL_CLOCK = 87
    CLOCK_MISMATCH = 88
    CLOCK_UNAVAILABLE = 89
    INVALID_TOKEN_SYNTAX = 90
    CONTROL_CHARACTER = 91
    COLON_IN_USER_ID = 92
    MALFORMED_AUTHORIZATION = 93
    NO_TOKEN = 94
    NO_REFRESH_TOKEN = 95
    DESCRIPTION_EMPTY_PATH = 100
    DESCRIPTION_PATH_SEGMENT = 101
    DESCRIPTION_NO_ACCESS_TOKEN = 102
    DESCRIPTION_SCHEME = 103
    DESCRIPTION_ZERO_WINDOW = 104
    DESCRIPTION_MARGIN = 105
    DESCRIPTION_FIELD_NEEDED = 106
    DESCRIPTION_CLAIM = 107
    DESCRIPTION_UNKNOWN_VALUE = 108
    DESCRIPTION_TOO_LONG = 109
    UNKNOWN_KEY_ID = 120
    MISSING_KEY_ID = 121
    KEY_SET_TOO_MANY_KEYS = 122
    KEY_SET_NO_USABLE_KEY = 123
    KEY_SET_KID_TOO_LONG = 124
    KEY_INVALID_POINT = 110
    KEY_PRIVATE_KEY = 111


class PyJWTError(Exception):
    """Base of every authcore exception (named as PyJWT's base, for drop-in use).

    ``status`` is the C status (an :class:`int`, a :class:`Status` member when this
    package knows it) or ``None`` when the error was found in Python before any C call.
    """

    def __init__(self, message: str = "", status: Optional[int] = None) -> None:
        super().__init__(message)
        self.status: Optional[int] = _as_status(status)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _as_status(status: Optional[int]) -> Optional[int]:
    if status is None:
        return None
    try:
        return Status(status)
    except ValueError:
        return int(status)


class InvalidTokenError(PyJWTError):
    """The token was refused (the base of every verdict about a token)."""


class DecodeError(InvalidTokenError):
    """The token is not a well-formed compact JWS/JWT (or not a str/bytes at all)."""


class InvalidSignatureError(DecodeError):
    """The signature does not verify with the key."""


class TokenTooLargeError(DecodeError):
    """The token is longer than the policy's ``max_token_len`` (authcore)."""


class UnsupportedHeaderError(DecodeError):
    """The header asks for something refused: ``crit``, ``b64: false``, a nested JWT, or a
    ``typ`` other than the one expected (authcore)."""


class ExpiredSignatureError(InvalidTokenError):
    """``exp`` has passed (``now >= exp + leeway``)."""


class TooOldError(ExpiredSignatureError):
    """The token is older than ``max_age`` seconds from its ``iat`` (authcore)."""


class ImmatureSignatureError(InvalidTokenError):
    """``nbf`` is in the future, or ``iat`` is (as PyJWT reports both)."""


class InvalidAudienceError(InvalidTokenError):
    """No audience in ``aud`` is expected, or ``aud`` is there when none is expected."""


class InvalidIssuerError(InvalidTokenError):
    """``iss`` is not an expected issuer (or not a string)."""


class InvalidIssuedAtError(InvalidTokenError):
    """``iat`` is not a number."""


class InvalidSubjectError(InvalidTokenError):
    """``sub`` is not the expected subject (or not a string)."""


class InvalidJTIError(InvalidTokenError):
    """``jti`` is not a string."""


class InvalidAlgorithmError(InvalidTokenError):
    """The token's ``alg`` is not the key's (or is ``none``, missing or unknown), or the
    ``algorithms`` asked for do not include the key's."""


class MissingRequiredClaimError(InvalidTokenError):
    """A required claim is absent. ``claim`` names it when it is known."""

    def __init__(self, claim: Optional[str] = None, status: Optional[int] = None) -> None:
        self.claim = claim
        message = (
            f'Token is missing the "{claim}" claim'
            if claim is not None
            else "Token is missing a required claim"
        )
        super().__init__(message, status)


class ClaimMismatchError(InvalidTokenError):
    """A claim named in ``claim_equals`` does not have its required value (authcore)."""


class InvalidKeyError(PyJWTError):
    """The key material is unusable, or the key does not fit the algorithm or policy."""


class PyJWKError(PyJWTError):
    """A JWK that authcore cannot use: an algorithm it does not support (ES512, ES256K),
    or none to be found for the key."""


class MissingCryptographyError(PyJWKError):
    """PyJWT's error for a missing ``cryptography`` package. authcore needs no such package
    and never raises it; the name exists so that code catching it keeps working."""


class PyJWKSetError(PyJWTError):
    """A JWK Set that is malformed or holds no key authcore can use."""


class PyJWKClientError(PyJWTError):
    """:class:`~authcore.PyJWKClient`: no signing key for the ``kid``, or the endpoint's
    reply is not a JWK Set."""


class PyJWKClientConnectionError(PyJWKClientError):
    """:class:`~authcore.PyJWKClient`: the JWK Set could not be fetched (network error,
    HTTP error status, timeout, redirect)."""


class HeaderError(PyJWTError, ValueError):
    """An ``Authorization`` value cannot be formatted (header injection, bad token syntax,
    ``:`` in a Basic user id) or parsed (authcore)."""


class LifetimeError(PyJWTError, ValueError):
    """An expiry cannot be tracked (a malformed date, an out-of-range expiry, a clock of
    another time base) (authcore)."""


class SessionError(PyJWTError, ValueError):
    """A session step failed: a token response it cannot read (or an error response), no
    token or refresh token to use, a clock of another time base (authcore).

    ``field``: for a response that lacks a field or has it of the wrong type
    (``Status.MISSING_FIELD``, ``Status.WRONG_FIELD_TYPE``), the field's path
    (``"result.authentication_token"``); ``None`` otherwise."""

    field: Optional[str] = None


class LoginRefusedError(SessionError):
    """The server refused: the response is an error body (``Status.ERROR_RESPONSE``), such
    as ImmPort's ``{"status":401}`` or an OAuth 2.0 ``error`` (RFC 6749 5.2).

    ``http_status``: the status the body reports (``None`` without one); ``error``: its
    error code (``"invalid_grant"``); ``error_description``: its description; each ``None``
    when the body has none."""

    http_status: Optional[int] = None
    error: Optional[str] = None
    error_description: Optional[str] = None


class AuthcoreInternalError(PyJWTError):
    """A bug in authcore or in this package was caught (please report it)."""


class LibraryError(PyJWTError):
    """A problem with the shared library itself (missing function, failed load)."""


class LibraryNotFoundError(LibraryError, ImportError):
    """``libauthcore`` could not be found or loaded. ``tried`` lists every path tried."""

    def __init__(self, message: str, tried: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.tried: List[str] = list(tried)


class LibraryVersionError(LibraryError, ImportError):
    """The library found has another ``MAJOR.MINOR`` version than this package."""


_TOKEN_ERRORS = {
    Status.INVALID_UTF8: DecodeError,
    Status.TOKEN_TOO_LARGE: TokenTooLargeError,
    Status.SEGMENT_COUNT: DecodeError,
    Status.BASE64: DecodeError,
    Status.JSON: DecodeError,
    Status.MISSING_ALGORITHM: InvalidAlgorithmError,
    Status.NONE_ALGORITHM: InvalidAlgorithmError,
    Status.UNSUPPORTED_ALGORITHM: InvalidAlgorithmError,
    Status.ALGORITHM_MISMATCH: InvalidAlgorithmError,
    Status.INVALID_TYPE: UnsupportedHeaderError,
    Status.UNSUPPORTED_CONTENT_TYPE: UnsupportedHeaderError,
    Status.CRITICAL_HEADER: UnsupportedHeaderError,
    Status.UNENCODED_PAYLOAD: UnsupportedHeaderError,
    Status.INVALID_HEADER: DecodeError,
    Status.INVALID_SIGNATURE: InvalidSignatureError,
    Status.INVALID_CLAIM: DecodeError,
    Status.EXPIRED: ExpiredSignatureError,
    Status.NOT_YET_VALID: ImmatureSignatureError,
    Status.ISSUED_IN_FUTURE: ImmatureSignatureError,
    Status.TOO_OLD: TooOldError,
    Status.INVALID_ISSUER: InvalidIssuerError,
    Status.INVALID_AUDIENCE: InvalidAudienceError,
    Status.INVALID_SUBJECT: InvalidSubjectError,
    Status.MISSING_CLAIM: MissingRequiredClaimError,
    Status.CLAIM_MISMATCH: ClaimMismatchError,
    Status.KEY_WRONG_ALGORITHM: InvalidKeyError,
    Status.KEY_EMPTY_SECRET: InvalidKeyError,
    Status.KEY_SECRET_TOO_SHORT: InvalidKeyError,
    **{s: InvalidKeyError for s in Status if 63 <= s <= 76},
    Status.KEY_PRIVATE_KEY: InvalidKeyError,
    Status.UNINITIALIZED: InvalidKeyError,
    Status.INTERNAL_ERROR: AuthcoreInternalError,
    Status.OTHER_ERROR: InvalidTokenError,
    # A token naming no key of the set (or, without kid, several): the token's fault.
    Status.UNKNOWN_KEY_ID: DecodeError,
    Status.MISSING_KEY_ID: DecodeError,
}


def status_message(status: int) -> str:
    """The library's English description of ``status``."""
    from ._lib import lib  # late: the library loads after this module

    text: Optional[bytes] = lib.authcore_status_str(int(status))
    return text.decode("utf-8", "replace") if text else "unknown status"


def token_error(status: int, detail: str = "") -> PyJWTError:
    """The exception for a status returned by a verification."""
    known = _as_status(status)
    cls = _TOKEN_ERRORS.get(Status(known), InvalidTokenError) if known in _VALUES else InvalidTokenError
    message = status_message(status) + (f": {detail}" if detail else "")
    if cls is MissingRequiredClaimError:
        return MissingRequiredClaimError(detail or None, status)
    return cls(message, status)


_VALUES = frozenset(int(s) for s in Status)


def key_error(status: int, detail: str = "") -> PyJWTError:
    """The exception for a status returned by a key constructor: any refusal of the key
    material, including statuses this package does not know yet, is InvalidKeyError."""
    message = status_message(status) + (f": {detail}" if detail else "")
    if status == Status.INTERNAL_ERROR:
        return AuthcoreInternalError(message, status)
    return InvalidKeyError(message, status)


def _raise_for(status: int, cls: type, detail: str = "") -> None:
    """Raises ``cls`` (or AuthcoreInternalError, BufferTooSmall being the package's own
    bug) for a non-OK status of a header or lifetime function."""
    if status == Status.OK:
        return
    message = status_message(status) + (f": {detail}" if detail else "")
    if status in (Status.INTERNAL_ERROR, Status.BUFFER_TOO_SMALL, Status.NULL_ARGUMENT):
        raise AuthcoreInternalError(message, status)
    raise cls(message, status)
