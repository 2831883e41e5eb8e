//! The core's modules stand in floors, and a module imports only from floors below its own
//! (or from inside itself): no import circle, and the lifecycle never reached from the
//! verification path. ARCHITECTURE.md draws the floors; this test holds the code to them.
//!
//! It reads every `crate::<module>` path in the sources (imports and inline paths alike,
//! comments left out), so a new module must be given a floor here before it builds green.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Each top-level module of `core/src` and its floor, from the ground up. Modules on one
/// floor may import each other only in the order given by their sub-floor (the number after
/// the point): the ground floor has its own small order, so that it has no circle either.
const FLOORS: &[(&str, (u8, u8))] = &[
    // Ground: names, error types, encodings.
    ("algorithm", (0, 0)),
    ("claim", (0, 0)),
    ("redact", (0, 0)),
    ("error", (0, 1)),
    ("lifecycle_error", (0, 2)),
    ("json", (0, 2)),
    ("base64url", (0, 2)),
    // Keys and claims.
    ("keys", (1, 0)),
    ("claims", (1, 0)),
    // Validation, then the JWT pipeline.
    ("validation", (2, 0)),
    ("jwt", (2, 1)),
    // The lifecycle.
    ("clock", (3, 0)),
    ("write", (3, 0)),
    ("lifetime", (3, 1)),
    ("authz", (3, 1)),
    ("response", (3, 2)),
    ("session", (3, 3)),
    ("client_assertion", (3, 3)),
];

fn floor_of(module: &str) -> (u8, u8) {
    FLOORS
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(_, floor)| *floor)
        .unwrap_or_else(|| panic!("module `{module}` has no floor in tests/layers.rs"))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to (`keys/rsa/jwk.rs` is in `keys`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib").then(|| name.to_owned())
}

/// The modules named by `crate::x` paths and `crate::{x, y}` groups in `text`, comments
/// and string contents left out.
fn imported_modules(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            if let Some(group) = after.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        found.push(name);
                    }
                }
            } else {
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.push(name);
                }
            }
            rest = after;
        }
    }
    found
}

#[test]
fn modules_import_only_from_lower_floors() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut upward = BTreeMap::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue; // lib.rs: the roof, it declares and re-exports everything
        };
        let own = floor_of(&module);
        for target in imported_modules(&fs::read_to_string(file).unwrap()) {
            if target == module {
                continue;
            }
            let theirs = floor_of(&target);
            if theirs >= own {
                upward
                    .entry(format!("{}", file.strip_prefix(&src).unwrap().display()))
                    .or_insert_with(Vec::new)
                    .push(format!("{target} (floor {theirs:?}, own {own:?})"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports at or above their own floor:\n{upward:#?}"
    );
}

#[test]
fn the_check_sees_imports() {
    // The reader finds plain paths, groups and inline paths, and skips comments.
    let text = "use crate::error::Error;\nuse crate::{json, keys::Key};\n\
                let x = crate::jwt::verify; // crate::session\n";
    assert_eq!(imported_modules(text), ["error", "json", "keys", "jwt"]);
    // Every module of the source tree has a floor.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    for file in &files {
        if let Some(module) = module_of(&src, file) {
            floor_of(&module);
        }
    }
}
