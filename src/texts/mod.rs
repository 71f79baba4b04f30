//! Every sentence the calculator says, in Chinese and English — made when someone asks for it.
//!
//! Results carry rule ids, outcomes and numbers; the words are produced here, on request and in
//! the languages asked for. A portal checking 220,000 compounds pays for no sentence it does not
//! show, and each message exists in one place for the CLI, JS and a planning audit alike.

pub mod eligibility;
pub mod errors;
pub mod estimate;
#[cfg(feature = "sheets")]
pub mod plan;

use crate::output::ToJson;
use serde::Serialize;

pub use errors::ErrorReport;

/// The languages texts can be asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Langs {
    /// No texts: ids, outcomes and numbers only.
    #[default]
    None,
    /// Chinese only (the authoritative wording).
    Zh,
    /// English only.
    En,
    /// Chinese and English.
    Both,
}

impl Langs {
    /// Reads `"zh"`, `"en"`, `"both"` or `"none"`.
    pub fn from_id(id: &str) -> Option<Langs> {
        Some(match id {
            "none" => Langs::None,
            "zh" => Langs::Zh,
            "en" => Langs::En,
            "both" => Langs::Both,
            _ => return None,
        })
    }

    /// Whether Chinese texts are wanted.
    pub fn zh(self) -> bool {
        matches!(self, Langs::Zh | Langs::Both)
    }

    /// Whether English texts are wanted.
    pub fn en(self) -> bool {
        matches!(self, Langs::En | Langs::Both)
    }

    /// Whether any text is wanted.
    pub fn any(self) -> bool {
        self != Langs::None
    }
}

/// A text in the languages that were asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToJson, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Texts<T> {
    /// The Chinese text, when Chinese was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zh: Option<T>,
    /// The English text, when English was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<T>,
}

impl<T> Texts<T> {
    /// Builds the texts asked for with `make(is_chinese)`.
    pub fn make(langs: Langs, mut make: impl FnMut(bool) -> T) -> Option<Texts<T>> {
        langs.any().then(|| Texts {
            zh: langs.zh().then(|| make(true)),
            en: langs.en().then(|| make(false)),
        })
    }
}

/// Joins pieces into one text, sized once: what `format!` does for a sentence, without the
/// formatting machinery (a result in words writes hundreds of them).
pub(crate) fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).fold(0, usize::saturating_add));
    for p in parts {
        s.push_str(p);
    }
    s
}

/// A whole number as `Display` writes it, into `buf`.
pub(crate) fn int_text(buf: &mut [u8; crate::numbers::NUMBER_TEXT], n: i128) -> &str {
    crate::numbers::write_scaled(buf, n < 0, n.unsigned_abs(), 0)
}

/// Shortens echoed user text: a 1 MB id must not become a 1 MB message.
pub fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// An English noun for a count: `plural(1, "owner", "owners")` is "owner".
pub fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// A choice's name without its explanation in brackets, for use inside a sentence:
/// "非商品房（单位房、房改房…）" → "非商品房".
pub fn short(label: &str) -> &str {
    // " (" found as a '(' after a space: a character search, not a text search (whose code the
    // resident module would otherwise carry for this one use).
    let cut = label
        .find('（')
        .or_else(|| {
            label
                .match_indices('(')
                .find_map(|(i, _)| label.get(..i)?.strip_suffix(' ').map(str::len))
        })
        .unwrap_or(label.len());
    label[..cut].trim_end()
}

/// English text with its first letter lowered ("City" → "city") — ASCII only, which is all the
/// English labels need (and keeps Unicode case tables out of the wasm module).
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_lowercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// English text with its first letter raised, to start a sentence (ASCII only, as above).
pub fn upper_first(s: String) -> String {
    match s.chars().next() {
        Some(f) if f.is_ascii_lowercase() => {
            let mut out = String::with_capacity(s.len());
            out.push(f.to_ascii_uppercase());
            out.push_str(&s[f.len_utf8()..]);
            out
        }
        _ => s,
    }
}

/// English text in lower case (ASCII letters only; see [`lower_first`]).
pub fn lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::short;

    /// A choice's name loses its bracketed explanation, in either script, and only a
    /// bracket after a space counts in English.
    #[test]
    fn short_names() {
        for (label, want) in [
            ("非商品房（单位房、房改房、安置房等）", "非商品房"),
            (
                "Non-commodity housing (work-unit, reformed public or resettlement housing)",
                "Non-commodity housing",
            ),
            ("Commodity housing", "Commodity housing"),
            ("a(b) (c)", "a(b)"),
            ("x(y)", "x(y)"),
            ("", ""),
        ] {
            assert_eq!(short(label), want, "{label}");
        }
    }
}
