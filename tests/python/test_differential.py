"""authcore against PyJWT on thousands of HS256/384/512 tokens made by PyJWT: the same
verdict class for each (see diffgen.py for the categories)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time

import jwt as pyjwt
import pytest

import authcore
import diffgen
from conftest import SECRET

OTHER_SECRET = b"a different secret, also long enough for HS512 keys: 0123456789abcdef"
PER_ALG = 2200
# One seed per run, printed (pytest shows it with a failure) and taken from the environment
# when given, so that a failing run can be replayed exactly.
SEED = int(os.environ.get("AUTHCORE_TEST_SEED") or random.SystemRandom().randrange(1 << 32))
ALG_OFFSET = {"HS256": 0, "HS384": 1, "HS512": 2}


def make_cases(alg: str, now: int, count: int = PER_ALG):
    """The cases for `alg`: a function of the seed and `now` alone."""
    other_alg = {"HS256": "HS384", "HS384": "HS512", "HS512": "HS256"}[alg]
    return list(
        diffgen.cases(
            sign=lambda c, h: pyjwt.encode(c, SECRET, algorithm=alg, headers=h),
            alg=alg,
            now=now,
            count=count,
            seed=SEED * 3 + ALG_OFFSET[alg],
            other_sign=lambda c: pyjwt.encode(c, OTHER_SECRET, algorithm=alg),
            other_alg_sign=lambda c: pyjwt.encode(c, SECRET, algorithm=other_alg),
        )
    )


@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512"])
def test_same_verdicts_as_pyjwt(alg):
    now = int(time.time())
    print(f"replay with AUTHCORE_TEST_SEED={SEED}")
    cases = make_cases(alg, now)
    key = authcore.HmacKey.from_secret(SECRET, alg)
    counts = diffgen.compare(cases, key, SECRET)
    assert sum(counts.values()) == PER_ALG and len(counts) == 22


def test_cases_replay_from_the_seed():
    """Two processes given the same AUTHCORE_TEST_SEED make the same cases (whatever
    Python's per-process string hashing); another seed makes others."""
    script = (
        "import hashlib, test_differential as t\n"
        "for alg in ('HS256', 'HS384', 'HS512'):\n"
        "    cases = [(c, tok, repr(sorted(kw.items())), e) for c, tok, kw, e in t.make_cases(alg, 1700000000, 200)]\n"
        "    print(hashlib.sha256(repr(cases).encode()).hexdigest())\n"
    )

    def run(seed: str) -> str:
        env = dict(os.environ, AUTHCORE_TEST_SEED=seed, PYTHONHASHSEED="random")
        here = os.path.dirname(os.path.abspath(__file__))
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=here, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    first = run("7")
    assert first == run("7")
    assert first != run("8")


def test_both_refuse_noncanonical_base64(key, now):
    """A signature whose last base64url character has non-zero unused bits: both refuse it.
    PyJWT says DecodeError; authcore compares the MAC in its canonical encoding and says
    InvalidSignatureError, which is a DecodeError in both hierarchies."""
    token = pyjwt.encode({"exp": now + 100}, SECRET, algorithm="HS256")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(token[-1])
    # 32 bytes = 43 characters: the last carries 4 bits of data and 2 unused bits.
    odd = token[:-1] + alphabet[last | 1]
    assert odd != token
    with pytest.raises(pyjwt.DecodeError):
        pyjwt.decode(odd, SECRET, ["HS256"])
    with pytest.raises(authcore.DecodeError) as e:
        authcore.decode(odd, key)
    assert e.value.status in (authcore.Status.BASE64, authcore.Status.INVALID_SIGNATURE)


def test_authcore_is_stricter_on_padding(key, now):
    """A documented, deliberate difference: PyJWT strips "=" padding from a segment and
    accepts the token; authcore refuses it (RFC 7515 section 2: base64url without padding).
    For the signature segment the refusal is reported as a signature mismatch, since the
    MAC is compared in its canonical encoding."""
    token = pyjwt.encode({"exp": now + 100}, SECRET, algorithm="HS256") + "="
    assert pyjwt.decode(token, SECRET, ["HS256"]) == {"exp": now + 100}
    with pytest.raises(authcore.DecodeError) as e:
        authcore.decode(token, key)
    assert e.value.status in (authcore.Status.BASE64, authcore.Status.INVALID_SIGNATURE)
    # Padding in the header or payload segment is a base64 error.
    h, p, s = token.rstrip("=").split(".")
    with pytest.raises(authcore.DecodeError) as e:
        authcore.decode(f"{h}=.{p}.{s}", key)
    assert e.value.status == authcore.Status.BASE64
