//! 督办 on the pages, as the people who use it go through it: the office supervises three overdue
//! cases from the warning list; the judge finds them on the home page and replies to two; the
//! office closes one and returns the other; the third reply falls late and the item is escalated;
//! the audit log holds every step; a judge of another court sees none of it.

use axum::http::StatusCode;
use shenguan_testkit::world::{TODAY, encode, form_token, fresh_world, post_form};

/// The numbers of the items a supervision list shows, in its order.
fn item_ids(page: &str) -> Vec<i64> {
    page.split("<a href=\"/supervision/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

#[tokio::test]
async fn the_office_supervises_the_judge_replies_and_a_late_reply_is_escalated() {
    let world = fresh_world();
    let b = &world.boundary;
    // Three of the judge's cases, all past their limit.
    let overdue = [
        b.long_pending_36m_in,
        b.long_pending_18m_out,
        b.long_pending_12m_in,
    ];
    let office = world.sign_in(&world.office).await;
    let (status, list) = world.page("/warnings?tier=overdue", &office).await;
    assert_eq!(status, StatusCode::OK);
    for number in overdue {
        assert!(
            list.contains(&format!(
                "name=\"case\" value=\"{number}\" form=\"supervise\""
            )),
            "a tick box for {number}"
        );
    }
    let csrf = form_token(&list).expect("the page's form token");
    let mut form = format!(
        "csrf={csrf}&reason=over_time_limit&instructions={}",
        encode("请说明超审限原因，本月内结案")
    );
    for number in overdue {
        form.push_str(&format!("&case={}", encode(number)));
    }
    let (status, _, answer) = world.send(post_form("/supervision", &office, &form)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(answer.contains("已督办3件案件"), "{answer}");

    // The judge signs in: the three are on the home page, and counted in the navigation.
    let judge = world.sign_in(&world.judge).await;
    let (_, home) = world.page("/", &judge).await;
    assert!(home.contains("督办（待办3）"), "{home}");
    assert!(home.contains("待办督办"), "{home}");
    for number in overdue {
        assert!(home.contains(number), "{number} on the home page");
    }
    let (_, mine) = world.page("/supervision?mine=true", &judge).await;
    let ids = item_ids(&mine);
    assert_eq!(ids.len(), 3, "{mine}");
    // Reply due five working days after Friday 27 November: Friday 4 December.
    assert!(mine.contains("2026-12-04"), "{mine}");

    // The judge replies to two.
    for id in &ids[..2] {
        let (_, item) = world.page(&format!("/supervision/{id}"), &judge).await;
        let csrf = form_token(&item).expect("a form token");
        let (status, _, answer) = world
            .send(post_form(
                &format!("/supervision/{id}/reply"),
                &judge,
                &format!(
                    "csrf={csrf}&text={}",
                    encode("已排期12月10日开庭，当庭宣判")
                ),
            ))
            .await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        assert!(answer.contains("答复已提交"), "{answer}");
    }
    let (_, home) = world.page("/", &judge).await;
    assert!(home.contains("督办（待办1）"), "{home}");
    // The judge may not close his own reply.
    let csrf = form_token(&home).expect("a form token");
    let (status, _, _) = world
        .send(post_form(
            &format!("/supervision/{}/close", ids[0]),
            &judge,
            &format!("csrf={csrf}"),
        ))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The office closes one and returns the other.
    let (_, item) = world
        .page(&format!("/supervision/{}", ids[0]), &office)
        .await;
    let csrf = form_token(&item).expect("a form token");
    let (status, _, answer) = world
        .send(post_form(
            &format!("/supervision/{}/close", ids[0]),
            &office,
            &format!("csrf={csrf}&note={}", encode("同意")),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(answer.contains("已办结"), "{answer}");
    let (status, _, answer) = world
        .send(post_form(
            &format!("/supervision/{}/return", ids[1]),
            &office,
            &format!(
                "csrf={csrf}&note={}&due_on=2026-12-02",
                encode("请写明延长审限的审批情况")
            ),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(answer.contains("已退回"), "{answer}");

    // The third reply falls late: on Monday 7 December the office escalates it.
    world.set_today(TODAY + chrono::Days::new(10));
    let (_, late) = world.page("/supervision?overdue=true", &office).await;
    assert!(late.contains("逾期"), "{late}");
    let late_ids = item_ids(&late);
    assert!(late_ids.contains(&ids[2]), "{late}");
    let (_, item) = world
        .page(&format!("/supervision/{}", ids[2]), &office)
        .await;
    assert!(item.contains("逾期未答复，升级"), "{item}");
    let csrf = form_token(&item).expect("a form token");
    let (status, _, answer) = world
        .send(post_form(
            &format!("/supervision/{}/escalate", ids[2]),
            &office,
            &format!("csrf={csrf}&due_on=2026-12-10"),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(answer.contains("已升级督办"), "{answer}");
    assert!(answer.contains("分管院领导"), "{answer}");

    // Every step is in the audit log, by whom it was taken.
    let log = world
        .direct_store()
        .audit_entries(200)
        .expect("the audit log");
    let steps: Vec<(&str, &str)> = log
        .iter()
        .rev()
        .filter(|e| e.action.starts_with("supervision."))
        .map(|e| (e.action.as_str(), e.user.as_deref().unwrap_or("")))
        .collect();
    let (office_name, judge_name) = (world.office.name.as_str(), world.judge.name.as_str());
    assert_eq!(
        steps,
        [
            ("supervision.open", office_name),
            ("supervision.open", office_name),
            ("supervision.open", office_name),
            ("supervision.reply", judge_name),
            ("supervision.reply", judge_name),
            ("supervision.close", office_name),
            ("supervision.return", office_name),
            ("supervision.escalate", office_name),
        ]
    );

    // The figures, as of 7 December: three opened, two replies and one closure in November; in
    // December four replies fell due (the two made on time, the returned one now past its date,
    // the escalated one), one escalation: 50 % on time.
    let (_, list) = world.page("/supervision", &office).await;
    let stats = list.split("督办统计").last().unwrap_or_default();
    assert!(
        stats.contains("<td>2026-11</td><td class=\"n\">3</td><td class=\"n\">2</td>"),
        "{stats}"
    );
    assert!(stats.contains("<td>2026-12</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">4</td><td class=\"n\">2</td><td class=\"n\">50.0%</td>"), "{stats}");

    // A judge of another court sees none of it.
    let stranger = world.sign_in(&world.judge_1403).await;
    let (status, theirs) = world.page("/supervision", &stranger).await;
    assert_eq!(status, StatusCode::OK, "an empty list, not an error page");
    assert!(item_ids(&theirs).is_empty(), "{theirs}");
    for id in &ids {
        let (status, _) = world.page(&format!("/supervision/{id}"), &stranger).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "#{id}");
    }
    let (status, home) = world.page("/", &stranger).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!home.contains("待办督办"), "{home}");
}

#[tokio::test]
async fn a_form_from_elsewhere_or_for_cases_out_of_reach_changes_nothing() {
    let world = fresh_world();
    let office = world.sign_in(&world.office).await;
    let (_, list) = world.page("/warnings?tier=overdue", &office).await;
    let csrf = form_token(&list).expect("a form token");
    let number = world.boundary.overdue_in;
    let hostile = [
        // No form token, or another one.
        format!("reason=other&instructions=x&case={}", encode(number)),
        format!(
            "csrf=forged&reason=other&instructions=x&case={}",
            encode(number)
        ),
        // No case, a case out of the office's court, a reason that does not exist.
        format!("csrf={csrf}&reason=other&instructions=x"),
        format!(
            "csrf={csrf}&reason=other&instructions=x&case={}",
            encode("（2026）湘1403民初1号")
        ),
        format!(
            "csrf={csrf}&reason=bogus&instructions=x&case={}",
            encode(number)
        ),
        // No reason at all.
        format!("csrf={csrf}&instructions=x&case={}", encode(number)),
        // Instructions past the limit, script and formula text are kept as text, not run.
        format!(
            "csrf={csrf}&reason=other&instructions={}&case={}",
            "督".repeat(2001),
            encode(number)
        ),
        format!(
            "csrf={csrf}&reason=other&instructions=x&due_on=2026-13-01&case={}",
            encode(number)
        ),
        format!(
            "csrf={csrf}&reason=other&instructions=x&due_on=2020-01-01&case={}",
            encode(number)
        ),
    ];
    for form in &hostile {
        let (status, _, answer) = world.send(post_form("/supervision", &office, form)).await;
        assert!(status.is_client_error(), "{status} for {form}: {answer}");
    }
    let log = world
        .direct_store()
        .audit_entries(200)
        .expect("the audit log");
    assert!(
        !log.iter().any(|e| e.action == "supervision.open"),
        "nothing was opened"
    );
    // Markup in the instructions is shown as text.
    let form = format!(
        "csrf={csrf}&reason=other&instructions={}&case={}",
        encode("<script>alert(1)</script>=HYPERLINK(\"x\")"),
        encode(number)
    );
    let (status, _, answer) = world.send(post_form("/supervision", &office, &form)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (_, page) = world.page("/supervision", &office).await;
    let id = item_ids(&page)[0];
    let (_, item) = world.page(&format!("/supervision/{id}"), &office).await;
    assert!(
        item.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{item}"
    );
    assert!(!item.contains("<script>"), "{item}");
    // Unknown steps and items are not found.
    for uri in [
        format!("/supervision/{id}/delete"),
        "/supervision/0/reply".to_string(),
        "/supervision/abc/reply".to_string(),
        "/supervision/99999/reply".to_string(),
    ] {
        let (status, _, _) = world
            .send(post_form(&uri, &office, &format!("csrf={csrf}&text=x")))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
    }
}

/// A JSON body posted to `uri` with the bearer `token`.
fn post_json(uri: &str, token: &str, body: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::post(uri)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(axum::body::Body::from(body.to_string()))
        .expect("a request")
}

#[tokio::test]
async fn the_api_supervises_within_the_same_scope_and_refuses_what_is_malformed() {
    let world = fresh_world();
    let number = world.boundary.long_pending_36m_in;
    let open = serde_json::json!({
        "cases": [number],
        "reason": "over_time_limit",
        "instructions": "请说明超审限原因",
    })
    .to_string();
    // An administrator may not supervise; the office may.
    let (status, _, _) = world
        .send(post_json("/api/v1/supervision", &world.admin.token, &open))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, body) = world
        .send(post_json("/api/v1/supervision", &world.office.token, &open))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let opened: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    let id = opened["ids"][0].as_i64().expect("an id");
    // The judge finds it among his own, replies; the item says so, with its history.
    let (status, mine) = world
        .get("/api/v1/supervision?mine=true", Some(&world.judge.token))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(mine["items"][0]["id"], id, "{mine}");
    assert_eq!(mine["items"][0]["state"], "awaiting_reply");
    assert_eq!(mine["items"][0]["due_on"], "2026-12-04");
    let (status, _, body) = world
        .send(post_json(
            &format!("/api/v1/supervision/{id}/reply"),
            &world.judge.token,
            r#"{"text": "已排期开庭"}"#,
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let replied: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(replied["state"], "replied");
    assert_eq!(replied["replied_in_time"], true);
    let (_, item) = world
        .get(
            &format!("/api/v1/supervision/{id}"),
            Some(&world.office.token),
        )
        .await;
    let steps: Vec<&str> = item["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|s| s["step"].as_str())
        .collect();
    assert_eq!(steps, ["opened", "reply"]);
    // A judge of another court: nothing to see.
    let (_, theirs) = world
        .get("/api/v1/supervision", Some(&world.judge_1403.token))
        .await;
    assert_eq!(theirs["items"].as_array().map(Vec::len), Some(0));
    let (status, _) = world
        .get(
            &format!("/api/v1/supervision/{id}"),
            Some(&world.judge_1403.token),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The figures: the office's court has the item opened and replied in November; the other
    // court's judge sees no row; a period that is not one is refused.
    let november = "/api/v1/supervision/figures?from=2026-11-01&to=2026-11-30";
    let (status, figures) = world.get(november, Some(&world.office.token)).await;
    assert_eq!(status, StatusCode::OK, "{figures}");
    let rows = figures["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 1, "{figures}");
    assert_eq!(
        (
            &rows[0]["court"],
            &rows[0]["month"],
            &rows[0]["opened"],
            &rows[0]["replies"]
        ),
        (
            &serde_json::json!("湘1402"),
            &serde_json::json!("2026-11"),
            &serde_json::json!(1),
            &serde_json::json!(1)
        ),
        "{figures}"
    );
    let (_, theirs) = world.get(november, Some(&world.judge_1403.token)).await;
    assert_eq!(theirs["rows"].as_array().map(Vec::len), Some(0), "{theirs}");
    for bad in [
        "from=2026-11-30&to=2026-11-01",
        "from=2026-11-01",
        "from=x&to=2026-11-30",
        "from=2026-02-30&to=2026-11-30",
    ] {
        let (status, error) = world
            .get(
                &format!("/api/v1/supervision/figures?{bad}"),
                Some(&world.office.token),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {error}");
        assert_eq!(error["code"], "invalid", "{bad}");
    }
    // Malformed requests, each refused in the API's error shape; nothing more is written.
    let huge = format!(r#"{{"text": "{}"}}"#, "长".repeat(100_000));
    let item_step = |step: &str| format!("/api/v1/supervision/{id}/{step}");
    for (uri, token, body, expected) in [
        (
            "/api/v1/supervision".to_string(),
            &world.office.token,
            "not json".to_string(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/supervision".to_string(),
            &world.office.token,
            r#"{"cases": [], "reason": "other", "instructions": "x"}"#.to_string(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/supervision".to_string(),
            &world.office.token,
            r#"{"cases": ["x"], "reason": "bogus", "instructions": "x"}"#.to_string(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/supervision".to_string(),
            &world.office.token,
            r#"{"cases": ["x"], "reason": "other", "instructions": "x", "extra": 1}"#.to_string(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/supervision".to_string(),
            &world.office.token,
            format!(
                r#"{{"cases": ["{number}"], "reason": "other", "instructions": "x", "due_on": "2026-02-30"}}"#
            ),
            StatusCode::BAD_REQUEST,
        ),
        (
            item_step("close"),
            &world.judge.token,
            "{}".to_string(),
            StatusCode::FORBIDDEN,
        ),
        (
            item_step("escalate"),
            &world.office.token,
            "{}".to_string(),
            StatusCode::BAD_REQUEST,
        ),
        (
            item_step("return"),
            &world.office.token,
            huge,
            StatusCode::BAD_REQUEST,
        ),
        (
            item_step("delete"),
            &world.office.token,
            "{}".to_string(),
            StatusCode::NOT_FOUND,
        ),
        (
            "/api/v1/supervision/-1/reply".to_string(),
            &world.judge.token,
            "{}".to_string(),
            StatusCode::NOT_FOUND,
        ),
    ] {
        let (status, _, answer) = world.send(post_json(&uri, token, &body)).await;
        assert_eq!(
            status,
            expected,
            "{uri} {}: {answer}",
            body.chars().take(80).collect::<String>()
        );
        let error: serde_json::Value = serde_json::from_str(&answer).expect("a JSON error");
        assert!(error["code"].is_string(), "{answer}");
    }
    let (_, all) = world
        .get("/api/v1/supervision", Some(&world.office.token))
        .await;
    assert_eq!(all["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(all["items"][0]["state"], "replied");
}
