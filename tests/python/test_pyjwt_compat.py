"""The PyJWT drop-in: `import authcore as jwt` with the keys PyJWT takes (str/bytes secrets,
PEM public keys, cryptography keys, PyJWK), decode_complete, get_unverified_header,
verify_signature=False through the C library, encode, the PyJWT class, the exceptions.

Tokens here are made by PyJWT (the reference) or by hand (conftest.hs_token), never only by
authcore, so that both sides of a round trip are not the code under test.
"""

from __future__ import annotations

import json
import time
import warnings
from datetime import timedelta
from pathlib import Path

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import serialization

import authcore
import authcore as jwt
from authcore import exceptions as E
from conftest import SECRET, b64url, hs_token

VECTORS = Path(__file__).resolve().parents[2] / "core" / "tests" / "vectors"
TEXT_SECRET = SECRET.decode()


@pytest.fixture(scope="module")
def rsa_private() -> object:
    return serialization.load_pem_private_key((VECTORS / "rsa2048-private.pem").read_bytes(), None)


@pytest.fixture(scope="module")
def rsa_public_pem() -> bytes:
    return (VECTORS / "rsa2048-public.pem").read_bytes()


@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512"])
@pytest.mark.parametrize("as_bytes", [False, True])
def test_text_secrets_verify_pyjwt_tokens(alg, as_bytes):
    token = pyjwt.encode({"sub": "a", "exp": int(time.time()) + 60}, TEXT_SECRET, algorithm=alg)
    key = SECRET if as_bytes else TEXT_SECRET
    assert jwt.decode(token, key, algorithms=[alg])["sub"] == "a"
    with pytest.raises(E.InvalidSignatureError, match="Signature verification failed"):
        jwt.decode(token, key[:-1] + key[-1:].swapcase() if not as_bytes else key + b"x",
                   algorithms=[alg])


def test_algorithms_required_for_unpinned_keys():
    token = hs_token({})
    message = 'It is required that you pass in a value for the "algorithms" argument'
    for key in (TEXT_SECRET, SECRET):
        for algorithms in (None, []):
            with pytest.raises(E.DecodeError, match=message):
                jwt.decode(token, key, algorithms=algorithms)


def test_algorithm_not_allowed():
    token = hs_token({}, alg="HS512")
    # One algorithm: the C library refuses the header's other one.
    with pytest.raises(E.InvalidAlgorithmError, match="not allowed"):
        jwt.decode(token, TEXT_SECRET, algorithms=["HS256"])
    # Several: the header is read first to pick the key's algorithm.
    with pytest.raises(E.InvalidAlgorithmError, match="not allowed"):
        jwt.decode(token, TEXT_SECRET, algorithms=["HS256", "RS256"])
    assert jwt.decode(token, TEXT_SECRET, algorithms=["HS256", "HS512"]) == {}


def test_pem_is_no_hmac_secret(rsa_public_pem):
    # The key-confusion attack: an RS public key used as an HMAC secret.
    token = hs_token({}, secret=rsa_public_pem)
    for key in (rsa_public_pem, rsa_public_pem.decode()):
        with pytest.raises(E.InvalidKeyError, match="should not be used as an HMAC secret"):
            jwt.decode(token, key, algorithms=["HS256", "RS256"])
    with pytest.raises(E.InvalidKeyError):
        jwt.encode({}, rsa_public_pem, algorithm="HS256")


@pytest.mark.parametrize("alg", ["RS256", "RS384", "RS512"])
def test_pem_and_cryptography_keys_verify_rs(alg, rsa_private, rsa_public_pem):
    token = pyjwt.encode({"sub": "r"}, rsa_private, algorithm=alg)
    for key in (rsa_public_pem, rsa_public_pem.decode(), rsa_private.public_key(), rsa_private):
        assert jwt.decode(token, key, algorithms=[alg]) == {"sub": "r"}
    with pytest.raises(E.InvalidKeyError):
        jwt.decode(token, "not a pem", algorithms=[alg])
    ssh = rsa_private.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                                serialization.PublicFormat.OpenSSH)
    assert jwt.decode(token, ssh, algorithms=[alg]) == {"sub": "r"}
    with pytest.raises(E.InvalidKeyError, match="OpenSSH"):
        jwt.decode(token, "ssh-rsa AAAA", algorithms=[alg])


def test_unsupported_signing_algorithms(rsa_private):
    # RS256 signs (tests/python/test_signing.py); PS256 does not.
    pem = rsa_private.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    with pytest.raises(NotImplementedError, match="cannot sign PS256"):
        jwt.encode({}, pem, algorithm="PS256")
    # ES256 signs with an EC private key (tests/python/test_signing.py), not a secret.
    with pytest.raises(jwt.InvalidKeyError):
        jwt.encode({}, TEXT_SECRET, algorithm="ES256")
    with pytest.raises(NotImplementedError, match="Algorithm not supported"):
        jwt.encode({}, TEXT_SECRET, algorithm="ES512")


def test_encode_as_pyjwt():
    now = int(time.time())
    token = jwt.encode({"sub": "e", "exp": now + 60}, TEXT_SECRET, headers={"kid": "k1"})
    # PyJWT is the judge of what authcore signed.
    assert pyjwt.decode(token, TEXT_SECRET, algorithms=["HS256"]) == {"sub": "e", "exp": now + 60}
    assert pyjwt.get_unverified_header(token) == {"alg": "HS256", "typ": "JWT", "kid": "k1"}
    token = jwt.encode({"a": 1}, SECRET, algorithm="HS512")
    assert pyjwt.decode(token, SECRET, algorithms=["HS512"]) == {"a": 1}
    with pytest.raises(TypeError, match="Expecting a dict"):
        jwt.encode([("a", 1)], TEXT_SECRET)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Issuer"):
        jwt.encode({"iss": 1}, TEXT_SECRET)


def test_encode_json_encoder():
    class Encoder(json.JSONEncoder):
        def default(self, o):
            if isinstance(o, set):
                return sorted(o)
            return super().default(o)

    token = jwt.encode({"s": {"b", "a"}}, TEXT_SECRET, json_encoder=Encoder)
    assert pyjwt.decode(token, TEXT_SECRET, algorithms=["HS256"]) == {"s": ["a", "b"]}


def test_decode_complete(rsa_private, rsa_public_pem):
    token = pyjwt.encode({"x": 1}, rsa_private, algorithm="RS256", headers={"kid": "r1"})
    ours = jwt.decode_complete(token, rsa_public_pem, algorithms=["RS256"])
    theirs = pyjwt.decode_complete(token, rsa_public_pem, algorithms=["RS256"])
    assert ours == theirs
    assert isinstance(ours["signature"], bytes) and len(ours["signature"]) == 256


def test_get_unverified_header():
    token = hs_token({}, header={"alg": "HS384", "kid": "k\u00e9", "typ": "JWT"})
    assert jwt.get_unverified_header(token) == {"alg": "HS384", "kid": "k\u00e9", "typ": "JWT"}
    assert jwt.get_unverified_header(token.encode()) == jwt.get_unverified_header(token)
    with pytest.raises(E.DecodeError):
        jwt.get_unverified_header("a.b")
    with pytest.raises(E.DecodeError):
        jwt.get_unverified_header(5)  # type: ignore[arg-type]
    # What verification would refuse in a header is refused here too.
    with pytest.raises(E.InvalidAlgorithmError):
        jwt.get_unverified_header(hs_token({}, header={"alg": "none"}))
    with pytest.raises(E.DecodeError):
        jwt.get_unverified_header(hs_token({}, header={"alg": "HS256", "kid": 5}))


def test_get_unverified_header_of_any_length():
    # Verification reads a header of any length, so peeking does too (not only up to 1 KiB).
    header = {"alg": "HS256", "typ": "JWT", "kid": "k" * 3000}
    assert jwt.get_unverified_header(hs_token({}, header=header)) == header


def test_unverified_claims_come_from_the_c_library():
    forged = hs_token({"sub": "x", "exp": 1}, secret=b"someone else's secret")
    got = jwt.decode(forged, options={"verify_signature": False})
    assert got == {"sub": "x", "exp": 1}  # expired and unsigned by us: nothing is checked
    complete = jwt.decode_complete(forged, options={"verify_signature": False})
    assert complete["header"] == {"alg": "HS256", "typ": "JWT"}
    assert complete["payload"] == got
    # Still parsed as the C library parses any token: what it refuses is refused.
    with pytest.raises(E.DecodeError):
        jwt.decode(hs_token({}, raw_payload=b"[1]"), options={"verify_signature": False})
    with pytest.raises(E.DecodeError):
        jwt.decode(hs_token({}, raw_payload=b'{"a":1,"a":2}'), options={"verify_signature": False})
    with pytest.raises(E.InvalidAlgorithmError):
        jwt.decode(hs_token({}, header={"alg": "none"}), options={"verify_signature": False})
    with pytest.raises(E.TokenTooLargeError):
        jwt.decode(forged, options={"verify_signature": False}, max_token_len=10)
    for bad in (0, 2**64, 2**64 + 10, True, 1.5):
        with pytest.raises(ValueError, match="max_token_len"):
            jwt.decode(forged, options={"verify_signature": False}, max_token_len=bad)


def test_aud_of_the_wrong_type_has_pyjwts_message():
    with pytest.raises(E.InvalidAudienceError, match="^Invalid claim format in token$"):
        jwt.decode(hs_token({"aud": 5}), TEXT_SECRET, algorithms=["HS256"], audience="a")


def test_unverified_decode_refuses_claim_checks():
    with pytest.raises(ValueError, match="verify_exp"):
        jwt.decode(hs_token({}), options={"verify_signature": False, "verify_exp": True})
    with pytest.raises(ValueError, match="require"):
        jwt.decode(hs_token({}), options={"verify_signature": False, "require": ["exp"]})


def test_pyjwt_options_and_arguments():
    now = int(time.time())
    token = hs_token({"iss": "i", "aud": ["a", "b"], "sub": "s", "exp": now - 5, "iat": now})
    args = dict(algorithms=["HS256"], issuer="i", audience="b", subject="s")
    with pytest.raises(E.ExpiredSignatureError, match="Signature has expired"):
        jwt.decode(token, TEXT_SECRET, **args)
    assert jwt.decode(token, TEXT_SECRET, leeway=timedelta(seconds=10), **args)["sub"] == "s"
    assert jwt.decode(token, TEXT_SECRET, options={"verify_exp": False}, **args)["sub"] == "s"
    with pytest.raises(E.InvalidIssuerError, match="Invalid issuer"):
        jwt.decode(token, TEXT_SECRET, **{**args, "issuer": {"x", "y"}}, leeway=10)
    with pytest.raises(E.InvalidAudienceError, match="Audience doesn't match"):
        jwt.decode(token, TEXT_SECRET, **{**args, "audience": "c"}, leeway=10)
    with pytest.raises(E.MissingRequiredClaimError) as info:
        jwt.decode(token, TEXT_SECRET, options={"require": ["jti"]}, leeway=10, **args)
    assert info.value.claim == "jti"
    with pytest.raises(TypeError, match="audience must be a string, iterable or None"):
        jwt.decode(token, TEXT_SECRET, **{**args, "audience": 5})
    with pytest.raises(TypeError, match="unexpected keyword"):
        jwt.decode(token, TEXT_SECRET, audiance="b", algorithms=["HS256"])
    with pytest.raises(DeprecationWarning):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            jwt.decode(token, TEXT_SECRET, verify=False, leeway=10, **args)


def test_strict_aud():
    token = hs_token({"aud": "a"})
    listed = hs_token({"aud": ["a", "b"]})
    strict = {"strict_aud": True}
    assert jwt.decode(token, TEXT_SECRET, ["HS256"], strict, audience="a") == {"aud": "a"}
    assert jwt.decode(listed, TEXT_SECRET, ["HS256"], audience="a")["aud"] == ["a", "b"]
    with pytest.raises(E.InvalidAudienceError, match=r"Invalid claim format in token \(strict\)"):
        jwt.decode(listed, TEXT_SECRET, ["HS256"], strict, audience="a")
    with pytest.raises(E.InvalidAudienceError, match=r"Invalid audience \(strict\)"):
        jwt.decode(token, TEXT_SECRET, ["HS256"], strict, audience=["a", "b"])
    with pytest.raises(E.InvalidAudienceError, match=r"Audience doesn't match \(strict\)"):
        jwt.decode(token, TEXT_SECRET, ["HS256"], strict, audience="b")
    # The strict checks follow the C library's verdict: a forged token fails as forged.
    with pytest.raises(E.InvalidSignatureError):
        jwt.decode(hs_token({"aud": ["a"]}, secret=b"x" * 32), TEXT_SECRET, ["HS256"], strict,
                   audience="a")
    with pytest.raises(ValueError, match="strict_aud"):
        authcore.verify(token, authcore.HmacKey.from_secret(SECRET), options=strict)


def test_pyjwt_class():
    token = hs_token({"exp": int(time.time()) - 5})
    lenient = jwt.PyJWT(options={"verify_exp": False})
    assert lenient.decode(token, TEXT_SECRET, algorithms=["HS256"])["exp"]
    assert lenient.options["verify_nbf"] is True and lenient.options["verify_exp"] is False
    with pytest.raises(E.ExpiredSignatureError):
        lenient.decode(token, TEXT_SECRET, ["HS256"], {"verify_exp": True})
    assert jwt.PyJWT({"verify_signature": False}).options["verify_exp"] is False
    assert pyjwt.decode(jwt.PyJWT().encode({"a": 1}, TEXT_SECRET), TEXT_SECRET, ["HS256"]) == {"a": 1}


def test_authcore_keys_still_work_without_algorithms(key):
    token = hs_token({})
    assert jwt.decode(token, key) == {}
    assert jwt.decode_complete(token, key)["payload"] == {}
    with pytest.raises(E.InvalidAlgorithmError):
        jwt.decode(token, key, algorithms=["HS512"])


def test_text_keys_are_cached_by_digest_not_by_secret():
    from authcore import compat

    compat.clear_key_cache()
    jwt.decode(hs_token({}), TEXT_SECRET, algorithms=["HS256"])
    jwt.decode(hs_token({}), SECRET, algorithms=["HS256"])  # the same bytes: the same key
    assert len(compat._KEY_CACHE) == 1
    ((alg, digest), cached), = compat._KEY_CACHE.items()
    assert alg == "HS256" and SECRET not in digest and len(digest) == 32
    # Bounded: the oldest made go, and are wiped once nothing uses them.
    for i in range(compat._KEY_CACHE_MAX + 1):
        secret = f"secret number {i:02d} of the cache test".encode()
        jwt.decode(hs_token({}, secret=secret), secret, algorithms=["HS256"])
    assert len(compat._KEY_CACHE) == compat._KEY_CACHE_MAX
    assert cached not in compat._KEY_CACHE.values()
    compat.clear_key_cache()
    assert not compat._KEY_CACHE
    del cached


def test_exception_hierarchy_is_pyjwts():
    assert issubclass(E.InvalidSignatureError, E.DecodeError)
    assert issubclass(E.DecodeError, E.InvalidTokenError)
    assert issubclass(E.InvalidTokenError, E.PyJWTError)
    for name in ("ExpiredSignatureError", "InvalidAudienceError", "InvalidIssuerError",
                 "InvalidIssuedAtError", "ImmatureSignatureError", "InvalidAlgorithmError",
                 "MissingRequiredClaimError", "InvalidSubjectError", "InvalidJTIError"):
        assert issubclass(getattr(E, name), E.InvalidTokenError), name
    for name in ("InvalidKeyError", "PyJWKError", "PyJWKSetError", "PyJWKClientError"):
        assert getattr(E, name).__mro__[1] is E.PyJWTError, name
    assert issubclass(E.PyJWKClientConnectionError, E.PyJWKClientError)
    assert issubclass(E.MissingCryptographyError, E.PyJWKError)
    # Every name PyJWT exports, authcore exports.
    missing = [n for n in pyjwt.__all__ if not hasattr(authcore, n)]
    assert missing == ["PyJWS", "register_algorithm", "unregister_algorithm",
                       "get_algorithm_by_name", "InsecureKeyLengthWarning"], missing


def test_b64url_helper_is_independent():
    # The hand-made tokens' encoder is not authcore's: a sanity check of the helper itself.
    assert b64url(b"\xfb\xff") == "-_8"


def test_repeated_calls_refuse_as_the_first_does(key, now):
    """decode() with arguments it has seen takes a shorter path; a refusal must still be the
    same class with PyJWT's message as on the first call with them."""
    other = authcore.HmacKey.from_secret(b"another secret of at least 32 bytes!")
    good = hs_token({"aud": "a", "exp": now + 60})
    cases = [
        (hs_token({"aud": "a", "exp": now - 60}), key, {}, E.ExpiredSignatureError,
         "Signature has expired"),
        (good, other, {}, E.InvalidSignatureError, "Signature verification failed"),
        (good, key, {"audience": "b"}, E.InvalidAudienceError, "Audience doesn't match"),
        (good, key, {"audience": "b", "options": {"strict_aud": True}},
         E.InvalidAudienceError, r"Audience doesn't match \(strict\)"),
        (hs_token({"aud": ["a"], "exp": now + 60}), key,
         {"audience": "a", "options": {"strict_aud": True}}, E.InvalidAudienceError,
         r"Invalid claim format in token \(strict\)"),
        (hs_token(None, raw_payload=b'{"exp":'), key, {}, E.DecodeError,
         "Invalid payload string: must be a json object"),
        (42, key, {}, E.DecodeError, "invalid token type"),
        ("a\ud800.b.c", key, {}, E.DecodeError, "not valid UTF-8"),
    ]
    for token, k, kwargs, cls, message in cases:
        seen = set()
        for _ in range(3):
            with pytest.raises(cls, match=message) as e:
                jwt.decode(token, k, ["HS256"], **kwargs)
            seen.add((type(e.value), e.value.args, e.value.status))
        assert len(seen) == 1, (token, seen)
    # Between refusals, the same arguments still accept a good token.
    for _ in range(2):
        assert jwt.decode(good, key, ["HS256"], audience="a") == {"aud": "a", "exp": now + 60}


def test_repeated_calls_see_every_argument(key, now):
    """Arguments that differ from the previous call's in any way are checked anew: no call
    gets another's settings."""
    token = hs_token({"iss": "x", "sub": "t", "exp": now - 10})
    for _ in range(2):
        assert jwt.decode(token, key, ["HS256"], leeway=30)
        with pytest.raises(E.ExpiredSignatureError):
            jwt.decode(token, key, ["HS256"], leeway=5)
        assert jwt.decode(token, key, ["HS256"], leeway=timedelta(seconds=30))
        with pytest.raises(TypeError):
            jwt.decode(token, key, ["HS256"], leeway=True)
        assert jwt.decode(token, key, ["HS256"], options={"verify_exp": False})
        with pytest.raises(E.InvalidIssuerError):
            jwt.decode(token, key, ["HS256"], issuer="y", leeway=30)
        with pytest.raises(E.InvalidSubjectError):
            jwt.decode(token, key, ["HS256"], subject="s", leeway=30)
        with pytest.raises(E.InvalidAlgorithmError):
            jwt.decode(token, key, ["HS384"], leeway=30)
        with pytest.raises(E.ExpiredSignatureError):
            jwt.decode(token, key, ["HS256"], now=now + 60, leeway=30)
        with pytest.warns(DeprecationWarning):
            jwt.decode(token, key, ["HS256"], verify=False, leeway=30)


def test_an_iterable_audience_is_read_once_per_call(key, now):
    token = hs_token({"aud": "a", "exp": now + 60})
    for decode in (jwt.decode, authcore.api.decode):
        for _ in range(2):
            assert decode(token, key, audience=(a for a in ["b", "a"]))["aud"] == "a"
            with pytest.raises(E.InvalidAudienceError):
                decode(token, key, audience=(a for a in ["b"]))
