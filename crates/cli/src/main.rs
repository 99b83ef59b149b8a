//! The `shenguan` command: parses arguments, loads the configuration, builds the `App` and
//! dispatches to one module per subcommand. Exit codes are chosen here and nowhere else.

mod assign;
mod audit;
mod backup;
mod case_number;
mod check;
mod courts;
mod deadline;
mod demo;
mod export;
mod forecast;
mod generate;
mod import;
mod metrics;
mod migrate;
mod output;
mod petitions;
mod progress;
mod reference;
mod report;
mod reviews;
mod serve;
mod service;
mod store;
mod supervise;
#[cfg(test)]
mod tests;
mod user;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use shenguan_app::{App, AppError, Config, ErrorKind, Text, text};

/// shenguan（审管）：法院审判执行质效监管系统 — court case-flow supervision and quality-efficiency analytics.
#[derive(Debug, Parser)]
#[command(
    name = "shenguan",
    version,
    about,
    long_about = None,
    after_help = "示例 Examples:
  shenguan demo                                          # a demonstration network, accounts, the server
  shenguan import 2026年10月案件.csv                     # the court's own export (CSV, XLSX, Parquet)
  shenguan metrics --from 2026-01-01 --to 2026-10-31 --by court
  shenguan report bulletin --month 2026-10 --format docx --out 2026年10月质效通报.docx
  shenguan deadline --filed 2026-03-05 --type 民初

Every command has examples of its own: shenguan import --help, shenguan user add --help."
)]
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
    Supervise(supervise::Args),
    Petitions(petitions::Args),
    Reviews(reviews::Args),
    Assign(assign::Args),
    Service(service::Args),
    Check(check::Args),
    Audit(audit::Args),
    Backup(backup::BackupArgs),
    Restore(backup::RestoreArgs),
    Migrate(migrate::Args),
    Forecast(forecast::Args),
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
    // `Cli::parse()`, keeping the matches for the name of the command that runs.
    let matches = Cli::command().get_matches();
    let cli =
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut Cli::command()).exit());
    let name = matches.subcommand_name().unwrap_or_default().to_string();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let lang = output::lang();
            let text = error.describe(lang);
            eprintln!("shenguan: {text}");
            if !output::has_next_step(&text)
                && let Some(step) = next_step(&error, &name)
            {
                eprintln!("{}", output::next_step_line(lang, step.get(lang)));
            }
            ExitCode::from(match (&error, error.kind()) {
                (AppError::Io { .. }, _) => EXIT_IO,
                (_, ErrorKind::Unavailable) => EXIT_UNAVAILABLE,
                (_, ErrorKind::Internal) => EXIT_INTERNAL,
                _ => EXIT_INVALID,
            })
        }
    }
}

/// What to do after `error` from the command `name`, by what the user can do about it (the same
/// split as the exit status); `None` where the message itself names what is missing or refused.
fn next_step(error: &AppError, name: &str) -> Option<Text> {
    Some(match (error, error.kind()) {
        (AppError::Io { .. }, _) => text!(
            "检查文件名和路径是否正确、文件是否存在、能否读写，改正后再运行",
            "check the file's name and path, and that it exists and can be read or written, then run again"
        ),
        (_, ErrorKind::Unavailable) => text!(
            "稍后再运行同一命令；一直如此时，检查数据库服务是否在运行、--db 或 SHENGUAN_DB 是否指向它",
            "run the same command again later; if it keeps failing, check that the database server is running and that --db or SHENGUAN_DB names it"
        ),
        (_, ErrorKind::Internal) => text!(
            "这是程序本身的故障：请把以上信息告知系统管理员",
            "the program itself failed: give the administrator the message above"
        ),
        (_, ErrorKind::Invalid) => text!(
            "按上面所说改正后再运行；用法与示例见 shenguan {name} --help",
            "correct what is said above and run again; usage and examples: shenguan {name} --help"
        ),
        (_, ErrorKind::NotFound | ErrorKind::Forbidden | ErrorKind::Conflict) => return None,
    })
}

impl Command {
    /// Whether the command opens an existing store, whose schema an upgrade changes on opening:
    /// it is backed up first. `migrate` backs up by itself, to say what it did; `backup` copies
    /// the store as it is, without upgrading it; `restore` writes a new store; the demo keeps its
    /// own. Every command is named, so that a new one is decided
    /// on when it is added.
    fn upgrades_the_store(&self) -> bool {
        match self {
            Command::Import(_)
            | Command::Export(_)
            | Command::Generate(_)
            | Command::Serve(_)
            | Command::User(_)
            | Command::Supervise(_)
            | Command::Petitions(_)
            | Command::Reviews(_)
            | Command::Assign(_)
            | Command::Service(_)
            | Command::Check(_)
            | Command::Audit(_)
            | Command::Forecast(_)
            | Command::Metrics(_)
            | Command::Report(_) => true,
            Command::CaseNumber(_)
            | Command::Deadline(_)
            | Command::Courts(_)
            | Command::CaseTypes(_)
            | Command::TimeLimits(_)
            | Command::Demo(_)
            | Command::Migrate(_)
            | Command::Backup(_)
            | Command::Restore(_) => false,
        }
    }
}

fn run(cli: Cli) -> Result<(), AppError> {
    let working_dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let env = |name: &str| std::env::var(name).ok();
    let config = Config::load(cli.config.as_deref(), &env, &working_dir)?;
    if cli.command.upgrades_the_store() {
        backup::before_upgrade(&App::new(config.clone())?, cli.db.as_deref())?;
    }
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
        Command::Supervise(args) => supervise::run(&App::new(config)?, cli.db.as_deref(), args),
        Command::Petitions(args) => petitions::run(&App::new(config)?, cli.db.as_deref(), args),
        Command::Reviews(args) => reviews::run(&App::new(config)?, cli.db.as_deref(), args),
        Command::Assign(args) => assign::run(&App::new(config)?, cli.db.as_deref(), args),
        Command::Service(args) => service::run(&App::new(config)?, cli.db.as_deref(), args),
        Command::Check(args) => check::run(&App::new(config)?, cli.db.as_deref(), args),
        Command::Audit(args) => audit::run(&App::new(config)?, cli.db.as_deref(), args),
        Command::Migrate(args) => migrate::run(&App::new(config)?, cli.db.as_deref(), args),
        Command::Backup(args) => backup::backup(&App::new(config)?, cli.db.as_deref(), args),
        Command::Restore(args) => backup::restore(&App::new(config)?, cli.db.as_deref(), args),
        Command::Forecast(args) => forecast::run(&App::new(config)?, cli.db.as_deref(), args),
        Command::Metrics(args) => metrics::run(&App::new(config)?, cli.db.as_deref(), *args),
        Command::Report(args) => report::run(&App::new(config)?, cli.db.as_deref(), args),
    }
}
