"""PyJWK, PyJWKSet and PyJWKClient; the client against an HTTP server this test starts on
127.0.0.1 (http.server in a thread) serving tests/vectors/jwks.json and generated sets."""

from __future__ import annotations

import base64
import http.server
import json
import threading
from pathlib import Path
from typing import Any, Dict, Iterator, List

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import serialization

import authcore as jwt
from authcore import HmacKey, RsaKey
from authcore import exceptions as E

ROOT = Path(__file__).resolve().parents[2]
JWKS = json.loads((ROOT / "tests" / "vectors" / "jwks.json").read_text())
RS2048 = (ROOT / "tests" / "vectors" / "rs256-2048.jwt").read_text().strip()
RS2048_TIME = 1700000000  # inside the vector's iat..exp (tests/vectors/README.md)


@pytest.fixture(scope="module")
def rsa_private() -> Any:
    pem = (ROOT / "core" / "tests" / "vectors" / "rsa2048-private.pem").read_bytes()
    return serialization.load_pem_private_key(pem, None)


def oct_jwk(secret: bytes, **extra: Any) -> Dict[str, Any]:
    k = base64.urlsafe_b64encode(secret).rstrip(b"=").decode()
    return {"kty": "oct", "k": k, **extra}


def test_pyjwk_rsa_from_dict_and_json():
    member = JWKS["keys"][0]
    for jwk in (jwt.PyJWK(member), jwt.PyJWK.from_dict(member), jwt.PyJWK.from_json(json.dumps(member)),
                jwt.PyJWK(json.dumps(member))):
        assert isinstance(jwk.key, RsaKey) and jwk.key.algorithm == "RS256"
        assert (jwk.key_type, jwk.key_id, jwk.algorithm_name, jwk.public_key_use) == (
            "RSA", "rsa2048-2026", "RS256", "sig")
        claims = jwt.decode(RS2048, jwk, audience="telemetry", now=RS2048_TIME)
        assert claims["iss"] == "https://idp.example.com/"


def test_pyjwk_oct():
    # 64 bytes: enough for HS512 too, so that PyJWT (the reference here) does not warn.
    secret = b"a 64-byte secret for the oct key, long enough for HS512 as well.."
    jwk = jwt.PyJWK(oct_jwk(secret, kid="h1"))
    assert isinstance(jwk.key, HmacKey) and jwk.algorithm_name == "HS256" and jwk.key_id == "h1"
    token = pyjwt.encode({"a": 1}, secret, algorithm="HS256")
    assert jwt.decode(token, jwk) == {"a": 1}
    assert jwt.decode(token, jwk, algorithms=["HS256"]) == {"a": 1}
    # A PyJWK pins its algorithm, also when signing.
    assert jwt.PyJWK(oct_jwk(secret), algorithm="HS384").key.algorithm == "HS384"
    signed = jwt.encode({"b": 2}, jwt.PyJWK(oct_jwk(secret, alg="HS512")))
    assert pyjwt.decode(signed, secret, algorithms=["HS512"]) == {"b": 2}


@pytest.mark.parametrize("data,exc", [
    ({"kid": "x"}, E.InvalidKeyError),                           # no kty
    ({"kty": "XYZ"}, E.InvalidKeyError),                         # unknown kty
    ({**JWKS["keys"][1], "crv": "P-521"}, E.PyJWKError),         # ES512: not verified by authcore
    ({**JWKS["keys"][0], "alg": "ES512"}, E.PyJWKError),
    ({**JWKS["keys"][1], "crv": "P-384"}, E.InvalidKeyError),    # ES384, a P-256 point
    ({**JWKS["keys"][0], "n": "AQAB"}, E.InvalidKeyError),       # the C reader's verdict
    ({**JWKS["keys"][0], "use": "enc"}, E.InvalidKeyError),
    ({"kty": "oct", "k": "not base64url!"}, E.InvalidKeyError),
    ({"kty": "oct"}, E.InvalidKeyError),
    ({"kty": "oct", "k": "c2VjcmV0", "alg": "RS256"}, E.InvalidKeyError),
    ({**JWKS["keys"][0], "alg": "HS256"}, E.InvalidKeyError),
    ([1], E.InvalidKeyError),
    ("{not json", E.InvalidKeyError),
])
def test_pyjwk_refusals(data, exc):
    with pytest.raises(exc):
        jwt.PyJWK(data)


def test_pyjwk_error_does_not_show_secrets():
    with pytest.raises(E.InvalidKeyError) as info:
        jwt.PyJWK({"k": "c2VjcmV0IHZhbHVl"})
    assert "c2VjcmV0" not in str(info.value)


def test_pyjwkset():
    jwks = jwt.PyJWKSet.from_dict(JWKS)
    kids = ["rsa2048-2026", "ec-1", "rsa4096-2026"]
    assert [k.key_id for k in jwks.keys] == kids
    assert jwks["rsa4096-2026"].key_id == "rsa4096-2026"
    assert jwks["ec-1"].algorithm_name == "ES256"
    assert [k.key_id for k in jwks] == kids and len(jwks) == 3
    with pytest.raises(KeyError):
        jwks["ec-2"]
    assert [k.key_id for k in jwt.PyJWKSet.from_json(json.dumps(JWKS)).keys] == kids
    # A member for an algorithm authcore does not verify is skipped, as PyJWT skips keys it
    # cannot use.
    p521 = {**JWKS["keys"][1], "crv": "P-521", "kid": "p521"}
    assert [k.key_id for k in jwt.PyJWKSet.from_dict({"keys": [p521, JWKS["keys"][0]]}).keys] == [
        "rsa2048-2026"]
    for bad in ({"keys": []}, {"keys": "x"}, {"keys": [p521, 5]}, {}):
        with pytest.raises(E.PyJWKSetError):
            jwt.PyJWKSet.from_dict(bad)


class JwksServer:
    """A JWKS endpoint on 127.0.0.1: serves `body` (a set, or raw bytes) with `status`,
    counting the requests and recording their headers."""

    def __init__(self) -> None:
        self.body: Any = JWKS
        self.status = 200
        self.requests: List[Dict[str, str]] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(dict(self.headers))
                body = server.body if isinstance(server.body, bytes) else json.dumps(server.body).encode()
                status = server.status if "redirected" not in self.path else 200
                self.send_response(status)
                if status in (301, 302):
                    # To this same server, which would answer: only refusing it fails.
                    self.send_header("Location", f"{server.url}?redirected")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/.well-known/jwks.json"
        # A short poll: shutdown() waits for it, once per test.
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[JwksServer]:
    s = JwksServer()
    yield s
    s.close()


def test_client_verifies_a_token(server):
    client = jwt.PyJWKClient(server.url, headers={"User-Agent": "authcore-test"})
    key = client.get_signing_key_from_jwt(RS2048)
    assert key.key_id == "rsa2048-2026"
    assert jwt.decode(RS2048, key, algorithms=["RS256"], audience="telemetry",
                      now=RS2048_TIME)["aud"] == "telemetry"
    assert jwt.decode(RS2048, key.key, algorithms=["RS256"], audience="telemetry",
                      now=RS2048_TIME)["aud"] == "telemetry"
    assert client.get_signing_key("rsa4096-2026").key_id == "rsa4096-2026"
    assert len(server.requests) == 1  # one fetch, then the cache
    assert server.requests[0]["User-Agent"] == "authcore-test"
    assert [k.key_id for k in client.get_jwk_set().keys] == ["rsa2048-2026", "ec-1",
                                                             "rsa4096-2026"]


def test_client_lifespan(server, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("authcore.jwks.time.monotonic", lambda: clock[0])
    client = jwt.PyJWKClient(server.url, lifespan=60)
    client.get_jwk_set()
    clock[0] += 59
    client.get_jwk_set()
    assert len(server.requests) == 1
    clock[0] += 2
    client.get_jwk_set()
    assert len(server.requests) == 2
    # Without the set cache, every call fetches.
    uncached = jwt.PyJWKClient(server.url, cache_jwk_set=False)
    uncached.get_jwk_set()
    uncached.get_jwk_set()
    assert len(server.requests) == 4


def test_client_refetches_once_for_an_unknown_kid(server, monkeypatch, rsa_private):
    clock = [1000.0]
    monkeypatch.setattr("authcore.jwks.time.monotonic", lambda: clock[0])
    client = jwt.PyJWKClient(server.url, cooldown_duration=30)
    client.get_jwk_set()
    # A key rotated in: after the cooldown, the unknown kid makes one fetch that finds it.
    new = {**JWKS["keys"][0], "kid": "rotated"}
    server.body = {"keys": JWKS["keys"] + [new]}
    clock[0] += 31
    assert client.get_signing_key("rotated").key_id == "rotated"
    assert len(server.requests) == 2
    # A kid no one has: one fetch at most per cooldown, then PyJWKClientError.
    clock[0] += 31
    with pytest.raises(E.PyJWKClientError, match="Unable to find a signing key"):
        client.get_signing_key("nobody")
    assert len(server.requests) == 3
    with pytest.raises(E.PyJWKClientError):
        client.get_signing_key("nobody")
    assert len(server.requests) == 3
    token = pyjwt.encode({"a": 1}, rsa_private, algorithm="RS256", headers={"kid": "nobody"})
    with pytest.raises(E.PyJWKClientError):
        client.get_signing_key_from_jwt(token)


def test_client_cache_keys(server):
    client = jwt.PyJWKClient(server.url, cache_keys=True, cache_jwk_set=False)
    first = client.get_signing_key("rsa2048-2026")
    assert client.get_signing_key("rsa2048-2026") is first
    assert len(server.requests) == 1


@pytest.mark.parametrize("status", [404, 500, 302])
def test_client_http_errors(server, status):
    server.status = status
    with pytest.raises(E.PyJWKClientConnectionError):
        jwt.PyJWKClient(server.url).get_jwk_set()
    assert len(server.requests) == 1  # a redirect is not followed


def test_client_failed_refresh_keeps_the_cached_set(server, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("authcore.jwks.time.monotonic", lambda: clock[0])
    client = jwt.PyJWKClient(server.url, lifespan=60)
    client.get_jwk_set()
    server.status = 500
    with pytest.raises(E.PyJWKClientConnectionError):
        client.get_jwk_set(refresh=True)
    assert client.get_signing_key("rsa2048-2026").key_id == "rsa2048-2026"


@pytest.mark.parametrize("body,exc", [
    (b"not json", E.PyJWKClientError),
    (b"[1, 2]", E.PyJWKClientError),
    (b'{"keys": []}', E.PyJWKSetError),
    (json.dumps({"keys": [{**JWKS["keys"][1], "crv": "P-521"}]}).encode(), E.PyJWKSetError),
])
def test_client_bad_replies(server, body, exc):
    server.body = body
    with pytest.raises(exc):
        jwt.PyJWKClient(server.url).get_jwk_set()


def test_client_connection_refused():
    s = JwksServer()
    url = s.url
    s.close()
    with pytest.raises(E.PyJWKClientConnectionError):
        jwt.PyJWKClient(url, timeout=5).get_jwk_set()


@pytest.mark.parametrize("kwargs", [
    {"uri": "file:///etc/passwd"},
    {"uri": "ftp://example.com/jwks.json"},
    {"uri": "http://x", "lifespan": 0},
    {"uri": "http://x", "cooldown_duration": -1},
    {"uri": "http://x", "cooldown_duration": float("inf")},
])
def test_client_argument_errors(kwargs):
    with pytest.raises(E.PyJWKClientError):
        jwt.PyJWKClient(**kwargs)


def test_client_checks_the_whole_token_before_fetching(server):
    client = jwt.PyJWKClient(server.url)
    with pytest.raises(E.DecodeError):
        client.get_signing_key_from_jwt("eyJhbGciOiJSUzI1NiIsImtpZCI6ImsifQ.bm90IGpzb24.c2ln")
    assert server.requests == []


def test_client_concurrent_misses_fetch_once(server, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("authcore.jwks.time.monotonic", lambda: clock[0])
    client = jwt.PyJWKClient(server.url, cooldown_duration=30)
    client.get_jwk_set()
    clock[0] += 31
    errors: List[Exception] = []

    def lookup() -> None:
        try:
            client.get_signing_key("nobody")
        except E.PyJWKClientError as e:
            errors.append(e)

    threads = [threading.Thread(target=lookup) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert len(errors) == 8
    assert len(server.requests) == 2  # the first fetch and one refresh


def test_repr_of_a_jwk_whose_constructor_raised_part_way():
    # What a debugger or a traceback's locals show of the object the constructor left.
    bare = jwt.PyJWK.__new__(jwt.PyJWK)
    assert repr(bare) == "<PyJWK ? kid=None>"
    half = jwt.PyJWK.__new__(jwt.PyJWK)
    with pytest.raises(E.PyJWKError):
        half.__init__({"kty": "RSA", "kid": "k9", "alg": "HS999"})
    assert repr(half) == "<PyJWK ? kid='k9'>"
    whole = jwt.PyJWK(next(k for k in JWKS["keys"] if k.get("kty") == "RSA"))
    assert repr(whole) == f"<PyJWK RS256 kid={whole.key_id!r}>"
