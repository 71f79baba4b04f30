//! # gaizao (改造)
//!
//! A calculator for China's 城镇老旧小区改造 programme (renovation of old urban residential
//! compounds): is a compound eligible under a jurisdiction's policy and why, what does the
//! standard menu offer, what does the chosen work cost and who pays what — to the fen.
//!
//! The core is plain Rust with no wasm-bindgen in it: the same code serves the command line
//! (`crates/cli`), the browser (through the thin bindings of `crates/wasm`) and a Web Worker
//! that plans a year's list of compounds. There is no global state: a [`Registry`] holds the
//! policy packs and is passed by reference, so two calculators never share anything.
//!
//! ```
//! use gaizao::{Estate, Registry};
//! let registry = Registry::builtin().expect("built-in packs are valid");
//! let pack = registry.get("sichuan-panzhihua-2018").unwrap();
//! let estate = Estate::from_json(r#"{"builtYear": 1995, "housingType": "nonCommodity"}"#, pack).unwrap();
//! let result = gaizao::eligibility::check(pack, &estate);
//! assert_eq!(result.verdict, gaizao::eligibility::Verdict::Undetermined);
//! ```
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![warn(clippy::indexing_slicing, missing_docs)]
// Unit tests state their fixtures with unwrap and index what they just built: a panic there is
// the test failing, not a calculator dying.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

// `gaizao-derive`'s code names `::gaizao::output::ToJson`, which must resolve here too.
extern crate self as gaizao;

pub mod eligibility;
pub mod error;
pub mod estate;
pub mod estimate;
pub mod fraction;
pub mod input;
pub mod menu;
pub mod money;
pub mod numbers;
pub mod output;
pub mod party;
#[cfg(feature = "sheets")]
pub mod plan;
pub mod policy;
pub mod record;
pub mod scenario;
pub mod schema;
pub mod text;
pub mod texts;
#[cfg(feature = "ts")]
pub mod typescript;

pub use error::Error;
pub use estate::Estate;
pub use policy::{LoadOptions, Manifest, Registry};
pub use scenario::Scenario;
pub use texts::Langs;

/// The crate version, reported with every result so it can be reproduced.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
