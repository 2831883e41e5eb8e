//! The main example: verifies sample tokens, prints their claims, their expiry status against
//! the current time, and the `Authorization` header to send.
//!
//! ```text
//! cargo run -p authcore-example                          # the built-in samples
//! cargo run -p authcore-example -- TOKEN SECRET [ALG]    # your HS token and secret
//! cargo run -p authcore-example -- TOKEN b64:SECRET      # a base64url-encoded secret
//! ```

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use authcore::json::Value;
use authcore::{
    Algorithm, ApiProfile, AuthSession, Claims, Clock, Credentials, Error, HmacKey, LifecycleError,
    Next, TimeBase, Validation, authz, decode_unverified, verify,
};

/// The wall clock, injected into the session: the library never reads a clock itself.
struct SystemClock;

impl Clock for SystemClock {
    fn base(&self) -> TimeBase {
        TimeBase::Unix
    }

    fn now(&self) -> Result<i64, LifecycleError> {
        Ok(self.now_millis()?.div_euclid(1000))
    }

    fn now_millis(&self) -> Result<i64, LifecycleError> {
        let d = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_err(|_| LifecycleError::ClockUnavailable)?;
        i64::try_from(d.as_millis()).map_err(|_| LifecycleError::ClockUnavailable)
    }
}

/// A clock at a fixed offset from another, to show what the session decides later on.
struct Later<'c> {
    clock: &'c SystemClock,
    seconds: i64,
}

impl Clock for Later<'_> {
    fn base(&self) -> TimeBase {
        self.clock.base()
    }

    fn now(&self) -> Result<i64, LifecycleError> {
        Ok(self.clock.now()? + self.seconds)
    }
}

/// RFC 7515 Appendix A.1: an HS256 token and its key (it expired in March 2011).
const RFC7515_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC7515_KEY: &str =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

/// An access token from datarhei Core's documentation (its secret is not public).
const DATARHEI_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleGkiOjYwMCwiZXhwIjoxNjcwNDQxODI1LCJpYXQiOjE2NzA0NDEyMjUsImlzcyI6ImRhdGFyaGVpLWNvcmUiLCJqdGkiOiJhZWU4OTZhNS05ZThhLTRlMGQtYjk4Zi01NTA3NTUwNzA2YzUiLCJzdWIiOiJhZG1pbiIsInVzZWZvciI6ImFjY2VzcyJ9.xrnIfNZU9Z0nrUxYddpPQOMO7ypHA2vuqrYuAr95elg";

fn main() -> ExitCode {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [] => samples(now),
        [token, secret] => verify_given(token, secret, "HS256", now),
        [token, secret, alg] => verify_given(token, secret, alg, now),
        _ => {
            eprintln!("usage: authcore-example [TOKEN SECRET|b64:SECRET [HS256|HS384|HS512]]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Verifies the caller's token with the caller's secret.
fn verify_given(token: &str, secret: &str, alg: &str, now: i64) -> Result<(), LifecycleError> {
    let alg = Algorithm::from_name(alg).ok_or(Error::UnsupportedAlgorithm)?;
    let mut secret_buf = [0u8; 512];
    let secret: &[u8] = match secret.strip_prefix("b64:") {
        Some(b64) => authcore::base64url::decode(b64.as_bytes(), &mut secret_buf)
            .map_err(|_| Error::Key(authcore::KeyError::EmptySecret))?,
        None => secret.as_bytes(),
    };
    let key = HmacKey::new(alg, secret)?;
    // Show the claims even when verification fails, so the reason can be seen in context.
    let mut buf = vec![0u8; token.len()];
    match decode_unverified(token, token.len(), &mut buf) {
        Ok((_, claims)) => print_claims(&claims, now),
        Err(e) => println!("  (cannot decode: {e})"),
    }
    let policy = Validation::new(alg)
        .require(&[])
        .validate_aud(false)
        .leeway(30);
    let verified = verify(token, &key, &policy, now, &mut buf)?;
    println!("  verified with {alg}; header to send:");
    let mut header = vec![0u8; token.len() + 16];
    println!("  Authorization: {}", authz::bearer(token, &mut header)?);
    let _ = verified;
    Ok(())
}

/// The built-in walk-through.
fn samples(now: i64) -> Result<(), LifecycleError> {
    // 1. A device's own access token: signed here, then verified against a full policy.
    println!("1. A fresh HS256 access token, signed and verified here");
    let key = HmacKey::hs256(b"demo secret: use 32 random bytes in real life!!")?;
    let claims = format!(
        r#"{{"iss":"https://auth.example.com","sub":"device-42","aud":"telemetry-api","iat":{now},"exp":{},"usefor":"access","name":"Caf\u00e9 \"sensor\""}}"#,
        now + 900
    );
    let mut token_buf = [0u8; 512];
    let token = key.sign(claims.as_bytes(), Some("demo-key"), &mut token_buf)?;
    println!("  token: {token}");
    const POLICY: Validation<'static> = Validation::new(Algorithm::HS256)
        .issuer(&["https://auth.example.com"])
        .audience(&["telemetry-api"])
        .require(&["exp", "iat", "sub"])
        .claim_equals(&[("usefor", "access")])
        .min_hmac_secret_len(32)
        .leeway(30);
    let mut buf = [0u8; 512];
    let verified = verify(token, &key, &POLICY, now, &mut buf)?;
    print_claims(verified.claims(), now);
    let mut header = [0u8; 512];
    println!("  Authorization: {}", authz::bearer(token, &mut header)?);

    // 2. The RFC 7515 example: genuine, but long expired.
    println!("\n2. RFC 7515 Appendix A.1 (HS256)");
    let (secret, len) = authcore::base64url::decode_array::<64>(RFC7515_KEY.as_bytes())
        .map_err(|_| Error::Base64(authcore::Part::Signature))?;
    let rfc_key = HmacKey::hs256(&secret[..len])?;
    let rfc_policy = Validation::new(Algorithm::HS256).issuer(&["joe"]);
    match verify(RFC7515_TOKEN, &rfc_key, &rfc_policy, now, &mut buf) {
        Err(e) => println!("  now: refused: {e}"),
        Ok(_) => println!("  now: accepted (unexpected!)"),
    }
    let then = 1_300_819_000;
    let verified = verify(RFC7515_TOKEN, &rfc_key, &rfc_policy, then, &mut buf)?;
    println!("  at {then} (its own time): signature and claims valid");
    print_claims(verified.claims(), then);

    // 3. A token from another system's documentation: readable, but not verifiable by us.
    println!("\n3. datarhei Core's documented token (secret unknown)");
    match verify(
        DATARHEI_TOKEN,
        &key,
        &Validation::new(Algorithm::HS256),
        now,
        &mut buf,
    ) {
        Err(e) => println!("  with our key: refused: {e}"),
        Ok(_) => println!("  with our key: accepted (unexpected!)"),
    }
    let (_, claims) = decode_unverified(DATARHEI_TOKEN, 8192, &mut buf)?;
    print_claims(&claims, now);

    session_flow(&key, now)
}

/// Step 4, the client side: log in to a datarhei Core-style API, keep the token fresh, and
/// know which header to send. HTTP stays with the caller; here a login response is made up with
/// tokens signed above, as the server would send them.
fn session_flow(key: &HmacKey, now: i64) -> Result<(), LifecycleError> {
    println!("\n4. A session with a datarhei Core-style API (access token lives 10 minutes)");
    let clock = SystemClock;
    let mut session = AuthSession::<1024>::new(ApiProfile::DATARHEI);
    let mut buf = [0u8; 2048];
    let login = session.login_request(&Credentials::new("admin", "s3cr3t \"pw\""), &mut buf)?;
    println!(
        "  login request body ({}): {}",
        login.content_type.unwrap_or("-"),
        login.body.unwrap_or("-")
    );

    // A datarhei token: `exi` is its lifetime, `usefor` says access or refresh.
    let issue = |usefor: &str, lifetime: i64| -> Result<String, Error> {
        let claims = format!(
            r#"{{"sub":"admin","iat":{now},"exp":{},"exi":{lifetime},"usefor":"{usefor}"}}"#,
            now + lifetime
        );
        let mut out = [0u8; 512];
        Ok(key.sign(claims.as_bytes(), None, &mut out)?.to_owned())
    };
    let (access, refresh) = (issue("access", 600)?, issue("refresh", 86_400)?);
    let response = format!(r#"{{"access_token":"{access}","refresh_token":"{refresh}"}}"#);
    session.accept_login(response.as_bytes(), &clock)?;

    for (label, seconds) in [
        ("now", 0),
        ("in 9 minutes", 540),
        ("in 11 minutes", 660),
        ("tomorrow", 90_000),
    ] {
        let at = Later {
            clock: &clock,
            seconds,
        };
        let decision = match session.next(&at, &mut buf)? {
            Next::Send {
                authorization,
                remaining,
            } => {
                format!(
                    "send `Authorization: {}...` ({} left)",
                    short(authorization),
                    duration(remaining)
                )
            }
            Next::Refresh { request, remaining } => format!(
                "refresh first, with `Authorization: {}...`{}",
                short(request.authorization.unwrap_or("-")),
                remaining.map_or(String::from(" (the token has expired)"), |r| format!(
                    " (the token still works for {})",
                    duration(r)
                ))
            ),
            Next::LogIn { .. } => "log in again (the refresh token has expired too)".into(),
        };
        println!("  {label}: {decision}");
    }
    Ok(())
}

/// Prints every claim and the expiry status at `now`.
fn print_claims(claims: &Claims<'_>, now: i64) {
    let mut text = [0u8; 1024];
    for (name, value) in claims.object().members() {
        let name = name.decode_into(&mut text).unwrap_or("?").to_owned();
        let shown = match value {
            Value::String(s) => match s.decode_into(&mut text) {
                Ok(s) => format!("{s:?}"),
                Err(e) => format!("<{e}>"),
            },
            Value::Bool(b) => b.to_string(),
            Value::Null => "null".into(),
            other => other.text().unwrap_or("?").to_owned(),
        };
        println!("    {name}: {shown}");
    }
    match claims.exp {
        Some(exp) if now < exp => println!("  status: valid for {}", duration(exp - now)),
        Some(exp) => println!("  status: expired {} ago", duration(now - exp)),
        None => println!("  status: no exp claim (never expires)"),
    }
}

/// The start of a header value: enough to recognize it, not enough to leak the token.
fn short(value: &str) -> &str {
    value.get(..20).unwrap_or(value)
}

fn duration(s: i64) -> String {
    match s {
        s if s >= 86_400 => format!("{}d {}h", s / 86_400, s % 86_400 / 3600),
        s if s >= 3600 => format!("{}h {}m", s / 3600, s % 3600 / 60),
        s if s >= 60 => format!("{}m {}s", s / 60, s % 60),
        s => format!("{s}s"),
    }
}
