//! What every module of the CLI's tests runs the program with: a temporary folder with a SQLite
//! store (or a fresh PostgreSQL schema when `SHENGUAN_TEST_PG` names a server), the built binary
//! run in it with a clean environment and a fixed "today" (`shenguan_testkit::program`), and the
//! checks of a run — succeeded, refused with an exit code — with its output as text.

use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use shenguan_testkit::skip::current_test;
use shenguan_testkit::store::postgres_server;
use shenguan_testkit::{PgSchema, TempDir, program};

pub use shenguan_testkit::program::TODAY;

/// The built program under test.
fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_shenguan"))
}

/// A folder of the test's and the store the program is pointed at; both removed on drop.
pub struct Workdir {
    pub path: PathBuf,
    pub db: String,
    folder: TempDir,
    schema: Option<PgSchema>,
}

/// What the temporary folders and schemas of these tests are named after.
const LABEL: &str = "cli";

impl Workdir {
    /// A fresh folder with the store at `shenguan.db` in it.
    pub fn sqlite() -> Workdir {
        let folder = TempDir::new(LABEL);
        Workdir {
            path: folder.path().to_path_buf(),
            db: folder.join("shenguan.db").display().to_string(),
            folder,
            schema: None,
        }
    }

    /// The same, with the store in a fresh schema of the PostgreSQL server the tests were
    /// given; `None` (and a line in the skip ledger, or a failure when the run requires
    /// PostgreSQL) without one.
    pub fn postgres() -> Option<Workdir> {
        let admin = postgres_server(&current_test())?;
        let schema = PgSchema::new(&admin, LABEL);
        let folder = TempDir::new(LABEL);
        Some(Workdir {
            path: folder.path().to_path_buf(),
            db: schema.url(),
            folder,
            schema: Some(schema),
        })
    }

    /// SQLite, then PostgreSQL when the tests were given a server.
    pub fn all() -> Vec<Workdir> {
        let mut dirs = vec![Workdir::sqlite()];
        dirs.extend(Workdir::postgres());
        dirs
    }

    /// Which store this is, for assertion messages.
    pub fn backend(&self) -> &'static str {
        if self.schema.is_some() {
            "postgres"
        } else {
            "sqlite"
        }
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.folder.join(name)
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        self.folder.write(name, text)
    }

    /// `shenguan args…` in the folder, without the developer's settings and without `--db`:
    /// for a call that names a store of its own, or none.
    pub fn bare_command(&self, args: &[&str]) -> Command {
        let mut command = program::command(binary(), &self.path);
        // A PostgreSQL store's columns go to this folder, not the user's cache.
        command.env("SHENGUAN_COLUMNS_DIR", &self.path);
        command.args(args);
        command
    }

    /// `shenguan --db <this store> args…`, in the folder, without the developer's settings.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = self.bare_command(&["--db", &self.db]);
        command.args(args);
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        output(&mut self.command(args), None)
    }

    /// Runs the program with the locale variable `name` (`LANG`, `SHENGUAN_LANG`, …) set to
    /// `value`: the language it speaks (none is inherited, see `shenguan_testkit::program`).
    pub fn run_in_locale(&self, name: &str, value: &str, args: &[&str]) -> Output {
        output(self.command(args).env(name, value), None)
    }

    /// Runs the program with `input` on its standard input (where `case-number` reads numbers
    /// and `user add` the password).
    pub fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Output {
        output(&mut self.command(args), Some(input))
    }

    /// Runs a command that must succeed; returns its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        succeed(&mut self.command(args))
    }

    /// Runs a command that must succeed; returns its standard output and what it noted on
    /// standard error.
    pub fn ok_noting(&self, args: &[&str]) -> (String, String) {
        let output = self.run(args);
        assert_success(&args, &output);
        (stdout(&output), stderr(&output))
    }

    /// Runs a command that must succeed and print one JSON document.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    }

    /// Runs a command that must fail with exit code `code` (ARCHITECTURE.md: 1 invalid input or
    /// configuration, 2 wrong usage, 3 unreadable file, 4 store unavailable); returns what it
    /// said on standard error. Standard output may hold a summary (a refused import's).
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let output = self.run(args);
        assert_exit(args, &output, code);
        stderr(&output)
    }

    /// [`Workdir::fails`], with nothing on standard output.
    pub fn refused(&self, args: &[&str], code: i32) -> String {
        let output = self.run(args);
        assert_exit(args, &output, code);
        assert!(
            output.stdout.is_empty(),
            "{args:?} printed {}",
            stdout(&output)
        );
        stderr(&output)
    }

    /// Writes each `(name, text)` file into the folder and imports them in one run, which must
    /// succeed; returns its summary.
    pub fn import(&self, files: &[(&str, &str)]) -> String {
        let paths: Vec<PathBuf> = files
            .iter()
            .map(|(name, text)| self.write(name, text))
            .collect();
        let mut args = vec!["import"];
        args.extend(paths.iter().map(|p| path(p)));
        self.ok(&args)
    }

    /// Exports CSV into `dir` and returns the cases file's text.
    pub fn export_cases(&self, dir: &str) -> String {
        self.ok(&["export", "--format", "csv", "--out", dir]);
        fs::read_to_string(self.file(dir).join("cases.csv")).expect("cases.csv")
    }
}

/// Runs `command` (one of [`Workdir::command`], with settings of its own added) with `input` on
/// its standard input, if any. A refused command may exit before it reads its input: a closed
/// pipe is no failure here.
pub fn output(command: &mut Command, input: Option<&[u8]>) -> Output {
    let output = output_of(command, input);
    assert_no_progress(&output);
    output
}

fn output_of(command: &mut Command, input: Option<&[u8]>) -> Output {
    let Some(input) = input else {
        return command.output().expect("run shenguan");
    };
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn shenguan");
    let written = child.stdin.take().expect("stdin").write_all(input);
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().expect("wait for shenguan")
}

/// No run here has a terminal, so the progress display must leave no trace in what the program
/// prints: no escape sequence and no spinner (indicatif's are braille patterns).
fn assert_no_progress(output: &Output) {
    for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains('\x1b') && !text.chars().any(|c| ('\u{2800}'..='\u{28ff}').contains(&c)),
            "progress drawn without a terminal on {name}: {text:?}"
        );
    }
}

/// Runs `command`, which must succeed; returns its standard output.
pub fn succeed(command: &mut Command) -> String {
    let output = output(command, None);
    let args: Vec<&OsStr> = command.get_args().collect();
    assert_success(&args, &output);
    stdout(&output)
}

fn assert_success(args: &dyn std::fmt::Debug, output: &Output) {
    assert!(
        output.status.success(),
        "{args:?} failed ({:?}): {}{}",
        output.status.code(),
        stdout(output),
        stderr(output)
    );
}

fn assert_exit(args: &[&str], output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "{args:?}: {}{}",
        stdout(output),
        stderr(output)
    );
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The JSON objects of a successful run that prints one a line.
pub fn json_lines(output: &Output) -> Vec<Value> {
    assert!(
        output.status.success(),
        "exit {:?}, stderr: {}",
        output.status,
        stderr(output)
    );
    String::from_utf8(output.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect()
}

pub fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}
