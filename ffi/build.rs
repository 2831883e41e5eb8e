//! Gives libauthcore.so the SONAME cargo-c gives it (`libauthcore.so.0.1` for 0.1.x:
//! the minor version while the major is 0, the major after), so a plain `cargo build`
//! makes the same shared library as `cargo capi install`: a program linked with either
//! records the name that changes only with an incompatible release.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    // The ELF systems cargo-c versions (Android loads libraries by their bare name).
    let versioned = [
        "linux",
        "freebsd",
        "dragonfly",
        "netbsd",
        "openbsd",
        "haiku",
        "illumos",
        "hurd",
    ];
    if !versioned.contains(&os.as_str()) {
        return;
    }
    let major = env!("CARGO_PKG_VERSION_MAJOR");
    let minor = env!("CARGO_PKG_VERSION_MINOR");
    let patch = env!("CARGO_PKG_VERSION_PATCH");
    let sover = match (major, minor) {
        ("0", "0") => format!("0.0.{patch}"),
        ("0", _) => format!("0.{minor}"),
        _ => major.to_owned(),
    };
    println!("cargo::rustc-cdylib-link-arg=-Wl,-soname,libauthcore.so.{sover}");
}
