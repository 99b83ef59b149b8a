//! `shenguan migrate`: brings a store's schema up to this program's, or (`--check`) says what
//! that would do without doing it — what an upgrade would change, before it changes it.

use shenguan_app::{App, AppError, text};

use crate::output::say;

/// 升级数据库结构 — apply the schema migrations this version brings, or list them (--check).
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan migrate --check          # what an upgrade would apply, changing nothing
  shenguan migrate                  # back the store up into its backup folder, then apply it

Every command that opens a store applies what is pending, after backing the store up into the
backup folder ([backup] folder; the backup's name is printed; [backup] before_upgrade = false
turns it off); this command does it on purpose, and --check shows it first. A store made by a
newer version of shenguan is refused, not opened.")]
pub struct Args {
    /// 只检查 — list the pending migrations and change nothing.
    #[arg(long)]
    check: bool,
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let state = app.schema_state(db)?;
    let (applied, latest) = (state.applied, state.latest);
    if applied > latest {
        // Opening refuses it, saying why.
        app.open_store(db)?;
    }
    let count = state.pending.len();
    if args.check {
        println!(
            "{}",
            say(&if count == 0 {
                text!(
                    "数据库结构为第{applied}版，已是最新，无需升级",
                    "the store's schema is version {applied}, the latest: nothing to apply"
                )
            } else {
                text!(
                    "数据库结构为第{applied}版，升级到第{latest}版将依次执行{count}项变更：",
                    "the store's schema is version {applied}; upgrading to {latest} applies {count} migrations in order:"
                )
            })
        );
        for (version, name) in &state.pending {
            println!("{version:04}\t{name}");
        }
        return Ok(());
    }
    // Backed up first (and named), unless the configuration says not to.
    crate::backup::before_upgrade(app, db)?;
    app.open_store(db)?;
    println!(
        "{}",
        say(&text!(
            "数据库结构已从第{applied}版升级到第{latest}版（{count}项变更）",
            "the store's schema went from version {applied} to {latest} ({count} migrations)"
        ))
    );
    Ok(())
}
