//! # gaizao (改造)
//!
//! A calculator for China's 城镇老旧小区改造 programme (renovation of old urban residential
//! compounds): is a compound eligible under a jurisdiction's policy and why, what does the
//! standard menu offer, what does the chosen work cost and who pays what — to the fen.
//!
//! The core is plain Rust with no wasm-bindgen in it, so the same code serves the command line,
//! the browser (through the thin [`wasm`] layer, feature `wasm`) and, later, a Web Worker that
//! plans a whole year's list of compounds. There is no global state: a [`Registry`] holds the
//! policy packs and is passed by reference.
//!
//! ```
//! let registry = gaizao::Registry::builtin().expect("built-in packs are valid");
//! let pack = registry.get("sichuan-panzhihua-2018").unwrap();
//! let estate = gaizao::input::estate_from_json(r#"{"builtYear": 1995, "housingType": "nonCommodity"}"#).unwrap();
//! let result = gaizao::eligibility::check(pack, &estate);
//! assert_eq!(result.verdict, gaizao::eligibility::Verdict::Undetermined);
//! ```

pub mod eligibility;
pub mod error;
pub mod estate;
pub mod estimate;
pub mod fraction;
pub mod input;
pub mod menu;
pub mod money;
pub mod numbers;
pub mod party;
#[cfg(feature = "sheets")]
pub mod plan;
pub mod policy;
pub mod scenario;
pub mod text;

#[cfg(feature = "wasm")]
pub mod wasm;

pub use error::Error;
pub use policy::Registry;

/// The crate version, reported with every result so it can be reproduced.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
