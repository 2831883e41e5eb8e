//! include/authcore.h must be what cbindgen makes of ffi/ now, with the version macros of
//! the crate version.
//! Regenerate with `bash scripts/gen-header.sh` (which runs this test with AUTHCORE_BLESS=1).

use std::path::Path;

#[test]
fn header_is_current() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))
        .expect("ffi/cbindgen.toml is readable");
    let mut after_includes = config.after_includes.take().unwrap_or_default();
    after_includes.push_str(&version_macros());
    config.after_includes = Some(after_includes);
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen can parse ffi/")
        .write(&mut generated);
    let path = crate_dir.join("../include/authcore.h");
    if std::env::var_os("AUTHCORE_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("include/authcore.h is writable");
        return;
    }
    let checked_in = std::fs::read(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "include/authcore.h is stale: regenerate it with `bash scripts/gen-header.sh` and commit it"
    );
}

/// The header's version macros, from the crate version as `authcore_version()` is: a
/// release bump changes both, and the header test fails until the header is regenerated.
fn version_macros() -> String {
    let (major, minor, patch) = (
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH"),
    );
    format!(
        "
/**
 * The version of this header, the library's it was generated with: `authcore_version()`
 * returns AUTHCORE_VERSION_STRING when the library linked is that one.
 */
#define AUTHCORE_VERSION_MAJOR {major}
#define AUTHCORE_VERSION_MINOR {minor}
#define AUTHCORE_VERSION_PATCH {patch}
#define AUTHCORE_VERSION_STRING \"{major}.{minor}.{patch}\""
    )
}
