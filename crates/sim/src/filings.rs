//! Original filings, day by day: a Poisson draw per court, case type and day whose mean follows the
//! court's size, the type's share, the weekly rhythm (almost none on rest days; make-up working
//! days count as working days), the Spring Festival dip, the month of the year (a January catch-up,
//! the year-end slowdown of December) and year-on-year growth.

use chrono::{Datelike, NaiveDate, Weekday};
use shenguan_domain::{DayStatus, Knowledge};

use crate::Context;
use crate::facts::CaseFacts;
use crate::rng::Rng;

/// Original filings a year of a basic court of weight 1 at scale 1, by type code.
const BASIC_MIX: &[(&str, f64)] = &[
    ("民初", 5_800.0),
    ("执", 2_600.0),
    ("刑初", 700.0),
    ("民特", 650.0),
    ("执保", 450.0),
    ("财保", 250.0),
    ("执异", 90.0),
    ("行初", 40.0),
];

/// Original filings a year of the intermediate court at scale 1 (appeals come from the chains).
const INTERMEDIATE_MIX: &[(&str, f64)] = &[
    ("民初", 900.0),
    ("刑初", 120.0),
    ("行初", 350.0),
    ("执", 300.0),
    ("财保", 80.0),
];

/// The most filings of one type one court takes in one day (the width of the position in a
/// case's identity); far above any real court's day.
const MAX_PER_DAY: u32 = (1 << 20) - 1;

/// Working days in a year, to turn a yearly volume into a daily mean.
const WORKING_DAYS: f64 = 250.0;

/// The month factor: January catches up, February loses the holiday, December slows down (the
/// year-end pressure on closing rates).
const MONTH: [f64; 12] = [
    1.12, 0.92, 1.12, 1.04, 1.0, 1.02, 0.98, 0.96, 1.0, 0.98, 1.02, 0.80,
];

/// Original filings expected over `years` at scale 1 with yearly `growth`, before the calendar's
/// factors (which average close to one): used to choose a scale for a wanted number of cases.
pub(crate) fn expected_at_unit_scale(courts: &[crate::SimCourt], years: f64, growth: f64) -> f64 {
    let per_year = |mix: &[(&str, f64)]| mix.iter().map(|(_, v)| v).sum::<f64>();
    let basic: f64 = courts.iter().skip(1).map(|c| c.weight).sum::<f64>() * per_year(BASIC_MIX);
    let yearly = basic + per_year(INTERMEDIATE_MIX);
    let whole = years.floor() as i32;
    let grown: f64 = (0..whole).map(|y| growth.powi(y)).sum::<f64>()
        + (years - f64::from(whole)) * growth.powi(whole);
    yearly * grown
}

/// Builds every original filing of the span.
pub(crate) fn original_filings(ctx: &Context<'_>) -> Vec<CaseFacts> {
    // The calendar's part of each day's intensity is the same for every court: computed once.
    let days: Vec<(NaiveDate, f64)> = ctx
        .params
        .from
        .iter_days()
        .take_while(|day| *day <= ctx.params.to)
        .map(|day| (day, day_factor(ctx, day)))
        .collect();
    let mut cases = Vec::new();
    for (court_index, court) in ctx.courts.iter().enumerate() {
        let mix = if court_index == 0 {
            INTERMEDIATE_MIX
        } else {
            BASIC_MIX
        };
        for (day_number, &(day, factor)) in days.iter().enumerate() {
            let day_number = day_number as u64;
            for (type_index, (type_code, yearly)) in mix.iter().enumerate() {
                let (Some(case_type), Some(type_id)) = (
                    shenguan_domain::CaseType::lookup(type_code),
                    shenguan_domain::CaseType::id_of(type_code),
                ) else {
                    continue;
                };
                // Court (10 bits), type (8), day (24) and the filing's position that day (20)
                // make the case's identity and the key of its random stream.
                let key = (court_index as u64) << 52 | (type_index as u64) << 44 | day_number << 20;
                let mut rng = Rng::new(ctx.params.seed, key);
                let mean = yearly * court.weight * ctx.params.scale * factor / WORKING_DAYS;
                let court = court_index as u8;
                for k in 0..rng.poisson(mean).min(MAX_PER_DAY) {
                    let id = key | 1 << 63 | u64::from(k);
                    cases.push(CaseFacts::filed(id, case_type, type_id, court, court, day));
                }
            }
        }
    }
    cases
}

/// The relative filing intensity of a day.
fn day_factor(ctx: &Context<'_>, day: NaiveDate) -> f64 {
    let rest = match ctx.calendar.status(day) {
        DayStatus::Working | DayStatus::MakeUpWorkday(_) => 1.0,
        // Online filing and duty judges bring a trickle on rest days.
        DayStatus::Holiday(_) | DayStatus::Weekend => 0.02,
    };
    let years = f64::from(day.year() - ctx.params.from.year());
    let growth = ctx.params.growth.powf(years);
    rest * MONTH[day.month0() as usize] * spring_festival(ctx, day) * growth
}

/// Fewer filings in the fortnight before the Spring Festival holiday (parties and courts settle
/// up) and the week after it.
fn spring_festival(ctx: &Context<'_>, day: NaiveDate) -> f64 {
    if ctx.calendar.knowledge(day) == Knowledge::Unknown {
        return 1.0;
    }
    let near = |offset: i64| {
        day.checked_add_signed(chrono::TimeDelta::days(offset))
            .is_some_and(
                |d| matches!(ctx.calendar.status(d), DayStatus::Holiday(h) if h.contains("春节")),
            )
    };
    if (1..=14).any(near) {
        0.8
    } else if (1..=7).any(|o| near(-o)) && day.weekday() != Weekday::Sun {
        0.85
    } else {
        1.0
    }
}
