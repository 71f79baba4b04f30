//! Structure-aware generators (proptest) of gaizao's inputs and packs, as JSON: estates and
//! scenarios that look valid and sit at or past every limit of the schema, and packs derived
//! from the built-in ones by one mutation each. Shared by `tests/structured_fuzz.rs` (native)
//! and `examples/fuzz_corpus.rs` (which writes cases for `tests/node/fuzz.test.mjs`).
//!
//! What the generators reach:
//! - numbers: 0, the limits (10^8 for counts, 10^13 for amounts), just past them, 6 and 7
//!   decimals, exponents (`1.5e3`, `1e-400`, `1e400`), `-0`, negatives, numbers written as text,
//!   `@notANumber`, text that is no number, and the wrong JSON types;
//! - lists: empty, short, exactly at the schema's limit (500 items, 200 floors, 50 overrides,
//!   20 shares) and one past it; duplicate elevator floors; 100 000 floors as one list;
//! - options: every method, segment, party and benchmark of every pack, unknown ids, odd keys
//!   (`""`, `"a.b"`, `"__proto__"`), nulls, duplicate keys (in the text);
//! - packs: a built-in pack with one mutation — impossible dates, empty-looking or control
//!   texts, oversized names, extreme weights, benchmarks and thresholds, unreachable thresholds,
//!   self-bases, unknown bases, id clashes with a built-in pack, duplicate keys, long lists —
//!   each marked with whether validation must refuse it.
#![allow(dead_code)]

pub mod invariants;

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};

use gaizao::Registry;

/// The built-in packs (native builds compile them in).
pub fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::builtin().expect("the built-in packs are valid"))
}

/// Every built-in pack id.
pub fn pack_ids() -> Vec<String> {
    registry().packs().map(|p| p.id().to_string()).collect()
}

fn all_of(f: impl Fn(&gaizao::policy::ResolvedPack) -> Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = registry().packs().flat_map(f).collect();
    out.sort();
    out.dedup();
    out
}

/// Menu item ids of every pack, and ids no pack has.
fn item_ids() -> Vec<String> {
    let mut v = all_of(|p| {
        p.menu
            .iter()
            .flat_map(|c| c.items.iter().map(|i| i.id.clone()))
            .collect()
    });
    v.extend(["no-such-item".to_string(), String::new()]);
    v
}

fn rule_ids() -> Vec<String> {
    let mut v = all_of(|p| p.funding.iter().map(|r| r.spec.id.clone()).collect());
    v.push("no-such-rule".into());
    v
}

fn benchmark_ids() -> Vec<String> {
    let mut v = all_of(|p| p.benchmarks.iter().map(|b| b.id.clone()).collect());
    v.push("no-such-benchmark".into());
    v
}

const PARTIES: &[&str] = &[
    "central",
    "province",
    "city",
    "county",
    "waterUtility",
    "powerUtility",
    "gasUtility",
    "telecomUtility",
    "heatUtility",
    "propertyUnit",
    "residents",
    "maintenanceFund",
    "socialCapital",
    "pipelineUtility",
    "nobody",
];

/// The mark of a number token kept as text in a tree (a `Value` cannot hold `1e-400` or
/// `1.0000000000000000000001` as written); [`to_text`] writes it as the bare token.
pub const RAW: &str = "\u{1}raw:";

/// A JSON number with exactly this text, when the text is a JSON number (else the text).
fn num(text: &str) -> Value {
    let t = text.strip_prefix('+').unwrap_or(text);
    let is_number = serde_json::from_str::<serde_json::Number>(t).is_ok()
        && !t.starts_with('.')
        && !t.ends_with('.');
    Value::String(if is_number {
        format!("{RAW}{t}")
    } else {
        text.to_string()
    })
}

/// The JSON text of a tree, with [`num`]'s tokens written bare, as the generator meant them.
pub fn to_text(v: &Value) -> String {
    let text = v.to_string();
    let mark = "\"\\u0001raw:";
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find(mark) {
        out.push_str(&rest[..i]);
        let after = &rest[i + mark.len()..];
        let end = after.find('"').unwrap_or(after.len());
        out.push_str(&after[..end]);
        rest = after.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The number token a generated value stands for, if it is one (a bare number or [`num`]'s).
pub fn token(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => s.strip_prefix(RAW).map(str::to_string),
        _ => None,
    }
}

/// Digits `int.frac` with `places` decimals, as text.
fn digits(int: u64, frac: u64, places: u32) -> String {
    if places == 0 {
        int.to_string()
    } else {
        let f = frac % 10u64.pow(places);
        format!("{int}.{f:0width$}", width = places as usize)
    }
}

/// An amount or area as text: ordinary, at and past every limit, in every notation.
pub fn decimal_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => (0u64..100_000, 0u64..1_000_000, 0u32..=6).prop_map(|(i, f, p)| digits(i, f, p)),
        2 => (0u64..=10_000_000_000_000, 0u64..1_000_000, 0u32..=6).prop_map(|(i, f, p)| digits(i, f, p)),
        1 => (0u64..1000, 0u64..10_000_000, Just(7u32)).prop_map(|(i, f, p)| digits(i, f, p)),
        1 => (1u64..100, -12i32..=14).prop_map(|(m, e)| format!("{m}e{e}")),
        1 => (1u64..100, 0u64..100, -8i32..=8).prop_map(|(m, f, e)| format!("{m}.{f:02}E{e:+}")),
        2 => select(vec![
            "0", "-0", "0.0", "-0.000", "10000000000000", "10000000000000.000001", "9999999999999.999999",
            "10000000000001", "0.000001", "0.0000001", "1e-400", "1e400", "0e99", "-1", "-0.01",
            "7922816251427", "0.000000000001", "0.0000000000000000000001", "79228162514264337593543950335",
            "1.0000000000000000001", "00012.50", "+5", ".5", "5.",
        ]).prop_map(str::to_string),
    ]
    .boxed()
}

/// An amount or area as a JSON value: the text as a number, as a string, or something wrong.
pub fn decimal_value() -> BoxedStrategy<Value> {
    prop_oneof![
        6 => decimal_text().prop_map(|t| num(&t)),
        4 => decimal_text().prop_map(Value::String),
        1 => select(vec![
            json!("@notANumber"), json!("abc"), json!(""), json!(" 12 "), json!("1,000"), json!(true),
            json!([1]), json!({"v": 1}), json!(null), json!("Infinity"), json!("NaN"),
        ]),
    ]
    .boxed()
}

/// A count (households, owners, floors) as a JSON value.
pub fn count_value() -> BoxedStrategy<Value> {
    prop_oneof![
        6 => (0u64..500).prop_map(|n| json!(n)),
        2 => (0u64..=100_000_000).prop_map(|n| json!(n)),
        1 => (0u64..1000).prop_map(|n| json!(n.to_string())),
        2 => select(vec![
            "0", "-0", "100000000", "100000001", "1.5", "-5", "1e3", "1e-400", "60.0", "18446744073709551616",
        ]).prop_map(num),
        1 => select(vec![json!("60"), json!("@notANumber"), json!(false), json!([]), json!("-0")]),
    ]
    .boxed()
}

fn year_value() -> BoxedStrategy<Value> {
    prop_oneof![
        6 => (1950i64..2025).prop_map(|y| json!(y)),
        1 => select(vec![json!(1799), json!(1800), json!(2100), json!(2101), json!(-0), json!("1995"), json!(1995.5)]),
    ]
    .boxed()
}

fn flag_value() -> BoxedStrategy<Value> {
    prop_oneof![8 => any::<bool>().prop_map(Value::Bool), 1 => select(vec![json!("yes"), json!(1), json!(null)])].boxed()
}

fn choice(ids: &'static [&'static str]) -> BoxedStrategy<Value> {
    prop_oneof![8 => select(ids).prop_map(|s| json!(s)), 1 => select(vec![json!("nope"), json!(3), json!("")])].boxed()
}

fn text_value() -> BoxedStrategy<Value> {
    prop_oneof![
        6 => "[a-z林业大院 ]{0,30}".prop_map(Value::String),
        1 => select(vec![200usize, 201, 5000]).prop_map(|n| Value::String("院".repeat(n))),
        1 => select(vec![json!("\u{200b}"), json!("\u{1b}[31mred\u{1b}[0m"), json!("a\u{0}b"), json!(7)]),
    ]
    .boxed()
}

/// Keys no schema has, some of which are hard to name in a path.
fn odd_key() -> BoxedStrategy<String> {
    select(vec![
        "",
        "a.b",
        "Households",
        "__proto__",
        "constructor",
        "x y",
        "[0]",
        "\u{200b}",
        "households ",
    ])
    .prop_map(str::to_string)
    .boxed()
}

/// Builds an object from optional entries (None: the key is left out).
fn object(entries: Vec<(&str, Option<Value>)>) -> Value {
    let mut m = Map::new();
    for (k, v) in entries {
        if let Some(v) = v {
            m.insert(k.to_string(), v);
        }
    }
    Value::Object(m)
}

fn opt<T: std::fmt::Debug + Clone + 'static>(s: BoxedStrategy<T>) -> BoxedStrategy<Option<T>> {
    prop_oneof![1 => Just(None), 2 => s.prop_map(Some)].boxed()
}

/// A tally `{total, voted, inFavour}` of counts or areas, usually consistent.
fn tally(value: BoxedStrategy<Value>, counts: bool) -> BoxedStrategy<Value> {
    let consistent = (0u64..1000, 0u64..=1000, 0u64..=1000).prop_map(move |(t, v, f)| {
        let (voted, fav) = (t * v / 1000, t * v / 1000 * f / 1000);
        if counts {
            json!({"total": t, "voted": voted, "inFavour": fav})
        } else {
            json!({"total": format!("{t}.5"), "voted": format!("{voted}.25"), "inFavour": format!("{fav}.125")})
        }
    });
    prop_oneof![
        3 => consistent,
        2 => (opt(value.clone()), opt(value.clone()), opt(value)).prop_map(|(t, v, f)| {
            object(vec![("total", t), ("voted", v), ("inFavour", f)])
        }),
    ]
    .boxed()
}

/// An estate: any subset of the facts, with values at and past their limits, sometimes an
/// unknown key or a pack's own fact.
pub fn estate() -> BoxedStrategy<Value> {
    let a = (
        opt(text_value()),
        opt(year_value()),
        opt((year_value(), year_value())
            .prop_map(|(f, t)| json!({"from": f, "to": t}))
            .boxed()),
        opt(choice(&["city", "countyTown", "town", "rural"])),
        opt(choice(&["nonCommodity", "commodity", "selfBuilt", "mixed"])),
        opt(count_value()),
        opt(count_value()),
        opt(decimal_value()),
    );
    let b = (
        opt(flag_value()),
        opt(flag_value()),
        opt(flag_value()),
        opt(tally(count_value(), true)),
        opt(tally(decimal_value(), false)),
        opt((decimal_value(), decimal_value())
            .prop_map(|(i, b)| json!({"initial": i, "balance": b}))
            .boxed()),
        opt(flag_value()),
        opt(prop_oneof![3 => Just(None), 1 => (odd_key(), count_value()).prop_map(Some)].boxed()),
    );
    (a, b)
        .prop_map(
            |(
                (name, year, years, loc, housing, hh, self_built, area),
                (safe, demo, gas, owners, oarea, fund, willing, odd),
            )| {
                let mut v = object(vec![
                    ("name", name),
                    ("builtYear", year),
                    ("builtYears", years),
                    ("locationType", loc),
                    ("housingType", housing),
                    ("households", hh),
                    ("selfBuiltHouseholds", self_built),
                    ("floorArea", area),
                    ("structurallySafe", safe),
                    ("demolitionPlanned", demo),
                    ("cityGasCompanyArea", gas),
                    ("owners", owners),
                    ("ownerArea", oarea),
                    ("maintenanceFund", fund),
                    ("residentsWilling", willing),
                ]);
                if let (Some(Some((k, val))), Value::Object(m)) = (odd, &mut v) {
                    m.insert(k, val);
                }
                v
            },
        )
        .boxed()
}

/// One chosen item: a lump sum, quantity × unit price, both, or neither.
fn item() -> BoxedStrategy<Value> {
    (
        select(item_ids()),
        0u8..8,
        decimal_value(),
        decimal_value(),
        decimal_value(),
        opt(choice(&["beforeMeter", "afterMeter"])),
    )
        .prop_map(|(id, how, amount, q, p, seg)| {
            let (a, q, p) = match how {
                0..=3 => (Some(amount), None, None),
                4..=5 => (None, Some(q), Some(p)),
                6 => (Some(amount), Some(q), Some(p)),
                _ => (None, Some(q), None),
            };
            object(vec![
                ("item", Some(json!(id))),
                ("amount", a),
                ("quantity", q),
                ("unitPrice", p),
                ("segment", seg),
            ])
        })
        .boxed()
}

/// A list of `elem`: empty, short, at a limit, or one past it (long lists repeat one element,
/// so that a case stays cheap to make and to shrink).
fn list(elem: BoxedStrategy<Value>, limit: usize) -> BoxedStrategy<Vec<Value>> {
    prop_oneof![
        6 => prop::collection::vec(elem.clone(), 0..6),
        1 => (elem, select(vec![limit, limit + 1])).prop_map(|(e, n)| vec![e; n]),
    ]
    .boxed()
}

fn overrides() -> BoxedStrategy<Value> {
    let share = (select(PARTIES.to_vec()), decimal_value())
        .prop_map(|(p, w)| json!({"party": p, "weight": w}));
    (select(rule_ids()), list(share.boxed(), 20))
        .prop_map(|(rule, shares)| json!({"rule": rule, "shares": shares}))
        .boxed()
}

fn elevator() -> BoxedStrategy<Value> {
    let floor = (
        1u64..=40,
        count_value(),
        opt(decimal_value()),
        opt(decimal_value()),
    )
        .prop_map(|(f, h, a, c)| {
            object(vec![
                ("floor", Some(json!(f))),
                ("households", Some(h)),
                ("area", a),
                ("coefficient", c),
            ])
        });
    let floors = prop_oneof![
        // Distinct floors 1..=n, the usual case.
        4 => (1u64..=30, 1u64..=12, decimal_text(), 0u8..3).prop_map(|(n, h, area, odd)| {
            (1..=n)
                .map(|f| {
                    let mut v = json!({"floor": f, "households": h, "area": area, "coefficient": format!("1.{}", f % 10)});
                    if odd == 0 && f == n {
                        v["floor"] = json!(1); // a duplicate floor
                    }
                    v
                })
                .collect::<Vec<_>>()
        }),
        2 => list(floor.boxed(), 200),
        // 140 000 rows of the same floor: refused as too many, with one problem.
        1 => Just(vec![json!({"floor": 2, "households": 1}); 140_000]),
    ];
    (
        choice(&["floorsClimbed", "coefficients", "area"]),
        floors,
        opt(count_value()),
    )
        .prop_map(|(m, floors, exempt)| {
            object(vec![
                ("method", Some(m)),
                ("floors", Some(json!(floors))),
                ("exemptFloors", exempt),
            ])
        })
        .boxed()
}

/// A scenario: an estate, items, and every option, at and past the schema's limits.
pub fn scenario() -> BoxedStrategy<Value> {
    (
        opt(estate()),
        opt(list(item(), 500).prop_map(Value::from).boxed()),
        opt(select(benchmark_ids()).prop_map(Value::String).boxed()),
        opt(list(overrides(), 50).prop_map(Value::from).boxed()),
        opt(elevator()),
        opt((
            count_value(),
            opt(decimal_value()),
            choice(&["county", "city", "residents", "socialCapital"]),
        )
            .prop_map(|(h, s, p)| {
                object(vec![
                    ("households", Some(h)),
                    ("share", s),
                    ("payer", Some(p)),
                ])
            })
            .boxed()),
        opt((opt(count_value()), opt(decimal_value()))
            .prop_map(|(f, a)| object(vec![("floor", f), ("area", a)]))
            .boxed()),
        opt(prop_oneof![3 => Just(None), 1 => (odd_key(), any::<bool>()).prop_map(Some)].boxed()),
    )
        .prop_map(|(estate, items, bench, ov, el, waiver, household, odd)| {
            let mut v = object(vec![
                ("estate", estate),
                ("items", items),
                ("benchmark", bench),
                ("fundingOverrides", ov),
                ("elevator", el),
                ("waiver", waiver),
                ("household", household),
            ]);
            if let (Some(Some((k, b))), Value::Object(m)) = (odd, &mut v) {
                m.insert(k, json!(b));
            }
            v
        })
        .boxed()
}

/// A scenario that the reader accepts under most packs (costs the first items of a menu with
/// ordinary figures), so that estimates are reached and re-summed often.
pub fn plausible_scenario() -> BoxedStrategy<Value> {
    let amount = prop_oneof![
        4 => (0u64..10_000_000, 0u64..100, 0u32..=2).prop_map(|(i, f, p)| digits(i, f, p)),
        1 => (0u64..=10_000_000_000_000, 0u64..1_000_000, 0u32..=6).prop_map(|(i, f, p)| digits(i, f, p)),
        1 => Just("0.005".to_string()),
    ];
    (
        select(pack_ids()),
        prop::collection::vec(
            (
                0usize..40,
                amount.clone(),
                amount,
                any::<bool>(),
                any::<bool>(),
            ),
            0..12,
        ),
        1u64..2000,
        opt((1u64..=5, 0u32..=1000)
            .prop_map(
                |(h, s)| json!({"households": h, "share": format!("0.{s:03}"), "payer": "county"}),
            )
            .boxed()),
        opt((1u64..=12, 1u64..=8)
            .prop_map(|(n, h)| {
                let floors: Vec<Value> = (1..=n)
                    .map(|f| json!({"floor": f, "households": h, "area": "85.5"}))
                    .collect();
                json!({"method": "area", "floors": floors})
            })
            .boxed()),
    )
        .prop_map(|(pack, picks, households, waiver, elevator)| {
            let pack_ref = registry().get(&pack).expect("built-in");
            let menu: Vec<_> = pack_ref.menu.iter().flat_map(|c| c.items.iter()).collect();
            let items: Vec<Value> = picks
                .iter()
                .map(|(k, a, b, lump, before)| {
                    let it = menu[k % menu.len()];
                    let mut v = if *lump {
                        json!({"item": it.id, "amount": a})
                    } else {
                        json!({"item": it.id, "quantity": a, "unitPrice": b})
                    };
                    if it.pipeline.is_some() {
                        v["segment"] = json!(if *before { "beforeMeter" } else { "afterMeter" });
                    }
                    v
                })
                .collect();
            let mut s = json!({
                "estate": {"households": households, "floorArea": format!("{}.5", households * 80)},
                "items": items,
                "household": {"floor": 3, "area": "80.25"},
            });
            if pack_ref
                .facts
                .iter()
                .any(|f| f.spec.key == "cityGasCompanyArea")
            {
                s["estate"]["cityGasCompanyArea"] = json!(households % 2 == 0);
            }
            if let Some(w) = waiver {
                s["waiver"] = w;
            }
            if let Some(e) = elevator {
                s["elevator"] = e;
            }
            json!({"policy": pack, "scenario": s})
        })
        .boxed()
}

// ---- packs --------------------------------------------------------------------------------

/// A built-in pack's file, as text and as a tree.
pub fn pack_file(id: &str) -> (String, Value) {
    let path = format!("{}/policies/{id}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("pack file");
    let tree = serde_json::from_str(&text).expect("pack JSON");
    (text, tree)
}

/// A pack made from a built-in one: its text, and whether validation must refuse it (with the
/// field, or the start of the field, the refusal must name).
#[derive(Debug, Clone)]
pub struct PackCase {
    pub from: String,
    pub mutation: String,
    pub text: String,
    pub must_refuse: Option<String>,
}

/// Every text field of a tree, by JSON pointer.
fn text_pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::String(_) => out.push(at),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| text_pointers(x, format!("{at}/{i}"), out)),
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| text_pointers(x, format!("{at}/{k}"), out)),
        _ => {}
    }
}

/// A pointer `/menu/0/name/zh` as the path validation names: `menu[0].name.zh`.
fn field_of(pointer: &str) -> String {
    let mut out = String::new();
    for seg in pointer.split('/').skip(1) {
        if seg.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(seg);
        }
    }
    out
}

/// Texts that are ids, enumerations or references: replacing them is not a text mutation.
fn is_prose(pointer: &str) -> bool {
    let last = pointer.rsplit('/').next().unwrap_or("");
    matches!(
        last,
        "zh" | "en" | "document" | "clause" | "quote" | "number"
    ) && !pointer.contains("/when/")
}

/// A mutation of a built-in pack.
pub fn pack_case() -> BoxedStrategy<PackCase> {
    let ids = pack_ids();
    (
        select(ids.clone()),
        select(ids),
        0u8..16,
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(from, other, kind, i, j)| mutate(&from, &other, kind, i, j))
        .boxed()
}

fn case(from: &str, mutation: &str, tree: &Value, must_refuse: Option<&str>) -> PackCase {
    PackCase {
        from: from.into(),
        mutation: mutation.into(),
        text: serde_json::to_string_pretty(tree).expect("JSON"),
        must_refuse: must_refuse.map(str::to_string),
    }
}

/// The pointers of the first `share` values of threshold objects, or of funding weights.
fn pointers_where(tree: &Value, f: impl Fn(&str) -> bool) -> Vec<String> {
    let mut all = Vec::new();
    text_pointers(tree, String::new(), &mut all);
    all.into_iter().filter(|p| f(p)).collect()
}

fn mutate(
    from: &str,
    other: &str,
    kind: u8,
    i: prop::sample::Index,
    j: prop::sample::Index,
) -> PackCase {
    let (text, mut tree) = pack_file(from);
    // Sets the value at a pointer, adding the last key to its object when it is absent.
    let set = |tree: &mut Value, ptr: &str, v: Value| {
        if let Some(slot) = tree.pointer_mut(ptr) {
            *slot = v;
        } else if let Some((parent, key)) = ptr.rsplit_once('/') {
            if let Some(Value::Object(m)) = tree.pointer_mut(parent) {
                m.insert(key.to_string(), v);
            }
        }
    };
    // A pack of its own (not a clash with the built-in one it comes from), except where the
    // mutation is about its id.
    if !matches!(kind, 8 | 9) {
        set(&mut tree, "/id", json!(format!("{from}-m")));
    }
    match kind {
        0 => {
            let d = i.get(&[
                "9999-99-99",
                "0000-00-00",
                "2021-02-29",
                "2020-13-01",
                "20200101",
                "2020-1-1",
                "1799",
                "2101-01-01",
            ]);
            set(&mut tree, "/document/date", json!(d));
            case(from, &format!("date {d}"), &tree, Some("document.date"))
        }
        1 => {
            let d = i.get(&["2020-02-29", "2021", "1800-01-01", "2100-12-31"]);
            set(&mut tree, "/document/date", json!(d));
            case(from, &format!("date {d} (valid)"), &tree, None)
        }
        2 | 3 => {
            // A prose text made invisible, oversized or holding control characters.
            let ptrs = pointers_where(&tree, is_prose);
            let ptr = i.get(&ptrs).clone();
            let bad = *j.get(&[
                "\u{200b}",
                " \u{200b}\u{feff} ",
                "",
                "\u{1b}[31mred\u{1b}[0m",
                "a\u{7}b",
                "\u{2060}\u{00ad}",
                "BIG",
            ]);
            let bad = if bad == "BIG" {
                "x".repeat(1_000_000)
            } else {
                bad.to_string()
            };
            set(&mut tree, &ptr, json!(bad));
            let shown: String = bad.chars().take(12).collect();
            case(
                from,
                &format!("text {ptr} = {shown:?}"),
                &tree,
                Some(&field_of(&ptr)),
            )
        }
        4 => {
            let ptrs = pointers_where(&tree, |p| p.ends_with("/weight"));
            let ptr = i.get(&ptrs).clone();
            let w = j.get(&[
                "1e-28",
                "0.0000000000000000000000000001",
                "79000000000000000000000000000",
                "1000001",
                "-1",
                "1/0",
                "abc",
                "1/1000001",
            ]);
            set(&mut tree, &ptr, json!(w));
            case(
                from,
                &format!("weight {ptr} = {w}"),
                &tree,
                Some(&field_of(&ptr)),
            )
        }
        5 => {
            let ptrs = pointers_where(&tree, |p| p.ends_with("/weight"));
            let ptr = i.get(&ptrs).clone();
            let w = j.get(&["1000000", "1/1000000", "0.000001", "2/3", "7"]);
            set(&mut tree, &ptr, json!(w));
            case(
                from,
                &format!("weight {ptr} = {w} (extreme but valid)"),
                &tree,
                None,
            )
        }
        6 => {
            let ptrs = pointers_where(&tree, |p| {
                p.ends_with("/amount") && p.starts_with("/benchmarks")
            });
            if ptrs.is_empty() {
                return mutate(from, other, 0, i, j);
            }
            let ptr = i.get(&ptrs).clone();
            let a = j.get(&[
                "79000000000000000000000000000",
                "0",
                "-1",
                "1000000000.01",
                "1000000001",
                "0.001",
                "abc",
            ]);
            set(&mut tree, &ptr, json!(a));
            case(
                from,
                &format!("benchmark {ptr} = {a}"),
                &tree,
                Some(&field_of(&ptr)),
            )
        }
        7 => {
            // A threshold that can never be met, or is no share at all.
            let ptrs = pointers_where(&tree, |p| p.ends_with("/share") && p.contains("/test/"));
            if ptrs.is_empty() {
                return mutate(from, other, 0, i, j);
            }
            let ptr = i.get(&ptrs).clone();
            let parent = ptr.trim_end_matches("/share").to_string();
            let (share, inclusive) = *j.get(&[
                ("1", false),
                ("0", true),
                ("3/2", true),
                ("1/0", true),
                ("1.0", false),
                ("2/2", false),
            ]);
            set(&mut tree, &ptr, json!(share));
            set(&mut tree, &format!("{parent}/inclusive"), json!(inclusive));
            case(
                from,
                &format!("threshold {ptr} = {share}, inclusive {inclusive}"),
                &tree,
                Some(&field_of(&parent)),
            )
        }
        8 => {
            // Poses as another pack: the id of a built-in one (never replaces it unasked).
            set(&mut tree, "/id", json!(other));
            if other == "national" {
                if let Value::Object(m) = &mut tree {
                    m.remove("base");
                }
            }
            let mut c = case(from, &format!("id {other}"), &tree, None);
            if c.text == text && other == from {
                c.mutation = "unchanged built-in".into();
            }
            // Any refusal will do (the clash, or what the base's absence breaks): it must not load.
            c.must_refuse = (c.text.trim() != pack_file(other).0.trim()).then(String::new);
            c
        }
        9 => {
            let id = tree["id"].as_str().unwrap_or(from).to_string();
            tree["base"] = json!(id);
            case(from, "its own base", &tree, Some("base"))
        }
        10 => {
            tree["base"] = json!(i.get(&["no-such-base", "", "NATIONAL"]));
            set(&mut tree, "/id", json!(format!("{from}-copy")));
            case(from, "unknown base", &tree, Some("base"))
        }
        11 => {
            // A duplicate key, in the text.
            let id = format!("{from}-dup");
            set(&mut tree, "/id", json!(id));
            let body = serde_json::to_string_pretty(&tree).expect("JSON");
            let text = body.replacen('{', "{\n  \"id\": \"dup-first\",", 1);
            PackCase {
                from: from.into(),
                mutation: "duplicate id key".into(),
                text,
                must_refuse: Some("id".into()),
            }
        }
        12 => {
            // A 1-million-character name.
            set(&mut tree, "/name/en", json!("n".repeat(1_000_000)));
            set(&mut tree, "/id", json!(format!("{from}-long")));
            case(from, "1M-character name", &tree, Some("name.en"))
        }
        13 => {
            // More menu items than a pack may list.
            let first = tree.pointer("/menu/0/items/0").cloned();
            match first {
                Some(item) => {
                    let items: Vec<Value> = (0..1001)
                        .map(|k| {
                            let mut it = item.clone();
                            it["id"] = json!(format!("item-{k}"));
                            it
                        })
                        .collect();
                    set(&mut tree, "/menu/0/items", json!(items));
                    set(&mut tree, "/id", json!(format!("{from}-big")));
                    case(from, "1001 menu items", &tree, Some("menu"))
                }
                None => mutate(from, other, 0, i, j),
            }
        }
        14 => {
            // A fresh id, otherwise unchanged: must load as a portal's own pack.
            set(&mut tree, "/id", json!(format!("{from}-portal")));
            case(from, "fresh id", &tree, None)
        }
        _ => {
            // A control character in an id-like text that no prose check reads.
            set(
                &mut tree,
                "/document/related",
                json!(["\u{1b}]0;owned\u{7}"]),
            );
            set(&mut tree, "/id", json!(format!("{from}-related")));
            case(
                from,
                "control characters in document.related",
                &tree,
                Some("document.related"),
            )
        }
    }
}
