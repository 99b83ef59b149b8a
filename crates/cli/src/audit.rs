//! `shenguan audit`: the audit log's hash chain — checked end to end, and its head printed to be
//! recorded elsewhere (a bulletin, a signed printout), so that even someone with write access to
//! the database cannot rewrite the log unseen.

use shenguan_app::{App, AppError, text};

use crate::output::say;
use crate::store::{Needs, open_existing};

/// 审计日志 — check the audit log's hash chain, or print its head to record elsewhere.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan audit verify                 # every entry's hash and link
  shenguan audit head                   # the count and the last hash, to print and keep

See docs/operations.md.")]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// 校验审计日志 — checks every entry's hash and link, and that the chain still passes
    /// through `--head` (a head recorded earlier) when given.
    #[command(after_help = "示例 Examples:
  shenguan audit verify
  shenguan audit verify --head 3b9e07a5c1d24f68e0a7b3c95d1f2e4a6c8b0d9e7f5a3c1b2d4e6f8a0b9c7d5e

Exits 0 with the number of entries and the last hash when the log is whole; exits 1 naming the
first entry altered, removed or inserted. Without --head, entries removed from the end, or a log
rewritten whole, cannot be told: record the head regularly (shenguan audit head, or the line the
monthly bulletin prints) and check later that the chain still passes through it.")]
    Verify {
        /// 此前记录的哈希 — a head printed earlier (audit head, a bulletin's last line)
        #[arg(long, value_name = "HASH")]
        head: Option<String>,
    },
    /// 审计日志末条 — prints the number of entries and the last entry's hash, to record
    /// elsewhere (not a check: `audit verify` checks).
    #[command(after_help = "示例 Examples:
  shenguan audit head                   # 1234<TAB>3b9e07a5…: print it, sign it, keep it

Later: shenguan audit verify --head HASH tells whether the log still ends there.")]
    Head,
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let store = &mut open_existing(app, db, Needs::Accounts)?;
    match args.action {
        Action::Verify { head } => {
            if let Some(head) = &head
                && (head.len() != 64 || !head.bytes().all(|b| b.is_ascii_hexdigit()))
            {
                return Err(AppError::invalid_for(
                    "--head",
                    &text!(
                        "末条哈希须为64位十六进制数字，不是“{head}”",
                        "a head is 64 hexadecimal digits, not “{head}”"
                    ),
                ));
            }
            let head = head.map(|h| h.to_ascii_lowercase());
            match app.verify_audit_log(store, head.as_deref())? {
                Ok(whole) => {
                    let (count, hash) = (whole.count, whole.hash);
                    println!(
                        "{}",
                        say(&text!(
                            "审计日志完整：{count}条，末条哈希 {hash}",
                            "the audit log is whole: {count} entries, the last hash {hash}"
                        ))
                    );
                    if let Some(seq) = whole.recorded_at {
                        println!(
                            "{}",
                            say(&text!(
                                "记录的哈希为第{seq}条的哈希：至该条为止未被改写",
                                "the head recorded is entry {seq}'s hash: nothing up to it was rewritten"
                            ))
                        );
                    }
                    Ok(())
                }
                Err(broken) => Err(AppError::Invalid(broken.text())),
            }
        }
        Action::Head => {
            let head = app.audit_head(store)?;
            println!("{}\t{}", head.count, head.hash);
            Ok(())
        }
    }
}
