//! include/authcore.h must be what cbindgen makes of ffi/ now.
//! Regenerate with `bash scripts/gen-header.sh` (which runs this test with AUTHCORE_BLESS=1).

use std::path::Path;

#[test]
fn header_is_current() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))
        .expect("ffi/cbindgen.toml is readable");
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
