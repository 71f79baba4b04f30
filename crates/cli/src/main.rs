//! `gaizao` — the command line on the same core as the browser package.
//!
//! Exit codes: 0 success, 2 bad input (one line per problem on stderr, naming the field in
//! Chinese and English), 1 an internal failure (which would be a bug: please report it).

mod table;

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use gaizao::error::ErrorReport;
use gaizao::{Error, Registry};

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
    /// Language of table output.
    #[arg(long, value_enum, default_value_t = Lang::Zh, global = true)]
    lang: Lang,
    /// Also load this policy pack file (repeatable), e.g. a portal's own jurisdiction.
    #[arg(long = "load", global = true, value_name = "PACK.json")]
    load: Vec<String>,
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

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(out) => {
            // A closed pipe (`gaizao … | head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{out}");
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for p in &problems {
                let r = ErrorReport::from(p);
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "error[{}]: {} / {}",
                    r.code,
                    r.message.zh,
                    r.message.en
                );
            }
            ExitCode::from(2)
        }
    }
}

fn read_input(file: &str) -> Result<String, Vec<Error>> {
    let mut bytes = Vec::new();
    let res = if file == "-" {
        std::io::stdin()
            .take(gaizao::input::MAX_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map(|_| ())
    } else {
        std::fs::File::open(file).and_then(|f| {
            f.take(gaizao::input::MAX_INPUT_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
                .map(|_| ())
        })
    };
    if let Err(e) = res {
        return Err(vec![Error::InvalidInputFile {
            file: file.to_string(),
            detail: e.to_string(),
        }]);
    }
    String::from_utf8(bytes).map_err(|_| {
        vec![Error::InvalidInputFile {
            file: file.to_string(),
            detail: "not UTF-8 text".into(),
        }]
    })
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, Vec<Error>> {
    serde_json::to_string_pretty(v).map_err(|e| {
        vec![Error::WrongType {
            field: "(output)".into(),
            detail: e.to_string(),
        }]
    })
}

fn run(args: &Args) -> Result<String, Vec<Error>> {
    let mut registry = Registry::builtin()?;
    for file in &args.load {
        let text = read_input(file)?;
        registry.load(file, &text)?;
    }
    let table = args.format == Format::Table;
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
            let estate = gaizao::input::estate_from_json(&read_input(file)?)?;
            let result = gaizao::eligibility::check(pack, &estate);
            if table {
                Ok(table::eligibility(&result, args.lang))
            } else {
                to_json(&result)
            }
        }
        Command::Estimate { policy, file } => {
            let pack = registry.get(policy).map_err(|e| vec![e])?;
            let scenario = gaizao::input::scenario_from_json(&read_input(file)?)?;
            let result = gaizao::estimate::estimate(pack, &scenario)?;
            if table {
                Ok(table::estimate(&result, args.lang))
            } else {
                to_json(&result)
            }
        }
        Command::Validate { file } => {
            let text = read_input(file)?;
            let pack = registry.load(file, &text)?;
            let s = gaizao::policy::registry::summary(pack);
            if table {
                Ok(table::policies(&[s], args.lang))
            } else {
                to_json(&s)
            }
        }
    }
}
