"""API descriptions: every preset as a description, an eighth API from scratch through
login, send, refresh and expiry, and wrong descriptions refused when the session is made."""

from __future__ import annotations

import dataclasses

import pytest

import authcore
from authcore import ApiDescription, Session, Status
from authcore.exceptions import SessionError
from authcore.session import APIS

NOW = 1_800_000_000
KEY = authcore.HmacKey.from_secret(b"k" * 32)
JWT = authcore.encode({"iat": NOW, "exp": NOW + 3600, "exi": 3600}, KEY)

#: One response every preset can read: each one's fields, one hour from NOW.
EVERYTHING = {
    "access_token": JWT, "refresh_token": JWT, "token_type": "Bearer", "expires_in": 3600,
    "token": JWT, "validity": (NOW + 3600) * 1000, "result": {"authentication_token": JWT},
    "apiToken": JWT, "apiTokenExpirationDateTime": "2027-01-15T09:00:00Z",
    "basicAuthenticationCredentials": "dXNlcjpwYXNz", "status": 200,
}


def attempt(f):
    try:
        return f()
    except SessionError as e:
        return ("error", e.status)


def trace(s: Session):
    out = [attempt(lambda: s.login_request("jdoe", "pa ss")),
           attempt(lambda: s.accept_login(EVERYTHING, now=NOW)),
           attempt(lambda: s.touch(now=NOW + 10))]
    out += [attempt(lambda: s.next(now=NOW + dt)) for dt in (0, 3000, 3300, 3590, 4000)]
    out.append(attempt(s.refresh_request))
    assert out[1] is None, out[1]
    return out


@pytest.mark.parametrize("api", list(APIS))
def test_every_preset_as_a_description_behaves_as_the_preset(api):
    d = ApiDescription.preset(api)
    d.check()
    assert ApiDescription._from_c(d._to_c()) == d
    assert trace(Session(api)) == trace(Session(description=d))
    assert trace(Session(api)) == trace(Session(d))


def test_preset_read_back():
    d = ApiDescription.preset("aria")
    assert d == ApiDescription(
        name="Aria Operations", response=(("access_token", "token"),
                                          ("expires_at_millis", "validity")),
        header=("custom", "OpsToken"), expiry="expires_at", sliding_window=6 * 3600)
    i = ApiDescription.preset("infoworks")
    assert i.refresh == ("header", ("custom", "Basic"))
    assert i.default_lifetime == 900 and i.expiry == "jwt_exp"
    assert ApiDescription.preset("immport").expiry == ("fixed_window", 60)
    assert ApiDescription.preset("oauth2").token_type == "Bearer"
    with pytest.raises(ValueError):
        ApiDescription.preset("nope")


def test_a_preset_with_its_margin_and_leeway_changed():
    d = dataclasses.replace(ApiDescription.preset("infoworks"), margin_secs=300,
                            margin_permille=0, leeway=30)
    s = Session(description=d)
    s.accept_login({"result": {"authentication_token": JWT}}, now=NOW)
    assert s.next(now=NOW).remaining == 3570
    assert s.next(now=NOW + 3269).action == "send"
    n = s.next(now=NOW + 3270)
    assert (n.action, n.remaining, n.authorization) == ("log_in", 300, f"Bearer {JWT}")


GATEWAY = ApiDescription(
    name="gateway",
    login="form_body",
    response=(("access_token", "data.jwt"), ("expires_in", "data.ttl"),
              ("refresh_token", "/data/renew.token"), ("refresh_expires_in", "data.renew_ttl")),
    header=("custom", "Token"),
    refresh=("header", ("custom", "Renew")),
    expiry="expires_in",
    refresh_expiry="expires_in",
    margin_secs=30, margin_permille=0, leeway=2,
)


def test_an_eighth_api_from_scratch():
    s = Session.custom(GATEWAY)
    assert s.api == "gateway"
    assert s.next(now=NOW).action == "log_in"
    r = s.login_request("jdoe", "pa ss")
    assert (r.body, r.content_type) == ("username=jdoe&password=pa+ss",
                                        "application/x-www-form-urlencoded")
    s.accept_login({"data": {"jwt": "a1", "ttl": 900, "renew.token": "r1", "renew_ttl": 1000}},
                   now=NOW)
    n = s.next(now=NOW)
    assert (n.action, n.request.authorization, n.remaining) == ("send", "Token a1", 898)
    assert s.next(now=NOW + 867).action == "send"
    n = s.next(now=NOW + 868)
    assert (n.action, n.request.authorization, n.remaining) == ("refresh", "Renew r1", 30)
    s.accept_refresh({"data": {"jwt": "a2", "ttl": 900}}, now=NOW + 870)
    assert s.next(now=NOW + 870).request.authorization == "Token a2"
    # The refresh token (1000 s from NOW) is gone by the next margin: log in.
    n = s.next(now=NOW + 1740)
    assert (n.action, n.authorization, n.remaining) == ("log_in", "Token a2", 28)
    n = s.next(now=NOW + 1768)
    assert (n.action, n.usable) == ("log_in", False)
    s.close()


def test_session_custom_takes_keyword_arguments():
    s = Session.custom(name="kw", response=(("access_token", "t"),), expiry="none",
                       default_lifetime=120, header="lower_bearer")
    s.accept_login({"t": "abc"}, now=NOW)
    n = s.next(now=NOW)
    assert (n.request.authorization, n.remaining) == ("bearer abc", 115)
    s2 = Session.custom(GATEWAY, header="bearer", scope="read")
    assert s2.description.header == "bearer" and s2.description.scope == "read"


def refused(status, **change):
    with pytest.raises(SessionError) as e:
        dataclasses.replace(GATEWAY, **change).check()
    assert e.value.status == status
    with pytest.raises(SessionError) as e:
        Session.custom(GATEWAY, **change)
    assert e.value.status == status


def paths(*pairs):
    return (("access_token", "data.jwt"), ("expires_in", "data.ttl"),
            ("refresh_expires_in", "data.renew_ttl")) + pairs


def test_wrong_descriptions_are_refused_at_creation():
    refused(Status.DESCRIPTION_EMPTY_PATH, response=paths(("scope", "")))
    refused(Status.DESCRIPTION_EMPTY_PATH, response=paths(("scope", "/")))
    refused(Status.DESCRIPTION_PATH_SEGMENT, response=paths(("scope", "a..b")))
    refused(Status.DESCRIPTION_PATH_SEGMENT, response=paths(("scope", "/a//b")))
    refused(Status.DESCRIPTION_NO_ACCESS_TOKEN, response=(("expires_in", "ttl"),
                                                          ("refresh_expires_in", "r")))
    refused(Status.DESCRIPTION_UNKNOWN_VALUE, response=paths(("acess_token", "x")))
    refused(Status.DESCRIPTION_UNKNOWN_VALUE, login="digest")
    refused(Status.DESCRIPTION_UNKNOWN_VALUE, expiry="expires_on")
    refused(Status.DESCRIPTION_UNKNOWN_VALUE, header=("bespoke", "X"))
    refused(Status.DESCRIPTION_SCHEME, header=("custom", "Ops Token"))
    refused(Status.DESCRIPTION_SCHEME, header=("custom", ""))
    refused(Status.DESCRIPTION_SCHEME, refresh=("header", ("custom", "Re:new")))
    refused(Status.DESCRIPTION_ZERO_WINDOW, sliding_window=0)
    refused(Status.DESCRIPTION_ZERO_WINDOW, default_lifetime=0)
    refused(Status.DESCRIPTION_ZERO_WINDOW, expiry=("fixed_window", 0))
    refused(Status.DESCRIPTION_MARGIN, margin_permille=1001)
    refused(Status.DESCRIPTION_FIELD_NEEDED, response=(("access_token", "t"),),
            refresh_expiry="none")
    refused(Status.DESCRIPTION_FIELD_NEEDED, expiry="expires_at")
    refused(Status.DESCRIPTION_FIELD_NEEDED, header="basic_ready_made")
    refused(Status.DESCRIPTION_CLAIM, expiry=("jwt_seconds", ""))
    refused(Status.DESCRIPTION_TOO_LONG, name="n" * 321)
    refused(Status.DESCRIPTION_TOO_LONG, response=paths(*[("scope", "s")] * 6))
    refused(Status.DESCRIPTION_TOO_LONG,
            response=paths(*[("scope", "s" * 64)] * 5))
    with pytest.raises(ValueError):
        Session.custom(GATEWAY, leeway=-1)
    # Strings go to C with their lengths: one string may be long, and hold a NUL.
    assert Session.custom(GATEWAY, name="n" * 200).api == "n" * 200
    assert Session.custom(GATEWAY, name="a\0b").api == "a\0b"
    with pytest.raises(TypeError):
        Session("oauth2", description=GATEWAY)
