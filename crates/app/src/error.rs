//! Errors of the application layer: the user's mistakes apart from failures of the machine.

use std::fmt;
use std::path::Path;

#[derive(Debug)]
pub enum AppError {
    /// The user's input or configuration is wrong; the message says what and how to fix it.
    Invalid(String),
    /// A file could not be read at all.
    Io { path: String, message: String },
    /// A file was read but some of its rows are wrong; nothing from it was used.
    FileRows { path: String, errors: Vec<String> },
}

impl AppError {
    pub(crate) fn file_rows<E: fmt::Display>(path: &Path, errors: Vec<E>) -> AppError {
        AppError::FileRows {
            path: path.display().to_string(),
            errors: errors.iter().map(ToString::to_string).collect(),
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::Invalid(message) => f.write_str(message),
            AppError::Io { path, message } => {
                write!(f, "无法读取文件 {path}: {message}; cannot read {path}")
            }
            AppError::FileRows { path, errors } => {
                write!(
                    f,
                    "文件 {path} 有{}处错误，未载入; {path} has {} errors and was not loaded:",
                    errors.len(),
                    errors.len()
                )?;
                for e in errors {
                    write!(f, "\n  {path} {e}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for AppError {}
