//! A register with known answers, counted by hand below.

use chrono::NaiveDate;
use shenguan_domain::petition::{Channel, Level, Petition, Petitioner, Route, Screening, Subject};
use shenguan_domain::{CaseNumber, CourtCode, IdNumber};

use super::*;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn n(text: &str) -> Day {
    chrono::Datelike::num_days_from_ce(&d(text))
}

/// Resident numbers with valid check characters, one per person.
const IDS: [&str; 5] = [
    "43010219800101109X",
    "430102199002021235",
    "110101199003070011",
    "110101199003071778",
    "110101199003073394",
];

fn person(name: &str, id: Option<usize>) -> Petitioner {
    let number = id.map(|i| IdNumber::parse(IDS[i]).expect("a number"));
    Petitioner {
        name: name.into(),
        identity: number.as_ref().map(|x| x.key(b"secret")),
        masked: number.as_ref().map(IdNumber::masked),
    }
}

fn petition(
    no: &str,
    court: &str,
    day: &str,
    channel: Channel,
    subject: Subject,
    who: Petitioner,
    case: Option<&str>,
) -> Petition {
    let mut p = Petition::received(
        CourtCode::parse(court).expect("court"),
        no,
        d(day),
        channel,
        subject,
    );
    p.petitioners.push(who);
    p.cases = case
        .map(|c| vec![CaseNumber::parse(c, 2026).expect("case")])
        .unwrap_or_default();
    p
}

const X: &str = "（2025）湘1402执10号";

/// P1–P9 of the module's comment in the test below.
fn register() -> Vec<Petition> {
    let wang = || person("王某", Some(0));
    let mut p1 = petition(
        "1",
        "湘1402",
        "2026-01-05",
        Channel::Visit,
        Subject::Enforcement,
        wang(),
        Some(X),
    );
    p1.accepted_on = Some(d("2026-01-06"));
    p1.replied_on = Some(d("2026-01-20"));
    let mut p2 = petition(
        "2",
        "湘1402",
        "2026-02-10",
        Channel::Letter,
        Subject::Enforcement,
        wang(),
        Some(X),
    );
    p2.level = Level::Province;
    let mut p3 = petition(
        "3",
        "湘1402",
        "2026-05-10",
        Channel::Visit,
        Subject::Enforcement,
        wang(),
        Some(X),
    );
    p3.level = Level::Beijing;
    p3.head_count = 6;
    let mut p4 = petition(
        "4",
        "湘1402",
        "2026-01-20",
        Channel::Visit,
        Subject::Judgment,
        person("李某", None),
        Some("（2025）湘1402民初3号"),
    );
    p4.screening = Some(Screening::Litigation);
    p4.route = Some(Route::Retrial);
    p4.routed_case = Some(CaseNumber::parse("（2026）湘14民申2号", 2026).expect("case"));
    let mut p5 = petition(
        "5",
        "湘1402",
        "2026-03-01",
        Channel::Letter,
        Subject::Conduct,
        person("赵某", Some(1)),
        None,
    );
    p5.screening = Some(Screening::Petition);
    p5.replied_on = Some(d("2026-03-10"));
    let z = "（2025）湘1403执5号";
    let mut p6 = petition(
        "6",
        "湘1403",
        "2026-03-15",
        Channel::Visit,
        Subject::Enforcement,
        person("孙某", Some(2)),
        Some(z),
    );
    p6.level = Level::Circuit;
    p6.circuit = Some(2);
    p6.ended_on = Some(d("2026-04-01"));
    p6.ended_by = Some("湖南省高级人民法院".into());
    let p7 = petition(
        "7",
        "湘1403",
        "2026-04-15",
        Channel::Visit,
        Subject::Enforcement,
        person("孙某", Some(2)),
        Some(z),
    );
    let mut p8 = petition(
        "8",
        "湘1402",
        "2025-06-01",
        Channel::Letter,
        Subject::Enforcement,
        person("周某", Some(3)),
        Some("（2025）湘1402执1号"),
    );
    p8.resolved_on = Some(d("2026-02-15"));
    p8.resolution = Some("执行和解".into());
    let p9 = petition(
        "9",
        "湘1402",
        "2025-09-01",
        Channel::Letter,
        Subject::Other,
        person("吴某", Some(4)),
        Some("（2025）湘1402民初9号"),
    );
    vec![p1, p2, p3, p4, p5, p6, p7, p8, p9]
}

fn court(code: &'static str) -> impl Fn(&str, Option<&str>) -> bool {
    move |c, _| c == code
}

#[test]
fn the_register_counts_as_computed_by_hand() {
    let columns = PetitionColumns::build(&register(), &PetitionRules::default());
    let half = columns.counts(&court("湘1402"), n("2026-01-01"), n("2026-06-30"));
    let expect = [
        // P1–P5; P8 and P9 came in 2025.
        (Measure::Received, 5),
        (Measure::Persons, 10),
        (Measure::Visits, 3),
        (Measure::GroupVisits, 1),
        (Measure::ToProvince, 1),
        (Measure::ToBeijing, 1),
        (Measure::ToCircuit, 0),
        (Measure::Repeat, 2),
        (Measure::Screened, 2),
        (Measure::Routed, 1),
        // P1, P2, P3 (P4's case is civil); only P1 replied to by the half's end.
        (Measure::Enforcement, 3),
        (Measure::EnforcementConcluded, 1),
        // 王's, 李's, 赵's; 王's was brought again in February.
        (Measure::NewMatters, 3),
        (Measure::BecameOld, 1),
        // 王's from its third petition (10 May); 吴's from 180 days (28 February 2026); 周's was
        // resolved on 15 February.
        (Measure::Backlog, 2),
        (Measure::BacklogWorked, 3),
        (Measure::BacklogResolved, 1),
    ];
    for (measure, value) in expect {
        assert_eq!(half.get(measure), value, "{measure:?}");
    }
    // The first quarter: P1, P2, P4, P5; 王's matter not yet backlog at its end.
    let quarter = columns.counts(&court("湘1402"), n("2026-01-01"), n("2026-03-31"));
    assert_eq!(quarter.get(Measure::Received), 4);
    assert_eq!(quarter.get(Measure::Enforcement), 2);
    assert_eq!(quarter.get(Measure::EnforcementConcluded), 1);
    assert_eq!(quarter.get(Measure::Backlog), 1);
    // 湘1403: P6 went to the second circuit court and was ended by law on 1 April; P7, brought
    // after the ending, is not counted, and the matter did not become an old one.
    let other = columns.counts(&court("湘1403"), n("2026-01-01"), n("2026-06-30"));
    assert_eq!(other.get(Measure::Received), 1);
    assert_eq!(other.get(Measure::ToCircuit), 1);
    assert_eq!(other.get(Measure::EnforcementConcluded), 1);
    assert_eq!(other.get(Measure::NewMatters), 1);
    assert_eq!(other.get(Measure::BecameOld), 0);
    // The network: both courts.
    let all = columns.counts(&|_, _| true, n("2026-01-01"), n("2026-06-30"));
    assert_eq!(all.get(Measure::Received), 6);
}

#[test]
fn an_answered_matter_is_not_backlog_by_age_and_the_register_survives_a_snapshot() {
    let columns = PetitionColumns::build(&register(), &PetitionRules::default());
    // At the year's end: 王's (three petitions) and 吴's (unanswered for 180 days); not 赵's,
    // answered on 10 March, nor 李's, routed into procedure, though both are older than 180 days.
    let year = columns.counts(&court("湘1402"), n("2026-01-01"), n("2026-12-31"));
    assert_eq!(year.get(Measure::Backlog), 2);

    let dir = shenguan_testkit::TempDir::new("petition-snapshot");
    let path = dir.join("columns.bin");
    let mut cases = crate::CasesBuilder::new().finish();
    cases.set_petitions(columns.clone());
    crate::snapshot::write(&cases, &path).expect("written");
    for read in [crate::snapshot::read, crate::snapshot::read_for_counting] {
        let back = read(&path).expect("read");
        assert_eq!(back.petitions(), &columns);
    }
}
