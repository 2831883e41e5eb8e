"""``decode``/``verify``, ``encode`` and ``peek_kid``: the PyJWT-shaped API over the C ABI.

Where the claims dict comes from: ``authcore_verify_detail`` checks the token (signature,
header, every claim rule) and keeps the claims it parsed; ``authcore_claims_json`` copies
their JSON text, which :mod:`json` turns into the dict (so numbers stay as the token has
them: an int stays an int, a float the same float). Nothing of a token is decoded here.

Why a token was refused comes from the C library too: the status, and the claim the
failed check was about (``refused_claim``), which names the claim of
:class:`MissingRequiredClaimError` and picks PyJWT's class for a registered claim of the
wrong type. The class is thus that of the first check that failed, in the library's order.

Decisions where PyJWT and the C defaults differ (PyJWT's are taken, for drop-in use):
nothing is required by default (C: ``exp``); any ``typ`` is accepted (C: ``JWT``); a future
``iat`` is refused (``verify_iat``, C: off). Time is whole seconds: ``now`` and ``leeway``
are floored.
"""

from __future__ import annotations

import copy
import ctypes
import json
import math
import threading
import time
from datetime import datetime, timedelta
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _lib
from .exceptions import (
    AuthcoreInternalError,
    DecodeError,
    InvalidAlgorithmError,
    InvalidAudienceError,
    InvalidIssuedAtError,
    InvalidIssuerError,
    InvalidJTIError,
    InvalidKeyError,
    InvalidSubjectError,
    MissingRequiredClaimError,
    PyJWTError,
    Status,
    TokenTooLargeError,
    token_error,
)
from .keys import ALGORITHMS, HmacKey, Key, KeySet

__all__ = ["decode", "verify", "encode", "peek_kid", "Verifier", "DEFAULT_MAX_TOKEN_LEN"]

# The largest size_t: the C policy's max_token_len cannot hold more.
_SIZE_MAX = 2 ** (8 * ctypes.sizeof(ctypes.c_size_t)) - 1

#: The longest token accepted unless ``max_token_len`` says otherwise (the C default).
DEFAULT_MAX_TOKEN_LEN = 8192

_HMAC_MIN_LEN = {"HS256": 32, "HS384": 48, "HS512": 64}

# PyJWT's option names. `verify_signature` can only be True: authcore always verifies.
_OPTION_DEFAULTS: Dict[str, Any] = {
    "verify_signature": True,
    "verify_exp": True,
    "verify_nbf": True,
    "verify_iat": True,
    "verify_aud": True,
    "verify_iss": True,
    "verify_sub": True,
    "verify_jti": True,
    "require": [],
    "strict_aud": False,
    "enforce_minimum_key_length": False,
}

Leeway = Union[int, float, timedelta]
Now = Union[int, float, datetime]
StrOrSeq = Union[str, Sequence[str]]


class _Policy(_lib.NotCopyable):
    """A compiled ``authcore_policy`` and the C strings it points at (kept alive here)."""

    __slots__ = ("storage", "ref", "_keep")

    def __init__(self, settings: Tuple[Any, ...]) -> None:
        (alg, leeway, v_exp, v_nbf, v_iat, v_aud, required, issuers, audiences, subject,
         equals, max_age, typ, min_secret, max_len) = settings
        s = _lib.ValidationSettings()
        _check(_lib.lib.authcore_validation_init(ctypes.byref(s), ALGORITHMS[alg]))
        keep: List[Any] = []

        def cstr(text: str, what: str) -> bytes:
            b = text.encode("utf-8")
            if b"\0" in b:
                raise ValueError(f"{what} must not contain a NUL character: {text!r}")
            keep.append(b)
            return b

        def clist(items: Tuple[str, ...], what: str) -> Tuple[Any, int]:
            arr = (_lib.StrC * max(len(items), 1))(*[_lib.str_c(cstr(i, what)) for i in items])
            keep.append(arr)
            return arr, len(items)

        s.leeway = leeway
        s.validate_exp, s.validate_nbf, s.validate_iat, s.validate_aud = v_exp, v_nbf, v_iat, v_aud
        s.required, s.required_len = clist(required, "a required claim name")
        s.issuers, s.issuers_len = clist(issuers, "issuer")
        s.audiences, s.audiences_len = clist(audiences, "audience")
        if subject is not None:
            b = cstr(subject, "subject")
            s.subject, s.subject_len = b, len(b)

        def pair(name: str, value: str) -> Any:
            n, v = cstr(name, "a claim name"), cstr(value, "a claim value")
            return _lib.ClaimValue(n, len(n), v, len(v))

        pairs = (_lib.ClaimValue * max(len(equals), 1))(*[pair(n, v) for n, v in equals])
        keep.append(pairs)
        s.claim_equals, s.claim_equals_len = pairs, len(equals)
        s.max_age = max_age
        if typ is not None:
            b = cstr(typ, "typ")
            s.typ, s.typ_len = b, len(b)
        else:
            s.typ, s.typ_len = None, 0
        s.min_hmac_secret_len = min_secret
        s.max_token_len = max_len
        storage = _lib.PolicyStorage()
        _check(_lib.lib.authcore_policy_init(ctypes.byref(storage), ctypes.byref(s)))
        self.storage = storage
        self.ref = ctypes.byref(storage)
        self._keep = keep

    def __del__(self) -> None:
        try:
            _lib.lib.authcore_policy_clear(ctypes.byref(self.storage))
        except Exception:
            pass


# Compiled policies by their settings: most programs verify with a handful of policies, and
# compiling one costs more than a verification. Bounded; cleared when full.
_POLICIES: Dict[Tuple[Any, ...], _Policy] = {}
_POLICIES_MAX = 128
_POLICIES_LOCK = threading.Lock()


def _policy(settings: Tuple[Any, ...]) -> _Policy:
    p = _POLICIES.get(settings)
    if p is None:
        p = _Policy(settings)
        with _POLICIES_LOCK:
            if len(_POLICIES) >= _POLICIES_MAX:
                _POLICIES.clear()
            _POLICIES[settings] = p
    return p


def _check(status: int) -> None:
    """Raises for a status from a call whose arguments this module built itself."""
    if status != Status.OK:
        raise AuthcoreInternalError(
            f"authcore refused arguments built by the Python package (status {status}); "
            "please report this", status
        )


def _str_list(value: Any, what: str) -> Tuple[str, ...]:
    """A str or an iterable of str as a tuple, at most MAX_POLICY_LIST long, not empty."""
    items: Tuple[Any, ...]
    if isinstance(value, str):
        items = (value,)
    elif isinstance(value, (bytes, bytearray)) or not isinstance(value, Iterable):
        raise TypeError(f"{what} must be a str or a sequence of str, not {type(value).__name__}")
    else:
        items = tuple(value)
    for i in items:
        if not isinstance(i, str):
            raise TypeError(f"every {what} must be a str, not {type(i).__name__}")
    if not items:
        # PyJWT would refuse every token here; an empty list is almost surely a mistake.
        raise ValueError(f"{what} must not be empty (pass None to not check it)")
    if len(items) > _lib.MAX_POLICY_LIST:
        raise ValueError(f"at most {_lib.MAX_POLICY_LIST} values for {what} (a C API limit)")
    return items


def _seconds(value: Any, what: str) -> int:
    """Whole non-negative seconds from an int, a float (floored) or a timedelta."""
    if isinstance(value, timedelta):
        value = value.total_seconds()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number of seconds or a timedelta")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{what} must be finite")
    if value < 0:
        raise ValueError(f"{what} must not be negative")
    return min(int(value), 2**63 - 1)


def _now(now: Optional[Now]) -> int:
    """Unix seconds: ``now`` as given (int, float floored, aware or UTC-naive datetime)
    or the current time."""
    if now is None:
        return int(time.time())
    if isinstance(now, datetime):
        return math.floor(now.timestamp())
    if isinstance(now, bool) or not isinstance(now, (int, float)):
        raise TypeError("now must be Unix seconds (int or float) or a datetime")
    if isinstance(now, float):
        if not math.isfinite(now):
            raise ValueError("now must be finite")
        now = math.floor(now)
    if not -(2**63) <= now < 2**63:
        raise ValueError("now is out of range")
    return int(now)


def _token_bytes(token: Any) -> bytes:
    if isinstance(token, bytes):
        return token
    if isinstance(token, str):
        try:
            return token.encode("utf-8")
        except UnicodeEncodeError:
            raise DecodeError("the token is not valid UTF-8 text", Status.INVALID_UTF8) from None
    if isinstance(token, (bytearray, memoryview)):
        return bytes(token)
    # PyJWT raises DecodeError for a token of another type; so do we.
    raise DecodeError(f"invalid token type: must be str or bytes, not {type(token).__name__}")


def _settings(
    key: Union[Key, str],
    algorithms: Optional[Union[str, Sequence[str]]],
    options: Optional[Mapping[str, Any]],
    leeway: Leeway,
    issuer: Optional[StrOrSeq],
    audience: Optional[StrOrSeq],
    subject: Optional[str],
    claim_equals: Optional[Mapping[str, str]],
    max_age: Optional[Union[int, timedelta]],
    typ: Optional[str],
    max_token_len: int,
) -> Tuple[Any, ...]:
    """Checks every argument and returns the hashable policy settings they describe. ``key``
    is the key, or for a key set the algorithm the token is verified under."""
    if isinstance(key, str):
        alg = key
    elif not isinstance(key, Key):
        raise TypeError(
            f"key must be an authcore key (HmacKey.from_secret, RsaKey.from_pem, ...), "
            f"not {type(key).__name__}"
        )
    else:
        alg = key.algorithm
    if algorithms is not None:
        algs = (algorithms,) if isinstance(algorithms, str) else tuple(algorithms)
        if alg not in algs:
            raise InvalidAlgorithmError(
                f"the key is for {alg}, which is not among the allowed algorithms {list(algs)}"
            )
    opts = dict(_OPTION_DEFAULTS)
    if options is not None:
        if not isinstance(options, Mapping):
            raise TypeError("options must be a mapping")
        unknown = set(options) - set(_OPTION_DEFAULTS)
        if unknown:
            raise ValueError(f"unknown options: {sorted(unknown)}")
        opts.update(options)
    if not opts["verify_signature"]:
        raise ValueError("authcore always verifies the signature: verify_signature must be True")
    if opts["strict_aud"]:
        raise ValueError("strict_aud is not supported by authcore")
    require = opts["require"]
    required = () if not require else _str_list(require, "required claim")
    issuers = _str_list(issuer, "issuer") if issuer is not None and opts["verify_iss"] else ()
    audiences = (
        _str_list(audience, "audience") if audience is not None and opts["verify_aud"] else ()
    )
    if subject is not None and not isinstance(subject, str):
        raise TypeError(f"subject must be a str, not {type(subject).__name__}")
    sub = subject if opts["verify_sub"] else None
    equals: Tuple[Tuple[str, str], ...] = ()
    if claim_equals is not None:
        if not isinstance(claim_equals, Mapping):
            raise TypeError("claim_equals must be a mapping of claim name to str value")
        equals = tuple(claim_equals.items())
        for n, v in equals:
            if not isinstance(n, str) or not isinstance(v, str):
                raise TypeError("claim_equals must map str claim names to str values")
        if len(equals) > _lib.MAX_POLICY_LIST:
            raise ValueError(f"at most {_lib.MAX_POLICY_LIST} claim_equals entries (a C API limit)")
    age = -1 if max_age is None else _seconds(max_age, "max_age")
    if typ is not None and not isinstance(typ, str):
        raise TypeError("typ must be a str or None")
    if isinstance(max_token_len, bool) or not isinstance(max_token_len, int) or max_token_len < 1:
        raise ValueError("max_token_len must be a positive int")
    # No token is longer than size_t can count: a larger limit is no limit, that one.
    max_token_len = min(max_token_len, _SIZE_MAX)
    min_secret = (
        _HMAC_MIN_LEN.get(alg, 0) if opts["enforce_minimum_key_length"] else 0
    )
    return (
        alg,
        _seconds(leeway, "leeway"),
        int(bool(opts["verify_exp"])),
        int(bool(opts["verify_nbf"])),
        int(bool(opts["verify_iat"])),
        int(bool(opts["verify_aud"])),
        required,
        issuers,
        audiences,
        sub,
        equals,
        age,
        typ,
        min_secret,
        max_token_len,
    )


class Verifier(_lib.NotCopyable):
    """A key and a compiled policy, for verifying many tokens with the same checks.

    Takes the same arguments as :func:`decode` (less ``token`` and ``now``), checks them
    once, and compiles the C policy once; :meth:`decode` then does the least work per
    token. Safe to share between threads.
    """

    __slots__ = ("key", "_settings", "_policy")

    def __init__(
        self,
        key: Key,
        algorithms: Optional[Union[str, Sequence[str]]] = None,
        *,
        options: Optional[Mapping[str, Any]] = None,
        leeway: Leeway = 0,
        issuer: Optional[StrOrSeq] = None,
        audience: Optional[StrOrSeq] = None,
        subject: Optional[str] = None,
        claim_equals: Optional[Mapping[str, str]] = None,
        max_age: Optional[Union[int, timedelta]] = None,
        typ: Optional[str] = None,
        max_token_len: int = DEFAULT_MAX_TOKEN_LEN,
    ) -> None:
        settings = _settings(key, algorithms, options, leeway, issuer, audience, subject,
                             claim_equals, max_age, typ, max_token_len)
        self.key = key
        self._settings = settings
        self._policy = _policy(settings)

    def decode(self, token: Union[str, bytes], now: Optional[Now] = None) -> Dict[str, Any]:
        """Verifies ``token`` at ``now`` (default: the current time); returns its claims.
        Raises as :func:`decode` does."""
        return _verify(self.key, self._policy, self._settings, token, now)


def _verify(
    key: Union[Key, KeySet], policy: _Policy, settings: Tuple[Any, ...], token: Any,
    now: Optional[Now]
) -> Dict[str, Any]:
    """The hot path: one verification with checked arguments and a compiled policy."""
    tt = type(token)
    if tt is str:
        try:
            data = token.encode()
        except UnicodeEncodeError:
            data = _token_bytes(token)  # raises DecodeError
    elif tt is bytes:
        data = token
    else:
        data = _token_bytes(token)
    t = int(_time()) if now is None else _now(now)
    n = len(data)
    if n > settings[14]:
        # Refused before any buffer is sized from it.
        raise TokenTooLargeError(
            f"token too large: {n} bytes, the limit is {settings[14]}", Status.TOKEN_TOO_LARGE
        )
    work = _work_local
    if work.cap <= n:
        work.grow(n + 1)
    # One look-up in the thread-local object, not one per attribute (each costs as much).
    (buf, buf_len, token_len, now_c, claims_ref, refused_ref, out, out_cap, out_len,
     out_len_ref) = work.hot
    storage = key._enter()  # key.close() waits until _leave()
    try:
        if type(key) is KeySet:
            refused = work.refused
            refused.ptr, refused.len = None, 0  # this call names no claim
            status = _lib.lib.authcore_verify_with_key_set(
                _byref(storage), policy.ref, data, n, t, buf, n + 1, claims_ref, None)
        else:
            # The integers as ctypes objects of their C types: the call converts nothing.
            token_len.value = n
            buf_len.value = n + 1
            now_c.value = t
            status = _c_verify(_byref(storage), policy.ref, data, token_len, now_c, buf,
                               buf_len, claims_ref, None, refused_ref)
    finally:
        key._leave()
    if status:
        raise _explain(status, work.refused.data(), bool(settings[7]))
    # The claims the C library parsed, as the JSON text they are in the token. Its length
    # is at most the decoded payload's, so the work buffer's size always fits.
    status = _c_claims_json(claims_ref, out, out_cap, out_len_ref)
    raw = out.value  # up to the NUL after the text: JSON text has no raw NUL in it
    if status or len(raw) != out_len.value:
        raise AuthcoreInternalError(f"authcore_claims_json failed (status {status})", status)
    text = raw.decode()
    try:
        obj = _scan(text, 0)[0]  # the fast path: no leading whitespace
    except StopIteration:
        obj = json.loads(text)
    if type(obj) is not dict:  # the C library only verifies objects
        raise AuthcoreInternalError("verified claims are not a JSON object")
    return obj


# Called with ctypes objects of the exact C types only (and the token as bytes, which ctypes
# passes as a char pointer, and None as NULL; see _Work), so without ctypes' argument
# conversion, which cost about as much as the C verification itself (BENCHMARKS.md).
_c_verify = _lib.lib.unchecked("authcore_verify_detail", ctypes.c_int)
_c_claims_json = _lib.lib.unchecked("authcore_claims_json", ctypes.c_int)
_byref = ctypes.byref
_time = time.time


class _Work(threading.local):
    """Per-thread work storage for authcore_verify_detail: a buffer that grows to the longest
    token seen (at most max_token_len + 1), a claims object, the claims' JSON text, the
    name of the claim a refusal was about, and the call's integer arguments. The buffer
    holds the decoded header and payload of the last verified token (the C library zeroes
    what it used after a refusal)."""

    def __init__(self) -> None:
        # authcore_verify_detail's integer arguments, set before each call.
        self.token_len = ctypes.c_size_t()
        self.buf_len = ctypes.c_size_t()
        self.now = ctypes.c_int64()
        self.claims = _lib.ClaimsStorage()
        self.claims_ref = ctypes.byref(self.claims)
        self.refused = _lib.StrC()
        self.refused_ref = ctypes.byref(self.refused)
        self.out_len = ctypes.c_size_t()
        self.out_len_ref = ctypes.byref(self.out_len)
        self.grow(1024)

    def grow(self, cap: int) -> None:
        self.cap = cap
        self.buf = ctypes.create_string_buffer(cap)
        # The claims' JSON text, copied out of `buf` (never longer than it), and its size
        # as the size_t authcore_claims_json takes.
        self.out = ctypes.create_string_buffer(cap)
        self.out_cap = ctypes.c_size_t(cap)
        #: What _verify uses, in one tuple.
        self.hot = (self.buf, self.buf_len, self.token_len, self.now, self.claims_ref,
                    self.refused_ref, self.out, self.out_cap, self.out_len, self.out_len_ref)


_work_local = _Work()


def _work() -> _Work:
    """This thread's work storage."""
    return _work_local


_scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


# Argument types a cache key holds as they are; others (lists, dicts, timedeltas) by
# identity, with a copy to compare the values against (see _ArgCache).
_SCALARS = (str, int, float, type)


class _ArgCache:
    """What a call's arguments compiled to (checked settings, a compiled policy), by the
    arguments: most programs decode with a few fixed sets of checks, and checking and
    compiling them costs more than a verification.

    The cache key holds the scalar arguments as they are and the identity of the others;
    a hit also needs all of them to equal the deep copies taken when the entry was made, so
    a list or dict changed in place never gets stale settings. The entry used last is
    tried first, by value alone. Callers put the argument types that matter beside the
    values: ``True == 1``, but a bool is no duration. Threads may share it: entries are
    tuples never changed once made, the dict is written under a lock, and the last-used
    slot is replaced whole."""

    __slots__ = ("_entries", "_last")

    def __init__(self) -> None:
        self._entries: Dict[Tuple[Any, ...], Tuple[Tuple[Any, ...], Any]] = {}
        self._last: Optional[Tuple[Tuple[Any, ...], Any]] = None

    def get(self, args: Tuple[Any, ...]) -> Any:
        """What ``args`` compiled to, or ``None``."""
        last = self._last
        if last is not None and last[0] == args:
            return last[1]
        try:
            hit = self._entries.get(
                tuple(a if a is None or type(a) in _SCALARS else id(a) for a in args))
        except TypeError:  # an unhashable argument: no caching
            return None
        if hit is not None and hit[0] == args:
            self._last = hit
            return hit[1]
        return None

    def put(self, args: Tuple[Any, ...], value: Any) -> None:
        """Remembers that ``args`` compiled to ``value`` (unless they cannot be kept)."""
        try:
            cache_key = tuple(a if a is None or type(a) in _SCALARS else id(a) for a in args)
            hash(cache_key)
            entry = (copy.deepcopy(args), value)
        except Exception:  # unhashable, or not copyable (a generator): no caching
            return
        with _POLICIES_LOCK:
            if len(self._entries) >= _POLICIES_MAX:
                self._entries.clear()
            self._entries[cache_key] = entry
        self._last = entry


_COMPILED = _ArgCache()


def _compiled(
    key: Key,
    algorithms: Optional[Union[str, Sequence[str]]],
    options: Optional[Mapping[str, Any]],
    leeway: Leeway,
    issuer: Optional[StrOrSeq],
    audience: Optional[StrOrSeq],
    subject: Optional[str],
    claim_equals: Optional[Mapping[str, str]] = None,
    max_age: Optional[Union[int, timedelta]] = None,
    typ: Optional[str] = None,
    max_token_len: int = DEFAULT_MAX_TOKEN_LEN,
) -> Tuple[Tuple[Any, ...], _Policy]:
    """The checked settings and compiled policy for :func:`decode`'s arguments, cached."""
    args = (key._algorithm, algorithms, options, leeway, type(leeway), issuer, audience,
            subject, claim_equals, max_age, type(max_age), typ, max_token_len,
            type(max_token_len))
    hit = _COMPILED.get(args)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    settings = _settings(key, algorithms, options, leeway, issuer, audience, subject,
                         claim_equals, max_age, typ, max_token_len)
    compiled = (settings, _policy(settings))
    _COMPILED.put(args, compiled)
    return compiled


def decode(
    token: Union[str, bytes],
    key: Union[Key, KeySet, Any],
    algorithms: Optional[Union[str, Sequence[str]]] = None,
    *,
    options: Optional[Mapping[str, Any]] = None,
    leeway: Leeway = 0,
    issuer: Optional[StrOrSeq] = None,
    audience: Optional[StrOrSeq] = None,
    subject: Optional[str] = None,
    claim_equals: Optional[Mapping[str, str]] = None,
    max_age: Optional[Union[int, timedelta]] = None,
    now: Optional[Now] = None,
    typ: Optional[str] = None,
    max_token_len: int = DEFAULT_MAX_TOKEN_LEN,
) -> Dict[str, Any]:
    """Verifies ``token`` with ``key`` and its claims against the policy; returns the claims.

    Arguments follow :func:`jwt.decode` (PyJWT):

    - ``algorithms``: the allowed algorithms; the key's own must be among them (else
      :class:`InvalidAlgorithmError`). ``None`` allows the key's algorithm only, which is
      all a key pinned to one algorithm can verify anyway.
    - ``options``: PyJWT's ``verify_exp``, ``verify_nbf``, ``verify_iat``, ``verify_aud``,
      ``verify_iss``, ``verify_sub``, ``verify_jti`` (jti must be a string regardless),
      ``require`` (claim names, default none), ``enforce_minimum_key_length`` (HMAC secrets
      at least as long as the hash). ``verify_signature`` must stay True; ``strict_aud`` is
      not supported. Unknown names raise :class:`ValueError`.
    - ``leeway`` (seconds or timedelta, floored), ``issuer`` (str or sequence),
      ``audience`` (str or sequence), ``subject``.

    And authcore's own: ``claim_equals`` (claims that must equal given strings, e.g.
    ``{"usefor": "access"}``), ``max_age`` (seconds from ``iat``; requires ``iat``), ``now``
    (Unix seconds or datetime, default the current time), ``typ`` (the accepted header
    ``typ`` when present, ignoring case; default any, as PyJWT), ``max_token_len``.

    Lists hold at most 8 entries (the C policy has fixed capacities). Time boundaries
    follow RFC 7519, as PyJWT's: expired when ``now >= exp + leeway``.

    Raises a :class:`~authcore.exceptions.InvalidTokenError` subclass for a refused token
    (its ``status`` is the C status), :class:`TypeError`/:class:`ValueError` for bad
    arguments. For many tokens with the same checks, :class:`Verifier` does less work.

    ``key`` may also be a :class:`~authcore.KeySet` (or a :class:`~authcore.PyJWKSet`,
    whose keys it loads): the C library then verifies the token with the set's key for the
    token's ``kid`` and ``alg`` (:class:`DecodeError` for a ``kid`` no key has, or no
    ``kid`` with several keys of its algorithm). ``algorithms`` is required then; the
    token's ``alg`` must be among them.
    """
    if not isinstance(key, (Key, KeySet)):
        key = _key_set_of(key)
    if isinstance(key, KeySet):
        alg = _set_algorithm(token, algorithms, max_token_len)
        settings = _settings(alg, (alg,), options, leeway, issuer, audience, subject,
                             claim_equals, max_age, typ, max_token_len)
        return _verify(key, _policy(settings), settings, token, now)
    if not isinstance(key, Key):
        raise TypeError(
            f"key must be an authcore key (HmacKey.from_secret, RsaKey.from_pem, ...), "
            f"not {type(key).__name__}"
        )
    settings, policy = _compiled(key, algorithms, options, leeway, issuer, audience, subject,
                                 claim_equals, max_age, typ, max_token_len)
    return _verify(key, policy, settings, token, now)


def _key_set_of(key: Any) -> Any:
    """The C key set of a :class:`~authcore.PyJWKSet` (built once), else ``key`` as it is."""
    from .jwks import PyJWKSet  # late: jwks imports this module's users

    return key.key_set if isinstance(key, PyJWKSet) else key


def _set_algorithm(
    token: Any, algorithms: Optional[Union[str, Sequence[str]]], max_token_len: int
) -> str:
    """The algorithm a token is verified under with a key set: one of ``algorithms``, the
    token's own when several are allowed (read unverified: the C library checks it again)."""
    if not algorithms:
        raise InvalidAlgorithmError("algorithms is required with a key set")
    allowed = (algorithms,) if isinstance(algorithms, str) else tuple(algorithms)
    if len(allowed) == 1:
        alg = allowed[0]
    else:
        from .compat import get_unverified_header  # late: compat imports this module

        alg = get_unverified_header(_token_bytes(token)).get("alg")
        if alg not in allowed:
            raise InvalidAlgorithmError("The specified alg value is not allowed")
    if alg not in ALGORITHMS:
        raise InvalidAlgorithmError(f"Algorithm not supported: {alg!r}")
    return alg


#: Another name for :func:`decode` (verification is never optional here).
verify = decode


# PyJWT's class for a registered claim of the wrong type or out of range, by its name.
_INVALID_CLAIM: Dict[str, Tuple[type, str]] = {
    "exp": (DecodeError, "the exp claim must be a number of seconds within range"),
    "nbf": (DecodeError, "the nbf claim must be a number of seconds within range"),
    "iat": (InvalidIssuedAtError, "Issued At claim (iat) must be a number within range"),
    "iss": (InvalidIssuerError, "Payload Issuer (iss) must be a string"),
    "aud": (InvalidAudienceError, "Invalid claim format in token (aud)"),
    "sub": (InvalidSubjectError, "Subject must be a string"),
    "jti": (InvalidJTIError, "JWT ID must be a string"),
}


def _explain(status: int, refused_claim: Optional[bytes], issuer_checked: bool) -> PyJWTError:
    """The exception for a refused token: from the C status and the name of the claim the
    failed check was about (``authcore_verify_detail``'s ``refused_claim``).

    A non-string ``iss`` is :class:`InvalidIssuerError` only when an issuer was asked for;
    otherwise the token is merely malformed (PyJWT, which reads ``iss`` only to check it,
    would not refuse it at all): :class:`DecodeError`."""
    if status == Status.UNINITIALIZED:
        return InvalidKeyError("the key or policy storage is not initialized", status)
    if status in (Status.KEY_WRONG_ALGORITHM, Status.KEY_SECRET_TOO_SHORT):
        return InvalidKeyError(token_error(status).args[0], status)
    claim = refused_claim.decode("utf-8") if refused_claim is not None else None
    if status == Status.MISSING_CLAIM:
        return MissingRequiredClaimError(claim, status)
    if status == Status.INVALID_CLAIM and claim in _INVALID_CLAIM:
        cls, message = _INVALID_CLAIM[claim]
        if claim == "iss" and not issuer_checked:
            cls = DecodeError
        return cls(message, status)
    return token_error(status)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return math.floor(value.timestamp())
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def encode(
    claims: Mapping[str, Any],
    key: HmacKey,
    algorithm: Optional[str] = None,
    headers: Optional[Mapping[str, Any]] = None,
) -> str:
    """Signs ``claims`` with an HMAC ``key``; returns the compact JWS text.

    The header is ``{"alg": <the key's>, "typ": "JWT"}`` plus ``kid`` when ``headers`` has
    one. ``algorithm``, when given, must be the key's. ``headers`` may hold only ``kid``
    (a str), ``alg`` (the key's) and ``typ`` (``"JWT"``): the C signer writes no other
    header member. ``datetime`` values (as for ``exp``) become Unix seconds, as in PyJWT.
    """
    if not isinstance(key, HmacKey):
        raise TypeError(f"key must be an HmacKey (only HMAC signing), not {type(key).__name__}")
    if not isinstance(claims, Mapping):
        raise TypeError(f"claims must be a mapping, not {type(claims).__name__}")
    if algorithm is not None and algorithm != key.algorithm:
        raise InvalidAlgorithmError(f"the key is for {key.algorithm}, not {algorithm}")
    kid: Optional[bytes] = None
    if headers is not None:
        if not isinstance(headers, Mapping):
            raise TypeError("headers must be a mapping")
        extra = set(headers) - {"kid", "alg", "typ"}
        if extra:
            raise ValueError(f"unsupported header members {sorted(extra)}: only kid can be set")
        if headers.get("alg", key.algorithm) != key.algorithm:
            raise InvalidAlgorithmError(f"header alg must be the key's ({key.algorithm})")
        if headers.get("typ", "JWT") != "JWT":
            raise ValueError('header typ can only be "JWT"')
        if headers.get("kid") is not None:
            k = headers["kid"]
            if not isinstance(k, str):
                raise TypeError("kid must be a str")
            kid = k.encode("utf-8")
            if b"\0" in kid:
                raise ValueError("kid must not contain a NUL character")
    body = json.dumps(
        dict(claims), separators=(",", ":"), default=_json_default, allow_nan=False
    ).encode("utf-8")
    return _sign(key, body, kid)


def _sign(key: HmacKey, body: bytes, kid: Optional[bytes]) -> str:
    """The compact JWS of the JSON text ``body`` signed by ``key`` (``kid`` in the header
    when not ``None``): ``authcore_sign_hmac``, sized first."""
    lib = _lib.lib
    out_len = ctypes.c_size_t()
    with key._in_use() as key_storage:
        storage = ctypes.byref(key_storage)
        # Ask for the size first: signing is rare next to verifying.
        kid_len = 0 if kid is None else len(kid)
        status = lib.authcore_sign_hmac(storage, body, len(body), kid, kid_len, None, 0,
                                        ctypes.byref(out_len))
        if status not in (Status.OK, Status.BUFFER_TOO_SMALL):
            raise token_error(status, "signing")
        cap = out_len.value if status == Status.BUFFER_TOO_SMALL else out_len.value + 1
        out = ctypes.create_string_buffer(cap)
        status = lib.authcore_sign_hmac(storage, body, len(body), kid, kid_len, out, cap,
                                        ctypes.byref(out_len))
    if status != Status.OK:
        raise token_error(status, "signing")
    return ctypes.string_at(out, out_len.value).decode("ascii")


def peek_kid(token: Union[str, bytes]) -> Optional[str]:
    """The ``kid`` of the token's header, **unverified** (to pick a key from a JWKS), or
    ``None`` when it has none. Raises :class:`DecodeError` for a malformed token."""
    data = _token_bytes(token)
    out_len = ctypes.c_size_t()
    lib = _lib.lib
    status = lib.authcore_peek_kid(data, len(data), None, 0, ctypes.byref(out_len))
    if status == Status.NOT_FOUND:
        return None
    if status == Status.OK:  # an empty kid
        return ""
    if status != Status.BUFFER_TOO_SMALL:
        raise token_error(status)
    cap = out_len.value
    out = ctypes.create_string_buffer(cap)
    status = lib.authcore_peek_kid(data, len(data), out, cap, ctypes.byref(out_len))
    # A long header is read in the buffer itself, so only this call can tell there is no kid.
    if status == Status.NOT_FOUND:
        return None
    if status != Status.OK:
        raise token_error(status)
    return ctypes.string_at(out, out_len.value).decode("utf-8")
