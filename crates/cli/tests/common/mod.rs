//! The test workdir shared by the CLI's story tests: a temporary folder with a SQLite store (or a
//! fresh PostgreSQL schema when `SHENGUAN_TEST_PG` names a server), and the built binary run in it.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const TODAY: &str = "2026-11-27";

pub struct Workdir {
    pub path: PathBuf,
    pub db: String,
    pg_schema: Option<(String, String)>,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

impl Workdir {
    pub fn sqlite() -> Workdir {
        let unique = format!(
            "{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(format!("shenguan-import-test-{unique}"));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("temporary folder");
        let db = path.join("shenguan.db").display().to_string();
        Workdir {
            path,
            db,
            pg_schema: None,
        }
    }

    /// The same, with the store in a fresh schema of the PostgreSQL server the tests were given.
    pub fn postgres() -> Option<Workdir> {
        let admin = std::env::var("SHENGUAN_TEST_PG")
            .ok()
            .filter(|u| !u.trim().is_empty())?;
        let mut dir = Workdir::sqlite();
        let schema = format!(
            "cli_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut client =
            postgres::Client::connect(&admin, postgres::NoTls).expect("PostgreSQL server");
        client
            .batch_execute(&format!("CREATE SCHEMA {schema}"))
            .expect("schema");
        let separator = if admin.contains('?') { '&' } else { '?' };
        dir.db = format!("{admin}{separator}options=-csearch_path%3D{schema}");
        dir.pg_schema = Some((admin, schema));
        Some(dir)
    }

    pub fn all() -> Vec<Workdir> {
        let mut dirs = vec![Workdir::sqlite()];
        dirs.extend(Workdir::postgres());
        dirs
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.file(name);
        fs::write(&path, text).expect("write fixture");
        path
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_shenguan"));
        command
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .current_dir(&self.path)
            .env("SHENGUAN_TODAY", TODAY)
            .env_remove("SHENGUAN_CONFIG")
            .env_remove("SHENGUAN_DB")
            .env_remove("SHENGUAN_FAULT_ABORT_AFTER_ROWS");
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run shenguan")
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

    /// Exports CSV into `dir` and returns the cases file's text.
    pub fn export_cases(&self, dir: &str) -> String {
        self.ok(&["export", "--format", "csv", "--out", dir]);
        fs::read_to_string(self.file(dir).join("cases.csv")).expect("cases.csv")
    }
}

impl Drop for Workdir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.path);
        if let Some((admin, schema)) = &self.pg_schema
            && let Ok(mut client) = postgres::Client::connect(admin, postgres::NoTls)
        {
            let _ = client.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"));
        }
    }
}

pub fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}
