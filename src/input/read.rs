//! Reading typed values out of a JSON tree, without serde's derived deserializers.
//!
//! Why hand-written: serde's derives generate a visitor per type *per deserializer*, which made
//! them the largest part of the wasm module (≈ 45 KB of 200 KB gzipped). Reading a parsed
//! [`Tree`] through the small non-generic helpers here costs a fraction of that, and
//! it reports *every* problem of an input in one pass, each with its exact path
//! (`owners.inFavour`, `items[2].quantity`) — no searching for where an error happened.
//!
//! A type implements [`FromJson`]; structs read their fields through [`Obj`], which knows which
//! keys were read and reports the rest as unknown fields.

use super::tree::{member, Member, Tree};

use crate::error::Error;

/// At most this many problems are collected from one input.
pub const MAX_PROBLEMS: usize = 20;

/// The problems found so far.
#[derive(Debug, Default)]
pub struct Reader {
    /// The problems, in the order found, at most [`MAX_PROBLEMS`].
    pub problems: Vec<Error>,
}

impl Reader {
    /// Records a problem and returns `None`, so that readers can `return r.fail(…)`.
    pub fn fail<T>(&mut self, e: Error) -> Option<T> {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(e);
        }
        None
    }

    /// Records a wrong JSON type at `path`.
    pub fn wrong_type<T>(&mut self, path: &str, expected: &str, found: &Tree) -> Option<T> {
        self.wrong_type_at(&At::Text(path), expected, found)
    }

    /// Records a wrong JSON type at a path not yet written out.
    pub fn wrong_type_at<T>(&mut self, at: &At, expected: &str, found: &Tree) -> Option<T> {
        self.wrong_kind(at, expected, found.kind());
        None
    }

    /// The work of [`Reader::wrong_type_at`], apart so that it exists once and not once per
    /// type read (the resident wasm module's size budget).
    #[inline(never)]
    fn wrong_kind(&mut self, at: &At, expected: &str, kind: &str) {
        self.fail::<()>(Error::WrongType {
            field: at.or_root(),
            detail: format!("expected {expected}, found {kind}"),
        });
    }

    /// How many problems were recorded.
    pub fn count(&self) -> usize {
        self.problems.len()
    }

    /// True once the cap is reached: further problems would not be kept, so readers may stop.
    pub fn is_full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }
}

/// The detail of an unknown enumeration value: what was given (clipped) and what is allowed.
pub fn unknown_value(given: &str, allowed: &[crate::schema::Choice]) -> String {
    let ids: Vec<&str> = allowed.iter().map(|c| c.id).collect();
    format!(
        "unknown value \"{}\", expected one of: {}",
        given.chars().take(40).collect::<String>(),
        ids.join(", ")
    )
}

/// [`unknown_value`] for a list of names (`json_enum!`): once, not once per enumeration.
pub fn unknown_name(given: &str, names: &[&str]) -> String {
    format!(
        "unknown value \"{}\", expected one of: {}",
        given.chars().take(40).collect::<String>(),
        names.join(", ")
    )
}

/// A type that can be read from a JSON value at a path (the policy-pack format; inputs are read
/// through their schema by `crate::record`).
pub trait FromJson: Sized {
    /// Reads the value; on any problem, records it in `r` and returns `None`.
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self>;
}

/// Reads a whole input: `T` from the tree, every problem reported.
pub fn read_all<T: FromJson>(tree: &Tree) -> Result<T, Vec<Error>> {
    let mut r = Reader::default();
    match T::read(tree, "", &mut r) {
        Some(v) if r.problems.is_empty() => Ok(v),
        _ if r.problems.is_empty() => Err(vec![Error::WrongType {
            field: "(root)".into(),
            detail: "unreadable".into(),
        }]),
        _ => Err(r.problems),
    }
}

/// The path as messages show it: `(root)` for the whole input.
pub fn path_or_root(path: &str) -> String {
    if path.is_empty() {
        "(root)".into()
    } else {
        path.to_string()
    }
}

/// A path inside an input, written out only when a problem names it: reading a valid input
/// builds no path string at all.
#[derive(Debug, Clone, Copy)]
pub enum At<'a> {
    /// A path already written out (`""` at the root).
    Text(&'a str),
    /// `parent.key`, as [`join`] writes it.
    Key(&'a At<'a>, &'a str),
    /// `parent[i]`.
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    /// The path as [`join`] and `[i]` write it (empty at the root).
    pub fn render(&self) -> String {
        match *self {
            At::Text(s) => s.to_string(),
            At::Key(parent, key) => join(&parent.render(), key),
            At::Index(parent, i) => format!("{}[{i}]", parent.render()),
        }
    }

    /// The path as messages show it: `(root)` for the whole input.
    pub fn or_root(&self) -> String {
        path_or_root(&self.render())
    }
}

/// `path.key`, or `key` at the root. A key that is not a plain name (empty, spaces, dots…) is
/// written `path["…"]` so that the path still says exactly which key was meant.
pub fn join(path: &str, key: &str) -> String {
    let mut out = String::with_capacity(path.len().saturating_add(key.len()).saturating_add(1));
    out.push_str(path);
    push_key(&mut out, key);
    out
}

/// Appends `key` to the path in `out` as [`join`] writes it.
fn push_key(out: &mut String, key: &str) {
    // Plain: ASCII letters, digits, `_` and `-` only (so bytes are characters), at most 64.
    let plain = !key.is_empty()
        && key.len() <= 64
        && key
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-');
    if plain {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(key);
    } else {
        let shown: String = key.chars().take(40).collect();
        out.push('[');
        out.push_str(&crate::output::quoted(&shown));
        out.push(']');
    }
}

/// Most keys an [`Obj`] remembers without allocating (no pack object has more fields).
const KEYS_INLINE: usize = 24;

/// An object being read. Call [`Obj::finish`] after the fields to report unknown keys.
pub struct Obj<'a> {
    map: &'a [Member<'a>],
    /// The object's path, then (while a field is read) the field's: one buffer for every field.
    path: String,
    /// Where the object's own path ends in `path`.
    base: usize,
    /// The keys asked for so far: the first in place, the rest in `more`.
    read: [&'static str; KEYS_INLINE],
    n_read: usize,
    more: Vec<&'static str>,
    problems_before: usize,
}

impl<'a> Obj<'a> {
    /// Starts reading `v` as an object (a problem if it is anything else).
    pub fn new(v: &'a Tree<'a>, path: &str, r: &mut Reader) -> Option<Obj<'a>> {
        match v {
            Tree::Object(map) => {
                let mut buf = String::with_capacity(path.len().saturating_add(24));
                buf.push_str(path);
                Some(Obj {
                    map,
                    path: buf,
                    base: path.len(),
                    read: [""; KEYS_INLINE],
                    n_read: 0,
                    more: Vec::new(),
                    problems_before: r.count(),
                })
            }
            other => r.wrong_type(path, "an object", other),
        }
    }

    /// The object's own path.
    fn own(&self) -> &str {
        self.path.get(..self.base).unwrap_or_default()
    }

    /// The path of a field of this object.
    pub fn at(&self, key: &str) -> String {
        join(self.own(), key)
    }

    /// The path of a field, written into the object's buffer (no allocation once it has grown).
    fn field_path(&mut self, key: &str) -> &str {
        self.path.truncate(self.base);
        push_key(&mut self.path, key);
        &self.path
    }

    fn get(&mut self, key: &'static str) -> Option<&'a Tree<'a>> {
        match self.read.get_mut(self.n_read) {
            Some(slot) => {
                *slot = key;
                self.n_read = self.n_read.saturating_add(1);
            }
            None => self.more.push(key),
        }
        member(self.map, key).filter(|v| !v.is_null())
    }

    fn was_read(&self, key: &str) -> bool {
        let inline = self.read.get(..self.n_read).unwrap_or_default();
        inline.contains(&key) || self.more.contains(&key)
    }

    /// An optional field: absent or `null` is `None` ("don't know"), never a problem.
    pub fn opt<T: FromJson>(&mut self, key: &'static str, r: &mut Reader) -> Option<T> {
        let (v, path) = self.field(key, None)?;
        T::read(v, path, r)
    }

    /// A required field: absent or `null` is a missing-field problem.
    pub fn req<T: FromJson>(&mut self, key: &'static str, r: &mut Reader) -> Option<T> {
        let (v, path) = self.field(key, Some(r))?;
        T::read(v, path, r)
    }

    /// The field's value and path, or `None` when it is absent or `null` (a missing-field
    /// problem when `required` holds the reader). The work of [`Obj::opt`] and [`Obj::req`],
    /// apart so that it exists once and not once per type read (the wasm module's size budget).
    #[inline(never)]
    fn field(
        &mut self,
        key: &'static str,
        required: Option<&mut Reader>,
    ) -> Option<(&'a Tree<'a>, &str)> {
        match self.get(key) {
            Some(v) => Some((v, self.field_path(key))),
            None => {
                if let Some(r) = required {
                    r.fail::<()>(Error::MissingField {
                        field: self.at(key),
                    });
                }
                None
            }
        }
    }

    /// A list field that may be absent (empty).
    pub fn list<T: FromJson>(&mut self, key: &'static str, r: &mut Reader) -> Vec<T> {
        self.opt::<Vec<T>>(key, r).unwrap_or_default()
    }

    /// A field that may be absent, with a default.
    pub fn or_default<T: FromJson + Default>(&mut self, key: &'static str, r: &mut Reader) -> T {
        self.opt(key, r).unwrap_or_default()
    }

    /// Reports keys that were not read, and says whether this object was read without problems.
    pub fn finish(self, r: &mut Reader) -> Option<()> {
        for (key, _) in self.map {
            if !self.was_read(key) {
                r.fail::<()>(Error::UnknownField {
                    field: join(self.own(), key),
                });
            }
        }
        (r.count() == self.problems_before).then_some(())
    }
}

impl FromJson for String {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        match v {
            Tree::String(s) => Some(s.to_string()),
            other => r.wrong_type(path, "text", other),
        }
    }
}

impl FromJson for bool {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        match v {
            Tree::Bool(b) => Some(*b),
            other => r.wrong_type(path, "true or false", other),
        }
    }
}

impl FromJson for i32 {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        let n = v.number();
        match n
            .and_then(|n| n.as_i64())
            .and_then(|n| i32::try_from(n).ok())
        {
            Some(n) => Some(n),
            None if n.is_some() => r.fail(Error::OutOfRange {
                field: path_or_root(path),
            }),
            None => r.wrong_type(path, "a whole number", v),
        }
    }
}

/// A value read once and then shared, not copied (a city pack's resolved rules, menu and facts
/// point at those of the file they come from, its own or its base's).
impl<T: FromJson> FromJson for std::sync::Arc<T> {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        T::read(v, path, r).map(std::sync::Arc::new)
    }
}

impl<T: FromJson> FromJson for std::sync::Arc<[T]> {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        Vec::<T>::read(v, path, r).map(std::sync::Arc::from)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        let mut out = Vec::new();
        read_list(v, path, r, &mut |item, at, r| {
            if let Some(x) = T::read(item, at, r) {
                out.push(x);
            }
        })?;
        Some(out)
    }
}

/// Reads a list, element by element with `each` (given the element and its path): `None` when
/// it is not a list or an element had a problem. Not generic, so that it exists once and not
/// once per element type (the resident wasm module's size budget).
fn read_list(
    v: &Tree,
    path: &str,
    r: &mut Reader,
    each: &mut dyn FnMut(&Tree, &str, &mut Reader),
) -> Option<()> {
    let Tree::Array(items) = v else {
        return r.wrong_type(path, "a list", v);
    };
    let before = r.count();
    // One buffer for every element's path: `path[0]`, `path[1]`, …
    let mut at = String::with_capacity(path.len().saturating_add(8));
    let mut digits = [0u8; crate::numbers::NUMBER_TEXT];
    for (i, item) in items.iter().enumerate() {
        at.clear();
        at.push_str(path);
        at.push('[');
        at.push_str(crate::numbers::write_scaled(
            &mut digits,
            false,
            i as u128,
            0,
        ));
        at.push(']');
        each(item, &at, r);
    }
    (r.count() == before).then_some(())
}

/// Implements [`FromJson`] for a unit-variant enum from its camelCase names.
#[macro_export]
#[doc(hidden)]
macro_rules! json_enum {
    ($ty:ty { $($name:literal => $variant:expr),+ $(,)? }) => {
        impl $crate::input::read::FromJson for $ty {
            fn read(v: &$crate::input::tree::Tree, path: &str, r: &mut $crate::input::read::Reader) -> Option<Self> {
                match v.as_str() {
                    $(Some($name) => Some($variant),)+
                    Some(other) => r.fail($crate::error::Error::WrongType {
                        field: $crate::input::read::path_or_root(path),
                        detail: $crate::input::read::unknown_name(other, &[$($name),+]),
                    }),
                    None => r.wrong_type(path, "text", v),
                }
            }
        }
    };
}

/// Implements [`FromJson`] for a struct, one line per field: `field: req "key"` (must be
/// present), `opt "key"` (an `Option`), `list "key"` (a `Vec`, empty when absent) or
/// `default "key"` (`Default` when absent). Unknown keys are reported.
#[macro_export]
#[doc(hidden)]
macro_rules! json_struct {
    (@get $o:ident $r:ident req $key:literal) => { $o.req($key, $r) };
    (@get $o:ident $r:ident opt $key:literal) => { Some($o.opt($key, $r)) };
    (@get $o:ident $r:ident list $key:literal) => { Some($o.list($key, $r)) };
    (@get $o:ident $r:ident default $key:literal) => { Some($o.or_default($key, $r)) };
    ($ty:ident { $($field:ident : $how:ident $key:literal),* $(,)? }) => {
        impl $crate::input::read::FromJson for $ty {
            fn read(v: &$crate::input::tree::Tree, path: &str, r: &mut $crate::input::read::Reader) -> Option<Self> {
                let mut o = $crate::input::read::Obj::new(v, path, r)?;
                $(let $field = $crate::json_struct!(@get o r $how $key);)*
                o.finish(r)?;
                Some($ty { $($field: $field?),* })
            }
        }
    };
}
