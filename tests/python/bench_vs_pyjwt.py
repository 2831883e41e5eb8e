"""Benchmark: authcore (Python package over the C ABI) against PyJWT, per verification.

Both verify the same tokens (made by PyJWT) with the same checks: the pinned algorithm,
issuer, audience, required claims (exp, iat, sub), exp/nbf/iat with 30 s leeway, and return
the claims dict. PyJWT gets its key pre-loaded (the secret bytes; for RS256 a `cryptography`
public key object), as a server would hold it. authcore gets its own key object, and, in the
"key as text" column, the secret bytes or the PEM text as PyJWT code passes them (the key is
then made once and found in the package's key cache on every later call).

    python tests/python/bench_vs_pyjwt.py [--rounds N]

Not collected by pytest (no test_ prefix). Prints a Markdown table for BENCHMARKS.md. The
figure is the best of several repeats (the least disturbed by other processes).
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import time
from typing import Any, Callable, Dict, List

import jwt as pyjwt

import authcore
from authcore import _lib

ISS, AUD = "https://auth.example.com", "telemetry-api"
CHECKS: Dict[str, Any] = dict(issuer=ISS, audience=AUD, leeway=30,
                              options={"require": ["exp", "iat", "sub"]})


def tokens(sign: Callable[[Dict[str, Any]], str], n: int) -> List[str]:
    now = int(time.time())
    return [sign({"iss": ISS, "aud": AUD, "sub": f"device-{i}", "iat": now - i,
                  "exp": now + 3600 + i, "scope": "read write", "usefor": "access"})
            for i in range(n)]


def per_verify(fns: Dict[str, Callable[[str], Any]], toks: List[str], rounds: int,
               repeat: int) -> Dict[str, float]:
    """Best microseconds per verification for each function over `repeat` runs of `rounds`
    passes; the functions take turns, so a burst of load from other processes hits all."""
    best = {label: float("inf") for label in fns}
    for _ in range(repeat):
        for label, fn in fns.items():
            start = time.perf_counter()
            for _ in range(rounds):
                for t in toks:
                    fn(t)
            best[label] = min(best[label], time.perf_counter() - start)
    return {label: b / (rounds * len(toks)) * 1e6 for label, b in best.items()}


def bench(name: str, toks: List[str], ours_key: authcore.Key, theirs_key: Any, text_key: Any,
          alg: str, rounds: int, repeat: int) -> Dict[str, Any]:
    verifier = authcore.api.Verifier(ours_key, [alg], **CHECKS)
    fns = {
        "PyJWT jwt.decode": lambda t: pyjwt.decode(t, theirs_key, [alg], **CHECKS),
        "authcore.decode": lambda t: authcore.decode(t, ours_key, [alg], **CHECKS),
        "authcore.decode, key as text": lambda t: authcore.decode(t, text_key, [alg], **CHECKS),
        "authcore Verifier.decode": verifier.decode,
    }
    for t in toks:  # same verdicts and claims before timing anything
        results = [f(t) for f in fns.values()]
        assert all(r == results[0] for r in results), results
    us = per_verify(fns, toks, rounds, repeat)
    base = us["PyJWT jwt.decode"]
    return {"name": name, "us": us, "ratio": {k: base / v for k, v in us.items()}}


def machine() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--tokens", type=int, default=100)
    args = ap.parse_args()

    import cryptography
    print(f"machine: {machine()}; Python {platform.python_version()}; PyJWT {pyjwt.__version__}; "
          f"cryptography {cryptography.__version__}; libauthcore {authcore.library_version} "
          f"({authcore.library_path})")
    results = []

    secret = b"a shared secret of at least 32 bytes!!!!"
    hs = tokens(lambda c: pyjwt.encode(c, secret, algorithm="HS256"), args.tokens)
    results.append(bench("HS256", hs, authcore.HmacKey.from_secret(secret), secret, secret,
                         "HS256", args.rounds, args.repeat))

    missing = [n for n in ("authcore_key_rsa_pem",) if not _lib.lib.has(n)]
    if missing:
        print(f"RS256-2048: not measured: {authcore.library_path} lacks {', '.join(missing)}")
    else:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        priv = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = priv.public_key().public_bytes(serialization.Encoding.PEM,
                                             serialization.PublicFormat.SubjectPublicKeyInfo)
        rs = tokens(lambda c: pyjwt.encode(c, priv, algorithm="RS256"), args.tokens)
        results.append(bench("RS256-2048", rs, authcore.RsaKey.from_pem(pem),
                             priv.public_key(), pem, "RS256", max(1, args.rounds // 5),
                             args.repeat))

    print("\n| token | PyJWT jwt.decode | authcore.decode | ratio | authcore.decode, key as text "
          "| ratio | authcore Verifier.decode | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        us, ratio = r["us"], r["ratio"]
        text = "authcore.decode, key as text"
        print(f"| {r['name']} | {us['PyJWT jwt.decode']:.1f} µs | {us['authcore.decode']:.1f} µs | "
              f"{ratio['authcore.decode']:.1f}x | {us[text]:.1f} µs | {ratio[text]:.1f}x | "
              f"{us['authcore Verifier.decode']:.1f} µs | "
              f"{ratio['authcore Verifier.decode']:.1f}x |")


if __name__ == "__main__":
    main()
