//! Reading inputs: JSON text (CLI, files, and the browser, whose values arrive as JSON text too),
//! with errors that name the field path, and a semantic check afterwards.
//!
//! Parsing is two steps — text to a `serde_json::Value` tree, then the tree to typed values —
//! because that keeps the wasm module small: the text parser is compiled once, not once per type.
//! When the typed step fails, [`locate`] finds the offending node in the tree to name its path.

mod locate;

use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::estate::Estate;
use crate::scenario::Scenario;

/// Largest input text we parse (4 MiB): far above any real compound or plan file for one call.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// Parses JSON text into `T`, naming the failing field.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::OutOfRange { field: "(input size)".into() });
    }
    let tree: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        if message.contains("recursion limit") {
            return Error::TooDeep { field: "(input)".into() };
        }
        let detail = message.split(" at line ").next().unwrap_or(&message).to_string();
        Error::MalformedJson { line: e.line(), column: e.column(), detail }
    })?;
    T::deserialize(&tree).map_err(|e| {
        let message = e.to_string();
        Error::from_serde(&locate::path_of_error(&tree, &message), &message)
    })
}

/// An estate, parsed and checked; every problem found is returned.
pub fn estate_from_json(text: &str) -> Result<Estate, Vec<Error>> {
    let estate: Estate = from_json(text).map_err(|e| vec![e])?;
    let problems = estate.check("");
    if problems.is_empty() {
        Ok(estate)
    } else {
        Err(problems)
    }
}

/// A scenario, parsed (its semantic check runs inside [`crate::estimate::estimate`]).
pub fn scenario_from_json(text: &str) -> Result<Scenario, Vec<Error>> {
    from_json(text).map_err(|e| vec![e])
}
