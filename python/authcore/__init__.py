"""authcore: allocation-free JWT verification (HS, RS, PS, ES256/384, EdDSA) from Python.

A pure-Python package over the C ABI of ``libauthcore`` (loaded with :mod:`ctypes`; see
:mod:`authcore._lib` for where the library is looked for). Its API follows PyJWT's names so
that it can stand in for ``jwt.decode``::

    import authcore
    key = authcore.HmacKey.from_secret(b"a shared secret of at least 32 bytes!")
    token = authcore.encode({"sub": "device-42", "exp": 1_900_000_000}, key)
    claims = authcore.decode(token, key, algorithms=["HS256"], audience=None)

It also stands in for PyJWT (:mod:`authcore.compat`, :mod:`authcore.jwks`): with
``import authcore as jwt``, ``jwt.decode(token, "secret", algorithms=["HS256"])``, PEM public
keys, ``PyJWK``, ``PyJWKSet`` and ``PyJWKClient`` work as in PyJWT 2.x (differences:
python/README.md; PyJWT's own suite: COMPATIBILITY.md).

authcore's keys are pinned to one algorithm; time is a parameter (``now=``, the current time by
default); every refusal is an exception of PyJWT's hierarchy carrying the C ``status``.

Also: :mod:`authcore.headers` (``Authorization`` values), :mod:`authcore.lifetime`
(:class:`Tracker`: fresh / refresh soon / expired) and :mod:`authcore.session`
(:class:`Session`: log in, send, refresh for the API styles the C library knows).
"""

from __future__ import annotations

from . import compat, exceptions, headers, jwks, lifetime, session
from ._lib import ABI_VERSION, lib as _library
from .api import DEFAULT_MAX_TOKEN_LEN, Verifier, peek_kid, verify
from .compat import PyJWT, decode, decode_complete, encode, get_unverified_header
from .exceptions import *  # noqa: F401,F403 - every exception, listed in exceptions.__all__
from .jwks import PyJWK, PyJWKClient, PyJWKSet
from .headers import authorization, basic_authorization, parse_authorization
from .keys import ALGORITHMS, HmacKey, Key, KeySet, RsaKey
from .keys import ALGORITHMS, EcKey, Ed25519Key, HmacKey, Key, RsaKey
from .lifetime import RefreshPolicy, TokenStatus, Tracker
from .description import ApiDescription
from .session import Session
from .signing import SigningKey, client_assertion, client_assertion_body

__version__ = "0.1.0"

#: The version of the loaded libauthcore (``authcore_version()``).
library_version: str = _library.version
#: The path of the loaded libauthcore.
library_path: str = _library.path

__all__ = [
    "__version__",
    "ABI_VERSION",
    "ALGORITHMS",
    "DEFAULT_MAX_TOKEN_LEN",
    "library_version",
    "library_path",
    "Key",
    "HmacKey",
    "RsaKey",
    "KeySet",
    "EcKey",
    "Ed25519Key",
    "SigningKey",
    "client_assertion",
    "client_assertion_body",
    "decode",
    "verify",
    "Verifier",
    "headers",
    "lifetime",
    "session",
    "authorization",
    "basic_authorization",
    "parse_authorization",
    "RefreshPolicy",
    "TokenStatus",
    "Tracker",
    "Session",
    "ApiDescription",
    "encode",
    "decode_complete",
    "get_unverified_header",
    "PyJWT",
    "PyJWK",
    "PyJWKSet",
    "PyJWKClient",
    "peek_kid",
    "exceptions",
    "compat",
    "jwks",
]
__all__ += exceptions.__all__
