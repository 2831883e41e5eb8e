"""PyJWT's module-level API over authcore: :func:`decode`, :func:`decode_complete`,
:func:`encode`, :func:`get_unverified_header` and the :class:`PyJWT` class, taking the keys
PyJWT takes, so that ``import authcore as jwt`` runs code written for PyJWT 2.x.

Keys: an authcore key (:class:`~authcore.HmacKey`, :class:`~authcore.RsaKey`,
:class:`~authcore.EcKey`, :class:`~authcore.Ed25519Key`), a :class:`~authcore.PyJWK`, a
``str``/``bytes`` secret for HS256/384/512, a PEM (or OpenSSH) ``str``/``bytes`` public key
for RS256/384/512, PS256/384/512, ES256/384 or EdDSA, or a ``cryptography`` key object. A
key given as text is made into an authcore key once and kept in a small cache (see ``_KEY_CACHE`` for why and
how secrets are held); a cryptography object is made into one for each call.

Everything about a token goes through the C library: verification
(``authcore_verify_detail``), the unverified header (``authcore_peek_header``) and, for
``options={"verify_signature": False}``, the unverified claims
(``authcore_decode_unverified``). The one thing decoded here is the signature segment that
:func:`decode_complete` returns, after the C library verified it.
"""

from __future__ import annotations

import base64
import ctypes
import hashlib
import json
import os
import threading
import warnings
from collections import OrderedDict
from calendar import timegm
from datetime import datetime, timedelta
from typing import Any, Dict, Iterable, Mapping, Optional, Sequence, Tuple, Type, Union

from . import _lib, api, signing
from .exceptions import (
    DecodeError,
    InvalidAlgorithmError,
    InvalidAudienceError,
    InvalidKeyError,
    InvalidTokenError,
    PyJWTError,
    Status,
    token_error,
)
from .jwks import PyJWK, PyJWKSet
from .keys import ALGORITHMS, EcKey, Ed25519Key, HmacKey, Key, KeySet, RsaKey

__all__ = ["decode", "decode_complete", "encode", "get_unverified_header", "PyJWT",
           "clear_key_cache"]

_ALGORITHMS_REQUIRED = (
    'It is required that you pass in a value for the "algorithms" argument when calling '
    "decode()."
)
_NOT_AN_HMAC_SECRET = (
    "The specified key is an asymmetric key or x509 certificate and should not be used as an "
    "HMAC secret."
)
# What an asymmetric key in text starts with (PyJWT's is_pem_format and is_ssh_key).
_ASYMMETRIC_PREFIXES = (b"-----BEGIN ", b"ssh-rsa", b"ssh-ed25519", b"ssh-dss", b"ecdsa-sha2-")
# authcore's own decode arguments, accepted as keywords beside PyJWT's.
_AUTHCORE_KWARGS = frozenset({"claim_equals", "max_age", "now", "typ", "max_token_len"})
# Options that ask for a claim check, which needs a verified token.
_CLAIM_CHECKS = ("verify_exp", "verify_nbf", "verify_iat", "verify_aud", "verify_iss",
                 "verify_sub", "verify_jti")

_UNSET: Any = object()

KeyArg = Union[Key, PyJWK, str, bytes, Any]


def _c_text(call: Any, what: str) -> str:
    """The text a C function writes with the (out, cap, out_len) convention: asked for its
    size first, then written."""
    out_len = ctypes.c_size_t()
    status = call(None, 0, ctypes.byref(out_len))
    if status != Status.BUFFER_TOO_SMALL:
        raise token_error(status) if status != Status.OK else DecodeError(f"empty {what}")
    cap = out_len.value
    out = ctypes.create_string_buffer(cap)
    status = call(out, cap, ctypes.byref(out_len))
    if status != Status.OK:
        raise token_error(status)
    return ctypes.string_at(out, out_len.value).decode("utf-8")


def get_unverified_header(jwt: Union[str, bytes]) -> Dict[str, Any]:
    """The token's header, **unverified**: to choose a key (by ``kid``, ``alg``) before
    verifying. Read by the C library, which refuses what verification would refuse in a
    header (``alg: none`` or unknown, ``crit``, a non-string ``kid``, ...) with the same
    exceptions. Raises :class:`DecodeError` for a token that is not a compact JWS."""
    data = api._token_bytes(jwt)
    fn = _lib.lib.authcore_peek_header
    text = _c_text(lambda out, cap, n: fn(data, len(data), out, cap, n), "header")
    header = json.loads(text)
    if not isinstance(header, dict):  # the C library parses only objects
        raise DecodeError("Invalid header string: must be a json object")
    return header


def _unverified_claims(data: bytes, max_token_len: int) -> Dict[str, Any]:
    """The claims of a token whose signature is **not** checked, as the C library parses
    them (``authcore_decode_unverified``); no claim is checked."""
    lib = _lib.lib
    needed = ctypes.c_size_t()
    buf = ctypes.create_string_buffer(len(data) + 1)
    claims = _lib.ClaimsStorage()
    status = lib.authcore_decode_unverified(data, len(data), max_token_len, buf, len(buf),
                                           ctypes.byref(claims), ctypes.byref(needed))
    if status != Status.OK:
        raise token_error(status)
    try:
        text = _c_text(lambda out, cap, n: lib.authcore_claims_json(ctypes.byref(claims), out,
                                                                    cap, n), "claims")
    finally:
        lib.authcore_claims_clear(ctypes.byref(claims))
    payload = json.loads(text)
    if not isinstance(payload, dict):
        raise DecodeError("Invalid payload string: must be a json object")
    return payload


def _signature(data: bytes) -> bytes:
    """The decoded signature segment of a token the C library has verified."""
    segment = data.rsplit(b".", 1)[1]
    return base64.urlsafe_b64decode(segment + b"=" * (-len(segment) % 4))


def _text_key(key: Any) -> bytes:
    if isinstance(key, str):
        return key.encode("utf-8")
    if isinstance(key, (bytes, bytearray, memoryview)):
        return bytes(key)
    raise TypeError(
        f"Expected a string value or bytes for the key, or an authcore key, a PyJWK or a "
        f"cryptography key, not {type(key).__name__}"
    )


def _public_key_class(alg: str) -> Optional[type]:
    """The authcore key class for a public-key algorithm, ``None`` for HS ones."""
    if alg.startswith(("RS", "PS")):
        return RsaKey
    if alg.startswith("ES"):
        return EcKey
    if alg == "EdDSA":
        return Ed25519Key
    return None


def _from_der(cls: type, der: bytes, alg: str) -> Key:
    # An Ed25519 key has one algorithm, so its constructors take none.
    return cls.from_der(der) if cls is Ed25519Key else cls.from_der(der, alg)  # type: ignore[no-any-return, attr-defined]


def _public_from_object(key: Any, alg: str, cls: type) -> Optional[Key]:
    """An authcore key from a ``cryptography`` key object (its public half, handed to the C
    library as SubjectPublicKeyInfo DER, which checks that it is the algorithm's kind of
    key), or ``None`` when ``key`` is not one."""
    if not type(key).__module__.startswith("cryptography."):
        return None
    from cryptography.hazmat.primitives import serialization

    public = key.public_key() if hasattr(key, "public_key") else key
    try:
        der = public.public_bytes(serialization.Encoding.DER,
                                  serialization.PublicFormat.SubjectPublicKeyInfo)
    except (AttributeError, TypeError, ValueError):
        raise InvalidKeyError(f"not a public or private key: {type(key).__name__}") from None
    return _from_der(cls, der, alg)


def _from_openssh(text: bytes, alg: str, cls: type) -> Key:
    """An OpenSSH public key (``ssh-rsa``, ``ecdsa-sha2-...``, ``ssh-ed25519``), read as
    PyJWT reads it (with ``cryptography``: the C library reads PEM, DER and JWK), handed to
    the C library as DER."""
    try:
        from cryptography.hazmat.primitives import serialization
    except ImportError:
        raise InvalidKeyError(
            "reading an OpenSSH public key needs the cryptography package; or give the key "
            "as PEM, DER or JWK"
        ) from None
    try:
        public = serialization.load_ssh_public_key(text.strip())
    except (ValueError, TypeError) as e:
        raise InvalidKeyError(f"not an OpenSSH public key: {e}") from None
    made = _public_from_object(public, alg, cls)
    if made is None:  # pragma: no cover - cryptography returns its own key types
        raise InvalidKeyError("not an OpenSSH public key")
    return made


def _key_for(alg: str, key: Any) -> Key:
    """A new authcore key for ``alg`` from a key PyJWT would take (text, bytes, object)."""
    cls = _public_key_class(alg)
    if cls is not None:
        made = _public_from_object(key, alg, cls)
        if made is not None:
            return made
        text = _text_key(key)
        if text.lstrip().startswith((b"ssh-", b"ecdsa-sha2-")):
            return _from_openssh(text, alg, cls)
        if cls is Ed25519Key:
            return Ed25519Key.from_pem(text)
        return cls.from_pem(text, alg)  # type: ignore[no-any-return, attr-defined]
    if type(key).__module__.startswith("cryptography."):
        raise InvalidKeyError(_NOT_AN_HMAC_SECRET)
    secret = _text_key(key)
    if secret.lstrip().startswith(_ASYMMETRIC_PREFIXES):
        raise InvalidKeyError(_NOT_AN_HMAC_SECRET)
    return HmacKey.from_secret(secret, alg)


# Keys made from text, by (algorithm, a keyed BLAKE2b digest of the text): most programs pass
# the same secret or PEM on every call, and making the key costs about as much as the whole
# verification (BENCHMARKS.md, "Keys as PyJWT code passes them"). The digest, keyed with a
# random per-process key, stands for the text so that no secret is held by the cache itself;
# the cached key's C storage holds the secret's HMAC states, and is wiped when the key is
# evicted and no call still uses it (Key.__del__), or by clear_key_cache().
_KEY_CACHE: "OrderedDict[Tuple[str, bytes], Key]" = OrderedDict()
_KEY_CACHE_MAX = 16
_KEY_CACHE_LOCK = threading.Lock()
_DIGEST_KEY = os.urandom(32)


def clear_key_cache() -> None:
    """Drops every key made from a str/bytes key (each is wiped once no call uses it)."""
    with _KEY_CACHE_LOCK:
        _KEY_CACHE.clear()


def _cached_key(alg: str, key: Any) -> Key:
    """The authcore key for ``alg`` from text or bytes, made once and cached; other key
    objects (cryptography's) are made for each call."""
    if isinstance(key, str):
        text = key.encode("utf-8")
    elif isinstance(key, bytes):
        text = key
    elif isinstance(key, (bytearray, memoryview)):
        text = bytes(key)
    else:
        return _key_for(alg, key)
    ident = (alg, _blake2b(text, key=_DIGEST_KEY, digest_size=32).digest())
    made = _KEY_CACHE.get(ident)  # a dict read needs no lock
    if made is not None:
        return made
    made = _key_for(alg, text)
    with _KEY_CACHE_LOCK:
        _KEY_CACHE[ident] = made
        while len(_KEY_CACHE) > _KEY_CACHE_MAX:
            _KEY_CACHE.popitem(last=False)  # the oldest made
    return made


_blake2b = hashlib.blake2b

# decode()'s fast path: its arguments (with the key's algorithm and leeway's type) to the
# checked settings, the compiled policy and whether strict_aud applies, for a key given as
# an authcore key and no other arguments.
_COMPILED = api._ArgCache()


def _verification_key(
    data: bytes, key: KeyArg, algorithms: Optional[Union[str, Sequence[str]]]
) -> Tuple[Key, Optional[Union[str, Sequence[str]]]]:
    """The authcore key to verify ``data`` with, and the algorithms to allow.

    A key that is not pinned to an algorithm (text, bytes, a cryptography object) is pinned
    to the algorithm of the token's header, which must be among ``algorithms`` (required
    then, as in PyJWT); the C library then verifies header and signature with that key.
    With one algorithm allowed the header is not read here: the C library refuses a token
    of another algorithm (``InvalidAlgorithmError``).
    """
    if isinstance(key, Key):
        return key, algorithms
    if isinstance(key, PyJWK):
        return key.key, [key.algorithm_name] if algorithms is None else algorithms
    if isinstance(key, (PyJWKSet, KeySet)):
        # The C library picks the set's key by the token's kid (api.decode).
        if not algorithms:
            raise DecodeError(_ALGORITHMS_REQUIRED)
        return key, algorithms  # type: ignore[return-value]
    if not algorithms:
        raise DecodeError(_ALGORITHMS_REQUIRED)
    allowed = (algorithms,) if isinstance(algorithms, str) else tuple(algorithms)
    if len(allowed) == 1 and allowed[0] in ALGORITHMS:
        alg = allowed[0]
    else:
        alg = get_unverified_header(data).get("alg")
        if alg not in allowed:
            raise InvalidAlgorithmError("The specified alg value is not allowed")
        if alg not in ALGORITHMS:
            raise InvalidAlgorithmError("Algorithm not supported")
    return _cached_key(alg, key), (alg,)


# PyJWT's messages for the refusals whose message code may look for (the class and the
# C status stay authcore's).
_PYJWT_MESSAGES = {
    Status.INVALID_SIGNATURE: "Signature verification failed",
    Status.EXPIRED: "Signature has expired",
    Status.NOT_YET_VALID: "The token is not yet valid (nbf)",
    Status.ISSUED_IN_FUTURE: "The token is not yet valid (iat)",
    Status.INVALID_ISSUER: "Invalid issuer",
    Status.INVALID_AUDIENCE: "Audience doesn't match",
    Status.INVALID_SUBJECT: "Invalid subject",
    Status.ALGORITHM_MISMATCH: "The specified alg value is not allowed",
}


def _pyjwt_message(e: PyJWTError, jwt: Union[str, bytes]) -> None:
    """Gives ``e`` PyJWT's message where there is one: for a status of
    :data:`_PYJWT_MESSAGES`, and for malformed JSON in the payload (the C status says
    JSON for either segment; the header reads, so it was the payload)."""
    message = _PYJWT_MESSAGES.get(e.status)  # type: ignore[arg-type]
    if isinstance(e, InvalidAudienceError) and e.status == Status.INVALID_CLAIM:
        message = "Invalid claim format in token"
    if message is None and e.status == Status.JSON:
        try:
            get_unverified_header(jwt)
        except PyJWTError:
            return
        message = "Invalid payload string: must be a json object"
    if message is not None:
        e.args = (message,)


def _refusal(e: PyJWTError, jwt: Union[str, bytes], strict: bool) -> None:
    """Gives the exception for a refused token PyJWT's message (``strict_aud``'s too)."""
    _pyjwt_message(e, jwt)
    if strict and e.status == Status.INVALID_AUDIENCE:
        e.args = ("Audience doesn't match (strict)",)


def _check_strict_audience(payload: Dict[str, Any], audience: Any) -> None:
    """PyJWT's ``strict_aud``: one expected audience, and the token's ``aud`` exactly it (a
    string, not a list holding it). Runs on claims the C library verified, audience
    included."""
    if not isinstance(audience, str):
        raise InvalidAudienceError("Invalid audience (strict)")
    aud = payload.get("aud")
    if not isinstance(aud, str):
        raise InvalidAudienceError("Invalid claim format in token (strict)")
    if aud != audience:  # the C check passed, so this is a bug if it is ever reached
        raise InvalidAudienceError("Audience doesn't match (strict)")


def _decode(
    complete: bool,
    jwt: Union[str, bytes],
    key: KeyArg,
    algorithms: Optional[Union[str, Sequence[str]]],
    options: Optional[Mapping[str, Any]],
    verify: Optional[bool],
    detached_payload: Optional[bytes],
    audience: Any,
    subject: Optional[str],
    issuer: Any,
    leeway: Union[float, timedelta],
    kwargs: Dict[str, Any],
) -> Dict[str, Any]:
    unknown = set(kwargs) - _AUTHCORE_KWARGS
    if unknown:
        raise TypeError(f"decode() got unexpected keyword arguments {sorted(unknown)}")
    if detached_payload is not None:
        # authcore refuses every token with "b64": false, the only kind it would go with.
        raise DecodeError(
            'It is only valid to pass "detached_payload" when the protected header has "b64" '
            "set to false."
        )
    data = api._token_bytes(jwt)
    if verify is not None and verify != (options or {}).get("verify_signature", True):
        warnings.warn(
            "The `verify` argument to `decode` does nothing in PyJWT 2.0 and newer, nor in "
            "authcore. The equivalent is setting `verify_signature` to False in the `options` "
            "dictionary.",
            category=DeprecationWarning,
            stacklevel=3,
        )
    if options is not None and not isinstance(options, Mapping):
        raise TypeError("options must be a mapping")
    opts = dict(options) if options is not None else {}
    if not opts.pop("verify_signature", True):
        asked = [name for name in _CLAIM_CHECKS if opts.get(name)] + (
            ["require"] if opts.get("require") else [])
        if asked:
            raise ValueError(
                f"{', '.join(asked)} cannot be checked with verify_signature=False: authcore "
                "checks claims only of a token whose signature verified"
            )
        max_len = kwargs.get("max_token_len", api.DEFAULT_MAX_TOKEN_LEN)
        # It becomes a C size_t, which ctypes would silently wrap.
        if isinstance(max_len, bool) or not isinstance(max_len, int) or not 1 <= max_len < 2**64:
            raise ValueError("max_token_len must be a positive int below 2**64")
        payload = _unverified_claims(data, max_len)
        if not complete:
            return payload
        return {"header": get_unverified_header(data), "payload": payload,
                "signature": _signature(data)}
    if audience is not None and not isinstance(audience, (str, Iterable)):
        raise TypeError("audience must be a string, iterable or None")
    # strict_aud narrows the C library's audience check, after it: it can only refuse more.
    strict = bool(opts.pop("strict_aud", False)) and opts.get("verify_aud", True) \
        and audience is not None
    verifying_key, allowed = _verification_key(data, key, algorithms)
    try:
        if isinstance(verifying_key, Key):
            extra = dict(kwargs)
            now = extra.pop("now", None)
            settings, policy = api._compiled(verifying_key, allowed, opts, leeway, issuer,
                                             audience, subject, **extra)
            if not complete and verifying_key is key and not kwargs and verify is None:
                # What decode()'s fast path finds (see there).
                _COMPILED.put((key._algorithm, algorithms, options, audience, subject, issuer,
                               leeway, type(leeway)), (settings, policy, strict))
            payload = api._verify(verifying_key, policy, settings, data, now)
        else:
            payload = api.decode(data, verifying_key, allowed, options=opts, leeway=leeway,
                                 issuer=issuer, audience=audience, subject=subject, **kwargs)
    except PyJWTError as e:
        _refusal(e, data, strict)
        raise
    if strict:
        _check_strict_audience(payload, audience)
    if not complete:
        return payload
    return {"header": get_unverified_header(data), "payload": payload,
            "signature": _signature(data)}


def decode(
    jwt: Union[str, bytes],
    key: KeyArg = "",
    algorithms: Optional[Union[str, Sequence[str]]] = None,
    options: Optional[Mapping[str, Any]] = None,
    verify: Optional[bool] = None,
    detached_payload: Optional[bytes] = None,
    audience: Any = None,
    subject: Optional[str] = None,
    issuer: Any = None,
    leeway: Union[float, timedelta] = 0,
    **kwargs: Any,
) -> Dict[str, Any]:
    """Verifies ``jwt`` with ``key`` and returns its claims, as PyJWT's ``jwt.decode``.

    ``key``: an authcore key, a :class:`PyJWK`, a str/bytes HMAC secret, a PEM public key
    (str/bytes) or a cryptography RSA key. ``algorithms`` is required unless the key is
    pinned to one (an authcore key or a PyJWK: then ``None`` allows the key's). ``options``
    (PyJWT's names), ``audience``, ``issuer``, ``subject`` and ``leeway`` as in PyJWT, and
    authcore's keyword arguments ``claim_equals``, ``max_age``, ``now``, ``typ``,
    ``max_token_len`` (:func:`authcore.api.decode`). ``verify`` is PyJWT's deprecated
    argument and does nothing there either.

    ``options={"verify_signature": False}`` returns the claims unverified, read by the C
    library; no claim is checked then (asking for a check is a :class:`ValueError`).
    """
    if isinstance(key, Key) and not kwargs and verify is None and detached_payload is None:
        # The fast path: arguments seen before (by value), checked and compiled then by
        # _decode, which made the entry. Everything _decode does before verifying depends
        # on these arguments alone, so it would pass again; the token is checked by _verify.
        hit = _COMPILED.get((key._algorithm, algorithms, options, audience, subject, issuer,
                             leeway, type(leeway)))
        if hit is not None:
            settings, policy, strict = hit
            try:
                payload = api._verify(key, policy, settings, jwt, None)
            except PyJWTError as e:
                _refusal(e, jwt, strict)
                raise
            if strict:
                _check_strict_audience(payload, audience)
            return payload  # type: ignore[no-any-return]
    return _decode(False, jwt, key, algorithms, options, verify, detached_payload, audience,
                   subject, issuer, leeway, kwargs)


def decode_complete(
    jwt: Union[str, bytes],
    key: KeyArg = "",
    algorithms: Optional[Union[str, Sequence[str]]] = None,
    options: Optional[Mapping[str, Any]] = None,
    verify: Optional[bool] = None,
    detached_payload: Optional[bytes] = None,
    audience: Any = None,
    issuer: Any = None,
    subject: Optional[str] = None,
    leeway: Union[float, timedelta] = 0,
    **kwargs: Any,
) -> Dict[str, Any]:
    """:func:`decode`, returning ``{"header": ..., "payload": ..., "signature": bytes}``."""
    return _decode(True, jwt, key, algorithms, options, verify, detached_payload, audience,
                   subject, issuer, leeway, kwargs)


def _signing_algorithm(key: Any, algorithm: Any, headers: Any) -> str:
    if isinstance(headers, Mapping) and headers.get("alg"):
        return headers["alg"]  # PyJWT prefers the header's
    if algorithm is not _UNSET and algorithm is not None:
        return algorithm
    if isinstance(key, Key):
        return key.algorithm
    if isinstance(key, PyJWK):
        return key.algorithm_name
    return "HS256"


def encode(
    payload: Dict[str, Any],
    key: KeyArg,
    algorithm: Optional[str] = _UNSET,
    headers: Optional[Dict[str, Any]] = None,
    json_encoder: Optional[Type[json.JSONEncoder]] = None,
    sort_headers: bool = True,
) -> str:
    """Signs ``payload`` (a dict) as PyJWT's ``jwt.encode``, for HS256/384/512 and ES256.

    ``key``: a str/bytes secret, an :class:`HmacKey` or an oct :class:`PyJWK`. ``algorithm``
    defaults to HS256 (the key's own for an authcore key or PyJWK; ``None`` is the same,
    never an unsigned token). ``headers`` may hold ``kid``, ``alg`` and ``typ: "JWT"``
    only: the C signer writes no other member. ``datetime`` values of ``exp``, ``iat`` and
    ``nbf`` become Unix seconds. ES256 takes an EC P-256 private key: a PEM ``str``/``bytes``
    (PKCS#8 or SEC 1), a ``cryptography`` key object or a :class:`~authcore.SigningKey`;
    its signatures are deterministic (RFC 6979). RS256/384/512 take an RSA private key (PEM
    PKCS#8 or PKCS#1, or a ``cryptography`` key object), read for the call only; with a
    library built without RSA signing they raise :class:`NotImplementedError`.
    """
    if not isinstance(payload, dict):
        raise TypeError("Expecting a dict object, as JWT only supports JSON objects as payloads.")
    alg = _signing_algorithm(key, algorithm, headers)
    es256 = alg == "ES256"
    rs = alg in ("RS256", "RS384", "RS512") and _lib.lib.has("authcore_sign_rsa_pem")
    if not es256 and not rs and (not isinstance(alg, str) or not alg.startswith("HS")
                                 or alg not in ALGORITHMS):
        if alg in ALGORITHMS:
            raise NotImplementedError(
                f"authcore cannot sign {alg}: the library verifies {alg} signatures but holds no "
                "private keys; sign with another library and verify with authcore"
            )
        raise NotImplementedError(f"Algorithm not supported: authcore signs HS256, HS384, HS512, "
                                  f"not {alg!r}")
    claims = payload.copy()
    for name in ("exp", "iat", "nbf"):
        if isinstance(claims.get(name), datetime):
            claims[name] = timegm(claims[name].utctimetuple())
    if "iss" in claims and not isinstance(claims["iss"], str):
        raise TypeError("Issuer (iss) must be a string.")
    kid: Optional[bytes] = None
    if headers is not None:
        if not isinstance(headers, Mapping):
            raise TypeError("headers must be a mapping")
        extra = set(headers) - {"kid", "alg", "typ"}
        if extra:
            raise ValueError(f"unsupported header members {sorted(extra)}: authcore writes "
                             "alg, typ (JWT) and kid only")
        if headers.get("typ", "JWT") != "JWT":
            raise ValueError('header typ can only be "JWT"')
        if headers.get("kid") is not None:
            if not isinstance(headers["kid"], str):
                raise InvalidTokenError("Key ID header parameter must be a string")
            kid = headers["kid"].encode("utf-8")
            if b"\0" in kid:
                raise ValueError("kid must not contain a NUL character")
    # NaN and infinities are not JSON (RFC 8259): refused here rather than by the signer.
    body = json.dumps(claims, separators=(",", ":"), cls=json_encoder,
                      allow_nan=False).encode("utf-8")
    if es256:
        return signing.encode_es256(body, key, kid)
    if rs:
        return signing.encode_rsa(alg, body, key, kid)
    if isinstance(key, PyJWK):
        key = key.key
    if isinstance(key, Key):
        if not isinstance(key, HmacKey):
            raise InvalidKeyError(f"{alg} needs an HMAC key, not {type(key).__name__}")
        if key.algorithm != alg:
            raise InvalidAlgorithmError(f"the key is for {key.algorithm}, not {alg}")
        return api._sign(key, body, kid)
    return api._sign(_cached_key(alg, key), body, kid)  # type: ignore[arg-type]


class PyJWT:
    """PyJWT's class: :func:`encode`, :func:`decode` and :func:`decode_complete` with
    ``options`` set once (per-call ``options`` are merged over them)."""

    def __init__(self, options: Optional[Mapping[str, Any]] = None) -> None:
        self._given: Dict[str, Any] = dict(options) if options is not None else {}
        #: Every option with its value, as PyJWT shows them: with ``verify_signature``
        #: False, the claim checks not set default to False.
        self.options: Dict[str, Any] = {**api._OPTION_DEFAULTS, **self._given}
        if not self.options["verify_signature"]:
            for name in _CLAIM_CHECKS:
                self.options[name] = self._given.get(name, False)

    def _merged(self, options: Optional[Mapping[str, Any]]) -> Optional[Dict[str, Any]]:
        if not self._given and options is None:
            return None
        return {**self._given, **(options or {})}

    def encode(self, payload: Dict[str, Any], key: KeyArg, algorithm: Optional[str] = _UNSET,
               headers: Optional[Dict[str, Any]] = None,
               json_encoder: Optional[Type[json.JSONEncoder]] = None,
               sort_headers: bool = True) -> str:
        """:func:`encode`."""
        return encode(payload, key, algorithm, headers, json_encoder, sort_headers)

    def decode(self, jwt: Union[str, bytes], key: KeyArg = "",
               algorithms: Optional[Union[str, Sequence[str]]] = None,
               options: Optional[Mapping[str, Any]] = None, *args: Any, **kwargs: Any
               ) -> Dict[str, Any]:
        """:func:`decode` with the instance's options."""
        return decode(jwt, key, algorithms, self._merged(options), *args, **kwargs)

    def decode_complete(self, jwt: Union[str, bytes], key: KeyArg = "",
                        algorithms: Optional[Union[str, Sequence[str]]] = None,
                        options: Optional[Mapping[str, Any]] = None, *args: Any,
                        **kwargs: Any) -> Dict[str, Any]:
        """:func:`decode_complete` with the instance's options."""
        return decode_complete(jwt, key, algorithms, self._merged(options), *args, **kwargs)
