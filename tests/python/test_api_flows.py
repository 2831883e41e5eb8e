"""Each API's documented flow, driven from Python with the documents' own sample responses
(the same samples as core/tests/api_styles.rs): log in, send, refresh or renew inside the
margin, expire, log in again, log out; and the state machine's promise checked over random
event sequences (the answer carries a header exactly while the access token works).

The property test's seed is printed; set AUTHCORE_TEST_SEED to replay one.
"""

from __future__ import annotations

import base64
import json
import os
import random
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

import authcore
from authcore import Status
from authcore.exceptions import SessionError
from authcore.session import Session

T0 = 1_700_000_000
KEY = authcore.HmacKey.from_secret(b"k" * 32)
ROOT = Path(__file__).resolve().parents[2]


def jwt(**claims):
    return authcore.encode(claims, KEY)


def step(s, now):
    """A compact view of ``s.next(now)``; ``remaining`` is None once the token does not work
    (Python's Next says 0 there, Rust's ``remaining: None``)."""
    n = s.next(now)
    if not n.usable:
        assert n.remaining == 0 and n.authorization is None, n
        n = n._replace(remaining=None)
    if n.action == "send":
        return ("send", n.authorization, n.remaining)
    if n.action == "refresh":
        r = n.request
        return ("refresh", r.authorization, r.body, n.remaining)
    return ("log_in", n.authorization, n.remaining)


def no_token(s):
    with pytest.raises(SessionError) as e:
        s.authorization()
    assert e.value.status == Status.NO_TOKEN


# --- OAuth 2.0 (RFC 6749 4.3 and 6, the RFC's sample tokens) --------------------------------

def test_oauth2_flow():
    s = Session("oauth2", scope="read write", client_id="device-42")
    assert step(s, T0) == ("log_in", None, None)
    req = s.login_request("johndoe", "A3ddj3w")
    assert req.body == ("grant_type=password&username=johndoe&password=A3ddj3w"
                        "&scope=read+write&client_id=device-42")
    assert req.content_type == "application/x-www-form-urlencoded"
    s.accept_login('{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"bearer",'
                   '"expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA",'
                   '"refresh_expires_in":7200}', now=T0)
    # Send.
    assert step(s, T0) == ("send", "Bearer 2YotnFZFEjr1zCsicMWpAA", 3595)
    # Inside the margin (360 s): refresh, and meanwhile keep sending with the current header.
    n = s.next(T0 + 3235)
    assert (n.action, n.usable, n.remaining) == ("refresh", True, 360)
    assert n.authorization == "Bearer 2YotnFZFEjr1zCsicMWpAA"
    assert n.request.body == ("grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA"
                              "&scope=read+write&client_id=device-42")
    s.accept_refresh({"access_token": "at-2", "token_type": "Bearer", "expires_in": 3600,
                      "refresh_token": "rt-2"}, now=T0 + 3235)
    assert step(s, T0 + 3236) == ("send", "Bearer at-2", 3594)
    assert urllib.parse.parse_qs(s.refresh_request().body)["refresh_token"] == ["rt-2"]
    # Expired, the refresh token still good: refresh with no header to send meanwhile.
    late = s.next(T0 + 3235 + 3600)
    assert (late.action, late.usable, late.authorization) == ("refresh", False, None)
    # The server refused the refresh token: forget it, log in again.
    s.forget_refresh_token()
    assert step(s, T0 + 3235 + 3600) == ("log_in", None, None)
    s.accept_login({"access_token": "at-3", "token_type": "Bearer", "expires_in": 3600,
                    "refresh_token": "rt-3"}, now=T0 + 7000)
    assert step(s, T0 + 7000) == ("send", "Bearer at-3", 3595)
    # Logout: forget both.
    s.forget()
    no_token(s)
    assert step(s, T0 + 7000) == ("log_in", None, None)
    with pytest.raises(SessionError) as e:
        s.refresh_request()
    assert e.value.status == Status.NO_REFRESH_TOKEN


# --- ImmPort: form login, lower-case bearer, a fixed 60 s use window, pins ------------------

def test_immport_flow():
    s = Session("immport")
    assert step(s, T0) == ("log_in", None, None)
    req = s.login_request("jdoe@lab.org", "pa ss&")
    assert req.body == "username=jdoe%40lab.org&password=pa+ss%26"
    assert req.content_type == "application/x-www-form-urlencoded"
    token = jwt(sub="jdoe", iat=T0, exp=T0 + 3600)
    s.accept_login(f'{{"status":200,"token":"{token}"}}', now=T0)
    # 60 s window, 5 s leeway, 15 s margin.
    assert step(s, T0) == ("send", f"bearer {token}", 55)
    assert step(s, T0 + 39) == ("send", f"bearer {token}", 16)
    # No refresh call: inside the margin, log in, and meanwhile the token still works.
    due = s.next(T0 + 40)
    assert (due.action, due.usable, due.authorization, due.remaining) == (
        "log_in", True, f"bearer {token}", 15)
    # A long download starts at +50 and runs to +600: pinned, it stays valid.
    s.pin(T0 + 50)
    assert s.status(T0 + 600) == ("refresh_soon", 5)
    assert step(s, T0 + 600) == ("log_in", f"bearer {token}", 5)
    s.unpin()
    assert s.status(T0 + 600) == ("expired", 0)
    assert step(s, T0 + 600) == ("log_in", None, None)
    with pytest.raises(SessionError) as e:
        s.pin(T0 + 600)
    assert e.value.status == Status.EXPIRED
    # Log in again; the refusal body carries its status and changes nothing.
    with pytest.raises(authcore.exceptions.LoginRefusedError) as e:
        s.accept_login('{"status":401,"message":"Bad credentials"}', now=T0 + 600)
    assert e.value.http_status == 401
    assert step(s, T0 + 600) == ("log_in", None, None)
    token2 = jwt(sub="jdoe", iat=T0 + 600, exp=T0 + 4200)
    s.accept_login({"status": 200, "access_token": token2}, now=T0 + 600)
    assert step(s, T0 + 601) == ("send", f"bearer {token2}", 54)
    # Logout.
    s.forget()
    no_token(s)
    assert step(s, T0 + 601) == ("log_in", None, None)


# --- Infoworks: Basic login, Bearer JWT, opaque refresh token sent as Basic ------------------

INFOWORKS_REFRESH = ("zThziQ7MoJJPYAha+U/+PBSTZG944F+SHBDs+m/z2qn8+m/ax8Prpzla1MHzQ5EBLzB2Bw8a"
                     "+Qs9r6En5BvN5DwYhQ==")


def test_infoworks_flow():
    s = Session("infoworks")
    req = s.login_request("admin@infoworks.io", "admin123")
    assert req.authorization == "Basic YWRtaW5AaW5mb3dvcmtzLmlvOmFkbWluMTIz"
    assert req.body is None
    access = jwt(iat=T0, exp=T0 + 900, sub="admin")  # the API's default: 15 minutes
    response = ('{"message":"Authentication successful","result":{"authentication_token":"'
                + access + '","is_authenticated":true}}')
    s.accept_login(response, now=T0)
    assert step(s, T0) == ("send", f"Bearer {access}", 895)
    # No refresh token yet: inside the margin (90 s), log in, with the header meanwhile.
    assert step(s, T0 + 850) == ("log_in", f"Bearer {access}", 45)
    # The refresh token from the user's settings: opaque, expiry unknown, sent as Basic.
    s.set_refresh_token(INFOWORKS_REFRESH, now=T0 + 850)
    assert s.refresh_status(T0 + 850).state == "fresh"
    n = s.next(T0 + 850)
    assert (n.action, n.usable, n.remaining) == ("refresh", True, 45)
    assert n.request.authorization == f"Basic {INFOWORKS_REFRESH}"
    assert n.authorization == f"Bearer {access}"
    # The refresh answer has the login's shape; the refresh token is kept.
    access2 = jwt(iat=T0 + 860, exp=T0 + 1760)
    s.accept_refresh({"result": {"authentication_token": access2}}, now=T0 + 860)
    assert step(s, T0 + 860) == ("send", f"Bearer {access2}", 895)
    # Expired: refresh, however late.
    assert step(s, T0 + 90 * 86400) == ("refresh", f"Basic {INFOWORKS_REFRESH}", None, None)
    # The validate call's answer.
    assert authcore.session.infoworks_token_valid({"result": {"is_valid": True}}) is True
    # Logout (DELETE /v3/security/token/access) blacklists the access token only.
    s.forget_access_token()
    no_token(s)
    assert step(s, T0 + 1000) == ("refresh", f"Basic {INFOWORKS_REFRESH}", None, None)
    s.accept_refresh({"result": {"authentication_token": access2}}, now=T0 + 1000)
    assert step(s, T0 + 1000) == ("send", f"Bearer {access2}", 755)
    # The server refused the refresh token: log in again.
    s.forget_access_token()
    s.forget_refresh_token()
    assert step(s, T0 + 1000) == ("log_in", None, None)
    access3 = jwt(iat=T0 + 1000, sub="admin")  # no exp: the 15-minute default
    s.accept_login({"result": {"authentication_token": access3}}, now=T0 + 1000)
    assert step(s, T0 + 1000) == ("send", f"Bearer {access3}", 895)
    s.forget()
    no_token(s)


# --- Aria Operations: OpsToken, validity in ms, a 6 h sliding window, release ---------------

ARIA_TOKEN = "8f868cca-27cc-43d6-a838-c5467e73ec45::77cea9b2-1e87-490e-b626-e878beeaa23b"


def test_aria_flow():
    s = Session("aria")
    req = s.login_request("admin", "VMware1!", auth_source="vIDMAuthSource")
    assert req.body == ('{"username":"admin","password":"VMware1!",'
                        '"authSource":"vIDMAuthSource"}')
    assert req.content_type == "application/json"
    response = json.dumps({"token": ARIA_TOKEN, "validity": (T0 + 21600) * 1000 + 250,
                           "expiresAt": "Wednesday, November 15, 2023 4:13:20 AM UTC",
                           "roles": []})
    s.accept_login(response, now=T0)
    header = f"OpsToken {ARIA_TOKEN}"
    assert step(s, T0) == ("send", header, 21595)
    # 5 h idle: still fresh; a call (touch) slides the end to +11 h.
    assert step(s, T0 + 18000) == ("send", header, 3595)
    s.touch(T0 + 18000)
    assert step(s, T0 + 36000) == ("send", header, 3595)
    # Idle into the margin: a call slides the window, so the answer is still to send.
    assert step(s, T0 + 38000) == ("send", header, 1595)
    s.touch(T0 + 38000)
    assert step(s, T0 + 38000 + 21000) == ("send", header, 595)
    # Expired: log in again.
    gone = T0 + 38000 + 21595
    assert step(s, gone) == ("log_in", None, None)
    with pytest.raises(SessionError) as e:
        s.touch(gone)
    assert e.value.status == Status.EXPIRED
    s.accept_login({"token": ARIA_TOKEN, "roles": []}, now=gone)  # no validity: the window
    assert step(s, gone) == ("send", header, 21595)
    # Release (POST /suite-api/api/auth/token/release) with the current header, then forget.
    release_header = s.next(gone + 10).authorization
    assert release_header == header
    s.forget()
    no_token(s)
    assert step(s, gone + 10) == ("log_in", None, None)


# --- datarhei Core: JSON login, JWT exp, Bearer refresh token -------------------------------

DATARHEI_ACCESS = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleGkiOjYwMCwiZXhwIjoxNjcwNDQxODI1LCJpYXQiOjE2NzA0"
    "NDEyMjUsImlzcyI6ImRhdGFyaGVpLWNvcmUiLCJqdGkiOiJhZWU4OTZhNS05ZThhLTRlMGQtYjk4Zi01NTA3NTUwNz"
    "A2YzUiLCJzdWIiOiJhZG1pbiIsInVzZWZvciI6ImFjY2VzcyJ9.xrnIfNZU9Z0nrUxYddpPQOMO7ypHA2vuqrYuAr95"
    "elg")
IAT = 1_670_441_225


def test_datarhei_flow():
    s = Session("datarhei")
    req = s.login_request("admin", "datarhei")
    assert req.body == '{"username":"admin","password":"datarhei"}'
    refresh = jwt(exi=86400, exp=IAT + 86400, iat=IAT, iss="datarhei-core", jti="0b1f7c4e",
                  sub="admin", usefor="refresh")
    s.accept_login({"access_token": DATARHEI_ACCESS, "refresh_token": refresh}, now=IAT + 1)
    assert step(s, IAT + 1) == ("send", f"Bearer {DATARHEI_ACCESS}", 594)
    assert step(s, IAT + 534) == ("send", f"Bearer {DATARHEI_ACCESS}", 61)
    # Inside the margin (60 s): refresh with the refresh token as Bearer.
    n = s.next(IAT + 535)
    assert (n.action, n.remaining, n.request.authorization) == ("refresh", 60, f"Bearer {refresh}")
    assert n.authorization == f"Bearer {DATARHEI_ACCESS}"
    access2 = jwt(exi=600, exp=IAT + 1135, iat=IAT + 535, usefor="access")
    s.accept_refresh({"access_token": access2}, now=IAT + 535)  # the refresh token stays
    assert step(s, IAT + 535) == ("send", f"Bearer {access2}", 595)
    # Expired: refresh; once the refresh token's own exp passes, log in again.
    assert step(s, IAT + 2000) == ("refresh", f"Bearer {refresh}", None, None)
    assert step(s, IAT + 86395) == ("log_in", None, None)
    refresh2 = jwt(exp=IAT + 86395 + 86400, iat=IAT + 86395, usefor="refresh")
    access3 = jwt(exp=IAT + 86395 + 600, iat=IAT + 86395, usefor="access")
    s.accept_login({"access_token": access3, "refresh_token": refresh2}, now=IAT + 86395)
    assert step(s, IAT + 86395) == ("send", f"Bearer {access3}", 595)
    s.forget()
    no_token(s)
    assert step(s, IAT + 86395) == ("log_in", None, None)


# --- BlueCat: ready-made Basic credentials, RFC 3339 expiry ----------------------------------

BLUECAT_RESPONSE = (
    r'{"id":4,"type":"UserSession","apiToken":"yAb\/uu1TNjVO9Ip7SNH6cn9Zqu\/I+B9Kkfup4eVQ",'
    r'"apiTokenExpirationDateTime":"2023-01-21T21:40:48Z","basicAuthenticationCredentials":'
    r'"YWRtaW46eUFiL3V1MVROalZPOUlwN1NOSDZjbjlacXUvSStCOUtrZnVwNGVWUQ==","state":"LOGGED_IN",'
    r'"remoteAddress":"192.168.1.10","readOnly":false,"loginDateTime":"2023-01-20T21:40:48Z",'
    r'"logoutDateTime":null,"response":null,"user":{"id":3,"type":"User","name":"admin"},'
    r'"_links":{"self":{"href":"\/api\/v2\/sessions\/4"}}}')


def test_bluecat_flow():
    expiry = 1_674_337_248
    now = expiry - 86400
    s = Session("bluecat")
    assert s.login_request("admin", "admin").body == '{"username":"admin","password":"admin"}'
    s.accept_login(BLUECAT_RESPONSE, now=now)
    header = "Basic YWRtaW46eUFiL3V1MVROalZPOUlwN1NOSDZjbjlacXUvSStCOUtrZnVwNGVWUQ=="
    assert header == "Basic " + base64.b64encode(
        b"admin:yAb/uu1TNjVO9Ip7SNH6cn9Zqu/I+B9Kkfup4eVQ").decode()
    assert step(s, now) == ("send", header, 86395)
    assert step(s, expiry - 8646) == ("send", header, 8641)
    # No refresh call: inside the margin (8640 s), log in, with the header meanwhile.
    assert step(s, expiry - 8645) == ("log_in", header, 8640)
    assert step(s, expiry - 5) == ("log_in", None, None)
    # Log in again, without the ready-made field: built from the user who logged in.
    later = json.loads(BLUECAT_RESPONSE)
    del later["basicAuthenticationCredentials"]
    later["apiTokenExpirationDateTime"] = "2023-01-22T21:40:48Z"
    with pytest.raises(SessionError) as e:
        s.accept_login(later, now=expiry)
    assert e.value.field == "basicAuthenticationCredentials"
    s.accept_login(later, now=expiry, username="admin")
    assert step(s, expiry) == ("send", header, 86395)
    s.forget()
    no_token(s)
    assert step(s, expiry) == ("log_in", None, None)


# --- The state machine over random event sequences --------------------------------------------

def _seed():
    env = os.environ.get("AUTHCORE_TEST_SEED")
    return int(env) if env else random.SystemRandom().randrange(2**32)


def _login_response(api, now, lifetime):
    if api == "immport":
        return '{"status":200,"token":"imm-token"}'
    if api == "aria":
        return json.dumps({"token": "ops::token", "validity": (now + lifetime) * 1000,
                           "roles": []})
    if api == "infoworks":
        return {"result": {"authentication_token": jwt(iat=now, exp=now + lifetime)}}
    return {"access_token": "acc", "token_type": "Bearer", "expires_in": lifetime,
            "refresh_token": "ref", "refresh_expires_in": 2 * lifetime}


EVENTS = (["advance"] * 4 + ["login"] * 2
          + ["touch", "pin", "unpin", "forget_access_token", "forget_refresh_token", "forget"])


@pytest.mark.parametrize("api", ["oauth2", "immport", "aria", "infoworks"])
def test_answers_carry_a_header_exactly_while_the_token_works(api):
    seed = _seed()
    print(f"AUTHCORE_TEST_SEED={seed} ({api})")
    rng = random.Random(f"{seed}-{api}")
    s = Session(api)
    now = T0
    seen = set()
    for i in range(300):
        event = rng.choice(EVENTS)
        if event == "advance":
            now += rng.randrange(4000)
        elif event == "login":
            s.accept_login(_login_response(api, now, rng.randrange(1, 7200)), now=now)
        elif event in ("touch", "pin"):
            try:
                getattr(s, event)(now)
            except SessionError as e:  # no token, or expired
                assert e.status in (Status.NO_TOKEN, Status.EXPIRED), e
        else:
            getattr(s, event)()
        where = f"seed {seed}, {api}, event {i} ({event}) at {now}"
        try:
            status = s.status(now)
        except SessionError as e:
            assert e.status == Status.NO_TOKEN, where
            status = None
        usable = status is not None and status.state in ("fresh", "refresh_soon")
        try:
            current = s.authorization()
        except SessionError:
            current = None
        n = s.next(now)
        seen.add((n.action, n.usable))
        assert n.usable == usable, (where, status, n)
        if usable:
            assert n.authorization is not None and n.authorization == current, (where, n)
            assert n.remaining is None or n.remaining >= 0, (where, n)
            if n.action == "send":
                assert n.request.authorization == current, (where, n)
            if api == "aria":
                assert n.action == "send", (where, status, n)  # a sliding window slides
        else:
            assert n.authorization is None, (where, status, n)
            assert n.action != "send", (where, status, n)
            assert not n.remaining, (where, n)  # 0 (or None): nothing left
    # The sequence reached both sides of the promise.
    assert ("send", True) in seen and any(not usable for _, usable in seen), seen


# --- The example -------------------------------------------------------------------------------

def test_session_flows_example_runs():
    example = ROOT / "examples" / "python" / "session_flows.py"
    done = subprocess.run([sys.executable, str(example)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "session flows: all expectations met" in done.stdout
