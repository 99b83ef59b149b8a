//! 审限变更 on the pages, as the people who use it go through it: the judge's home page lists the
//! cases whose application falls due; the judge applies on a case page (on time for one case,
//! late for another, refused for one whose limit ran out); the court's president approves one and
//! the case's deadline moves; the audit log holds every step; others may neither apply nor decide.

use axum::http::StatusCode;
use shenguan_testkit::world::{World, encode, form_token, fresh_world, post_form};

/// The application numbers a page offers to decide.
fn decidable(page: &str) -> Vec<i64> {
    page.split("action=\"/limit-requests/")
        .skip(1)
        .filter_map(|rest| rest.split('/').next()?.parse().ok())
        .collect()
}

async fn apply(world: &World, cookie: &str, number: &str, form: &str) -> (StatusCode, String) {
    let path = format!("/cases/{}", encode(number));
    let (status, page) = world.page(&path, cookie).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let csrf = form_token(&page).expect("a form token");
    let (status, _, body) = world
        .send(post_form(
            &format!("{path}/limit-requests"),
            cookie,
            &format!("csrf={csrf}&{form}"),
        ))
        .await;
    (status, body)
}

#[tokio::test]
async fn the_judge_applies_the_president_approves_and_the_deadline_moves() {
    let world = fresh_world();
    let b = &world.boundary;
    let judge = world.sign_in(&world.judge).await;
    // Home: the judge's cases whose application falls due within ten days, or is late.
    let (_, home) = world.page("/", &judge).await;
    assert!(home.contains("应申请审限变更"), "{home}");
    assert!(home.contains(b.within_15d_in), "due: 14 days left");
    assert!(
        !home.contains(b.within_30d_out),
        "31 days left: not yet due"
    );
    assert!(
        !home.contains(b.overdue_in),
        "ran out: no application can help"
    );

    // On time: the limit runs out on 2026-12-28, the application is due by 12-13.
    let reason = encode("需公告送达，案情复杂");
    let (status, body) = apply(
        &world,
        &judge,
        b.within_30d_out,
        &format!("kind=extension&length=1%E4%B8%AA%E6%9C%88&reason={reason}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("申请已提交，待审批"), "{body}");
    // One at a time.
    let (status, body) = apply(
        &world,
        &judge,
        b.within_30d_out,
        &format!("kind=extension&length=2%E4%B8%AA%E6%9C%88&reason={reason}"),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    // Late: 14 days left.
    let (status, body) = apply(
        &world,
        &judge,
        b.within_15d_in,
        &format!("kind=extension&length=30%E6%97%A5&reason={reason}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("逾期申请"), "{body}");
    // After the limit ran out: refused, nothing written.
    let (status, body) = apply(
        &world,
        &judge,
        b.overdue_in,
        &format!("kind=extension&length=1%E4%B8%AA%E6%9C%88&reason={reason}"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("届满"), "{body}");
    // Hostile forms change nothing.
    for form in [
        "kind=shorten&length=1m&reason=x".to_string(),
        "kind=extension&length=%3Cscript%3E&reason=x".to_string(),
        "kind=extension&length=999%E4%B8%AA%E6%9C%88&reason=x".to_string(),
        format!("kind=extension&length=1m&reason={}", "长".repeat(2001)),
        "kind=exclusion&ground=%E5%85%AC%E5%91%8A&from=2026-12-01&to=2026-11-01&reason=x"
            .to_string(),
        "kind=exclusion&ground=%E5%87%BA%E5%B7%AE&from=2026-11-01&to=2026-11-02&reason=x"
            .to_string(),
    ] {
        let (status, body) = apply(&world, &judge, b.two_thirds_in, &form).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{form}: {body}");
        assert!(!body.contains("<script>"), "escaped");
    }

    // The office may not apply; the president (院领导 of the court) decides.
    let office = world.sign_in(&world.office).await;
    let (status, _) = apply(
        &world,
        &office,
        b.two_thirds_in,
        "kind=extension&length=1m&reason=x",
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let leader = world.sign_in(&world.leader).await;
    let path = format!("/cases/{}", encode(b.within_30d_out));
    let (_, page) = world.page(&path, &leader).await;
    assert!(page.contains("2026-12-28"), "the deadline before");
    let ids = decidable(&page);
    assert_eq!(
        ids.len(),
        2,
        "approve and refuse of one application: {ids:?}"
    );
    let csrf = form_token(&page).expect("a form token");
    let (status, _, body) = world
        .send(post_form(
            &format!("/limit-requests/{}/approve", ids[0]),
            &leader,
            &format!("csrf={csrf}&note="),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("已批准"), "{body}");
    // One calendar month added to the plain end (2026-12-27, before it was moved off the
    // Sunday): 2027-01-27, a Wednesday.
    let (_, page) = world.page(&path, &leader).await;
    assert!(
        page.contains("2027-01-27（剩余61日）"),
        "the deadline after"
    );
    assert!(decidable(&page).is_empty(), "decided");
    // Deciding it again: it is decided.
    let (status, _, _) = world
        .send(post_form(
            &format!("/limit-requests/{}/refuse", ids[0]),
            &leader,
            &format!("csrf={csrf}&note=x"),
        ))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);

    // A judge of another court sees none of it and decides nothing.
    let other = world.sign_in(&world.judge_1403).await;
    let (status, list) = world.page("/limit-requests", &other).await;
    assert_eq!(status, StatusCode::OK, "an empty list, not an error page");
    assert!(!list.contains(b.within_30d_out), "{list}");
    let other_csrf = form_token(&list).expect("a form token");
    let (status, _, _) = world
        .send(post_form(
            &format!("/limit-requests/{}/approve", ids[0]),
            &other,
            &format!("csrf={other_csrf}"),
        ))
        .await;
    assert!(
        status == StatusCode::NOT_FOUND || status == StatusCode::FORBIDDEN,
        "{status}"
    );
    // The leader's list has both, the late one marked.
    let (_, list) = world.page("/limit-requests", &leader).await;
    assert!(
        list.contains(b.within_30d_out) && list.contains(b.within_15d_in),
        "{list}"
    );
    assert!(list.contains("逾期申请"), "{list}");

    // Every step is in the audit log under its author's name.
    let log = world.direct_store().audit_entries(200).expect("the log");
    let steps: Vec<(&str, &str)> = log
        .iter()
        .rev()
        .filter(|e| e.action.starts_with("limit."))
        .map(|e| (e.action.as_str(), e.user.as_deref().unwrap_or("")))
        .collect();
    let (judge_name, leader_name) = (world.judge.name.as_str(), world.leader.name.as_str());
    assert_eq!(
        steps,
        [
            ("limit.apply", judge_name),
            ("limit.apply", judge_name),
            ("limit.approve", leader_name)
        ]
    );
}

fn post_json(uri: &str, token: &str, body: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::post(uri)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(axum::body::Body::from(body.to_string()))
        .expect("a request")
}

#[tokio::test]
async fn the_api_takes_applications_and_decisions_and_refuses_what_is_malformed() {
    let world = fresh_world();
    let b = &world.boundary;
    let apply_uri = format!("/api/v1/cases/{}/limit-requests", encode(b.within_30d_out));
    let exclusion = r#"{"kind": "exclusion", "ground": "公告", "from": "2026-12-01", "to": "2026-12-10", "reason": "公告送达"}"#;
    // Malformed bodies, and the wrong person: refused in the API's error shape, nothing written.
    let huge = format!(
        r#"{{"kind": "extension", "length": "1m", "reason": "{}"}}"#,
        "长".repeat(100_000)
    );
    for (token, body, status) in [
        (&world.judge.token, "not json", StatusCode::BAD_REQUEST),
        (
            &world.judge.token,
            r#"{"kind": "extension", "length": "1m"}"#,
            StatusCode::BAD_REQUEST,
        ),
        (
            &world.judge.token,
            r#"{"kind": "extension", "length": "1m", "reason": "x", "approved": true}"#,
            StatusCode::BAD_REQUEST,
        ),
        (&world.judge.token, huge.as_str(), StatusCode::BAD_REQUEST),
        (
            &world.judge.token,
            r#"{"kind": "exclusion", "ground": "公告", "from": "2026-13-01", "to": "2026-12-10", "reason": "x"}"#,
            StatusCode::BAD_REQUEST,
        ),
        (&world.office.token, exclusion, StatusCode::FORBIDDEN),
        (&world.judge_1403.token, exclusion, StatusCode::NOT_FOUND),
    ] {
        let (got, _, answer) = world.send(post_json(&apply_uri, token, body)).await;
        assert_eq!(
            got,
            status,
            "{}: {answer}",
            body.chars().take(80).collect::<String>()
        );
        let error: serde_json::Value = serde_json::from_str(&answer).expect("a JSON error");
        assert!(error["code"].is_string(), "{answer}");
    }
    let (_, none) = world
        .get("/api/v1/limit-requests", Some(&world.leader.token))
        .await;
    assert_eq!(none["requests"].as_array().map(Vec::len), Some(0), "{none}");

    // The judge applies to exclude ten days of notice; the president refuses without a reason
    // (refused), then approves.
    let (status, _, made) = world
        .send(post_json(&apply_uri, &world.judge.token, exclusion))
        .await;
    assert_eq!(status, StatusCode::OK, "{made}");
    let made: serde_json::Value = serde_json::from_str(&made).expect("JSON");
    assert_eq!(made["kind"], "exclusion");
    assert_eq!(made["change"], "公告 2026-12-01~2026-12-10");
    assert_eq!(made["approver"], "本院院长");
    assert_eq!(made["state"], "pending");
    let id = made["id"].as_i64().expect("an id");
    let decide = |decision: &str| format!("/api/v1/limit-requests/{id}/{decision}");
    let (status, _, _) = world
        .send(post_json(&decide("refuse"), &world.leader.token, "{}"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = world
        .send(post_json(&decide("approve"), &world.judge.token, "{}"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = world
        .send(post_json(&decide("postpone"), &world.leader.token, "{}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A number that is none is an application that does not exist, and said so.
    let (status, _, missing) = world
        .send(post_json(
            "/api/v1/limit-requests/x1/approve",
            &world.leader.token,
            "{}",
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(missing.contains("审限变更申请"), "{missing}");
    let (status, _, decided) = world
        .send(post_json(
            &decide("approve"),
            &world.leader.token,
            r#"{"note": "同意"}"#,
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    let decided: serde_json::Value = serde_json::from_str(&decided).expect("JSON");
    assert_eq!(decided["state"], "approved");
    assert_eq!(decided["decided_by"], world.leader.name.as_str());
    // The case's deadline: 2026-12-27 (before it was moved off the Sunday) + 10 days = 2027-01-06.
    let (_, case) = world
        .get(
            &format!("/api/v1/cases/{}", encode(b.within_30d_out)),
            Some(&world.leader.token),
        )
        .await;
    assert_eq!(case["deadline"], "2027-01-06", "{case}");
    // Lists: the judge's and the president's hold it; the other court's judge's does not.
    for (token, count) in [
        (&world.judge.token, 1),
        (&world.leader.token, 1),
        (&world.judge_1403.token, 0),
    ] {
        let (_, listed) = world
            .get("/api/v1/limit-requests?state=approved", Some(token))
            .await;
        assert_eq!(
            listed["requests"].as_array().map(Vec::len),
            Some(count),
            "{listed}"
        );
    }
    let (status, _) = world
        .get(
            "/api/v1/limit-requests?state=maybe",
            Some(&world.leader.token),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
