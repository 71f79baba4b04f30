//! Reading inputs: JSON text (CLI, files, and the browser, whose values arrive as JSON text too)
//! into typed values, reporting every problem with its field path; then a semantic check.
//!
//! Two steps: text to a `serde_json::Value` tree (syntax errors, with line and column), then the
//! tree to typed values through [`read`] (hand-written readers; see there for why).

pub mod read;

use crate::error::Error;
use crate::estate::Estate;
use crate::scenario::Scenario;
use read::FromJson;

/// Largest input text we parse (4 MiB): far above any real compound or plan file for one call.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// Parses JSON text into a tree, refusing oversized text and reporting syntax errors.
pub fn parse_tree(text: &str) -> Result<serde_json::Value, Error> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::OutOfRange {
            field: "(input size)".into(),
        });
    }
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        if message.contains("recursion limit") {
            return Error::TooDeep {
                field: "(input)".into(),
            };
        }
        let detail = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        Error::MalformedJson {
            line: e.line(),
            column: e.column(),
            detail,
        }
    })
}

/// Parses JSON text into `T`, reporting every wrong field.
pub fn from_json_all<T: FromJson>(text: &str) -> Result<T, Vec<Error>> {
    let tree = parse_tree(text).map_err(|e| vec![e])?;
    read::read_all(&tree)
}

/// Parses JSON text into `T` (the first problem only).
pub fn from_json<T: FromJson>(text: &str) -> Result<T, Error> {
    from_json_all(text).map_err(|mut v| v.swap_remove(0))
}

/// An estate, parsed and checked; every problem found is returned.
pub fn estate_from_json(text: &str) -> Result<Estate, Vec<Error>> {
    let estate: Estate = from_json_all(text)?;
    let problems = estate.check("");
    if problems.is_empty() {
        Ok(estate)
    } else {
        Err(problems)
    }
}

/// A scenario, parsed (its semantic check runs inside [`crate::estimate::estimate`]).
pub fn scenario_from_json(text: &str) -> Result<Scenario, Vec<Error>> {
    from_json_all(text)
}
