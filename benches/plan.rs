//! The planning engine on the national list: a synthetic plan of 220,000 compounds (the size of
//! the national programme) as CSV and as xlsx, taken from its bytes to the totals (read, assess:
//! eligibility, cost, split, audit, totals) and on to the JSON the command line prints (written to
//! a file, as `gaizao plan … > out.json` does), under the Panzhihua pack. Each format runs in a child process of its own, so that its peak memory
//! (VmHWM, Linux) is the pipeline's alone and not the generator's. Times are given twice: wall
//! clock, and the CPU time of the thread (`/proc/thread-self/schedstat`), which is what the wall
//! clock shows on an idle machine and what to compare on a shared one.
//!
//! Figures on the development machine (2 cores, quiet; best of 3), with mimalloc as the command
//! line has it: CSV (19 MB) read 0.16 s, assess + totals 0.11 s, JSON (122 MB) 0.15–0.17 s —
//! file → totals 0.27 s, file → JSON 0.43–0.45 s, peak 263 MB (with the system allocator:
//! file → totals 0.46 s, file → JSON 0.64 s). The `release` profile (opt-level "z", for the wasm
//! module) takes about twice as long.
//!
//! Run with `cargo bench --bench plan` (profile `bench`: opt-level 3, as `--profile native`
//! builds the command line). Prints figures, asserts nothing. `-- --only=csv` (or `xlsx`) runs
//! one format; `-- --keep` keeps the generated files.

// The allocator the native command line uses (crates/cli): a year's plan makes millions of
// small allocations, and the system allocator spent a fifth of the time in them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "../examples/national/mod.rs"]
mod national;

const PACK: &str = "sichuan-panzhihua-2018";

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    // The high-water mark of resident memory: the most the process ever held.
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Time this thread has spent on a CPU (Linux `/proc/self/schedstat`, in ns): on a machine shared
/// with other work, the figure an idle machine's wall clock would show.
fn cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .map_or(Duration::ZERO, Duration::from_nanos)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// In the child: the file's bytes → plan → assessment → JSON, best of `runs`.
fn child(path: &str, runs: usize) {
    let Ok(bytes) = std::fs::read(path) else {
        eprintln!("cannot read {path}");
        std::process::exit(1);
    };
    let Ok(registry) = gaizao::Registry::builtin() else {
        std::process::exit(1)
    };
    let Ok(pack) = registry.get(PACK) else {
        std::process::exit(1)
    };
    let options = gaizao::plan::AssessOptions::default();
    let json_options = gaizao::plan::json::JsonOptions::default();
    let out_path = format!("{path}.json");
    let mut best: Option<[Duration; 3]> = None;
    let mut best_cpu: Option<[Duration; 3]> = None;
    let mut json_bytes = 0;
    let mut audit = 0;
    let mut rows = 0;
    for _ in 0..runs {
        let c0 = cpu();
        let t0 = Instant::now();
        let plan = match gaizao::plan::read_plan(&bytes, path, None) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        let t1 = Instant::now();
        let c1 = cpu();
        let Ok(a) = gaizao::plan::assess(&plan, pack, &options) else {
            std::process::exit(1)
        };
        let t2 = Instant::now();
        let c2 = cpu();
        // As `gaizao plan … > out.json` does: straight to a file, through a buffer.
        let Ok(file) = std::fs::File::create(&out_path) else {
            std::process::exit(1)
        };
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        if gaizao::plan::json::write_json(&mut w, &plan, &a, pack, &json_options).is_err()
            || std::io::Write::flush(&mut w).is_err()
        {
            std::process::exit(1)
        }
        drop(w);
        let t3 = Instant::now();
        let c3 = cpu();
        if std::env::var("PLAN_BENCH_SINK").is_ok() {
            let t = Instant::now();
            let mut sink = std::io::BufWriter::new(std::io::sink());
            let _ = gaizao::plan::json::write_json(&mut sink, &plan, &a, pack, &json_options);
            eprintln!("JSON to a sink: {:.0} ms", ms(t.elapsed()));
        }
        json_bytes = std::fs::metadata(&out_path).map_or(0, |m| m.len() as usize);
        audit = a.audit.len();
        if std::env::var("PLAN_BENCH_CODES").is_ok() {
            let mut codes: Vec<(&str, usize)> = Vec::new();
            for e in &a.audit {
                match codes.iter_mut().find(|(c, _)| *c == e.code.as_str()) {
                    Some((_, n)) => *n += 1,
                    None => codes.push((e.code.as_str(), 1)),
                }
            }
            eprintln!("{codes:?}");
        }
        rows = plan.rows.len();
        black_box(&a);
        let run = [t1 - t0, t2 - t1, t3 - t2];
        let run_cpu = [c1 - c0, c2 - c1, c3 - c2];
        let total = |r: &[Duration; 3]| r.iter().sum::<Duration>();
        if best.is_none_or(|b| total(&run) < total(&b)) {
            best = Some(run);
        }
        if best_cpu.is_none_or(|b| total(&run_cpu) < total(&b)) {
            best_cpu = Some(run_cpu);
        }
    }
    let (Some(wall), Some(cpu)) = (best, best_cpu) else {
        return;
    };
    let format = if path.ends_with(".csv") {
        "CSV"
    } else {
        "xlsx"
    };
    for (clock, [read, assess, json]) in [("wall", wall), ("cpu", cpu)] {
        println!(
            "{format:<4} {clock:<4} read {:>5.0} ms  assess+totals {:>4.0} ms  = file→totals {:>5.0} ms  JSON {:>4.0} ms  = file→JSON {:>5.0} ms",
            ms(read),
            ms(assess),
            ms(read + assess),
            ms(json),
            ms(read + assess + json),
        );
    }
    println!(
        "{format:<4} {:.1} MB in, JSON {:.0} MB out, peak memory {:.0} MB, {rows} rows, {audit} audit entries (best of {runs})",
        bytes.len() as f64 / 1e6,
        json_bytes as f64 / 1e6,
        peak_memory_mb().unwrap_or(f64::NAN),
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let path = args.get(i + 1).cloned().unwrap_or_default();
        let runs = args.get(i + 2).and_then(|r| r.parse().ok()).unwrap_or(3);
        child(&path, runs);
        return;
    }
    let dir = std::env::temp_dir().join(format!("gaizao-bench-plan-{}", std::process::id()));
    if std::fs::create_dir_all(&dir).is_err() {
        eprintln!("cannot create {}", dir.display());
        return;
    }
    let records = national::records();
    let csv = dir.join("national.csv");
    let xlsx = dir.join("national.xlsx");
    let only = args
        .iter()
        .find_map(|a| a.strip_prefix("--only="))
        .map(str::to_string);
    let run = |label: &str| only.as_deref().is_none_or(|o| o == label);
    if std::fs::write(&csv, national::csv_bytes(&records)).is_err() {
        return;
    }
    if run("xlsx") && std::fs::write(&xlsx, national::xlsx_bytes(&records)).is_err() {
        return;
    }
    drop(records);
    let Ok(me) = std::env::current_exe() else {
        return;
    };
    println!(
        "{} compounds under {PACK} (pack loaded before timing; peak = the child process's VmHWM)",
        national::ROWS
    );
    for (label, path, runs) in [("csv", &csv, "3"), ("xlsx", &xlsx, "2")] {
        if !run(label) {
            continue;
        }
        let status = std::process::Command::new(&me)
            .arg("--child")
            .arg(path)
            .arg(runs)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("{label}: the child failed");
        }
    }
    match args.iter().position(|a| a == "--keep") {
        Some(_) => println!("files kept in {}", dir.display()),
        None => {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
