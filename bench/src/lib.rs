//! The job every row of the comparison does, and the rows.
//!
//! The job: a 289-byte HS256 token (or a 588-byte RS256 one) whose claims are `sub`, `iss`,
//! `iat`, `exp`, `exi`, `jti`, `usefor` and `aud`; verify the signature, require and check
//! `exp`, `iss` and `aud`, and deserialize the claims into a struct of eight fields through
//! serde (borrowed where the library allows it; jsonwebtoken wants `DeserializeOwned`).
//! Keys and policies are built once, before any row runs. The floors do only the
//! cryptography, on inputs decoded beforehand. The same job with an ES256, EdDSA or
//! PS256-2048 token runs authcore and jsonwebtoken's two backends only ([`Jws`]).

use std::sync::atomic::{AtomicU8, Ordering};

use authcore::{
    Algorithm, EcPublicKey, Ed25519PublicKey, HmacKey, RsaPublicKey, Validation, VerifyingKey,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use jsonwebtoken::crypto::{CryptoProvider, aws_lc, rust_crypto};
use rsa::pkcs1::{EncodeRsaPrivateKey, EncodeRsaPublicKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::traits::PublicKeyParts;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The claims, 156 bytes of JSON: with jsonwebtoken's header the HS256 token is 289 bytes
/// and the RS256-2048 one 588.
pub const CLAIMS: &str = r#"{"sub":"user-42","iss":"https://auth.example.com","iat":1700000000,"exp":4000000000,"exi":3600,"jti":"7f3c9a52-0f0e4","usefor":"access","aud":"api.example"}"#;
/// The HMAC secret.
pub const SECRET: &[u8] = b"an HS256 secret of 32+ bytes, for the benchmark";
/// The accepted issuer.
pub const ISSUER: &str = "https://auth.example.com";
/// The accepted audience.
pub const AUDIENCE: &str = "api.example";
/// The claims every row requires.
const REQUIRED: [&str; 3] = ["exp", "iss", "aud"];

/// What the application reads, borrowed from the token's decoded payload.
#[derive(Deserialize)]
pub struct Access<'a> {
    /// Subject.
    pub sub: &'a str,
    /// Issuer.
    pub iss: &'a str,
    /// Issued at.
    pub iat: i64,
    /// Expiry.
    pub exp: i64,
    /// The application's own number.
    pub exi: i64,
    /// Token id.
    pub jti: &'a str,
    /// The application's own string.
    pub usefor: &'a str,
    /// Audience.
    pub aud: &'a str,
}

/// The same for jsonwebtoken, which deserializes into `DeserializeOwned` types only.
#[derive(Deserialize)]
pub struct AccessOwned {
    /// Subject.
    pub sub: String,
    /// Issuer.
    pub iss: String,
    /// Issued at.
    pub iat: i64,
    /// Expiry.
    pub exp: i64,
    /// The application's own number.
    pub exi: i64,
    /// Token id.
    pub jti: String,
    /// The application's own string.
    pub usefor: String,
    /// Audience.
    pub aud: String,
}

impl Access<'_> {
    /// Uses every field, so that no deserialization is optimized away.
    fn used(&self) -> bool {
        self.sub.len() + self.iss.len() + self.jti.len() + self.usefor.len() + self.aud.len() > 0
            && self.iat > 0
            && self.exi > 0
            && self.exp > 0
    }
}

impl AccessOwned {
    /// As [`Access::used`].
    fn used(&self) -> bool {
        self.sub.len() + self.iss.len() + self.jti.len() + self.usefor.len() + self.aud.len() > 0
            && self.iat > 0
            && self.exi > 0
            && self.exp > 0
    }
}

/// jsonwebtoken's backend for the calls that follow.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Backend {
    /// aws-lc-rs (C and assembly).
    AwsLc = 0,
    /// RustCrypto's crates (pure Rust).
    RustCrypto = 1,
}

static BACKEND: AtomicU8 = AtomicU8::new(Backend::AwsLc as u8);

fn backend() -> &'static CryptoProvider {
    if BACKEND.load(Ordering::Relaxed) == Backend::RustCrypto as u8 {
        &rust_crypto::DEFAULT_PROVIDER
    } else {
        &aws_lc::DEFAULT_PROVIDER
    }
}

/// jsonwebtoken's process-wide provider can be installed once; this one hands every call to
/// the backend last chosen with [`use_backend`] (one relaxed atomic load per call).
static SWITCH: CryptoProvider = CryptoProvider {
    signer_factory: |alg, key| (backend().signer_factory)(alg, key),
    verifier_factory: |alg, key| (backend().verifier_factory)(alg, key),
    // JWK thumbprints and key conversions: not used by the job.
    key_utils: jsonwebtoken::crypto::KeyUtils::new_unimplemented(),
};

/// Makes jsonwebtoken's following calls run on `b`.
pub fn use_backend(b: Backend) {
    let _ = SWITCH.install_default();
    BACKEND.store(b as u8, Ordering::Relaxed);
}

/// The current time in seconds, as jsonwebtoken reads it, for authcore's `now`.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// jsonwebtoken's policy for the job.
fn jwt_validation(alg: jsonwebtoken::Algorithm) -> jsonwebtoken::Validation {
    let mut v = jsonwebtoken::Validation::new(alg);
    v.leeway = 0;
    v.set_required_spec_claims(&REQUIRED);
    v.set_issuer(&[ISSUER]);
    v.set_audience(&[AUDIENCE]);
    v
}

/// authcore's row of every job: verify, validate, deserialize into the borrowed struct.
fn authcore_job<K: VerifyingKey + ?Sized>(
    token: &str,
    key: &K,
    policy: &Validation<'_>,
    now: i64,
    buf: &mut [u8],
) -> bool {
    authcore::verify(token, key, policy, now, buf).is_ok_and(|t| {
        t.claims()
            .deserialize::<Access<'_>>()
            .is_ok_and(|a| a.used())
    })
}

/// authcore's policy for the job.
fn policy(alg: Algorithm) -> Validation<'static> {
    Validation::new(alg)
        .require(&REQUIRED)
        .issuer(&[ISSUER])
        .audience(&[AUDIENCE])
}

fn jwt_decode(token: &str, key: &jsonwebtoken::DecodingKey, v: &jsonwebtoken::Validation) -> bool {
    jsonwebtoken::decode::<AccessOwned>(token, key, v).is_ok_and(|t| t.claims.used())
}

/// Everything the HS256 rows use, built once.
pub struct Hs {
    /// The token.
    pub token: String,
    key: HmacKey,
    policy: Validation<'static>,
    now: i64,
    jwt_key: jsonwebtoken::DecodingKey,
    jwt_validation: jsonwebtoken::Validation,
    hmac: Hmac<Sha256>,
    /// The signing input and the decoded tag, for the floor.
    input_len: usize,
    tag: [u8; 32],
}

impl Hs {
    /// The fixture, its token made by jsonwebtoken.
    pub fn new() -> Hs {
        use_backend(Backend::AwsLc);
        let claims: serde_json::Value = serde_json::from_str(CLAIMS).expect("claims");
        let token = jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
            &claims,
            &jsonwebtoken::EncodingKey::from_secret(SECRET),
        )
        .expect("token");
        let (input, sig) = token.rsplit_once('.').expect("token");
        let mut tag = [0u8; 32];
        assert_eq!(URL_SAFE_NO_PAD.decode_slice(sig, &mut tag), Ok(32));
        Hs {
            input_len: input.len(),
            tag,
            key: HmacKey::hs256(SECRET).expect("key"),
            policy: policy(Algorithm::HS256),
            now: now(),
            jwt_key: jsonwebtoken::DecodingKey::from_secret(SECRET),
            jwt_validation: jwt_validation(jsonwebtoken::Algorithm::HS256),
            hmac: Hmac::<Sha256>::new_from_slice(SECRET).expect("key"),
            token,
        }
    }

    /// authcore: verify, validate, deserialize.
    pub fn authcore(&self, token: &str, buf: &mut [u8]) -> bool {
        authcore_job(token, &self.key, &self.policy, self.now, buf)
    }

    /// jsonwebtoken on the backend last chosen.
    pub fn jsonwebtoken(&self, token: &str) -> bool {
        jwt_decode(token, &self.jwt_key, &self.jwt_validation)
    }

    /// authcore: verify and validate only, what `authcore_verify` does from C
    /// (`scripts/c-bench.sh`, `hs256-job`).
    pub fn authcore_verify(&self, token: &str, buf: &mut [u8]) -> bool {
        authcore::verify(token, &self.key, &self.policy, self.now, buf).is_ok()
    }

    /// The plain reference: split, `base64`, `hmac` + `sha2`, `serde_json` into borrowed
    /// fields, each check by hand; no allocation.
    pub fn reference(&self, token: &str) -> bool {
        let Some((input, sig)) = token.rsplit_once('.') else {
            return false;
        };
        let Some((header, payload)) = input.split_once('.') else {
            return false;
        };
        let mut tag = [0u8; 32];
        let mut mac = self.hmac.clone();
        mac.update(input.as_bytes());
        if URL_SAFE_NO_PAD.decode_slice(sig, &mut tag) != Ok(32) || mac.verify_slice(&tag).is_err()
        {
            return false;
        }
        #[derive(Deserialize)]
        struct Header<'a> {
            alg: &'a str,
        }
        let mut buf = [0u8; 512];
        let Ok(n) = URL_SAFE_NO_PAD.decode_slice(header, &mut buf) else {
            return false;
        };
        if !serde_json::from_slice::<Header<'_>>(&buf[..n]).is_ok_and(|h| h.alg == "HS256") {
            return false;
        }
        let Ok(n) = URL_SAFE_NO_PAD.decode_slice(payload, &mut buf) else {
            return false;
        };
        serde_json::from_slice::<Access<'_>>(&buf[..n])
            .is_ok_and(|a| a.exp > self.now && a.iss == ISSUER && a.aud == AUDIENCE && a.used())
    }

    /// The floor: HMAC-SHA256 over the signing input with the key's pads already hashed,
    /// and the comparison with the tag decoded beforehand.
    pub fn floor(&self, token: &str) -> bool {
        let mut mac = self.hmac.clone();
        mac.update(&token.as_bytes()[..self.input_len]);
        mac.verify_slice(&self.tag).is_ok()
    }
}

impl Default for Hs {
    fn default() -> Hs {
        Hs::new()
    }
}

/// Everything the RS256 rows of one key size use, built once.
pub struct Rs {
    /// The modulus size.
    pub bits: usize,
    /// The token.
    pub token: String,
    key: RsaPublicKey,
    policy: Validation<'static>,
    now: i64,
    jwt_key: jsonwebtoken::DecodingKey,
    jwt_validation: jsonwebtoken::Validation,
    floor_key: aws_lc_rs::signature::ParsedPublicKey,
    rsa_key: rsa::RsaPublicKey,
    input_len: usize,
    sig: Vec<u8>,
}

impl Rs {
    /// The fixture for a 2048- or 4096-bit key (the core's test vectors), its token made by
    /// jsonwebtoken.
    pub fn new(bits: usize) -> Rs {
        use_backend(Backend::AwsLc);
        let (private_pem, public_pem) = match bits {
            2048 => (
                include_str!("../../core/tests/vectors/rsa2048-private.pem"),
                include_str!("../../core/tests/vectors/rsa2048-public.pem"),
            ),
            _ => (
                include_str!("../../core/tests/vectors/rsa4096-private.pem"),
                include_str!("../../core/tests/vectors/rsa4096-public.pem"),
            ),
        };
        let private = RsaPrivateKey::from_pkcs8_pem(private_pem).expect("key");
        let der = private.to_pkcs1_der().expect("key");
        let claims: serde_json::Value = serde_json::from_str(CLAIMS).expect("claims");
        let token = jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256),
            &claims,
            &jsonwebtoken::EncodingKey::from_rsa_der(der.as_bytes()),
        )
        .expect("token");
        let (input, sig) = token.rsplit_once('.').expect("token");
        let sig = URL_SAFE_NO_PAD.decode(sig).expect("signature");
        let public = rsa::RsaPublicKey::from_public_key_pem(public_pem).expect("key");
        let pkcs1 = public.to_pkcs1_der().expect("key");
        Rs {
            bits,
            input_len: input.len(),
            sig,
            key: RsaPublicKey::from_pem(Algorithm::RS256, public_pem.as_bytes()).expect("key"),
            policy: policy(Algorithm::RS256),
            now: now(),
            jwt_key: jsonwebtoken::DecodingKey::from_rsa_raw_components(
                &public.n().to_bytes_be(),
                &public.e().to_bytes_be(),
            ),
            jwt_validation: jwt_validation(jsonwebtoken::Algorithm::RS256),
            floor_key: aws_lc_rs::signature::ParsedPublicKey::new(
                &aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256,
                pkcs1.as_bytes(),
            )
            .expect("key"),
            rsa_key: public,
            token,
        }
    }

    /// authcore: verify, validate, deserialize.
    pub fn authcore(&self, token: &str, buf: &mut [u8]) -> bool {
        authcore_job(token, &self.key, &self.policy, self.now, buf)
    }

    /// jsonwebtoken on the backend last chosen.
    pub fn jsonwebtoken(&self, token: &str) -> bool {
        jwt_decode(token, &self.jwt_key, &self.jwt_validation)
    }

    /// The floor: aws-lc-rs's PKCS#1 v1.5 SHA-256 verification (hash included), key parsed
    /// and signature decoded beforehand.
    pub fn floor(&self, token: &str) -> bool {
        self.floor_key
            .verify_sig(&token.as_bytes()[..self.input_len], &self.sig)
            .is_ok()
    }

    /// The `rsa` crate's verification (hash included), the pure-Rust peer of the floor.
    pub fn rsa_crate(&self, token: &str) -> bool {
        let digest = Sha256::digest(&token.as_bytes()[..self.input_len]);
        self.rsa_key
            .verify(Pkcs1v15Sign::new::<Sha256>(), &digest, &self.sig)
            .is_ok()
    }
}

/// Everything the rows of one of the jobs `es256`, `eddsa` and `ps256-2048` use, built once:
/// authcore and jsonwebtoken only (no floor).
pub struct Jws {
    /// `es256`, `eddsa` or `ps256-2048`.
    pub job: &'static str,
    /// The token.
    pub token: String,
    key: Box<dyn VerifyingKey>,
    policy: Validation<'static>,
    now: i64,
    jwt_key: jsonwebtoken::DecodingKey,
    jwt_validation: jsonwebtoken::Validation,
}

/// A PEM's body, decoded.
fn pem_der(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .expect("pem")
}

impl Jws {
    /// The fixture for `job` (the core's test vectors), its token made by jsonwebtoken.
    pub fn new(job: &'static str) -> Jws {
        use_backend(Backend::AwsLc);
        let (alg, jwt_alg, encoding, public_pem) = match job {
            "es256" => (
                Algorithm::ES256,
                jsonwebtoken::Algorithm::ES256,
                jsonwebtoken::EncodingKey::from_ec_der(&pem_der(include_str!(
                    "../../core/tests/vectors/es256-private.pem"
                ))),
                include_str!("../../core/tests/vectors/es256-public.pem"),
            ),
            "eddsa" => (
                Algorithm::EdDSA,
                jsonwebtoken::Algorithm::EdDSA,
                jsonwebtoken::EncodingKey::from_ed_der(&pem_der(include_str!(
                    "../../core/tests/vectors/ed25519-private.pem"
                ))),
                include_str!("../../core/tests/vectors/ed25519-public.pem"),
            ),
            _ => {
                let private = RsaPrivateKey::from_pkcs8_pem(include_str!(
                    "../../core/tests/vectors/rsa2048-private.pem"
                ))
                .expect("key");
                let der = private.to_pkcs1_der().expect("key");
                (
                    Algorithm::PS256,
                    jsonwebtoken::Algorithm::PS256,
                    jsonwebtoken::EncodingKey::from_rsa_der(der.as_bytes()),
                    include_str!("../../core/tests/vectors/rsa2048-public.pem"),
                )
            }
        };
        let claims: serde_json::Value = serde_json::from_str(CLAIMS).expect("claims");
        let token = jsonwebtoken::encode(&jsonwebtoken::Header::new(jwt_alg), &claims, &encoding)
            .expect("token");
        let spki = pem_der(public_pem);
        let (key, jwt_key): (Box<dyn VerifyingKey>, _) = match alg {
            // jsonwebtoken takes the bare point (the SPKI's last 65 bytes) and the bare
            // Ed25519 key (its last 32).
            Algorithm::ES256 => (
                Box::new(
                    EcPublicKey::from_public_key_pem(alg, public_pem.as_bytes()).expect("key"),
                ),
                jsonwebtoken::DecodingKey::from_ec_der(&spki[spki.len() - 65..]),
            ),
            Algorithm::EdDSA => (
                Box::new(
                    Ed25519PublicKey::from_public_key_pem(public_pem.as_bytes()).expect("key"),
                ),
                jsonwebtoken::DecodingKey::from_ed_der(&spki[spki.len() - 32..]),
            ),
            _ => {
                let public = rsa::RsaPublicKey::from_public_key_pem(public_pem).expect("key");
                (
                    Box::new(RsaPublicKey::from_pem(alg, public_pem.as_bytes()).expect("key")),
                    jsonwebtoken::DecodingKey::from_rsa_raw_components(
                        &public.n().to_bytes_be(),
                        &public.e().to_bytes_be(),
                    ),
                )
            }
        };
        Jws {
            job,
            token,
            key,
            policy: policy(alg),
            now: now(),
            jwt_key,
            jwt_validation: jwt_validation(jwt_alg),
        }
    }

    /// authcore: verify, validate, deserialize.
    pub fn authcore(&self, token: &str, buf: &mut [u8]) -> bool {
        authcore_job(token, &*self.key, &self.policy, self.now, buf)
    }

    /// jsonwebtoken on the backend last chosen.
    pub fn jsonwebtoken(&self, token: &str) -> bool {
        jwt_decode(token, &self.jwt_key, &self.jwt_validation)
    }
}

/// One row: a job, a library, and the call.
pub struct Row<'a> {
    /// `hs256`, `rs256-2048`, `rs256-4096`, `es256`, `eddsa` or `ps256-2048`.
    pub job: &'static str,
    /// The library or floor.
    pub name: &'static str,
    /// A short name without spaces, for the instruction counts' script.
    pub id: &'static str,
    /// Runs the call once on the job's token; true when it accepted it.
    pub run: Box<dyn FnMut(&str) -> bool + 'a>,
    /// The job's token.
    pub token: &'a str,
}

/// authcore's row name.
pub const AUTHCORE: &str = "authcore";
/// jsonwebtoken on aws-lc-rs.
pub const JWT_AWS: &str = "jsonwebtoken aws_lc_rs";
/// jsonwebtoken on RustCrypto.
pub const JWT_RUST: &str = "jsonwebtoken rust_crypto";
/// authcore without the serde struct: the figure the C time is compared with.
pub const AUTHCORE_VERIFY: &str = "authcore verify (no struct)";
/// The plain HS256 reference.
pub const REFERENCE: &str = "plain reference";
/// The HMAC floor.
pub const HMAC_FLOOR: &str = "floor: HMAC-SHA256";
/// The RSA floor.
pub const RSA_FLOOR: &str = "floor: aws-lc-rs RSA";
/// The `rsa` crate.
pub const RSA_CRATE: &str = "rsa crate verify";

/// A jsonwebtoken row: chooses the backend, then makes the call.
fn jwt<'a>(b: Backend, f: impl Fn(&str) -> bool + 'a) -> Box<dyn FnMut(&str) -> bool + 'a> {
    Box::new(move |t: &str| {
        use_backend(b);
        f(t)
    })
}

/// Every row, in the order of the tables.
pub fn rows<'a>(hs: &'a Hs, rs: &'a [Rs], jws: &'a [Jws]) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    let t = hs.token.as_str();
    let mut buf = [0u8; 512];
    rows.push(Row {
        job: "hs256",
        name: AUTHCORE,
        id: "authcore",
        run: Box::new(move |t: &str| hs.authcore(t, &mut buf)),
        token: t,
    });
    rows.push(Row {
        job: "hs256",
        name: AUTHCORE_VERIFY,
        id: "authcore-verify",
        run: Box::new(move |t: &str| hs.authcore_verify(t, &mut buf)),
        token: t,
    });
    rows.push(Row {
        job: "hs256",
        name: JWT_AWS,
        id: "jwt-aws",
        run: jwt(Backend::AwsLc, move |t| hs.jsonwebtoken(t)),
        token: t,
    });
    rows.push(Row {
        job: "hs256",
        name: JWT_RUST,
        id: "jwt-rust",
        run: jwt(Backend::RustCrypto, move |t| hs.jsonwebtoken(t)),
        token: t,
    });
    rows.push(Row {
        job: "hs256",
        name: REFERENCE,
        id: "reference",
        run: Box::new(|t: &str| hs.reference(t)),
        token: t,
    });
    rows.push(Row {
        job: "hs256",
        name: HMAC_FLOOR,
        id: "hmac-floor",
        run: Box::new(|t: &str| hs.floor(t)),
        token: t,
    });
    for r in rs {
        let job = if r.bits == 2048 {
            "rs256-2048"
        } else {
            "rs256-4096"
        };
        let t = r.token.as_str();
        let mut buf = [0u8; 512];
        rows.push(Row {
            job,
            name: AUTHCORE,
            id: "authcore",
            run: Box::new(move |t: &str| r.authcore(t, &mut buf)),
            token: t,
        });
        rows.push(Row {
            job,
            name: JWT_AWS,
            id: "jwt-aws",
            run: jwt(Backend::AwsLc, move |t| r.jsonwebtoken(t)),
            token: t,
        });
        rows.push(Row {
            job,
            name: JWT_RUST,
            id: "jwt-rust",
            run: jwt(Backend::RustCrypto, move |t| r.jsonwebtoken(t)),
            token: t,
        });
        rows.push(Row {
            job,
            name: RSA_FLOOR,
            id: "rsa-floor",
            run: Box::new(|t: &str| r.floor(t)),
            token: t,
        });
        rows.push(Row {
            job,
            name: RSA_CRATE,
            id: "rsa-crate",
            run: Box::new(|t: &str| r.rsa_crate(t)),
            token: t,
        });
    }
    for j in jws {
        let t = j.token.as_str();
        let mut buf = [0u8; 512];
        rows.push(Row {
            job: j.job,
            name: AUTHCORE,
            id: "authcore",
            run: Box::new(move |t: &str| j.authcore(t, &mut buf)),
            token: t,
        });
        rows.push(Row {
            job: j.job,
            name: JWT_AWS,
            id: "jwt-aws",
            run: jwt(Backend::AwsLc, move |t| j.jsonwebtoken(t)),
            token: t,
        });
        rows.push(Row {
            job: j.job,
            name: JWT_RUST,
            id: "jwt-rust",
            run: jwt(Backend::RustCrypto, move |t| j.jsonwebtoken(t)),
            token: t,
        });
    }
    rows
}
