//! The test workdir shared by the CLI's tests: a temporary folder with a SQLite store (or a
//! fresh PostgreSQL schema when `SHENGUAN_TEST_PG` names a server), and the built binary run in
//! it with a clean environment and a fixed "today" (`shenguan_testkit::program`).
#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use shenguan_testkit::skip::current_test;
use shenguan_testkit::store::postgres_server;
use shenguan_testkit::{PgSchema, TempDir, program};

pub const TODAY: &str = program::TODAY;

/// A folder of the test's and the store the program is pointed at; both removed on drop.
pub struct Workdir {
    pub path: PathBuf,
    pub db: String,
    folder: TempDir,
    schema: Option<PgSchema>,
}

/// What the temporary folders and schemas of this test binary are named after.
const LABEL: &str = concat!("cli_", env!("CARGO_CRATE_NAME"));

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

    /// `shenguan --db <this store> args…`, in the folder, without the developer's settings.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = program::command(Path::new(env!("CARGO_BIN_EXE_shenguan")), &self.path);
        // A PostgreSQL store's columns go to this folder, not the user's cache.
        command.env("SHENGUAN_COLUMNS_DIR", &self.path);
        command.arg("--db").arg(&self.db).args(args);
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run shenguan")
    }

    /// Runs the program with `input` on its standard input.
    pub fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn shenguan");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
        child.wait_with_output().expect("wait")
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "{args:?} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Runs a command that must be refused with exit code `code` (ARCHITECTURE.md: 1 invalid
    /// input or configuration, 2 wrong usage, 3 unreadable file, 4 store unavailable) and
    /// nothing on standard output; returns what it said on standard error.
    pub fn refused(&self, args: &[&str], code: i32) -> String {
        let output = self.run(args);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(
            output.stdout.is_empty(),
            "{args:?} printed {}",
            String::from_utf8_lossy(&output.stdout)
        );
        stderr
    }

    /// Exports CSV into `dir` and returns the cases file's text.
    pub fn export_cases(&self, dir: &str) -> String {
        self.ok(&["export", "--format", "csv", "--out", dir]);
        fs::read_to_string(self.file(dir).join("cases.csv")).expect("cases.csv")
    }
}

pub fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}
