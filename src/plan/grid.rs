//! Bytes and a file name → a grid of cells, whatever the format.
//!
//! Workbooks (`.xlsx`, `.ods`) are read by calamine, `.xls` by a strict reader of our own
//! ([`super::xls`], because calamine's aborts on damaged files); CSV/TSV and text pasted from Excel
//! by the csv crate, after decoding with encoding_rs (UTF-8 with or without BOM, UTF-16 with BOM
//! as Excel's “Unicode text” export writes it, else GB18030, the superset of GBK). The format
//! comes from the file name's extension, else from the bytes. Numbers in workbooks become exact
//! decimals from the shortest text that gives back the stored double (what Excel shows for
//! 2387.5 is 2387.5, never 2387.4999…); no f64 leaves this module.
//!
//! Limits ([`super::limits`]) are checked before reading (size, the zip's unpacked size) or while
//! reading (rows, columns, cells), so an oversized input is refused before it is all in memory.
//! Hand-written here, because no library does it: the delimiter sniffing, the zip pre-check, a
//! pre-scan of ODS row/column repeats (calamine expands `number-rows-repeated` eagerly), the
//! conversion of Excel date serials (calamine's needs chrono) and the cell-by-cell xlsx loop that
//! stops at the limits (calamine's own `worksheet_range` loads the whole sheet first).

use std::io::Cursor;

use calamine::{Data, DataRef, Reader};
use rust_decimal::Decimal;
use serde::Serialize;

use super::limits::{
    MAX_BYTES, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_UNPACKED_BYTES, MAX_ZIP_ENTRIES,
};
use super::problem::{CellProblem, Code};
use crate::error::Error;

/// One cell's value.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "camelCase")]
pub enum Cell {
    /// No value: a blank cell.
    #[default]
    Empty,
    /// Text as written (dates in workbooks become ISO text, `1985-06-01`; error cells `#N/A`).
    Text(String),
    /// A number stored as a number in a workbook, as an exact decimal.
    Number(#[serde(serialize_with = "crate::plan::ser_decimal")] Decimal),
    /// TRUE / FALSE stored as such in a workbook.
    Bool(bool),
}

impl Cell {
    /// Whether the cell holds nothing: rows and columns with data are told from padding by it.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as text: numbers in their plain decimal form, booleans as TRUE/FALSE.
    pub fn text(&self) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        match self {
            Cell::Empty => None,
            Cell::Text(s) => Some(Cow::Borrowed(s.as_str())),
            Cell::Number(d) => Some(Cow::Owned(d.normalize().to_string())),
            Cell::Bool(b) => Some(Cow::Borrowed(if *b { "TRUE" } else { "FALSE" })),
        }
    }
}

/// The kind of file the grid came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Format {
    /// Office Open XML (Excel 2007 and later), the usual format of a plan.
    Xlsx,
    /// The older binary Excel workbook, which many offices still send.
    Xls,
    /// OpenDocument (WPS Office, LibreOffice).
    Ods,
    /// Delimited text: CSV, TSV, or text pasted from a spreadsheet (tab-separated).
    Text,
}

/// A row of the grid: its cells from column A, and its 1-based line in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    /// The sheet's row number (workbooks) or the physical line where the record starts (text).
    pub line: usize,
    /// Cells from column A; may be shorter than [`Grid::width`] (missing cells are empty).
    pub cells: Vec<Cell>,
}

impl GridRow {
    /// The cell at a column, empty past the row's end: rows may be shorter than the grid.
    pub fn get(&self, col: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.cells.get(col).unwrap_or(&EMPTY)
    }
}

/// A merged region, in lines (1-based, as [`GridRow::line`]) and 0-based columns; the value is
/// the top-left cell's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Merge {
    /// First line of the region (1-based).
    pub first_line: usize,
    /// Last line of the region, inclusive.
    pub last_line: usize,
    /// First column (0-based).
    pub first_col: usize,
    /// Last column, inclusive.
    pub last_col: usize,
}

/// Where the grid came from and how it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// The kind of file, told from its bytes rather than its name.
    pub format: Format,
    /// The sheet read (workbooks): the first with data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The text encoding (text files): `UTF-8`, `UTF-16LE`, `UTF-16BE` or `GB18030`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
    /// The delimiter (text files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// Whether the format tells merged cells apart from empty ones (xlsx, xls, ods). Where it
    /// does not (CSV, TSV, pasted text), a merged year or district arrives as blanks below its
    /// first row and the row reader carries the value down.
    pub merges_known: bool,
}

/// The cells of one sheet, rows with data only, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// Where the cells came from, shown to the official so that a wrong sheet or encoding is seen
    /// at once.
    pub source: Source,
    /// The rows with data, in file order; empty rows are left out, so lines need not be
    /// consecutive.
    pub rows: Vec<GridRow>,
    /// The merged regions, so that a value merged down a block (a year, a district) applies to each
    /// of its rows.
    pub merges: Vec<Merge>,
    /// One past the last column with data.
    pub width: usize,
}

fn refuse(code: Code, line: Option<usize>, detail: impl Into<String>, file: &str) -> Error {
    Error::PlanFile {
        file: file.to_string(),
        problem: Box::new(CellProblem::file(code, line, detail)),
    }
}

fn unreadable(file: &str, detail: impl std::fmt::Display) -> Error {
    let detail: String = detail.to_string().chars().take(200).collect();
    refuse(Code::UnreadableFile, None, detail, file)
}

/// Reads the first sheet with data of a workbook, or a delimited text file.
pub fn read_grid(bytes: &[u8], file_name: &str) -> Result<Grid, Error> {
    if bytes.len() > MAX_BYTES {
        return Err(refuse(
            Code::FileTooLarge,
            None,
            format!("({} MiB)", bytes.len() >> 20),
            file_name,
        ));
    }
    match format_of(bytes, file_name) {
        Format::Xlsx => {
            check_zip(bytes, file_name)?;
            read_xlsx(bytes, file_name)
        }
        Format::Ods => {
            check_zip(bytes, file_name)?;
            let merges = scan_ods(bytes, file_name)?;
            read_ods(bytes, file_name, merges)
        }
        Format::Xls => read_xls(bytes, file_name),
        Format::Text => read_text(bytes, file_name),
    }
}

/// Reads text pasted from a spreadsheet (tab-separated) or any delimited text.
pub fn read_pasted(text: &str) -> Result<Grid, Error> {
    read_text(text.as_bytes(), "")
}

/// The format from the extension; without a known one, from the first bytes.
pub fn format_of(bytes: &[u8], file_name: &str) -> Format {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" | "xlsm" => return Format::Xlsx,
        "xls" | "et" => {
            // WPS's .et and many “.xls” files saved by other tools are really xlsx (zip) inside.
            if bytes.starts_with(b"PK\x03\x04") {
                return Format::Xlsx;
            }
            return Format::Xls;
        }
        "ods" => return Format::Ods,
        "csv" | "tsv" | "txt" | "tab" => return Format::Text,
        _ => {}
    }
    if bytes.starts_with(b"PK\x03\x04") {
        if is_ods_zip(bytes) {
            Format::Ods
        } else {
            Format::Xlsx
        }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Format::Xls
    } else {
        Format::Text
    }
}

/// An ODS package stores its mimetype uncompressed as the first entry.
fn is_ods_zip(bytes: &[u8]) -> bool {
    let head = bytes.get(..100).unwrap_or(bytes);
    head.windows(46)
        .any(|w| w == b"application/vnd.oasis.opendocument.spreadsheet")
}

/// Refuses zip bombs before unpacking: the sum of the declared unpacked sizes and the number of
/// entries are bounded.
fn check_zip(bytes: &[u8], file: &str) -> Result<(), Error> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(file, e))?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(refuse(
            Code::FileTooLarge,
            None,
            format!("({} entries)", zip.len()),
            file,
        ));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| unreadable(file, e))?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNPACKED_BYTES as u64 {
        return Err(refuse(
            Code::FileTooLarge,
            None,
            format!("({} MiB unpacked)", total >> 20),
            file,
        ));
    }
    Ok(())
}

/// Accumulates the rows of a sheet in order and enforces the row, column and cell limits.
struct Builder<'f> {
    file: &'f str,
    rows: Vec<GridRow>,
    width: usize,
    cells: usize,
}

impl<'f> Builder<'f> {
    fn new(file: &'f str) -> Self {
        Builder {
            file,
            rows: Vec::new(),
            width: 0,
            cells: 0,
        }
    }

    /// Adds a cell at a 0-based (row, col); rows must come in order.
    fn cell(&mut self, row: u32, col: u32, value: Cell) -> Result<(), Error> {
        if value.is_empty() {
            return Ok(());
        }
        let line = row as usize + 1;
        let col = col as usize;
        if col >= MAX_COLUMNS {
            return Err(refuse(
                Code::TooManyColumns,
                Some(line),
                String::new(),
                self.file,
            ));
        }
        let new_row = self.rows.last().is_none_or(|r| r.line != line);
        if new_row {
            if self.rows.len() >= MAX_ROWS {
                return Err(refuse(
                    Code::TooManyRows,
                    Some(line),
                    String::new(),
                    self.file,
                ));
            }
            self.rows.push(GridRow {
                line,
                cells: Vec::new(),
            });
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(refuse(
                Code::TooManyCells,
                Some(line),
                String::new(),
                self.file,
            ));
        }
        if let Some(r) = self.rows.last_mut() {
            if r.cells.len() <= col {
                r.cells.resize(col + 1, Cell::Empty);
            }
            if let Some(slot) = r.cells.get_mut(col) {
                *slot = value;
            }
        }
        self.width = self.width.max(col + 1);
        Ok(())
    }

    fn finish(self, source: Source, merges: Vec<Merge>) -> Result<Grid, Error> {
        if self.rows.is_empty() {
            return Err(refuse(Code::NoData, None, String::new(), self.file));
        }
        Ok(Grid {
            source,
            rows: self.rows,
            merges,
            width: self.width,
        })
    }
}

/// The exact decimal of a stored double: its shortest round-trip text (Rust's `Display` for f64),
/// read as a decimal. Values beyond Decimal's range stay text, so the row reader reports them.
pub(crate) fn number_cell(f: f64) -> Cell {
    if !f.is_finite() {
        return Cell::Text(format!("{f}"));
    }
    // Whole numbers (counts, years, most amounts) need no formatting: exact below 2^53.
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        return Cell::Number(Decimal::from(f as i64));
    }
    let text = format!("{f}");
    match crate::numbers::decimal_text(&text) {
        Some(d) => Cell::Number(d.normalize()),
        None => Cell::Text(text),
    }
}

/// An Excel date serial (1900 date system) as ISO text: `1985-06-01`, with `T12:30:00` when it
/// has a time. Serials before 1900-03-01 count Excel's phantom 1900-02-29.
pub(crate) fn excel_date_text(serial: f64) -> Cell {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return number_cell(serial);
    }
    let whole = serial.floor();
    let secs = ((serial - whole) * 86_400.0).round() as i64;
    // Serial 25,569 is 1970-01-01; serials below 61 are one day off (the phantom 1900-02-29).
    let days = whole as i64 - 25_569 + i64::from(whole < 61.0);
    let (y, m, d) = civil_from_days(days);
    let date = format!("{y:04}-{m:02}-{d:02}");
    if secs == 0 || secs >= 86_400 {
        Cell::Text(date)
    } else {
        Cell::Text(format!(
            "{date}T{:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        ))
    }
}

/// Days since 1970-01-01 → (year, month, day).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `days_1904`: 1,462 for a workbook in the 1904 date system (old Mac Excel), else 0.
fn data_ref_cell(v: DataRef<'_>, days_1904: f64) -> Cell {
    match v {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(Decimal::from(i)),
        DataRef::Float(f) => number_cell(f),
        DataRef::String(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s.to_string()),
        DataRef::Bool(b) => Cell::Bool(b),
        // Durations ([hh]:mm) come out as dates too: calamine tells them apart only with chrono.
        DataRef::DateTime(dt) => excel_date_text(dt.as_f64() + days_1904),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text_cell(s),
        DataRef::Error(e) => Cell::Text(e.to_string()),
    }
}

fn data_cell(v: &Data) -> Cell {
    match v {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(Decimal::from(*i)),
        Data::Float(f) => number_cell(*f),
        Data::String(s) => text_cell(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => excel_date_text(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => text_cell(s.clone()),
        Data::Error(e) => Cell::Text(e.to_string()),
    }
}

/// Whitespace-only text is an empty cell.
fn text_cell(s: String) -> Cell {
    if s.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

fn read_xlsx(bytes: &[u8], file: &str) -> Result<Grid, Error> {
    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(file, e))?;
    let names = book.sheet_names();
    let days_1904 = if book.has_1904_epoch() { 1462.0 } else { 0.0 };
    for name in names {
        let mut b = Builder::new(file);
        {
            let mut cells = book
                .worksheet_cells_reader(&name)
                .map_err(|e| unreadable(file, e))?;
            let mut last = (0u32, 0u32);
            while let Some(c) = cells.next_cell().map_err(|e| unreadable(file, e))? {
                let (row, col) = c.get_position();
                if (row, col) < last && !b.rows.is_empty() {
                    // Cells out of order (not written by Excel or WPS): not supported.
                    return Err(unreadable(file, "cells out of order"));
                }
                last = (row, col);
                b.cell(row, col, data_ref_cell(c.get_value().clone(), days_1904))?;
            }
        }
        if b.rows.is_empty() {
            continue;
        }
        let merges = match xlsx_merges(bytes, &name) {
            Some(m) => m,
            None => match book.worksheet_merge_cells(&name) {
                Some(Ok(dims)) => dims.iter().map(merge_of).collect(),
                _ => Vec::new(),
            },
        };
        let source = Source {
            format: Format::Xlsx,
            sheet: Some(name),
            encoding: None,
            delimiter: None,
            merges_known: true,
        };
        return b.finish(source, merges);
    }
    Err(refuse(Code::NoData, None, String::new(), file))
}

/// The merged ranges of a sheet, found without parsing its cells again.
///
/// calamine's `worksheet_merge_cells` runs its XML parser over the whole sheet a second time to
/// reach `<mergeCells>`, which follows `<sheetData>` (≈ 0.3 s for 220,000 rows). Here the sheet's
/// part is found through `xl/workbook.xml` and its relationships, inflated in chunks that are only
/// searched for `</sheetData>`, and the short tail after it is read. `None` (any surprise) falls
/// back to calamine.
fn xlsx_merges(bytes: &[u8], sheet: &str) -> Option<Vec<Merge>> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let small = |zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str| -> Option<Vec<u8>> {
        let mut out = Vec::new();
        zip.by_name(name)
            .ok()?
            .take(16 << 20)
            .read_to_end(&mut out)
            .ok()?;
        Some(out)
    };
    let workbook = small(&mut zip, "xl/workbook.xml")?;
    let rels = small(&mut zip, "xl/_rels/workbook.xml.rels")?;
    let id = xml_attrs(&workbook, b"sheet")
        .into_iter()
        .find(|a| attr(a, b"name").as_deref() == Some(sheet))
        .and_then(|a| attr(&a, b"r:id").or_else(|| attr(&a, b"id")))?;
    let target = xml_attrs(&rels, b"Relationship")
        .into_iter()
        .find(|a| attr(a, b"Id").as_deref() == Some(id.as_str()))
        .and_then(|a| attr(&a, b"Target"))?;
    let path = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    };
    let mut part = zip.by_name(&path).ok()?.take(MAX_UNPACKED_BYTES as u64);
    let finder = memchr::memmem::Finder::new(b"</sheetData>");
    let mut buf = vec![0u8; 256 * 1024];
    let mut keep = 0usize; // bytes carried over, in case the marker straddles two chunks
    let mut tail: Option<Vec<u8>> = None;
    loop {
        let n = part.read(buf.get_mut(keep..)?).ok()?;
        if n == 0 {
            break;
        }
        let filled = keep + n;
        let chunk = buf.get(..filled)?;
        if let Some(t) = tail.as_mut() {
            t.extend_from_slice(chunk);
            if t.len() > 64 << 20 {
                return None;
            }
            keep = 0;
            continue;
        }
        if let Some(i) = finder.find(chunk) {
            tail = Some(chunk.get(i + b"</sheetData>".len()..)?.to_vec());
            keep = 0;
            continue;
        }
        let carry = filled.min(16);
        buf.copy_within(filled - carry..filled, 0);
        keep = carry;
    }
    let tail = tail?;
    let mut merges = Vec::new();
    for a in xml_attrs(&tail, b"mergeCell") {
        let r = attr(&a, b"ref")?;
        let (from, to) = r.split_once(':').unwrap_or((&r, &r));
        let ((r1, c1), (r2, c2)) = (cell_ref(from)?, cell_ref(to)?);
        merges.push(Merge {
            first_line: r1.min(r2),
            last_line: r1.max(r2),
            first_col: c1.min(c2),
            last_col: c1.max(c2),
        });
    }
    Some(merges)
}

/// The attributes (raw name, unescaped value) of every element with this local name.
fn xml_attrs(xml: &[u8], local: &[u8]) -> Vec<Vec<(Vec<u8>, String)>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == local => {
                let attrs = e
                    .attributes()
                    .flatten()
                    .map(|a| {
                        let v = a
                            .decode_and_unescape_value(reader.decoder())
                            .map(|v| v.into_owned())
                            .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
                        (a.key.as_ref().to_vec(), v)
                    })
                    .collect();
                out.push(attrs);
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

fn attr(attrs: &[(Vec<u8>, String)], key: &[u8]) -> Option<String> {
    attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
}

/// `H12` → (line 12, column 7).
fn cell_ref(r: &str) -> Option<(usize, usize)> {
    let r = r.trim().trim_start_matches('$');
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    let letters = letters.trim_end_matches('$');
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let col = letters.bytes().fold(0usize, |n, b| {
        n * 26 + (b.to_ascii_uppercase() - b'A' + 1) as usize
    }) - 1;
    let line: usize = digits.parse().ok().filter(|l| *l >= 1 && *l <= 1_048_576)?;
    Some((line, col))
}

fn merge_of(d: &calamine::Dimensions) -> Merge {
    Merge {
        first_line: d.start.0 as usize + 1,
        last_line: d.end.0 as usize + 1,
        first_col: d.start.1 as usize,
        last_col: d.end.1 as usize,
    }
}

/// Copies a calamine range (already bounded by the format or by the pre-scan) into the grid.
fn from_range(range: &calamine::Range<Data>, b: &mut Builder<'_>) -> Result<(), Error> {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    for (r, row) in range.rows().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if matches!(v, Data::Empty) {
                continue;
            }
            b.cell(row0 + r as u32, col0 + c as u32, data_cell(v))?;
        }
    }
    Ok(())
}

fn read_xls(bytes: &[u8], file: &str) -> Result<Grid, Error> {
    // Our own strict reader (see src/plan/xls.rs for why not calamine's).
    let sheets = super::xls::read(bytes, MAX_CELLS).map_err(|damage| {
        if damage == "too many cells" {
            refuse(Code::TooManyCells, None, String::new(), file)
        } else {
            unreadable(file, format!(".xls: {damage}"))
        }
    })?;
    for sheet in sheets {
        let mut b = Builder::new(file);
        for (row, col, value) in sheet.cells {
            b.cell(row, col, value)?;
        }
        if b.rows.is_empty() {
            continue;
        }
        let source = Source {
            format: Format::Xls,
            sheet: Some(sheet.name),
            encoding: None,
            delimiter: None,
            merges_known: true,
        };
        return b.finish(source, sheet.merges);
    }
    Err(refuse(Code::NoData, None, String::new(), file))
}

fn read_ods(bytes: &[u8], file: &str, merges: Vec<(usize, Merge)>) -> Result<Grid, Error> {
    let mut book = calamine::Ods::new(Cursor::new(bytes)).map_err(|e| unreadable(file, e))?;
    for (index, name) in book.sheet_names().into_iter().enumerate() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| unreadable(file, e))?;
        let mut b = Builder::new(file);
        from_range(&range, &mut b)?;
        if b.rows.is_empty() {
            continue;
        }
        let source = Source {
            format: Format::Ods,
            sheet: Some(name),
            encoding: None,
            delimiter: None,
            // calamine does not report ODS merges (covered cells arrive empty): they come from
            // our own pass over content.xml.
            merges_known: true,
        };
        let merges = merges
            .into_iter()
            .filter(|(t, _)| *t == index)
            .map(|(_, m)| m)
            .collect();
        return b.finish(source, merges);
    }
    Err(refuse(Code::NoData, None, String::new(), file))
}

/// calamine expands ODS row and column repeats while it loads every sheet, so a small file
/// saying `table:number-rows-repeated="1000000000"` on a row with a value would fill memory.
/// This pass over `content.xml` adds the repeats up first (empty trailing rows and cells, which
/// calamine does not expand, are not counted) and refuses what exceeds the limits. It also
/// returns the merged cells by table index, which calamine does not report.
fn scan_ods(bytes: &[u8], file: &str) -> Result<Vec<(usize, Merge)>, Error> {
    use quick_xml::events::Event;
    use std::io::Read;

    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(file, e))?;
    let mut xml = Vec::new();
    zip.by_name("content.xml")
        .map_err(|e| unreadable(file, e))?
        .take(MAX_UNPACKED_BYTES as u64)
        .read_to_end(&mut xml)
        .map_err(|e| unreadable(file, e))?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    // Per table: rows counted so far (committed up to the last row with a value) and pending.
    let (mut rows, mut pending_rows) = (0u64, 0u64);
    // Per row: its repeat, columns so far (committed up to the last cell with a value) and pending.
    let (mut row_repeat, mut cols, mut pending_cols, mut row_has_value) = (1u64, 0u64, 0u64, false);
    let mut cells_total = 0u64;
    let mut cell_repeat = 1u64;
    let mut cell_has_value = false;
    let mut depth_in_cell = false;
    // Merged cells (number-rows-spanned / number-columns-spanned), by table: calamine does not
    // report them, and their positions fall out of the same counting.
    let mut merges: Vec<(usize, Merge)> = Vec::new();
    let mut tables = 0usize;
    let mut row_at = 0u64;
    let repeat_of = |e: &quick_xml::events::BytesStart<'_>, key: &[u8]| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .and_then(|a| {
                std::str::from_utf8(&a.value)
                    .ok()?
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
            .unwrap_or(1)
            .max(1)
    };
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| unreadable(file, e))?;
        let (start, empty) = match &ev {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.name().as_ref() {
                b"table:table" => {
                    tables += 1;
                    rows = 0;
                    pending_rows = 0;
                }
                b"table:table-row" => {
                    row_at = rows.saturating_add(pending_rows);
                    row_repeat = repeat_of(&e, b"table:number-rows-repeated");
                    cols = 0;
                    pending_cols = 0;
                    row_has_value = false;
                    if empty {
                        pending_rows = pending_rows.saturating_add(row_repeat);
                    }
                }
                b"table:table-cell" | b"table:covered-table-cell" => {
                    let span_rows = repeat_of(&e, b"table:number-rows-spanned");
                    let span_cols = repeat_of(&e, b"table:number-columns-spanned");
                    if (span_rows > 1 || span_cols > 1) && merges.len() < 100_000 {
                        let col_at = cols.saturating_add(pending_cols);
                        let line = row_at.saturating_add(1);
                        if line <= MAX_ROWS as u64 * 4 && col_at < MAX_COLUMNS as u64 {
                            merges.push((
                                tables.saturating_sub(1),
                                Merge {
                                    first_line: line as usize,
                                    last_line: line
                                        .saturating_add(span_rows - 1)
                                        .min(u32::MAX as u64)
                                        as usize,
                                    first_col: col_at as usize,
                                    last_col: col_at
                                        .saturating_add(span_cols - 1)
                                        .min(MAX_COLUMNS as u64)
                                        as usize,
                                },
                            ));
                        }
                    }
                    cell_repeat = repeat_of(&e, b"table:number-columns-repeated");
                    cell_has_value = e
                        .attributes()
                        .flatten()
                        .any(|a| a.key.as_ref() == b"office:value-type");
                    if empty {
                        end_cell(
                            &mut cols,
                            &mut pending_cols,
                            cell_repeat,
                            cell_has_value,
                            &mut row_has_value,
                        );
                    } else {
                        depth_in_cell = true;
                    }
                }
                b"text:p" if depth_in_cell => cell_has_value = true,
                _ => {}
            }
        }
        match &ev {
            Event::End(e)
                if e.name().as_ref() == b"table:table-cell"
                    || e.name().as_ref() == b"table:covered-table-cell" =>
            {
                depth_in_cell = false;
                end_cell(
                    &mut cols,
                    &mut pending_cols,
                    cell_repeat,
                    cell_has_value,
                    &mut row_has_value,
                );
            }
            Event::End(e) if e.name().as_ref() == b"table:table-row" => {
                if row_has_value {
                    if cols > MAX_COLUMNS as u64 {
                        return Err(refuse(Code::TooManyColumns, None, String::new(), file));
                    }
                    rows = rows.saturating_add(pending_rows).saturating_add(row_repeat);
                    pending_rows = 0;
                    if rows > MAX_ROWS as u64 {
                        return Err(refuse(Code::TooManyRows, None, String::new(), file));
                    }
                    cells_total = cells_total.saturating_add(cols.saturating_mul(row_repeat));
                    if cells_total > MAX_CELLS as u64 {
                        return Err(refuse(Code::TooManyCells, None, String::new(), file));
                    }
                } else {
                    pending_rows = pending_rows.saturating_add(row_repeat);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(merges)
}

fn end_cell(
    cols: &mut u64,
    pending: &mut u64,
    repeat: u64,
    has_value: bool,
    row_has_value: &mut bool,
) {
    if has_value {
        *cols = cols.saturating_add(*pending).saturating_add(repeat);
        *pending = 0;
        *row_has_value = true;
    } else {
        *pending = pending.saturating_add(repeat);
    }
}

/// Decodes text: BOMs first, then valid UTF-8, else GB18030 (a superset of GBK and GB2312).
pub fn decode(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, &'static str) {
    use std::borrow::Cow;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest), "UTF-8");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        return (text, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        return (text, "UTF-16BE");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), "UTF-8"),
        Err(_) => {
            let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            (text, "GB18030")
        }
    }
}

/// The delimiter: for each of tab, comma and semicolon, how many of the first lines have the
/// same non-zero number of it (outside quotes); the most consistent wins, ties in the order the
/// extension suggests (`.tsv` and unknown: tab first; `.csv`: comma first).
fn sniff_delimiter(text: &str, file: &str) -> u8 {
    let lower = file.to_ascii_lowercase();
    let order: [u8; 3] = if lower.ends_with(".csv") {
        [b',', b'\t', b';']
    } else {
        [b'\t', b',', b';']
    };
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(50)
        .collect();
    let mut best = (0usize, order[0]);
    for &d in &order {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let mut mode = (0usize, 0usize); // (count, frequency)
        for &c in counts.iter().filter(|&&c| c > 0) {
            let freq = counts.iter().filter(|&&x| x == c).count();
            if freq > mode.1 || (freq == mode.1 && c > mode.0) {
                mode = (c, freq);
            }
        }
        if mode.1 > best.0 {
            best = (mode.1, d);
        }
    }
    best.1
}

fn count_outside_quotes(line: &str, d: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for &b in line.as_bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == d && !quoted {
            n += 1;
        }
    }
    n
}

/// Empty or only white space (a field of a text table that is no value).
fn is_blank(f: &str) -> bool {
    // One scan from the start, which stops at the first character that is not white space.
    f.trim_start().is_empty()
}

fn read_text(bytes: &[u8], file: &str) -> Result<Grid, Error> {
    let (text, encoding) = decode(bytes);
    let delimiter = sniff_delimiter(&text, file);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let bytes_text = text.as_bytes();
    let (mut lines_before, mut counted_to) = (0usize, 0usize);
    let mut rows: Vec<GridRow> = Vec::new();
    let mut width = 0;
    let mut cells = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(unreadable(file, e)),
        }
        // The csv crate's own line count lags by one after a CRLF (the '\n' is consumed at the
        // start of the next record), so the line is counted here from the record's byte offset:
        // newlines before it, plus any line ends at its start.
        let start = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes_text.len());
        lines_before += count_newlines(bytes_text.get(counted_to..start).unwrap_or(&[]));
        counted_to = start;
        let lead = bytes_text
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(|b| **b == b'\n' || **b == b'\r')
            .filter(|b| **b == b'\n')
            .count();
        let line = lines_before + lead + 1;
        // Trailing empty fields (a spreadsheet's export pads every row to its widest) don't count.
        let used = (0..record.len())
            .rev()
            .find(|i| record.get(*i).is_some_and(|f| !is_blank(f)))
            .map_or(0, |i| i + 1);
        if used == 0 {
            continue;
        }
        if used > MAX_COLUMNS {
            return Err(refuse(
                Code::TooManyColumns,
                Some(line),
                String::new(),
                file,
            ));
        }
        if rows.len() >= MAX_ROWS {
            return Err(refuse(Code::TooManyRows, Some(line), String::new(), file));
        }
        cells += used;
        if cells > MAX_CELLS {
            return Err(refuse(Code::TooManyCells, Some(line), String::new(), file));
        }
        let row_cells = record
            .iter()
            .take(used)
            .map(|f| {
                if is_blank(f) {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_string())
                }
            })
            .collect();
        width = width.max(used);
        rows.push(GridRow {
            line,
            cells: row_cells,
        });
    }
    if rows.is_empty() {
        return Err(refuse(Code::NoData, None, String::new(), file));
    }
    Ok(Grid {
        source: Source {
            format: Format::Text,
            sheet: None,
            encoding: Some(encoding),
            delimiter: Some(delimiter as char),
            merges_known: false,
        },
        rows,
        merges: Vec::new(),
        width,
    })
}

fn count_newlines(b: &[u8]) -> usize {
    b.iter().filter(|c| **c == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_serials() {
        assert_eq!(excel_date_text(1.0), Cell::Text("1900-01-01".into()));
        assert_eq!(excel_date_text(31_199.0), Cell::Text("1985-06-01".into()));
        assert_eq!(
            excel_date_text(43_101.5),
            Cell::Text("2018-01-01T12:00:00".into())
        );
    }

    #[test]
    fn shortest_decimal_of_doubles() {
        assert_eq!(number_cell(2387.5), Cell::Number(Decimal::new(23875, 1)));
        assert_eq!(number_cell(0.1), Cell::Number(Decimal::new(1, 1)));
        assert_eq!(
            number_cell(1e30),
            Cell::Text("1000000000000000000000000000000".into())
        );
        // 31 decimals: kept as text (and reported), not rounded to zero.
        assert_eq!(
            number_cell(1e-31),
            Cell::Text("0.0000000000000000000000000000001".into())
        );
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3\n", ""), b'\t');
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n", ""), b',');
        assert_eq!(sniff_delimiter("a;b;c\n1;\"2;5\";3\n", "x.csv"), b';');
        assert_eq!(sniff_delimiter("title\na,b\n1,2\n", "x.txt"), b',');
    }
}
