//! Small shared value types: bilingual text and citations.
//!
//! Every message the product shows exists in Chinese (first) and English, so both travel together
//! in one value instead of being looked up by key at the edges.

use crate::output::ToJson;
use serde::Serialize;

/// A text in Chinese and English. Chinese is the authoritative wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToJson, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Text {
    /// The Chinese wording (authoritative).
    pub zh: String,
    /// The English rendering.
    pub en: String,
}

impl Text {
    /// A text from its two wordings.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

/// Where a rule, item or parameter comes from: the document number and the clause inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToJson, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// Document number or title, e.g. `攀委办〔2018〕40号` or `民法典`.
    pub document: String,
    /// Clause inside the document, e.g. `六、资金筹集` or `第二百七十八条`.
    pub clause: String,
    /// The original words, where short enough to quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

crate::json_struct!(Text { zh: req "zh", en: req "en" });
crate::json_struct!(Source { document: req "document", clause: req "clause", quote: opt "quote" });
