//! The report writers' tests, one binary: the sample document written in each format and read
//! back, generated documents for robustness, and LibreOffice converting them to PDF.

mod docx;
mod html;
mod libreoffice;
mod robustness;
mod sample;
mod xlsx;
mod xml;
