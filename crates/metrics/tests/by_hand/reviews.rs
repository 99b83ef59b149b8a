//! The case-quality reviews of the hand-worked table's cases (`table.rs`): what each review
//! decided, as the store's reviews hand it to the engine, each on or beside the edge of a counting
//! rule of the 案件评查 family. Days from selection to decision are given in brackets.

use chrono::NaiveDate;

fn date(text: &str) -> NaiveDate {
    text.parse()
        .unwrap_or_else(|e| panic!("{text}: not a date ({e})"))
}

/// The reviews, by case number.
pub fn reviews() -> Vec<(&'static str, shenguan_metrics::ReviewMark)> {
    let mark = |selected: &str, decided: &str, key: bool, problem: bool, error: bool| {
        shenguan_metrics::ReviewMark {
            selected: date(selected),
            decided: date(decided),
            key,
            problem,
            error,
        }
    };
    vec![
        // 1402民初102, reversed by 14民终2: a problem and an error case (45 days).
        (
            "（2024）湘1402民初102号",
            mark("2025-04-01", "2025-05-16", true, true, true),
        ),
        // 1402刑初101, reversed by 14刑终1: a problem case (70 days).
        (
            "（2024）湘1402刑初101号",
            mark("2025-07-01", "2025-09-09", true, true, false),
        ),
        // 1402民初105, reversed at the end of 2024, selected then, decided in 2025: nothing
        // found (50 days).
        (
            "（2024）湘1402民初105号",
            mark("2024-12-20", "2025-02-08", true, false, false),
        ),
        // 14民终2, a routine sample: a problem case (20 days).
        (
            "（2025）湘14民终2号",
            mark("2025-06-01", "2025-06-21", false, true, false),
        ),
        // 14民终101, decided in 2024: the year before's only review.
        (
            "（2024）湘14民终101号",
            mark("2024-11-01", "2024-11-30", false, false, false),
        ),
        // 14刑终1, reviewed twice: the first decision counts (nothing found, 22 days), not the
        // later one that found an error.
        (
            "（2025）湘14刑终1号",
            mark("2025-09-09", "2025-10-01", false, false, false),
        ),
        (
            "（2025）湘14刑终1号",
            mark("2025-10-02", "2025-11-01", true, true, true),
        ),
        // 1402民初601, decided in 2026: outside the year.
        (
            "（2026）湘1402民初601号",
            mark("2026-01-01", "2026-02-01", false, true, false),
        ),
        // A case the data does not hold: not counted anywhere.
        (
            "（2025）湘1402民初999号",
            mark("2025-01-01", "2025-02-01", true, true, true),
        ),
    ]
}
