//! Proves that `sql/<code>.sql`, one portable SQL text per core indicator, gives exactly the
//! engine's value for every court and period: simulated court networks (three seeds) and a small
//! hand-made set of edge cases are loaded both into the engine's columns and into SQLite, and
//! every core indicator is compared court by court over overlapping, unaligned and monthly periods.
//! The SQL is also held to the values worked out by hand over the table of `by_hand/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use shenguan_domain::{CaseRecord, CaseType, CourtCode, HolidayCalendar, Procedure, TimeLimits};
use shenguan_metrics::cases::day;
use shenguan_metrics::period::months_back;
use shenguan_metrics::{
    CATALOGUE, CaseInput, Cases, CasesBuilder, Dimension, EventKind, Filter, Indicator, Period,
    Query, TimeStandards, Unit, core, run,
};
use shenguan_sim::{SimParams, simulate};

#[path = "by_hand/expected.rs"]
mod hand_expected;
#[path = "by_hand/table.rs"]
mod hand_table;

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────────

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn period(from: NaiveDate, to: NaiveDate) -> Period {
    Period::new(from, to).expect("period")
}

fn sql_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sql")
}

fn core_indicators() -> Vec<&'static Indicator> {
    core().collect()
}

/// The SQL text of every core indicator, by code.
fn sql_texts() -> Vec<(&'static Indicator, String)> {
    core_indicators()
        .into_iter()
        .map(|i| {
            let path = sql_dir().join(format!("{}.sql", i.code));
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (i, text)
        })
        .collect()
}

/// The version of the definition a SQL text implements: its line `-- Definition version: N`, or 1.
fn declared_version(text: &str) -> u16 {
    text.lines()
        .find_map(|line| {
            let rest = line.strip_prefix("-- Definition version:")?;
            rest.split_whitespace().next()?.parse().ok()
        })
        .unwrap_or(1)
}

#[test]
fn every_sql_file_implements_the_current_version_of_its_definition() {
    for (indicator, text) in sql_texts() {
        assert_eq!(
            declared_version(&text),
            shenguan_metrics::definitions::current(indicator.code),
            "{}.sql",
            indicator.code
        );
    }
    // The one changed so far says so.
    let within = sql_texts()
        .into_iter()
        .find(|(i, _)| i.code == "within_limit_rate")
        .map(|(_, text)| text)
        .unwrap_or_default();
    assert_eq!(declared_version(&within), 2);
}

/// A case as the SQL tables hold it (the columns README.md lists).
#[derive(Debug)]
struct SqlCase {
    case_no: String,
    court_code: String,
    case_type: Option<&'static CaseType>,
    procedure: Option<&'static str>,
    filed_day: i32,
    closed_day: Option<i32>,
    deadline_day: Option<i32>,
    closing_method: Option<String>,
    claim_fen: Option<i64>,
    recovered_fen: Option<i64>,
    extensions: u32,
    excluded_days: u32,
    origin_case_no: Option<String>,
    /// The case's own court (`court_code` may be overwritten to make one network row).
    own_court: String,
    /// The court that hears its appeals, by the numbering rule.
    appeal_court: Option<String>,
}

/// The court above `court` by the numbering rule (湘1402 → 湘14, 湘14 → 湘), as text.
fn appeal_court_of(court: shenguan_domain::CourtCode) -> Option<String> {
    court.default_parent().map(|c| c.to_string())
}

impl SqlCase {
    fn of_record(record: &CaseRecord, deadline: Option<NaiveDate>) -> SqlCase {
        SqlCase {
            case_no: record.case_no.to_string(),
            court_code: record.court.to_string(),
            case_type: record.case_no.case_type(),
            procedure: record.procedure.map(|p| p.label_zh()),
            filed_day: day(record.filed_on),
            closed_day: record.closed_on.map(day),
            deadline_day: deadline.map(day),
            closing_method: record.closing_method.map(|m| m.label_zh().to_string()),
            claim_fen: record.claim_amount.map(|m| m.fen()),
            recovered_fen: record.recovered_amount.map(|m| m.fen()),
            extensions: u32::try_from(record.extensions.len()).expect("few extensions"),
            excluded_days: record.excluded_days(),
            origin_case_no: record.origin_case_no.as_ref().map(ToString::to_string),
            own_court: record.court.to_string(),
            appeal_court: appeal_court_of(record.court),
        }
    }

    fn of_input(case: &CaseInput<'_>) -> SqlCase {
        SqlCase {
            case_no: case.case_no.to_string(),
            court_code: case.court.to_string(),
            case_type: case.type_id.and_then(CaseType::by_id),
            procedure: case.procedure.map(|p| p.label_zh()),
            filed_day: day(case.filed_on),
            closed_day: case.closed_on.map(day),
            deadline_day: case.deadline.map(day),
            closing_method: case.closing_method.map(str::to_string),
            claim_fen: case.claim_fen,
            recovered_fen: case.recovered_fen,
            extensions: case.extensions,
            excluded_days: case.excluded_days,
            origin_case_no: case.origin_case_no.map(str::to_string),
            own_court: case.court.to_string(),
            appeal_court: appeal_court_of(case.court),
        }
    }
}

/// An in-memory SQLite with the tables the SQL files read.
fn database(cases: &[SqlCase], events: &[(String, String, i32)]) -> Connection {
    let mut db = Connection::open_in_memory().expect("sqlite");
    db.execute_batch(
        "CREATE TABLE cases (
             case_no TEXT, court_code TEXT, type_code TEXT, category TEXT, stage TEXT,
             procedure TEXT, filed_day INTEGER, closed_day INTEGER, deadline_day INTEGER,
             closing_method TEXT, claim_fen INTEGER, recovered_fen INTEGER,
             extensions INTEGER, excluded_days INTEGER, origin_case_no TEXT,
             appeal_court TEXT);
         CREATE TABLE events (case_no TEXT, kind TEXT, day INTEGER);
         CREATE TABLE data_courts (court_code TEXT);
         CREATE TABLE periods (period_id INTEGER, from_day INTEGER, to_day INTEGER,
             cut12_day INTEGER, cut18_day INTEGER, cut36_day INTEGER);
         CREATE TABLE days (day INTEGER PRIMARY KEY, plus3m_day INTEGER);
         CREATE TABLE zhongben_findings (case_no TEXT PRIMARY KEY, compliant INTEGER);
         CREATE INDEX cases_by_number ON cases (case_no);
         CREATE INDEX events_by_case ON events (case_no);",
    )
    .expect("schema");
    let tx = db.transaction().expect("transaction");
    {
        let mut insert = tx
            .prepare("INSERT INTO cases VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)")
            .expect("insert cases");
        for c in cases {
            insert
                .execute(params![
                    c.case_no,
                    c.court_code,
                    c.case_type.map(|t| t.code),
                    c.case_type.map(|t| t.category.key()),
                    c.case_type.map(|t| t.stage.key()),
                    c.procedure,
                    c.filed_day,
                    c.closed_day,
                    c.deadline_day,
                    c.closing_method,
                    c.claim_fen,
                    c.recovered_fen,
                    c.extensions,
                    c.excluded_days,
                    c.origin_case_no,
                    c.appeal_court,
                ])
                .expect("case row");
        }
        // The courts of the data, by each case's own court (its number's), whatever code the
        // rows were given.
        let courts: std::collections::BTreeSet<&str> =
            cases.iter().map(|c| c.own_court.as_str()).collect();
        for court in courts {
            tx.execute("INSERT INTO data_courts VALUES (?1)", params![court])
                .expect("court row");
        }
        // The calendar table: each filing day with the day three calendar months later (month
        // ends clamped, as the 终本 checklist counts them).
        let mut insert = tx
            .prepare("INSERT OR IGNORE INTO days VALUES (?1, ?2)")
            .expect("insert days");
        for c in cases {
            let plus3 = NaiveDate::from_num_days_from_ce_opt(c.filed_day)
                .and_then(|d| d.checked_add_months(chrono::Months::new(3)))
                .map(day);
            insert
                .execute(params![c.filed_day, plus3])
                .expect("day row");
        }
        let mut insert = tx
            .prepare("INSERT INTO events VALUES (?1, ?2, ?3)")
            .expect("insert events");
        for (case_no, kind, on) in events {
            insert
                .execute(params![case_no, kind, on])
                .expect("event row");
        }
    }
    tx.commit().expect("commit");
    db
}

/// Replaces the `periods` table's rows.
fn set_periods(db: &Connection, periods: &[(i64, Period)]) {
    db.execute("DELETE FROM periods", [])
        .expect("clear periods");
    for (id, p) in periods {
        let cut = |months| day(months_back(p.to, months));
        db.execute(
            "INSERT INTO periods VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, day(p.from), day(p.to), cut(12), cut(18), cut(36)],
        )
        .expect("period row");
    }
}

/// One SQL file's rows: (period, court) → value.
fn run_sql(db: &Connection, code: &str, sql: &str) -> BTreeMap<(i64, String), Option<f64>> {
    let mut statement = db
        .prepare(sql)
        .unwrap_or_else(|e| panic!("{code}.sql does not prepare: {e}"));
    let rows = statement
        .query_map([], |r| {
            Ok((
                (r.get::<_, i64>(0)?, r.get::<_, String>(1)?),
                r.get::<_, Option<f64>>(2)?,
            ))
        })
        .unwrap_or_else(|e| panic!("{code}.sql does not run: {e}"));
    let mut out = BTreeMap::new();
    for row in rows {
        let (key, value) = row.unwrap_or_else(|e| panic!("{code}.sql row: {e}"));
        assert!(
            out.insert(key.clone(), value).is_none(),
            "{code}.sql gives period {} court {} twice",
            key.0,
            key.1
        );
    }
    out
}

/// The engine's rows for one period grouped by court: court → values of the core indicators.
fn run_engine(cases: &Cases, p: Period) -> BTreeMap<String, Vec<Option<f64>>> {
    let query = Query {
        period: p,
        filter: Filter::default(),
        group_by: vec![Dimension::Court],
        indicators: core_indicators(),
        standards: TimeStandards::default(),
        threads: 1,
    };
    run(cases, &query)
        .expect("engine")
        .rows
        .into_iter()
        .map(|row| (row.group[0].1.clone(), row.values))
        .collect()
}

/// Counts exactly; other values within 1e-9 (relative, or absolute below 1); None exactly.
fn agree(unit: Unit, engine: Option<f64>, sql: Option<f64>) -> bool {
    match (engine, sql) {
        (None, None) => true,
        (Some(e), Some(s)) if unit == Unit::Cases => e == s,
        (Some(e), Some(s)) => (e - s).abs() <= 1e-9 * e.abs().max(s.abs()).max(1.0),
        _ => false,
    }
}

/// What a comparison found.
#[derive(Debug, Default)]
struct Outcome {
    comparisons: usize,
    failures: Vec<String>,
}

impl Outcome {
    fn assert_clean(&self, what: &str) {
        // Values that differ first, rows one side lacks after.
        let mut failures = self.failures.clone();
        failures.sort_by_key(|f| f.contains("no row"));
        assert!(
            self.failures.is_empty(),
            "{what}: {} of {} comparisons differ:\n{}",
            self.failures.len(),
            self.comparisons,
            failures
                .iter()
                .take(40)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// Runs every SQL file once over `periods` (one table) and the engine once per period, and
/// compares every (period, court) row of the engine; a row only the SQL has must be NULL or 0.
fn compare(
    label: &str,
    cases: &Cases,
    db: &Connection,
    sql: &[(&'static Indicator, String)],
    periods: &[(i64, Period)],
    out: &mut Outcome,
) {
    set_periods(db, periods);
    let engine: BTreeMap<(i64, String), Vec<Option<f64>>> = periods
        .iter()
        .flat_map(|(id, p)| {
            run_engine(cases, *p)
                .into_iter()
                .map(move |(court, values)| ((*id, court), values))
        })
        .collect();
    let span = |id: i64| {
        periods
            .iter()
            .find(|(i, _)| *i == id)
            .map_or_else(String::new, |(_, p)| format!("{}..{}", p.from, p.to))
    };
    for (position, (indicator, text)) in sql.iter().enumerate() {
        let code = indicator.code;
        let rows = run_sql(db, code, text);
        for ((id, court), values) in &engine {
            out.comparisons += 1;
            let expected = values[position];
            match rows.get(&(*id, court.clone())) {
                None => out.failures.push(format!(
                    "{label}: {code}, period {id} ({}), court {court}: engine {expected:?}, SQL has no row",
                    span(*id)
                )),
                Some(got) if !agree(indicator.unit, expected, *got) => {
                    out.failures.push(format!(
                        "{label}: {code}, period {id} ({}), court {court}: engine {expected:?}, SQL {got:?}",
                        span(*id)
                    ))
                }
                Some(_) => {}
            }
        }
        for ((id, court), got) in &rows {
            if !engine.contains_key(&(*id, court.clone())) && got.is_some_and(|v| v != 0.0) {
                out.failures.push(format!(
                    "{label}: {code}, period {id} ({}), court {court}: engine has no row, SQL {got:?}",
                    span(*id)
                ));
            }
        }
    }
}

/// Three periods that overlap, one not month-aligned, in one `periods` table.
fn long_periods() -> Vec<(i64, Period)> {
    vec![
        (1, period(date(2023, 1, 1), date(2023, 12, 31))),
        (2, period(date(2024, 1, 1), date(2024, 6, 30))),
        (3, period(date(2023, 3, 15), date(2024, 2, 10))),
    ]
}

/// Every month of 2024 (29 February and month ends clamped by the cut-offs).
fn months_of_2024() -> Vec<(i64, Period)> {
    (1..=12u32)
        .map(|m| {
            let from = date(2024, m, 1);
            let to = if m == 12 {
                date(2024, 12, 31)
            } else {
                date(2024, m + 1, 1).pred_opt().expect("month end")
            };
            (i64::from(m), period(from, to))
        })
        .collect()
}

/// Simulates `seed` and compares every core indicator over the long periods and the months.
fn simulated_network_agrees(seed: u64) {
    let mut params = SimParams::new(seed, date(2021, 1, 1), date(2024, 12, 31));
    params.scale = 0.03;
    let sim = simulate(
        &params,
        &HolidayCalendar::builtin(),
        &TimeLimits::standard(),
    );
    let mut builder = CasesBuilder::with_capacity(sim.len());
    let mut rows = Vec::with_capacity(sim.len());
    // Reviewers' findings on every fifth 终本 case, 合格 and 不合格 in turn: they override the
    // checklist on both sides.
    let mut findings: Vec<(String, bool)> = Vec::new();
    let mut zhongben = 0;
    for index in 0..sim.len() {
        let view = sim.case(index);
        let record = view.to_record().expect("the simulator's numbers parse");
        builder.push_record(&record, view.deadline).expect("courts");
        rows.push(SqlCase::of_record(&record, view.deadline));
        if view.closing_method == Some("终结本次执行") {
            zhongben += 1;
            if zhongben % 5 == 0 {
                let compliant = zhongben % 10 == 0;
                builder.finding(&record.case_no.to_string(), compliant);
                findings.push((record.case_no.to_string(), compliant));
            }
        }
    }
    assert!(findings.len() > 10, "{} findings", findings.len());
    let events: Vec<(String, String, i32)> = sim
        .event_records()
        .iter()
        .map(|e| {
            builder.push_event(e);
            (
                e.case_no.to_string(),
                e.kind.label_zh().to_string(),
                day(e.date),
            )
        })
        .collect();
    let cases = builder.finish();
    let db = database(&rows, &events);
    for (case_no, compliant) in &findings {
        db.execute(
            "INSERT INTO zhongben_findings VALUES (?1, ?2)",
            params![case_no, i64::from(*compliant)],
        )
        .expect("finding row");
    }
    let sql = sql_texts();
    let label = format!("seed {seed}");
    let mut out = Outcome::default();
    compare(&label, &cases, &db, &sql, &long_periods(), &mut out);
    compare(&label, &cases, &db, &sql, &months_of_2024(), &mut out);
    println!(
        "{label}: {} cases, {} courts, {} comparisons of {} indicators over 15 periods",
        cases.len(),
        cases.courts().len(),
        out.comparisons,
        sql.len()
    );
    assert!(out.comparisons > 1000, "{label}: too little data");
    out.assert_clean(&label);
}

/// A hand-made case from a line `case_no court type filed closed method` (`-`: none); the other
/// fields are empty or zero until [`edit`] sets them.
fn case(line: &'static str) -> CaseInput<'static> {
    let fields: Vec<&'static str> = line.split_whitespace().collect();
    let [case_no, court, type_code, filed, closed, method] = fields[..] else {
        panic!("{line}: six fields");
    };
    let on = |text: &str| (text != "-").then(|| text.parse::<NaiveDate>().expect("date"));
    CaseInput {
        case_no,
        court: CourtCode::parse(court).expect("court"),
        type_id: Some(CaseType::id_of(type_code).expect("type")),
        procedure: None,
        division: None,
        judge: None,
        judge_id: None,
        filed_on: on(filed).expect("filed"),
        closed_on: on(closed),
        deadline: None,
        closing_method: (method != "-").then_some(method),
        claim_fen: None,
        recovered_fen: None,
        extensions: 0,
        excluded_days: 0,
        origin_case_no: None,
    }
}

/// Changes the hand-made case `case_no` of `cases`.
fn edit<'a>(cases: &mut [CaseInput<'a>], case_no: &str, change: impl FnOnce(&mut CaseInput<'a>)) {
    change(
        cases
            .iter_mut()
            .find(|c| c.case_no == case_no)
            .expect("case"),
    );
}

/// Loads hand-made cases and events into both sides and compares them over `periods`.
fn hand_made_agrees(
    label: &str,
    inputs: &[CaseInput<'_>],
    events: &[(&str, EventKind, NaiveDate)],
    periods: &[(i64, Period)],
) -> Outcome {
    let mut builder = CasesBuilder::new();
    for input in inputs {
        builder.push(input).expect("courts");
    }
    for (case_no, kind, on) in events {
        builder.event(case_no, *kind, *on);
    }
    let kind_zh = |kind: &EventKind| match kind {
        EventKind::Appeal => "上诉",
        EventKind::FileSentUp => "移送上诉卷宗",
        EventKind::Hearing => "开庭",
        EventKind::Step(step) => step.label_zh(),
    };
    let rows: Vec<SqlCase> = inputs.iter().map(SqlCase::of_input).collect();
    let event_rows: Vec<(String, String, i32)> = events
        .iter()
        .map(|(no, kind, on)| (no.to_string(), kind_zh(kind).to_string(), day(*on)))
        .collect();
    let db = database(&rows, &event_rows);
    let mut out = Outcome::default();
    compare(
        label,
        &builder.finish(),
        &db,
        &sql_texts(),
        periods,
        &mut out,
    );
    println!("{label}: {} comparisons", out.comparisons);
    out
}

fn edge_periods() -> Vec<(i64, Period)> {
    vec![
        (1, period(date(2024, 3, 1), date(2024, 3, 31))),
        (2, period(date(2024, 2, 1), date(2024, 2, 29))),
        (3, period(date(2024, 3, 15), date(2024, 3, 20))),
        (4, period(date(2024, 1, 1), date(2024, 12, 31))),
        (5, period(date(2021, 4, 1), date(2024, 3, 31))),
    ]
}

// ── Tests ───────────────────────────────────────────────────────────────────────────────────────

#[test]
fn every_core_indicator_has_a_sql_file_and_every_file_an_indicator() {
    let files: BTreeSet<String> = std::fs::read_dir(sql_dir())
        .expect("sql/")
        .filter_map(|entry| {
            let name = entry
                .expect("entry")
                .file_name()
                .into_string()
                .expect("utf-8");
            name.strip_suffix(".sql").map(str::to_string)
        })
        .collect();
    for indicator in core_indicators() {
        assert!(
            files.contains(indicator.code),
            "no sql/{}.sql",
            indicator.code
        );
    }
    for code in &files {
        assert!(
            CATALOGUE.iter().any(|i| i.code == code),
            "sql/{code}.sql: no indicator {code} in the catalogue"
        );
    }
    assert!(core_indicators().len() >= 30);
}

/// The text of a CTE (`name AS (` … the line that closes it), if the file has it.
fn cte<'a>(sql: &'a str, name: &str) -> Option<&'a str> {
    let start = sql.find(&format!("\n{name} AS ("))?;
    let rest = &sql[start..];
    let end = rest.find("\n),\n").or_else(|| rest.find("\n)\n"))?;
    Some(&rest[..end])
}

#[test]
fn the_ctes_every_file_shares_are_the_same_text_in_each() {
    // Each file stands alone (a distributed engine runs it as it is), so the shared parts are
    // repeated: they must not drift apart.
    let texts = sql_texts();
    for name in ["appeal", "sent", "active"] {
        let mut seen: Option<(&str, &str)> = None;
        for (indicator, text) in &texts {
            let part = cte(text, name)
                .unwrap_or_else(|| panic!("{}.sql has no CTE {name}", indicator.code));
            match seen {
                None => seen = Some((indicator.code, part)),
                Some((first, shared)) => assert_eq!(
                    part, shared,
                    "CTE {name} of {}.sql differs from {first}.sql",
                    indicator.code
                ),
            }
        }
    }
}

#[test]
fn the_sql_agrees_with_the_engine_on_seed_1() {
    simulated_network_agrees(1);
}

#[test]
fn the_sql_agrees_with_the_engine_on_seed_2() {
    simulated_network_agrees(2);
}

#[test]
fn the_sql_agrees_with_the_engine_on_seed_3() {
    simulated_network_agrees(3);
}

/// Boundaries and data the simulator never makes: methods with spaces or none, origins outside
/// the data, several appeals of one case, days on every cut-off.
#[test]
fn the_sql_agrees_with_the_engine_on_edge_cases() {
    let d = date;
    let mut cases: Vec<CaseInput<'static>> = [
        // Carried over into March or not: closed the day before, or on the first day.
        "A-old-1  湘1402  民初  2024-01-01  2024-02-29  判决",
        "A-old-2  湘1402  民初  2024-01-01  2024-03-01  调解",
        // Pending on 2024-03-31, filed on the 12-month cut-off (not older) and the day before.
        "A-age-1  湘1402  民初  2023-03-31  -           -",
        "A-age-2  湘1402  民初  2023-03-30  -           -",
        // February's 12-month cut-off is 2023-02-28 (29 February clamped).
        "A-age-3  湘1402  民初  2023-02-28  2024-03-02  撤诉",
        "A-age-4  湘1402  民初  2023-02-27  2024-03-02  按撤诉处理",
        // Filed and closed on one day, inside the six-day period.
        "A-day    湘1402  民初  2024-03-15  2024-03-15  驳回起诉",
        // First-time enforcement: filed on the 36-month cut-off of 2024-03-31 (out of the
        // cohort), the day after (in it, closed 终本), closed with no method, 销案, 不予执行.
        "B-zhi-1  湘1403  执    2021-03-31  2024-03-05  执行完毕",
        "B-zhi-2  湘1403  执    2021-04-01  2024-01-05  终结本次执行",
        "B-zhi-3  湘1403  执    2024-02-01  2024-03-18  -",
        "B-zhi-4  湘1403  执    2024-02-01  2024-03-19  销案",
        "B-zhi-5  湘1403  执    2024-02-01  2024-03-20  不予执行",
        "B-zhi-6  湘1403  执恢  2024-02-01  2024-03-20  执行完毕",
        // A dispute: first instance → appeal (remanded) → new first instance → enforcement; and
        // an enforcement whose origin is not in the data (a dispute of its own).
        "B-f1     湘1403  民初  2024-03-02  2024-03-10  判决",
        "M-a1     湘14    民终  2024-03-12  2024-03-16  发回重审",
        "B-f2     湘1403  民初  2024-03-17  2024-03-25  判决",
        "B-e1     湘1403  执    2024-03-26  -           -",
        "B-e2     湘1403  执    2024-03-03  -           -",
        // A first instance with a pending appeal (listed first) and one decided 改判.
        "A-f3     湘1402  民初  2023-06-01  2023-09-01  判决",
        "M-a2     湘14    民终  2023-10-01  -           -",
        "M-a3     湘14    民终  2023-10-02  2024-03-16  改判",
        // A first instance brought to retrial review; one whose file was sent up in 2022.
        "A-f4     湘1402  民初  2023-06-01  2024-03-16  不予受理",
        "M-r1     湘14    民申  2024-03-20  -           -",
        "A-f5     湘1402  刑初  2022-01-01  2022-02-01  判决",
        // A court whose only trace in March is an appeal decided on its old case.
        "C-f6     湘1404  民初  2022-01-01  2022-02-01  判决",
        "M-a4     湘14    民终  2022-03-01  2024-03-17  改判",
    ]
    .into_iter()
    .map(case)
    .collect();
    edit(&mut cases, "A-old-1", |c| c.deadline = Some(d(2024, 2, 29)));
    edit(&mut cases, "A-old-2", |c| {
        c.closing_method = Some(" 调解 ");
        c.deadline = Some(d(2024, 2, 29));
        c.extensions = 1;
        c.claim_fen = Some(50_000);
    });
    edit(&mut cases, "A-age-3", |c| {
        c.deadline = Some(d(2024, 3, 2));
        c.excluded_days = 40;
        c.procedure = Some(Procedure::Simple);
    });
    edit(&mut cases, "A-day", |c| {
        c.procedure = Some(Procedure::SmallClaims)
    });
    edit(&mut cases, "B-zhi-1", |c| {
        c.deadline = Some(d(2024, 3, 5));
        c.claim_fen = Some(100_000);
        c.recovered_fen = Some(100_000);
    });
    edit(&mut cases, "B-zhi-3", |c| c.claim_fen = Some(30_000));
    edit(&mut cases, "B-zhi-6", |c| {
        c.claim_fen = Some(20_000);
        c.recovered_fen = Some(5_000);
    });
    edit(&mut cases, "B-f1", |c| c.claim_fen = Some(1_000));
    edit(&mut cases, "M-a1", |c| c.origin_case_no = Some("B-f1"));
    edit(&mut cases, "B-f2", |c| {
        c.origin_case_no = Some(" M-a1 ");
        c.claim_fen = Some(1_000);
    });
    edit(&mut cases, "B-e1", |c| c.origin_case_no = Some("B-f2"));
    edit(&mut cases, "B-e2", |c| {
        c.origin_case_no = Some("not in the data")
    });
    edit(&mut cases, "M-a2", |c| c.origin_case_no = Some("A-f3"));
    edit(&mut cases, "M-a3", |c| c.origin_case_no = Some("A-f3"));
    edit(&mut cases, "M-r1", |c| c.origin_case_no = Some("A-f4"));
    edit(&mut cases, "M-a4", |c| c.origin_case_no = Some("C-f6"));
    let events = [
        ("A-f5", EventKind::Appeal, d(2022, 2, 10)),
        ("A-f5", EventKind::FileSentUp, d(2022, 3, 1)),
        ("A-f5", EventKind::FileSentUp, d(2022, 2, 20)),
        ("no such case", EventKind::Appeal, d(2024, 3, 1)),
    ];
    let mut periods = edge_periods();
    periods.push((6, period(date(2022, 2, 15), date(2022, 2, 25))));
    hand_made_agrees("edge cases", &cases, &events, &periods).assert_clean("edge cases");
}

/// Of two appeals of one case, the one closed first decides (counters: "the earliest-closed
/// appeal decides"), whatever the order of the rows and whether or not its closing method is one
/// the indicators single out. Here the first appeal ends by a method of class `Other` (准予撤回上诉)
/// and the second, closed later, is decided 改判: the case was not reversed on appeal, and the
/// court's reversal rate for March 2024 is 0 % (one first instance closed in March, none reversed).
#[test]
fn the_earliest_closed_appeal_decides_whatever_the_row_order() {
    let [first, other, mut withdrawn, mut reversed] = [
        "A-f  湘1402  民初  2023-06-01  2023-09-01  判决",
        "A-g  湘1402  民初  2024-03-01  2024-03-10  判决",
        "M-a  湘14    民终  2023-10-01  2024-03-05  准予撤回上诉",
        "M-b  湘14    民终  2023-10-02  2024-03-20  改判",
    ]
    .map(case);
    withdrawn.origin_case_no = Some("A-f");
    reversed.origin_case_no = Some("A-f");
    let periods = edge_periods();
    let mut all = hand_made_agrees(
        "appeals in filing order",
        &[first, other, withdrawn, reversed],
        &[],
        &periods,
    );
    let backward = hand_made_agrees(
        "appeals in reverse order",
        &[first, other, reversed, withdrawn],
        &[],
        &periods,
    );
    all.comparisons += backward.comparisons;
    all.failures.extend(backward.failures);
    all.assert_clean("earliest-closed appeal");
}

/// The SQL over the hand-worked table gives the values worked out by hand (`by_hand/expected.rs`)
/// for every core indicator: the whole network (every case given one court code, so that each
/// file's rows by court are the network's), each court, the year before and every month.
#[test]
fn the_sql_gives_the_hand_worked_values() {
    let cases = hand_table::cases();
    let events: Vec<(String, String, i32)> = hand_table::events()
        .iter()
        .map(|e| {
            (
                e.case_no.to_string(),
                e.kind.label_zh().to_string(),
                day(e.date),
            )
        })
        .collect();
    let rows = |one_court: Option<&str>| -> Vec<SqlCase> {
        cases
            .iter()
            .map(|c| {
                let mut row = SqlCase::of_record(&c.record, c.deadline);
                if let Some(code) = one_court {
                    row.court_code = code.to_string();
                }
                row
            })
            .collect()
    };
    let sql: BTreeMap<&str, String> = sql_texts()
        .into_iter()
        .map(|(i, text)| (i.code, text))
        .collect();
    let (from, to) = hand_table::year();
    let year = period(from, to);
    let mut out = Outcome::default();
    // Compares the SQL's row (period, court) of each worked indicator that has a file; returns
    // how many were compared.
    let mut check =
        |label: &str, db: &Connection, key: (i64, &str), hands: &[hand_expected::Hand]| -> usize {
            let mut compared = 0;
            for hand in hands {
                let Some(text) = sql.get(hand.code) else {
                    continue;
                };
                let unit = shenguan_metrics::indicator(hand.code)
                    .expect("indicator")
                    .unit;
                let got = run_sql(db, hand.code, text)
                    .get(&(key.0, key.1.to_string()))
                    .copied()
                    .flatten();
                out.comparisons += 1;
                compared += 1;
                // A value undefined by hand (NaN) is no value.
                let worked = Some(hand.value).filter(|v| !v.is_nan());
                if !agree(unit, worked, got) {
                    out.failures.push(format!(
                        "{label} {}: by hand {}, SQL {got:?}",
                        hand.code, hand.value
                    ));
                }
            }
            compared
        };

    let network = database(&rows(Some("全网")), &events);
    set_periods(&network, &[(1, year), (2, year.year_earlier())]);
    let compared = check("2025", &network, (1, "全网"), &hand_expected::network());
    assert_eq!(
        compared,
        sql.len(),
        "every SQL file held to its hand-worked value"
    );
    let earlier = hand_expected::year_earlier();
    assert_eq!(
        check("2024", &network, (2, "全网"), &earlier),
        earlier.len(),
        "each value of the year before held to its SQL file"
    );

    let months: Vec<(i64, Period)> = (1..=12u32)
        .map(|m| {
            let first = date(2025, m, 1);
            let last = date(2025 + i32::from(m == 12), m % 12 + 1, 1)
                .pred_opt()
                .expect("month end");
            (i64::from(m), period(first, last))
        })
        .collect();
    set_periods(&network, &months);
    for ((id, _), (month, closed)) in months.iter().zip(hand_expected::closed_by_month()) {
        let closed = [hand_expected::Hand {
            code: "closed",
            value: closed as f64,
        }];
        assert_eq!(
            check(month, &network, (*id, "全网"), &closed),
            1,
            "{month}: the closings held to their SQL file"
        );
    }

    let by_court = database(&rows(None), &events);
    set_periods(&by_court, &[(1, year)]);
    for (court, hands) in hand_expected::by_court() {
        let compared = check(court, &by_court, (1, court), &hands);
        assert!(compared > 0, "{court}: no worked value has an SQL file");
    }
    println!("hand-worked table: {} comparisons", out.comparisons);
    out.assert_clean("hand-worked table");
}
