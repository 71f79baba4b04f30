//! The renovation menu of a pack, as shown to a resident choosing items.

use serde::Serialize;

use crate::policy::model::{Benchmark, DocumentStatus, FundingRule, MenuCategory, Note};
use crate::policy::ResolvedPack;
use crate::text::Text;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Menu {
    pub policy: String,
    pub name: Text,
    pub document_number: String,
    pub status: DocumentStatus,
    pub categories: Vec<MenuCategory>,
    pub benchmarks: Vec<Benchmark>,
    /// The funding rules in the order they are tried, with their basis (policy or assumption).
    pub funding: Vec<FundingRule>,
    pub notes: Vec<Note>,
}

pub fn menu(pack: &ResolvedPack) -> Menu {
    Menu {
        policy: pack.id().to_string(),
        name: pack.pack.name.clone(),
        document_number: pack.pack.document.number.clone(),
        status: pack.pack.document.status,
        categories: pack.menu.clone(),
        benchmarks: pack.benchmarks.clone(),
        funding: pack.funding.iter().map(|f| f.spec.clone()).collect(),
        notes: pack.notes.clone(),
    }
}
