//! 案件评查 on the pages, as a network goes through it: the city's office makes a blind 专项 plan
//! over one day of 湘1402's closings with the wizard (previewed, then kept with the draw shown);
//! the reviewer of 湘1403 reads the judge's case without the judge's name, submits a review with an
//! error (a script-bearing finding shown as text, a bad deduction refused by its field); the judge
//! objects, the court's office decides, and holds the judge to account; the judge's performance
//! file and the audit log show each step; others read nothing of it.

use axum::http::StatusCode;
use shenguan_testkit::world::{COURT, JUDGE, encode, form_token, fresh_world, post_form};

/// The plan's number in a page's links (`/reviews/plans/{id}`).
fn plan_id(page: &str) -> Option<i64> {
    page.split("/reviews/plans/")
        .nth(1)?
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

#[tokio::test]
async fn a_plan_is_made_reviewed_objected_to_decided_and_held_to_account_on_the_pages() {
    let world = fresh_world();
    // One day on which the judge closed a case: the plan takes 湘1402's closings of that day.
    let closed = world
        .stored_cases(Some(COURT))
        .into_iter()
        .filter(|c| c.judge.as_deref() == Some(JUDGE))
        .filter_map(|c| Some((c.closed_on?, c.case_no.to_string())))
        .min()
        .expect("a closed case of the judge");
    let (day, case_no) = closed;
    let reviewer = world
        .direct_store()
        .user(&world.judge_1403.name)
        .expect("read")
        .and_then(|u| u.staff_id)
        .expect("the reviewer's staff number");

    let city = world.sign_in(&world.city_office).await;
    let (status, home) = world.page("/reviews", &city).await;
    assert_eq!(status, StatusCode::OK, "{home}");
    assert!(
        home.contains("制定评查计划") && home.contains("列为重点评查"),
        "{home}"
    );
    let (status, form) = world.page("/reviews/new", &city).await;
    assert_eq!(status, StatusCode::OK, "{form}");
    let csrf = form_token(&form).expect("the form's token");
    let fields = format!(
        "name={}&kind=thematic&court={}&from={day}&to={day}&per_mille=1000&separation=court&blind=true&reviewers={reviewer}",
        encode("专项评查<b>"),
        encode(COURT),
    );
    let (status, _, preview) = world
        .send(post_form(
            "/reviews/new",
            &city,
            &format!("csrf={csrf}&action=preview&{fields}"),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert!(
        preview.contains("评查计划预览") && preview.contains(&case_no),
        "{preview}"
    );
    assert!(preview.contains("专项评查&lt;b&gt;"), "the name is escaped");
    let seed = preview
        .split("name=\"seed\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the preview's seed, kept for the plan")
        .to_string();
    // A share out of range is refused by its field, and nothing is made.
    let (status, _, refused) = world
        .send(post_form(
            "/reviews/new",
            &city,
            &format!(
                "csrf={csrf}&action=create&{}",
                fields.replace("per_mille=1000", "per_mille=5000")
            ),
        ))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    assert!(refused.contains("per_mille"), "{refused}");
    let (status, _, made) = world
        .send(post_form(
            "/reviews/new",
            &city,
            &format!("csrf={csrf}&action=create&seed={seed}&{fields}"),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{made}");
    assert!(
        made.contains("评查计划已制定") && made.contains(&seed),
        "{made}"
    );
    let id = plan_id(&made).expect("the plan's number");

    // The reviewer reads the case without its judge, and submits.
    let r = world.sign_in(&world.judge_1403).await;
    let (_, tasks) = world.page("/reviews", &r).await;
    assert!(
        tasks.contains("我的评查任务") && tasks.contains(&case_no),
        "{tasks}"
    );
    let at = format!("/reviews/plans/{id}/cases/{}", encode(&case_no));
    let (status, sheet) = world.page(&at, &r).await;
    assert_eq!(status, StatusCode::OK, "{sheet}");
    assert!(
        sheet.contains("评查表") && sheet.contains("背对背评查"),
        "{sheet}"
    );
    assert!(!sheet.contains(JUDGE), "a blind review hides the judge");
    let r_csrf = form_token(&sheet).expect("token");
    let finding = |deduction: &str| {
        format!(
            "csrf={r_csrf}&item_1=3.3&severity_1=error&text_1={}&deduction_1={deduction}&role_1=judge&who_1={}",
            encode("<script>alert(1)</script>适用法律错误"),
            encode(JUDGE),
        )
    };
    let (status, _, bad) = world
        .send(post_form(&format!("{at}/submit"), &r, &finding("many")))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
    assert!(bad.contains("deduction_1"), "{bad}");
    let (status, _, submitted) = world
        .send(post_form(&format!("{at}/submit"), &r, &finding("10")))
        .await;
    assert_eq!(status, StatusCode::OK, "{submitted}");
    assert!(
        submitted.contains("评查意见已提交：90分，差错"),
        "{submitted}"
    );
    assert!(
        submitted.contains(JUDGE),
        "after submitting, the judge is shown"
    );
    // A case already reviewed is not given to anyone else; a number the plan lacks is not found.
    let (status, _, moved) = world
        .send(post_form(
            &format!("/reviews/plans/{id}/assign"),
            &city,
            &format!(
                "csrf={csrf}&case_no={}&staff_id={reviewer}",
                encode(&case_no)
            ),
        ))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{moved}");
    let (status, _, _) = world
        .send(post_form(
            &format!("/reviews/plans/{id}/assign"),
            &city,
            &format!(
                "csrf={csrf}&case_no={}&staff_id={reviewer}",
                encode("（2020）湘1402民初1号")
            ),
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Another judge of the court reads nothing of it.
    let colleague = world.sign_in(&world.colleague).await;
    let (status, _) = world.page(&at, &colleague).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The judge reads the findings (as text) and objects.
    let judge = world.sign_in(&world.judge).await;
    let (status, file) = world.page(&at, &judge).await;
    assert_eq!(status, StatusCode::OK, "{file}");
    assert!(
        file.contains("&lt;script&gt;") && !file.contains("<script>alert"),
        "{file}"
    );
    assert!(file.contains("提出异议"), "{file}");
    assert!(
        file.contains(&format!("{}（{reviewer}）", world.judge_1403.name)),
        "the reviewer named: {file}"
    );
    let j_csrf = form_token(&file).expect("token");
    let (status, _, objected) = world
        .send(post_form(
            &format!("{at}/object"),
            &judge,
            &format!("csrf={j_csrf}&reason={}", encode("法律适用有合理分歧")),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{objected}");
    assert!(objected.contains("异议已提交"), "{objected}");
    // The court's office decides: the error stands; then holds the judge to account.
    let office = world.sign_in(&world.office).await;
    let (_, to_decide) = world.page(&at, &office).await;
    assert!(to_decide.contains("异议决定"), "{to_decide}");
    let o_csrf = form_token(&to_decide).expect("token");
    let (status, _, decided) = world
        .send(post_form(
            &format!("{at}/decide"),
            &office,
            &format!(
                "csrf={o_csrf}&grade={}&reason={}",
                encode("差错"),
                encode("经审委会讨论维持")
            ),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    assert!(
        decided.contains("决定已记录") && decided.contains("问责"),
        "{decided}"
    );
    let (status, _, held) = world
        .send(post_form(
            &format!("{at}/outcome"),
            &office,
            &format!(
                "csrf={o_csrf}&outcome={}&note={}",
                encode("约谈"),
                encode("院长约谈")
            ),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{held}");
    assert!(
        held.contains("问责已记录") && held.contains("约谈：院长约谈"),
        "{held}"
    );

    // The judge's performance file shows the review, the objection, the decision, the outcome.
    let key = format!("{COURT}:{JUDGE}");
    let (status, record) = world
        .page(&format!("/reviews/judges/{}", encode(&key)), &judge)
        .await;
    assert_eq!(status, StatusCode::OK, "{record}");
    for shown in [
        &case_no,
        "法律适用有合理分歧",
        "经审委会讨论维持",
        "约谈：院长约谈",
        "业绩档案",
    ] {
        assert!(record.contains(shown), "{shown} in the performance file");
    }
    let (status, _) = world
        .page(&format!("/reviews/judges/{}", encode(&key)), &colleague)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a colleague has no access");
    // And the audit log, as the administrator reads it.
    let admin = world.sign_in(&world.admin).await;
    let (_, audit) = world.page("/admin/audit", &admin).await;
    for action in [
        "review.plan",
        "review.submit",
        "review.object",
        "review.decide",
        "review.outcome",
    ] {
        assert!(audit.contains(action), "{action} in the audit log");
    }
    // The review bulletin of the year the review was decided, for the office; not for a judge.
    let (status, headers, bytes) = world
        .download("/reviews/bulletin?year=2026&format=docx", &city)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(bytes.starts_with(b"PK"), "a DOCX package");
    assert!(
        headers
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("shenguan.docx")),
        "{headers:?}"
    );
    let (status, _, bytes) = world
        .download("/reviews/bulletin?year=2026&format=xlsx", &city)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(bytes.starts_with(b"PK"), "an XLSX package");
    let (status, _, _) = world
        .download("/reviews/bulletin?year=2026&format=pdf", &city)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = world
        .download("/reviews/bulletin?year=99999999999&format=docx", &city)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = world
        .download("/reviews/bulletin?year=2026&format=docx", &judge)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Without the form token nothing is taken.
    let (status, _, _) = world
        .send(post_form(
            &format!("{at}/outcome"),
            &office,
            "outcome=%E9%80%9A%E6%8A%A5",
        ))
        .await;
    assert_ne!(status, StatusCode::OK);
}
