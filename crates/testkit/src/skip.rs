//! The ledger of what a run did not test. A test that needs a tool from outside the Rust
//! toolchain (a PostgreSQL server, LibreOffice, Chromium) and does not find it calls
//! [`not_run`]: when the run requires the tool (`SHENGUAN_TEST_REQUIRE`, set by `scripts/test`)
//! the test fails, saying how to provide it; otherwise the skip is written to the ledger file
//! `SHENGUAN_TEST_SKIP_LOG` names, which `scripts/test` prints after the tests. Either way the
//! skip is also said on standard error, where the harness does not capture it, so a plain
//! `cargo test` (no variables) shows it too.

use std::io::Write;

/// A tool some tests need from outside the Rust toolchain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// A PostgreSQL server, named by `SHENGUAN_TEST_PG`.
    Postgres,
    /// LibreOffice (`soffice` or `libreoffice` on the PATH).
    LibreOffice,
    /// Chromium (`SHENGUAN_TEST_CHROMIUM`, `/usr/bin/chromium` or `chromium` on the PATH).
    Chromium,
    /// Apache Spark in local mode: a Python with PySpark (`SHENGUAN_TEST_PYSPARK`, or `python3`
    /// on the PATH when it has PySpark) and Java.
    Spark,
}

impl Tool {
    /// The name used in `SHENGUAN_TEST_REQUIRE` and in the ledger.
    pub fn key(self) -> &'static str {
        match self {
            Tool::Postgres => "postgres",
            Tool::LibreOffice => "libreoffice",
            Tool::Chromium => "chromium",
            Tool::Spark => "spark",
        }
    }

    /// How a person provides the tool.
    pub fn how_to_provide(self) -> &'static str {
        match self {
            Tool::Postgres => {
                "set SHENGUAN_TEST_PG=postgres://user:password@host/db, or run scripts/test, which starts a local server (scripts/test with SHENGUAN_TEST_SKIP=postgres runs without it)"
            }
            Tool::LibreOffice => {
                "install LibreOffice (Debian: libreoffice-writer-nogui libreoffice-calc-nogui), or run scripts/test, which installs it (scripts/test with SHENGUAN_TEST_SKIP=libreoffice runs without it)"
            }
            Tool::Chromium => {
                "install Chromium (Debian: chromium) or set SHENGUAN_TEST_CHROMIUM, or run scripts/test, which installs it (scripts/test with SHENGUAN_TEST_SKIP=chromium runs without it)"
            }
            Tool::Spark => {
                "set SHENGUAN_TEST_PYSPARK to a Python that has PySpark 4.1 (and Java 17 on the PATH), or run scripts/test, which installs both (scripts/test with SHENGUAN_TEST_SKIP=spark runs without it)"
            }
        }
    }
}

/// Whether this run must not skip tests that need `tool`.
pub fn required(tool: Tool) -> bool {
    std::env::var("SHENGUAN_TEST_REQUIRE")
        .map(|list| list_names(&list, tool.key()))
        .unwrap_or(false)
}

fn list_names(list: &str, key: &str) -> bool {
    list.split([',', ' '])
        .map(str::trim)
        .any(|item| item == key || item == "all")
}

/// The running test as the ledger names it: its binary and its name, as in
/// `conformance::the_store_story` (`cargo test --test conformance the_store_story` runs it again).
/// The test harness runs each test on a thread named after the test.
pub fn current_test() -> String {
    let binary = std::env::current_exe()
        .ok()
        .and_then(|path| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .map(|stem| without_build_hash(&stem).to_string())
        .unwrap_or_else(|| "an unknown test binary".to_string());
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a thread the harness did not name");
    format!("{binary}::{test}")
}

/// `conformance` from `conformance-0123456789abcdef`: Cargo ends a test binary's name with a
/// hash of its build.
fn without_build_hash(stem: &str) -> &str {
    match stem.rsplit_once('-') {
        Some((name, hash)) if hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()) => {
            name
        }
        _ => stem,
    }
}

/// Records that `test` did not run the part that needs `tool` because `why`; fails the test
/// instead when the run requires the tool.
pub fn not_run(tool: Tool, test: &str, why: &str) {
    let ledger = std::env::var_os("SHENGUAN_TEST_SKIP_LOG").map(std::path::PathBuf::from);
    // Straight to the process's standard error, past the harness's capture of `eprint!`.
    let mut said = std::io::stderr();
    record(
        tool,
        test,
        why,
        required(tool),
        ledger.as_deref(),
        &mut said,
    );
}

/// [`not_run`] with the run's settings given: whether the tool is required, the ledger, and
/// where the skip is said.
fn record(
    tool: Tool,
    test: &str,
    why: &str,
    required: bool,
    ledger: Option<&std::path::Path>,
    said: &mut dyn Write,
) {
    assert!(
        !required,
        "{test}: needs {} but {why}; {}",
        tool.key(),
        tool.how_to_provide()
    );
    let line = format!("{}\t{test}\t{why}\n", tool.key());
    let _ = said.write_all(format!("not run: {line}").as_bytes());
    if let Some(path) = ledger {
        // Lines are short and appended whole; concurrent tests do not interleave within a line.
        // A ledger that cannot be written would make the skip a silent one: that fails.
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut file| file.write_all(line.as_bytes()))
            .unwrap_or_else(|e| {
                panic!(
                    "{test}: cannot write the skip ledger {}: {e}",
                    path.display()
                )
            });
    }
}

#[cfg(test)]
mod tests {
    use super::{Tool, current_test, list_names, record, without_build_hash};
    use crate::dir::TempDir;

    #[test]
    fn the_require_list_names_tools_by_key() {
        assert!(list_names("postgres,libreoffice", "libreoffice"));
        assert!(list_names("postgres libreoffice", "postgres"));
        assert!(list_names("all", "chromium"));
        assert!(!list_names("postgres", "chromium"));
        assert!(!list_names("", "postgres"));
        assert!(!list_names("postgresql", "postgres"));
    }

    #[test]
    fn a_test_is_named_by_its_binary_and_its_name() {
        assert_eq!(
            without_build_hash("conformance-0123456789abcdef"),
            "conformance"
        );
        assert_eq!(
            without_build_hash("import_export-fedcba9876543210"),
            "import_export"
        );
        // Not a build hash: kept whole.
        assert_eq!(without_build_hash("read-write"), "read-write");
        assert_eq!(
            without_build_hash("cli-0123456789abcdeg"),
            "cli-0123456789abcdeg"
        );
        assert_eq!(
            current_test(),
            "shenguan_testkit::skip::tests::a_test_is_named_by_its_binary_and_its_name"
        );
    }

    #[test]
    fn a_skip_is_a_line_in_the_ledger() {
        let dir = TempDir::new("ledger");
        let ledger = dir.join("not-run.txt");
        let mut said = Vec::new();
        record(
            Tool::Postgres,
            "conformance::story",
            "no server",
            false,
            Some(&ledger),
            &mut said,
        );
        record(
            Tool::LibreOffice,
            "report::pdf",
            "not installed",
            false,
            Some(&ledger),
            &mut said,
        );
        let text = std::fs::read_to_string(&ledger).expect("the ledger");
        assert_eq!(
            text,
            "postgres\tconformance::story\tno server\nlibreoffice\treport::pdf\tnot installed\n"
        );
        // Without a ledger (a plain `cargo test`) the skip is only said.
        record(
            Tool::Chromium,
            "browser::pages",
            "not installed",
            false,
            None,
            &mut said,
        );
        assert_eq!(
            String::from_utf8(said).expect("text"),
            "not run: postgres\tconformance::story\tno server\n\
             not run: libreoffice\treport::pdf\tnot installed\n\
             not run: chromium\tbrowser::pages\tnot installed\n"
        );
        assert_eq!(
            std::fs::read_to_string(&ledger).expect("the ledger"),
            text,
            "nothing more in the ledger"
        );
    }

    #[test]
    #[should_panic(
        expected = "conformance::story: needs postgres but no server; set SHENGUAN_TEST_PG"
    )]
    fn a_required_tool_that_is_missing_fails_the_test() {
        record(
            Tool::Postgres,
            "conformance::story",
            "no server",
            true,
            None,
            &mut Vec::new(),
        );
    }

    #[test]
    #[should_panic(expected = "cannot write the skip ledger")]
    fn a_ledger_that_cannot_be_written_fails_the_test() {
        let dir = TempDir::new("ledger");
        // A folder where the file should be.
        let ledger = dir.join("taken");
        std::fs::create_dir(&ledger).expect("a folder");
        record(
            Tool::Postgres,
            "conformance::story",
            "no server",
            false,
            Some(&ledger),
            &mut Vec::new(),
        );
    }
}
