//! Use case: the deadline of a case from its filing date, type, procedure, extensions and
//! excluded days, under the deployment's calendar, time-limit table and settings.

use chrono::NaiveDate;
use shenguan_domain::{
    CaseType, Deadline, DeadlineOptions, DeadlineRequest, Exclusion, Period, Procedure,
    compute_deadline,
};

use crate::{App, AppError, text};

/// What the user asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadlineQuery {
    pub filed_on: NaiveDate,
    /// A type code (`民初`) or a whole case number, whose type code is used.
    pub type_or_case_number: String,
    pub procedure: Option<Procedure>,
    pub extensions: Vec<Period>,
    pub excluded_days: u32,
    /// Overrides the configured rest-day rule for this query.
    pub roll_past_rest_days: Option<bool>,
}

impl App {
    pub fn deadline(&self, query: &DeadlineQuery) -> Result<Deadline, AppError> {
        let type_code = self.resolve_type_code(&query.type_or_case_number)?;
        let excluded: Vec<Exclusion> = (query.excluded_days > 0)
            .then(|| Exclusion::total(query.excluded_days))
            .into_iter()
            .collect();
        let request = DeadlineRequest {
            filed_on: query.filed_on,
            type_code,
            procedure: query.procedure,
            extensions: &query.extensions,
            exclusions: &excluded,
        };
        let options = DeadlineOptions {
            roll_past_rest_days: query
                .roll_past_rest_days
                .unwrap_or(self.config().roll_past_rest_days),
        };
        compute_deadline(&request, self.time_limits(), self.calendar(), options)
            .map_err(|e| AppError::Invalid(e.text()))
    }

    fn resolve_type_code(&self, text: &str) -> Result<&'static str, AppError> {
        let text = text.trim();
        if let Some(case_type) = CaseType::lookup(text) {
            return Ok(case_type.code);
        }
        match self.parse_case_number(text) {
            Ok(number) => number.case_type().map(|t| t.code).ok_or_else(|| {
                AppError::Invalid(text!(
                    "案号“{text}”的类型代字无法确定",
                    "the case type of “{text}” cannot be told"
                ))
            }),
            Err(_) => Err(AppError::Invalid(text!(
                "“{text}”既不是类型代字也不是案号",
                "“{text}” is neither a type code nor a case number"
            ))),
        }
    }
}
