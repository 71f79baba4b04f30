//! How fast the core is where planning will need it: start-up (building the registry of built-in
//! packs, loading one pack), one eligibility check, one estimate — and a planning row (a sparse
//! compound: name, district, built years, households and one stated investment, checked and
//! costed as one line), with what that means for the national list of ≈ 220,000 compounds.
//! Run with `cargo bench --bench throughput`; prints figures, asserts nothing. Where Linux says
//! how long this thread has run (`/proc/thread-self/schedstat`), that time is measured, so the
//! figures hold on a machine busy with other work; elsewhere, the wall clock.

use std::hint::black_box;
use std::time::{Duration, Instant};

use gaizao::record::Value;
use gaizao::scenario::ItemChoice;
use gaizao::schema::EstateField;
use gaizao::{Estate, Langs, Registry, Scenario};

/// Time this thread has spent running, when the system says (Linux), else `None`.
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// A clock: on-CPU time of this thread where available, else the wall clock.
fn now() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    cpu_time().unwrap_or_else(|| START.get_or_init(Instant::now).elapsed())
}

fn time<R>(label: &str, runs: u32, mut f: impl FnMut() -> R) -> Duration {
    for _ in 0..runs.min(10) {
        black_box(f());
    }
    // At least 50 ms a round: the system's account of a thread's time moves in steps of a few
    // milliseconds.
    let probe = Instant::now();
    for _ in 0..runs {
        black_box(f());
    }
    let per = probe.elapsed() / runs;
    let runs = if per.is_zero() {
        runs
    } else {
        runs.max(
            u32::try_from(Duration::from_millis(50).as_nanos() / per.as_nanos().max(1))
                .unwrap_or(runs),
        )
    };
    // The best of five rounds: other work on the machine only ever adds time.
    let mut best = Duration::MAX;
    for _ in 0..5 {
        let start = now();
        for _ in 0..runs {
            black_box(f());
        }
        best = best.min(now().saturating_sub(start) / runs);
    }
    println!("{label:<56} {:>10.2} µs", best.as_secs_f64() * 1e6);
    best
}

fn fail(what: &str) -> ! {
    eprintln!("{what}");
    std::process::exit(1)
}

/// A planning row as a spreadsheet reader fills it: facts set directly, no JSON.
fn sparse_row(i: u64) -> (Estate, Scenario) {
    let mut estate = Estate::default();
    let r = estate.record_mut();
    r.set(
        EstateField::Name,
        Value::Text(format!("第{}街道{i}号院小区", i % 900 + 1)),
    );
    r.set(EstateField::District, Value::Text("仁和区".into()));
    r.set(EstateField::BuiltFrom, Value::Year(1985));
    r.set(EstateField::BuiltTo, Value::Year(2000));
    r.set(EstateField::Households, Value::Count(50 + i * 37 % 1500));
    let scenario = Scenario {
        estate: estate.clone(),
        items: vec![ItemChoice {
            item: "stairwell-repair".into(),
            quantity: None,
            unit_price: None,
            amount: Some(rust_decimal::Decimal::new(123_450_000, 2)),
            segment: None,
        }],
        ..Scenario::default()
    };
    (estate, scenario)
}

fn main() {
    let clock = if cpu_time().is_some() {
        "on-CPU time of this thread"
    } else {
        "wall clock"
    };
    println!("gaizao core, native ({clock}; best of 5 rounds)");
    time("start-up: Registry::builtin() (6 packs)", 50, || {
        Registry::builtin().map(|r| r.summaries().len())
    });
    let packs: Vec<(String, Vec<u8>)> = ["national.json", "sichuan-panzhihua-2018.json"]
        .iter()
        .map(|f| {
            let file = format!("policies/{f}");
            let bytes = std::fs::read(&file).unwrap_or_else(|_| fail("run from the crate root"));
            (file, bytes)
        })
        .collect();
    time(
        "load one pack: national + sichuan-panzhihua-2018",
        200,
        || {
            let mut r = Registry::default();
            for (file, bytes) in &packs {
                if r.load(file, bytes, Default::default()).is_err() {
                    fail("a pack failed to load");
                }
            }
            r
        },
    );
    let Ok(registry) = Registry::builtin() else {
        fail("built-in packs failed to load")
    };
    let Ok(pack) = registry.get("sichuan-panzhihua-2018") else {
        fail("no sichuan-panzhihua-2018")
    };
    let estate_text = include_str!("../examples/linye-dayuan.json");
    let scenario_text = include_str!("../examples/linye-dayuan-plan.json");
    let Ok(estate) = Estate::from_json(estate_text, pack) else {
        fail("the example estate is refused")
    };
    let Ok(scenario) = Scenario::from_json(scenario_text, pack) else {
        fail("the example scenario is refused")
    };

    println!("-- one compound (林业大院: tallies; 6-line plan)");
    time("parse one estate (JSON text)", 20_000, || {
        Estate::from_json(estate_text, pack).is_ok()
    });
    let check = time("eligibility check, no texts", 20_000, || {
        gaizao::eligibility::check(pack, &estate).verdict
    });
    time("eligibility check, texts in Chinese", 20_000, || {
        gaizao::eligibility::check_with(pack, &estate, Default::default(), Langs::Zh).verdict
    });
    time(
        "eligibility check + JSON of the result, no texts",
        20_000,
        || gaizao::output::json(&gaizao::eligibility::check(pack, &estate)).map(|s| s.len()),
    );
    time("parse one scenario (JSON text)", 20_000, || {
        Scenario::from_json(scenario_text, pack).is_ok()
    });
    let est = time("estimate (6 lines), no texts", 20_000, || {
        gaizao::estimate::estimate(pack, &scenario).map(|e| e.total)
    });
    time("estimate (6 lines), texts in Chinese", 20_000, || {
        gaizao::estimate::estimate_with(pack, &scenario, Langs::Zh).map(|e| e.total)
    });
    let per = check + est;
    println!(
        "=> 220,000 compounds like this (check + estimate, one core): {:.2} s",
        per.as_secs_f64() * 220_000.0
    );

    println!("-- a planning row (name, district, built years, households, one investment)");
    let rows: Vec<(Estate, Scenario)> = (0..64).map(sparse_row).collect();
    let mut i = 0;
    let mut next = || {
        i = (i + 1) % rows.len();
        &rows[i]
    };
    let c = time("check, sparse estate, no texts", 100_000, || {
        gaizao::eligibility::check(pack, &next().0).verdict
    });
    let e = time("estimate, one line, no texts", 100_000, || {
        gaizao::estimate::estimate(pack, &next().1).map(|e| e.total)
    });
    let both = time("check + estimate", 100_000, || {
        let (estate, scenario) = next();
        let v = gaizao::eligibility::check(pack, estate).verdict;
        (
            v,
            gaizao::estimate::estimate(pack, scenario).map(|e| e.total),
        )
    });
    let json = time("check + estimate + JSON of both results", 100_000, || {
        let (estate, scenario) = next();
        let a = gaizao::output::json(&gaizao::eligibility::check(pack, estate)).map(|s| s.len());
        let b = gaizao::estimate::estimate(pack, scenario)
            .ok()
            .and_then(|e| gaizao::output::json(&e).ok())
            .map(|s| s.len());
        (a.ok(), b)
    });
    let _ = (c, e);
    println!(
        "=> 220,000 rows (check + estimate, one core): {:.3} s; with JSON of every result: {:.3} s",
        both.as_secs_f64() * 220_000.0,
        json.as_secs_f64() * 220_000.0
    );
}
