//! Token verification (HS and RS keys) and HS signing.

use std::sync::OnceLock;

use authcore::validation::DEFAULT_MAX_TOKEN_LEN;
use authcore::{
    Algorithm, Claims, Error, HmacKey, Part, RawToken, RsaPublicKey, Validation, VerifyingKey,
    decode_unverified, peek_header, verify,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit, Mac};

use crate::buffers::{SENTINEL, sweep};

/// The HS secret of the core's tests (`core/tests/hs_support`).
pub(crate) const SECRET: &[u8] = b"a test secret that is long enough for HS512!!!!!";
/// "Now" for the policies: inside the lifetime of the RS vectors (`tests/vectors`).
const NOW: i64 = 1_700_000_000;
const HS: [Algorithm; 3] = [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512];
const RS: [Algorithm; 3] = [Algorithm::RS256, Algorithm::RS384, Algorithm::RS512];

/// The MAC by the `hmac` crate, the reference.
pub(crate) fn reference_mac(alg: Algorithm, secret: &[u8], msg: &[u8]) -> Vec<u8> {
    fn run<M: Mac + KeyInit>(secret: &[u8], msg: &[u8]) -> Vec<u8> {
        let mut m = <M as KeyInit>::new_from_slice(secret).expect("any key length");
        m.update(msg);
        m.finalize().into_bytes().to_vec()
    }
    match alg {
        Algorithm::HS256 => run::<hmac::Hmac<sha2::Sha256>>(secret, msg),
        Algorithm::HS384 => run::<hmac::Hmac<sha2::Sha384>>(secret, msg),
        _ => run::<hmac::Hmac<sha2::Sha512>>(secret, msg),
    }
}

/// The policies every token is verified under: the default one (an unexpired `exp`
/// required, `typ` JWT if present) with the RS vectors' issuer and audience, and a lax one
/// that checks nothing but the signature.
fn policies(alg: Algorithm) -> [Validation<'static>; 3] {
    [
        Validation::new(alg),
        Validation::new(alg)
            .issuer(&["https://idp.example.com/"])
            .audience(&["telemetry"])
            .leeway(60),
        Validation::new(alg)
            .require(&[])
            .validate_exp(false)
            .validate_nbf(false)
            .validate_aud(false)
            .typ(None),
    ]
}

/// Checks one token against `key` under every policy. `signed_right`: the signature is
/// known to be right for the key (so only header, claims and policy may refuse it).
/// Returns whether any policy accepted it.
pub(crate) fn check_token<K: VerifyingKey>(token: &str, key: &K, signed_right: bool) -> bool {
    let alg = key.algorithm();
    let max = DEFAULT_MAX_TOKEN_LEN;
    let mut buf = vec![SENTINEL; token.len()];
    let unverified = decode_unverified(token, max, &mut buf);
    let split = RawToken::split(token, max);
    let mut scratch = vec![SENTINEL; token.len()];
    match split {
        Ok(raw) => {
            let needed = raw.decoded_len();
            assert!(needed <= token.len(), "decoded_len {needed} > token length");
            // Too small by one byte: the exact size named, nothing written.
            if needed > 0 {
                let mut small = vec![SENTINEL; needed - 1];
                assert_eq!(
                    decode_unverified(token, max, &mut small).map(|_| ()),
                    Err(Error::BufferTooSmall { needed })
                );
                assert_eq!(
                    verify(token, key, &Validation::new(alg), NOW, &mut small).map(|_| ()),
                    Err(Error::BufferTooSmall { needed })
                );
                assert!(small.iter().all(|&b| b == SENTINEL), "small buffer written");
            }
            let peeked = peek_header(token, max, &mut scratch);
            if let Ok((header, _)) = &unverified {
                assert_eq!(peeked.as_ref(), Ok(header), "peek_header disagrees");
            }
        }
        Err(e) => {
            assert_eq!(unverified.map(|_| ()), Err(e), "split and decode disagree");
            assert_eq!(peek_header(token, max, &mut scratch).map(|_| ()), Err(e));
        }
    }

    let mut accepted = false;
    for policy in policies(alg) {
        let mut b1 = vec![SENTINEL; token.len()];
        let mut b2 = vec![0u8; token.len() + 3];
        let first = verify(token, key, &policy, NOW, &mut b1);
        let again = verify(token, key, &policy, NOW, &mut b2);
        assert_eq!(first, again, "verifying twice gives two answers");
        match (&first, &unverified) {
            (Ok(t), Ok((header, claims))) => {
                accepted = true;
                assert_eq!(t.header(), header);
                assert_eq!(t.claims(), claims);
                assert_eq!(header.alg, alg);
                assert_eq!(policy.check(claims, NOW), Ok(()));
            }
            (Ok(_), Err(e)) => panic!("verified, yet decoding it fails with {e:?}"),
            (Err(_), _) => {}
        }
        // With a right signature the verdict is decoding + policy, nothing else.
        if signed_right
            && let Ok((header, claims)) = &unverified
            && header.alg == alg
            && policy.check_type(header.typ).is_ok()
        {
            assert_eq!(
                first.map(|_| ()),
                policy.check(claims, NOW),
                "right signature, verdict differs from the policy's"
            );
        }
    }
    accepted
}

/// Arbitrary tokens under an HS key. Selector bits: 0-1 the algorithm, 2 a one-byte
/// secret instead of the test secret, 3 replace the signature by the right MAC (computed
/// by the `hmac` crate) so that mutated headers and claims get past the signature.
pub fn token_hs(data: &[u8]) {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let alg = HS[usize::from(sel & 3) % 3];
    let secret: &[u8] = if sel & 4 != 0 { b"k" } else { SECRET };
    let key = HmacKey::new(alg, secret).expect("HS key");
    let resign = sel & 8 != 0;
    let token = match text.rsplit_once('.') {
        Some((input, _)) if resign => format!(
            "{input}.{}",
            URL_SAFE_NO_PAD.encode(reference_mac(alg, secret, input.as_bytes()))
        ),
        _ => text.to_owned(),
    };
    let signed_right = resign && token.matches('.').count() == 2;
    if check_token(&token, &key, signed_right) {
        // Accepted: the signature must be the reference MAC (nothing else may pass).
        let (input, sig) = token.rsplit_once('.').expect("three segments");
        assert_eq!(
            sig,
            URL_SAFE_NO_PAD.encode(reference_mac(alg, secret, input.as_bytes())),
            "accepted a signature that is not the MAC"
        );
    }
}

/// HS signing: a claims set (and a `kid` after a 0xFF) signed with `HmacKey::sign`, at
/// every buffer size, must verify under the lax policy exactly when its claims parse, with
/// those claims; its segments must be the exact header, the claims bytes and the reference
/// MAC. Selector bits: 0-1 the algorithm, 2 a `kid`.
pub fn sign_hs(data: &[u8]) {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let alg = HS[usize::from(sel & 3) % 3];
    let (claims_json, kid) = match rest.iter().position(|&b| b == 0xFF) {
        Some(i) if sel & 4 != 0 => match std::str::from_utf8(&rest[i + 1..]) {
            Ok(kid) => (&rest[..i], Some(kid)),
            Err(_) => return,
        },
        _ => (rest, None),
    };
    let key = HmacKey::new(alg, SECRET).expect("HS key");
    let token = match sweep(|out| key.sign(claims_json, kid, out)) {
        Ok(t) => t,
        Err(Error::Json(Part::Payload, e)) => {
            assert_eq!(
                authcore::json::parse_object_unique(claims_json).err(),
                Some(e)
            );
            return;
        }
        Err(Error::InvalidHeader) => {
            let kid = kid.expect("InvalidHeader without a kid");
            assert!(kid.len() > 316, "kid {kid:?} refused");
            return;
        }
        Err(e) => panic!("sign: unexpected {e:?}"),
    };
    let segs: Vec<&str> = token.split('.').collect();
    assert_eq!(segs.len(), 3, "{token}");
    // The header as JSON: the kid JSON-escaped where it needs it, read back as it was given.
    let header: serde_json::Value = URL_SAFE_NO_PAD
        .decode(segs[0])
        .ok()
        .and_then(|h| serde_json::from_slice(&h).ok())
        .expect("the header is base64url JSON");
    let expected = match kid {
        Some(kid) => serde_json::json!({"alg": alg.name(), "typ": "JWT", "kid": kid}),
        None => serde_json::json!({"alg": alg.name(), "typ": "JWT"}),
    };
    assert_eq!(header, expected);
    assert_eq!(
        URL_SAFE_NO_PAD.decode(segs[1]).ok().as_deref(),
        Some(claims_json)
    );
    let input = &token[..segs[0].len() + 1 + segs[1].len()];
    assert_eq!(
        URL_SAFE_NO_PAD.decode(segs[2]).ok(),
        Some(reference_mac(alg, SECRET, input.as_bytes()))
    );

    let lax = &policies(alg)[2];
    let mut buf = vec![SENTINEL; token.len()];
    let verified = verify(&token, &key, lax, NOW, &mut buf);
    match Claims::parse(claims_json) {
        Ok(claims) => {
            let t = verified.expect("a signed token does not verify");
            assert_eq!(t.claims(), &claims);
            assert_eq!(t.header().alg, alg);
            assert!(t.header().typ.is_some_and(|t| t.eq_str("JWT")));
            match kid {
                Some(k) => assert!(t.header().kid.is_some_and(|s| s.eq_str(k))),
                None => assert!(t.header().kid.is_none()),
            }
        }
        Err(e) => assert_eq!(verified.map(|_| ()), Err(e)),
    }
    // Under another HS algorithm's key the token never verifies.
    let other = HmacKey::new(HS[(usize::from(sel & 3) + 1) % 3], SECRET).expect("HS key");
    assert!(verify(&token, &other, lax, NOW, &mut buf).is_err());
}

/// The RS keys of the vectors, for every RS algorithm: `[alg][0]` 2048 bits, `[alg][1]`
/// 4096 bits.
fn rs_keys() -> &'static [[RsaPublicKey; 2]; 3] {
    static KEYS: OnceLock<[[RsaPublicKey; 2]; 3]> = OnceLock::new();
    KEYS.get_or_init(|| {
        RS.map(|alg| {
            [
                RsaPublicKey::from_pem(alg, crate::keys::RSA2048_PEM).expect("2048 key"),
                RsaPublicKey::from_pem(alg, crate::keys::RSA4096_PEM).expect("4096 key"),
            ]
        })
    })
}

/// The RS256 vectors: `[0]` by the 2048-bit key, `[1]` by the 4096-bit one.
fn rs_tokens() -> [&'static str; 2] {
    [
        include_str!("../../tests/vectors/rs256-2048.jwt").trim(),
        include_str!("../../tests/vectors/rs256-4096.jwt").trim(),
    ]
}

/// Arbitrary tokens under the vectors' RS keys: nothing but the vector token itself may
/// verify (a signature cannot be forged). Selector bits: 0 the key size, 1-2 the
/// algorithm, 3 instead check a raw `message 0xFF signature` with `verify_pkcs1v15`.
pub fn token_rs(data: &[u8]) {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let size = usize::from(sel & 1);
    let alg_i = usize::from((sel >> 1) & 3) % 3;
    let key = &rs_keys()[alg_i][size];
    let vector = rs_tokens()[size];
    if sel & 8 != 0 {
        let (message, signature) = match rest.iter().rposition(|&b| b == 0xFF) {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &[][..]),
        };
        let result = key.verify_pkcs1v15(message, signature);
        if signature.len() != key.signature_len() {
            assert_eq!(result, Err(Error::InvalidSignature));
        }
        if result.is_ok() {
            let (input, sig) = vector.rsplit_once('.').expect("vector");
            assert_eq!(alg_i, 0);
            assert_eq!(message, input.as_bytes(), "forged RSA signature");
            assert_eq!(Some(signature), URL_SAFE_NO_PAD.decode(sig).ok().as_deref());
        }
        return;
    }
    let Ok(token) = std::str::from_utf8(rest) else {
        return;
    };
    if check_token(token, key, false) {
        assert_eq!(token, vector, "an RS token other than the vector verified");
        assert_eq!(alg_i, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checks reach past the signature: the seeds' good tokens are accepted.
    #[test]
    fn good_tokens_are_accepted() {
        for (i, alg) in RS.into_iter().enumerate().take(1) {
            for (size, token) in rs_tokens().into_iter().enumerate() {
                assert!(check_token(token, &rs_keys()[i][size], false), "{alg:?}");
            }
        }
        let claims = br#"{"sub":"alice","exp":2000000000}"#;
        for alg in HS {
            let key = HmacKey::new(alg, SECRET).unwrap();
            let mut out = [0u8; 512];
            let token = key.sign(claims, Some("k"), &mut out).unwrap();
            assert!(check_token(token, &key, true));
        }
    }

    /// The reference MAC is the one authcore signs with.
    #[test]
    fn reference_mac_matches() {
        let key = HmacKey::new(Algorithm::HS384, SECRET).unwrap();
        let mut out = [0u8; 512];
        let token = key.sign(b"{}", None, &mut out).unwrap();
        let (input, sig) = token.rsplit_once('.').unwrap();
        let mac = reference_mac(Algorithm::HS384, SECRET, input.as_bytes());
        assert_eq!(sig, URL_SAFE_NO_PAD.encode(mac));
    }
}
