use shenguan_domain::{CaseParties, CaseRecord, CourtCode, Party, PartyRole};
use shenguan_testkit::TempDir;

use super::*;
use crate::{Config, FixedClock};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// Case `n` of 湘1402, filed on `filed`, closed on `closed`, with 某银行 as plaintiff.
fn case(n: u32, filed: &str, closed: Option<&str>) -> (CaseRecord, CaseParties) {
    let record = CaseRecord {
        closed_on: closed.map(d),
        ..CaseRecord::filed(
            CaseNumber::parse(&format!("（2026）湘1402民初{n}号"), 2026).expect("number"),
            CourtCode::parse("湘1402").expect("court"),
            d(filed),
        )
    };
    let parties = CaseParties {
        case_no: record.case_no.clone(),
        parties: vec![Party {
            role: PartyRole::parse("原告").expect("role"),
            kind: None,
            name: if n <= 6 { "某银行" } else { "张三" }.into(),
            identity: None,
            id_masked: None,
            agent: None,
            address: None,
        }],
    };
    (record, parties)
}

/// The allocation of case `n` to `judge`, received from the court's system on `at`.
fn received(n: u32, judge: &str, how: &str, at: &str) -> AllocationRow {
    AllocationRow {
        case_no: format!("（2026）湘1402民初{n}号"),
        court: "湘1402".into(),
        track: "simple".into(),
        pool: "民事简案团队".into(),
        rule: "民事简案".into(),
        version: "test-1".into(),
        judge: Some(judge.into()),
        how: how.into(),
        seed: None,
        reason: (how == "designate").then(|| "本院提审的案件".into()),
        approver: (how == "designate").then(|| "院长".into()),
        weight: 100,
        facts: "case_type=民初".into(),
        at: format!("{at}T09:00:00+08:00"),
    }
}

#[test]
fn each_judge_s_cases_designations_by_pool_and_month_and_a_pairing_beyond_chance() {
    let dir = TempDir::new("workload");
    let app =
        App::with_clock(Config::default(), Box::new(FixedClock(d("2026-06-30")))).expect("app");
    let mut store = app
        .open_store(Some(&dir.join("s.db").display().to_string()))
        .expect("store");
    // Cases 1–6 of 某银行 all to J1; 7–18 of 张三 spread over J1–J4; J2 closes two in March and
    // two in April, J3 four in March.
    let mut cases = Vec::new();
    let mut rows = Vec::new();
    for n in 1..=18 {
        let (judge, closed) = match n {
            1..=6 => ("J1", None),
            7..=10 => ("J2", Some(if n <= 8 { "2026-03-20" } else { "2026-04-20" })),
            11..=14 => ("J3", Some("2026-03-25")),
            _ => ("J4", None),
        };
        let month = if n % 2 == 0 {
            "2026-03-02"
        } else {
            "2026-04-02"
        };
        cases.push(case(n, month, closed));
        let how = if n == 15 { "designate" } else { "import" };
        rows.push(received(n, judge, how, month));
    }
    let (records, parties): (Vec<_>, Vec<_>) = cases.into_iter().unzip();
    store
        .inner
        .write_batch(shenguan_store::Batch::owned(records, Vec::new(), parties))
        .expect("the cases");
    for row in &rows {
        let detail = if row.how == "designate" {
            "judge=J4;reason=本院提审的案件;approver=院长".to_string()
        } else {
            format!("judge={}", row.judge.clone().unwrap_or_default())
        };
        store
            .inner
            .allocate(row, &[(row.how.as_str(), detail)])
            .expect("written")
            .expect("new");
    }
    let office = User {
        name: "审管办".into(),
        role: Role::Office,
        court: Some(CourtCode::parse("湘1402").expect("court")),
        division: None,
        staff_id: None,
    };
    let w = app
        .workload(&mut store, &office, (d("2026-03-01"), d("2026-04-30")))
        .expect("workload");
    assert_eq!(w.allocated, 18);
    let judge = |key: &str| {
        w.judges
            .iter()
            .find(|j| j.judge == key)
            .cloned()
            .unwrap_or_else(|| panic!("{key}: {:?}", w.judges))
    };
    let (j1, j2, j3) = (judge("J1"), judge("J2"), judge("J3"));
    assert_eq!(
        (j1.allocated, j1.closed, j1.pending, j1.pending_load),
        (6, 0, 6, 600)
    );
    assert_eq!((j2.allocated, j2.closed, j2.pending), (4, 4, 0));
    // Two closings each month: perfectly even; four in March and none in April: 1 − 2 ÷ 2 = 0.
    assert_eq!(j2.balance, Some(100.0));
    assert_eq!(j3.balance, Some(0.0));
    assert_eq!(j1.balance, None, "no closing");
    // One designation in 18, in the April allocations (case 15 was filed in April).
    assert_eq!(
        w.designation_rates,
        vec![DesignationRate {
            court: "湘1402".into(),
            pool: "民事简案团队".into(),
            allocated: 18,
            designated: 1,
        }]
    );
    assert_eq!(w.designation_months.get("2026-03"), Some(&(9, 0)));
    assert_eq!(w.designation_months.get("2026-04"), Some(&(9, 1)));
    // 某银行's six cases all went to J1 of the pool's four judges: a chance of 4⁻⁶ for J1, four
    // times that for some judge of the four, under a fair draw. 张三's twelve spread: no signal.
    assert_eq!(w.pairings.len(), 1, "{:?}", w.pairings);
    let p = &w.pairings[0];
    assert_eq!(
        (p.who.as_str(), p.judge.as_str(), p.of, p.judges),
        ("某银行", "J1", 6, 4)
    );
    assert!(
        (p.chance - 4.0 * 0.25_f64.powi(6)).abs() < 1e-12,
        "{}",
        p.chance
    );
    assert_eq!(p.cases.len(), 6);
    // Another court's office sees none of it.
    let other = User {
        court: Some(CourtCode::parse("湘1403").expect("court")),
        ..office.clone()
    };
    let none = app
        .workload(&mut store, &other, (d("2026-03-01"), d("2026-04-30")))
        .expect("workload");
    assert!(none.judges.is_empty() && none.pairings.is_empty() && none.allocated == 0);
    // A period that ends before it starts, or runs past ten years, is refused.
    for period in [
        (d("2026-04-30"), d("2026-03-01")),
        (d("2000-01-01"), d("2026-12-31")),
    ] {
        assert!(matches!(
            app.workload(&mut store, &office, period),
            Err(AppError::Invalid(_))
        ));
    }
}
