"""Expiry tracking: is a token fresh, due for renewal, or expired (``authcore_tracker_*``).

A :class:`Tracker` follows one token's expiry, from whichever source the API gives (JWT
``exp``/``iat``, OAuth ``expires_in``, epoch milliseconds, an RFC 3339 date, a sliding
window), under a :class:`RefreshPolicy` (renewal margin, leeway, clock-skew tolerance).
Times are whole seconds; every ``now`` and ``received`` of one tracker must come from one
clock. They default to the current Unix time, for trackers on the wall clock.
"""

from __future__ import annotations

import ctypes
import math
import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, NamedTuple, Optional

from . import _lib
from .exceptions import LifetimeError, Status, _raise_for

__all__ = ["RefreshPolicy", "TokenStatus", "Tracker"]

_STATES = {1: "fresh", 2: "refresh_soon", 3: "expired"}
_TIME_BASES = {"unix": 1, "monotonic": 2}
_I64_MAX = 2**63 - 1


def _seconds(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be whole seconds (int or float), not {type(value).__name__}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{what} must be finite")
        value = math.floor(value)
    if not -(2**63) <= value <= _I64_MAX:
        raise ValueError(f"{what} is out of range")
    return int(value)


def _now(now: Optional[float], what: str = "now") -> int:
    return int(time.time()) if now is None else _seconds(now, what)


@dataclass(frozen=True)
class RefreshPolicy:
    """When to renew and how much to distrust clocks (seconds).

    The refresh margin is ``margin_secs`` or ``margin_permille`` thousandths of the token's
    lifetime, whichever is larger, but never more than half the lifetime; ``leeway``
    treats the token as expired that much before its nominal end; ``max_skew``: when the
    clock and a JWT's ``iat`` disagree by more, ``exp - iat`` is anchored at receipt.
    """

    margin_secs: int = 60
    margin_permille: int = 100
    leeway: int = 5
    max_skew: int = 300

    @classmethod
    def default(cls) -> "RefreshPolicy":
        """The C library's defaults (``authcore_refresh_policy_default``)."""
        s = _lib.RefreshPolicySettings()
        _raise_for(_lib.lib.authcore_refresh_policy_default(ctypes.byref(s)), LifetimeError)
        return cls(s.margin_secs, s.margin_permille, s.leeway, s.max_skew)

    def _c(self) -> _lib.RefreshPolicySettings:
        for name, bits in (("margin_secs", 32), ("margin_permille", 16), ("leeway", 32),
                           ("max_skew", 32)):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v < 2**bits:
                raise ValueError(f"{name} must be an int from 0 to {2**bits - 1}")
        return _lib.RefreshPolicySettings(self.margin_secs, self.margin_permille, self.leeway,
                                          self.max_skew)


class TokenStatus(NamedTuple):
    """A token's state at an instant: ``"fresh"``, ``"refresh_soon"`` or ``"expired"``, and
    the seconds it still works (``None``: no known expiry; 0 when expired)."""

    state: str
    remaining: Optional[int]


class Tracker(_lib.NotCopyable):
    """One token's expiry. Make it with a constructor classmethod."""

    __slots__ = ("_storage", "__weakref__")
    _storage: _lib.TrackerStorage

    def __init__(self) -> None:
        raise TypeError("use a constructor such as Tracker.after or Tracker.for_claims")

    @classmethod
    def _make(cls, policy: Optional[RefreshPolicy], init: Callable[[Any, Any], int]) -> "Tracker":
        p = (policy if policy is not None else RefreshPolicy.default())
        if not isinstance(p, RefreshPolicy):
            raise TypeError("policy must be a RefreshPolicy")
        settings = p._c()
        storage = _lib.TrackerStorage()
        _raise_for(init(ctypes.byref(storage), ctypes.byref(settings)), LifetimeError)
        self = object.__new__(cls)
        self._storage = storage
        return self

    @classmethod
    def unbounded(cls, received: Optional[float] = None,
                  policy: Optional[RefreshPolicy] = None) -> "Tracker":
        """A token with no known expiry: fresh until refused (or until a sliding window
        set with :meth:`make_sliding` runs out)."""
        r = _now(received, "received")
        return cls._make(policy, lambda t, p: _lib.lib.authcore_tracker_unbounded(t, p, r))

    @classmethod
    def after(cls, lifetime: float, received: Optional[float] = None,
              policy: Optional[RefreshPolicy] = None) -> "Tracker":
        """A token that expires ``lifetime`` seconds after ``received`` (OAuth
        ``expires_in``, datarhei's ``exi``, ImmPort's 60 s)."""
        r, life = _now(received, "received"), _seconds(lifetime, "lifetime")
        return cls._make(policy, lambda t, p: _lib.lib.authcore_tracker_after(t, p, r, life))

    @classmethod
    def at(cls, expires_at: float, received: Optional[float] = None,
           policy: Optional[RefreshPolicy] = None) -> "Tracker":
        """A token that expires at the Unix time ``expires_at``."""
        r, e = _now(received, "received"), _seconds(expires_at, "expires_at")
        return cls._make(policy, lambda t, p: _lib.lib.authcore_tracker_at(t, p, r, e))

    @classmethod
    def at_unix_millis(cls, millis: int, received: Optional[float] = None,
                       policy: Optional[RefreshPolicy] = None) -> "Tracker":
        """A token that expires at ``millis`` ms since the epoch (Aria's ``validity``)."""
        r, m = _now(received, "received"), _seconds(millis, "millis")
        return cls._make(policy, lambda t, p: _lib.lib.authcore_tracker_at_unix_millis(t, p, r, m))

    @classmethod
    def at_rfc3339(cls, date_time: str, received: Optional[float] = None,
                   policy: Optional[RefreshPolicy] = None) -> "Tracker":
        """A token that expires at an RFC 3339 date-time (``"2023-01-21T21:40:48Z"``)."""
        if not isinstance(date_time, str):
            raise TypeError(f"date_time must be a str, not {type(date_time).__name__}")
        r = _now(received, "received")
        d = date_time.encode("utf-8", "surrogatepass")
        return cls._make(
            policy, lambda t, p: _lib.lib.authcore_tracker_at_rfc3339(t, p, r, d, len(d))
        )

    @classmethod
    def jwt(cls, exp: float, iat: Optional[float] = None, received: Optional[float] = None,
            time_base: str = "unix", policy: Optional[RefreshPolicy] = None) -> "Tracker":
        """A JWT from its ``exp`` and ``iat``. On the ``"unix"`` clock ``exp`` is used as it
        is unless the clock disagrees with ``iat`` by more than ``max_skew``; on a
        ``"monotonic"`` clock ``exp - iat`` is anchored at ``received`` (``iat`` required)."""
        if time_base not in _TIME_BASES:
            raise ValueError(f"time_base must be one of {', '.join(_TIME_BASES)}")
        r, e = _now(received, "received"), _seconds(exp, "exp")
        i = 0 if iat is None else _seconds(iat, "iat")
        base = _TIME_BASES[time_base]
        return cls._make(
            policy,
            lambda t, p: _lib.lib.authcore_tracker_jwt(t, p, r, base, e, iat is not None, i),
        )

    @classmethod
    def jwt_lifetime(cls, exp: float, iat: float, received: Optional[float] = None,
                     policy: Optional[RefreshPolicy] = None) -> "Tracker":
        """A JWT by its own lifetime, ``exp - iat`` anchored at ``received``, whatever the
        clock says."""
        r, e, i = _now(received, "received"), _seconds(exp, "exp"), _seconds(iat, "iat")
        return cls._make(policy, lambda t, p: _lib.lib.authcore_tracker_jwt_lifetime(t, p, r, e, i))

    @classmethod
    def for_claims(cls, claims: Dict[str, Any], received: Optional[float] = None,
                   policy: Optional[RefreshPolicy] = None) -> "Tracker":
        """A tracker for the claims :func:`authcore.decode` returned: from ``exp`` (and
        ``iat`` when present), or unbounded when there is no ``exp``."""
        if not isinstance(claims, dict):
            raise TypeError("claims must be a dict")
        if "exp" not in claims:
            return cls.unbounded(received, policy)
        return cls.jwt(claims["exp"], claims.get("iat"), received, "unix", policy)

    def _ref(self) -> Any:
        return ctypes.byref(self._storage)

    def make_sliding(self, window: int) -> None:
        """Every :meth:`touch` moves the end to at least ``now + window``."""
        if isinstance(window, bool) or not isinstance(window, int) or not 0 <= window < 2**32:
            raise ValueError("window must be an int of seconds from 0 to 2**32 - 1")
        _raise_for(_lib.lib.authcore_tracker_make_sliding(self._ref(), window), LifetimeError)

    def status(self, now: Optional[float] = None) -> TokenStatus:
        """The token's status at ``now`` (or at the pinned instant while pinned)."""
        out = _lib.TokenStatus()
        _raise_for(_lib.lib.authcore_tracker_status(self._ref(), _now(now), ctypes.byref(out)),
                   LifetimeError)
        remaining = None if out.remaining == _I64_MAX else int(out.remaining)
        return TokenStatus(_STATES.get(out.state, "expired"), remaining)

    @property
    def expires_at(self) -> Optional[int]:
        """When the token expires (before leeway), or ``None`` when unknown."""
        out = ctypes.c_int64()
        status = _lib.lib.authcore_tracker_expires_at(self._ref(), ctypes.byref(out))
        if status == Status.NOT_FOUND:
            return None
        _raise_for(status, LifetimeError)
        return int(out.value)

    def touch(self, now: Optional[float] = None) -> None:
        """Records a use (moves a sliding end). :class:`LifetimeError` with status
        ``EXPIRED`` when the token has expired: it is not revived."""
        _raise_for(_lib.lib.authcore_tracker_touch(self._ref(), _now(now)), LifetimeError)

    def pin(self, now: Optional[float] = None) -> None:
        """Pins validity at ``now`` (a request's start) until :meth:`unpin`."""
        _raise_for(_lib.lib.authcore_tracker_pin(self._ref(), _now(now)), LifetimeError)

    def unpin(self) -> None:
        """Ends a pin: the status follows the clock again."""
        _raise_for(_lib.lib.authcore_tracker_unpin(self._ref()), LifetimeError)

    @property
    def pinned(self) -> bool:
        """Whether validity is pinned."""
        out = ctypes.c_bool()
        _raise_for(_lib.lib.authcore_tracker_is_pinned(self._ref(), ctypes.byref(out)),
                   LifetimeError)
        return bool(out.value)

    def __repr__(self) -> str:
        return f"<Tracker expires_at={self.expires_at} pinned={self.pinned}>"
