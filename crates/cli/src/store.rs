//! Opening the store for a command that only reads it (figures, reports, exports, accounts): a
//! SQLite file that does not exist is refused with the way to make one, instead of being created
//! empty — in the wrong folder or with a mistyped `--db`, an empty store would show a court with
//! no cases as if that were the answer.

use shenguan_app::{App, AppError, Store, text};

use crate::output::with_next_step;

/// What a missing store lacks, and so what to run first.
#[derive(Clone, Copy, Debug)]
pub enum Needs {
    /// Cases: an import, or the demonstration.
    Cases,
    /// Accounts: `user add`.
    Accounts,
}

/// The store `db` (or the configured one), which must exist already.
pub fn open_existing(app: &App, db: Option<&str>, needs: Needs) -> Result<Store, AppError> {
    let Some(path) = app.missing_store_file(db)? else {
        return app.open_store(db);
    };
    let path = path.display();
    let missing = text!("数据库 {path} 不存在", "the store {path} does not exist");
    Err(AppError::NotFound(with_next_step(
        &missing,
        &match needs {
            Needs::Cases => text!(
                "先导入案件（shenguan import 案件.csv）或生成演示数据（shenguan demo），再运行本命令；数据库在别处时用 --db 指明，演示数据库为 --db shenguan-demo/demo.db",
                "import cases first (shenguan import cases.csv) or make a demonstration (shenguan demo), then run this again; name a store elsewhere with --db, the demonstration's is --db shenguan-demo/demo.db"
            ),
            Needs::Accounts => text!(
                "先添加账号（shenguan user add 张主任 --role office --court 湘14）；数据库在别处时用 --db 指明",
                "add an account first (shenguan user add NAME --role ROLE --court COURT), or name the store with --db"
            ),
        },
    )))
}
