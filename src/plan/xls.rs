//! A strict, bounded reader for `.xls` (BIFF8 in an OLE compound file), cells and merges only.
//!
//! Hand-written because no library reads damaged `.xls` files without panicking or aborting:
//! calamine's reader (0.30 and its current main branch alike) slices records and sizes
//! allocations from numbers in the file without checking them (`Lbl`, `ExternSheet`, `MulRk`,
//! the compound file's sector ids and lengths, a dense `Range` spanning the extreme cell
//! positions), so a single changed byte can abort the process — and on wasm32 the module. The
//! property test `damaged_annex_workbooks` in tests/plan_read.rs found it. Here every offset is
//! checked, every chain is bounded by the number of sectors, and nothing is allocated from a size
//! the file claims; anything unexpected makes the file unreadable, never a panic.
//!
//! Read: the workbook stream's shared strings (SST with CONTINUE), sheet list (BoundSheet8),
//! date mode, number formats (to tell dates from numbers); per sheet LabelSst, Label, Number, Rk,
//! MulRk, BoolErr, Formula (its cached value) with String, and MergeCells. Not read: BIFF5 and
//! older (Excel 95), encrypted files, formulas themselves, styles.

use rust_decimal::Decimal;

use super::grid::{excel_date_text, number_cell, Cell, Merge};

/// What went wrong, for the message: the file is then unreadable.
pub type Damage = &'static str;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const FREESECT: u32 = 0xFFFF_FFFF;
const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn u16_at(b: &[u8], o: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(o..o.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(o..o.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn u64_at(b: &[u8], o: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        b.get(o..o.checked_add(8)?)?.try_into().ok()?,
    ))
}

/// The compound file: its sectors and allocation table.
struct Cfb<'a> {
    bytes: &'a [u8],
    sector: usize,
    sectors: usize,
    fat: Vec<u32>,
}

impl<'a> Cfb<'a> {
    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let id = id as usize;
        if id >= self.sectors {
            return None;
        }
        let start = self.sector.checked_mul(id + 1)?; // the header takes the first sector's room
        self.bytes.get(start..start.checked_add(self.sector)?)
    }

    /// Follows a chain of sectors, at most one visit per sector, up to `max` bytes.
    fn chain(&self, start: u32, max: usize) -> Result<Vec<u8>, Damage> {
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0;
        while id != ENDOFCHAIN && out.len() < max {
            steps += 1;
            if steps > self.sectors {
                return Err("a sector chain loops");
            }
            out.extend_from_slice(self.sector(id).ok_or("a sector beyond the file")?);
            id = *self
                .fat
                .get(id as usize)
                .ok_or("a sector beyond the allocation table")?;
        }
        out.truncate(max);
        Ok(out)
    }
}

/// The `Workbook` (or `Book`) stream of a compound file.
fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, Damage> {
    if bytes.len() < 512 || bytes.get(..8) != Some(&MAGIC[..]) {
        return Err("not a compound file");
    }
    let sector = match u16_at(bytes, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        _ => return Err("sector size"),
    };
    if bytes.len() < sector {
        return Err("truncated header");
    }
    let sectors = bytes.len() / sector - 1;
    let mut cfb = Cfb {
        bytes,
        sector,
        sectors,
        fat: Vec::new(),
    };
    // DIFAT: 109 entries in the header, then a chain of DIFAT sectors.
    let mut difat: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 76 + 4 * i)).collect();
    let mut next = u32_at(bytes, 68).ok_or("header")?;
    let mut steps = 0;
    while next != ENDOFCHAIN && next != FREESECT {
        steps += 1;
        if steps > sectors {
            return Err("the DIFAT chain loops");
        }
        let s = cfb.sector(next).ok_or("a DIFAT sector beyond the file")?;
        let n = sector / 4 - 1;
        difat.extend((0..n).filter_map(|i| u32_at(s, 4 * i)));
        next = u32_at(s, 4 * n).ok_or("DIFAT")?;
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < 0xFFFF_FFFA) {
        let s = cfb.sector(id).ok_or("a FAT sector beyond the file")?;
        fat.extend((0..sector / 4).filter_map(|i| u32_at(s, 4 * i)));
        if fat.len() > sectors.saturating_mul(2) + 1024 {
            return Err("allocation table larger than the file");
        }
    }
    cfb.fat = fat;
    let dir = cfb.chain(u32_at(bytes, 48).ok_or("header")?, bytes.len())?;
    // Directory entries: name (UTF-16, 64 bytes) and its length, start sector, size.
    let mut root: Option<(u32, usize)> = None;
    let mut found: Option<(u32, usize)> = None;
    for (i, e) in dir.chunks_exact(128).enumerate() {
        let name_len = (u16_at(e, 64).unwrap_or(0) as usize).min(64);
        let units: Vec<u16> = (0..name_len.saturating_sub(2) / 2)
            .filter_map(|k| u16_at(e, 2 * k))
            .collect();
        let name = String::from_utf16_lossy(&units);
        let start = u32_at(e, 116).ok_or("directory")?;
        let size = if sector == 512 {
            u32_at(e, 120).ok_or("directory")? as u64
        } else {
            u64_at(e, 120).ok_or("directory")?
        };
        let size = usize::try_from(size).map_err(|_| "a stream larger than the file")?;
        if i == 0 {
            root = Some((start, size));
        } else if (name == "Workbook" || name == "Book") && found.is_none() {
            found = Some((start, size));
        }
    }
    let (start, size) = found.ok_or("no Workbook stream")?;
    if size > bytes.len() {
        return Err("a stream larger than the file");
    }
    if size >= 4096 {
        let s = cfb.chain(start, size)?;
        return if s.len() == size {
            Ok(s)
        } else {
            Err("a stream shorter than its size")
        };
    }
    // Small streams live in the mini stream (64-byte sectors), itself a chain of the root entry.
    let (root_start, root_size) = root.ok_or("no root entry")?;
    let mini = cfb.chain(root_start, root_size.min(bytes.len()))?;
    let minifat_bytes = cfb.chain(u32_at(bytes, 60).ok_or("header")?, bytes.len())?;
    let minifat: Vec<u32> = (0..minifat_bytes.len() / 4)
        .filter_map(|i| u32_at(&minifat_bytes, 4 * i))
        .collect();
    let mut out = Vec::new();
    let mut id = start;
    let mut steps = 0;
    while id != ENDOFCHAIN && out.len() < size {
        steps += 1;
        if steps > mini.len() / 64 + 1 {
            return Err("a mini-sector chain loops");
        }
        let at = (id as usize).checked_mul(64).ok_or("mini sector")?;
        out.extend_from_slice(
            mini.get(at..at + 64)
                .ok_or("a mini sector beyond the stream")?,
        );
        id = *minifat
            .get(id as usize)
            .ok_or("a mini sector beyond its table")?;
    }
    if out.len() < size {
        return Err("a stream shorter than its size");
    }
    out.truncate(size);
    Ok(out)
}

/// One BIFF record: its type and data.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

fn records(stream: &[u8], from: usize) -> impl Iterator<Item = Result<Record<'_>, Damage>> {
    let mut at = from;
    std::iter::from_fn(move || {
        if at >= stream.len() {
            return None;
        }
        let (Some(typ), Some(len)) = (u16_at(stream, at), u16_at(stream, at + 2)) else {
            at = stream.len();
            return Some(Err("a truncated record"));
        };
        let start = at + 4;
        let Some(data) = stream.get(start..start + len as usize) else {
            at = stream.len();
            return Some(Err("a truncated record"));
        };
        at = start + len as usize;
        Some(Ok(Record { typ, data }))
    })
}

/// Reads across a record and its CONTINUE records, as SST strings require.
struct Segments<'a> {
    parts: Vec<&'a [u8]>,
    part: usize,
    at: usize,
}

impl Segments<'_> {
    fn remaining_in_part(&self) -> usize {
        self.parts
            .get(self.part)
            .map_or(0, |p| p.len().saturating_sub(self.at))
    }

    fn next_part(&mut self) -> Option<()> {
        self.part += 1;
        self.at = 0;
        (self.part < self.parts.len()).then_some(())
    }

    fn byte(&mut self) -> Option<u8> {
        while self.remaining_in_part() == 0 {
            self.next_part()?;
        }
        let b = *self.parts.get(self.part)?.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }

    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            while self.remaining_in_part() == 0 {
                self.next_part()?;
            }
            let k = n.min(self.remaining_in_part());
            self.at += k;
            n -= k;
        }
        Some(())
    }

    /// `cch` characters; where the text runs into the next CONTINUE, that record starts with a
    /// new flags byte saying whether the rest is one or two bytes per character.
    fn chars(&mut self, cch: usize, mut high: bool) -> Option<String> {
        let mut units: Vec<u16> = Vec::with_capacity(cch.min(4096));
        while units.len() < cch {
            if self.remaining_in_part() == 0 {
                self.next_part()?;
                high = self.byte()? & 1 == 1;
                continue;
            }
            if high {
                units.push(u16::from_le_bytes([self.byte()?, self.byte()?]));
            } else {
                units.push(self.byte()? as u16);
            }
        }
        Some(String::from_utf16_lossy(&units))
    }
}

/// The shared strings.
fn read_sst(parts: Vec<&[u8]>) -> Option<Vec<String>> {
    let mut s = Segments {
        parts,
        part: 0,
        at: 0,
    };
    let _total = s.u32()?;
    let unique = s.u32()? as usize;
    let mut out = Vec::new();
    while out.len() < unique {
        let Some(cch) = s.u16() else { break };
        let flags = s.byte()?;
        let runs = if flags & 8 != 0 { s.u16()? as usize } else { 0 };
        let ext = if flags & 4 != 0 { s.u32()? as usize } else { 0 };
        out.push(s.chars(cch as usize, flags & 1 == 1)?);
        s.skip(runs * 4)?;
        s.skip(ext)?;
    }
    Some(out)
}

/// XLUnicodeString (cch u16) or ShortXLUnicodeString (cch u8) at `at`.
fn unicode_string(data: &[u8], at: usize, short: bool) -> Option<String> {
    let (cch, at) = if short {
        (*data.get(at)? as usize, at + 1)
    } else {
        (u16_at(data, at)? as usize, at + 2)
    };
    let high = data.get(at)? & 1 == 1;
    let body = data.get(at + 1..)?;
    if high {
        let units: Vec<u16> = (0..cch)
            .map(|i| u16_at(body, 2 * i))
            .collect::<Option<_>>()?;
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(body.get(..cch)?.iter().map(|b| *b as char).collect())
    }
}

/// Whether a number format shows a date: Excel's built-in date formats, or a custom format with
/// y, m or d outside quotes and brackets (and not only a duration such as [h]:mm).
fn is_date_format(id: u16, custom: Option<&str>) -> bool {
    if let Some(f) = custom {
        let mut quoted = false;
        let mut bracket = false;
        for c in f.chars() {
            match c {
                '"' => quoted = !quoted,
                '[' if !quoted => bracket = true,
                ']' if !quoted => bracket = false,
                'y' | 'Y' | 'd' | 'D' | 'm' | 'M' | '年' | '月' | '日' if !quoted && !bracket => {
                    return true
                }
                _ => {}
            }
        }
        return false;
    }
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// An RK number: a 30-bit integer or the top of a double, optionally divided by 100.
fn rk_value(rk: u32) -> Cell {
    let div100 = rk & 1 != 0;
    if rk & 2 != 0 {
        let i = (rk as i32) >> 2;
        return Cell::Number(if div100 {
            Decimal::new(i as i64, 2).normalize()
        } else {
            Decimal::from(i)
        });
    }
    let f = f64::from_bits(((rk & 0xFFFF_FFFC) as u64) << 32);
    number_cell(if div100 { f / 100.0 } else { f })
}

/// A sheet of the workbook: its name and cells (row, col, value) with its merges.
pub struct XlsSheet {
    /// The sheet's name as the workbook stores it.
    pub name: String,
    /// Each cell with a value, as (row, column, value), 0-based.
    pub cells: Vec<(u32, u32, Cell)>,
    /// The merged regions of the sheet.
    pub merges: Vec<Merge>,
}

/// Reads the sheets of an `.xls`, in order, each up to `max_cells` cells.
pub fn read(bytes: &[u8], max_cells: usize) -> Result<Vec<XlsSheet>, Damage> {
    let stream = workbook_stream(bytes)?;
    let mut strings: Vec<String> = Vec::new();
    let mut sheets: Vec<(usize, String)> = Vec::new();
    let mut formats: Vec<(u16, String)> = Vec::new();
    let mut xf_formats: Vec<u16> = Vec::new();
    let mut date1904 = false;
    let mut iter = records(&stream, 0).peekable();
    let mut first = true;
    while let Some(rec) = iter.next() {
        let rec = rec?;
        if first {
            // BOF of the workbook globals: BIFF8 is version 0x0600.
            if rec.typ != 0x0809 || u16_at(rec.data, 0) != Some(0x0600) {
                return Err("not BIFF8 (Excel 97 or later)");
            }
            first = false;
            continue;
        }
        match rec.typ {
            0x002F => return Err("encrypted"),
            0x0022 => date1904 = u16_at(rec.data, 0) == Some(1),
            0x041E => {
                let id = u16_at(rec.data, 0).ok_or("FORMAT")?;
                formats.push((id, unicode_string(rec.data, 2, false).unwrap_or_default()));
            }
            0x00E0 => xf_formats.push(u16_at(rec.data, 2).unwrap_or(0)),
            0x0085 => {
                let pos = u32_at(rec.data, 0).ok_or("BoundSheet8")? as usize;
                let kind = *rec.data.get(5).ok_or("BoundSheet8")?;
                let name = unicode_string(rec.data, 6, true).ok_or("BoundSheet8 name")?;
                if kind == 0 {
                    sheets.push((pos, name));
                }
            }
            0x00FC => {
                let mut parts = vec![rec.data];
                while let Some(Ok(next)) = iter.peek() {
                    if next.typ != 0x003C {
                        break;
                    }
                    parts.push(next.data);
                    iter.next();
                }
                strings = read_sst(parts).ok_or("shared strings")?;
            }
            0x000A => break,
            _ => {}
        }
    }
    let is_date: Vec<bool> = xf_formats
        .iter()
        .map(|id| {
            is_date_format(
                *id,
                formats.iter().find(|f| f.0 == *id).map(|f| f.1.as_str()),
            )
        })
        .collect();
    let number = |xf: u16, value: Cell| -> Cell {
        match value {
            Cell::Number(d) if is_date.get(xf as usize) == Some(&true) => {
                use rust_decimal::prelude::ToPrimitive;
                let serial = d.to_f64().unwrap_or(-1.0) + if date1904 { 1462.0 } else { 0.0 };
                excel_date_text(serial)
            }
            v => v,
        }
    };
    let mut out = Vec::new();
    let mut total = 0usize;
    for (pos, name) in sheets {
        if pos >= stream.len() {
            return Err("a sheet beyond the stream");
        }
        let mut cells: Vec<(u32, u32, Cell)> = Vec::new();
        let mut merges = Vec::new();
        let mut pending_string: Option<(u32, u32)> = None;
        let mut recs = records(&stream, pos);
        match recs.next() {
            Some(Ok(r)) if r.typ == 0x0809 => {}
            _ => return Err("a sheet without BOF"),
        }
        for rec in recs {
            let rec = rec?;
            let d = rec.data;
            let rc = || Some((u16_at(d, 0)? as u32, u16_at(d, 2)? as u32, u16_at(d, 4)?));
            let mut push = |row: u32, col: u32, v: Cell| -> Result<(), Damage> {
                if !v.is_empty() {
                    total += 1;
                    if total > max_cells {
                        return Err("too many cells");
                    }
                    cells.push((row, col, v));
                }
                Ok(())
            };
            match rec.typ {
                0x00FD => {
                    let (r, c, _) = rc().ok_or("LabelSst")?;
                    let i = u32_at(d, 6).ok_or("LabelSst")? as usize;
                    let s = strings.get(i).cloned().unwrap_or_default();
                    push(r, c, text(s))?;
                }
                0x0204 => {
                    let (r, c, _) = rc().ok_or("Label")?;
                    push(r, c, text(unicode_string(d, 6, false).ok_or("Label")?))?;
                }
                0x0203 => {
                    let (r, c, xf) = rc().ok_or("Number")?;
                    let f = f64::from_bits(u64_at(d, 6).ok_or("Number")?);
                    push(r, c, number(xf, number_cell(f)))?;
                }
                0x027E => {
                    let (r, c, xf) = rc().ok_or("Rk")?;
                    push(r, c, number(xf, rk_value(u32_at(d, 6).ok_or("Rk")?)))?;
                }
                0x00BD => {
                    let r = u16_at(d, 0).ok_or("MulRk")? as u32;
                    let first = u16_at(d, 2).ok_or("MulRk")? as u32;
                    let n = d.len().saturating_sub(6) / 6;
                    for k in 0..n {
                        let xf = u16_at(d, 4 + 6 * k).ok_or("MulRk")?;
                        let rk = u32_at(d, 6 + 6 * k).ok_or("MulRk")?;
                        push(r, first + k as u32, number(xf, rk_value(rk)))?;
                    }
                }
                0x0205 => {
                    let (r, c, _) = rc().ok_or("BoolErr")?;
                    let v = *d.get(6).ok_or("BoolErr")?;
                    let is_err = *d.get(7).ok_or("BoolErr")? == 1;
                    push(
                        r,
                        c,
                        if is_err {
                            Cell::Text(error_text(v).into())
                        } else {
                            Cell::Bool(v != 0)
                        },
                    )?;
                }
                0x0006 => {
                    let (r, c, xf) = rc().ok_or("Formula")?;
                    // The cached result: a number, or a tag in byte 0 when bytes 6..8 are FF FF.
                    let res: [u8; 8] = d
                        .get(6..14)
                        .and_then(|s| s.try_into().ok())
                        .ok_or("Formula")?;
                    if let [tag, _, v, _, _, _, 0xFF, 0xFF] = res {
                        match tag {
                            0 => pending_string = Some((r, c)),
                            1 => push(r, c, Cell::Bool(v != 0))?,
                            2 => push(r, c, Cell::Text(error_text(v).into()))?,
                            _ => {}
                        }
                    } else {
                        let f = f64::from_bits(u64::from_le_bytes(res));
                        push(r, c, number(xf, number_cell(f)))?;
                    }
                }
                0x0207 => {
                    if let Some((r, c)) = pending_string.take() {
                        push(r, c, text(unicode_string(d, 0, false).ok_or("String")?))?;
                    }
                }
                0x00E5 => {
                    let n = u16_at(d, 0).ok_or("MergeCells")? as usize;
                    for k in 0..n {
                        let at = 2 + 8 * k;
                        let (Some(r1), Some(r2), Some(c1), Some(c2)) = (
                            u16_at(d, at),
                            u16_at(d, at + 2),
                            u16_at(d, at + 4),
                            u16_at(d, at + 6),
                        ) else {
                            return Err("MergeCells");
                        };
                        if r1 <= r2 && c1 <= c2 {
                            merges.push(Merge {
                                first_line: r1 as usize + 1,
                                last_line: r2 as usize + 1,
                                first_col: c1 as usize,
                                last_col: c2 as usize,
                            });
                        }
                    }
                }
                0x000A => break,
                _ => {}
            }
        }
        cells.sort_by_key(|(r, c, _)| (*r, *c));
        out.push(XlsSheet {
            name,
            cells,
            merges,
        });
    }
    Ok(out)
}

fn text(s: String) -> Cell {
    if s.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

fn error_text(code: u8) -> &'static str {
    match code {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        0x2A => "#N/A",
        _ => "#ERROR!",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rk_numbers() {
        assert_eq!(rk_value((1970 << 2) | 2), Cell::Number(Decimal::from(1970)));
        assert_eq!(
            rk_value((238750 << 2) | 3),
            Cell::Number(Decimal::new(23875, 1))
        );
        let bits = (2387.5f64.to_bits() >> 32) as u32;
        assert_eq!(rk_value(bits), Cell::Number(Decimal::new(23875, 1)));
    }

    #[test]
    fn date_formats() {
        assert!(is_date_format(14, None));
        assert!(!is_date_format(0, None));
        assert!(is_date_format(164, Some("yyyy\"年\"m\"月\"")));
        assert!(!is_date_format(165, Some("#,##0.00\"万元\"")));
    }
}
