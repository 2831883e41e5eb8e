"""Token sessions: log in, send, refresh, log in again, for one API (``authcore_session_*``).

A :class:`Session` holds an API's access and refresh tokens (in C storage, zeroized when
replaced, forgotten or closed) with their expiries, and says what to do next. The HTTP
calls are the caller's; the session writes their bodies and ``Authorization`` values and
reads their responses::

    s = Session("datarhei")
    req = s.login_request("admin", "secret")       # POST req.body (req.content_type)
    s.accept_login(response_text)
    nxt = s.next()                                  # before each call
    if nxt.action == "send": headers["Authorization"] = nxt.request.authorization
    elif nxt.action == "refresh": ... s.accept_refresh(refresh_response_text)
    else: ... log in again

Time: ``now`` defaults to the current Unix time (``time_base="unix"``); pass your own
seconds with ``time_base="monotonic"`` for a clock that only moves forward.
"""

from __future__ import annotations

import ctypes
import dataclasses
import json
import time
from typing import Any, Callable, Mapping, NamedTuple, Optional, Union

from . import _lib
from .description import ApiDescription
from .exceptions import LoginRefusedError, SessionError, Status, _raise_for, status_message
from .lifetime import TokenStatus, _seconds, _STATES

__all__ = ["APIS", "ApiDescription", "Request", "Next", "Session", "login_body_json",
           "login_body_form", "oauth_password_grant", "oauth_refresh_grant",
           "infoworks_token_valid"]

#: API names and their ``authcore_api`` values.
APIS = {"oauth2": 1, "immport": 2, "infoworks": 3, "aria": 4, "vrealize": 5, "datarhei": 6,
        "bluecat": 7}
_ACTIONS = {1: "send", 2: "refresh", 3: "log_in"}
_TIME_BASES = {"unix": 1, "monotonic": 2}
_I64_MAX = 2**63 - 1

Text = Union[str, bytes]


class Request(NamedTuple):
    """An HTTP request's authcore-made parts: an ``Authorization`` value, or a body and its
    ``Content-Type`` (the method and URL are the caller's)."""

    authorization: Optional[str]
    body: Optional[str]
    content_type: Optional[str]


class Next(NamedTuple):
    """What to do now: ``action`` is ``"send"`` (with ``request.authorization``),
    ``"refresh"`` (send ``request``, then :meth:`Session.accept_refresh`) or ``"log_in"``;
    ``usable``: whether the current access token still works, for ``remaining`` seconds
    (``None``: no known expiry; ``0`` once it no longer works); ``authorization``: while it works, its ``Authorization``
    value, to keep sending with during a refresh or a login (``None`` once it has expired).
    Inside a sliding window's margin the answer is ``"send"``: using the token slides it."""

    action: str
    usable: bool
    remaining: Optional[int]
    request: Request
    authorization: Optional[str] = None


def _text(value: Any, what: str) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")  # a lone surrogate: refused by C
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"{what} must be str or bytes, not {type(value).__name__}")


def _opt_text(value: Optional[str], what: str) -> "tuple[Optional[bytes], int]":
    """An optional string as C takes it: a pointer (``None`` for none) and a length."""
    if value is None:
        return None, 0
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str or None")
    b = value.encode("utf-8", "surrogatepass")  # a lone surrogate: refused by C
    return b, len(b)


def _credentials(username: Text, password: Text, auth_source: Optional[Text]) -> Any:
    u, p = _text(username, "username"), _text(password, "password")
    a = None if auth_source is None else _text(auth_source, "auth_source")
    return _lib.Credentials(u, len(u), p, len(p), a, 0 if a is None else len(a))


def _decode(b: Optional[bytes]) -> Optional[str]:
    return None if b is None else b.decode("utf-8")


def _sized(call: Callable[[Any, int, Any], int]) -> "tuple[int, Any, int]":
    """Runs a C function that writes into a buffer: asks the size, then writes. Returns
    (status, buffer, length)."""
    n = ctypes.c_size_t()
    status = call(None, 0, ctypes.byref(n))
    if status != Status.BUFFER_TOO_SMALL:
        return status, None, 0
    cap = n.value
    buf = ctypes.create_string_buffer(cap)
    status = call(buf, cap, ctypes.byref(n))
    return status, buf, n.value


def _string(call: Callable[[Any, int, Any], int]) -> str:
    status, buf, n = _sized(call)
    _raise_for(status, SessionError)
    return "" if buf is None else buf.raw[:n].decode("utf-8")


def login_body_json(username: Text, password: Text, auth_source: Optional[Text] = None) -> str:
    """``{"username":…,"password":…}`` (plus ``authSource``), escaped (application/json)."""
    c = _credentials(username, password, auth_source)
    return _string(lambda o, cap, n: _lib.lib.authcore_login_body_json(ctypes.byref(c), o, cap, n))


def login_body_form(username: Text, password: Text, auth_source: Optional[Text] = None) -> str:
    """``username=…&password=…`` (plus ``authSource``), form-encoded."""
    c = _credentials(username, password, auth_source)
    return _string(lambda o, cap, n: _lib.lib.authcore_login_body_form(ctypes.byref(c), o, cap, n))


def oauth_password_grant(username: Text, password: Text, scope: Optional[str] = None,
                         client_id: Optional[str] = None) -> str:
    """The OAuth 2.0 password grant body (RFC 6749 4.3.2)."""
    c = _credentials(username, password, None)
    s, i = _opt_text(scope, "scope"), _opt_text(client_id, "client_id")
    return _string(lambda o, cap, n: _lib.lib.authcore_oauth_password_grant(
        ctypes.byref(c), *s, *i, o, cap, n))


def oauth_refresh_grant(refresh_token: Text, scope: Optional[str] = None,
                        client_id: Optional[str] = None) -> str:
    """The OAuth 2.0 refresh grant body (RFC 6749 6)."""
    t = _text(refresh_token, "refresh_token")
    s, i = _opt_text(scope, "scope"), _opt_text(client_id, "client_id")
    return _string(lambda o, cap, n: _lib.lib.authcore_oauth_refresh_grant(
        t, len(t), *s, *i, o, cap, n))


def _error_description(body: bytes) -> Optional[str]:
    status, buf, n = _sized(lambda o, cap, m: _lib.lib.authcore_response_error_description(
        body, len(body), o, cap, m))
    if status != Status.OK or buf is None:
        return None
    return buf.raw[:n].decode("utf-8")


def _raise_detailed(status: int, detail: Any, body: bytes) -> None:
    """Raises for a non-OK status of a call that filled an ``authcore_response_detail``: the
    field's path, or the server's refusal, in the message and the attributes."""
    if status == Status.OK:
        return
    if status == Status.ERROR_RESPONSE:
        http_status = int(detail.status) or None
        code = detail.error.decode("utf-8", "replace") or None
        description = _error_description(body)
        said = ", ".join(x for x in (
            None if http_status is None else f"status {http_status}",
            None if code is None else f"error {code}",
            None if description is None else repr(description)) if x)
        message = status_message(status) + (f": {said}" if said else "")
        e = LoginRefusedError(message, status)
        e.http_status, e.error, e.error_description = http_status, code, description
        raise e
    if status in (Status.MISSING_FIELD, Status.WRONG_FIELD_TYPE) and detail.field:
        field = ctypes.string_at(detail.field, detail.field_len).decode("utf-8")
        err = SessionError(f"{status_message(status)}: {field}", status)
        err.field = field
        raise err
    _raise_for(status, SessionError)


def _body(response: Union[Text, Mapping[str, Any]]) -> bytes:
    return (json.dumps(response).encode() if isinstance(response, Mapping)
            else _text(response, "response"))


def infoworks_token_valid(response: Union[Text, Mapping[str, Any]]) -> bool:
    """Reads Infoworks' token validation answer (``GET /v3/security/token/validate``,
    ``{"result":{"is_valid":true}}``): whether the server still takes the token.
    SessionError (``field`` ``"result.is_valid"``) when it is absent or not a boolean,
    LoginRefusedError for an error body."""
    body = _body(response)
    valid = ctypes.c_bool()
    detail = _lib.ResponseDetail()
    status = _lib.lib.authcore_infoworks_token_valid(body, len(body), ctypes.byref(valid),
                                                      ctypes.byref(detail))
    _raise_detailed(status, detail, body)
    return bool(valid.value)


class Session(_lib.OwnedStorage):
    """The token lifecycle of one API (``api``: one of :data:`APIS`, or an
    :class:`ApiDescription`, also accepted as ``description=``). ``scope`` and ``client_id``
    go into OAuth 2.0 grants (for a description, they replace its own). Not thread-safe:
    one session per thread, or a lock around it. :meth:`close` (or a ``with`` block, or
    garbage collection) wipes both tokens."""

    __slots__ = ("_storage", "_keep", "api", "description", "__weakref__")
    _clear_name = "authcore_session_clear"

    def __init__(self, api: Union[str, ApiDescription, None] = None,
                 scope: Optional[str] = None, client_id: Optional[str] = None, *,
                 description: Optional[ApiDescription] = None) -> None:
        self._storage: Optional[_lib.SessionStorage] = None
        self.description: Optional[ApiDescription] = None
        if isinstance(api, ApiDescription) and description is None:
            api, description = None, api
        if description is not None:
            if api is not None:
                raise TypeError("give api or description, not both")
            if not isinstance(description, ApiDescription):
                raise TypeError("description must be an ApiDescription")
            if scope is not None or client_id is not None:
                description = dataclasses.replace(
                    description, scope=scope if scope is not None else description.scope,
                    client_id=client_id if client_id is not None else description.client_id)
            c = description._to_c()
            storage = _lib.SessionStorage()
            # The C session copies the description's strings: nothing to keep alive.
            _raise_for(_lib.lib.authcore_session_init_custom(ctypes.byref(storage),
                                                             ctypes.byref(c)), SessionError)
            self._keep = None
            self._storage = storage
            self.api = description.name
            self.description = description
            return
        if not isinstance(api, str) or api not in APIS:
            raise ValueError(f"unknown api {api!r}; one of {', '.join(APIS)}")
        s, i = _opt_text(scope, "scope"), _opt_text(client_id, "client_id")
        storage = _lib.SessionStorage()
        _raise_for(_lib.lib.authcore_session_init(ctypes.byref(storage), APIS[api], *s, *i),
                   SessionError)
        self._keep = (s[0], i[0])  # the C session refers to these strings
        self._storage = storage
        self.api = api

    @classmethod
    def custom(cls, description: Optional[ApiDescription] = None,
               **fields: Any) -> "Session":
        """A session for an API described by ``description`` or by :class:`ApiDescription`'s
        keyword arguments (``Session.custom(name="gateway", header=("custom", "Token"))``);
        a wrong description raises :class:`SessionError` naming the mistake."""
        if description is None:
            description = ApiDescription(**fields)
        elif fields:
            description = dataclasses.replace(description, **fields)
        return cls(description=description)

    def _ref(self) -> Any:
        if self._storage is None:
            raise SessionError("the session was closed", Status.UNINITIALIZED)
        return ctypes.byref(self._storage)

    @staticmethod
    def _time(now: Optional[float], time_base: str) -> "tuple[int, int]":
        if time_base not in _TIME_BASES:
            raise ValueError(f"time_base must be one of {', '.join(_TIME_BASES)}")
        if now is None:
            if time_base != "unix":
                raise ValueError("now is required on a monotonic clock")
            return int(time.time()), 1
        return _seconds(now, "now"), _TIME_BASES[time_base]

    def _request(self, call: Callable[[Any, int, Any, Any], int]) -> Request:
        req = _lib.Request()
        n = ctypes.c_size_t()
        status = call(None, 0, ctypes.byref(n), ctypes.byref(req))
        buf = None
        if status == Status.BUFFER_TOO_SMALL:
            buf = ctypes.create_string_buffer(n.value)
            status = call(buf, n.value, ctypes.byref(n), ctypes.byref(req))
        _raise_for(status, SessionError)
        out = Request(_decode(req.authorization), _decode(req.body), _decode(req.content_type))
        if buf is not None:
            ctypes.memset(buf, 0, len(buf))  # it held credentials or a token
        return out

    def login_request(self, username: Text, password: Text,
                      auth_source: Optional[Text] = None) -> Request:
        """The login request: a body (JSON, form or OAuth grant) or a Basic value."""
        c = _credentials(username, password, auth_source)
        ref = self._ref()
        return self._request(lambda b, cap, n, r: _lib.lib.authcore_session_login_request(
            ref, ctypes.byref(c), b, cap, n, r))

    def refresh_request(self) -> Request:
        """The refresh request for the stored refresh token."""
        ref = self._ref()
        return self._request(lambda b, cap, n, r: _lib.lib.authcore_session_refresh_request(
            ref, b, cap, n, r))

    def authorization(self) -> str:
        """The ``Authorization`` value for the access token, whatever the time."""
        ref = self._ref()
        return _string(lambda o, cap, n: _lib.lib.authcore_session_authorization(ref, o, cap, n))

    def _accept(self, response: Union[Text, Mapping[str, Any]], now: Optional[float],
                time_base: str, username: Optional[Text]) -> None:
        body = _body(response)
        user = None if username is None else _text(username, "username")
        t, base = self._time(now, time_base)
        detail = _lib.ResponseDetail()
        status = _lib.lib.authcore_session_accept_detail(
            self._ref(), body, len(body), user, 0 if user is None else len(user), t, base,
            ctypes.byref(detail))
        _raise_detailed(status, detail, body)

    def accept_login(self, response: Union[Text, Mapping[str, Any]], now: Optional[float] = None,
                     time_base: str = "unix", username: Optional[Text] = None) -> None:
        """Takes a login response (JSON text or a mapping) as soon as it arrives.
        ``username``, the user who logged in (not kept), lets BlueCat's
        ``Basic base64(username:apiToken)`` be built when the response lacks
        ``basicAuthenticationCredentials``. A missing or mistyped field raises SessionError
        naming it (``field``); the server's refusal raises LoginRefusedError. On error
        nothing changes."""
        self._accept(response, now, time_base, username)

    def accept_refresh(self, response: Union[Text, Mapping[str, Any]],
                       now: Optional[float] = None, time_base: str = "unix") -> None:
        """Takes a refresh response (a new refresh token replaces the old one); errors as
        for :meth:`accept_login`."""
        self._accept(response, now, time_base, None)

    def next(self, now: Optional[float] = None, time_base: str = "unix") -> Next:
        """What to do now: send, refresh or log in."""
        t, base = self._time(now, time_base)
        ref = self._ref()
        nxt = _lib.Next()
        n = ctypes.c_size_t()
        fn = _lib.lib.authcore_session_next
        buf: Any = None
        status = fn(ref, t, base, None, 0, ctypes.byref(n), ctypes.byref(nxt))
        if status == Status.BUFFER_TOO_SMALL:
            buf = ctypes.create_string_buffer(n.value)
            status = fn(ref, t, base, buf, n.value, ctypes.byref(n), ctypes.byref(nxt))
        _raise_for(status, SessionError)
        r = nxt.request
        remaining = None if nxt.remaining == _I64_MAX else int(nxt.remaining)
        action = _ACTIONS.get(nxt.action, "log_in")
        request = Request(_decode(r.authorization), _decode(r.body), _decode(r.content_type))
        if status == Status.OK and n.value:
            ctypes.memset(buf, 0, len(buf))  # it held a token
        # Send and log in carry the current header themselves; a refresh request does not.
        if not nxt.usable:
            current = None
        elif action == "refresh":
            current = self.authorization()
        else:
            current = request.authorization
        return Next(action, bool(nxt.usable), remaining, request, current)

    def _status(self, fn: Any, now: Optional[float], time_base: str) -> TokenStatus:
        t, base = self._time(now, time_base)
        out = _lib.TokenStatus()
        _raise_for(fn(self._ref(), t, base, ctypes.byref(out)), SessionError)
        remaining = None if out.remaining == _I64_MAX else int(out.remaining)
        return TokenStatus(_STATES.get(out.state, "expired"), remaining)

    def status(self, now: Optional[float] = None, time_base: str = "unix") -> TokenStatus:
        """The access token's status (SessionError NO_TOKEN without one)."""
        return self._status(_lib.lib.authcore_session_status, now, time_base)

    def refresh_status(self, now: Optional[float] = None, time_base: str = "unix") -> TokenStatus:
        """The refresh token's status (SessionError NO_REFRESH_TOKEN without one)."""
        return self._status(_lib.lib.authcore_session_refresh_status, now, time_base)

    def touch(self, now: Optional[float] = None, time_base: str = "unix") -> None:
        """Records a call made with the access token (slides a sliding window)."""
        t, base = self._time(now, time_base)
        _raise_for(_lib.lib.authcore_session_touch(self._ref(), t, base), SessionError)

    def pin(self, now: Optional[float] = None, time_base: str = "unix") -> None:
        """Pins validity at a request's start until :meth:`unpin`."""
        t, base = self._time(now, time_base)
        _raise_for(_lib.lib.authcore_session_pin(self._ref(), t, base), SessionError)

    def unpin(self) -> None:
        """Ends a pin."""
        _raise_for(_lib.lib.authcore_session_unpin(self._ref()), SessionError)

    def set_refresh_token(self, token: Text, now: Optional[float] = None,
                          time_base: str = "unix") -> None:
        """Stores a refresh token obtained elsewhere."""
        tok = _text(token, "token")
        t, base = self._time(now, time_base)
        _raise_for(_lib.lib.authcore_session_set_refresh_token(self._ref(), tok, len(tok), t, base),
                   SessionError)

    def forget_refresh_token(self) -> None:
        """Forgets the refresh token (the server refused it)."""
        _raise_for(_lib.lib.authcore_session_forget_refresh_token(self._ref()), SessionError)

    def forget_access_token(self) -> None:
        """Forgets the access token and keeps the refresh token: a logout that blacklists
        the access token only (Infoworks), or a refused access token while the refresh
        token still works. The next step is to refresh, if the API can."""
        _raise_for(_lib.lib.authcore_session_forget_access_token(self._ref()), SessionError)

    def forget(self) -> None:
        """Forgets both tokens (log out, or the server refused the access token)."""
        _raise_for(_lib.lib.authcore_session_forget(self._ref()), SessionError)

    def __repr__(self) -> str:
        return f"<Session {getattr(self, 'api', '?')} ({'closed' if self._storage is None else 'open'})>"
