//! Table output for people at a terminal. Column widths count a Chinese character as two.

use gaizao::eligibility::{Eligibility, Finding, FindingRole, Outcome, Verdict};
use gaizao::estimate::Estimate;
use gaizao::menu::Menu;
use gaizao::policy::model::{Basis, DocumentStatus};
use gaizao::policy::PolicySummary;
use gaizao::text::Text;
use gaizao::texts::Texts;
use unicode_width::UnicodeWidthStr;

use crate::Lang;

fn t(text: &Text, lang: Lang) -> &str {
    match lang {
        Lang::Zh => &text.zh,
        Lang::En => &text.en,
    }
}

/// The text in the table's language, from a result's `texts`.
fn tx<T>(texts: &Option<Texts<T>>, lang: Lang) -> Option<&T> {
    texts.as_ref().and_then(|t| match lang {
        Lang::Zh => t.zh.as_ref(),
        Lang::En => t.en.as_ref(),
    })
}

/// A cell as a terminal may show it: control characters (which a terminal would execute, such
/// as ANSI escapes from a loaded pack) are dropped.
pub fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Renders rows with every column padded to its widest cell; numbers (last column) right-aligned.
fn table(header: &[&str], rows: &[Vec<String>], right_last: bool) -> String {
    let cols = header.len();
    let right: Vec<bool> = (0..cols).map(|i| right_last && i + 1 == cols).collect();
    table_aligned(header, rows, &right)
}

fn status(s: DocumentStatus, lang: Lang) -> &'static str {
    match s {
        DocumentStatus::InForce => pick(lang, "现行有效", "in force"),
        DocumentStatus::Issued => {
            pick(lang, "已印发（效力未载明）", "issued (validity not stated)")
        }
        DocumentStatus::DraftForComment => pick(lang, "征求意见稿", "draft for comment"),
        DocumentStatus::National => pick(lang, "国家层面", "national"),
    }
}

pub fn policies(list: &[PolicySummary], lang: Lang) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            vec![
                p.id.clone(),
                t(&p.name, lang).to_string(),
                p.document_number.clone(),
                p.date.clone(),
                status(p.status, lang).to_string(),
            ]
        })
        .collect();
    let h = match lang {
        Lang::Zh => ["编号", "名称", "文号", "日期", "状态"],
        Lang::En => ["id", "name", "document", "date", "status"],
    };
    table(&h, &rows, false)
}

pub fn menu(m: &Menu, lang: Lang) -> String {
    let mut out = format!(
        "{} — {} ({})\n",
        m.policy,
        t(&m.name, lang),
        m.document_number
    );
    if m.status == DocumentStatus::DraftForComment {
        out.push_str(pick(
            lang,
            "⚠ 征求意见稿，尚未正式施行\n",
            "⚠ draft for comment, not in force\n",
        ));
    }
    for c in m.categories.iter() {
        out.push_str(&format!("\n【{}】 {}\n", t(&c.name, lang), c.source.clause));
        for i in &c.items {
            out.push_str(&format!(
                "  {:<28} {}\n      {}\n",
                i.id,
                t(&i.name, lang),
                t(&i.standard, lang)
            ));
        }
    }
    if !m.benchmarks.is_empty() {
        out.push_str(pick(lang, "\n测算基准：\n", "\nBenchmarks:\n"));
        for b in &m.benchmarks {
            out.push_str(&format!(
                "  {}  {} 元  {}  [{} {}]\n",
                b.id,
                b.amount,
                t(&b.label, lang),
                b.source.document,
                b.source.clause
            ));
        }
    }
    out.push_str(pick(
        lang,
        "\n资金分担规则（按顺序匹配）：\n",
        "\nFunding rules (tried in order):\n",
    ));
    for f in &m.funding {
        let shares: Vec<String> = f
            .shares
            .iter()
            .map(|s| match &s.weight {
                Some(w) => format!("{} {w}", s.party),
                None => format!(
                    "{} {}",
                    s.party,
                    pick(lang, "（份额未定）", "(share not set)")
                ),
            })
            .collect();
        let basis = match f.basis {
            Basis::Policy | Basis::Reading => pick(lang, "政策", "policy"),
            Basis::Assumption | Basis::Edited => pick(lang, "假设", "assumption"),
        };
        out.push_str(&format!(
            "  {:<32} [{basis}] {}\n",
            f.id,
            shares.join(" : ")
        ));
    }
    out.trim_end().to_string()
}

fn outcome(o: Outcome, lang: Lang) -> &'static str {
    match o {
        Outcome::Pass => pick(lang, "✔ 符合", "✔ pass"),
        Outcome::Fail => pick(lang, "✘ 不符合", "✘ fail"),
        Outcome::Unknown => pick(lang, "? 待定", "? unknown"),
    }
}

fn finding_rows(fs: &[&Finding], lang: Lang) -> Vec<Vec<String>> {
    fs.iter()
        .map(|f| {
            let text = tx(&f.texts, lang);
            let mut msg = text.map(|t| t.message.clone()).unwrap_or_default();
            if let Some(a) = text.and_then(|t| t.assumption) {
                msg.push_str(&format!(" [{}: {a}]", pick(lang, "假设", "assumption")));
            }
            if let Some(a) = text.and_then(|t| t.reading) {
                msg.push_str(&format!(" [{}: {a}]", pick(lang, "理解", "reading")));
            }
            if let Some(n) = text.and_then(|t| t.role_note.as_ref()) {
                msg.push_str(&format!(" ({n})"));
            }
            let source = text
                .map(|t| format!("{} {}", t.source.document, t.source.clause))
                .unwrap_or_default();
            vec![
                outcome(f.outcome, lang).to_string(),
                f.rule.to_string(),
                source,
                msg,
            ]
        })
        .collect()
}

pub fn eligibility(e: &Eligibility, lang: Lang) -> String {
    let v = match e.verdict {
        Verdict::Eligible => pick(lang, "符合改造条件", "ELIGIBLE"),
        Verdict::Ineligible => pick(lang, "不符合改造条件", "NOT ELIGIBLE"),
        Verdict::Undetermined => pick(lang, "尚无法确定", "UNDETERMINED"),
    };
    let h = match lang {
        Lang::Zh => ["结果", "规则", "出处", "说明"],
        Lang::En => ["outcome", "rule", "source", "reason"],
    };
    let mut out = format!("{}: {v}\n", e.policy);
    if let Some(t) = tx(&e.texts, lang) {
        out.push_str(&format!("{}\n", clean(&t.summary)));
        if let Some(n) = &t.status_note {
            out.push_str(&format!("⚠ {}\n", clean(n)));
        }
    }
    let decisive: Vec<&Finding> = e
        .findings
        .iter()
        .filter(|f| f.role == FindingRole::Decisive)
        .collect();
    out.push('\n');
    out.push_str(&table(&h, &finding_rows(&decisive, lang), false));
    if let Some(t) = tx(&e.texts, lang) {
        for s in &t.items {
            out.push_str(&format!("\n{}", clean(s)));
        }
    }
    let other: Vec<&Finding> = e
        .findings
        .iter()
        .filter(|f| f.role != FindingRole::Decisive)
        .collect();
    if !other.is_empty() {
        out.push_str(pick(
            lang,
            "\n\n参考与提醒（不影响结论）：\n",
            "\n\nAdvice and reminders (do not decide the verdict):\n",
        ));
        out.push_str(&table(&h, &finding_rows(&other, lang), false));
    }
    out
}

pub fn estimate(e: &Estimate, lang: Lang) -> String {
    let mut out = String::new();
    if let Some(t) = tx(&e.texts, lang) {
        for n in &t.notes {
            out.push_str(&format!("⚠ {}\n", clean(n)));
        }
    }
    let rows: Vec<Vec<String>> = e
        .lines
        .iter()
        .flat_map(|l| {
            let seg = match l.segment {
                Some(gaizao::schema::Segment::BeforeMeter) => {
                    pick(lang, "（表前）", " (before meter)")
                }
                Some(gaizao::schema::Segment::AfterMeter) => {
                    pick(lang, "（表后）", " (after meter)")
                }
                None => "",
            };
            let name = tx(&l.texts, lang).map(|t| t.name).unwrap_or_default();
            let head = vec![
                format!("{name}{seg}"),
                l.funding_rule.to_string(),
                String::new(),
                l.amount.to_string(),
            ];
            let parts = l.shares.iter().map(|s| {
                let b = match s.basis {
                    Basis::Policy | Basis::Reading => "",
                    Basis::Assumption => pick(lang, "（假设）", " (assumption)"),
                    Basis::Edited => pick(lang, "（您的数字）", " (your figure)"),
                };
                let amount = if s.unset {
                    pick(lang, "份额未定，请填写", "share not set: enter it").to_string()
                } else {
                    s.amount.to_string()
                };
                vec![
                    String::new(),
                    String::new(),
                    format!("{}{b}", t(&s.party.name(), lang)),
                    amount,
                ]
            });
            std::iter::once(head).chain(parts).collect::<Vec<_>>()
        })
        .collect();
    let h = match lang {
        Lang::Zh => ["项目", "资金规则", "出资方", "金额（元）"],
        Lang::En => ["item", "funding rule", "party", "amount (yuan)"],
    };
    out.push_str(&table(&h, &rows, true));
    let totals: Vec<Vec<String>> = e
        .shares
        .iter()
        .map(|s| {
            let b = match s.basis {
                Basis::Policy | Basis::Reading => pick(lang, "政策", "policy"),
                Basis::Assumption if s.unset => pick(lang, "份额未定", "share not set"),
                Basis::Assumption => pick(lang, "含假设", "incl. assumption"),
                Basis::Edited => pick(lang, "含您的数字", "incl. your figures"),
            };
            vec![
                t(&s.party.name(), lang).to_string(),
                b.to_string(),
                s.amount.to_string(),
            ]
        })
        .chain(std::iter::once(vec![
            pick(lang, "合计", "total").to_string(),
            String::new(),
            e.total.to_string(),
        ]))
        .collect();
    let h2 = match lang {
        Lang::Zh => ["出资方", "依据", "金额（元）"],
        Lang::En => ["party", "basis", "amount (yuan)"],
    };
    out.push_str("\n\n");
    out.push_str(&table(&h2, &totals, true));
    if let Some(p) = e.per_household {
        out.push_str(&format!(
            "\n\n{} {p}",
            pick(lang, "户均（元）：", "per household (yuan):")
        ));
    }
    if let Some(b) = &e.benchmark {
        let amount = b
            .amount
            .map(|a| a.to_string())
            .unwrap_or_else(|| "?".into());
        let (label, source) = tx(&b.texts, lang)
            .map(|t| {
                (
                    t.label.to_string(),
                    format!("{} {}", t.source.document, t.source.clause),
                )
            })
            .unwrap_or_default();
        out.push_str(&format!(
            "\n{} {amount} ({} {} 元; {})",
            pick(lang, "测算基准：", "benchmark:"),
            clean(&label),
            b.intensity,
            clean(&source)
        ));
    }
    if let Some(h) = &e.household {
        out.push_str(&format!(
            "\n{} {}",
            pick(lang, "本户应付（元）：", "my household pays (yuan):"),
            h.total
        ));
    }
    for a in &e.assumptions {
        let why = tx(&a.texts, lang)
            .map(|t| t.why.to_string())
            .unwrap_or_default();
        out.push_str(&format!(
            "\n{} {}: {}",
            pick(lang, "假设", "assumption"),
            a.rule,
            clean(&why)
        ));
    }
    out.push_str(&format!(
        "\n{} {}",
        pick(lang, "取整方法：", "rounding:"),
        e.rounding
    ));
    out
}

/// Renders rows with each column left- or right-aligned.
fn table_aligned(header: &[&str], rows: &[Vec<String>], right: &[bool]) -> String {
    let cols = header.len();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| clean(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(c.width());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate().take(cols) {
            let pad = widths[i].saturating_sub(c.width());
            if right.get(i).copied().unwrap_or(false) {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                if i + 1 < cols {
                    s.push_str(&" ".repeat(pad));
                }
            }
            if i + 1 < cols {
                s.push_str("  ");
            }
        }
        s.trim_end().to_string()
    };
    let mut out = vec![line(header.to_vec())];
    out.push(
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  "),
    );
    for r in &rows {
        out.push(line(r.iter().map(String::as_str).collect()));
    }
    out.join("\n")
}

fn target_name(t: &gaizao::plan::Target, lang: Lang) -> String {
    use gaizao::plan::Target;
    let (zh, en) = match t {
        Target::Serial => ("序号", "No."),
        Target::Name => ("小区名称", "name"),
        Target::District => ("县(区)", "district"),
        Target::Built => ("建成时间", "built"),
        Target::Location => ("小区位置", "location"),
        Target::Households => ("户数", "households"),
        Target::Buildings => ("楼栋数", "buildings"),
        Target::FloorArea => ("建筑面积", "floor area"),
        Target::Investment => ("预计投资", "investment"),
        Target::Year => ("改造年度", "year"),
        Target::Content => ("改造内容", "content"),
        Target::Remarks => ("备注", "remarks"),
        Target::Fact(k) => {
            return match gaizao::schema::ESTATE.field(k) {
                Some((_, f)) => format!("{} ({k})", pick(lang, f.label.zh, f.label.en)),
                None => k.clone(),
            }
        }
        Target::Ignored => ("（不读取）", "(not read)"),
    };
    pick(lang, zh, en).to_string()
}

fn basis_word(b: Basis, lang: Lang) -> &'static str {
    let (zh, en) = b.word();
    pick(lang, zh, en)
}

/// A plan assessed: the mapping, the totals, every party, the rows and the audit.
pub fn plan(
    plan: &gaizao::plan::Plan,
    a: &gaizao::plan::Assessment,
    pack: &gaizao::policy::ResolvedPack,
    lang: Lang,
) -> String {
    use gaizao::plan::audit::Severity;
    use gaizao::plan::CostSource;
    let mut out = String::new();
    out.push_str(&format!(
        "{} — {} ({})\n",
        pack.id(),
        t(&pack.pack.name, lang),
        pack.pack.document.number
    ));
    if pack.pack.document.status == DocumentStatus::DraftForComment {
        out.push_str(pick(
            lang,
            "⚠ 征求意见稿，结果仅供参考\n",
            "⚠ draft for comment: indicative only\n",
        ));
    }
    // The mapping, so the person can check it (and correct it with --mapping).
    out.push_str(&format!(
        "{}{}\n",
        pick(lang, "列对应（表头在第 ", "Columns (header on line "),
        match lang {
            Lang::Zh => format!("{} 行；可用 --mapping 修改）：", plan.mapping.header_row),
            Lang::En => format!("{}; change with --mapping):", plan.mapping.header_row),
        }
    ));
    let rows: Vec<Vec<String>> = plan
        .mapping
        .columns
        .iter()
        .map(|c| {
            vec![
                c.letter.clone(),
                c.header.clone(),
                target_name(&c.target, lang),
                c.unit.map(|u| u.label().to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    let h = match lang {
        Lang::Zh => ["列", "表头", "读作", "单位"],
        Lang::En => ["col", "header", "read as", "unit"],
    };
    out.push_str(&table(&h, &rows, false));

    // Totals: overall, by district, by year, by district × year.
    let parties: Vec<gaizao::party::Party> =
        a.totals.all.shares().iter().map(|(p, _, _)| *p).collect();
    let sums_row = |label: String, s: &gaizao::plan::Sums| {
        let mut r = vec![
            label,
            s.compounds.to_string(),
            s.households.to_string(),
            s.total.wan_text(),
            s.per_household().map(|p| p.to_string()).unwrap_or_default(),
        ];
        r.extend(parties.iter().map(|p| s.party(*p).wan_text()));
        r
    };
    let mut rows = vec![sums_row(
        pick(lang, "合计", "total").to_string(),
        &a.totals.all,
    )];
    let none = pick(lang, "（未填）", "(none)");
    for (d, s) in &a.totals.by_district {
        rows.push(sums_row(d.clone().unwrap_or_else(|| none.to_string()), s));
    }
    for (y, s) in &a.totals.by_year {
        let label = match y {
            Some(y) => pick(lang, &format!("{y}年"), &y.to_string()).to_string(),
            None => none.to_string(),
        };
        rows.push(sums_row(label, s));
    }
    for ((d, y), s) in &a.totals.by_district_year {
        let label = format!(
            "{} {}",
            d.as_deref().unwrap_or(none),
            y.map(|y| y.to_string()).unwrap_or_else(|| none.to_string())
        );
        rows.push(sums_row(label, s));
    }
    let mut head: Vec<String> = match lang {
        Lang::Zh => ["范围", "小区数", "户数", "投资（万元）", "户均（元）"],
        Lang::En => [
            "group",
            "compounds",
            "households",
            "investment (10k yuan)",
            "per household (yuan)",
        ],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    head.extend(parties.iter().map(|p| match lang {
        Lang::Zh => format!("{}（万元）", p.label().zh),
        Lang::En => format!("{} (10k)", p.label().en),
    }));
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut right = vec![false];
    right.extend(std::iter::repeat_n(true, head.len() - 1));
    out.push_str("\n\n");
    out.push_str(&table_aligned(&head, &rows, &right));

    // Every party, in 元 and 万元, with its basis.
    let rows: Vec<Vec<String>> = a
        .totals
        .all
        .shares()
        .iter()
        .map(|(p, amount, b)| {
            vec![
                t(&p.name(), lang).to_string(),
                basis_word(*b, lang).to_string(),
                amount.to_string(),
                amount.wan_text(),
            ]
        })
        .chain(std::iter::once(vec![
            pick(lang, "合计", "total").to_string(),
            String::new(),
            a.totals.all.total.to_string(),
            a.totals.all.total.wan_text(),
        ]))
        .collect();
    let h = match lang {
        Lang::Zh => ["出资方", "依据", "金额（元）", "金额（万元）"],
        Lang::En => ["party", "basis", "amount (yuan)", "amount (10k yuan)"],
    };
    out.push_str("\n\n");
    out.push_str(&table_aligned(&h, &rows, &[false, false, true, true]));
    if a.totals.all.estimated.0 != 0 {
        out.push_str(&format!(
            "\n{} {} {}",
            pick(
                lang,
                "其中按基准估算（元）：",
                "of which estimated from the benchmark (yuan):"
            ),
            a.totals.all.estimated,
            a.benchmark
                .and_then(|i| pack.benchmarks.get(i))
                .map(|b| format!("[{} {}]", b.id, b.amount))
                .unwrap_or_default()
        ));
    }

    // The rows.
    let verdict = |v: Verdict| match v {
        Verdict::Eligible => pick(lang, "符合", "eligible"),
        Verdict::Ineligible => pick(lang, "不符合", "ineligible"),
        Verdict::Undetermined => pick(lang, "待定", "undetermined"),
    };
    let rows: Vec<Vec<String>> = plan
        .rows
        .iter()
        .zip(&a.rows)
        .map(|(row, r)| {
            let source = match r.source {
                CostSource::Stated => "",
                CostSource::Benchmark => pick(lang, "（估算）", " (estimate)"),
                CostSource::Missing => pick(lang, "未计入", "not costed"),
            };
            vec![
                row.line.to_string(),
                row.serial.clone().unwrap_or_default(),
                row.name.clone().unwrap_or_default(),
                row.district.clone().unwrap_or_default(),
                row.year.map(|y| y.to_string()).unwrap_or_default(),
                row.households.map(|h| h.to_string()).unwrap_or_default(),
                format!(
                    "{}{source}",
                    r.cost.map(|c| c.wan_text()).unwrap_or_default()
                ),
                verdict(r.verdict).to_string(),
            ]
        })
        .collect();
    let h = match lang {
        Lang::Zh => [
            "行",
            "序号",
            "小区名称",
            "县(区)",
            "年度",
            "户数",
            "投资（万元）",
            "结论",
        ],
        Lang::En => [
            "line",
            "No.",
            "name",
            "district",
            "year",
            "households",
            "investment (10k)",
            "verdict",
        ],
    };
    out.push_str("\n\n");
    out.push_str(&table_aligned(
        &h,
        &rows,
        &[true, true, false, false, false, true, true, false],
    ));

    // The audit, one sentence per entry.
    let count = |s: Severity| a.audit.iter().filter(|e| e.severity() == s).count();
    out.push_str(&match lang {
        Lang::Zh => format!(
            "\n\n审核：{} 条（错误 {}，警告 {}，提示 {}）",
            a.audit.len(),
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Note)
        ),
        Lang::En => format!(
            "\n\nAudit: {} entries ({} errors, {} warnings, {} notes)",
            a.audit.len(),
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Note)
        ),
    });
    let cx = gaizao::texts::plan::AuditContext {
        plan,
        assessment: a,
        pack,
    };
    for e in &a.audit {
        let m = gaizao::texts::plan::entry_text(e, &cx);
        let mark = match e.severity() {
            Severity::Error => "✘",
            Severity::Warning => "⚠",
            Severity::Note => "·",
        };
        out.push_str(&format!("\n{mark} {}", clean(t(&m, lang))));
    }
    // What each kind of entry means, once.
    let mut seen = Vec::new();
    for e in &a.audit {
        if seen.contains(&e.code) {
            continue;
        }
        seen.push(e.code);
    }
    if !seen.is_empty() {
        out.push_str(pick(lang, "\n\n说明：", "\n\nWhat they mean:"));
        for c in seen {
            let m = gaizao::texts::plan::code_text(c, &cx);
            out.push_str(&format!("\n  {}: {}", c.as_str(), clean(t(&m, lang))));
        }
    }
    out.push_str(&format!(
        "\n\n{} {}",
        pick(lang, "取整方法：", "rounding:"),
        gaizao::money::ROUNDING
    ));
    out
}
