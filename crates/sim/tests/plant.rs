//! Planted gaming: each kind bends the chosen court's cases into the pattern docs/gaming-signals.md
//! describes, lists them as truth, leaves the other basic courts as they were, and at intensity 0
//! changes nothing; the honest model records the complaint received and files follow-on cases on
//! working days.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use shenguan_domain::{
    CaseParties, CaseRecord, ClosingMethod, DeadlineOptions, EventKind, EventRecord,
    ExclusionGround, HolidayCalendar, Party, TimeLimits,
};
use shenguan_sim::{Plant, PlantKind, SimParams, Simulation, simulate};

static CALENDAR: LazyLock<HolidayCalendar> = LazyLock::new(HolidayCalendar::builtin);
static LIMITS: LazyLock<TimeLimits> = LazyLock::new(TimeLimits::standard);

/// The planted court; 湘1403 and 湘1404 stay honest.
const COURT: &str = "湘1402";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn params(plants: &[(PlantKind, f64)]) -> SimParams {
    let mut p = SimParams::new(11, date(2022, 1, 1), date(2024, 12, 31));
    p.basic_courts = 3;
    p.scale = 0.05;
    p.plants = plants
        .iter()
        .map(|&(kind, intensity)| Plant {
            kind,
            court: shenguan_domain::CourtCode::parse(COURT).expect("court"),
            intensity,
        })
        .collect();
    p
}

/// A run's records, parties (keyed, so that identity keys can be compared) and truth.
struct Run {
    cases: Vec<CaseRecord>,
    events: Vec<EventRecord>,
    parties: Vec<CaseParties>,
    truth: Vec<(String, PlantKind, String)>,
}

impl Run {
    fn of(sim: &Simulation) -> Run {
        let (parties, _) = sim.parties_and_payments(0..sim.len(), Some(b"secret"));
        Run {
            cases: sim.case_records(),
            events: sim.event_records(),
            parties,
            truth: sim
                .planted()
                .into_iter()
                .map(|(n, k)| (n.to_string(), k, n.court.to_string()))
                .collect(),
        }
    }

    fn planted(plants: &[(PlantKind, f64)]) -> Run {
        Run::of(&simulate(&params(plants), &CALENDAR, &LIMITS))
    }

    fn case(&self, number: &str) -> &CaseRecord {
        self.cases
            .iter()
            .find(|c| c.case_no.to_string() == number)
            .expect("a truth case is a case")
    }

    fn parties_of(&self, number: &str) -> &[Party] {
        self.parties
            .iter()
            .find(|p| p.case_no.to_string() == number)
            .map_or(&[], |p| &p.parties)
    }

    /// The truth of one kind, checked to be of the planted court and not empty.
    fn truth_of(&self, kind: PlantKind) -> Vec<&CaseRecord> {
        assert!(!self.truth.is_empty(), "{kind}: nothing planted");
        for (number, planted, court) in &self.truth {
            assert_eq!((*planted, court.as_str()), (kind, COURT), "{number}");
        }
        let mut sorted: Vec<&String> = self.truth.iter().map(|t| &t.0).collect();
        let listed = sorted.clone();
        sorted.sort_by_key(|n| self.cases.iter().position(|c| c.case_no.to_string() == **n));
        assert_eq!(listed, sorted, "in case-number order");
        self.truth.iter().map(|t| self.case(&t.0)).collect()
    }

    /// The suits of the same court, type, cause and parties (names and identity keys) as
    /// `case`, filed in `window`, with no origin: the suit filed again.
    fn refiled(&self, case: &CaseRecord, window: (NaiveDate, NaiveDate)) -> Vec<&CaseRecord> {
        let parties = self.parties_of(&case.case_no.to_string());
        assert!(parties.iter().all(|p| p.identity.is_some()), "{parties:?}");
        self.cases
            .iter()
            .filter(|c| c.case_no != case.case_no && c.court == case.court)
            .filter(|c| type_of(c) == type_of(case) && c.cause == case.cause)
            .filter(|c| (window.0..=window.1).contains(&c.filed_on))
            .filter(|c| c.origin_case_no.is_none())
            .filter(|c| self.parties_of(&c.case_no.to_string()) == parties)
            .collect()
    }

    /// The 执恢 cases naming `case` as their origin.
    fn restored(&self, case: &CaseRecord) -> Vec<&CaseRecord> {
        self.cases
            .iter()
            .filter(|c| c.origin_case_no.as_ref() == Some(&case.case_no))
            .filter(|c| type_of(c) == "执恢")
            .collect()
    }

    /// Cases, events and parties of the honest basic courts, as text.
    fn others(&self) -> Vec<String> {
        let other = |court: &shenguan_domain::CourtCode| {
            let code = court.to_string();
            code != COURT && code != "湘14"
        };
        let cases = self.cases.iter().filter(|c| other(&c.court));
        let numbers: std::collections::HashSet<String> =
            cases.clone().map(|c| c.case_no.to_string()).collect();
        let held = |n: &String| numbers.contains(n);
        // A remand from the intermediate court names the appeal there, whose number moves with
        // the planted court's appeals: the rest of the case must not.
        cases
            .map(|c| {
                let mut c = c.clone();
                if c.origin_case_no
                    .as_ref()
                    .is_some_and(|o| o.to_string().contains("湘14民"))
                {
                    c.origin_case_no = None;
                }
                format!("{c:?}")
            })
            .chain(
                self.events
                    .iter()
                    .filter(|e| held(&e.case_no.to_string()))
                    .map(|e| format!("{e:?}")),
            )
            .chain(
                self.parties
                    .iter()
                    .filter(|p| held(&p.case_no.to_string()))
                    .map(|p| format!("{p:?}")),
            )
            .collect()
    }

    fn everything(&self) -> Vec<String> {
        self.cases
            .iter()
            .map(|c| format!("{c:?}"))
            .chain(self.events.iter().map(|e| format!("{e:?}")))
            .chain(self.parties.iter().map(|p| format!("{p:?}")))
            .collect()
    }
}

/// The honest network the planted ones are compared with.
static HONEST: LazyLock<Run> = LazyLock::new(|| Run::planted(&[]));

fn type_of(case: &CaseRecord) -> &'static str {
    case.case_no.case_type().map_or("", |t| t.code)
}

fn method(case: &CaseRecord) -> &'static str {
    case.closing_method.map_or("", ClosingMethod::label_zh)
}

fn working(day: NaiveDate) -> bool {
    CALENDAR.is_working_day(day)
}

/// The honest courts are as in the honest run, and a plant at intensity 0 is no plant.
fn check_untouched(kind: PlantKind, run: &Run) {
    same(
        &run.others(),
        &HONEST.others(),
        &format!("{kind}: another court"),
    );
    let none = Run::planted(&[(kind, 0.0)]);
    assert!(none.truth.is_empty(), "{kind}");
    same(
        &none.everything(),
        &HONEST.everything(),
        &format!("{kind} at 0"),
    );
}

/// The same lines, or the first that differs.
fn same(got: &[String], wanted: &[String], what: &str) {
    if let Some((a, b)) = got.iter().zip(wanted).find(|(a, b)| a != b) {
        panic!("{what} differs:\n{a}\n{b}");
    }
    assert_eq!(got.len(), wanted.len(), "{what}: as many lines");
}

#[test]
fn year_end_rush_closes_by_withdrawal_or_zhongben_in_late_december_and_brings_the_case_back_in_january()
 {
    let kind = PlantKind::YearEndRush;
    let run = Run::planted(&[(kind, 1.0)]);
    let truth = run.truth_of(kind);
    let mut by_type = HashMap::new();
    for case in &truth {
        let closed = case.closed_on.expect("closed");
        assert!(
            closed.month() == 12 && closed.day() >= 15 && working(closed),
            "{case:?}"
        );
        assert!(
            case.filed_on < date(closed.year(), 12, 1),
            "filed before 1 December: {case:?}"
        );
        let january = date(closed.year() + 1, 1, 1);
        let window = (
            january + chrono::Days::new(2),
            january + chrono::Days::new(40),
        );
        let back: Vec<&CaseRecord> = match type_of(case) {
            "民初" => {
                assert_eq!(method(case), "撤诉", "{case:?}");
                run.refiled(case, window)
            }
            "执" => {
                assert_eq!(method(case), "终结本次执行", "{case:?}");
                run.restored(case)
                    .into_iter()
                    .filter(|c| (window.0..=window.1).contains(&c.filed_on))
                    .collect()
            }
            other => panic!("{other}: {case:?}"),
        };
        assert_eq!(back.len(), 1, "{case:?} comes back once: {back:?}");
        assert!(working(back[0].filed_on), "{:?}", back[0]);
        *by_type.entry(type_of(case)).or_insert(0) += 1;
    }
    assert!(by_type.len() == 2, "both 民初 and 执: {by_type:?}");
    check_untouched(kind, &run);
}

#[test]
fn month_end_rush_closes_in_a_months_last_days_and_brings_the_case_back_the_next_month() {
    let kind = PlantKind::MonthEndRush;
    let run = Run::planted(&[(kind, 1.0)]);
    let truth = run.truth_of(kind);
    let mut by_type = HashMap::new();
    let mut months = std::collections::BTreeSet::new();
    for case in &truth {
        let closed = case.closed_on.expect("closed");
        let next = date(closed.year(), closed.month(), 1)
            .checked_add_months(chrono::Months::new(1))
            .expect("next month");
        let last = next.pred_opt().expect("last day");
        assert!(
            (last - closed).num_days() <= 4 && working(closed) && closed.month() <= 10,
            "{case:?}"
        );
        let window = (next + chrono::Days::new(2), next + chrono::Days::new(40));
        let back: Vec<&CaseRecord> = match type_of(case) {
            "民初" => {
                assert_eq!(method(case), "撤诉", "{case:?}");
                assert!((closed - case.filed_on).num_days() >= 20, "{case:?}");
                run.refiled(case, window)
            }
            "执" => {
                assert_eq!(method(case), "终结本次执行", "{case:?}");
                // Never before three months: that is the early-终本 signal's.
                assert!(
                    case.filed_on.checked_add_months(chrono::Months::new(3)) < Some(closed)
                        && (closed - case.filed_on).num_days() >= 90,
                    "{case:?}"
                );
                run.restored(case)
                    .into_iter()
                    .filter(|c| (window.0..=window.1).contains(&c.filed_on))
                    .collect()
            }
            other => panic!("{other}: {case:?}"),
        };
        // It comes back; the suit filed again may itself be withdrawn at the next month's end
        // and come back within the same days.
        assert!(!back.is_empty(), "{case:?} comes back");
        *by_type.entry(type_of(case)).or_insert(0) += 1;
        months.insert(closed.month());
    }
    assert!(by_type.len() == 2, "both 民初 and 执: {by_type:?}");
    assert!(months.len() >= 8, "month after month: {months:?}");
    check_untouched(kind, &run);
}

#[test]
fn withheld_filings_keep_the_complaint_received_in_december_and_are_filed_in_january() {
    let kind = PlantKind::WithheldFilings;
    let run = Run::planted(&[(kind, 1.0)]);
    let truth = run.truth_of(kind);
    let received: HashMap<String, NaiveDate> = run
        .events
        .iter()
        .filter(|e| e.kind == EventKind::MaterialsReceived)
        .map(|e| (e.case_no.to_string(), e.date))
        .collect();
    for case in &truth {
        let got = received[&case.case_no.to_string()];
        let held = (case.filed_on - got).num_days();
        assert!((8..=25).contains(&held), "{held} days: {case:?}");
        assert!(got.month() == 12 && got.day() >= 16, "{got}: {case:?}");
        assert_eq!(case.filed_on.month(), 1, "{case:?}");
        assert!(working(case.filed_on), "{case:?}");
        assert!(
            case.origin_case_no.is_none(),
            "an original filing: {case:?}"
        );
    }
    // The court's December is thinner and its January fuller than in the honest run.
    let count = |run: &Run, month: u32| {
        run.cases
            .iter()
            .filter(|c| c.court.to_string() == COURT && c.filed_on.month() == month)
            .count()
    };
    assert!(count(&run, 12) < count(&HONEST, 12));
    assert!(count(&run, 1) > count(&HONEST, 1));
    check_untouched(kind, &run);
}

#[test]
fn withdraw_refile_files_the_same_suit_again_within_sixty_days() {
    let kind = PlantKind::WithdrawRefile;
    let run = Run::planted(&[(kind, 1.0)]);
    let truth = run.truth_of(kind);
    let mut months = std::collections::HashSet::new();
    for case in &truth {
        assert_eq!(type_of(case), "民初");
        assert!(matches!(method(case), "撤诉" | "按撤诉处理"), "{case:?}");
        let closed = case.closed_on.expect("closed");
        let window = (
            closed + chrono::Days::new(5),
            closed + chrono::Days::new(60),
        );
        let back = run.refiled(case, window);
        assert!(!back.is_empty(), "{case:?} is filed again");
        assert!(back.iter().all(|c| working(c.filed_on)), "{back:?}");
        months.insert(closed.month());
    }
    assert!(months.len() >= 10, "all the year round: {months:?}");
    // Every withdrawal of the court in the span that left room for the refiling is bent.
    let withdrawn = HONEST
        .cases
        .iter()
        .filter(|c| c.court.to_string() == COURT && type_of(c) == "民初")
        .filter(|c| matches!(method(c), "撤诉" | "按撤诉处理"))
        .filter(|c| c.closed_on.is_some_and(|d| d < date(2024, 10, 1)))
        .count();
    assert!(truth.len() >= withdrawn, "{} of {withdrawn}", truth.len());
    check_untouched(kind, &run);
}

#[test]
fn clock_stopping_closes_just_inside_a_deadline_moved_by_an_excluded_period() {
    let kind = PlantKind::ClockStopping;
    let run = Run::planted(&[(kind, 1.0)]);
    let truth = run.truth_of(kind);
    let deadline = |case: &CaseRecord| {
        case.deadline(&LIMITS, &CALENDAR, DeadlineOptions::default())
            .expect("deadline")
            .expect("a limit")
    };
    for case in &truth {
        assert_eq!(type_of(case), "民初");
        let closed = case.closed_on.expect("closed");
        let moved = deadline(case);
        assert!(
            (0..=4).contains(&(moved - closed).num_days()),
            "closed {closed}, deadline {moved}: {case:?}"
        );
        assert!(case.extensions.is_empty(), "{case:?}");
        let stopped: Vec<_> = case
            .exclusions
            .iter()
            .filter(|p| {
                matches!(
                    p.ground,
                    ExclusionGround::Assessment | ExclusionGround::Suspension
                )
            })
            .collect();
        assert_eq!(stopped.len(), 1, "{case:?}");
        assert!(stopped[0].to().is_some_and(|end| end < closed), "{case:?}");
        // Without it the case would have been late.
        let mut plain = (*case).clone();
        plain
            .exclusions
            .retain(|p| p.ground == ExclusionGround::Notice);
        assert!(deadline(&plain) < closed, "{case:?}");
    }
    // A suspension is told as such too.
    let suspended = run
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Suspended)
        .count();
    let by_suspension = truth
        .iter()
        .filter(|c| {
            c.exclusions
                .iter()
                .any(|p| p.ground == ExclusionGround::Suspension)
        })
        .count();
    assert_eq!(suspended, by_suspension);
    check_untouched(kind, &run);
}

#[test]
fn zhongben_early_closes_enforcement_within_ninety_days_and_restores_some() {
    let kind = PlantKind::ZhongbenEarly;
    let run = Run::planted(&[(kind, 1.0)]);
    let truth = run.truth_of(kind);
    let mut restored = 0;
    for case in &truth {
        assert_eq!((type_of(case), method(case)), ("执", "终结本次执行"));
        let closed = case.closed_on.expect("closed");
        let days = (closed - case.filed_on).num_days();
        assert!((30..=80).contains(&days), "{days}: {case:?}");
        assert!(working(closed));
        let back = run.restored(case);
        assert!(back.len() <= 1, "{back:?}");
        if let Some(again) = back.first() {
            let after = (again.filed_on - closed).num_days();
            assert!((20..=150).contains(&after), "{after}: {again:?}");
            restored += 1;
        }
    }
    let share = f64::from(restored) / truth.len() as f64;
    assert!((0.3..=0.6).contains(&share), "{share}");
    check_untouched(kind, &run);
}

#[test]
fn a_planted_run_is_the_same_whatever_the_threads_and_a_truth_row_has_one_kind() {
    let plants = [
        (PlantKind::YearEndRush, 0.5),
        (PlantKind::WithheldFilings, 0.5),
        (PlantKind::WithdrawRefile, 0.3),
        (PlantKind::ClockStopping, 1.0),
        (PlantKind::ZhongbenEarly, 0.4),
    ];
    let one = Run::planted(&plants);
    let mut threaded = params(&plants);
    threaded.threads = 3;
    let three = Run::of(&simulate(&threaded, &CALENDAR, &LIMITS));
    same(&one.everything(), &three.everything(), "three threads");
    assert_eq!(one.truth, three.truth);
    let kinds: std::collections::HashSet<PlantKind> = one.truth.iter().map(|t| t.1).collect();
    assert_eq!(kinds.len(), 5, "{kinds:?}");
    let mut numbers: Vec<&String> = one.truth.iter().map(|t| &t.0).collect();
    numbers.dedup();
    assert_eq!(numbers.len(), one.truth.len(), "one row a case");
}

#[test]
fn honest_filings_record_the_complaint_received_within_the_week_and_follow_ons_come_on_working_days()
 {
    let run = &*HONEST;
    let received: HashMap<String, NaiveDate> = run
        .events
        .iter()
        .filter(|e| e.kind == EventKind::MaterialsReceived)
        .map(|e| (e.case_no.to_string(), e.date))
        .collect();
    let originals: Vec<&CaseRecord> = run
        .cases
        .iter()
        .filter(|c| c.origin_case_no.is_none())
        .collect();
    let recorded: Vec<i64> = originals
        .iter()
        .filter_map(|c| Some((c.filed_on - *received.get(&c.case_no.to_string())?).num_days()))
        .collect();
    let share = recorded.len() as f64 / originals.len() as f64;
    assert!((0.85..=0.95).contains(&share), "{share}");
    assert!(recorded.iter().all(|d| (0..=15).contains(d)));
    let within = recorded.iter().filter(|d| **d <= 7).count() as f64 / recorded.len() as f64;
    assert!((0.95..1.0).contains(&within), "{within}");
    // Follow-on cases never receive a complaint; they are filed on working days.
    for case in run.cases.iter().filter(|c| c.origin_case_no.is_some()) {
        assert!(
            !received.contains_key(&case.case_no.to_string()),
            "{case:?}"
        );
        assert!(working(case.filed_on), "{case:?}");
    }
}

#[test]
fn kinds_read_back_from_their_codes() {
    for kind in PlantKind::ALL {
        assert_eq!(PlantKind::parse(kind.code()), Some(kind));
    }
    assert_eq!(PlantKind::parse("year-end-rush"), None);
}
