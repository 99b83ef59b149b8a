//! A real office suite opens the files: LibreOffice converts the sample DOCX and XLSX to PDF
//! headless (`shenguan_testkit::tools`). Without LibreOffice the test is written in the skip
//! ledger, or fails when the run requires it.
//!
//! Set SHENGUAN_REPORT_OUT to a folder to keep the files and PDFs there for a look.

use std::fs;
use std::path::PathBuf;

use shenguan_report::{render_docx, render_html, render_xlsx};
use shenguan_testkit::skip::current_test;
use shenguan_testkit::{TempDir, tools};

use crate::sample::sample;

#[test]
fn libreoffice_converts_the_docx_and_xlsx_to_pdf() {
    let Some(office) = tools::libreoffice(&current_test()) else {
        return;
    };
    // A folder to keep when asked for, else a temporary one removed at the end.
    let scratch = TempDir::new("report-office");
    let folder = std::env::var_os("SHENGUAN_REPORT_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| scratch.path().to_path_buf());
    fs::create_dir_all(&folder).expect("an output folder");

    let document = sample();
    // Different stems: each file becomes <stem>.pdf.
    let docx = folder.join("bulletin.docx");
    let xlsx = folder.join("bulletin-tables.xlsx");
    fs::write(&docx, render_docx(&document).expect("docx")).expect("write docx");
    fs::write(&xlsx, render_xlsx(&document).expect("xlsx")).expect("write xlsx");
    fs::write(folder.join("bulletin.html"), render_html(&document)).expect("write html");

    for pdf in tools::convert_to_pdf(&office, &[&docx, &xlsx], &folder) {
        let size = fs::metadata(&pdf).expect("the PDF").len();
        // The sample's headings, tables and chart fill pages: well over a kilobyte.
        assert!(
            size > 1000,
            "{} has no content ({size} bytes)",
            pdf.display()
        );
    }
}
