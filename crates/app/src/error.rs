//! Errors of the application layer, by what the caller can do about them: correct the input,
//! ask for something that exists, ask within their scope, ask again later — or nothing, when
//! the program itself failed. The web maps each [`ErrorKind`] to one HTTP status and the command
//! line to one exit status, each in one place.

use std::fmt;
use std::path::Path;

use shenguan_domain::{Lang, Text, text};

/// What kind of failure an error is, for whoever called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The request or the data is wrong; the message says what and how to fix it.
    Invalid,
    /// What was asked for does not exist (or is not the caller's to know of).
    NotFound,
    /// The caller may not do or see this.
    Forbidden,
    /// The request clashes with the state of things (an upload already confirmed, …).
    Conflict,
    /// The store is busy or down: the same request may succeed later.
    Unavailable,
    /// The program failed; the detail is for the operator's log.
    Internal,
}

impl ErrorKind {
    /// The stable code an API answer carries.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Invalid => "invalid",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::Internal => "internal",
        }
    }
}

/// An error of the application: what kind it is, and what to tell the user in either language
/// (the caller picks the language: the page's, the request's, the command line's locale).
#[derive(Debug)]
pub enum AppError {
    /// The user's input or configuration is wrong; the message says what and how to fix it.
    Invalid(Text),
    NotFound(Text),
    Forbidden(Text),
    Conflict(Text),
    /// The store could not answer now (busy, locked, down); the message says so.
    Unavailable(Text),
    /// A failure of the program or its store that the user cannot correct. The detail is for
    /// the operator (the server logs it and shows a generic message; the command line, run by
    /// the operator, prints it), in whatever language the failing library wrote it.
    Internal(String),
    /// A file could not be read or written at all.
    Io {
        path: String,
        message: Text,
    },
    /// A file was read but some of its rows are wrong; nothing from it was used.
    FileRows {
        path: String,
        errors: Vec<Text>,
    },
}

impl AppError {
    /// The rows of `path` that were wrong, each with its reason in both languages.
    pub(crate) fn file_rows<E>(path: &Path, errors: Vec<E>, text: impl Fn(&E) -> Text) -> AppError {
        AppError::FileRows {
            path: path.display().to_string(),
            errors: errors.iter().map(text).collect(),
        }
    }

    /// A file that could not be read or written, with the system's reason (which speaks one
    /// language, its own).
    pub fn io(path: impl Into<String>, reason: impl fmt::Display) -> AppError {
        AppError::Io {
            path: path.into(),
            message: Text::same(reason.to_string()),
        }
    }

    /// A wrong value of `name` (a flag, a parameter, a setting): `name: why`, in both languages.
    pub fn invalid_for(name: &str, why: &Text) -> AppError {
        let (zh, en) = (why.zh(), why.en());
        AppError::Invalid(text!("{name}: {zh}", "{name}: {en}"))
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            // A file that cannot be read is the caller's to fix: its path, its contents.
            AppError::Invalid(_) | AppError::Io { .. } | AppError::FileRows { .. } => {
                ErrorKind::Invalid
            }
            AppError::NotFound(_) => ErrorKind::NotFound,
            AppError::Forbidden(_) => ErrorKind::Forbidden,
            AppError::Conflict(_) => ErrorKind::Conflict,
            AppError::Unavailable(_) => ErrorKind::Unavailable,
            AppError::Internal(_) => ErrorKind::Internal,
        }
    }

    /// The one-line message in both languages (a file's rows are in [`AppError::details`]).
    pub fn text(&self) -> Text {
        match self {
            AppError::Invalid(m)
            | AppError::NotFound(m)
            | AppError::Forbidden(m)
            | AppError::Conflict(m)
            | AppError::Unavailable(m) => m.clone(),
            AppError::Internal(detail) => text!(
                "程序内部错误：{detail}",
                "the program itself failed: {detail}"
            ),
            AppError::Io { path, message } => {
                let (zh, en) = (message.zh(), message.en());
                text!(
                    "无法读写文件 {path}：{zh}",
                    "cannot read or write {path}: {en}"
                )
            }
            AppError::FileRows { path, errors } => {
                let n = errors.len();
                text!(
                    "文件 {path} 有{n}处错误，未载入",
                    "{path} has {n} errors and was not loaded"
                )
            }
        }
    }

    /// The one-line message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.text().get(lang).to_string()
    }

    /// The same error with every text passed through `rename` (an upload's temporary path
    /// replaced by the name the user gave it).
    pub fn renamed(self, rename: &dyn Fn(&str) -> String) -> AppError {
        match self {
            AppError::Invalid(m) => AppError::Invalid(m.map(rename)),
            AppError::NotFound(m) => AppError::NotFound(m.map(rename)),
            AppError::Forbidden(m) => AppError::Forbidden(m.map(rename)),
            AppError::Conflict(m) => AppError::Conflict(m.map(rename)),
            AppError::Unavailable(m) => AppError::Unavailable(m.map(rename)),
            AppError::Internal(m) => AppError::Internal(rename(&m)),
            AppError::Io { path, message } => AppError::Io {
                path: rename(&path),
                message: message.map(rename),
            },
            AppError::FileRows { path, errors } => AppError::FileRows {
                path: rename(&path),
                errors: errors.iter().map(|e| e.map(rename)).collect(),
            },
        }
    }

    /// The lines under the message, in both languages: each bad row of a file.
    pub fn detail_texts(&self) -> &[Text] {
        match self {
            AppError::FileRows { errors, .. } => errors,
            _ => &[],
        }
    }

    /// The lines under the message in `lang`.
    pub fn details(&self, lang: Lang) -> Vec<String> {
        self.detail_texts()
            .iter()
            .map(|e| e.get(lang).to_string())
            .collect()
    }

    /// The whole error in `lang`: the message, then each bad row of a file on a line of its
    /// own, after the file's path.
    pub fn describe(&self, lang: Lang) -> String {
        let mut text = self.message(lang);
        if let AppError::FileRows { path, errors } = self {
            text.push(':');
            for e in errors {
                text.push_str(&format!("\n  {path} {}", e.get(lang)));
            }
        }
        text
    }
}

/// In Chinese, the default language: [`AppError::describe`] says it in either.
impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::Zh))
    }
}

impl std::error::Error for AppError {}

/// A store failure: "busy, try again" when the store could not answer now, else a failure of
/// the program (a bad store address is the caller's, and said so).
impl From<shenguan_store::StoreError> for AppError {
    fn from(e: shenguan_store::StoreError) -> AppError {
        if e.is_unavailable() {
            let why = e.text();
            let (zh, en) = (why.zh(), why.en());
            AppError::Unavailable(text!(
                "数据库正忙或暂时无法连接，请稍后再试（{zh}）",
                "the store is busy or cannot be reached: try again shortly ({en})"
            ))
        } else if let shenguan_store::StoreError::Url(why) = e {
            AppError::Invalid(why)
        } else if let shenguan_store::StoreError::Changed(why) = e {
            // Someone acted on the same record meanwhile; nothing was written.
            AppError::Conflict(why)
        } else {
            // For the operator's log: the database's own words.
            AppError::Internal(e.text().en().to_string())
        }
    }
}

/// A table that could not be written: its file, and the row and reason.
impl From<shenguan_ingest::write::WriteError> for AppError {
    fn from(e: shenguan_ingest::write::WriteError) -> AppError {
        let (zh, en) = (e.message.zh(), e.message.en());
        AppError::Io {
            path: e.path.display().to_string(),
            message: match e.row {
                Some(row) => text!("第{row}行: {zh}", "row {row}: {en}"),
                None => e.message.clone(),
            },
        }
    }
}

impl From<crate::accounts::Forbidden> for AppError {
    fn from(e: crate::accounts::Forbidden) -> AppError {
        AppError::Forbidden(e.0)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use shenguan_domain::calendar::CalendarError;
    use shenguan_domain::{CourtCode, Lang};

    use super::AppError;
    use crate::accounts::{Role, User};
    use crate::metrics::{Asker, court_scope, parse_request};

    fn has_chinese(text: &str) -> bool {
        text.chars().any(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c)
                || ('\u{3000}'..='\u{303f}').contains(&c)
                || ('\u{ff00}'..='\u{ffef}').contains(&c)
        })
    }

    /// Whether `text` has a `; ` followed by a Latin word after Chinese: the old glue.
    fn glued(text: &str) -> bool {
        text.match_indices("; ").any(|(at, _)| {
            has_chinese(&text[..at])
                && text[at + 2..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '-')
        })
    }

    /// The samples whose English names a court by its Chinese code (湘1403, 最高法).
    const NAMES_A_COURT: [&str; 2] = ["a court", "a scope"];

    /// A sample of the errors the application makes, mostly from ASCII input, so that their
    /// English has no reason to hold a Chinese character but in [`NAMES_A_COURT`].
    fn samples() -> Vec<(&'static str, AppError)> {
        let request = |pairs: &'static [(&'static str, &'static str)], asker| {
            let get = |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            };
            parse_request(&get, asker).expect_err("refused")
        };
        let judge = User {
            name: "wang".into(),
            role: Role::Judge,
            court: CourtCode::parse("湘1402").ok(),
            division: None,
            staff_id: None,
        };
        let mut elsewhere = shenguan_metrics::Filter {
            court: Some(shenguan_domain::CourtScope::alone(
                CourtCode::parse("湘1403").expect("a code"),
            )),
            ..shenguan_metrics::Filter::default()
        };
        let calendar =
            shenguan_domain::HolidayCalendar::from_csv("date,kind\n").expect_err("a bad header");
        vec![
            (
                "a date",
                request(&[("from", "x"), ("to", "2026-01-01")], Asker::Api),
            ),
            (
                "a date (flags)",
                request(&[("from", "x"), ("to", "2026-01-01")], Asker::CommandLine),
            ),
            (
                "a grouping",
                request(
                    &[("from", "2026-01-01"), ("to", "2026-02-01"), ("by", "x")],
                    Asker::Api,
                ),
            ),
            (
                "an indicator",
                request(
                    &[
                        ("from", "2026-01-01"),
                        ("to", "2026-02-01"),
                        ("indicators", "x"),
                    ],
                    Asker::CommandLine,
                ),
            ),
            (
                "a procedure",
                request(
                    &[
                        ("from", "2026-01-01"),
                        ("to", "2026-02-01"),
                        ("procedure", "x"),
                    ],
                    Asker::Api,
                ),
            ),
            (
                "with_lower alone",
                request(
                    &[
                        ("from", "2026-01-01"),
                        ("to", "2026-02-01"),
                        ("with_lower", "true"),
                    ],
                    Asker::Api,
                ),
            ),
            (
                "a court",
                court_scope(Some("X9"), false, Asker::Api).expect_err("refused"),
            ),
            (
                "a setting",
                crate::Config::load(
                    None,
                    &|name| (name == "SHENGUAN_TODAY").then(|| "2026-02-30".to_string()),
                    Path::new("."),
                )
                .expect_err("refused"),
            ),
            (
                "a store address",
                shenguan_store::StoreUrl::parse("ftp://x")
                    .map(|_| ())
                    .map_err(AppError::from)
                    .expect_err("refused"),
            ),
            (
                "a scope",
                judge
                    .restrict(&mut elsewhere)
                    .map_err(AppError::from)
                    .expect_err("refused"),
            ),
            (
                "a file's rows",
                AppError::file_rows(Path::new("h.csv"), calendar, CalendarError::text),
            ),
            (
                "a file",
                AppError::io("h.csv", "No such file or directory (os error 2)"),
            ),
            (
                "a query",
                AppError::Invalid(shenguan_metrics::QueryError::TwoTimeDimensions.text()),
            ),
        ]
    }

    /// Each message is written once per language: the Chinese without the English glued on, the
    /// English without Chinese (but a court's code); and shown by default (`Display`) in Chinese.
    #[test]
    fn every_message_speaks_one_language() {
        for (what, error) in samples() {
            let (zh, en) = (error.describe(Lang::Zh), error.describe(Lang::En));
            assert!(has_chinese(&zh), "{what}: {zh}");
            assert!(!glued(&zh), "{what}: {zh}");
            assert!(
                NAMES_A_COURT.contains(&what) || !has_chinese(&en),
                "{what}: {en}"
            );
            assert!(!glued(&en), "{what}: {en}");
            assert_ne!(zh, en, "{what}");
            assert_eq!(error.to_string(), zh, "{what}");
        }
    }

    /// The API's errors name its parameters; the command line's, its flags.
    #[test]
    fn a_parameter_is_named_as_its_asker_writes_it() {
        let samples = samples();
        let message = |what: &str, lang| {
            samples
                .iter()
                .find(|(w, _)| *w == what)
                .map(|(_, e)| e.message(lang))
                .expect("a sample")
        };
        assert_eq!(
            message("a date", Lang::En),
            "from: “x” is not a valid date (write 2024-03-05, 2024/3/5 or 20240305)"
        );
        assert!(message("a date (flags)", Lang::En).starts_with("--from: "));
        assert!(message("with_lower alone", Lang::Zh).starts_with("with_lower 须与 court 同用"));
        assert!(!message("with_lower alone", Lang::En).contains("--"));
    }
}
