//! Results as compact JSON text: byte for byte what `serde_json::to_string` writes, with less work
//! per byte.
//!
//! Why not serde_json's serializer: it writes every comma, colon and quote as a separate
//! `io::Write` call through a formatter (≈ 35 instructions per byte of a result, and a
//! `memory.copy` per call in the browser module), and writing the result was the largest part of
//! a check or an estimate. This writer appends to one `String`, copies each text in one piece when
//! it needs no escapes, and writes numbers without the formatting machinery. `tests` compares it
//! with serde_json on every kind of value a result holds.

use std::fmt;

use serde::ser::{self, Serialize};

/// Why a value could not be written: only a map key that is not a string, a number or a boolean
/// (no result has one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError(String);

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

impl ser::Error for WriteError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        WriteError(msg.to_string())
    }
}

/// `v` as compact JSON text, exactly as `serde_json::to_string` writes it.
pub fn json<T: Serialize + ?Sized>(v: &T) -> Result<String, WriteError> {
    let mut w = Writer {
        out: Out::new(4096),
        plain_keys: [(0, 0); KEY_SLOTS],
    };
    v.serialize(&mut w)?;
    w.out.finish()
}

/// `s` as a JSON string literal (`"a\"b"`).
pub fn quoted(s: &str) -> String {
    let mut out = Out::new(s.len().saturating_add(2));
    let _ = push_quoted(&mut out, s);
    out.finish().unwrap_or_default()
}

/// The bytes written so far. Written through a cursor into a zeroed buffer, so that a byte costs a
/// bounds check and a store — `String::push` and `Vec::push` are calls in a size-optimised build,
/// and writing punctuation through them was a fifth of the time.
struct Out {
    buf: Vec<u8>,
    pos: usize,
}

impl Out {
    fn new(capacity: usize) -> Out {
        Out {
            buf: vec![0; capacity.max(16)],
            pos: 0,
        }
    }

    #[inline(always)]
    fn byte(&mut self, b: u8) {
        match self.buf.get_mut(self.pos) {
            Some(slot) => {
                *slot = b;
                self.pos = self.pos.saturating_add(1);
            }
            None => self.grow_then(&[b]),
        }
    }

    fn bytes(&mut self, b: &[u8]) {
        // A short piece (most keys and values) byte by byte in the browser module, where
        // `memory.copy` is a call into the engine that costs more than that.
        if b.len() <= SHORT_COPY {
            for &x in b {
                self.byte(x);
            }
            return;
        }
        let end = self.pos.saturating_add(b.len());
        match self.buf.get_mut(self.pos..end) {
            Some(dest) => {
                dest.copy_from_slice(b);
                self.pos = end;
            }
            None => self.grow_then(b),
        }
    }

    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    #[cold]
    fn grow_then(&mut self, b: &[u8]) {
        let need = self.pos.saturating_add(b.len());
        let len = self.buf.len().saturating_mul(2).max(need);
        self.buf.resize(len, 0);
        if let Some(dest) = self.buf.get_mut(self.pos..need) {
            dest.copy_from_slice(b);
            self.pos = need;
        }
    }

    /// The text written. Only whole texts and ASCII were written, so the check cannot fail.
    fn finish(mut self) -> Result<String, WriteError> {
        self.buf.truncate(self.pos);
        String::from_utf8(self.buf).map_err(|_| WriteError("not UTF-8".into()))
    }
}

/// Appends `s` as a JSON string literal: `"` and `\` escaped, control characters as `\n`, `\t`,
/// … or `\u00XX` (lowercase hex), everything else as it is — serde_json's rules.
fn push_quoted(out: &mut Out, s: &str) -> bool {
    let bytes = s.as_bytes();
    out.byte(b'"');
    let plain = is_plain(bytes);
    if plain {
        // Nearly every key and text: copied in one piece.
        out.bytes(bytes);
    } else {
        let mut start = 0; // the first byte not copied yet
        for (at, &b) in bytes.iter().enumerate() {
            if !ESCAPE.get(usize::from(b)).copied().unwrap_or(false) {
                continue;
            }
            // `at` is at an ASCII byte, so both cuts fall on character boundaries.
            out.bytes(bytes.get(start..at).unwrap_or_default());
            push_escape(out, b);
            start = at.saturating_add(1);
        }
        out.bytes(bytes.get(start..).unwrap_or_default());
    }
    out.byte(b'"');
    plain
}

/// Whether no byte of a text needs escaping: eight bytes at a time (the last word overlapping
/// the one before it), or one at a time for a text shorter than a word.
fn is_plain(bytes: &[u8]) -> bool {
    let Some(last) = bytes.last_chunk::<8>() else {
        return bytes
            .iter()
            .all(|&b| !ESCAPE.get(usize::from(b)).copied().unwrap_or(true));
    };
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        if let Ok(w) = <[u8; 8]>::try_from(w) {
            if needs_escape(u64::from_le_bytes(w)) {
                return false;
            }
        }
    }
    words.remainder().is_empty() || !needs_escape(u64::from_le_bytes(*last))
}

/// The escape of one byte that JSON does not allow as it is.
fn push_escape(out: &mut Out, b: u8) {
    match b {
        b'"' => out.bytes(b"\\\""),
        b'\\' => out.bytes(b"\\\\"),
        0x08 => out.bytes(b"\\b"),
        0x0C => out.bytes(b"\\f"),
        b'\n' => out.bytes(b"\\n"),
        b'\r' => out.bytes(b"\\r"),
        b'\t' => out.bytes(b"\\t"),
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.bytes(b"\\u00");
            out.byte(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'));
            out.byte(HEX.get(usize::from(b & 0xF)).copied().unwrap_or(b'0'));
        }
    }
}

/// Whether any of the 8 bytes of `w` is a control character, `"` or `\\`: three exact
/// "some byte is zero" tests at once (bytes ≥ 0x80, the rest of a UTF-8 text, never count).
#[inline(always)]
fn needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = w.wrapping_sub(ONES.wrapping_mul(0x20)) & !w;
    let q = w ^ ONES.wrapping_mul(0x22);
    let b = w ^ ONES.wrapping_mul(0x5C);
    (below_space | (q.wrapping_sub(ONES) & !q) | (b.wrapping_sub(ONES) & !b)) & HIGH != 0
}

/// The bytes a JSON string escapes: control characters, `"` and `\`.
#[allow(clippy::indexing_slicing)] // evaluated while compiling: an index out of range fails the build
static ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// The JSON text being written.
pub struct Writer {
    out: Out,
    /// The field names already found to need no escaping, by address and length: a result
    /// writes the same few dozen names hundreds of times, and a name is then copied unscanned.
    plain_keys: [(usize, usize); KEY_SLOTS],
}

/// Pieces up to this many bytes are copied without a copy call (see [`Out::bytes`]): up to 16
/// in the browser module, a single byte natively (where the C library's copy is the faster).
const SHORT_COPY: usize = if cfg!(target_arch = "wasm32") { 16 } else { 1 };

/// Slots of [`Writer::plain_keys`] (a power of two).
const KEY_SLOTS: usize = 64;

impl Writer {
    fn int(&mut self, negative: bool, magnitude: u128) {
        let mut buf = [0u8; crate::numbers::NUMBER_TEXT];
        self.out.str(crate::numbers::write_scaled(
            &mut buf, negative, magnitude, 0,
        ));
    }

    /// A float as serde_json writes it (no result holds one; kept exact rather than fast).
    fn float<T: Serialize>(&mut self, v: T) -> Result<(), WriteError> {
        let text = serde_json::to_string(&v).map_err(|e| WriteError(e.to_string()))?;
        self.out.str(&text);
        Ok(())
    }
}

/// An array or an object being written: whether an element came yet, and how it closes.
pub struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
    close: &'static str,
}

impl Compound<'_> {
    #[inline(never)]
    fn comma(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.w.out.byte(b',');
        }
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.key(key);
        value.serialize(&mut *self.w)
    }

    /// `,"key":` — apart from [`Compound::field`] so that it exists once, not once per type.
    #[inline(never)]
    fn key(&mut self, key: &'static str) {
        self.comma();
        // The same `&'static str` (same address, same length) is the same text.
        let tag = (key.as_ptr() as usize, key.len());
        let slot = ((tag.0 >> 3) ^ tag.1) % KEY_SLOTS;
        let w = &mut *self.w;
        if w.plain_keys.get(slot) == Some(&tag) {
            w.out.byte(b'"');
            w.out.str(key);
            w.out.byte(b'"');
        } else if push_quoted(&mut w.out, key) {
            if let Some(s) = w.plain_keys.get_mut(slot) {
                *s = tag;
            }
        }
        w.out.byte(b':');
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.comma();
        value.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), WriteError> {
        self.w.out.str(self.close);
        Ok(())
    }
}

impl Writer {
    fn open(&mut self, open: &str, close: &'static str) -> Compound<'_> {
        self.out.str(open);
        Compound {
            w: self,
            first: true,
            close,
        }
    }

    /// `{"variant":` before a variant's content.
    fn variant_key(&mut self, variant: &str) {
        self.out.byte(b'{');
        let _ = push_quoted(&mut self.out, variant);
        self.out.byte(b':');
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), WriteError> {
        self.out.str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), WriteError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), WriteError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), WriteError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), WriteError> {
        self.int(v < 0, u128::from(v.unsigned_abs()));
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), WriteError> {
        self.int(v < 0, v.unsigned_abs());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), WriteError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), WriteError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), WriteError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), WriteError> {
        self.int(false, u128::from(v));
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), WriteError> {
        self.int(false, v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), WriteError> {
        self.float(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), WriteError> {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Result<(), WriteError> {
        let mut buf = [0u8; 4];
        let _ = push_quoted(&mut self.out, v.encode_utf8(&mut buf));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), WriteError> {
        let _ = push_quoted(&mut self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), WriteError> {
        let mut seq = self.open("[", "]");
        for b in v {
            seq.element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), WriteError> {
        self.out.str("null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), WriteError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), WriteError> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), WriteError> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), WriteError> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.variant_key(variant);
        value.serialize(&mut *self)?;
        self.out.byte(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, WriteError> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>, WriteError> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, WriteError> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, WriteError> {
        self.variant_key(variant);
        Ok(self.open("[", "]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, WriteError> {
        Ok(self.open("{", "}"))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, WriteError> {
        Ok(self.open("{", "}"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, WriteError> {
        self.variant_key(variant);
        Ok(self.open("{", "}}"))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.element(value)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.element(value)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.element(value)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.element(value)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), WriteError> {
        self.comma();
        let start = self.w.out.pos;
        key.serialize(&mut *self.w)?;
        // A key is a string; a number or a boolean is written as one, as serde_json does.
        let written = self
            .w
            .out
            .buf
            .get(start..self.w.out.pos)
            .unwrap_or_default()
            .to_vec();
        if written.first() != Some(&b'"') {
            let plain = !written.is_empty()
                && written
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'-');
            if !plain || written == b"null" {
                return Err(WriteError("key must be a string".into()));
            }
            self.w.out.pos = start;
            self.w.out.byte(b'"');
            self.w.out.bytes(&written);
            self.w.out.byte(b'"');
        }
        self.w.out.byte(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self)
    }
}

/// A value that writes itself as JSON through a [`Writer`]: the same text as its `Serialize`
/// form written by [`json`] (and serde_json), from small non-generic code.
///
/// Why beside serde's `Serialize`: a derived `Serialize` is generic over its serializer and
/// threads a `Result` through every field, and in the resident wasm module those impls were
/// about a tenth of the code (issue #7's size budget). Result types derive `ToJson`
/// (`gaizao-derive`), which reads the same `#[serde(...)]` attributes and writes through a few
/// functions of the writer that cannot fail. `Serialize` stays for the command line, the
/// planning module and as the reference: `tests` compares the two texts on every result.
pub trait ToJson {
    /// Appends the value's JSON text.
    fn to_json(&self, w: &mut Writer);
}

pub use gaizao_derive::ToJson;

/// `v` as compact JSON text, exactly as [`json`] writes its `Serialize` form.
pub fn to_json<T: ToJson>(v: &T) -> Result<String, WriteError> {
    write_json(v)
}

/// The work of [`to_json`], once for every type written.
#[inline(never)]
fn write_json(v: &dyn ToJson) -> Result<String, WriteError> {
    let mut w = Writer {
        out: Out::new(4096),
        plain_keys: [(0, 0); KEY_SLOTS],
    };
    v.to_json(&mut w);
    w.out.finish()
}

/// The writing steps that [`ToJson`] impls (and the code `gaizao-derive` makes) call.
impl Writer {
    /// A comma unless the member or element is the first: the last byte written opened the
    /// object or the list (a value never ends in `{` or `[`).
    #[inline(never)]
    fn comma(&mut self) {
        let last = self
            .out
            .pos
            .checked_sub(1)
            .and_then(|i| self.out.buf.get(i))
            .copied();
        if !matches!(last, Some(b'{' | b'[')) {
            self.out.byte(b',');
        }
    }

    /// `{`
    pub fn open_object(&mut self) {
        self.out.byte(b'{');
    }

    /// `}`
    pub fn close_object(&mut self) {
        self.out.byte(b'}');
    }

    /// `[`
    pub fn open_array(&mut self) {
        self.out.byte(b'[');
    }

    /// `]`
    pub fn close_array(&mut self) {
        self.out.byte(b']');
    }

    /// Before each element of a list: its comma.
    pub fn element(&mut self) {
        self.comma();
    }

    /// `,"key":`, a field's name, as [`Compound`] writes it (copied unscanned once it is known
    /// to need no escaping).
    #[inline(never)]
    pub fn key(&mut self, key: &'static str) {
        self.comma();
        let tag = (key.as_ptr() as usize, key.len());
        let slot = ((tag.0 >> 3) ^ tag.1) % KEY_SLOTS;
        if self.plain_keys.get(slot) == Some(&tag) {
            self.out.byte(b'"');
            self.out.str(key);
            self.out.byte(b'"');
        } else if push_quoted(&mut self.out, key) {
            if let Some(s) = self.plain_keys.get_mut(slot) {
                *s = tag;
            }
        }
        self.out.byte(b':');
    }

    /// `,"key":` for a key made at run time (a map's).
    pub fn key_text(&mut self, key: &str) {
        self.comma();
        push_quoted(&mut self.out, key);
        self.out.byte(b':');
    }

    /// A text, quoted and escaped.
    #[inline(never)]
    pub fn str(&mut self, s: &str) {
        push_quoted(&mut self.out, s);
    }

    /// Text written as it is (`true`, `null`, a number already written out).
    pub fn raw(&mut self, s: &str) {
        self.out.str(s);
    }

    /// An integer.
    #[inline(never)]
    pub fn integer(&mut self, negative: bool, magnitude: u128) {
        self.int(negative, magnitude);
    }
}

impl ToJson for str {
    fn to_json(&self, w: &mut Writer) {
        w.str(self);
    }
}

impl ToJson for String {
    fn to_json(&self, w: &mut Writer) {
        w.str(self);
    }
}

impl ToJson for std::borrow::Cow<'_, str> {
    fn to_json(&self, w: &mut Writer) {
        w.str(self);
    }
}

impl ToJson for bool {
    fn to_json(&self, w: &mut Writer) {
        w.raw(if *self { "true" } else { "false" });
    }
}

impl ToJson for () {
    fn to_json(&self, w: &mut Writer) {
        w.raw("null");
    }
}

macro_rules! to_json_unsigned {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn to_json(&self, w: &mut Writer) {
                w.integer(false, u128::from(*self));
            }
        }
    )*};
}
to_json_unsigned!(u8, u16, u32, u64, u128);

macro_rules! to_json_signed {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn to_json(&self, w: &mut Writer) {
                w.integer(*self < 0, u128::from(self.unsigned_abs()));
            }
        }
    )*};
}
to_json_signed!(i8, i16, i32, i64, i128);

impl ToJson for usize {
    fn to_json(&self, w: &mut Writer) {
        w.integer(false, *self as u128);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self, w: &mut Writer) {
        (**self).to_json(w);
    }
}

impl<T: ToJson + ?Sized> ToJson for Box<T> {
    fn to_json(&self, w: &mut Writer) {
        (**self).to_json(w);
    }
}

impl<T: ToJson + ?Sized> ToJson for std::sync::Arc<T> {
    fn to_json(&self, w: &mut Writer) {
        (**self).to_json(w);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self, w: &mut Writer) {
        match self {
            Some(v) => v.to_json(w),
            None => w.raw("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self, w: &mut Writer) {
        w.open_array();
        for v in self {
            w.element();
            v.to_json(w);
        }
        w.close_array();
    }
}

impl<T: ToJson, const N: usize> ToJson for [T; N] {
    fn to_json(&self, w: &mut Writer) {
        self.as_slice().to_json(w);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self, w: &mut Writer) {
        self.as_slice().to_json(w);
    }
}

impl<V: ToJson> ToJson for std::collections::BTreeMap<String, V> {
    fn to_json(&self, w: &mut Writer) {
        w.open_object();
        for (k, v) in self {
            w.key_text(k);
            v.to_json(w);
        }
        w.close_object();
    }
}

impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn to_json(&self, w: &mut Writer) {
        w.open_array();
        w.element();
        self.0.to_json(w);
        w.element();
        self.1.to_json(w);
        w.close_array();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Shapes {
        text: String,
        nothing: Option<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        small: i8,
        big: i128,
        huge: u128,
        neg: i64,
        yes: bool,
        list: Vec<u32>,
        empty: Vec<u32>,
        tuple: (u8, &'static str),
        map: BTreeMap<String, bool>,
        int_keys: BTreeMap<u32, u8>,
        unit: (),
        ch: char,
        float: f64,
        nan: f64,
        tagged: Vec<Tagged>,
        plain: Vec<Plain>,
        bytes: serde_bytes_like::Bytes,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase", tag = "kind")]
    enum Tagged {
        None,
        Built { from: i32, to: i32 },
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    enum Plain {
        Unit,
        New(u8),
        Tuple(u8, u8),
        Struct { a: u8 },
    }

    mod serde_bytes_like {
        pub struct Bytes(pub Vec<u8>);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let mut map = BTreeMap::new();
        map.insert("a \"quoted\" key".to_string(), true);
        map.insert("中文".to_string(), false);
        let mut int_keys = BTreeMap::new();
        int_keys.insert(7u32, 1u8);
        let v = Shapes {
            text: "控制\u{0}\u{1f}\u{7f} \"q\" \\ \n\r\t\u{8}\u{c} é 𝄞 </script>".into(),
            nothing: None,
            skipped: None,
            small: -128,
            big: i128::MIN,
            huge: u128::MAX,
            neg: -1,
            yes: true,
            list: vec![0, 1, u32::MAX],
            empty: vec![],
            tuple: (3, "x"),
            map,
            int_keys,
            unit: (),
            ch: '"',
            float: 0.1,
            nan: f64::NAN,
            tagged: vec![
                Tagged::None,
                Tagged::Built {
                    from: 1985,
                    to: 2000,
                },
            ],
            plain: vec![
                Plain::Unit,
                Plain::New(1),
                Plain::Tuple(1, 2),
                Plain::Struct { a: 3 },
            ],
            bytes: serde_bytes_like::Bytes(vec![0, 255]),
        };
        assert_eq!(json(&v).ok(), serde_json::to_string(&v).ok());
        for s in ["", "plain", "\u{0}", "a\u{1}b", "\\\\", "末尾\n"] {
            assert_eq!(
                quoted(s),
                serde_json::Value::String(s.into()).to_string(),
                "case: {s:?}"
            );
        }
        // Every byte that is escaped, and its neighbours, at every place in and around a word.
        for b in (0u8..0x80).chain([0x7F]) {
            for at in 0..20 {
                let mut s: Vec<char> = "中文abcdefghijklmnopq".chars().collect();
                s.insert(at.min(s.len()), char::from(b));
                let s: String = s.into_iter().collect();
                assert_eq!(
                    quoted(&s),
                    serde_json::Value::String(s.clone()).to_string(),
                    "case: {s:?}"
                );
            }
        }
    }

    #[test]
    fn results_are_written_as_serde_json_writes_them() {
        let registry = crate::Registry::builtin();
        assert!(
            registry.is_ok(),
            "built-in packs: {:?}",
            registry.as_ref().err()
        );
        let registry = registry.unwrap_or_default();
        let estate = include_str!("../examples/linye-dayuan.json");
        let plan = include_str!("../examples/linye-dayuan-plan.json");
        for pack in registry.packs() {
            for langs in [crate::Langs::None, crate::Langs::Zh, crate::Langs::Both] {
                if let Ok(e) = crate::Estate::from_json(estate, pack) {
                    let c = crate::eligibility::check_with(pack, &e, Default::default(), langs);
                    assert_eq!(
                        json(&c).ok(),
                        serde_json::to_string(&c).ok(),
                        "check under {}",
                        pack.id()
                    );
                    assert_eq!(to_json(&c).ok(), json(&c).ok(), "check under {}", pack.id());
                }
                if let Ok(s) = crate::Scenario::from_json(plan, pack) {
                    if let Ok(r) = crate::estimate::estimate_with(pack, &s, langs) {
                        assert_eq!(
                            json(&r).ok(),
                            serde_json::to_string(&r).ok(),
                            "estimate under {}",
                            pack.id()
                        );
                        assert_eq!(
                            to_json(&r).ok(),
                            json(&r).ok(),
                            "estimate under {}",
                            pack.id()
                        );
                    }
                }
            }
            let m = crate::menu::menu(pack);
            assert_eq!(
                json(&m).ok(),
                serde_json::to_string(&m).ok(),
                "menu of {}",
                pack.id()
            );
            assert_eq!(to_json(&m).ok(), json(&m).ok(), "menu of {}", pack.id());
            let summary = crate::policy::registry::summary(pack);
            assert_eq!(
                to_json(&summary).ok(),
                json(&summary).ok(),
                "summary of {}",
                pack.id()
            );
        }
        let s = crate::schema::export();
        assert_eq!(json(&s).ok(), serde_json::to_string(&s).ok(), "schema");
        assert_eq!(to_json(&s).ok(), json(&s).ok(), "schema");
        let summaries = registry.summaries();
        assert_eq!(to_json(&summaries).ok(), json(&summaries).ok(), "summaries");
        let manifest = &registry.manifest().packs;
        assert_eq!(to_json(manifest).ok(), json(manifest).ok(), "manifest");
        let mut problems = Vec::new();
        for text in ["{", r#"{"id": 1, "x": 2}"#, "[]", r#"{"a": 1, "a": 2}"#] {
            if let Err(e) = crate::policy::compile::compile("x.json", text, String::new(), None) {
                problems.extend(e);
            }
        }
        let reports: Vec<crate::texts::ErrorReport> = problems
            .iter()
            .map(crate::texts::ErrorReport::from)
            .collect();
        assert!(reports.len() > 4);
        assert_eq!(to_json(&reports).ok(), json(&reports).ok(), "error reports");
    }
}
