//! `Debug` output for secrets: their length, never their bytes.

use core::fmt;

/// Stands for a secret (a token, credentials, a password) in `Debug` output.
pub(crate) struct Redacted(pub(crate) usize);

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<redacted, {} bytes>", self.0)
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for Redacted {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "<redacted, {=usize} bytes>", self.0)
    }
}

/// [`Redacted`] for an optional secret of length `len`.
pub(crate) fn opt(len: Option<usize>) -> Option<Redacted> {
    len.map(Redacted)
}
