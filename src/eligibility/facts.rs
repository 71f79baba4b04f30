//! Rules about plain facts: when, where and what the compound is.

use super::{Judgement, Outcome};
use crate::estate::{Estate, HousingType, LocationType};
use crate::policy::model::Flag;
use crate::text::Text;

fn verdict_words(pass: bool, label: &Text) -> (String, String) {
    if pass {
        (
            format!("符合“{}”", label.zh),
            format!("meets \"{}\"", label.en),
        )
    } else {
        (
            format!("不符合“{}”", label.zh),
            format!("does not meet \"{}\"", label.en),
        )
    }
}

fn passes(built: i32, year: i32, inclusive: bool) -> bool {
    if inclusive {
        built <= year
    } else {
        built < year
    }
}

pub(super) fn built_by(year: i32, inclusive: bool, label: &Text, e: &Estate) -> Judgement {
    let (Some(first), Some(last)) = (e.earliest_year(), e.latest_year()) else {
        return Judgement::unknown(
            &["builtYear"],
            "未提供建成年份：请填写建成年份（或年份区间）",
            "year built not given: enter the year (or range of years) of construction",
        );
    };
    let when_zh = if first == last {
        format!("建成于{first}年")
    } else {
        format!("建成于{first}—{last}年")
    };
    let when_en = if first == last {
        format!("built in {first}")
    } else {
        format!("built {first}–{last}")
    };
    if passes(last, year, inclusive) {
        let (z, n) = verdict_words(true, label);
        Judgement::new(
            Outcome::Pass,
            format!("{when_zh}，{z}"),
            format!("{when_en}: {n}"),
        )
    } else if !passes(first, year, inclusive) {
        let (z, n) = verdict_words(false, label);
        Judgement::new(
            Outcome::Fail,
            format!("{when_zh}，{z}"),
            format!("{when_en}: {n}"),
        )
    } else {
        Judgement::unknown(
            &["builtYear"],
            format!("{when_zh}，部分楼栋可能晚于期限：请按楼栋分别核实建成年份"),
            format!(
                "{when_en}: some buildings may be later than the limit; check each building's year"
            ),
        )
    }
}

pub fn location_name(l: LocationType) -> Text {
    match l {
        LocationType::City => Text::new("城市", "city"),
        LocationType::CountyTown => Text::new("县城（城关镇）", "county town"),
        LocationType::Town => Text::new("建制镇", "town"),
        LocationType::Rural => Text::new("乡村", "rural area"),
    }
}

pub fn housing_name(h: HousingType) -> Text {
    match h {
        HousingType::NonCommodity => Text::new("非商品房", "non-commodity housing"),
        HousingType::Commodity => Text::new("商品房", "commodity housing"),
        HousingType::SelfBuilt => Text::new("居民自建房", "self-built housing"),
        HousingType::Mixed => Text::new("多种类型混合", "mixed housing types"),
    }
}

pub(super) fn location(allowed: &[LocationType], label: &Text, e: &Estate) -> Judgement {
    let Some(l) = e.location_type else {
        return Judgement::unknown(
            &["locationType"],
            "未提供所在地类型：请选择城市、县城（城关镇）、建制镇或乡村",
            "location type not given: choose city, county town, town or rural",
        );
    };
    let n = location_name(l);
    let (z, en) = verdict_words(allowed.contains(&l), label);
    let outcome = if allowed.contains(&l) {
        Outcome::Pass
    } else {
        Outcome::Fail
    };
    Judgement::new(
        outcome,
        format!("位于{}，{z}", n.zh),
        format!("located in a {}: {en}", n.en),
    )
}

pub(super) fn housing(
    list: &[HousingType],
    list_is_allowed: bool,
    label: &Text,
    e: &Estate,
) -> Judgement {
    let Some(h) = e.housing_type else {
        return Judgement::unknown(
            &["housingType"],
            "未提供房屋类型：请选择非商品房、商品房、居民自建房或混合",
            "housing type not given: choose non-commodity, commodity, self-built or mixed",
        );
    };
    let n = housing_name(h);
    let ok = list.contains(&h) == list_is_allowed;
    let (z, en) = verdict_words(ok, label);
    let outcome = if ok { Outcome::Pass } else { Outcome::Fail };
    Judgement::new(
        outcome,
        format!("房屋类型为{}，{z}", n.zh),
        format!("housing is {}: {en}", n.en),
    )
}

/// The field, and how to state the fact when it is true / false.
fn flag_facts(flag: Flag, e: &Estate) -> (&'static str, Option<bool>, Text, Text) {
    let t = Text::new;
    match flag {
        Flag::StructurallySafe => (
            "structurallySafe",
            e.structurally_safe,
            t("房屋结构安全", "the structure is safe"),
            t("房屋结构不安全", "the structure is not safe"),
        ),
        Flag::DemolitionPlanned => (
            "demolitionPlanned",
            e.demolition_planned,
            t(
                "已列入棚改、征收或拆除重建计划",
                "in a shantytown, expropriation or demolition-rebuild plan",
            ),
            t(
                "未列入棚改、征收或拆除重建计划",
                "not in any shantytown, expropriation or demolition-rebuild plan",
            ),
        ),
        Flag::UrbanVillage => (
            "urbanVillage",
            e.urban_village,
            t("属于城中村", "it is an urban village"),
            t("不属于城中村", "it is not an urban village"),
        ),
        Flag::ThreeSuppliesTransferred => (
            "threeSuppliesTransferred",
            e.three_supplies_transferred,
            t(
                "已实施“三供一业”改造",
                "the three-supplies handover is done",
            ),
            t("未实施“三供一业”改造", "no three-supplies handover yet"),
        ),
        Flag::FacilitiesDeficient => (
            "facilitiesDeficient",
            e.facilities_deficient,
            t(
                "基础设施和公共服务设施老旧或缺失",
                "facilities are old or missing",
            ),
            t("设施并不老旧或缺失", "facilities are not old or missing"),
        ),
        Flag::SelfGovernance => (
            "selfGovernance",
            e.self_governance,
            t("已成立小区自治组织", "a self-governance body is set up"),
            t("尚未成立小区自治组织", "no self-governance body yet"),
        ),
        Flag::LongTermManagement => (
            "longTermManagement",
            e.long_term_management,
            t("已建立长效管理机制", "long-term management is in place"),
            t("尚未建立长效管理机制", "no long-term management yet"),
        ),
    }
}

pub(super) fn flag(flag: Flag, required: bool, label: &Text, e: &Estate) -> Judgement {
    let (field, value, yes, no) = flag_facts(flag, e);
    let Some(v) = value else {
        return Judgement::unknown(
            &[field],
            format!("未提供此项情况：请回答“{}”（是/否）", yes.zh),
            format!("not answered: say whether {} (yes/no)", yes.en),
        );
    };
    let fact = if v { yes } else { no };
    let ok = v == required;
    let (z, en) = verdict_words(ok, label);
    Judgement::new(
        if ok { Outcome::Pass } else { Outcome::Fail },
        format!("{}，{z}", fact.zh),
        format!("{}: {en}", fact.en),
    )
}
