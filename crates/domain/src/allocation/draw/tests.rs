use std::collections::BTreeMap;

use super::*;

fn judge(key: &str, load: u64) -> Candidate {
    Candidate {
        key: key.into(),
        pool: "民一庭".into(),
        in_post: true,
        on_leave: false,
        load,
        pending: 0,
        share: 100,
    }
}

#[test]
fn the_same_judges_loads_seed_and_case_draw_the_same_judge() {
    let judges: Vec<Candidate> = (1..=6).map(|n| judge(&format!("J{n}"), 0)).collect();
    let none = BTreeSet::new();
    let mode = Mode::Weighted { band: 300 };
    let once = draw("（2026）湘1402民初1号", 42, "民一庭", &judges, &none, mode).expect("drawn");
    let mut reversed = judges.clone();
    reversed.reverse();
    let again = draw(
        "（2026）湘1402民初1号",
        42,
        "民一庭",
        &reversed,
        &none,
        mode,
    )
    .expect("drawn");
    assert_eq!(once, again, "whatever order the judges come in");
    // Over many cases and seeds every judge is drawn: the draw is not stuck on one.
    let drawn: BTreeSet<String> = (1..=200)
        .map(|n| {
            draw(
                &format!("（2026）湘1402民初{n}号"),
                n,
                "民一庭",
                &judges,
                &none,
                mode,
            )
            .expect("drawn")
            .judge
        })
        .collect();
    assert_eq!(drawn.len(), 6);
}

#[test]
fn an_excluded_absent_or_other_pools_judge_is_never_drawn() {
    let mut judges: Vec<Candidate> = (1..=5).map(|n| judge(&format!("J{n}"), 0)).collect();
    judges[1].on_leave = true;
    judges[2].in_post = false;
    judges[3].pool = "民二庭".into();
    // J1 recused (or related to a party, or judged the earlier instance).
    let excluded: BTreeSet<String> = ["J1".to_string()].into();
    for n in 1..=500 {
        let drawn = draw(
            &format!("（2026）湘1402民初{n}号"),
            n,
            "民一庭",
            &judges,
            &excluded,
            Mode::Weighted { band: 0 },
        )
        .expect("drawn");
        assert_eq!(drawn.judge, "J5", "case {n}");
    }
    let all: BTreeSet<String> = ["J1".to_string(), "J5".to_string()].into();
    assert_eq!(
        draw("x", 1, "民一庭", &judges, &all, Mode::Weighted { band: 0 }),
        Err(NoJudge::NoneEligible)
    );
}

#[test]
fn over_ten_thousand_filings_the_weighted_caseloads_of_a_pool_stay_within_the_tolerance() {
    // Twelve judges, case weights of 1, 1.5, 2 and 5 (in hundredths), drawn with a band of one
    // ordinary case: the heaviest and the lightest never differ by more than band + 5.
    let weights = [100_u64, 150, 200, 500];
    let band = 100;
    let mut judges: Vec<Candidate> = (1..=12).map(|n| judge(&format!("J{n:02}"), 0)).collect();
    let none = BTreeSet::new();
    let mut taken: BTreeMap<String, u32> = BTreeMap::new();
    for n in 0..10_000_u64 {
        let case_no = format!("（2026）湘1402民初{n}号");
        let weight = weights[(draw_key(7, &case_no) % 4) as usize];
        let drawn = draw(
            &case_no,
            20_260_301,
            "民一庭",
            &judges,
            &none,
            Mode::Weighted { band },
        )
        .expect("drawn");
        let j = judges
            .iter_mut()
            .find(|j| j.key == drawn.judge)
            .expect("a judge");
        j.load += weight;
        *taken.entry(drawn.judge).or_default() += 1;
        let (most, least) = (
            judges.iter().map(|j| j.load).max().unwrap_or(0),
            judges.iter().map(|j| j.load).min().unwrap_or(0),
        );
        assert!(most - least <= band + 500, "after {n}: {most} − {least}");
    }
    // Everyone took a share: none fewer than 600 of the ~833 each.
    assert!(taken.values().all(|n| *n >= 600), "{taken:?}");
}

#[test]
fn under_a_pending_cap_only_judges_below_it_take_the_next_case() {
    let mut judges: Vec<Candidate> = (1..=3).map(|n| judge(&format!("J{n}"), 0)).collect();
    judges[0].pending = 30;
    judges[1].pending = 29;
    judges[2].pending = 30;
    let none = BTreeSet::new();
    for n in 1..=50 {
        let drawn = draw(
            &format!("c{n}"),
            n,
            "民一庭",
            &judges,
            &none,
            Mode::PendingCap { cap: 30 },
        )
        .expect("drawn");
        assert_eq!(drawn.judge, "J2");
    }
    judges[1].pending = 30;
    assert_eq!(
        draw(
            "c",
            1,
            "民一庭",
            &judges,
            &none,
            Mode::PendingCap { cap: 30 }
        ),
        Err(NoJudge::AllAtCap)
    );
}

#[test]
fn a_leader_takes_their_share_of_a_judge_s_cases() {
    // Four judges and a division head at a quarter share, 2,000 cases of one weight.
    let mut judges: Vec<Candidate> = (1..=4).map(|n| judge(&format!("J{n}"), 0)).collect();
    judges.push(Candidate {
        share: 25,
        ..judge("庭长", 0)
    });
    let none = BTreeSet::new();
    let mut taken: BTreeMap<String, u32> = BTreeMap::new();
    for n in 0..2_000_u64 {
        let drawn = draw(
            &format!("（2026）湘1402民初{n}号"),
            n,
            "民一庭",
            &judges,
            &none,
            Mode::Weighted { band: 100 },
        )
        .expect("drawn");
        let j = judges
            .iter_mut()
            .find(|j| j.key == drawn.judge)
            .expect("a judge");
        j.load += 100;
        *taken.entry(drawn.judge).or_default() += 1;
    }
    // 2,000 over 4.25 full shares: about 470 each and 118 for the head.
    let head = taken["庭长"];
    assert!((105..=130).contains(&head), "{taken:?}");
    assert!(
        taken
            .iter()
            .filter(|(k, _)| k.starts_with('J'))
            .all(|(_, n)| (455..=485).contains(n)),
        "{taken:?}"
    );
    // Under a pending cap of 8, the head's cap is 2.
    let mut capped: Vec<Candidate> = vec![Candidate {
        share: 25,
        pending: 2,
        ..judge("庭长", 0)
    }];
    assert_eq!(
        draw(
            "c",
            1,
            "民一庭",
            &capped,
            &none,
            Mode::PendingCap { cap: 8 }
        ),
        Err(NoJudge::AllAtCap)
    );
    capped[0].pending = 1;
    assert!(
        draw(
            "c",
            1,
            "民一庭",
            &capped,
            &none,
            Mode::PendingCap { cap: 8 }
        )
        .is_ok()
    );
}
