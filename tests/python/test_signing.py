"""ES256 signing and RFC 7523 client assertions from Python, checked by PyJWT.

ES256 tokens from ``authcore.encode`` verify with PyJWT and equal the Rust core's and the C
API's for the same key and claims (RFC 6979 makes them deterministic); the key refusals are
InvalidKeyError; client assertions decode in PyJWT with every claim checked, and their
request body is exact.
"""

from __future__ import annotations

import pathlib
import urllib.parse

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import serialization

import authcore
from authcore.exceptions import InvalidKeyError, Status

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "core" / "tests" / "vectors"
PRIVATE = (VECTORS / "es256-private.pem").read_text()
SEC1 = (VECTORS / "es256-sec1.pem").read_text()
PUBLIC = (VECTORS / "es256-public.pem").read_text()

# The same token tests/c/test_sign.c expects from the C API, made by the Rust core.
ES256_TOKEN = (
    "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0."
    "eyJzdWIiOiJkZXZpY2UtNDIiLCJleHAiOjIwMDAwMDAwMDB9."
    "KqTJcWZNhQXUEhkk2f8tDP4QH9iwjA3aMYufwquMbogWrSVF1qCPaDwvZ-FMCmlo4M7QVDmF--zhxJOYAtlp5A"
)
CLAIMS = {"sub": "device-42", "exp": 2000000000}


def test_encode_es256_verifies_with_pyjwt_and_is_deterministic() -> None:
    token = authcore.encode(CLAIMS, PRIVATE, algorithm="ES256", headers={"kid": "k1"})
    assert token == ES256_TOKEN
    assert authcore.encode(CLAIMS, PRIVATE.encode(), "ES256", {"kid": "k1"}) == token
    assert pyjwt.decode(token, PUBLIC, algorithms=["ES256"]) == CLAIMS
    header = pyjwt.get_unverified_header(token)
    assert header == {"alg": "ES256", "typ": "JWT", "kid": "k1"}
    # A changed signature is refused by PyJWT.
    bad = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    with pytest.raises(pyjwt.InvalidSignatureError):
        pyjwt.decode(bad, PUBLIC, algorithms=["ES256"])


def test_every_key_form_signs_the_same() -> None:
    obj = serialization.load_pem_private_key(PRIVATE.encode(), password=None)
    with authcore.SigningKey.from_ec_pem(SEC1) as key:
        assert key.algorithm == "ES256"
        forms = [PRIVATE, SEC1, obj, key]
        tokens = {authcore.encode(CLAIMS, k, "ES256", {"kid": "k1"}) for k in forms}
        assert key.sign(b'{"sub":"device-42","exp":2000000000}', kid="k1") == ES256_TOKEN
    assert tokens == {ES256_TOKEN}
    assert key.closed
    with pytest.raises(InvalidKeyError):
        key.sign(b"{}")


@pytest.mark.parametrize(
    "pem, status",
    [
        (PUBLIC, Status.KEY_PEM_LABEL),
        ((VECTORS / "rsa2048-pkcs1.pem").read_text(), Status.KEY_PEM_LABEL),
        (PRIVATE[:100], Status.KEY_PEM),
        ("", Status.KEY_PEM),
    ],
)
def test_bad_keys_are_refused(pem: str, status: int) -> None:
    with pytest.raises(InvalidKeyError) as e:
        authcore.encode(CLAIMS, pem, algorithm="ES256")
    assert e.value.status == status


@pytest.mark.parametrize("name", ["es384-private.pem", "rsa2048-private.pem",
                                  "ed25519-private.pem"])
def test_other_curves_and_key_types_are_refused(name: str) -> None:
    with pytest.raises(InvalidKeyError):
        authcore.SigningKey.from_ec_pem((VECTORS / name).read_text())


def test_es256_needs_an_es256_key() -> None:
    with authcore.SigningKey.from_secret(b"s" * 32) as hs, pytest.raises(InvalidKeyError):
        authcore.encode(CLAIMS, hs, algorithm="ES256")
    with pytest.raises(InvalidKeyError):
        authcore.encode(CLAIMS, object(), algorithm="ES256")


def test_client_assertion_es256_read_by_pyjwt() -> None:
    url = "https://server.example.com/token"
    with authcore.SigningKey.from_ec_pem(PRIVATE) as key:
        a = authcore.client_assertion(key, "s6BhdRkqt3", url, now=1_700_000_000, lifetime=300,
                                      kid="key-1")
        b = authcore.client_assertion(key, "s6BhdRkqt3", url, now=1_700_000_000, lifetime=300)
    claims = pyjwt.decode(a, PUBLIC, algorithms=["ES256"], audience=url, issuer="s6BhdRkqt3",
                          options={"verify_exp": False, "require": ["exp", "iat", "jti"]})
    assert claims["sub"] == "s6BhdRkqt3"
    assert (claims["iat"], claims["exp"]) == (1_700_000_000, 1_700_000_300)
    assert pyjwt.get_unverified_header(a)["kid"] == "key-1"
    # A fresh jti each time.
    assert pyjwt.decode(b, PUBLIC, algorithms=["ES256"], audience=url,
                        options={"verify_exp": False})["jti"] != claims["jti"]


def test_client_assertion_hs256_and_body() -> None:
    secret = b"a client secret of at least 32 bytes"
    with authcore.SigningKey.from_secret(secret) as key:
        a = authcore.client_assertion(key, "c\"1", "aud", now=100, jti="j", subject="u")
    assert pyjwt.decode(a, secret, algorithms=["HS256"], audience="aud",
                        options={"verify_exp": False}) == {
        "iss": "c\"1", "sub": "u", "aud": "aud", "iat": 100, "exp": 160, "jti": "j"}

    body = authcore.client_assertion_body(a, scope="read write")
    assert body == (
        "grant_type=client_credentials&scope=read+write&client_assertion_type="
        "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion="
        + a
    )
    fields = urllib.parse.parse_qs(body)
    assert fields["client_assertion_type"] == [authcore.signing.ASSERTION_TYPE]
    assert authcore.client_assertion_body(a) == body.replace("&scope=read+write", "")


def test_client_assertion_refusals() -> None:
    with authcore.SigningKey.from_secret(b"k" * 32) as key:
        with pytest.raises(ValueError):
            authcore.client_assertion(key, "c", "aud", lifetime=0)
        with pytest.raises(TypeError):
            authcore.client_assertion(key, None, "aud")  # type: ignore[arg-type]
        with pytest.raises(authcore.InvalidTokenError) as e:
            authcore.client_assertion(key, "", "aud")
        assert e.value.status == Status.INVALID_CLAIM


RSA_PRIVATE = (VECTORS / "rsa2048-private.pem").read_text()
RSA_PUBLIC = (VECTORS / "rsa2048-public.pem").read_text()


@pytest.mark.parametrize("alg", ["RS256", "RS384", "RS512"])
def test_rs_encode_equals_pyjwt(alg: str) -> None:
    # PKCS#1 v1.5 is deterministic: the same header, claims and key give PyJWT's bytes.
    token = authcore.encode(CLAIMS, RSA_PRIVATE, algorithm=alg)
    assert token == pyjwt.encode(CLAIMS, RSA_PRIVATE, algorithm=alg)
    obj = serialization.load_pem_private_key(RSA_PRIVATE.encode(), password=None)
    assert authcore.encode(CLAIMS, obj, algorithm=alg) == token
    assert pyjwt.decode(authcore.encode(CLAIMS, RSA_PRIVATE, alg, {"kid": "k"}), RSA_PUBLIC,
                        algorithms=[alg]) == CLAIMS


def test_rs_encode_refusals() -> None:
    for key, status in [(RSA_PUBLIC, Status.KEY_PEM_LABEL), (PRIVATE, Status.KEY_NOT_RSA),
                        (RSA_PRIVATE[:200], Status.KEY_PEM)]:
        with pytest.raises(InvalidKeyError) as e:
            authcore.encode(CLAIMS, key, algorithm="RS256")
        assert e.value.status == status
    with pytest.raises(InvalidKeyError):
        authcore.encode(CLAIMS, object(), algorithm="RS256")
