//! Replays every checked-in corpus file (`fuzz/corpus/<target>/`) through its target, on
//! stable and without libFuzzer: the inputs campaigns found interesting, and every crash
//! ever found, stay regression tests.

use std::path::Path;

#[test]
fn every_corpus_file_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut total = 0;
    for &(name, target) in authcore_fuzz::TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
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
