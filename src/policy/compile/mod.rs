//! Turns a parsed pack into a ready-to-use one: checks every invariant serde cannot, parses the
//! fractions once, and resolves inheritance from the base pack.
//!
//! Problems are collected, not stopped at, so an author fixing a pack sees all of them at once;
//! each names the file, the field path inside it and the problem in both languages.

mod checks;
mod compiled;
mod facts;
mod funding;
mod rules;

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use super::model::*;
use crate::error::Error;
use crate::fraction::Fraction;
use crate::party::{Party, PIPELINE_UTILITY};
use crate::text::{Source, Text};

pub use checks::MAX_PACK_LIST;
use checks::*;
pub use compiled::*;
use facts::*;
use funding::*;
pub use rules::DOCUMENT_STATUS_RULE;
use rules::*;

/// A validated pack with its inheritance resolved.
#[derive(Debug, Clone)]
pub struct ResolvedPack {
    /// The pack as written (after validation).
    pub pack: PolicyPack,
    /// The file name it was loaded under, for messages.
    pub file: String,
    /// SHA-256 of the file's exact bytes, hex: identifies exactly which text produced a result,
    /// however the pack was loaded.
    pub content_hash: String,
    /// True when these bytes are the ones the package's manifest publishes for this id.
    pub built_in: bool,
    /// Id and hash of the base pack, then of its base, and so on.
    pub bases: Vec<(String, String)>,
    /// The effective eligibility rules, in the order they are checked: the base's (minus those
    /// excluded, each replaced in place by a city rule of the same id), then the pack's own, then
    /// `document-status`.
    pub rules: Vec<CompiledRule>,
    /// The effective menu: the pack's own, or its base's when it has none.
    pub menu: std::sync::Arc<[MenuCategory]>,
    /// In the order they are tried.
    pub funding: Vec<CompiledFunding>,
    /// The pack's benchmarks, then those of its base whose ids it does not use.
    pub benchmarks: Vec<Benchmark>,
    /// Notes of this pack, then of its base.
    pub notes: Vec<Note>,
    /// The pack's own facts, then its base's.
    pub facts: Vec<CompiledFact>,
}

impl crate::record::LocalFacts for ResolvedPack {
    fn local_kind(&self, key: &str) -> Option<crate::record::LocalKind<'_>> {
        use crate::record::LocalKind;
        let f = self.facts.iter().find(|f| f.spec.key == key)?;
        Some(match f.spec.kind {
            LocalFactKind::Bool => LocalKind::Bool,
            LocalFactKind::Count => LocalKind::Count,
            LocalFactKind::Decimal => LocalKind::Decimal,
            LocalFactKind::Choice => LocalKind::Choice(&f.choice_ids),
            LocalFactKind::Tally => LocalKind::Tally(match f.spec.counts {
                Some(TallyUnit::Households) => &crate::schema::HOUSEHOLD_TALLY,
                _ => &crate::schema::OWNER_TALLY,
            }),
        })
    }
}

impl ResolvedPack {
    /// The pack's id.
    pub fn id(&self) -> &str {
        &self.pack.id
    }

    /// Finds a menu item and its category.
    pub fn item(&self, id: &str) -> Option<(&MenuCategory, &MenuItem)> {
        self.menu
            .iter()
            .find_map(|c| c.items.iter().find(|i| i.id == id).map(|i| (c, i)))
    }
}

/// Collects problems with their field paths.
struct Problems<'a> {
    file: &'a str,
    list: Vec<Error>,
}

impl Problems<'_> {
    /// Records a problem; past [`MAX_PROBLEMS`](crate::input::read::MAX_PROBLEMS) the rest are
    /// dropped, as for inputs, so that a pack with 100 000 bad entries gives a readable answer.
    fn add(&mut self, field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) {
        if self.list.len() >= crate::input::read::MAX_PROBLEMS {
            return;
        }
        self.list.push(Error::InvalidPolicy {
            file: self.file.to_string(),
            field: field.into(),
            problem: Text::new(zh, en),
        });
    }
}

/// Parses and validates one pack file whose exact bytes hash to `sha256`. `base` must be given
/// when the pack names one.
pub fn compile(
    file: &str,
    text: &str,
    sha256: String,
    base: Option<&ResolvedPack>,
) -> Result<ResolvedPack, Vec<Error>> {
    compile_tree(file, crate::input::parse_tree(text).as_ref(), sha256, base)
}

/// [`compile`] from the file's parsed text (or the problem parsing it), for a caller that
/// parsed it already: a pack's text is parsed once per load.
pub fn compile_tree(
    file: &str,
    tree: Result<&crate::input::tree::Tree, &Error>,
    sha256: String,
    base: Option<&ResolvedPack>,
) -> Result<ResolvedPack, Vec<Error>> {
    let read = match tree {
        Ok(tree) => crate::input::read::read_all::<PolicyPack>(tree),
        Err(e) => Err(vec![e.clone()]),
    };
    let pack: PolicyPack = match read {
        Ok(p) => p,
        Err(errors) => {
            return Err(errors
                .into_iter()
                .map(|e| Error::InvalidPolicy {
                    file: file.to_string(),
                    field: e
                        .field()
                        .filter(|f| *f != "(input)")
                        .unwrap_or("(file)")
                        .to_string(),
                    problem: e.message(),
                })
                .collect());
        }
    };
    let mut p = Problems {
        file,
        list: Vec::new(),
    };
    check_header(&pack, &mut p);
    check_sizes(&pack, &mut p);
    match (&pack.base, base) {
        (Some(want), Some(b)) if want != b.id() => p.add(
            "base",
            format!("基础政策包应为“{want}”"),
            format!("base pack should be \"{want}\""),
        ),
        (Some(want), None) => p.add(
            "base",
            format!("找不到基础政策包“{want}”"),
            format!("base pack \"{want}\" is not loaded"),
        ),
        _ => {}
    }
    let base = if pack.base.is_some() { base } else { None };

    let facts = compile_facts(&pack, base, &mut p);
    let menu = if pack.menu.is_empty() {
        base.map(|b| b.menu.clone()).unwrap_or_default()
    } else {
        pack.menu.clone()
    };
    let rules = compile_rules(&pack, base, &facts, &menu, &mut p);
    check_menu(&pack, &menu, &mut p);
    check_targets(&pack, &mut p);
    let funding = compile_funding(&pack, base, &menu, &facts, &mut p);
    check_scopes(&pack, &menu, &mut p);
    let mut benchmarks = pack.benchmarks.clone();
    check_benchmarks(&pack, &mut p);
    if let Some(b) = base {
        benchmarks.extend(
            b.benchmarks
                .iter()
                .filter(|bb| !pack.benchmarks.iter().any(|o| o.id == bb.id))
                .cloned(),
        );
    }
    for (i, n) in pack.notes.iter().enumerate() {
        check_text(&n.text, &format!("notes[{i}].text"), &mut p);
        check_source(&n.source, &format!("notes[{i}].source"), &mut p);
    }
    let mut notes = pack.notes.clone();
    if let Some(b) = base {
        notes.extend(b.notes.iter().cloned());
    }
    if !p.list.is_empty() {
        return Err(p.list);
    }
    let mut bases = Vec::new();
    if let Some(b) = base {
        bases.push((b.id().to_string(), b.content_hash.clone()));
        bases.extend(b.bases.iter().cloned());
    }
    Ok(ResolvedPack {
        content_hash: sha256,
        built_in: false,
        bases,
        file: file.to_string(),
        rules,
        menu,
        funding,
        benchmarks,
        notes,
        facts,
        pack,
    })
}

/// The SHA-256 of some bytes, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    // Fed in pieces: in the browser a pack's first load runs in the engine's baseline code, and
    // a long single call to the compression loop would stay there; short calls let the engine
    // swap in its optimised code a few kilobytes in (the digest is the same).
    let mut h = Sha256::new();
    for piece in bytes.chunks(2048) {
        h.update(piece);
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in h.finalize() {
        out.push(char::from(
            HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
        ));
        out.push(char::from(
            HEX.get(usize::from(b & 0xF)).copied().unwrap_or(b'0'),
        ));
    }
    out
}
