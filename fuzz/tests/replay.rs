//! Replays every checked-in corpus file (`fuzz/corpus/<target>/`) through its target, on
//! stable and without libFuzzer: the inputs campaigns found interesting, and every crash
//! ever found, stay regression tests.

use std::path::Path;

#[test]
fn every_corpus_file_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    // The directories decide what is replayed, not the list: a corpus whose target is not
    // listed would otherwise be skipped without a word.
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    dirs.sort();
    for &(name, _) in authcore_fuzz::TARGETS {
        assert!(
            dirs.contains(&root.join(name)),
            "target {name} has no corpus directory under {}",
            root.display()
        );
    }
    let mut total = 0;
    for dir in &dirs {
        assert!(dir.is_dir(), "{}: not a corpus directory", dir.display());
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let Some(&(_, target)) = authcore_fuzz::TARGETS.iter().find(|(n, _)| *n == name) else {
            panic!(
                "{}: no fuzz target of that name in authcore_fuzz::TARGETS",
                dir.display()
            );
        };
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("directory entry").path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no seeds in {}", dir.display());
        for path in &files {
            let data = std::fs::read(path).expect("corpus file");
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(
                outcome.is_ok(),
                "{name}: {} fails (replay: cargo test --manifest-path fuzz/Cargo.toml)",
                path.display()
            );
        }
        println!("{name}: {} inputs", files.len());
        total += files.len();
    }
    println!("{total} corpus inputs replayed");
}

#[test]
fn fields_split_at_0xff() {
    assert_eq!(authcore_fuzz::fields::<3>(b"a\xffb"), Some(["a", "b", ""]));
    // The last field keeps the rest, 0xFF included: not UTF-8.
    assert_eq!(authcore_fuzz::fields::<2>(b"a\xffb\xffc"), None);
    assert_eq!(authcore_fuzz::fields::<1>(b"\xc3"), None);
}
