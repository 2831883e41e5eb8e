//! The buffer contract every authcore writer promises: a buffer of any size below the one
//! needed gives `BufferTooSmall { needed }` with the exact size and is left untouched; the
//! exact size and any larger one get the same output, exactly `needed` bytes, at the front.

use core::fmt::Debug;

use authcore::LifecycleError;

/// What a buffer is filled with before a call, to see what was written.
pub const SENTINEL: u8 = 0xA5;

/// The sizes below `needed` to try: all of them for small outputs, a sample for big ones
/// (every size would make a long output cost quadratic time).
fn sizes_below(needed: usize) -> Vec<usize> {
    if needed <= 256 {
        return (0..needed).collect();
    }
    let mut v: Vec<usize> = (0..32).chain(needed - 32..needed).collect();
    v.extend((1..16).map(|i| needed * i / 16));
    v
}

/// Runs the writer `f` with buffers of every size from 0 to the needed one (sampled when
/// long), and one larger, checking the contract above; returns its output or its error.
/// An error other than `BufferTooSmall` must not depend on the buffer.
/// Verification and lifecycle writers alike: their errors are compared as they are, and
/// `BufferTooSmall` recognised through the lifecycle error that wraps both.
pub fn sweep<E, F>(f: F) -> Result<String, E>
where
    E: Copy + PartialEq + Debug + Into<LifecycleError>,
    F: for<'b> Fn(&'b mut [u8]) -> Result<&'b str, E>,
{
    let too_small = |r: Result<&str, E>| match r {
        Err(e) => match e.into() {
            LifecycleError::BufferTooSmall { needed } => Some(needed),
            _ => None,
        },
        Ok(_) => None,
    };
    let first = f(&mut []);
    let needed = match first {
        Ok(s) => {
            assert!(s.is_empty(), "output in an empty buffer");
            0
        }
        Err(_) if too_small(first).is_some() => {
            let needed = too_small(first).unwrap_or_default();
            assert!(needed > 0, "BufferTooSmall {{ needed: 0 }}");
            needed
        }
        Err(e) => {
            let mut big = vec![SENTINEL; 4096];
            assert_eq!(f(&mut big), Err(e), "error depends on the buffer");
            assert!(
                big.iter().all(|&b| b == SENTINEL),
                "buffer written on {e:?}"
            );
            return Err(e);
        }
    };
    for n in sizes_below(needed) {
        let mut buf = vec![SENTINEL; n];
        let got = f(&mut buf);
        assert_eq!(
            too_small(got),
            Some(needed),
            "buffer of {n} bytes, {needed} needed: {got:?}"
        );
        assert!(
            buf.iter().all(|&b| b == SENTINEL),
            "buffer of {n} bytes written though too small"
        );
    }
    let mut exact = vec![SENTINEL; needed];
    let out = match f(&mut exact) {
        Ok(s) => {
            assert_eq!(s.len(), needed, "output length differs from `needed`");
            s.to_owned()
        }
        Err(e) => panic!("the {needed} bytes said to be needed give {e:?}"),
    };
    let mut roomy = vec![SENTINEL; needed + 17];
    {
        let start = roomy.as_ptr();
        let s = f(&mut roomy).expect("a larger buffer fails");
        assert_eq!(s, out, "output depends on the buffer size");
        assert_eq!(s.as_ptr(), start, "output not at the front of the buffer");
    }
    assert!(
        roomy[needed..].iter().all(|&b| b == SENTINEL),
        "written past the output"
    );
    Ok(out)
}
