"""API descriptions (``authcore_api_description``): a new API, or a preset changed, for
:class:`authcore.session.Session` without code in the C library.

Names mirror Rust's ``ApiProfile``; an enum variant that carries a value is a tuple of its
name and the value (``ExpirySource::FixedWindow(60)`` is ``("fixed_window", 60)``,
``HeaderStyle::Custom("OpsToken")`` is ``("custom", "OpsToken")``, ``RefreshStyle::Header(
HeaderStyle::Bearer)`` is ``("header", "bearer")``); the refresh policy's four numbers are
keyword arguments of their own::

    gateway = ApiDescription(
        name="gateway",
        response=(("access_token", "data.jwt"), ("expires_in", "data.ttl")),
        header=("custom", "Token"),
        expiry="expires_in",
    )
    infoworks = dataclasses.replace(ApiDescription.preset("infoworks"), margin_secs=300)

The C library checks a description when a session is made from it (or by :meth:`check`):
a wrong one raises :class:`authcore.SessionError` whose ``status`` names the mistake
(``Status.DESCRIPTION_*``).
"""

from __future__ import annotations

import ctypes
import dataclasses
from typing import Any, Optional, Tuple, Union

from . import _lib
from .exceptions import SessionError, Status, _raise_for

__all__ = ["ApiDescription", "FIELDS", "LOGIN_STYLES", "HEADER_STYLES", "EXPIRY_SOURCES"]

#: ``Field`` names and their ``authcore_field`` values.
FIELDS = {"access_token": 1, "refresh_token": 2, "token_type": 3, "expires_in": 4,
          "refresh_expires_in": 5, "expires_at_millis": 6, "expires_at_date_time": 7,
          "basic_credentials": 8, "scope": 9, "status": 10}
#: ``LoginStyle`` names and their ``authcore_login_style`` values.
LOGIN_STYLES = {"json_body": 1, "form_body": 2, "basic_header": 3, "oauth_password": 4}
#: ``HeaderStyle`` names (``("custom", scheme)`` besides) and their values.
HEADER_STYLES = {"bearer": 1, "lower_bearer": 2, "bare": 3, "basic_ready_made": 4}
_CUSTOM = 5
_REFRESH = {"none": 1, "oauth_form": 3}
_REFRESH_HEADER = 2
#: ``ExpirySource`` names (``("jwt_seconds", claim)`` and ``("fixed_window", secs)``
#: besides) and their ``authcore_expiry_kind`` values.
EXPIRY_SOURCES = {"none": 1, "jwt_exp": 2, "jwt_lifetime": 3, "expires_in": 5,
                  "expires_at": 6}
_JWT_SECONDS, _FIXED_WINDOW = 4, 7
_U32 = 2**32

Header = Union[str, Tuple[str, str]]
Refresh = Union[str, Tuple[str, Header]]
Expiry = Union[str, Tuple[str, Union[str, int]]]


def _unknown(what: str, value: Any) -> SessionError:
    return SessionError(f"API description: unknown {what} {value!r}",
                        Status.DESCRIPTION_UNKNOWN_VALUE)


def _put_text(c: Any, out: Any, field: str, value: Optional[str], what: str) -> None:
    """Points ``out.<field>`` and ``out.<field>_len`` at ``value``'s UTF-8 (NULL for
    ``None``); the bytes are kept on the description ``c``, which C reads them through."""
    if value is None:
        return
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str")
    b = value.encode("utf-8", "surrogatepass")  # a lone surrogate: refused by C
    c._keep.append(b)
    setattr(out, field, ctypes.cast(ctypes.c_char_p(b), ctypes.c_void_p).value)
    setattr(out, field + "_len", len(b))


def _get_text(c: Any, field: str) -> Optional[str]:
    """The string ``c.<field>`` points to (``None`` when NULL)."""
    ptr, n = getattr(c, field), getattr(c, field + "_len")
    return None if not ptr else ctypes.string_at(ptr, n).decode("utf-8")


def _u32(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int")
    if not 0 <= value < _U32:
        raise ValueError(f"{what} must be 0 to 2**32 - 1")
    return value


def _name_of(table: "dict[str, int]", raw: int) -> str:
    return next(k for k, v in table.items() if v == raw)


@dataclasses.dataclass(frozen=True)
class ApiDescription:
    """Everything a session needs to know about one API (Rust's ``ApiProfile``). The
    defaults are ``ApiProfile::new``'s: OAuth 2.0 field names, JSON login, ``Bearer``, no
    refresh call, ``expires_in``, a 60 s or 10 % margin, 5 s leeway, 300 s skew. Strings are
    UTF-8, at most 320 bytes together; at most 8 response paths."""

    name: str = "custom"
    #: ``(field, path)`` pairs: a path is member names joined by ``.``, or each preceded by
    #: ``/`` for names holding a dot; a field's paths are tried in order.
    response: Tuple[Tuple[str, str], ...] = (
        ("access_token", "access_token"), ("refresh_token", "refresh_token"),
        ("token_type", "token_type"), ("expires_in", "expires_in"),
        ("refresh_expires_in", "refresh_expires_in"), ("scope", "scope"))
    login: str = "json_body"
    header: Header = "bearer"
    refresh: Refresh = "none"
    expiry: Expiry = "expires_in"
    refresh_expiry: Expiry = "none"
    sliding_window: Optional[int] = None
    default_lifetime: Optional[int] = None
    margin_secs: int = 60
    margin_permille: int = 100
    leeway: int = 5
    max_skew: int = 300
    token_type: Optional[str] = None
    scope: Optional[str] = None
    client_id: Optional[str] = None

    @classmethod
    def preset(cls, api: str) -> "ApiDescription":
        """The description of a preset (one of :data:`authcore.session.APIS`), to change
        with :func:`dataclasses.replace`."""
        from .session import APIS
        if api not in APIS:
            raise ValueError(f"unknown api {api!r}; one of {', '.join(APIS)}")
        c = _lib.ApiDescriptionC()
        _raise_for(_lib.lib.authcore_api_description_preset(APIS[api], ctypes.byref(c)),
                   SessionError)
        return cls._from_c(c)

    @classmethod
    def _from_c(cls, c: Any) -> "ApiDescription":
        def text(field: str) -> Optional[str]:
            return _get_text(c, field) or None

        def header(h: Any) -> Header:
            if h.style == _CUSTOM:
                return ("custom", _get_text(h, "scheme") or "")
            return _name_of(HEADER_STYLES, h.style)

        def expiry(e: Any) -> Expiry:
            if e.kind == _JWT_SECONDS:
                return ("jwt_seconds", _get_text(e, "claim") or "")
            if e.kind == _FIXED_WINDOW:
                return ("fixed_window", e.seconds)
            return _name_of(EXPIRY_SOURCES, e.kind)

        refresh: Refresh = (("header", header(c.refresh_header)) if c.refresh == _REFRESH_HEADER
                            else _name_of(_REFRESH, c.refresh))
        return cls(
            name=_get_text(c, "name") or "custom",
            response=tuple((_name_of(FIELDS, p.field), _get_text(p, "path") or "")
                           for p in c.paths[:c.paths_len]),
            login=_name_of(LOGIN_STYLES, c.login),
            header=header(c.header),
            refresh=refresh,
            expiry=expiry(c.expiry),
            refresh_expiry=expiry(c.refresh_expiry),
            sliding_window=c.sliding_window if c.has_sliding_window else None,
            default_lifetime=c.default_lifetime if c.has_default_lifetime else None,
            margin_secs=c.margin_secs,
            margin_permille=c.margin_permille,
            leeway=c.leeway,
            max_skew=c.max_skew,
            token_type=text("token_type"),
            scope=text("scope"),
            client_id=text("client_id"),
        )

    def _to_c(self) -> Any:
        c = _lib.ApiDescriptionC()
        c._keep = []
        _put_text(c, c, "name", self.name, "name")
        if self.login not in LOGIN_STYLES:
            raise _unknown("login style", self.login)
        c.login = LOGIN_STYLES[self.login]
        response = tuple(self.response)
        if len(response) > _lib.API_PATHS_MAX:
            raise SessionError(f"API description: over {_lib.API_PATHS_MAX} response paths",
                               Status.DESCRIPTION_TOO_LONG)
        c.paths_len = len(response)
        for slot, (field, path) in zip(c.paths, response):
            if field not in FIELDS:
                raise _unknown("field", field)
            slot.field = FIELDS[field]
            _put_text(c, slot, "path", path, f"the path of {field}")

        def header(h: Header, out: Any, what: str) -> None:
            if isinstance(h, tuple) and len(h) == 2 and h[0] == "custom":
                out.style = _CUSTOM
                _put_text(c, out, "scheme", h[1], f"{what} scheme")
            elif isinstance(h, str) and h in HEADER_STYLES:
                out.style = HEADER_STYLES[h]
            else:
                raise _unknown(f"{what} style", h)

        def expiry(e: Expiry, out: Any, what: str) -> None:
            if isinstance(e, tuple) and len(e) == 2 and e[0] == "jwt_seconds":
                out.kind = _JWT_SECONDS
                _put_text(c, out, "claim", e[1], f"{what} claim")
            elif isinstance(e, tuple) and len(e) == 2 and e[0] == "fixed_window":
                out.kind, out.seconds = _FIXED_WINDOW, _u32(e[1], f"{what} window")
            elif isinstance(e, str) and e in EXPIRY_SOURCES:
                out.kind = EXPIRY_SOURCES[e]
            else:
                raise _unknown(what, e)

        header(self.header, c.header, "header")
        if isinstance(self.refresh, tuple) and len(self.refresh) == 2 \
                and self.refresh[0] == "header":
            c.refresh = _REFRESH_HEADER
            header(self.refresh[1], c.refresh_header, "refresh header")
        elif isinstance(self.refresh, str) and self.refresh in _REFRESH:
            c.refresh = _REFRESH[self.refresh]
        else:
            raise _unknown("refresh style", self.refresh)
        expiry(self.expiry, c.expiry, "expiry")
        expiry(self.refresh_expiry, c.refresh_expiry, "refresh expiry")
        if self.sliding_window is not None:
            c.has_sliding_window = 1
            c.sliding_window = _u32(self.sliding_window, "sliding_window")
        if self.default_lifetime is not None:
            c.has_default_lifetime = 1
            c.default_lifetime = _u32(self.default_lifetime, "default_lifetime")
        for name in ("margin_secs", "margin_permille", "leeway", "max_skew"):
            setattr(c, name, _u32(getattr(self, name), name))
        for name in ("token_type", "scope", "client_id"):
            _put_text(c, c, name, getattr(self, name), name)
        return c

    def check(self) -> None:
        """Raises :class:`authcore.SessionError` if a session cannot be made from this
        description (what is wrong in its ``status``)."""
        c = self._to_c()
        _raise_for(_lib.lib.authcore_api_description_check(ctypes.byref(c)), SessionError)
