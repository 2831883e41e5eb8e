//! The profiles of the seven `authcore_api` values, packed.
//!
//! A table of whole `ApiProfile`s took 1.5 KB: 216 bytes each, most of it enum and string
//! fields that the APIs share. Here each API is a few bytes of indexes into tables of the
//! values the seven use. The packing is done at compile time from core's constants and fails
//! the build for a value the tables lack, so an unpacked profile is core's own, but for the
//! name (for logs, which the C library does not write) and the caller's scope and client id.

use authcore::authz::HeaderStyle;
use authcore::lifetime::RefreshPolicy;
use authcore::response::ResponseFormat;
use authcore::session::{ApiProfile, ExpirySource, LoginStyle, RefreshStyle};

const HEADERS: [HeaderStyle; 6] = [
    HeaderStyle::Bearer,
    HeaderStyle::LowerBearer,
    HeaderStyle::Bare,
    HeaderStyle::BasicReadyMade,
    HeaderStyle::Custom("OpsToken"),
    HeaderStyle::Custom("vRealizeOpsToken"),
];
const REFRESHES: [RefreshStyle; 4] = [
    RefreshStyle::None,
    RefreshStyle::OAuthForm,
    RefreshStyle::Header(HeaderStyle::Bare),
    RefreshStyle::Header(HeaderStyle::Bearer),
];
const EXPIRIES: [ExpirySource; 5] = [
    ExpirySource::None,
    ExpirySource::ExpiresIn,
    ExpirySource::FixedWindow(60),
    ExpirySource::JwtExp,
    ExpirySource::ExpiresAt,
];
const POLICIES: [RefreshPolicy; 2] = [RefreshPolicy::DEFAULT, ApiProfile::IMMPORT.policy];
const TOKEN_TYPES: [Option<&str>; 2] = [None, Some("Bearer")];
const SLIDING_WINDOWS: [Option<u32>; 2] = [None, ApiProfile::ARIA.sliding_window];

/// One API's profile: the fields that are not indexes are those as small as one.
#[derive(Clone, Copy)]
struct Packed {
    response: ResponseFormat,
    login: LoginStyle,
    header: u8,
    refresh: u8,
    expiry: u8,
    refresh_expiry: u8,
    // Indexes into tables of two: as `bool`, known to be in bounds.
    policy: bool,
    token_type: bool,
    sliding_window: bool,
}

/// By `authcore_api` value, from 1.
static PACKED: [Packed; 7] = [
    pack(ApiProfile::OAUTH2),
    pack(ApiProfile::IMMPORT),
    pack(ApiProfile::INFOWORKS),
    pack(ApiProfile::ARIA),
    pack(ApiProfile::VREALIZE),
    pack(ApiProfile::DATARHEI),
    pack(ApiProfile::BLUECAT),
];

/// The profile of the `authcore_api` value `raw`, with the caller's scope and client id.
pub(super) fn profile(
    raw: u32,
    scope: Option<&'static str>,
    client_id: Option<&'static str>,
) -> Option<ApiProfile> {
    let p = PACKED.get(usize::try_from(raw).ok()?.checked_sub(1)?)?;
    let at = usize::from;
    Some(ApiProfile {
        name: "",
        response: p.response,
        login: p.login,
        header: *HEADERS.get(at(p.header))?,
        refresh: *REFRESHES.get(at(p.refresh))?,
        expiry: *EXPIRIES.get(at(p.expiry))?,
        refresh_expiry: *EXPIRIES.get(at(p.refresh_expiry))?,
        sliding_window: SLIDING_WINDOWS[usize::from(p.sliding_window)],
        default_lifetime: None,
        policy: POLICIES[usize::from(p.policy)],
        token_type: TOKEN_TYPES[usize::from(p.token_type)],
        scope,
        client_id,
    })
}

/// Packs `p`; a value the tables lack, or a field `profile` does not carry over, stops the
/// build.
const fn pack(p: ApiProfile) -> Packed {
    assert!(p.default_lifetime.is_none() && p.scope.is_none() && p.client_id.is_none());
    Packed {
        response: p.response,
        login: p.login,
        header: find!(HEADERS, p.header, header_eq),
        refresh: find!(REFRESHES, p.refresh, refresh_eq),
        expiry: find!(EXPIRIES, p.expiry, expiry_eq),
        refresh_expiry: find!(EXPIRIES, p.refresh_expiry, expiry_eq),
        policy: find!(POLICIES, p.policy, policy_eq) == 1,
        token_type: find!(TOKEN_TYPES, p.token_type, opt_str_eq) == 1,
        sliding_window: find!(SLIDING_WINDOWS, p.sliding_window, opt_u32_eq) == 1,
    }
}

/// The index of `$value` in `$table`, compared with `$eq` (`PartialEq` is not const).
macro_rules! find {
    ($table:expr, $value:expr, $eq:ident) => {{
        let (table, value) = (&$table, $value);
        let mut i = 0;
        loop {
            assert!(
                i < table.len(),
                "a profile value is missing from the tables"
            );
            if $eq(table[i], value) {
                break i as u8;
            }
            i += 1;
        }
    }};
}
use find;

const fn header_eq(a: HeaderStyle, b: HeaderStyle) -> bool {
    use HeaderStyle as H;
    match (a, b) {
        (H::Bearer, H::Bearer)
        | (H::LowerBearer, H::LowerBearer)
        | (H::Bare, H::Bare)
        | (H::BasicReadyMade, H::BasicReadyMade) => true,
        (H::Custom(x), H::Custom(y)) => str_eq(x, y),
        _ => false,
    }
}

const fn refresh_eq(a: RefreshStyle, b: RefreshStyle) -> bool {
    match (a, b) {
        (RefreshStyle::None, RefreshStyle::None)
        | (RefreshStyle::OAuthForm, RefreshStyle::OAuthForm) => true,
        (RefreshStyle::Header(x), RefreshStyle::Header(y)) => header_eq(x, y),
        _ => false,
    }
}

const fn expiry_eq(a: ExpirySource, b: ExpirySource) -> bool {
    use ExpirySource as E;
    match (a, b) {
        (E::None, E::None)
        | (E::JwtExp, E::JwtExp)
        | (E::JwtLifetime, E::JwtLifetime)
        | (E::ExpiresIn, E::ExpiresIn)
        | (E::ExpiresAt, E::ExpiresAt) => true,
        (E::JwtSeconds(x), E::JwtSeconds(y)) => str_eq(x, y),
        (E::FixedWindow(x), E::FixedWindow(y)) => x == y,
        _ => false,
    }
}

const fn policy_eq(a: RefreshPolicy, b: RefreshPolicy) -> bool {
    a.margin_secs == b.margin_secs
        && a.margin_permille == b.margin_permille
        && a.leeway == b.leeway
        && a.max_skew == b.max_skew
}

const fn opt_str_eq(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => str_eq(x, y),
        _ => false,
    }
}

const fn opt_u32_eq(a: Option<u32>, b: Option<u32>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
