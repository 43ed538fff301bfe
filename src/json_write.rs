//! A small JSON writer for responses: a `serde::Serializer` that writes
//! compact JSON text (RFC 8259) into a `String`.
//!
//! The engine writes its answers itself, as it reads its requests itself
//! (src/json.rs): a response is made of our own types only (structs, lists,
//! strings, booleans, integers, decimals written as strings), so a writer of
//! those is all it needs. Strings are checked for a character that needs
//! escaping in one pass the compiler can vectorise, and copied whole when
//! there is none, which is nearly always: most of a response is keys, codes
//! and articles. Floating point is refused (no figure of ours is a float).
#![forbid(unsafe_code)]

use serde::ser::{self, Serialize};
use std::fmt::{self, Write as _};

/// Why a value could not be written: only a float or raw bytes, which no
/// response of ours holds.
#[derive(Debug)]
pub struct Error(&'static str);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(_: T) -> Error {
        Error("a value could not be written")
    }
}

/// `value` as compact JSON text.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    to_string_only(value, None)
}

/// Like [`to_string`] for a response (`{"ok":…, "result":{…}}`), keeping only
/// the result's members named in `keys` when given (docs/rulebook.md §5,
/// `fields`): the others are not written at all.
pub fn to_string_only<T: Serialize + ?Sized>(value: &T, keys: Option<&[String]>) -> Result<String, Error> {
    let mut out = String::with_capacity(1024);
    append_only(&mut out, value, keys)?;
    Ok(out)
}

/// Like [`to_string_only`], appended to `out` (many responses written into one
/// text). On an error `out` is as it was.
pub fn append_only<T: Serialize + ?Sized>(out: &mut String, value: &T, keys: Option<&[String]>) -> Result<(), Error> {
    let start = out.len();
    let mut w = Writer { out: std::mem::take(out), only: keys, depth: 0, skip_value: false, key_kept: None };
    let written = value.serialize(&mut w);
    *out = w.out;
    if written.is_err() {
        out.truncate(start);
    }
    written
}

struct Writer<'k> {
    out: String,
    /// The result's members to keep; `None`: all.
    only: Option<&'k [String]>,
    /// How many objects and lists are open: the result's members are at depth 2.
    depth: u32,
    /// The value after a key that was left out is left out too.
    skip_value: bool,
    /// While a result key is checked: whether it is kept (its text is not written).
    key_kept: Option<bool>,
}

impl<'k> Writer<'k> {
    /// Whether a member named `key` of the object now open is written. A
    /// result (its fields and its explanation's, flattened) is always written
    /// as a map, so only map keys are checked.
    fn keeps(&self, key: &str) -> bool {
        match self.only {
            Some(keys) if self.depth == 2 => keys.iter().any(|k| k == key),
            _ => true,
        }
    }
}

/// Appends `s` as a JSON string, escaping what RFC 8259 requires (the quote,
/// the backslash, control characters) and nothing else, as serde_json does.
fn push_string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    if needs_escape(s.as_bytes()) {
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let escaped = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0x00..=0x1f => "",
                _ => continue,
            };
            out.push_str(&s[start..i]);
            if escaped.is_empty() {
                let _ = write!(out, "\\u{b:04x}");
            } else {
                out.push_str(escaped);
            }
            start = i + 1;
        }
        out.push_str(&s[start..]);
    } else {
        out.push_str(s);
    }
    out.push('"');
}

/// Whether `bytes` hold a quote, a backslash or a control character: eight
/// bytes at a time (the "has a zero byte" test on a `u64`), the last few as
/// the last eight; a text shorter than eight byte by byte.
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    // A byte below 0x20, or equal to '"' or '\\'.
    let any = |v: u64| {
        v.wrapping_sub(ONES * 0x20) & !v & HIGHS != 0
            || has_zero(v ^ (ONES * u64::from(b'"')))
            || has_zero(v ^ (ONES * u64::from(b'\\')))
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut eight = [0u8; 8];
    for chunk in &mut chunks {
        eight.copy_from_slice(chunk);
        if any(u64::from_ne_bytes(eight)) {
            return true;
        }
    }
    match bytes.len() {
        // The last few: the last eight bytes again (the chunks read some of them already).
        n if n > 8 && n % 8 != 0 => {
            eight.copy_from_slice(&bytes[n - 8..]);
            any(u64::from_ne_bytes(eight))
        }
        _ => chunks.remainder().iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\'),
    }
}

/// A list or an object being written: whether a comma is due, and whether an
/// enum variant's wrapping object must be closed after it.
pub struct Compound<'a, 'k> {
    w: &'a mut Writer<'k>,
    first: bool,
    close_variant: bool,
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.w.out.push(',');
        }
    }

    fn end(self, close: char) {
        self.w.depth -= 1;
        self.w.out.push(close);
        if self.close_variant {
            self.w.out.push('}');
        }
    }
}

impl<'a, 'k> Writer<'k> {
    fn open(&'a mut self, open: char, variant: Option<&str>) -> Compound<'a, 'k> {
        if let Some(v) = variant {
            self.out.push('{');
            push_string(&mut self.out, v);
            self.out.push(':');
        }
        self.out.push(open);
        self.depth += 1;
        Compound { w: self, first: true, close_variant: variant.is_some() }
    }

    fn integer(&mut self, n: impl fmt::Display) {
        let _ = write!(self.out, "{n}");
    }
}

impl<'a, 'k> ser::Serializer for &'a mut Writer<'k> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'k>;
    type SerializeTuple = Compound<'a, 'k>;
    type SerializeTupleStruct = Compound<'a, 'k>;
    type SerializeTupleVariant = Compound<'a, 'k>;
    type SerializeMap = Compound<'a, 'k>;
    type SerializeStruct = Compound<'a, 'k>;
    type SerializeStructVariant = Compound<'a, 'k>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.integer(v);
        Ok(())
    }
    // serde's trait asks for the two float methods; here they only refuse: no
    // figure of ours is a float, and none can be written as one.
    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        Err(Error("floating point is not written: figures are decimals"))
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        Err(Error("floating point is not written: figures are decimals"))
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        push_string(&mut self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        if self.key_kept.is_some() {
            // A result key being checked (`SerializeMap::serialize_key`): not written.
            self.key_kept = Some(self.keeps(v));
            return Ok(());
        }
        push_string(&mut self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(Error("raw bytes are not written"))
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        push_string(&mut self.out, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push('{');
        push_string(&mut self.out, variant);
        self.out.push(':');
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, 'k>, Error> {
        Ok(self.open('[', None))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a, 'k>, Error> {
        Ok(self.open('[', None))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a, 'k>, Error> {
        Ok(self.open('[', None))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'k>, Error> {
        Ok(self.open('[', Some(variant)))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a, 'k>, Error> {
        Ok(self.open('{', None))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a, 'k>, Error> {
        Ok(self.open('{', None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'k>, Error> {
        Ok(self.open('{', Some(variant)))
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, ']');
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // Keys are strings: every map of ours has string keys. A result key is
        // checked first, without writing it (`serialize_str` sees `key_kept`).
        if self.w.only.is_some() && self.w.depth == 2 {
            self.w.key_kept = Some(true);
            let checked = key.serialize(&mut *self.w);
            let kept = self.w.key_kept.take().unwrap_or(true);
            checked?;
            if !kept {
                self.w.skip_value = true;
                return Ok(());
            }
        }
        self.comma();
        key.serialize(&mut *self.w)?;
        self.w.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if std::mem::take(&mut self.w.skip_value) {
            return Ok(());
        }
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, '}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        // (A result is written as a map, its members through `SerializeMap`: see `keeps`.)
        // A field's name is a Rust identifier in camelCase: nothing in it to escape.
        debug_assert!(!needs_escape(key.as_bytes()), "{key}");
        self.comma();
        let out = &mut self.w.out;
        out.reserve(key.len() + 3);
        out.push('"');
        out.push_str(key);
        out.push_str("\":");
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, '}');
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeStruct::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::to_string;
    use serde::Serialize;

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Sample<'a> {
        text: &'a str,
        count: u32,
        negative: i64,
        flag: bool,
        nothing: Option<u8>,
        list: Vec<&'a str>,
        kind: Kind,
        #[serde(flatten)]
        inner: Inner,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    enum Kind {
        CityDistrict,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Inner {
        message_zh: &'static str,
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let s = Sample {
            text: "第十条（一）\"引号\" \\ 换行\n\t\u{1}/",
            count: 42,
            negative: -7,
            flag: true,
            nothing: None,
            list: vec!["a", "b"],
            kind: Kind::CityDistrict,
            inner: Inner { message_zh: "五星级" },
        };
        let ours = to_string(&s).unwrap();
        assert_eq!(ours, serde_json::to_string(&s).unwrap());
        assert_eq!(
            ours,
            r#"{"text":"第十条（一）\"引号\" \\ 换行\n\t\u0001/","count":42,"negative":-7,"flag":true,"nothing":null,"list":["a","b"],"kind":"cityDistrict","messageZh":"五星级"}"#
        );
    }

    #[test]
    fn finds_every_character_that_needs_escaping() {
        use super::needs_escape;
        for at in 0..20 {
            for bad in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
                let mut text = vec![b'a'; 20];
                text[at] = bad;
                assert!(needs_escape(&text), "{bad} at {at}");
            }
        }
        assert!(!needs_escape("第二十三条 the plain text, ~!@#$%^&*()_+{}|:<>? 0x20 ".as_bytes()));
        assert!(!needs_escape(&[0x20, 0x7f, 0x80, 0xff, 0x21, 0x5b, 0x5d, 0x23, 0x5c + 1, 0x22 + 1]));
    }

    #[test]
    fn keeps_only_the_result_members_asked_for() {
        #[derive(Serialize)]
        struct Response {
            ok: bool,
            result: Sample<'static>,
        }
        let r = Response {
            ok: true,
            result: Sample {
                text: "x",
                count: 1,
                negative: 0,
                flag: false,
                nothing: None,
                list: vec![],
                kind: Kind::CityDistrict,
                inner: Inner { message_zh: "五星级" },
            },
        };
        let keys = ["count".to_string(), "messageZh".to_string()];
        assert_eq!(
            super::to_string_only(&r, Some(&keys)).unwrap(),
            r#"{"ok":true,"result":{"count":1,"messageZh":"五星级"}}"#
        );
    }

    #[test]
    fn refuses_floats() {
        assert!(to_string(&1.5f64).is_err());
    }
}
