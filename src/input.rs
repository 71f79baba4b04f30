//! Reading inputs: JSON text (CLI, files) or any serde deserializer (the wasm layer hands in
//! JS values), with errors that name the field path, and a semantic check afterwards.

use serde::de::DeserializeOwned;
use serde::Deserializer;

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
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        if inner.is_syntax() || inner.is_eof() {
            if inner.to_string().contains("recursion limit") {
                return Error::TooDeep { field: e.path().to_string() };
            }
            Error::MalformedJson { line: inner.line(), column: inner.column(), detail: syntax_detail(&inner.to_string()) }
        } else {
            Error::from_serde(&e.path().to_string(), &inner.to_string())
        }
    })?;
    de.end().map_err(|inner| Error::MalformedJson { line: inner.line(), column: inner.column(), detail: syntax_detail(&inner.to_string()) })?;
    Ok(value)
}

fn syntax_detail(message: &str) -> String {
    message.split(" at line ").next().unwrap_or(message).to_string()
}

/// Deserialises `T` from any deserializer (e.g. serde-wasm-bindgen's), naming the failing field.
pub fn from_deserializer<'de, D, T>(d: D) -> Result<T, Error>
where
    D: Deserializer<'de>,
    D::Error: std::fmt::Display,
    T: serde::Deserialize<'de>,
{
    serde_path_to_error::deserialize(d).map_err(|e| Error::from_serde(&e.path().to_string(), &e.inner().to_string()))
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
