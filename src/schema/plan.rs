//! The options of assessing a year's plan (feature `sheets`): which benchmark costs the rows
//! without a stated investment, an item mix for rows with only a total, edited funding shares,
//! and the audit's own thresholds — each declared once, like every other input.

use super::choices::SEGMENTS;
use super::scenario::{FUNDING_OVERRIDE, MAX_ITEMS};
use super::{Field, RefKind, Unit};

crate::schema! {
    /// How a plan is assessed. Every option may be left out.
    pub static PLAN_OPTIONS: PlanOptionsField = ("PlanOptions", "计划测算选项", "Plan options") {
        /// `benchmark`: Rows without a stated investment are estimated from this cost per household (or per m²); the pack's first benchmark if left empty.
        Benchmark => Field::reference("benchmark", RefKind::Benchmark, "测算基准", "Cost benchmark")
            .help("没有填报投资的小区按此户均（或每平方米）投资估算；不填用政策包的第一个基准", "Rows without a stated investment are estimated from this cost per household (or per m²); the pack's first benchmark if left empty"),
        /// `mix`: For rows with only a total: the shares of the total by menu item, each then split by its own funding rule; the rest under the general rule.
        Mix => Field::list("mix", &MIX_ITEM, MAX_ITEMS, "投资构成（假设）", "Item mix (an assumption)")
            .help("只有总投资的小区，按这些比例把总投资分到改造清单的项目上，再按各项目的资金规则分担；余下部分按一般规则", "For rows with only a total: the shares of the total by menu item, each then split by its own funding rule; the rest under the general rule"),
        /// `fundingOverrides`: Replace a funding rule's shares with your own figures (e.g. the local agreement).
        FundingOverrides => Field::list("fundingOverrides", &FUNDING_OVERRIDE, 50, "调整后的分担比例", "Your own cost shares")
            .help("把某条资金规则的比例换成您的数字（如本地的实际约定）", "Replace a funding rule's shares with your own figures (e.g. the local agreement)"),
        /// `farFactor`: A row whose investment per household is this many times the median (or the benchmark), or this fraction of it, is listed in the audit; 3 if left empty.
        FarFactor => Field::decimal("farFactor", Unit::Weight, "户均投资偏离倍数（假设）", "How far from the median is far (an assumption)")
            .help("户均投资高于中位数（或基准）的这么多倍，或低于其几分之一，就列入审核；不填为 3", "A row whose investment per household is this many times the median (or the benchmark), or this fraction of it, is listed in the audit; 3 if left empty"),
    } constraints []
}

crate::schema! {
    /// One menu item's share of a row's total.
    pub static MIX_ITEM: MixField = ("MixItem", "投资构成项", "Mix entry") {
        /// `item`: the menu item whose share of the row's total this is.
        Item => Field::reference("item", RefKind::MenuItem, "项目", "Item").required(),
        /// `segment`: Pipeline items: the shared lines outside (before the meter) or the lines into the homes (after it).
        Segment => Field::choice("segment", SEGMENTS, "表前还是表后", "Before or after the meter")
            .help("管线项目需要说明是户外公共管线（表前）还是入户管线（表后）", "Pipeline items: the shared lines outside (before the meter) or the lines into the homes (after it)"),
        /// `share`: the item's share (0 to 1) of the row's total; shares may sum to less than 1.
        Share => Field::share("share", "占总投资的比例", "Share of the total").required(),
    } constraints []
}
