"""Authorization header values: formatting (checked against Python's base64) and parsing."""

from __future__ import annotations

import base64

import pytest

from authcore import Status
from authcore.exceptions import HeaderError
from authcore.headers import (authorization, basic_authorization, custom_authorization,
                              parse_authorization, parse_basic)


def test_bearer_styles():
    tok = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln-_~+/=="
    assert authorization(tok) == f"Bearer {tok}"
    assert authorization(tok.encode(), "lower_bearer") == f"bearer {tok}"
    assert authorization("opaque!token#1", "bare") == "opaque!token#1"
    assert authorization("dXNlcjpwYXNz", "basic_ready_made") == "Basic dXNlcjpwYXNz"


@pytest.mark.parametrize("user,password", [
    ("Aladdin", "open sesame"), ("", ""), ("zoë", "pässwörd:with:colons"), ("u", "x" * 300),
])
def test_basic_matches_python_base64(user, password):
    expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    value = basic_authorization(user, password)
    assert value == expected
    assert parse_basic(value) == (user, password)
    assert parse_basic(value.encode()) == (user, password)


def test_custom_scheme():
    assert custom_authorization("OpsToken", "abc-123") == "OpsToken abc-123"
    assert custom_authorization("vRealizeOpsToken", b"t") == "vRealizeOpsToken t"


@pytest.mark.parametrize("call,status", [
    (lambda: authorization("a\r\nX-Injected: 1"), Status.CONTROL_CHARACTER),
    (lambda: authorization("tab\there"), Status.CONTROL_CHARACTER),
    (lambda: authorization("has space"), Status.INVALID_TOKEN_SYNTAX),
    (lambda: authorization(""), Status.INVALID_TOKEN_SYNTAX),
    (lambda: authorization("two words", "bare"), Status.INVALID_TOKEN_SYNTAX),
    (lambda: authorization(b"\xff\xfe"), Status.INVALID_UTF8),
    (lambda: basic_authorization("user:name", "pw"), Status.COLON_IN_USER_ID),
    (lambda: basic_authorization("user", "pw\n"), Status.CONTROL_CHARACTER),
    (lambda: custom_authorization("Ops Token", "abc"), Status.INVALID_TOKEN_SYNTAX),
    (lambda: custom_authorization("OpsToken", "a b"), Status.INVALID_TOKEN_SYNTAX),
    (lambda: custom_authorization("Ops\0", "a"), Status.CONTROL_CHARACTER),
])
def test_refused_values(call, status):
    with pytest.raises(HeaderError) as e:
        call()
    assert e.value.status == status
    assert isinstance(e.value, ValueError)


def test_wrong_types_and_styles():
    with pytest.raises(TypeError):
        authorization(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        basic_authorization("u", 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        custom_authorization(b"OpsToken", "t")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown style"):
        authorization("t", "Bearer")
    with pytest.raises(HeaderError):
        authorization("a\ud800")


@pytest.mark.parametrize("value,expected", [
    ("Bearer abc.def", ("bearer", "Bearer", "abc.def")),
    ("  bEaReR   abc  ", ("bearer", "bEaReR", "abc")),
    ("Basic dTpw", ("basic", "Basic", "dTpw")),
    ("OpsToken", ("other", "OpsToken", "")),
    ("OpsToken xyz", ("other", "OpsToken", "xyz")),
])
def test_parse(value, expected):
    assert tuple(parse_authorization(value)) == expected


@pytest.mark.parametrize("value", ["Bearer a b", "Bear(er abc", "Bearer", "", "Basic !!!"])
def test_parse_malformed(value):
    with pytest.raises(HeaderError):
        parse_authorization(value)


@pytest.mark.parametrize("value", [
    "Bearer abc", "Basic " + base64.b64encode(b"nocolon").decode(),
    "Basic " + base64.b64encode(b"\xff:x").decode(), "Basic " + base64.b64encode(b"a\n:b").decode(),
    "Basic " + base64.b64encode(b"u:" + b"p" * 600).decode(),
])
def test_parse_basic_refusals(value):
    with pytest.raises(HeaderError):
        parse_basic(value)
