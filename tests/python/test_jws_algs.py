"""ES256, ES384, EdDSA and PS256/384/512: tokens made by PyJWT (with `cryptography`) verified
by authcore from every key form PyJWT takes (PEM, OpenSSH, cryptography objects, JWK through
PyJWK, and authcore's own key classes), and the refusals with their statuses: forged
signatures, another key, algorithm confusion, keys of the wrong type or curve, points off
the curve.

These need the C functions authcore_key_ec_* and authcore_key_ed25519_* (and PSS in
authcore_key_rsa_*). If the library lacks them the tests FAIL: they are never skipped.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any, Dict

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa, x25519
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

import authcore
from authcore import EcKey, Ed25519Key, InvalidKeyError, RsaKey, Status
from authcore import exceptions as E

CLAIMS = {"sub": "alice", "iss": "pyjwt", "iat": 1700000000, "exp": 2000000000}
NOW = 1700000100
ALGS = ["ES256", "ES384", "EdDSA", "PS256", "PS384", "PS512"]


@pytest.fixture(scope="module")
def private_keys() -> Dict[str, Any]:
    """A private key for each algorithm (the PS ones share one RSA key)."""
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return {"ES256": ec.generate_private_key(ec.SECP256R1()),
            "ES384": ec.generate_private_key(ec.SECP384R1()),
            "EdDSA": ed25519.Ed25519PrivateKey.generate(),
            "PS256": rsa_key, "PS384": rsa_key, "PS512": rsa_key}


def pem(private: Any) -> bytes:
    return private.public_key().public_bytes(serialization.Encoding.PEM,
                                             serialization.PublicFormat.SubjectPublicKeyInfo)


def der(private: Any) -> bytes:
    return private.public_key().public_bytes(serialization.Encoding.DER,
                                             serialization.PublicFormat.SubjectPublicKeyInfo)


def jwk(private: Any) -> Dict[str, Any]:
    cls = {ec.EllipticCurvePrivateKey: ECAlgorithm, ed25519.Ed25519PrivateKey: OKPAlgorithm}
    for base, alg in cls.items():
        if isinstance(private, base):
            return json.loads(alg.to_jwk(private.public_key()))
    return json.loads(RSAAlgorithm.to_jwk(private.public_key()))


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forge(token: str) -> str:
    """The token with one signature character changed (not the last, whose low bits are
    padding): still base64url, another signature."""
    i = len(token) - 8
    return token[:i] + ("B" if token[i] == "A" else "A") + token[i + 1:]


@pytest.mark.parametrize("alg", ALGS)
def test_pyjwt_tokens_verify_with_every_key_form(alg, private_keys):
    private = private_keys[alg]
    token = pyjwt.encode(CLAIMS, private, algorithm=alg)
    want = pyjwt.decode(token, private.public_key(), algorithms=[alg],
                        options={"verify_exp": False})
    forms = [pem(private), pem(private).decode(), private.public_key(), private,
             authcore.PyJWK({**jwk(private), "alg": alg}),
             authcore.PyJWK(jwk(private), algorithm=alg)]
    if alg != "EdDSA" and not alg.startswith("PS"):
        forms.append(EcKey.from_der(der(private), alg))
    for key in forms:
        assert authcore.decode(token, key, algorithms=[alg], now=NOW) == want, key
    cls_key = EcKey if alg.startswith("ES") else RsaKey if alg.startswith("PS") else None
    made = (Ed25519Key.from_pem(pem(private)) if cls_key is None
            else cls_key.from_pem(pem(private), alg))
    assert made.algorithm == alg and made.c_algorithm() == alg
    assert authcore.decode(token, made, now=NOW) == want


@pytest.mark.parametrize("alg", ["ES256", "ES384", "EdDSA"])
def test_openssh_public_keys(alg, private_keys):
    private = private_keys[alg]
    ssh = private.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                            serialization.PublicFormat.OpenSSH)
    token = pyjwt.encode(CLAIMS, private, algorithm=alg)
    assert authcore.decode(token, ssh, algorithms=[alg], now=NOW)["sub"] == "alice"


@pytest.mark.parametrize("alg", ALGS)
def test_forged_and_foreign_signatures(alg, private_keys):
    private = private_keys[alg]
    token = pyjwt.encode(CLAIMS, private, algorithm=alg)
    with pytest.raises(E.InvalidSignatureError) as e:
        authcore.decode(forge(token), pem(private), algorithms=[alg], now=NOW)
    assert e.value.status == Status.INVALID_SIGNATURE
    if alg.startswith("ES"):
        other = ec.generate_private_key(private.curve)
    elif alg.startswith("PS"):
        other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    else:
        other = ed25519.Ed25519PrivateKey.generate()
    with pytest.raises(E.InvalidSignatureError):
        authcore.decode(pyjwt.encode(CLAIMS, other, algorithm=alg), pem(private),
                        algorithms=[alg], now=NOW)


def test_algorithm_confusion(private_keys):
    # HS256 keyed with the ES256 public key's PEM: the classic attack on libraries that
    # take a key's bytes as a secret. PyJWT refuses to make it, so it is made here.
    public_pem = pem(private_keys["ES256"])
    head = b64url(b'{"alg":"HS256","typ":"JWT"}')
    body = b64url(json.dumps(CLAIMS).encode())
    mac = hmac.new(public_pem, f"{head}.{body}".encode(), hashlib.sha256).digest()
    token = f"{head}.{body}.{b64url(mac)}"
    with pytest.raises(E.InvalidAlgorithmError) as e:
        authcore.decode(token, EcKey.from_pem(public_pem), now=NOW)
    assert e.value.status == Status.ALGORITHM_MISMATCH
    with pytest.raises(E.InvalidAlgorithmError):
        authcore.decode(token, public_pem, algorithms=["ES256"], now=NOW)
    with pytest.raises(InvalidKeyError):  # a PEM is never an HMAC secret
        authcore.decode(token, public_pem, algorithms=["HS256"], now=NOW)
    # RS256 and PS256 with one RSA key: each key verifies only its own padding.
    rsa_key = private_keys["PS256"]
    rs = pyjwt.encode(CLAIMS, rsa_key, algorithm="RS256")
    with pytest.raises(E.InvalidAlgorithmError):
        authcore.decode(rs, RsaKey.from_pem(pem(rsa_key), "PS256"), now=NOW)
    ps = pyjwt.encode(CLAIMS, rsa_key, algorithm="PS256")
    with pytest.raises(E.InvalidAlgorithmError):
        authcore.decode(ps, RsaKey.from_pem(pem(rsa_key), "RS256"), now=NOW)
    # An ES384 token for an ES256 key, an EdDSA token for an ES256 key.
    for alg in ("ES384", "EdDSA"):
        with pytest.raises(E.InvalidAlgorithmError):
            authcore.decode(pyjwt.encode(CLAIMS, private_keys[alg], algorithm=alg),
                            EcKey.from_pem(public_pem), now=NOW)


def test_bad_keys_have_their_status(private_keys):
    p256, p384 = private_keys["ES256"], private_keys["ES384"]
    cases = [
        (lambda: EcKey.from_pem(pem(p384), "ES256"), Status.KEY_CURVE),
        (lambda: EcKey.from_pem(pem(ec.generate_private_key(ec.SECP256K1())), "ES256"),
         Status.KEY_CURVE),
        (lambda: EcKey.from_jwk(jwk(p256), "ES384"), Status.KEY_CURVE),
        (lambda: EcKey.from_pem(pem(private_keys["PS256"]), "ES256"), Status.KEY_NOT_EC),
        (lambda: EcKey.from_jwk(jwk(private_keys["EdDSA"]), "ES256"), Status.KEY_NOT_EC),
        (lambda: EcKey.from_pem(pem(p256), "RS256"), Status.KEY_WRONG_ALGORITHM),
        (lambda: EcKey.from_der(der(p256)[:-1], "ES256"), Status.KEY_DER),
        (lambda: EcKey.from_jwk({**jwk(p256), "alg": "ES384"}, "ES256"), Status.KEY_ALGORITHM),
        (lambda: EcKey.from_jwk({**jwk(p256), "use": "enc"}, "ES256"), Status.KEY_USE),
        (lambda: Ed25519Key.from_pem(pem(x25519.X25519PrivateKey.generate())), Status.KEY_CURVE),
        (lambda: Ed25519Key.from_pem(pem(ed448.Ed448PrivateKey.generate())), Status.KEY_CURVE),
        (lambda: Ed25519Key.from_pem(pem(p256)), Status.KEY_NOT_OKP),
        (lambda: Ed25519Key.from_jwk({"kty": "OKP", "crv": "Ed25519", "x": b64url(bytes(31))}),
         Status.KEY_INVALID_POINT),
        (lambda: RsaKey.from_pem(pem(p256), "PS256"), Status.KEY_NOT_RSA),
    ]
    # A point off the curve: y + 1.
    numbers = p256.public_key().public_numbers()
    off = {"kty": "EC", "crv": "P-256", "x": b64url(numbers.x.to_bytes(32, "big")),
           "y": b64url(((numbers.y + 1) % 2**256).to_bytes(32, "big"))}
    cases.append((lambda: EcKey.from_jwk(off, "ES256"), Status.KEY_INVALID_POINT))
    for make, status in cases:
        with pytest.raises(InvalidKeyError) as e:
            make()
        assert e.value.status == status, make


def test_pyjwk_picks_the_algorithm_as_pyjwt(private_keys):
    for alg in ("ES256", "ES384", "EdDSA"):
        member = jwk(private_keys[alg])
        assert "alg" not in member
        ours, theirs = authcore.PyJWK(member), pyjwt.PyJWK(member)
        assert ours.algorithm_name == theirs.algorithm_name == alg
    # Refused as PyJWT refuses them, with the exception of the same name.
    p256 = jwk(private_keys["ES256"])
    okp = {k: v for k, v in jwk(private_keys["EdDSA"]).items() if k != "crv"}
    for bad, exc in [({k: v for k, v in p256.items() if k != "crv"}, "InvalidKeyError"),
                     (okp, "InvalidKeyError"),
                     ({**okp, "crv": "Ed448"}, "InvalidKeyError"),
                     ({**p256, "crv": "P-999"}, "InvalidKeyError"),
                     ({**p256, "crv": "P-384"}, "InvalidKeyError"),
                     ({**p256, "alg": "XY256"}, "PyJWKError")]:
        with pytest.raises(getattr(pyjwt.exceptions, exc)):
            pyjwt.PyJWK(bad)
        with pytest.raises(getattr(E, exc)):
            authcore.PyJWK(bad)


def test_pyjwkset_holds_every_verified_key_type(private_keys):
    members = [{**jwk(private_keys[alg]), "kid": alg, "alg": alg} for alg in ALGS]
    jwks = authcore.PyJWKSet.from_dict({"keys": members})
    assert [k.key_id for k in jwks.keys] == ALGS
    for alg in ALGS:
        token = pyjwt.encode(CLAIMS, private_keys[alg], algorithm=alg, headers={"kid": alg})
        assert authcore.decode(token, jwks[alg], algorithms=[alg], now=NOW)["sub"] == "alice"
