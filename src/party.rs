//! Who pays: the parties a cost can be split between (declared in the schema's choices, so a
//! form, a result and a pack all use the same ids and names).

use crate::policy::model::Pipeline;
use crate::text::Text;

pub use crate::schema::{Party, PARTIES};

impl Party {
    /// Its name in both languages.
    pub fn name(self) -> Text {
        self.label().text()
    }

    /// The utility that owns a metered pipeline.
    pub fn utility_of(p: Pipeline) -> Party {
        match p {
            Pipeline::Water => Party::WaterUtility,
            Pipeline::Power => Party::PowerUtility,
            Pipeline::Gas => Party::GasUtility,
            Pipeline::Telecom => Party::TelecomUtility,
            Pipeline::Heat => Party::HeatUtility,
        }
    }
}

/// The placeholder a funding rule uses for "the utility owning this line's pipeline".
pub const PIPELINE_UTILITY: &str = "pipelineUtility";
