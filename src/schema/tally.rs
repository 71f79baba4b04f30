//! Tallies of a consultation or vote, read as one object: a core fact (`elevatorVote`) or a fact
//! a pack declares for itself (`planVote`, `residentSupport`). Each part may be unknown; a part
//! can never exceed its whole.

use super::{Constraint, Field, Unit};

crate::schema! {
    /// A vote or consultation counted by owners and by their exclusive area.
    pub static OWNER_TALLY: OwnerTallyField = ("OwnerTally", "业主表决统计", "Owners' tally") {
        /// The `owners` object: owners (headcount).
        Owners => Field::group("owners", "业主人数", "Owners (headcount)"),
        /// `owners.total`: how many owners (by head) there are in all.
        OwnersTotal => Field::count("owners.total", "业主总人数", "Number of owners").unit(Unit::Person),
        /// `owners.voted`: Owners who took part.
        OwnersVoted => Field::count("owners.voted", "参与表决的业主人数", "Owners who took part").unit(Unit::Person),
        /// `owners.inFavour`: Owners in favour.
        OwnersInFavour => Field::count("owners.inFavour", "同意的业主人数", "Owners in favour").unit(Unit::Person),
        /// The `area` object: exclusive area.
        Area => Field::group("area", "专有部分面积", "Exclusive area"),
        /// `area.total`: all owners' exclusive area, in m².
        AreaTotal => Field::decimal("area.total", Unit::SquareMetre, "专有部分总面积", "Total exclusive area"),
        /// `area.voted`: Exclusive area that took part.
        AreaVoted => Field::decimal("area.voted", Unit::SquareMetre, "参与表决的专有面积", "Exclusive area that took part"),
        /// `area.inFavour`: Exclusive area in favour.
        AreaInFavour => Field::decimal("area.inFavour", Unit::SquareMetre, "同意的专有面积", "Exclusive area in favour"),
    } constraints [
        Constraint::NotAbove { part: "owners.voted", whole: "owners.total" },
        Constraint::NotAbove { part: "owners.inFavour", whole: "owners.voted" },
        Constraint::NotAbove { part: "owners.inFavour", whole: "owners.total" },
        Constraint::NotAbove { part: "area.voted", whole: "area.total" },
        Constraint::NotAbove { part: "area.inFavour", whole: "area.voted" },
        Constraint::NotAbove { part: "area.inFavour", whole: "area.total" },
    ]
}

crate::schema! {
    /// A consultation counted by household (one answer per household, tenants' included).
    pub static HOUSEHOLD_TALLY: HouseholdTallyField = ("HouseholdTally", "按户统计", "Households' tally") {
        /// `total`: how many households there are in all.
        Total => Field::count("total", "总户数", "Households in all").unit(Unit::Household),
        /// `voted`: Households that answered.
        Voted => Field::count("voted", "参与的户数", "Households that answered").unit(Unit::Household),
        /// `inFavour`: Households in favour.
        InFavour => Field::count("inFavour", "支持的户数", "Households in favour").unit(Unit::Household),
    } constraints [
        Constraint::NotAbove { part: "voted", whole: "total" },
        Constraint::NotAbove { part: "inFavour", whole: "voted" },
        Constraint::NotAbove { part: "inFavour", whole: "total" },
    ]
}
