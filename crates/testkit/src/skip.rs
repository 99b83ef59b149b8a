//! The ledger of what a run did not test. A test that needs a tool from outside the Rust
//! toolchain (a PostgreSQL server, LibreOffice, Chromium) and does not find it calls
//! [`not_run`]: when the run requires the tool (`SHENGUAN_TEST_REQUIRE`, set by `scripts/test`)
//! the test fails, saying how to provide it; otherwise the skip is written to the ledger file
//! `SHENGUAN_TEST_SKIP_LOG` names, which `scripts/test` prints at the end, outside the output the
//! test harness captures. `cargo test` on its own (no variables) skips and says so on standard
//! error.

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
}

impl Tool {
    /// The name used in `SHENGUAN_TEST_REQUIRE` and in the ledger.
    pub fn key(self) -> &'static str {
        match self {
            Tool::Postgres => "postgres",
            Tool::LibreOffice => "libreoffice",
            Tool::Chromium => "chromium",
        }
    }

    /// How a person provides the tool.
    pub fn how_to_provide(self) -> &'static str {
        match self {
            Tool::Postgres => {
                "set SHENGUAN_TEST_PG=postgres://user:password@host/db, or run scripts/test, which starts a local server"
            }
            Tool::LibreOffice => {
                "install LibreOffice (Debian: libreoffice-writer-nogui libreoffice-calc-nogui), or run scripts/test, which installs it"
            }
            Tool::Chromium => {
                "install Chromium (Debian: chromium) or set SHENGUAN_TEST_CHROMIUM, or run scripts/test, which installs it"
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

/// Records that `test` did not run the part that needs `tool` because `why`; fails the test
/// instead when the run requires the tool.
pub fn not_run(tool: Tool, test: &str, why: &str) {
    assert!(
        !required(tool),
        "{test}: needs {} but {why}; {}",
        tool.key(),
        tool.how_to_provide()
    );
    let line = format!("{}\t{test}\t{why}\n", tool.key());
    eprint!("not run: {line}");
    if let Some(path) = std::env::var_os("SHENGUAN_TEST_SKIP_LOG") {
        // Lines are short and appended whole; concurrent tests do not interleave within a line.
        if let Ok(mut file) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
        {
            let _ = file.write_all(line.as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::list_names;

    #[test]
    fn the_require_list_names_tools_by_key() {
        assert!(list_names("postgres,libreoffice", "libreoffice"));
        assert!(list_names("postgres libreoffice", "postgres"));
        assert!(list_names("all", "chromium"));
        assert!(!list_names("postgres", "chromium"));
        assert!(!list_names("", "postgres"));
        assert!(!list_names("postgresql", "postgres"));
    }
}
