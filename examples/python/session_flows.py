"""A whole token session, as a caller drives one across simulated time: log in, send, a
sliding window kept alive with touch(), a long request pinned with pin()/unpin(), a refresh
token set with set_refresh_token() and used, and logout. The HTTP calls are the caller's;
here the server's answers are written out. Every step checks what it expects and the script
exits non-zero on a mismatch.

Run after `pip install ./python`, or: `bash scripts/test-python.sh` (tests/python/
test_api_flows.py runs it).
"""

from __future__ import annotations

import sys

import authcore
from authcore.session import Session

T0 = 1_700_000_000  # simulated Unix time
KEY = authcore.HmacKey.from_secret(b"the server's key, 32 bytes long!")


def expect(what: str, got: object, want: object) -> None:
    if got != want:
        raise SystemExit(f"{what}: expected {want!r}, got {got!r}")
    print(f"ok  {what}: {got!r}")


def aria_sliding_window() -> None:
    """Aria Operations: a token that lives 6 h from its last use; release on logout."""
    s = Session("aria")
    req = s.login_request("admin", "VMware1!", auth_source="vIDMAuthSource")
    expect("aria login body", req.body,
           '{"username":"admin","password":"VMware1!","authSource":"vIDMAuthSource"}')
    s.accept_login({"token": "ops::token", "validity": (T0 + 21600) * 1000, "roles": []},
                   now=T0)
    nxt = s.next(T0 + 18000)  # 5 h later: still send
    expect("aria send", (nxt.action, nxt.authorization), ("send", "OpsToken ops::token"))
    s.touch(T0 + 18000)  # the call was made: the window now ends at +11 h
    nxt = s.next(T0 + 38000)  # inside the margin: a call slides it again, so still send
    expect("aria slid", (nxt.action, nxt.remaining), ("send", 1595))
    # Logout: POST /suite-api/api/auth/token/release with the current header, then forget.
    release = {"Authorization": s.next(T0 + 38000).authorization}
    expect("aria release header", release["Authorization"], "OpsToken ops::token")
    s.forget()
    expect("aria after logout", s.next(T0 + 38000).action, "log_in")


def immport_pinned_request() -> None:
    """ImmPort: a 60 s use window; a long request started inside it stays valid if pinned."""
    s = Session("immport")
    token = authcore.encode({"sub": "jdoe", "iat": T0, "exp": T0 + 3600}, KEY)
    s.accept_login({"status": 200, "token": token}, now=T0)
    # No refresh call: inside the margin the answer is to log in, with the header meanwhile.
    nxt = s.next(T0 + 41)
    expect("immport due", (nxt.action, nxt.usable, nxt.authorization),
           ("log_in", True, f"bearer {token}"))
    s.pin(T0 + 50)  # a download starts now and runs for minutes
    expect("immport pinned", s.next(T0 + 600).authorization, f"bearer {token}")
    s.unpin()  # it finished
    nxt = s.next(T0 + 600)
    expect("immport unpinned", (nxt.action, nxt.usable, nxt.authorization),
           ("log_in", False, None))
    s.forget()


def infoworks_refresh_token() -> None:
    """Infoworks: the refresh token is copied from the user's settings, not from login."""
    s = Session("infoworks")
    expect("infoworks login header", s.login_request("admin@infoworks.io", "admin123").authorization,
           "Basic YWRtaW5AaW5mb3dvcmtzLmlvOmFkbWluMTIz")
    access = authcore.encode({"iat": T0, "exp": T0 + 900}, KEY)
    s.accept_login({"result": {"authentication_token": access, "is_authenticated": True}},
                   now=T0)
    expect("infoworks send", s.next(T0).authorization, f"Bearer {access}")
    refresh = "zThziQ7MoJJPYAha+U/+PBSTZG944F+SHBDs+m/z2qn8+m/ax8Prpzla1MHzQ5EBLzB2Bw8a+Qs9r6En5BvN5DwYhQ=="
    s.set_refresh_token(refresh, now=T0)
    nxt = s.next(T0 + 850)  # inside the margin: refresh, keep sending meanwhile
    expect("infoworks refresh", (nxt.action, nxt.request.authorization, nxt.authorization),
           ("refresh", f"Basic {refresh}", f"Bearer {access}"))
    access2 = authcore.encode({"iat": T0 + 850, "exp": T0 + 1750}, KEY)
    s.accept_refresh({"result": {"authentication_token": access2}}, now=T0 + 850)
    expect("infoworks refreshed", s.next(T0 + 851).authorization, f"Bearer {access2}")
    # Logout (DELETE /v3/security/token/access) blacklists the access token only.
    s.forget_access_token()
    nxt = s.next(T0 + 900)
    expect("infoworks after logout", (nxt.action, nxt.request.authorization),
           ("refresh", f"Basic {refresh}"))
    s.forget()  # drop the refresh token too (the user revoked it)
    expect("infoworks forgotten", s.next(T0 + 900).action, "log_in")


def oauth2_whole_session() -> None:
    """OAuth 2.0: password grant, refresh grant inside the margin, expiry, logout."""
    s = Session("oauth2", scope="read write", client_id="device-42")
    s.accept_login({"access_token": "2YotnFZFEjr1zCsicMWpAA", "token_type": "bearer",
                    "expires_in": 3600, "refresh_token": "tGzv3JOkF0XG5Qx2TlKWIA"}, now=T0)
    nxt = s.next(T0 + 3300)
    expect("oauth2 refresh due", (nxt.action, nxt.authorization),
           ("refresh", "Bearer 2YotnFZFEjr1zCsicMWpAA"))
    s.accept_refresh({"access_token": "at-2", "token_type": "Bearer", "expires_in": 3600},
                     now=T0 + 3300)
    expect("oauth2 refreshed", s.next(T0 + 3300).authorization, "Bearer at-2")
    s.forget()
    expect("oauth2 after logout", s.next(T0 + 3300).action, "log_in")


def main() -> int:
    aria_sliding_window()
    immport_pinned_request()
    infoworks_refresh_token()
    oauth2_whole_session()
    print("session flows: all expectations met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
