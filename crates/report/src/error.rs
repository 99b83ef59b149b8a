//! The ways writing a document can fail. The model itself is always writable; what fails is
//! the packaging underneath.

/// An error while producing a DOCX or XLSX file. This crate knows nothing of languages: its
/// `Display` is the failure underneath as its library wrote it, and [`ReportError::what`] says
/// which step failed, for the caller to put in the reader's language.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0}")]
    DocxZip(#[from] zip::result::ZipError),
    #[error("{0}")]
    DocxIo(#[from] std::io::Error),
    #[error("{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// Which step of writing a document failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Packing the parts of a DOCX file into its zip.
    PackDocx,
    /// Writing a DOCX file's bytes.
    WriteDocx,
    /// Building an XLSX workbook.
    BuildXlsx,
}

impl ReportError {
    pub fn what(&self) -> Step {
        match self {
            ReportError::DocxZip(_) => Step::PackDocx,
            ReportError::DocxIo(_) => Step::WriteDocx,
            ReportError::Xlsx(_) => Step::BuildXlsx,
        }
    }
}
