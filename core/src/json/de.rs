//! A serde `Deserializer` for the caller's own claims type, over a claims set's JSON text.
//!
//! It replaces serde-json-core for [`crate::Claims::deserialize`] because that crate parses
//! text the claims reader has already validated as if it were new: it checks every
//! string's UTF-8 again and walks strings a byte at a time (its cost: BENCHMARKS.md, "The
//! speed job"). This one reads a `&str`,
//! so a string is a slice of it; it finds a string's end a word at a time with the
//! validating scan's own [`skip_plain`]; and it never indexes, so it cannot panic.
//!
//! It still checks the structure it walks through (what comes where, the literals) and
//! reads numbers with `core`'s parsers, so text that is not the validated one, as
//! [`crate::Claims::from_spans`] may be handed, ends in an error or in what the text
//! plausibly says, never in a panic or a read past its end.
//!
//! What a type gets, as with serde-json-core and `serde_json` (`tests/claims_deserialize.rs`
//! holds it to both):
//! - a string without escapes is lent (`visit_borrowed_str`); one with escapes is decoded
//!   into the caller's scratch buffer and handed over for copying (`visit_str`), so a
//!   borrowed `&str` field cannot take it, and one longer than the buffer is an error;
//!   strings of members the type ignores are skipped, never decoded;
//! - integers of every width from number text without a fraction or exponent, within the
//!   type's range (`-0` is 0, which `serde_json`, reading it as the float -0.0, refuses);
//! - floats from any number within `f64`'s range (beyond it an error, as in `serde_json`;
//!   an `f32` through `f64`, as there), and `null` as NaN (as serde-json-core, which
//!   writes NaN as `null`);
//! - `deserialize_any` (which serde-json-core refuses) as `serde_json` does: an integer as
//!   `u64` or `i64` (beyond both, and `-0`, `f64`), other numbers as `f64`;
//! - structs from an object, or from the array of their fields' values;
//! - map keys as strings, or as the integer their text holds for integer key types;
//! - enums as a variant's name, or an object of one member for a variant with content;
//! - bytes as a string's bytes, or an array of numbers.

use core::fmt;
use core::str::FromStr;

use serde::de::{self, DeserializeSeed, Visitor};

use super::{JsonStr, scan_literal, skip_number, skip_plain, skip_ws};

/// Why the text did not fit the type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DeError {
    /// The text is not JSON where the reader stands.
    Syntax,
    /// The value is not of the kind the type asks for.
    Type,
    /// A number outside the type's range.
    Number,
    /// An escaped string longer, decoded, than the scratch buffer.
    TooLong,
    /// The type refused the value (a missing field, an unknown variant, ...).
    Custom,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DeError::Syntax => "malformed JSON",
            DeError::Type => "a value of another type",
            DeError::Number => "a number out of range",
            DeError::TooLong => "an escaped string longer than the scratch buffer",
            DeError::Custom => "the type refused the value",
        })
    }
}

impl core::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        DeError::Custom
    }
}

type Result<T> = core::result::Result<T, DeError>;

/// Deserializes `T` from the whole of `text` (one JSON value, white space around it
/// allowed), decoding escaped strings through `scratch`.
pub(crate) fn from_str<'de, T: de::Deserialize<'de>>(
    text: &'de str,
    scratch: &mut [u8],
) -> Result<T> {
    let mut d = Deserializer {
        text,
        pos: 0,
        depth: 0,
        scratch,
    };
    let value = T::deserialize(&mut d)?;
    match d.peek() {
        None => Ok(value),
        Some(_) => Err(DeError::Syntax),
    }
}

/// The reader: the text, where it stands, how many containers it is inside, and the buffer
/// escaped strings decode into.
struct Deserializer<'de, 's> {
    text: &'de str,
    pos: usize,
    depth: usize,
    scratch: &'s mut [u8],
}

/// A string as it stands in the text, between its quotes.
enum Str<'de> {
    /// Without escapes: the string itself.
    Plain(&'de str),
    /// With escapes, still to be decoded.
    Escaped(&'de str),
}

impl<'de> Deserializer<'de, '_> {
    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    /// Runs `read` one container deeper. A type that recurses with the text (`serde_json`'s
    /// `Value`, say) recurses once per level, so the levels are limited as in the validating
    /// scan: the validated text never reaches the limit, and other text cannot take the
    /// stack.
    fn nested<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.depth >= super::MAX_DEPTH {
            return Err(DeError::Syntax);
        }
        self.depth += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    /// The next byte after white space, which is skipped.
    fn peek(&mut self) -> Option<u8> {
        self.pos = skip_ws(self.bytes(), self.pos);
        self.bytes().get(self.pos).copied()
    }

    /// Consumes `c` after white space, or fails.
    fn expect(&mut self, c: u8) -> Result<()> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(DeError::Syntax)
        }
    }

    /// Checks that the value at the reader (after white space) begins as the type asks
    /// (`starts`): another value there is of the wrong type, the text's end is malformed.
    fn at_value(&mut self, starts: impl FnOnce(u8) -> bool) -> Result<()> {
        match self.peek() {
            Some(c) if starts(c) => Ok(()),
            Some(_) => Err(DeError::Type),
            None => Err(DeError::Syntax),
        }
    }

    /// Consumes the opening `c` of the container the type asks for.
    fn open(&mut self, c: u8) -> Result<()> {
        self.at_value(|found| found == c)?;
        self.pos += 1;
        Ok(())
    }

    /// Consumes the literal `lit` (`true`, `false`, `null`) after white space.
    fn literal(&mut self, lit: &[u8]) -> Result<()> {
        self.peek();
        self.pos = scan_literal(self.bytes(), self.pos, lit).map_err(|_| DeError::Syntax)?;
        Ok(())
    }

    /// The string at the reader (after white space), which it steps over.
    fn string(&mut self) -> Result<Str<'de>> {
        self.at_value(|c| c == b'"')?;
        let b = self.bytes();
        let start = self.pos + 1;
        let mut i = start;
        let mut escaped = false;
        loop {
            i = skip_plain(b, i);
            match b.get(i) {
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    // The escaped character is never the closing quote; `\uXXXX`'s digits
                    // are plain bytes the next skip walks over.
                    i += 2;
                }
                Some(0x20..) => i += 1,
                Some(_) | None => return Err(DeError::Syntax),
            }
        }
        let raw = self.text.get(start..i).ok_or(DeError::Syntax)?;
        self.pos = i + 1;
        Ok(if escaped {
            Str::Escaped(raw)
        } else {
            Str::Plain(raw)
        })
    }

    /// Hands the string at the reader to `visitor`: lent, or decoded into the scratch buffer.
    fn visit_string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Str::Plain(s) => visitor.visit_borrowed_str(s),
            Str::Escaped(raw) => visitor.visit_str(decode(raw, self.scratch)?),
        }
    }

    /// The number text at the reader (after white space), which it steps over; whether it is
    /// an integer (no fraction, no exponent).
    fn number(&mut self) -> Result<(&'de str, bool)> {
        self.at_value(starts_number)?;
        let start = self.pos;
        let end = skip_number(self.bytes(), start);
        let text = self.text.get(start..end).ok_or(DeError::Syntax)?;
        self.pos = end;
        let integer = !text.bytes().any(|c| matches!(c, b'.' | b'e' | b'E'));
        Ok((text, integer))
    }

    /// The integer at the reader, of type `T`: number text with no fraction or exponent,
    /// within `T`'s range. Read digit by digit as it is stepped over; only a magnitude past
    /// `u64` (for the 128-bit types) goes through `FromStr`.
    fn integer<T: TryFrom<i128> + FromStr>(&mut self) -> Result<T> {
        self.at_value(starts_number)?;
        let b = self.bytes();
        let start = self.pos;
        let negative = b.get(start) == Some(&b'-');
        let digits = start + usize::from(negative);
        let mut i = digits;
        let mut magnitude = Some(0u64);
        while let Some(&d @ b'0'..=b'9') = b.get(i) {
            magnitude = magnitude
                .and_then(|m| m.checked_mul(10))
                .and_then(|m| m.checked_add(u64::from(d - b'0')));
            i += 1;
        }
        if i == digits {
            return Err(DeError::Syntax);
        }
        if let Some(b'.' | b'e' | b'E') = b.get(i) {
            return Err(DeError::Type);
        }
        self.pos = i;
        let Some(magnitude) = magnitude else {
            let text = self.text.get(start..i).ok_or(DeError::Syntax)?;
            return text.parse().map_err(|_| DeError::Number);
        };
        // `-0` is zero for unsigned types too.
        let magnitude = i128::from(magnitude);
        T::try_from(if negative { -magnitude } else { magnitude }).map_err(|_| DeError::Number)
    }

    /// The float at the reader: any number, or `null` as NaN.
    fn float(&mut self) -> Result<f64> {
        if self.peek() == Some(b'n') {
            self.literal(b"null")?;
            return Ok(f64::NAN);
        }
        let (text, _) = self.number()?;
        finite(text)
    }

    /// Steps over the value at the reader, whatever it is, checking the structure as it
    /// goes. No recursion: one bit per open container (set for an object), so a deep `[[[…`
    /// costs no stack; past [`super::MAX_DEPTH`] it is an error, as in the validating scan.
    fn skip_value(&mut self) -> Result<()> {
        let mut objects = 0u64;
        let mut depth = 0;
        loop {
            match self.peek().ok_or(DeError::Syntax)? {
                b'"' => {
                    self.string()?;
                }
                open @ (b'{' | b'[') => {
                    if depth == super::MAX_DEPTH {
                        return Err(DeError::Syntax);
                    }
                    let object = open == b'{';
                    objects = objects << 1 | u64::from(object);
                    depth += 1;
                    self.pos += 1;
                    let empty = self.peek() == Some(if object { b'}' } else { b']' });
                    if !empty {
                        if object {
                            self.member_name()?;
                        }
                        continue;
                    }
                }
                b't' => self.literal(b"true")?,
                b'f' => self.literal(b"false")?,
                b'n' => self.literal(b"null")?,
                _ => {
                    self.number()?;
                }
            }
            // After a value (or at an empty container's end): close what ends here, or go
            // on to the next member or element.
            loop {
                if depth == 0 {
                    return Ok(());
                }
                let object = objects & 1 == 1;
                match self.peek() {
                    Some(b'}') if object => {}
                    Some(b']') if !object => {}
                    Some(b',') => {
                        self.pos += 1;
                        if object {
                            self.member_name()?;
                        }
                        break;
                    }
                    _ => return Err(DeError::Syntax),
                }
                self.pos += 1;
                depth -= 1;
                objects >>= 1;
            }
        }
    }

    /// Steps to the next element or member of a container that `close` ends: over the
    /// comma before it unless it is the `first`; `false` at the container's end.
    fn next_entry(&mut self, first: &mut bool, close: u8) -> Result<bool> {
        match self.peek() {
            Some(c) if c == close => return Ok(false),
            Some(b',') if !*first => self.pos += 1,
            Some(_) if *first => {}
            _ => return Err(DeError::Syntax),
        }
        *first = false;
        Ok(true)
    }

    /// Steps over a member's name and the colon after it.
    fn member_name(&mut self) -> Result<()> {
        if self.peek() != Some(b'"') {
            return Err(DeError::Syntax);
        }
        self.string()?;
        self.expect(b':')
    }
}

/// Whether a JSON number can begin with `c`.
fn starts_number(c: u8) -> bool {
    matches!(c, b'-' | b'0'..=b'9')
}

/// The value of number text, refused when beyond `f64`'s range (as `serde_json` refuses it)
/// rather than read as an infinity.
fn finite(text: &str) -> Result<f64> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err(DeError::Number),
        Err(_) => Err(DeError::Syntax),
    }
}

/// Decodes the escaped string `raw` into `scratch`.
fn decode<'s>(raw: &str, scratch: &'s mut [u8]) -> Result<&'s str> {
    JsonStr::from_parts(raw, true)
        .decode_into(scratch)
        .map_err(|_| DeError::TooLong)
}

/// The integer methods of a `Deserializer` whose `integer` reads the type the visitor takes.
macro_rules! integers {
    ($($method:ident $visit:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            visitor.$visit(self.integer()?)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek().ok_or(DeError::Syntax)? {
            b'"' => self.visit_string(visitor),
            b'{' => self.deserialize_map(visitor),
            b'[' => self.deserialize_seq(visitor),
            b't' | b'f' => self.deserialize_bool(visitor),
            b'n' => self.deserialize_unit(visitor),
            _ => {
                let (text, integer) = self.number()?;
                if integer {
                    if let Ok(v) = text.parse::<u64>() {
                        return visitor.visit_u64(v);
                    }
                    // `-0` goes on to be the float -0.0, as `serde_json` reads it.
                    match text.parse::<i64>() {
                        Ok(0) | Err(_) => {}
                        Ok(v) => return visitor.visit_i64(v),
                    }
                }
                visitor.visit_f64(finite(text)?)
            }
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek() {
            Some(b't') => {
                self.literal(b"true")?;
                visitor.visit_bool(true)
            }
            Some(b'f') => {
                self.literal(b"false")?;
                visitor.visit_bool(false)
            }
            Some(_) => Err(DeError::Type),
            None => Err(DeError::Syntax),
        }
    }

    integers!(
        deserialize_i8 visit_i8, deserialize_i16 visit_i16, deserialize_i32 visit_i32,
        deserialize_i64 visit_i64, deserialize_i128 visit_i128, deserialize_u8 visit_u8,
        deserialize_u16 visit_u16, deserialize_u32 visit_u32, deserialize_u64 visit_u64,
        deserialize_u128 visit_u128
    );

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // Through `f64`, as `serde_json` reads an `f32`.
        visitor.visit_f32(self.float()? as f32)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_f64(self.float()?)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_string(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_string(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek() {
            Some(b'[') => self.deserialize_seq(visitor),
            _ => match self.string()? {
                Str::Plain(s) => visitor.visit_borrowed_bytes(s.as_bytes()),
                Str::Escaped(raw) => visitor.visit_bytes(decode(raw, self.scratch)?.as_bytes()),
            },
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.peek() == Some(b'n') {
            self.literal(b"null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek() {
            Some(b'n') => {
                self.literal(b"null")?;
                visitor.visit_unit()
            }
            Some(_) => Err(DeError::Type),
            None => Err(DeError::Syntax),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.open(b'[')?;
        let value = self.nested(|de| visitor.visit_seq(Elements { de, first: true }))?;
        self.expect(b']')?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.open(b'{')?;
        let value = self.nested(|de| visitor.visit_map(Members { de, first: true }))?;
        self.expect(b'}')?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // A struct may also be written as the array of its fields' values, as `serde_json`
        // reads it.
        if self.peek() == Some(b'[') {
            return self.deserialize_seq(visitor);
        }
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.peek() {
            Some(b'"') => visitor.visit_enum(UnitVariant { de: self }),
            Some(b'{') => {
                self.pos += 1;
                let value = self.nested(|de| visitor.visit_enum(Variant { de }))?;
                self.expect(b'}')?;
                Ok(value)
            }
            Some(_) => Err(DeError::Type),
            None => Err(DeError::Syntax),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_string(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip_value()?;
        visitor.visit_unit()
    }
}

/// The elements of an array, for `visit_seq`.
struct Elements<'a, 'de, 's> {
    de: &'a mut Deserializer<'de, 's>,
    first: bool,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.de.next_entry(&mut self.first, b']')? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.de).map(Some)
    }
}

/// The members of an object, for `visit_map`.
struct Members<'a, 'de, 's> {
    de: &'a mut Deserializer<'de, 's>,
    first: bool,
}

impl<'de> de::MapAccess<'de> for Members<'_, 'de, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.de.next_entry(&mut self.first, b'}')? {
            return Ok(None);
        }
        if self.de.peek() != Some(b'"') {
            return Err(DeError::Syntax);
        }
        seed.deserialize(Key { de: &mut *self.de }).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.de.expect(b':')?;
        seed.deserialize(&mut *self.de)
    }
}

/// A member's name, for the map's key type: a string, or the integer its text holds.
struct Key<'a, 'de, 's> {
    de: &'a mut Deserializer<'de, 's>,
}

impl<'de> Key<'_, 'de, '_> {
    /// The integer the name's text holds, for integer key types (as `serde_json` reads them).
    fn integer<T: FromStr>(self) -> Result<T> {
        match self.de.string()? {
            // `FromStr` takes a leading `+`, which `serde_json` refuses in a key.
            Str::Plain(s) if !s.starts_with('+') => s.parse().map_err(|_| DeError::Type),
            _ => Err(DeError::Type),
        }
    }
}

impl<'de> de::Deserializer<'de> for Key<'_, 'de, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.de.visit_string(visitor)
    }

    integers!(
        deserialize_i8 visit_i8, deserialize_i16 visit_i16, deserialize_i32 visit_i32,
        deserialize_i64 visit_i64, deserialize_i128 visit_i128, deserialize_u8 visit_u8,
        deserialize_u16 visit_u16, deserialize_u32 visit_u32, deserialize_u64 visit_u64,
        deserialize_u128 visit_u128
    );

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(UnitVariant { de: self.de })
    }

    serde::forward_to_deserialize_any! {
        bool f32 f64 char str string bytes byte_buf option unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// An enum written as its variant's name: a unit variant.
struct UnitVariant<'a, 'de, 's> {
    de: &'a mut Deserializer<'de, 's>,
}

impl<'de> de::EnumAccess<'de> for UnitVariant<'_, 'de, '_> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let variant = seed.deserialize(&mut *self.de)?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'_, 'de, '_> {
    type Error = DeError;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value> {
        Err(DeError::Type)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(DeError::Type)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        Err(DeError::Type)
    }
}

/// An enum written as an object of one member: the variant's name, then its content.
struct Variant<'a, 'de, 's> {
    de: &'a mut Deserializer<'de, 's>,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de, '_> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let variant = seed.deserialize(&mut *self.de)?;
        self.de.expect(b':')?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de, '_> {
    type Error = DeError;

    fn unit_variant(self) -> Result<()> {
        de::Deserialize::deserialize(self.de)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(self.de)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_seq(self.de, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_struct(self.de, "", fields, visitor)
    }
}
