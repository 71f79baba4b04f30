//! One cell of a plan read as what its column holds: amounts and counts exactly (`2387.5`,
//! `1,234`, full-width `１２３`, `12,825.00万`), build dates as a year, a decade or a range, the
//! renovation year with a declared count (`2018年 (共9个)`), and texts cleaned of line breaks
//! and full-width forms. Anything unreadable is a [`Code`] for that cell, never a guess.

use rust_decimal::Decimal;

use super::grid::Cell;
use super::header::Unit;
use super::problem::Code;
use crate::numbers::{MAX_COUNT, MAX_DECIMAL, YEAR_RANGE};

/// “共9个”, “(9个)”, “9个小区” in a text: the declared number of compounds.
pub fn declared_count(text: &str) -> Option<u64> {
    let t: String = fold(text).chars().filter(|c| !c.is_whitespace()).collect();
    let i = t.find('个')?;
    let head = &t[..i];
    let digits: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let before = head[..head.len() - digits.len()].chars().last();
    if !matches!(
        before,
        None | Some('共') | Some('(') | Some('计') | Some(':') | Some('：')
    ) {
        return None;
    }
    digits.parse().ok()
}

/// Full-width ASCII to half-width, ideographic space to space (borrowed when there is none).
fn fold(s: &str) -> std::borrow::Cow<'_, str> {
    let wide = |c: char| matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}' | '\u{A0}');
    if s.is_ascii() || !s.chars().any(wide) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' | '\u{A0}' => ' ',
                c => c,
            })
            .collect(),
    )
}

/// [`clean`], keeping the text itself when there is nothing to clean (most cells).
pub(super) fn clean_owned(s: String) -> String {
    let t = s.trim();
    if t.len() == s.len() && !s.bytes().any(|b| b == b'\n' || b == b'\r') {
        s
    } else {
        clean(&s)
    }
}

/// Trims a text and joins lines broken inside a cell (Alt+Enter): between Chinese characters the
/// break goes, elsewhere it becomes a space.
pub fn clean(s: &str) -> String {
    let t = s.trim();
    if !t.bytes().any(|b| b == b'\n' || b == b'\r') {
        return t.to_string();
    }
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || c == '\r' {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            while out.ends_with(|c: char| c.is_whitespace()) {
                out.pop();
            }
            let prev_wide = out.chars().last().is_some_and(|c| !c.is_ascii());
            let next_wide = chars.peek().is_some_and(|c| !c.is_ascii());
            if !(prev_wide || next_wide) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A unit written in a number cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellUnit {
    /// 万 alone: ten thousand of the column's unit kind
    Wan,
    WanYuan,
    Yuan,
    WanArea,
    Area,
    /// 户, 个, 栋, 幢
    Count,
}

/// Reads a number as written: optional sign, digits grouped by `,` or spaces in threes, a
/// decimal point, scientific notation, and a unit suffix. `Ok(None)` for blanks and dashes.
fn parse_number_text(text: &str) -> Result<Option<(Decimal, Option<CellUnit>)>, Code> {
    // Fast path: plain digits with at most one point, as most cells are.
    let b = text.as_bytes();
    if !b.is_empty()
        && b.len() <= 28
        && b.iter().all(|c| c.is_ascii_digit() || *c == b'.')
        && b.iter().filter(|c| **c == b'.').count() <= 1
        && !b.starts_with(b".")
    {
        if let Some(d) = crate::numbers::decimal_text(text) {
            return Ok(Some((d, None)));
        }
    }
    let folded = fold(text);
    let mut t = folded.trim();
    if t.is_empty() || matches!(t, "-" | "--" | "—" | "——" | "/" | "无" | "暂无") {
        return Ok(None);
    }
    const UNITS: &[(&str, CellUnit)] = &[
        ("万平方米", CellUnit::WanArea),
        ("万㎡", CellUnit::WanArea),
        ("万m²", CellUnit::WanArea),
        ("万m2", CellUnit::WanArea),
        ("平方米", CellUnit::Area),
        ("万元", CellUnit::WanYuan),
        ("平米", CellUnit::Area),
        ("㎡", CellUnit::Area),
        ("m²", CellUnit::Area),
        ("m2", CellUnit::Area),
        ("元", CellUnit::Yuan),
        ("万", CellUnit::Wan),
        ("户", CellUnit::Count),
        ("个", CellUnit::Count),
        ("栋", CellUnit::Count),
        ("幢", CellUnit::Count),
    ];
    let mut unit = None;
    for (suffix, u) in UNITS {
        if let Some(head) = t.strip_suffix(suffix) {
            t = head.trim_end();
            unit = Some(*u);
            break;
        }
    }
    let (negative, body) =
        if let Some(inner) = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
            (true, inner.trim())
        } else if let Some(rest) = t.strip_prefix(['-', '−']) {
            (true, rest.trim_start())
        } else {
            (false, t.strip_prefix('+').unwrap_or(t))
        };
    if body.is_empty() || body.len() > 60 {
        return Err(if body.len() > 60 {
            Code::OutOfRange
        } else {
            Code::UnreadableNumber
        });
    }
    let plain = ungroup(body).ok_or(Code::UnreadableNumber)?;
    // The exact reader every other input goes through (plain or scientific notation): a cell
    // with more digits than a Decimal holds is refused, never rounded.
    let d = crate::numbers::parse_decimal_text(&plain).map_err(|r| match r {
        crate::numbers::Refusal::NotANumber => Code::UnreadableNumber,
        _ => Code::OutOfRange,
    })?;
    if negative && !d.is_zero() {
        return Err(Code::NegativeAmount);
    }
    Ok(Some((d, unit)))
}

/// Removes thousands separators, checking that they separate groups of three digits; keeps a
/// decimal point and an exponent. `None` if the text is not a plain number.
fn ungroup(body: &str) -> Option<String> {
    let (mantissa, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let mut out = String::with_capacity(body.len());
    match int.chars().find(|c| matches!(c, ',' | ' ' | '\'')) {
        Some(sep) => {
            for (i, g) in int.split(sep).enumerate() {
                let ok_len = if i == 0 {
                    (1..=3).contains(&g.len())
                } else {
                    g.len() == 3
                };
                if !ok_len || !g.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                out.push_str(g);
            }
        }
        None => {
            if !int.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            out.push_str(int);
        }
    }
    if let Some(f) = frac {
        if !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if out.is_empty() {
            out.push('0');
        }
        if !f.is_empty() {
            out.push('.');
            out.push_str(f);
        }
    }
    if out.is_empty() {
        return None;
    }
    if let Some(e) = exp {
        let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
        if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push('e');
        out.push_str(e);
    }
    Some(out)
}

fn number_of(cell: &Cell) -> Result<Option<(Decimal, Option<CellUnit>)>, Code> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(d) if d.is_sign_negative() && !d.is_zero() => Err(Code::NegativeAmount),
        Cell::Number(d) => Ok(Some((*d, None))),
        Cell::Text(t) => parse_number_text(t),
        Cell::Bool(_) => Err(Code::UnreadableNumber),
    }
}

/// A whole, non-negative count (户数, 楼栋数); `1.2万` is 12,000.
pub fn parse_count(cell: &Cell) -> Result<Option<u64>, Code> {
    let Some((d, unit)) = number_of(cell)? else {
        return Ok(None);
    };
    let d = match unit {
        None | Some(CellUnit::Count) => d,
        Some(CellUnit::Wan) => d
            .checked_mul(Decimal::from(10_000))
            .ok_or(Code::OutOfRange)?,
        Some(_) => return Err(Code::UnreadableNumber),
    };
    if !d.fract().is_zero() {
        return Err(Code::NotWhole);
    }
    match u64::try_from(d.trunc()) {
        Ok(n) if n <= MAX_COUNT => Ok(Some(n)),
        _ => Err(Code::OutOfRange),
    }
}

/// A non-negative amount in 元 (money) or m² (area), exact: the cell's own unit if it writes one
/// (`12,825.00万`), else the column's.
pub fn parse_amount(cell: &Cell, column_unit: Unit) -> Result<Option<Decimal>, Code> {
    let Some((d, unit)) = number_of(cell)? else {
        return Ok(None);
    };
    let money = column_unit.is_money();
    let factor = match (unit, money) {
        (None, _) => column_unit.factor(),
        (Some(CellUnit::Wan), _) => Decimal::from(10_000),
        (Some(CellUnit::WanYuan), true) | (Some(CellUnit::WanArea), false) => Decimal::from(10_000),
        (Some(CellUnit::Yuan), true) | (Some(CellUnit::Area), false) => Decimal::ONE,
        _ => return Err(Code::UnreadableNumber),
    };
    let v = d.checked_mul(factor).ok_or(Code::OutOfRange)?;
    if v > Decimal::from(MAX_DECIMAL) {
        return Err(Code::OutOfRange);
    }
    Ok(Some(v.normalize()))
}

/// A number cell as a year: whole and within [`YEAR_RANGE`].
fn year_number(d: Decimal) -> Option<i32> {
    crate::numbers::as_whole(d)
        .and_then(|w| i32::try_from(w).ok())
        .filter(|y| YEAR_RANGE.contains(y))
}

/// The build date: a year (`1970`, `2000年`, `1985-06-01`), a decade (`1980 年代`, `80年代`) or a
/// range of either (`1985— 2000`, `1978—1984`, `1985至2000年`). Blank is `Ok(None)`; anything
/// else (`1990年代初`, `1985、1990`, `2000年以前`) is a problem.
pub fn parse_build_date(cell: &Cell) -> Result<Option<(i32, i32)>, Code> {
    let text = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(d) => {
            return year_number(*d)
                .map(|y| Some((y, y)))
                .ok_or(Code::UnreadableBuildDate)
        }
        Cell::Bool(_) => return Err(Code::UnreadableBuildDate),
        Cell::Text(t) => t,
    };
    if text.len() == 4 {
        if let Some(y) = digits(text).filter(|y| YEAR_RANGE.contains(y)) {
            return Ok(Some((y, y)));
        }
    }
    let t: String = fold(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '—' | '–' | '―' | '‐' | '‑' | '‒' | '−' | '~' | '～' | '〜' | '至' | '到' => {
                '-'
            }
            c => c,
        })
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    // A date: 1985-06-01, 1985-06-01T00:00:00, 1985/6/1, 1985.6, 1985年6月(1日)
    if let Some(y) = date_year(&t) {
        return Ok(Some((y, y)));
    }
    let t = t.trim_matches('-');
    let parts: Vec<&str> = t.split('-').filter(|p| !p.is_empty()).collect();
    let range = match parts.as_slice() {
        [one] => year_or_decade(one)?,
        [a, b] => {
            let (from, _) = year_or_decade(a)?;
            let (_, to) = year_or_decade(b)?;
            if from > to {
                return Err(Code::InvertedBuildDate);
            }
            (from, to)
        }
        _ => return Err(Code::UnreadableBuildDate),
    };
    Ok(Some(range))
}

fn date_year(t: &str) -> Option<i32> {
    let t = t.split('T').next()?;
    let (y, rest) = if t.len() > 4 && t.is_char_boundary(4) {
        t.split_at(4)
    } else {
        return None;
    };
    let y: i32 = y.parse().ok().filter(|y| YEAR_RANGE.contains(y))?;
    let month_day = |s: &str| -> bool {
        let nums: Vec<&str> = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .collect();
        !nums.is_empty()
            && nums.len() <= 2
            && nums
                .first()
                .and_then(|m| m.parse::<u32>().ok())
                .is_some_and(|m| (1..=12).contains(&m))
            && nums
                .get(1)
                .is_none_or(|d| d.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)))
    };
    let ok = if let Some(r) = rest.strip_prefix('年') {
        r.ends_with('月') || r.ends_with('日')
    } else if let Some(r) = rest.strip_prefix(['-', '/', '.']) {
        // Only full dates with '-' (1985-06-01), so 1985-90 stays a (refused) range.
        let sep = rest.chars().next();
        let n = r
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .count();
        r.chars().all(|c| c.is_ascii_digit() || Some(c) == sep) && (sep != Some('-') || n == 2)
    } else {
        false
    };
    (ok && month_day(rest.trim_start_matches(['年', '-', '/', '.']))).then_some(y)
}

fn year_or_decade(p: &str) -> Result<(i32, i32), Code> {
    let bad = Code::UnreadableBuildDate;
    if let Some(d) = p.strip_suffix("年代") {
        let n: i32 = digits(d).ok_or(bad)?;
        let start = match d.len() {
            4 => n,
            2 if (20..=90).contains(&n) => 1900 + n,
            _ => return Err(bad),
        };
        if start % 10 != 0 || !YEAR_RANGE.contains(&start) {
            return Err(bad);
        }
        return Ok((start, start + 9));
    }
    let y = p.strip_suffix('年').unwrap_or(p);
    if y.len() != 4 {
        return Err(bad);
    }
    let y: i32 = digits(y).ok_or(bad)?;
    if !YEAR_RANGE.contains(&y) {
        return Err(bad);
    }
    Ok((y, y))
}

fn digits(s: &str) -> Option<i32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A renovation year read from a cell: the year and the declared number of compounds.
pub type YearRead = Result<Option<(i32, Option<u64>)>, Code>;

/// The renovation year and a declared count: `2018`, `2018年`, `2018年度`, `2018年 (共9个)`.
pub fn parse_year(cell: &Cell) -> YearRead {
    let text = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(d) => {
            return year_number(*d)
                .map(|y| Some((y, None)))
                .ok_or(Code::UnreadableYear)
        }
        Cell::Bool(_) => return Err(Code::UnreadableYear),
        Cell::Text(t) => t,
    };
    let t: String = fold(text).chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = Code::UnreadableYear;
    let (y, rest) = if t.len() >= 4 && t.is_char_boundary(4) {
        t.split_at(4)
    } else {
        return Err(bad);
    };
    let y = digits(y).filter(|y| YEAR_RANGE.contains(y)).ok_or(bad)?;
    let rest = rest
        .strip_prefix("年度")
        .or_else(|| rest.strip_prefix('年'))
        .unwrap_or(rest);
    let rest = rest.strip_prefix("计划").unwrap_or(rest);
    if rest.is_empty() {
        return Ok(Some((y, None)));
    }
    let inner = rest
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(rest);
    let inner = inner.strip_prefix('共').unwrap_or(inner);
    let inner = ["个小区", "个项目", "个"]
        .iter()
        .find_map(|s| inner.strip_suffix(s))
        .ok_or(bad)?;
    let n: u64 =
        if !inner.is_empty() && inner.len() <= 9 && inner.bytes().all(|b| b.is_ascii_digit()) {
            inner.parse().map_err(|_| bad)?
        } else {
            return Err(bad);
        };
    Ok(Some((y, Some(n))))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)] // a test that panics fails, as it should
mod tests {
    use super::*;
    use std::str::FromStr;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }
    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn numbers() {
        let wan = Unit::WanYuan;
        assert_eq!(parse_amount(&t("2387.5"), wan), Ok(Some(d("23875000"))));
        assert_eq!(parse_amount(&t("1,234"), Unit::Yuan), Ok(Some(d("1234"))));
        assert_eq!(parse_amount(&t("1 234"), Unit::Yuan), Ok(Some(d("1234"))));
        assert_eq!(parse_amount(&t("１２３"), Unit::Yuan), Ok(Some(d("123"))));
        assert_eq!(
            parse_amount(&t("12,825.00万"), Unit::Yuan),
            Ok(Some(d("128250000")))
        );
        assert_eq!(parse_amount(&t("500元"), wan), Ok(Some(d("500"))));
        assert_eq!(parse_amount(&t("1.2E+03"), Unit::Yuan), Ok(Some(d("1200"))));
        assert_eq!(
            parse_amount(&t("-5"), Unit::Yuan),
            Err(Code::NegativeAmount)
        );
        assert_eq!(
            parse_amount(&t("(5)"), Unit::Yuan),
            Err(Code::NegativeAmount)
        );
        assert_eq!(
            parse_amount(&t("12,34"), Unit::Yuan),
            Err(Code::UnreadableNumber)
        );
        assert_eq!(
            parse_amount(&t("abc"), Unit::Yuan),
            Err(Code::UnreadableNumber)
        );
        assert_eq!(parse_amount(&t("—"), Unit::Yuan), Ok(None));
        assert_eq!(
            parse_amount(&t("300户"), Unit::Yuan),
            Err(Code::UnreadableNumber)
        );
        assert_eq!(
            parse_amount(&t("1.5万㎡"), Unit::SquareMetre),
            Ok(Some(d("15000")))
        );
        assert_eq!(parse_count(&t("300户")), Ok(Some(300)));
        assert_eq!(parse_count(&t("12.5")), Err(Code::NotWhole));
        assert_eq!(parse_count(&t("x12")), Err(Code::UnreadableNumber));
        assert_eq!(parse_count(&t("1.2万")), Ok(Some(12_000)));
        assert_eq!(parse_count(&Cell::Number(d("4071"))), Ok(Some(4071)));
        assert_eq!(
            parse_count(&t("99999999999999999999999999999999")),
            Err(Code::OutOfRange)
        );
    }

    /// A cell's number is read exactly, by the reader every other input goes through: more
    /// decimals than a Decimal holds are refused, not rounded (rust_decimal's `FromStr` rounded
    /// them), and digits joined by `_` are not a number.
    #[test]
    fn numbers_are_never_rounded() {
        let yuan = Unit::Yuan;
        let exact28 = "0.1234567890123456789012345678";
        assert_eq!(parse_amount(&t(exact28), yuan), Ok(Some(d(exact28))));
        assert_eq!(
            parse_amount(&t("0.12345678901234567890123456789"), yuan),
            Err(Code::OutOfRange)
        );
        assert_eq!(
            parse_amount(&t("1,000.12345678901234567890123456789"), yuan),
            Err(Code::OutOfRange)
        );
        assert_eq!(parse_amount(&t("1_000"), yuan), Err(Code::UnreadableNumber));
        assert_eq!(parse_amount(&t("1.5e-3"), yuan), Ok(Some(d("0.0015"))));
    }

    #[test]
    fn build_dates() {
        let ok = |s: &str, a, b| assert_eq!(parse_build_date(&t(s)), Ok(Some((a, b))), "{s}");
        ok("1980 年代", 1980, 1989);
        ok("80年代", 1980, 1989);
        ok("1985— 2000", 1985, 2000);
        ok("1978— 1984", 1978, 1984);
        ok("1985至2000年", 1985, 2000);
        ok("1970", 1970, 1970);
        ok("2000年", 2000, 2000);
        ok("1985-06-01", 1985, 1985);
        ok("1985年6月", 1985, 1985);
        ok("１９９７", 1997, 1997);
        ok("1980年代—1990年代", 1980, 1999);
        assert_eq!(
            parse_build_date(&Cell::Number(d("1970"))),
            Ok(Some((1970, 1970)))
        );
        assert_eq!(parse_build_date(&Cell::Empty), Ok(None));
        for bad in [
            "1990年代初",
            "1985、1990",
            "2000年以前",
            "1985-95",
            "85",
            "1985-2000-2010",
            "abc",
        ] {
            assert_eq!(
                parse_build_date(&t(bad)),
                Err(Code::UnreadableBuildDate),
                "{bad}"
            );
        }
        assert_eq!(
            parse_build_date(&t("2000—1985")),
            Err(Code::InvertedBuildDate)
        );
    }

    #[test]
    fn years() {
        assert_eq!(parse_year(&t("2018年 (共9个)")), Ok(Some((2018, Some(9)))));
        assert_eq!(
            parse_year(&t("2019年（共11个）")),
            Ok(Some((2019, Some(11))))
        );
        assert_eq!(parse_year(&t("2018年度")), Ok(Some((2018, None))));
        assert_eq!(parse_year(&t("2018")), Ok(Some((2018, None))));
        assert_eq!(parse_year(&Cell::Number(d("2020"))), Ok(Some((2020, None))));
        assert_eq!(parse_year(&t("明年")), Err(Code::UnreadableYear));
        assert_eq!(parse_year(&t("2018-2019")), Err(Code::UnreadableYear));
    }

    #[test]
    fn cleaning() {
        assert_eq!(
            clean(" 炳草岗酿造厂小区\n(鸿海巷小区) "),
            "炳草岗酿造厂小区(鸿海巷小区)"
        );
        assert_eq!(clean("Block\nA"), "Block A");
    }
}
