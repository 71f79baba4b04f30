//! The set of packs a calculator works with: the built-in ones plus any loaded at run time.
//!
//! A `Registry` is an ordinary value — no global state — so a page, a Web Worker and a test can
//! each hold their own, and a portal's pack loaded into one does not leak into another.

use serde::Serialize;

#[cfg(feature = "embedded-packs")]
use super::builtin::BUILTIN_PACKS;
use super::compile::{compile, ResolvedPack};
use super::model::DocumentStatus;
use crate::error::Error;
use crate::text::Text;

#[derive(Debug, Clone, Default)]
pub struct Registry {
    packs: Vec<ResolvedPack>,
}

/// What a list of policies shows about each pack.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PolicySummary {
    pub id: String,
    pub name: Text,
    pub jurisdiction: Text,
    pub issuer: Text,
    pub document_number: String,
    pub title: Text,
    pub date: String,
    pub status: DocumentStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub base: Option<String>,
    pub built_in: bool,
    /// SHA-256 of the pack file.
    pub content_hash: String,
}

impl Registry {
    /// An empty registry (packs must then be loaded, base first).
    pub fn empty() -> Registry {
        Registry::default()
    }

    /// The built-in packs. They are validated by the test suite, so an error here means a
    /// broken build; it is still returned, not panicked on.
    #[cfg(feature = "embedded-packs")]
    pub fn builtin() -> Result<Registry, Vec<Error>> {
        let mut r = Registry::empty();
        for (file, text) in BUILTIN_PACKS {
            r.load(file, text)?;
        }
        Ok(r)
    }

    /// Validates a pack and adds it, replacing a loaded pack with the same id. Packs already
    /// resolved against a replaced base keep the base they were built with.
    pub fn load(&mut self, file: &str, text: &str) -> Result<&ResolvedPack, Vec<Error>> {
        let base_id = peek_base(text);
        let base = base_id
            .as_deref()
            .and_then(|b| self.packs.iter().find(|p| p.id() == b));
        let pack = compile(file, text, base)?;
        let idx = match self.packs.iter().position(|p| p.id() == pack.id()) {
            Some(i) => {
                self.packs[i] = pack;
                i
            }
            None => {
                self.packs.push(pack);
                self.packs.len() - 1
            }
        };
        Ok(&self.packs[idx])
    }

    pub fn get(&self, id: &str) -> Result<&ResolvedPack, Error> {
        self.packs
            .iter()
            .find(|p| p.id() == id)
            .ok_or_else(|| Error::UnknownPolicy {
                policy: id.to_string(),
            })
    }

    pub fn packs(&self) -> impl Iterator<Item = &ResolvedPack> {
        self.packs.iter()
    }

    pub fn summaries(&self) -> Vec<PolicySummary> {
        self.packs.iter().map(summary).collect()
    }
}

pub fn summary(p: &ResolvedPack) -> PolicySummary {
    let d = &p.pack.document;
    PolicySummary {
        id: p.pack.id.clone(),
        name: p.pack.name.clone(),
        jurisdiction: p.pack.jurisdiction.clone(),
        issuer: p.pack.issuer.clone(),
        document_number: d.number.clone(),
        title: d.title.clone(),
        date: d.date.clone(),
        status: d.status,
        base: p.pack.base.clone(),
        built_in: is_builtin_file(&p.file),
        content_hash: p.content_hash.clone(),
    }
}

/// Reads just the `base` field, so the right base can be handed to the full read.
fn peek_base(text: &str) -> Option<String> {
    let tree = crate::input::parse_tree(text).ok()?;
    tree.get("base")?.as_str().map(str::to_string)
}

#[cfg(feature = "embedded-packs")]
fn is_builtin_file(file: &str) -> bool {
    BUILTIN_PACKS.iter().any(|(f, _)| *f == file)
}

#[cfg(not(feature = "embedded-packs"))]
fn is_builtin_file(_file: &str) -> bool {
    false
}
