//! Property test of the cost split: for random scenarios under every pack, every share is ≥ 0,
//! the shares of a line add up exactly to the line, the lines to the total, the party totals to
//! the total, the elevator floors to the residents' elevator total — and the total is the exact
//! sum of the items rounded half up to the fen. All money is read back from the JSON output with
//! rust_decimal; nothing here touches f64.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use gaizao::fraction::Fraction;
use gaizao::party::Party;
use proptest::prelude::*;
use proptest::sample::Index;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{json, Value};

/// A decimal `0..=max_int` with up to four places.
fn dec4(max_int: u64) -> impl Strategy<Value = Decimal> {
    (0..=max_int, 0u32..=4, 0u64..10_000).prop_map(|(int, scale, frac)| {
        let p = 10u64.pow(scale);
        Decimal::from_i128_with_scale((int * p + frac % p) as i128, scale)
    })
}

#[derive(Debug, Clone)]
struct RawItem {
    pick: Index,
    lump: bool,
    amount: Decimal,
    quantity: Decimal,
    price: Decimal,
    before_meter: bool,
}

#[derive(Debug, Clone)]
struct RawOverride {
    rule: Index,
    /// For each party of `Party::ALL` then `pipelineUtility`: included?, weight.
    weights: Vec<(bool, Decimal)>,
}

#[derive(Debug, Clone)]
struct RawElevator {
    method: usize,
    exempt: u64,
    /// households, area, coefficient (tenths) per floor from 1.
    floors: Vec<(u64, Decimal, u64)>,
}

#[derive(Debug, Clone)]
struct Raw {
    pack: usize,
    households: u64,
    floor_area: Option<Decimal>,
    gas_area: Option<bool>,
    items: Vec<RawItem>,
    overrides: Vec<RawOverride>,
    waiver: Option<(Index, Option<u64>, Index)>,
    elevator: Option<RawElevator>,
    household: Option<(Index, Option<u64>)>,
}

fn raw_item() -> impl Strategy<Value = RawItem> {
    (
        any::<Index>(),
        any::<bool>(),
        dec4(100_000_000),
        dec4(100_000),
        dec4(100_000),
        any::<bool>(),
    )
        .prop_map(
            |(pick, lump, amount, quantity, price, before_meter)| RawItem {
                pick,
                lump,
                amount,
                quantity,
                price,
                before_meter,
            },
        )
}

fn raw_override() -> impl Strategy<Value = RawOverride> {
    (
        any::<Index>(),
        prop::collection::vec((any::<bool>(), dec4(100)), Party::ALL.len() + 1),
    )
        .prop_map(|(rule, weights)| RawOverride { rule, weights })
}

fn raw_elevator() -> impl Strategy<Value = RawElevator> {
    (
        0usize..3,
        0u64..=2,
        prop::collection::vec((0u64..=4, dec4(300), 1u64..=20), 2..=12),
    )
        .prop_map(|(method, exempt, floors)| RawElevator {
            method,
            exempt,
            floors,
        })
}

fn raw() -> impl Strategy<Value = Raw> {
    (
        0..common::PACK_IDS.len(),
        1u64..=500,
        prop::option::of(dec4(100_000)),
        prop::option::of(any::<bool>()),
        prop::collection::vec(raw_item(), 0..=8),
        prop::collection::vec(raw_override(), 0..=2),
        prop::option::of((
            any::<Index>(),
            prop::option::of(0u64..=10_000),
            any::<Index>(),
        )),
        prop::option::of(raw_elevator()),
        prop::option::of((any::<Index>(), prop::option::of(0u64..=100))),
    )
        .prop_map(
            |(
                pack,
                households,
                floor_area,
                gas_area,
                items,
                overrides,
                waiver,
                elevator,
                household,
            )| Raw {
                pack,
                households,
                floor_area,
                gas_area,
                items,
                overrides,
                waiver,
                elevator,
                household,
            },
        )
}

/// Turns the raw draw into a valid scenario for its pack, and the exact sum of its items.
fn scenario(r: &Raw) -> (&'static str, Value, Decimal) {
    let id = common::PACK_IDS[r.pack];
    let pack = common::pack(id);
    let menu: Vec<_> = pack.menu.iter().flat_map(|c| &c.items).collect();
    let mut exact = Decimal::ZERO;
    let items: Vec<Value> = r
        .items
        .iter()
        .map(|it| {
            let m = menu[it.pick.index(menu.len())];
            let mut v = json!({ "item": m.id });
            if it.lump {
                v["amount"] = json!(it.amount.to_string());
                exact += it.amount;
            } else {
                v["quantity"] = json!(it.quantity.to_string());
                v["unitPrice"] = json!(it.price.to_string());
                exact += it.quantity * it.price;
            }
            if m.pipeline.is_some() {
                v["segment"] = json!(if it.before_meter {
                    "beforeMeter"
                } else {
                    "afterMeter"
                });
            }
            v
        })
        .collect();
    let floor_area = r.floor_area.map(|a| a + Decimal::ONE);
    let mut estate = json!({ "households": r.households });
    if let Some(a) = floor_area {
        estate["floorArea"] = json!(a.to_string());
    }
    // Panzhihua's own fact (the 市煤气总公司 area) sits in the estate; other packs do not know it.
    if let Some(g) = r.gas_area {
        if pack
            .facts
            .iter()
            .any(|f| f.spec.key == "cityGasCompanyArea")
        {
            estate["cityGasCompanyArea"] = json!(g);
        }
    }
    let mut s = json!({ "estate": estate, "items": items });
    let overrides: Vec<Value> = r
        .overrides
        .iter()
        .map(|o| {
            let rule = &pack.funding[o.rule.index(pack.funding.len())];
            let pipelines = rule.spec.applies.pipelines.is_some();
            let names = Party::ALL
                .iter()
                .map(|p| p.id())
                .chain(pipelines.then_some("pipelineUtility"));
            let mut shares: Vec<Value> = names
                .zip(&o.weights)
                .filter(|(_, (on, _))| *on)
                .map(|(party, (_, w))| json!({ "party": party, "weight": w.to_string() }))
                .collect();
            if shares.is_empty() {
                shares.push(json!({ "party": "residents", "weight": "1" }));
            } else if shares.iter().all(|s| {
                s["weight"]
                    .as_str()
                    .unwrap()
                    .parse::<Decimal>()
                    .unwrap()
                    .is_zero()
            }) {
                shares[0]["weight"] = json!("1");
            }
            json!({ "rule": rule.spec.id, "shares": shares })
        })
        .collect();
    if !overrides.is_empty() {
        s["fundingOverrides"] = json!(overrides);
    }
    if let Some((h, share, payer)) = &r.waiver {
        let mut w = json!({ "households": h.index(r.households as usize + 1), "payer": Party::ALL[payer.index(Party::ALL.len())].id() });
        if let Some(sh) = share {
            w["share"] = json!(Decimal::from_i128_with_scale(*sh as i128, 4).to_string());
        }
        s["waiver"] = w;
    }
    let mut floors_given = Vec::new();
    if let Some(e) = &r.elevator {
        let n = e.floors.len() as u64;
        let floors: Vec<Value> = e
            .floors
            .iter()
            .enumerate()
            .map(|(i, (hh, area, coef))| {
                let floor = i as u64 + 1;
                // The top floor always has someone who pays, so the split has a payer.
                let hh = if floor == n { (*hh).max(1) } else { *hh };
                floors_given.push(floor);
                json!({
                    "floor": floor,
                    "households": hh,
                    "area": (*area + Decimal::new(1, 2)).to_string(),
                    "coefficient": Decimal::new(*coef as i64, 1).to_string()
                })
            })
            .collect();
        let method = ["floorsClimbed", "coefficients", "area"][e.method];
        s["elevator"] =
            json!({ "method": method, "floors": floors, "exemptFloors": e.exempt.min(n - 1) });
    }
    if let Some((floor, pct)) = &r.household {
        let mut h = json!({});
        if !floors_given.is_empty() {
            h["floor"] = json!(floors_given[floor.index(floors_given.len())]);
        }
        if let (Some(p), Some(a)) = (pct, floor_area) {
            h["area"] = json!((a * Decimal::new(*p as i64, 2)).to_string());
        }
        s["household"] = h;
    }
    (id, s, exact)
}

fn dec(v: &Value) -> Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("amount {v} is not a string"))
        .parse()
        .unwrap_or_else(|e| panic!("amount {v}: {e}"))
}

fn fen(d: Decimal) -> i128 {
    let cents = d * Decimal::ONE_HUNDRED;
    assert!(cents.fract().is_zero(), "{d} is not whole fen");
    i128::try_from(cents).unwrap()
}

fn check_invariants(
    pack: &str,
    out: &Value,
    exact: Decimal,
    waiver: bool,
) -> Result<(), TestCaseError> {
    let is_elevator = |item: &Value| {
        common::pack(pack)
            .item(item.as_str().unwrap())
            .is_some_and(|(_, i)| i.elevator)
    };
    let total = dec(&out["total"]);
    prop_assert_eq!(
        total,
        exact.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
        "total is the exact sum rounded half up"
    );
    let mut lines_sum = Decimal::ZERO;
    let mut residents_elevator = Decimal::ZERO;
    for line in out["lines"].as_array().unwrap() {
        let amount = dec(&line["amount"]);
        prop_assert!(amount >= Decimal::ZERO);
        lines_sum += amount;
        let mut shares_sum = Decimal::ZERO;
        for s in line["shares"].as_array().unwrap() {
            let a = dec(&s["amount"]);
            prop_assert!(a >= Decimal::ZERO, "negative share {} in {}", a, line);
            shares_sum += a;
            // Each share is within one fen of its exact fraction of the line.
            let f = Fraction::parse(s["fraction"].as_str().unwrap()).expect("a fraction");
            let diff = fen(a) * f.den() - fen(amount) * f.num();
            prop_assert!(
                diff.abs() < f.den(),
                "share {} of {} is not within a fen of {}",
                a,
                amount,
                f
            );
            if s["party"] == "residents" && is_elevator(&line["item"]) {
                residents_elevator += a;
            }
        }
        prop_assert_eq!(
            shares_sum,
            amount,
            "shares of {} add up to the line",
            line["item"].clone()
        );
    }
    prop_assert_eq!(lines_sum, total, "lines add up to the total");
    let parties: Decimal = out["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| dec(&s["amount"]))
        .sum();
    prop_assert_eq!(parties, total, "party totals add up to the total");
    if let Some(e) = out.get("elevator") {
        let residents_total = dec(&e["residentsTotal"]);
        let mut floors = Decimal::ZERO;
        for f in e["floors"].as_array().unwrap() {
            let t = dec(&f["total"]);
            prop_assert!(t >= Decimal::ZERO);
            floors += t;
            let hh = f["households"].as_u64().unwrap();
            if hh > 0 {
                let per = dec(&f["perHousehold"]);
                let plus = Decimal::from(f["plusOneFen"].as_u64().unwrap()) * Decimal::new(1, 2);
                prop_assert_eq!(
                    per * Decimal::from(hh) + plus,
                    t,
                    "floor {} households add up",
                    f["floor"].clone()
                );
            }
        }
        prop_assert_eq!(
            floors,
            residents_total,
            "floors add up to the residents' elevator total"
        );
        if !waiver {
            prop_assert_eq!(
                residents_elevator,
                residents_total,
                "residents' elevator total is their share of elevator lines"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn shares_add_up_exactly(r in raw()) {
        let (pack, s, exact) = scenario(&r);
        let est = common::estimate(pack, &s).map_err(|e| {
            let shown: Vec<String> = e.iter().map(|x| x.to_string()).collect();
            TestCaseError::fail(format!("{pack}: refused a valid scenario {s}: {shown:?}"))
        })?;
        let out = common::to_value(&est);
        check_invariants(pack, &out, exact, r.waiver.is_some())?;
    }
}
