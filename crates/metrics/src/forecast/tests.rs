//! The forecast's tests: expectations worked out by hand for a constant closing rate, the
//! certain crossings from dates, bands in order, seasons followed, the future unseen, and the
//! rates found again from cases drawn with a known rate.

use chrono::NaiveDate;
use shenguan_domain::{CaseType, CourtCode, Procedure};

use super::draws::Draws;
use super::filings::CourtFilings;
use super::hazard::Curves;
use super::simulate::{self, Court, Series};
use super::steps::steps;
use super::*;
use crate::cases::{CaseInput, CasesBuilder};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A case as the tests write it: court, filed, closed, deadline.
struct Case {
    court: &'static str,
    filed: NaiveDate,
    closed: Option<NaiveDate>,
    deadline: Option<NaiveDate>,
}

fn case(court: &'static str, filed: &str, closed: Option<&str>, deadline: Option<&str>) -> Case {
    Case {
        court,
        filed: date(filed),
        closed: closed.map(date),
        deadline: deadline.map(date),
    }
}

fn columns(list: &[Case]) -> Cases {
    let mut builder = CasesBuilder::new();
    for (i, one) in list.iter().enumerate() {
        let number = format!(
            "（{}）{}民初{}号",
            chrono::Datelike::year(&one.filed),
            one.court,
            i + 1
        );
        builder
            .push(&CaseInput {
                case_no: &number,
                court: CourtCode::parse(one.court).unwrap(),
                type_id: CaseType::id_of("民初"),
                procedure: Some(Procedure::Ordinary),
                division: None,
                judge: None,
                judge_id: None,
                filed_on: one.filed,
                closed_on: one.closed,
                deadline: one.deadline,
                closing_method: None,
                claim_fen: None,
                recovered_fen: None,
                extensions: 0,
                excluded_days: 0,
                origin_case_no: None,
            })
            .unwrap();
    }
    builder.finish()
}

/// A court's filings drawn day by day from `daily(month)` (a Poisson mean per day), each case
/// closing after an exponential time of mean `mean_days`, from `from` to `to`.
fn drawn(
    court: &'static str,
    from: &str,
    to: &str,
    daily: &dyn Fn(u32) -> f64,
    mean_days: f64,
    seed: u64,
) -> Vec<Case> {
    let (from, to) = (date(from), date(to));
    let mut draws = Draws::new(seed, 0);
    let mut all = Vec::new();
    let mut day = from;
    while day <= to {
        let n = draws.poisson(daily(chrono::Datelike::month(&day)));
        for _ in 0..n as u32 {
            let duration = (-mean_days * draws.uniform().ln()).floor() as i64;
            let closed = day + chrono::TimeDelta::days(duration);
            all.push(Case {
                court,
                filed: day,
                // What the data holds on its last day: later closings are not yet made.
                closed: (closed <= to).then_some(closed),
                deadline: Some(day + chrono::TimeDelta::days(180)),
            });
        }
        day = day.succ_opt().unwrap();
    }
    all
}

fn everyone(_: CourtCode) -> bool {
    true
}

fn no_filings() -> CourtFilings {
    CourtFilings {
        level: 0.0,
        growth: 1.0,
        lag: 0.0,
        profile: [1.0; 12],
        spread: [0.0; 6],
    }
}

#[test]
fn with_a_constant_rate_the_closings_and_breaches_are_those_worked_out_by_hand() {
    // 2,000 cases pending on 31 March 2026, half with a deadline on 15 April, half on 20 May.
    let mut list = Vec::new();
    for i in 0..2000 {
        let deadline = if i % 2 == 0 {
            "2026-04-15"
        } else {
            "2026-05-20"
        };
        list.push(case("湘1402", "2026-03-01", None, Some(deadline)));
    }
    let cases = columns(&list);
    let rate = 0.01;
    let curves = Curves::constant(&cases, rate);
    let pending: Vec<usize> = (0..cases.len()).collect();
    let filings = no_filings();
    let court = Court {
        index: 0,
        code: cases.courts()[0],
        pending: &pending,
        filings: &filings,
        shares: &[],
    };
    let today = date("2026-03-31");
    let ahead = steps(today, 3);
    // The simulated futures alone: the misses of past runs would move the figures worked out.
    let settings = Settings {
        months: 3,
        draws: 2000,
        calibration: 0,
        ..Settings::default()
    };
    let common = simulate::Common::draw(&settings, [0.0; 6], 0.0);
    let run = simulate::run(
        &cases,
        &curves,
        &court,
        day(today),
        &ahead,
        &settings,
        &common,
    );
    let mean = |series, k| {
        let values = run.futures.series(series, k);
        values.iter().sum::<f64>() / values.len() as f64
    };
    // April 30 days, May 31, June 30: a case survives a month of d days with e^(-0.01 d).
    let survive = |days: f64| (-rate * days).exp();
    let expected_closed = [
        2000.0 * (1.0 - survive(30.0)),
        2000.0 * survive(30.0) * (1.0 - survive(31.0)),
        2000.0 * survive(61.0) * (1.0 - survive(30.0)),
    ];
    for (k, expected) in expected_closed.iter().enumerate() {
        let got = mean(Series::Closed, k);
        assert!(
            (got - expected).abs() < 0.01 * expected,
            "month {k}: {got} against {expected}"
        );
        let pending = mean(Series::Pending, k);
        let closed_so_far: f64 = expected_closed[..=k].iter().sum();
        assert!(
            (pending - (2000.0 - closed_so_far)).abs() < 3.0,
            "month {k}: {pending}"
        );
    }
    // Breaches: 1,000 with 15 days to run, 1,000 with 50 (closing on the deadline day is in time).
    let breaches = [1000.0 * survive(15.0), 1000.0 * survive(50.0), 0.0];
    for (k, expected) in breaches.iter().enumerate() {
        let got = mean(Series::Breaches, k);
        assert!(
            (got - expected).abs() < 0.01 * expected.max(100.0),
            "month {k}: {got} against {expected}"
        );
    }
    assert_eq!((run.pending_now, run.overdue_now), (2000, 0));
}

#[test]
fn the_crossings_of_12_18_and_36_months_are_counted_from_the_dates() {
    let list = vec![
        // Passes 12 months in April: older than 12 months on 30 April (filed before 2025-04-30).
        case("湘1402", "2025-04-15", None, None),
        // Filed on 31 March 2025: not older on 31 March 2026, older on 30 April.
        case("湘1402", "2025-03-31", None, None),
        // Already older than 12 months today: no crossing of 12; passes 18 months in May
        // (older than 18 months on 31 May: filed before 2024-11-30).
        case("湘1402", "2024-11-29", None, None),
        // Passes 12 months in June (filed before 2025-06-30, not before 2025-05-31).
        case("湘1402", "2025-06-01", None, None),
        // Closed already: never counted.
        case("湘1402", "2025-04-10", Some("2026-01-05"), None),
        // Passes 36 months in April.
        case("湘1402", "2023-04-29", None, None),
        // Filed after today: not seen.
        case("湘1402", "2026-04-02", None, None),
    ];
    let cases = columns(&list);
    let made = forecast(
        &cases,
        date("2026-03-31"),
        &everyone,
        &Settings {
            months: 3,
            draws: 50,
            ..Settings::default()
        },
    );
    let reaching: Vec<[u64; 3]> = made
        .total
        .months
        .iter()
        .map(|m| m.crossing.map(|c| c.reaching))
        .collect();
    assert_eq!(reaching, vec![[2, 0, 1], [0, 1, 0], [1, 0, 0]]);
    assert_eq!(made.total.pending_now, 5);
    // The cases behind the counts, by month, the longest age first, then the oldest filing.
    let listed: Vec<(&str, u32, String)> = made
        .total
        .crossing_cases
        .iter()
        .map(|c| (c.case_no.as_str(), c.months, c.month_end.to_string()))
        .collect();
    assert_eq!(
        listed,
        vec![
            ("（2023）湘1402民初6号", 36, "2026-04-30".to_string()),
            ("（2025）湘1402民初2号", 12, "2026-04-30".to_string()),
            ("（2025）湘1402民初1号", 12, "2026-04-30".to_string()),
            ("（2024）湘1402民初3号", 18, "2026-05-31".to_string()),
            ("（2025）湘1402民初4号", 12, "2026-06-30".to_string()),
        ]
    );
    assert_eq!(made.courts[0].crossing_cases, made.total.crossing_cases);
    assert!(
        made.total
            .crossing_cases
            .iter()
            .all(|c| (0.0..=1.0).contains(&c.still_pending))
    );
    for month in &made.total.months {
        for crossing in month.crossing {
            assert!(crossing.expected_pending <= crossing.reaching as f64);
            assert!(crossing.expected_pending >= 0.0);
        }
    }
}

#[test]
fn bands_are_in_order_and_a_seed_gives_the_same_forecast() {
    let mut list = drawn("湘1402", "2023-01-01", "2026-03-31", &|_| 20.0, 70.0, 1);
    list.extend(drawn(
        "湘1403",
        "2023-01-01",
        "2026-03-31",
        &|_| 8.0,
        120.0,
        2,
    ));
    let cases = columns(&list);
    let settings = Settings {
        draws: 300,
        ..Settings::default()
    };
    let made = forecast(&cases, date("2026-03-31"), &everyone, &settings);
    assert_eq!(made.courts.len(), 2);
    for outlook in made.courts.iter().chain([&made.total]) {
        assert_eq!(outlook.months.len(), 6);
        for month in &outlook.months {
            for band in [month.new, month.closed, month.pending, month.breaches] {
                assert!(
                    band.low <= band.median && band.median <= band.high,
                    "{band:?}"
                );
                assert!(band.low >= 0.0);
            }
            assert!(
                month.pending.high > month.pending.low,
                "a band, not a point"
            );
        }
    }
    assert_eq!(
        made,
        forecast(&cases, date("2026-03-31"), &everyone, &settings)
    );
    let other = forecast(
        &cases,
        date("2026-03-31"),
        &everyone,
        &Settings {
            seed: 99,
            ..settings
        },
    );
    assert_ne!(made.total.months[0].new, other.total.months[0].new);
    // In the simulated futures the total is the courts' sum in every future, so its mean is
    // the sum of theirs.
    let simulated = forecast(
        &cases,
        date("2026-03-31"),
        &everyone,
        &Settings {
            calibration: 0,
            ..settings
        },
    );
    let sum: f64 = simulated
        .courts
        .iter()
        .map(|c| c.months[5].pending.mean)
        .sum();
    assert!((simulated.total.months[5].pending.mean - sum).abs() < 1e-6 * sum);
    // Calibrated, the total is moved by its own past misses, which on steady courts are small:
    // its middle stays near the sum of the courts' middles.
    let sum: f64 = made.courts.iter().map(|c| c.months[5].pending.median).sum();
    let total = made.total.months[5].pending.median;
    assert!((total - sum).abs() < 0.05 * sum, "{total} against {sum}");
}

#[test]
fn the_forecast_follows_the_season_of_filings() {
    // Three busy months (March, June, December at three times the rest).
    let busy = |month: u32| {
        if [3, 6, 12].contains(&month) {
            30.0
        } else {
            10.0
        }
    };
    let cases = columns(&drawn("湘1402", "2022-01-01", "2026-04-30", &busy, 60.0, 3));
    let made = forecast(&cases, date("2026-04-30"), &everyone, &Settings::default());
    let new: Vec<f64> = made.total.months.iter().map(|m| m.new.median).collect();
    // May to October: June is the busy one.
    let days = [31.0, 30.0, 31.0, 31.0, 30.0, 31.0];
    for (k, median) in new.iter().enumerate() {
        let expected = busy(if k == 1 { 6 } else { 5 }) * days[k];
        assert!(
            (median - expected).abs() < 0.15 * expected,
            "month {}: {median} against {expected}",
            k + 1
        );
    }
    assert!(new[1] > 2.0 * new[0] && new[1] > 2.0 * new[2]);
}

#[test]
fn nothing_after_today_is_seen() {
    let mut list = drawn("湘1402", "2024-01-01", "2026-03-31", &|_| 15.0, 90.0, 4);
    let today = date("2025-06-30");
    let settings = Settings {
        draws: 200,
        ..Settings::default()
    };
    let before = forecast(&columns(&list), today, &everyone, &settings);
    // Later filings, and later closings of cases pending today, change nothing.
    list.extend(drawn(
        "湘1402",
        "2025-07-01",
        "2025-09-30",
        &|_| 50.0,
        10.0,
        5,
    ));
    for one in &mut list {
        if one.filed <= today && one.closed.is_some_and(|c| c > today) {
            one.closed = Some(today + chrono::TimeDelta::days(1));
        }
    }
    assert_eq!(
        before,
        forecast(&columns(&list), today, &everyone, &settings)
    );
}

#[test]
fn a_known_rate_is_found_again_from_cases_drawn_with_it() {
    let cases = columns(&drawn(
        "湘1402",
        "2023-01-01",
        "2026-03-31",
        &|_| 30.0,
        100.0,
        6,
    ));
    let curves = Curves::estimate(&cases, day(date("2026-03-31")), 24);
    let rate = 1.0 / 100.0;
    // Each month's factor is read from two months of closings (a few percent of chance each);
    // over the year the rate at each age is the one drawn (ages with thousands of closings).
    // The drawn cases have their limit 180 days after filing: the curve is read by days left.
    for left in [150, 100, 70] {
        let position = super::hazard::clock(0, 180, 180 - left);
        let by_month: Vec<f64> = (1..=12)
            .map(|month| curves.daily(0, 0, position, month))
            .collect();
        let year = by_month.iter().sum::<f64>() / 12.0;
        assert!(
            (year - rate).abs() < 0.05 * rate,
            "{left} days left: {year}"
        );
        for (month, found) in by_month.iter().enumerate() {
            assert!(
                (found - rate).abs() < 0.12 * rate,
                "{left} days left, month {}: {found}",
                month + 1
            );
        }
    }
    // Drawn without a season or month-to-month shifts: little spread beyond chance.
    assert!(curves.spread(0) < 0.05, "{}", curves.spread(0));
}

#[test]
fn the_backtest_scores_honest_bands_near_eighty_percent() {
    let cases = columns(&drawn(
        "湘1402",
        "2022-01-01",
        "2026-03-31",
        &|_| 20.0,
        80.0,
        7,
    ));
    let end = backtest::data_end(&cases).unwrap();
    let origins = backtest::origins(end, 6, 6);
    assert_eq!(origins.first(), Some(&date("2025-04-30")));
    assert_eq!(origins.last(), Some(&date("2025-09-30")));
    let scored = backtest::backtest(
        &cases,
        &everyone,
        &origins,
        &Settings {
            draws: 200,
            ..Settings::default()
        },
    );
    for figure in [0, 1] {
        let coverage: f64 = (0..6)
            .map(|h| scored.courts[figure][h].covered as f64)
            .sum::<f64>()
            / 36.0;
        assert!(
            (0.6..=1.0).contains(&coverage),
            "figure {figure}: {coverage}"
        );
    }
    // On a steady court the model's middle misses less than last year's same month.
    let new: backtest::Score =
        scored.courts[0]
            .iter()
            .fold(backtest::Score::default(), |mut acc, s| {
                acc.error += s.error;
                acc.naive_error += s.naive_error;
                acc
            });
    assert!(new.relative().unwrap() < 1.0, "{:?}", new.relative());
}

#[test]
fn the_steps_are_whole_months_after_a_month_end_and_the_rest_of_the_month_else() {
    let ahead = steps(date("2026-12-07"), 2);
    assert_eq!(ahead[0].first, day(date("2026-12-08")));
    assert_eq!(ahead[0].last_date, date("2026-12-31"));
    assert!((ahead[0].share - 24.0 / 31.0).abs() < 1e-12);
    assert_eq!(ahead[1].last_date, date("2027-01-31"));
    let ahead = steps(date("2026-02-28"), 1);
    assert_eq!(
        (ahead[0].first, ahead[0].last_date),
        (day(date("2026-03-01")), date("2026-03-31"))
    );
    assert_eq!(ahead[0].share, 1.0);
}

#[test]
fn a_band_is_taken_from_the_draws_by_rank() {
    let mut values: Vec<f64> = (1..=10).rev().map(f64::from).collect();
    let band = Band::of(&mut values);
    assert_eq!(
        (band.low, band.median, band.high, band.mean),
        (1.0, 5.0, 9.0, 5.5)
    );
    assert!(band.covers(9.0) && !band.covers(9.5) && !band.covers(0.5));
}

#[test]
fn past_misses_move_the_middle_and_set_the_band() {
    use super::calibrate::{interval, past_origin};
    // Past runs from the same day of earlier months; from a month's end, earlier months' ends.
    assert_eq!(past_origin(date("2026-05-31"), 1), date("2026-04-30"));
    assert_eq!(past_origin(date("2026-03-31"), 1), date("2026-02-28"));
    assert_eq!(past_origin(date("2026-03-15"), 2), date("2026-01-15"));
    // A model that always ran 10% low: the middle is moved up by 10%, and the band is narrow.
    let low = (1.1f64).ln();
    let (bias, half) = interval(&[low; 8], None).unwrap();
    assert!((bias - low).abs() < 1e-12);
    assert!(half < 1e-9, "{half}");
    // Misses scattered by ±10%: a band about as wide as they are, wider for fewer of them.
    let scattered = [0.1, -0.1, 0.1, -0.1, 0.1, -0.1, 0.1, -0.1];
    let (bias, half) = interval(&scattered, None).unwrap();
    assert!(bias.abs() < 1e-12);
    assert!((0.14..0.18).contains(&half), "{half}");
    let (_, fewer) = interval(&scattered[..4], None).unwrap();
    assert!(fewer > half, "{fewer} against {half}");
    // Too few misses and no other courts to lean on: the simulated band stands.
    assert_eq!(interval(&[0.1, -0.1], None), None);
    // A court's own misses pulled toward the courts' together.
    let (bias, _) = interval(&[low; 4], Some((0.0, 0.01))).unwrap();
    assert!((bias - low / 2.0).abs() < 1e-12, "{bias}");
}

#[test]
fn with_less_than_a_year_behind_every_past_forecast_the_simulated_bands_stand() {
    // Sixteen months of data: the past forecasts from the last four months have a year behind
    // them and set the bands; with ten months, none has, and the simulated bands stand.
    let settings = Settings {
        draws: 200,
        ..Settings::default()
    };
    let alone = |settings: &Settings, from: &str| {
        let cases = columns(&drawn("湘1402", from, "2026-03-31", &|_| 20.0, 60.0, 3));
        forecast(&cases, date("2026-03-31"), &everyone, settings)
    };
    let simulated = Settings {
        calibration: 0,
        ..settings
    };
    let short = (
        alone(&settings, "2025-06-01"),
        alone(&simulated, "2025-06-01"),
    );
    assert!(short.0.courts == short.1.courts && short.0.total == short.1.total);
    let longer = (
        alone(&settings, "2024-12-01"),
        alone(&simulated, "2024-12-01"),
    );
    assert!(longer.0.courts[0].months != longer.1.courts[0].months);
}
