//! The facts of a compound (小区) that rules may read. Every one is optional: "don't know" is a
//! normal answer, and a rule that needs a missing fact says so instead of failing.

use super::choices::{HOUSING_TYPES, LOCATION_TYPES, WILLINGNESS};
use super::{Constraint, Field, Unit, OWNER_TALLY};

crate::schema! {
    /// The compound as a resident or an official describes it.
    pub static ESTATE: EstateField = ("Estate", "小区情况", "The compound") {
        /// `name`: The name people use, e.g. “林业大院”.
        Name => Field::text("name", 200, "小区名称", "Compound name")
            .help("写小区的通用名称，如“林业大院”", "The name people use, e.g. “林业大院”")
            .resident()
            .aliases(&["小区名称", "老旧小区名称", "项目名称", "小区名", "名称", "小区", "小区(项目)名称", "Name", "Compound", "Compound name", "Estate", "Estate name", "Project", "Project name"]),
        /// `district`: The county or district the compound is in.
        District => Field::text("district", 200, "所在区县", "District or county")
            .help("小区所在的县（区）", "The county or district the compound is in")
            .aliases(&["县(区)", "区县", "县区", "县（市、区）", "县(市,区)", "县(市区)", "所属区域", "区域", "所在区县", "所属县区", "所属区县", "行政区", "区", "District", "County", "County/district", "District/county"]),
        /// `builtYear`: The year the compound was built; an approximate year is fine.
        BuiltYear => Field::year("builtYear", "建成年份", "Year built")
            .help("小区建成的年份，不确定可填大概年份", "The year the compound was built; an approximate year is fine")
            .resident()
            .aliases(&["建成时间", "建成年代", "建成年度", "建设年代", "建设年份", "建造年代", "竣工时间", "竣工年份", "Built", "Built year", "Built in", "Construction year", "Completed"]),
        /// The `builtYears` object, given instead of `builtYear` when buildings went up over several years.
        BuiltYears => Field::group("builtYears", "建成年份区间", "Years built (a range)")
            .help("楼栋分几年建成时，填最早和最晚的年份", "When buildings went up over several years: the first and the last year")
            .aliases(&["Built years"]),
        /// `builtYears.from`: the year the first building was finished.
        BuiltFrom => Field::year("builtYears.from", "最早建成年份", "First year built"),
        /// `builtYears.to`: the year the last building was finished (a `builtBy` test passes only if this year does).
        BuiltTo => Field::year("builtYears.to", "最晚建成年份", "Last year built"),
        /// `locationType`: In a city, a county town, another town or a rural area.
        LocationType => Field::choice("locationType", LOCATION_TYPES, "所在地", "Where the compound is")
            .help("小区在城市、县城（城关镇）、建制镇还是乡村", "In a city, a county town, another town or a rural area")
            .resident()
            .aliases(&["区位类型", "所在区位", "区位", "Location type"]),
        /// `housingType`: Work-unit, reformed public and resettlement housing are non-commodity; a compound of bought flats is commodity housing.
        HousingType => Field::choice("housingType", HOUSING_TYPES, "房屋类型", "Type of housing")
            .help("单位房、房改房、安置房属于非商品房；购买的商品房小区选商品房", "Work-unit, reformed public and resettlement housing are non-commodity; a compound of bought flats is commodity housing")
            .resident()
            .aliases(&["房屋性质", "住房类型", "房屋类别", "Housing type"]),
        /// `households`: How many households live in the compound.
        Households => Field::count("households", "户数", "Households")
            .help("小区共有多少户", "How many households live in the compound")
            .unit(Unit::Household)
            .resident()
            .aliases(&["总户数", "居民户数", "住户数", "涉及户数", "改造户数", "Number of households", "HH"]),
        /// `selfBuiltHouseholds`: How many of the compound's households live in houses the residents built themselves (not built by a developer or a work unit)? With the number of households, this shows whether the area is “mainly self-built housing”.
        SelfBuiltHouseholds => Field::count("selfBuiltHouseholds", "居民自建住房户数", "Households in self-built housing")
            .help("小区里住在居民自己建造的房屋（不是开发商或单位建的）中的户数。与“户数”一起判断是否“以居民自建住房为主”。", "How many of the compound's households live in houses the residents built themselves (not built by a developer or a work unit)? With the number of households, this shows whether the area is “mainly self-built housing”.")
            .unit(Unit::Household)
            .resident()
            .aliases(&["居民自建房户数", "自建房户数"]),
        /// `buildings`: how many buildings (栋) the compound has.
        Buildings => Field::count("buildings", "楼栋数", "Buildings")
            .unit(Unit::Building)
            .aliases(&["栋数", "幢数", "楼栋", "楼幢数", "Number of buildings"]),
        /// `floorArea`: The compound's total floor area.
        FloorArea => Field::decimal("floorArea", Unit::SquareMetre, "建筑面积", "Floor area")
            .help("小区的总建筑面积", "The compound's total floor area")
            .aliases(&["总建筑面积", "改造面积", "面积", "Gross floor area", "Area"]),
        /// `structurallySafe`: Is the structure safe (not found to be 危房), so that the buildings should be renovated rather than (wholly) demolished and rebuilt?
        StructurallySafe => Field::yes_no("structurallySafe", "房屋结构安全", "The buildings are structurally safe")
            .help("房屋结构是否安全（未被鉴定为危房），适合改造而不宜（整体）拆除重建？", "Is the structure safe (not found to be 危房), so that the buildings should be renovated rather than (wholly) demolished and rebuilt?")
            .says("房屋结构安全", "The structure is safe", "房屋结构不安全", "The structure is not safe")
            .resident()
            .aliases(&["结构安全", "房屋结构是否安全", "Structurally safe"]),
        /// `demolitionPlanned`: The compound is already in a shantytown, expropriation or demolition-and-rebuild plan.
        DemolitionPlanned => Field::yes_no("demolitionPlanned", "已列入拆除、棚改或征收计划", "Planned for demolition, shantytown redevelopment or expropriation")
            .help("小区已纳入棚户区改造、征收或拆除重建计划", "The compound is already in a shantytown, expropriation or demolition-and-rebuild plan")
            .says("已列入棚改、征收或拆除重建计划", "It is in a shantytown, expropriation or demolition-and-rebuild plan", "未列入棚改、征收或拆除重建计划", "It is not in any shantytown, expropriation or demolition-and-rebuild plan")
            .resident()
            .aliases(&["已列入拆除/征收计划", "列入拆除计划", "列入棚改计划", "Demolition planned"]),
        /// `urbanVillage`: An urban village (城中村).
        UrbanVillage => Field::yes_no("urbanVillage", "属于城中村", "An urban village (城中村)")
            .says("属于城中村", "It is an urban village", "不属于城中村", "It is not an urban village")
            .resident()
            .aliases(&["城中村", "是否城中村", "Urban village"]),
        /// `threeSuppliesTransferred`: The former employer's water, power, gas and property services have already been handed over and renovated.
        ThreeSuppliesTransferred => Field::yes_no("threeSuppliesTransferred", "已完成“三供一业”移交", "Water, power, gas and property management already handed over (三供一业)")
            .help("原单位的供水、供电、供气和物业管理已移交给专业单位并改造过", "The former employer's water, power, gas and property services have already been handed over and renovated")
            .says("已实施“三供一业”改造", "The three-supplies handover (三供一业) is done", "未实施“三供一业”改造", "No three-supplies handover (三供一业) yet")
            .aliases(&["三供一业", "已完成“三供一业”", "Three supplies transferred"]),
        /// `facilitiesDeficient`: Water, power, gas, roads, drains, lighting or fire safety are badly worn or missing.
        FacilitiesDeficient => Field::yes_no("facilitiesDeficient", "设施老旧或缺失", "Facilities are old or missing")
            .help("水电气路、排水、照明、消防等设施严重老旧或没有", "Water, power, gas, roads, drains, lighting or fire safety are badly worn or missing")
            .says("基础设施和公共服务设施老旧或缺失", "Facilities are old or missing", "设施并不老旧或缺失", "Facilities are not old or missing")
            .resident()
            .aliases(&["设施老旧", "配套设施不全", "Facilities deficient"]),
        /// `residentWillingness`: What did the door-to-door survey or consultation conclude? Strong: residents generally and actively ask for it; fairly high: residents on the whole are willing; low: little wish, or deeply divided. No document sets a figure: choose from the street office's or community's conclusion.
        ResidentWillingness => Field::choice("residentWillingness", WILLINGNESS, "居民改造意愿", "Residents' wish for the renovation")
            .help("入户征求意见或意见征询的结论是什么？强烈：居民普遍、积极要求改造；较高：居民总体愿意改造；不高：意愿不明显或分歧较大。文件没有规定数字，请按街道或社区征求意愿的结论选择。", "What did the door-to-door survey or consultation conclude? Strong: residents generally and actively ask for it; fairly high: residents on the whole are willing; low: little wish, or deeply divided. No document sets a figure: choose from the street office's or community's conclusion.")
            .resident()
            .aliases(&["改造意愿", "居民意愿", "居民改造意愿强烈", "Residents willing"]),
        /// The `owners` object: headcounts of the owners' vote or consultation.
        Owners => Field::group("owners", "业主人数", "Owners (headcount)")
            .help("业主表决或征求意见的人数统计", "Headcounts of the owners' vote or consultation"),
        /// `owners.total`: how many owners (by head) the compound has.
        OwnersTotal => Field::count("owners.total", "业主总人数", "Number of owners").unit(Unit::Person)
            .aliases(&["业主人数", "Owners"]),
        /// `owners.voted`: Owners who took part in the vote.
        OwnersVoted => Field::count("owners.voted", "参与表决的业主人数", "Owners who took part in the vote").unit(Unit::Person)
            .aliases(&["参与表决人数", "Owners taking part"]),
        /// `owners.inFavour`: how many owners agreed (at most `owners.total`).
        OwnersInFavour => Field::count("owners.inFavour", "同意的业主人数", "Owners in favour").unit(Unit::Person)
            .aliases(&["同意人数", "Owners in favour"]),
        /// The `ownerArea` object: the vote counted by each owner's own floor area (exclusive area).
        OwnerArea => Field::group("ownerArea", "业主专有面积", "Owners' exclusive floor area")
            .help("按业主各自房屋面积（专有部分面积）统计的表决情况", "The vote counted by each owner's own floor area (exclusive area)"),
        /// `ownerArea.total`: all owners' exclusive area (专有部分面积), in m².
        OwnerAreaTotal => Field::decimal("ownerArea.total", Unit::SquareMetre, "专有部分总面积", "Total exclusive area")
            .aliases(&["业主专有面积", "Exclusive area"]),
        /// `ownerArea.voted`: Exclusive area that took part in the vote.
        OwnerAreaVoted => Field::decimal("ownerArea.voted", Unit::SquareMetre, "参与表决的专有面积", "Exclusive area that took part in the vote")
            .aliases(&["参与表决面积", "Exclusive area taking part"]),
        /// `ownerArea.inFavour`: the exclusive area of the owners who agreed, in m².
        OwnerAreaInFavour => Field::decimal("ownerArea.inFavour", Unit::SquareMetre, "同意的专有面积", "Exclusive area in favour")
            .aliases(&["同意面积", "Exclusive area in favour"]),
        /// `selfGovernance`: An owners' committee or self-governance body exists.
        SelfGovernance => Field::yes_no("selfGovernance", "已成立业主委员会或自治组织", "An owners' committee or self-governance body exists")
            .says("已成立小区自治组织", "A self-governance body is set up", "尚未成立小区自治组织", "No self-governance body yet")
            .aliases(&["已成立自治组织", "自治组织", "业主委员会", "Self-governance"]),
        /// `longTermManagement`: After the works there will be property management or self-management.
        LongTermManagement => Field::yes_no("longTermManagement", "已建立长效管理机制", "Long-term management is arranged")
            .help("改造后有物业服务或自治管理", "After the works there will be property management or self-management")
            .says("已建立长效管理机制", "Long-term management is in place", "尚未建立长效管理机制", "No long-term management yet")
            .aliases(&["长效管理机制", "长效管理", "Long-term management"]),
        /// `planPublicised`: Has the renovation plan (or its draft) been posted in the compound for residents to comment on?
        PlanPublicised => Field::yes_no("planPublicised", "改造方案已在小区公示并征求意见", "The renovation plan has been posted in the compound for comments")
            .help("改造方案（或方案草案）是否已在小区内张贴公示、让居民提意见？", "Has the renovation plan (or its draft) been posted in the compound for residents to comment on?")
            .says("改造方案已公示并征求意见", "The plan was posted for comments", "改造方案尚未公示", "The plan has not been posted yet")
            .resident(),
        /// `planHasDesign`: Does the plan include a design (what will be done and how, with drawings)?
        PlanHasDesign => Field::yes_no("planHasDesign", "方案包括项目设计", "The plan includes the design")
            .help("改造方案里有没有设计方案（做什么、怎么做、图纸）？", "Does the plan include a design (what will be done and how, with drawings)?")
            .says("方案包括设计", "The plan includes the design", "方案没有设计", "The plan has no design"),
        /// `planHasBudget`: Does the plan include a budget (the cost of each item)?
        PlanHasBudget => Field::yes_no("planHasBudget", "方案包括工程预算", "The plan includes a works budget")
            .help("改造方案里有没有工程预算（每项花多少钱）？", "Does the plan include a budget (the cost of each item)?")
            .says("方案包括工程预算", "The plan includes a budget", "方案没有工程预算", "The plan has no budget"),
        /// `planHasFundingPlan`: Does the plan say where the money comes from and how much each party pays?
        PlanHasFundingPlan => Field::yes_no("planHasFundingPlan", "方案包括资金筹集方案", "The plan says how the money is raised")
            .help("改造方案有没有写明钱从哪里来、各方出多少？", "Does the plan say where the money comes from and how much each party pays?")
            .says("方案写明了资金筹集", "The plan says how the money is raised", "方案没有写明资金筹集", "The plan does not say how the money is raised"),
        /// `planHasManagement`: Does the plan say who manages the compound afterwards (a property company or the owners themselves), and how that is paid for?
        PlanHasManagement => Field::yes_no("planHasManagement", "方案包括改造后的管理机制", "The plan says how the compound is managed afterwards")
            .help("方案有没有写明改造后由谁管理（物业公司或业主自治）、费用怎么出？", "Does the plan say who manages the compound afterwards (a property company or the owners themselves), and how that is paid for?")
            .says("方案写明了改造后的管理", "The plan says how it is managed afterwards", "方案没有写明改造后的管理", "The plan does not say how it is managed afterwards"),
        /// `elevatorVote`: In the building (or stairwell) getting the elevator: how many owners and how much exclusive area there are in all; how many took part in the vote; how many agreed.
        ElevatorVote => Field::record("elevatorVote", &OWNER_TALLY, "加装电梯表决（本栋或本单元业主）", "Vote on adding the elevator (owners of the building or stairwell served)")
            .help("加装电梯的那栋楼（或单元）共有多少户业主、多少专有面积；多少参加了表决；多少同意。", "In the building (or stairwell) getting the elevator: how many owners and how much exclusive area there are in all; how many took part in the vote; how many agreed."),
        /// The `maintenanceFund` object: the compound's 住宅专项维修资金, for the `maintenanceFund` test.
        MaintenanceFund => Field::group("maintenanceFund", "住宅专项维修资金", "Maintenance fund"),
        /// `maintenanceFund.initial`: the fund's first collection (首期归集), in 元.
        FundInitial => Field::decimal("maintenanceFund.initial", Unit::Yuan, "维修资金首期筹集金额", "Maintenance fund: first collection")
            .aliases(&["首期筹集金额", "维修资金首期", "First collection"]),
        /// `maintenanceFund.balance`: the fund's balance today, in 元, compared with a share of the first collection.
        FundBalance => Field::decimal("maintenanceFund.balance", Unit::Yuan, "维修资金余额", "Maintenance fund: balance")
            .aliases(&["维修资金结余", "Maintenance fund balance"]),
    } constraints [
        Constraint::Ordered { from: "builtYears.from", to: "builtYears.to" },
        Constraint::NotAbove { part: "owners.voted", whole: "owners.total" },
        Constraint::NotAbove { part: "owners.inFavour", whole: "owners.voted" },
        Constraint::NotAbove { part: "owners.inFavour", whole: "owners.total" },
        Constraint::NotAbove { part: "ownerArea.voted", whole: "ownerArea.total" },
        Constraint::NotAbove { part: "ownerArea.inFavour", whole: "ownerArea.voted" },
        Constraint::NotAbove { part: "ownerArea.inFavour", whole: "ownerArea.total" },
        Constraint::NotAbove { part: "selfBuiltHouseholds", whole: "households" },
    ]
}
