//! The `shenguan` command: parses arguments, loads the configuration, builds the `App` and
//! dispatches to one module per subcommand. Exit codes are chosen here and nowhere else.

mod case_number;
mod courts;
mod deadline;
mod demo;
mod export;
mod generate;
mod import;
mod metrics;
mod output;
mod progress;
mod reference;
mod report;
mod serve;
mod user;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use shenguan_app::{App, AppError, Config, ErrorKind};

/// shenguan（审管）：法院审判执行质效监管系统 — court case-flow supervision and quality-efficiency analytics.
#[derive(Debug, Parser)]
#[command(name = "shenguan", version, about, long_about = None)]
struct Cli {
    /// 配置文件 (TOML); default: $SHENGUAN_CONFIG, else ./shenguan.toml if present.
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,

    /// 数据库 — SQLite path or sqlite://…, or postgres://…; default: $SHENGUAN_DB, store.url, ./shenguan.db.
    #[arg(long, global = true, value_name = "URL")]
    db: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    CaseNumber(case_number::Args),
    Deadline(deadline::Args),
    Courts(courts::Args),
    CaseTypes(reference::CaseTypesArgs),
    TimeLimits(reference::TimeLimitsArgs),
    Import(import::Args),
    Export(export::Args),
    Generate(generate::Args),
    Metrics(Box<metrics::Args>),
    Report(report::Args),
    User(user::Args),
    Serve(serve::Args),
    Demo(demo::Args),
}

/// Exit statuses: 0 success; 1 invalid input or configuration (or something asked for that does
/// not exist or is not allowed); 2 wrong usage (clap's own); 3 a file or stream could not be read
/// or written; 4 the store is busy or unreachable (run the command again later); 5 the program
/// failed (tell the administrator).
const EXIT_INVALID: u8 = 1;
const EXIT_IO: u8 = 3;
const EXIT_UNAVAILABLE: u8 = 4;
const EXIT_INTERNAL: u8 = 5;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("shenguan: {error}");
            ExitCode::from(match (&error, error.kind()) {
                (AppError::Io { .. }, _) => EXIT_IO,
                (_, ErrorKind::Unavailable) => EXIT_UNAVAILABLE,
                (_, ErrorKind::Internal) => EXIT_INTERNAL,
                _ => EXIT_INVALID,
            })
        }
    }
}

fn run(cli: Cli) -> Result<(), AppError> {
    let working_dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let env = |name: &str| std::env::var(name).ok();
    let config = Config::load(cli.config.as_deref(), &env, &working_dir)?;
    match cli.command {
        Command::CaseNumber(args) => case_number::run(&App::new(config)?, args),
        Command::Deadline(args) => deadline::run(config, args),
        Command::Courts(args) => courts::run(config, args),
        Command::CaseTypes(args) => reference::case_types(args),
        Command::TimeLimits(args) => reference::time_limits(&App::new(config)?, args),
        Command::Import(args) => import::run(&App::new(config)?, cli.db.as_deref(), args),
        Command::Export(args) => export::run(&App::new(config)?, cli.db.as_deref(), args),
        Command::Generate(args) => generate::run(&App::new(config)?, cli.db.as_deref(), args),
        Command::Demo(args) => demo::run(App::new(config)?, args),
        Command::Serve(args) => serve::run(App::new(config)?, cli.db.as_deref(), args),
        Command::User(args) => user::run(&App::new(config)?, cli.db.as_deref(), args),
        Command::Metrics(args) => metrics::run(&App::new(config)?, cli.db.as_deref(), *args),
        Command::Report(args) => report::run(&App::new(config)?, cli.db.as_deref(), args),
    }
}
