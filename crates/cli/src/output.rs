//! What commands print besides tables: JSON lines on standard output (a closed pipe, `| head`,
//! ends them quietly), notes on standard error, and the next step under an error.

use std::io::{self, BufWriter, Stdout, Write};

use serde::Serialize;
use shenguan_app::AppError;

pub struct JsonLines {
    out: BufWriter<Stdout>,
    closed: bool,
}

impl JsonLines {
    pub fn stdout() -> JsonLines {
        JsonLines {
            out: BufWriter::new(io::stdout()),
            closed: false,
        }
    }

    /// Writes one object as one line. Returns `false` once the reader has gone away.
    pub fn write<T: Serialize>(&mut self, value: &T) -> Result<bool, AppError> {
        if self.closed {
            return Ok(false);
        }
        let result = serde_json::to_writer(&mut self.out, value)
            .map_err(io::Error::from)
            .and_then(|()| self.out.write_all(b"\n"));
        self.check(result)
    }

    pub fn finish(mut self) -> Result<(), AppError> {
        let result = self.out.flush();
        self.check(result).map(|_| ())
    }

    fn check(&mut self, result: io::Result<()>) -> Result<bool, AppError> {
        match result {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(false)
            }
            Err(e) => Err(AppError::Io {
                path: "<stdout>".into(),
                message: e.to_string(),
            }),
        }
    }
}

/// `message` with the line that says what to do about it: `下一步 next: …`, as `main` writes it
/// under every error that has a next step.
pub fn with_next_step(message: &str, step: &str) -> String {
    format!("{message}\n{}", next_step_line(step))
}

/// The line under an error saying what to do next.
pub fn next_step_line(step: &str) -> String {
    format!("{NEXT_STEP}{step}")
}

/// Whether an error's text says its next step already (see [`with_next_step`]).
pub fn has_next_step(text: &str) -> bool {
    text.contains(NEXT_STEP)
}

const NEXT_STEP: &str = "下一步 next: ";

/// A note for the user on standard error (what a command did on the way: a rebuild, a file it
/// could not keep), never mixed into the output on standard output.
pub fn note(text: &str) {
    eprintln!("注意 note: {text}");
}
