//! The simulator's promises: determinism, calibration, integrity, and data the importer accepts.

use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::NaiveDate;
use shenguan_domain::{
    CaseRecord, DeadlineOptions, EventKind, EventRecord, HolidayCalendar, TimeLimits,
};
use shenguan_ingest::export::{DeadlineRules, case_columns, case_row, event_columns, event_row};
use shenguan_ingest::table::{SourceFormat, Table, TableRow, TextEncoding};
use shenguan_ingest::validate::validate_tables;
use shenguan_sim::calibration::measure;
use shenguan_sim::{AFTER_CLOSING, SimParams, Simulation, simulate};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

static CALENDAR: LazyLock<HolidayCalendar> = LazyLock::new(HolidayCalendar::builtin);
static LIMITS: LazyLock<TimeLimits> = LazyLock::new(TimeLimits::standard);

fn params(seed: u64, scale: f64) -> SimParams {
    let mut p = SimParams::new(seed, date(2021, 1, 1), date(2024, 12, 31));
    p.scale = scale;
    p
}

/// Four years of the default network, shared by the tests that only read it.
static FOUR_YEARS: LazyLock<Records> =
    LazyLock::new(|| Records::of(&simulate(&params(1, 0.25), &CALENDAR, &LIMITS)));

/// A simulation's cases and events as canonical records.
struct Records {
    cases: Vec<CaseRecord>,
    events: Vec<EventRecord>,
}

impl Records {
    fn of(sim: &Simulation) -> Records {
        Records {
            cases: sim.case_records(),
            events: sim.event_records(),
        }
    }
}

fn fingerprint(sim: &Simulation) -> Vec<String> {
    let records = Records::of(sim);
    records
        .cases
        .iter()
        .map(|c| format!("{c:?}"))
        .chain(records.events.iter().map(|e| format!("{e:?}")))
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_data_and_another_seed_other_data() {
    let small = params(42, 0.05);
    let a = simulate(&small, &CALENDAR, &LIMITS);
    let b = simulate(&small, &CALENDAR, &LIMITS);
    assert!(!a.is_empty());
    assert_eq!(fingerprint(&a), fingerprint(&b));
    let c = simulate(&params(43, 0.05), &CALENDAR, &LIMITS);
    assert_ne!(fingerprint(&a), fingerprint(&c));
    // Whatever the number of threads.
    let mut threaded = small.clone();
    threaded.threads = 3;
    assert_eq!(
        fingerprint(&simulate(&threaded, &CALENDAR, &LIMITS)),
        fingerprint(&a)
    );
}

#[test]
fn records_told_in_blocks_are_the_records_told_at_once() {
    let sim = simulate(&params(42, 0.05), &CALENDAR, &LIMITS);
    let (mut cases, mut events) = (Vec::new(), Vec::new());
    let mut start = 0;
    while start < sim.len() {
        let end = (start + 997).min(sim.len());
        let (c, e) = sim.records_of(start..end);
        cases.extend(c);
        events.extend(e);
        start = end;
    }
    assert!(sim.len() > 997 * 2, "several blocks");
    assert_eq!(cases, sim.case_records());
    assert_eq!(events, sim.event_records());
}

#[test]
fn the_defaults_reproduce_the_published_figures() {
    let measures = measure(&FOUR_YEARS.cases, 2023, &LIMITS, &CALENDAR);
    let mut failures = Vec::new();
    for (name, (low, high), value) in measures.checks() {
        println!("{name}: {value:.2} (target {low}–{high})");
        if !(low..=high).contains(&value) {
            failures.push(format!("{name} = {value:.2}, outside {low}–{high}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The year looks like a court network's year: printed, then held to the bands (see
/// `shenguan_sim::realism` for each band and its source).
#[test]
fn the_simulated_year_is_believable() {
    let sim = simulate(&params(1, 0.25), &CALENDAR, &LIMITS);
    let records = Records::of(&sim);
    let (parties, payments) = sim.parties_and_payments(0..sim.len(), Some(b"secret"));
    let realism = shenguan_sim::realism::measure(
        shenguan_sim::realism::Records {
            cases: &records.cases,
            events: &records.events,
            staff: &sim.staff(),
            parties: &parties,
            payments: &payments,
        },
        2023,
        &CALENDAR,
    );
    let mut failures = Vec::new();
    for (name, (low, high), value) in realism.checks() {
        println!("{name}: {value:.2} (target {low}–{high})");
        if !(low..=high).contains(&value) {
            failures.push(format!("{name} = {value:.2}, outside {low}–{high}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_link_and_date_holds_together() {
    let sim = &*FOUR_YEARS;
    let to = date(2024, 12, 31);
    let numbers: HashSet<String> = sim.cases.iter().map(|c| c.case_no.to_string()).collect();
    assert_eq!(numbers.len(), sim.cases.len(), "case numbers are unique");
    for case in &sim.cases {
        if let Some(origin) = &case.origin_case_no {
            assert!(
                numbers.contains(&origin.to_string()),
                "{} → missing {origin}",
                case.case_no
            );
        }
        if let Some(closed) = case.closed_on {
            assert!(closed >= case.filed_on && closed <= to, "{}", case.case_no);
            assert!(case.closing_method.is_some(), "{}", case.case_no);
        }
        assert_eq!(
            i32::from(case.case_no.year()),
            chrono::Datelike::year(&case.filed_on)
        );
    }
    let filed: std::collections::HashMap<String, (NaiveDate, Option<NaiveDate>)> = sim
        .cases
        .iter()
        .map(|c| (c.case_no.to_string(), (c.filed_on, c.closed_on)))
        .collect();
    for pair in sim.events.windows(2) {
        if pair[0].case_no == pair[1].case_no {
            assert!(
                pair[0].date <= pair[1].date,
                "events of {} out of order",
                pair[0].case_no
            );
        }
    }
    for event in &sim.events {
        let (filed_on, closed_on) = filed[&event.case_no.to_string()];
        // Only the complaint received comes before the filing, and in an honest network no
        // more than a fortnight and a day before it (docs/gaming-signals.md).
        let earliest = if event.kind == EventKind::MaterialsReceived {
            filed_on - chrono::Days::new(15)
        } else {
            filed_on
        };
        assert!(event.date >= earliest && event.date <= to, "{event:?}");
        // Only the appeal, the file sent up and archiving come after the closing day.
        if !AFTER_CLOSING.contains(&event.kind) {
            assert!(event.date <= closed_on.unwrap_or(to), "{event:?}");
        }
    }
    // Appeals sit in the intermediate court and continue a basic court's case.
    let appeal = sim
        .cases
        .iter()
        .find(|c| c.case_no.case_type().is_some_and(|t| t.code == "民终"))
        .expect("some appeals");
    assert_eq!(appeal.court.to_string(), "湘14");
    assert!(
        appeal
            .origin_case_no
            .as_ref()
            .is_some_and(|o| o.to_string().contains("民初"))
    );
}

#[test]
fn the_output_passes_the_importers_validation_unchanged() {
    let sim = Records::of(&simulate(&params(7, 0.05), &CALENDAR, &LIMITS));
    let rules = DeadlineRules {
        limits: &LIMITS,
        calendar: &CALENDAR,
        options: DeadlineOptions::default(),
    };
    let table = |name: &str, headers: Vec<&str>, rows: Vec<Vec<String>>| Table {
        path: name.into(),
        format: SourceFormat::Csv {
            encoding: TextEncoding::Utf8,
        },
        header_row: 1,
        headers: headers.into_iter().map(str::to_string).collect(),
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, cells)| TableRow {
                row: i + 2,
                cells: csv::StringRecord::from(cells),
            })
            .collect(),
    };
    let cases = table(
        "cases.csv",
        case_columns(false).iter().map(|c| c.name).collect(),
        sim.cases
            .iter()
            .map(|c| case_row(c, &rules, false))
            .collect(),
    );
    let events = table(
        "events.csv",
        event_columns(false).iter().map(|c| c.name).collect(),
        sim.events.iter().map(event_row).collect(),
    );
    let validation = validate_tables(&[cases, events], date(2026, 11, 27)).expect("headers");
    assert!(
        validation.errors.is_empty(),
        "{:#?}",
        &validation.errors[..validation.errors.len().min(5)]
    );
    assert_eq!(validation.cases.len(), sim.cases.len());
    assert_eq!(validation.events.len(), sim.events.len());
}

#[test]
fn a_court_whose_filings_outrun_its_judges_builds_a_backlog() {
    let pending_share = |judge_capacity: f64| {
        let mut p = params(11, 0.2);
        p.judge_capacity = judge_capacity;
        let sim = Records::of(&simulate(&p, &CALENDAR, &LIMITS));
        let end = date(2024, 12, 31);
        let filed_2024 = sim
            .cases
            .iter()
            .filter(|c| c.filed_on > date(2023, 12, 31))
            .count();
        let pending = sim
            .cases
            .iter()
            .filter(|c| c.closed_on.is_none_or(|d| d > end))
            .count();
        pending as f64 / filed_2024 as f64
    };
    let staffed = pending_share(320.0);
    let short_of_judges = pending_share(220.0);
    println!(
        "pending at the end ÷ last year's filings: {staffed:.3} staffed, {short_of_judges:.3} short of judges"
    );
    assert!(
        short_of_judges > staffed * 1.2,
        "{staffed} vs {short_of_judges}"
    );
}

#[test]
fn deadlines_and_numbers_equal_what_the_records_derive() {
    for roll in [true, false] {
        let mut p = params(3, 0.03);
        p.deadline_options = DeadlineOptions {
            roll_past_rest_days: roll,
        };
        let sim = simulate(&p, &CALENDAR, &LIMITS);
        let mut with_deadline = 0;
        for index in 0..sim.len() {
            let view = sim.case(index);
            let record = view.to_record().expect("a canonical number");
            assert_eq!(record.case_no.to_string(), view.number.to_string());
            let derived = record
                .deadline(&LIMITS, &CALENDAR, p.deadline_options)
                .expect("a deadline rule");
            assert_eq!(view.deadline, derived, "{}", view.number);
            assert_eq!(view.trial_days(), record.trial_days());
            with_deadline += usize::from(derived.is_some());
        }
        assert!(with_deadline > sim.len() / 2, "{with_deadline}");
    }
}

#[test]
fn an_appealed_judgment_records_the_appeal_and_the_file_sent_up() {
    let sim = &*FOUR_YEARS;
    let events_of = |number: &str| -> Vec<&EventRecord> {
        sim.events
            .iter()
            .filter(|e| e.case_no.to_string() == number)
            .collect()
    };
    let appeals: Vec<&CaseRecord> = sim
        .cases
        .iter()
        .filter(|c| c.case_no.case_type().is_some_and(|t| t.code == "民终"))
        .take(50)
        .collect();
    assert!(!appeals.is_empty());
    for appeal in appeals {
        let Some(origin) = &appeal.origin_case_no else {
            panic!("{} has no origin", appeal.case_no)
        };
        let below = events_of(&origin.to_string());
        let on = |kind: &str| {
            below
                .iter()
                .find(|e| e.kind.label_zh() == kind)
                .map(|e| e.date)
        };
        let (Some(appealed), Some(sent), Some(closed)) =
            (on("上诉"), on("移送上诉卷宗"), on("结案"))
        else {
            panic!("{origin}: {below:#?}")
        };
        assert!(closed <= appealed && appealed <= sent && sent <= appeal.filed_on);
        let above = events_of(&appeal.case_no.to_string());
        assert_eq!(
            above.first().map(|e| e.kind.label_zh()),
            Some("收到上诉卷宗")
        );
    }
}

#[test]
fn no_case_tells_the_same_event_twice() {
    // The store keeps one of events with the same case, day, kind and detail: a repeat would
    // make the count the generator reports differ from the count stored.
    let events = &FOUR_YEARS.events;
    let unique: std::collections::BTreeSet<&EventRecord> = events.iter().collect();
    assert_eq!(unique.len(), events.len());
    // And the extensions are told with their units, as the case records hold them.
    let told: Vec<&str> = events
        .iter()
        .filter(|e| e.kind == EventKind::ExtensionApproved)
        .map(|e| e.detail.as_str())
        .collect();
    assert!(!told.is_empty());
    assert!(told.iter().all(|d| d.ends_with("个月")), "{told:?}");
    let extended = FOUR_YEARS
        .cases
        .iter()
        .filter(|c| !c.extensions.is_empty())
        .count();
    assert_eq!(extended, told.len(), "one told approval per extended case");
}

#[test]
fn the_simulated_register_is_told_from_the_cases_and_passes_the_importer() {
    use shenguan_domain::petition::matters::{matters, repeats};
    use shenguan_domain::petition::{Level, Subject};
    use shenguan_ingest::export::{petition_columns, petition_row};

    let sim = simulate(&params(7, 0.25), &CALENDAR, &LIMITS);
    let register = sim.petitions(Some(b"secret"));
    assert_eq!(
        register,
        sim.petitions(Some(b"secret")),
        "the same every time"
    );
    assert!(register.len() > 200, "{} petitions", register.len());
    // Every petition is about a case of the network, brought by one of its parties.
    let numbers: HashSet<String> = sim
        .case_records()
        .iter()
        .map(|c| c.case_no.to_string())
        .collect();
    for p in &register {
        assert!(numbers.contains(&p.cases[0].to_string()), "{:?}", p.cases);
        assert!(
            p.petitioners[0].identity.is_some(),
            "keyed: {}",
            p.register_no
        );
    }
    // Register numbers are unique in each court.
    let unique: HashSet<(String, String)> = register
        .iter()
        .map(|p| (p.court.to_string(), p.register_no.clone()))
        .collect();
    assert_eq!(unique.len(), register.len());
    // More often about enforcement than the cases are; some come back; a few go far.
    let enforcement = register.iter().filter(|p| p.is_enforcement()).count();
    let cases = sim.case_records();
    let enforcement_cases = cases
        .iter()
        .filter(|c| c.case_no.stage() == Some(shenguan_domain::Stage::Enforcement))
        .count();
    assert!(
        enforcement as f64 / register.len() as f64
            > 1.5 * enforcement_cases as f64 / cases.len() as f64,
        "{enforcement} of {}",
        register.len()
    );
    let found = matters(&register);
    let repeated = repeats(&register, &found).iter().filter(|r| **r).count();
    assert!(repeated > 20 && repeated < register.len() / 2, "{repeated}");
    assert!(register.iter().any(|p| p.level == Level::Province));
    assert!(register.iter().any(|p| p.subject == Subject::Judgment));
    // Written as an export writes it, the register reads back whole.
    let headers: Vec<String> = petition_columns(true)
        .iter()
        .map(|c| c.name.to_string())
        .collect();
    let table = Table {
        path: "petitions.csv".into(),
        format: SourceFormat::Csv {
            encoding: TextEncoding::Utf8,
        },
        header_row: 1,
        headers,
        rows: register
            .iter()
            .enumerate()
            .map(|(i, p)| TableRow {
                row: i + 2,
                cells: csv::StringRecord::from(petition_row(p)),
            })
            .collect(),
    };
    let validation = validate_tables(&[table], date(2024, 12, 31)).expect("a register");
    assert!(
        validation.errors.is_empty(),
        "{:?}",
        &validation.errors[..3.min(validation.errors.len())]
    );
    let read: Vec<_> = validation
        .petitions
        .into_iter()
        .map(|l| l.record.petition)
        .collect();
    assert_eq!(read, register);
}

#[test]
fn the_simulated_notices_cover_each_full_half_year_with_the_city_counted_from_its_register() {
    use chrono::Datelike;
    use shenguan_domain::petition::Level;

    let sim = simulate(&params(7, 0.25), &CALENDAR, &LIMITS);
    let register = sim.petitions(Some(b"secret"));
    let notices = sim.notices(&register);
    assert_eq!(notices, sim.notices(&register), "the same every time");
    let periods: std::collections::BTreeSet<(NaiveDate, NaiveDate)> =
        notices.iter().map(|(from, to, _)| (*from, *to)).collect();
    assert!(!periods.is_empty());
    let last_day = sim
        .case_records()
        .iter()
        .map(|c| c.filed_on)
        .max()
        .expect("cases");
    for (from, to) in &periods {
        assert!(to <= &last_day, "{from}–{to} is not over yet");
        assert!(
            (from.month(), from.day(), to.month(), to.day()) == (1, 1, 6, 30)
                || (from.month(), from.day(), to.month(), to.day()) == (7, 1, 12, 31),
            "{from}–{to} is a half-year"
        );
        let rows: Vec<_> = notices
            .iter()
            .filter(|(f, t, _)| (f, t) == (from, to))
            .map(|(_, _, row)| row)
            .collect();
        assert_eq!(rows.len(), 14, "the province's fourteen cities");
        let coded: Vec<_> = rows.iter().filter(|r| r.court.is_some()).collect();
        assert_eq!(coded.len(), 1, "only the city's own row carries its court");
        let city = coded[0];
        let counted = |level: Level| {
            register
                .iter()
                .filter(|p| p.level == level && p.received_on >= *from && p.received_on <= *to)
                .count() as u32
        };
        for (notice, own) in [
            (city.to_province, counted(Level::Province)),
            (city.to_beijing, counted(Level::Beijing)),
            (city.to_circuit, counted(Level::Circuit)),
        ] {
            assert!(notice == own || notice == own + 1, "{notice} against {own}");
        }
    }
}

#[test]
fn another_city_of_the_province_has_its_own_codes_and_name_and_the_same_fourteen_cities_in_the_notice()
 {
    let mut asked = params(7, 0.1);
    asked.city = 3;
    let sim = simulate(&asked, &CALENDAR, &LIMITS);
    let courts = sim.courts();
    assert_eq!(courts[0].code.to_string(), "湘03");
    assert_eq!(courts[0].name, "南浦市中级人民法院");
    assert!(
        courts[1..]
            .iter()
            .all(|c| c.code.to_string().starts_with("湘03"))
    );
    let notices = sim.notices(&sim.petitions(None));
    let (from, to, _) = notices.first().expect("a half-year");
    let regions: Vec<&str> = notices
        .iter()
        .filter(|(f, t, _)| (f, t) == (from, to))
        .map(|(_, _, row)| row.region.as_str())
        .collect();
    // Each of the province's fourteen cities once: its own row under its name, 清河市 among
    // the others.
    assert_eq!(regions.len(), 14, "{regions:?}");
    assert_eq!(
        regions.iter().collect::<HashSet<_>>().len(),
        14,
        "{regions:?}"
    );
    assert_eq!(regions[0], "南浦市");
    assert!(regions.contains(&"清河市"), "{regions:?}");
}

#[test]
fn the_simulated_assistance_follows_repeated_enforcement_petitions_and_keeps_its_rules() {
    use shenguan_domain::assistance::{Cap, Decision};

    let sim = simulate(&params(7, 0.25), &CALENDAR, &LIMITS);
    let register = sim.petitions(Some(b"secret"));
    let aid = sim.assistance(&register);
    assert_eq!(aid, sim.assistance(&register), "the same every time");
    assert!(!aid.is_empty(), "some petitioners apply");
    let keys: HashSet<_> = register
        .iter()
        .flat_map(|p| p.petitioners.iter().filter_map(|x| x.identity.clone()))
        .collect();
    let numbers: HashSet<String> = aid.iter().map(|a| a.case_no.to_string()).collect();
    assert_eq!(numbers.len(), aid.len(), "one case, one application");
    for a in &aid {
        // Every record keeps the rules the importer holds a register to.
        assert!(a.check(&Cap::default()).is_empty(), "{a:?}");
        assert!(a.case_no.to_string().contains("司救执"), "{}", a.case_no);
        assert!(
            a.identity.as_ref().is_some_and(|k| keys.contains(k)),
            "a petitioner"
        );
        if let Some(amount) = a.amount {
            assert!((100_000..=20_000_000).contains(&amount.fen()), "{amount}");
        }
    }
    let granted = aid
        .iter()
        .filter(|a| a.decision == Some(Decision::Granted))
        .count();
    let decided = aid.iter().filter(|a| a.decision.is_some()).count();
    assert!(
        granted * 10 >= decided * 6,
        "{granted} of {decided} granted"
    );
}

/// Simulated service reproduces the published service figures, agrees with itself, and tells
/// the same announcements as the cases' excluded periods.
#[test]
fn the_simulated_service_is_calibrated_and_its_announcements_are_the_cases_excluded_periods() {
    use shenguan_domain::ExclusionGround;
    use shenguan_domain::service::{Method, Outcome, attempt_agrees};
    let sim = simulate(&params(1, 0.25), &CALENDAR, &LIMITS);
    let service = sim.service(0..sim.len(), Some(b"secret"));
    let measures = shenguan_sim::calibration::service_measures(&service, 2023);
    let mut failures = Vec::new();
    for (name, (low, high), value) in measures.checks() {
        println!("{name}: {value:.2} (target {low}–{high})");
        if !(low..=high).contains(&value) {
            failures.push(format!("{name} = {value:.2}, outside {low}–{high}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");

    let end = date(2024, 12, 31);
    let cases: std::collections::HashMap<String, &CaseRecord> = FOUR_YEARS
        .cases
        .iter()
        .map(|c| (c.case_no.to_string(), c))
        .collect();
    let mut announced = std::collections::BTreeSet::new();
    // Each task is known as the store and the import know it — by its case, document, recipient
    // and day — so no two may share that: they would be written as one task (the second's
    // attempts after the first's) and the export would not import again.
    let mut keys = std::collections::HashSet::new();
    for task in &service.tasks {
        assert!(
            keys.insert((
                task.case_no.to_string(),
                task.document,
                task.recipient.clone(),
                task.created_on
            )),
            "two tasks known alike: {task:?}"
        );
        let case = cases[&task.case_no.to_string()];
        assert!(
            task.created_on >= case.filed_on && task.created_on <= end,
            "{task:?}"
        );
        let mut previous = task.created_on;
        for (index, a) in task.attempts.iter().enumerate() {
            assert_eq!(a.attempt.seq as usize, index + 1, "{task:?}");
            assert!(attempt_agrees(&a.attempt).is_ok(), "{task:?}");
            assert!(a.attempt.attempted_on >= previous && a.attempt.attempted_on <= end);
            previous = a.attempt.attempted_on;
            let past_end = a.attempt.served_on.is_some_and(|on| on > end);
            assert!(!past_end || a.attempt.method == Method::Notice, "{task:?}");
            assert_eq!(a.tracking_no.is_some(), a.attempt.method == Method::Post);
            assert_eq!(
                a.entrusted_court.is_some(),
                a.attempt.method == Method::Entrusted
            );
            // Only the last attempt may be unfinished, and nothing follows a service but the
            // post after an electronic one made without consent.
            if index + 1 < task.attempts.len() {
                let followed = a.attempt.method == Method::Electronic
                    && task.attempts[index + 1].attempt.method == Method::Post;
                assert!(a.attempt.outcome == Outcome::Failed || followed, "{task:?}");
            }
        }
        // An announcement published while the case was pending is its excluded period.
        for a in task
            .attempts
            .iter()
            .filter(|a| a.attempt.method == Method::Notice)
        {
            let pending = case
                .closed_on
                .is_none_or(|closed| closed > a.attempt.attempted_on);
            let first_day = a.attempt.attempted_on.succ_opt();
            let held = case
                .exclusions
                .iter()
                .any(|e| e.ground == ExclusionGround::Notice && e.from == first_day);
            assert_eq!(
                held, pending,
                "{task:?} {:?} closed {:?}",
                case.exclusions, case.closed_on
            );
            if pending {
                assert!(
                    announced.insert(task.case_no.to_string()),
                    "one announcement a case"
                );
            }
        }
    }
    // Every case with an announcement period has its announcement among the tasks.
    // An announcement published on the last day starts its period the day after.
    let after_end = date(2025, 1, 1);
    let periods: std::collections::BTreeSet<String> = FOUR_YEARS
        .cases
        .iter()
        .filter(|c| {
            c.exclusions.iter().any(|e| {
                e.ground == ExclusionGround::Notice && e.from.is_some_and(|f| f <= after_end)
            })
        })
        .map(|c| c.case_no.to_string())
        .collect();
    assert!(!announced.is_empty());
    let missing: Vec<_> = periods.difference(&announced).take(3).collect();
    let extra: Vec<_> = announced.difference(&periods).take(3).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{missing:?} {extra:?}"
    );
}
