//! How long reading the national list takes: a synthetic plan of 220,000 compounds (the size of
//! the national programme) as CSV and as xlsx, read by `gaizao::plan::read_plan` and totalled.
//! Run with `cargo run --profile native --example plan_national` (opt-level 3; `--release` is
//! tuned for the wasm module's size and reads about half as fast); prints figures, asserts
//! nothing. The whole engine (assess, audit, totals, JSON) is timed by `cargo bench --bench plan`.
//! `--write DIR` also saves the two files.

use std::time::{Duration, Instant};

use gaizao::plan;

#[path = "national/mod.rs"]
mod national;

use national::{csv_bytes, records, xlsx_bytes, ROWS};

fn time(label: &str, bytes: &[u8], name: &str) {
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let plan = match plan::read_plan(bytes, name, None) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{label}: {e}");
                return;
            }
        };
        let totals = plan.totals();
        let by_district = plan.totals_by_district();
        let elapsed = start.elapsed();
        best = best.min(elapsed);
        assert_eq!(plan.rows.len(), ROWS);
        std::hint::black_box((totals, by_district));
    }
    // The same, in two steps: bytes → grid, grid → plan and totals.
    let start = Instant::now();
    let Ok(grid) = plan::grid::read_grid(bytes, name) else {
        return;
    };
    let grid_time = start.elapsed();
    let start = Instant::now();
    let plan = plan::plan_from_grid(grid, name, None).map(|p| p.totals());
    let rows_time = start.elapsed();
    std::hint::black_box(plan.ok());
    println!(
        "{label:<28} {:>5.1} MB  {:>6.0} ms whole (best of 3)  = grid {:>4.0} ms + rows and totals {:>4.0} ms",
        bytes.len() as f64 / 1e6,
        best.as_secs_f64() * 1e3,
        grid_time.as_secs_f64() * 1e3,
        rows_time.as_secs_f64() * 1e3,
    );
}

fn main() {
    let records = records();
    let csv = csv_bytes(&records);
    let xlsx = if std::env::args().any(|a| a == "--only=CSV") {
        Vec::new()
    } else {
        xlsx_bytes(&records)
    };
    let args: Vec<String> = std::env::args().collect();
    let only = args
        .iter()
        .find_map(|a| a.strip_prefix("--only="))
        .map(str::to_string);
    let run = |label: &str| only.as_deref().is_none_or(|o| label.contains(o));
    if let Some(i) = args.iter().position(|a| a == "--write") {
        let dir = args.get(i + 1).map_or(".", String::as_str);
        std::fs::write(format!("{dir}/national.csv"), &csv).expect("write csv");
        std::fs::write(format!("{dir}/national.xlsx"), &xlsx).expect("write xlsx");
    }
    if run("CSV") {
        time("CSV, 220,000 rows (UTF-8)", &csv, "national.csv");
        let (gbk, _, _) = encoding_rs::GBK.encode(std::str::from_utf8(&csv).unwrap_or(""));
        time("CSV, 220,000 rows (GBK)", &gbk, "national.csv");
    }
    if run("xlsx") {
        time("xlsx, 220,000 rows", &xlsx, "national.xlsx");
    }
}
