"""Sessions for every API style, login bodies, and their errors."""

from __future__ import annotations

import base64
import json
import urllib.parse

import pytest

import authcore
from authcore import Status
from authcore.exceptions import SessionError
from authcore.session import (Session, login_body_form, login_body_json, oauth_password_grant,
                              oauth_refresh_grant)

NOW = 1_800_000_000
KEY = authcore.HmacKey.from_secret(b"k" * 32)


def jwt(**claims):
    return authcore.encode(claims, KEY)


def test_bodies_are_read_back_by_python():
    body = login_body_json('us"er', "pa\\ss\n", "ldap")
    assert json.loads(body) == {"username": 'us"er', "password": "pa\\ss\n", "authSource": "ldap"}
    assert json.loads(login_body_json("u", "p")) == {"username": "u", "password": "p"}
    form = login_body_form("a b", "p&q=r")
    assert urllib.parse.parse_qs(form) == {"username": ["a b"], "password": ["p&q=r"]}
    grant = oauth_password_grant("u", "p", scope="read write", client_id="cli")
    assert urllib.parse.parse_qs(grant) == {"grant_type": ["password"], "username": ["u"],
                                            "password": ["p"], "scope": ["read write"],
                                            "client_id": ["cli"]}
    assert urllib.parse.parse_qs(oauth_refresh_grant("t+/=")) == {
        "grant_type": ["refresh_token"], "refresh_token": ["t+/="]}


def test_datarhei_login_send_refresh():
    s = Session("datarhei")
    assert s.next(NOW).action == "log_in"
    req = s.login_request("admin", "secret")
    assert json.loads(req.body) == {"username": "admin", "password": "secret"}
    assert req.content_type == "application/json" and req.authorization is None
    access = jwt(exp=NOW + 600, iat=NOW, usefor="access")
    refresh = jwt(exp=NOW + 86400, iat=NOW, usefor="refresh")
    s.accept_login({"access_token": access, "refresh_token": refresh}, now=NOW)
    n = s.next(NOW + 1)
    assert (n.action, n.usable, n.request.authorization) == ("send", True, f"Bearer {access}")
    assert s.status(NOW) == ("fresh", 595)
    assert s.refresh_status(NOW).state == "fresh"
    n = s.next(NOW + 590)
    assert n.action == "refresh" and n.usable
    assert n.request.authorization == f"Bearer {refresh}"
    assert s.refresh_request().authorization == f"Bearer {refresh}"
    new_access = jwt(exp=NOW + 1200, iat=NOW + 590)
    s.accept_refresh(json.dumps({"access_token": new_access}), now=NOW + 590)
    assert s.authorization() == f"Bearer {new_access}"
    assert s.refresh_status(NOW + 590).state == "fresh"  # kept
    s.forget_refresh_token()
    with pytest.raises(SessionError) as e:
        s.refresh_request()
    assert e.value.status == Status.NO_REFRESH_TOKEN
    s.forget()
    with pytest.raises(SessionError) as e:
        s.authorization()
    assert e.value.status == Status.NO_TOKEN


def test_oauth2_password_and_refresh_grants():
    s = Session("oauth2", scope="api", client_id="device")
    req = s.login_request("u", "p")
    assert urllib.parse.parse_qs(req.body)["grant_type"] == ["password"]
    assert urllib.parse.parse_qs(req.body)["client_id"] == ["device"]
    assert req.content_type == "application/x-www-form-urlencoded"
    s.accept_login({"access_token": "at-1", "token_type": "Bearer", "expires_in": 3600,
                    "refresh_token": "rt-1"}, now=NOW)
    assert s.next(NOW).request.authorization == "Bearer at-1"
    n = s.next(NOW + 3600 - 100)
    assert n.action == "refresh"
    assert n.authorization == "Bearer at-1"  # still works while the refresh runs
    assert urllib.parse.parse_qs(n.request.body) == {
        "grant_type": ["refresh_token"], "refresh_token": ["rt-1"], "scope": ["api"],
        "client_id": ["device"]}
    late = s.next(NOW + 4000)
    assert (late.action, late.usable, late.authorization) == ("refresh", False, None)
    with pytest.raises(SessionError) as e:
        s.accept_login({"access_token": "x", "token_type": "mac", "expires_in": 1}, now=NOW)
    assert e.value.status == Status.UNSUPPORTED_TOKEN_TYPE
    with pytest.raises(SessionError) as e:
        s.accept_login('{"error":"invalid_grant"}', now=NOW)
    assert e.value.status == Status.ERROR_RESPONSE
    assert s.authorization() == "Bearer at-1"  # a refused response changes nothing


def test_immport_form_login_lower_bearer_and_pin():
    s = Session("immport")
    req = s.login_request("u", "p w")
    assert urllib.parse.parse_qs(req.body) == {"username": ["u"], "password": ["p w"]}
    token = jwt(exp=NOW + 3600, iat=NOW)
    s.accept_login({"status": 200, "token": token}, now=NOW)
    assert s.next(NOW).request.authorization == f"bearer {token}"
    # The fixed 60 s window (5 s leeway, 15 s margin): fresh until NOW + 40.
    due = s.next(NOW + 41)  # due, and ImmPort has no refresh call: log in, and meanwhile
    assert (due.action, due.usable, due.authorization) == ("log_in", True, f"bearer {token}")
    s.pin(NOW + 10)
    assert s.next(NOW + 500).action == "send"  # a request started in the window stays valid
    s.unpin()
    gone = s.next(NOW + 500)
    assert (gone.action, gone.usable, gone.authorization) == ("log_in", False, None)


def test_infoworks_basic_login_and_opaque_refresh_token_sent_as_basic():
    s = Session("infoworks")
    req = s.login_request("user", "pass")
    assert req.authorization == "Basic " + base64.b64encode(b"user:pass").decode()
    assert req.body is None
    token = jwt(exp=NOW + 900, iat=NOW)
    s.accept_login({"message": "ok", "result": {"authentication_token": token,
                                                 "is_authenticated": True}}, now=NOW)
    assert s.authorization() == f"Bearer {token}"
    # Opaque, copied from the user's settings, expiry unknown; sent as `Basic <token>`.
    refresh = "zThziQ7MoJJPYAha+U/+PBSTZG944F+SHBDs+m/z2qn8+m/ax8Prpzla1MHzQ5EBLzB2Bw8a+Qs9r6En5BvN5DwYhQ=="
    s.set_refresh_token(refresh, now=NOW)
    assert s.refresh_request().authorization == f"Basic {refresh}"
    # However late, the refresh token is still what renews the access token.
    late = s.next(NOW + 90 * 86400)
    assert late.action == "refresh" and late.request.authorization == f"Basic {refresh}"
    # Logout blacklists the access token only: the refresh token stays.
    s.forget_access_token()
    with pytest.raises(SessionError):
        s.authorization()
    assert s.next(NOW + 60).action == "refresh"
    assert s.next(NOW + 60).authorization is None  # no access token to send meanwhile
    s.forget_refresh_token()
    assert s.next(NOW + 60).action == "log_in"
    with pytest.raises(SessionError):
        s.login_request("us:er", "p")


@pytest.mark.parametrize("api,scheme", [("aria", "OpsToken"), ("vrealize", "vRealizeOpsToken")])
def test_aria_sliding_window(api, scheme):
    s = Session(api)
    assert json.loads(s.login_request("u", "p", auth_source="ldap").body)["authSource"] == "ldap"
    s.accept_login({"token": "ops-1", "validity": (NOW + 21600) * 1000,
                    "expiresAt": "later", "roles": []}, now=NOW)
    assert s.next(NOW).request.authorization == f"{scheme} ops-1"
    s.touch(NOW + 20000)
    assert s.next(NOW + 30000).action == "send"  # slid 6 h from the last call
    # Inside the margin a call slides the window again: still send, never log in.
    margin = s.next(NOW + 20000 + 21600 - 100)
    assert (margin.action, margin.authorization) == ("send", f"{scheme} ops-1")
    assert s.next(NOW + 20000 + 21600).action == "log_in"
    with pytest.raises(SessionError) as e:
        s.touch(NOW + 10**6)
    assert e.value.status == Status.EXPIRED


def test_bluecat_rfc3339_expiry():
    s = Session("bluecat")
    s.accept_login({"apiToken": "tok", "apiTokenExpirationDateTime": "2027-01-16T08:00:00Z",
                    "basicAuthenticationCredentials": "dTp0b2s="}, now=NOW)
    assert s.authorization() == "Basic dTp0b2s="
    assert s.next(NOW).action == "send"
    assert s.status(NOW) == ("fresh", 86400 - 5)  # NOW is 2027-01-15T08:00:00Z
    with pytest.raises(SessionError) as e:
        Session("bluecat").accept_login({"apiToken": "t", "apiTokenExpirationDateTime": "soon",
                                         "basicAuthenticationCredentials": "dTp0"}, now=NOW)
    assert e.value.status == Status.DATE_TIME


def test_monotonic_clock_and_mismatch():
    s = Session("oauth2")
    s.accept_login({"access_token": "a", "token_type": "bearer", "expires_in": 100},
                   now=5, time_base="monotonic")
    assert s.status(20, "monotonic") == ("fresh", 80)
    # The margin is at most half the lifetime: 50 s.
    assert s.status(55, "monotonic") == ("refresh_soon", 45)
    with pytest.raises(SessionError) as e:
        s.next(NOW, "unix")
    assert e.value.status == Status.CLOCK_MISMATCH
    with pytest.raises(ValueError, match="monotonic"):
        s.next(None, "monotonic")
    with pytest.raises(ValueError):
        s.next(5, "tai")


@pytest.mark.parametrize("response,status", [
    ("not json", Status.RESPONSE_JSON),
    ("[]", Status.RESPONSE_JSON),
    ("{}", Status.MISSING_FIELD),
    ('{"access_token": 5, "token_type": "Bearer"}', Status.WRONG_FIELD_TYPE),
    (b"\xff", Status.RESPONSE_JSON),
])
def test_unreadable_responses(response, status):
    s = Session("oauth2")
    with pytest.raises(SessionError) as e:
        s.accept_login(response, now=NOW)
    assert e.value.status in (status, Status.INVALID_UTF8)


def test_argument_errors_and_close():
    with pytest.raises(ValueError):
        Session("github")
    with pytest.raises(TypeError):
        Session("oauth2", scope=5)  # type: ignore[arg-type]
    # Strings go to C with their lengths: a NUL is a character like another, form-encoded.
    body = Session("oauth2", scope="a\0b").login_request("u", "p").body
    assert body == "grant_type=password&username=u&password=p&scope=a%00b"
    s = Session("oauth2")
    with pytest.raises(TypeError):
        s.accept_login(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        s.login_request("u", None)  # type: ignore[arg-type]
    with Session("datarhei") as s2:
        pass
    with pytest.raises(SessionError) as e:
        s2.next(NOW)
    assert e.value.status == Status.UNINITIALIZED
    s2.close()  # idempotent
    assert "closed" in repr(s2)


def test_huge_token_is_refused():
    s = Session("oauth2")
    with pytest.raises(SessionError) as e:
        s.accept_login({"access_token": "a" * 5000, "token_type": "Bearer", "expires_in": 5},
                       now=NOW)
    assert e.value.status == Status.TOKEN_TOO_LARGE
