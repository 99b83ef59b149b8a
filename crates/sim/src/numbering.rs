//! Case numbers and the output order. A court numbers each type's cases of a year in filing
//! order (`（2024）湘1402民初1号`, `2号`, …); the model's cases are put in that order — year, court,
//! type (in the standard's order), serial — by one sort of small fixed-width keys, then moved into
//! place without a second copy, with every case's link to its origin following it.

use chrono::Datelike;

use crate::facts::CaseFacts;

/// Numbers `cases` and reorders them by case number; origins are repointed to the new
/// positions.
pub(crate) fn number(cases: &mut [CaseFacts]) {
    // Year, court, type, filing day and identity: a case's place, packed in 128 bits.
    let mut keys: Vec<(u128, u32)> = cases
        .iter()
        .enumerate()
        .map(|(index, case)| {
            let year = case.filed_on.year().clamp(0, 0xFFFF) as u128;
            let day = case.filed_on.num_days_from_ce().max(0) as u128;
            let key = year << 112
                | u128::from(case.court) << 104
                | u128::from(case.type_id) << 88
                | day << 64
                | u128::from(case.id);
            (key, index as u32)
        })
        .collect();
    keys.sort_unstable();
    // `position[old]`: where the case now at `old` goes.
    let mut position = vec![0u32; cases.len()];
    for (new, (_, old)) in keys.iter().enumerate() {
        position[*old as usize] = new as u32;
    }
    drop(keys);
    for case in cases.iter_mut() {
        case.origin = case.origin.map(|old| position[old as usize]);
        if case.kin != crate::facts::NO_KIN {
            case.kin = position[case.kin as usize];
        }
    }
    // Follow each cycle of the permutation: every swap puts one case where it belongs.
    for index in 0..cases.len() {
        while position[index] as usize != index {
            let target = position[index] as usize;
            cases.swap(index, target);
            position.swap(index, target);
        }
    }
    let mut serial = 0;
    let mut group = None;
    for case in cases.iter_mut() {
        let this = (case.filed_on.year(), case.court, case.type_id);
        if group != Some(this) {
            group = Some(this);
            serial = 0;
        }
        serial += 1;
        case.serial = serial;
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use shenguan_domain::CaseType;

    use super::*;

    fn case(id: u64, court: u8, code: &str, filed: (i32, u32, u32)) -> CaseFacts {
        let day = NaiveDate::from_ymd_opt(filed.0, filed.1, filed.2).expect("date");
        CaseFacts::filed(
            id,
            CaseType::lookup(code).expect("type"),
            CaseType::id_of(code).expect("type"),
            court,
            court,
            day,
        )
    }

    #[test]
    fn serials_run_per_year_court_and_type_in_filing_order_and_origins_follow() {
        let mut cases = vec![
            case(9, 1, "民初", (2024, 3, 1)),
            case(5, 1, "民初", (2024, 1, 2)),
            case(7, 0, "民终", (2024, 5, 1)),
            case(3, 1, "民初", (2023, 12, 30)),
            case(4, 1, "民初", (2024, 1, 2)),
            case(8, 2, "民初", (2024, 1, 1)),
        ];
        // The appeal continues the case filed on 1 March.
        cases[2].origin = Some(0);
        number(&mut cases);
        let seen: Vec<(u64, u32)> = cases.iter().map(|c| (c.id, c.serial)).collect();
        assert_eq!(seen, [(3, 1), (7, 1), (4, 1), (5, 2), (9, 3), (8, 1)]);
        let appeal = &cases[1];
        assert_eq!(
            appeal.origin.map(|o| cases[o as usize].id),
            Some(9),
            "{cases:#?}"
        );
    }
}
