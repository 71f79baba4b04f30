//! How fast the core is where planning will need it: start-up (building the registry of built-in
//! packs), one eligibility check, one estimate — and what that means for the national list of
//! ≈ 220,000 compounds. Run with `cargo bench --bench throughput`; prints figures, asserts nothing.

use std::hint::black_box;
use std::time::{Duration, Instant};

use gaizao::Registry;

fn time<R>(label: &str, runs: u32, mut f: impl FnMut() -> R) -> Duration {
    for _ in 0..runs.min(10) {
        black_box(f());
    }
    let start = Instant::now();
    for _ in 0..runs {
        black_box(f());
    }
    let each = start.elapsed() / runs;
    println!("{label:<48} {:>10.1} µs", each.as_secs_f64() * 1e6);
    each
}

fn main() {
    time("start-up: Registry::builtin() (6 packs)", 50, || {
        Registry::builtin().map(|r| r.summaries().len())
    });
    let Ok(registry) = Registry::builtin() else {
        eprintln!("built-in packs failed to load");
        std::process::exit(1);
    };
    let Ok(pack) = registry.get("sichuan-panzhihua-2018") else {
        std::process::exit(1)
    };
    let estate_text = include_str!("../examples/linye-dayuan.json");
    let scenario_text = include_str!("../examples/linye-dayuan-plan.json");
    let Ok(estate) = gaizao::Estate::from_json(estate_text, pack) else {
        std::process::exit(1)
    };
    let Ok(scenario) = gaizao::Scenario::from_json(scenario_text, pack) else {
        std::process::exit(1)
    };

    time("parse one estate (JSON text)", 20_000, || {
        gaizao::Estate::from_json(estate_text, pack).is_ok()
    });
    let check = time("eligibility check, one compound", 20_000, || {
        gaizao::eligibility::check(pack, &estate).verdict
    });
    let est = time("estimate, one compound (6 lines)", 20_000, || {
        gaizao::estimate::estimate(pack, &scenario).map(|e| e.total)
    });
    let per = check + est;
    println!(
        "=> 220,000 compounds (check + estimate, one core): {:.1} s",
        per.as_secs_f64() * 220_000.0
    );
}
