//! The no-heap proof: a `#![no_std]`, `#![no_main]` program with **no global allocator**
//! that links authcore and runs HS256 parsing, verification, validation and claims decoding
//! (registered claims, escaped strings, and a serde struct) on a token made by another
//! implementation (Python's `hmac`), and RSA key loading (PEM, JWKS, DER) and RS256
//! verification on a token made by Python's `cryptography`, and an RFC 7523 client
//! assertion signed with the HMAC key and its request body (with the feature `jws` also
//! ES256, EdDSA and PS256 verification and ES256 signing), checking every result. Exit code
//! 0 only if every check matched; otherwise the number of the first check that failed.
//!
//! Why this proves "no heap": the program is `no_std` and defines no `#[global_allocator]`.
//! If authcore, or anything it depends on, used `alloc` (`Vec`, `Box`, `String`, ...), the
//! link would need `__rust_alloc` & co., which only a global allocator provides: rustc stops
//! with "no global memory allocator found". If anything pulled in `std`, `std` would bring
//! its own `#[panic_handler]` (and lang items) beside the one below: "found duplicate lang
//! item `panic_impl`". So a successful build is the proof; running it shows the calls work.
//!
//! Panic freedom (feature `prove-panic-free`, release build with LTO): the panic handler
//! calls a function that exists nowhere. Any panic that the optimizer cannot prove
//! unreachable keeps a call to the handler, so the link fails with an undefined
//! `authcore_panic_is_reachable`. The inputs go through `black_box` so that the whole
//! verification cannot be folded away at compile time. scripts/no-heap-proof.sh requires
//! that build to link (with sha2's portable backend, `--cfg sha2_backend="soft"`) and to
//! pass every check, custom claims through serde (7-8) included. The default build's
//! handler aborts.
#![no_std]
#![no_main]

use core::ffi::{c_char, c_int};
use core::hint::black_box;

use authcore::keys::RsaPublicKey;
use authcore::{Algorithm, Error, HmacKey, KeySet, RawToken, Validation, peek_header, verify};
use serde::Deserialize;

/// HS256 over these claims with `SECRET`, made by Python's `hmac` and `base64` (not by us):
/// `{"iss":"https://auth.example","sub":"device-42","aud":["api","telemetry"],
/// "exp":2000000000,"nbf":1700000000,"iat":1700000000,"jti":"a1b2","usefor":"access",
/// "scope":"read write","name":"Ren\u00e9 \"R\" \u65e5\u672c","level":3}`, header
/// `{"alg":"HS256","typ":"JWT","kid":"dev-1"}`.
const TOKEN: &str = include_str!("../../../tests/vectors/hs256-device.jwt").trim_ascii_end();
/// The same token with one payload character changed (`...ZXhwIjoy...` -> `...ZXhwIjoz...`).
const TAMPERED_AT: usize = 150;
const SECRET: &[u8] = b"no-heap-proof secret, 32+ bytes long!";
/// The decoded payload (what `HmacKey::sign` is given to reproduce the token).
const CLAIMS: &[u8] = br#"{"iss":"https://auth.example","sub":"device-42","aud":["api","telemetry"],"exp":2000000000,"nbf":1700000000,"iat":1700000000,"jti":"a1b2","usefor":"access","scope":"read write","name":"Ren\u00e9 \"R\" \u65e5\u672c","level":3}"#;
/// Decoded header (41 bytes) plus decoded payload (225 bytes).
const NEEDED: usize = 41 + 225;
const NOW: i64 = 1_800_000_000;

/// The application's own view of the claims: borrowed strings where no escape occurs.
#[derive(Deserialize)]
struct Access<'a> {
    sub: &'a str,
    scope: &'a str,
    usefor: &'a str,
    level: u8,
    exp: i64,
}

/// A claim with escapes needs an owned string: a fixed array filled by serde's `visit_str`.
#[derive(Deserialize)]
struct Named {
    name: Fixed,
}

struct Fixed {
    buf: [u8; 32],
    len: usize,
}

impl<'de> Deserialize<'de> for Fixed {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Fixed;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a string of at most 32 bytes")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Fixed, E> {
                let mut buf = [0u8; 32];
                buf.get_mut(..s.len())
                    .ok_or_else(|| E::custom("too long"))?
                    .copy_from_slice(s.as_bytes());
                Ok(Fixed { buf, len: s.len() })
            }
        }
        d.deserialize_str(V)
    }
}

impl Fixed {
    fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

/// Runs every check; `Err(n)` names the first one that failed.
fn run() -> Result<(), c_int> {
    let token: &str = black_box(TOKEN);
    let now = black_box(NOW);
    let check = |ok: bool, n: c_int| if ok { Ok(()) } else { Err(n) };

    // 1-2: splitting without copying; the signing input is the token up to the second dot.
    let raw = RawToken::split(token, 8192).map_err(|_| 1)?;
    check(
        raw.signing_input.len() == 55 + 1 + 300 && raw.decoded_len() == NEEDED,
        2,
    )?;

    // 3: the header, read before any key is chosen.
    let mut hbuf = [0u8; 64];
    let header = peek_header(token, 8192, &mut hbuf).map_err(|_| 3)?;
    check(
        header.alg == Algorithm::HS256
            && header.kid.is_some_and(|k| k.eq_str("dev-1"))
            && header.typ.is_some_and(|t| t.eq_str("JWT")),
        3,
    )?;

    // 4: full verification under a strict policy.
    let key = HmacKey::hs256(black_box(SECRET)).map_err(|_| 4)?;
    let policy = Validation::new(Algorithm::HS256)
        .issuer(&["https://auth.example"])
        .audience(&["telemetry"])
        .subject("device-42")
        .claim_equals(&[("usefor", "access")])
        .require(&["exp", "iat", "jti", "scope"])
        .validate_iat(true)
        .min_hmac_secret_len(32);
    let mut buf = [0u8; 512];
    let verified = verify(token, &key, &policy, now, &mut buf).map_err(|_| 4)?;
    let claims = *verified.claims();

    // 5: registered claims.
    check(
        claims.exp == Some(2_000_000_000)
            && claims.nbf == Some(1_700_000_000)
            && claims.iat == Some(1_700_000_000)
            && claims.iss.is_some_and(|s| s.eq_str("https://auth.example"))
            && claims.jti.is_some_and(|s| s.eq_str("a1b2"))
            && claims
                .aud
                .is_some_and(|a| a.contains("api") && a.contains("telemetry")),
        5,
    )?;

    // 6: an escaped string decoded into a caller buffer.
    let mut name = [0u8; 32];
    let decoded = claims
        .get("name")
        .and_then(|v| v.as_json_str())
        .ok_or(6)?
        .decode_into(&mut name)
        .map_err(|_| 6)?;
    check(decoded == "Ren\u{e9} \"R\" \u{65e5}\u{672c}", 6)?;

    // 7-8: custom claims through serde, borrowed and escaped.
    serde_claims(&claims)?;

    // 9-12: what must fail, fails with the specific error.
    let mut tampered = [0u8; TOKEN.len()];
    for (to, from) in tampered.iter_mut().zip(token.bytes()) {
        *to = from;
    }
    tampered[TAMPERED_AT] = b'z';
    let tampered = core::str::from_utf8(&tampered).map_err(|_| 9)?;
    check(
        verify(tampered, &key, &policy, now, &mut buf).err() == Some(Error::InvalidSignature),
        9,
    )?;
    check(
        verify(token, &key, &policy, 2_000_000_000, &mut buf).err() == Some(Error::Expired),
        10,
    )?;
    let refresh_only = policy.claim_equals(&[("usefor", "refresh")]);
    check(
        verify(token, &key, &refresh_only, now, &mut buf).err() == Some(Error::ClaimMismatch),
        11,
    )?;
    check(
        verify(token, &key, &policy, now, &mut buf[..NEEDED - 1]).err()
            == Some(Error::BufferTooSmall { needed: NEEDED }),
        12,
    )?;

    // 13: signing reproduces the other implementation's token byte for byte.
    let mut out = [0u8; 512];
    let signed = key
        .sign(black_box(CLAIMS), Some("dev-1"), &mut out)
        .map_err(|_| 13)?;
    check(signed == token, 13)?;

    // 14-18: RS256: an RSA key loaded from PEM, from a JWKS by kid and from DER, a token
    // signed by Python's `cryptography` verified, and a tampered copy refused.
    let rsa_token = black_box(RS256_TOKEN.trim_end());
    let rsa =
        RsaPublicKey::from_pem(Algorithm::RS256, black_box(RSA_PEM).as_bytes()).map_err(|_| 14)?;
    let rs_policy = Validation::new(Algorithm::RS256)
        .issuer(&["https://idp.example.com/"])
        .audience(&["telemetry"]);
    let mut rs_buf = [0u8; 512];
    let rs_now = black_box(RS256_NOW);
    let verified = verify(rsa_token, &rsa, &rs_policy, rs_now, &mut rs_buf).map_err(|_| 15)?;
    check(
        verified.claims().sub.is_some_and(|s| s.eq_str("device-42")),
        15,
    )?;
    let from_jwks =
        RsaPublicKey::from_jwks(Algorithm::RS256, black_box(JWKS).as_bytes(), "rsa2048-2026")
            .map_err(|_| 16)?;
    check(
        verify(rsa_token, &from_jwks, &rs_policy, rs_now, &mut rs_buf).is_ok(),
        16,
    )?;
    let mut tampered = [0u8; 1024];
    let tampered = tampered.get_mut(..rsa_token.len()).ok_or(17)?;
    tampered.copy_from_slice(rsa_token.as_bytes());
    if let Some(b) = tampered.get_mut(100) {
        *b ^= 1;
    }
    let tampered = core::str::from_utf8(tampered).map_err(|_| 17)?;
    check(
        verify(tampered, &rsa, &rs_policy, rs_now, &mut rs_buf).err()
            == Some(Error::InvalidSignature),
        17,
    )?;

    // 18: the same key from its SPKI DER.
    let der =
        RsaPublicKey::from_public_key_der(Algorithm::RS256, black_box(RSA_DER)).map_err(|_| 18)?;
    check(der == rsa, 18)?;
    client_assertion()?;

    // 24: the same token, its key chosen by its kid from a key set of the whole JWKS (room
    // for the EC key too, which the `jws` build keeps).
    let mut set = KeySet::<3>::new();
    (set.replace_from_jwks(black_box(JWKS).as_bytes(), None)).map_err(|_| 24)?;
    check(
        set.verify(rsa_token, &rs_policy, rs_now, &mut rs_buf)
            .is_ok(),
        24,
    )?;
    #[cfg(feature = "jws")]
    jws()?;
    #[cfg(feature = "jws")]
    es256_signing()?;
    Ok(())
}

/// Check 22: an RFC 7523 client assertion signed with the HMAC key, read back by the
/// verifier with its issuer and audience checked, and the token request that carries it.
fn client_assertion() -> Result<(), c_int> {
    use authcore::client_assertion::{ClientAssertion, client_credentials_body};
    let key = HmacKey::hs256(black_box(SECRET)).map_err(|_| 22)?;
    let claims = ClientAssertion::new(
        "device-42",
        "https://auth.example/token",
        1_700_000_000,
        1_700_000_060,
    )
    .jti("n-1");
    let mut out = [0u8; 512];
    let token = claims.sign(&key, Some("dev-1"), &mut out).map_err(|_| 22)?;
    let policy = Validation::new(Algorithm::HS256)
        .issuer(&["device-42"])
        .audience(&["https://auth.example/token"]);
    let mut buf = [0u8; 512];
    let verified =
        verify(token, &key, &policy, black_box(1_700_000_030), &mut buf).map_err(|_| 22)?;
    if !verified.claims().jti.is_some_and(|j| j.eq_str("n-1")) {
        return Err(22);
    }
    let mut body = [0u8; 1024];
    let body = client_credentials_body(token, None, &mut body).map_err(|_| 22)?;
    if body.len() != 134 + token.len() || !body.ends_with(token) {
        return Err(22);
    }
    Ok(())
}

/// Check 23 (feature `jws`): ES256 signing, RFC 6979: the key from PKCS#8 PEM, and the token
/// the host tests expect for it (tests/c/test_sign.c), verified with the key's public half.
#[cfg(feature = "jws")]
fn es256_signing() -> Result<(), c_int> {
    use authcore::EcSigningKey;
    let key = EcSigningKey::from_pem(Algorithm::ES256, black_box(ES256_PRIVATE).as_bytes())
        .map_err(|_| 23)?;
    let mut out = [0u8; 256];
    let token = key
        .sign(
            br#"{"sub":"device-42","exp":2000000000}"#,
            Some("k1"),
            &mut out,
        )
        .map_err(|_| 23)?;
    if token != ES256_SIGNED {
        return Err(23);
    }
    let mut buf = [0u8; 256];
    let policy = Validation::new(Algorithm::ES256);
    verify(
        token,
        &key.public_key(),
        &policy,
        black_box(1_900_000_000),
        &mut buf,
    )
    .map_err(|_| 23)?;
    Ok(())
}

/// core/tests/vectors/es256-private.pem.
#[cfg(feature = "jws")]
const ES256_PRIVATE: &str = include_str!("../../../core/tests/vectors/es256-private.pem");
/// What that key signs for `{"sub":"device-42","exp":2000000000}` with kid `k1`.
#[cfg(feature = "jws")]
const ES256_SIGNED: &str = concat!(
    "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0.",
    "eyJzdWIiOiJkZXZpY2UtNDIiLCJleHAiOjIwMDAwMDAwMDB9.",
    "KqTJcWZNhQXUEhkk2f8tDP4QH9iwjA3aMYufwquMbogWrSVF1qCPaDwvZ-FMCmlo4M7QVDmF--zhxJOYAtlp5A",
);

/// Checks 19-21 (feature `jws`): ES256 (RFC 7515 A.3, key from its JWK), EdDSA (RFC 8037
/// A.4, key from its JWK; its payload is text, so the signature alone) and PS256 (a token
/// made by `openssl`, the RSA key pinned to PS256), each also refusing a tampered copy.
#[cfg(feature = "jws")]
fn jws() -> Result<(), c_int> {
    use authcore::{EcPublicKey, Ed25519PublicKey, VerifyingKey};
    let check = |ok: bool, n: c_int| if ok { Ok(()) } else { Err(n) };
    let mut buf = [0u8; 512];

    let es =
        EcPublicKey::from_jwk(Algorithm::ES256, black_box(ES256_JWK).as_bytes()).map_err(|_| 19)?;
    let policy = Validation::new(Algorithm::ES256).issuer(&["joe"]);
    let now = black_box(1_300_819_000);
    let verified = verify(black_box(ES256_TOKEN), &es, &policy, now, &mut buf).map_err(|_| 19)?;
    check(verified.claims().exp == Some(1_300_819_380), 19)?;
    let mut copy = [0u8; 256];
    let tampered = tamper(ES256_TOKEN, &mut copy, 40).ok_or(19)?;
    check(
        verify(tampered, &es, &policy, now, &mut buf).err() == Some(Error::InvalidSignature),
        19,
    )?;

    let ed = Ed25519PublicKey::from_jwk(black_box(ED25519_JWK).as_bytes()).map_err(|_| 20)?;
    let (input, sig) = ED25519_JWS.rsplit_once('.').ok_or(20)?;
    check(
        ed.verify_signature(input.as_bytes(), sig.as_bytes())
            .is_ok(),
        20,
    )?;
    check(
        ed.verify_signature(&input.as_bytes()[1..], sig.as_bytes()) == Err(Error::InvalidSignature),
        20,
    )?;

    let ps =
        RsaPublicKey::from_pem(Algorithm::PS256, black_box(RSA_PEM).as_bytes()).map_err(|_| 21)?;
    let token = black_box(PS256_TOKEN.trim_end());
    let policy = Validation::new(Algorithm::PS256)
        .issuer(&["https://idp.example.com/"])
        .audience(&["telemetry"]);
    let now = black_box(RS256_NOW);
    check(verify(token, &ps, &policy, now, &mut buf).is_ok(), 21)?;
    let mut copy = [0u8; 1024];
    let tampered = tamper(token, &mut copy, 60).ok_or(21)?;
    check(
        verify(tampered, &ps, &policy, now, &mut buf).err() == Some(Error::InvalidSignature),
        21,
    )
}

/// `token` with the byte at `at` changed by one bit (a payload byte that stays base64url),
/// copied into `buf`.
#[cfg(feature = "jws")]
fn tamper<'b>(token: &str, buf: &'b mut [u8], at: usize) -> Option<&'b str> {
    let copy = buf.get_mut(..token.len())?;
    copy.copy_from_slice(token.as_bytes());
    *copy.get_mut(at)? ^= 1;
    core::str::from_utf8(copy).ok()
}

/// RFC 7515 Appendix A.3.
#[cfg(feature = "jws")]
const ES256_JWK: &str = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;
#[cfg(feature = "jws")]
const ES256_TOKEN: &str = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
/// RFC 8037 Appendix A.4.
#[cfg(feature = "jws")]
const ED25519_JWK: &str =
    r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
#[cfg(feature = "jws")]
const ED25519_JWS: &str = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
#[cfg(feature = "jws")]
const PS256_TOKEN: &str = include_str!("../../../tests/vectors/ps256-2048.jwt");

/// Checks 7-8: custom claims through serde, borrowed and escaped.
fn serde_claims(claims: &authcore::Claims<'_>) -> Result<(), c_int> {
    let check = |ok: bool, n: c_int| if ok { Ok(()) } else { Err(n) };
    let access: Access<'_> = claims.deserialize().map_err(|_| 7)?;
    check(
        access.sub == "device-42"
            && access.scope == "read write"
            && access.usefor == "access"
            && access.level == 3
            && access.exp == 2_000_000_000,
        7,
    )?;
    let mut scratch = [0u8; 64];
    let named: Named = claims.deserialize_escaped(&mut scratch).map_err(|_| 8)?;
    check(
        named.name.as_bytes() == "Ren\u{e9} \"R\" \u{65e5}\u{672c}".as_bytes(),
        8,
    )?;
    Ok(())
}

/// Test-only public key and token, shared with the Rust, C and Python suites.
const RSA_PEM: &str = include_str!("../../../core/tests/vectors/rsa2048-public.pem");
const RSA_DER: &[u8] = include_bytes!("../../../tests/vectors/rsa2048-public.der");
const RS256_TOKEN: &str = include_str!("../../../tests/vectors/rs256-2048.jwt");
const JWKS: &str = include_str!("../../../tests/vectors/jwks.json");
/// A time inside the RS256 token's validity (it expires at 1,700,000,900).
const RS256_NOW: i64 = 1_700_000_000;

// SAFETY: `main` is the C entry point that libc's start files call; nothing else in the
// program defines a symbol of that name, and its signature is the C one.
#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
    match run() {
        Ok(()) => 0,
        Err(n) => n,
    }
}

// The C library provides the start files' `__libc_start_main`, `memcpy` and `abort`; a
// `no_std` binary does not link it by itself.
#[link(name = "c")]
// SAFETY: an empty block; it only adds the C library to the link.
unsafe extern "C" {}

#[cfg(feature = "prove-panic-free")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // SAFETY: deliberately defined nowhere: a build that keeps any call to the panic
    // handler does not link, so a linked release binary has no reachable panic.
    unsafe extern "C" {
        fn authcore_panic_is_reachable() -> !;
    }
    // SAFETY: see above; this call is never made in a binary that links.
    unsafe { authcore_panic_is_reachable() }
}

#[cfg(not(feature = "prove-panic-free"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // SAFETY: `abort` takes no arguments, never returns, and is always safe to call.
    unsafe extern "C" {
        fn abort() -> !;
    }
    // SAFETY: see above.
    unsafe { abort() }
}
