use chrono::NaiveDate;
use shenguan_domain::{CaseType, CourtCode, HolidayCalendar, TimeLimits};
use shenguan_sim::{SimParams, simulate};

use super::*;
use crate::cases::{CaseInput, CasesBuilder, EventKind, day};
use crate::period::Period;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

/// Records everything a case feeds over the timeline: a flow dated inside the period, or a stock
/// over a non-empty run of instants, with an amount that changes a sum.
struct Recorder<'a> {
    timeline: &'a Timeline,
    fed: Vec<String>,
}

impl Sink for Recorder<'_> {
    fn flow(&mut self, counter: Flow, day: i32, amount: i64) {
        if amount != 0 && self.timeline.slot(day).is_some() {
            self.fed.push(format!("{counter:?} {amount} on day {day}"));
        }
    }

    fn stock(&mut self, counter: Stock, from: usize, to: usize, amount: i64) {
        if amount != 0 && from < to {
            self.fed
                .push(format!("{counter:?} {amount} at {from}..{to}"));
        }
    }
}

/// What case `row` feeds over `timeline`.
fn fed(cases: &Cases, row: usize, timeline: &Timeline) -> Vec<String> {
    let mut recorder = Recorder {
        timeline,
        fed: Vec::new(),
    };
    visit(
        cases,
        row,
        timeline,
        &TimeStandards::default(),
        &mut recorder,
    );
    recorder.fed
}

/// Every case `may_count` skips over `timeline` feeds nothing; returns how many it skipped.
#[track_caller]
fn skipped_cases_feed_nothing(cases: &Cases, timeline: &Timeline) -> usize {
    let mut skipped = 0;
    for row in 0..cases.len() {
        if may_count(cases, row, timeline) {
            continue;
        }
        skipped += 1;
        let fed = fed(cases, row, timeline);
        assert!(
            fed.is_empty(),
            "{} skipped over {}..={} but feeds {fed:?}",
            cases.case_no(row),
            timeline.from,
            timeline.to
        );
    }
    skipped
}

#[test]
fn a_case_skipped_before_the_visit_would_have_fed_nothing() {
    let day = |offset: i64| d(2024, 1, 1) + chrono::TimeDelta::days(offset);
    let offsets = [-2000, -1200, -400, -40, -2, -1, 0, 1, 45, 180, 181, 400];
    let mut builder = CasesBuilder::new();
    let mut numbers = Vec::new();
    for (i, filed) in offsets.iter().enumerate() {
        for (j, length) in [0, 1, 30, 400, 1500].iter().enumerate() {
            for (k, code) in ["民初", "执", "民终"].iter().enumerate() {
                for pending in [false, true] {
                    let no = format!("（2024）湘1402{code}{}号", numbers.len() + 1);
                    let origin = (*code == "民终").then(|| numbers.last().cloned()).flatten();
                    builder
                        .push(&CaseInput {
                            case_no: &no,
                            court: CourtCode::parse("湘1402").expect("court"),
                            type_id: CaseType::id_of(code),
                            procedure: None,
                            division: None,
                            judge: None,
                            judge_id: None,
                            filed_on: day(*filed),
                            closed_on: (!pending).then(|| day(filed + length)),
                            deadline: Some(day(filed + 90)),
                            closing_method: Some(["改判", "执行完毕", "发回重审"][(i + j + k) % 3]),
                            claim_fen: Some(100),
                            recovered_fen: Some(50),
                            extensions: 0,
                            excluded_days: 0,
                            origin_case_no: origin.as_deref(),
                        })
                        .expect("push");
                    builder.event(&no, EventKind::FileSentUp, day(filed + length + 20));
                    builder.event(&no, EventKind::Appeal, day(filed + length + 5));
                    // Service follows the case past its closing: a task made 10 days after,
                    // served (or announced) 40 days after, an item mailed 12 days after.
                    if (i + j + k) % 2 == 0 {
                        let after = |n: i64| day(filed + length + n);
                        builder.service_task(
                            &no,
                            crate::service::ServiceMark {
                                created: after(10),
                                served: pending.then(|| after(40)),
                                first_attempt: true,
                                electronic: j % 2 == 0,
                                set_aside: (j == 1).then(|| after(11)),
                                notice: (j == 2).then(|| after(10)),
                            },
                        );
                        builder.service_post(
                            &no,
                            crate::service::PostMark {
                                mailed: after(12),
                                result: crate::service::PostResult::Delivered(after(70)),
                            },
                        );
                    }
                    numbers.push(no);
                }
            }
        }
    }
    let cases = builder.finish();
    let mut skipped = 0;
    for (from, to) in [(0, 180), (-1, -1), (1, 1), (-400, 400), (45, 45)] {
        let timeline = Timeline::new(Period::new(day(from), day(to)).expect("period"));
        skipped += skipped_cases_feed_nothing(&cases, &timeline);
    }
    // The test means something only if cases are skipped.
    assert!(skipped > 100, "{skipped}");
}

/// The same over a simulated network (four years of filings, a fixed seed): a year, a month,
/// and a quarter whose day before lies exactly 36 months after filings of its network.
#[test]
fn over_a_simulated_network_a_skipped_case_feeds_nothing() {
    let mut params = SimParams::new(7, d(2021, 1, 1), d(2024, 12, 31));
    params.scale = 0.03;
    let sim = simulate(
        &params,
        &HolidayCalendar::builtin(),
        &TimeLimits::standard(),
    );
    let mut builder = CasesBuilder::with_capacity(sim.len());
    for index in 0..sim.len() {
        let view = sim.case(index);
        let record = view.to_record().expect("the simulator's numbers parse");
        builder.push_record(&record, view.deadline).expect("courts");
    }
    for event in sim.event_records() {
        builder.push_event(&event);
    }
    let cases = builder.finish();

    // 2024-07-01 ..= 2024-09-30: the day before is 2024-06-30, whose cohort cut is 36 months
    // earlier, 2021-06-30 (a Wednesday, a working day: the simulator files on it).
    let quarter = Timeline::new(Period::new(d(2024, 7, 1), d(2024, 9, 30)).expect("period"));
    let cut = day(d(2021, 6, 30));
    assert_eq!(quarter.cuts[4][0], cut);
    // 执 cases filed on the cut and closed before the quarter: exactly three years old at its
    // day before, pending at no instant, linked to no appeal or transfer — the filter's edge,
    // which it must skip.
    let on_the_cut: Vec<usize> = (0..cases.len())
        .filter(|row| {
            cases.filed[*row] == cut
                && cases.closed[*row] < quarter.from
                && cases.case_type_of(*row).is_some_and(|t| t.code == "执")
        })
        .collect();
    assert!(!on_the_cut.is_empty(), "no 执 case filed on {cut}");
    for row in on_the_cut {
        assert!(!may_count(&cases, row, &quarter), "{}", cases.case_no(row));
    }

    for (from, to) in [
        (d(2024, 1, 1), d(2024, 12, 31)),
        (d(2024, 6, 1), d(2024, 6, 30)),
        (d(2024, 7, 1), d(2024, 9, 30)),
    ] {
        let timeline = Timeline::new(Period::new(from, to).expect("period"));
        let skipped = skipped_cases_feed_nothing(&cases, &timeline);
        // Cases closed before 2024 make up much of a four-year history: a filter that skips none
        // would pass the loop above vacuously.
        assert!(skipped > 0, "nothing skipped over {from}..={to}");
    }
}

/// A hand-built case at an edge of the filter: what it is, its type, filing, closing, and whether
/// it may count.
struct Edge {
    why: &'static str,
    code: &'static str,
    filed: NaiveDate,
    closed: Option<NaiveDate>,
    may_count: bool,
}

/// Over `period`, each edge case may count exactly when it feeds something: the filter lets
/// through what the counters need (sound) and skips the rest (precise).
#[track_caller]
fn check_edges(period: Period, edges: &[Edge]) {
    let timeline = Timeline::new(period);
    let mut builder = CasesBuilder::new();
    for (i, edge) in edges.iter().enumerate() {
        builder
            .push(&CaseInput {
                case_no: &format!("（2021）湘1402{}{}号", edge.code, i + 1),
                court: CourtCode::parse("湘1402").expect("court"),
                type_id: CaseType::id_of(edge.code),
                procedure: None,
                division: None,
                judge: None,
                judge_id: None,
                filed_on: edge.filed,
                closed_on: edge.closed,
                deadline: None,
                closing_method: edge.closed.map(|_| "执行完毕"),
                claim_fen: None,
                recovered_fen: None,
                extensions: 0,
                excluded_days: 0,
                origin_case_no: None,
            })
            .expect("push");
    }
    let cases = builder.finish();
    for (row, edge) in edges.iter().enumerate() {
        let fed = fed(&cases, row, &timeline);
        assert_eq!(
            may_count(&cases, row, &timeline),
            edge.may_count,
            "{}: may_count",
            edge.why
        );
        assert_eq!(
            !fed.is_empty(),
            edge.may_count,
            "{}: feeds {fed:?}",
            edge.why
        );
    }
}

#[test]
fn the_enforcement_cohort_lets_through_only_cases_filed_within_36_months() {
    // 2024-02-29 ..= 2024-03-31: two slots (29 February alone, then March), so the instants are
    // 2024-02-28 (the day before), 2024-02-29 and 2024-03-31. Their cohort cuts, 36 months
    // earlier: 2021-02-28; 2021-02-29 does not exist, so 2021-02-28 again; 2021-03-31.
    // A case filed after 2021-02-28 is thus within three years at the instant 2024-02-29 —
    // the one day after the first cut where a skipped case would be missed.
    let period = Period::new(d(2024, 2, 29), d(2024, 3, 31)).expect("period");
    let timeline = Timeline::new(period);
    assert_eq!(timeline.cuts[4][0], day(d(2021, 2, 28)));
    assert_eq!(timeline.cuts[4][1], day(d(2021, 2, 28)));
    let before = Some(d(2023, 6, 30));
    check_edges(
        period,
        &[
            Edge {
                why: "执 filed on the cut: 36 months old at 2024-02-28 and at 2024-02-29",
                code: "执",
                filed: d(2021, 2, 28),
                closed: before,
                may_count: false,
            },
            Edge {
                why: "执 filed the day after the cut: in the cohort at 2024-02-29",
                code: "执",
                filed: d(2021, 3, 1),
                closed: before,
                may_count: true,
            },
            Edge {
                why: "民初 filed after the cut, closed before the period: no cohort",
                code: "民初",
                filed: d(2021, 3, 1),
                closed: before,
                may_count: false,
            },
            Edge {
                why: "执恢 filed after the cut, closed before the period: the cohort is first-time 执",
                code: "执恢",
                filed: d(2022, 5, 10),
                closed: before,
                may_count: false,
            },
            Edge {
                why: "执 filed the day after the period: in no instant's three years",
                code: "执",
                filed: d(2024, 4, 1),
                closed: None,
                may_count: false,
            },
        ],
    );
}
