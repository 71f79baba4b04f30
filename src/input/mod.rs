//! Reading JSON: text to a strict tree ([`json`] parses, [`tree`] is what it builds), and trees to
//! typed values ([`read`] for the policy-pack format; `crate::record` reads inputs through their
//! schema). Packs, the manifest and inputs all go through the one parser and the one tree.

pub mod json;
pub mod read;
pub mod tree;

use crate::error::Error;
use read::FromJson;

/// Largest input text we parse (4 MiB): far above any real compound or scenario for one call.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// Parses JSON text into a tree: syntax errors with line and column, duplicate keys, nesting and
/// size refused; texts borrowed from `text` where they have no escapes.
pub fn parse_tree(text: &str) -> Result<tree::Tree<'_>, Error> {
    json::parse(text, MAX_INPUT_BYTES)
}

/// Parses JSON text into `T`, reporting every wrong field.
pub fn from_json_all<T: FromJson>(text: &str) -> Result<T, Vec<Error>> {
    let tree = parse_tree(text).map_err(|e| vec![e])?;
    read::read_all(&tree)
}
