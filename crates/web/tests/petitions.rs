//! 信访 on the pages and through the API, as the petition office goes through it: the register,
//! a petition registered on the form (its petitioner's name script-bearing, an identity number
//! never shown), accepted and replied to, found on its case's page and in the petitioner's
//! history; the judge of the case reads it and may not handle it; another court does not see
//! it; the statistics page; and the API's writing routes with hostile bodies.

use axum::http::StatusCode;
use shenguan_testkit::world::{encode, form_token, fresh_world, post_form};

const NUMBER: &str = "43010219800101109X";

/// The petition's number in a page's forms (`/petitions/{id}/accept`).
fn petition_id(page: &str) -> Option<i64> {
    page.split("action=\"/petitions/")
        .nth(1)?
        .split('/')
        .next()?
        .parse()
        .ok()
}

#[tokio::test]
async fn the_office_registers_accepts_and_replies_and_others_read_it_within_their_scope() {
    let world = fresh_world();
    let case = world.boundary.overdue_in;
    let office = world.sign_in(&world.office).await;
    let (status, register) = world.page("/petitions", &office).await;
    assert_eq!(status, StatusCode::OK, "{register}");
    assert!(
        register.contains("信访登记") && register.contains("登记信访"),
        "{register}"
    );
    let (status, form) = world.page("/petitions/new", &office).await;
    assert_eq!(status, StatusCode::OK, "{form}");
    let csrf = form_token(&form).expect("the form's token");
    let body = format!(
        "csrf={csrf}&received_on=2026-11-20&channel={}&subject={}&level={}&petitioners={}&id_numbers={}&cases={}",
        encode("来访"),
        encode("不服裁判"),
        encode("来院"),
        encode("<script>alert(1)</script>、李某"),
        encode(&format!("{NUMBER}、")),
        encode(case),
    );
    let (status, _, page) = world.send(post_form("/petitions", &office, &body)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("已登记"), "{page}");
    assert!(!page.contains("<script>alert"), "the name is escaped");
    assert!(page.contains("&lt;script&gt;"), "{page}");
    assert!(page.contains("4301**********109X"), "the masked number");
    assert!(!page.contains("19800101"), "no clear number on the page");
    assert!(page.contains("受理告知"), "it awaits acceptance: {page}");
    let id = petition_id(&page).expect("the petition's forms");

    // Accepted as 访, then replied to.
    for (step, fields, said) in [
        (
            "accept",
            format!("on=2026-11-23&screening={}", encode("访")),
            "受理及甄别",
        ),
        (
            "reply",
            format!("on=2026-11-26&outcome={}", encode("解释")),
            "答复",
        ),
    ] {
        let (status, _, page) = world
            .send(post_form(
                &format!("/petitions/{id}/{step}"),
                &office,
                &format!("csrf={csrf}&{fields}"),
            ))
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains(&format!("已记录：{said}")), "{page}");
    }
    let (_, page) = world.page(&format!("/petitions/{id}"), &office).await;
    for shown in [
        "2026-11-23",
        "甄别为访",
        "2026-11-26",
        "解释",
        &world.office.name,
    ] {
        assert!(page.contains(shown), "{shown} on the petition page");
    }
    assert!(
        page.contains(&format!("action=\"/petitions/{id}/ask_review\"")),
        "a 复查 may be asked now"
    );
    assert!(!page.contains(&format!("action=\"/petitions/{id}/reply\"")));
    // Replied once: a second reply is refused and nothing changes.
    let (status, _, answer) = world
        .send(post_form(
            &format!("/petitions/{id}/reply"),
            &office,
            &format!("csrf={csrf}&outcome={}", encode("解决")),
        ))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    // Without the form token, nothing is taken.
    let (status, _, _) = world
        .send(post_form(
            &format!("/petitions/{id}/ask_review"),
            &office,
            "on=2026-11-27",
        ))
        .await;
    assert_ne!(status, StatusCode::OK);

    // The case page lists it; the petitioner's history holds it and the case.
    let (_, case_page) = world
        .page(&format!("/cases/{}", encode(case)), &office)
        .await;
    assert!(
        case_page.contains(&format!("href=\"/petitions/{id}\"")),
        "{case_page}"
    );
    let history = page
        .split("href=\"/petitioners/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a link to the petitioner's history")
        .to_string();
    let (status, person) = world
        .page(&format!("/petitioners/{history}"), &office)
        .await;
    assert_eq!(status, StatusCode::OK, "{person}");
    assert!(
        person.contains(&format!("href=\"/petitions/{id}\"")),
        "{person}"
    );

    // The judge of the case reads it but has no forms, and may not post one.
    let judge = world.sign_in(&world.judge).await;
    let (status, seen) = world.page(&format!("/petitions/{id}"), &judge).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert!(
        !seen.contains(&format!("action=\"/petitions/{id}/")),
        "no step forms"
    );
    let judge_csrf = form_token(&seen).expect("a token");
    let (status, _, _) = world
        .send(post_form(
            &format!("/petitions/{id}/ask_review"),
            &judge,
            &format!("csrf={judge_csrf}"),
        ))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = world.page("/petitions/new", &judge).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Another court's judge does not see it, nor the person's history.
    let other = world.sign_in(&world.judge_1403).await;
    for uri in [
        format!("/petitions/{id}"),
        format!("/petitioners/{history}"),
    ] {
        let (status, _) = world.page(&uri, &other).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
    }
    // Numbers and steps that are not there.
    for uri in [
        "/petitions/abc",
        "/petitions/0",
        "/petitions/99999999",
        "/petitioners/%3Cscript%3E",
    ] {
        let (status, _) = world.page(uri, &office).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
    }
    let (status, _, _) = world
        .send(post_form(
            &format!("/petitions/{id}/approve"),
            &office,
            &format!("csrf={csrf}"),
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A huge field is refused with a clear error; nothing is added.
    let (_, before) = world.page("/petitions", &office).await;
    let huge = format!(
        "csrf={csrf}&channel={}&subject={}&petitioners={}",
        encode("来信"),
        encode("其他"),
        "长".repeat(300_000)
    );
    let (status, _, answer) = world.send(post_form("/petitions", &office, &huge)).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "{}",
        &answer[..answer.len().min(300)]
    );
    let (_, after) = world.page("/petitions", &office).await;
    assert_eq!(
        before.matches("href=\"/petitions/").count(),
        after.matches("href=\"/petitions/").count()
    );

    // A late petition's case is supervised from the register, with the reason 信访 (the
    // office names itself to reply: the simulated judges have no accounts).
    let (_, late) = world.page("/petitions?overdue=true", &office).await;
    let ticked = late
        .split("name=\"case\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a late petition's case to tick")
        .to_string();
    let csrf = form_token(&late).expect("a token");
    let (status, _, answer) = world
        .send(post_form(
            "/supervision",
            &office,
            &format!(
                "csrf={csrf}&reason=petition&instructions={}&case={}&answerer={}",
                encode("信访逾期未答复，请说明"),
                encode(&ticked),
                encode(&world.office.name)
            ),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(answer.contains("已督办1件案件"), "{answer}");
    let (_, supervised) = world.page("/supervision?reason=petition", &office).await;
    assert!(supervised.contains(&ticked), "{supervised}");

    // The statistics: the indicators by court and month for the intermediate court's office.
    let city = world.sign_in(&world.city_office).await;
    let (status, figures) = world
        .page("/petitions/figures?from=2026-01-01&to=2026-11-27", &city)
        .await;
    assert_eq!(status, StatusCode::OK, "{figures}");
    for shown in [
        "信访统计",
        "重复信访率",
        "执行信访案件办结率",
        "各法院",
        "按月",
    ] {
        assert!(figures.contains(shown), "{shown} on the statistics page");
    }
    // An indicator of the family explains itself petition by petition: the one registered
    // above (received 11-20 at 湘1402) is behind 信访总量, linked to its page.
    let (status, explained) = world
        .page(
            "/indicator/petitions?from=2026-11-01&to=2026-11-27",
            &office,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{explained}");
    assert!(explained.contains("背后的信访件"), "{explained}");
    assert!(
        explained.contains(&format!("href=\"/petitions/{id}\"")),
        "{explained}"
    );
    let (status, api) = world
        .get(
            "/api/v1/metrics/explain?indicator=petitions&from=2026-11-01&to=2026-11-27",
            Some(&world.office.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{api}");
    let ids: Vec<i64> = api["petitions"]
        .as_array()
        .map(|all| all.iter().filter_map(|p| p["id"].as_i64()).collect())
        .unwrap_or_default();
    assert!(ids.contains(&id), "{api}");
    assert_eq!(api["cases"], serde_json::json!([]), "{api}");
    // Another court's judge is told nothing of it.
    let (_, other_api) = world
        .get(
            "/api/v1/metrics/explain?indicator=petitions&from=2026-11-01&to=2026-11-27",
            Some(&world.judge_1403.token),
        )
        .await;
    assert!(
        !other_api.to_string().contains(&format!("\"id\":{id}")),
        "{other_api}"
    );

    // The audit log holds each step.
    let (_, log) = world.get("/api/v1/audit", Some(&world.admin.token)).await;
    let actions: Vec<String> = log["entries"]
        .as_array()
        .map(|all| {
            all.iter()
                .filter_map(|e| e["action"].as_str().map(str::to_string))
                .filter(|a| a.starts_with("petition."))
                .collect()
        })
        .unwrap_or_default();
    for action in ["petition.register", "petition.accept", "petition.reply"] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
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
async fn the_api_registers_and_steps_petitions_and_refuses_what_is_malformed() {
    let world = fresh_world();
    let token = &world.office.token;
    let new = serde_json::json!({
        "channel": "来信",
        "subject": "执行",
        "received_on": "2026-11-25",
        "petitioners": ["王某"],
        "id_numbers": [NUMBER],
        "cases": [world.boundary.overdue_in],
    });
    let (status, _, answer) = world
        .send(post_json("/api/v1/petitions", token, &new.to_string()))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let registered: serde_json::Value = serde_json::from_str(&answer).expect("JSON");
    let id = registered["id"].as_i64().expect("an id");
    assert!(
        registered["register_no"]
            .as_str()
            .is_some_and(|n| n.starts_with("2026信"))
    );
    let (status, file) = world
        .get(&format!("/api/v1/petitions/{id}"), Some(token))
        .await;
    assert_eq!(status, StatusCode::OK, "{file}");
    assert_eq!(
        file["petition"]["petitioners"][0]["id_masked"],
        "4301**********109X"
    );
    assert!(!file.to_string().contains("19800101"), "no clear number");
    assert_eq!(file["steps"][0], "accept");
    assert_eq!(file["log"][0]["step"], "register");
    let accept = serde_json::json!({"on": "2026-11-26", "screening": "诉", "route": "执行异议", "routed_case": "（2026）湘1402执异5号"});
    let (status, _, answer) = world
        .send(post_json(
            &format!("/api/v1/petitions/{id}/accept"),
            token,
            &accept.to_string(),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let after: serde_json::Value = serde_json::from_str(&answer).expect("JSON");
    assert_eq!(after["petition"]["screening"], "诉");
    assert_eq!(
        after["petition"]["awaited"],
        serde_json::Value::Null,
        "routed: nothing awaited"
    );

    // Hostile and wrong requests: each refused in the API's shape, nothing written.
    let step_uri = format!("/api/v1/petitions/{id}/reply");
    let huge = format!(r#"{{"outcome": "{}"}}"#, "长".repeat(100_000));
    for (uri, who, body, status) in [
        (
            "/api/v1/petitions",
            token,
            "not json".to_string(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/petitions",
            token,
            r#"{"channel": "来信"}"#.to_string(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/petitions",
            token,
            r#"{"channel": "来信", "subject": "执行", "petitioners": ["王某"], "extra": 1}"#
                .to_string(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/petitions",
            token,
            r#"{"channel": "来信", "subject": "执行", "petitioners": ["王某、李某"]}"#.to_string(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/petitions",
            token,
            r#"{"channel": "来信", "subject": "执行", "petitioners": ["王某"], "court": "湘1403"}"#
                .to_string(),
            StatusCode::FORBIDDEN,
        ),
        (
            "/api/v1/petitions",
            &world.judge.token,
            r#"{"channel": "来信", "subject": "执行", "petitioners": ["王某"]}"#.to_string(),
            StatusCode::FORBIDDEN,
        ),
        (step_uri.as_str(), token, huge, StatusCode::BAD_REQUEST),
        (
            step_uri.as_str(),
            token,
            r#"{"outcome": "解释"}"#.to_string(),
            StatusCode::CONFLICT,
        ),
        (
            "/api/v1/petitions/abc/reply",
            token,
            "{}".to_string(),
            StatusCode::NOT_FOUND,
        ),
        (
            &format!("/api/v1/petitions/{id}/approve"),
            token,
            "{}".to_string(),
            StatusCode::NOT_FOUND,
        ),
        (
            &format!("/api/v1/petitions/{id}/stop"),
            &world.judge_1403.token,
            "{}".to_string(),
            StatusCode::NOT_FOUND,
        ),
    ] {
        let (got, _, answer) = world.send(post_json(uri, who, &body)).await;
        assert_eq!(
            got,
            status,
            "{uri} {}: {}",
            &body[..body.len().min(80)],
            &answer[..answer.len().min(300)]
        );
        let error: serde_json::Value =
            serde_json::from_str(&answer).expect("the API's error shape");
        assert!(
            error["code"].is_string() && error["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{answer}"
        );
    }
    let (_, again) = world
        .get(&format!("/api/v1/petitions/{id}"), Some(token))
        .await;
    assert_eq!(
        again["log"].as_array().map(Vec::len),
        Some(2),
        "register and accept only"
    );
    let (status, _) = world.get("/api/v1/petitions/99999999", Some(token)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
