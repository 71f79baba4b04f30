//! The export of an assessed plan, as an official opens it in Excel or WPS: sheet 明细 (one
//! row per compound), 汇总 (totals overall, by district, by year, by district × year, and by
//! party) and 审核 (the audit), headers in Chinese, numbers stored as numbers. The same sheets
//! go to `.xlsx` (all three) or `.csv` (one of them, UTF-8 with BOM).

use rust_decimal::Decimal;

use super::assess::Assessment;
use super::export::{write_csv, write_xlsx, Column, ExportCell, Sheet, XlsxOptions};
use super::header::column_letter;
use super::totals::Sums;
use super::Plan;
use crate::eligibility::Verdict;
use crate::error::Error;
use crate::money::Fen;
use crate::party::Party;
use crate::policy::model::Basis;
use crate::policy::ResolvedPack;
use crate::schema::ESTATE;
use crate::texts::plan::{code_label, entry_text, AuditContext};

/// One sheet of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportSheet {
    /// 明细: the compounds.
    Detail,
    /// 汇总: the totals.
    Summary,
    /// 审核: the audit.
    Audit,
}

impl ReportSheet {
    /// The sheet's name in the workbook.
    pub fn name(self) -> &'static str {
        match self {
            ReportSheet::Detail => "明细",
            ReportSheet::Summary => "汇总",
            ReportSheet::Audit => "审核",
        }
    }

    /// Reads `detail`/`明细`, `summary`/`汇总`, `audit`/`审核`.
    pub fn from_id(id: &str) -> Option<ReportSheet> {
        Some(match id {
            "detail" | "明细" => ReportSheet::Detail,
            "summary" | "汇总" => ReportSheet::Summary,
            "audit" | "审核" => ReportSheet::Audit,
            _ => return None,
        })
    }
}

const YUAN: &str = "#,##0.00";
const COUNT: &str = "#,##0";

fn yuan(f: Fen) -> ExportCell {
    match Decimal::try_from_i128_with_scale(f.0, 2) {
        Ok(d) => ExportCell::Number(d),
        Err(_) => ExportCell::Text("overflow".into()),
    }
}

fn wan(f: Fen) -> ExportCell {
    match Decimal::try_from_i128_with_scale(f.0, 6) {
        Ok(d) => ExportCell::Number(d.normalize()),
        Err(_) => ExportCell::Text("overflow".into()),
    }
}

fn int(n: u64) -> ExportCell {
    i64::try_from(n).map_or(ExportCell::Text(n.to_string()), ExportCell::Integer)
}

fn text(s: impl Into<String>) -> ExportCell {
    ExportCell::Text(s.into())
}

fn opt_text(s: Option<&str>) -> ExportCell {
    s.map_or(ExportCell::Empty, text)
}

fn basis_zh(b: Basis) -> &'static str {
    b.word().0
}

fn verdict_zh(v: Verdict) -> &'static str {
    super::words::verdict_label(v).zh
}

/// The parties with something to pay in the plan, in the fixed order.
fn parties(a: &Assessment) -> Vec<Party> {
    a.totals.all.shares().iter().map(|(p, _, _)| *p).collect()
}

fn party_columns(parties: &[Party]) -> Vec<Column> {
    parties
        .iter()
        .map(|p| Column::new(format!("{}（元）", p.label().zh)).with_format(YUAN))
        .collect()
}

/// 明细: one row per compound.
fn detail(plan: &Plan, a: &Assessment, pack: &ResolvedPack) -> Sheet {
    let ps = parties(a);
    let mut columns = vec![
        Column::new("行号").with_format("0"),
        Column::new("序号"),
        Column::new("小区名称"),
        Column::new("县(区)"),
        Column::new("改造年度").with_format("0"),
        Column::new("建成时间"),
        Column::new("户数").with_format(COUNT),
        Column::new("投资（元）").with_format(YUAN),
        Column::new("投资（万元）").with_format("#,##0.00####"),
        Column::new("投资来源"),
        Column::new("户均投资（元）").with_format(YUAN),
        Column::new("资金规则"),
        Column::new("分担依据"),
    ];
    columns.extend(party_columns(&ps));
    columns.extend([
        Column::new("资格结论"),
        Column::new("需补充的情况"),
        Column::new("审核提示"),
    ]);
    let label_of = |key: &str| -> String {
        ESTATE
            .field(key)
            .map(|(_, f)| f.label.zh.to_string())
            .or_else(|| {
                pack.facts
                    .iter()
                    .find(|f| f.spec.key == key)
                    .map(|f| f.spec.label.zh.clone())
            })
            .unwrap_or_else(|| key.to_string())
    };
    let mut rows = Vec::with_capacity(plan.rows.len());
    for (i, (row, r)) in plan.rows.iter().zip(&a.rows).enumerate() {
        let mut cells = vec![
            int(row.line as u64),
            opt_text(row.serial.as_deref()),
            opt_text(row.name.as_deref()),
            opt_text(row.district.as_deref()),
            row.year
                .map_or(ExportCell::Empty, |y| ExportCell::Integer(i64::from(y))),
            opt_text(row.built_text.as_deref()),
            row.households.map_or(ExportCell::Empty, int),
            r.cost.map_or(ExportCell::Empty, yuan),
            r.cost.map_or(ExportCell::Empty, wan),
            text(super::words::source_label(r.source).zh),
            r.per_household.map_or(ExportCell::Empty, yuan),
            match (
                r.mixed,
                r.rule.and_then(|i| pack.funding.get(usize::from(i))),
            ) {
                (true, _) => text("按项目构成"),
                (false, Some(f)) => text(f.spec.id.clone()),
                (false, None) => ExportCell::Empty,
            },
            r.cost
                .map_or(ExportCell::Empty, |_| text(basis_zh(r.basis))),
        ];
        let shares = a.shares(i);
        for p in &ps {
            cells.push(
                shares
                    .iter()
                    .find(|s| s.party == *p)
                    .map_or(ExportCell::Empty, |s| yuan(s.amount)),
            );
        }
        let provide: Vec<String> = a.to_provide(i).iter().map(|k| label_of(k)).collect();
        let audit: Vec<&str> = super::audit::AuditCode::of_mask(r.audit)
            .map(|c| code_label(c).0)
            .collect();
        cells.push(text(verdict_zh(r.verdict)));
        cells.push(text(provide.join("、")));
        cells.push(text(audit.join("；")));
        rows.push(cells);
    }
    Sheet {
        name: ReportSheet::Detail.name().into(),
        columns,
        rows,
    }
}

/// 汇总: the totals, then each party.
fn summary(a: &Assessment) -> Sheet {
    let ps = parties(a);
    let mut columns = vec![
        Column::new("分组"),
        Column::new("县(区)"),
        Column::new("年度").with_format("0"),
        Column::new("小区数").with_format(COUNT),
        Column::new("户数").with_format(COUNT),
        Column::new("投资（元）").with_format(YUAN),
        Column::new("投资（万元）").with_format("#,##0.00####"),
        Column::new("其中填报（元）").with_format(YUAN),
        Column::new("其中基准估算（元）").with_format(YUAN),
        Column::new("户均投资（元）").with_format(YUAN),
    ];
    columns.extend(party_columns(&ps));
    columns.push(Column::new("依据"));
    let line = |group: &str, district: Option<&str>, year: Option<i32>, s: &Sums| {
        let mut cells = vec![
            text(group),
            opt_text(district),
            year.map_or(ExportCell::Empty, |y| ExportCell::Integer(i64::from(y))),
            int(s.compounds),
            int(s.households),
            yuan(s.total),
            wan(s.total),
            yuan(s.stated),
            yuan(s.estimated),
            s.per_household().map_or(ExportCell::Empty, yuan),
        ];
        for p in &ps {
            cells.push(yuan(s.party(*p)));
        }
        let bases: Vec<Basis> = s.shares().iter().map(|x| x.2).collect();
        let firm = bases.iter().all(|b| *b == Basis::Policy);
        cells.push(text(if firm { "政策" } else { "含假设" }));
        cells
    };
    let t = &a.totals;
    let mut rows = vec![line("合计", None, None, &t.all)];
    for (d, s) in &t.by_district {
        rows.push(line(
            "按县(区)",
            Some(d.as_deref().unwrap_or("（未填）")),
            None,
            s,
        ));
    }
    for (y, s) in &t.by_year {
        rows.push(line("按年度", None, *y, s));
    }
    for ((d, y), s) in &t.by_district_year {
        rows.push(line(
            "按县(区)×年度",
            Some(d.as_deref().unwrap_or("（未填）")),
            *y,
            s,
        ));
    }
    // Each party: its amount of the whole, in 元 and 万元, and whether it rests on an assumption.
    for (p, amount, basis) in t.all.shares() {
        let mut cells = vec![
            text("按出资方"),
            text(p.label().zh),
            ExportCell::Empty,
            ExportCell::Empty,
            ExportCell::Empty,
            yuan(amount),
            wan(amount),
            ExportCell::Empty,
            ExportCell::Empty,
            ExportCell::Empty,
        ];
        cells.extend(ps.iter().map(|q| {
            if *q == p {
                yuan(amount)
            } else {
                ExportCell::Empty
            }
        }));
        cells.push(text(basis_zh(basis)));
        rows.push(cells);
    }
    Sheet {
        name: ReportSheet::Summary.name().into(),
        columns,
        rows,
    }
}

/// 审核: the audit, one entry per row of the sheet.
fn audit(plan: &Plan, a: &Assessment, pack: &ResolvedPack) -> Sheet {
    let columns = vec![
        Column::new("行号").with_format("0"),
        Column::new("序号"),
        Column::new("列"),
        Column::new("表头"),
        Column::new("级别"),
        Column::new("代码"),
        Column::new("说明"),
        Column::new("Message"),
    ];
    let cx = AuditContext {
        plan,
        assessment: a,
        pack,
    };
    let rows = a
        .audit
        .iter()
        .map(|e| {
            let m = entry_text(e, &cx);
            let header = e.column.and_then(|c| {
                plan.mapping
                    .columns
                    .iter()
                    .find(|m| m.index == c)
                    .map(|m| m.header.clone())
            });
            vec![
                e.line.map_or(ExportCell::Empty, |l| int(l as u64)),
                opt_text(
                    e.row
                        .and_then(|r| plan.rows.get(r))
                        .and_then(|r| r.serial.as_deref()),
                ),
                e.column
                    .map_or(ExportCell::Empty, |c| text(column_letter(c))),
                header.map_or(ExportCell::Empty, text),
                text(super::words::severity_label(e.severity()).zh),
                text(e.code.as_str()),
                text(m.zh),
                text(m.en),
            ]
        })
        .collect();
    Sheet {
        name: ReportSheet::Audit.name().into(),
        columns,
        rows,
    }
}

/// The sheets of the export, in order: 明细, 汇总, 审核.
pub fn sheets(plan: &Plan, a: &Assessment, pack: &ResolvedPack) -> Result<Vec<Sheet>, Error> {
    a.check_pack(pack)?;
    Ok(vec![
        detail(plan, a, pack),
        summary(a),
        audit(plan, a, pack),
    ])
}

/// One sheet.
pub fn sheet(
    plan: &Plan,
    a: &Assessment,
    pack: &ResolvedPack,
    which: ReportSheet,
) -> Result<Sheet, Error> {
    a.check_pack(pack)?;
    Ok(match which {
        ReportSheet::Detail => detail(plan, a, pack),
        ReportSheet::Summary => summary(a),
        ReportSheet::Audit => audit(plan, a, pack),
    })
}

/// The workbook: 明细, 汇总 and 审核.
pub fn export_xlsx(
    plan: &Plan,
    a: &Assessment,
    pack: &ResolvedPack,
    options: &XlsxOptions,
) -> Result<Vec<u8>, Error> {
    write_xlsx(&sheets(plan, a, pack)?, options)
}

/// One sheet as CSV (UTF-8 with BOM, which Excel and WPS open without garbling Chinese).
pub fn export_csv(
    plan: &Plan,
    a: &Assessment,
    pack: &ResolvedPack,
    which: ReportSheet,
) -> Result<Vec<u8>, Error> {
    write_csv(&sheet(plan, a, pack, which)?)
}
