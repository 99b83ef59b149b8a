//! What commands print besides tables: JSON lines on standard output (a closed pipe, `| head`,
//! ends them quietly), notes on standard error, and the next step under an error — every message
//! in the language of the user's locale ([`lang`]), never both glued.

use std::io::{self, BufWriter, Stdout, Write};

use serde::Serialize;
use shenguan_app::{AppError, Lang, Text};

/// The language the user reads, from the locale (`SHENGUAN_LANG`, `LC_ALL`, `LC_MESSAGES`,
/// `LANG`): read once, so that one run speaks one language throughout.
pub fn lang() -> Lang {
    static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();
    *LANG.get_or_init(Lang::from_locale_env)
}

/// `text` in the user's language.
pub fn say(text: &Text) -> String {
    text.get(lang()).to_string()
}

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
            Err(e) => Err(AppError::io("<stdout>", e)),
        }
    }
}

/// `message` with the line that says what to do about it (`下一步：…`, `next: …`), as `main`
/// writes it under every error that has a next step.
pub fn with_next_step(message: &Text, step: &Text) -> Text {
    message.map_lang(|lang, message| format!("{message}\n{}", next_step_line(lang, step.get(lang))))
}

/// The line under an error saying what to do next, in `lang`.
pub fn next_step_line(lang: Lang, step: &str) -> String {
    format!("{}{step}", lang.pick(NEXT_STEP.0, NEXT_STEP.1))
}

/// Whether an error's text says its next step already (see [`with_next_step`]).
pub fn has_next_step(text: &str) -> bool {
    text.lines()
        .any(|line| line.starts_with(NEXT_STEP.0) || line.starts_with(NEXT_STEP.1))
}

/// How the next-step line begins, in Chinese and in English.
const NEXT_STEP: (&str, &str) = ("下一步：", "next: ");

/// A note for the user on standard error (what a command did on the way: a rebuild, a file it
/// could not keep), never mixed into the output on standard output.
pub fn note(text: &Text) {
    eprintln!("{}", note_line(text));
}

/// A note as [`note`] writes it, in the user's language.
pub fn note_line(text: &Text) -> String {
    format!("{}{}", lang().pick("注意：", "note: "), say(text))
}
