//! The outside programs some tests drive, found one way for every test binary: LibreOffice (to
//! open the reports as an office suite would, converting them to PDF), Chromium (to render
//! the pages) and PySpark (to run the portable indicator SQL on Apache Spark). A test that finds none records it in the skip ledger, or fails when the run
//! requires the tool.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::dir::TempDir;
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

/// Converts `files` to PDF with the LibreOffice at `office` (from [`libreoffice`]) and returns
/// the PDFs, `out/<stem>.pdf` for each file in order. LibreOffice runs headless with a profile
/// of its own, so neither a LibreOffice the user has open nor a lock left by an earlier run can
/// stop it. Panics when LibreOffice fails or a file gives no PDF: LibreOffice reports a file it
/// could not open on its output and still exits 0, so each PDF is looked for.
pub fn convert_to_pdf(office: &Path, files: &[&Path], out: &Path) -> Vec<PathBuf> {
    // No file gives no PDF and nothing to check: a test converting nothing would pass unseen.
    assert!(!files.is_empty(), "no file to convert to PDF");
    let pdfs: Vec<PathBuf> = files
        .iter()
        .map(|file| {
            let stem = file
                .file_stem()
                .unwrap_or_else(|| panic!("{} has no file name", file.display()));
            out.join(format!("{}.pdf", stem.to_string_lossy()))
        })
        .collect();
    let distinct: BTreeSet<&PathBuf> = pdfs.iter().collect();
    assert_eq!(
        distinct.len(),
        pdfs.len(),
        "two files would be converted to the same PDF: {files:?}"
    );
    // A PDF left from an earlier conversion must not pass for this one.
    for pdf in &pdfs {
        let _ = std::fs::remove_file(pdf);
    }
    let profile = TempDir::new("libreoffice-profile");
    let output = Command::new(office)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out)
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("{} does not start: {e}", office.display()));
    let said = format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "LibreOffice failed: {said}");
    for pdf in &pdfs {
        let bytes = std::fs::read(pdf)
            .unwrap_or_else(|e| panic!("LibreOffice wrote no {}: {e}\n{said}", pdf.display()));
        assert!(
            bytes.starts_with(b"%PDF"),
            "{} is not a PDF ({} bytes)",
            pdf.display(),
            bytes.len()
        );
    }
    pdfs
}

/// Chromium from `SHENGUAN_TEST_CHROMIUM`, else `/usr/bin/chromium`, else `chromium` on the PATH;
/// or `None` after recording that `test` did not run. A `SHENGUAN_TEST_CHROMIUM` that names no
/// file is a failure, never a skip; an empty one is not set, as for `scripts/test`.
pub fn chromium(test: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SHENGUAN_TEST_CHROMIUM").filter(|p| !p.is_empty()) {
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

/// A Python with PySpark: `SHENGUAN_TEST_PYSPARK`, else `python3` on the PATH when it imports
/// PySpark; or `None` after recording that `test` did not run. A `SHENGUAN_TEST_PYSPARK` that
/// names no file is a failure, never a skip; an empty one is not set, as for `scripts/test`.
pub fn pyspark(test: &str) -> Option<PathBuf> {
    let found = match std::env::var_os("SHENGUAN_TEST_PYSPARK").filter(|p| !p.is_empty()) {
        Some(path) => {
            let path = PathBuf::from(path);
            assert!(
                path.is_file(),
                "SHENGUAN_TEST_PYSPARK={} is not a file",
                path.display()
            );
            path
        }
        None => {
            let python = on_path(&["python3"]).filter(|python| {
                Command::new(python)
                    .args(["-c", "import pyspark"])
                    .output()
                    .is_ok_and(|o| o.status.success())
            });
            let Some(python) = python else {
                not_run(Tool::Spark, test, "no Python with PySpark was found");
                return None;
            };
            python
        }
    };
    // Spark runs on Java: without it the test could only fail.
    let java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !java {
        not_run(Tool::Spark, test, "PySpark is there but Java is not");
        return None;
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{convert_to_pdf, libreoffice};
    use crate::dir::TempDir;
    use crate::skip::current_test;

    #[test]
    fn libreoffice_turns_each_file_into_its_own_pdf() {
        let Some(office) = libreoffice(&current_test()) else {
            return;
        };
        let dir = TempDir::new("convert");
        let first = dir.write("note.v2.txt", "第一份");
        let second = dir.write("other.csv", "a,b\n1,2\n");
        // A stale PDF of the same name is replaced, not taken for the result.
        dir.write("other.pdf", "stale");
        let pdfs = convert_to_pdf(&office, &[&first, &second], dir.path());
        assert_eq!(pdfs, [dir.join("note.v2.pdf"), dir.join("other.pdf")]);
    }

    #[test]
    #[should_panic(expected = "no file to convert")]
    fn converting_nothing_is_refused_before_libreoffice_runs() {
        convert_to_pdf(
            Path::new("/nonexistent/soffice"),
            &[],
            Path::new("/nonexistent"),
        );
    }

    #[test]
    #[should_panic(expected = "the same PDF")]
    fn two_files_with_one_stem_are_refused_before_libreoffice_runs() {
        // No LibreOffice is needed: the check comes first.
        convert_to_pdf(
            Path::new("/nonexistent/soffice"),
            &[Path::new("a/report.docx"), Path::new("b/report.xlsx")],
            Path::new("/nonexistent"),
        );
    }
}
