"""Specific errors where the package used to give a vague or wrong one (or none): a long
header that verifies but could not be peeked, limits and durations of the wrong kind, a
non-string ``iss`` nobody asked about, a kid that needs escaping."""

from __future__ import annotations

import pytest

import authcore
from authcore import exceptions as E
from authcore.exceptions import Status

from conftest import hs_token


def test_a_long_header_that_verifies_can_be_peeked(key, now):
    kid = "k" * 1500 + '"\u0001'
    token = hs_token({"exp": now + 60}, header={"alg": "HS256", "typ": "JWT", "kid": kid})
    assert len(token) > 2048
    assert authcore.decode(token, key, ["HS256"]) == {"exp": now + 60}
    assert authcore.peek_kid(token) == kid
    assert authcore.peek_kid(hs_token({}, header={"alg": "HS256", "x": "y" * 3000})) is None


@pytest.mark.parametrize("limit", [2**64 - 1, 2**64, 2**100])
def test_a_huge_max_token_len_is_no_limit(key, now, limit):
    """``size_t`` cannot hold more: a larger limit is clamped to it, not wrapped (2**64 was
    0, and every token was too large)."""
    token = hs_token({"exp": now + 60})
    assert authcore.decode(token, key, max_token_len=limit) == {"exp": now + 60}
    assert authcore.Verifier(key, max_token_len=limit).decode(token) == {"exp": now + 60}


def test_max_age_is_a_duration_not_a_bool(key, now):
    """``True == 1`` and they hash alike: the decode() cache must not let a bool in after the
    same call with 1 (it did), and a bool is no duration (TypeError, as on a first call)."""
    token = hs_token({"exp": now + 60, "iat": now})
    assert authcore.decode(token, key, max_age=1, now=now)
    for flag in (True, False):
        with pytest.raises(TypeError):
            authcore.decode(token, key, max_age=flag, now=now)
        with pytest.raises(TypeError):
            authcore.Verifier(key, max_age=flag)
    assert authcore.decode(token, key, max_age=0, now=now)
    with pytest.raises(TypeError):
        authcore.decode(token, key, max_age=False, now=now)
    for bad in (-1, -2):
        with pytest.raises(ValueError):
            authcore.decode(token, key, max_age=bad, now=now)


def test_a_non_string_iss_is_a_decode_error_unless_an_issuer_is_checked(key, now):
    token = hs_token({"exp": now + 60, "iss": 1})
    with pytest.raises(E.DecodeError) as e:
        authcore.decode(token, key)
    assert not isinstance(e.value, E.InvalidIssuerError)
    assert e.value.status == Status.INVALID_CLAIM
    with pytest.raises(E.InvalidIssuerError):
        authcore.decode(token, key, issuer="me")
    with pytest.raises(E.InvalidIssuerError):
        authcore.decode(token, key, issuer=["me", "you"])


@pytest.mark.parametrize("kid", ['a"b', "back\\slash", "tab\there", "\x01\x1f", "ünï"])
def test_a_kid_that_needs_escaping_is_written_escaped(key, now, kid):
    token = authcore.encode({"exp": now + 60}, key, headers={"kid": kid})
    assert authcore.peek_kid(token) == kid
    assert authcore.decode(token, key) == {"exp": now + 60}
