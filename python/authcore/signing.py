"""Signing keys, and RFC 7523 client assertions signed with them.

A :class:`SigningKey` holds a private key in C storage (``authcore_signing_key``): an ES256
key from a PEM private key (PKCS#8 ``PRIVATE KEY`` or SEC 1 ``EC PRIVATE KEY``, as PyJWT and
OpenSSL write them), or an HMAC secret's state. ES256 signatures use RFC 6979 nonces, so
the same key and claims give the same token. :meth:`SigningKey.close` (also at the end of a
``with`` block, or on garbage collection) wipes the storage.

:func:`client_assertion` writes the JWT a client authenticates with at a token endpoint
(``private_key_jwt`` with ES256, ``client_secret_jwt`` with HMAC), and
:func:`client_assertion_body` the client-credentials request that carries it::

    key = authcore.SigningKey.from_ec_pem(open("client.pem").read())
    assertion = authcore.client_assertion(key, "my-client", "https://idp.example/token")
    body = authcore.client_assertion_body(assertion, scope="read")
    # POST body as application/x-www-form-urlencoded
"""

from __future__ import annotations

import ctypes
import threading
import time
import uuid
from typing import Any, Callable, Optional, Tuple, Union

from . import _lib
from .exceptions import InvalidKeyError, Status, key_error, token_error
from .keys import BytesLike, _as_bytes, _as_text, algorithm_id

__all__ = ["SigningKey", "client_assertion", "client_assertion_body", "ASSERTION_TYPE"]

#: The ``client_assertion_type`` of a JWT client assertion (RFC 7523 §2.2).
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


def _require(name: str) -> Any:
    """The C function ``name``, or :class:`~authcore.exceptions.LibraryError` naming it
    (a library built without signing or without ES256)."""
    return getattr(_lib.lib, name)


def _sized(call: Callable[[Any, int, Any], int]) -> Tuple[int, str]:
    """Runs a C writer ``call(buf, cap, out_n)`` once for the size, once to write: the
    status, and the text written (empty unless the status is OK)."""
    out_len = ctypes.c_size_t()
    status = call(None, 0, ctypes.byref(out_len))
    if status != Status.BUFFER_TOO_SMALL:
        return status, ""
    out = ctypes.create_string_buffer(out_len.value)
    status = call(out, out_len.value, ctypes.byref(out_len))
    return status, out.raw[: out_len.value].decode("ascii") if status == Status.OK else ""


class SigningKey(_lib.NotCopyable):
    """A private key in C storage that signs with one :attr:`algorithm` (``"ES256"``, or
    ``"HS256"``/``"HS384"``/``"HS512"``).

    Signing calls on one key run one at a time; :meth:`close` waits for the running one.
    """

    __slots__ = ("_storage", "_algorithm", "_lock", "__weakref__")

    def __init__(self) -> None:
        raise TypeError("use SigningKey.from_ec_pem or SigningKey.from_secret")

    @classmethod
    def _make(cls, algorithm: str, init: Callable[[Any], int], what: str) -> "SigningKey":
        self = object.__new__(cls)
        storage = _lib.SigningKeyStorage()
        status = init(ctypes.byref(storage))
        if status != Status.OK:
            raise key_error(status, what)
        self._storage: Optional[_lib.SigningKeyStorage] = storage
        self._algorithm = algorithm
        self._lock = threading.Lock()
        return self

    @classmethod
    def from_ec_pem(cls, pem: Union[str, bytes]) -> "SigningKey":
        """An ES256 key from a PEM P-256 private key (``BEGIN PRIVATE KEY`` or ``BEGIN EC
        PRIVATE KEY``). Raises :class:`~authcore.exceptions.InvalidKeyError` for anything
        else (a public key, another curve or key type, malformed PEM or DER)."""
        data = _as_text(pem, "pem")
        fn = _require("authcore_signing_key_ec_pem")
        return cls._make("ES256", lambda k: fn(k, data, len(data)), "ES256 private key")

    @classmethod
    def from_secret(cls, secret: BytesLike, algorithm: str = "HS256") -> "SigningKey":
        """An HMAC signing key (for client_secret_jwt assertions)."""
        data = _as_bytes(secret, "secret")
        alg = algorithm_id(algorithm)
        fn = _require("authcore_signing_key_hmac")
        return cls._make(algorithm, lambda k: fn(k, alg, data, len(data)), f"{algorithm} key")

    @property
    def algorithm(self) -> str:
        """The algorithm this key signs with."""
        return self._algorithm

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has wiped the key."""
        return self._storage is None

    def close(self) -> None:
        """Wipes the key's C storage (its secret is zeroized). Idempotent."""
        lock = getattr(self, "_lock", None)
        if lock is None:
            return
        with lock:
            storage, self._storage = self._storage, None
            if storage is not None:
                _lib.lib.authcore_signing_key_clear(ctypes.byref(storage))

    def __enter__(self) -> "SigningKey":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone already
            pass

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<SigningKey {self._algorithm} ({state})>"

    def _write(self, call: Callable[[Any, Any, int, Any], int], what: str) -> str:
        """Runs a C writer ``call(storage, buf, cap, out_n)`` with the key: once for the
        size, once to write."""
        with self._lock:
            storage = self._storage
            if storage is None:
                raise InvalidKeyError("the key was closed", Status.UNINITIALIZED)
            ref = ctypes.byref(storage)
            status, text = _sized(lambda buf, cap, n: call(ref, buf, cap, n))
        if status != Status.OK:
            raise token_error(status, what)
        return text

    def sign(self, claims_json: bytes, kid: Optional[str] = None) -> str:
        """The compact JWS of the JSON object ``claims_json`` (bytes, as it stands),
        ``kid`` in the header when given."""
        body = _as_bytes(claims_json, "claims_json")
        k = _kid(kid)
        fn = _lib.lib.authcore_sign
        return self._write(
            lambda ref, buf, cap, n: fn(ref, body, len(body), k, len(k or b""), buf, cap, n),
            "signing",
        )


def _kid(kid: Optional[str]) -> Optional[bytes]:
    if kid is None:
        return None
    if not isinstance(kid, str):
        raise TypeError(f"kid must be a str, not {type(kid).__name__}")
    return _as_text(kid, "kid")


def client_assertion(
    key: SigningKey,
    client_id: str,
    audience: str,
    *,
    lifetime: int = 60,
    now: Optional[int] = None,
    jti: Optional[str] = None,
    subject: Optional[str] = None,
    kid: Optional[str] = None,
) -> str:
    """A signed RFC 7523 client assertion: ``iss`` and ``sub`` the client id (``sub`` may be
    given apart), ``aud`` the token endpoint, ``iat`` now (``now=``, Unix seconds, the
    current time by default), ``exp`` ``lifetime`` seconds later, and ``jti`` a fresh random
    UUID unless given (servers refuse a ``jti`` seen before)."""
    for name, value in (("client_id", client_id), ("audience", audience)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if isinstance(lifetime, bool) or not isinstance(lifetime, int) or lifetime <= 0:
        raise ValueError("lifetime must be a positive number of seconds")
    iat = int(time.time()) if now is None else int(now)
    iss = _as_text(client_id, "client_id")
    sub = _as_text(client_id if subject is None else subject, "subject")
    aud = _as_text(audience, "audience")
    j = _as_text(uuid.uuid4().hex if jti is None else jti, "jti")
    claims = _lib.AssertionClaims(iss, len(iss), sub, len(sub), aud, len(aud), iat,
                                  iat + lifetime, j, len(j))
    k = _kid(kid)
    fn = _lib.lib.authcore_client_assertion
    return key._write(
        lambda ref, buf, cap, n: fn(ref, ctypes.byref(claims), k, len(k or b""), buf, cap, n),
        "client assertion",
    )


def client_assertion_body(assertion: str, scope: Optional[str] = None) -> str:
    """The client-credentials token request (``application/x-www-form-urlencoded``) that
    authenticates with ``assertion``: ``grant_type=client_credentials``, ``scope`` when
    given, ``client_assertion_type`` and ``client_assertion``."""
    a = _as_text(assertion, "assertion")
    s = None if scope is None else _as_text(scope, "scope")
    fn = _require("authcore_client_assertion_body")
    status, text = _sized(lambda buf, cap, n: fn(a, len(a), s, len(s or b""), buf, cap, n))
    if status != Status.OK:
        raise token_error(status, "client assertion body")
    return text


def encode_es256(claims: Any, key: Any, kid: Optional[bytes]) -> str:
    """The ES256 branch of :func:`authcore.encode`: ``claims`` is the JSON body (bytes);
    ``key`` a :class:`SigningKey`, a PEM private key (str or bytes), or a ``cryptography``
    EC private key object, read once into a key closed right after."""
    kid_s = None if kid is None else kid.decode("utf-8")
    if isinstance(key, SigningKey):
        if key.algorithm != "ES256":
            raise InvalidKeyError(f"ES256 needs an ES256 signing key, not {key.algorithm}")
        return key.sign(claims, kid_s)
    if isinstance(key, (str, bytes, bytearray, memoryview)):
        pem: Union[str, bytes] = bytes(key) if not isinstance(key, str) else key
    else:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec

        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise InvalidKeyError(f"ES256 needs an EC private key, not {type(key).__name__}")
        pem = key.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    with SigningKey.from_ec_pem(pem) as k:
        return k.sign(claims, kid_s)


def encode_rsa(alg: str, claims: bytes, key: Any, kid: Optional[bytes]) -> str:
    """The RS256/384/512 branch of :func:`authcore.encode`: ``key`` a PEM private key (str or
    bytes, PKCS#8 or PKCS#1) or a ``cryptography`` RSA private key object, read by the C
    library for this call only (``authcore_sign_rsa_pem``)."""
    if isinstance(key, (str, bytes, bytearray, memoryview)):
        pem = _as_text(key if isinstance(key, str) else bytes(key), "key")
    else:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        if not isinstance(key, rsa.RSAPrivateKey):
            raise InvalidKeyError(f"{alg} needs an RSA private key, not {type(key).__name__}")
        pem = key.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    fn = _require("authcore_sign_rsa_pem")
    alg_id = algorithm_id(alg)
    k_len = 0 if kid is None else len(kid)
    status, text = _sized(
        lambda buf, cap, n: fn(alg_id, pem, len(pem), claims, len(claims), kid, k_len, buf, cap, n))
    if status != Status.OK:
        if 60 <= status < 80 or status == Status.KEY_PRIVATE_KEY:
            raise key_error(status, f"{alg} private key")
        raise token_error(status, "signing")
    return text
