//! Use case: read case numbers, with today's year as the latest possible receipt year.

use chrono::Datelike;
use shenguan_domain::{CaseNumber, CaseNumberError};

use crate::App;

impl App {
    /// Parses a case number as of today.
    pub fn parse_case_number(&self, text: &str) -> Result<CaseNumber, CaseNumberError> {
        CaseNumber::parse(text, self.today().year())
    }
}
