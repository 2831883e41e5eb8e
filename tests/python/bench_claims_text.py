"""How the Python package gets the verified claims' text, timed per token: the copy that
``authcore_claims_json`` makes of the claims ``authcore_verify_detail`` parsed (what
``authcore.api`` does), against base64url-decoding the payload segment in Python again (what
it did before, kept here only as the yardstick). Same process, interleaved rounds, best of
10 repeats of 50,000 calls each. Run with the venv of ``scripts/test-python.sh``:

    $CARGO_TARGET_DIR/py-venv/bin/python tests/python/bench_claims_text.py
"""

import binascii
import time
import timeit

import jwt as pyjwt

import authcore
from authcore import api

SECRET = b"0123456789abcdef0123456789abcdef"


def main() -> None:
    key = authcore.HmacKey.from_secret(SECRET, "HS256")
    now = int(time.time())
    token = pyjwt.encode({"iss": "https://auth.example.com", "sub": "device-42",
                          "aud": "telemetry", "iat": now, "nbf": now, "exp": now + 600,
                          "scope": "read write"}, SECRET, algorithm="HS256")
    verifier = api.Verifier(key, audience="telemetry")
    verifier.decode(token)  # leaves this token's claims in this thread's work storage
    work = api._work()
    data = token.encode()
    b64url = bytes.maketrans(b"-_", b"+/")
    pad = (b"", b"", b"==", b"=")

    def python_decode() -> str:
        seg = data.split(b".", 2)[1]
        return binascii.a2b_base64(seg.translate(b64url) + pad[len(seg) & 3]).decode()

    claims_json = api._c_claims_json

    def c_copy() -> str:
        claims_json(work.claims_ref, work.out, work.out_cap, work.out_len_ref)
        return work.out.value.decode()

    assert python_decode() == c_copy()
    for round_ in range(1, 4):
        for name, fn in [("payload re-decoded in Python", python_decode),
                         ("authcore_claims_json copy", c_copy),
                         ("Verifier.decode, whole", lambda: verifier.decode(token))]:
            best = min(timeit.repeat(fn, number=50000, repeat=10)) / 50000
            print(f"round {round_}: {name}: {best * 1e6:.2f} us")


if __name__ == "__main__":
    main()
