//! What every answer of gaizao must satisfy, checked on the JSON a caller receives — shared by
//! the cargo-fuzz targets (`fuzz/src/lib.rs` includes this file) and the structure-aware tests
//! (`tests/structured_fuzz.rs`), so that both hold the same promises:
//!
//! - a refusal is a non-empty list of at most [`MAX_PROBLEMS`] problems, each with a code and
//!   a field, none of them `internal`;
//! - an estimate's parts add up exactly, in whole fen: parties' shares to their line, lines to
//!   the total, the party totals to the total, floors to the residents' elevator part; every
//!   amount is a non-negative figure with two decimals (never "overflow");
//! - an eligibility verdict follows from its decisive findings, and every measured share's
//!   `reached` is the exact comparison of its figures with the threshold.
#![allow(dead_code)]

use serde_json::Value;

/// The cap on problems reported for one input (`gaizao::input::read::MAX_PROBLEMS`).
pub const MAX_PROBLEMS: usize = 20;

/// A refusal: non-empty, capped, each problem with a code and a field, none internal.
pub fn problems_ok(errors: &[gaizao::Error]) -> Result<(), String> {
    if errors.is_empty() {
        return Err("refused with no problem".into());
    }
    if errors.len() > MAX_PROBLEMS {
        return Err(format!("{} problems (cap {MAX_PROBLEMS})", errors.len()));
    }
    for e in errors {
        if e.is_internal() {
            return Err(format!("internal error: {e:?}"));
        }
        if e.code().is_empty() {
            return Err(format!("no code: {e:?}"));
        }
        match e.field() {
            Some(f) if !f.is_empty() && !f.ends_with('.') => {}
            _ => return Err(format!("no field: {e:?}")),
        }
        let m = e.message();
        if m.zh.is_empty() || m.en.is_empty() {
            return Err(format!("no message: {e:?}"));
        }
    }
    Ok(())
}

/// An amount as results write it (`"1234.50"`), in fen; an error for anything else.
pub fn fen(v: &Value, what: &str) -> Result<i128, String> {
    let s = v
        .as_str()
        .ok_or_else(|| format!("{what}: not a string: {v}"))?;
    let (int, frac) = s
        .split_once('.')
        .ok_or_else(|| format!("{what}: not an amount: {s}"))?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.len() != 2 || !digits(frac) {
        return Err(format!(
            "{what}: not a non-negative amount with two decimals: {s}"
        ));
    }
    let n: i128 = format!("{int}{frac}")
        .parse()
        .map_err(|_| format!("{what}: too large: {s}"))?;
    Ok(n)
}

fn arr<'a>(v: &'a Value, key: &str) -> Result<&'a Vec<Value>, String> {
    v.get(key)
        .and_then(Value::as_array)
        .ok_or_else(|| format!("no list {key}"))
}

fn sum(values: &[Value], key: &str, what: &str) -> Result<i128, String> {
    let mut total: i128 = 0;
    for (i, x) in values.iter().enumerate() {
        let a = fen(&x[key], &format!("{what}[{i}].{key}"))?;
        total = total.checked_add(a).ok_or("sum overflows i128")?;
    }
    Ok(total)
}

/// An estimate, as JSON: every part adds up exactly.
pub fn estimate_ok(v: &Value) -> Result<(), String> {
    let total = fen(&v["total"], "total")?;
    let lines = arr(v, "lines")?;
    let line_sum = sum(lines, "amount", "lines")?;
    if line_sum != total {
        return Err(format!("lines add up to {line_sum} fen, total is {total}"));
    }
    let mut per_party: Vec<(String, i128)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let amount = fen(&l["amount"], &format!("lines[{i}].amount"))?;
        let shares = arr(l, "shares")?;
        let s = sum(shares, "amount", &format!("lines[{i}].shares"))?;
        if s != amount {
            return Err(format!(
                "lines[{i}]: shares add up to {s} fen, line is {amount}"
            ));
        }
        for sh in shares {
            let party = sh["party"]
                .as_str()
                .ok_or("share without party")?
                .to_string();
            let a = fen(&sh["amount"], "share")?;
            match per_party.iter_mut().find(|(p, _)| *p == party) {
                Some(slot) => slot.1 += a,
                None => per_party.push((party, a)),
            }
        }
    }
    let parties = arr(v, "shares")?;
    let party_sum = sum(parties, "amount", "shares")?;
    if party_sum != total {
        return Err(format!(
            "party totals add up to {party_sum} fen, total is {total}"
        ));
    }
    for p in parties {
        let id = p["party"].as_str().ok_or("party total without party")?;
        let a = fen(&p["amount"], "shares[].amount")?;
        let from_lines = per_party
            .iter()
            .find(|(q, _)| q == id)
            .map_or(0, |(_, x)| *x);
        if a != from_lines {
            return Err(format!(
                "party {id}: total {a} fen, its line shares add up to {from_lines}"
            ));
        }
    }
    for (party, a) in &per_party {
        if *a != 0 && !parties.iter().any(|p| p["party"] == party.as_str()) {
            return Err(format!("party {party} has {a} fen in lines but no total"));
        }
    }
    if let Some(e) = v.get("elevator").filter(|e| !e.is_null()) {
        let residents = fen(&e["residentsTotal"], "elevator.residentsTotal")?;
        let floors = arr(e, "floors")?;
        let s = sum(floors, "total", "elevator.floors")?;
        if s != residents {
            return Err(format!(
                "floors add up to {s} fen, residents' elevator part is {residents}"
            ));
        }
        for (i, f) in floors.iter().enumerate() {
            let t = fen(&f["total"], "floor total")?;
            let per = fen(&f["perHousehold"], "floor perHousehold")?;
            let n = i128::from(f["households"].as_u64().ok_or("floor households")?);
            let plus = i128::from(f["plusOneFen"].as_u64().ok_or("floor plusOneFen")?);
            if n > 0 && per * n + plus != t {
                return Err(format!("elevator.floors[{i}]: {n} × {per} + {plus} ≠ {t}"));
            }
        }
    }
    if let Some(h) = v.get("household").filter(|h| !h.is_null()) {
        let t = fen(&h["total"], "household.total")?;
        let s = fen(&h["shared"], "household.shared")?;
        let e = match h.get("elevator") {
            Some(x) if !x.is_null() => fen(x, "household.elevator")?,
            _ => 0,
        };
        if s + e != t {
            return Err(format!("household: {s} + {e} ≠ {t}"));
        }
    }
    if let Some(p) = v.get("perHousehold").filter(|p| !p.is_null()) {
        fen(p, "perHousehold")?;
    }
    Ok(())
}

/// An exact non-negative decimal `"123.45"` as (mantissa, scale).
fn decimal(s: &str) -> Option<(i128, u32)> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let m: i128 = format!("{int}{frac}").parse().ok()?;
    Some((m, u32::try_from(frac.len()).ok()?))
}

/// `"2/3"`, `"0.9"` or `"1"` as (num, den).
fn fraction(s: &str) -> Option<(i128, i128)> {
    let (n, d) = s.split_once('/').unwrap_or((s, "1"));
    let ((nm, ns), (dm, ds)) = (decimal(n.trim())?, decimal(d.trim())?);
    // n/d = nm·10^ds / (dm·10^ns)
    Some((
        nm.checked_mul(10i128.checked_pow(ds)?)?,
        dm.checked_mul(10i128.checked_pow(ns)?)?,
    ))
}

/// Whether `have / of` reaches `threshold` (exactly, or beyond when not inclusive), computed
/// with plain i128 cross-multiplication; `None` when that overflows or `of` is zero.
fn reaches(have: &str, of: &str, threshold: &str, inclusive: bool) -> Option<bool> {
    let ((hm, hs), (om, os)) = (decimal(have)?, decimal(of)?);
    let (tn, td) = fraction(threshold)?;
    if om == 0 {
        return None;
    }
    // have/of ≥ tn/td ⇔ hm·10^os·td ≥ tn·om·10^hs
    let lhs = hm.checked_mul(10i128.checked_pow(os)?)?.checked_mul(td)?;
    let rhs = tn.checked_mul(om)?.checked_mul(10i128.checked_pow(hs)?)?;
    Some(if inclusive { lhs >= rhs } else { lhs > rhs })
}

/// An eligibility result, as JSON: the verdict follows from the decisive findings, and every
/// measured share is compared exactly.
pub fn eligibility_ok(v: &Value) -> Result<(), String> {
    let findings = arr(v, "findings")?;
    let decisive: Vec<&str> = findings
        .iter()
        .filter(|f| f["role"] == "decisive")
        .map(|f| f["outcome"].as_str().unwrap_or(""))
        .collect();
    let want = if decisive.contains(&"fail") {
        "ineligible"
    } else if decisive.contains(&"unknown") {
        "undetermined"
    } else {
        "eligible"
    };
    if v["verdict"] != want {
        return Err(format!(
            "verdict {} but decisive outcomes {decisive:?}",
            v["verdict"]
        ));
    }
    for (i, f) in findings.iter().enumerate() {
        let m = &f["measure"];
        match m["kind"].as_str() {
            Some("shares") => {
                for (k, p) in arr(m, "parts")?.iter().enumerate() {
                    let (Some(h), Some(o), Some(t)) = (
                        p["have"].as_str(),
                        p["of"].as_str(),
                        p["threshold"].as_str(),
                    ) else {
                        continue;
                    };
                    if p["limit"] == true {
                        continue;
                    }
                    let incl = p["inclusive"] == true;
                    if let Some(want) = reaches(h, o, t, incl) {
                        if p["reached"] != want {
                            return Err(format!("findings[{i}].parts[{k}]: {h} of {o} vs {t} (inclusive {incl}): reached {} ≠ {want}", p["reached"]));
                        }
                    }
                }
            }
            Some("fund") => {
                let (Some(b), Some(init), Some(t)) = (
                    m["balance"].as_str(),
                    m["initial"].as_str(),
                    m["threshold"].as_str(),
                ) else {
                    return Err(format!("findings[{i}]: fund measure incomplete"));
                };
                if let Some(want) = reaches(b, init, t, m["inclusive"] == true) {
                    if m["reached"] != want {
                        return Err(format!(
                            "findings[{i}]: fund {b} of {init} vs {t}: reached {} ≠ {want}",
                            m["reached"]
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}
