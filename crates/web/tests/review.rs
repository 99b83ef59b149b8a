//! 案件评查 through the API, as a plan goes through it: the office makes a plan, its reviewer of
//! another court reads the case (the judge held back in a blind plan) and submits the review, the
//! judge of the case reads the findings and objects, the office decides; cases flagged for the
//! 重点 rule are taken by a key plan, one recused from, one reviewed, and the year's tally says it
//! as the speech does. Each is held to the caller's scope and audited; hostile and wrong requests
//! are refused in the API's shape and leave the store as it was.

use axum::http::StatusCode;
use serde_json::{Value, json};
use shenguan_testkit::world::{COLLEAGUE, COURT_NAME, World, encode, fresh_world};

/// A JSON body posted to `uri` with the bearer `token`.
fn post_json(uri: &str, token: &str, body: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::post(uri)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(axum::body::Body::from(body.to_string()))
        .expect("a request")
}

/// Posts `body` and reads the answer as JSON.
async fn post(world: &World, uri: &str, token: &str, body: &Value) -> (StatusCode, Value) {
    let (status, _, answer) = world.send(post_json(uri, token, &body.to_string())).await;
    let answer = serde_json::from_str(&answer).unwrap_or_else(|e| panic!("{uri}: {e}: {answer}"));
    (status, answer)
}

/// The staff number of the judge of 湘1403, the reviewer of every plan here.
fn reviewer(world: &World) -> String {
    shenguan_testkit::world::app()
        .active_user(&mut world.store(), &world.judge_1403.name)
        .expect("read")
        .expect("the account")
        .staff_id
        .expect("a staff number")
        .to_string()
}

/// The review actions audited, in order, with who took them.
fn review_audit(world: &World) -> Vec<(String, String)> {
    world
        .direct_store()
        .audit_entries(1000)
        .expect("the audit log")
        .into_iter()
        .rev()
        .filter(|e| e.action.starts_with("review."))
        .map(|e| (e.action, e.user.unwrap_or_default()))
        .collect()
}

const SCRIPT: &str = "=HYPERLINK(\"http://x\",\"点此\")<script>alert('评查')</script>";

#[tokio::test]
async fn a_plan_goes_from_the_office_to_the_reviewer_and_the_judge_each_within_their_scope() {
    let world = fresh_world();
    let staff_id = reviewer(&world);
    let case = world.boundary.closed_yesterday;
    let office = &world.office.token;

    // A blind routine plan of 湘1402: every case closed yesterday, all to the judge of 湘1403.
    let (status, plan) = post(
        &world,
        "/api/v1/review-plans",
        office,
        &json!({
            "name": "11月常规评查<b>",
            "kind": "routine",
            "from": "2026-11-26",
            "to": "2026-11-26",
            "per_mille": 1000,
            "seed": 42,
            "reviewers": [staff_id],
            "blind": true,
        }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    let id = plan["plan"]["id"].as_i64().expect("an id");
    assert_eq!(plan["plan"]["name"], "11月常规评查<b>", "kept as text");
    assert_eq!(plan["plan"]["seed"], 42);
    assert_eq!(plan["plan"]["court"], "湘1402", "the office's own court");
    let cases = plan["cases"].as_array().expect("cases");
    assert!(
        cases
            .iter()
            .any(|c| c["case_no"] == case && c["reviewer"] == staff_id.as_str()),
        "{plan}"
    );
    assert_eq!(plan["unassigned"], 0);
    assert_eq!(plan["reviewers"][0]["cases"], cases.len());

    // The plan is the office's and the city office's to read; no judge's.
    for (token, listed) in [
        (office, true),
        (&world.city_office.token, true),
        (&world.admin.token, true),
        (&world.judge.token, false),
        (&world.judge_1403.token, false),
    ] {
        let (status, list) = world.get("/api/v1/review-plans", Some(token)).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        let ids: Vec<i64> = list["plans"]
            .as_array()
            .expect("plans")
            .iter()
            .filter_map(|p| p["id"].as_i64())
            .collect();
        assert_eq!(ids.contains(&id), listed, "{list}");
        let (status, _) = world
            .get(&format!("/api/v1/review-plans/{id}"), Some(token))
            .await;
        let expected = if listed {
            StatusCode::OK
        } else {
            StatusCode::NOT_FOUND
        };
        assert_eq!(status, expected);
    }

    // The reviewer's worklist holds the case; nobody else's does.
    let (_, tasks) = world
        .get("/api/v1/reviews/tasks", Some(&world.judge_1403.token))
        .await;
    assert!(
        tasks["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .any(|t| t["plan_id"] == id && t["case_no"] == case && t["submitted_at"].is_null()),
        "{tasks}"
    );
    let (_, none) = world
        .get("/api/v1/reviews/tasks", Some(&world.judge.token))
        .await;
    assert_eq!(none["tasks"], json!([]));

    // The reviewer reads the case without its judge, with the sheet; the reading is audited.
    let case_uri = format!("/api/v1/review-plans/{id}/cases/{}", encode(case));
    let (status, read) = world.get(&case_uri, Some(&world.judge_1403.token)).await;
    assert_eq!(status, StatusCode::OK, "{read}");
    assert!(read["review"]["case"]["judge"].is_null(), "blind: {read}");
    assert!(
        read["review"]["case"]["judge_id"].is_null(),
        "blind: {read}"
    );
    assert!(read["file"].is_null(), "nothing submitted: {read}");
    let sheet = read["review"]["sheet"].as_array().expect("the sheet");
    let points: u64 = sheet.iter().filter_map(|i| i["points"].as_u64()).sum();
    assert_eq!(points, 100);
    // A case of the court the plan does not give them, and the plan's case for anyone else.
    let other = format!(
        "/api/v1/review-plans/{id}/cases/{}",
        encode(world.boundary.overdue_in)
    );
    let (status, _) = world.get(&other, Some(&world.judge_1403.token)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for token in [&world.judge.token, &world.colleague.token] {
        let (status, _) = world.get(&case_uri, Some(token)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "not reviewed yet");
    }

    // Only the reviewer submits, once.
    let findings = json!({"findings": [
        {
            "item": "2.1",
            "severity": "flaw",
            "text": SCRIPT,
            "deduction": 2,
            "responsible": [{"role": "judge", "name": COLLEAGUE}, {"role": "committee", "name": null}],
            "excuse": null,
        },
        {
            "item": "3.3",
            "severity": "error",
            "text": "适用法律错误",
            "deduction": 10,
            "responsible": [{"role": "presiding", "name": "审判长甲"}],
            "excuse": {"other": SCRIPT},
        },
    ]});
    let submit = format!("{case_uri}/submit");
    let (status, _) = post(&world, &submit, &world.judge.token, &findings).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, done) = post(&world, &submit, &world.judge_1403.token, &findings).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(
        done["graded"],
        json!({"score": 98, "grade": "瑕疵", "problem": true, "error": false}),
        "the excused error does not count"
    );
    let (status, again) = post(&world, &submit, &world.judge_1403.token, &findings).await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");
    // Submitted, the reviewer sees the judge.
    let (_, read) = world.get(&case_uri, Some(&world.judge_1403.token)).await;
    assert_eq!(read["review"]["case"]["judge"], COLLEAGUE);
    assert!(read["review"]["submitted_at"].is_string());
    assert!(read["file"].is_null(), "another court's file: {read}");

    // The judge of the case reads the findings as written; the other judge of the court does not.
    let (status, own) = world.get(&case_uri, Some(&world.colleague.token)).await;
    assert_eq!(status, StatusCode::OK, "{own}");
    assert!(own["review"].is_null());
    let file = &own["file"];
    assert_eq!(
        file["findings"], findings["findings"],
        "round-trips as text"
    );
    assert_eq!(file["standing"]["state"], "open");
    assert_eq!(file["standing"]["objection_by"], "2026-12-12");
    let (status, _) = world.get(&case_uri, Some(&world.judge.token)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The judge objects; not the other judge; the office decides, not the judge.
    let object = json!({"reason": SCRIPT});
    let (status, _) = post(
        &world,
        &format!("{case_uri}/object"),
        &world.judge.token,
        &object,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, objected) = post(
        &world,
        &format!("{case_uri}/object"),
        &world.colleague.token,
        &object,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{objected}");
    assert_eq!(objected["file"]["standing"]["state"], "objected");
    assert_eq!(objected["file"]["standing"]["objection"], SCRIPT);
    let decide = json!({"grade": "合格", "reason": "送达回证已补正"});
    let (status, _) = post(
        &world,
        &format!("{case_uri}/decide"),
        &world.colleague.token,
        &decide,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, decided) = post(&world, &format!("{case_uri}/decide"), office, &decide).await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    assert_eq!(
        decided["file"]["standing"],
        json!({"state": "final", "objection_by": null, "objected_on": null, "objection": null, "grade": "合格", "changed": true})
    );
    // Only a review final as 差错 is held to account.
    let (status, refused) = post(
        &world,
        &format!("{case_uri}/outcome"),
        office,
        &json!({"outcome": "通报"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");

    let office_name = world.office.name.clone();
    let reviewer_name = world.judge_1403.name.clone();
    let colleague_name = world.colleague.name.clone();
    assert_eq!(
        review_audit(&world),
        [
            ("review.plan".to_string(), office_name.clone()),
            ("review.submit".to_string(), reviewer_name.clone()),
            ("review.object".to_string(), colleague_name),
            ("review.decide".to_string(), office_name),
        ]
    );
    let viewed = world
        .direct_store()
        .audit_entries(1000)
        .expect("the audit log")
        .into_iter()
        .any(|e| {
            e.action == "case.view"
                && e.detail == case
                && e.user.as_deref() == Some(reviewer_name.as_str())
        });
    assert!(viewed, "the reviewer's reading is a case view");
}

#[tokio::test]
async fn flagged_cases_make_a_key_plan_and_the_year_s_tally_says_it() {
    let world = fresh_world();
    let staff_id = reviewer(&world);
    let office = &world.office.token;
    let (reviewed, recused) = (
        world.boundary.long_pending_36m_in,
        world.boundary.long_pending_18m_in,
    );
    // A judge may not flag a case; the office may, a case of its own court.
    let doubt = json!({"case_no": reviewed, "kind": "doubt", "reason": "超审限原因不明"});
    let (status, _) = post(&world, "/api/v1/review-flags", &world.judge.token, &doubt).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, flagged) = post(&world, "/api/v1/review-flags", office, &doubt).await;
    assert_eq!(status, StatusCode::OK, "{flagged}");
    assert_eq!(flagged["kind"], "doubt");
    let referred = json!({"case_no": recused, "kind": "referred", "source": "市人大常委会", "reason": "代表转来"});
    let (status, _) = post(&world, "/api/v1/review-flags", office, &referred).await;
    assert_eq!(status, StatusCode::OK);

    // Previewed, nothing is written; made, the flagged cases are in it.
    let rules = json!({
        "name": "2026年度重点评查",
        "kind": "key",
        "from": "2026-11-27",
        "to": "2026-11-27",
        "reviewers": [staff_id],
    });
    let (status, preview) = post(&world, "/api/v1/review-plans/preview", office, &rules).await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert_eq!(preview["plan"]["id"], 0);
    let (_, list) = world.get("/api/v1/review-plans", Some(office)).await;
    assert_eq!(list["plans"], json!([]), "a preview writes nothing");
    let (status, plan) = post(&world, "/api/v1/review-plans", office, &rules).await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    let id = plan["plan"]["id"].as_i64().expect("an id");
    let reason = |number: &str| {
        plan["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .find(|c| c["case_no"] == number)
            .map(|c| (c["reason"].clone(), c["reviewer"].clone()))
    };
    assert_eq!(
        reason(reviewed),
        Some((json!("doubt"), json!(staff_id))),
        "{plan}"
    );
    assert_eq!(reason(recused), Some((json!("referred"), json!(staff_id))));

    // The only reviewer recuses from one: no one else may take it.
    let recuse_uri = format!("/api/v1/review-plans/{id}/cases/{}/recuse", encode(recused));
    let (status, _) = post(&world, &recuse_uri, &world.judge_1403.token, &json!({})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a recusal says why");
    let (status, done) = post(
        &world,
        &recuse_uri,
        &world.judge_1403.token,
        &json!({"reason": "与当事人有亲属关系"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert!(done["next_reviewer"].is_null(), "{done}");
    let (_, after) = world
        .get(&format!("/api/v1/review-plans/{id}"), Some(office))
        .await;
    assert!(after["unassigned"].as_u64() >= Some(1), "{after}");

    // The other is reviewed as an error case.
    let (status, graded) = post(
        &world,
        &format!("/api/v1/review-plans/{id}/cases/{}/submit", encode(reviewed)),
        &world.judge_1403.token,
        &json!({"findings": [{"item": "2.3", "severity": "error", "text": "延期审理未经审批", "deduction": 6, "responsible": [{"role": "judge", "name": "欧阳明"}]}]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{graded}");
    assert_eq!(graded["graded"]["grade"], "差错");

    // The tally is the speech's 发改再: the flagged case is not among them.
    let (_, tally) = world
        .get("/api/v1/reviews/tally?year=2026", Some(office))
        .await;
    assert_eq!(tally["this"]["reviewed"], 0, "{tally}");
    // A key plan over the year's earlier days takes the court's reversed and remanded cases; one
    // is reviewed as an error.
    let year = json!({
        "name": "2026年度发改再案件评查",
        "kind": "key",
        "from": "2026-01-01",
        "to": "2026-11-26",
        "reviewers": [staff_id],
    });
    let (status, made) = post(&world, "/api/v1/review-plans", office, &year).await;
    assert_eq!(status, StatusCode::OK, "{made}");
    let year_id = made["plan"]["id"].as_i64().expect("an id");
    let reversed = made["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["reason"] == "reversed" || c["reason"] == "remanded")
        .and_then(|c| c["case_no"].as_str())
        .expect("a reversed or remanded case of the court")
        .to_string();
    let (status, graded) = post(
        &world,
        &format!("/api/v1/review-plans/{year_id}/cases/{}/submit", encode(&reversed)),
        &world.judge_1403.token,
        &json!({"findings": [{"item": "3.3", "severity": "error", "text": "适用法律错误", "deduction": 8, "responsible": [{"role": "judge", "name": "欧阳明"}]}]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{graded}");

    // The tally: the court's office and the city's count it; a judge does not read it.
    let (status, tally) = world
        .get("/api/v1/reviews/tally?year=2026", Some(office))
        .await;
    assert_eq!(status, StatusCode::OK, "{tally}");
    assert_eq!(
        tally["this"],
        json!({"reviewed": 1, "problem": 1, "error": 1})
    );
    assert_eq!(
        tally["before"],
        json!({"reviewed": 0, "problem": 0, "error": 0})
    );
    assert_eq!(
        tally["sentence_zh"],
        format!(
            "从对2026年度{COURT_NAME}1件发回重审、改判、指令再审案件评查的情况看，问题案件1件、差错案件1件"
        ),
        "no year before to compare with"
    );
    let (_, city) = world
        .get(
            "/api/v1/reviews/tally?year=2026",
            Some(&world.city_office.token),
        )
        .await;
    assert_eq!(city["this"]["error"], 1, "{city}");
    let (status, other) = world
        .get(
            "/api/v1/reviews/tally?year=2026",
            Some(&world.judge_1403.token),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{other}");
    for bad in ["", "?year=abc", "?year=1066"] {
        let (status, error) = world
            .get(&format!("/api/v1/reviews/tally{bad}"), Some(office))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {error}");
        assert_eq!(error["code"], "invalid");
    }

    let office_name = world.office.name.clone();
    let reviewer_name = world.judge_1403.name.clone();
    assert_eq!(
        review_audit(&world),
        [
            ("review.flag".to_string(), office_name.clone()),
            ("review.flag".to_string(), office_name.clone()),
            ("review.plan".to_string(), office_name.clone()),
            ("review.recuse".to_string(), reviewer_name.clone()),
            ("review.submit".to_string(), reviewer_name.clone()),
            ("review.plan".to_string(), office_name),
            ("review.submit".to_string(), reviewer_name),
        ]
    );
}

#[tokio::test]
async fn hostile_and_wrong_requests_are_refused_and_leave_the_store_as_it_was() {
    let world = fresh_world();
    let staff_id = reviewer(&world);
    let office = world.office.token.clone();
    let rules = |extra: Value| {
        let mut body = json!({
            "name": "常规评查",
            "kind": "routine",
            "from": "2026-11-26",
            "to": "2026-11-26",
            "per_mille": 1000,
            "reviewers": [staff_id],
        });
        for (k, v) in extra.as_object().expect("fields") {
            body[k] = v.clone();
        }
        body.to_string()
    };
    let (status, _, plan) = world
        .send(post_json(
            "/api/v1/review-plans",
            &office,
            &rules(json!({})),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    let plan: Value = serde_json::from_str(&plan).expect("JSON");
    let id = plan["plan"]["id"].as_i64().expect("an id");
    let case = world.boundary.closed_yesterday;
    let case_uri = format!("/api/v1/review-plans/{id}/cases/{}", encode(case));
    let submit = format!("{case_uri}/submit");
    let reviewer_token = world.judge_1403.token.clone();
    let finding = |item: &str, deduction: u32, name: &str| {
        json!({"item": item, "severity": "flaw", "text": "送达有误", "deduction": deduction,
               "responsible": [{"role": "judge", "name": name}]})
    };
    let findings = |list: Vec<Value>| json!({ "findings": list }).to_string();
    let huge = format!(r#"{{"reason": "{}"}}"#, "长".repeat(100_000));
    let plans = "/api/v1/review-plans";
    let cases: Vec<(String, String, String, StatusCode)> = vec![
        (plans.into(), office.clone(), "not json".into(), StatusCode::BAD_REQUEST),
        (plans.into(), office.clone(), huge.clone(), StatusCode::BAD_REQUEST),
        (plans.into(), office.clone(), rules(json!({"extra": 1})), StatusCode::BAD_REQUEST),
        (plans.into(), office.clone(), rules(json!({"per_mille": 0})), StatusCode::BAD_REQUEST),
        (plans.into(), office.clone(), rules(json!({"per_mille": 1001})), StatusCode::BAD_REQUEST),
        (plans.into(), office.clone(), rules(json!({"per_mille": -5})), StatusCode::BAD_REQUEST),
        (plans.into(), office.clone(), rules(json!({"kind": "everything"})), StatusCode::BAD_REQUEST),
        (plans.into(), office.clone(), rules(json!({"from": "2026-12-01"})), StatusCode::BAD_REQUEST),
        (plans.into(), office.clone(), rules(json!({"from": "昨天"})), StatusCode::BAD_REQUEST),
        (plans.into(), office.clone(), rules(json!({"separation": "nation"})), StatusCode::BAD_REQUEST),
        (plans.into(), office.clone(), rules(json!({"reviewers": []})), StatusCode::BAD_REQUEST),
        (plans.into(), office.clone(), rules(json!({"reviewers": ["NOBODY"]})), StatusCode::BAD_REQUEST),
        (plans.into(), office.clone(), rules(json!({"name": "a\nb"})), StatusCode::BAD_REQUEST),
        (plans.into(), office.clone(), rules(json!({"class": {"types": ["民初"]}})), StatusCode::BAD_REQUEST),
        (
            plans.into(),
            office.clone(),
            rules(json!({"kind": "thematic", "class": {"types": ["民初;cause=x"]}})),
            StatusCode::BAD_REQUEST,
        ),
        (
            plans.into(),
            office.clone(),
            rules(json!({"kind": "thematic", "class": {"cause": "买卖;types=执"}})),
            StatusCode::BAD_REQUEST,
        ),
        (plans.into(), office.clone(), rules(json!({"court": "湘1403"})), StatusCode::FORBIDDEN),
        (plans.into(), world.judge.token.clone(), rules(json!({})), StatusCode::FORBIDDEN),
        (
            "/api/v1/review-plans/preview".into(),
            office.clone(),
            rules(json!({"per_mille": 5000})),
            StatusCode::BAD_REQUEST,
        ),
        // The steps on a case.
        (format!("{case_uri}/approve"), reviewer_token.clone(), "{}".into(), StatusCode::NOT_FOUND),
        (format!("{case_uri}/recuse"), reviewer_token.clone(), huge, StatusCode::BAD_REQUEST),
        (submit.clone(), reviewer_token.clone(), "{\"findings\": [".into(), StatusCode::BAD_REQUEST),
        (submit.clone(), reviewer_token.clone(), "{}".into(), StatusCode::BAD_REQUEST),
        (
            submit.clone(),
            reviewer_token.clone(),
            findings(vec![finding("2.1", 1, "王伟"); 101]),
            StatusCode::BAD_REQUEST,
        ),
        (
            submit.clone(),
            reviewer_token.clone(),
            findings(vec![finding("1.1", 99, "王伟")]),
            StatusCode::BAD_REQUEST,
        ),
        (
            submit.clone(),
            reviewer_token.clone(),
            findings(vec![finding("9.9", 1, "王伟")]),
            StatusCode::BAD_REQUEST,
        ),
        (
            submit.clone(),
            reviewer_token.clone(),
            findings(vec![finding("2.1", 1, "王伟;committee")]),
            StatusCode::BAD_REQUEST,
        ),
        (
            submit.clone(),
            reviewer_token.clone(),
            r#"{"findings": [{"item": "2.1", "severity": "fatal", "text": "x"}]}"#.into(),
            StatusCode::BAD_REQUEST,
        ),
        (
            submit.clone(),
            reviewer_token.clone(),
            r#"{"findings": [{"item": "2.1", "severity": "flaw", "text": "x", "excuse": {"other": ""}}]}"#.into(),
            StatusCode::BAD_REQUEST,
        ),
        (submit.clone(), office.clone(), findings(vec![]), StatusCode::NOT_FOUND),
        (
            format!("/api/v1/review-plans/abc/cases/{}/submit", encode(case)),
            reviewer_token.clone(),
            findings(vec![]),
            StatusCode::NOT_FOUND,
        ),
        (
            format!("/api/v1/review-plans/{id}/cases/not-a-case/submit"),
            reviewer_token.clone(),
            findings(vec![]),
            StatusCode::BAD_REQUEST,
        ),
        // Flags.
        (
            "/api/v1/review-flags".into(),
            office.clone(),
            json!({"case_no": case, "kind": "whim", "reason": "x"}).to_string(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/review-flags".into(),
            office.clone(),
            json!({"case_no": case, "kind": "referred", "reason": "x"}).to_string(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/review-flags".into(),
            office.clone(),
            json!({"case_no": case, "kind": "doubt", "reason": " "}).to_string(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/review-flags".into(),
            office.clone(),
            json!({"case_no": "（2026）湘1402民初99999号", "kind": "doubt", "reason": "x"}).to_string(),
            StatusCode::NOT_FOUND,
        ),
    ];
    for (uri, token, body, expected) in cases {
        let (got, _, answer) = world.send(post_json(&uri, &token, &body)).await;
        assert_eq!(
            got,
            expected,
            "{uri} {}: {}",
            &body[..body.len().min(120)],
            &answer[..answer.len().min(300)]
        );
        let error: Value = serde_json::from_str(&answer).expect("the API's error shape");
        assert!(
            error["code"].is_string() && error["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{answer}"
        );
    }
    for uri in [
        "/api/v1/review-plans/abc".to_string(),
        "/api/v1/review-plans/99999999".to_string(),
        format!("/api/v1/review-plans/99999999/cases/{}", encode(case)),
    ] {
        let (status, _) = world.get(&uri, Some(&office)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
    }

    // Nothing was written: one plan, its case still waiting, only the plan audited.
    let (_, list) = world.get("/api/v1/review-plans", Some(&office)).await;
    assert_eq!(list["plans"].as_array().map(Vec::len), Some(1), "{list}");
    let (_, tasks) = world
        .get("/api/v1/reviews/tasks", Some(&reviewer_token))
        .await;
    assert!(
        tasks["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .all(|t| t["submitted_at"].is_null()),
        "{tasks}"
    );
    let (status, _) = world.get(&case_uri, Some(&office)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no review of the case");
    assert_eq!(
        review_audit(&world),
        [("review.plan".to_string(), world.office.name.clone())]
    );
}
