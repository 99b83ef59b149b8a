//! The ways writing a document can fail. The model itself is always writable; what fails is
//! the packaging underneath.

/// An error while producing a DOCX or XLSX file.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("无法打包 DOCX 文件; cannot pack the DOCX file: {0}")]
    DocxZip(#[from] zip::result::ZipError),
    #[error("无法写入 DOCX 文件; cannot write the DOCX file: {0}")]
    DocxIo(#[from] std::io::Error),
    #[error("无法生成 XLSX 文件; cannot build the XLSX file: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}
