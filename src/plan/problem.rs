//! What can be wrong with a plan file, a column or a cell: one code per kind of problem, and the
//! one function that words each code in Chinese and English.
//!
//! A problem is a plain value ([`CellProblem`]) that says where it is as a person sees it — the
//! line in the file (the row number in Excel), the column letter and header, the compound's 序号 —
//! so a page or the command line can list them next to the plan. A bad cell never stops the rest
//! of the plan: only the codes marked *file* make [`crate::plan::read_plan`] refuse the whole
//! input (as [`crate::Error::PlanFile`]); the others are collected in
//! [`crate::plan::Plan::problems`].

use serde::Serialize;

use crate::text::Text;

/// Every problem code (camelCase when serialised, e.g. `unreadableNumber`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Code {
    /// *File.* The input is larger than [`crate::plan::limits::MAX_BYTES`] (or unpacks to more than
    /// [`crate::plan::limits::MAX_UNPACKED_BYTES`]).
    FileTooLarge,
    /// *File.* More than [`crate::plan::limits::MAX_ROWS`] rows with data.
    TooManyRows,
    /// *File.* Data beyond column [`crate::plan::limits::MAX_COLUMNS`].
    TooManyColumns,
    /// *File.* More than [`crate::plan::limits::MAX_CELLS`] cells in the used area of the sheet.
    TooManyCells,
    /// *File.* Not a spreadsheet or text table that can be read (damaged, password-protected, …).
    UnreadableFile,
    /// *File.* No sheet has any data.
    NoData,
    /// *File.* No row among the first [`crate::plan::limits::HEADER_SCAN_ROWS`] names at least two
    /// known columns.
    NoHeader,
    /// *File.* A given mapping does not fit the file (its header row or a column is not there).
    BadMapping,
    /// Mapping note: a money or area column names no unit; 元 (or m²) is assumed.
    UnitAssumed,
    /// Mapping note: a second column for the same field; only the first is read.
    DuplicateColumn,
    /// Mapping note: no column for the compound's name.
    MissingColumn,
    /// A cell that should hold a number holds something else.
    UnreadableNumber,
    /// A negative amount, area or count.
    NegativeAmount,
    /// A fractional count (households, buildings).
    NotWhole,
    /// A number beyond what gaizao accepts (see `numbers::MAX_*`).
    OutOfRange,
    /// A build date that is not a year, a decade or a range of years.
    UnreadableBuildDate,
    /// A build-date range that ends before it starts.
    InvertedBuildDate,
    /// A renovation year that is not a year.
    UnreadableYear,
    /// A text longer than gaizao accepts for that column.
    TextTooLong,
    /// A 合计/小计/总计 row whose stated figure differs from the sum of the rows it covers.
    SubtotalMismatch,
    /// A declared number of compounds (“共9个”) that differs from the rows counted.
    CountMismatch,
}

impl Code {
    /// The stable camelCase code, the same in JSON and JS.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::FileTooLarge => "fileTooLarge",
            Code::TooManyRows => "tooManyRows",
            Code::TooManyColumns => "tooManyColumns",
            Code::TooManyCells => "tooManyCells",
            Code::UnreadableFile => "unreadableFile",
            Code::NoData => "noData",
            Code::NoHeader => "noHeader",
            Code::BadMapping => "badMapping",
            Code::UnitAssumed => "unitAssumed",
            Code::DuplicateColumn => "duplicateColumn",
            Code::MissingColumn => "missingColumn",
            Code::UnreadableNumber => "unreadableNumber",
            Code::NegativeAmount => "negativeAmount",
            Code::NotWhole => "notWhole",
            Code::OutOfRange => "outOfRange",
            Code::UnreadableBuildDate => "unreadableBuildDate",
            Code::InvertedBuildDate => "invertedBuildDate",
            Code::UnreadableYear => "unreadableYear",
            Code::TextTooLong => "textTooLong",
            Code::SubtotalMismatch => "subtotalMismatch",
            Code::CountMismatch => "countMismatch",
        }
    }

    /// Whether this code refuses the whole file.
    pub fn is_fatal(self) -> bool {
        matches!(
            self,
            Code::FileTooLarge
                | Code::TooManyRows
                | Code::TooManyColumns
                | Code::TooManyCells
                | Code::UnreadableFile
                | Code::NoData
                | Code::NoHeader
                | Code::BadMapping
        )
    }
}

/// One problem, located as a person sees the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CellProblem {
    /// 0-based index of the compound in [`crate::plan::Plan::rows`]; `None` for the file, the
    /// mapping and subtotal rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// 1-based line: the row number in a workbook, the physical line in a CSV/TSV file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The compound's 序号 as written, when the row has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    /// The column's header text as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The column letter (A, B, …, AA).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub letter: Option<String>,
    /// What is wrong, as a stable code: the sentence is made from it in either language.
    pub code: Code,
    /// The offending text (clipped) or the figures compared; may be empty.
    pub detail: String,
}

impl CellProblem {
    /// A problem of the whole file (or of its mapping), at an optional line.
    pub fn file(code: Code, line: Option<usize>, detail: impl Into<String>) -> CellProblem {
        CellProblem {
            row: None,
            line,
            serial: None,
            column: None,
            letter: None,
            code,
            detail: detail.into(),
        }
    }

    /// The stable camelCase code.
    pub fn code_str(&self) -> &'static str {
        self.code.as_str()
    }

    /// The message in both languages: the one place each code is worded.
    pub fn message(&self) -> Text {
        let at_zh = self.place_zh();
        let at_en = self.place_en();
        let d = clip(&self.detail);
        let quoted_zh = if d.is_empty() {
            String::new()
        } else {
            format!("“{d}”")
        };
        let quoted_en = if d.is_empty() {
            String::new()
        } else {
            format!(" \"{d}\"")
        };
        use crate::plan::limits as l;
        let (zh, en) = match self.code {
            Code::FileTooLarge => (
                format!("文件太大：最多 {} MiB（解压后最多 {} MiB）{d}", l::MAX_BYTES >> 20, l::MAX_UNPACKED_BYTES >> 20),
                format!("the file is too large: at most {} MiB ({} MiB unpacked) {d}", l::MAX_BYTES >> 20, l::MAX_UNPACKED_BYTES >> 20),
            ),
            Code::TooManyRows => (
                format!("{at_zh}行数超过上限（最多 {} 行有数据）", l::MAX_ROWS),
                format!("{at_en}more rows than accepted (at most {} rows with data)", l::MAX_ROWS),
            ),
            Code::TooManyColumns => (
                format!("{at_zh}列数超过上限（最多 {} 列）", l::MAX_COLUMNS),
                format!("{at_en}more columns than accepted (at most {})", l::MAX_COLUMNS),
            ),
            Code::TooManyCells => (
                format!("{at_zh}单元格数超过上限（最多 {} 个）", l::MAX_CELLS),
                format!("{at_en}more cells than accepted (at most {})", l::MAX_CELLS),
            ),
            Code::UnreadableFile => (
                format!("无法读取该文件（不是可识别的 Excel、WPS、ODS 或 CSV 表格）：{d}"),
                format!("the file cannot be read (not a recognised Excel, WPS, ODS or CSV table): {d}"),
            ),
            Code::NoData => ("表格中没有数据".to_string(), "the table has no data".to_string()),
            Code::NoHeader => (
                format!("在前 {} 行中没有找到表头（如“序号、小区名称、户数、预计投资”）", l::HEADER_SCAN_ROWS),
                format!("no header row (such as 序号, 小区名称, 户数, 预计投资) in the first {} rows", l::HEADER_SCAN_ROWS),
            ),
            Code::BadMapping => (
                format!("{at_zh}给定的列对应关系与文件不符：{d}"),
                format!("{at_en}the given column mapping does not fit the file: {d}"),
            ),
            Code::UnitAssumed => (
                format!("{at_zh}表头没有写单位，按{d}读取"),
                format!("{at_en}the header names no unit; read as {d}"),
            ),
            Code::DuplicateColumn => (
                format!("{at_zh}与前面的列对应同一项，只读取第一列"),
                format!("{at_en}maps to the same field as an earlier column; only the first is read"),
            ),
            Code::MissingColumn => (
                format!("没有找到“{d}”列"),
                format!("no column for {d}"),
            ),
            Code::UnreadableNumber => (
                format!("{at_zh}{quoted_zh}不是有效的数字"),
                format!("{at_en}{quoted_en} is not a valid number"),
            ),
            Code::NegativeAmount => (
                format!("{at_zh}{quoted_zh}不能为负数"),
                format!("{at_en}{quoted_en} must not be negative"),
            ),
            Code::NotWhole => (
                format!("{at_zh}{quoted_zh}必须是整数"),
                format!("{at_en}{quoted_en} must be a whole number"),
            ),
            Code::OutOfRange => (
                format!("{at_zh}{quoted_zh}超出可接受的范围"),
                format!("{at_en}{quoted_en} is outside the accepted range"),
            ),
            Code::UnreadableBuildDate => (
                format!("{at_zh}{quoted_zh}无法识别为建成年份（可写“1985”“1980年代”“1985—2000”）"),
                format!("{at_en}{quoted_en} is not a build year (write e.g. 1985, 1980年代 or 1985—2000)"),
            ),
            Code::InvertedBuildDate => (
                format!("{at_zh}{quoted_zh}的起始年份晚于结束年份"),
                format!("{at_en}{quoted_en} starts after it ends"),
            ),
            Code::UnreadableYear => (
                format!("{at_zh}{quoted_zh}无法识别为改造年度（可写“2018”“2018年”）"),
                format!("{at_en}{quoted_en} is not a renovation year (write e.g. 2018 or 2018年)"),
            ),
            Code::TextTooLong => (
                format!("{at_zh}文字太长：{d}"),
                format!("{at_en}the text is too long: {d}"),
            ),
            Code::SubtotalMismatch => (
                format!("{at_zh}合计数与所含各行之和不符：{d}"),
                format!("{at_en}the stated total differs from the sum of its rows: {d}"),
            ),
            Code::CountMismatch => (
                format!("{at_zh}写明的小区个数与实际行数不符：{d}"),
                format!("{at_en}the stated number of compounds differs from the rows: {d}"),
            ),
        };
        Text::new(zh, en)
    }

    fn place_zh(&self) -> String {
        let mut s = String::new();
        if let Some(line) = self.line {
            s.push_str(&format!("第 {line} 行"));
        }
        if let Some(serial) = &self.serial {
            s.push_str(&format!("（序号 {}）", clip(serial)));
        }
        match (&self.letter, &self.column) {
            (Some(l), Some(c)) => s.push_str(&format!("{l} 列“{}”", clip(c))),
            (Some(l), None) => s.push_str(&format!("{l} 列")),
            (None, Some(c)) => s.push_str(&format!("“{}”列", clip(c))),
            (None, None) => {}
        }
        if !s.is_empty() {
            s.push('：');
        }
        s
    }

    fn place_en(&self) -> String {
        let mut parts = Vec::new();
        if let Some(line) = self.line {
            parts.push(format!("line {line}"));
        }
        if let Some(serial) = &self.serial {
            parts.push(format!("No. {}", clip(serial)));
        }
        match (&self.letter, &self.column) {
            (Some(l), Some(c)) => parts.push(format!("column {l} ({})", clip(c))),
            (Some(l), None) => parts.push(format!("column {l}")),
            (None, Some(c)) => parts.push(format!("column {}", clip(c))),
            (None, None) => {}
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("{}: ", parts.join(", "))
        }
    }
}

/// Keeps echoed cell text short in messages.
fn clip(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}
