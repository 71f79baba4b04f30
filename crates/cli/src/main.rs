//! `gaizao` — the command line on the same core as the browser package.
//!
//! Exit codes: 0 success; 2 bad input (one line per problem on stderr, naming the field in
//! Chinese and English); 1 an internal failure of the calculator (a bug: please report it).

mod table;

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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    Zh,
    En,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TextsArg {
    None,
    Zh,
    En,
    Both,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(out) => {
            // A closed pipe (`gaizao … | head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{out}");
            ExitCode::SUCCESS
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
    let limit = (gaizao::input::MAX_INPUT_BYTES as u64).max(gaizao::policy::MAX_PACK_BYTES as u64) + 1;
    let mut bytes = Vec::new();
    let res = if file == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(file).and_then(|f| f.take(limit).read_to_end(&mut bytes).map(|_| ()))
    };
    if let Err(e) = res {
        return Err(vec![Error::InvalidInputFile {
            file: file.to_string(),
            detail: e.to_string(),
        }]);
    }
    Ok(bytes)
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

fn run(args: &Args) -> Result<String, Vec<Error>> {
    let mut registry = Registry::builtin()?;
    let mut loaded_notes = Vec::new();
    for file in &args.load {
        let bytes = read_input(file)?;
        let (pack, outcome) = registry.load(file, &bytes, LoadOptions { replace: args.replace })?;
        if outcome == gaizao::policy::LoadOutcome::Replaced {
            loaded_notes.push(format!("replaced {} with {file}", pack.id()));
        }
    }
    for n in &loaded_notes {
        let _ = writeln!(std::io::stderr().lock(), "note: {n}");
    }
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
