"""RSA keys (RsaKey.from_pem/from_der/from_jwk/from_jwks) and RS256/384/512 against PyJWT.

These need the C functions authcore_key_rsa_pem/_der/_jwk/_jwks. If the library lacks them
the tests FAIL (LibraryError naming the function): they are never skipped.
"""

from __future__ import annotations

import json
import time
from typing import Any, Dict

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

import authcore
import diffgen
from authcore import InvalidKeyError, RsaKey, Status
from authcore import _lib

SIZES = [2048, 3072, 4096]
RSA_FUNCTIONS = ["authcore_key_rsa_pem", "authcore_key_rsa_der", "authcore_key_rsa_jwk",
                 "authcore_key_rsa_jwks"]


@pytest.fixture(scope="session")
def private_keys() -> Dict[int, Any]:
    return {bits: rsa.generate_private_key(public_exponent=65537, key_size=bits) for bits in SIZES}


@pytest.fixture(scope="session")
def other_private_key() -> Any:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def spki_pem(priv: Any) -> bytes:
    return priv.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def pkcs1_pem(priv: Any) -> bytes:
    return priv.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.PKCS1
    )


def der(priv: Any, fmt: Any = serialization.PublicFormat.SubjectPublicKeyInfo) -> bytes:
    return priv.public_key().public_bytes(serialization.Encoding.DER, fmt)


def jwk_dict(priv: Any, kid: str = "k1") -> Dict[str, Any]:
    d = json.loads(pyjwt.algorithms.RSAAlgorithm.to_jwk(priv.public_key()))
    d.pop("key_ops", None)
    d.update(kid=kid, alg="RS256", use="sig")
    return d


def test_the_library_has_the_rsa_key_functions():
    missing = [n for n in RSA_FUNCTIONS if not _lib.lib.has(n)]
    assert not missing, f"{_lib.lib.path} lacks {missing}: RSA keys cannot be loaded"


@pytest.mark.parametrize("bits", SIZES)
def test_every_key_format_verifies_a_pyjwt_token(private_keys, bits):
    priv = private_keys[bits]
    now = int(time.time())
    token = pyjwt.encode({"sub": "s", "exp": now + 100}, priv, algorithm="RS256")
    keys = [
        RsaKey.from_pem(spki_pem(priv)),
        RsaKey.from_pem(spki_pem(priv).decode()),
        RsaKey.from_pem(pkcs1_pem(priv)),
        RsaKey.from_der(der(priv)),
        RsaKey.from_der(der(priv, serialization.PublicFormat.PKCS1)),
        RsaKey.from_jwk(jwk_dict(priv)),
        RsaKey.from_jwk(json.dumps(jwk_dict(priv))),
        RsaKey.from_jwk({"kty": "RSA", "n": jwk_dict(priv)["n"], "e": jwk_dict(priv)["e"],
                         "key_ops": ["verify"]}),
        RsaKey.from_jwks({"keys": [jwk_dict(private_keys[2048 if bits != 2048 else 3072], "x"),
                                   jwk_dict(priv, "mine")]}, kid="mine"),
    ]
    for k in keys:
        assert k.algorithm == "RS256" and k.c_algorithm() == "RS256"
        assert authcore.decode(token, k, ["RS256"]) == {"sub": "s", "exp": now + 100}


@pytest.mark.parametrize("alg", ["RS384", "RS512"])
def test_rs384_rs512(private_keys, alg):
    priv = private_keys[2048]
    now = int(time.time())
    token = pyjwt.encode({"exp": now + 100}, priv, algorithm=alg)
    k = RsaKey.from_pem(spki_pem(priv), alg)
    assert authcore.decode(token, k, [alg]) == {"exp": now + 100}
    with pytest.raises(authcore.InvalidAlgorithmError):
        authcore.decode(token, RsaKey.from_pem(spki_pem(priv)), ["RS256"])


def test_jwks_without_the_kid(private_keys):
    jwks = {"keys": [jwk_dict(private_keys[2048], "a")]}
    with pytest.raises(InvalidKeyError):
        RsaKey.from_jwks(jwks, kid="b")


@pytest.mark.parametrize("maker", [
    lambda: RsaKey.from_pem(b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
    lambda: RsaKey.from_pem("not a pem"),
    lambda: RsaKey.from_pem(b""),
    lambda: RsaKey.from_pem(b"\xff\xfe" * 100),
    lambda: RsaKey.from_der(b"\x30\x03\x02\x01\x01"),
    lambda: RsaKey.from_der(b""),
    lambda: RsaKey.from_der(b"\x30" + b"\xff" * 5000),
    lambda: RsaKey.from_jwk("{}"),
    lambda: RsaKey.from_jwk('{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}'),
    lambda: RsaKey.from_jwk('{"kty":"RSA","n":"!!","e":"AQAB"}'),
    lambda: RsaKey.from_jwk("not json"),
    lambda: RsaKey.from_jwks('{"keys": 5}', kid="a"),
    lambda: RsaKey.from_jwks("[]", kid="a"),
])
def test_bad_key_material_is_invalid_key(maker):
    with pytest.raises(InvalidKeyError) as e:
        maker()
    assert e.value.status is not None and e.value.status != Status.OK


def test_private_key_pem_is_refused(private_keys):
    pem = private_keys[2048].private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with pytest.raises(InvalidKeyError):
        RsaKey.from_pem(pem)


def test_hs_algorithm_for_an_rsa_key(private_keys):
    with pytest.raises(InvalidKeyError):
        RsaKey.from_pem(spki_pem(private_keys[2048]), "HS256")


@pytest.mark.parametrize("maker", [
    lambda: RsaKey.from_pem(None),  # type: ignore[arg-type]
    lambda: RsaKey.from_pem(5),  # type: ignore[arg-type]
    lambda: RsaKey.from_der("text"),  # type: ignore[arg-type]
    lambda: RsaKey.from_jwk(None),  # type: ignore[arg-type]
    lambda: RsaKey.from_jwks("{}", kid=None),  # type: ignore[arg-type]
])
def test_wrong_types(maker):
    with pytest.raises(TypeError):
        maker()


def test_huge_pem_is_an_error_not_a_crash():
    with pytest.raises(InvalidKeyError):
        RsaKey.from_pem(b"-----BEGIN PUBLIC KEY-----\n" + b"A" * 10_000_000 + b"\n-----END PUBLIC KEY-----\n")


def test_rsa_key_closes(private_keys):
    k = RsaKey.from_pem(spki_pem(private_keys[2048]))
    k.close()
    with pytest.raises(InvalidKeyError):
        authcore.decode("a.b.c", k)


PER_SIZE = {2048: 2200, 3072: 1320, 4096: 1100}


@pytest.mark.parametrize("bits", SIZES)
def test_rs256_same_verdicts_as_pyjwt(private_keys, other_private_key, bits):
    priv = private_keys[bits]
    now = int(time.time())
    cases = list(
        diffgen.cases(
            sign=lambda c, h: pyjwt.encode(c, priv, algorithm="RS256", headers=h),
            alg="RS256",
            now=now,
            count=PER_SIZE[bits],
            seed=bits,
            other_sign=lambda c: pyjwt.encode(c, other_private_key, algorithm="RS256"),
            other_alg_sign=lambda c: pyjwt.encode(c, priv, algorithm="RS384"),
        )
    )
    key = RsaKey.from_pem(spki_pem(priv), "RS256")
    counts = diffgen.compare(cases, key, priv.public_key())
    assert sum(counts.values()) == PER_SIZE[bits] and len(counts) == 22
