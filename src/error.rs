//! The one error type of gaizao.
//!
//! Flat on purpose (like `rust_decimal::Error`): every variant carries the context a person needs
//! to fix the input — the field path as they wrote it, the policy, the rule — and a stable
//! camelCase [`code`](Error::code). The words, in Chinese and English, are made by
//! [`crate::texts`] when someone reads them, so the CLI, JS and a spreadsheet audit all say the
//! same thing about the same problem.

/// Everything that can be wrong with an input, a policy pack, or (rarely) the calculator itself.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The text is not JSON at all.
    MalformedJson {
        /// The line the parser stopped at, counting from 1.
        line: usize,
        /// The column on that line, counting from 1 (serde_json may say 0 for an error at a line's end).
        column: usize,
        /// The parser's own words for what it expected (English, from serde_json), without the position.
        detail: String,
    },
    /// The input (or the part of it at `field`) is larger than gaizao reads in one call; `bytes`
    /// is 0 when the size was not measured (a converter stopped early).
    InputTooLarge {
        /// Where the excess was found: `(input)` for the whole text, or the path of the part too large.
        field: String,
        /// How many bytes the input has (0 when not measured).
        bytes: usize,
        /// The most bytes accepted for this input.
        max: usize,
    },
    /// The same key twice in one JSON object: which one was meant cannot be known.
    DuplicateKey {
        /// The path of the repeated key (`owners.total`).
        field: String,
    },
    /// A value has the wrong JSON type or an unknown enumeration value.
    WrongType {
        /// The path of the value (`items[0].quantity`).
        field: String,
        /// What was expected and what was found (`expected true or false, found a string`), in English.
        detail: String,
    },
    /// A field name that the format does not have (often a typo).
    UnknownField {
        /// The path of the unknown key, as written.
        field: String,
    },
    /// A field that must be given is absent.
    MissingField {
        /// The path of the field that must be given.
        field: String,
    },
    /// A count, amount or area below zero.
    Negative {
        /// The path of the number.
        field: String,
    },
    /// A count with a fractional part.
    NotWhole {
        /// The path of the number.
        field: String,
    },
    /// NaN, Infinity or text that is not a number.
    NotANumber {
        /// The path of the value.
        field: String,
    },
    /// A number outside the range the schema gives the field.
    OutOfRange {
        /// The path of the number.
        field: String,
    },
    /// More decimal places than gaizao computes with exactly.
    TooPrecise {
        /// The path of the number.
        field: String,
        /// The most decimal places accepted.
        max: u32,
    },
    /// A text longer than the field allows.
    TooLong {
        /// The path of the text.
        field: String,
        /// The most characters accepted.
        max: usize,
    },
    /// A list longer than the field allows.
    TooMany {
        /// The path of the list.
        field: String,
        /// The most items accepted.
        max: usize,
    },
    /// A part larger than its whole, e.g. owners in favour above all owners.
    ExceedsTotal {
        /// The path of the part (`owners.inFavour`).
        field: String,
        /// The path of the whole it exceeds (`owners.total`).
        limit: String,
    },
    /// A range whose start is after its end.
    InvertedRange {
        /// The path of the range (`builtYears`).
        field: String,
    },
    /// Input nested deeper than any gaizao format.
    TooDeep {
        /// The path at which the nesting went too deep.
        field: String,
    },
    /// No loaded or built-in pack has this id.
    UnknownPolicy {
        /// The id that was asked for, as given.
        policy: String,
        /// The ids that do exist (loaded and built-in).
        known: Vec<String>,
        /// The known id closest to what was asked for, if one is close.
        nearest: Option<String>,
    },
    /// A built-in pack that has not been loaded yet (the browser loads packs on demand).
    PolicyNotLoaded {
        /// The id asked for.
        policy: String,
    },
    /// A pack with this id is already loaded with other content; loading another needs an
    /// explicit replace.
    PolicyExists {
        /// The id both packs have.
        policy: String,
        /// The SHA-256 (hex) of the pack already loaded.
        loaded_hash: String,
        /// The SHA-256 (hex) of the pack offered in its place.
        new_hash: String,
    },
    /// The pack's menu has no item with this id.
    UnknownItem {
        /// The id of the pack the estimate ran under.
        policy: String,
        /// The item id the input gave.
        item: String,
        /// Where it was given (`items[2].item`).
        field: String,
    },
    /// The pack has no funding rule with this id.
    UnknownRule {
        /// The id of the pack the estimate ran under.
        policy: String,
        /// The rule id the input gave.
        rule: String,
        /// Where it was given (`fundingOverrides[0].rule`).
        field: String,
    },
    /// No benchmark with this id in the pack.
    UnknownBenchmark {
        /// The id of the pack the estimate ran under.
        policy: String,
        /// The benchmark id the input gave.
        benchmark: String,
        /// Where it was given (`benchmark`).
        field: String,
    },
    /// A pack (file) breaks the format or an invariant.
    InvalidPolicy {
        /// The file name the pack was loaded under (a built-in pack's is `policies/<file>.json`).
        file: String,
        /// The path inside the pack of what is wrong (`funding[3].shares[0].weight`), in the pack's camelCase keys.
        field: String,
        /// What is wrong, zh/en: validation's own sentence, naming the rule the pack breaks.
        problem: crate::text::Text,
    },
    /// Two ways of giving the same value at once (e.g. `amount` and `unitPrice`).
    Conflicting {
        /// The path of the value that conflicts (`items[0].amount`, or a list item's repeated key).
        field: String,
        /// What it conflicts with (`items[0].unitPrice`, or the list whose items repeat it).
        other: String,
    },
    /// A computation would exceed exact arithmetic; the inputs are implausibly large.
    Overflow {
        /// The input the computation started from (`items[1].quantity`, `benchmark`).
        field: String,
    },
    /// An input file that cannot be read (CLI only).
    InvalidInputFile {
        /// The file name as given.
        file: String,
        /// Why it cannot be read, in the system's words.
        detail: String,
    },
    /// Something the calculator itself got wrong — never the input's fault. Please report it.
    Internal {
        /// What went wrong, for the bug report.
        detail: String,
    },
    /// A plan (spreadsheet or CSV, `crate::plan`, feature `sheets`) refused as a whole: too large,
    /// not a table, no header row, or a mapping that does not fit. The code is the problem's own
    /// (`tooManyRows`, `noHeader`, …).
    #[cfg(feature = "sheets")]
    PlanFile {
        /// The file name as given.
        file: String,
        /// What is wrong with it: its code and, where a row or a column is to blame, which (boxed: it is large, and rare).
        problem: Box<crate::plan::problem::CellProblem>,
    },
    /// An export (xlsx or CSV, feature `sheets`) could not be written.
    #[cfg(feature = "sheets")]
    ExportFailed {
        /// Why the writer failed, in its own words.
        detail: String,
    },
}

impl Error {
    /// Stable machine-readable code (camelCase), the same in the CLI's output and in JS.
    pub fn code(&self) -> &'static str {
        match self {
            Error::MalformedJson { .. } => "malformedJson",
            Error::InputTooLarge { .. } => "inputTooLarge",
            Error::DuplicateKey { .. } => "duplicateKey",
            Error::WrongType { .. } => "wrongType",
            Error::UnknownField { .. } => "unknownField",
            Error::MissingField { .. } => "missingField",
            Error::Negative { .. } => "negative",
            Error::NotWhole { .. } => "notWhole",
            Error::NotANumber { .. } => "notANumber",
            Error::OutOfRange { .. } => "outOfRange",
            Error::TooPrecise { .. } => "tooPrecise",
            Error::TooLong { .. } => "tooLong",
            Error::TooMany { .. } => "tooMany",
            Error::ExceedsTotal { .. } => "exceedsTotal",
            Error::InvertedRange { .. } => "invertedRange",
            Error::TooDeep { .. } => "tooDeep",
            Error::UnknownPolicy { .. } => "unknownPolicy",
            Error::PolicyNotLoaded { .. } => "policyNotLoaded",
            Error::PolicyExists { .. } => "policyExists",
            Error::UnknownItem { .. } => "unknownItem",
            Error::UnknownRule { .. } => "unknownRule",
            Error::UnknownBenchmark { .. } => "unknownBenchmark",
            Error::InvalidPolicy { .. } => "invalidPolicy",
            Error::Conflicting { .. } => "conflicting",
            Error::Overflow { .. } => "overflow",
            Error::InvalidInputFile { .. } => "invalidInputFile",
            Error::Internal { .. } => "internal",
            #[cfg(feature = "sheets")]
            Error::PlanFile { problem, .. } => problem.code.as_str(),
            #[cfg(feature = "sheets")]
            Error::ExportFailed { .. } => "exportFailed",
        }
    }

    /// The input field the error is about, as a path (`owners.inFavour`, `items[2].quantity`);
    /// `policyId` for errors about which pack was asked for.
    pub fn field(&self) -> Option<&str> {
        match self {
            // A problem of the text as a whole (no field can be named in text that does not parse).
            Error::MalformedJson { .. } => Some("(input)"),
            Error::InvalidInputFile { .. } | Error::Internal { .. } => None,
            #[cfg(feature = "sheets")]
            Error::PlanFile { .. } | Error::ExportFailed { .. } => None,
            Error::UnknownPolicy { .. }
            | Error::PolicyNotLoaded { .. }
            | Error::PolicyExists { .. } => Some("policyId"),
            Error::DuplicateKey { field }
            | Error::InputTooLarge { field, .. }
            | Error::WrongType { field, .. }
            | Error::UnknownField { field }
            | Error::MissingField { field }
            | Error::Negative { field }
            | Error::NotWhole { field }
            | Error::NotANumber { field }
            | Error::OutOfRange { field }
            | Error::TooPrecise { field, .. }
            | Error::TooLong { field, .. }
            | Error::TooMany { field, .. }
            | Error::ExceedsTotal { field, .. }
            | Error::InvertedRange { field }
            | Error::TooDeep { field }
            | Error::UnknownItem { field, .. }
            | Error::UnknownRule { field, .. }
            | Error::UnknownBenchmark { field, .. }
            | Error::InvalidPolicy { field, .. }
            | Error::Conflicting { field, .. }
            | Error::Overflow { field } => Some(field),
        }
    }

    /// True for the calculator's own failures (exit code 1 in the CLI), false for input problems.
    pub fn is_internal(&self) -> bool {
        matches!(self, Error::Internal { .. })
    }

    /// An internal failure with its detail.
    pub fn internal(detail: impl Into<String>) -> Error {
        Error::Internal {
            detail: detail.into(),
        }
    }
}

impl std::error::Error for Error {}
