"""Refused responses name what is wrong: the field's path, or the server's refusal with its
status, code and description; BlueCat's Basic credentials built from the login user;
Infoworks' validate answer."""

from __future__ import annotations

import pytest

import authcore
from authcore import Status
from authcore.exceptions import LoginRefusedError, SessionError
from authcore.session import Session, infoworks_token_valid

NOW = 1_700_000_000
BLUECAT_EXPIRY = 1_674_337_248  # 2023-01-21T21:40:48Z
BLUECAT_BASIC = "YWRtaW46eUFiL3V1MVROalZPOUlwN1NOSDZjbjlacXUvSStCOUtrZnVwNGVWUQ=="
# BlueCat's documented session answer, less its ready-made credentials.
BLUECAT_NO_CREDENTIALS = (
    '{"id":4,"type":"UserSession","apiToken":"yAb\\/uu1TNjVO9Ip7SNH6cn9Zqu\\/I+B9Kkfup4eVQ",'
    '"apiTokenExpirationDateTime":"2023-01-21T21:40:48Z","state":"LOGGED_IN"}')


def test_missing_and_mistyped_fields_are_named_by_path():
    s = Session("infoworks")
    with pytest.raises(SessionError) as e:
        s.accept_login({"message": "x", "result": {"is_authenticated": False}}, now=NOW)
    assert e.value.status == Status.MISSING_FIELD
    assert e.value.field == "result.authentication_token"
    assert "result.authentication_token" in str(e.value)
    with pytest.raises(SessionError) as e:
        s.accept_login({"result": "oops"}, now=NOW)
    assert (e.value.status, e.value.field) == (Status.WRONG_FIELD_TYPE, "result")
    with pytest.raises(SessionError) as e:
        s.accept_login("{", now=NOW)
    assert e.value.status == Status.RESPONSE_JSON and e.value.field is None
    assert s.next(now=NOW).action == "log_in"


def test_immport_status_401_is_a_refusal_with_its_status():
    s = Session("immport")
    s.accept_login({"status": 200, "token": "abc"}, now=NOW)
    with pytest.raises(LoginRefusedError) as e:
        s.accept_login({"status": 401}, now=NOW)
    assert isinstance(e.value, SessionError)
    assert e.value.status == Status.ERROR_RESPONSE
    assert (e.value.http_status, e.value.error, e.value.error_description) == (401, None, None)
    assert "status 401" in str(e.value)
    # Nothing changed.
    assert s.next(now=NOW).request.authorization == "bearer abc"
    with pytest.raises(SessionError) as e:
        s.accept_login({"status": "ok", "token": "x"}, now=NOW)
    assert (e.value.status, e.value.field) == (Status.WRONG_FIELD_TYPE, "status")


def test_oauth2_error_body_code_and_description():
    s = Session("oauth2")
    body = '{"error":"invalid_grant","error_description":"Bad \\"user\\" \\u00e9"}'
    with pytest.raises(LoginRefusedError) as e:
        s.accept_login(body, now=NOW)
    assert e.value.http_status is None
    assert e.value.error == "invalid_grant"
    assert e.value.error_description == 'Bad "user" \u00e9'
    assert "invalid_grant" in str(e.value) and "Bad" in str(e.value)
    with pytest.raises(LoginRefusedError) as e:
        s.accept_refresh({"error": "invalid_grant"}, now=NOW)
    assert (e.value.error, e.value.error_description) == ("invalid_grant", None)
    with pytest.raises(SessionError) as e:
        s.accept_login({}, now=NOW)
    assert e.value.field == "access_token"


def test_bluecat_builds_basic_from_the_login_user():
    s = Session("bluecat")
    now = BLUECAT_EXPIRY - 86_400
    with pytest.raises(SessionError) as e:
        s.accept_login(BLUECAT_NO_CREDENTIALS, now=now)
    assert e.value.field == "basicAuthenticationCredentials"
    with pytest.raises(SessionError) as e:
        s.accept_login(BLUECAT_NO_CREDENTIALS, now=now, username="ad:min")
    assert e.value.status == Status.COLON_IN_USER_ID
    assert s.next(now=now).action == "log_in"
    s.accept_login(BLUECAT_NO_CREDENTIALS, now=now, username="admin")
    nxt = s.next(now=now)
    assert (nxt.action, nxt.request.authorization, nxt.remaining) == (
        "send", f"Basic {BLUECAT_BASIC}", 86_395)
    assert s.authorization() == authcore.basic_authorization(
        "admin", "yAb/uu1TNjVO9Ip7SNH6cn9Zqu/I+B9Kkfup4eVQ")


def test_aria_release_is_a_clear_after_sending_the_header():
    s = Session("aria")
    token = "8f868cca-27cc-43d6-a838-c5467e73ec45::77cea9b2-1e87-490e-b626-e878beeaa23b"
    s.accept_login({"token": token, "validity": (NOW + 21_600) * 1000,
                    "expiresAt": "Wednesday, November 15, 2023 4:13:20 AM UTC", "roles": []},
                   now=NOW)
    # POST /suite-api/api/auth/token/release with this header, then forget the token.
    assert s.authorization() == f"OpsToken {token}"
    s.forget()
    assert s.next(now=NOW).action == "log_in"


def test_infoworks_validate_reader():
    assert infoworks_token_valid('{"result":{"is_valid":true}}') is True
    assert infoworks_token_valid({"result": {"is_valid": False}}) is False
    for body, status in [({"result": {}}, Status.MISSING_FIELD),
                         ({"result": {"is_valid": "yes"}}, Status.WRONG_FIELD_TYPE)]:
        with pytest.raises(SessionError) as e:
            infoworks_token_valid(body)
        assert (e.value.status, e.value.field) == (status, "result.is_valid")
    with pytest.raises(LoginRefusedError) as e:
        infoworks_token_valid({"error": "invalid_token", "error_description": "expired"})
    assert (e.value.error, e.value.error_description) == ("invalid_token", "expired")
    with pytest.raises(SessionError) as e:
        infoworks_token_valid("[]")
    assert e.value.status == Status.RESPONSE_JSON
    with pytest.raises(TypeError):
        infoworks_token_valid(5)  # type: ignore[arg-type]
