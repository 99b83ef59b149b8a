//! What imports changed, as the pages and the API show it beside a reconciliation: the recent
//! imports that revised cases, held to the courts the reader may see, and why a case moves a
//! figure in words (docs/reconciliation.md).

use std::collections::{BTreeSet, HashMap};

use chrono::Datelike;
use shenguan_domain::{CaseNumber, Text, text};
use shenguan_store::{ADDED, ImportRow, StoredRevision};

use crate::accounts::User;

use crate::reconcile::{Cause, court_view};
use crate::{App, AppError, Store};
/// A court's month as a reconciliation has it (旧存, 新收, 结案, 未结), for the readers that
/// show one.
pub use shenguan_metrics::stock_flow::Flow;

/// An import and what it changed of the cases the reader may see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportChanges {
    pub import: ImportRow,
    /// Cases it entered into months already reported, and cases whose fields it changed: the
    /// import's own counts for a reader of the whole network, else those of the reader's courts
    /// (counted from the revisions it logged).
    pub added: u64,
    pub updated: u64,
}

impl App {
    /// The most recent imports (at most `limit`), newest first, for the office, leaders and
    /// administrators (a division head or a judge sees cases, not a court's imports): a reader
    /// held to a court sees only the imports that revised its cases (or those below it), counted
    /// in them.
    pub fn recent_imports(
        &self,
        store: &mut Store,
        user: Option<&User>,
        limit: u64,
    ) -> Result<Vec<ImportChanges>, AppError> {
        let scope = court_view(user, None)?;
        let imports = store.inner.imports(limit)?;
        let Some(scope) = scope else {
            return Ok(imports
                .into_iter()
                .map(|import| ImportChanges {
                    added: import.added,
                    updated: import.updated,
                    import,
                })
                .collect());
        };
        let Some(oldest) = imports.iter().map(|i| i.version).min() else {
            return Ok(Vec::new());
        };
        let year = self.today().year();
        // The cases each import revised in the reader's courts: entered, or changed.
        let mut revised: HashMap<i64, (BTreeSet<String>, BTreeSet<String>)> = HashMap::new();
        for StoredRevision { import, revision } in store
            .inner
            .revisions_after(oldest.saturating_sub(1), None)?
        {
            let covered = CaseNumber::parse(&revision.case_no, year)
                .ok()
                .and_then(|n| n.court())
                .is_some_and(|court| scope.covers(court));
            if !covered {
                continue;
            }
            let (added, updated) = revised.entry(import.id).or_default();
            if revision.field == ADDED {
                added.insert(revision.case_no);
            } else {
                updated.insert(revision.case_no);
            }
        }
        Ok(imports
            .into_iter()
            .filter_map(|import| {
                let (added, updated) = revised.remove(&import.id)?;
                Some(ImportChanges {
                    added: added.len() as u64,
                    updated: updated.len() as u64,
                    import,
                })
            })
            .collect())
    }
}

/// The import a revision came with, in words: 导入#3 second.csv，2026-12-01 10:00:00.
pub fn import_text(import: &ImportRow) -> Text {
    let (id, source, at) = (import.id, &import.source, &import.made_at);
    text!("导入#{id} {source}，{at}", "import #{id} {source}, {at}")
}

/// One revision in words: 结案日期 2026-11-03 → 2026-10-28（导入#3 second.csv，…）, or an entry
/// made after the report.
pub fn revision_text(revision: &StoredRevision) -> Text {
    let import = import_text(&revision.import);
    let rev = &revision.revision;
    if rev.field == ADDED {
        let (zh, en) = (import.zh(), import.en());
        return Text::new(
            format!("报出后补录（{zh}）"),
            format!("entered after the report ({en})"),
        );
    }
    let old = rev.old.as_deref().unwrap_or("—");
    let new = rev.new.as_deref().unwrap_or("—");
    let field = match rev.field.as_str() {
        "filed_on" => text!("立案日期", "filed"),
        "closed_on" => text!("结案日期", "closed"),
        other => Text::new(other.to_string(), other.to_string()),
    };
    Text::new(
        format!("{} {old} → {new}（{}）", field.zh(), import.zh()),
        format!("{} {old} → {new} ({})", field.en(), import.en()),
    )
}

/// Why a case moves a figure, in words; the revisions one after another.
pub fn cause_text(cause: &Cause) -> Text {
    match cause {
        Cause::ClosedBeforeFiled { filed, closed } => text!(
            "结案日期 {closed} 早于立案日期 {filed}",
            "closed {closed}, before it was filed {filed}"
        ),
        Cause::Revised(revisions) => {
            let parts: Vec<Text> = revisions.iter().map(revision_text).collect();
            let zh: Vec<&str> = parts.iter().map(Text::zh).collect();
            let en: Vec<&str> = parts.iter().map(Text::en).collect();
            Text::new(zh.join("；"), en.join("; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use shenguan_domain::CourtCode;
    use shenguan_store::RevisionRow;
    use shenguan_testkit::TempDir;

    use crate::accounts::{NewAccount, Role};
    use crate::imports::ImportRequest;
    use crate::{Config, FixedClock};

    const HEADER: &str = "案号,法院代码,立案日期,结案日期,结案方式,承办部门,承办法官\n";

    fn import(app: &App, store: &mut Store, dir: &TempDir, name: &str, rows: &[&str]) {
        let path = dir.join(name);
        std::fs::write(&path, format!("{HEADER}{}\n", rows.join("\n"))).expect("written");
        let outcome = app
            .import(
                store,
                &ImportRequest {
                    files: vec![path],
                    ..ImportRequest::default()
                },
                &mut |_| {},
            )
            .expect("the import runs");
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    }

    fn user(app: &App, store: &mut Store, name: &str, role: Role, court: &str) -> User {
        app.add_user(
            store,
            NewAccount {
                name,
                role,
                court: Some(CourtCode::parse(court).expect("court")),
                division: (role == Role::Judge || role == Role::Division).then_some("民一庭"),
                staff_id: None,
                password: "密码-足够长的一句话",
            },
        )
        .expect("an account")
    }

    #[test]
    fn a_reader_held_to_a_court_sees_only_the_imports_that_changed_its_cases() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).expect("a day");
        let app = App::with_clock(Config::default(), Box::new(FixedClock(today))).expect("app");
        let dir = TempDir::new("changes");
        let mut store = app
            .open_store(Some(&dir.join("c.db").display().to_string()))
            .expect("store");
        let one = "（2026）湘1402民初1号,湘1402,2026-09-01,2026-11-03,判决,民一庭,王伟";
        let other = "（2026）湘1403民初1号,湘1403,2026-09-02,2026-11-04,判决,民一庭,李明";
        import(&app, &mut store, &dir, "first.csv", &[one, other]);
        let moved = one.replace("2026-11-03", "2026-10-28");
        import(&app, &mut store, &dir, "second.csv", &[&moved]);
        let reopened = other.replace("2026-11-04,判决", ",");
        import(&app, &mut store, &dir, "third.csv", &[&reopened]);

        // The network sees every import that logged a change, with its own counts.
        let all = app.recent_imports(&mut store, None, 10).expect("listed");
        let sources: Vec<&str> = all.iter().map(|i| i.import.source.as_str()).collect();
        assert!(sources[0].ends_with("third.csv") && sources[1].ends_with("second.csv"));
        // 湘1402's office: the second alone, one case changed.
        let office = user(&app, &mut store, "审管办1402", Role::Office, "湘1402");
        let theirs = app
            .recent_imports(&mut store, Some(&office), 10)
            .expect("listed");
        assert_eq!(theirs.len(), 1, "{theirs:?}");
        assert!(theirs[0].import.source.ends_with("second.csv"));
        assert_eq!((theirs[0].added, theirs[0].updated), (0, 1));
        // The intermediate court's office sees both changes below it.
        let city = user(&app, &mut store, "审管办14", Role::Office, "湘14");
        let below = app
            .recent_imports(&mut store, Some(&city), 10)
            .expect("listed");
        assert_eq!(below.len(), 2, "{below:?}");
        // A judge sees cases, not a court's imports.
        let judge = user(&app, &mut store, "王伟", Role::Judge, "湘1402");
        assert!(matches!(
            app.recent_imports(&mut store, Some(&judge), 10),
            Err(AppError::Forbidden(_))
        ));
    }

    fn revision(field: &str, old: Option<&str>, new: Option<&str>) -> StoredRevision {
        StoredRevision {
            import: ImportRow {
                id: 3,
                version: 4,
                made_at: "2026-12-01 10:00:00".into(),
                source: "second.csv".into(),
                made_by: Some("审管办".into()),
                added: 0,
                updated: 3,
            },
            revision: RevisionRow {
                case_no: "（2026）湘1402民初2号".into(),
                field: field.into(),
                old: old.map(String::from),
                new: new.map(String::from),
            },
        }
    }

    #[test]
    fn a_revision_reads_field_old_new_and_its_import() {
        let moved = revision("closed_on", Some("2026-11-03"), Some("2026-10-28"));
        let said = cause_text(&Cause::Revised(vec![
            moved,
            revision(ADDED, None, Some("2026-10-01")),
        ]));
        assert_eq!(
            said.zh(),
            "结案日期 2026-11-03 → 2026-10-28（导入#3 second.csv，2026-12-01 10:00:00）；报出后补录（导入#3 second.csv，2026-12-01 10:00:00）"
        );
        assert!(
            said.en()
                .starts_with("closed 2026-11-03 → 2026-10-28 (import #3")
        );
        let reopened = revision_text(&revision("closed_on", Some("2026-11-03"), None));
        assert!(reopened.zh().starts_with("结案日期 2026-11-03 → —"));
    }
}
