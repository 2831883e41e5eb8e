//! A whole session with each call an API's flow needs, on a simulated clock: ImmPort's pinned
//! request, Aria Operations' sliding window (`touch`) and release, and Infoworks' refresh
//! token from the user's settings and its logout that keeps it. Each step checks what the
//! session answers, so the example fails loudly if the library ever answers otherwise.
//!
//! Run: `cargo run -p authcore --example session_flows`.

use authcore::session::{ApiProfile, AuthSession, Credentials, Next};
use authcore::{LifecycleError, ManualClock};

const T0: i64 = 1_700_000_000;

/// The seconds the current token still works, or that it no longer does.
fn left(remaining: Option<i64>) -> String {
    match remaining {
        Some(secs) => format!("{secs} s left"),
        None => "expired".to_owned(),
    }
}

/// What `next` says, as one line.
fn next<const N: usize>(s: &AuthSession<N>, clock: &ManualClock) -> String {
    let mut buf = [0u8; 1024];
    match s.next(clock, &mut buf) {
        Ok(Next::Send {
            authorization,
            remaining,
        }) => format!("send `{authorization}` ({remaining} s left)"),
        Ok(Next::Refresh { request, remaining }) => format!(
            "refresh with `{}` ({})",
            request.authorization.or(request.body).unwrap_or(""),
            left(remaining)
        ),
        Ok(Next::LogIn {
            remaining,
            authorization: Some(header),
        }) => format!("log in; meanwhile send `{header}` ({})", left(remaining)),
        Ok(Next::LogIn { .. }) => "log in".to_owned(),
        Err(e) => format!("error: {e}"),
    }
}

/// Prints the step and checks the answer.
fn expect(t: i64, what: &str, got: String, want: &str) {
    println!("t=+{t:<6} {what:<44} {got}");
    assert_eq!(got, want, "at t=+{t}: {what}");
}

fn main() -> Result<(), LifecycleError> {
    println!("ImmPort: a token must be used within 60 s; a request started in time stays valid");
    let clock = ManualClock::unix(T0);
    let mut immport = AuthSession::<512>::new(ApiProfile::IMMPORT);
    let mut buf = [0u8; 256];
    let login = immport.login_request(&Credentials::new("jdoe", "secret"), &mut buf)?;
    println!("          login body: {}", login.body.unwrap_or(""));
    immport.accept_login(br#"{"status":200,"token":"imm.tok.en"}"#, &clock)?;
    expect(
        0,
        "after login",
        next(&immport, &clock),
        "send `bearer imm.tok.en` (55 s left)",
    );
    clock.set(T0 + 50);
    immport.pin(&clock)?; // a long download starts now
    clock.set(T0 + 600);
    let want = "log in; meanwhile send `bearer imm.tok.en` (5 s left)";
    expect(
        600,
        "pinned download still running",
        next(&immport, &clock),
        want,
    );
    immport.unpin();
    expect(
        600,
        "download done, unpinned",
        next(&immport, &clock),
        "log in",
    );

    println!("\nAria Operations: OpsToken, valid 6 h from the last call");
    let clock = ManualClock::unix(T0);
    let mut aria = AuthSession::<512>::new(ApiProfile::ARIA);
    let validity = (T0 + 6 * 3600) * 1000;
    let body = format!(r#"{{"token":"8f86::77ce","validity":{validity},"roles":[]}}"#);
    aria.accept_login(body.as_bytes(), &clock)?;
    clock.set(T0 + 5 * 3600);
    let want = "send `OpsToken 8f86::77ce` (3595 s left)";
    expect(5 * 3600, "5 h idle", next(&aria, &clock), want);
    aria.touch(&clock)?; // the request was sent: the window slides to +11 h
    clock.set(T0 + 10 * 3600 + 1800);
    let want = "send `OpsToken 8f86::77ce` (1795 s left)";
    expect(
        37800,
        "inside the margin: using it slides it",
        next(&aria, &clock),
        want,
    );
    // Release (POST /suite-api/api/auth/token/release with this header), then forget.
    println!("          release with: {}", aria.authorization(&mut buf)?);
    aria.clear();
    expect(37800, "after release", next(&aria, &clock), "log in");

    println!("\nInfoworks: Basic login, refresh token from the user's settings, logout");
    let clock = ManualClock::unix(T0);
    let mut infoworks = AuthSession::<1024>::new(ApiProfile::INFOWORKS);
    // An access token without `exp`: the API's 15-minute default.
    let body = br#"{"result":{"authentication_token":"eyJhbGciOiJIUzI1NiJ9.e30.c2ln","is_authenticated":true}}"#;
    infoworks.accept_login(body, &clock)?;
    infoworks.set_refresh_token("zThziQ7MoJJPYAha+U/+PBSTZG944F+SHBDs==", &clock)?;
    let want = "send `Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln` (895 s left)";
    expect(0, "after login", next(&infoworks, &clock), want);
    clock.set(T0 + 850);
    let want = "refresh with `Basic zThziQ7MoJJPYAha+U/+PBSTZG944F+SHBDs==` (45 s left)";
    expect(850, "inside the margin", next(&infoworks, &clock), want);
    // Logout (DELETE /v3/security/token/access) blacklists the access token only.
    infoworks.forget_access_token();
    let want = "refresh with `Basic zThziQ7MoJJPYAha+U/+PBSTZG944F+SHBDs==` (expired)";
    expect(
        850,
        "after logout: the refresh token stays",
        next(&infoworks, &clock),
        want,
    );
    Ok(())
}
