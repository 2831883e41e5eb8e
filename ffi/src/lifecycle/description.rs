//! API descriptions from C: `authcore_api_description`, a value the caller fills (or starts
//! from a preset with `authcore_api_description_preset`), checked and copied into the
//! session by `authcore_session_init_custom`.
//!
//! Core's `ApiProfile` holds `&'static str`s. A session made from a description keeps a
//! copy of its strings inside the session's storage, as offsets and lengths
//! (`super::stored`), from which each call makes the profile again; `authcore_session_clear`
//! wipes them with the session.

use core::ffi::c_char;
use core::ptr::null;

use authcore::authz::HeaderStyle;
use authcore::lifetime::RefreshPolicy;
use authcore::response::{Field, ResponseFormat};
use authcore::session::{ApiProfile, ExpirySource, LoginStyle, RefreshStyle};

use crate::boundary::{guard, opt_text, required};
use crate::status::authcore_status::{self, *};
use crate::storage;

use super::authz::HeaderStyleArg;
use super::profiles::profile;
use super::session::{ApiArg, SESSION_MAGIC, authcore_session};
use super::stored::{StoredProfile, StoredSession};

/// The most response paths an API description has.
pub const AUTHCORE_API_PATHS_MAX: usize = 8;
/// The most bytes an API description's strings take together (paths, name, schemes,
/// claims, token_type, scope, client_id): what a session keeps of them.
pub const AUTHCORE_API_TEXT_TOTAL: usize = 320;

/// How a session logs in (`authcore_api_description.login`).
#[repr(u32)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum authcore_login_style {
    /// POST `{"username":...,"password":...}` (plus authSource when given) as JSON.
    AUTHCORE_LOGIN_JSON_BODY = 1,
    /// POST `username=...&password=...` form-encoded.
    AUTHCORE_LOGIN_FORM_BODY = 2,
    /// `Authorization: Basic base64(user:password)`, no body.
    AUTHCORE_LOGIN_BASIC_HEADER = 3,
    /// The OAuth 2.0 password grant, with the description's scope and client_id.
    AUTHCORE_LOGIN_OAUTH_PASSWORD = 4,
}

/// An `authcore_login_style` as a description holds it: C may store any 32-bit value, which
/// is checked (the header names the type `authcore_login_style`).
pub type LoginStyleArg = u32;

/// How a session renews the access token (`authcore_api_description.refresh`).
#[repr(u32)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum authcore_refresh_style {
    /// No refresh call: log in again.
    AUTHCORE_REFRESH_NONE = 1,
    /// The refresh token in the `Authorization` header, in `refresh_header`'s style.
    AUTHCORE_REFRESH_HEADER = 2,
    /// The OAuth 2.0 refresh grant, form-encoded.
    AUTHCORE_REFRESH_OAUTH_FORM = 3,
}

/// An `authcore_refresh_style` as a description holds it: C may store any 32-bit value,
/// which is checked (the header names the type `authcore_refresh_style`).
pub type RefreshStyleArg = u32;

/// Where a token's expiry comes from (`authcore_expiry_source.kind`).
#[repr(u32)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum authcore_expiry_kind {
    /// Nothing: only default_lifetime, if any.
    AUTHCORE_EXPIRY_NONE = 1,
    /// The token is a JWT: its exp (with iat against clock skew).
    AUTHCORE_EXPIRY_JWT_EXP = 2,
    /// The token is a JWT: exp - iat from receipt.
    AUTHCORE_EXPIRY_JWT_LIFETIME = 3,
    /// The token is a JWT whose claim `claim` gives its lifetime in seconds.
    AUTHCORE_EXPIRY_JWT_SECONDS = 4,
    /// The response's expires_in (refresh_expires_in for the refresh token).
    AUTHCORE_EXPIRY_EXPIRES_IN = 5,
    /// The response's absolute expiry (epoch milliseconds or RFC 3339).
    AUTHCORE_EXPIRY_EXPIRES_AT = 6,
    /// A fixed window of `seconds` from receipt.
    AUTHCORE_EXPIRY_FIXED_WINDOW = 7,
}

/// An `authcore_expiry_kind` as a description holds it: C may store any 32-bit value, which
/// is checked (the header names the type `authcore_expiry_kind`).
pub type ExpiryKindArg = u32;

/// A field of a token response (`authcore_api_path.field`).
#[repr(u32)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum authcore_field {
    /// The access token (required).
    AUTHCORE_FIELD_ACCESS_TOKEN = 1,
    /// The refresh token.
    AUTHCORE_FIELD_REFRESH_TOKEN = 2,
    /// The token type.
    AUTHCORE_FIELD_TOKEN_TYPE = 3,
    /// Seconds of lifetime from now.
    AUTHCORE_FIELD_EXPIRES_IN = 4,
    /// Seconds of lifetime of the refresh token from now.
    AUTHCORE_FIELD_REFRESH_EXPIRES_IN = 5,
    /// Expiry in milliseconds since the Unix epoch.
    AUTHCORE_FIELD_EXPIRES_AT_MILLIS = 6,
    /// Expiry as an RFC 3339 date-time.
    AUTHCORE_FIELD_EXPIRES_AT_DATE_TIME = 7,
    /// Ready-made Basic credentials.
    AUTHCORE_FIELD_BASIC_CREDENTIALS = 8,
    /// The granted scope.
    AUTHCORE_FIELD_SCOPE = 9,
    /// The status the body reports (ImmPort's `status`); one outside 200 to 299 makes the
    /// response a refusal (AUTHCORE_ERROR_RESPONSE carrying it).
    AUTHCORE_FIELD_STATUS = 10,
}

/// An `authcore_field` as a description holds it: C may store any 32-bit value, which is
/// checked (the header names the type `authcore_field`).
pub type FieldArg = u32;

/// The fields by their `authcore_field` value less one.
pub(super) const FIELDS: [Field; 10] = [
    Field::AccessToken,
    Field::RefreshToken,
    Field::TokenType,
    Field::ExpiresIn,
    Field::RefreshExpiresIn,
    Field::ExpiresAtMillis,
    Field::ExpiresAtDateTime,
    Field::BasicCredentials,
    Field::Scope,
    Field::Status,
];

/// Where a response keeps one field: member names joined by `.`, or each preceded by `/`
/// (`"/result/auth.token"`) for names that contain a dot.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct authcore_api_path {
    /// Which field.
    pub field: FieldArg,
    /// The path, `path_len` bytes of UTF-8.
    pub path: *const c_char,
    /// Bytes in `path`.
    pub path_len: usize,
}

/// A header style, and with AUTHCORE_HEADER_CUSTOM its scheme (an RFC 7230 token such as
/// `OpsToken`; NULL otherwise).
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct authcore_api_header {
    /// The style.
    pub style: HeaderStyleArg,
    /// The scheme of AUTHCORE_HEADER_CUSTOM, `scheme_len` bytes; NULL for none.
    pub scheme: *const c_char,
    /// Bytes in `scheme` (0 when it is NULL).
    pub scheme_len: usize,
}

/// Where a token's expiry comes from: a kind, the seconds of AUTHCORE_EXPIRY_FIXED_WINDOW
/// (0 otherwise), the claim of AUTHCORE_EXPIRY_JWT_SECONDS (NULL otherwise).
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct authcore_expiry_source {
    /// The kind.
    pub kind: ExpiryKindArg,
    /// The window of AUTHCORE_EXPIRY_FIXED_WINDOW.
    pub seconds: u32,
    /// The claim of AUTHCORE_EXPIRY_JWT_SECONDS, `claim_len` bytes; NULL for none.
    pub claim: *const c_char,
    /// Bytes in `claim` (0 when it is NULL).
    pub claim_len: usize,
}

/// Everything a session needs to know about one API, as core's `ApiProfile` says it: fill
/// it (start from `authcore_api_description_preset` and change what differs) and make a
/// session with `authcore_session_init_custom`, which checks it and copies its strings
/// (the description and its strings may go away afterwards).
///
/// Every string is a pointer and a length in bytes of UTF-8, not NUL-terminated, at most
/// AUTHCORE_API_TEXT_TOTAL bytes together. An optional string (name, scheme, claim,
/// token_type, scope, client_id) is absent when its pointer is NULL (its length must then
/// be 0) or its length is 0. `has_*` and other flags: 0 no, anything else yes.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct authcore_api_description {
    /// A name for logs ("custom" when absent).
    pub name: *const c_char,
    /// Bytes in `name`.
    pub name_len: usize,
    /// How a session logs in.
    pub login: LoginStyleArg,
    /// How many of `paths` are used (at most AUTHCORE_API_PATHS_MAX).
    pub paths_len: u32,
    /// Where the response keeps each field; a field's paths are tried in order.
    pub paths: [authcore_api_path; AUTHCORE_API_PATHS_MAX],
    /// How the access token is sent.
    pub header: authcore_api_header,
    /// How the access token is renewed.
    pub refresh: RefreshStyleArg,
    /// With AUTHCORE_REFRESH_HEADER: how the refresh token is sent (style 0 otherwise).
    pub refresh_header: authcore_api_header,
    /// Where the access token's expiry comes from.
    pub expiry: authcore_expiry_source,
    /// Where the refresh token's expiry comes from.
    pub refresh_expiry: authcore_expiry_source,
    /// Whether the access token slides: each touch extends it to now + sliding_window.
    pub has_sliding_window: u8,
    /// The sliding window in seconds (not 0).
    pub sliding_window: u32,
    /// Whether default_lifetime applies.
    pub has_default_lifetime: u8,
    /// The access token's lifetime in seconds when the expiry source gives none (not 0).
    pub default_lifetime: u32,
    /// Renew when this many seconds (or fewer) are left.
    pub margin_secs: u32,
    /// Renew when this many thousandths of the lifetime (or fewer) are left (at most 1000).
    pub margin_permille: u32,
    /// Treat the token as expired this many seconds before its end.
    pub leeway: u32,
    /// The clock skew beyond which a JWT's exp is anchored at receipt with exp - iat.
    pub max_skew: u32,
    /// The token_type the response must have, if it has one (absent: any).
    pub token_type: *const c_char,
    /// Bytes in `token_type`.
    pub token_type_len: usize,
    /// scope for OAuth 2.0 grants (absent: none).
    pub scope: *const c_char,
    /// Bytes in `scope`.
    pub scope_len: usize,
    /// client_id for OAuth 2.0 grants (absent: none).
    pub client_id: *const c_char,
    /// Bytes in `client_id`.
    pub client_id_len: usize,
}

/// A string of a description: empty when absent (NULL with length 0).
///
/// # Safety
/// A non-NULL `ptr` valid for reads of `len` bytes while the string is used.
unsafe fn read<'a>(ptr: *const c_char, len: usize) -> Result<&'a str, authcore_status> {
    // SAFETY: forwarded to the caller's guarantee.
    Ok(unsafe { opt_text(ptr, len) }?.unwrap_or(""))
}

/// The places of a description's integers in [`Flat::ints`]: `login`, `paths_len`, the
/// paths' fields, and so on in the order of `authcore_api_description`.
pub(super) const I_LOGIN: usize = 0;
pub(super) const I_PATHS_LEN: usize = 1;
pub(super) const I_FIELD: usize = 2;
const I_HEADER: usize = I_FIELD + AUTHCORE_API_PATHS_MAX;
const I_REFRESH: usize = I_HEADER + 1;
const I_REFRESH_HEADER: usize = I_HEADER + 2;
const I_EXPIRY: usize = I_HEADER + 3;
const I_EXPIRY_SECONDS: usize = I_HEADER + 4;
const I_REFRESH_EXPIRY: usize = I_HEADER + 5;
const I_REFRESH_EXPIRY_SECONDS: usize = I_HEADER + 6;
const I_HAS_SLIDING_WINDOW: usize = I_HEADER + 7;
const I_SLIDING_WINDOW: usize = I_HEADER + 8;
const I_HAS_DEFAULT_LIFETIME: usize = I_HEADER + 9;
const I_DEFAULT_LIFETIME: usize = I_HEADER + 10;
const I_MARGIN_SECS: usize = I_HEADER + 11;
pub(super) const I_MARGIN_PERMILLE: usize = I_HEADER + 12;
const I_LEEWAY: usize = I_HEADER + 13;
const I_MAX_SKEW: usize = I_HEADER + 14;
/// How many integers a description has.
pub(super) const INTS: usize = I_HEADER + 15;

/// The places of a description's strings in [`Flat::strings`]; the paths' follow
/// [`S_CLIENT_ID`].
pub(super) const S_NAME: usize = 0;
pub(super) const S_SCHEME: usize = 1;
const S_REFRESH_SCHEME: usize = 2;
const S_CLAIM: usize = 3;
const S_REFRESH_CLAIM: usize = 4;
pub(super) const S_TOKEN_TYPE: usize = 5;
const S_SCOPE: usize = 6;
const S_CLIENT_ID: usize = 7;
pub(super) const S_PATH: usize = 8;
/// How many strings a description has.
pub(super) const STRINGS: usize = S_PATH + AUTHCORE_API_PATHS_MAX;

/// A description as its integers and its strings by place (each string, or why it cannot
/// be read, the error kept until [`decode`] reads that string, so that the errors come in
/// the order `decode` meets them): what `decode` reads, from a caller's description
/// ([`flat`]) or from a session's stored copy of one.
pub(super) struct Flat<'s> {
    pub(super) ints: [u32; INTS],
    pub(super) strings: [Result<&'s str, authcore_status>; STRINGS],
}

/// The description `d` as a [`Flat`]. The paths past `paths_len`, and the refresh header's
/// scheme without a refresh header, are not read (a caller may leave them unset).
///
/// # Safety
/// Every string of `d` that is read valid for reads of its length while the `Flat` is used.
pub(super) unsafe fn flat(d: &authcore_api_description) -> Flat<'_> {
    let mut ints = [0u32; INTS];
    let n = usize::try_from(d.paths_len).unwrap_or(usize::MAX);
    for (i, v) in [
        (I_LOGIN, d.login),
        (I_PATHS_LEN, d.paths_len),
        (I_HEADER, d.header.style),
        (I_REFRESH, d.refresh),
        (I_REFRESH_HEADER, d.refresh_header.style),
        (I_EXPIRY, d.expiry.kind),
        (I_EXPIRY_SECONDS, d.expiry.seconds),
        (I_REFRESH_EXPIRY, d.refresh_expiry.kind),
        (I_REFRESH_EXPIRY_SECONDS, d.refresh_expiry.seconds),
        (I_HAS_SLIDING_WINDOW, d.has_sliding_window.into()),
        (I_SLIDING_WINDOW, d.sliding_window),
        (I_HAS_DEFAULT_LIFETIME, d.has_default_lifetime.into()),
        (I_DEFAULT_LIFETIME, d.default_lifetime),
        (I_MARGIN_SECS, d.margin_secs),
        (I_MARGIN_PERMILLE, d.margin_permille),
        (I_LEEWAY, d.leeway),
        (I_MAX_SKEW, d.max_skew),
    ] {
        if let Some(slot) = ints.get_mut(i) {
            *slot = v;
        }
    }
    let mut strings = [Ok(""); STRINGS];
    for (i, (ptr, len)) in [
        (S_NAME, (d.name, d.name_len)),
        (S_SCHEME, (d.header.scheme, d.header.scheme_len)),
        (S_CLAIM, (d.expiry.claim, d.expiry.claim_len)),
        (
            S_REFRESH_CLAIM,
            (d.refresh_expiry.claim, d.refresh_expiry.claim_len),
        ),
        (S_TOKEN_TYPE, (d.token_type, d.token_type_len)),
        (S_SCOPE, (d.scope, d.scope_len)),
        (S_CLIENT_ID, (d.client_id, d.client_id_len)),
    ] {
        if let Some(slot) = strings.get_mut(i) {
            // SAFETY: forwarded to the caller's guarantee.
            *slot = unsafe { read(ptr, len) };
        }
    }
    if d.refresh == 2 {
        // SAFETY: forwarded to the caller's guarantee.
        strings[S_REFRESH_SCHEME] =
            unsafe { read(d.refresh_header.scheme, d.refresh_header.scheme_len) };
    }
    for (i, p) in d.paths.iter().enumerate().take(n) {
        ints[I_FIELD + i] = p.field;
        // SAFETY: forwarded to the caller's guarantee.
        strings[S_PATH + i] = unsafe { read(p.path, p.path_len) };
    }
    Flat { ints, strings }
}

/// The profile a description says, checked (`ApiProfile::check`). Where each of its strings
/// goes: `intern` is given every string the profile keeps, and returns the one to keep.
pub(super) fn decode(
    d: &Flat<'_>,
    paths: &'static mut [(Field, &'static str); AUTHCORE_API_PATHS_MAX],
    intern: &mut dyn FnMut(&str) -> Result<&'static str, authcore_status>,
) -> Result<ApiProfile, authcore_status> {
    let int = |i: usize| d.ints.get(i).copied().unwrap_or(0);
    let mut opt = |i: usize| -> Result<Option<&'static str>, authcore_status> {
        let s = d.strings.get(i).copied().unwrap_or(Ok(""))?;
        Ok(match s.is_empty() {
            true => None,
            false => Some(intern(s)?),
        })
    };
    let n = usize::try_from(int(I_PATHS_LEN)).unwrap_or(usize::MAX);
    if n > AUTHCORE_API_PATHS_MAX {
        return Err(AUTHCORE_DESCRIPTION_TOO_LONG);
    }
    for (i, slot) in paths.iter_mut().enumerate().take(n) {
        let field = usize::try_from(int(I_FIELD + i))
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| FIELDS.get(i))
            .ok_or(AUTHCORE_DESCRIPTION_UNKNOWN_VALUE)?;
        // An empty path is kept, for the check to refuse by name.
        *slot = (*field, opt(S_PATH + i)?.unwrap_or(""));
    }
    let name = opt(S_NAME)?.unwrap_or("custom");
    let mut header = |style: u32, scheme: usize| -> Result<HeaderStyle, authcore_status> {
        let scheme = opt(scheme)?;
        Ok(match (style, scheme) {
            (1, None) => HeaderStyle::Bearer,
            (2, None) => HeaderStyle::LowerBearer,
            (3, None) => HeaderStyle::Bare,
            (4, None) => HeaderStyle::BasicReadyMade,
            (5, scheme) => HeaderStyle::Custom(scheme.unwrap_or("")),
            _ => return Err(AUTHCORE_DESCRIPTION_UNKNOWN_VALUE),
        })
    };
    let access_header = header(int(I_HEADER), S_SCHEME)?;
    let refresh = match (int(I_REFRESH), int(I_REFRESH_HEADER)) {
        (1, 0) => RefreshStyle::None,
        (2, style) => RefreshStyle::Header(header(style, S_REFRESH_SCHEME)?),
        (3, 0) => RefreshStyle::OAuthForm,
        _ => return Err(AUTHCORE_DESCRIPTION_UNKNOWN_VALUE),
    };
    let mut expiry = |kind: usize, claim: usize| -> Result<ExpirySource, authcore_status> {
        let claim = opt(claim)?;
        Ok(match (int(kind), int(kind + 1), claim) {
            (1, 0, None) => ExpirySource::None,
            (2, 0, None) => ExpirySource::JwtExp,
            (3, 0, None) => ExpirySource::JwtLifetime,
            (4, 0, claim) => ExpirySource::JwtSeconds(claim.unwrap_or("")),
            (5, 0, None) => ExpirySource::ExpiresIn,
            (6, 0, None) => ExpirySource::ExpiresAt,
            (7, secs, None) => ExpirySource::FixedWindow(secs),
            _ => return Err(AUTHCORE_DESCRIPTION_UNKNOWN_VALUE),
        })
    };
    let profile = ApiProfile {
        name,
        response: ResponseFormat::new(paths.get(..n).unwrap_or_default()),
        login: match int(I_LOGIN) {
            1 => LoginStyle::JsonBody,
            2 => LoginStyle::FormBody,
            3 => LoginStyle::BasicHeader,
            4 => LoginStyle::OAuthPassword,
            _ => return Err(AUTHCORE_DESCRIPTION_UNKNOWN_VALUE),
        },
        header: access_header,
        refresh,
        expiry: expiry(I_EXPIRY, S_CLAIM)?,
        refresh_expiry: expiry(I_REFRESH_EXPIRY, S_REFRESH_CLAIM)?,
        sliding_window: (int(I_HAS_SLIDING_WINDOW) != 0).then_some(int(I_SLIDING_WINDOW)),
        default_lifetime: (int(I_HAS_DEFAULT_LIFETIME) != 0).then_some(int(I_DEFAULT_LIFETIME)),
        policy: RefreshPolicy {
            margin_secs: int(I_MARGIN_SECS),
            margin_permille: u16::try_from(int(I_MARGIN_PERMILLE)).unwrap_or(u16::MAX),
            leeway: int(I_LEEWAY),
            max_skew: int(I_MAX_SKEW),
        },
        token_type: opt(S_TOKEN_TYPE)?,
        scope: opt(S_SCOPE)?,
        client_id: opt(S_CLIENT_ID)?,
    };
    profile.check()?;
    Ok(profile)
}

/// The description's profile, checked, with strings borrowed from the description, given
/// to `then` with the description's [`Flat`]: for reading only, never kept past the call
/// that reads `d`.
///
/// # Safety
/// As for [`flat`].
unsafe fn checked_then(
    d: &authcore_api_description,
    then: &mut dyn FnMut(&ApiProfile, &Flat<'_>) -> Result<(), authcore_status>,
) -> Result<(), authcore_status> {
    let mut paths = [(Field::AccessToken, ""); AUTHCORE_API_PATHS_MAX];
    let mut total = 0usize;
    // SAFETY: the profile made here, and every string it borrows from `d` (lengthened to
    // `'static` to fit `ApiProfile`), is dropped before this function returns.
    let paths: &'static mut _ = unsafe { &mut *core::ptr::addr_of_mut!(paths) };
    // SAFETY: forwarded to the caller's guarantee.
    let flat = unsafe { flat(d) };
    let profile = decode(&flat, paths, &mut |s| {
        total += s.len();
        if total > AUTHCORE_API_TEXT_TOTAL {
            return Err(AUTHCORE_DESCRIPTION_TOO_LONG);
        }
        // SAFETY: as above: borrowed for this call only.
        Ok(unsafe { &*core::ptr::from_ref::<str>(s) })
    })?;
    then(&profile, &flat)
}

/// The description's profile, checked.
///
/// # Safety
/// As for [`flat`].
unsafe fn checked(d: &authcore_api_description) -> Result<(), authcore_status> {
    // SAFETY: forwarded to the caller's guarantee.
    unsafe { checked_then(d, &mut |_, _| Ok(())) }
}

/// A description with every field 0 and every string absent (no valid API: `describe`
/// fills it in place, without a second copy on the stack).
pub(super) const ZERO: authcore_api_description = {
    let header = authcore_api_header {
        style: 0,
        scheme: null(),
        scheme_len: 0,
    };
    let expiry = authcore_expiry_source {
        kind: 0,
        seconds: 0,
        claim: null(),
        claim_len: 0,
    };
    authcore_api_description {
        name: null(),
        name_len: 0,
        login: 0,
        paths_len: 0,
        paths: [authcore_api_path {
            field: 0,
            path: null(),
            path_len: 0,
        }; AUTHCORE_API_PATHS_MAX],
        header,
        refresh: 0,
        refresh_header: header,
        expiry,
        refresh_expiry: expiry,
        has_sliding_window: 0,
        sliding_window: 0,
        has_default_lifetime: 0,
        default_lifetime: 0,
        margin_secs: 0,
        margin_permille: 0,
        leeway: 0,
        max_skew: 0,
        token_type: null(),
        token_type_len: 0,
        scope: null(),
        scope_len: 0,
        client_id: null(),
        client_id_len: 0,
    }
};

/// A preset's string as a description's pointer and length (NULL for none). The text is
/// the library's own, valid for as long as the program runs.
fn put(s: Option<&'static str>) -> (*const c_char, usize) {
    s.map_or((null(), 0), |s| (s.as_ptr().cast(), s.len()))
}

#[inline(never)]
fn put_header(out: &mut authcore_api_header, h: HeaderStyle) {
    out.style = match h {
        HeaderStyle::Bearer => 1,
        HeaderStyle::LowerBearer => 2,
        HeaderStyle::Bare => 3,
        HeaderStyle::BasicReadyMade => 4,
        HeaderStyle::Custom(scheme) => {
            (out.scheme, out.scheme_len) = put(Some(scheme));
            5
        }
    };
}

#[inline(never)]
fn put_expiry(out: &mut authcore_expiry_source, e: ExpirySource) {
    out.kind = match e {
        ExpirySource::None => 1,
        ExpirySource::JwtExp => 2,
        ExpirySource::JwtLifetime => 3,
        ExpirySource::JwtSeconds(claim) => {
            (out.claim, out.claim_len) = put(Some(claim));
            4
        }
        ExpirySource::ExpiresIn => 5,
        ExpirySource::ExpiresAt => 6,
        ExpirySource::FixedWindow(secs) => {
            out.seconds = secs;
            7
        }
    };
}

/// Fills the zeroed `d` with `profile` (the inverse of what `authcore_session_init_custom`
/// reads). Its strings point at the profile's, which must be static text.
pub(super) fn describe(
    p: &ApiProfile,
    d: &mut authcore_api_description,
) -> Result<(), authcore_status> {
    (d.name, d.name_len) = put(Some(p.name));
    d.login = match p.login {
        LoginStyle::JsonBody => 1,
        LoginStyle::FormBody => 2,
        LoginStyle::BasicHeader => 3,
        LoginStyle::OAuthPassword => 4,
    };
    let paths = p.response.paths;
    if paths.len() > AUTHCORE_API_PATHS_MAX {
        return Err(AUTHCORE_INTERNAL_ERROR);
    }
    d.paths_len = paths.len() as u32;
    for (slot, &(field, path)) in d.paths.iter_mut().zip(paths) {
        // A field missing from the table would be described as another: refuse instead.
        let index = FIELDS
            .iter()
            .position(|f| *f == field)
            .ok_or(AUTHCORE_INTERNAL_ERROR)?;
        slot.field = index as u32 + 1;
        (slot.path, slot.path_len) = put(Some(path));
    }
    put_header(&mut d.header, p.header);
    d.refresh = match p.refresh {
        RefreshStyle::None => 1,
        RefreshStyle::Header(h) => {
            put_header(&mut d.refresh_header, h);
            2
        }
        RefreshStyle::OAuthForm => 3,
    };
    put_expiry(&mut d.expiry, p.expiry);
    put_expiry(&mut d.refresh_expiry, p.refresh_expiry);
    d.has_sliding_window = p.sliding_window.is_some().into();
    d.sliding_window = p.sliding_window.unwrap_or(0);
    d.has_default_lifetime = p.default_lifetime.is_some().into();
    d.default_lifetime = p.default_lifetime.unwrap_or(0);
    d.margin_secs = p.policy.margin_secs;
    d.margin_permille = p.policy.margin_permille.into();
    d.leeway = p.policy.leeway;
    d.max_skew = p.policy.max_skew;
    (d.token_type, d.token_type_len) = put(p.token_type);
    (d.scope, d.scope_len) = put(p.scope);
    (d.client_id, d.client_id_len) = put(p.client_id);
    Ok(())
}

/// The caller's description, if its address is aligned (AUTHCORE_INVALID_ARGUMENT).
///
/// # Safety
/// A non-NULL `d` valid for reads of an `authcore_api_description` for `'a`.
unsafe fn described<'a>(
    d: *const authcore_api_description,
) -> Result<&'a authcore_api_description, authcore_status> {
    if d.is_null() {
        return Err(AUTHCORE_NULL_ARGUMENT);
    }
    if !d.is_aligned() {
        return Err(AUTHCORE_INVALID_ARGUMENT);
    }
    // SAFETY: non-NULL and aligned; readable, as the caller vouches; every field is an
    // integer or a pointer, valid whatever its bytes (the pointers are checked when read).
    Ok(unsafe { &*d })
}

/// Writes the description of the preset `api`: the starting point for an API that differs
/// from a preset in a few fields.
///
/// Its strings point at the library's own static text (not NUL-terminated: use the
/// lengths); absent ones are NULL.
///
/// \param api  Which preset.
/// \param out  Receives the description (aligned for `authcore_api_description`).
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (unknown api,
///         misaligned `out`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_api_description_preset(
    api: ApiArg,
    out: *mut authcore_api_description,
) -> authcore_status {
    guard(|| {
        required(&[out.is_null()])?;
        if !out.is_aligned() {
            return Err(AUTHCORE_INVALID_ARGUMENT);
        }
        let preset = profile(api, None, None).ok_or(AUTHCORE_INVALID_ARGUMENT)?;
        // SAFETY: non-NULL and aligned, and the caller vouches for a write; a fully written
        // value is then borrowed for filling in.
        let d = unsafe {
            out.write(ZERO);
            &mut *out
        };
        // On the (unreachable) error, the zeroed description names no API.
        describe(&preset, d)
    })
}

/// Checks a description as `authcore_session_init_custom` does, without making a session.
///
/// \param description  The description (aligned), with every string valid for its length.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (misaligned;
///         a NULL string with a length; an impossible length), AUTHCORE_INVALID_UTF8, the
///         AUTHCORE_DESCRIPTION_* statuses.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_api_description_check(
    description: *const authcore_api_description,
) -> authcore_status {
    guard(|| {
        required(&[description.is_null()])?;
        // SAFETY (both): non-NULL; the description and its strings readable, as the caller
        // vouches.
        let d = unsafe { described(description) }?;
        unsafe { checked(d) }
    })
}

/// Makes an empty session for the API `description` describes, wiping any session the
/// storage held.
///
/// The description is checked first (a wrong one is refused here, not at the first
/// request) and its strings are copied into the session: it may be changed or freed
/// afterwards. On error the storage is untouched.
///
/// \param session      Storage for the session (aligned; not copied once made).
/// \param description  The description (aligned), with every string valid for its length.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (misaligned
///         storage or description; a NULL string with a length; an impossible length),
///         AUTHCORE_INVALID_UTF8, AUTHCORE_DESCRIPTION_EMPTY_PATH,
///         AUTHCORE_DESCRIPTION_PATH_SEGMENT, AUTHCORE_DESCRIPTION_NO_ACCESS_TOKEN,
///         AUTHCORE_DESCRIPTION_SCHEME, AUTHCORE_DESCRIPTION_ZERO_WINDOW,
///         AUTHCORE_DESCRIPTION_MARGIN, AUTHCORE_DESCRIPTION_FIELD_NEEDED,
///         AUTHCORE_DESCRIPTION_CLAIM, AUTHCORE_DESCRIPTION_UNKNOWN_VALUE,
///         AUTHCORE_DESCRIPTION_TOO_LONG.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_init_custom(
    session: *mut authcore_session,
    description: *const authcore_api_description,
) -> authcore_status {
    guard(|| {
        required(&[session.is_null(), description.is_null()])?;
        storage::usable(session)?;
        // SAFETY (both): as in `authcore_api_description_check`.
        let d = unsafe { described(description) }?;
        let mut stored = None;
        // SAFETY: the description's strings are valid for their lengths, as the caller vouches.
        unsafe {
            checked_then(d, &mut |_, flat| {
                stored = Some(StoredProfile::custom(flat, session.addr())?);
                Ok(())
            })
        }?;
        let profile = stored.ok_or(AUTHCORE_INTERNAL_ERROR)?;
        // SAFETY: the caller vouches for the storage.
        unsafe {
            storage::init_plain(session, SESSION_MAGIC, |s: &mut StoredSession| {
                s.set_profile(profile)
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRESETS: [(u32, ApiProfile); 7] = [
        (1, ApiProfile::OAUTH2),
        (2, ApiProfile::IMMPORT),
        (3, ApiProfile::INFOWORKS),
        (4, ApiProfile::ARIA),
        (5, ApiProfile::VREALIZE),
        (6, ApiProfile::DATARHEI),
        (7, ApiProfile::BLUECAT),
    ];

    fn read_back(d: &authcore_api_description) -> Result<ApiProfile, authcore_status> {
        // Leaked: the profile's strings borrow it.
        let d: &'static authcore_api_description = Box::leak(Box::new(*d));
        let mut profile = None;
        // SAFETY: the test's descriptions hold valid strings.
        unsafe {
            checked_then(d, &mut |p, _| {
                // The paths too: the profile's lie on `checked_then`'s stack.
                let paths = Box::leak(p.response.paths.to_vec().into_boxed_slice());
                profile = Some(ApiProfile {
                    response: ResponseFormat::new(paths),
                    ..*p
                });
                Ok(())
            })
        }?;
        profile.ok_or(AUTHCORE_INTERNAL_ERROR)
    }

    #[test]
    fn every_preset_read_back_from_its_description_is_the_preset() {
        for (api, preset) in PRESETS {
            let mut d = core::mem::MaybeUninit::uninit();
            // SAFETY: a valid place for the description.
            let status = unsafe { authcore_api_description_preset(api, d.as_mut_ptr()) };
            assert_eq!(status, AUTHCORE_OK);
            // SAFETY: written on success.
            let d = unsafe { d.assume_init() };
            assert_eq!(read_back(&d), Ok(preset), "{}", preset.name);
        }
        let mut d = core::mem::MaybeUninit::uninit();
        // SAFETY: as above.
        let status = unsafe { authcore_api_description_preset(8, d.as_mut_ptr()) };
        assert_eq!(status, AUTHCORE_INVALID_ARGUMENT);
    }

    /// A static string as a description's pointer and length.
    fn text(s: &'static str) -> (*const c_char, usize) {
        (s.as_ptr().cast(), s.len())
    }

    #[test]
    fn strings_and_values_out_of_range_are_refused() {
        let mut base = ZERO;
        describe(&ApiProfile::ARIA, &mut base).unwrap();
        let mut d = base;
        d.paths_len = 9;
        assert_eq!(read_back(&d), Err(AUTHCORE_DESCRIPTION_TOO_LONG));
        let long: &'static str = "x".repeat(AUTHCORE_API_TEXT_TOTAL / 4).leak();
        let mut d = base;
        d.paths_len = 8;
        for p in &mut d.paths {
            p.field = 2;
            (p.path, p.path_len) = text(long);
        }
        d.paths[0].field = 1;
        assert_eq!(read_back(&d), Err(AUTHCORE_DESCRIPTION_TOO_LONG));
        d.paths_len = 3;
        d.expiry.kind = 1;
        assert!(read_back(&d).is_ok());
        let mut d = base;
        d.paths[0].field = 11;
        assert_eq!(read_back(&d), Err(AUTHCORE_DESCRIPTION_UNKNOWN_VALUE));
        let mut d = base;
        d.header.style = 1;
        assert_eq!(read_back(&d), Err(AUTHCORE_DESCRIPTION_UNKNOWN_VALUE));
        let mut d = base;
        d.expiry.seconds = 5;
        assert_eq!(read_back(&d), Err(AUTHCORE_DESCRIPTION_UNKNOWN_VALUE));
        let mut d = base;
        static NOT_UTF8: [u8; 2] = [b'a', 0xff];
        (d.name, d.name_len) = (NOT_UTF8.as_ptr().cast(), NOT_UTF8.len());
        assert_eq!(read_back(&d), Err(AUTHCORE_INVALID_UTF8));
        let mut d = base;
        (d.scope, d.scope_len) = (null(), 3);
        assert_eq!(read_back(&d), Err(AUTHCORE_INVALID_ARGUMENT));
        let mut d = base;
        d.margin_permille = 70_000;
        assert_eq!(read_back(&d), Err(AUTHCORE_DESCRIPTION_MARGIN));
    }

    #[test]
    fn an_empty_optional_string_is_absent() {
        let mut d = ZERO;
        describe(&ApiProfile::OAUTH2, &mut d).unwrap();
        (d.scope, d.scope_len) = text("");
        (d.name, d.name_len) = text("");
        let p = read_back(&d).unwrap();
        assert_eq!((p.scope, p.name), (None, "custom"));
    }
}
