"""A key closed while other threads verify with it never accepts a token.

Clearing an HMAC key zeroes its keyed hash states, and the all-zero state is public: anyone
can compute the MAC it gives. `forged_token` computes exactly that MAC (no secret involved).
`Key.close()` must wait for the calls running on the key, so none of them can read the
states half-wiped, and the C library re-checks the key after the MAC as a second guard.
"""

from __future__ import annotations

import random
import struct
import threading
import time

import pytest

import authcore
from authcore import HmacKey, InvalidKeyError

from conftest import SECRET, b64url, hs_token

_K = [
    0x428A2F98, 0x71374491, 0xB5C0FBCF, 0xE9B5DBA5, 0x3956C25B, 0x59F111F1, 0x923F82A4,
    0xAB1C5ED5, 0xD807AA98, 0x12835B01, 0x243185BE, 0x550C7DC3, 0x72BE5D74, 0x80DEB1FE,
    0x9BDC06A7, 0xC19BF174, 0xE49B69C1, 0xEFBE4786, 0x0FC19DC6, 0x240CA1CC, 0x2DE92C6F,
    0x4A7484AA, 0x5CB0A9DC, 0x76F988DA, 0x983E5152, 0xA831C66D, 0xB00327C8, 0xBF597FC7,
    0xC6E00BF3, 0xD5A79147, 0x06CA6351, 0x14292967, 0x27B70A85, 0x2E1B2138, 0x4D2C6DFC,
    0x53380D13, 0x650A7354, 0x766A0ABB, 0x81C2C92E, 0x92722C85, 0xA2BFE8A1, 0xA81A664B,
    0xC24B8B70, 0xC76C51A3, 0xD192E819, 0xD6990624, 0xF40E3585, 0x106AA070, 0x19A4C116,
    0x1E376C08, 0x2748774C, 0x34B0BCB5, 0x391C0CB3, 0x4ED8AA4A, 0x5B9CCA4F, 0x682E6FF3,
    0x748F82EE, 0x78A5636F, 0x84C87814, 0x8CC70208, 0x90BEFFFA, 0xA4506CEB, 0xBEF9A3F7,
    0xC67178F2,
]
_IV = [0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB,
       0x5BE0CD19]
_M = 0xFFFFFFFF


def _ror(x: int, n: int) -> int:
    return ((x >> n) | (x << (32 - n))) & _M


def _compress(h: list, block: bytes) -> list:
    w = list(struct.unpack(">16I", block))
    for i in range(16, 64):
        s0 = _ror(w[i - 15], 7) ^ _ror(w[i - 15], 18) ^ (w[i - 15] >> 3)
        s1 = _ror(w[i - 2], 17) ^ _ror(w[i - 2], 19) ^ (w[i - 2] >> 10)
        w.append((w[i - 16] + s0 + w[i - 7] + s1) & _M)
    a, b, c, d, e, f, g, k = h
    for i in range(64):
        t1 = (k + (_ror(e, 6) ^ _ror(e, 11) ^ _ror(e, 25)) + ((e & f) ^ (~e & g)) + _K[i]
              + w[i]) & _M
        t2 = ((_ror(a, 2) ^ _ror(a, 13) ^ _ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) & _M
        k, g, f, e, d, c, b, a = g, f, e, (d + t1) & _M, c, b, a, (t1 + t2) & _M
    return [(x + y) & _M for x, y in zip(h, (a, b, c, d, e, f, g, k))]


def _sha256_from(state: list, prefix: int, msg: bytes) -> bytes:
    """SHA-256 of `msg` continued from `state`, which has absorbed `prefix` bytes."""
    bits = (prefix + len(msg)) * 8
    padded = msg + b"\x80" + b"\0" * ((55 - len(msg)) % 64) + struct.pack(">Q", bits)
    for i in range(0, len(padded), 64):
        state = _compress(state, padded[i:i + 64])
    return struct.pack(">8I", *state)


def _mac_from_states(inner: list, outer: list, msg: bytes) -> bytes:
    return _sha256_from(outer, 64, _sha256_from(inner, 64, msg))


def forged_token(claims: str) -> str:
    """An HS256 token whose MAC comes from all-zero keyed states, with a large header to
    widen the window between a verification's first look at the key and its MAC."""
    header = b64url(b'{"alg":"HS256","pad":"' + b"x" * 3000 + b'"}')
    payload = b64url(claims.encode())
    signing_input = f"{header}.{payload}".encode()
    return f"{header}.{payload}.{b64url(_mac_from_states([0] * 8, [0] * 8, signing_input))}"


def test_the_sha256_here_is_hmac():
    """The forging code is right: from the keyed states of a real key it gives hmac's MAC."""
    import hashlib
    import hmac

    key = SECRET.ljust(64, b"\0")
    inner = _compress(_IV, bytes(b ^ 0x36 for b in key))
    outer = _compress(_IV, bytes(b ^ 0x5C for b in key))
    msg = b"a.b" * 100
    assert _mac_from_states(inner, outer, msg) == hmac.new(SECRET, msg, hashlib.sha256).digest()


def test_close_waits_for_calls_in_flight(now):
    k = HmacKey.from_secret(SECRET)
    token = hs_token({"exp": now + 60})
    with k._in_use() as storage:
        closer = threading.Thread(target=k.close)
        closer.start()
        closer.join(0.3)
        assert closer.is_alive(), "close() returned while a call was using the key"
        assert any(storage.opaque), "storage wiped under a running call"
        # New calls are refused as soon as close() has begun.
        with pytest.raises(InvalidKeyError, match="closed"):
            authcore.decode(token, k)
    closer.join(5)
    assert not closer.is_alive()
    assert k.closed


def test_closing_while_verifying_never_accepts_a_zero_state_forgery(now):
    """Bounded stress: rounds of a key shared by three verifying threads and closed at a
    random moment. Every verdict must be a refusal."""
    token = forged_token('{"sub":"forged","exp":%d}' % (now + 3600))
    seed = int(time.time())
    print(f"seed {seed}")
    rng = random.Random(seed)
    verdicts = {"accepted": 0, "invalid": 0, "closed": 0}
    counts = threading.Lock()
    current: list = [None]
    stop = threading.Event()

    def verify() -> None:
        while not stop.is_set():
            k = current[0]
            if k is None:
                continue
            try:
                authcore.decode(token, k, algorithms=["HS256"])
                outcome = "accepted"
            except InvalidKeyError:
                outcome = "closed"
            except authcore.InvalidSignatureError:
                outcome = "invalid"
            with counts:
                verdicts[outcome] += 1

    threads = [threading.Thread(target=verify) for _ in range(3)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 3.0
    rounds = 0
    try:
        while time.monotonic() < deadline:
            k = HmacKey.from_secret(SECRET)
            current[0] = k
            time.sleep(rng.random() * 0.002)
            k.close()
            rounds += 1
    finally:
        stop.set()
        for t in threads:
            t.join()
    print(f"{rounds} rounds: {verdicts}")
    assert verdicts["accepted"] == 0
    assert verdicts["invalid"] > 0 and verdicts["closed"] > 0
