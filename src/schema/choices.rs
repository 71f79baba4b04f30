//! The closed sets of values that inputs, packs and results share, each declared once with its
//! plain-language names.

crate::choices! {
    /// Where the compound is (国办发〔2020〕23号 covers cities and county towns).
    pub enum LocationType in LOCATION_TYPES {
        /// 城市 (a city's urban area)
        City = "city" ("城市", "City"),
        /// 县城 / 城关镇
        CountyTown = "countyTown" ("县城（城关镇）", "County town"),
        /// 建制镇 other than a county seat
        Town = "town" ("建制镇", "Town"),
        /// 乡村
        Rural = "rural" ("乡村", "Rural area"),
    }
}

crate::choices! {
    /// What kind of housing the compound is.
    pub enum HousingType in HOUSING_TYPES {
        /// 非商品房: work-unit housing, reformed public housing, resettlement housing
        NonCommodity = "nonCommodity" ("非商品房（单位房、房改房、安置房等）", "Non-commodity housing (work-unit, reformed public or resettlement housing)"),
        /// 商品房
        Commodity = "commodity" ("商品房", "Commodity housing"),
        /// 居民自建住房
        SelfBuilt = "selfBuilt" ("居民自建房", "Self-built housing"),
        /// several of the above in one compound
        Mixed = "mixed" ("多种类型混合", "A mix of these"),
    }
}

crate::choices! {
    /// Which side of the meter (表（箱）前/后) a pipeline line lies on.
    pub enum Segment in SEGMENTS {
        /// 表（箱）前: the shared lines outside the homes, up to the meter (box)
        BeforeMeter = "beforeMeter" ("表（箱）前：户外的公共管线", "Before the meter: the shared lines outside the homes"),
        /// 表（箱）后: the lines from the meter (box) into the homes
        AfterMeter = "afterMeter" ("表（箱）后：入户管线", "After the meter: the lines into the homes"),
    }
}

crate::choices! {
    /// How the residents' part of elevator lines is divided between floors.
    pub enum ElevatorMethod in ELEVATOR_METHODS {
        /// Floor n pays in proportion to n − 1 (floors climbed).
        FloorsClimbed = "floorsClimbed" ("按楼层高低（层数越高分摊越多）", "By floors climbed (higher floors pay more)"),
        /// Each floor's coefficient × its area (or households where no area is given).
        Coefficients = "coefficients" ("按楼层系数", "By a coefficient per floor"),
        /// In proportion to exclusive area (民法典 第二百八十三条, the default without agreement).
        Area = "area" ("按专有部分面积（民法典第二百八十三条）", "By exclusive area (Civil Code art. 283)"),
    }
}

crate::choices! {
    /// A payer. The order here is the order of every output table.
    pub enum Party in PARTIES {
        /// 中央财政: the central budget's subsidy (中央补助资金)
        Central = "central" ("中央财政", "Central budget"),
        /// 省级财政: the provincial budget
        Province = "province" ("省级财政", "Provincial budget"),
        /// 市级财政: the city budget
        City = "city" ("市级财政", "City budget"),
        /// 县（区）财政: the county or district budget
        County = "county" ("县（区）财政", "County/district budget"),
        /// 供水单位: the water utility, for water pipeline lines
        WaterUtility = "waterUtility" ("供水单位", "Water utility"),
        /// 供电单位: the power utility, for power lines
        PowerUtility = "powerUtility" ("供电单位", "Power utility"),
        /// 燃气单位: the gas company, for gas lines
        GasUtility = "gasUtility" ("燃气单位", "Gas utility"),
        /// 通信单位: the telecom operators, for telecom lines
        TelecomUtility = "telecomUtility" ("通信单位", "Telecom operators"),
        /// 供热单位: the heat utility, for heating lines
        HeatUtility = "heatUtility" ("供热单位", "Heat utility"),
        /// 原产权单位: the work unit that built or owned the housing
        PropertyUnit = "propertyUnit" ("原产权单位", "Original property unit"),
        /// 居民: the residents themselves, whose part an elevator or waiver divides further
        Residents = "residents" ("居民", "Residents"),
        /// 住宅专项维修资金: the compound's maintenance fund
        MaintenanceFund = "maintenanceFund" ("住宅专项维修资金", "Maintenance fund"),
        /// 社会资本: private investors, where a document invites them
        SocialCapital = "socialCapital" ("社会资本", "Social capital"),
    }
}

crate::choices! {
    /// How much the residents want the renovation: the conclusion of the door-to-door survey or
    /// consultation (入户征求意见、意见征询). No document sets a figure for it.
    pub enum Willingness in WILLINGNESS {
        /// 强烈: residents generally and actively ask for it
        Strong = "strong" ("强烈", "Strong"),
        /// 较高: residents on the whole are willing
        High = "high" ("较高", "Fairly high"),
        /// 不高: little wish, or deeply divided
        Low = "low" ("不高", "Low"),
    }
}
