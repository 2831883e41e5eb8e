"""Token generation for the differential tests against PyJWT.

`cases()` yields (category, token, decode kwargs, expected verdict) for one signing
function; `compare()` runs PyJWT's `jwt.decode` and `authcore.decode` on each with the same
arguments and checks that both reach the same verdict: the same PyJWT exception class
(ours is mapped to the PyJWT class it derives from) or the same claims.

Tokens are made by PyJWT itself (its `jwt.encode`), then changed at the byte level for the
tampered and malformed categories. Time margins are at least 100 s, since PyJWT reads the
clock itself.
"""

from __future__ import annotations

import base64
import json
import random
import string
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import jwt as pyjwt

import authcore

Case = Tuple[str, str, Dict[str, Any], Optional[str]]

ISSUERS = ["https://idp.example", "urn:issuer:2", "tenant-é"]
AUDIENCES = ["api", "web", "telemetry", "ünïcode-aud"]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(seg: str) -> bytes:
    return base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4))


def pyjwt_verdict_name(cls: type) -> str:
    """The PyJWT exception class name ours corresponds to (its nearest PyJWT ancestor)."""
    for c in cls.__mro__:
        if isinstance(getattr(pyjwt.exceptions, c.__name__, None), type):
            return c.__name__
    raise AssertionError(f"{cls} maps to no PyJWT exception")


def ours(token: str, key: authcore.Key, kwargs: Dict[str, Any]) -> Tuple[str, Any]:
    try:
        return "valid", authcore.decode(token, key, **kwargs)
    except authcore.PyJWTError as e:
        return pyjwt_verdict_name(type(e)), None


def theirs(token: str, key: Any, kwargs: Dict[str, Any]) -> Tuple[str, Any]:
    try:
        return "valid", pyjwt.decode(token, key, **kwargs)
    except pyjwt.PyJWTError as e:
        return type(e).__name__, None


def flip(token: str, part: int, rng: random.Random) -> str:
    """Flips one bit of the decoded bytes of segment `part`, re-encoded canonically (so the
    token stays strict base64url: the change is to the content, not the encoding)."""
    segs = token.split(".")
    raw = bytearray(unb64url(segs[part]))
    if not raw:
        raw = bytearray(b"\0")
    i = rng.randrange(len(raw))
    raw[i] ^= 1 << rng.randrange(8)
    segs[part] = b64url(bytes(raw))
    return ".".join(segs)


def malformed(token: str, rng: random.Random) -> str:
    h, p, s = token.split(".")
    choices: List[Callable[[], str]] = [
        lambda: "",
        lambda: h,
        lambda: f"{h}.{p}",
        lambda: token[: rng.randrange(1, len(h) + len(p) + 1)],  # cut before the signature
        lambda: "".join(rng.choice(string.ascii_letters + "-_") for _ in range(rng.randrange(1, 80))),
        lambda: f"{b64url(b'not json')}.{p}.{s}",
        lambda: f"{b64url(b'[]')}.{p}.{s}",
        lambda: f"{b64url(b'{}')}.{p}.{s}",
        lambda: f"{h}!.{p}.{s}",
        lambda: f"{h}.{p}.{s[:1]}",
        lambda: f"{h}.{p}.{s}.",
        lambda: f"{h}.{p}.{s}.{s}",
        lambda: token[: rng.randrange(len(h) + len(p) + 2, len(token))],  # cut in the signature
    ]
    return rng.choice(choices)()


def base_claims(rng: random.Random, now: int) -> Dict[str, Any]:
    c: Dict[str, Any] = {
        "sub": "user-%d" % rng.randrange(10**6),
        "exp": now + rng.randrange(200, 10**6),
    }
    if rng.random() < 0.7:
        c["iat"] = now - rng.randrange(0, 10**5)
    if rng.random() < 0.4:
        c["nbf"] = now - rng.randrange(100, 10**5)
    if rng.random() < 0.3:
        c["exp"] = c["exp"] + 0.5  # a fractional NumericDate
    if rng.random() < 0.5:
        c["jti"] = "%032x" % rng.getrandbits(128)
    if rng.random() < 0.5:
        c["scope"] = rng.sample(["read", "write", "admin", "ü"], rng.randrange(1, 4))
    if rng.random() < 0.3:
        c["meta"] = {"n": rng.randrange(-(2**40), 2**40), "f": rng.random(), "ok": True, "none": None}
    return c


def cases(
    sign: Callable[[Dict[str, Any], Optional[Dict[str, Any]]], str],
    alg: str,
    now: int,
    count: int,
    seed: int,
    other_sign: Callable[[Dict[str, Any]], str],
    other_alg_sign: Callable[[Dict[str, Any]], str],
) -> Iterator[Case]:
    """`count` cases across every category, for tokens made by `sign(claims, headers)`;
    `other_sign` signs with another key of the same algorithm, `other_alg_sign` with another
    algorithm."""
    rng = random.Random(seed)
    categories = [
        "valid", "valid_iss_aud", "expired", "leeway_ok", "leeway_short", "immature",
        "iat_future", "wrong_aud", "unexpected_aud", "missing_aud", "wrong_iss",
        "missing_iss", "missing_required", "wrong_sub", "verify_exp_off", "tampered_sig",
        "tampered_payload", "tampered_header", "wrong_key", "wrong_alg", "alg_none",
        "malformed",
    ]
    for i in range(count):
        cat = categories[i % len(categories)]
        c = base_claims(rng, now)
        kw: Dict[str, Any] = {"algorithms": [alg]}
        expect: Optional[str] = "valid"
        headers = {"kid": "k%d" % rng.randrange(100)} if rng.random() < 0.3 else None
        if cat == "valid_iss_aud":
            c["iss"] = rng.choice(ISSUERS)
            c["aud"] = rng.choice([rng.choice(AUDIENCES), rng.sample(AUDIENCES, 2)])
            auds = [c["aud"]] if isinstance(c["aud"], str) else c["aud"]
            kw["issuer"] = rng.choice([c["iss"], [c["iss"], "other"]])
            kw["audience"] = rng.choice([auds[0], ["zzz", auds[-1]]])
            kw["options"] = {"require": ["exp", "iss", "aud", "sub"]}
        elif cat == "expired":
            c["exp"] = now - rng.randrange(100, 10**6)
            expect = "ExpiredSignatureError"
        elif cat == "leeway_ok":
            c["exp"] = now - 100
            kw["leeway"] = rng.choice([400, 400.0])
        elif cat == "leeway_short":
            c["exp"] = now - 400
            kw["leeway"] = 100
            expect = "ExpiredSignatureError"
        elif cat == "immature":
            c["nbf"] = now + rng.randrange(200, 10**6)
            expect = "ImmatureSignatureError"
        elif cat == "iat_future":
            c["iat"] = now + rng.randrange(200, 10**5)
            c.pop("nbf", None)
            expect = "ImmatureSignatureError"
        elif cat == "wrong_aud":
            c["aud"] = rng.choice(["nope", ["nope", "nada"]])
            kw["audience"] = rng.choice(["api", ["api", "web"]])
            expect = "InvalidAudienceError"
        elif cat == "unexpected_aud":
            c["aud"] = rng.choice(AUDIENCES)
            expect = "InvalidAudienceError"
        elif cat == "missing_aud":
            kw["audience"] = "api"
            expect = "MissingRequiredClaimError"
        elif cat == "wrong_iss":
            c["iss"] = "https://evil.example"
            kw["issuer"] = rng.choice([ISSUERS[0], ISSUERS])
            expect = "InvalidIssuerError"
        elif cat == "missing_iss":
            kw["issuer"] = ISSUERS[0]
            expect = "MissingRequiredClaimError"
        elif cat == "missing_required":
            c.pop("jti", None)
            kw["options"] = {"require": rng.sample(["exp", "sub", "jti"], 3)}
            expect = "MissingRequiredClaimError"
        elif cat == "wrong_sub":
            kw["subject"] = "someone-else"
            expect = "InvalidSubjectError"
        elif cat == "verify_exp_off":
            c["exp"] = now - 1000
            kw["options"] = {"verify_exp": False}
        token = sign(c, headers)
        if cat == "tampered_sig":
            token, expect = flip(token, 2, rng), "InvalidSignatureError"
        elif cat == "tampered_payload":
            token, expect = flip(token, 1, rng), "InvalidSignatureError"
        elif cat == "tampered_header":
            token, expect = flip(token, 0, rng), None  # DecodeError, InvalidAlgorithm or signature
        elif cat == "wrong_key":
            token, expect = other_sign(c), "InvalidSignatureError"
        elif cat == "wrong_alg":
            token, expect = other_alg_sign(c), "InvalidAlgorithmError"
        elif cat == "alg_none":
            h = rng.choice(["none", "None", "NONE"])
            token = f"{b64url(json.dumps({'alg': h}).encode())}.{token.split('.')[1]}."
            expect = "InvalidAlgorithmError"
        elif cat == "malformed":
            token, expect = malformed(token, rng), None
        yield cat, token, kw, expect


def compare(all_cases: List[Case], our_key: authcore.Key, their_key: Any) -> Dict[str, int]:
    """Runs both libraries on every case; returns the count per category. Raises
    AssertionError listing every disagreement."""
    failures: List[str] = []
    counts: Dict[str, int] = {}
    for cat, token, kw, expect in all_cases:
        counts[cat] = counts.get(cat, 0) + 1
        a, claims_a = ours(token, our_key, kw)
        b, claims_b = theirs(token, their_key, kw)
        if cat == "malformed":
            # PyJWT decodes base64 leniently (stray characters, non-zero padding bits) and
            # then fails on the signature; authcore refuses the encoding itself. Both are
            # the DecodeError family, which InvalidSignatureError belongs to.
            fam = {"InvalidSignatureError": "DecodeError"}
            a, b = fam.get(a, a), fam.get(b, b)
        if a != b or claims_a != claims_b:
            failures.append(f"{cat}: authcore={a} pyjwt={b} kwargs={kw} token={token}")
        elif expect is not None and a != expect:
            failures.append(f"{cat}: both said {a}, expected {expect}: token={token}")
    assert not failures, f"{len(failures)} of {len(all_cases)} disagree:\n" + "\n".join(failures[:20])
    return counts
