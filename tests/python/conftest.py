"""Shared fixtures and token helpers for the authcore Python suite.

The suite runs against the installed `authcore` package (scripts/test-python.sh installs it
into a venv); PyJWT (with `cryptography`) is the reference it is compared with.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any, Dict, Optional

import pytest

import authcore

SECRET = b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
HASHES = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(seg: str) -> bytes:
    return base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4))


def hs_token(
    payload: Any,
    secret: bytes = SECRET,
    alg: str = "HS256",
    header: Optional[Dict[str, Any]] = None,
    raw_payload: Optional[bytes] = None,
    raw_header: Optional[bytes] = None,
) -> str:
    """A token signed here with hmac/hashlib (independent of both libraries under test), with
    any header and payload, including ones neither library would write."""
    h = raw_header if raw_header is not None else json.dumps(
        header if header is not None else {"alg": alg, "typ": "JWT"}, separators=(",", ":")
    ).encode()
    p = raw_payload if raw_payload is not None else json.dumps(payload, separators=(",", ":")).encode()
    signing_input = f"{b64url(h)}.{b64url(p)}"
    mac = hmac.new(secret, signing_input.encode(), HASHES.get(alg, hashlib.sha256)).digest()
    return f"{signing_input}.{b64url(mac)}"


@pytest.fixture
def now() -> int:
    return int(time.time())


@pytest.fixture
def key() -> authcore.HmacKey:
    return authcore.HmacKey.from_secret(SECRET, "HS256")
