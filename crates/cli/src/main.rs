//! `gaizao` — the command line on the same core as the browser package.
//!
//! Exit codes: 0 success; 2 bad input (one line per problem on stderr, naming the field in
//! Chinese and English); 1 an internal failure of the calculator (a bug: please report it).

mod table;

// A faster allocator than the system's for a year's plan (see Cargo.toml; benches/plan.rs measures
// the core with the same one).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use gaizao::texts::ErrorReport;
use gaizao::{Error, Langs, LoadOptions, Registry, Scenario};

#[derive(Parser)]
#[command(
    name = "gaizao",
    version,
    about = "城镇老旧小区改造 calculator: eligibility, menu, costs and who pays"
)]
struct Args {
    #[command(subcommand)]
    command: Command,
    /// Output: JSON (camelCase, amounts as strings) or a table for people.
    #[arg(long, value_enum, default_value_t = Format::Json, global = true)]
    format: Format,
    /// Language of table output (JSON carries both languages unless --texts says otherwise).
    #[arg(long, value_enum, default_value_t = Lang::Zh, global = true)]
    lang: Lang,
    /// Which languages JSON results carry their sentences in.
    #[arg(long, value_enum, default_value_t = TextsArg::Both, global = true)]
    texts: TextsArg,
    /// Also load this policy pack file (repeatable), e.g. a portal's own jurisdiction.
    #[arg(long = "load", global = true, value_name = "PACK.json")]
    load: Vec<String>,
    /// Let --load replace a loaded or built-in pack with the same id (the output says so).
    #[arg(long, global = true)]
    replace: bool,
}

#[derive(Subcommand)]
enum Command {
    /// List the policy packs.
    Policies,
    /// Show a pack's renovation menu, benchmarks and funding rules.
    Menu {
        #[arg(long)]
        policy: String,
    },
    /// Check a compound's eligibility. FILE is JSON, or - for standard input.
    Check {
        #[arg(long)]
        policy: String,
        file: String,
    },
    /// Cost a scenario and split it between payers. FILE is JSON, or - for standard input.
    Estimate {
        #[arg(long)]
        policy: String,
        file: String,
    },
    /// Assess a year's plan of compounds (xlsx, xls, ods, CSV/TSV in UTF-8 or GBK): each row's
    /// eligibility, cost and split between payers, the audit, and totals by district and year.
    /// Exit 0 with the audit listed (2 with --strict when it lists errors or warnings).
    Plan {
        #[arg(long)]
        policy: String,
        /// The plan: a spreadsheet or CSV file, or - for standard input.
        file: String,
        /// Read the columns as this mapping says (JSON, as the output's `mapping` shows it)
        /// instead of guessing them from the header.
        #[arg(long, value_name = "MAPPING.json")]
        mapping: Option<String>,
        /// Options (JSON): `benchmark`, an item `mix` ([{item, segment, share}], an assumption),
        /// `fundingOverrides`, `farFactor`.
        #[arg(long, value_name = "OPTIONS.json")]
        options: Option<String>,
        /// The benchmark that costs rows without an investment (default: the pack's first).
        #[arg(long, value_name = "ID")]
        benchmark: Option<String>,
        /// List rows whose investment per household is this many times the median or the
        /// benchmark, or this fraction of it (default 3; an assumption no document sets).
        #[arg(long, value_name = "FACTOR")]
        far_factor: Option<String>,
        /// Write the export instead of printing the result: FILE.xlsx (sheets 明细, 汇总, 审核)
        /// or FILE.csv (one sheet, see --sheet).
        #[arg(long, value_name = "FILE.xlsx|FILE.csv")]
        out: Option<String>,
        /// The sheet a CSV export holds.
        #[arg(long, value_enum, default_value_t = SheetArg::Detail)]
        sheet: SheetArg,
        /// Exit with code 2 when the audit lists errors or warnings.
        #[arg(long)]
        strict: bool,
        /// Each row's findings (with texts) and split lines.
        #[arg(long)]
        detail: bool,
    },
    /// Validate a policy pack file and print its summary.
    Validate { file: String },
    /// Print the input schema (every fact and option with its labels, bounds and units).
    Schema {
        /// Print TypeScript declarations of the inputs instead of JSON.
        #[arg(long)]
        typescript: bool,
    },
    /// Print the manifest (policies/index.json) of pack files: id, names, base, size, SHA-256.
    Index {
        #[arg(required = true)]
        files: Vec<String>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Table,
}

/// The language of table output (`--lang`); JSON carries both unless `--texts` says otherwise.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// Chinese.
    Zh,
    /// English.
    En,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SheetArg {
    /// 明细: one row per compound.
    Detail,
    /// 汇总: totals by district, year and party.
    Summary,
    /// 审核: the audit.
    Audit,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TextsArg {
    None,
    Zh,
    En,
    Both,
}

/// What a command gives back: text to print, or (plan) bytes and whether `--strict` fails.
enum Out {
    Text(String),
    Plan {
        bytes: Vec<u8>,
        note: Option<String>,
        failed: bool,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(Out::Text(out)) => {
            // A closed pipe (`gaizao … | head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{out}");
            ExitCode::SUCCESS
        }
        Ok(Out::Plan {
            bytes,
            note,
            failed,
        }) => {
            let _ = std::io::stdout().lock().write_all(&bytes);
            if let Some(n) = note {
                let _ = writeln!(std::io::stderr().lock(), "{n}");
            }
            if failed {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(problems) => {
            let mut err = std::io::stderr().lock();
            for p in &problems {
                let r = ErrorReport::from(p);
                let at = r.field.map(|f| format!(" {f}")).unwrap_or_default();
                let _ = writeln!(
                    err,
                    "error[{}]{}: {} / {}",
                    r.code,
                    table::clean(&at),
                    table::clean(&r.message.zh),
                    table::clean(&r.message.en)
                );
            }
            if problems.iter().any(Error::is_internal) {
                ExitCode::from(1)
            } else {
                ExitCode::from(2)
            }
        }
    }
}

fn read_input(file: &str) -> Result<Vec<u8>, Vec<Error>> {
    let limit =
        (gaizao::input::MAX_INPUT_BYTES as u64).max(gaizao::policy::MAX_PACK_BYTES as u64) + 1;
    read_limited(file, limit)
}

/// Reads at most `limit` bytes of a file or stdin (`-`): one byte over the reader's own limit,
/// so that the reader refuses an oversized input by name instead of it being cut short.
fn read_limited(file: &str, limit: u64) -> Result<Vec<u8>, Vec<Error>> {
    let mut bytes = Vec::new();
    let res = if file == "-" {
        std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .map(|_| ())
    } else {
        std::fs::File::open(file).and_then(|f| f.take(limit).read_to_end(&mut bytes).map(|_| ()))
    };
    match res {
        Ok(()) => Ok(bytes),
        Err(e) => Err(vec![Error::InvalidInputFile {
            file: file.to_string(),
            detail: e.to_string(),
        }]),
    }
}

fn read_text(file: &str) -> Result<String, Vec<Error>> {
    String::from_utf8(read_input(file)?).map_err(|_| {
        vec![Error::InvalidInputFile {
            file: file.to_string(),
            detail: "not UTF-8 text".into(),
        }]
    })
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, Vec<Error>> {
    serde_json::to_string_pretty(v).map_err(|e| vec![Error::internal(format!("writing JSON: {e}"))])
}

fn langs(args: &Args) -> Langs {
    if args.format == Format::Table {
        return match args.lang {
            Lang::Zh => Langs::Zh,
            Lang::En => Langs::En,
        };
    }
    match args.texts {
        TextsArg::None => Langs::None,
        TextsArg::Zh => Langs::Zh,
        TextsArg::En => Langs::En,
        TextsArg::Both => Langs::Both,
    }
}

fn run(args: &Args) -> Result<Out, Vec<Error>> {
    if matches!(args.command, Command::Plan { .. }) {
        return plan(args);
    }
    run_command(args).map(Out::Text)
}

/// The built-in packs and any loaded with --load.
fn registry(args: &Args) -> Result<Registry, Vec<Error>> {
    let mut registry = Registry::builtin()?;
    let mut loaded_notes = Vec::new();
    for file in &args.load {
        let bytes = read_input(file)?;
        let (pack, outcome) = registry.load(
            file,
            &bytes,
            LoadOptions {
                replace: args.replace,
            },
        )?;
        if outcome == gaizao::policy::LoadOutcome::Replaced {
            loaded_notes.push(format!("replaced {} with {file}", pack.id()));
        }
    }
    for n in &loaded_notes {
        let _ = writeln!(std::io::stderr().lock(), "note: {n}");
    }
    Ok(registry)
}

fn run_command(args: &Args) -> Result<String, Vec<Error>> {
    let registry = registry(args)?;
    let table = args.format == Format::Table;
    let langs = langs(args);
    match &args.command {
        Command::Policies => {
            let list = registry.summaries();
            if table {
                Ok(table::policies(&list, args.lang))
            } else {
                to_json(&list)
            }
        }
        Command::Menu { policy } => {
            let m = gaizao::menu::menu(registry.get(policy).map_err(|e| vec![e])?);
            if table {
                Ok(table::menu(&m, args.lang))
            } else {
                to_json(&m)
            }
        }
        Command::Check { policy, file } => {
            let pack = registry.get(policy).map_err(|e| vec![e])?;
            let input = gaizao::eligibility::CheckInput::from_json(&read_text(file)?, pack)?;
            let result = gaizao::eligibility::check_input(pack, &input, langs);
            if table {
                Ok(table::eligibility(&result, args.lang))
            } else {
                to_json(&result)
            }
        }
        Command::Estimate { policy, file } => {
            let pack = registry.get(policy).map_err(|e| vec![e])?;
            let scenario = Scenario::from_json(&read_text(file)?, pack)?;
            let result = gaizao::estimate::estimate_with(pack, &scenario, langs)?;
            if table {
                Ok(table::estimate(&result, args.lang))
            } else {
                to_json(&result)
            }
        }
        Command::Plan { .. } => Err(vec![Error::internal("plan is handled by plan()")]),
        Command::Validate { file } => {
            let bytes = read_input(file)?;
            let mut fresh = Registry::builtin()?;
            let (pack, _) = fresh.load(file, &bytes, LoadOptions { replace: true })?;
            let s = gaizao::policy::registry::summary(pack);
            if table {
                Ok(table::policies(&[s], args.lang))
            } else {
                to_json(&s)
            }
        }
        Command::Schema { typescript } => {
            if *typescript {
                Ok(gaizao::schema::typescript::declarations())
            } else {
                to_json(&gaizao::schema::export())
            }
        }
        Command::Index { files } => {
            let mut loaded = Vec::new();
            for f in files {
                loaded.push((f.as_str(), read_input(f)?));
            }
            let refs: Vec<(&str, &[u8])> = loaded.iter().map(|(f, b)| (*f, b.as_slice())).collect();
            to_json(&gaizao::Manifest::build(&refs)?)
        }
    }
}

/// Reads a plan file's bytes (up to the reader's limit, which then refuses it by name).
fn read_plan_bytes(file: &str) -> Result<Vec<u8>, Vec<Error>> {
    read_limited(file, gaizao::plan::limits::MAX_BYTES as u64 + 1)
}

fn plan(args: &Args) -> Result<Out, Vec<Error>> {
    let Command::Plan {
        policy,
        file,
        mapping,
        options,
        benchmark,
        far_factor,
        out,
        sheet,
        strict,
        detail,
    } = &args.command
    else {
        return Err(vec![Error::internal("not a plan command")]);
    };
    let registry = registry(args)?;
    let pack = registry.get(policy).map_err(|e| vec![e])?;
    let mapping = match mapping {
        Some(f) => Some(gaizao::plan::header::mapping_from_json(&read_text(f)?)?),
        None => None,
    };
    let mut opts = match options {
        Some(f) => gaizao::plan::AssessOptions::from_json(&read_text(f)?)?,
        None => gaizao::plan::AssessOptions::default(),
    };
    if let Some(b) = benchmark {
        opts.benchmark = Some(b.clone());
    }
    if let Some(f) = far_factor {
        let d = f.parse().map_err(|_| {
            vec![Error::NotANumber {
                field: "farFactor".into(),
            }]
        })?;
        opts.far_factor = Some(d);
    }
    let bytes = read_plan_bytes(file)?;
    let name = if file == "-" { "" } else { file.as_str() };
    // Headers the estate schema does not know may be the pack's own facts.
    let plan =
        gaizao::plan::read_plan_for(&bytes, name, mapping.as_ref(), pack).map_err(|e| vec![e])?;
    drop(bytes);
    let a = gaizao::plan::assess(&plan, pack, &opts)?;
    let failed = *strict && a.problems() > 0;
    let strict_note = failed.then(|| {
        format!(
            "audit: {} problem(s) (errors and warnings) — exit 2 (--strict)",
            a.problems()
        )
    });
    if let Some(path) = out {
        let lower = path.to_lowercase();
        let bytes = if lower.ends_with(".xlsx") {
            gaizao::plan::report::export_xlsx(&plan, &a, pack, &Default::default())
        } else if lower.ends_with(".csv") {
            let which = match sheet {
                SheetArg::Detail => gaizao::plan::report::ReportSheet::Detail,
                SheetArg::Summary => gaizao::plan::report::ReportSheet::Summary,
                SheetArg::Audit => gaizao::plan::report::ReportSheet::Audit,
            };
            gaizao::plan::report::export_csv(&plan, &a, pack, which)
        } else {
            return Err(vec![Error::InvalidInputFile {
                file: path.clone(),
                detail: "--out must name a .xlsx or .csv file".into(),
            }]);
        }
        .map_err(|e| vec![e])?;
        std::fs::write(path, &bytes).map_err(|e| {
            vec![Error::InvalidInputFile {
                file: path.clone(),
                detail: e.to_string(),
            }]
        })?;
        let wrote = format!(
            "wrote {path}: {} compounds, {} audit entries ({} errors or warnings)",
            plan.rows.len(),
            a.audit.len(),
            a.problems()
        );
        let note = match strict_note {
            Some(s) => format!("{wrote}\n{s}"),
            None => wrote,
        };
        return Ok(Out::Plan {
            bytes: Vec::new(),
            note: Some(note),
            failed,
        });
    }
    let bytes = if args.format == Format::Table {
        let mut text = table::plan(&plan, &a, pack, args.lang);
        text.push('\n');
        text.into_bytes()
    } else {
        // Straight to standard output: a national list's JSON is ≈ 100 MB.
        let options = gaizao::plan::json::JsonOptions {
            detail: *detail,
            langs: langs(args),
            rows: true,
        };
        let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
        match gaizao::plan::json::write_json(&mut out, &plan, &a, pack, &options) {
            // A closed pipe (`gaizao plan … | head`) is not an error worth reporting.
            Ok(()) | Err(Error::Internal { .. }) if out.flush().is_err() => {}
            Ok(()) => {}
            Err(e) => return Err(vec![e]),
        }
        Vec::new()
    };
    Ok(Out::Plan {
        bytes,
        note: strict_note,
        failed,
    })
}
