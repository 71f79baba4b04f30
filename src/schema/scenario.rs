//! What a person asks to have costed: the compound, the chosen menu items and the options of the
//! split (edited assumptions, elevator floors, hardship waiver, their own household).

use super::choices::{ELEVATOR_METHODS, PARTIES, SEGMENTS};
use super::{Constraint, Field, RefKind, Unit, ESTATE};

/// Most renovation items one estimate takes: far above any real compound (the richest menu has 40
/// items), and low enough that a result stays small.
pub const MAX_ITEMS: u32 = 500;
/// Most floors in one stairwell's elevator split.
pub const MAX_FLOORS: u32 = 200;

crate::schema! {
    /// The input of an estimate.
    pub static SCENARIO: ScenarioField = ("Scenario", "测算", "Estimate") {
        /// `estate`: The compound.
        Estate => Field::record("estate", &ESTATE, "小区情况", "The compound"),
        /// `items`: The items chosen from the menu, with quantity and unit price (or a lump sum).
        Items => Field::list("items", &ITEM_CHOICE, MAX_ITEMS, "改造项目", "Renovation items")
            .help("从改造清单中选择的项目及其数量和单价（或总价）", "The items chosen from the menu, with quantity and unit price (or a lump sum)"),
        /// `benchmark`: Without a real price, estimate from the document's published cost per household or per m².
        Benchmark => Field::reference("benchmark", RefKind::Benchmark, "测算基准", "Cost benchmark")
            .help("没有实际报价时，按文件公布的户均或每平方米投资估算", "Without a real price, estimate from the document's published cost per household or per m²"),
        /// `fundingOverrides`: Replace a funding rule's shares with your own figures (e.g. the local agreement).
        FundingOverrides => Field::list("fundingOverrides", &FUNDING_OVERRIDE, 50, "调整后的分担比例", "Your own cost shares")
            .help("把某条资金规则的比例换成您的数字（如本地的实际约定）", "Replace a funding rule's shares with your own figures (e.g. the local agreement)"),
        /// The `elevator` object: elevator cost by floor.
        Elevator => Field::group("elevator", "电梯费用按楼层分摊", "Elevator cost by floor"),
        /// `elevator.method`: how the residents' part of elevator lines is divided between floors.
        ElevatorMethod => Field::choice("elevator.method", ELEVATOR_METHODS, "分摊方法", "How floors share it").required(),
        /// `elevator.floors`: each floor of the building served, with its households (and area or coefficient).
        ElevatorFloors => Field::list("elevator.floors", &ELEVATOR_FLOOR, MAX_FLOORS, "各层户数", "Households per floor").required(),
        /// `elevator.exemptFloors`: Usually the ground floor pays nothing; 1 if left empty.
        ElevatorExempt => Field::count_in("elevator.exemptFloors", 0, MAX_FLOORS as u64, "不分摊的低层数", "Lowest floors that pay nothing")
            .help("一般一楼不分摊；不填按 1 层计", "Usually the ground floor pays nothing; 1 if left empty")
            .unit(Unit::Floor),
        /// The `waiver` object: hardship waiver.
        Waiver => Field::group("waiver", "困难群众减免", "Hardship waiver"),
        /// `waiver.households`: how many households in hardship have their part reduced.
        WaiverHouseholds => Field::count("waiver.households", "减免户数", "Households relieved").unit(Unit::Household).required(),
        /// `waiver.share`: 0 to 1; all of it if left empty.
        WaiverShare => Field::share("waiver.share", "减免比例", "Share of their part waived")
            .help("0 到 1；不填为全部减免", "0 to 1; all of it if left empty"),
        /// `waiver.payer`: the party that pays what the waiver takes off the residents.
        WaiverPayer => Field::choice("waiver.payer", PARTIES, "减免部分由谁承担", "Who pays the waived part").required(),
        /// The `household` object: used to work out what your household pays.
        Household => Field::group("household", "我家", "My household")
            .help("用于计算“我家要出多少钱”", "Used to work out what your household pays")
            .resident(),
        /// `household.floor`: the floor the household lives on, for its elevator share.
        HouseholdFloor => Field::count_in("household.floor", 1, MAX_FLOORS as u64, "我家住几楼", "Which floor you live on")
            .unit(Unit::Floor)
            .resident(),
        /// `household.area`: The floor area on your property certificate.
        HouseholdArea => Field::decimal("household.area", Unit::SquareMetre, "我家房屋面积", "Your home's floor area")
            .help("房产证上的建筑面积", "The floor area on your property certificate")
            .resident(),
        /// `asOf`: Give a date (YYYY-MM-DD) to check whether the document's plan period has ended; left empty, it is not judged.
        AsOf => Field::date("asOf", "按哪一天判断文件效力", "The day to judge the document's standing on")
            .help("填写日期（YYYY-MM-DD）可检查文件的规划期是否已结束；不填则不判断", "Give a date (YYYY-MM-DD) to check whether the document's plan period has ended; left empty, it is not judged"),
    } constraints [
        Constraint::NotAbove { part: "waiver.households", whole: "estate.households" },
        Constraint::NotAbove { part: "household.area", whole: "estate.floorArea" },
        Constraint::Unique { list: "elevator.floors", key: "floor" },
    ]
}

crate::schema! {
    /// One chosen menu item: `quantity` × `unitPrice`, or a lump `amount`.
    pub static ITEM_CHOICE: ItemField = ("ItemChoice", "改造项目", "Renovation item") {
        /// `item`: the menu item chosen, by its id in the pack.
        Item => Field::reference("item", RefKind::MenuItem, "项目", "Item").required(),
        /// `quantity`: how much of the item, in the item's own unit (metres, m², households …).
        Quantity => Field::decimal("quantity", Unit::ItemUnit, "数量", "Quantity"),
        /// `unitPrice`: 元 per unit of the item; the line's amount is `quantity` × `unitPrice`, to the fen.
        UnitPrice => Field::decimal("unitPrice", Unit::YuanPerUnit, "单价", "Unit price"),
        /// `amount`: The total, instead of quantity × unit price.
        Amount => Field::decimal("amount", Unit::Yuan, "总价", "Lump sum")
            .help("不按数量计价时填总价", "The total, instead of quantity × unit price"),
        /// `segment`: Pipeline items: the shared lines outside (before the meter) or the lines into the homes (after it).
        Segment => Field::choice("segment", SEGMENTS, "表前还是表后", "Before or after the meter")
            .help("管线项目需要说明是户外公共管线（表前）还是入户管线（表后）", "Pipeline items: the shared lines outside (before the meter) or the lines into the homes (after it)"),
    } constraints [
        Constraint::EitherOr { single: "amount", pair: ["quantity", "unitPrice"] },
    ]
}

crate::schema! {
    /// Replaces the shares of one funding rule (an edited assumption, or a local decision).
    pub static FUNDING_OVERRIDE: OverrideField = ("FundingOverride", "调整的资金规则", "Edited funding rule") {
        /// `rule`: the id of the funding rule whose shares are replaced.
        Rule => Field::reference("rule", RefKind::FundingRule, "资金规则", "Funding rule").required(),
        /// `shares`: the parties and their weights that replace the rule's.
        Shares => Field::list("shares", &OVERRIDE_SHARE, 20, "各方比例", "Each party's share").required(),
    } constraints [
        Constraint::Unique { list: "shares", key: "party" },
    ]
}

crate::schema! {
    /// A party's weight in an edited split.
    pub static OVERRIDE_SHARE: ShareField = ("ShareInput", "出资方比例", "A party's share") {
        /// `party`: the payer, by its id (or `pipelineUtility`).
        Party => Field::reference("party", RefKind::Party, "出资方", "Party").required(),
        /// `weight`: the party's relative weight (5 : 4 : 1 or 0.8 : 0.2; only the ratio matters).
        Weight => Field::decimal("weight", Unit::Weight, "比例", "Weight").required(),
    } constraints []
}

crate::schema! {
    /// One floor of the stairwell served by an elevator.
    pub static ELEVATOR_FLOOR: FloorField = ("FloorInput", "楼层行", "Floor row") {
        /// `floor`: the floor number, 1 for the ground floor.
        Floor => Field::count_in("floor", 1, MAX_FLOORS as u64, "楼层", "Floor").unit(Unit::Floor).required(),
        /// `households`: how many households live on this floor.
        Households => Field::count("households", "本层户数", "Households on this floor").unit(Unit::Household).required(),
        /// `area`: the exclusive area of this floor's homes, in m² (used by the `area` and `coefficients` methods).
        Area => Field::decimal("area", Unit::SquareMetre, "本层专有面积", "Exclusive area on this floor"),
        /// `coefficient`: this floor's weight under the `coefficients` method.
        Coefficient => Field::decimal("coefficient", Unit::Weight, "分摊系数", "Coefficient"),
    } constraints []
}
