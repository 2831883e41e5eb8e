"""Key sets: a JWKS's keys in one C ``authcore_key_set``, the token's key chosen by its
``kid`` in the library (``KeySet``, and ``PyJWKSet.key_set`` behind ``decode``), checked
with tokens and JWKs made by PyJWT."""

from __future__ import annotations

import json
from pathlib import Path

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import serialization
from jwt.algorithms import HMACAlgorithm, RSAAlgorithm

import authcore
from authcore.exceptions import Status

VECTORS = Path(__file__).resolve().parents[2] / "core" / "tests" / "vectors"
NOW = 1_800_000_000
SECRET = b"an HS256 secret of at least 32 bytes, from the JWKS"
CLAIMS = {"sub": "device-42", "exp": NOW + 600, "iat": NOW - 10}


def private(bits: int):
    return serialization.load_pem_private_key(
        (VECTORS / f"rsa{bits}-private.pem").read_bytes(), password=None)


def rsa_jwk(bits: int, **extra) -> dict:
    jwk = json.loads(RSAAlgorithm.to_jwk(private(bits).public_key()))
    jwk.update(extra)
    return jwk


def oct_jwk(**extra) -> dict:
    jwk = json.loads(HMACAlgorithm.to_jwk(SECRET))
    jwk.update(extra)
    return jwk


def jwks() -> dict:
    return {"keys": [
        rsa_jwk(2048, kid="rsa-1", alg="RS256", use="sig"),
        rsa_jwk(3072, kid="rsa-2", alg="RS256"),
        oct_jwk(kid="hs-1", alg="HS256"),
        rsa_jwk(4096, kid="enc-1", alg="RS256", use="enc"),
        {"kty": "EC", "kid": "ec-1", "crv": "secp256k1", "x": "AA", "y": "AA"},
    ]}


def rs(bits: int, kid, claims=CLAIMS) -> str:
    headers = {} if kid is None else {"kid": kid}
    return pyjwt.encode(claims, private(bits), algorithm="RS256", headers=headers)


def hs(kid, secret=SECRET) -> str:
    headers = {} if kid is None else {"kid": kid}
    return pyjwt.encode(CLAIMS, secret, algorithm="HS256", headers=headers)


def decode(token, key, algorithms=("RS256", "HS256")):
    return authcore.decode(token, key, algorithms=list(algorithms), options={"require": ["exp"]},
                           now=NOW)


def test_a_key_set_verifies_each_token_with_the_key_its_kid_names():
    with authcore.KeySet(jwks()) as ks:
        assert (len(ks), ks.skipped) == (3, 2)  # the encryption key and the curve skipped
        for token in (rs(2048, "rsa-1"), rs(3072, "rsa-2"), hs("hs-1")):
            assert decode(token, ks)["sub"] == "device-42"
        # Signed by one RSA key, naming the other.
        with pytest.raises(authcore.InvalidSignatureError):
            decode(rs(2048, "rsa-2"), ks)
        with pytest.raises(authcore.DecodeError) as e:
            decode(rs(2048, "rsa-9"), ks)
        assert e.value.status == Status.UNKNOWN_KEY_ID
        with pytest.raises(authcore.DecodeError) as e:
            decode(rs(2048, "enc-1"), ks)
        assert e.value.status == Status.UNKNOWN_KEY_ID
        # One signature character changed.
        token = rs(2048, "rsa-1")
        forged = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
        with pytest.raises(authcore.InvalidSignatureError):
            decode(forged, ks)
        # The token's alg must be an allowed one.
        with pytest.raises(authcore.InvalidAlgorithmError):
            decode(hs("hs-1"), ks, algorithms=["RS256"])


def test_an_hs256_token_naming_an_rsa_key_never_reaches_it():
    public_pem = private(2048).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    # PyJWT itself refuses to sign with a PEM as an HMAC secret: the token is made by hand.
    forged = pyjwt.api_jws.PyJWS(algorithms=["HS256"])
    forged._algorithms["HS256"] = _RawHmac()
    token = forged.encode(json.dumps(CLAIMS).encode(), public_pem, algorithm="HS256",
                          headers={"kid": "rsa-1"})
    with authcore.KeySet(jwks()) as ks:
        with pytest.raises(authcore.InvalidKeyError) as e:
            decode(token, ks)
        assert e.value.status == Status.KEY_WRONG_ALGORITHM
        with pytest.raises(authcore.InvalidAlgorithmError):
            decode(token, ks, algorithms=["RS256"])


class _RawHmac(HMACAlgorithm):
    """HS256 over any bytes, PEM included (the attacker's tool, not PyJWT's)."""

    def __init__(self):
        super().__init__(HMACAlgorithm.SHA256)

    def prepare_key(self, key):
        return key


def test_a_token_without_kid_needs_the_only_key_of_its_algorithm():
    with authcore.KeySet(jwks()) as ks:
        assert decode(hs(None), ks)["sub"] == "device-42"
        with pytest.raises(authcore.DecodeError) as e:
            decode(rs(2048, None), ks)
        assert e.value.status == Status.MISSING_KEY_ID


def test_rsa_keys_without_alg_take_the_default_algorithm():
    doc = {"keys": [rsa_jwk(2048, kid="a")]}
    with pytest.raises(authcore.PyJWKSetError) as e:
        authcore.KeySet(doc)
    assert e.value.status == Status.KEY_SET_NO_USABLE_KEY
    with authcore.KeySet(json.dumps(doc), default_algorithm="RS256") as ks:
        assert decode(rs(2048, "a"), ks)["exp"] == NOW + 600


def test_refused_documents_leave_the_set_as_it_was():
    ks = authcore.KeySet(jwks())
    nine = {"keys": [oct_jwk(kid=f"k{i}", alg="HS256") for i in range(9)]}
    twice = {"keys": [oct_jwk(kid="a", alg="HS256"), oct_jwk(kid="a", alg="HS256")]}
    long_kid = {"keys": [oct_jwk(kid="k" * 65, alg="HS256")]}
    for doc, status in [
        ("{", Status.KEY_JSON),
        ('{"keys": {}}', Status.KEY_JWK_MEMBER),
        ({"keys": []}, Status.KEY_SET_NO_USABLE_KEY),
        (nine, Status.KEY_SET_TOO_MANY_KEYS),
        (twice, Status.KEY_DUPLICATE_KID),
        (long_kid, Status.KEY_SET_KID_TOO_LONG),
    ]:
        with pytest.raises(authcore.PyJWKSetError) as e:
            ks.replace(doc)
        assert e.value.status == status, doc
        assert (len(ks), ks.skipped) == (3, 2)
        assert decode(rs(2048, "rsa-1"), ks)["sub"] == "device-42"
    # A rotation.
    ks.replace({"keys": [rsa_jwk(4096, kid="rsa-9", alg="RS256")]})
    assert len(ks) == 1
    with pytest.raises(authcore.DecodeError):
        decode(rs(2048, "rsa-1"), ks)
    ks.close()
    assert ks.closed
    with pytest.raises(authcore.InvalidKeyError):
        decode(rs(2048, "rsa-1"), ks)
    ks.close()


def test_decode_with_a_pyjwkset_chooses_in_the_library():
    jwk_set = authcore.PyJWKSet.from_dict(jwks())
    # The set's Python view is as before: its usable keys (the C JWK reader refuses the
    # encryption key), found by kid in Python.
    assert [k.key_id for k in jwk_set.keys] == ["rsa-1", "rsa-2", "hs-1"]
    assert jwk_set["rsa-2"].algorithm_name == "RS256"
    assert decode(rs(3072, "rsa-2"), jwk_set)["sub"] == "device-42"
    assert decode(hs("hs-1"), jwk_set)["sub"] == "device-42"
    assert jwk_set.key_set is jwk_set.key_set  # made once
    with pytest.raises(authcore.DecodeError):
        decode(rs(2048, "nope"), jwk_set)
    # The same through PyJWT's decode arguments: algorithms are required.
    with pytest.raises(authcore.DecodeError):
        authcore.decode(rs(2048, "rsa-1"), jwk_set)
    # More keys than a C set holds: PyJWT's set is fine, the library's refuses.
    big = authcore.PyJWKSet([oct_jwk(kid=f"k{i}", alg="HS256") for i in range(9)])
    assert len(big) == 9
    with pytest.raises(authcore.PyJWKSetError) as e:
        decode(hs("k1"), big)
    assert e.value.status == Status.KEY_SET_TOO_MANY_KEYS


def test_pyjwkclient_sets_verify_by_kid():
    class Fixed(authcore.PyJWKClient):
        def fetch_data(self):
            return jwks()

    client = Fixed("https://idp.example/jwks.json")
    jwk_set = client.get_jwk_set()
    assert decode(rs(2048, "rsa-1"), jwk_set)["sub"] == "device-42"
    # And PyJWT's way, the key chosen in Python, gives the same claims.
    key = client.get_signing_key_from_jwt(rs(2048, "rsa-1"))
    assert decode(rs(2048, "rsa-1"), key, ["RS256"]) == decode(rs(2048, "rsa-1"), jwk_set)


def test_replace_waits_for_calls_in_flight():
    import threading

    ks = authcore.KeySet({"keys": [oct_jwk(kid="a", alg="HS256")]})
    with ks._in_use():
        replacer = threading.Thread(target=ks.replace,
                                    args=({"keys": [oct_jwk(kid="b", alg="HS256")]},))
        replacer.start()
        replacer.join(0.3)
        assert replacer.is_alive(), "replace() ran while a call was using the set"
    replacer.join(5)
    assert not replacer.is_alive()
    assert len(ks) == 1
    ks.close()
