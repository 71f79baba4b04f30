//! The one error type of gaizao.
//!
//! Flat on purpose (like `rust_decimal::Error`): every variant carries the context a person needs
//! to fix the input — the field path as they wrote it, the policy, the rule — and renders in
//! Chinese and English. The CLI prints these, the wasm layer turns them into JS `Error`s with the
//! same `code` and `field`, so an embedding page and the command line agree on what went wrong.

use std::fmt;

use serde::Serialize;

use crate::text::Text;

/// Everything that can be wrong with an input or a policy pack.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The text is not JSON at all.
    MalformedJson {
        line: usize,
        column: usize,
        detail: String,
    },
    /// A value has the wrong JSON type or an unknown enumeration value.
    WrongType { field: String, detail: String },
    /// A field name that the format does not have (often a typo).
    UnknownField { field: String },
    /// A field that must be given is absent.
    MissingField { field: String },
    /// A count, amount or area below zero.
    Negative { field: String },
    /// A count with a fractional part.
    NotWhole { field: String },
    /// NaN, Infinity or text that is not a number.
    NotANumber { field: String },
    /// A number outside the range gaizao accepts (see `numbers::MAX_*`).
    OutOfRange { field: String },
    /// A text longer than `numbers::MAX_TEXT_CHARS` characters.
    TooLong { field: String },
    /// A part larger than its whole, e.g. owners in favour above all owners.
    ExceedsTotal { field: String, limit: String },
    /// A range whose start is after its end.
    InvertedRange { field: String },
    /// Input nested deeper than any gaizao format.
    TooDeep { field: String },
    /// No built-in or loaded pack has this id.
    UnknownPolicy { policy: String },
    /// The pack's menu has no item with this id.
    UnknownItem {
        policy: String,
        item: String,
        field: String,
    },
    /// The pack has no funding rule with this id.
    UnknownRule {
        policy: String,
        rule: String,
        field: String,
    },
    /// No benchmark with this id in the pack.
    UnknownBenchmark {
        policy: String,
        benchmark: String,
        field: String,
    },
    /// A pack (file) breaks the format or an invariant.
    InvalidPolicy {
        file: String,
        field: String,
        problem: Text,
    },
    /// Two ways of giving the same value at once (e.g. `amount` and `unitPrice`).
    Conflicting { field: String, other: String },
    /// A computation would exceed exact arithmetic; the inputs are implausibly large.
    Overflow { field: String },
    /// An input file that cannot be read (CLI only).
    InvalidInputFile { file: String, detail: String },
    /// A plan (spreadsheet or CSV, `crate::plan`, feature `sheets`) refused as a whole: too large, not a table, no
    /// header row, or a mapping that does not fit. The code is the problem's own
    /// (`tooManyRows`, `noHeader`, …).
    #[cfg(feature = "sheets")]
    PlanFile {
        file: String,
        problem: Box<crate::plan::problem::CellProblem>,
    },
    /// An export (xlsx or CSV, feature `sheets`) could not be written.
    #[cfg(feature = "sheets")]
    ExportFailed { detail: String },
}

impl Error {
    /// Stable machine-readable code (camelCase), the same in the CLI's JSON errors and in JS.
    pub fn code(&self) -> &'static str {
        match self {
            Error::MalformedJson { .. } => "malformedJson",
            Error::WrongType { .. } => "wrongType",
            Error::UnknownField { .. } => "unknownField",
            Error::MissingField { .. } => "missingField",
            Error::Negative { .. } => "negative",
            Error::NotWhole { .. } => "notWhole",
            Error::NotANumber { .. } => "notANumber",
            Error::OutOfRange { .. } => "outOfRange",
            Error::TooLong { .. } => "tooLong",
            Error::ExceedsTotal { .. } => "exceedsTotal",
            Error::InvertedRange { .. } => "invertedRange",
            Error::TooDeep { .. } => "tooDeep",
            Error::UnknownPolicy { .. } => "unknownPolicy",
            Error::UnknownItem { .. } => "unknownItem",
            Error::UnknownRule { .. } => "unknownRule",
            Error::UnknownBenchmark { .. } => "unknownBenchmark",
            Error::InvalidPolicy { .. } => "invalidPolicy",
            Error::Conflicting { .. } => "conflicting",
            Error::Overflow { .. } => "overflow",
            Error::InvalidInputFile { .. } => "invalidInputFile",
            #[cfg(feature = "sheets")]
            Error::PlanFile { problem, .. } => problem.code.as_str(),
            #[cfg(feature = "sheets")]
            Error::ExportFailed { .. } => "exportFailed",
        }
    }

    /// The input field the error is about, as a path (`owners.inFavour`, `items[2].quantity`).
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::MalformedJson { .. }
            | Error::UnknownPolicy { .. }
            | Error::InvalidInputFile { .. } => None,
            #[cfg(feature = "sheets")]
            Error::PlanFile { .. } | Error::ExportFailed { .. } => None,
            Error::WrongType { field, .. }
            | Error::UnknownField { field }
            | Error::MissingField { field }
            | Error::Negative { field }
            | Error::NotWhole { field }
            | Error::NotANumber { field }
            | Error::OutOfRange { field }
            | Error::TooLong { field }
            | Error::ExceedsTotal { field, .. }
            | Error::InvertedRange { field }
            | Error::TooDeep { field }
            | Error::UnknownItem { field, .. }
            | Error::UnknownRule { field, .. }
            | Error::UnknownBenchmark { field, .. }
            | Error::InvalidPolicy { field, .. }
            | Error::Conflicting { field, .. }
            | Error::Overflow { field } => Some(field),
        }
    }

    /// The message in both languages.
    pub fn message(&self) -> Text {
        let f = |field: &str| FieldName::of(field);
        match self {
            Error::MalformedJson {
                line,
                column,
                detail,
            } => Text::new(
                format!("输入不是有效的 JSON（第 {line} 行第 {column} 列）：{detail}"),
                format!("the input is not valid JSON (line {line}, column {column}): {detail}"),
            ),
            Error::WrongType { field, detail } => {
                let n = f(field);
                Text::new(
                    format!("{}的值类型不对：{detail}", n.zh),
                    format!("{} has the wrong type: {detail}", n.en),
                )
            }
            Error::UnknownField { field } => {
                let p = clip(field);
                Text::new(
                    format!("不认识的字段“{p}”，请检查拼写"),
                    format!("unknown field \"{p}\"; check the spelling"),
                )
            }
            Error::MissingField { field } => {
                let n = f(field);
                Text::new(format!("缺少{}", n.zh), format!("{} is missing", n.en))
            }
            Error::Negative { field } => {
                let n = f(field);
                Text::new(
                    format!("{}不能为负数", n.zh),
                    format!("{} must not be negative", n.en),
                )
            }
            Error::NotWhole { field } => {
                let n = f(field);
                Text::new(
                    format!("{}必须是整数", n.zh),
                    format!("{} must be a whole number", n.en),
                )
            }
            Error::NotANumber { field } => {
                let n = f(field);
                Text::new(
                    format!("{}不是有效的数字", n.zh),
                    format!("{} is not a valid number", n.en),
                )
            }
            Error::OutOfRange { field } => {
                let n = f(field);
                Text::new(
                    format!("{}超出可接受的范围", n.zh),
                    format!("{} is outside the accepted range", n.en),
                )
            }
            Error::TooLong { field } => {
                let n = f(field);
                let max = crate::numbers::MAX_TEXT_CHARS;
                Text::new(
                    format!("{}太长（最多 {max} 个字）", n.zh),
                    format!("{} is too long (at most {max} characters)", n.en),
                )
            }
            Error::ExceedsTotal { field, limit } => {
                let (n, l) = (f(field), f(limit));
                Text::new(
                    format!("{}不能大于{}", n.zh, l.zh),
                    format!("{} must not exceed {}", n.en, l.en),
                )
            }
            Error::InvertedRange { field } => {
                let n = f(field);
                Text::new(
                    format!("{}的起始年份晚于结束年份", n.zh),
                    format!("{} starts after it ends", n.en),
                )
            }
            Error::TooDeep { field } => {
                let n = f(field);
                Text::new(
                    format!("{}嵌套层数过多", n.zh),
                    format!("{} is nested too deeply", n.en),
                )
            }
            Error::UnknownPolicy { policy } => {
                let p = clip(policy);
                Text::new(
                    format!("没有编号为“{p}”的政策包"),
                    format!("there is no policy pack with id \"{p}\""),
                )
            }
            Error::UnknownItem {
                policy,
                item,
                field,
            } => {
                let (n, i) = (f(field), clip(item));
                Text::new(
                    format!("{}：政策包“{policy}”的改造菜单中没有项目“{i}”", n.zh),
                    format!(
                        "{}: the menu of policy pack \"{policy}\" has no item \"{i}\"",
                        n.en
                    ),
                )
            }
            Error::UnknownRule {
                policy,
                rule,
                field,
            } => {
                let (n, r) = (f(field), clip(rule));
                Text::new(
                    format!("{}：政策包“{policy}”没有资金规则“{r}”", n.zh),
                    format!(
                        "{}: policy pack \"{policy}\" has no funding rule \"{r}\"",
                        n.en
                    ),
                )
            }
            Error::UnknownBenchmark {
                policy,
                benchmark,
                field,
            } => {
                let (n, b) = (f(field), clip(benchmark));
                Text::new(
                    format!("{}：政策包“{policy}”没有测算基准“{b}”", n.zh),
                    format!(
                        "{}: policy pack \"{policy}\" has no benchmark \"{b}\"",
                        n.en
                    ),
                )
            }
            Error::InvalidPolicy {
                file,
                field,
                problem,
            } => Text::new(
                format!("政策包文件 {file} 的字段 {field}：{}", problem.zh),
                format!("policy pack file {file}, field {field}: {}", problem.en),
            ),
            Error::Conflicting { field, other } => {
                let (n, o) = (f(field), f(other));
                Text::new(
                    format!("{}与{}只能填一个", n.zh, o.zh),
                    format!("give either {} or {}, not both", n.en, o.en),
                )
            }
            Error::Overflow { field } => {
                let n = f(field);
                Text::new(
                    format!("{}数值过大，无法精确计算", n.zh),
                    format!("{} is too large to compute exactly", n.en),
                )
            }
            Error::InvalidInputFile { file, detail } => Text::new(
                format!("无法读取文件 {file}：{detail}"),
                format!("cannot read file {file}: {detail}"),
            ),
            #[cfg(feature = "sheets")]
            Error::PlanFile { file, problem } => {
                let m = problem.message();
                let file = clip(file);
                if file.is_empty() {
                    m
                } else {
                    Text::new(format!("{file}：{}", m.zh), format!("{file}: {}", m.en))
                }
            }
            #[cfg(feature = "sheets")]
            Error::ExportFailed { detail } => Text::new(
                format!("无法生成导出文件：{detail}"),
                format!("the export could not be written: {detail}"),
            ),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let m = self.message();
        write!(f, "{} / {}", m.zh, m.en)
    }
}

impl std::error::Error for Error {}

/// The serialisable form of an error, used by the CLI's `--format json` error output and by JS.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorReport {
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: Text,
}

impl From<&Error> for ErrorReport {
    fn from(e: &Error) -> Self {
        ErrorReport {
            code: e.code(),
            field: e.field().map(str::to_string),
            message: e.message(),
        }
    }
}

/// Keeps echoed user text short: a 1 MB id must not become a 1 MB message.
fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// A field path with its plain-language name, e.g. “户数”（households） / number of households
/// (households): for messages that ask a person to provide or correct a field.
pub fn field_name(path: &str) -> Text {
    let n = FieldName::of(path);
    Text::new(n.zh, n.en)
}

/// A field path with its plain-language name in both languages.
struct FieldName {
    zh: String,
    en: String,
}

impl FieldName {
    fn of(path: &str) -> FieldName {
        let segments: Vec<&str> = path
            .split('.')
            .map(|seg| seg.split('[').next().unwrap_or(seg))
            .collect();
        // The counts of a vote read better as one phrase than as parent and leaf.
        let tally = match segments.as_slice() {
            [.., parent, leaf] => tally_name(parent, leaf),
            _ => None,
        };
        let name = tally.or_else(|| segments.iter().rev().find_map(|s| label(s)));
        match name {
            Some((zh, en)) => FieldName {
                zh: format!("“{zh}”（{path}）"),
                en: format!("{en} ({path})"),
            },
            None => FieldName {
                zh: format!("字段 {path} "),
                en: format!("field {path}"),
            },
        }
    }
}

fn tally_name(parent: &str, leaf: &str) -> Option<(&'static str, &'static str)> {
    Some(match (parent, leaf) {
        ("owners", "total") => ("业主总人数", "number of owners"),
        ("owners", "voted") => ("参与表决的业主人数", "owners taking part"),
        ("owners", "inFavour") => ("同意的业主人数", "owners in favour"),
        ("ownerArea", "total") => ("专有部分总面积", "total exclusive area"),
        ("ownerArea", "voted") => ("参与表决的专有面积", "exclusive area taking part"),
        ("ownerArea", "inFavour") => ("同意的专有面积", "exclusive area in favour"),
        _ => return None,
    })
}

/// Plain names of the input fields, for messages.
fn label(segment: &str) -> Option<(&'static str, &'static str)> {
    Some(match segment {
        "name" => ("小区名称", "compound name"),
        "district" => ("所在区县", "district"),
        "builtYear" => ("建成年份", "year built"),
        "builtYears" => ("建成年份区间", "years built"),
        "from" => ("起始年份", "first year"),
        "to" => ("结束年份", "last year"),
        "locationType" => ("所在地类型", "location type"),
        "housingType" => ("房屋类型", "housing type"),
        "households" => ("户数", "number of households"),
        "buildings" => ("楼栋数", "number of buildings"),
        "floorArea" => ("建筑面积", "floor area"),
        "structurallySafe" => ("房屋结构安全", "structurally safe"),
        "demolitionPlanned" => ("已列入拆除/征收计划", "demolition planned"),
        "urbanVillage" => ("城中村", "urban village"),
        "threeSuppliesTransferred" => ("已完成“三供一业”", "three supplies transferred"),
        "facilitiesDeficient" => ("设施老旧或缺失", "facilities deficient"),
        "owners" => ("业主人数", "owners"),
        "ownerArea" => ("业主专有面积", "owners' exclusive area"),
        "total" => ("总数", "total"),
        "voted" => ("参与表决", "taking part"),
        "inFavour" => ("同意", "in favour"),
        "selfGovernance" => ("已成立自治组织", "self-governance set up"),
        "longTermManagement" => ("已建立长效管理机制", "long-term management set up"),
        "maintenanceFund" => ("住宅专项维修资金", "maintenance fund"),
        "initial" => ("首期筹集金额", "first collection"),
        "balance" => ("余额", "balance"),
        "estate" => ("小区", "compound"),
        "items" => ("改造项目", "renovation items"),
        "item" => ("项目编号", "item id"),
        "quantity" => ("数量", "quantity"),
        "unitPrice" => ("单价", "unit price"),
        "amount" => ("金额", "amount"),
        "segment" => ("表前/表后", "meter segment"),
        "benchmark" => ("测算基准", "benchmark"),
        "fundingOverrides" => ("分担比例调整", "funding overrides"),
        "rule" => ("资金规则", "funding rule"),
        "shares" => ("分担比例", "shares"),
        "party" => ("出资方", "party"),
        "weight" => ("比例", "weight"),
        "elevator" => ("电梯费用分摊", "elevator split"),
        "method" => ("分摊方法", "method"),
        "floors" => ("楼层", "floors"),
        "floor" => ("楼层", "floor"),
        "exemptFloors" => ("免摊楼层数", "exempt floors"),
        "coefficient" => ("系数", "coefficient"),
        "area" => ("面积", "area"),
        "waiver" => ("困难群众减免", "hardship waiver"),
        "share" => ("减免比例", "waived share"),
        "payer" => ("承担方", "payer"),
        "household" => ("本户", "my household"),
        "cityGasCompanyArea" => ("市煤气总公司供气区域", "city gas company area"),
        _ => return None,
    })
}
