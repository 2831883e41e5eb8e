//! Every check the firmware makes, each against its expected answer, printed as it goes.

use authcore::{
    ApiProfile, AuthSession, Credentials, Error, HmacKey, LifecycleError, Next, authz, verify,
};

use crate::log::say;
use crate::ops::*;
use crate::stack;
use crate::tick::TickClock;
use crate::vectors::*;

/// Counts what matched and what did not.
pub struct Checks {
    failed: u32,
    passed: u32,
}

impl Checks {
    pub const fn new() -> Self {
        Self {
            failed: 0,
            passed: 0,
        }
    }

    /// Records one check.
    pub fn check(&mut self, name: &str, ok: bool) {
        if ok {
            self.passed += 1;
            say!("  ok   {}", name);
        } else {
            self.failed += 1;
            say!("  FAIL {}", name);
        }
    }

    /// Records that `result` is exactly the error `expected`, and prints it. Verification
    /// and lifecycle errors alike, compared as the lifecycle error that wraps both.
    pub fn refused<T, E: Into<LifecycleError>>(
        &mut self,
        name: &str,
        result: Result<T, E>,
        expected: impl Into<LifecycleError>,
    ) {
        let expected = expected.into();
        match result.map_err(Into::into) {
            Err(e) => {
                say!("       {}: {}", name, e);
                self.check(name, e == expected);
            }
            Ok(_) => self.check(name, false),
        }
    }

    /// Records a check that failed with the unexpected error `e`.
    pub fn error(&mut self, name: &str, e: impl Into<LifecycleError>) {
        let e = e.into();
        say!("       {}: {}", name, e);
        self.check(name, false);
    }

    pub fn passed(&self) -> u32 {
        self.passed
    }

    pub fn failed(&self) -> u32 {
        self.failed
    }
}

/// HS256: a token made by Python's `hmac`, verified against a strict policy; then what must
/// fail, failing with its specific error.
pub fn hs256(c: &mut Checks) {
    say!("HS256 ({} bytes)", HS256_TOKEN.len());
    let Ok(key) = HmacKey::hs256(HS256_SECRET) else {
        return c.check("HS256 key", false);
    };
    let mut buf = [0u8; 512];
    c.check(
        "the 304-byte token verifies too",
        hs256_verify(&key, HS256_300_TOKEN, &mut buf).is_ok(),
    );
    match verify(HS256_TOKEN, &key, &HS256_POLICY, HS256_NOW, &mut buf) {
        Ok(v) => c.check(
            "verified: iss, aud, sub, usefor, exp, iat",
            v.claims().exp == Some(2_000_000_000)
                && v.claims().sub.is_some_and(|s| s.eq_str("device-42")),
        ),
        Err(e) => c.error("verified", e),
    }

    let mut tampered = [0u8; 512];
    let tampered = copy_str(HS256_TOKEN, &mut tampered, |t| t[150] = b'z');
    c.refused(
        "tampered payload",
        verify(tampered, &key, &HS256_POLICY, HS256_NOW, &mut buf),
        Error::InvalidSignature,
    );
    c.refused(
        "expired",
        verify(HS256_TOKEN, &key, &HS256_POLICY, 2_000_000_000, &mut buf),
        Error::Expired,
    );
    c.refused(
        "buffer one byte short",
        verify(
            HS256_TOKEN,
            &key,
            &HS256_POLICY,
            HS256_NOW,
            &mut buf[..HS256_NEEDED - 1],
        ),
        Error::BufferTooSmall {
            needed: HS256_NEEDED,
        },
    );
    // The same payload under `{"alg":"none"}`, with and without a signature.
    let payload = HS256_TOKEN.split('.').nth(1).unwrap_or("");
    let mut none = [0u8; 512];
    let none = join(&mut none, &["eyJhbGciOiJub25lIn0.", payload, "."]);
    c.refused(
        "alg none",
        verify(none, &key, &HS256_POLICY, HS256_NOW, &mut buf),
        Error::NoneAlgorithm,
    );
    c.refused(
        "two segments",
        verify(
            "eyJhbGciOiJIUzI1NiJ9.e30",
            &key,
            &HS256_POLICY,
            HS256_NOW,
            &mut buf,
        ),
        Error::SegmentCount,
    );
    c.refused(
        "signature with padding",
        verify(
            "eyJhbGciOiJIUzI1NiJ9.e30.AAAA=",
            &key,
            &HS256_POLICY,
            HS256_NOW,
            &mut buf,
        ),
        Error::Base64(authcore::Part::Signature),
    );
}

/// RS256 with 2048- and 4096-bit keys (PEM, JWKS by kid), tokens made by `cryptography`;
/// algorithm confusion refused both ways.
#[cfg(feature = "rsa")]
pub fn rs256(c: &mut Checks) {
    use authcore::{Algorithm, keys::RsaPublicKey};
    say!("RS256");
    let (Ok(k2048), Ok(k4096)) = (rsa2048(), rsa4096()) else {
        return c.check("RSA keys from PEM and JWKS", false);
    };
    let mut buf = [0u8; 512];
    c.check(
        "RS256-2048, key from PEM",
        rs256_verify(&k2048, RS256_2048_TOKEN, &mut buf).is_ok(),
    );
    c.check(
        "RS256-4096, key from JWKS by kid",
        rs256_verify(&k4096, RS256_4096_TOKEN, &mut buf).is_ok(),
    );
    c.refused(
        "RS256-2048 token under the 4096-bit key",
        rs256_verify(&k4096, RS256_2048_TOKEN, &mut buf),
        Error::InvalidSignature,
    );
    let mut tampered = [0u8; 1024];
    let tampered = copy_str(RS256_2048_TOKEN, &mut tampered, |t| t[100] ^= 1);
    c.refused(
        "RS256 tampered",
        rs256_verify(&k2048, tampered, &mut buf),
        Error::InvalidSignature,
    );
    c.refused(
        "HS256 token under an RS256 key",
        verify(HS256_TOKEN, &k2048, &RS256_POLICY, HS256_NOW, &mut buf),
        Error::AlgorithmMismatch {
            expected: Algorithm::RS256,
            found: Algorithm::HS256,
        },
    );
    if let Ok(hs) = HmacKey::hs256(HS256_SECRET) {
        c.refused(
            "RS256 token under an HS256 key",
            verify(RS256_2048_TOKEN, &hs, &HS256_POLICY, RS256_NOW, &mut buf),
            Error::AlgorithmMismatch {
                expected: Algorithm::HS256,
                found: Algorithm::RS256,
            },
        );
    }
    c.refused(
        "unknown kid",
        RsaPublicKey::from_jwks(Algorithm::RS256, JWKS, "nope"),
        Error::Key(authcore::KeyError::KidNotFound),
    );
}

/// ES256 (P-256) and EdDSA (Ed25519), keys from SPKI PEM, tokens made by `cryptography`;
/// a tampered signature and a token of the other family refused with their errors.
#[cfg(feature = "jws")]
pub fn jws(c: &mut Checks) {
    use authcore::Algorithm;
    say!("ES256 and EdDSA");
    let (Ok(es), Ok(ed)) = (es256_key(), ed25519_key()) else {
        return c.check("EC and Ed25519 keys from PEM", false);
    };
    let mut buf = [0u8; 512];
    c.check(
        "ES256, P-256 key from PEM",
        es256_verify(&es, ES256_TOKEN, &mut buf).is_ok(),
    );
    c.check(
        "EdDSA, Ed25519 key from PEM",
        eddsa_verify(&ed, EDDSA_TOKEN, &mut buf).is_ok(),
    );
    // A character inside the signature segment (the last one may carry unused bits).
    let mut es_tampered = [0u8; 512];
    let es_tampered = copy_str(ES256_TOKEN, &mut es_tampered, tamper_signature);
    c.refused(
        "ES256 signature tampered",
        es256_verify(&es, es_tampered, &mut buf),
        Error::InvalidSignature,
    );
    let mut ed_tampered = [0u8; 512];
    let ed_tampered = copy_str(EDDSA_TOKEN, &mut ed_tampered, tamper_signature);
    c.refused(
        "EdDSA signature tampered",
        eddsa_verify(&ed, ed_tampered, &mut buf),
        Error::InvalidSignature,
    );
    c.refused(
        "EdDSA token under an ES256 key",
        es256_verify(&es, EDDSA_TOKEN, &mut buf),
        Error::AlgorithmMismatch {
            expected: Algorithm::ES256,
            found: Algorithm::EdDSA,
        },
    );
    c.refused(
        "ES256 token under an EdDSA key",
        eddsa_verify(&ed, ES256_TOKEN, &mut buf),
        Error::AlgorithmMismatch {
            expected: Algorithm::EdDSA,
            found: Algorithm::ES256,
        },
    );
    c.refused(
        "expired",
        verify(
            ES256_TOKEN,
            &es,
            &jws_policy(Algorithm::ES256),
            1_700_000_900,
            &mut buf,
        ),
        Error::Expired,
    );
}

/// Changes the token's next-to-last character, one inside its signature.
#[cfg(feature = "jws")]
fn tamper_signature(token: &mut [u8]) {
    if let Some(i) = token.len().checked_sub(2) {
        token[i] = if token[i] == b'A' { b'B' } else { b'A' };
    }
}

/// An OAuth 2.0 session on a clock that counts SysTick-style ticks since boot: log in, send,
/// refresh before expiry, and log in again once both tokens have run out.
pub fn session(c: &mut Checks) {
    say!("OAuth 2.0 session, monotonic clock (1 kHz ticks since boot)");
    let clock = TickClock::<1000>::new();
    let mut session = AuthSession::<512>::new(ApiProfile::OAUTH2);
    let mut buf = [0u8; 1024];

    c.check(
        "t=0 s: no token, log in",
        matches!(
            session.next(&clock, &mut buf),
            Ok(Next::LogIn {
                remaining: None,
                ..
            })
        ),
    );
    match session.login_request(&Credentials::new("device-42", "pa&ss"), &mut buf) {
        Ok(req) => {
            say!("       login body: {}", req.body.unwrap_or("-"));
            c.check(
                "login body form-encoded",
                req.body == Some("grant_type=password&username=device-42&password=pa%26ss"),
            );
        }
        Err(e) => c.error("login body", e),
    }

    // The token response; the access token is the HS256 token checked above.
    let mut response = [0u8; 1024];
    let response = join(
        &mut response,
        &[
            r#"{"access_token":""#,
            HS256_TOKEN,
            r#"","token_type":"Bearer","expires_in":600,"refresh_token":"r-1","refresh_expires_in":900}"#,
        ],
    );
    c.refused(
        "a response that is not JSON changes nothing",
        session.accept_login(b"{\"access_token\":", &clock),
        LifecycleError::ResponseJson(authcore::JsonError::Syntax { offset: 16 }),
    );
    c.check(
        "accepted the login response",
        session.accept_login(response.as_bytes(), &clock).is_ok(),
    );

    clock.advance_secs(10);
    match session.next(&clock, &mut buf) {
        Ok(Next::Send {
            authorization,
            remaining,
        }) => {
            say!("       t=10 s: Authorization: {}", authorization);
            say!("       {} s left", remaining);
            c.check(
                "t=10 s: send, Bearer header, 585 s left",
                remaining == 585 && authorization.strip_prefix("Bearer ") == Some(HS256_TOKEN),
            );
        }
        _ => c.check("t=10 s: send", false),
    }
    let mut small = [0u8; 64];
    c.refused(
        "header into a 64-byte buffer",
        session.authorization(&mut small),
        Error::BufferTooSmall {
            needed: HS256_TOKEN.len() + 7,
        },
    );

    clock.advance_secs(530);
    match session.next(&clock, &mut buf) {
        Ok(Next::Refresh { request, remaining }) => {
            say!("       t=540 s: refresh: {}", request.body.unwrap_or("-"));
            c.check(
                "t=540 s: refresh with the refresh token, 55 s left",
                remaining == Some(55)
                    && request.body == Some("grant_type=refresh_token&refresh_token=r-1"),
            );
        }
        _ => c.check("t=540 s: refresh", false),
    }
    c.check(
        "accepted the refresh response",
        session
            .accept_refresh(
                br#"{"access_token":"opaque-2","token_type":"bearer","expires_in":600}"#,
                &clock,
            )
            .is_ok(),
    );
    match session.next(&clock, &mut buf) {
        Ok(Next::Send { authorization, .. }) => {
            say!("       t=540 s: Authorization: {}", authorization);
            c.check(
                "t=540 s: send the new token",
                authorization == "Bearer opaque-2",
            );
        }
        _ => c.check("t=540 s: send the new token", false),
    }

    clock.advance_secs(700);
    c.check(
        "t=1240 s: both tokens expired, log in",
        matches!(
            session.next(&clock, &mut buf),
            Ok(Next::LogIn {
                remaining: None,
                ..
            })
        ),
    );
    c.refused(
        "a token with CR/LF in an Authorization header",
        authz::bearer("abc\r\nX-Evil: 1", &mut buf),
        LifecycleError::ControlCharacter,
    );
}

/// Peak stack of one verification on this target, against the budgets.
pub fn stack_figures(c: &mut Checks) {
    say!("Peak stack (painted)");
    if let Ok(key) = HmacKey::hs256(HS256_SECRET) {
        let mut buf = [0u8; 512];
        let (ok, used) = stack::peak(&mut || hs256_verify(&key, HS256_TOKEN, &mut buf).is_ok());
        budget(c, "HS256 verify", ok, used, 1536);
    }
    #[cfg(feature = "rsa")]
    if let (Ok(k2048), Ok(k4096)) = (rsa2048(), rsa4096()) {
        let mut buf = [0u8; 512];
        let (ok, used) =
            stack::peak(&mut || rs256_verify(&k2048, RS256_2048_TOKEN, &mut buf).is_ok());
        budget(c, "RS256-2048 verify", ok, used, 3072);
        let (ok, used) =
            stack::peak(&mut || rs256_verify(&k4096, RS256_4096_TOKEN, &mut buf).is_ok());
        budget(c, "RS256-4096 verify", ok, used, 5120);
    }
    #[cfg(feature = "jws")]
    if let (Ok(es), Ok(ed)) = (es256_key(), ed25519_key()) {
        let mut buf = [0u8; 512];
        let (ok, used) = stack::peak(&mut || es256_verify(&es, ES256_TOKEN, &mut buf).is_ok());
        budget(c, "ES256 verify", ok, used, ES256_STACK_BUDGET);
        let (ok, used) = stack::peak(&mut || eddsa_verify(&ed, EDDSA_TOKEN, &mut buf).is_ok());
        budget(c, "EdDSA verify", ok, used, EDDSA_STACK_BUDGET);
    }
}

/// Peak stack budgets of ES256 and EdDSA verification (Cortex-M3 and M4F): the first
/// measurements plus about a fifth (BENCHMARKS.md, "On target: Cortex-M").
#[cfg(feature = "jws")]
const ES256_STACK_BUDGET: usize = 6 * 1024;
#[cfg(feature = "jws")]
const EDDSA_STACK_BUDGET: usize = 9 * 1024;

fn budget(c: &mut Checks, name: &str, ok: bool, used: Option<usize>, limit: usize) {
    match used {
        Some(bytes) => {
            say!("  stack {}: {} bytes (budget {})", name, bytes, limit);
            // No stack used at all means the probe saw nothing: a failed measurement.
            c.check(name, ok && bytes != 0 && bytes <= limit);
        }
        None => c.check(name, false),
    }
}

/// `s` copied into `buf`, changed by `edit`.
fn copy_str<'b>(s: &str, buf: &'b mut [u8], edit: impl FnOnce(&mut [u8])) -> &'b str {
    let Some(dst) = buf.get_mut(..s.len()) else {
        return "";
    };
    dst.copy_from_slice(s.as_bytes());
    edit(dst);
    core::str::from_utf8(dst).unwrap_or("")
}

/// `parts` concatenated into `buf`.
fn join<'b>(buf: &'b mut [u8], parts: &[&str]) -> &'b str {
    let mut len = 0;
    for part in parts {
        let Some(dst) = buf.get_mut(len..len + part.len()) else {
            return "";
        };
        dst.copy_from_slice(part.as_bytes());
        len += part.len();
    }
    core::str::from_utf8(&buf[..len]).unwrap_or("")
}
