"""Objects backed by C storage refuse pickling and copying.

Their storage holds secrets (an HMAC key's keyed states, a session's tokens) and raw
pointers (into the caller's strings and the library's tables): a pickle wrote the secrets in
clear and an unpickled session crashed the interpreter; a shallow copy shared the storage,
and collecting the copy wiped the original.
"""

from __future__ import annotations

import copy
import gc
import pickle

import pytest

import authcore
from authcore import HmacKey
from authcore.lifetime import Tracker
from authcore.session import Session

from conftest import SECRET, hs_token


def objects():
    yield "hmac key", HmacKey.from_secret(SECRET)
    yield "session", Session("oauth2")
    yield "tracker", Tracker.after(600, received=1_700_000_000)
    yield "verifier", authcore.Verifier(HmacKey.from_secret(SECRET), algorithms=["HS256"])


@pytest.mark.parametrize("name,obj", list(objects()))
def test_refuses_pickle_and_copies(name, obj):
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        with pytest.raises(TypeError, match="cannot be pickled"):
            pickle.dumps(obj, protocol)
    with pytest.raises(TypeError, match="cannot be copied"):
        copy.copy(obj)
    with pytest.raises(TypeError, match="cannot be copied"):
        copy.deepcopy(obj)


def test_key_survives_a_refused_copy(now):
    """The refused copy leaves nothing behind that could wipe the original when collected."""
    k = HmacKey.from_secret(SECRET)
    with pytest.raises(TypeError):
        copy.copy(k)
    gc.collect()
    assert not k.closed
    token = hs_token({"exp": now + 60})
    assert authcore.decode(token, k, now=now)["exp"] == now + 60


def test_no_secret_in_a_refused_pickle_attempt():
    k = HmacKey.from_secret(SECRET)
    try:
        pickle.dumps(k)
    except TypeError as e:
        assert SECRET.decode() not in str(e)
    else:
        raise AssertionError("a key was pickled")
