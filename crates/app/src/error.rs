//! Errors of the application layer, by what the caller can do about them: correct the input,
//! ask for something that exists, ask within their scope, ask again later — or nothing, when
//! the program itself failed. The web maps each [`ErrorKind`] to one HTTP status and the command
//! line to one exit status, each in one place.

use std::fmt;
use std::path::Path;

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

#[derive(Debug)]
pub enum AppError {
    /// The user's input or configuration is wrong; the message says what and how to fix it.
    Invalid(String),
    NotFound(String),
    Forbidden(String),
    Conflict(String),
    /// The store could not answer now (busy, locked, down); the message says so.
    Unavailable(String),
    /// A failure of the program or its store that the user cannot correct.
    Internal(String),
    /// A file could not be read at all.
    Io {
        path: String,
        message: String,
    },
    /// A file was read but some of its rows are wrong; nothing from it was used.
    FileRows {
        path: String,
        errors: Vec<String>,
    },
}

impl AppError {
    pub(crate) fn file_rows<E: fmt::Display>(path: &Path, errors: Vec<E>) -> AppError {
        AppError::FileRows {
            path: path.display().to_string(),
            errors: errors.iter().map(ToString::to_string).collect(),
        }
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

    /// The one-line message (a file's rows are in [`AppError::details`]).
    pub fn message(&self) -> String {
        match self {
            AppError::Invalid(m)
            | AppError::NotFound(m)
            | AppError::Forbidden(m)
            | AppError::Conflict(m)
            | AppError::Unavailable(m)
            | AppError::Internal(m) => m.clone(),
            AppError::Io { path, message } => {
                format!("无法读取文件 {path}: {message}; cannot read {path}")
            }
            AppError::FileRows { path, errors } => format!(
                "文件 {path} 有{}处错误，未载入; {path} has {} errors and was not loaded",
                errors.len(),
                errors.len()
            ),
        }
    }

    /// The same error with every text passed through `rename` (an upload's temporary path
    /// replaced by the name the user gave it).
    pub fn renamed(self, rename: &dyn Fn(&str) -> String) -> AppError {
        match self {
            AppError::Invalid(m) => AppError::Invalid(rename(&m)),
            AppError::NotFound(m) => AppError::NotFound(rename(&m)),
            AppError::Forbidden(m) => AppError::Forbidden(rename(&m)),
            AppError::Conflict(m) => AppError::Conflict(rename(&m)),
            AppError::Unavailable(m) => AppError::Unavailable(rename(&m)),
            AppError::Internal(m) => AppError::Internal(rename(&m)),
            AppError::Io { path, message } => AppError::Io {
                path: rename(&path),
                message: rename(&message),
            },
            AppError::FileRows { path, errors } => AppError::FileRows {
                path: rename(&path),
                errors: errors.iter().map(|e| rename(e)).collect(),
            },
        }
    }

    /// The lines under the message: each bad row of a file.
    pub fn details(&self) -> &[String] {
        match self {
            AppError::FileRows { errors, .. } => errors,
            _ => &[],
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())?;
        if let AppError::FileRows { path, errors } = self {
            f.write_str(":")?;
            for e in errors {
                write!(f, "\n  {path} {e}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for AppError {}

/// A store failure: "busy, try again" when the store could not answer now, else a failure of
/// the program (a bad store address is the caller's, and said so).
impl From<shenguan_store::StoreError> for AppError {
    fn from(e: shenguan_store::StoreError) -> AppError {
        if e.is_unavailable() {
            AppError::Unavailable(format!(
                "数据库正忙或暂时无法连接，请稍后再试; the store is busy or unreachable, try again shortly ({e})"
            ))
        } else if matches!(e, shenguan_store::StoreError::Url(_)) {
            AppError::Invalid(e.to_string())
        } else {
            AppError::Internal(e.to_string())
        }
    }
}

impl From<crate::accounts::Forbidden> for AppError {
    fn from(e: crate::accounts::Forbidden) -> AppError {
        AppError::Forbidden(e.0)
    }
}
