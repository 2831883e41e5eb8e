"""Where the time of one ``authcore.decode`` call goes (HS256, the key object reused, the
checks of ``bench_vs_pyjwt.py``): the whole call beside each of its parts timed alone, in
one process, interleaved, best of several repeats. The C calls are made as the package
makes them (``api._c_verify``, ``api._c_claims_json``: no ctypes argument conversion), so
their figures are the floor a Python caller of the C library pays per token. Run with the
venv of ``scripts/test-python.sh``:

    $CARGO_TARGET_DIR/py-venv/bin/python tests/python/bench_decode_parts.py [--repeat N]

Not collected by pytest (no test_ prefix). Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import time
import timeit
from typing import Any, Callable, Dict

import jwt as pyjwt

import authcore
from authcore import _lib, api, compat

ISS, AUD = "https://auth.example.com", "telemetry-api"
CHECKS: Dict[str, Any] = dict(issuer=ISS, audience=AUD, leeway=30,
                              options={"require": ["exp", "iat", "sub"]})
SECRET = b"a shared secret of at least 32 bytes!!!!"


def parts() -> Dict[str, Callable[[], Any]]:
    now = int(time.time())
    token = pyjwt.encode({"iss": ISS, "aud": AUD, "sub": "device-1", "iat": now,
                          "exp": now + 3600, "scope": "read write", "usefor": "access"},
                         SECRET, algorithm="HS256")
    key = authcore.HmacKey.from_secret(SECRET)
    verifier = api.Verifier(key, ["HS256"], **CHECKS)
    policy = verifier._policy
    claims = authcore.decode(token, key, ["HS256"], **CHECKS)  # makes the fast path's entry
    data = token.encode()
    (buf, buf_len, token_len, now_c, claims_ref, refused_ref, out, out_cap, _out_len,
     out_len_ref) = api._work().hot
    token_len.value, buf_len.value, now_c.value = len(data), len(data) + 1, now
    key_ref = ctypes.byref(key._storage)
    version = _lib.lib.unchecked("authcore_version", ctypes.c_char_p)
    c_verify, c_claims_json, scan = api._c_verify, api._c_claims_json, api._scan

    def verify() -> int:
        return c_verify(key_ref, policy.ref, data, token_len, now_c, buf, buf_len, claims_ref,
                        None, refused_ref)

    def claims_json() -> int:
        return c_claims_json(claims_ref, out, out_cap, out_len_ref)

    assert verify() == 0 and claims_json() == 0
    text = out.value.decode()
    assert scan(text, 0)[0] == claims
    args = (key.algorithm, ["HS256"], CHECKS["options"], AUD, None, ISS, 30, int)
    assert compat._COMPILED.get(args) is not None

    def integers() -> None:
        token_len.value = len(data)
        buf_len.value = len(data) + 1
        now_c.value = now

    return {
        "PyJWT `jwt.decode` (whole call)": lambda: pyjwt.decode(token, SECRET, ["HS256"],
                                                                **CHECKS),
        "`authcore.decode` (whole call)": lambda: authcore.decode(token, key, ["HS256"],
                                                                  **CHECKS),
        "`Verifier.decode` (whole call)": lambda: verifier.decode(token),
        "`authcore_verify_detail` through ctypes (10 arguments)": verify,
        "`authcore_claims_json` through ctypes (4 arguments)": claims_json,
        "a ctypes call with no arguments (`authcore_version`)": version,
        "claims text to `str` (`.value.decode()`)": lambda: out.value.decode(),
        "JSON text to dict (the `json` C scanner)": lambda: scan(text, 0),
        "`json.loads` of the same text": lambda: json.loads(text),
        "`key._enter()` + `key._leave()` (the close guard)": lambda: (key._enter(),
                                                                     key._leave()),
        "the argument look-up of `decode`'s fast path": lambda: compat._COMPILED.get(args),
        "three ctypes integer `.value` sets": integers,
        "`int(time.time())`": lambda: int(time.time()),
        "an empty Python call (timing overhead)": lambda: None,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--number", type=int, default=20000)
    args = ap.parse_args()
    fns = parts()
    best = {name: float("inf") for name in fns}
    for _ in range(args.repeat):
        for name, fn in fns.items():
            number = args.number // 10 if name.startswith("PyJWT") else args.number
            best[name] = min(best[name], timeit.timeit(fn, number=number) / number)
    print("| part | best µs |\n|---|---|")
    for name, b in best.items():
        print(f"| {name} | {b * 1e6:.2f} |")


if __name__ == "__main__":
    main()
