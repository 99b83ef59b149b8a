//! 随机分案 through the API: the court's office allocates a new case (its track under the shipped
//! rules; no judge when the pool has none in post), once; designates one with a listed reason and
//! an approver and is refused without; a judge may not allocate; hostile bodies are refused with
//! the store as it was; the log written verifies.

use axum::http::StatusCode;
use serde_json::{Value, json};
use shenguan_domain::allocation::chain::verify;
use shenguan_testkit::world::{COURT, World, fresh_world, post_json};

async fn post(world: &World, token: &str, body: &str) -> (StatusCode, Value) {
    let (status, _, answer) = world
        .send(post_json("/api/v1/assignments", token, body))
        .await;
    let answer = serde_json::from_str(&answer).unwrap_or(Value::String(answer));
    (status, answer)
}

#[tokio::test]
async fn the_office_allocates_and_designates_and_hostile_requests_change_nothing() {
    let world = fresh_world();
    let office = &world.office.token;
    let civil = json!({
        "case_no": "（2026）湘1402民初98001号",
        "amount": "30000.00",
        "parties": 2,
        "party_names": ["<script>alert(1)</script>"],
    });
    let (status, done) = post(&world, office, &civil.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(
        (done["track"].as_str(), done["track_zh"].as_str()),
        (Some("simple"), Some("简案"))
    );
    assert_eq!(done["rule"], "民事简案");
    assert_eq!(done["log"].as_array().map(Vec::len), Some(2));
    // Once.
    let (status, again) = post(&world, office, &civil.to_string()).await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");
    // A judge may not allocate.
    let other = json!({"case_no": "（2026）湘1402民初98002号"});
    let (status, _) = post(&world, &world.judge.token, &other.to_string()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A designation needs a listed reason; with one, the judge named takes it.
    let staff = world.direct_store().staff().expect("staff");
    let judge = staff
        .iter()
        .find(|s| s.court.to_string() == COURT)
        .map(|s| s.id.to_string())
        .expect("a judge of the court");
    let designate = |reason: &str| {
        json!({
            "case_no": "（2026）湘1402民初98003号",
            "designate": {"judge": judge, "reason": reason, "approver": "院长"},
        })
        .to_string()
    };
    let (status, refused) = post(&world, office, &designate("领导交办")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    let (status, designated) = post(&world, office, &designate("本院提审的案件")).await;
    assert_eq!(status, StatusCode::OK, "{designated}");
    assert_eq!(
        (designated["how"].as_str(), designated["judge"].as_str()),
        (Some("designate"), Some(judge.as_str()))
    );
    // Hostile bodies: refused, nothing written.
    let before = world.direct_store().allocation_log().expect("log").len();
    for bad in [
        "{not json".to_string(),
        json!({"case_no": "不是案号"}).to_string(),
        json!({"case_no": "（2026）湘1402民初98004号", "amount": "=cmd|' /C calc'!A0"}).to_string(),
        json!({"case_no": "（2026）湘1402民初98005号", "parties": -1}).to_string(),
        json!({"case_no": "（2026）湘1402民初98006号", "extra": 1}).to_string(),
        json!({"case_no": "（2026）湘1402民初98007号", "party_names": vec!["x"; 201]}).to_string(),
        format!("{{\"case_no\": \"{}\"}}", "长".repeat(300_000)),
    ] {
        let (status, answer) = post(&world, office, &bad).await;
        assert!(status.is_client_error(), "{status}: {answer}");
    }
    let log = world.direct_store().allocation_log().expect("log");
    assert_eq!(log.len(), before, "nothing written");
    assert_eq!(log.len(), 4);
    assert_eq!(verify(&log, None), Ok(()));
}
