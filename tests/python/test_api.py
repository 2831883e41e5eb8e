"""decode/verify, Verifier, encode and peek_kid: every option and every error, bad input."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import jwt as pyjwt
import pytest

import authcore
from authcore import Status
from authcore import exceptions as E
from conftest import SECRET, b64url, b64url_decode, hs_token


# --- the exception hierarchy -------------------------------------------------------------

PYJWT_NAMES = [
    "PyJWTError", "InvalidTokenError", "DecodeError", "InvalidSignatureError",
    "ExpiredSignatureError", "InvalidAudienceError", "InvalidIssuerError",
    "InvalidIssuedAtError", "ImmatureSignatureError", "InvalidKeyError",
    "InvalidAlgorithmError", "MissingRequiredClaimError", "InvalidSubjectError",
    "InvalidJTIError",
]


@pytest.mark.parametrize("name", PYJWT_NAMES)
def test_hierarchy_is_pyjwts(name):
    ours = getattr(authcore, name, None) or getattr(E, name)
    theirs = getattr(pyjwt.exceptions, name)
    for other in PYJWT_NAMES:
        assert issubclass(ours, getattr(E, other)) == issubclass(
            theirs, getattr(pyjwt.exceptions, other)
        ), (name, other)


def test_authcore_own_exceptions_sit_under_pyjwt_classes():
    assert issubclass(E.TooOldError, E.ExpiredSignatureError)
    assert issubclass(E.TokenTooLargeError, E.DecodeError)
    assert issubclass(E.UnsupportedHeaderError, E.DecodeError)
    assert issubclass(E.ClaimMismatchError, E.InvalidTokenError)
    assert issubclass(E.LibraryNotFoundError, ImportError)
    assert issubclass(E.LibraryError, E.PyJWTError)


def test_unknown_status_from_a_key_constructor_is_invalid_key():
    e = E.key_error(77)
    assert type(e) is E.InvalidKeyError and e.status == 77
    assert E.key_error(Status.INTERNAL_ERROR).__class__ is E.AuthcoreInternalError


def test_unknown_status_from_verify_is_invalid_token():
    e = E.token_error(99)
    assert type(e) is E.InvalidTokenError and e.status == 99


@pytest.mark.parametrize("status", list(Status))
def test_every_status_maps_to_an_exception_with_that_status(status):
    if status == Status.OK:
        return
    e = E.token_error(status)
    assert isinstance(e, E.PyJWTError) and e.status == status
    assert str(e)


# --- decode: the good path ----------------------------------------------------------------

def test_decode_returns_every_claim(key, now):
    claims = {"sub": "dev-42", "exp": now + 60, "iat": now, "scope": ["a", "b"],
              "nested": {"x": [1, 2.5, None, True]}, "name": "Zoë \u2603", "big": 2**70}
    assert authcore.decode(hs_token(claims), key, ["HS256"]) == claims


def test_verify_is_decode_of_authcore_keys(key, now):
    # verify never skips the signature: it is the decode behind the PyJWT layer.
    assert authcore.verify is authcore.api.decode
    with pytest.raises(ValueError, match="verify_signature"):
        authcore.verify(hs_token({"exp": now + 5}), key, options={"verify_signature": False})


def test_str_and_bytes_tokens(key, now):
    t = hs_token({"exp": now + 5})
    assert authcore.decode(t, key) == authcore.decode(t.encode(), key) == {"exp": now + 5}
    assert authcore.decode(bytearray(t.encode()), key) == {"exp": now + 5}


def test_algorithms_may_be_a_str_or_omitted(key, now):
    t = hs_token({"exp": now + 5})
    assert authcore.decode(t, key, "HS256") == authcore.decode(t, key) == {"exp": now + 5}


def test_algorithms_without_the_keys_is_invalid_algorithm(key, now):
    with pytest.raises(E.InvalidAlgorithmError, match="HS256"):
        authcore.decode(hs_token({"exp": now + 5}), key, ["HS384", "RS256"])


def test_token_of_another_algorithm(key, now):
    t = hs_token({"exp": now + 5}, alg="HS512")
    with pytest.raises(E.InvalidAlgorithmError) as e:
        authcore.decode(t, key, ["HS256", "HS512"])
    assert e.value.status == Status.ALGORITHM_MISMATCH


@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
def test_alg_none_is_refused(key, now, alg):
    t = f"{b64url(json.dumps({'alg': alg}).encode())}.{b64url(json.dumps({'exp': now + 5}).encode())}."
    with pytest.raises(E.InvalidAlgorithmError):
        authcore.decode(t, key)


def test_missing_alg(key, now):
    with pytest.raises(E.InvalidAlgorithmError) as e:
        authcore.decode(hs_token({"exp": now + 5}, header={"typ": "JWT"}), key)
    assert e.value.status == Status.MISSING_ALGORITHM


def test_wrong_secret(now):
    k = authcore.HmacKey.from_secret(b"another secret of some length....")
    with pytest.raises(E.InvalidSignatureError) as e:
        authcore.decode(hs_token({"exp": now + 5}), k)
    assert e.value.status == Status.INVALID_SIGNATURE


# --- time ---------------------------------------------------------------------------------

def test_expired_at_the_exact_second(key, now):
    t = hs_token({"exp": now})
    with pytest.raises(E.ExpiredSignatureError) as e:
        authcore.decode(t, key, now=now)
    assert e.value.status == Status.EXPIRED
    assert authcore.decode(t, key, now=now - 1) == {"exp": now}


def test_leeway_int_float_timedelta(key, now):
    t = hs_token({"exp": now - 10})
    for leeway in (11, 11.9, timedelta(seconds=11)):
        assert authcore.decode(t, key, leeway=leeway, now=now)
    with pytest.raises(E.ExpiredSignatureError):
        authcore.decode(t, key, leeway=10, now=now)


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf"), "5", None, True])
def test_bad_leeway(key, now, bad):
    with pytest.raises((TypeError, ValueError)):
        authcore.decode(hs_token({"exp": now + 5}), key, leeway=bad)


def test_now_as_float_and_datetime(key, now):
    t = hs_token({"exp": now + 10})
    assert authcore.decode(t, key, now=now + 9.99)
    assert authcore.decode(t, key, now=datetime.fromtimestamp(now + 9, tz=timezone.utc))
    with pytest.raises(E.ExpiredSignatureError):
        authcore.decode(t, key, now=datetime.fromtimestamp(now + 10, tz=timezone.utc))


@pytest.mark.parametrize("bad", ["now", float("nan"), 2**64, True, [1]])
def test_bad_now(key, now, bad):
    with pytest.raises((TypeError, ValueError)):
        authcore.decode(hs_token({"exp": now + 5}), key, now=bad)


def test_not_before(key, now):
    t = hs_token({"nbf": now + 10})
    with pytest.raises(E.ImmatureSignatureError) as e:
        authcore.decode(t, key, now=now)
    assert e.value.status == Status.NOT_YET_VALID
    assert authcore.decode(t, key, now=now + 10) == {"nbf": now + 10}
    assert authcore.decode(t, key, now=now, leeway=10)
    assert authcore.decode(t, key, now=now, options={"verify_nbf": False})


def test_issued_in_the_future_is_checked_by_default_as_pyjwt(key, now):
    t = hs_token({"iat": now + 10})
    with pytest.raises(E.ImmatureSignatureError) as e:
        authcore.decode(t, key, now=now)
    assert e.value.status == Status.ISSUED_IN_FUTURE
    assert authcore.decode(t, key, now=now, options={"verify_iat": False})


def test_verify_exp_false(key, now):
    assert authcore.decode(hs_token({"exp": now - 100}), key, options={"verify_exp": False})


def test_max_age(key, now):
    t = hs_token({"iat": now - 100})
    assert authcore.decode(t, key, now=now, max_age=100)
    with pytest.raises(E.TooOldError) as e:
        authcore.decode(t, key, now=now, max_age=99)
    assert e.value.status == Status.TOO_OLD
    assert isinstance(e.value, E.ExpiredSignatureError)
    assert authcore.decode(t, key, now=now, max_age=timedelta(seconds=100))
    with pytest.raises(E.MissingRequiredClaimError) as m:
        authcore.decode(hs_token({"exp": now + 5}), key, now=now, max_age=10)
    assert m.value.claim == "iat"


# --- claims -------------------------------------------------------------------------------

def test_require(key, now):
    t = hs_token({"exp": now + 5, "sub": "x"})
    assert authcore.decode(t, key, options={"require": ["exp", "sub"]})
    with pytest.raises(E.MissingRequiredClaimError) as e:
        authcore.decode(t, key, options={"require": ["exp", "sub", "iss"]})
    assert e.value.claim == "iss" and e.value.status == Status.MISSING_CLAIM
    assert str(e.value) == 'Token is missing the "iss" claim'
    with pytest.raises(E.MissingRequiredClaimError) as e:
        authcore.decode(t, key, options={"require": ["custom"]})
    assert e.value.claim == "custom"


def test_nothing_required_by_default_as_pyjwt(key):
    assert authcore.decode(hs_token({"a": 1}), key) == {"a": 1}


def test_issuer(key, now):
    t = hs_token({"iss": "https://a.example", "exp": now + 5})
    assert authcore.decode(t, key, issuer="https://a.example")
    assert authcore.decode(t, key, issuer=["x", "https://a.example"])
    assert authcore.decode(t, key, issuer=("x", "https://a.example"))
    with pytest.raises(E.InvalidIssuerError) as e:
        authcore.decode(t, key, issuer="https://b.example")
    assert e.value.status == Status.INVALID_ISSUER
    with pytest.raises(E.MissingRequiredClaimError) as m:
        authcore.decode(hs_token({"exp": now + 5}), key, issuer="x")
    assert m.value.claim == "iss"
    assert authcore.decode(t, key, issuer="other", options={"verify_iss": False})


def test_audience(key, now):
    t = hs_token({"aud": ["api", "web"], "exp": now + 5})
    assert authcore.decode(t, key, audience="web")
    assert authcore.decode(t, key, audience=["x", "api"])
    with pytest.raises(E.InvalidAudienceError):
        authcore.decode(t, key, audience="db")
    with pytest.raises(E.InvalidAudienceError):  # aud present, none expected: as PyJWT
        authcore.decode(t, key)
    assert authcore.decode(t, key, options={"verify_aud": False})
    with pytest.raises(E.MissingRequiredClaimError) as m:
        authcore.decode(hs_token({"exp": now + 5}), key, audience="api")
    assert m.value.claim == "aud"


def test_subject(key, now):
    t = hs_token({"sub": "dev-1"})
    assert authcore.decode(t, key, subject="dev-1")
    with pytest.raises(E.InvalidSubjectError):
        authcore.decode(t, key, subject="dev-2")
    with pytest.raises(E.MissingRequiredClaimError):
        authcore.decode(hs_token({}), key, subject="dev-1")
    assert authcore.decode(t, key, subject="dev-2", options={"verify_sub": False})


def test_claim_equals(key):
    t = hs_token({"usefor": "access", "n": 1})
    assert authcore.decode(t, key, claim_equals={"usefor": "access"})
    with pytest.raises(E.ClaimMismatchError) as e:
        authcore.decode(t, key, claim_equals={"usefor": "refresh"})
    assert e.value.status == Status.CLAIM_MISMATCH
    with pytest.raises(E.ClaimMismatchError):
        authcore.decode(t, key, claim_equals={"n": "1"})
    with pytest.raises(E.MissingRequiredClaimError) as m:
        authcore.decode(t, key, claim_equals={"other": "x"})
    assert m.value.claim == "other"


@pytest.mark.parametrize("payload,cls", [
    ({"exp": "soon"}, E.DecodeError),
    ({"nbf": [1]}, E.DecodeError),
    ({"iat": "x"}, E.InvalidIssuedAtError),
    ({"iss": 5}, E.DecodeError),  # no issuer asked for (InvalidIssuerError when one is)
    ({"aud": ["a", 1]}, E.InvalidAudienceError),
    ({"sub": {}}, E.InvalidSubjectError),
    ({"jti": 7}, E.InvalidJTIError),
])
def test_registered_claims_of_the_wrong_type(key, payload, cls):
    with pytest.raises(cls) as e:
        authcore.decode(hs_token(payload), key)
    assert e.value.status == Status.INVALID_CLAIM


def test_typ(key, now):
    t = hs_token({"exp": now + 5}, header={"alg": "HS256", "typ": "at+jwt"})
    assert authcore.decode(t, key)  # any typ by default, as PyJWT
    assert authcore.decode(t, key, typ="AT+JWT")
    with pytest.raises(E.UnsupportedHeaderError) as e:
        authcore.decode(t, key, typ="JWT")
    assert e.value.status == Status.INVALID_TYPE


@pytest.mark.parametrize("extra,status", [
    ({"crit": ["exp"]}, Status.CRITICAL_HEADER),
    ({"b64": False}, Status.UNENCODED_PAYLOAD),
    ({"cty": "JWT"}, Status.UNSUPPORTED_CONTENT_TYPE),
    ({"kid": 5}, Status.INVALID_HEADER),
])
def test_refused_headers(key, now, extra, status):
    t = hs_token({"exp": now + 5}, header={"alg": "HS256", **extra})
    with pytest.raises(E.DecodeError) as e:
        authcore.decode(t, key)
    assert e.value.status == status


def test_enforce_minimum_key_length(now):
    short = authcore.HmacKey.from_secret(b"short")
    t = hs_token({"exp": now + 5}, secret=b"short")
    assert authcore.decode(t, short)
    with pytest.raises(E.InvalidKeyError) as e:
        authcore.decode(t, short, options={"enforce_minimum_key_length": True})
    assert e.value.status == Status.KEY_SECRET_TOO_SHORT


# --- options and argument errors ----------------------------------------------------------

def test_unknown_option(key):
    with pytest.raises(ValueError, match="verify_exq"):
        authcore.decode(hs_token({}), key, options={"verify_exq": True})


def test_strict_aud_only_in_the_pyjwt_layer(key):
    # authcore.decode checks it on verified claims (test_pyjwt_compat.py); verify has no such step.
    with pytest.raises(ValueError, match="strict_aud"):
        authcore.verify(hs_token({}), key, options={"strict_aud": True})


@pytest.mark.parametrize("kwargs,exc", [
    ({"issuer": b"bytes"}, TypeError),
    ({"issuer": 5}, TypeError),
    ({"issuer": []}, ValueError),
    ({"issuer": ["a"] * 9}, ValueError),
    ({"issuer": ["a", 1]}, TypeError),
    ({"issuer": "a\0b"}, ValueError),
    ({"audience": [None]}, TypeError),
    ({"audience": ()}, ValueError),
    ({"subject": 5}, TypeError),
    ({"claim_equals": {"a": 1}}, TypeError),
    ({"claim_equals": [("a", "b")]}, TypeError),
    ({"claim_equals": {str(i): "v" for i in range(9)}}, ValueError),
    ({"options": {"require": ["a"] * 9}}, ValueError),
    ({"options": {"require": [b"exp"]}}, TypeError),
    ({"options": "require"}, TypeError),
    ({"max_age": -1}, ValueError),
    ({"typ": 1}, TypeError),
    ({"max_token_len": 0}, ValueError),
])
def test_bad_arguments(key, kwargs, exc):
    with pytest.raises(exc):
        authcore.decode(hs_token({}), key, **kwargs)


@pytest.mark.parametrize("bad_key", [None, 1, 1.5, ["secret"]])
def test_key_of_another_type(bad_key):
    with pytest.raises(TypeError, match="key"):
        authcore.decode(hs_token({}), bad_key, ["HS256"])
    with pytest.raises(TypeError, match="authcore key"):
        authcore.verify(hs_token({}), bad_key)


@pytest.mark.parametrize("secret", [SECRET, SECRET.decode()])
def test_text_key_needs_algorithms(secret):
    with pytest.raises(E.DecodeError, match='"algorithms" argument'):
        authcore.decode(hs_token({}), secret)
    assert authcore.decode(hs_token({}), secret, ["HS256"]) == {}


@pytest.mark.parametrize("token", [None, 123, 1.5, ["a.b.c"], {"t": 1}])
def test_token_of_another_type_is_decode_error_as_pyjwt(key, token):
    with pytest.raises(E.DecodeError, match="token type"):
        authcore.decode(token, key)


@pytest.mark.parametrize("token,status", [
    ("", Status.SEGMENT_COUNT),
    ("abc", Status.SEGMENT_COUNT),
    ("a.b", Status.SEGMENT_COUNT),
    ("a.b.c.d", Status.SEGMENT_COUNT),
    ("a+b.c.d", Status.BASE64),
    ("e30=.e30.", Status.BASE64),
    (f"{b64url(b'not json')}.e30.", Status.JSON),
    (f"{b64url(b'[1]')}.e30.", Status.JSON),
])
def test_malformed_tokens(key, token, status):
    with pytest.raises(E.DecodeError) as e:
        authcore.decode(token, key)
    assert e.value.status == status


def test_non_utf8_bytes(key):
    with pytest.raises(E.DecodeError) as e:
        authcore.decode(b"\xff\xfe.\x80.\xc3", key)
    assert e.value.status == Status.INVALID_UTF8


def test_non_utf8_payload_behind_a_valid_signature(key):
    with pytest.raises(E.DecodeError):
        authcore.decode(hs_token(None, raw_payload=b'{"a":"\xff"}'), key)


def test_lone_surrogate_str_token(key):
    with pytest.raises(E.DecodeError):
        authcore.decode("a\ud800.b.c", key)


def test_payload_that_is_not_an_object(key):
    with pytest.raises(E.DecodeError):
        authcore.decode(hs_token([1, 2]), key)


def test_duplicate_claim_is_refused(key):
    with pytest.raises(E.DecodeError) as e:
        authcore.decode(hs_token(None, raw_payload=b'{"exp":1,"exp":2}'), key)
    assert e.value.status == Status.JSON


def test_huge_tokens(key, now):
    big = hs_token({"exp": now + 5, "blob": "x" * 20_000})
    with pytest.raises(E.TokenTooLargeError) as e:
        authcore.decode(big, key)
    assert e.value.status == Status.TOKEN_TOO_LARGE
    assert authcore.decode(big, key, max_token_len=len(big))["blob"] == "x" * 20_000
    with pytest.raises(E.TokenTooLargeError):
        authcore.decode("a" * 50_000_000, key)


def test_deep_nesting_is_refused_not_a_crash(key):
    with pytest.raises(E.DecodeError):
        authcore.decode(hs_token(None, raw_payload=b'{"a":' + b"[" * 5000 + b"]" * 5000 + b"}"),
                        key, max_token_len=100_000)


def test_failed_verification_leaves_nothing_in_the_work_buffer(key, now):
    from authcore import api
    t = hs_token({"exp": now - 5, "secret-ish": "zzzzzzzzzzzzzzzzzzzzzzzzz"})
    with pytest.raises(E.ExpiredSignatureError):
        authcore.decode(t, key)
    assert b"zzzzzzzz" not in api._work().buf.raw


# --- Verifier -----------------------------------------------------------------------------

def test_verifier_checks_once_and_verifies_many(key, now):
    v = authcore.api.Verifier(key, ["HS256"], issuer="me", audience="api", leeway=5)
    good = hs_token({"iss": "me", "aud": "api", "exp": now + 5})
    assert v.decode(good) == {"iss": "me", "aud": "api", "exp": now + 5}
    assert v.decode(good, now=now + 9)
    with pytest.raises(E.ExpiredSignatureError):
        v.decode(good, now=now + 10)
    with pytest.raises(E.InvalidIssuerError):
        v.decode(hs_token({"iss": "you", "aud": "api"}))
    with pytest.raises(E.InvalidAlgorithmError):
        authcore.api.Verifier(key, ["RS256"])


def test_decode_cache_does_not_mix_keys(now):
    a = authcore.HmacKey.from_secret(b"a" * 32)
    b = authcore.HmacKey.from_secret(b"b" * 32)
    ta = hs_token({"exp": now + 5}, secret=b"a" * 32)
    assert authcore.decode(ta, a, ["HS256"], issuer=None)
    with pytest.raises(E.InvalidSignatureError):
        authcore.decode(ta, b, ["HS256"], issuer=None)


def test_decode_with_list_arguments_is_cached_and_correct(key, now):
    t = hs_token({"iss": "x", "exp": now + 5})
    for _ in range(3):
        assert authcore.decode(t, key, ["HS256"], issuer=["x", "y"])
        with pytest.raises(E.InvalidIssuerError):
            authcore.decode(t, key, ["HS256"], issuer=["y", "z"])


# --- encode -------------------------------------------------------------------------------

@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512"])
def test_encode_is_read_by_pyjwt(alg, now):
    k = authcore.HmacKey.from_secret(SECRET, alg)
    claims = {"sub": "s", "exp": now + 60, "nested": {"a": [1, "ü"]}}
    t = authcore.encode(claims, k, headers={"kid": "key-1"})
    assert pyjwt.decode(t, SECRET, [alg]) == claims
    assert pyjwt.get_unverified_header(t) == {"alg": alg, "typ": "JWT", "kid": "key-1"}
    assert authcore.decode(t, k) == claims


def test_encode_datetime_claims(key, now):
    exp = datetime.fromtimestamp(now + 60, tz=timezone.utc)
    t = authcore.encode({"exp": exp}, key)
    assert authcore.decode(t, key) == {"exp": now + 60}


@pytest.mark.parametrize("kwargs,exc", [
    ({"headers": {"x5u": "http://x"}}, ValueError),
    ({"headers": {"alg": "HS512"}}, E.InvalidAlgorithmError),
    ({"headers": {"typ": "at+jwt"}}, ValueError),
    ({"headers": {"kid": 5}}, E.InvalidTokenError),  # PyJWT's class
    ({"headers": {"kid": "a\0"}}, ValueError),
    ({"headers": "kid"}, TypeError),
    ({"algorithm": "HS384"}, E.InvalidAlgorithmError),
])
def test_encode_argument_errors(key, kwargs, exc):
    with pytest.raises(exc):
        authcore.encode({"a": 1}, key, **kwargs)


def test_encode_bad_claims(key):
    with pytest.raises(TypeError):
        authcore.encode([1], key)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        authcore.encode({"a": object()}, key)
    with pytest.raises(ValueError):
        authcore.encode({"a": float("nan")}, key)
    with pytest.raises(TypeError):
        authcore.encode({"a": 1}, 5)  # type: ignore[arg-type]


def test_encode_large_claims(key):
    t = authcore.encode({"blob": "y" * 100_000}, key)
    assert authcore.decode(t, key, max_token_len=len(t))["blob"] == "y" * 100_000


# --- peek_kid -----------------------------------------------------------------------------

def test_peek_kid(key, now):
    assert authcore.peek_kid(authcore.encode({"a": 1}, key, headers={"kid": "k-é"})) == "k-é"
    assert authcore.peek_kid(authcore.encode({"a": 1}, key)) is None
    assert authcore.peek_kid(hs_token({}, header={"alg": "HS256", "kid": ""})) == ""
    with pytest.raises(E.DecodeError):
        authcore.peek_kid("garbage")
    with pytest.raises(E.DecodeError):
        authcore.peek_kid(None)  # type: ignore[arg-type]
    with pytest.raises(E.DecodeError):
        authcore.peek_kid(b"\xff.\xff.\xff")


def test_decode_cache_sees_arguments_changed_in_place(key, now):
    t = hs_token({"iss": "x", "sub": "s", "exp": now + 5})
    issuers = ["x"]
    options = {"require": ["sub"]}
    assert authcore.decode(t, key, issuer=issuers, options=options)
    issuers[0] = "y"
    with pytest.raises(E.InvalidIssuerError):
        authcore.decode(t, key, issuer=issuers, options=options)
    issuers[0] = "x"
    options["require"].append("jti")
    with pytest.raises(E.MissingRequiredClaimError):
        authcore.decode(t, key, issuer=issuers, options=options)


def test_decode_cache_keeps_type_checks(key, now):
    t = hs_token({"exp": now + 5})
    assert authcore.decode(t, key, leeway=1)
    with pytest.raises(TypeError):
        authcore.decode(t, key, leeway=True)


def test_hostile_inputs_only_raise_pyjwt_errors(key, now):
    """Random bytes, random base64url segments and mutated valid tokens: every outcome is a
    claims dict or a PyJWTError (never another exception, never a crash)."""
    import random

    rng = random.Random(1234)
    good = hs_token({"exp": now + 100, "sub": "s", "aud": ["a", "b"], "n": [1, {"x": None}]})
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
    seen = set()
    for i in range(4000):
        kind = i % 4
        if kind == 0:
            token = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 200)))
        elif kind == 1:
            token = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 300)))
        elif kind == 2:
            t = bytearray(good.encode())
            for _ in range(rng.randrange(1, 4)):
                t[rng.randrange(len(t))] = rng.randrange(256)
            token = bytes(t)
        else:
            payload = bytes(rng.randrange(32, 127) for _ in range(rng.randrange(0, 60)))
            token = hs_token(None, raw_payload=b'{"a":' + payload + b"}")
        try:
            authcore.decode(token, key, audience="a")
            seen.add("valid")
        except E.PyJWTError as e:
            seen.add(type(e).__name__)
    assert {"DecodeError", "InvalidSignatureError"} <= seen


def test_threads_share_keys_and_policies(key, now):
    import threading

    tokens = [hs_token({"exp": now + 100, "i": i, "pad": "p" * (i * 37 % 3000)}) for i in range(200)]
    errors = []

    def work():
        try:
            for _ in range(5):
                for i, t in enumerate(tokens):
                    assert authcore.decode(t, key, max_token_len=10_000)["i"] == i
                    # decode()'s fast path (no authcore-only argument).
                    assert authcore.decode(t, key, ["HS256"])["i"] == i
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


# --- fractional NumericDates ----------------------------------------------------------------

@pytest.mark.parametrize("frac", ["000001", "5", "99999999", "999999999"])
def test_fractional_dates_round_toward_refusal_as_pyjwt(key, now, frac):
    """nbf and iat at `now.frac` are in the future at `now` (as PyJWT, which compares
    floats, and jwcrypto say); exp at
    `now.frac` has expired at `now` (the safe side: authcore rounds exp down)."""
    far = now + 100_000
    nbf = hs_token(None, raw_payload=b'{"exp":%d,"nbf":%d.%s}' % (far, now, frac.encode()))
    with pytest.raises(E.ImmatureSignatureError) as e:
        authcore.decode(nbf, key, now=now)
    assert e.value.status == Status.NOT_YET_VALID
    claims = authcore.decode(nbf, key, now=now + 1)
    assert claims == json.loads(b64url_decode(nbf.split(".")[1]))

    iat = hs_token(None, raw_payload=b'{"exp":%d,"iat":%d.%s}' % (far, now, frac.encode()))
    with pytest.raises(E.ImmatureSignatureError) as e:
        authcore.decode(iat, key, now=now)
    assert e.value.status == Status.ISSUED_IN_FUTURE
    assert authcore.decode(iat, key, now=now + 1)

    exp = hs_token(None, raw_payload=b'{"exp":%d.%s}' % (now, frac.encode()))
    with pytest.raises(E.ExpiredSignatureError):
        authcore.decode(exp, key, now=now)
    assert authcore.decode(exp, key, now=now - 1)


def test_fractional_dates_with_leeway_and_negative(key, now):
    t = hs_token(None, raw_payload=b'{"exp":%d,"nbf":%d.5}' % (now + 1000, now))
    assert authcore.decode(t, key, now=now - 4, leeway=5)
    with pytest.raises(E.ImmatureSignatureError):
        authcore.decode(t, key, now=now - 5, leeway=5)
    t = hs_token(None, raw_payload=b'{"exp":%d,"nbf":%d.5}' % (now + 1000, 9223372036854775807))
    with pytest.raises(E.DecodeError):
        authcore.decode(t, key, now=now)


# --- claims and refusals come from the C library ----------------------------------------

def test_first_failed_check_in_the_librarys_order_picks_the_class(key):
    # The claims are read in the token's order: an out-of-range exp before a string iat is
    # refused for exp (PyJWT's class for a bad exp), and the other way round for iat.
    t = hs_token(None, raw_payload=b'{"exp":1e400,"iat":"x"}')
    with pytest.raises(E.DecodeError) as e:
        authcore.decode(t, key)
    assert not isinstance(e.value, E.InvalidIssuedAtError)
    assert e.value.status == Status.INVALID_CLAIM and "exp" in str(e.value)
    t = hs_token(None, raw_payload=b'{"iat":"x","exp":1e400}')
    with pytest.raises(E.InvalidIssuedAtError):
        authcore.decode(t, key)


def test_the_missing_claim_is_named_by_the_library(key, now):
    t = hs_token({"exp": now + 60, "role": 1})
    with pytest.raises(E.MissingRequiredClaimError) as e:
        authcore.decode(t, key, options={"require": ["exp", "role", "scope", "other"]})
    assert e.value.claim == "scope"
    with pytest.raises(E.MissingRequiredClaimError) as e:
        authcore.decode(t, key, claim_equals={"usefor": "access"})
    assert e.value.claim == "usefor"


def test_claims_are_returned_exactly_as_the_json_has_them(key, now):
    raw = (b'{"exp":%d,"i":1,"f":1.5,"one":1.0,"tiny":5e-324,"big":123456789012345678901234567890,'
           b'"neg":-0.0,"s":"a\\u00e9\\ud83d\\ude00","n":null,"o":{"a":[1,2.25]}}' % (now + 60))
    got = authcore.decode(hs_token(None, raw_payload=raw), key)
    want = json.loads(raw)
    assert got == want
    for name in ("i", "big"):
        assert type(got[name]) is int
    for name in ("f", "one", "tiny", "neg"):
        assert type(got[name]) is float and repr(got[name]) == repr(want[name])
    assert got["s"] == "a\u00e9\U0001F600"


def test_python_decodes_no_payload_itself(key, now, monkeypatch):
    import base64
    import binascii
    import inspect

    from authcore import api

    def refuse(*args, **kwargs):
        raise AssertionError("the Python package decoded base64 itself")

    for module, name in [(base64, "urlsafe_b64decode"), (base64, "b64decode"),
                         (binascii, "a2b_base64")]:
        monkeypatch.setattr(module, name, refuse)
    source = inspect.getsource(api)
    assert "base64" not in source and "a2b" not in source
    good = hs_token({"exp": now + 60, "sub": "x"})
    assert authcore.decode(good, key) == {"exp": now + 60, "sub": "x"}
    with pytest.raises(E.MissingRequiredClaimError):
        authcore.decode(good, key, options={"require": ["role"]})
    with pytest.raises(E.InvalidIssuedAtError):
        authcore.decode(hs_token({"iat": "x"}), key)


# --- documented refusals where PyJWT is lenient -------------------------------------------

@pytest.mark.parametrize("header,payload,exc,status", [
    ({"alg": "HS256", "typ": 1}, {}, E.DecodeError, Status.INVALID_HEADER),
    ({"alg": "HS256", "cty": 1}, {}, E.DecodeError, Status.INVALID_HEADER),
    ({"alg": "HS256", "kid": 1}, {}, E.DecodeError, Status.INVALID_HEADER),
    ({"alg": "HS256"}, {"iat": "x"}, E.InvalidIssuedAtError, Status.INVALID_CLAIM),
    ({"alg": "HS256"}, {"iat": True}, E.InvalidIssuedAtError, Status.INVALID_CLAIM),
    ({"alg": "HS256"}, {"nbf": True}, E.DecodeError, Status.INVALID_CLAIM),
])
def test_types_refused_where_pyjwt_is_lenient(key, now, header, payload, exc, status):
    """python/README.md and SECURITY.md list these refusals and say why."""
    t = hs_token({"exp": now + 60, **payload}, header=header)
    with pytest.raises(exc) as e:
        authcore.decode(t, key, now=now)
    assert e.value.status == status
    assert type(e.value) is exc or isinstance(e.value, exc)
