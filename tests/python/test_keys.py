"""HmacKey: construction, bad input, pinning, wiping."""

from __future__ import annotations

import gc

import pytest

import authcore
from authcore import HmacKey, InvalidKeyError, Key, Status
from conftest import SECRET, hs_token


@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512"])
def test_from_secret_pins_the_algorithm(alg, now):
    k = HmacKey.from_secret(SECRET, alg)
    assert k.algorithm == alg
    assert k.c_algorithm() == alg
    token = hs_token({"exp": now + 100}, alg=alg)
    assert authcore.decode(token, k, [alg]) == {"exp": now + 100}


@pytest.mark.parametrize("secret", [bytearray(SECRET), memoryview(SECRET)])
def test_bytes_like_secrets(secret, now):
    k = HmacKey.from_secret(secret)
    assert authcore.decode(hs_token({"exp": now + 5}), k) == {"exp": now + 5}


@pytest.mark.parametrize("secret", ["a text secret", None, 123, ["x"]])
def test_secret_must_be_bytes(secret):
    with pytest.raises(TypeError, match="secret must be bytes"):
        HmacKey.from_secret(secret)


def test_empty_secret():
    with pytest.raises(InvalidKeyError) as e:
        HmacKey.from_secret(b"")
    assert e.value.status == Status.KEY_EMPTY_SECRET


@pytest.mark.parametrize("alg", ["RS256", "RS384", "RS512"])
def test_rs_algorithm_is_refused_for_hmac(alg):
    with pytest.raises(InvalidKeyError) as e:
        HmacKey.from_secret(SECRET, alg)
    assert e.value.status == Status.KEY_WRONG_ALGORITHM


@pytest.mark.parametrize("alg", ["hs256", "none", "ES512", ""])
def test_unknown_algorithm_name(alg):
    with pytest.raises(ValueError, match="unknown algorithm"):
        HmacKey.from_secret(SECRET, alg)


def test_algorithm_must_be_a_str():
    with pytest.raises(TypeError):
        HmacKey.from_secret(SECRET, 1)  # type: ignore[arg-type]


def test_huge_secret_is_fine(now):
    k = HmacKey.from_secret(b"k" * 10_000_000)
    token = hs_token({"exp": now + 5}, secret=b"k" * 10_000_000)
    assert authcore.decode(token, k)["exp"] == now + 5


def test_key_cannot_be_made_directly():
    with pytest.raises(TypeError):
        Key()


def test_close_wipes_and_later_use_is_an_error(now):
    k = HmacKey.from_secret(SECRET)
    token = hs_token({"exp": now + 5})
    authcore.decode(token, k)
    storage = k._storage
    k.close()
    assert k.closed
    assert not any(storage.opaque), "key storage not zeroed"
    k.close()  # idempotent
    with pytest.raises(InvalidKeyError, match="closed"):
        authcore.decode(token, k)
    with pytest.raises(InvalidKeyError):
        k.c_algorithm()
    with pytest.raises(InvalidKeyError):
        authcore.encode({"a": 1}, k)


def test_context_manager_closes():
    with HmacKey.from_secret(SECRET) as k:
        assert not k.closed
    assert k.closed


def test_garbage_collection_wipes():
    k = HmacKey.from_secret(SECRET)
    storage = k._storage
    del k
    gc.collect()
    assert not any(storage.opaque)


def test_repr_shows_no_secret():
    k = HmacKey.from_secret(b"very-secret-value-xyz-0123456789")
    assert "secret" not in repr(k) and "HS256" in repr(k)
    assert repr(k) == "<HmacKey HS256 (open)>"
