//! Progress on the terminal for the commands that can run for a while on a large store or file
//! (import, export, generate, demo, metrics, report): a spinner with the phase, in the user's
//! language, and the time so far; a bar with the count once the number of rows or cases is known. It is drawn
//! on standard error and only when standard error is a terminal, so a pipe, a file, a script or a
//! test sees none of it; standard output never carries it.

use std::cell::Cell;
use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{HumanCount, ProgressBar, ProgressStyle};
use shenguan_app::{Lang, Text};

use crate::output::{lang, say};

/// How often the spinner turns while a phase reports nothing: it shows the program is alive.
const TICK: Duration = Duration::from_millis(120);

/// The display of one command's long work; cleared when dropped, also on an early error.
pub struct Progress {
    bar: ProgressBar,
    /// Whether the bar is drawn as a count (a bar and `done/total`) rather than a spinner.
    counting: Cell<bool>,
}

impl Progress {
    /// A spinner showing `phase` and the time so far — or, when standard error is not a
    /// terminal, nothing at all.
    pub fn start(phase: &Text) -> Progress {
        let bar = if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new_spinner();
            bar.set_style(spinner_style());
            bar.enable_steady_tick(TICK);
            bar
        } else {
            ProgressBar::hidden()
        };
        bar.set_message(say(phase));
        Progress {
            bar,
            counting: Cell::new(false),
        }
    }

    /// Moves on to a phase whose size is not known: a spinner with `phase`.
    pub fn phase(&self, phase: &Text) {
        if self.counting.replace(false) {
            self.bar.set_style(spinner_style());
        }
        self.bar.set_message(say(phase));
    }

    /// `done` of `total` `unit` in `phase`: `写入 [████░░] 12,345/877,500 行 4s (剩余 9s)`.
    pub fn count(&self, phase: &Text, unit: &Text, done: u64, total: u64) {
        // The numbers first: the spinner's tick may draw the new style at any moment.
        self.bar.set_length(total);
        self.bar.set_position(done);
        self.bar.set_prefix(say(unit));
        if !self.counting.replace(true) {
            self.bar.set_style(count_style(lang()));
        }
        self.bar.set_message(say(phase));
    }

    /// A note for the user (`output::note`), printed above the spinner, not through it.
    pub fn note(&self, text: &Text) {
        self.bar.suspend(|| crate::output::note(text));
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        // The line is wiped before anything else is printed: the result, or the error.
        self.bar.finish_and_clear();
    }
}

/// A number as the display writes it, with thousands separators: `12,345`.
pub fn human(n: usize) -> String {
    HumanCount(n as u64).to_string()
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn count_style(lang: Lang) -> ProgressStyle {
    ProgressStyle::with_template(lang.pick(
        "{spinner} {msg} [{bar:30}] {human_pos}/{human_len} {prefix} {elapsed} (剩余 {eta})",
        "{spinner} {msg} [{bar:30}] {human_pos}/{human_len} {prefix} {elapsed} ({eta} left)",
    ))
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("█▌░")
}
