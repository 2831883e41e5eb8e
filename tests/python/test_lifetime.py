"""Expiry tracking: every source, the refresh margin, sliding windows, pins, bad input."""

from __future__ import annotations

import calendar
import time

import pytest

import authcore
from authcore import Status
from authcore.exceptions import LifetimeError
from authcore.lifetime import RefreshPolicy, TokenStatus, Tracker
from conftest import hs_token


def test_default_policy_is_the_c_default():
    assert RefreshPolicy.default() == RefreshPolicy() == RefreshPolicy(60, 100, 5, 300)


def test_after_fresh_refresh_soon_expired():
    t = Tracker.after(3600, received=1000)
    assert t.expires_at == 4600
    # margin: max(60 s, 10 % of 3600 s) = 360 s; leeway 5 s.
    assert t.status(1000) == TokenStatus("fresh", 3595)
    assert t.status(4600 - 366) == TokenStatus("fresh", 361)
    assert t.status(4600 - 365).state == "refresh_soon"
    assert t.status(4600 - 6) == TokenStatus("refresh_soon", 1)
    assert t.status(4600 - 5) == TokenStatus("expired", 0)


def test_policy_fields_are_used():
    t = Tracker.after(1000, received=0, policy=RefreshPolicy(margin_secs=10, margin_permille=0,
                                                              leeway=0, max_skew=0))
    assert t.status(989).state == "fresh"
    assert t.status(990).state == "refresh_soon"
    assert t.status(999) == TokenStatus("refresh_soon", 1)
    assert t.status(1000).state == "expired"


def test_absolute_sources_agree_with_python():
    when = "2023-01-21T21:40:48Z"
    unix = calendar.timegm(time.strptime(when, "%Y-%m-%dT%H:%M:%SZ"))
    assert Tracker.at_rfc3339(when, received=unix - 100).expires_at == unix
    assert Tracker.at_rfc3339("2023-01-21T23:40:48.75+02:00", received=0).expires_at == unix
    assert Tracker.at(unix, received=0).expires_at == unix
    assert Tracker.at_unix_millis(unix * 1000 + 999, received=0).expires_at == unix


def test_jwt_sources():
    assert Tracker.jwt(exp=2000, iat=1000, received=1000).expires_at == 2000
    # The clock disagrees with iat by more than max_skew: exp - iat anchored at receipt.
    assert Tracker.jwt(exp=2000, iat=1000, received=50_000).expires_at == 51_000
    assert Tracker.jwt(exp=2000, iat=1000, received=7, time_base="monotonic").expires_at == 1007
    assert Tracker.jwt_lifetime(exp=2000, iat=1000, received=5).expires_at == 1005
    with pytest.raises(LifetimeError) as e:
        Tracker.jwt(exp=2000, received=7, time_base="monotonic")
    assert e.value.status == Status.MISSING_CLAIM
    with pytest.raises(LifetimeError):
        Tracker.jwt_lifetime(exp=1000, iat=2000, received=0)


def test_for_claims_from_decode(key):
    now = int(time.time())
    claims = authcore.decode(hs_token({"exp": now + 600, "iat": now}), key)
    t = Tracker.for_claims(claims, received=now)
    assert t.expires_at == now + 600 and t.status(now).state == "fresh"
    assert Tracker.for_claims({"sub": "x"}).expires_at is None


def test_unbounded_and_sliding():
    t = Tracker.unbounded(received=100)
    assert t.expires_at is None and t.status(10**9) == TokenStatus("fresh", None)
    t.make_sliding(6 * 3600)
    assert t.expires_at == 100 + 6 * 3600
    t.touch(1000)
    assert t.expires_at == 1000 + 6 * 3600
    t.touch(900)  # never moves back
    assert t.expires_at == 1000 + 6 * 3600


def test_pin_keeps_a_started_request_valid():
    t = Tracker.after(60, received=0)
    t.pin(50)
    assert t.pinned and t.status(1000).state != "expired"
    t.unpin()
    assert not t.pinned and t.status(1000).state == "expired"
    with pytest.raises(LifetimeError) as e:
        t.pin(1000)
    assert e.value.status == Status.EXPIRED
    with pytest.raises(LifetimeError):
        t.touch(1000)


@pytest.mark.parametrize("call,status", [
    (lambda: Tracker.after(-1, received=0), Status.EXPIRY_OUT_OF_RANGE),
    (lambda: Tracker.at(10**15, received=0), Status.EXPIRY_OUT_OF_RANGE),
    (lambda: Tracker.at_rfc3339("2023-02-30T00:00:00Z", received=0), Status.DATE_TIME),
    (lambda: Tracker.at_rfc3339("yesterday", received=0), Status.DATE_TIME),
    (lambda: Tracker.at_rfc3339("2023-01-01T00:00:00Z\ud800", received=0), Status.INVALID_UTF8),
])
def test_refused_expiries(call, status):
    with pytest.raises(LifetimeError) as e:
        call()
    assert e.value.status == status


@pytest.mark.parametrize("call,exc", [
    (lambda: Tracker.after("60"), TypeError),
    (lambda: Tracker.after(True), TypeError),
    (lambda: Tracker.after(float("nan")), ValueError),
    (lambda: Tracker.at(2**70), ValueError),
    (lambda: Tracker.at_rfc3339(b"2023-01-01T00:00:00Z"), TypeError),
    (lambda: Tracker.jwt(1, time_base="tai"), ValueError),
    (lambda: Tracker.after(1, policy=RefreshPolicy(margin_permille=70000)), ValueError),
    (lambda: Tracker.after(1, policy={"leeway": 1}), TypeError),
    (lambda: Tracker.after(1).make_sliding(-1), ValueError),
    (lambda: Tracker.for_claims([1]), TypeError),
    (lambda: Tracker(), TypeError),
])
def test_bad_arguments(call, exc):
    with pytest.raises(exc):
        call()
