use super::*;

fn finding(item: &str, severity: Severity, deduction: u32) -> Finding {
    Finding {
        item: item.into(),
        severity,
        text: "认定事实证据不足".into(),
        deduction,
        responsible: vec![Responsible::Judge("王伟".into())],
        excuse: None,
    }
}

#[test]
fn the_standard_sheet_is_a_hundred_points() {
    let sheet = Rubric::standard();
    assert_eq!(sheet.full_score(), 100);
    let groups: std::collections::BTreeMap<&str, u32> =
        sheet.items.iter().fold(Default::default(), |mut m, i| {
            *m.entry(i.group.as_str()).or_default() += i.points;
            m
        });
    assert_eq!(groups["立案程序"], 5);
    assert_eq!(groups["程序运行"], 30);
    assert_eq!(groups["实体处理"], 30);
    assert_eq!(groups["裁判文书"], 15);
}

#[test]
fn grades_follow_the_findings_that_count_never_the_reversal_itself() {
    let sheet = Rubric::standard();
    let three = Scale::Findings;
    // No finding: 合格, whatever happened to the case on appeal.
    let clean = grade(&sheet, &three, &[]).expect("graded");
    assert_eq!(
        (
            clean.grade.as_str(),
            clean.problem,
            clean.error,
            clean.score
        ),
        ("合格", false, false, 100)
    );
    let flaw = grade(&sheet, &three, &[finding("4.1", Severity::Flaw, 3)]).expect("graded");
    assert_eq!(
        (flaw.grade.as_str(), flaw.problem, flaw.error, flaw.score),
        ("瑕疵", true, false, 97)
    );
    let error = grade(
        &sheet,
        &three,
        &[
            finding("4.1", Severity::Flaw, 3),
            finding("3.1", Severity::Error, 8),
            finding("3.1", Severity::Flaw, 8),
        ],
    )
    .expect("graded");
    // An item loses at most its points (实体处理 3.1 holds 12).
    assert_eq!(
        (error.grade.as_str(), error.error, error.score),
        ("差错", true, 85)
    );
    // A finding cannot deduct more than its item holds.
    assert!(grade(&sheet, &three, &[finding("3.1", Severity::Error, 13)]).is_err());
    assert!(grade(&sheet, &three, &[finding("3.1", Severity::Error, u32::MAX)]).is_err());
    // Excused by a reasonable difference in understanding the law: kept, not counted.
    let mut excused = finding("3.3", Severity::Error, 10);
    excused.excuse = Some(Excuse::LawUnderstanding);
    let forgiven = grade(&sheet, &three, &[excused]).expect("graded");
    assert_eq!(
        (forgiven.grade.as_str(), forgiven.problem, forgiven.score),
        ("合格", false, 100)
    );
    // On a score scale.
    let four = Scale::four_grades();
    let good = grade(&sheet, &four, &[finding("2.1", Severity::Flaw, 5)]).expect("graded");
    assert_eq!((good.grade.as_str(), good.error), ("优秀", false));
    let low = grade(
        &sheet,
        &four,
        &[
            finding("2.1", Severity::Flaw, 8),
            finding("2.2", Severity::Flaw, 8),
            finding("4.1", Severity::Flaw, 15),
            finding("5.1", Severity::Flaw, 15),
        ],
    )
    .expect("graded");
    assert_eq!(
        (low.score, low.grade.as_str(), low.error),
        (54, "不合格", true)
    );
    let wrong = grade(&sheet, &four, &[finding("3.1", Severity::Error, 1)]).expect("graded");
    assert_eq!(
        (wrong.score, wrong.grade.as_str(), wrong.error),
        (99, "不合格", true)
    );
    assert!(grade(&sheet, &three, &[finding("9.9", Severity::Flaw, 1)]).is_err());
}

#[test]
fn planted_reviews_give_the_speechs_sentence_with_the_year_before() {
    let sheet = Rubric::standard();
    let scale = Scale::Findings;
    // 584 reviewed: 39 errors, 422 more with a flaw (461 with problems), 123 clean.
    let mut this_year = Vec::new();
    for n in 0..584 {
        let findings = match n {
            0..39 => vec![finding("3.1", Severity::Error, 6)],
            39..461 => vec![finding("4.1", Severity::Flaw, 2)],
            _ => Vec::new(),
        };
        this_year.push(grade(&sheet, &scale, &findings).expect("graded"));
    }
    let tally = Tally::of(&this_year);
    assert_eq!(
        tally,
        Tally {
            reviewed: 584,
            problem: 461,
            error: 39
        }
    );
    let last_year = Tally {
        reviewed: 602,
        problem: 470,
        error: 45,
    };
    let said = sentence(2025, "全市法院", tally, Some(last_year));
    assert_eq!(
        said.zh(),
        "从对2025年度全市法院584件发回重审、改判、指令再审案件评查的情况看，问题案件461件、差错案件39件，差错案件较上年减少6件"
    );
    assert!(said.en().contains("6 fewer error cases"), "{}", said.en());
    let first = sentence(2025, "全市法院", tally, None);
    assert!(first.zh().ends_with("差错案件39件"), "{}", first.zh());
}

#[test]
fn a_decision_on_an_objection_sets_the_grade_that_counts() {
    let sheet = Rubric::standard();
    let flawed = grade(
        &sheet,
        &Scale::Findings,
        &[finding("4.1", Severity::Flaw, 2)],
    )
    .expect("graded");
    assert!(flawed.problem && !flawed.error);
    // Raised to an error: a problem and an error case.
    let raised = flawed.after_decision(&Scale::Findings, "差错");
    assert!(raised.problem && raised.error);
    assert_eq!(raised.grade, "差错");
    // Cleared to 合格: neither.
    let cleared = flawed.after_decision(&Scale::Findings, "合格");
    assert!(!cleared.problem && !cleared.error);
    // Kept as 瑕疵: still a problem case.
    assert!(flawed.after_decision(&Scale::Findings, "瑕疵").problem);
    // On the four grades the clean grade is 优秀: a flawed case let stand as 合格 is still one
    // with a problem, and 不合格 is the error grade.
    let four = Scale::four_grades();
    assert_eq!(four.clean_grade(), "优秀");
    assert_eq!(four.grades(), ["优秀", "合格", "基本合格", "不合格"]);
    assert!(flawed.after_decision(&four, "合格").problem);
    assert!(!flawed.after_decision(&four, "优秀").problem);
    assert!(flawed.after_decision(&four, "不合格").error);
    let clean = grade(&sheet, &Scale::Findings, &[]).expect("graded");
    assert!(clean.after_decision(&Scale::Findings, "差错").problem);
    assert!(clean.after_decision(&Scale::Findings, "瑕疵").problem);
}

#[test]
fn a_network_sheet_is_checked_and_chosen_by_category() {
    let item = |code: &str, points: u32| Item {
        code: code.into(),
        group: "执行".into(),
        text: "财产调查与处置".into(),
        points,
    };
    let enforcement = Rubric {
        items: vec![item("E1", 60), item("E2", 40)],
    };
    assert!(enforcement.check().is_ok());
    assert!(Rubric::standard().check().is_ok());
    let short = Rubric {
        items: vec![item("E1", 60), item("E2", 30)],
    };
    assert!(short.check().unwrap_err().zh().contains("90"));
    let twice = Rubric {
        items: vec![item("E1", 60), item("E1", 40)],
    };
    assert!(twice.check().unwrap_err().zh().contains("重复"));
    let zero = Rubric {
        items: vec![item("E1", 100), item("E2", 0)],
    };
    assert!(zero.check().is_err());
    let script = Rubric {
        items: vec![
            Item {
                text: "bad\u{7}".into(),
                ..item("E1", 60)
            },
            item("E2", 40),
        ],
    };
    assert!(script.check().is_err());
    assert!(Rubric { items: Vec::new() }.check().is_err());
    let sheets = Sheets {
        default: Rubric::standard(),
        by_category: vec![(crate::Category::Enforcement, enforcement.clone())],
    };
    assert_eq!(
        sheets.for_category(Some(crate::Category::Enforcement)),
        &enforcement
    );
    assert_eq!(
        sheets.for_category(Some(crate::Category::Civil)),
        &Rubric::standard()
    );
    assert_eq!(sheets.for_category(None), &Rubric::standard());
}
