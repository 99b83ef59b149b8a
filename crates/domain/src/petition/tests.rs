use chrono::NaiveDate;

use super::limits::{Awaited, Due, LimitRules, PetitionTier, due, tier};
use super::matters::{matters, repeats};
use super::*;
use crate::{HolidayCalendar, IdNumber};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn court() -> CourtCode {
    CourtCode::parse("湘1402").expect("court")
}

fn petition(no: &str, day: &str, subject: Subject) -> Petition {
    Petition::received(court(), no, d(day), Channel::Visit, subject)
}

fn person(name: &str, id: Option<&str>) -> Petitioner {
    let number = id.map(|n| IdNumber::parse(n).expect("an identity number"));
    Petitioner {
        name: name.into(),
        identity: number.as_ref().map(|n| n.key(b"secret")),
        masked: number.as_ref().map(IdNumber::masked),
    }
}

fn case(number: &str) -> CaseNumber {
    CaseNumber::parse(number, 2026).expect("a case number")
}

#[test]
fn every_name_reads_back_from_its_chinese_its_key_and_its_other_names() {
    for channel in Channel::ALL {
        assert_eq!(Channel::parse(channel.label_zh()), Ok(*channel));
        assert_eq!(Channel::parse(channel.key()), Ok(*channel));
    }
    for level in Level::ALL {
        assert_eq!(Level::parse(level.label_zh()), Ok(*level));
    }
    assert_eq!(Level::parse("进京访"), Ok(Level::Beijing));
    assert_eq!(Channel::parse(" 12368 "), Ok(Channel::Hotline));
    assert_eq!(Outcome::parse("不支持"), Ok(Outcome::NotSupported));
    let unknown = Subject::parse("拆迁").expect_err("not a subject");
    assert!(unknown.text().zh().contains("不服裁判"), "{unknown}");
}

#[test]
fn a_petition_about_an_enforcement_case_is_an_enforcement_petition() {
    let mut p = petition("1", "2026-03-02", Subject::Judgment);
    assert!(!p.is_enforcement());
    p.cases.push(case("（2025）湘1402执100号"));
    assert!(p.is_enforcement());
    let q = petition("2", "2026-03-02", Subject::Enforcement);
    assert!(q.is_enforcement());
}

#[test]
fn the_step_awaited_and_its_day_follow_the_regulation() {
    let calendar = HolidayCalendar::builtin();
    let rules = LimitRules::default();
    // Received Monday 2026-03-02: acceptance within 15 days.
    let mut p = petition("1", "2026-03-02", Subject::Judgment);
    assert_eq!(
        due(&p, &rules, &calendar),
        Some(Due {
            awaited: Awaited::Acceptance,
            on: d("2026-03-17")
        })
    );
    // Accepted on the 10th: replied within 60 days of it, 30 more when extended.
    p.accepted_on = Some(d("2026-03-10"));
    assert_eq!(
        due(&p, &rules, &calendar).map(|d| (d.awaited, d.on)),
        Some((Awaited::Reply, d("2026-05-09")))
    );
    p.extended = true;
    assert_eq!(
        due(&p, &rules, &calendar).map(|d| d.on),
        Some(d("2026-06-08"))
    );
    // Replied: nothing awaited, until a 复查 is asked; a 复核 comes before it.
    p.replied_on = Some(d("2026-05-01"));
    assert_eq!(due(&p, &rules, &calendar), None);
    p.review_asked_on = Some(d("2026-05-20"));
    assert_eq!(
        due(&p, &rules, &calendar).map(|d| (d.awaited, d.on)),
        Some((Awaited::Review, d("2026-06-19")))
    );
    p.review_replied_on = Some(d("2026-06-10"));
    p.recheck_asked_on = Some(d("2026-06-20"));
    assert_eq!(
        due(&p, &rules, &calendar).map(|d| d.awaited),
        Some(Awaited::Recheck)
    );
    // Ended by law: nothing more is awaited.
    p.ended_on = Some(d("2026-06-25"));
    assert_eq!(due(&p, &rules, &calendar), None);
}

#[test]
fn an_enforcement_petition_is_registered_in_five_working_days_and_concluded_in_thirty() {
    let calendar = HolidayCalendar::builtin();
    let rules = LimitRules::default();
    // Received Wednesday 2026-09-30: 1 to 7 October are the National Day holiday and Saturday
    // 10 October a make-up working day, so the working days after it are 8, 9, 10, 12 and 13
    // October.
    let mut p = petition("1", "2026-09-30", Subject::Enforcement);
    assert_eq!(
        due(&p, &rules, &calendar),
        Some(Due {
            awaited: Awaited::Acceptance,
            on: d("2026-10-13")
        })
    );
    p.accepted_on = Some(d("2026-10-09"));
    assert_eq!(
        due(&p, &rules, &calendar).map(|d| (d.awaited, d.on)),
        Some((Awaited::Reply, d("2026-10-30")))
    );
}

#[test]
fn a_petition_routed_into_procedure_awaits_nothing_once_its_route_is_recorded() {
    let calendar = HolidayCalendar::builtin();
    let mut p = petition("1", "2026-03-02", Subject::Judgment);
    p.screening = Some(Screening::Litigation);
    p.route = Some(Route::Retrial);
    assert!(due(&p, &LimitRules::default(), &calendar).is_some());
    assert!(!p.concluded_by(d("2026-12-31")));
    p.routed_case = Some(case("（2026）湘14民申5号"));
    assert_eq!(due(&p, &LimitRules::default(), &calendar), None);
    assert!(p.concluded_by(d("2026-03-02")));
    assert!(!p.concluded_by(d("2026-03-01")));
}

#[test]
fn tiers_count_the_days_left() {
    let on = d("2026-03-17");
    assert_eq!(tier(on, d("2026-03-18")), Some(PetitionTier::Overdue));
    assert_eq!(tier(on, d("2026-03-17")), Some(PetitionTier::Within3Days));
    assert_eq!(tier(on, d("2026-03-14")), Some(PetitionTier::Within3Days));
    assert_eq!(tier(on, d("2026-03-13")), Some(PetitionTier::Within7Days));
    assert_eq!(tier(on, d("2026-03-10")), Some(PetitionTier::Within7Days));
    assert_eq!(tier(on, d("2026-03-09")), None);
}

/// A register with known answers: two spellings of one identity number, a name shared by two
/// people, petitions with and without cases.
fn register() -> Vec<Petition> {
    let wang = person("王某", Some("43010219800101109X"));
    // The same number with a lower-case check letter and a space: the same person.
    let wang_again = person("王某某", Some("430102 19800101109x"));
    let li = person("李某", None);
    let other_li = person("李某", Some("430102199002021235"));
    let mut all = Vec::new();
    // 0, 1, 2: 王 about case A three times (the second under another spelling of his name).
    for (no, day, who) in [
        ("1", "2026-01-05", &wang),
        ("2", "2026-02-10", &wang_again),
        ("3", "2026-05-10", &wang),
    ] {
        let mut p = petition(no, day, Subject::Judgment);
        p.petitioners.push(who.clone());
        p.cases.push(case("（2025）湘1402民初1号"));
        all.push(p);
    }
    // 3: 李 (no number) about case B; 4: 李 with a number about case B — one matter by name.
    for (no, day, who) in [("4", "2026-01-20", &li), ("5", "2026-03-01", &other_li)] {
        let mut p = petition(no, day, Subject::Enforcement);
        p.petitioners.push(who.clone());
        p.cases.push(case("（2025）湘1402执2号"));
        all.push(p);
    }
    // 5, 6: 王 about no case, on conduct twice: one matter; 7: on delay, another.
    for (no, day, subject) in [
        ("6", "2026-04-01", Subject::Conduct),
        ("7", "2026-04-20", Subject::Conduct),
        ("8", "2026-04-21", Subject::Delay),
    ] {
        let mut p = petition(no, day, subject);
        p.petitioners.push(wang.clone());
        all.push(p);
    }
    // 8: 李 without a number about no case: a name alone joins nothing.
    let mut p = petition("9", "2026-04-22", Subject::Delay);
    p.petitioners.push(li.clone());
    all.push(p);
    all
}

#[test]
fn petitions_come_together_into_matters_by_person_and_case() {
    let register = register();
    let found = matters(&register);
    assert_eq!(
        found,
        vec![vec![0, 1, 2], vec![3, 4], vec![5, 6], vec![7], vec![8]]
    );
    let repeat = repeats(&register, &found);
    assert_eq!(
        repeat,
        vec![false, true, true, false, true, false, true, false, false]
    );
}
