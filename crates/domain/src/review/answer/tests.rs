use chrono::NaiveDate;

use super::*;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn grades() -> Vec<String> {
    ["合格", "瑕疵", "差错"].map(String::from).to_vec()
}

#[test]
fn without_an_objection_in_time_the_review_becomes_final_as_graded() {
    let submitted = d("2026-03-01");
    assert_eq!(
        standing(submitted, "差错", &[], 15, d("2026-03-16")),
        Standing::Open {
            objection_by: d("2026-03-16")
        }
    );
    assert_eq!(
        standing(submitted, "差错", &[], 15, d("2026-03-17")),
        Standing::Final {
            grade: "差错".into(),
            changed: false
        }
    );
    let late = Answer::Object {
        on: d("2026-03-17"),
        reason: "事实认定无误".into(),
    };
    assert!(refusal(submitted, "差错", &[], 15, &late, &grades()).is_some());
    let decide = Answer::Decide {
        on: d("2026-03-20"),
        grade: "合格".into(),
        reason: "x".into(),
    };
    assert!(
        refusal(submitted, "差错", &[], 15, &decide, &grades()).is_some(),
        "nothing to decide"
    );
}

#[test]
fn an_objection_is_decided_by_a_grade_of_the_network_with_its_reason() {
    let submitted = d("2026-03-01");
    let object = Answer::Object {
        on: d("2026-03-10"),
        reason: "二审改判系出现新证据".into(),
    };
    assert_eq!(
        refusal(submitted, "差错", &[], 15, &object, &grades()),
        None
    );
    let empty = Answer::Object {
        on: d("2026-03-10"),
        reason: " ".into(),
    };
    assert!(refusal(submitted, "差错", &[], 15, &empty, &grades()).is_some());
    let answers = vec![object.clone()];
    assert_eq!(
        standing(submitted, "差错", &answers, 15, d("2026-05-01")),
        Standing::Objected {
            on: d("2026-03-10"),
            reason: "二审改判系出现新证据".into()
        },
        "an objection waits for its decision however long"
    );
    assert!(
        refusal(submitted, "差错", &answers, 15, &object, &grades()).is_some(),
        "once"
    );
    let unknown = Answer::Decide {
        on: d("2026-03-20"),
        grade: "优秀".into(),
        reason: "x".into(),
    };
    assert!(refusal(submitted, "差错", &answers, 15, &unknown, &grades()).is_some());
    let early = Answer::Decide {
        on: d("2026-03-09"),
        grade: "合格".into(),
        reason: "x".into(),
    };
    assert!(refusal(submitted, "差错", &answers, 15, &early, &grades()).is_some());
    let decided = Answer::Decide {
        on: d("2026-03-20"),
        grade: "合格".into(),
        reason: "新证据系二审期间提交，不属差错".into(),
    };
    assert_eq!(
        refusal(submitted, "差错", &answers, 15, &decided, &grades()),
        None
    );
    let all = vec![object, decided];
    assert_eq!(
        standing(submitted, "差错", &all, 15, d("2026-03-21")),
        Standing::Final {
            grade: "合格".into(),
            changed: true
        }
    );
    assert_eq!(OUTCOMES.len(), 7);
}
