"""Keys held in C storage, each pinned to one algorithm when made.

A key's secret material never lives in a Python object this package keeps: the C
constructor reads the bytes once into the key's own storage (``authcore_key``), and
:meth:`Key.close` (also run when the key is garbage-collected or leaves a ``with`` block)
wipes that storage with ``authcore_key_clear``.
"""

from __future__ import annotations

import ctypes
import json
import threading
from contextlib import contextmanager
from typing import Any, Iterator, Mapping, Optional, Tuple, Union

from . import _lib
from .exceptions import InvalidKeyError, PyJWKSetError, Status, key_error, status_message

__all__ = ["ALGORITHMS", "Key", "HmacKey", "RsaKey", "EcKey", "Ed25519Key", "KeySet",
           "algorithm_id"]

#: Algorithm names and their ``authcore_algorithm`` values.
ALGORITHMS = {
    "HS256": 1, "HS384": 2, "HS512": 3, "RS256": 4, "RS384": 5, "RS512": 6,
    "ES256": 7, "ES384": 8, "PS256": 9, "PS384": 10, "PS512": 11, "EdDSA": 12,
}
_NAMES = {v: k for k, v in ALGORITHMS.items()}

BytesLike = Union[bytes, bytearray, memoryview]


def algorithm_id(name: str) -> int:
    """The C value for an algorithm name such as ``"HS256"``.

    Raises :class:`TypeError` for a non-str and :class:`ValueError` for an unknown name.
    """
    if not isinstance(name, str):
        raise TypeError(f"algorithm must be a str such as 'HS256', not {type(name).__name__}")
    try:
        return ALGORITHMS[name]
    except KeyError:
        raise ValueError(
            f"unknown algorithm {name!r}; authcore supports {', '.join(ALGORITHMS)}"
        ) from None


def _as_bytes(value: Any, what: str) -> bytes:
    """``value`` as bytes; only bytes-like objects are accepted (no implicit encoding)."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"{what} must be bytes, not {type(value).__name__}")


def _as_text(value: Any, what: str) -> bytes:
    """``value`` (str, bytes or a JSON-able mapping when ``what`` is JSON) as UTF-8 bytes."""
    if isinstance(value, str):
        try:
            return value.encode("utf-8")
        except UnicodeEncodeError as e:  # lone surrogates
            raise ValueError(f"{what} is not encodable as UTF-8: {e}") from None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"{what} must be str or bytes, not {type(value).__name__}")


class _Guarded(_lib.OwnedStorage):
    """C storage that calls may use from several threads while another closes it:
    :meth:`close` waits for the calls already running (each between :meth:`_enter` and
    :meth:`_leave`), and calls that start after it raise
    :class:`~authcore.exceptions.InvalidKeyError`. A cleared HMAC key's states are all zero,
    a public state: a call still running on storage being wiped could accept a token anyone
    can forge."""

    __slots__ = ()
    _storage: Any
    # Guards `_storage`, `_in_flight` and `_waiting`. The hot path takes the plain lock
    # (`_mutex`): entering the Condition runs Python code and costs twice as much per call.
    _mutex: Any
    # close() and replace() wait on it, built on `_mutex`, for calls to finish.
    _lock: threading.Condition
    _in_flight: int
    # How many threads wait on `_lock`: calls leaving notify only when one does.
    _waiting: int
    #: What the object is called in the error for a call after close().
    _what = "key"

    def _guard(self) -> None:
        self._mutex = threading.Lock()
        self._lock = threading.Condition(self._mutex)
        self._in_flight = 0
        self._waiting = 0

    def _wait_idle(self) -> None:
        """Waits, holding ``_lock``, until no call is running on the storage."""
        self._waiting += 1
        try:
            while self._in_flight:
                self._lock.wait()
        finally:
            self._waiting -= 1

    def close(self) -> None:
        """Wipes the C storage (secret state is zeroized), once every call already running
        on it has returned. Idempotent."""
        lock = getattr(self, "_lock", None)
        if lock is None:  # a constructor failed before the object was made
            return
        with lock:
            storage = getattr(self, "_storage", None)
            if storage is None:
                return
            self._storage = None  # calls that start from now on are refused
            self._wait_idle()
        getattr(_lib.lib, self._clear_name)(ctypes.byref(storage))

    @contextmanager
    def _in_use(self) -> Iterator[Any]:
        """The storage for one C call; :meth:`close` waits until the block ends."""
        storage = self._enter()
        try:
            yield storage
        finally:
            self._leave()

    def _enter(self) -> Any:
        """Counts a call in and returns the storage (the hot path's half of _in_use)."""
        with self._mutex:
            storage = self._storage
            if storage is None:
                raise InvalidKeyError(f"the {self._what} was closed", Status.UNINITIALIZED)
            self._in_flight += 1
            return storage

    def _leave(self) -> None:
        """Counts a call out, waking a waiting :meth:`close` or :meth:`replace` after the
        last one."""
        with self._mutex:
            self._in_flight -= 1
            if not self._in_flight and self._waiting:
                self._lock.notify_all()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has wiped the storage."""
        return self._storage is None


class Key(_Guarded):
    """A verification key in C storage, pinned to :attr:`algorithm`. :meth:`close` (or a
    ``with`` block, or garbage collection) wipes it.

    Use one of the subclasses' constructors (:meth:`HmacKey.from_secret`,
    :meth:`RsaKey.from_pem`, ...). Keys may be shared between threads for verification,
    and closed while other threads use them: :meth:`close` waits for the calls already
    running on the key, and calls that start after it raise
    :class:`~authcore.exceptions.InvalidKeyError`.
    """

    __slots__ = ("_storage", "_algorithm", "_mutex", "_lock", "_in_flight", "_waiting",
                 "__weakref__")
    _storage: Optional[_lib.KeyStorage]
    _algorithm: str
    _clear_name = "authcore_key_clear"

    def __init__(self) -> None:
        raise TypeError("use a constructor such as HmacKey.from_secret or RsaKey.from_pem")

    @classmethod
    def _make(cls, algorithm: str, init: Any) -> "Key":
        alg = algorithm_id(algorithm)
        self = object.__new__(cls)
        storage = _lib.KeyStorage()
        status = init(ctypes.byref(storage), alg)
        if status != Status.OK:
            raise key_error(status, f"{cls.__name__} for {algorithm}")
        self._storage = storage
        self._algorithm = algorithm
        self._guard()
        return self

    @classmethod
    def _from_bytes(cls, algorithm: str, fn: Any, data: bytes) -> Any:
        """A key made by a C constructor ``fn(key, algorithm, data, len)``."""
        return cls._make(algorithm, lambda k, alg: fn(k, alg, data, len(data)))

    @property
    def algorithm(self) -> str:
        """The one algorithm this key verifies (``"HS256"``, ``"RS256"``, ...)."""
        return self._algorithm

    def c_algorithm(self) -> str:
        """The algorithm as the C library reports it (``authcore_key_algorithm``)."""
        out = ctypes.c_uint32()
        with self._in_use() as storage:
            status = _lib.lib.authcore_key_algorithm(ctypes.byref(storage), ctypes.byref(out))
        if status != Status.OK:
            raise key_error(status)
        return _NAMES[int(out.value)]

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<{type(self).__name__} {self._algorithm} ({state})>"


class HmacKey(Key):
    """A shared secret for HS256/HS384/HS512."""

    __slots__ = ()

    @classmethod
    def from_secret(cls, secret: BytesLike, algorithm: str = "HS256") -> "HmacKey":
        """Makes an HMAC key for ``algorithm`` from ``secret`` (bytes, never str: encode
        text secrets yourself so the bytes are the ones you mean).

        Raises :class:`TypeError` (not bytes), :class:`ValueError` (unknown algorithm),
        :class:`~authcore.exceptions.InvalidKeyError` (empty secret, an RS algorithm).
        """
        data = _as_bytes(secret, "secret")
        key = cls._make(
            algorithm, lambda k, alg: _lib.lib.authcore_key_hmac(k, alg, data, len(data))
        )
        return key  # type: ignore[return-value]


class RsaKey(Key):
    """An RSA public key for RS256/RS384/RS512 or PS256/PS384/PS512."""

    __slots__ = ()

    @classmethod
    def from_pem(cls, pem: Union[str, bytes], algorithm: str = "RS256") -> "RsaKey":
        """From a PEM public key (``BEGIN PUBLIC KEY`` or ``BEGIN RSA PUBLIC KEY``)."""
        return cls._from_bytes(algorithm, _lib.lib.authcore_key_rsa_pem, _as_text(pem, "pem"))

    @classmethod
    def from_der(cls, der: BytesLike, algorithm: str = "RS256") -> "RsaKey":
        """From a DER public key (SubjectPublicKeyInfo or PKCS#1)."""
        return cls._from_bytes(algorithm, _lib.lib.authcore_key_rsa_der, _as_bytes(der, "der"))

    @classmethod
    def from_jwk(
        cls, jwk: Union[str, bytes, Mapping[str, Any]], algorithm: str = "RS256"
    ) -> "RsaKey":
        """From one JWK (JSON text, or a mapping that is serialized first)."""
        return cls._from_bytes(algorithm, _lib.lib.authcore_key_rsa_jwk, _json_arg(jwk, "jwk"))

    @classmethod
    def from_jwks(
        cls, jwks: Union[str, bytes, Mapping[str, Any]], kid: str, algorithm: str = "RS256"
    ) -> "RsaKey":
        """The key with ``kid`` from a JWK Set (``{"keys": [...]}``, text or mapping)."""
        data = _json_arg(jwks, "jwks")
        if not isinstance(kid, str):
            raise TypeError(f"kid must be a str, not {type(kid).__name__}")
        kid_b = _as_text(kid, "kid")
        fn = _lib.lib.authcore_key_rsa_jwks
        return cls._make(  # type: ignore[return-value]
            algorithm, lambda k, alg: fn(k, alg, data, len(data), kid_b, len(kid_b))
        )


class EcKey(Key):
    """An elliptic-curve public key for ES256 (P-256) or ES384 (P-384).

    The point is checked to lie on the algorithm's curve when the key is made; another
    curve, key type or a point off the curve is :class:`~authcore.exceptions.InvalidKeyError`
    (its ``status`` names which).
    """

    __slots__ = ()

    @classmethod
    def from_pem(cls, pem: Union[str, bytes], algorithm: str = "ES256") -> "EcKey":
        """From a PEM public key (``BEGIN PUBLIC KEY``, SubjectPublicKeyInfo)."""
        return cls._from_bytes(algorithm, _lib.lib.authcore_key_ec_pem, _as_text(pem, "pem"))

    @classmethod
    def from_der(cls, der: BytesLike, algorithm: str = "ES256") -> "EcKey":
        """From a DER SubjectPublicKeyInfo."""
        return cls._from_bytes(algorithm, _lib.lib.authcore_key_ec_der, _as_bytes(der, "der"))

    @classmethod
    def from_jwk(
        cls, jwk: Union[str, bytes, Mapping[str, Any]], algorithm: str = "ES256"
    ) -> "EcKey":
        """From one JWK of ``kty`` EC (JSON text, or a mapping that is serialized first)."""
        return cls._from_bytes(algorithm, _lib.lib.authcore_key_ec_jwk, _json_arg(jwk, "jwk"))


class Ed25519Key(Key):
    """An Ed25519 public key, for EdDSA (its algorithm is always ``"EdDSA"``)."""

    __slots__ = ()

    @classmethod
    def _made(cls, fn: Any, data: bytes) -> "Ed25519Key":
        # The C constructors take no algorithm: an Ed25519 key has only one.
        return cls._make("EdDSA", lambda k, _alg: fn(k, data, len(data)))  # type: ignore[return-value]

    @classmethod
    def from_pem(cls, pem: Union[str, bytes]) -> "Ed25519Key":
        """From a PEM public key (``BEGIN PUBLIC KEY``, SubjectPublicKeyInfo)."""
        return cls._made(_lib.lib.authcore_key_ed25519_pem, _as_text(pem, "pem"))

    @classmethod
    def from_der(cls, der: BytesLike) -> "Ed25519Key":
        """From a DER SubjectPublicKeyInfo."""
        return cls._made(_lib.lib.authcore_key_ed25519_der, _as_bytes(der, "der"))

    @classmethod
    def from_jwk(cls, jwk: Union[str, bytes, Mapping[str, Any]]) -> "Ed25519Key":
        """From one JWK of ``kty`` OKP and ``crv`` Ed25519 (JSON text or a mapping)."""
        return cls._made(_lib.lib.authcore_key_ed25519_jwk, _json_arg(jwk, "jwk"))


def _json_arg(value: Any, what: str) -> bytes:
    if isinstance(value, Mapping):
        return json.dumps(value, separators=(",", ":")).encode("utf-8")
    return _as_text(value, what)


class KeySet(_Guarded):
    """The keys of a JWKS in C storage (``authcore_key_set``), at most
    ``KEY_SET_CAPACITY`` (8), each with its ``kid`` and pinned to its algorithm; a token
    given to :func:`authcore.verify` with a set is verified with the key its ``kid`` and
    ``alg`` name, chosen by the C library (rules: ``authcore_verify_with_key_set``).

    ``jwks`` is the JWKS's JSON text (or a dict); ``default_algorithm`` is the algorithm of
    RSA and oct keys without ``alg`` (``None``: they are skipped). Keys the library cannot
    use are skipped (:attr:`skipped`). :class:`PyJWKSetError` (its ``status`` the C status)
    when the JWKS is malformed, has no usable key, more than ``KEY_SET_CAPACITY``, two with
    one ``kid`` and algorithm, or a ``kid`` over 64 bytes. :meth:`replace` loads a new JWKS
    whole (the set unchanged on error); :meth:`close` wipes the set once the verifications
    running on it have returned.
    """

    __slots__ = ("_storage", "_mutex", "_lock", "_in_flight", "_waiting", "__weakref__")
    _storage: Optional[_lib.KeySetStorage]
    _clear_name = "authcore_key_set_clear"
    _what = "key set"

    def __init__(self, jwks: Union[str, bytes, Mapping[str, Any]],
                 default_algorithm: Optional[str] = None) -> None:
        self._guard()
        self._storage = _lib.KeySetStorage()
        try:
            self._load(jwks, default_algorithm)
        except BaseException:
            self._storage = None
            raise

    def _load(self, jwks: Union[str, bytes, Mapping[str, Any]],
              default_algorithm: Optional[str]) -> None:
        data = _json_arg(jwks, "jwks")
        alg = 0 if default_algorithm is None else algorithm_id(default_algorithm)
        status = _lib.lib.authcore_key_set_jwks(ctypes.byref(self._storage), data, len(data), alg)
        if status != Status.OK:
            raise PyJWKSetError(f"the JWK Set was refused: {status_message(status)}", status)

    def replace(self, jwks: Union[str, bytes, Mapping[str, Any]],
                default_algorithm: Optional[str] = None) -> None:
        """Replaces every key with those of ``jwks`` (as the constructor loads them), once
        the verifications running on the set have returned; on error the set is unchanged."""
        with self._lock:
            if self._storage is None:
                raise InvalidKeyError("the key set was closed", Status.UNINITIALIZED)
            self._wait_idle()
            self._load(jwks, default_algorithm)

    def _counts(self) -> Tuple[int, int]:
        n, skipped = ctypes.c_size_t(), ctypes.c_size_t()
        with self._in_use() as storage:
            status = _lib.lib.authcore_key_set_len(
                ctypes.byref(storage), ctypes.byref(n), ctypes.byref(skipped))
        if status != Status.OK:
            raise key_error(status)
        return n.value, skipped.value

    def __len__(self) -> int:
        return self._counts()[0]

    @property
    def skipped(self) -> int:
        """How many keys of the JWKS were skipped as unusable."""
        return self._counts()[1]

    def __repr__(self) -> str:
        return f"<KeySet ({'closed' if self.closed else 'open'})>"
