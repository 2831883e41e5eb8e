//! Policy semantics at their boundaries: RFC 7519 time checks with and without leeway, maximum
//! age, issuer, audience, subject, claim values, required claims, `typ`, and the order in
//! which failures are reported. Every token is signed correctly, so the policy is the only
//! thing that decides.

mod hs_support;

use authcore::{Algorithm, Claim, Error, Validation};
use hs_support::{SECRET, hs256, outcome, token_with};

const T: i64 = 1_700_000_000;
const BASE: Validation<'static> = Validation::new(Algorithm::HS256);

fn exp_token(exp: i64) -> String {
    hs256(&format!(r#"{{"exp":{exp}}}"#))
}

#[test]
fn policy_is_a_const_value() {
    const STRICT: Validation<'static> = Validation::new(Algorithm::HS256)
        .issuer(&["https://idp.example"])
        .audience(&["api"])
        .claim_equals(&[("usefor", "access")])
        .leeway(30)
        .max_age(60);
    assert_eq!(STRICT.leeway, 30);
    assert_eq!(STRICT.required, &["exp"]);
    assert_eq!(STRICT.typ, Some("JWT"));
    let t = hs256(&format!(
        r#"{{"iss":"https://idp.example","aud":"api","usefor":"access","iat":{T},"exp":{}}}"#,
        T + 3600
    ));
    assert_eq!(outcome(&t, &STRICT, T + 90), Ok(()));
    assert_eq!(outcome(&t, &STRICT, T + 91), Err(Error::TooOld));
}

#[test]
fn exp_boundary_is_now_ge_exp_plus_leeway() {
    let t = exp_token(T);
    assert_eq!(outcome(&t, &BASE, T - 1), Ok(()));
    assert_eq!(outcome(&t, &BASE, T), Err(Error::Expired));
    assert_eq!(outcome(&t, &BASE, T + 1), Err(Error::Expired));
    for leeway in [1u64, 30, 3600] {
        let l = leeway as i64;
        let p = BASE.leeway(leeway);
        assert_eq!(outcome(&t, &p, T + l - 1), Ok(()));
        assert_eq!(outcome(&t, &p, T + l), Err(Error::Expired));
    }
    // Not checked when turned off, but still required by default.
    assert_eq!(
        outcome(&t, &BASE.validate_exp(false), T + 1_000_000),
        Ok(())
    );
    let no_exp = hs256(r#"{"sub":"a"}"#);
    assert_eq!(
        outcome(&no_exp, &BASE.validate_exp(false), T),
        Err(Error::MissingClaim(Claim::Exp))
    );
    assert_eq!(outcome(&no_exp, &BASE.require(&[]), T), Ok(()));
}

#[test]
fn nbf_boundary_is_now_lt_nbf_minus_leeway() {
    let t = hs256(&format!(r#"{{"exp":{},"nbf":{T}}}"#, T + 1000));
    assert_eq!(outcome(&t, &BASE, T - 1), Err(Error::NotYetValid));
    assert_eq!(outcome(&t, &BASE, T), Ok(()));
    for leeway in [1u64, 60] {
        let l = leeway as i64;
        let p = BASE.leeway(leeway);
        assert_eq!(outcome(&t, &p, T - l), Ok(()));
        assert_eq!(outcome(&t, &p, T - l - 1), Err(Error::NotYetValid));
    }
    assert_eq!(outcome(&t, &BASE.validate_nbf(false), T - 500), Ok(()));
}

#[test]
fn iat_in_the_future_when_asked() {
    let t = hs256(&format!(r#"{{"exp":{},"iat":{T}}}"#, T + 1000));
    let p = BASE.validate_iat(true);
    assert_eq!(outcome(&t, &BASE, T - 100), Ok(()), "off by default");
    assert_eq!(outcome(&t, &p, T - 1), Err(Error::IssuedInFuture));
    assert_eq!(outcome(&t, &p, T), Ok(()));
    assert_eq!(outcome(&t, &p.leeway(5), T - 5), Ok(()));
    assert_eq!(outcome(&t, &p.leeway(5), T - 6), Err(Error::IssuedInFuture));
    // Without iat there is nothing to check.
    assert_eq!(outcome(&exp_token(T + 1000), &p, T), Ok(()));
}

#[test]
fn max_age_counts_from_iat() {
    // ImmPort style: the token must be used within 60 s of issue.
    let t = hs256(&format!(r#"{{"exp":{},"iat":{T}}}"#, T + 3600));
    let p = BASE.max_age(60);
    assert_eq!(outcome(&t, &p, T), Ok(()));
    assert_eq!(outcome(&t, &p, T + 60), Ok(()));
    assert_eq!(outcome(&t, &p, T + 61), Err(Error::TooOld));
    assert_eq!(outcome(&t, &p.leeway(10), T + 70), Ok(()));
    assert_eq!(outcome(&t, &p.leeway(10), T + 71), Err(Error::TooOld));
    assert_eq!(outcome(&t, &BASE.max_age(0), T + 1), Err(Error::TooOld));
    // max_age makes iat required.
    assert_eq!(
        outcome(&exp_token(T + 3600), &p, T),
        Err(Error::MissingClaim(Claim::Iat))
    );
}

#[test]
fn extreme_times_do_not_overflow() {
    let p = BASE.leeway(u64::MAX).max_age(u64::MAX).validate_iat(true);
    for claims in [
        format!(
            r#"{{"exp":{},"nbf":{},"iat":{}}}"#,
            i64::MAX,
            i64::MIN,
            i64::MIN
        ),
        format!(
            r#"{{"exp":{},"nbf":{},"iat":{}}}"#,
            i64::MIN,
            i64::MAX,
            i64::MAX
        ),
    ] {
        let t = hs256(&claims);
        for now in [i64::MIN, -1, 0, T, i64::MAX] {
            for policy in [BASE, p] {
                // Any outcome but a panic; each one a time error or success.
                let r = outcome(&t, &policy, now);
                assert!(
                    matches!(
                        r,
                        Ok(())
                            | Err(Error::Expired
                                | Error::NotYetValid
                                | Error::IssuedInFuture
                                | Error::TooOld)
                    ),
                    "{claims} {now}: {r:?}"
                );
            }
        }
    }
    // exp = i64::MAX never expires; with a huge leeway neither does anything else.
    assert_eq!(outcome(&exp_token(i64::MAX), &BASE, i64::MAX - 1), Ok(()));
    assert_eq!(
        outcome(&exp_token(i64::MAX), &BASE, i64::MAX),
        Err(Error::Expired)
    );
    assert_eq!(
        outcome(&exp_token(0), &BASE.leeway(u64::MAX), i64::MAX - 1),
        Ok(())
    );
}

#[test]
fn issuer_must_equal_one_of_the_list() {
    let p = BASE.issuer(&["https://a.example", "https://b.example"]);
    let with_iss = |iss: &str| hs256(&format!(r#"{{"exp":{},"iss":"{iss}"}}"#, T + 1));
    assert_eq!(outcome(&with_iss("https://a.example"), &p, T), Ok(()));
    assert_eq!(outcome(&with_iss("https://b.example"), &p, T), Ok(()));
    assert_eq!(
        outcome(&with_iss(r"https:\/\/b.example"), &p, T),
        Ok(()),
        "escaped"
    );
    for bad in [
        "https://c.example",
        "https://A.example",
        "https://a.example/",
        "https://a.exampl",
        "",
    ] {
        assert_eq!(
            outcome(&with_iss(bad), &p, T),
            Err(Error::InvalidIssuer),
            "{bad}"
        );
    }
    assert_eq!(
        outcome(&exp_token(T + 1), &p, T),
        Err(Error::MissingClaim(Claim::Iss))
    );
    // No list: any issuer, or none.
    assert_eq!(outcome(&with_iss("anyone"), &BASE, T), Ok(()));
}

#[test]
fn audience_any_of_token_matches_any_expected() {
    let with_aud = |aud: &str| hs256(&format!(r#"{{"exp":{},"aud":{aud}}}"#, T + 1));
    let p = BASE.audience(&["api", "telemetry"]);
    for (aud, want) in [
        (r#""api""#, Ok(())),
        (r#""telemetry""#, Ok(())),
        (r#"["x","telemetry"]"#, Ok(())),
        (r#"["api"]"#, Ok(())),
        (r#"["x","y","api","z"]"#, Ok(())),
        (r#""\u0061pi""#, Ok(())),
        (r#""API""#, Err(Error::InvalidAudience)),
        (r#""x""#, Err(Error::InvalidAudience)),
        (r#"["x","y"]"#, Err(Error::InvalidAudience)),
        (r#"[]"#, Err(Error::InvalidAudience)),
        (r#""""#, Err(Error::InvalidAudience)),
        (r#""api ""#, Err(Error::InvalidAudience)),
    ] {
        assert_eq!(outcome(&with_aud(aud), &p, T), want, "{aud}");
    }
    assert_eq!(
        outcome(&exp_token(T + 1), &p, T),
        Err(Error::MissingClaim(Claim::Aud))
    );
    // Nothing expected: a token naming an audience is refused (it is meant for someone),
    // unless the audience check is off; a token without aud passes.
    assert_eq!(
        outcome(&with_aud(r#""api""#), &BASE, T),
        Err(Error::InvalidAudience)
    );
    assert_eq!(
        outcome(&with_aud(r#""api""#), &BASE.validate_aud(false), T),
        Ok(())
    );
    assert_eq!(outcome(&exp_token(T + 1), &BASE, T), Ok(()));
    assert_eq!(
        outcome(&with_aud(r#""x""#), &p.validate_aud(false), T),
        Ok(())
    );
}

#[test]
fn subject_must_equal() {
    let p = BASE.subject("alice");
    let with_sub = |sub: &str| hs256(&format!(r#"{{"exp":{},"sub":"{sub}"}}"#, T + 1));
    assert_eq!(outcome(&with_sub("alice"), &p, T), Ok(()));
    assert_eq!(outcome(&with_sub(r"\u0061lice"), &p, T), Ok(()));
    assert_eq!(
        outcome(&with_sub("Alice"), &p, T),
        Err(Error::InvalidSubject)
    );
    assert_eq!(
        outcome(&with_sub("alice2"), &p, T),
        Err(Error::InvalidSubject)
    );
    assert_eq!(
        outcome(&exp_token(T + 1), &p, T),
        Err(Error::MissingClaim(Claim::Sub))
    );
}

#[test]
fn claim_equals_keeps_refresh_tokens_out() {
    let token = |usefor: &str| {
        hs256(&format!(
            r#"{{"exp":{},"iss":"datarhei-core","usefor":{usefor}}}"#,
            T + 1
        ))
    };
    let access = BASE.claim_equals(&[("usefor", "access")]);
    let refresh = BASE.claim_equals(&[("usefor", "refresh")]);
    assert_eq!(outcome(&token(r#""access""#), &access, T), Ok(()));
    assert_eq!(
        outcome(&token(r#""refresh""#), &access, T),
        Err(Error::ClaimMismatch)
    );
    assert_eq!(outcome(&token(r#""refresh""#), &refresh, T), Ok(()));
    assert_eq!(
        outcome(&token(r#""access""#), &refresh, T),
        Err(Error::ClaimMismatch)
    );
    assert_eq!(
        outcome(&token(r#""Access""#), &access, T),
        Err(Error::ClaimMismatch)
    );
    assert_eq!(outcome(&token(r#""\u0061ccess""#), &access, T), Ok(()));
    for not_a_string in ["1", "null", "true", r#"["access"]"#, r#"{"v":"access"}"#] {
        assert_eq!(
            outcome(&token(not_a_string), &access, T),
            Err(Error::ClaimMismatch),
            "{not_a_string}"
        );
    }
    assert_eq!(
        outcome(&exp_token(T + 1), &access, T),
        Err(Error::MissingClaim(Claim::Custom))
    );
    // Several pairs: all must hold; registered claims can be named too.
    let both = BASE.claim_equals(&[("usefor", "access"), ("iss", "datarhei-core")]);
    assert_eq!(outcome(&token(r#""access""#), &both, T), Ok(()));
    let other_iss = BASE.claim_equals(&[("usefor", "access"), ("iss", "other")]);
    assert_eq!(
        outcome(&token(r#""access""#), &other_iss, T),
        Err(Error::ClaimMismatch)
    );
}

#[test]
fn required_claims_registered_and_custom() {
    let t = hs256(&format!(r#"{{"exp":{},"scope":null,"sub":"a"}}"#, T + 1));
    assert_eq!(
        outcome(&t, &BASE.require(&["exp", "sub", "scope"]), T),
        Ok(())
    );
    for (name, claim) in [
        ("jti", Claim::Jti),
        ("iss", Claim::Iss),
        ("aud", Claim::Aud),
        ("iat", Claim::Iat),
        ("nbf", Claim::Nbf),
        ("tenant", Claim::Custom),
    ] {
        let names = ["exp", name];
        assert_eq!(
            outcome(&t, &BASE.require(&names), T),
            Err(Error::MissingClaim(claim)),
            "{name}"
        );
    }
    // A claim nested in another object is not a claim of the token.
    let nested = hs256(&format!(r#"{{"exp":{},"ctx":{{"tenant":"t"}}}}"#, T + 1));
    assert_eq!(
        outcome(&nested, &BASE.require(&["tenant"]), T),
        Err(Error::MissingClaim(Claim::Custom))
    );
}

#[test]
fn typ_policy() {
    let with_typ = |typ: Option<&str>| {
        let header = match typ {
            Some(t) => format!(r#"{{"alg":"HS256","typ":"{t}"}}"#),
            None => r#"{"alg":"HS256"}"#.to_owned(),
        };
        let claims = format!(r#"{{"exp":{}}}"#, T + 1);
        token_with(
            Algorithm::HS256,
            SECRET,
            header.as_bytes(),
            claims.as_bytes(),
        )
    };
    // Default: absent, or JWT in any case.
    for (typ, want) in [
        (None, Ok(())),
        (Some("JWT"), Ok(())),
        (Some("jwt"), Ok(())),
        (Some("at+jwt"), Err(Error::InvalidType)),
        (Some("JWS"), Err(Error::InvalidType)),
    ] {
        assert_eq!(outcome(&with_typ(typ), &BASE, T), want, "{typ:?}");
    }
    // An access-token type (RFC 9068).
    let at = BASE.typ(Some("at+jwt"));
    assert_eq!(outcome(&with_typ(Some("at+JWT")), &at, T), Ok(()));
    assert_eq!(
        outcome(&with_typ(Some("JWT")), &at, T),
        Err(Error::InvalidType)
    );
    assert_eq!(outcome(&with_typ(None), &at, T), Ok(()));
    // Any typ.
    let any = BASE.typ(None);
    for typ in [None, Some("JWT"), Some("whatever")] {
        assert_eq!(outcome(&with_typ(typ), &any, T), Ok(()));
    }
}

#[test]
fn failures_are_reported_in_the_documented_order() {
    // Expired, not yet valid, wrong issuer, audience, subject and claim value at once.
    let t = hs256(&format!(
        r#"{{"exp":{T},"nbf":{},"iss":"x","aud":"x","sub":"x","usefor":"x","iat":{}}}"#,
        T + 10,
        T + 10
    ));
    let mut p = BASE
        .require(&["exp", "jti"])
        .validate_iat(true)
        .max_age(0)
        .issuer(&["i"])
        .audience(&["a"])
        .subject("s")
        .claim_equals(&[("usefor", "access")]);
    let steps = [
        Error::MissingClaim(Claim::Jti),
        Error::Expired,
        Error::NotYetValid,
        Error::IssuedInFuture,
    ];
    assert_eq!(outcome(&t, &p, T), Err(steps[0]));
    p = p.require(&["exp"]);
    assert_eq!(outcome(&t, &p, T), Err(steps[1]));
    p = p.validate_exp(false);
    assert_eq!(outcome(&t, &p, T), Err(steps[2]));
    p = p.validate_nbf(false);
    assert_eq!(outcome(&t, &p, T), Err(steps[3]));
    p = p.validate_iat(false);
    // max_age 0 from an iat 10 s ahead is not "too old" yet.
    assert_eq!(outcome(&t, &p, T), Err(Error::InvalidIssuer));
    p = p.issuer(&["x"]);
    assert_eq!(outcome(&t, &p, T), Err(Error::InvalidAudience));
    p = p.audience(&["x"]);
    assert_eq!(outcome(&t, &p, T), Err(Error::InvalidSubject));
    p = p.subject("x");
    assert_eq!(outcome(&t, &p, T), Err(Error::ClaimMismatch));
    p = p.claim_equals(&[("usefor", "x")]);
    assert_eq!(outcome(&t, &p, T), Ok(()));
    assert_eq!(outcome(&t, &p, T + 11), Err(Error::TooOld));
}

/// Fractional NumericDates are rounded toward refusal: the exact time a token states is never
/// stretched in its favour. `nbf` at `x.f` (f > 0) means valid from second `x + 1`; `iat` at
/// `x.f` is in the future at `now = x`; `exp` at `x.f` expires at `x`; the age counts from `x`.
#[test]
fn fractional_numeric_dates_round_toward_refusal() {
    let far = T + 100_000;
    for frac in ["000001", "5", "99999999", "999999999"] {
        let at =
            |name: &str, whole: i64| hs256(&format!(r#"{{"exp":{far},"{name}":{whole}.{frac}}}"#));
        // nbf: not yet valid at x, valid at x + 1.
        let t = at("nbf", T);
        assert_eq!(
            outcome(&t, &BASE, T),
            Err(Error::NotYetValid),
            "nbf .{frac}"
        );
        assert_eq!(outcome(&t, &BASE, T + 1), Ok(()), "nbf .{frac}");
        assert_eq!(outcome(&t, &BASE.leeway(5), T - 4), Ok(()), "nbf .{frac}");
        assert_eq!(outcome(&t, &BASE.leeway(5), T - 5), Err(Error::NotYetValid));
        // iat in the future: refused at x, accepted at x + 1.
        let t = at("iat", T);
        let p = BASE.validate_iat(true);
        assert_eq!(
            outcome(&t, &p, T),
            Err(Error::IssuedInFuture),
            "iat .{frac}"
        );
        assert_eq!(outcome(&t, &p, T + 1), Ok(()), "iat .{frac}");
        // Maximum age: the token is x.f old at most as young as it is (exact).
        let p = BASE.max_age(60);
        assert_eq!(outcome(&t, &p, T + 60), Ok(()), "max_age .{frac}");
        assert_eq!(
            outcome(&t, &p, T + 61),
            Err(Error::TooOld),
            "max_age .{frac}"
        );
        // exp: expired from x on (the safe side of x.f).
        let t = hs256(&format!(r#"{{"exp":{T}.{frac}}}"#));
        assert_eq!(outcome(&t, &BASE, T - 1), Ok(()), "exp .{frac}");
        assert_eq!(outcome(&t, &BASE, T), Err(Error::Expired), "exp .{frac}");
    }
    // A fraction of zeros is a whole second.
    let t = hs256(&format!(r#"{{"exp":{far},"nbf":{T}.0,"iat":{T}.000}}"#));
    assert_eq!(outcome(&t, &BASE.validate_iat(true), T), Ok(()));
    // Negative dates: -1.5 is after -2, before -1.
    let t = hs256(&format!(r#"{{"exp":{far},"nbf":-1.5}}"#));
    assert_eq!(outcome(&t, &BASE, -2), Err(Error::NotYetValid));
    assert_eq!(outcome(&t, &BASE, -1), Ok(()));
    let t = hs256(r#"{"exp":-1.5}"#);
    assert_eq!(outcome(&t, &BASE, -3), Ok(()));
    assert_eq!(outcome(&t, &BASE, -2), Err(Error::Expired));
    // Exponent forms: 17000000005e-1 is T + 0.5.
    let t = hs256(&format!(r#"{{"exp":{far},"nbf":17000000005e-1}}"#));
    assert_eq!(outcome(&t, &BASE, T), Err(Error::NotYetValid));
    assert_eq!(outcome(&t, &BASE, T + 1), Ok(()));
}

#[test]
fn numeric_dates_at_the_i64_edges() {
    let max = i64::MAX;
    // Whole edges are in range.
    let t = hs256(&format!(
        r#"{{"exp":{max},"nbf":{},"iat":{}}}"#,
        i64::MIN,
        i64::MIN
    ));
    assert_eq!(outcome(&t, &BASE.validate_iat(true), T), Ok(()));
    // Rounded up past i64::MAX: out of range, refused as the wrong claim.
    let t = hs256(&format!(r#"{{"exp":{max},"nbf":{max}.5}}"#));
    assert_eq!(outcome(&t, &BASE, T), Err(Error::InvalidClaim(Claim::Nbf)));
    let t = hs256(&format!(r#"{{"exp":{max},"iat":{max}.5}}"#));
    assert_eq!(outcome(&t, &BASE, T), Err(Error::InvalidClaim(Claim::Iat)));
    // Rounded down below i64::MIN: out of range.
    let t = hs256(&format!(r#"{{"exp":{max},"nbf":{}.5}}"#, i64::MIN));
    assert_eq!(outcome(&t, &BASE, T), Err(Error::InvalidClaim(Claim::Nbf)));
    // exp just below i64::MAX + 1 floors into range.
    let t = hs256(&format!(r#"{{"exp":{max}.9}}"#));
    assert_eq!(outcome(&t, &BASE, T), Ok(()));
}
