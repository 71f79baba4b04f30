//! The same compound listed twice: the same name (spaces, case and full-width forms aside) in
//! the same district. One hash per row; names are compared only where hashes meet.

use std::collections::HashMap;

use super::cache::IdentityHash;
use super::{Plan, PlanRow};

/// Calls `f` with each character a compound's name is compared by: no spaces, full-width
/// forms folded, case ignored (as headers are compared). Chinese characters, which have no case,
/// skip the case tables.
fn each_name_char(s: &str, mut f: impl FnMut(char)) {
    for c in s.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '【' | '〔' | '〖' => '(',
            '】' | '〕' | '〗' => ')',
            c => c,
        };
        // CJK ideographs (most of a Chinese name) are neither white space nor cased.
        if ('\u{3400}'..='\u{9FFF}').contains(&c) {
            f(c);
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii() {
            f(c.to_ascii_lowercase());
        } else if c.is_uppercase() {
            c.to_lowercase().for_each(&mut f);
        } else {
            f(c);
        }
    }
}

fn name_chars(s: &str) -> Vec<char> {
    let mut v = Vec::with_capacity(s.len());
    each_name_char(s, |c| v.push(c));
    v
}

/// An FNV-1a-style hash over a name's compared characters and its district's.
fn compound_key(name: &str, district: Option<&str>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    // A character at a time (not a byte): one multiply each; equal keys are compared anyway.
    let mut eat = |c: char| {
        h ^= u64::from(c as u32);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    each_name_char(name, &mut eat);
    eat('\u{0}');
    if let Some(d) = district {
        each_name_char(d, &mut eat);
    }
    h
}

fn same_compound(a: &PlanRow, b: &PlanRow) -> bool {
    let eq = |x: Option<&str>, y: Option<&str>| match (x, y) {
        (Some(x), Some(y)) => x == y || name_chars(x) == name_chars(y),
        (None, None) => true,
        _ => false,
    };
    eq(a.name.as_deref(), b.name.as_deref()) && eq(a.district.as_deref(), b.district.as_deref())
}

/// Each row that repeats an earlier compound, with the first row it repeats (indices).
pub(super) fn find(plan: &Plan) -> Vec<(usize, usize)> {
    let n = plan.rows.len();
    let mut first_of: HashMap<u64, u32, IdentityHash> =
        HashMap::with_capacity_and_hasher(n, IdentityHash);
    let mut next_same: Vec<u32> = vec![u32::MAX; n];
    let mut out = Vec::new();
    for (index, row) in plan.rows.iter().enumerate() {
        let Some(name) = row.name.as_deref() else {
            continue;
        };
        let key = compound_key(name, row.district.as_deref());
        let Ok(index32) = u32::try_from(index) else {
            break;
        };
        let Some(&head) = first_of.get(&key) else {
            first_of.insert(key, index32);
            continue;
        };
        // Walk the rows with this hash for one that is the same compound.
        let (mut j, mut last, mut found) = (head, head, None);
        while j != u32::MAX {
            if plan
                .rows
                .get(j as usize)
                .is_some_and(|o| same_compound(o, row))
            {
                found = Some(j as usize);
                break;
            }
            last = j;
            j = next_same.get(j as usize).copied().unwrap_or(u32::MAX);
        }
        match found {
            Some(first) => out.push((index, first)),
            None => {
                if let Some(slot) = next_same.get_mut(last as usize) {
                    *slot = index32;
                }
            }
        }
    }
    out
}
