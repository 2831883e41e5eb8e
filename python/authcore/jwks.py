"""JSON Web Keys: :class:`PyJWK`, :class:`PyJWKSet` and :class:`PyJWKClient`, with
PyJWT's names and behaviour, holding authcore keys.

A :class:`PyJWK`'s ``.key`` is an authcore key pinned to the JWK's algorithm
(:class:`~authcore.RsaKey`, :class:`~authcore.EcKey` or :class:`~authcore.Ed25519Key` read by
the C library's JWK readers, or :class:`~authcore.HmacKey` for ``kty: oct``), so it can be
given to :func:`authcore.decode` directly. Keys for algorithms authcore does not verify
(ES512, ES256K, Ed448) raise :class:`PyJWKError` or :class:`InvalidKeyError` as PyJWT's
would; a :class:`PyJWKSet` skips them, as PyJWT skips keys it cannot use.

:class:`PyJWKClient` fetches a JWK Set over HTTP(S) with :mod:`urllib.request` (no other
package), caches it for ``lifespan`` seconds, and fetches it again once when a token names a
``kid`` the cached set lacks (at most once per ``cooldown_duration``, so that tokens with
made-up kids cannot make it hammer the endpoint).
"""

from __future__ import annotations

import base64
import binascii
import http.client
import json
import math
import threading
import time
import urllib.request
from functools import lru_cache
from ssl import SSLContext
from typing import Any, Dict, Iterator, List, Mapping, Optional, Union
from urllib.error import HTTPError, URLError
from urllib.parse import urlparse

from .exceptions import (
    InvalidKeyError,
    PyJWKClientConnectionError,
    PyJWKClientError,
    PyJWKError,
    PyJWKSetError,
    PyJWTError,
)
from .keys import ALGORITHMS, EcKey, Ed25519Key, HmacKey, Key, KeySet, RsaKey

__all__ = ["PyJWK", "PyJWKSet", "PyJWKClient", "JWKSetCache"]

# The algorithm PyJWT assumes for a JWK without "alg", by its "kty".
_DEFAULT_ALGORITHM = {"RSA": "RS256", "oct": "HS256"}
# And by "crv" for the curve key types (an EC key without one is taken as P-256, as PyJWT
# does; an OKP key must name its curve).
_CURVE_ALGORITHM = {
    "EC": {None: "ES256", "P-256": "ES256", "P-384": "ES384", "P-521": "ES512",
           "secp256k1": "ES256K"},
    "OKP": {"Ed25519": "EdDSA"},
}


def _b64url_secret(value: Any) -> bytes:
    """The bytes of a JWK's base64url ``k`` member (no padding, as RFC 7515 writes it)."""
    if not isinstance(value, str):
        raise InvalidKeyError("the oct JWK's k member must be a base64url string")
    try:
        return base64.b64decode(value + "=" * (-len(value) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        raise InvalidKeyError("the oct JWK's k member is not base64url") from None


class PyJWK:
    """One JSON Web Key (RFC 7517) as an authcore key.

    ``jwk_data`` is the JWK as a dict (or its JSON text); ``algorithm``, when given, is the
    algorithm to pin the key to, else the JWK's ``alg``, else PyJWT's default for its
    ``kty`` (``RS256`` for RSA, ``HS256`` for oct).

    Attributes: ``key`` (the authcore key), ``key_type`` (``kty``), ``key_id`` (``kid``),
    ``public_key_use`` (``use``), ``algorithm_name``.

    Raises :class:`InvalidKeyError` for a JWK without ``kty`` or one that does not fit its
    algorithm (the C reader's verdict for RSA), :class:`PyJWKError` for an algorithm authcore
    does not verify.
    """

    def __init__(
        self, jwk_data: Union[Mapping[str, Any], str, bytes], algorithm: Optional[str] = None
    ) -> None:
        if isinstance(jwk_data, (str, bytes)):
            try:
                jwk_data = json.loads(jwk_data)
            except ValueError as e:
                raise InvalidKeyError(f"the JWK is not JSON: {e}") from None
        if not isinstance(jwk_data, Mapping):
            raise InvalidKeyError(f"a JWK must be a JSON object, not {type(jwk_data).__name__}")
        self._jwk_data: Dict[str, Any] = dict(jwk_data)
        kty = self._jwk_data.get("kty")
        if not kty:
            raise InvalidKeyError(f"kty is not found: {self._describe()}")
        if not algorithm:
            algorithm = self._jwk_data.get("alg")
        if not algorithm:
            algorithm = self._default_algorithm(kty)
        if algorithm not in ALGORITHMS:
            raise PyJWKError(
                f"Unable to find an algorithm for key: authcore verifies "
                f"{', '.join(ALGORITHMS)}, not {algorithm!r} (kid {self.key_id!r})"
            )
        self.algorithm_name: str = algorithm
        self.key: Key = self._make_key(kty, algorithm)

    def _default_algorithm(self, kty: str) -> str:
        """PyJWT's algorithm for a JWK without ``alg``, and its errors."""
        if kty in _DEFAULT_ALGORITHM:
            return _DEFAULT_ALGORITHM[kty]
        if kty not in _CURVE_ALGORITHM:
            raise InvalidKeyError(f"Unsupported kty: {kty}")
        crv = self._jwk_data.get("crv") or None
        if crv is None and kty == "OKP":
            raise InvalidKeyError(f"crv is not found: {self._describe()}")
        try:
            return _CURVE_ALGORITHM[kty][crv]
        except (KeyError, TypeError):  # TypeError: a crv that is no str (a list, ...)
            raise InvalidKeyError(f"Unsupported crv: {crv}") from None

    def _describe(self) -> str:
        # Never the secret members ("k", "d", ...): errors get logged.
        return str({k: v for k, v in self._jwk_data.items() if k in ("kty", "kid", "alg", "use")})

    def _make_key(self, kty: str, algorithm: str) -> Key:
        if algorithm.startswith("HS"):
            if kty != "oct":
                raise InvalidKeyError(f"{algorithm} needs a JWK of kty oct, not {kty}")
            return HmacKey.from_secret(_b64url_secret(self._jwk_data.get("k")), algorithm)
        # The C JWK readers check the members (n and e, crv, x and y, the point), and "alg"
        # and "use" when present.
        if algorithm.startswith(("RS", "PS")):
            if kty != "RSA":
                raise InvalidKeyError(f"{algorithm} needs a JWK of kty RSA, not {kty}")
            return RsaKey.from_jwk(self._jwk_data, algorithm)
        if algorithm.startswith("ES"):
            if kty != "EC":
                raise InvalidKeyError(f"{algorithm} needs a JWK of kty EC, not {kty}")
            return EcKey.from_jwk(self._jwk_data, algorithm)
        if kty != "OKP":
            raise InvalidKeyError(f"{algorithm} needs a JWK of kty OKP, not {kty}")
        return Ed25519Key.from_jwk(self._jwk_data)

    @staticmethod
    def from_dict(obj: Mapping[str, Any], algorithm: Optional[str] = None) -> "PyJWK":
        """The key of a JWK given as a dict."""
        return PyJWK(obj, algorithm)

    @staticmethod
    def from_json(data: Union[str, bytes], algorithm: Optional[str] = None) -> "PyJWK":
        """The key of a JWK given as JSON text."""
        return PyJWK.from_dict(json.loads(data), algorithm)

    @property
    def key_type(self) -> Optional[str]:
        """The JWK's ``kty``."""
        return self._jwk_data.get("kty")

    @property
    def key_id(self) -> Optional[str]:
        """The JWK's ``kid``, or ``None``."""
        return self._jwk_data.get("kid")

    @property
    def public_key_use(self) -> Optional[str]:
        """The JWK's ``use``, or ``None``."""
        return self._jwk_data.get("use")

    def __repr__(self) -> str:
        # Also for an object whose constructor raised part way, which a debugger or a
        # traceback's locals can show: what it lacks is shown as unknown.
        algorithm = getattr(self, "algorithm_name", "?")
        kid = getattr(self, "_jwk_data", {}).get("kid")
        return f"<PyJWK {algorithm} kid={kid!r}>"


class PyJWKSet:
    """A JWK Set: ``keys`` holds a :class:`PyJWK` for every member authcore can use (the
    others, including non-objects, are skipped); ``set[kid]`` finds one by ``kid`` or
    raises :class:`KeyError`. :class:`PyJWKSetError` when the list is empty, not a list, or
    holds no usable key."""

    def __init__(self, keys: List[Mapping[str, Any]]) -> None:
        self.keys: List[PyJWK] = []
        if not keys:
            raise PyJWKSetError("The JWK Set did not contain any keys")
        if not isinstance(keys, list):
            raise PyJWKSetError("Invalid JWK Set value")
        for key in keys:
            if not isinstance(key, Mapping):
                continue
            try:
                self.keys.append(PyJWK(key))
            except PyJWTError:
                continue
        if not self.keys:
            raise PyJWKSetError(
                "The JWK Set did not contain any usable keys (authcore uses RSA keys for RS "
                "and PS, EC keys on P-256 and P-384, OKP keys on Ed25519 and oct keys for HS)"
            )

    @staticmethod
    def from_dict(obj: Mapping[str, Any]) -> "PyJWKSet":
        """The set of ``{"keys": [...]}``."""
        if not isinstance(obj, Mapping):
            raise PyJWKSetError("a JWK Set must be a JSON object")
        return PyJWKSet(obj.get("keys", []))

    @staticmethod
    def from_json(data: Union[str, bytes]) -> "PyJWKSet":
        """The set of the JSON text ``{"keys": [...]}``."""
        return PyJWKSet.from_dict(json.loads(data))

    @property
    def key_set(self) -> KeySet:
        """The set's keys as one C :class:`~authcore.KeySet` (made on first use, then kept),
        so that ``authcore.decode(token, jwk_set, algorithms=[...])`` has the library choose
        the key by the token's ``kid``. Each key is pinned to the algorithm its
        :class:`PyJWK` has. Stricter than ``set[kid]``: :class:`PyJWKSetError` when the set
        has more than ``KEY_SET_CAPACITY`` (8) keys, two with one ``kid`` and algorithm, or a
        ``kid`` over 64 bytes, where PyJWT would take the first match."""
        made = getattr(self, "_key_set", None)
        if made is None:
            jwks = {"keys": [dict(k._jwk_data, alg=k.algorithm_name) for k in self.keys]}
            made = self._key_set = KeySet(jwks)
        return made

    def __getitem__(self, kid: str) -> PyJWK:
        for key in self.keys:
            if key.key_id == kid:
                return key
        raise KeyError(f"keyset has no key for kid: {kid}")

    def __iter__(self) -> Iterator[PyJWK]:
        return iter(self.keys)

    def __len__(self) -> int:
        return len(self.keys)


class JWKSetCache:
    """The JWK Set a :class:`PyJWKClient` fetched, kept ``lifespan`` seconds (PyJWT's
    class of the same name: ``put``, ``get``, ``is_expired``)."""

    def __init__(self, lifespan: float) -> None:
        self.lifespan = lifespan
        self._jwk_set: Optional[PyJWKSet] = None
        self._timestamp = 0.0

    def put(self, jwk_set: Optional[Union[PyJWKSet, Mapping[str, Any]]]) -> None:
        """Keeps ``jwk_set`` (a set, or the JWKS it is read from), or forgets the kept one
        when ``None``."""
        if jwk_set is None:
            self._jwk_set = None
            return
        if not isinstance(jwk_set, PyJWKSet):
            if not isinstance(jwk_set, Mapping):
                raise PyJWKSetError("Invalid JWK Set value")
            jwk_set = PyJWKSet.from_dict(jwk_set)
        self._jwk_set, self._timestamp = jwk_set, time.monotonic()

    def get(self) -> Optional[PyJWKSet]:
        """The kept set, or ``None`` when there is none or it expired."""
        return None if self._jwk_set is None or self.is_expired() else self._jwk_set

    def is_expired(self) -> bool:
        """Whether the kept set is older than ``lifespan``."""
        return (self._jwk_set is not None
                and time.monotonic() > self._timestamp + self.lifespan)


class _NoRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows no redirect (urllib then raises HTTPError for the 3xx reply): a JWKS endpoint
    that redirects elsewhere could hand out keys from a host the caller never named."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> None:
        return None


class PyJWKClient:
    """Signing keys from a JWKS endpoint, PyJWT's ``PyJWKClient``.

    - ``uri``: an ``http://`` or ``https://`` URL (other schemes, such as ``file:``, are
      refused: the URL might come from a token).
    - ``cache_jwk_set`` / ``lifespan``: keep the fetched set this many seconds (default 300)
      in ``jwk_set_cache``.
    - ``cache_keys`` / ``max_cached_keys``: also keep the keys looked up by ``kid`` in an LRU.
    - ``headers``, ``timeout`` (seconds), ``ssl_context``: for the HTTP request.
    - ``cooldown_duration``: at least this many seconds between fetches forced by an
      unknown ``kid`` (0: no limit).

    Errors: :class:`PyJWKClientConnectionError` when the set cannot be fetched,
    :class:`PyJWKClientError` when no signing key matches or the reply is not a JSON object,
    :class:`PyJWKSetError` when the set holds no usable key.
    """

    def __init__(
        self,
        uri: str,
        cache_keys: bool = False,
        max_cached_keys: int = 16,
        cache_jwk_set: bool = True,
        lifespan: float = 300,
        headers: Optional[Dict[str, Any]] = None,
        timeout: float = 30,
        ssl_context: Optional[SSLContext] = None,
        cooldown_duration: float = 30,
    ) -> None:
        scheme = urlparse(uri).scheme.lower()
        if scheme not in ("http", "https"):
            raise PyJWKClientError(
                f"Invalid JWKS URI scheme {scheme!r}: only 'http' and 'https' are supported."
            )
        if cooldown_duration < 0 or not math.isfinite(cooldown_duration):
            raise PyJWKClientError(
                f'Cooldown duration must be a finite number >= 0, the input is "{cooldown_duration}"'
            )
        if cache_jwk_set and not lifespan > 0:
            raise PyJWKClientError(f'Lifespan must be greater than 0, the input is "{lifespan}"')
        self.uri = uri
        self.headers: Dict[str, Any] = {} if headers is None else headers
        self.timeout = timeout
        self.ssl_context = ssl_context
        self.cooldown_duration = cooldown_duration
        self.jwk_set_cache: Optional[JWKSetCache] = JWKSetCache(lifespan) if cache_jwk_set else None
        self._last_successful_fetch: Optional[float] = None
        # One lookup at a time: concurrent misses of one kid then cause one fetch, not many.
        self._client_lock = threading.RLock()
        if cache_keys:
            self.get_signing_key = lru_cache(maxsize=max_cached_keys)(  # type: ignore[method-assign]
                self.get_signing_key
            )

    def fetch_data(self) -> Any:
        """Fetches the endpoint's JSON object (and keeps it in ``jwk_set_cache``). Raises
        :class:`PyJWKClientConnectionError` when it cannot, :class:`PyJWKClientError` when
        the reply is not a JSON object."""
        data: Any = None  # stays None if a context manager swallowed an error
        try:
            request = urllib.request.Request(url=self.uri, headers=self.headers)
            handlers: List[Any] = [_NoRedirectHandler()]
            if self.ssl_context is not None:
                handlers.append(urllib.request.HTTPSHandler(context=self.ssl_context))
            with urllib.request.build_opener(*handlers).open(request, timeout=self.timeout) as r:
                data = json.load(r)
        except (URLError, TimeoutError, http.client.HTTPException, OSError) as e:
            if isinstance(e, HTTPError):
                e.close()
            raise PyJWKClientConnectionError(f'Fail to fetch data from the url, err: "{e}"') from e
        except ValueError as e:  # not JSON
            raise PyJWKClientError(f"The JWKS endpoint did not return JSON: {e}") from e
        if not isinstance(data, dict):
            raise PyJWKClientError("The JWKS endpoint did not return a JSON object")
        # Only a successful fetch replaces the kept set: an outage must not wipe it.
        if self.jwk_set_cache is not None:
            self.jwk_set_cache.put(data)
        self._last_successful_fetch = time.monotonic()
        return data

    def get_jwk_set(self, refresh: bool = False) -> PyJWKSet:
        """The JWK Set: the kept one while younger than ``lifespan``, else fetched (also
        when ``refresh``)."""
        data: Any = None
        if self.jwk_set_cache is not None and not refresh:
            data = self.jwk_set_cache.get()
        if data is None:
            data = self.fetch_data()
            if not isinstance(data, (dict, PyJWKSet)):  # from a subclass's fetch_data
                raise PyJWKClientError("The JWKS endpoint did not return a JSON object")
            jwk_set = data if isinstance(data, PyJWKSet) else PyJWKSet.from_dict(data)
            if self.jwk_set_cache is not None:
                self.jwk_set_cache.put(jwk_set)  # what a subclass returned, parsed once
            return jwk_set
        return data

    def get_signing_keys(self, refresh: bool = False) -> List[PyJWK]:
        """The set's keys meant for signatures (``use`` ``sig`` or absent) that have a
        ``kid``. :class:`PyJWKClientError` when there is none."""
        keys = [k for k in self.get_jwk_set(refresh).keys
                if k.public_key_use in ("sig", None) and k.key_id]
        if not keys:
            raise PyJWKClientError("The JWKS endpoint did not contain any signing keys")
        return keys

    def get_signing_key(self, kid: str) -> PyJWK:
        """The signing key with ``kid``; when the set lacks it, the set is fetched again
        once (unless the last fetch is younger than ``cooldown_duration``)."""
        with self._client_lock:
            key = self.match_kid(self.get_signing_keys(), kid)
            if key is None:
                cooling = (self.jwk_set_cache is not None
                           and self._last_successful_fetch is not None
                           and time.monotonic() - self._last_successful_fetch
                           < self.cooldown_duration)
                if not cooling:
                    key = self.match_kid(self.get_signing_keys(refresh=True), kid)
                    self._last_successful_fetch = time.monotonic()
            if key is None:
                raise PyJWKClientError(f'Unable to find a signing key that matches: "{kid}"')
            return key

    def get_signing_key_from_jwt(self, token: Union[str, bytes]) -> PyJWK:
        """The signing key named by the token's ``kid``, read **unverified** by the C
        library (the token is then verified with the key). As in PyJWT, the whole token
        must be well-formed, payload included, before anything is fetched."""
        from .compat import decode_complete

        unverified = decode_complete(token, options={"verify_signature": False})
        return self.get_signing_key(unverified["header"].get("kid"))

    @staticmethod
    def match_kid(signing_keys: List[PyJWK], kid: str) -> Optional[PyJWK]:
        """The key of ``signing_keys`` whose ``kid`` is ``kid``, or ``None``."""
        for key in signing_keys:
            if key.key_id == kid:
                return key
        return None
