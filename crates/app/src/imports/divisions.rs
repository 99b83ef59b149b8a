//! Divisions named by code: a case (or a person of the staff list) whose division is the code of
//! one of its court's divisions — in the store's list or this import's — is given the division's
//! name, so that pages, tables and exports show names, never codes.

use std::collections::HashMap;

use shenguan_domain::{CourtCode, Division};
use shenguan_ingest::validate::Validation;

/// Replaces division codes by names in the valid case and staff rows; returns how many were.
pub(super) fn name_codes(validation: &mut Validation, stored: Vec<Division>) -> usize {
    let mut names: HashMap<(CourtCode, String), String> = stored
        .into_iter()
        .map(|d| ((d.court, d.code), d.name))
        .collect();
    for located in &validation.divisions {
        let d = &located.record;
        names.insert((d.court, d.code.clone()), d.name.clone());
    }
    if names.is_empty() {
        return 0;
    }
    let mut named = 0;
    let mut rename = |court: CourtCode, division: &mut Option<String>| {
        if let Some(name) = division
            .as_ref()
            .and_then(|code| names.get(&(court, code.trim().to_string())))
        {
            *division = Some(name.clone());
            named += 1;
        }
    };
    for located in &mut validation.cases {
        let record = &mut located.record;
        rename(record.court, &mut record.division);
    }
    for located in &mut validation.staff {
        let person = &mut located.record;
        rename(person.court, &mut person.division);
    }
    named
}
