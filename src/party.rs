//! Who pays: the parties a cost can be split between.

use serde::Serialize;

use crate::policy::model::Pipeline;
use crate::text::Text;

/// A payer. The order here is the order of every output table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Party {
    Central,
    Province,
    City,
    County,
    WaterUtility,
    PowerUtility,
    GasUtility,
    TelecomUtility,
    HeatUtility,
    PropertyUnit,
    Residents,
    MaintenanceFund,
    SocialCapital,
}

impl Party {
    pub const ALL: [Party; 13] = [
        Party::Central,
        Party::Province,
        Party::City,
        Party::County,
        Party::WaterUtility,
        Party::PowerUtility,
        Party::GasUtility,
        Party::TelecomUtility,
        Party::HeatUtility,
        Party::PropertyUnit,
        Party::Residents,
        Party::MaintenanceFund,
        Party::SocialCapital,
    ];

    /// The camelCase id used in files and outputs.
    pub fn id(self) -> &'static str {
        match self {
            Party::Central => "central",
            Party::Province => "province",
            Party::City => "city",
            Party::County => "county",
            Party::WaterUtility => "waterUtility",
            Party::PowerUtility => "powerUtility",
            Party::GasUtility => "gasUtility",
            Party::TelecomUtility => "telecomUtility",
            Party::HeatUtility => "heatUtility",
            Party::PropertyUnit => "propertyUnit",
            Party::Residents => "residents",
            Party::MaintenanceFund => "maintenanceFund",
            Party::SocialCapital => "socialCapital",
        }
    }

    pub fn from_id(id: &str) -> Option<Party> {
        Party::ALL.into_iter().find(|p| p.id() == id)
    }

    pub fn name(self) -> Text {
        let (zh, en) = match self {
            Party::Central => ("中央财政", "central budget"),
            Party::Province => ("省级财政", "provincial budget"),
            Party::City => ("市级财政", "city budget"),
            Party::County => ("县（区）财政", "county/district budget"),
            Party::WaterUtility => ("供水单位", "water utility"),
            Party::PowerUtility => ("供电单位", "power utility"),
            Party::GasUtility => ("燃气单位", "gas utility"),
            Party::TelecomUtility => ("通信单位", "telecom operators"),
            Party::HeatUtility => ("供热单位", "heat utility"),
            Party::PropertyUnit => ("原产权单位", "original property unit"),
            Party::Residents => ("居民", "residents"),
            Party::MaintenanceFund => ("住宅专项维修资金", "maintenance fund"),
            Party::SocialCapital => ("社会资本", "social capital"),
        };
        Text::new(zh, en)
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

crate::json_enum!(Party {
    "central" => Party::Central,
    "province" => Party::Province,
    "city" => Party::City,
    "county" => Party::County,
    "waterUtility" => Party::WaterUtility,
    "powerUtility" => Party::PowerUtility,
    "gasUtility" => Party::GasUtility,
    "telecomUtility" => Party::TelecomUtility,
    "heatUtility" => Party::HeatUtility,
    "propertyUnit" => Party::PropertyUnit,
    "residents" => Party::Residents,
    "maintenanceFund" => Party::MaintenanceFund,
    "socialCapital" => Party::SocialCapital,
});
