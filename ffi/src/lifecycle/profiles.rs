//! The profiles of the seven `authcore_api` values: core's own presets.

use authcore::session::ApiProfile;

/// The profile of the `authcore_api` value `raw`, with the caller's scope and client id;
/// `None` for a value that names no API.
pub(super) fn profile(
    raw: u32,
    scope: Option<&'static str>,
    client_id: Option<&'static str>,
) -> Option<ApiProfile> {
    let preset = match raw {
        1 => ApiProfile::OAUTH2,
        2 => ApiProfile::IMMPORT,
        3 => ApiProfile::INFOWORKS,
        4 => ApiProfile::ARIA,
        5 => ApiProfile::VREALIZE,
        6 => ApiProfile::DATARHEI,
        7 => ApiProfile::BLUECAT,
        _ => return None,
    };
    Some(ApiProfile {
        scope,
        client_id,
        ..preset
    })
}
