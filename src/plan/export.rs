//! Writing sheets of typed cells to `.xlsx` (rust_xlsxwriter) and `.csv` (UTF-8 with BOM, which
//! Excel and WPS open without garbling Chinese).
//!
//! Generic on purpose: the planning code fills the sheets (明细, 汇总, 审核); this module only
//! writes them. Numbers are written as number cells with a number format, so totals can be summed
//! in Excel; an Excel number is a double, so a `Decimal` is converted at this edge only (exact
//! for up to 15 significant digits, i.e. any amount below 10^13 元 with two decimals).

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};

use crate::error::Error;

/// One cell of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportCell {
    /// A blank cell: a missing figure stays blank rather than reading 0.
    Empty,
    /// A text cell, written as it is.
    Text(String),
    /// Written as a number cell (default format `#,##0.00`).
    Number(Decimal),
    /// Written as a number cell (default format `0`, so years read 2018, not 2,018).
    Integer(i64),
}

/// A column: its header and, optionally, its number format and width (in characters).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header row's text for this column.
    pub header: String,
    /// Excel number format for the column's number cells, e.g. `#,##0.00`, `#,##0`, `0.0%`.
    pub number_format: Option<String>,
    /// Width in characters; `None` fits the content (a Chinese character counts two).
    pub width: Option<f64>,
}

impl Column {
    /// A column with the default number format and a fitted width, as most columns are.
    pub fn new(header: impl Into<String>) -> Column {
        Column {
            header: header.into(),
            number_format: None,
            width: None,
        }
    }

    /// The same column with a number format of its own (a whole number, a percentage).
    pub fn with_format(mut self, format: impl Into<String>) -> Column {
        self.number_format = Some(format.into());
        self
    }
}

/// A sheet: a name (Excel's rules are applied: at most 31 characters, no `[]:*?/\`), header
/// columns and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The tab's name (明细, 汇总, 审核); Excel's rules are applied when it is written.
    pub name: String,
    /// The columns: the header row and each column's number format.
    pub columns: Vec<Column>,
    /// The data rows below the header, cells in the order of `columns`.
    pub rows: Vec<Vec<ExportCell>>,
}

/// Document properties of an xlsx export.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct XlsxOptions {
    /// The creation date (year, month, day) written into the file. `None`: the current time (on
    /// wasm32 read from JS `Date.now()`). Tests give one to get identical bytes every run.
    pub created: Option<(u16, u8, u8)>,
    /// The workbook's title property, which Excel shows in the file's details.
    pub title: Option<String>,
    /// The workbook's author property, when the caller knows who exports.
    pub author: Option<String>,
}

const DEFAULT_DECIMAL_FORMAT: &str = "#,##0.00";
const DEFAULT_INTEGER_FORMAT: &str = "0";
const MAX_SHEET_NAME: usize = 31;

fn failed(e: impl std::fmt::Display) -> Error {
    Error::ExportFailed {
        detail: e.to_string(),
    }
}

/// A sheet name Excel accepts, unique among `taken`.
fn sheet_name(name: &str, taken: &[String]) -> String {
    let mut base: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect::<String>()
        .trim_matches('\'')
        .chars()
        .take(MAX_SHEET_NAME)
        .collect();
    if base.trim().is_empty() {
        base = "Sheet".into();
    }
    let mut candidate = base.clone();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == candidate.to_lowercase())
    {
        let suffix = format!("({n})");
        let head: String = base
            .chars()
            .take(MAX_SHEET_NAME - suffix.chars().count())
            .collect();
        candidate = format!("{head}{suffix}");
        n += 1;
    }
    candidate
}

/// Display width: CJK and other wide characters count two.
fn text_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// Writes the sheets into an xlsx file: bold header row, frozen, columns sized to fit.
pub fn write_xlsx(sheets: &[Sheet], options: &XlsxOptions) -> Result<Vec<u8>, Error> {
    let mut book = Workbook::new();
    let mut props = DocProperties::new();
    if let Some((y, m, d)) = options.created {
        let date = ExcelDateTime::from_ymd(y, m, d).map_err(failed)?;
        props = props.set_creation_datetime(&date);
    }
    if let Some(t) = &options.title {
        props = props.set_title(t);
    }
    if let Some(a) = &options.author {
        props = props.set_author(a);
    }
    book.set_properties(&props);
    let header_format = Format::new().set_bold().set_align(FormatAlign::Center);
    let mut taken: Vec<String> = Vec::new();
    for sheet in sheets {
        let name = sheet_name(&sheet.name, &taken);
        taken.push(name.clone());
        let ws = book.add_worksheet();
        ws.set_name(&name).map_err(failed)?;
        let formats: Vec<(Format, Format)> = sheet
            .columns
            .iter()
            .map(|c| {
                let f = c.number_format.as_deref();
                (
                    Format::new().set_num_format(f.unwrap_or(DEFAULT_DECIMAL_FORMAT)),
                    Format::new().set_num_format(f.unwrap_or(DEFAULT_INTEGER_FORMAT)),
                )
            })
            .collect();
        let mut widths: Vec<usize> = sheet
            .columns
            .iter()
            .map(|c| text_width(&c.header))
            .collect();
        for (c, col) in sheet.columns.iter().enumerate() {
            let c16 = u16::try_from(c).map_err(failed)?;
            ws.write_string_with_format(0, c16, &col.header, &header_format)
                .map_err(failed)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r32 = u32::try_from(r + 1).map_err(failed)?;
            for (c, cell) in row.iter().enumerate() {
                let c16 = u16::try_from(c).map_err(failed)?;
                let (decimal_fmt, integer_fmt) = match formats.get(c) {
                    Some((d, i)) => (d.clone(), i.clone()),
                    None => (
                        Format::new().set_num_format(DEFAULT_DECIMAL_FORMAT),
                        Format::new().set_num_format(DEFAULT_INTEGER_FORMAT),
                    ),
                };
                let shown = match cell {
                    ExportCell::Empty => 0,
                    ExportCell::Text(s) => {
                        ws.write_string(r32, c16, s).map_err(failed)?;
                        text_width(s)
                    }
                    ExportCell::Number(d) => {
                        let f = d.to_f64().ok_or_else(|| failed("number out of range"))?;
                        ws.write_number_with_format(r32, c16, f, &decimal_fmt)
                            .map_err(failed)?;
                        // digits, separators and two decimals
                        let digits = d.trunc().abs().to_string().len();
                        digits + digits / 3 + 3
                    }
                    ExportCell::Integer(i) => {
                        ws.write_number_with_format(r32, c16, *i as f64, &integer_fmt)
                            .map_err(failed)?;
                        i.to_string().len()
                    }
                };
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(shown);
                } else {
                    widths.push(shown);
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            let c16 = u16::try_from(c).map_err(failed)?;
            let width = sheet
                .columns
                .get(c)
                .and_then(|col| col.width)
                .unwrap_or(((*w).clamp(6, 60) + 2) as f64);
            ws.set_column_width(c16, width).map_err(failed)?;
        }
        ws.set_freeze_panes(1, 0).map_err(failed)?;
    }
    if sheets.is_empty() {
        book.add_worksheet();
    }
    book.save_to_buffer().map_err(failed)
}

/// Writes one sheet as CSV: UTF-8 with BOM, CRLF line ends, numbers in plain decimal form.
/// Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`) is prefixed
/// with `'` so a compound name can never become a formula.
pub fn write_csv(sheet: &Sheet) -> Result<Vec<u8>, Error> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(&mut out);
        w.write_record(sheet.columns.iter().map(|c| safe_text(&c.header)))
            .map_err(failed)?;
        for row in &sheet.rows {
            w.write_record(row.iter().map(|c| match c {
                ExportCell::Empty => String::new(),
                ExportCell::Text(s) => safe_text(s),
                ExportCell::Number(d) => d.to_string(),
                ExportCell::Integer(i) => i.to_string(),
            }))
            .map_err(failed)?;
        }
        w.flush().map_err(failed)?;
    }
    Ok(out)
}

fn safe_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)] // a test that panics fails, as it should
mod tests {
    use super::*;

    #[test]
    fn sheet_names() {
        assert_eq!(sheet_name("明细", &[]), "明细");
        assert_eq!(sheet_name("a/b:c", &[]), "a_b_c");
        assert_eq!(sheet_name("明细", &["明细".into()]), "明细(2)");
        assert_eq!(sheet_name(&"x".repeat(40), &[]).len(), 31);
        assert_eq!(sheet_name("", &[]), "Sheet");
    }

    #[test]
    fn csv_has_bom_and_guards_formulas() {
        let sheet = Sheet {
            name: "汇总".into(),
            columns: vec![Column::new("名称"), Column::new("投资（元）")],
            rows: vec![vec![
                ExportCell::Text("=HYPERLINK(\"x\")".into()),
                ExportCell::Number(Decimal::new(2387500, 2)),
            ]],
        };
        let bytes = write_csv(&sheet).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{FEFF}'));
        assert!(text.contains("'=HYPERLINK"));
        assert!(text.contains("23875.00"));
        assert!(text.contains("\r\n"));
    }
}
