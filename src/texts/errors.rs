//! What each [`Error`] says, naming fields in plain words from the schema (“户数” / “Households”),
//! never by their JSON path: the path travels separately in `field` for the program that shows
//! the message beside the right input.

use std::fmt;

use crate::output::ToJson;
use serde::Serialize;

use super::{clip, lower_first};
use crate::error::Error;
use crate::schema::{self, Kind, Label, Schema, ESTATE, SCENARIO};
use crate::text::Text;

/// The serialisable form of an error: the CLI's JSON errors and the `problems` of a JS error.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct ErrorReport {
    /// The error's stable camelCase code ([`Error::code`]).
    pub code: &'static str,
    /// The field path the error is about, as the input writes it ([`Error::field`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The sentence for a person, zh/en (made by [`crate::texts`]).
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let m = self.message();
        write!(f, "{} / {}", m.zh, m.en)
    }
}

/// A field as a sentence names it.
struct Name {
    zh: String,
    en: String,
    /// The list entry the field is in, (“第3个改造项目”, “Renovation item 3”), if any.
    entry: Option<(String, String)>,
    /// The field's own label, quoted, when it has one.
    leaf: Option<(String, String)>,
}

/// Names the field at `path`: its label, and for a field inside a list, which entry
/// (`items[2].quantity` → 第3个改造项目的“数量” / “Quantity” of renovation item 3).
fn name(path: &str) -> Name {
    let leaf = schema::label_of_path(path);
    // The innermost list entry the path goes through, if any.
    let entry = path.rfind('[').and_then(|open| {
        let close = path[open..].find(']')? + open;
        let n: usize = path[open + 1..close].parse().ok()?;
        let list_path = &path[..open];
        let table = list_table(list_path)?;
        let inside = path.get(close + 1..).unwrap_or("");
        Some((n + 1, table.label, inside.is_empty()))
    });
    let entry_words =
        entry.map(|(n, table, _)| (format!("第{n}个{}", table.zh), format!("{} {n}", table.en)));
    let leaf_words = leaf.map(|l| (format!("“{}”", l.zh), format!("“{}”", l.en)));
    match (&leaf_words, entry) {
        (Some(l), Some((n, table, false))) => Name {
            zh: format!("第{n}个{}的{}", table.zh, l.0),
            en: format!("{} of {} {n}", l.1, lower_first(table.en)),
            entry: entry_words,
            leaf: leaf_words.clone(),
        },
        (_, Some((n, table, true))) => Name {
            zh: format!("第{n}个{}", table.zh),
            en: format!("{} {n}", table.en),
            entry: None,
            leaf: None,
        },
        (Some(l), None) => Name {
            zh: l.0.clone(),
            en: l.1.clone(),
            entry: None,
            leaf: leaf_words.clone(),
        },
        (None, _) => Name {
            zh: format!("“{}”", clip(path)),
            en: format!("“{}”", clip(path)),
            entry: None,
            leaf: None,
        },
    }
}

/// Two fields of one sentence: when both sit in the same list entry, the entry is said once
/// in front (“第1个改造项目：”) and the fields by their own labels.
fn pair(a: &str, b: &str) -> (String, String, Name, Name) {
    let (na, nb) = (name(a), name(b));
    match (&na.entry, &nb.entry, &na.leaf, &nb.leaf) {
        (Some(ea), Some(eb), Some(la), Some(lb)) if ea == eb => (
            format!("{}：", ea.0),
            format!("{}: ", ea.1),
            Name {
                zh: la.0.clone(),
                en: la.1.clone(),
                entry: None,
                leaf: None,
            },
            Name {
                zh: lb.0.clone(),
                en: lb.1.clone(),
                entry: None,
                leaf: None,
            },
        ),
        _ => (String::new(), String::new(), na, nb),
    }
}

/// The table of the list at `path` (`items` → the renovation-item table).
fn list_table(path: &str) -> Option<&'static Schema> {
    let mut schema: &'static Schema = if ESTATE.field(path.split(['.', '[']).next()?).is_some() {
        &ESTATE
    } else {
        &SCENARIO
    };
    let mut prefix = String::new();
    let mut last = None;
    for seg in path.split('.') {
        let name = seg.split('[').next().unwrap_or(seg);
        let key = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        };
        let (_, f) = schema.field(&key)?;
        match f.kind {
            Kind::List { of, .. } | Kind::Record(of) => {
                last = Some(of);
                schema = of;
                prefix.clear();
            }
            _ => prefix = key,
        }
    }
    last
}

/// The bounds of the field at `path`, as text, for "outside the accepted range" messages.
fn bounds(path: &str) -> Option<(String, String)> {
    let key = path.rsplit('.').next()?;
    let key = key.split('[').next().unwrap_or(key);
    let label = schema::label_of_path(path)?;
    // Find the field again by its label and leaf name to read its kind.
    for table in schema::tables() {
        for f in table.fields {
            if f.name() == key && f.label == label {
                return match f.kind {
                    Kind::Count { min, max } => Some((min.to_string(), max.to_string())),
                    Kind::Year { min, max } => Some((min.to_string(), max.to_string())),
                    Kind::Decimal { max } => Some(("0".into(), max.to_string())),
                    Kind::Share => Some(("0".into(), "1".into())),
                    _ => None,
                };
            }
        }
    }
    None
}

fn t(zh: String, en: String) -> Text {
    Text::new(zh, en)
}

impl Error {
    /// The message in both languages.
    pub fn message(&self) -> Text {
        match self {
            Error::MalformedJson {
                line,
                column,
                detail,
            } => t(
                format!("输入不是有效的 JSON（第 {line} 行第 {column} 列）：{detail}"),
                format!("The input is not valid JSON (line {line}, column {column}): {detail}"),
            ),
            Error::InputTooLarge { bytes: 0, max, .. } => t(
                format!("输入太大（最多 {max} 字节）"),
                format!("The input is too large (at most {max} bytes)"),
            ),
            Error::InputTooLarge { bytes, max, .. } => t(
                format!("输入太大（{bytes} 字节，最多 {max} 字节）"),
                format!("The input is too large ({bytes} bytes; at most {max})"),
            ),
            Error::DuplicateKey { field } => {
                let n = name(field);
                t(
                    format!("{}填了两次，无法确定以哪个为准", n.zh),
                    format!("{} is given twice, so which one is meant cannot be told", n.en),
                )
            }
            Error::WrongType { field, detail } => {
                let n = name(field);
                t(
                    format!("{}的值类型不对：{detail}", n.zh),
                    format!("{} has the wrong type: {detail}", n.en),
                )
            }
            Error::UnknownField { field } => {
                let p = clip(field);
                t(
                    format!("不认识的字段“{p}”，请检查拼写"),
                    format!("Unknown field “{p}”; check the spelling"),
                )
            }
            Error::MissingField { field } => {
                let n = name(field);
                t(format!("请填写{}", n.zh), format!("Please give {}", n.en))
            }
            Error::Negative { field } => {
                let n = name(field);
                t(
                    format!("{}不能为负数", n.zh),
                    format!("{} must not be negative", n.en),
                )
            }
            Error::NotWhole { field } => {
                let n = name(field);
                t(
                    format!("{}必须是整数", n.zh),
                    format!("{} must be a whole number", n.en),
                )
            }
            Error::NotANumber { field } => {
                let n = name(field);
                t(
                    format!("{}不是有效的数字", n.zh),
                    format!("{} is not a valid number", n.en),
                )
            }
            Error::OutOfRange { field } => {
                let n = name(field);
                match bounds(field) {
                    Some((lo, hi)) => t(
                        format!("{}应在 {lo} 到 {hi} 之间", n.zh),
                        format!("{} must be between {lo} and {hi}", n.en),
                    ),
                    None => t(
                        format!("{}超出可接受的范围", n.zh),
                        format!("{} is outside the accepted range", n.en),
                    ),
                }
            }
            Error::TooPrecise { field, max } => {
                let n = name(field);
                t(
                    format!("{}最多保留 {max} 位小数", n.zh),
                    format!("{} may have at most {max} decimal places", n.en),
                )
            }
            Error::TooLong { field, max } => {
                let n = name(field);
                t(
                    format!("{}太长（最多 {max} 个字）", n.zh),
                    format!("{} is too long (at most {max} characters)", n.en),
                )
            }
            Error::TooMany { field, max } => {
                let n = name(field);
                t(
                    format!("{}最多 {max} 项", n.zh),
                    format!("{} may have at most {max} entries", n.en),
                )
            }
            Error::ExceedsTotal { field, limit } => {
                let (pz, pe, n, l) = pair(field, limit);
                t(
                    format!("{pz}{}不能大于{}", n.zh, l.zh),
                    format!("{pe}{} must not exceed {}", n.en, l.en),
                )
            }
            Error::InvertedRange { field } => {
                let n = name(field);
                t(
                    format!("{}的起始年份晚于结束年份", n.zh),
                    format!("{}: the first year is after the last", n.en),
                )
            }
            Error::TooDeep { .. } => t(
                "输入的嵌套层数过多".into(),
                "The input is nested too deeply".into(),
            ),
            Error::UnknownPolicy {
                policy,
                known,
                nearest,
            } => {
                let p = clip(policy);
                let list = known.join("、");
                let list_en = known.join(", ");
                let (hint_zh, hint_en) = match nearest {
                    Some(n) => (
                        format!("。您要找的是不是“{n}”？"),
                        format!(". Did you mean “{n}”?"),
                    ),
                    None => (String::new(), String::new()),
                };
                t(
                    format!("没有编号为“{p}”的政策包；可用的有：{list}{hint_zh}"),
                    format!("There is no policy pack “{p}”; available: {list_en}{hint_en}"),
                )
            }
            Error::PolicyNotLoaded { policy } => {
                let p = clip(policy);
                t(
                    format!("政策包“{p}”尚未加载，请先加载"),
                    format!("Policy pack “{p}” is not loaded yet; load it first"),
                )
            }
            Error::PolicyExists {
                policy,
                loaded_hash,
                new_hash,
            } => {
                let p = clip(policy);
                let (a, b) = (short_hash(loaded_hash), short_hash(new_hash));
                t(
                    format!("已加载编号为“{p}”、内容不同的政策包（{a}，新文件 {b}）；如确需替换，请明确要求替换"),
                    format!("A different pack with the id “{p}” is already loaded ({a}; the new file is {b}); ask explicitly to replace it"),
                )
            }
            Error::UnknownItem { item, .. } => {
                let i = clip(item);
                t(
                    format!("改造清单中没有项目“{i}”"),
                    format!("The renovation menu has no item “{i}”"),
                )
            }
            Error::UnknownRule { rule, .. } => {
                let r = clip(rule);
                t(
                    format!("没有资金规则“{r}”"),
                    format!("There is no funding rule “{r}”"),
                )
            }
            Error::UnknownBenchmark { benchmark, .. } => {
                let b = clip(benchmark);
                t(
                    format!("没有测算基准“{b}”"),
                    format!("There is no cost benchmark “{b}”"),
                )
            }
            Error::InvalidPolicy {
                file,
                field,
                problem,
            } => t(
                format!("政策包文件 {} 的字段 {field}：{}", clip(file), problem.zh),
                format!("Policy pack file {}, field {field}: {}", clip(file), problem.en),
            ),
            Error::Conflicting { field, other } => {
                let (pz, pe, n, o) = pair(field, other);
                let give = if pe.is_empty() { "Give" } else { "give" };
                t(
                    format!("{pz}{}与{}只能填一个", n.zh, o.zh),
                    format!("{pe}{give} either {} or {}, not both", n.en, o.en),
                )
            }
            Error::Overflow { field } => {
                let n = name(field);
                t(
                    format!("{}数值过大，无法精确计算", n.zh),
                    format!("{} is too large to compute exactly", n.en),
                )
            }
            Error::InvalidInputFile { file, detail } => t(
                format!("无法读取文件 {}：{detail}", clip(file)),
                format!("Cannot read file {}: {detail}", clip(file)),
            ),
            #[cfg(feature = "sheets")]
            Error::PlanFile { file, problem } => {
                let m = problem.message();
                let file = clip(file);
                if file.is_empty() {
                    m
                } else {
                    t(format!("{file}：{}", m.zh), format!("{file}: {}", m.en))
                }
            }
            #[cfg(feature = "sheets")]
            Error::ExportFailed { detail } => t(
                format!("无法生成导出文件：{detail}"),
                format!("The export could not be written: {detail}"),
            ),
            Error::Internal { detail } => t(
                format!("计算器内部错误（{detail}），这不是输入的问题，请报告"),
                format!("Internal error in the calculator ({detail}); this is not a problem with the input — please report it"),
            ),
        }
    }
}

fn short_hash(h: &str) -> String {
    format!("sha256 {}…", h.chars().take(12).collect::<String>())
}

/// A field's plain name alone (for "please provide" lists).
pub fn field_label(path: &str) -> Text {
    let n = name(path);
    Text::new(n.zh, n.en)
}

/// The label of a field, when the schema has one.
pub fn label(path: &str) -> Option<Label> {
    schema::label_of_path(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_fields_in_words() {
        let cases = [
            (
                Error::ExceedsTotal {
                    field: "owners.inFavour".into(),
                    limit: "owners.voted".into(),
                },
                "“同意的业主人数”不能大于“参与表决的业主人数”",
                "“Owners in favour” must not exceed “Owners who took part in the vote”",
            ),
            (
                Error::Negative {
                    field: "items[2].quantity".into(),
                },
                "第3个改造项目的“数量”不能为负数",
                "“Quantity” of renovation item 3 must not be negative",
            ),
            (
                Error::OutOfRange {
                    field: "builtYear".into(),
                },
                "“建成年份”应在 1800 到 2100 之间",
                "“Year built” must be between 1800 and 2100",
            ),
            (
                Error::MissingField {
                    field: "items[0].item".into(),
                },
                "请填写第1个改造项目的“项目”",
                "Please give “Item” of renovation item 1",
            ),
        ];
        for (e, zh, en) in cases {
            let m = e.message();
            assert_eq!(
                (m.zh.as_str(), m.en.as_str()),
                (zh, en),
                "case: {}",
                e.code()
            );
            assert!(!m.zh.contains("owners."), "no paths in words");
        }
    }
}
