//! A small allocation-free JSON reader: validates a whole text once, then hands out borrowed
//! views of its objects, arrays, strings and numbers.
//!
//! Strings stay escaped in the text ([`JsonStr`]) and are decoded on demand, so nothing is
//! copied. Nesting is tracked with a bit stack instead of recursion, so a hostile
//! `[[[[…` costs no stack; it is refused past [`MAX_DEPTH`].

use core::str::Chars;

use crate::error::{Error, JsonError};

pub(crate) mod de;

/// The deepest nesting of objects and arrays accepted.
pub const MAX_DEPTH: usize = 64;

/// The most members one object may have where member names are checked for duplicates
/// (the claims set and the JOSE header).
pub const MAX_MEMBERS: usize = 256;

/// A JSON string as it stands in the text, escapes intact, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct JsonStr<'a> {
    raw: &'a str,
    escaped: bool,
}

/// A JSON value borrowed from a validated text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Value<'a> {
    /// A string.
    String(JsonStr<'a>),
    /// A number, as its text (validated JSON number grammar).
    Number(&'a str),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// An object.
    Object(Object<'a>),
    /// An array.
    Array(Array<'a>),
}

/// A validated JSON object, `{` to `}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Object<'a> {
    text: &'a str,
}

/// A validated JSON array, `[` to `]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Array<'a> {
    text: &'a str,
}

/// Validates `text` as one JSON object (with surrounding white space only).
pub fn parse_object(text: &[u8]) -> Result<Object<'_>, JsonError> {
    parse_object_noting(text, None)
}

/// Validates `text` as one JSON object, as [`parse_object`], and refuses duplicate member
/// names and more than [`MAX_MEMBERS`] members, as [`Object::check_unique_names`], in the same
/// pass: the names are noted while the text is validated, so no second walk is needed for
/// the usual small object (the claims set, the JOSE header).
pub fn parse_object_unique(text: &[u8]) -> Result<Object<'_>, JsonError> {
    parse_object_unique_visiting(text, None)
}

/// What a reader of an object's top-level members is told while the object is validated
/// ([`parse_object_unique_visiting`]): so that it needs no walk of its own over the text.
pub(crate) trait Visit<'t> {
    /// The next top-level member: its name (validated, escapes intact) and where its value
    /// begins in the text given to [`parse_object_unique_visiting`] (for
    /// [`Object::value_at`] once the object is validated).
    fn member(&mut self, name: JsonStr<'t>, value: usize);
}

/// [`parse_object_unique`], telling `visit` each top-level member's name and the place of
/// its value in document order as they are validated. A reader reads the values it wants
/// once this returned `Ok`: the JSON's verdicts come first, and the reader's work (number
/// and string checks) does not sit on the stack above the validation's.
pub(crate) fn parse_object_unique_visiting<'t>(
    text: &'t [u8],
    visit: Option<&mut dyn Visit<'t>>,
) -> Result<Object<'t>, JsonError> {
    let mut names = Names {
        start: [0; FAST_NAMES],
        len: [0; FAST_NAMES],
        escaped: 0,
        count: 0,
        overflow: false,
        visit,
    };
    let object = parse_object_noting(text, Some(&mut names))?;
    if usize::from(names.count) > MAX_MEMBERS {
        return Err(JsonError::TooManyMembers);
    }
    if names.overflow {
        object.check_unique_names()?;
    } else {
        check_noted_names(text, &names)?;
    }
    Ok(object)
}

/// Refuses two of the noted names that are the same, comparing them where they stand in
/// `text`. Out of line, so that its keys take stack only after the scan has returned.
#[inline(never)]
fn check_noted_names(text: &[u8], names: &Names<'_, '_>) -> Result<(), JsonError> {
    let count = usize::from(names.count).min(FAST_NAMES);
    let name = |i: usize| {
        let start = usize::from(names.start.get(i).copied().unwrap_or_default());
        let len = usize::from(names.len.get(i).copied().unwrap_or_default());
        text.get(start..start + len).unwrap_or_default()
    };
    // A name's length and its first, second and last bytes, in one word: names whose keys
    // differ differ, so most pairs take one comparison (raw names only: an escaped one may
    // equal a name written otherwise).
    let mut keys = [0u32; FAST_NAMES];
    for (i, key) in keys.iter_mut().enumerate().take(count) {
        let n = name(i);
        let byte = |at: Option<&u8>| u32::from(at.copied().unwrap_or_default());
        *key = (n.len() as u32 & 0xff)
            | byte(n.first()) << 8
            | byte(n.get(1)) << 16
            | byte(n.last()) << 24;
    }
    let keys = keys.get(..count).unwrap_or_default();
    let escaped = |i: usize| names.escaped & (1 << i) != 0;
    for (i, key) in keys.iter().enumerate() {
        let later = keys.get(i + 1..).unwrap_or_default();
        for (j, other) in (i + 1..).zip(later) {
            // Most pairs: different keys, no escapes.
            if key != other && names.escaped == 0 {
                continue;
            }
            let same = if escaped(i) || escaped(j) {
                same_raw_name(name(i), name(j))
            } else {
                key == other && name(i) == name(j)
            };
            if same {
                return Err(JsonError::DuplicateKey);
            }
        }
    }
    Ok(())
}

/// The top-level member names of an object, noted while it is validated (offsets of the
/// text between the quotes), for [`parse_object_unique`], and the reader told about each
/// member. Kept small: it is on the stack of every token verification.
struct Names<'t, 'v> {
    start: [u16; FAST_NAMES],
    len: [u8; FAST_NAMES],
    /// Bit `i` set: name `i` has escapes.
    escaped: u32,
    /// Every top-level name seen, noted or not (saturating).
    count: u16,
    /// More names than fit, a name longer than 255 bytes, or offsets beyond `u16`: check by
    /// walking instead.
    overflow: bool,
    visit: Option<&'v mut dyn Visit<'t>>,
}

impl<'t> Names<'t, '_> {
    /// A top-level member named by `text[start..end]`, its value beginning at `value`.
    /// (The error cannot happen on text the scan has validated; it refuses it all the same
    /// rather than leave a member untold.) Out of line, so that the reader's work is not in
    /// the frame of every name's validation (stack budgets).
    #[inline(never)]
    fn member(
        &mut self,
        text: &'t str,
        (start, end): (usize, usize),
        escaped: bool,
        value: usize,
    ) -> Result<(), JsonError> {
        self.note(start, end, escaped);
        if let Some(visit) = self.visit.as_deref_mut() {
            let raw = text.get(start..end).ok_or(syntax(start))?;
            visit.member(JsonStr { raw, escaped }, value);
        }
        Ok(())
    }

    fn note(&mut self, start: usize, end: usize, escaped: bool) {
        let i = usize::from(self.count);
        if escaped && i < FAST_NAMES {
            self.escaped |= 1 << i;
        }
        match (
            self.start.get_mut(i),
            self.len.get_mut(i),
            u16::try_from(start),
            u8::try_from(end - start),
        ) {
            (Some(s), Some(l), Ok(start), Ok(len)) => {
                *s = start;
                *l = len;
            }
            _ => self.overflow = true,
        }
        self.count = self.count.saturating_add(1);
    }
}

fn parse_object_noting<'t>(
    text: &'t [u8],
    names: Option<&mut Names<'t, '_>>,
) -> Result<Object<'t>, JsonError> {
    let text = core::str::from_utf8(text).map_err(|_| JsonError::Utf8)?;
    let bytes = text.as_bytes();
    let start = skip_ws(bytes, 0);
    if bytes.get(start) != Some(&b'{') {
        // Tell a well-formed non-object apart from garbage.
        return match scan_value(text, start) {
            Ok(_) => Err(JsonError::NotAnObject),
            Err(e) => Err(e),
        };
    }
    let end = scan(text, start, names)?;
    if skip_ws(bytes, end) != bytes.len() {
        return Err(JsonError::TrailingData);
    }
    Ok(Object {
        text: text.get(start..end).ok_or(syntax(start))?,
    })
}

impl<'a> JsonStr<'a> {
    /// The string's text between the quotes, escapes not decoded.
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// A string of text that needs no escapes (base64, say): its characters as they are.
    /// Text with `"`, `\` or control characters would not be one JSON string; callers
    /// pass none.
    pub(crate) fn plain(text: &'a str) -> Self {
        JsonStr {
            raw: text,
            escaped: false,
        }
    }

    /// A string as it stood in validated text, for [`crate::Claims::from_spans`].
    pub(crate) fn from_parts(raw: &'a str, escaped: bool) -> Self {
        JsonStr { raw, escaped }
    }

    /// The string itself when it has no escapes (no decoding needed).
    pub fn as_str(&self) -> Option<&'a str> {
        (!self.escaped).then_some(self.raw)
    }

    /// Whether the string contains escape sequences.
    pub fn is_escaped(&self) -> bool {
        self.escaped
    }

    /// The decoded characters.
    pub fn chars(&self) -> Unescape<'a> {
        Unescape {
            chars: self.raw.chars(),
        }
    }

    /// Whether the decoded string equals `s`.
    pub fn eq_str(&self, s: &str) -> bool {
        if self.escaped {
            self.chars().eq(s.chars())
        } else {
            self.raw == s
        }
    }

    /// Whether the decoded string equals `s` ignoring ASCII case.
    pub fn eq_ignore_ascii_case(&self, s: &str) -> bool {
        self.chars()
            .map(|c| c.to_ascii_lowercase())
            .eq(s.chars().map(|c| c.to_ascii_lowercase()))
    }

    /// The length in bytes of the decoded (UTF-8) string.
    pub fn decoded_len(&self) -> usize {
        if self.escaped {
            self.chars().map(char::len_utf8).sum()
        } else {
            self.raw.len()
        }
    }

    /// Decodes the string into `buf` and returns it.
    ///
    /// A `buf` shorter than [`JsonStr::decoded_len`] gives [`Error::BufferTooSmall`].
    pub fn decode_into<'b>(&self, buf: &'b mut [u8]) -> Result<&'b str, Error> {
        let needed = self.decoded_len();
        let out = buf
            .get_mut(..needed)
            .ok_or(Error::BufferTooSmall { needed })?;
        let mut rest = &mut *out;
        for c in self.chars() {
            let mut utf8 = [0u8; 4];
            let bytes = c.encode_utf8(&mut utf8).as_bytes();
            // Never short (`needed` counted these very bytes); checked all the same.
            let (to, tail) = rest
                .split_at_mut_checked(bytes.len())
                .ok_or(Error::BufferTooSmall { needed })?;
            to.copy_from_slice(bytes);
            rest = tail;
        }
        // Always valid: only whole `char`s were written.
        core::str::from_utf8(out).map_err(|_| Error::BufferTooSmall { needed })
    }
}

/// Iterator over the decoded characters of a [`JsonStr`].
#[derive(Debug, Clone)]
pub struct Unescape<'a> {
    chars: Chars<'a>,
}

impl Iterator for Unescape<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c != '\\' {
            return Some(c);
        }
        Some(match self.chars.next()? {
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let hi = hex4(&mut self.chars)?;
                if (0xD800..0xDC00).contains(&hi) {
                    // Validated: a low surrogate escape follows.
                    self.chars.next()?;
                    self.chars.next()?;
                    // Checked all the same: `Claims::from_spans` may be handed other text.
                    let lo = hex4(&mut self.chars)?.checked_sub(0xDC00)?;
                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + lo)?
                } else {
                    char::from_u32(hi)?
                }
            }
            other => other, // `"`, `\`, `/`
        })
    }
}

fn hex4(chars: &mut Chars<'_>) -> Option<u32> {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next()?.to_digit(16)?;
    }
    Some(v)
}

impl<'a> Value<'a> {
    /// The string, if this is a string.
    pub fn as_json_str(&self) -> Option<JsonStr<'a>> {
        match self {
            Value::String(s) => Some(*s),
            _ => None,
        }
    }

    /// The value as an `i64`, if it is an integer in range (`1.0` and `1e3` count; `1.5` does not).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => match parse_number_floor(n)? {
                (v, false) => Some(v),
                (_, true) => None,
            },
            _ => None,
        }
    }

    /// The boolean, if this is `true` or `false`.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The JSON text of this value as it stands in the document (strings with their quotes).
    pub fn text(&self) -> Option<&'a str> {
        match self {
            Value::Number(n) => Some(n),
            Value::Object(o) => Some(o.text),
            Value::Array(a) => Some(a.text),
            _ => None,
        }
    }
}

/// How `c` is written inside a JSON string (RFC 8259 §7): `"`, `\` and the control
/// characters escaped (`\b \f \n \r \t` where JSON has a short form, `\u00XX`
/// otherwise), DEL and U+2028/U+2029 as `\uXXXX` too (JavaScript reads the last two raw as
/// line ends), every other character as its UTF-8. The bytes, and how many of them count.
pub(crate) fn escape_char(c: char) -> ([u8; 6], usize) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let code = c as u32;
    let short = match c {
        '"' => Some(b'"'),
        '\\' => Some(b'\\'),
        '\u{8}' => Some(b'b'),
        '\u{c}' => Some(b'f'),
        '\n' => Some(b'n'),
        '\r' => Some(b'r'),
        '\t' => Some(b't'),
        _ => None,
    };
    if let Some(e) = short {
        ([b'\\', e, 0, 0, 0, 0], 2)
    } else if code < 0x20 || code == 0x7f || code == 0x2028 || code == 0x2029 {
        let hex = |shift: u32| HEX[(code >> shift) as usize & 15];
        ([b'\\', b'u', hex(12), hex(8), hex(4), hex(0)], 6)
    } else {
        let mut bytes = [0; 6];
        let n = c.encode_utf8(&mut bytes).len();
        (bytes, n)
    }
}

/// `s` as the inside of a JSON string, escaped as [`escape_char`] does, byte by byte: for
/// text written as it is encoded, never assembled.
pub(crate) fn escaped(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.chars().flat_map(|c| {
        let (bytes, n) = escape_char(c);
        bytes.into_iter().take(n)
    })
}

/// The length of [`escaped`]`(s)`.
pub(crate) fn escaped_len(s: &str) -> usize {
    s.chars().map(|c| escape_char(c).1).sum()
}

/// Parses a JSON number's text to the largest integer not above it.
///
/// Returns the value and whether a fractional part was dropped, or `None` when the value is
/// outside `i64`. Exact (no floating point): `1e400` is out of range, `-1.5` floors to `-2`.
pub fn parse_number_floor(text: &str) -> Option<(i64, bool)> {
    let b = text.as_bytes();
    // The usual NumericDate: a plain integer of at most 18 digits, which cannot overflow.
    let (neg, digits) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    if (1..=18).contains(&digits.len())
        && digits.iter().all(u8::is_ascii_digit)
        && (digits.first() != Some(&b'0') || digits.len() == 1)
    {
        let v = digits
            .iter()
            .fold(0i64, |acc, &d| acc * 10 + i64::from(d - b'0'));
        return Some((if neg { -v } else { v }, false));
    }
    if scan_number(b, 0).ok()? != b.len() {
        return None;
    }
    let (neg, mut i) = match b.first() {
        Some(b'-') => (true, 1),
        _ => (false, 0),
    };
    // Digits of the mantissa, without the point; `frac_digits` of them are after it.
    let mantissa_start = i;
    while b.get(i).is_some_and(|&c| c.is_ascii_digit() || c == b'.') {
        i += 1;
    }
    let mantissa = b.get(mantissa_start..i).unwrap_or_default();
    let frac_digits = match mantissa.iter().position(|&c| c == b'.') {
        Some(p) => (mantissa.len() - p - 1) as i64,
        None => 0,
    };
    let mut exp: i64 = 0;
    if i < b.len() {
        // `e`/`E`, sign, digits (grammar already validated). Saturate huge exponents.
        i += 1;
        let eneg = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        for &c in b.get(i..).unwrap_or_default() {
            exp = (exp * 10 + (c - b'0') as i64).min(1_000_000);
        }
        if eneg {
            exp = -exp;
        }
    }
    // The value is digits * 10^(exp - frac_digits). Digits beyond the integer part are dropped
    // (floor), and any non-zero one among them marks the value as fractional.
    let shift = exp - frac_digits;
    let digits = mantissa.iter().filter(|c| c.is_ascii_digit());
    let total = mantissa.len() as i64 - i64::from(frac_digits > 0);
    let keep = total + shift.min(0); // digits that stay in the integer part
    let mut acc: i64 = 0;
    let mut dropped_nonzero = false;
    for (k, &c) in digits.enumerate() {
        let d = (c - b'0') as i64;
        if (k as i64) < keep {
            // Accumulate negatively so that i64::MIN is reachable.
            acc = acc.checked_mul(10)?.checked_sub(d)?;
        } else if d != 0 {
            dropped_nonzero = true;
        }
    }
    if shift > 0 && acc != 0 {
        for _ in 0..shift {
            acc = acc.checked_mul(10)?;
        }
    }
    let value = if neg {
        if dropped_nonzero {
            acc.checked_sub(1)?
        } else {
            acc
        }
    } else {
        acc.checked_neg()?
    };
    Some((value, dropped_nonzero))
}

impl<'a> Object<'a> {
    /// An object's text as validated before, for [`crate::Claims::from_spans`].
    pub(crate) fn from_text(text: &'a str) -> Self {
        Object { text }
    }

    /// The object's JSON text, `{` to `}`.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The members in document order.
    pub fn members(&self) -> Members<'a> {
        Members {
            bytes: self.text.as_bytes(),
            text: self.text,
            pos: 1,
        }
    }

    /// The value beginning at `offset` in `text`, the text this object was validated in,
    /// at a place told by [`parse_object_unique_visiting`] (at other places, whatever
    /// reading there gives).
    pub(crate) fn value_at(&self, text: &[u8], offset: usize) -> Option<Value<'a>> {
        // The object's place in `text`, from the addresses: `text` is not read again.
        let start = (self.text.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
        read_value(self.text, offset.checked_sub(start)?).map(|(value, _)| value)
    }

    /// The value of the first member named `name` (compared after decoding escapes).
    pub fn get(&self, name: &str) -> Option<Value<'a>> {
        self.members().find(|(k, _)| k.eq_str(name)).map(|(_, v)| v)
    }

    /// Refuses an object with two members of the same (decoded) name, or more than
    /// [`MAX_MEMBERS`] members.
    // Out of line: the rare fallback of `parse_object_unique`, whose frame is on every
    // verification's budgeted stack; inlined there, it made that frame larger for all.
    #[inline(never)]
    pub fn check_unique_names(&self) -> Result<(), JsonError> {
        let mut count = 0;
        let mut rest = self.members();
        while let Some((name, _)) = rest.next() {
            count += 1;
            if count > MAX_MEMBERS {
                return Err(JsonError::TooManyMembers);
            }
            if rest.clone().any(|(other, _)| same_name(name, other)) {
                return Err(JsonError::DuplicateKey);
            }
        }
        Ok(())
    }
}

impl<'a> Object<'a> {
    /// Refuses an object with two members of the same (decoded) name, or more than `N`
    /// members, in one walk of its text: the names are kept (`N` at most, on the stack) and
    /// compared with each other, so the work grows with the text's length and the square of
    /// `N`, never with the values' sizes times the member count. For objects whose members
    /// are few by nature (a JWK).
    pub fn check_unique_names_within<const N: usize>(&self) -> Result<(), JsonError> {
        // (`same_name`, not `same_raw_name`: that one is `parse_object_unique`'s alone, and
        // a second caller changes how it is compiled into a verification's budgeted stack.)
        let mut names: [&'a str; N] = [""; N];
        for (count, (name, _)) in self.members().enumerate() {
            let (seen, rest) = names.split_at_mut(count.min(N));
            let slot = rest.first_mut().ok_or(JsonError::TooManyMembers)?;
            let noted = |raw: &'a str| JsonStr {
                raw,
                escaped: raw.contains('\\'),
            };
            if seen.iter().any(|&other| same_name(noted(other), name)) {
                return Err(JsonError::DuplicateKey);
            }
            *slot = name.raw;
        }
        Ok(())
    }
}

/// The number of member names [`parse_object_unique`] compares without walking the object.
const FAST_NAMES: usize = 24;
const _: () = assert!(FAST_NAMES <= 32, "Names::escaped is a u32");

/// Two names as they stand in validated text (between the quotes), compared after decoding.
fn same_raw_name(a: &[u8], b: &[u8]) -> bool {
    if !a.contains(&b'\\') && !b.contains(&b'\\') {
        return a == b;
    }
    let unescape = |raw| Unescape {
        chars: core::str::from_utf8(raw).unwrap_or_default().chars(),
    };
    unescape(a).eq(unescape(b))
}

fn same_name(a: JsonStr<'_>, b: JsonStr<'_>) -> bool {
    match (a.as_str(), b.as_str()) {
        (Some(x), Some(y)) => x == y,
        _ => a.chars().eq(b.chars()),
    }
}

impl<'a> Array<'a> {
    /// An array's text as validated before, for [`crate::Claims::from_spans`].
    pub(crate) fn from_text(text: &'a str) -> Self {
        Array { text }
    }

    /// The array's JSON text, `[` to `]`.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The elements in order.
    pub fn iter(&self) -> Elements<'a> {
        Elements {
            bytes: self.text.as_bytes(),
            text: self.text,
            pos: 1,
        }
    }
}

/// Iterator over the members of an [`Object`].
#[derive(Debug, Clone)]
pub struct Members<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Members<'a> {
    type Item = (JsonStr<'a>, Value<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let b = self.bytes;
        let mut p = skip_ws(b, self.pos);
        if b.get(p) == Some(&b',') {
            p = skip_ws(b, p + 1);
        }
        if b.get(p) != Some(&b'"') {
            self.pos = b.len();
            return None;
        }
        let (key, after_key) = read_string(self.text, p)?;
        let p = skip_ws(b, after_key);
        if b.get(p) != Some(&b':') {
            self.pos = b.len();
            return None;
        }
        let (value, end) = read_value(self.text, skip_ws(b, p + 1))?;
        self.pos = end;
        Some((key, value))
    }
}

/// Iterator over the elements of an [`Array`].
#[derive(Debug, Clone)]
pub struct Elements<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Elements<'a> {
    type Item = Value<'a>;

    fn next(&mut self) -> Option<Value<'a>> {
        let b = self.bytes;
        let mut p = skip_ws(b, self.pos);
        if b.get(p) == Some(&b',') {
            p = skip_ws(b, p + 1);
        }
        if matches!(b.get(p), None | Some(b']')) {
            self.pos = b.len();
            return None;
        }
        let (value, end) = read_value(self.text, p)?;
        self.pos = end;
        Some(value)
    }
}

/// Reads one already-validated value at `p`, returning it and the offset after it.
fn read_value(text: &str, p: usize) -> Option<(Value<'_>, usize)> {
    let b = text.as_bytes();
    let v = match b.get(p)? {
        b'"' => return read_string(text, p).map(|(s, e)| (Value::String(s), e)),
        b't' => return Some((Value::Bool(true), p + 4)),
        b'f' => return Some((Value::Bool(false), p + 5)),
        b'n' => return Some((Value::Null, p + 4)),
        b'{' => {
            let end = skip_container(b, p);
            Value::Object(Object {
                text: text.get(p..end)?,
            })
        }
        b'[' => {
            let end = skip_container(b, p);
            Value::Array(Array {
                text: text.get(p..end)?,
            })
        }
        _ => {
            let end = skip_number(b, p);
            return Some((Value::Number(text.get(p..end)?), end));
        }
    };
    let end = p + v.text().map_or(0, str::len);
    Some((v, end))
}

fn read_string(text: &str, p: usize) -> Option<(JsonStr<'_>, usize)> {
    let (end, escaped) = skip_string(text.as_bytes(), p);
    let raw = text.get(p + 1..end.checked_sub(1)?)?;
    Some((JsonStr { raw, escaped }, end))
}

// Skipping over text that `scan_value` has already validated: the walks over members and
// elements run on every lookup, so they only look for the end of each value instead of
// checking its grammar again. On any text they stop at its end, never out of bounds.

/// The offset after the string whose opening quote is at `p`, and whether it has escapes.
fn skip_string(b: &[u8], p: usize) -> (usize, bool) {
    let mut i = p + 1;
    let mut escaped = false;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => return (i + 1, escaped),
            b'\\' => {
                escaped = true;
                i += 2;
            }
            _ => i += 1,
        }
    }
    (b.len(), escaped)
}

/// The offset after the object or array opening at `p`.
fn skip_container(b: &[u8], p: usize) -> usize {
    let mut depth = 0usize;
    let mut i = p;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                i = skip_string(b, i).0;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// The offset after the number starting at `p`.
fn skip_number(b: &[u8], p: usize) -> usize {
    let mut i = p;
    while let Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') = b.get(i) {
        i += 1;
    }
    i
}

fn skip_ws(b: &[u8], mut p: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(p) {
        p += 1;
    }
    p
}

fn syntax(offset: usize) -> JsonError {
    JsonError::Syntax { offset }
}

/// Validates the value starting at `p` (no leading white space) and returns the offset just
/// after it. Iterative: the kind of each open container is one bit of `stack`.
fn scan_value(text: &str, p: usize) -> Result<usize, JsonError> {
    scan(text, p, None)
}

/// [`scan_value`], noting the top-level object's members in `names`.
fn scan<'t>(
    text: &'t str,
    mut p: usize,
    mut names: Option<&mut Names<'t, '_>>,
) -> Result<usize, JsonError> {
    let b = text.as_bytes();
    let mut stack: u64 = 0; // bit d set: level d is an object
    let mut depth = 0usize;
    'value: loop {
        p = skip_ws(b, p);
        match b.get(p) {
            Some(&open @ (b'{' | b'[')) => {
                if depth == MAX_DEPTH {
                    return Err(JsonError::TooDeep);
                }
                let is_object = open == b'{';
                if is_object {
                    stack |= 1 << depth;
                } else {
                    stack &= !(1 << depth);
                }
                depth += 1;
                p = skip_ws(b, p + 1);
                let close = if is_object { b'}' } else { b']' };
                if b.get(p) == Some(&close) {
                    p += 1;
                    depth -= 1;
                } else if is_object {
                    p = scan_member(text, p, depth, names.as_deref_mut())?;
                    continue 'value;
                } else {
                    continue 'value;
                }
            }
            Some(b'"') => p = scan_string(b, p)?.0,
            Some(b'-' | b'0'..=b'9') => p = scan_number(b, p)?,
            Some(b't') => p = scan_literal(b, p, b"true")?,
            Some(b'f') => p = scan_literal(b, p, b"false")?,
            Some(b'n') => p = scan_literal(b, p, b"null")?,
            _ => return Err(syntax(p)),
        }
        // After a complete value: close containers or move on to the next element.
        loop {
            if depth == 0 {
                return Ok(p);
            }
            p = skip_ws(b, p);
            let in_object = stack & (1 << (depth - 1)) != 0;
            match (b.get(p), in_object) {
                (Some(b','), true) => {
                    p = scan_member(text, skip_ws(b, p + 1), depth, names.as_deref_mut())?;
                    continue 'value;
                }
                (Some(b','), false) => {
                    p += 1;
                    continue 'value;
                }
                (Some(b'}'), true) | (Some(b']'), false) => {
                    p += 1;
                    depth -= 1;
                }
                _ => return Err(syntax(p)),
            }
        }
    }
}

/// `"name"` then `:`; returns the offset of the value after the colon. A member of the
/// top-level object (`depth` 1) is noted in `names`, once the name is validated: the
/// noting, and the reader it calls, then take no stack above the string's validation.
#[inline(always)]
fn scan_member<'t>(
    text: &'t str,
    p: usize,
    depth: usize,
    names: Option<&mut Names<'t, '_>>,
) -> Result<usize, JsonError> {
    let (end, escaped, value) = scan_member_name(text.as_bytes(), p)?;
    if depth == 1
        && let Some(names) = names
    {
        names.member(text, (p + 1, end - 1), escaped, value)?;
    }
    Ok(value)
}

/// `"name"` then `:` at `p`; returns the offset after the name's closing quote, whether the
/// name has escapes, and the offset of the value after the colon.
fn scan_member_name(b: &[u8], p: usize) -> Result<(usize, bool, usize), JsonError> {
    if b.get(p) != Some(&b'"') {
        return Err(syntax(p));
    }
    let (end, escaped) = scan_string(b, p)?;
    let colon = skip_ws(b, end);
    if b.get(colon) != Some(&b':') {
        return Err(syntax(colon));
    }
    Ok((end, escaped, skip_ws(b, colon + 1)))
}

fn scan_literal(b: &[u8], p: usize, lit: &[u8]) -> Result<usize, JsonError> {
    match b.get(p..p + lit.len()) {
        Some(s) if s == lit => Ok(p + lit.len()),
        _ => Err(syntax(p)),
    }
}

/// Validates a string starting at the quote at `p`; returns the offset after the closing
/// quote and whether it contains escapes.
fn scan_string(b: &[u8], p: usize) -> Result<(usize, bool), JsonError> {
    let mut i = p + 1;
    let mut escaped = false;
    loop {
        i = skip_plain(b, i);
        match b.get(i) {
            None => return Err(syntax(i)),
            Some(b'"') => return Ok((i + 1, escaped)),
            Some(b'\\') => {
                escaped = true;
                i = scan_escape(b, i)?;
            }
            Some(c) if *c < 0x20 => return Err(syntax(i)),
            Some(_) => i += 1,
        }
    }
}

/// Skips the whole words of plain bytes from `i` on: returns the offset of the first quote,
/// backslash or control character, or of a point less than a word before the end, where
/// the caller goes on byte by byte. A word at a time, since most of a token's JSON is
/// string content. Out of line: inlined, its words made the frame of every string's
/// validation larger, on a verification's budgeted stack.
#[inline(never)]
fn skip_plain(b: &[u8], mut i: usize) -> usize {
    const W: usize = size_of::<usize>();
    const ONES: usize = usize::MAX / 255;
    const HIGH: usize = ONES << 7;
    while let Some(word) = b.get(i..).and_then(<[u8]>::first_chunk::<W>) {
        let w = usize::from_le_bytes(*word);
        // Each term flags the bytes below its bound (a zero byte, for the first two, once
        // XORed): exact for the lowest flagged byte, which is the first in memory.
        let below = |v: usize, n: usize| v.wrapping_sub(ONES * n) & !v & HIGH;
        let special = below(w ^ (ONES * usize::from(b'"')), 1)
            | below(w ^ (ONES * usize::from(b'\\')), 1)
            | below(w, 0x20);
        if special != 0 {
            return i + (special.trailing_zeros() / 8) as usize;
        }
        i += W;
    }
    i
}

/// Validates the escape at `i` (the backslash); returns the offset after it. Out of line:
/// escapes are rare, and inlined it made the frame of every string's validation larger.
#[inline(never)]
fn scan_escape(b: &[u8], i: usize) -> Result<usize, JsonError> {
    match b.get(i + 1) {
        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(i + 2),
        Some(b'u') => {
            let hi = hex_at(b, i + 2)?;
            match hi {
                0xD800..=0xDBFF => {
                    if b.get(i + 6..i + 8) != Some(b"\\u") {
                        return Err(JsonError::Escape);
                    }
                    match hex_at(b, i + 8)? {
                        0xDC00..=0xDFFF => Ok(i + 12),
                        _ => Err(JsonError::Escape),
                    }
                }
                0xDC00..=0xDFFF => Err(JsonError::Escape),
                _ => Ok(i + 6),
            }
        }
        _ => Err(JsonError::Escape),
    }
}

fn hex_at(b: &[u8], i: usize) -> Result<u32, JsonError> {
    let digits = b.get(i..i + 4).ok_or(JsonError::Escape)?;
    let mut v = 0;
    for &d in digits {
        v = v * 16 + (d as char).to_digit(16).ok_or(JsonError::Escape)?;
    }
    Ok(v)
}

/// Validates a number (RFC 8259 grammar) at `p`; returns the offset after it.
fn scan_number(b: &[u8], mut p: usize) -> Result<usize, JsonError> {
    let digits = |b: &[u8], mut p: usize| -> Result<usize, JsonError> {
        let start = p;
        while b.get(p).is_some_and(u8::is_ascii_digit) {
            p += 1;
        }
        if p == start { Err(syntax(p)) } else { Ok(p) }
    };
    if b.get(p) == Some(&b'-') {
        p += 1;
    }
    p = match b.get(p) {
        Some(b'0') => p + 1,
        Some(b'1'..=b'9') => digits(b, p)?,
        _ => return Err(syntax(p)),
    };
    if b.get(p) == Some(&b'.') {
        p = digits(b, p + 1)?;
    }
    if let Some(b'e' | b'E') = b.get(p) {
        p += 1;
        if let Some(b'+' | b'-') = b.get(p) {
            p += 1;
        }
        p = digits(b, p)?;
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_floor_exactly() {
        let cases: &[(&str, Option<(i64, bool)>)] = &[
            ("0", Some((0, false))),
            ("-0", Some((0, false))),
            ("1516239022", Some((1516239022, false))),
            ("1516239022.9", Some((1516239022, true))),
            ("-1.5", Some((-2, true))),
            ("-2.0", Some((-2, false))),
            ("1.6e9", Some((1_600_000_000, false))),
            ("16E+8", Some((1_600_000_000, false))),
            ("1234e-2", Some((12, true))),
            ("1200e-2", Some((12, false))),
            ("5e-400", Some((0, true))),
            ("-5e-400", Some((-1, true))),
            ("0e400", Some((0, false))),
            ("1e400", None),
            ("9223372036854775807", Some((i64::MAX, false))),
            ("9223372036854775808", None),
            ("-9223372036854775808", Some((i64::MIN, false))),
            ("-9223372036854775809", None),
            ("0.000", Some((0, false))),
        ];
        for (text, want) in cases {
            assert_eq!(parse_number_floor(text), *want, "{text}");
        }
    }

    #[test]
    fn validates_and_walks() {
        let o =
            parse_object(br#" {"a": [1, {"b": null}], "c\u0041": "x\ny", "d": true} "#).unwrap();
        let mut m = o.members();
        let (k, v) = m.next().unwrap();
        assert!(k.eq_str("a"));
        assert_eq!(v.text(), Some(r#"[1, {"b": null}]"#));
        let (k, v) = m.next().unwrap();
        assert!(k.eq_str("cA"));
        assert!(v.as_json_str().unwrap().eq_str("x\ny"));
        assert_eq!(m.next().unwrap().1, Value::Bool(true));
        assert!(m.next().is_none());
        assert!(o.get("cA").is_some());
    }

    #[test]
    fn refuses_bad_json() {
        let bad: &[(&[u8], JsonError)] = &[
            (b"", JsonError::Syntax { offset: 0 }),
            (b"[]", JsonError::NotAnObject),
            (b"{} x", JsonError::TrailingData),
            (b"{\"a\":}", JsonError::Syntax { offset: 5 }),
            (b"{\"a\":1,}", JsonError::Syntax { offset: 7 }),
            (b"{\"a\" 1}", JsonError::Syntax { offset: 5 }),
            (b"{\"a\":01}", JsonError::Syntax { offset: 6 }),
            (b"{\"a\":\"\\x\"}", JsonError::Escape),
            (b"{\"a\":\"\\ud800\"}", JsonError::Escape),
            (b"{\"a\":\"\\udc00\\ud800\"}", JsonError::Escape),
            (b"{\"a\":\"\x01\"}", JsonError::Syntax { offset: 6 }),
            (b"{\"a\":\xff}", JsonError::Utf8),
            (b"{\"a\":tru}", JsonError::Syntax { offset: 5 }),
        ];
        for (text, want) in bad {
            assert_eq!(
                parse_object(text),
                Err(*want),
                "{:?}",
                core::str::from_utf8(text)
            );
        }
    }

    #[test]
    fn depth_is_bounded_without_recursion() {
        let mut deep = [b'['; 1002];
        deep[0] = b'{';
        deep[1001] = b'}';
        assert_eq!(parse_object(&deep), Err(JsonError::Syntax { offset: 1 }));
        let mut text = [0u8; 2 * 1000 + 8];
        text[..5].copy_from_slice(b"{\"a\":");
        for i in 0..1000 {
            text[5 + i] = b'[';
        }
        assert_eq!(parse_object(&text[..1005]), Err(JsonError::TooDeep));
    }

    #[test]
    fn surrogate_pairs_decode() {
        let o = parse_object(br#"{"s":"\ud83d\ude00 \u00e9"}"#).unwrap();
        let s = o.get("s").unwrap().as_json_str().unwrap();
        assert!(s.eq_str("\u{1F600} \u{e9}"));
        let mut buf = [0u8; 7];
        assert_eq!(s.decode_into(&mut buf), Ok("\u{1F600} \u{e9}"));
        assert_eq!(
            s.decode_into(&mut buf[..6]),
            Err(Error::BufferTooSmall { needed: 7 })
        );
    }

    #[test]
    fn plain_bytes_are_skipped_a_word_at_a_time() {
        // Every special byte (and bytes that are not: `!`, `#`, `[`, `]`, DEL, UTF-8) at every
        // position of texts longer than two words, and at their ends.
        let special = |c: u8| c == b'"' || c == b'\\' || c < 0x20;
        let bytewise =
            |b: &[u8], i: usize| (i..b.len()).find(|&j| special(b[j])).unwrap_or(b.len());
        for len in 0..=20 {
            for at in 0..len {
                for c in [
                    0u8, 0x1f, 0x20, b'!', b'"', b'#', b'[', b'\\', b']', 0x7f, 0x80, 0xc3, 0xff,
                ] {
                    let mut text = [b'a'; 20];
                    text[at] = c;
                    let text = &text[..len];
                    for from in 0..=len {
                        let (got, want) = (skip_plain(text, from), bytewise(text, from));
                        let short = len - got < size_of::<usize>();
                        assert!(got == want || got < want && short, "{text:?} {from}: {got}");
                        assert!(got >= from, "{text:?} {from}: {got}");
                    }
                }
            }
        }
        // Two specials in one word: the first is found.
        assert_eq!(skip_plain(b"ab\\c\"defgh", 0), 2);
        assert_eq!(skip_plain(b"\x01\"", 0), 0);
    }

    /// Records what a reader is told: names and the places of their values.
    struct Told {
        names: [&'static str; 6],
        at: [usize; 6],
        escaped: [bool; 6],
        n: usize,
    }

    impl Visit<'static> for Told {
        fn member(&mut self, name: JsonStr<'static>, value: usize) {
            self.names[self.n] = name.raw();
            self.escaped[self.n] = name.is_escaped();
            self.at[self.n] = value;
            self.n += 1;
        }
    }

    #[test]
    fn the_reader_is_told_each_top_level_member_once() {
        let mut told = Told {
            names: [""; 6],
            at: [0; 6],
            escaped: [false; 6],
            n: 0,
        };
        let text = br#" { "a" : [1, {"b": "x"}] ,"c\u0041":"x\ny", "d":true,"e":{},"f":-1.5e3,"g":null } "#;
        let object = parse_object_unique_visiting(text, Some(&mut told)).unwrap();
        assert_eq!(object.text().len(), text.len() - 2);
        assert_eq!(told.n, 6);
        assert_eq!(told.names, ["a", r"c\u0041", "d", "e", "f", "g"]);
        assert_eq!(told.escaped, [false, true, false, false, false, false]);
        let values = told.at.map(|at| object.value_at(text, at).unwrap());
        assert_eq!(values[0].text(), Some(r#"[1, {"b": "x"}]"#));
        let s = values[1].as_json_str().unwrap();
        assert!(s.is_escaped() && s.eq_str("x\ny"));
        assert_eq!(values[2], Value::Bool(true));
        assert_eq!(values[3].text(), Some("{}"));
        assert_eq!(values[4].text(), Some("-1.5e3"));
        assert_eq!(values[5], Value::Null);
        // The JSON's verdicts are the reader's: refused texts are refused as before.
        let bad: &[(&[u8], JsonError)] = &[
            (br#"{"a":1,"a":2}"#, JsonError::DuplicateKey),
            (br#"{"a":1,"b":tru}"#, JsonError::Syntax { offset: 11 }),
            (b"{\"a\":\"\xff\"}", JsonError::Utf8),
            (br#"{"a":"\x"}"#, JsonError::Escape),
            (br#"[{"a":1}]"#, JsonError::NotAnObject),
        ];
        for (text, want) in bad {
            told.n = 0;
            assert_eq!(
                parse_object_unique_visiting(text, Some(&mut told)),
                Err(*want)
            );
            assert_eq!(parse_object_unique(text), Err(*want));
        }
    }

    #[test]
    fn noted_names_are_compared_whole() {
        let cases: &[(&[u8], bool)] = &[
            // Same length, first, second and last bytes; only the middle differs.
            (
                br#"{"abxc":1,"abyc":2,"ab":3,"a":4,"":5,"abc":6,"abxd":7,"bbxc":8}"#,
                false,
            ),
            (br#"{"abxc":1,"x":{"abxc":2},"abxc":3}"#, true),
            (br#"{"":1,"":2}"#, true),
            (br#"{"ab":1,"ab":2}"#, true),
            (br#"{"ab":1,"x":2,"ab":3}"#, true),
            (br#"{"ab":1,"ac":2,"a\/":3,"a/":4}"#, true),
            (br#"{"ab":1,"ac":2,"a\/":3}"#, false),
        ];
        for &(text, dup) in cases {
            let want = if dup {
                Err(JsonError::DuplicateKey)
            } else {
                Ok(())
            };
            let walked = parse_object(text).unwrap().check_unique_names();
            assert_eq!(walked, want, "{:?}", core::str::from_utf8(text));
            assert_eq!(
                parse_object_unique(text).map(|_| ()),
                want,
                "{:?}",
                core::str::from_utf8(text)
            );
        }
        // Past the names that are noted, the object is walked instead: a duplicate on either
        // side of the limit is found.
        let mut text = [0u8; 8 * 40 + 2];
        for (first, second) in [(3, 7), (3, 30), (28, 35), (0, 99)] {
            let mut n = 0;
            text[n] = b'{';
            n += 1;
            for i in 0..40 {
                let id = if i == second { first } else { i };
                let member = [
                    b'"',
                    b'k',
                    b'0' + id / 10,
                    b'0' + id % 10,
                    b'"',
                    b':',
                    b'1',
                    b',',
                ];
                text[n..n + 8].copy_from_slice(&member);
                n += 8;
            }
            text[n - 1] = b'}';
            let want = if second < 40 {
                Err(JsonError::DuplicateKey)
            } else {
                Ok(())
            };
            assert_eq!(parse_object_unique(&text[..n]).map(|_| ()), want);
        }
    }

    #[test]
    fn duplicates_found_after_decoding() {
        let o = parse_object(br#"{"exp":1,"e\u0078p":2}"#).unwrap();
        assert_eq!(o.check_unique_names(), Err(JsonError::DuplicateKey));
        let o = parse_object(br#"{"exp":1,"nbf":2,"x":{"exp":3}}"#).unwrap();
        assert_eq!(o.check_unique_names(), Ok(()));
    }
}
