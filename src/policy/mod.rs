//! Policy packs: the data model, their validation and inheritance, and the registry that holds
//! the built-in packs and any a portal loads at run time.

#[cfg(feature = "embedded-packs")]
pub mod builtin;
pub mod compile;
pub mod model;
pub mod registry;

pub use compile::{
    sha256_hex, ChoiceRef, CompiledFact, CompiledFunding, CompiledRule, CompiledTest, FactRef,
    NumRef, PartyRef, ResolvedPack, TallyRef, TallySource, Thr, DOCUMENT_STATUS_RULE,
};
pub use registry::{
    LoadOptions, LoadOutcome, Manifest, ManifestEntry, PolicySummary, Registry, MAX_PACK_BYTES,
};
