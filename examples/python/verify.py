"""Signs and verifies a token with the authcore Python package, prints its claims and its
expiry status, and shows how refusals look.

Run after `pip install ./python` (its build compiles libauthcore into the package), or
simply: `bash scripts/test-python.sh`.
"""

from __future__ import annotations

import json
import time

import authcore


def main() -> None:
    now = int(time.time())
    # A key is pinned to one algorithm when it is made; the secret is bytes, never str.
    key = authcore.HmacKey.from_secret(b"a shared secret of at least 32 bytes!", "HS256")

    token = authcore.encode(
        {"iss": "https://auth.example.com", "aud": "telemetry-api", "sub": "device-42",
         "usefor": "access", "iat": now, "exp": now + 3600},
        key,
        headers={"kid": "2024-01"},
    )
    print("token:", token)
    print("kid (unverified, to pick a key):", authcore.peek_kid(token))

    # PyJWT's argument names, plus authcore's claim_equals and max_age.
    claims = authcore.decode(
        token,
        key,
        algorithms=["HS256"],
        issuer="https://auth.example.com",
        audience="telemetry-api",
        options={"require": ["exp", "iat", "sub"]},
        claim_equals={"usefor": "access"},
        max_age=86400,
        leeway=30,
    )
    print("verified claims:", json.dumps(claims, sort_keys=True))

    # How long it lasts (renew when it says refresh_soon), and the header to send it with.
    tracker = authcore.Tracker.for_claims(claims, received=now)
    print("status now:", tracker.status(now), "| in 55 min:", tracker.status(now + 3300))
    print("header:", authcore.authorization(token)[:40] + "...")

    # Every refusal is an exception of PyJWT's hierarchy, with the C status attached.
    checks = [
        ("an hour and a minute later", dict(now=now + 3660)),
        ("for another audience", dict(audience="billing-api")),
        ("as a refresh token", dict(audience="telemetry-api", claim_equals={"usefor": "refresh"})),
        ("with another key", dict(audience="telemetry-api",
                                  key=authcore.HmacKey.from_secret(b"not the right secret....")),),
    ]
    for what, kwargs in checks:
        k = kwargs.pop("key", key)
        try:
            authcore.decode(token, k, algorithms=["HS256"], **kwargs)
            print(f"{what}: accepted (unexpected)")
        except authcore.InvalidTokenError as e:
            print(f"{what}: refused, {type(e).__name__}: {e} (status {e.status!r})")

    # Many tokens with the same checks: a Verifier checks the arguments and compiles the
    # C policy once.
    verifier = authcore.api.Verifier(key, ["HS256"], audience="telemetry-api")
    print("Verifier:", verifier.decode(token)["sub"])
    key.close()  # wipes the key's C storage (also done when it is garbage-collected)


if __name__ == "__main__":
    main()
