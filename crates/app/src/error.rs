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

