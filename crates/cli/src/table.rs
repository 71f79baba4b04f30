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
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| clean(c)).collect()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(c.width());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(c.width());
            if right_last && i == cols - 1 {
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

fn status(s: DocumentStatus, lang: Lang) -> &'static str {
    match s {
        DocumentStatus::InForce => pick(lang, "现行有效", "in force"),
        DocumentStatus::Issued => pick(lang, "已印发（效力未载明）", "issued (validity not stated)"),
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
    for c in &m.categories {
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
                None => format!("{} {}", s.party, pick(lang, "（份额未定）", "(share not set)")),
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
            vec![outcome(f.outcome, lang).to_string(), f.rule.to_string(), source, msg]
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
    let decisive: Vec<&Finding> = e.findings.iter().filter(|f| f.role == FindingRole::Decisive).collect();
    out.push('\n');
    out.push_str(&table(&h, &finding_rows(&decisive, lang), false));
    if let Some(t) = tx(&e.texts, lang) {
        for s in &t.items {
            out.push_str(&format!("\n{}", clean(s)));
        }
    }
    let other: Vec<&Finding> = e.findings.iter().filter(|f| f.role != FindingRole::Decisive).collect();
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
                Some(gaizao::schema::Segment::BeforeMeter) => pick(lang, "（表前）", " (before meter)"),
                Some(gaizao::schema::Segment::AfterMeter) => pick(lang, "（表后）", " (after meter)"),
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
            vec![t(&s.party.name(), lang).to_string(), b.to_string(), s.amount.to_string()]
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
        out.push_str(&format!("\n\n{} {p}", pick(lang, "户均（元）：", "per household (yuan):")));
    }
    if let Some(b) = &e.benchmark {
        let amount = b.amount.map(|a| a.to_string()).unwrap_or_else(|| "?".into());
        let (label, source) = tx(&b.texts, lang)
            .map(|t| (t.label.to_string(), format!("{} {}", t.source.document, t.source.clause)))
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
        out.push_str(&format!("\n{} {}", pick(lang, "本户应付（元）：", "my household pays (yuan):"), h.total));
    }
    for a in &e.assumptions {
        let why = tx(&a.texts, lang).map(|t| t.why.to_string()).unwrap_or_default();
        out.push_str(&format!("\n{} {}: {}", pick(lang, "假设", "assumption"), a.rule, clean(&why)));
    }
    out.push_str(&format!("\n{} {}", pick(lang, "取整方法：", "rounding:"), e.rounding));
    out
}
