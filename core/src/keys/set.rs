//! A fixed-capacity set of keys loaded from a JWKS, from which a token's key is picked by
//! its `kid` and algorithm.

use core::fmt;
use core::mem::{align_of, offset_of, size_of};

use crate::algorithm::Algorithm;
use crate::error::{Error, KeyError};
use crate::json::{self, JsonStr, Object, Value};
use crate::keys::VerifyingKey;
use crate::keys::any::{AnyKey, payload_offset};
use crate::keys::rsa::MAX_JWK_MEMBERS;
use crate::keys::rsa::jwk::string;

/// The longest `kid` a [`KeySet`] holds, in bytes (decoded): room for the usual ones
/// (thumbprints in base64url or hex of SHA-256, UUIDs, dates). A usable key with a longer
/// one refuses the whole JWKS ([`KeyError::KidTooLong`]) rather than being dropped unseen.
pub const MAX_KEY_SET_KID_LEN: usize = 64;

/// A set of at most `N` verification keys, each with its `kid` and pinned to one algorithm,
/// loaded whole from a JWKS and replaced whole when the issuer rotates its keys. Nothing is
/// allocated: the keys are stored inline, `N` slots sized for the largest key type (an
/// RSA-4096 key), so `size_of::<KeySet<N>>()` is about 1.2 KiB per slot (the `key_set`
/// test prints it); keep a large one in a `static` or on the heap of a host, not on a
/// small stack.
///
/// # Loading
///
/// [`KeySet::from_jwks`] and [`KeySet::replace_from_jwks`] read `{"keys": [ … ]}`. Each
/// key's algorithm is its `alg` member; without one, its type decides where it can (`EC`
/// on `P-256` is ES256, on `P-384` ES384, `OKP` on `Ed25519` EdDSA), and for `RSA` and
/// `oct` keys, whose type fits several algorithms, the caller's `default_alg` decides: it
/// applies only to keys of its own family (an RS or PS algorithm to `RSA` keys, an HS one to
/// `oct`), and with `None` such keys are skipped. Guessing RS256 for every RSA key, as some
/// libraries do, would pin a key to an algorithm nobody chose.
///
/// Skipped, as PyJWT's `PyJWKSet` skips them, and counted ([`KeySet::skipped`]): keys
/// whose `use` is not `sig`, whose type or algorithm this build does not verify (an
/// encryption key, an ES256 key without the `es256` feature), whose algorithm cannot be
/// told, whose `kid` is not a string, or whose material does not load (a 1024-bit modulus,
/// a point off its curve, malformed base64url).
///
/// Refused, leaving the set as it was: malformed JSON, a member name repeated in the
/// document or a key, or a key of more than [`MAX_JWK_MEMBERS`] members
/// ([`KeyError::Json`]); a missing `keys` array or an element that is not an object
/// ([`KeyError::JwkMember`]`("keys")`); no usable key ([`KeyError::NoUsableKey`]); more than
/// `N` ([`KeyError::TooManyKeys`], never a truncated set); two usable keys with the same
/// `kid` and algorithm ([`KeyError::DuplicateKid`]: which one the issuer meant cannot be
/// told); a usable key whose `kid` is longer than [`MAX_KEY_SET_KID_LEN`]
/// ([`KeyError::KidTooLong`]). Keys without a `kid` are kept.
///
/// # Choosing a token's key
///
/// [`KeySet::verify`] (and [`KeySet::key_for`]) reads the token's header first: its `alg`
/// must be the policy's; then a token with a `kid` gets the key with that `kid` and that
/// algorithm ([`Error::UnknownKeyId`] when no key has the `kid`,
/// [`KeyError::WrongAlgorithm`] when the keys with it are all for other algorithms, so an
/// HS256 token naming an RSA key's `kid` never reaches that key). A token without a `kid`
/// gets the set's one key of the policy's algorithm, only if there is exactly one
/// ([`Error::MissingKeyId`] for several, [`KeyError::WrongAlgorithm`] for none). The key
/// then verifies the token as [`crate::verify`] does.
///
/// ```
/// use authcore::{Algorithm, Error, HmacKey, KeySet, Validation};
///
/// // An `oct` key for the example; a provider's jwks.json holds RSA or EC keys.
/// let jwks = br#"{"keys":[
///     {"kty":"oct","kid":"2024-01","alg":"HS256","k":"YS1zaGFyZWQtc2VjcmV0LW9mLWF0LWxlYXN0LTMyLWJ5dGVz"},
///     {"kty":"RSA","kid":"enc-1","use":"enc","n":"AQAB","e":"AQAB"}
/// ]}"#;
/// let set = KeySet::<4>::from_jwks(jwks, None).unwrap();
/// assert_eq!((set.len(), set.skipped()), (1, 1)); // the encryption key is skipped
///
/// let signer = HmacKey::hs256(b"a-shared-secret-of-at-least-32-bytes").unwrap();
/// let mut out = [0u8; 256];
/// let token = signer.sign(br#"{"exp":1700000600}"#, Some("2024-01"), &mut out).unwrap();
/// let policy = Validation::new(Algorithm::HS256);
/// let mut buf = [0u8; 256];
/// let verified = set.verify(token, &policy, 1_700_000_000, &mut buf).unwrap();
/// assert_eq!(verified.claims().exp, Some(1_700_000_600));
///
/// let other = signer.sign(br#"{"exp":1700000600}"#, Some("2023-12"), &mut out).unwrap();
/// assert_eq!(set.verify(other, &policy, 1_700_000_000, &mut buf), Err(Error::UnknownKeyId));
/// ```
#[derive(Clone)]
#[repr(C)]
pub struct KeySet<const N: usize> {
    /// The keys, in the JWKS's order, then vacant slots.
    slots: [Slot; N],
    /// How many keys of the JWKS were skipped.
    skipped: u32,
}

/// One place for a key. `repr(u32)`: a 32-bit tag (0 vacant, 1 used) then the entry, at
/// places RFC 2195 fixes ([`KeySet::memory_valid`] reads them).
#[derive(Clone)]
#[allow(clippy::large_enum_variant)] // slots are an array: each is as large as the largest
#[repr(u32)]
enum Slot {
    Vacant = 0,
    Used(Entry) = 1,
}

#[derive(Clone)]
#[repr(C)]
struct Entry {
    key: AnyKey,
    kid: Kid,
}

/// A `kid`, decoded, as plain bytes: any bytes are a value of it (a length beyond the
/// array or bytes that are not UTF-8 read as no `kid`).
#[derive(Clone)]
#[repr(C)]
struct Kid {
    /// The length in bytes, or [`Kid::ABSENT`].
    len: u8,
    bytes: [u8; MAX_KEY_SET_KID_LEN],
}

const _: () = assert!(MAX_KEY_SET_KID_LEN < Kid::ABSENT as usize);

impl Kid {
    const ABSENT: u8 = u8::MAX;
    const NONE: Kid = Kid {
        len: Kid::ABSENT,
        bytes: [0; MAX_KEY_SET_KID_LEN],
    };

    fn new(kid: JsonStr<'_>) -> Result<Self, KeyError> {
        let mut bytes = [0; MAX_KEY_SET_KID_LEN];
        let too_long = KeyError::KidTooLong {
            max: MAX_KEY_SET_KID_LEN,
        };
        let len = kid.decode_into(&mut bytes).map_err(|_| too_long)?.len();
        Ok(Kid {
            len: u8::try_from(len).map_err(|_| too_long)?,
            bytes,
        })
    }

    fn get(&self) -> Option<&str> {
        let bytes = self.bytes.get(..usize::from(self.len))?;
        core::str::from_utf8(bytes).ok()
    }
}

impl<const N: usize> KeySet<N> {
    /// An empty set: every token is refused until keys are loaded.
    pub const fn new() -> Self {
        KeySet {
            slots: [const { Slot::Vacant }; N],
            skipped: 0,
        }
    }

    /// A set of the usable keys of a JWKS (see the type's documentation for what is
    /// skipped and what refused). `default_alg` is the algorithm of `RSA` or `oct` keys
    /// without an `alg` member, `None` to skip them.
    pub fn from_jwks(jwks: &[u8], default_alg: Option<Algorithm>) -> Result<Self, Error> {
        let mut set = Self::new();
        set.replace_from_jwks(jwks, default_alg)?;
        Ok(set)
    }

    /// Replaces every key with the usable keys of a JWKS, as [`KeySet::from_jwks`] loads
    /// them; on any error the set is left exactly as it was.
    ///
    /// The JWKS is read twice: once to check all of it, keeping only each usable key's
    /// `kid` and algorithm (about 70 bytes a key on the stack), then to load the keys into
    /// their slots. The set is thus never half-loaded, without the room of a second set:
    /// reading is deterministic, so the second reading finds what the first checked (were
    /// it ever to fail, the set would be emptied and the error returned).
    pub fn replace_from_jwks(
        &mut self,
        jwks: &[u8],
        default_alg: Option<Algorithm>,
    ) -> Result<(), Error> {
        let mut seen = heapless::Vec::<(Kid, Algorithm), N>::new();
        walk(jwks, default_alg, &mut |kid, key| {
            let alg = key.algorithm();
            if kid.get().is_some() && (seen.iter()).any(|(k, a)| *a == alg && k.get() == kid.get())
            {
                return Err(KeyError::DuplicateKid.into());
            }
            (seen.push((kid, alg))).map_err(|_| KeyError::TooManyKeys { capacity: N }.into())
        })?;
        if seen.is_empty() {
            return Err(KeyError::NoUsableKey.into());
        }
        self.clear();
        let mut slots = self.slots.iter_mut();
        let loaded = walk(jwks, default_alg, &mut |kid, key| {
            let slot = slots.next().ok_or(KeyError::TooManyKeys { capacity: N })?;
            *slot = Slot::Used(Entry { key, kid });
            Ok(())
        });
        match loaded {
            Ok(skipped) => {
                self.skipped = skipped;
                Ok(())
            }
            Err(e) => {
                self.clear();
                Err(e)
            }
        }
    }

    /// Removes every key (HMAC secrets are wiped as their keys drop).
    pub fn clear(&mut self) {
        for slot in &mut self.slots {
            *slot = Slot::Vacant;
        }
        self.skipped = 0;
    }

    /// The number of keys held.
    pub fn len(&self) -> usize {
        self.entries().count()
    }

    /// Whether the set holds no key.
    pub fn is_empty(&self) -> bool {
        self.entries().next().is_none()
    }

    /// The most keys the set holds, `N`.
    pub const fn capacity(&self) -> usize {
        N
    }

    /// How many keys of the last JWKS loaded were skipped as unusable.
    pub fn skipped(&self) -> usize {
        self.skipped as usize
    }

    /// The keys with their `kid`s, in the JWKS's order.
    pub fn iter(&self) -> impl Iterator<Item = (Option<&str>, &AnyKey)> {
        self.entries().map(|e| (e.kid.get(), &e.key))
    }

    /// The key with `kid` `kid` and algorithm `algorithm`, if the set has it.
    pub fn get(&self, kid: &str, algorithm: Algorithm) -> Option<&AnyKey> {
        self.entries()
            .find(|e| e.kid.get() == Some(kid) && e.key.algorithm() == algorithm)
            .map(|e| &e.key)
    }

    /// The key for a token of `algorithm` (the policy's, which the token's `alg` must be)
    /// with the header's `kid`, chosen as the type's documentation says; its errors:
    /// [`Error::UnknownKeyId`], [`Error::MissingKeyId`], [`KeyError::WrongAlgorithm`].
    pub fn key_for(
        &self,
        algorithm: Algorithm,
        kid: Option<JsonStr<'_>>,
    ) -> Result<&AnyKey, Error> {
        let fits = |e: &&Entry| e.key.algorithm() == algorithm;
        match kid {
            Some(kid) => {
                let mut named = self
                    .entries()
                    .filter(|e| e.kid.get().is_some_and(|k| kid.eq_str(k)))
                    .peekable();
                if named.peek().is_none() {
                    return Err(Error::UnknownKeyId);
                }
                named.find(fits).map(|e| &e.key)
            }
            None => {
                let mut candidates = self.entries().filter(fits);
                let first = candidates.next();
                if candidates.next().is_some() {
                    return Err(Error::MissingKeyId);
                }
                first.map(|e| &e.key)
            }
        }
        .ok_or(KeyError::WrongAlgorithm.into())
    }

    fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.slots.iter().map_while(|s| match s {
            Slot::Used(e) => Some(e),
            Slot::Vacant => None,
        })
    }

    /// Whether the `size_of::<KeySet<N>>()` bytes that `byte_at` reads (by offset from the
    /// start) hold, in every place the layout fixes for a discriminant, a value it may
    /// take: each slot's tag, and in each used slot its key's ([`AnyKey::memory_valid`]).
    /// Every other byte (the `kid`s, the counts, the keys' integers) is valid with any
    /// value. For code that must check memory it does not own before reading it as a key
    /// set (see [`crate::Discriminant`]).
    pub fn memory_valid(byte_at: impl Fn(usize) -> u8) -> bool {
        let entry = payload_offset::<Entry>();
        let key = entry + offset_of!(Entry, key);
        (0..N).all(|i| {
            let slot = offset_of!(Self, slots) + i * size_of::<Slot>();
            let at = |o: usize| byte_at(slot + o);
            match u32::from_ne_bytes([at(0), at(1), at(2), at(3)]) {
                0 => true,
                1 => AnyKey::memory_valid(|o| at(key + o)),
                _ => false,
            }
        })
    }
}

// `payload_offset` is `align_of`-based: an entry must not be less aligned than its tag.
const _: () = assert!(align_of::<Entry>() >= 4);

impl<const N: usize> Default for KeySet<N> {
    fn default() -> Self {
        Self::new()
    }
}

/// The `kid`s and keys, whose `Debug` shows no secret.
impl<const N: usize> fmt::Debug for KeySet<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Reads a JWKS and hands each usable key, with its `kid`, to `visit`; returns how many
/// keys were skipped. The errors are the document's (see [`KeySet`]) and `visit`'s.
fn walk(
    jwks: &[u8],
    default_alg: Option<Algorithm>,
    visit: &mut dyn FnMut(Kid, AnyKey) -> Result<(), Error>,
) -> Result<u32, Error> {
    let doc = json::parse_object_unique(jwks).map_err(KeyError::Json)?;
    let Some(Value::Array(keys)) = doc.get("keys") else {
        return Err(KeyError::JwkMember("keys").into());
    };
    let mut skipped = 0u32;
    for key in keys.iter() {
        let Value::Object(key) = key else {
            return Err(KeyError::JwkMember("keys").into());
        };
        // RFC 7517 §4: a repeated member name refuses the document, as in
        // `RsaPublicKey::from_jwks`: readers keeping the first or the last would differ.
        key.check_unique_names_within::<MAX_JWK_MEMBERS>()
            .map_err(KeyError::Json)?;
        match usable(key, default_alg)? {
            Some((kid, key)) => visit(kid, key)?,
            None => skipped = skipped.saturating_add(1),
        }
    }
    Ok(skipped)
}

/// The key a JWK holds and its `kid`, or `None` for a key to skip. Out of line, as the
/// loaders it calls: both readings of a JWKS share one copy (the C library's code size).
#[inline(never)]
fn usable(jwk: Object<'_>, default_alg: Option<Algorithm>) -> Result<Option<(Kid, AnyKey)>, Error> {
    let Some(alg) = algorithm_of(jwk, default_alg) else {
        return Ok(None);
    };
    // `use` other than `sig`, a `kty` that is not the algorithm's, bad material: skipped.
    let Ok(key) = AnyKey::from_jwk(alg, jwk.text().as_bytes()) else {
        return Ok(None);
    };
    let kid = match jwk.get("kid") {
        None => Kid::NONE,
        Some(v) => match v.as_json_str() {
            Some(kid) => Kid::new(kid)?,
            None => return Ok(None),
        },
    };
    Ok(Some((kid, key)))
}

/// A JWK's algorithm, as [`KeySet`] tells it, if this build verifies it.
fn algorithm_of(jwk: Object<'_>, default_alg: Option<Algorithm>) -> Option<Algorithm> {
    let kty = string(jwk, "kty")?;
    let alg = match jwk.get("alg") {
        Some(alg) => {
            let alg = alg.as_json_str()?;
            Algorithm::ALL.into_iter().find(|a| is(alg, a.name()))?
        }
        None => {
            let crv = string(jwk, "crv");
            let crv = |name: &str| crv.is_some_and(|c| is(c, name));
            if is(kty, "EC") && crv("P-256") {
                Algorithm::ES256
            } else if is(kty, "EC") && crv("P-384") {
                Algorithm::ES384
            } else if is(kty, "OKP") && crv("Ed25519") {
                Algorithm::EdDSA
            } else if is(kty, "RSA") {
                default_alg.filter(|a| a.is_rsa_pkcs1() || a.is_rsa_pss())?
            } else if is(kty, "oct") {
                default_alg.filter(|a| a.is_hmac())?
            } else {
                return None;
            }
        }
    };
    Algorithm::SUPPORTED.contains(&alg).then_some(alg)
}

/// [`JsonStr::eq_str`], out of line: one copy of the unescaping comparison for every
/// name compared above (the C library's code size).
#[inline(never)]
fn is(s: JsonStr<'_>, name: &str) -> bool {
    s.eq_str(name)
}
