//! The words a page shows for the codes of an assessed plan, declared once: the verdicts, cost
//! sources, bases and severities, each row field's column heading, the audit codes' short names,
//! the paying parties, and every target a column of the file can be read as (with the pack's own
//! facts). A planning page takes them from here (through the Worker) instead of copying them, so
//! the screen, the export and the command line say the same thing.

use serde::Serialize;

use super::assess::CostSource;
use super::audit::{AuditCode, Severity, ROW_CODES};
use super::header::{fact_unit, target_of_field, Target};
use super::problem::Code;
use super::query::SortKey;
use crate::eligibility::Verdict;
use crate::policy::model::{Basis, DocumentStatus};
use crate::policy::ResolvedPack;
use crate::schema::{Kind, Label, ESTATE, PARTIES};
use crate::text::Text;

/// A verdict's short word, as a table cell shows it (符合 / 不符合 / 待定).
pub fn verdict_label(v: Verdict) -> Label {
    match v {
        Verdict::Eligible => Label::new("符合", "eligible"),
        Verdict::Ineligible => Label::new("不符合", "not eligible"),
        Verdict::Undetermined => Label::new("待定", "undetermined"),
    }
}

/// Where a row's cost comes from, in a word (填报 / 基准估算 / 未计入).
pub fn source_label(s: CostSource) -> Label {
    match s {
        CostSource::Stated => Label::new("填报", "stated"),
        CostSource::Benchmark => Label::new("基准估算", "benchmark estimate"),
        CostSource::Missing => Label::new("未计入", "not costed"),
    }
}

/// An audit entry's severity, in a word (错误 / 警告 / 提示).
pub fn severity_label(s: Severity) -> Label {
    match s {
        Severity::Error => Label::new("错误", "error"),
        Severity::Warning => Label::new("警告", "warning"),
        Severity::Note => Label::new("提示", "note"),
    }
}

/// A pack's document status, in a few words (the CLI's `policies` table says the same).
pub fn status_label(s: DocumentStatus) -> Label {
    match s {
        DocumentStatus::InForce => Label::new("现行有效", "in force"),
        DocumentStatus::Issued => {
            Label::new("已印发（效力未载明）", "issued (validity not stated)")
        }
        DocumentStatus::DraftForComment => Label::new("征求意见稿", "draft for comment"),
        DocumentStatus::National => Label::new("国家层面", "national"),
    }
}

/// A fixed target's name (the plan's own columns; facts are named by their field).
pub fn target_label(t: &Target) -> Label {
    match t {
        Target::Serial => Label::new("序号", "No."),
        Target::Name => Label::new("小区名称", "Compound name"),
        Target::District => Label::new("县(区)", "District"),
        Target::Built => Label::new("建成时间", "Built"),
        Target::Location => Label::new("小区位置", "Location"),
        Target::Households => Label::new("户数", "Households"),
        Target::Buildings => Label::new("楼栋数", "Buildings"),
        Target::FloorArea => Label::new("建筑面积", "Floor area"),
        Target::Investment => Label::new("预计投资", "Investment"),
        Target::Year => Label::new("改造年度", "Renovation year"),
        Target::Content => Label::new("改造内容", "Works"),
        Target::Remarks => Label::new("备注", "Remarks"),
        Target::Fact(_) => Label::new("情况", "Fact"),
        Target::Ignored => Label::new("（不读取）", "(not read)"),
    }
}

/// The heading of each field of a row as a page's table or the export shows it, by the field's
/// key in the row JSON (`costWan` is the cost in 万元).
pub const COLUMNS: &[(&str, Label)] = &[
    ("compounds", Label::new("小区数", "Compounds")),
    ("line", Label::new("行号", "Line")),
    ("serial", Label::new("序号", "No.")),
    ("name", Label::new("小区名称", "Compound")),
    ("district", Label::new("县(区)", "District")),
    ("year", Label::new("改造年度", "Year")),
    ("built", Label::new("建成时间", "Built")),
    ("households", Label::new("户数", "Households")),
    ("cost", Label::new("投资（元）", "Investment (yuan)")),
    (
        "costWan",
        Label::new("投资（万元）", "Investment (10k yuan)"),
    ),
    ("source", Label::new("投资来源", "Cost source")),
    (
        "perHousehold",
        Label::new("户均投资（元）", "Per household (yuan)"),
    ),
    ("fundingRule", Label::new("资金规则", "Funding rule")),
    ("basis", Label::new("分担依据", "Basis of the split")),
    ("verdict", Label::new("资格结论", "Eligibility")),
    ("provide", Label::new("需补充的情况", "Still to provide")),
    ("audit", Label::new("审核提示", "Audit")),
];

/// Every code an audit entry of an assessed plan can carry (the reader's fatal codes refuse the
/// file instead).
pub fn audit_codes() -> impl Iterator<Item = AuditCode> {
    ROW_CODES.into_iter().chain([
        AuditCode::BuildDateColumnMissing,
        AuditCode::UnknownFactColumn,
        AuditCode::ConditionUnknown,
        AuditCode::Read(Code::SubtotalMismatch),
        AuditCode::Read(Code::CountMismatch),
        AuditCode::Read(Code::UnitAssumed),
        AuditCode::Read(Code::DuplicateColumn),
        AuditCode::Read(Code::MissingColumn),
    ])
}

/// A code and its words.
#[derive(Debug, Clone, Serialize)]
pub struct Word {
    /// The id as the plan JSON writes it (`eligible`, `stated`, `policy`, …).
    pub id: String,
    /// What a person reads.
    pub label: Text,
}

fn word(id: impl Into<String>, label: Label) -> Word {
    Word {
        id: id.into(),
        label: label.text(),
    }
}

/// One thing a column can be read as.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetWord {
    /// As a mapping writes it: `name`, `fact:structurallySafe`, `ignored`.
    pub key: String,
    /// The field's name, as the form and the export name it.
    pub label: Text,
    /// `plan` (the plan's own columns), `fact` (a fact of the compound), `packFact` (a fact the
    /// pack declares) or `ignored`.
    pub group: &'static str,
    /// `money` or `area` when the column is read in a unit (元/万元, ㎡/万㎡).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<&'static str>,
}

/// A unit a money or area column may be written in.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitWord {
    /// As a mapping writes it (`wanYuan`).
    pub id: &'static str,
    /// As a header writes it (万元).
    pub label: Text,
    /// `money` or `area`.
    pub kind: &'static str,
}

/// An audit code's short name and severity.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeWord {
    /// The audit code (`builtAfterCutoff`).
    pub id: &'static str,
    /// Its short name, for a filter or a column.
    pub label: Text,
    /// How much it matters.
    pub severity: Severity,
    /// The check rests on a figure or reading no document sets.
    pub assumed: bool,
}

/// Every word a planning page needs, in both languages.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    /// A row's verdict.
    pub verdicts: Vec<Word>,
    /// Where a row's cost comes from.
    pub sources: Vec<Word>,
    /// What a share rests on (policy, reading, assumption, edited).
    pub bases: Vec<Word>,
    /// An audit entry's severity.
    pub severities: Vec<Word>,
    /// The document statuses of packs (`inForce`, `issued`, `draftForComment`, `national`).
    pub statuses: Vec<Word>,
    /// Each row field's heading ([`COLUMNS`]).
    pub columns: Vec<Word>,
    /// The row fields the rows can be sorted by ([`SortKey`] ids).
    pub sort_keys: Vec<&'static str>,
    /// Every audit code's short name.
    pub audit_codes: Vec<CodeWord>,
    /// Every paying party's name.
    pub parties: Vec<Word>,
    /// What a column can be read as, in the order a select lists them.
    pub targets: Vec<TargetWord>,
    /// The units of money and area columns.
    pub units: Vec<UnitWord>,
    /// The export's sheets (`detail`, `summary`, `audit`) by their names in the workbook.
    pub sheets: Vec<Word>,
}

/// The words of every code, and the targets a column may be read as under `pack` (its own
/// facts included; without a pack, the compound's facts only).
pub fn vocabulary(pack: Option<&ResolvedPack>) -> Vocabulary {
    use super::header::Unit;
    use super::report::ReportSheet;
    let ids = |v: serde_json::Value| v.as_str().map(str::to_string).unwrap_or_default();
    let verdicts = [
        Verdict::Eligible,
        Verdict::Ineligible,
        Verdict::Undetermined,
    ]
    .into_iter()
    .map(|v| {
        word(
            ids(serde_json::to_value(v).unwrap_or_default()),
            verdict_label(v),
        )
    })
    .collect();
    let sources = [
        CostSource::Stated,
        CostSource::Benchmark,
        CostSource::Missing,
    ]
    .into_iter()
    .map(|s| {
        word(
            ids(serde_json::to_value(s).unwrap_or_default()),
            source_label(s),
        )
    })
    .collect();
    let bases = [
        Basis::Policy,
        Basis::Reading,
        Basis::Assumption,
        Basis::Edited,
    ]
    .into_iter()
    .map(|b| {
        let (zh, en) = b.word();
        word(b.id(), Label::new(zh, en))
    })
    .collect();
    let severities = [Severity::Error, Severity::Warning, Severity::Note]
        .into_iter()
        .map(|s| {
            word(
                ids(serde_json::to_value(s).unwrap_or_default()),
                severity_label(s),
            )
        })
        .collect();
    let statuses = [
        DocumentStatus::InForce,
        DocumentStatus::Issued,
        DocumentStatus::DraftForComment,
        DocumentStatus::National,
    ]
    .into_iter()
    .map(|s| {
        word(
            ids(serde_json::to_value(s).unwrap_or_default()),
            status_label(s),
        )
    })
    .collect();
    let columns = COLUMNS.iter().map(|(id, l)| word(*id, *l)).collect();
    let audit_codes = audit_codes()
        .map(|c| {
            let (zh, en) = crate::texts::plan::code_label(c);
            CodeWord {
                id: c.as_str(),
                label: Text::new(zh, en),
                severity: c.severity(),
                assumed: c.assumed(),
            }
        })
        .collect();
    let parties = PARTIES.iter().map(|c| word(c.id, c.label)).collect();

    let mut targets: Vec<TargetWord> = super::header::FIXED
        .iter()
        .map(|t| TargetWord {
            key: t.key().into_owned(),
            label: target_label(t).text(),
            group: "plan",
            units: match t {
                Target::Investment => Some("money"),
                Target::FloorArea => Some("area"),
                _ => None,
            },
        })
        .collect();
    for f in ESTATE.fields {
        if matches!(f.kind, Kind::Group | Kind::Record(_) | Kind::List { .. }) {
            continue;
        }
        if let Some(Target::Fact(key)) = target_of_field(f) {
            let units = fact_unit(&key).map(|money| if money { "money" } else { "area" });
            targets.push(TargetWord {
                key: format!("fact:{key}"),
                label: f.label.text(),
                group: "fact",
                units,
            });
        }
    }
    if let Some(pack) = pack {
        use crate::policy::model::LocalFactKind;
        use crate::record::{LocalFacts, LocalKind};
        for f in &pack.facts {
            let s = &f.spec;
            if s.kind != LocalFactKind::Tally {
                targets.push(TargetWord {
                    key: format!("fact:{}", s.key),
                    label: s.label.clone(),
                    group: "packFact",
                    units: None,
                });
            } else if let Some(LocalKind::Tally(schema)) = pack.local_kind(&s.key) {
                for part in schema.fields.iter().filter(|p| {
                    !matches!(p.kind, Kind::Group | Kind::Record(_) | Kind::List { .. })
                }) {
                    targets.push(TargetWord {
                        key: format!("fact:{}.{}", s.key, part.key),
                        label: Text::new(
                            format!("{}：{}", s.label.zh, part.label.zh),
                            format!("{}: {}", s.label.en, part.label.en),
                        ),
                        group: "packFact",
                        units: None,
                    });
                }
            }
        }
    }
    targets.push(TargetWord {
        key: Target::Ignored.key().into_owned(),
        label: target_label(&Target::Ignored).text(),
        group: "ignored",
        units: None,
    });
    let unit = |u: Unit, id: &'static str, en: &'static str| UnitWord {
        id,
        label: Text::new(u.label(), en),
        kind: if u.is_money() { "money" } else { "area" },
    };
    let units = vec![
        unit(Unit::Yuan, "yuan", "yuan"),
        unit(Unit::WanYuan, "wanYuan", "10k yuan"),
        unit(Unit::SquareMetre, "squareMetre", "m²"),
        unit(Unit::WanSquareMetre, "wanSquareMetre", "10k m²"),
    ];
    let sheets = [
        (ReportSheet::Detail, "detail", "Compounds"),
        (ReportSheet::Summary, "summary", "Totals"),
        (ReportSheet::Audit, "audit", "Audit"),
    ]
    .into_iter()
    .map(|(s, id, en)| Word {
        id: id.into(),
        label: Text::new(s.name(), en),
    })
    .collect();
    Vocabulary {
        verdicts,
        sources,
        bases,
        severities,
        statuses,
        columns,
        sort_keys: SortKey::ALL.iter().map(|k| k.id()).collect(),
        audit_codes,
        parties,
        targets,
        units,
        sheets,
    }
}

#[cfg(all(test, feature = "embedded-packs"))]
#[allow(clippy::unwrap_used, clippy::expect_used)] // a test that panics fails, as it should
mod tests {
    use super::*;

    #[test]
    fn every_target_key_reads_back() {
        let registry = crate::Registry::builtin().unwrap();
        let pack = registry.get("sichuan-panzhihua-2018").unwrap();
        let v = vocabulary(Some(pack));
        for t in &v.targets {
            assert!(Target::from_key(&t.key).is_some(), "{}", t.key);
        }
        assert!(v.targets.iter().any(|t| t.key == "fact:cityGasCompanyArea"));
        for k in &v.sort_keys {
            assert!(SortKey::from_id(k).is_some(), "{k}");
        }
        assert_eq!(v.verdicts.len(), 3);
        assert!(v.verdicts.iter().all(|w| !w.id.is_empty()));
        assert_eq!(v.sheets.len(), 3);
        for s in &v.sheets {
            assert!(super::super::report::ReportSheet::from_id(&s.id).is_some());
        }
    }
}
