//! What a plan's audit says, in Chinese and English: one general sentence per code (the
//! dictionary a result carries once) and, on request, one sentence per entry that names its
//! place — the line, the 序号, the column — and quotes its figures. Made only when asked for.

use rust_decimal::Decimal;

use super::clip;
use crate::money::Fen;
use crate::plan::assess::Assessment;
use crate::plan::audit::{AuditCode, AuditEntry, Figures};
use crate::plan::header::column_letter;
use crate::plan::Plan;
use crate::policy::{CompiledTest, ResolvedPack};
use crate::schema::ESTATE;
use crate::text::Text;

/// What the sentences need besides the entry: the plan (places), the assessment (thresholds,
/// benchmark) and the pack (rule labels, the boundary year's reading).
#[derive(Clone, Copy)]
pub struct AuditContext<'a> {
    /// The plan the entries are about (row places, serials, names).
    pub plan: &'a Plan,
    /// Its assessment (the thresholds and the benchmark used).
    pub assessment: &'a Assessment,
    /// The pack it was assessed under (rule labels, the boundary year's reading).
    pub pack: &'a ResolvedPack,
}

fn t(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(zh, en)
}

impl AuditContext<'_> {
    /// The build-year rule: (year, inclusive, label, assumption).
    /// The build-year rule: its year, whether the year counts, its label and how the document's
    /// words are read there (an assumption, else a labelled reading), if the pack says.
    fn cutoff(&self) -> Option<(i32, bool, &Text, Option<&Text>)> {
        let r = self.pack.rules.get(self.assessment.build_rule?)?;
        match r.test {
            CompiledTest::BuiltBy { year, inclusive } => Some((
                year,
                inclusive,
                &r.spec.label,
                r.spec.assumption.as_ref().or(r.spec.reading.as_ref()),
            )),
            _ => None,
        }
    }

    fn cutoff_words(&self) -> (String, String) {
        match self.cutoff() {
            Some((y, true, ..)) => (format!("{y}年以前（含{y}年）"), format!("{y} or earlier")),
            Some((y, false, ..)) => (format!("{y}年以前（不含{y}年）"), format!("before {y}")),
            None => ("（无）".into(), "(none)".into()),
        }
    }

    fn rule_label(&self) -> (String, String) {
        match self.cutoff() {
            Some((_, _, l, _)) => (l.zh.clone(), l.en.clone()),
            None => (String::new(), String::new()),
        }
    }

    fn benchmark(&self) -> Option<&crate::policy::model::Benchmark> {
        self.pack.benchmarks.get(self.assessment.benchmark?)
    }

    fn factor(&self) -> String {
        self.assessment.options.far_factor().normalize().to_string()
    }

    /// A fact's name: the schema's label, or the pack's own fact's.
    fn fact_label(&self, key: &str) -> (String, String) {
        if let Some((_, f)) = ESTATE.field(key) {
            return (f.label.zh.to_string(), f.label.en.to_string());
        }
        match self.pack.facts.iter().find(|f| f.spec.key == key) {
            Some(f) => (f.spec.label.zh.clone(), f.spec.label.en.clone()),
            None => (clip(key), clip(key)),
        }
    }

    /// “第 35 行（序号 25）D 列“建成时间”：” / “line 35, No. 25, column D (建成时间): ”.
    pub fn place(&self, e: &AuditEntry) -> (String, String) {
        let serial = e
            .row
            .and_then(|r| self.plan.rows.get(r))
            .and_then(|r| r.serial.as_deref());
        let header = e.column.and_then(|c| {
            self.plan
                .mapping
                .columns
                .iter()
                .find(|m| m.index == c)
                .map(|m| m.header.as_str())
        });
        let letter = e.column.map(column_letter);
        let mut zh = String::new();
        let mut en: Vec<String> = Vec::new();
        if let Some(line) = e.line {
            zh.push_str(&format!("第 {line} 行"));
            en.push(format!("line {line}"));
        }
        if let Some(s) = serial {
            zh.push_str(&format!("（序号 {}）", clip(s)));
            en.push(format!("No. {}", clip(s)));
        }
        match (&letter, header) {
            (Some(l), Some(h)) => {
                zh.push_str(&format!("{l} 列“{}”", clip(h)));
                en.push(format!("column {l} ({})", clip(h)));
            }
            (Some(l), None) => {
                zh.push_str(&format!("{l} 列"));
                en.push(format!("column {l}"));
            }
            _ => {}
        }
        if !zh.is_empty() {
            zh.push('：');
        }
        let en = if en.is_empty() {
            String::new()
        } else {
            format!("{}: ", en.join(", "))
        };
        (zh, en)
    }
}

fn years(from: i32, to: i32) -> (String, String) {
    if from == to {
        (format!("{from}年"), format!("{from}"))
    } else {
        (format!("{from}—{to}年"), format!("{from}–{to}"))
    }
}

fn ratio(value: Fen, reference: Fen) -> String {
    if reference.0 == 0 {
        return "—".into();
    }
    let v = Decimal::from_i128_with_scale(value.0, 0);
    let r = Decimal::from_i128_with_scale(reference.0, 0);
    v.checked_div(r)
        .map(|d| d.round_dp(2).normalize().to_string())
        .unwrap_or_else(|| "—".into())
}

/// A code's short name, for a column of a sheet: (Chinese, English).
pub fn code_label(code: AuditCode) -> (&'static str, &'static str) {
    use crate::plan::Code;
    match code {
        AuditCode::Read(Code::UnreadableNumber) => ("数字无法识别", "unreadable number"),
        AuditCode::Read(Code::NegativeAmount) => ("负数", "negative amount"),
        AuditCode::Read(Code::NotWhole) => ("不是整数", "not a whole number"),
        AuditCode::Read(Code::OutOfRange) => ("超出范围", "out of range"),
        AuditCode::Read(Code::UnreadableBuildDate) => ("建成时间无法识别", "unreadable build date"),
        AuditCode::Read(Code::InvertedBuildDate) => ("建成时间起止颠倒", "build dates inverted"),
        AuditCode::Read(Code::UnreadableYear) => ("改造年度无法识别", "unreadable year"),
        AuditCode::Read(Code::TextTooLong) => ("文字太长", "text too long"),
        AuditCode::Read(Code::SubtotalMismatch) => ("合计不符", "subtotal mismatch"),
        AuditCode::Read(Code::CountMismatch) => ("个数不符", "count mismatch"),
        AuditCode::Read(Code::UnitAssumed) => ("单位按默认", "unit assumed"),
        AuditCode::Read(Code::DuplicateColumn) => ("重复的列", "duplicate column"),
        AuditCode::Read(Code::MissingColumn) => ("缺少列", "missing column"),
        AuditCode::Read(_) => ("文件问题", "file problem"),
        AuditCode::BuiltAfterCutoff => ("建成晚于年限", "built after the cut-off"),
        AuditCode::BuiltAcrossCutoff => ("建成跨过年限", "built across the cut-off"),
        AuditCode::BuiltInBoundaryYear => (
            "建成于年限当年（按解读）",
            "built in the boundary year (read)",
        ),
        AuditCode::BuildDateMissing => ("缺建成时间", "no build date"),
        AuditCode::BuildDateColumnMissing => ("缺建成时间列", "no build-date column"),
        AuditCode::DuplicateCompound => ("疑似重复", "duplicate?"),
        AuditCode::NameMissing => ("缺小区名称", "no name"),
        AuditCode::FarFromMedian => ("户均投资偏离中位数", "far from the median"),
        AuditCode::FarFromBenchmark => ("户均投资偏离基准", "far from the benchmark"),
        AuditCode::CostMissing => ("未计入投资", "not costed"),
        AuditCode::CostEstimated => ("投资为基准估算", "estimated from the benchmark"),
        AuditCode::UnreadableFact => ("情况无法识别", "unreadable fact"),
        AuditCode::FactsConflict => ("情况矛盾", "facts conflict"),
        AuditCode::UnknownFactColumn => ("未知的列", "unknown column"),
        AuditCode::ConditionUnknown => ("资金规则条件未知", "funding condition unknown"),
    }
}

/// The general sentence of a code: what it means and what to do, once per result.
pub fn code_text(code: AuditCode, cx: &AuditContext) -> Text {
    let (cut_zh, cut_en) = cx.cutoff_words();
    let (rule_zh, rule_en) = cx.rule_label();
    let f = cx.factor();
    match code {
        AuditCode::Read(c) => crate::plan::CellProblem::file(c, None, "").message(),
        AuditCode::BuiltAfterCutoff => t(
            format!("建成时间晚于政策规定的建成年限（{cut_zh}，“{rule_zh}”），不在改造范围内；请核实建成时间或移出计划"),
            format!("Built after the policy's cut-off ({cut_en}, “{rule_en}”): outside the programme's scope — check the build date or take the compound out of the plan"),
        ),
        AuditCode::BuiltAcrossCutoff => t(
            format!("建成时间跨过建成年限（{cut_zh}）：晚于该年份建成的楼栋可能不在改造范围内，请逐栋核实"),
            format!("Built over years that run past the cut-off ({cut_en}): buildings completed after it may be outside the scope — check them building by building"),
        ),
        AuditCode::BuiltInBoundaryYear => {
            let (a_zh, a_en) = match cx.cutoff().and_then(|c| c.3) {
                Some(a) => (a.zh.clone(), a.en.clone()),
                None => (String::new(), String::new()),
            };
            t(
                format!("正好在建成年限当年建成（{cut_zh}）：文件没有写明当年是否包括在内，是否在改造范围内取决于对年限的理解。{a_zh}"),
                format!("Built in the boundary year itself ({cut_en}): the document does not say whether that year counts, so whether it is in scope depends on how the year is read. {a_en}"),
            )
        }
        AuditCode::BuildDateMissing => t(
            format!("没有填写建成时间，无法核对“{rule_zh}”；请补充（可写“1985”“1980年代”“1985—2000”）"),
            format!("No build date: “{rule_en}” cannot be checked — add one (e.g. 1985, 1980年代 or 1985—2000)"),
        ),
        AuditCode::BuildDateColumnMissing => t(
            format!("表格没有“建成时间”列，无法核对“{rule_zh}”"),
            format!("The sheet has no build-date column: “{rule_en}” cannot be checked"),
        ),
        AuditCode::DuplicateCompound => t(
            "与前面某行是同一小区（名称和县（区）相同），可能重复列入；请核实后删除或改名",
            "The same compound (same name, same district) as an earlier row: listed twice? Check, then remove or rename it",
        ),
        AuditCode::NameMissing => t("没有填写小区名称", "No compound name"),
        AuditCode::FarFromMedian => t(
            format!("户均投资超过全表中位数的 {f} 倍，或不到其 1/{f}；请核实户数和投资（{f} 倍为假设，没有文件规定，可调整）"),
            format!("Investment per household more than {f}× the plan's median, or less than 1/{f} of it — check households and investment ({f}× is an assumption no document sets; it can be changed)"),
        ),
        AuditCode::FarFromBenchmark => {
            let (b_zh, b_en) = match cx.benchmark() {
                Some(b) => (b.label.zh.clone(), b.label.en.clone()),
                None => (String::new(), String::new()),
            };
            t(
                format!("户均投资超过基准“{b_zh}”的 {f} 倍，或不到其 1/{f}（{f} 倍为假设，可调整）"),
                format!("Investment per household more than {f}× the benchmark “{b_en}”, or less than 1/{f} of it ({f}× is an assumption; it can be changed)"),
            )
        }
        AuditCode::CostMissing => t(
            "没有填写投资，也没有户数（或建筑面积）可按基准估算：未计入投资和分担",
            "No investment, and no households (or floor area) to estimate it from the benchmark: not costed or split",
        ),
        AuditCode::CostEstimated => {
            let (b_zh, b_en, amount, derivation_zh, derivation_en) = match cx.benchmark() {
                Some(b) => (
                    b.label.zh.clone(),
                    b.label.en.clone(),
                    b.amount.clone(),
                    b.derivation.zh.clone(),
                    b.derivation.en.clone(),
                ),
                None => Default::default(),
            };
            let unit = match cx.benchmark().map(|b| b.basis) {
                Some(crate::policy::model::BenchmarkBasis::PerSquareMetre) => ("元/平方米", "per m²"),
                _ => ("元/户", "per household"),
            };
            t(
                format!("没有填写投资：按“{b_zh}”{amount}{}估算（估算，不是填报数；{derivation_zh}）", unit.0),
                format!("No investment stated: estimated from “{b_en}”, CNY {amount} {} (an estimate, not a stated figure; {derivation_en})", unit.1),
            )
        }
        AuditCode::UnreadableFact => t(
            "无法识别为该项小区情况（是/否可写“是”“否”；选项写其名称）",
            "Not a value of that fact (yes/no as 是/否 or yes/no; a choice by its name)",
        ),
        AuditCode::FactsConflict => t(
            "所填情况互相矛盾（如同意人数大于业主总数）",
            "Facts that contradict each other (e.g. more owners in favour than owners)",
        ),
        AuditCode::UnknownFactColumn => t(
            "该列对应的字段既不是小区情况的字段，也不是本政策包的字段，未读取",
            "The column maps to a field that is neither a fact of the compound nor one of the pack's own: not read",
        ),
        AuditCode::ConditionUnknown => t(
            "表格没有某条资金规则所需的情况，该规则按不适用处理；补充后分担可能变化",
            "The sheet lacks a fact a funding rule's condition needs: the rule is not applied; the split may change once it is given",
        ),
    }
}

/// The sentence of one entry, with its place and figures.
pub fn entry_text(e: &AuditEntry, cx: &AuditContext) -> Text {
    if let Figures::Problem(i) = e.figures {
        if let Some(p) = cx.plan.problems.get(i) {
            return p.message();
        }
    }
    let (at_zh, at_en) = cx.place(e);
    let (cut_zh, cut_en) = cx.cutoff_words();
    let (rule_zh, rule_en) = cx.rule_label();
    let f = cx.factor();
    let (zh, en) = match (&e.code, &e.figures) {
        (AuditCode::BuiltAfterCutoff, Figures::Built { from, to, .. }) => {
            let (y_zh, y_en) = years(*from, *to);
            (
                format!("{y_zh}建成，晚于建成年限（{cut_zh}），不在改造范围内"),
                format!("built {y_en}, after the cut-off ({cut_en}): outside the scope"),
            )
        }
        (AuditCode::BuiltAcrossCutoff, Figures::Built { from, to, .. }) => {
            let (y_zh, y_en) = years(*from, *to);
            (
                format!("{y_zh}建成，跨过建成年限（{cut_zh}），晚于该年份建成的楼栋可能不在改造范围内"),
                format!("built {y_en}, across the cut-off ({cut_en}): buildings completed after it may be outside the scope"),
            )
        }
        (AuditCode::BuiltInBoundaryYear, Figures::Built { from, to, cutoff, inclusive }) => {
            let (y_zh, y_en) = years(*from, *to);
            let (r_zh, r_en) = if *inclusive {
                (format!("含{cutoff}年"), format!("including {cutoff}"))
            } else {
                (format!("不含{cutoff}年"), format!("excluding {cutoff}"))
            };
            let (when_zh, when_en) = if from == to {
                ("正好在建成年限当年".to_string(), "in the boundary year".to_string())
            } else {
                (format!("最晚建成于年限当年（{cutoff}年）"), format!("the last in the boundary year ({cutoff})"))
            };
            (
                format!("{y_zh}建成，{when_zh}：文件未写明当年是否包括在内，“{rule_zh}”按{r_zh}理解"),
                format!("built {y_en}, {when_en}: the document does not say whether that year counts, and “{rule_en}” is read as {r_en}"),
            )
        }
        (AuditCode::DuplicateCompound, Figures::Duplicate { first }) => {
            let other = cx.plan.rows.get(*first);
            let line = other.map(|r| r.line).unwrap_or_default();
            let serial = other
                .and_then(|r| r.serial.as_deref())
                .map(|s| (format!("（序号 {}）", clip(s)), format!(" (No. {})", clip(s))))
                .unwrap_or_default();
            (
                format!("与第 {line} 行{}是同一小区（名称和县（区）相同），可能重复列入", serial.0),
                format!("the same compound as line {line}{} (same name and district): listed twice?", serial.1),
            )
        }
        (AuditCode::FarFromMedian, Figures::PerHousehold { value, reference, .. }) => (
            format!("户均投资 {value} 元，是全表中位数 {reference} 元的 {} 倍（超过 {f} 倍或不到 1/{f} 即列出，{f} 倍为假设）", ratio(*value, *reference)),
            format!("investment per household CNY {value}, {}× the plan's median of CNY {reference} (listed beyond {f}× or below 1/{f}; {f}× is an assumption)", ratio(*value, *reference)),
        ),
        (AuditCode::FarFromBenchmark, Figures::PerHousehold { value, reference, .. }) => (
            format!("户均投资 {value} 元，是基准 {reference} 元/户的 {} 倍（超过 {f} 倍或不到 1/{f} 即列出，{f} 倍为假设）", ratio(*value, *reference)),
            format!("investment per household CNY {value}, {}× the benchmark of CNY {reference} per household (listed beyond {f}× or below 1/{f}; {f}× is an assumption)", ratio(*value, *reference)),
        ),
        (AuditCode::CostEstimated, Figures::Estimate { amount }) => {
            let (b_zh, b_en, i) = match cx.benchmark() {
                Some(b) => (b.label.zh.clone(), b.label.en.clone(), b.amount.clone()),
                None => Default::default(),
            };
            (
                format!("没有填写投资，按“{b_zh}”（{i}）估算为 {amount} 元（估算）"),
                format!("no investment stated: estimated at CNY {amount} from “{b_en}” ({i}), an estimate"),
            )
        }
        (AuditCode::UnreadableFact, Figures::Fact { key, text }) => {
            let (l_zh, l_en) = cx.fact_label(key);
            (
                format!("“{}”无法识别为“{l_zh}”", clip(text)),
                format!("\"{}\" is not a value of “{l_en}”", clip(text)),
            )
        }
        (AuditCode::FactsConflict, Figures::Fact { key, text }) => {
            let (a_zh, a_en) = cx.fact_label(key);
            let (b_zh, b_en) = cx.fact_label(text);
            (
                format!("“{a_zh}”不能大于“{b_zh}”"),
                format!("“{a_en}” must not exceed “{b_en}”"),
            )
        }
        (AuditCode::UnknownFactColumn, Figures::Fact { key, .. }) => (
            format!("对应的“{}”既不是小区情况的字段，也不是本政策包的字段，未读取", clip(key)),
            format!("“{}” is neither a fact of the compound nor one of the pack's own: not read", clip(key)),
        ),
        (AuditCode::ConditionUnknown, Figures::Fact { key, text }) => {
            let (l_zh, l_en) = cx.fact_label(key);
            (
                format!("表格没有“{l_zh}”，资金规则 {} 按不适用处理", clip(text)),
                format!("the sheet does not give “{l_en}”: funding rule {} is not applied", clip(text)),
            )
        }
        (code, _) => {
            let g = code_text(*code, cx);
            (g.zh, g.en)
        }
    };
    t(format!("{at_zh}{zh}"), format!("{at_en}{en}"))
}
