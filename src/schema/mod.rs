//! The one declaration of every input the calculator reads: the compound's facts and the options
//! of an estimate, each with its type, bounds, unit, and labels and help in Chinese and English.
//!
//! Why a table instead of structs with serde attributes: the same declaration has to feed the
//! reader (and its error messages), the TypeScript types, the form a page builds, the column
//! names a planning spreadsheet may use — and a policy pack may add facts of its own at run time
//! ([`LocalFact`](crate::policy::model::LocalFact)). A table is one thing all of them can read; a
//! struct can only be read by the compiler.
//!
//! Each table is written with [`schema!`](crate::schema!), which also makes an enum naming its
//! fields (`EstateField::Households`), so code refers to a field without repeating its key.

mod choices;
mod estate;
#[cfg(feature = "sheets")]
mod plan;
mod scenario;
mod tally;
pub mod typescript;

use crate::output::ToJson;
use serde::Serialize;

pub use choices::{
    ElevatorMethod, HousingType, LocationType, Party, Segment, Willingness, ELEVATOR_METHODS,
    HOUSING_TYPES, LOCATION_TYPES, PARTIES, SEGMENTS, WILLINGNESS,
};
pub use estate::{EstateField, ESTATE};
#[cfg(feature = "sheets")]
pub use plan::{MixField, PlanOptionsField, MIX_ITEM, PLAN_OPTIONS};
pub use scenario::{
    FloorField, ItemField, OverrideField, ScenarioField, ShareField, ELEVATOR_FLOOR,
    FUNDING_OVERRIDE, ITEM_CHOICE, MAX_FLOORS, MAX_ITEMS, OVERRIDE_SHARE, SCENARIO,
};
pub use tally::{HouseholdTallyField, OwnerTallyField, HOUSEHOLD_TALLY, OWNER_TALLY};

/// A fixed text in both languages (Chinese is the authoritative wording).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Label {
    /// The authoritative Chinese wording.
    pub zh: &'static str,
    /// The English rendering, for readers without Chinese.
    pub en: &'static str,
}

impl Label {
    /// A label from its two wordings.
    pub const fn new(zh: &'static str, en: &'static str) -> Label {
        Label { zh, en }
    }

    /// The owned form used in results and messages.
    pub fn text(self) -> crate::text::Text {
        crate::text::Text::new(self.zh, self.en)
    }
}

/// Who is expected to know a fact: the resident journey asks only `Resident` questions and keeps
/// the rest behind "更多细节 / for officials".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Audience {
    /// The resident can answer it (build year, housing type, how many households).
    Resident,
    /// Only the official preparing the plan knows it (tallies, the maintenance fund, the plan's parts).
    Official,
}

/// The unit a number is counted in, shown beside inputs and in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "FieldUnit"))]
#[serde(rename_all = "camelCase")]
pub enum Unit {
    /// 元
    Yuan,
    /// 元 per unit of a menu item
    YuanPerUnit,
    /// m²
    SquareMetre,
    /// 户
    Household,
    /// 人 (owners)
    Person,
    /// 栋
    Building,
    /// 层 (a floor number)
    Floor,
    /// 年
    Year,
    /// a quantity in the item's own unit
    ItemUnit,
    /// a relative weight (5 : 4 : 1)
    Weight,
    /// a share between 0 and 1
    Share,
}

impl Unit {
    /// The unit as written after a number.
    pub fn label(self) -> Label {
        match self {
            Unit::Yuan => Label::new("元", "yuan"),
            Unit::YuanPerUnit => Label::new("元/单位", "yuan per unit"),
            Unit::SquareMetre => Label::new("平方米", "m²"),
            Unit::Household => Label::new("户", "households"),
            Unit::Person => Label::new("人", "people"),
            Unit::Building => Label::new("栋", "buildings"),
            Unit::Floor => Label::new("层", "floor"),
            Unit::Year => Label::new("年", "year"),
            Unit::ItemUnit => Label::new("（按项目单位）", "(in the item's unit)"),
            Unit::Weight => Label::new("份", "parts"),
            Unit::Share => Label::new("（0–1）", "(0–1)"),
        }
    }
}

/// One allowed value of a choice, with its plain-language name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Choice {
    /// The id the input gives and results carry (`nonCommodity`).
    pub id: &'static str,
    /// The value's name as a form shows it.
    pub label: Label,
    /// A longer explanation, for a value whose name alone could be misread.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Label>,
}

/// What a field refers to in the chosen pack (validated against it when the estimate runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum RefKind {
    /// A menu item's id (`water-supply`), checked against the pack's menu.
    MenuItem,
    /// A funding rule's id, checked against the pack's effective funding rules (for an override).
    FundingRule,
    /// A benchmark's id, checked against the pack's benchmarks.
    Benchmark,
    /// A party id, or `pipelineUtility` inside a pipeline rule.
    Party,
}

/// The type of a field, with its bounds. Every bound is enforced by the reader.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Free text of at most `max_chars` characters.
    Text {
        /// The most characters accepted.
        max_chars: u32,
    },
    /// A whole number `min..=max`.
    Count {
        /// The least value accepted.
        min: u64,
        /// The greatest value accepted.
        max: u64,
    },
    /// A calendar year `min..=max`.
    Year {
        /// The earliest year accepted.
        min: i32,
        /// The latest year accepted.
        max: i32,
    },
    /// A calendar day `YYYY-MM-DD`.
    Date,
    /// An exact non-negative decimal up to `max` (money, areas, weights).
    Decimal {
        /// The greatest value accepted.
        max: i64,
    },
    /// An exact decimal in `0..=1`.
    Share,
    /// Yes or no.
    Bool,
    /// One of the listed values.
    Choice(&'static [Choice]),
    /// The id of something in the pack.
    Ref(RefKind),
    /// An object whose fields are declared in the same table under `key.` (e.g. `owners.total`).
    Group,
    /// An object read with another table.
    Record(&'static Schema),
    /// A list of objects read with another table, at most `max` of them.
    List {
        /// The table each item is read with.
        of: &'static Schema,
        /// The most items accepted.
        max: u32,
    },
}

/// One field of an input.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The path inside its table: `households`, `owners.total`.
    pub key: &'static str,
    /// The type and bounds the reader enforces.
    pub kind: Kind,
    /// The field's name as a form labels it and as messages name it.
    pub label: Label,
    /// What to enter, in plain words (a resident reads this).
    pub help: Label,
    /// The unit shown after the number, if it has one.
    pub unit: Option<Unit>,
    /// Who is asked: a resident's form shows only `Resident` fields up front.
    pub audience: Audience,
    /// Must be given (only inside list items: a chosen item needs its id).
    pub required: bool,
    /// Other names a spreadsheet column may carry for this field.
    pub aliases: &'static [&'static str],
    /// For a yes/no fact: how a finding states it when true, and when false.
    pub says: Option<(Label, Label)>,
}

impl Field {
    const fn new(key: &'static str, kind: Kind, zh: &'static str, en: &'static str) -> Field {
        Field {
            key,
            kind,
            label: Label::new(zh, en),
            help: Label::new("", ""),
            unit: None,
            audience: Audience::Official,
            required: false,
            aliases: &[],
            says: None,
        }
    }

    /// Free text.
    pub const fn text(
        key: &'static str,
        max_chars: u32,
        zh: &'static str,
        en: &'static str,
    ) -> Field {
        Field::new(key, Kind::Text { max_chars }, zh, en)
    }
    /// A count up to [`crate::numbers::MAX_COUNT`].
    pub const fn count(key: &'static str, zh: &'static str, en: &'static str) -> Field {
        Field::new(
            key,
            Kind::Count {
                min: 0,
                max: crate::numbers::MAX_COUNT,
            },
            zh,
            en,
        )
    }
    /// A count within bounds.
    pub const fn count_in(
        key: &'static str,
        min: u64,
        max: u64,
        zh: &'static str,
        en: &'static str,
    ) -> Field {
        Field::new(key, Kind::Count { min, max }, zh, en)
    }
    /// A year of construction.
    pub const fn year(key: &'static str, zh: &'static str, en: &'static str) -> Field {
        Field::new(
            key,
            Kind::Year {
                min: crate::numbers::MIN_YEAR,
                max: crate::numbers::MAX_YEAR,
            },
            zh,
            en,
        )
        .unit(Unit::Year)
    }
    /// An exact amount or area.
    pub const fn decimal(
        key: &'static str,
        unit: Unit,
        zh: &'static str,
        en: &'static str,
    ) -> Field {
        Field::new(
            key,
            Kind::Decimal {
                max: crate::numbers::MAX_DECIMAL,
            },
            zh,
            en,
        )
        .unit(unit)
    }
    /// A calendar day, `YYYY-MM-DD`.
    pub const fn date(key: &'static str, zh: &'static str, en: &'static str) -> Field {
        Field::new(key, Kind::Date, zh, en)
    }
    /// A share between 0 and 1.
    pub const fn share(key: &'static str, zh: &'static str, en: &'static str) -> Field {
        Field::new(key, Kind::Share, zh, en).unit(Unit::Share)
    }
    /// Yes or no.
    pub const fn yes_no(key: &'static str, zh: &'static str, en: &'static str) -> Field {
        Field::new(key, Kind::Bool, zh, en)
    }
    /// One of a list of values.
    pub const fn choice(
        key: &'static str,
        of: &'static [Choice],
        zh: &'static str,
        en: &'static str,
    ) -> Field {
        Field::new(key, Kind::Choice(of), zh, en)
    }
    /// The id of something in the pack.
    pub const fn reference(
        key: &'static str,
        to: RefKind,
        zh: &'static str,
        en: &'static str,
    ) -> Field {
        Field::new(key, Kind::Ref(to), zh, en)
    }
    /// An object whose fields follow in the same table.
    pub const fn group(key: &'static str, zh: &'static str, en: &'static str) -> Field {
        Field::new(key, Kind::Group, zh, en)
    }
    /// An object read with another table.
    pub const fn record(
        key: &'static str,
        of: &'static Schema,
        zh: &'static str,
        en: &'static str,
    ) -> Field {
        Field::new(key, Kind::Record(of), zh, en)
    }
    /// A list of objects.
    pub const fn list(
        key: &'static str,
        of: &'static Schema,
        max: u32,
        zh: &'static str,
        en: &'static str,
    ) -> Field {
        Field::new(key, Kind::List { of, max }, zh, en)
    }
    /// Sets the help text.
    pub const fn help(mut self, zh: &'static str, en: &'static str) -> Field {
        self.help = Label::new(zh, en);
        self
    }
    /// Sets the unit.
    pub const fn unit(mut self, unit: Unit) -> Field {
        self.unit = Some(unit);
        self
    }
    /// Marks a question a resident can answer.
    pub const fn resident(mut self) -> Field {
        self.audience = Audience::Resident;
        self
    }
    /// Marks a field that must be given.
    pub const fn required(mut self) -> Field {
        self.required = true;
        self
    }
    /// Other spreadsheet column names for this field. Kept only where spreadsheets are read
    /// (the `sheets` feature: the planning module and the command line); the resident module,
    /// which reads none, leaves the names out (≈ 0.7 KB of its download).
    pub const fn aliases(mut self, aliases: &'static [&'static str]) -> Field {
        if cfg!(feature = "sheets") {
            self.aliases = aliases;
        }
        self
    }

    /// How a finding states a yes/no fact when it is true, and when it is false.
    pub const fn says(
        mut self,
        yes_zh: &'static str,
        yes_en: &'static str,
        no_zh: &'static str,
        no_en: &'static str,
    ) -> Field {
        self.says = Some((Label::new(yes_zh, yes_en), Label::new(no_zh, no_en)));
        self
    }

    /// The last segment of the key: what the field is called inside its JSON object.
    pub fn name(&self) -> &'static str {
        match self.last_dot() {
            Some(i) => self.key.get(i.saturating_add(1)..).unwrap_or(self.key),
            None => self.key,
        }
    }

    /// The group the field sits in (`owners` for `owners.total`), `""` at the top.
    pub fn parent(&self) -> &'static str {
        match self.last_dot() {
            Some(i) => self.key.get(..i).unwrap_or(""),
            None => "",
        }
    }

    /// Where the last `.` of the key is (a byte search: readers ask for every field).
    fn last_dot(&self) -> Option<usize> {
        self.key.bytes().rposition(|b| b == b'.')
    }
}

/// A rule between fields of one table, checked after reading (and published as it is in
/// [`export`], tagged by `kind`, so a form can say it beside the fields).
#[derive(Debug, Clone, Copy, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ConstraintExport"))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Constraint {
    /// `part` must not exceed `whole` when both are given (owners in favour ≤ owners).
    NotAbove {
        /// The smaller field's key (e.g. `owners.inFavour`).
        part: &'static str,
        /// The larger field's key (e.g. `owners.total`).
        whole: &'static str,
    },
    /// `from` must not be after `to` (a range of years).
    Ordered {
        /// The key of the earlier year.
        from: &'static str,
        /// The key of the later year.
        to: &'static str,
    },
    /// Give `single` or all of `pair`, not both, and not neither.
    EitherOr {
        /// The key of the one field (e.g. `builtYear`).
        single: &'static str,
        /// The keys of the two fields given together instead (e.g. `builtYears.from`, `builtYears.to`).
        pair: [&'static str; 2],
    },
    /// Within a list, no two items may have the same `key`.
    Unique {
        /// The key of the list.
        list: &'static str,
        /// The key, inside each item, that must not repeat (e.g. `id`).
        key: &'static str,
    },
}

/// One input format: a named table of fields and the rules between them.
#[derive(Debug)]
pub struct Schema {
    /// The TypeScript type name (`Estate`, `Scenario`, `ItemChoice`).
    pub name: &'static str,
    /// The table's name as a form's heading shows it.
    pub label: Label,
    /// The fields, in the order forms and exports list them.
    pub fields: &'static [Field],
    /// The rules between fields, checked after every field has been read.
    pub constraints: &'static [Constraint],
}

impl Schema {
    /// The field with this key.
    pub fn field(&self, key: &str) -> Option<(usize, &'static Field)> {
        // A key written in the code (a constraint's, a rule's) is usually the table's own literal,
        // at the same address: found without comparing texts.
        let same =
            |f: &&Field| std::ptr::eq(f.key.as_ptr(), key.as_ptr()) && f.key.len() == key.len();
        if let Some(found) = self.fields.iter().enumerate().find(|(_, f)| same(f)) {
            return Some(found);
        }
        // Length and last byte first: most fields differ there, without a call to compare.
        let last = key.as_bytes().last();
        self.fields.iter().enumerate().find(|(_, f)| {
            f.key.len() == key.len() && f.key.as_bytes().last() == last && f.key == key
        })
    }
}

/// A typed name of one field of one table, made by [`schema!`](crate::schema!).
pub trait FieldId: Copy {
    /// The table the field belongs to.
    fn schema() -> &'static Schema;
    /// Its position in the table.
    fn index(self) -> usize;
    /// Its declaration.
    // `index` is generated together with the table it indexes (see `schema!`), so it is in range.
    #[allow(clippy::indexing_slicing)]
    fn field(self) -> &'static Field {
        &Self::schema().fields[self.index()]
    }
}

/// Declares a table and the enum naming its fields, in one list:
///
/// ```ignore
/// schema! {
///     pub static ESTATE: EstateField = ("Estate", "小区", "Compound") {
///         Households => Field::count("households", "户数", "Households"),
///     } constraints []
/// }
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! schema {
    (
        $(#[$meta:meta])*
        $vis:vis static $table:ident : $enum:ident = ($name:literal, $zh:literal, $en:literal) {
            $( $(#[$vmeta:meta])* $variant:ident => $field:expr ),+ $(,)?
        } constraints [ $($constraint:expr),* $(,)? ]
    ) => {
        #[doc = concat!("The fields of `", $name, "`, in the order of [`", stringify!($table), "`].")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u16)]
        $vis enum $enum { $( $(#[$vmeta])* $variant ),+ }

        $(#[$meta])*
        $vis static $table: $crate::schema::Schema = $crate::schema::Schema {
            name: $name,
            label: $crate::schema::Label::new($zh, $en),
            fields: &[ $( $field ),+ ],
            constraints: &[ $( $constraint ),* ],
        };

        impl $enum {
            /// Every field, in table order.
            pub const ALL: &'static [$enum] = &[ $( $enum::$variant ),+ ];
        }

        impl $crate::schema::FieldId for $enum {
            fn schema() -> &'static $crate::schema::Schema {
                &$table
            }
            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

/// Declares a closed set of values once: the Rust enum, its ids, and the [`Choice`] table a form
/// and the reader use.
#[macro_export]
#[doc(hidden)]
macro_rules! choices {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident in $table:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal ($zh:literal, $en:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        $vis enum $name { $( $(#[$vmeta])* #[cfg_attr(feature = "ts", ts(rename = $id))] $variant ),+ }

        #[doc = concat!("The values of [`", stringify!($name), "`], in order, with their names.")]
        $vis static $table: &[$crate::schema::Choice] = &[
            $( $crate::schema::Choice { id: $id, label: $crate::schema::Label::new($zh, $en), help: None } ),+
        ];

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The camelCase id used in files and results.
            pub fn id(self) -> &'static str {
                match self { $( $name::$variant => $id ),+ }
            }

            /// The value with this id.
            pub fn from_id(id: &str) -> Option<$name> {
                match id { $( $id => Some($name::$variant), )+ _ => None }
            }

            /// Its plain-language name.
            pub fn label(self) -> $crate::schema::Label {
                match self { $( $name::$variant => $crate::schema::Label::new($zh, $en) ),+ }
            }
        }

        impl $crate::output::ToJson for $name {
            fn to_json(&self, w: &mut $crate::output::Writer) {
                w.str(self.id());
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }

        impl $crate::input::read::FromJson for $name {
            fn read(
                v: &$crate::input::tree::Tree,
                path: &str,
                r: &mut $crate::input::read::Reader,
            ) -> Option<Self> {
                match v.as_str() {
                    Some(s) => match $name::from_id(s) {
                        Some(x) => Some(x),
                        None => r.fail($crate::error::Error::WrongType {
                            field: $crate::input::read::path_or_root(path),
                            detail: $crate::input::read::unknown_value(s, $table),
                        }),
                    },
                    None => r.wrong_type(path, "text", v),
                }
            }
        }
    };
}

// ---- the published form of the schema ---------------------------------------------------------

/// The schema as JavaScript receives it from `schema()`: every table with its fields, kinds,
/// bounds, units, labels, help and choices, so a page builds its form from it instead of copying.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct SchemaExport {
    /// The top-level inputs: `Estate` and `Scenario`.
    pub roots: Vec<&'static str>,
    /// Every table, roots first, in the order of [`tables`].
    pub tables: Vec<TableExport>,
}

/// One table of [`SchemaExport`].
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct TableExport {
    /// The TypeScript type name ([`Schema::name`]).
    pub name: &'static str,
    /// The table's heading, zh/en.
    pub label: Label,
    /// The fields, in table order.
    pub fields: Vec<FieldExport>,
    /// The rules between fields, for a form to state beside them.
    pub constraints: Vec<ConstraintExport>,
}

/// One field of [`TableExport`].
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct FieldExport {
    /// The path inside the table (`owners.total`), as the input writes it.
    pub key: &'static str,
    /// `text`, `count`, `year`, `decimal`, `share`, `bool`, `choice`, `ref`, `group`, `record`, `list`.
    pub kind: &'static str,
    /// The field's label, zh/en.
    pub label: Label,
    /// What to enter, in plain words (empty when the label says it all).
    pub help: Label,
    /// The unit the number is counted in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// The unit as written after a number ([`Unit::label`]), so a page need not translate it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_label: Option<Label>,
    /// Who is asked the question.
    pub audience: Audience,
    /// Whether it must be given whenever its object is (a list item's id, an elevator split's method).
    #[serde(default)]
    pub required: bool,
    /// The least value, as a decimal string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<String>,
    /// The greatest value, as a decimal string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<String>,
    /// Most decimal places accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_decimals: Option<u32>,
    /// For text: the most characters accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<u32>,
    /// For a choice: the allowed values and their names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choices: Option<&'static [Choice]>,
    /// For `ref`: what in the pack the id names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refers_to: Option<RefKind>,
    /// For `record` and `list`: the table of the object(s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<&'static str>,
    /// For a list: the most items accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u32>,
    /// Other names a spreadsheet column may carry for this field: given by the modules that read
    /// spreadsheets (the planning module, the command line), left out by the resident one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aliases: Option<&'static [&'static str]>,
}

/// One constraint of [`TableExport`]: the declaration itself, which serialises as published.
pub type ConstraintExport = Constraint;

/// Every table, in a stable order (roots first).
pub fn tables() -> [&'static Schema; 8] {
    [
        &ESTATE,
        &SCENARIO,
        &ITEM_CHOICE,
        &FUNDING_OVERRIDE,
        &OVERRIDE_SHARE,
        &ELEVATOR_FLOOR,
        &OWNER_TALLY,
        &HOUSEHOLD_TALLY,
    ]
}

/// The whole schema, for `schema()` in JS and `gaizao schema` on the command line.
pub fn export() -> SchemaExport {
    SchemaExport {
        roots: vec![ESTATE.name, SCENARIO.name],
        tables: tables().iter().map(|s| export_table(s)).collect(),
    }
}

fn export_table(s: &'static Schema) -> TableExport {
    TableExport {
        name: s.name,
        label: s.label,
        fields: s.fields.iter().map(export_field).collect(),
        constraints: s.constraints.to_vec(),
    }
}

/// A field's published form (also used for a pack's local facts).
pub fn export_field(f: &'static Field) -> FieldExport {
    let mut out = FieldExport {
        key: f.key,
        kind: kind_name(&f.kind),
        label: f.label,
        help: f.help,
        unit: f.unit,
        unit_label: f.unit.map(Unit::label),
        audience: f.audience,
        required: f.required,
        min: None,
        max: None,
        max_decimals: None,
        max_chars: None,
        choices: None,
        refers_to: None,
        table: None,
        max_items: None,
        aliases: (!f.aliases.is_empty()).then_some(f.aliases),
    };
    match f.kind {
        Kind::Text { max_chars } => out.max_chars = Some(max_chars),
        Kind::Count { min, max } => {
            out.min = Some(min.to_string());
            out.max = Some(max.to_string());
        }
        Kind::Year { min, max } => {
            out.min = Some(min.to_string());
            out.max = Some(max.to_string());
        }
        Kind::Decimal { max } => {
            out.min = Some("0".into());
            out.max = Some(max.to_string());
            out.max_decimals = Some(crate::numbers::MAX_DECIMALS);
        }
        Kind::Share => {
            out.min = Some("0".into());
            out.max = Some("1".into());
            out.max_decimals = Some(crate::numbers::MAX_DECIMALS);
        }
        Kind::Choice(c) => out.choices = Some(c),
        Kind::Ref(r) => out.refers_to = Some(r),
        Kind::Record(s) => out.table = Some(s.name),
        Kind::List { of, max } => {
            out.table = Some(of.name);
            out.max_items = Some(max);
        }
        Kind::Bool | Kind::Group | Kind::Date => {}
    }
    out
}

/// The kind's name in [`FieldExport::kind`].
pub fn kind_name(k: &Kind) -> &'static str {
    match k {
        Kind::Text { .. } => "text",
        Kind::Count { .. } => "count",
        Kind::Year { .. } => "year",
        Kind::Date => "date",
        Kind::Decimal { .. } => "decimal",
        Kind::Share => "share",
        Kind::Bool => "bool",
        Kind::Choice(_) => "choice",
        Kind::Ref(_) => "ref",
        Kind::Group => "group",
        Kind::Record(_) => "record",
        Kind::List { .. } => "list",
    }
}

/// The plain name of the field at an input path (`owners.inFavour`, `items[2].quantity`,
/// `estate.households`), for messages: the deepest declared field the path names.
pub fn label_of_path(path: &str) -> Option<Label> {
    // Scenario paths start with a scenario key (`items`, `estate`, `waiver` …); others are facts.
    let first = first_segment(path);
    let mut schema: &'static Schema = if ESTATE.field(first).is_some() {
        &ESTATE
    } else {
        plan_options(first).unwrap_or(&SCENARIO)
    };
    let mut prefix = String::new();
    let mut found = None;
    for seg in path.split('.') {
        let name = seg.split('[').next().unwrap_or(seg);
        let key = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        };
        let (_, f) = schema.field(&key)?;
        found = Some(f.label);
        match f.kind {
            Kind::Record(s) | Kind::List { of: s, .. } => {
                schema = s;
                prefix.clear();
            }
            _ => prefix = key,
        }
    }
    found
}

/// The plan options' table, for a key only it has (`mix`, `farFactor`).
#[cfg(feature = "sheets")]
fn plan_options(first: &str) -> Option<&'static Schema> {
    (SCENARIO.field(first).is_none() && PLAN_OPTIONS.field(first).is_some())
        .then_some(&PLAN_OPTIONS)
}

#[cfg(not(feature = "sheets"))]
fn plan_options(_: &str) -> Option<&'static Schema> {
    None
}

fn first_segment(path: &str) -> &str {
    let seg = path.split('.').next().unwrap_or(path);
    seg.split('[').next().unwrap_or(seg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_every_group_member_has_its_group() {
        for s in tables() {
            for (i, f) in s.fields.iter().enumerate() {
                assert!(
                    s.fields[..i].iter().all(|g| g.key != f.key),
                    "{}: key {} twice",
                    s.name,
                    f.key
                );
                let parent = f.parent();
                if !parent.is_empty() {
                    let g = s.field(parent).map(|(_, g)| g.kind);
                    assert!(
                        matches!(g, Some(Kind::Group)),
                        "{}: {} has no group {parent}",
                        s.name,
                        f.key
                    );
                }
                assert!(
                    !f.label.zh.is_empty() && !f.label.en.is_empty(),
                    "{}: {} unlabelled",
                    s.name,
                    f.key
                );
            }
        }
    }

    #[test]
    fn constraints_name_declared_fields() {
        for s in tables() {
            for c in s.constraints {
                let keys: Vec<&str> = match *c {
                    Constraint::NotAbove { part, whole } => vec![part, whole],
                    Constraint::Ordered { from, to } => vec![from, to],
                    Constraint::EitherOr { single, pair } => vec![single, pair[0], pair[1]],
                    Constraint::Unique { list, .. } => vec![list],
                };
                for k in keys {
                    let local = k.split_once("estate.").map(|(_, r)| r);
                    let ok =
                        s.field(k).is_some() || local.is_some_and(|r| ESTATE.field(r).is_some());
                    assert!(ok, "{}: constraint names unknown field {k}", s.name);
                }
            }
        }
    }

    #[test]
    fn labels_of_paths() {
        let cases = [
            ("households", Some("户数")),
            ("owners.inFavour", Some("同意的业主人数")),
            ("estate.owners.total", Some("业主总人数")),
            ("items[2].quantity", Some("数量")),
            ("elevator.floors[0].area", Some("本层专有面积")),
            ("nonsense", None),
        ];
        for (path, want) in cases {
            assert_eq!(label_of_path(path).map(|l| l.zh), want, "case: {path}");
        }
    }
}
