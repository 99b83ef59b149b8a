//! The hand-worked petition register of the table's two courts (`table.rs`), for 2025; the values
//! follow in `expected.rs`.

use chrono::NaiveDate;
use shenguan_domain::CaseNumber;

fn date(text: &str) -> NaiveDate {
    text.parse()
        .unwrap_or_else(|e| panic!("{text}: not a date ({e})"))
}

fn number(text: &str) -> CaseNumber {
    CaseNumber::parse(text, 2026).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

/// The petition register of the two courts: ten petitions, R1–R10, of seven matters.
///
/// - R1–R3: 王某 (an identity number) about 1402执1, to 湘1402: R1 a visit on 02-03, answered
///   on 02-20; R2 a letter on 03-10 that went to the province; R3 a group visit of six on 06-02
///   that went to Beijing — the matter's third petition, backlog from that day.
/// - R4: 李某 (no number) about 1402民初1, a visit on 04-01 screened as 诉 and routed to appeal.
/// - R5: 赵某, online on 05-05 about conduct (no case), screened as 访, answered 05-20.
/// - R6–R7: 孙某 about 14执1, to 湘14: R6 a visit on 03-03 that went to the second circuit court,
///   ended by law on 04-10; R7 a visit on 05-06, after the ending: not counted.
/// - R8: 周某 about 1402执101, a letter of 2024-05-06, never answered: backlog by age from
///   2024-11-02; resolved (化解) on 2025-03-01.
/// - R9: 吴某 about 14民初101, a letter of 2024-10-08, never answered: backlog from 2025-04-06.
/// - R10: 钱某 (no number) on the hotline on 11-03 about litigation services, to 湘14, screened
///   as 访.
pub fn petitions() -> Vec<shenguan_domain::petition::Petition> {
    use shenguan_domain::petition::{
        Channel, Level, Petition, Petitioner, Route, Screening, Subject,
    };
    use shenguan_domain::{CourtCode, IdNumber};
    let person = |name: &str, id: Option<&str>| {
        let number = id.map(|n| IdNumber::parse(n).expect("a valid identity number"));
        Petitioner {
            name: name.into(),
            identity: number.as_ref().map(|x| x.key(b"hand-worked")),
            masked: number.as_ref().map(IdNumber::masked),
        }
    };
    let wang = || person("王某", Some("43010219800101109X"));
    let sun = || person("孙某", Some("430102199002021235"));
    let one = |no: &str,
               court: &str,
               day: &str,
               channel: Channel,
               subject: Subject,
               who: Petitioner,
               case: Option<&str>| {
        let mut p = Petition::received(
            CourtCode::parse(court).expect("court"),
            no,
            date(day),
            channel,
            subject,
        );
        p.petitioners.push(who);
        p.cases = case.map(|c| vec![number(c)]).unwrap_or_default();
        p
    };
    let mut r1 = one(
        "R1",
        "湘1402",
        "2025-02-03",
        Channel::Visit,
        Subject::Enforcement,
        wang(),
        Some("（2025）湘1402执1号"),
    );
    r1.accepted_on = Some(date("2025-02-04"));
    r1.replied_on = Some(date("2025-02-20"));
    r1.outcome = Some(shenguan_domain::petition::Outcome::Explained);
    let mut r2 = one(
        "R2",
        "湘1402",
        "2025-03-10",
        Channel::Letter,
        Subject::Enforcement,
        wang(),
        Some("（2025）湘1402执1号"),
    );
    r2.level = Level::Province;
    let mut r3 = one(
        "R3",
        "湘1402",
        "2025-06-02",
        Channel::Visit,
        Subject::Enforcement,
        wang(),
        Some("（2025）湘1402执1号"),
    );
    r3.level = Level::Beijing;
    r3.head_count = 6;
    let mut r4 = one(
        "R4",
        "湘1402",
        "2025-04-01",
        Channel::Visit,
        Subject::Judgment,
        person("李某", None),
        Some("（2025）湘1402民初1号"),
    );
    r4.screening = Some(Screening::Litigation);
    r4.route = Some(Route::Appeal);
    r4.routed_case = Some(number("（2025）湘14民终1号"));
    let mut r5 = one(
        "R5",
        "湘1402",
        "2025-05-05",
        Channel::Online,
        Subject::Conduct,
        person("赵某", Some("110101199003070011")),
        None,
    );
    r5.screening = Some(Screening::Petition);
    r5.replied_on = Some(date("2025-05-20"));
    r5.outcome = Some(shenguan_domain::petition::Outcome::Explained);
    let mut r6 = one(
        "R6",
        "湘14",
        "2025-03-03",
        Channel::Visit,
        Subject::Enforcement,
        sun(),
        Some("（2025）湘14执1号"),
    );
    r6.level = Level::Circuit;
    r6.circuit = Some(2);
    r6.ended_on = Some(date("2025-04-10"));
    r6.ended_by = Some("湖南省高级人民法院".into());
    let r7 = one(
        "R7",
        "湘14",
        "2025-05-06",
        Channel::Visit,
        Subject::Enforcement,
        sun(),
        Some("（2025）湘14执1号"),
    );
    let mut r8 = one(
        "R8",
        "湘1402",
        "2024-05-06",
        Channel::Letter,
        Subject::Enforcement,
        person("周某", Some("110101199003071778")),
        Some("（2024）湘1402执101号"),
    );
    r8.resolved_on = Some(date("2025-03-01"));
    r8.resolution = Some("执行和解".into());
    let r9 = one(
        "R9",
        "湘14",
        "2024-10-08",
        Channel::Letter,
        Subject::Other,
        person("吴某", Some("110101199003073394")),
        Some("（2024）湘14民初101号"),
    );
    let mut r10 = one(
        "R10",
        "湘14",
        "2025-11-03",
        Channel::Hotline,
        Subject::Service,
        person("钱某", None),
        None,
    );
    r10.screening = Some(Screening::Petition);
    vec![r1, r2, r3, r4, r5, r6, r7, r8, r9, r10]
}

/// The applications for judicial assistance of the two courts, A1–A5:
///
/// - A1: 王某 (R1–R3's number) at 湘1402, applied 2025-04-01, granted 30,000.00 on 04-20, paid
///   05-10 — and he petitioned again (R3, 06-02): not stopped.
/// - A2: 赵某 (R5's number) at 湘1402, applied 06-01, granted 12,000.50 on 06-15, paid 07-01; no
///   petition of hers after: stopped.
/// - A3: 孙某 at 湘14, applied 05-01, refused 05-20.
/// - A4: 钱某 (no number) at 湘1402, applied 08-01, granted 8,000.00 on 08-20, paid 09-01: not
///   counted for 救助后息访率 (whether she petitioned again cannot be told).
/// - A5: 吴某 at 湘14, applied 2024-11-01, granted 5,000.00 on 2024-12-01, paid 2024-12-20: the
///   year before.
pub fn assistance() -> Vec<shenguan_domain::assistance::Assistance> {
    use shenguan_domain::assistance::{Assistance, Decision};
    use shenguan_domain::{IdNumber, Money};
    let key = |n: &str| {
        IdNumber::parse(n)
            .expect("a valid identity number")
            .key(b"hand-worked")
    };
    let one = |no: &str,
               name: &str,
               id: Option<&str>,
               applied: &str,
               decided: Option<(&str, bool)>,
               amount_fen: Option<i64>,
               paid: Option<&str>| {
        let case_no = number(no);
        Assistance {
            court: case_no.court().expect("a court"),
            case_no,
            applicant: name.into(),
            identity: id.map(key),
            masked: None,
            applied_on: date(applied),
            origin_cases: Vec::new(),
            decided_on: decided.map(|(d, _)| date(d)),
            decision: decided.map(|(_, granted)| {
                if granted {
                    Decision::Granted
                } else {
                    Decision::Refused
                }
            }),
            amount: amount_fen.map(Money::from_fen),
            over_cap_reason: None,
            paid_on: paid.map(date),
        }
    };
    vec![
        one(
            "（2025）湘1402司救执1号",
            "王某",
            Some("43010219800101109X"),
            "2025-04-01",
            Some(("2025-04-20", true)),
            Some(3_000_000),
            Some("2025-05-10"),
        ),
        one(
            "（2025）湘1402司救访2号",
            "赵某",
            Some("110101199003070011"),
            "2025-06-01",
            Some(("2025-06-15", true)),
            Some(1_200_050),
            Some("2025-07-01"),
        ),
        one(
            "（2025）湘14司救执1号",
            "孙某",
            Some("430102199002021235"),
            "2025-05-01",
            Some(("2025-05-20", false)),
            None,
            None,
        ),
        one(
            "（2025）湘1402司救民3号",
            "钱某",
            None,
            "2025-08-01",
            Some(("2025-08-20", true)),
            Some(800_000),
            Some("2025-09-01"),
        ),
        one(
            "（2024）湘14司救访1号",
            "吴某",
            None,
            "2024-11-01",
            Some(("2024-12-01", true)),
            Some(500_000),
            Some("2024-12-20"),
        ),
    ]
}
