"""``Authorization`` header values: formatting outgoing ones, parsing incoming ones.

Thin wrappers over ``authcore_authorization_*``: the C library refuses anything that could
inject a header (CR, LF, other control characters) and tokens of the wrong syntax, so a
value returned here is safe to put in a request as it is.
"""

from __future__ import annotations

import ctypes
from typing import Any, Callable, NamedTuple, Tuple, Union

from . import _lib
from .exceptions import HeaderError, Status, _raise_for

__all__ = [
    "STYLES",
    "authorization",
    "basic_authorization",
    "custom_authorization",
    "ParsedAuthorization",
    "parse_authorization",
    "parse_basic",
]

#: Header styles for :func:`authorization` (``authcore_header_style``).
STYLES = {"bearer": 1, "lower_bearer": 2, "bare": 3, "basic_ready_made": 4}
_SCHEMES = {1: "bearer", 2: "basic", 3: "other"}

Text = Union[str, bytes]


def _text(value: Any, what: str) -> bytes:
    if isinstance(value, str):
        try:
            return value.encode("utf-8")
        except UnicodeEncodeError:
            raise HeaderError(f"{what} is not encodable as UTF-8", Status.INVALID_UTF8) from None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"{what} must be str or bytes, not {type(value).__name__}")


def _string_out(call: Callable[[Any, int, Any], int]) -> str:
    """Runs a C function writing a NUL-terminated string: asks the size, then writes."""
    out_len = ctypes.c_size_t()
    status = call(None, 0, ctypes.byref(out_len))
    if status != Status.BUFFER_TOO_SMALL:
        _raise_for(status, HeaderError)
        return ""  # pragma: no cover - a string output always needs at least the NUL
    cap = out_len.value
    out = ctypes.create_string_buffer(cap)
    _raise_for(call(out, cap, ctypes.byref(out_len)), HeaderError)
    return out.raw[: out_len.value].decode("utf-8")


def authorization(token: Text, style: str = "bearer") -> str:
    """The ``Authorization`` value sending ``token``.

    ``style``: ``"bearer"`` (``Bearer <token>``, RFC 6750), ``"lower_bearer"`` (``bearer``
    for servers that compare the scheme case-sensitively), ``"bare"`` (the token alone) or
    ``"basic_ready_made"`` (``Basic <ready-made base64 credentials>``).
    Raises :class:`HeaderError` for a token that does not fit the style.
    """
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; one of {', '.join(STYLES)}")
    t = _text(token, "token")
    fn = _lib.lib.authcore_authorization_format
    return _string_out(lambda o, c, n: fn(STYLES[style], t, len(t), o, c, n))


def basic_authorization(user_id: Text, password: Text) -> str:
    """``Basic base64(user_id:password)`` (RFC 7617, UTF-8). A ``:`` in ``user_id`` is a
    :class:`HeaderError`, since the server could not tell where it ends."""
    u = _text(user_id, "user_id")
    p = _text(password, "password")
    fn = _lib.lib.authcore_authorization_basic
    return _string_out(lambda o, c, n: fn(u, len(u), p, len(p), o, c, n))


def custom_authorization(scheme: str, token: Text) -> str:
    """``<scheme> <token>`` for a custom scheme such as ``OpsToken``."""
    if not isinstance(scheme, str):
        raise TypeError(f"scheme must be a str, not {type(scheme).__name__}")
    s = _text(scheme, "scheme")
    t = _text(token, "token")
    fn = _lib.lib.authcore_authorization_custom
    return _string_out(lambda o, c, n: fn(s, len(s), t, len(t), o, c, n))


class ParsedAuthorization(NamedTuple):
    """An incoming ``Authorization`` value: ``scheme`` is ``"bearer"``, ``"basic"`` or
    ``"other"``; ``scheme_name`` as written; ``credentials`` as written (possibly empty)."""

    scheme: str
    scheme_name: str
    credentials: str


def parse_authorization(value: Text) -> ParsedAuthorization:
    """Parses ``scheme [credentials]`` (RFC 7235); surrounding spaces and tabs are ignored.
    Raises :class:`HeaderError` for a malformed value."""
    v = _text(value, "value")
    buf = ctypes.create_string_buffer(v, len(v))  # the result points into this copy
    out = _lib.Authorization()
    _raise_for(_lib.lib.authcore_authorization_parse(buf, len(v), ctypes.byref(out)), HeaderError)
    name = ctypes.string_at(out.scheme_name, out.scheme_name_len) if out.scheme_name_len else b""
    cred = ctypes.string_at(out.credentials, out.credentials_len) if out.credentials_len else b""
    return ParsedAuthorization(_SCHEMES.get(out.scheme, "other"), name.decode(), cred.decode())


def parse_basic(value: Text) -> Tuple[str, str]:
    """The ``(user_id, password)`` of a ``Basic`` value, decoded. Raises
    :class:`HeaderError` for another scheme or malformed credentials."""
    v = _text(value, "value")
    fn = _lib.lib.authcore_authorization_parse_basic
    ulen, plen = ctypes.c_size_t(), ctypes.c_size_t()
    status = fn(v, len(v), None, 0, ctypes.byref(ulen), None, 0, ctypes.byref(plen))
    if status != Status.BUFFER_TOO_SMALL:
        _raise_for(status, HeaderError)
    ucap, pcap = ulen.value, plen.value
    ubuf, pbuf = ctypes.create_string_buffer(ucap), ctypes.create_string_buffer(pcap)
    status = fn(v, len(v), ubuf, ucap, ctypes.byref(ulen), pbuf, pcap, ctypes.byref(plen))
    _raise_for(status, HeaderError)
    user = ubuf.raw[: ulen.value].decode("utf-8")
    password = pbuf.raw[: plen.value].decode("utf-8")
    ctypes.memset(pbuf, 0, pcap)  # the decoded password, wiped from the C buffer
    return user, password
