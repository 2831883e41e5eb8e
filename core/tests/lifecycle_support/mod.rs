//! Helpers shared by the lifecycle tests.
#![allow(dead_code)]

use authcore::LifecycleError;

/// Runs a buffer writer with every buffer size from 0 to the size of `expected`: each short
/// buffer must give `BufferTooSmall` with the exact size and leave the buffer untouched;
/// the exact size must give `expected`. A larger buffer must give it too.
pub fn check_every_size(expected: &str, write: impl Fn(&mut [u8]) -> Result<&str, LifecycleError>) {
    let needed = expected.len();
    for n in 0..needed {
        let mut buf = vec![0xA5u8; n];
        assert_eq!(
            write(&mut buf),
            Err(LifecycleError::BufferTooSmall { needed }),
            "size {n} of {needed} for {expected:?}"
        );
        assert!(
            buf.iter().all(|&b| b == 0xA5),
            "size {n}: buffer written to"
        );
    }
    let mut buf = vec![0u8; needed];
    assert_eq!(write(&mut buf), Ok(expected));
    let mut big = vec![0u8; needed + 7];
    assert_eq!(write(&mut big), Ok(expected));
}

/// Builds an unsigned-looking JWT (HS256 header, the given claims, a dummy signature):
/// the client never checks signatures, it only reads the times.
pub fn jwt(claims: &serde_json::Value) -> String {
    let key = jsonwebtoken::EncodingKey::from_secret(b"a secret that the client never sees");
    jsonwebtoken::encode(&jsonwebtoken::Header::default(), claims, &key).unwrap()
}
