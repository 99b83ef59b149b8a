//! The outside programs some tests drive, found one way for every test binary: LibreOffice (to
//! open the reports as an office suite would) and Chromium (to render the pages). A test that
//! finds none records it in the skip ledger, or fails when the run requires the tool.

use std::path::PathBuf;

use crate::skip::{Tool, not_run};

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// `soffice` or `libreoffice` on the PATH, or `None` after recording that `test` did not run.
pub fn libreoffice(test: &str) -> Option<PathBuf> {
    let found = on_path(&["soffice", "libreoffice"]);
    if found.is_none() {
        not_run(
            Tool::LibreOffice,
            test,
            "neither soffice nor libreoffice is on the PATH",
        );
    }
    found
}

/// Chromium from `SHENGUAN_TEST_CHROMIUM`, else `/usr/bin/chromium`, else `chromium` on the PATH;
/// or `None` after recording that `test` did not run. A `SHENGUAN_TEST_CHROMIUM` that names no
/// file is a failure, never a skip.
pub fn chromium(test: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SHENGUAN_TEST_CHROMIUM") {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "SHENGUAN_TEST_CHROMIUM={} is not a file",
            path.display()
        );
        return Some(path);
    }
    let found = Some(PathBuf::from("/usr/bin/chromium"))
        .filter(|p| p.is_file())
        .or_else(|| on_path(&["chromium"]));
    if found.is_none() {
        not_run(Tool::Chromium, test, "no Chromium was found");
    }
    found
}
