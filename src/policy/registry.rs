//! The packs one calculator works with, and how a pack proves what it is.
//!
//! A `Registry` is an ordinary value — no global state — so a page, a Web Worker and a test can
//! each hold their own, and a portal's pack loaded into one does not leak into another.
//!
//! A pack's identity is the SHA-256 of its exact bytes. The package publishes a [`Manifest`]
//! (`policies/index.json`) naming each built-in pack's id and hash; a loaded pack is built-in only
//! when its bytes hash to the manifest's entry for its id. A pack never silently replaces one
//! already loaded, nor takes a built-in pack's id with other content: that needs an explicit
//! `replace`, and the outcome says so. Bases are loaded first and a pack cannot be its own base,
//! so inheritance cannot loop.

use crate::output::ToJson;
use serde::Serialize;

use super::compile::{compile_tree, sha256_hex, ResolvedPack};
use super::model::DocumentStatus;
use crate::error::Error;
use crate::text::Text;

/// Largest pack file gaizao reads (the largest built-in pack is about 60 KB).
pub const MAX_PACK_BYTES: usize = 2 * 1024 * 1024;

/// One built-in pack as the package publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct ManifestEntry {
    /// The pack's id, as other packs name it in `base` and results in `packs`.
    pub id: String,
    /// The file, relative to the manifest (`national.json`).
    pub file: String,
    /// The pack's title, zh/en, for a list to show before the pack is fetched.
    pub name: Text,
    /// The place whose policy it is, zh/en.
    pub jurisdiction: Text,
    /// The document's number (`攀委办〔2018〕40号`).
    pub document_number: String,
    /// The document's full title, zh/en.
    pub title: Text,
    /// The document's date, `YYYY-MM-DD` or `YYYY`.
    pub date: String,
    /// The document's standing (a page can mark drafts before loading them).
    pub status: DocumentStatus,
    /// The base pack's id, which must be loaded before this pack can be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// The file's size in bytes.
    pub bytes: usize,
    /// SHA-256 of the file's exact bytes, lowercase hex.
    pub sha256: String,
}

/// The list of built-in packs (`policies/index.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    /// Always `gaizao-policies/1`.
    pub format: String,
    /// One entry per built-in pack.
    pub packs: Vec<ManifestEntry>,
}

/// The format name written in every manifest.
pub const MANIFEST_FORMAT: &str = "gaizao-policies/1";

impl Manifest {
    /// Builds the manifest of a set of pack files `(file name, bytes)`, validating each (bases
    /// are resolved among them). Used to publish `policies/index.json`.
    pub fn build(files: &[(&str, &[u8])]) -> Result<Manifest, Vec<Error>> {
        Manifest::build_loaded(files).map(|(m, _)| m)
    }

    /// [`Manifest::build`], and the registry that loaded the files to build it.
    fn build_loaded(files: &[(&str, &[u8])]) -> Result<(Manifest, Registry), Vec<Error>> {
        let mut r = Registry::default();
        let mut entries = Vec::new();
        for (file, bytes) in order_by_base(files) {
            let (pack, _) = r.load(file, bytes, LoadOptions::default())?;
            let d = &pack.pack.document;
            entries.push(ManifestEntry {
                id: pack.id().to_string(),
                file: file.rsplit('/').next().unwrap_or(file).to_string(),
                name: pack.pack.name.clone(),
                jurisdiction: pack.pack.jurisdiction.clone(),
                document_number: d.number.clone(),
                title: d.title.clone(),
                date: d.date.clone(),
                status: d.status,
                base: pack.pack.base.clone(),
                bytes: bytes.len(),
                sha256: pack.content_hash.clone(),
            });
        }
        let manifest = Manifest {
            format: MANIFEST_FORMAT.into(),
            packs: entries,
        };
        Ok((manifest, r))
    }

    /// Reads a manifest published by [`Manifest::build`].
    pub fn from_json(text: &str) -> Result<Manifest, Vec<Error>> {
        crate::input::from_json_all(text)
    }

    /// The entry for an id.
    pub fn entry(&self, id: &str) -> Option<&ManifestEntry> {
        self.packs.iter().find(|e| e.id == id)
    }
}

/// Orders pack files so that each base comes before the packs that name it (files whose base is
/// not among them keep their place at the end, and will be refused by name).
fn order_by_base<'a>(files: &[(&'a str, &'a [u8])]) -> Vec<(&'a str, &'a [u8])> {
    let peeked: Vec<(Option<String>, Option<String>)> =
        files.iter().map(|(_, b)| peek(b)).collect();
    // Level by level (packs without a base, then packs on those, …), file order within a level.
    let mut done: Vec<String> = Vec::new();
    let mut out = Vec::new();
    type Peeked<'p, 'a> = (
        &'p (&'a str, &'a [u8]),
        &'p (Option<String>, Option<String>),
    );
    let mut left: Vec<Peeked<'_, 'a>> = files.iter().zip(peeked.iter()).collect();
    while !left.is_empty() {
        let (ready, rest): (Vec<_>, Vec<_>) = left
            .into_iter()
            .partition(|(_, (_, base))| base.as_ref().is_none_or(|b| done.contains(b)));
        if ready.is_empty() {
            out.extend(rest.iter().map(|(f, _)| **f));
            break;
        }
        for (f, (id, _)) in &ready {
            out.push(**f);
            if let Some(id) = id {
                done.push(id.clone());
            }
        }
        left = rest;
    }
    out
}

/// The `id` and `base` of a pack's text, without validating the rest.
fn peek(bytes: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(text) = std::str::from_utf8(strip_bom(bytes)) else {
        return (None, None);
    };
    match crate::input::json::parse(text, MAX_PACK_BYTES) {
        Ok(tree) => peek_tree(&tree),
        Err(_) => (None, None),
    }
}

/// The `id` and `base` of a parsed pack.
fn peek_tree(tree: &crate::input::tree::Tree) -> (Option<String>, Option<String>) {
    let get = |k: &str| tree.get(k).and_then(|v| v.as_str()).map(str::to_string);
    (get("id"), get("base"))
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes)
}

/// How a load may treat a pack already loaded under the same id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Replace a loaded pack (or take a built-in pack's id) with other content.
    pub replace: bool,
}

/// What a load did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum LoadOutcome {
    /// The pack was not loaded before.
    Added,
    /// The very same bytes were loaded already: nothing changed.
    Unchanged,
    /// Other content under this id was replaced, as asked.
    Replaced,
}

/// The packs of one calculator.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    manifest: Manifest,
    packs: Vec<ResolvedPack>,
}

/// What a list of policies shows about each pack.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct PolicySummary {
    /// The pack's id, as other packs name it in `base` and results in `packs`.
    pub id: String,
    /// The pack's title, zh/en.
    pub name: Text,
    /// The place whose policy it is, zh/en.
    pub jurisdiction: Text,
    /// Who issued the document, zh/en.
    pub issuer: Text,
    /// The document's number (`攀委办〔2018〕40号`).
    pub document_number: String,
    /// The document's full title, zh/en.
    pub title: Text,
    /// The document's date, `YYYY-MM-DD` or `YYYY`.
    pub date: String,
    /// The document's standing.
    pub status: DocumentStatus,
    /// The base pack's id, if the pack inherits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// True only when the bytes match the package's manifest.
    pub built_in: bool,
    /// SHA-256 of the pack file's exact bytes.
    pub content_hash: String,
    /// The bases' ids and hashes, nearest first.
    pub bases: Vec<PackHash>,
}

/// A pack's id and hash.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct PackHash {
    /// The pack's id.
    pub id: String,
    /// SHA-256 of its file's exact bytes, lowercase hex.
    pub content_hash: String,
}

impl Registry {
    /// A registry that knows a manifest of built-in packs but has loaded none.
    pub fn new(manifest: Manifest) -> Registry {
        Registry {
            manifest,
            packs: Vec::new(),
        }
    }

    /// Every built-in pack, loaded (native builds: the packs are compiled in). They are
    /// validated by the test suite, so an error here means a broken build; it is still
    /// returned, not panicked on.
    #[cfg(feature = "embedded-packs")]
    pub fn builtin() -> Result<Registry, Vec<Error>> {
        let files: Vec<(&str, &[u8])> = super::builtin::BUILTIN_PACKS.to_vec();
        // Each pack is compiled once: the registry that built the manifest is the one returned,
        // its packs marked built-in as a load under that manifest marks them.
        let (manifest, mut r) = Manifest::build_loaded(&files)?;
        for p in &mut r.packs {
            p.built_in = manifest
                .entry(p.id())
                .is_some_and(|e| e.sha256 == p.content_hash);
        }
        r.manifest = manifest;
        Ok(r)
    }

    /// The manifest of built-in packs this registry knows.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Validates a pack file and adds it (see the module docs for identity and replacing).
    pub fn load(
        &mut self,
        file: &str,
        bytes: &[u8],
        opts: LoadOptions,
    ) -> Result<(&ResolvedPack, LoadOutcome), Vec<Error>> {
        let bad = |field: &str, zh: String, en: String| {
            vec![Error::InvalidPolicy {
                file: file.to_string(),
                field: field.to_string(),
                problem: Text::new(zh, en),
            }]
        };
        if bytes.len() > MAX_PACK_BYTES {
            return Err(bad(
                "(file)",
                format!(
                    "文件太大（{} 字节，最多 {MAX_PACK_BYTES} 字节）",
                    bytes.len()
                ),
                format!(
                    "the file is too large ({} bytes; at most {MAX_PACK_BYTES})",
                    bytes.len()
                ),
            ));
        }
        let Ok(text) = std::str::from_utf8(strip_bom(bytes)) else {
            return Err(bad(
                "(file)",
                "文件不是 UTF-8 文本".into(),
                "the file is not UTF-8 text".into(),
            ));
        };
        let sha = sha256_hex(bytes);
        // Parsed once: for the id and base here, and for compiling.
        let tree = crate::input::json::parse(text, MAX_PACK_BYTES);
        let (id, base_id) = match &tree {
            Ok(t) => peek_tree(t),
            Err(_) => (None, None),
        };
        if let (Some(id), Some(b)) = (&id, &base_id) {
            if id == b {
                return Err(bad(
                    "base",
                    "政策包不能以自己为基础".into(),
                    "a pack cannot be its own base".into(),
                ));
            }
        }
        let base = match &base_id {
            Some(b) => {
                let Some(base) = self.packs.iter().find(|p| p.id() == b) else {
                    return Err(bad(
                        "base",
                        format!("基础政策包“{b}”尚未加载，请先加载"),
                        format!("the base pack “{b}” is not loaded; load it first"),
                    ));
                };
                if id
                    .as_ref()
                    .is_some_and(|id| base.bases.iter().any(|(x, _)| x == id))
                {
                    return Err(bad(
                        "base",
                        "基础政策包的继承链包含本包，会形成循环".into(),
                        "the base pack's chain includes this pack: that would be a cycle".into(),
                    ));
                }
                Some(base)
            }
            None => None,
        };
        let mut pack = compile_tree(file, tree.as_ref(), sha, base)?;
        pack.built_in = self
            .manifest
            .entry(pack.id())
            .is_some_and(|e| e.sha256 == pack.content_hash);
        let reserved = self.manifest.entry(pack.id()).is_some() && !pack.built_in;
        let existing = self.packs.iter().position(|p| p.id() == pack.id());
        let loaded_hash = existing
            .and_then(|i| self.packs.get(i))
            .map(|p| p.content_hash.clone());
        let outcome = match (existing, loaded_hash) {
            (Some(i), Some(h)) if h == pack.content_hash => {
                return self.loaded(i, LoadOutcome::Unchanged);
            }
            (Some(i), Some(_)) if opts.replace => {
                if let Some(slot) = self.packs.get_mut(i) {
                    *slot = pack;
                }
                return self.loaded(i, LoadOutcome::Replaced);
            }
            (Some(_), h) => {
                return Err(vec![Error::PolicyExists {
                    policy: pack.id().to_string(),
                    loaded_hash: h.unwrap_or_default(),
                    new_hash: pack.content_hash,
                }]);
            }
            (None, _) if reserved && !opts.replace => {
                let builtin = self
                    .manifest
                    .entry(pack.id())
                    .map(|e| e.sha256.clone())
                    .unwrap_or_default();
                return Err(vec![Error::PolicyExists {
                    policy: pack.id().to_string(),
                    loaded_hash: builtin,
                    new_hash: pack.content_hash,
                }]);
            }
            (None, _) if reserved => LoadOutcome::Replaced,
            (None, _) => LoadOutcome::Added,
        };
        self.packs.push(pack);
        self.loaded(self.packs.len().saturating_sub(1), outcome)
    }

    /// The pack at `i` with what its load did (`i` comes from this registry's own list).
    fn loaded(
        &self,
        i: usize,
        outcome: LoadOutcome,
    ) -> Result<(&ResolvedPack, LoadOutcome), Vec<Error>> {
        self.packs.get(i).map(|p| (p, outcome)).ok_or_else(|| {
            vec![Error::internal(
                "a loaded pack is missing from its registry",
            )]
        })
    }

    /// The loaded pack with this id; if there is none, an error that lists the ids that exist
    /// and suggests the nearest.
    pub fn get(&self, id: &str) -> Result<&ResolvedPack, Error> {
        if let Some(p) = self.packs.iter().find(|p| p.id() == id) {
            return Ok(p);
        }
        if self.manifest.entry(id).is_some() {
            return Err(Error::PolicyNotLoaded {
                policy: id.to_string(),
            });
        }
        let known = self.known_ids();
        let nearest = nearest(id, &known);
        Err(Error::UnknownPolicy {
            policy: id.to_string(),
            known,
            nearest,
        })
    }

    /// Every id this registry knows: loaded packs and the manifest's.
    pub fn known_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.manifest.packs.iter().map(|e| e.id.clone()).collect();
        for p in &self.packs {
            if !ids.iter().any(|i| i == p.id()) {
                ids.push(p.id().to_string());
            }
        }
        ids
    }

    /// The loaded packs, in load order.
    pub fn packs(&self) -> impl Iterator<Item = &ResolvedPack> {
        self.packs.iter()
    }

    /// A summary of each loaded pack.
    pub fn summaries(&self) -> Vec<PolicySummary> {
        self.packs.iter().map(summary).collect()
    }
}

/// The summary of one pack.
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
        built_in: p.built_in,
        content_hash: p.content_hash.clone(),
        bases: p
            .bases
            .iter()
            .map(|(id, h)| PackHash {
                id: id.clone(),
                content_hash: h.clone(),
            })
            .collect(),
    }
}

/// The known id nearest to `id` by edit distance, when it is plausibly a typo of it.
fn nearest(id: &str, known: &[String]) -> Option<String> {
    let id: String = id.chars().take(80).collect();
    known
        .iter()
        .map(|k| (strsim::levenshtein(&id, k), k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.clone())
}

crate::json_struct!(ManifestEntry {
    id: req "id",
    file: req "file",
    name: req "name",
    jurisdiction: req "jurisdiction",
    document_number: req "documentNumber",
    title: req "title",
    date: req "date",
    status: req "status",
    base: opt "base",
    bytes: req "bytes",
    sha256: req "sha256",
});
crate::json_struct!(Manifest { format: req "format", packs: req "packs" });

impl crate::input::read::FromJson for usize {
    fn read(
        v: &crate::input::tree::Tree,
        path: &str,
        r: &mut crate::input::read::Reader,
    ) -> Option<Self> {
        let n = crate::numbers::read_count(v, path, r)?;
        usize::try_from(n).ok()
    }
}
