//! The 数据质量 page over the web test world: the reader's courts with their cases checked, score
//! and months, every rule with its definition and the cases behind it linked to their pages, in
//! Chinese and in English; another court refused; hostile parameters answered with an error page
//! that shows them as text, never a panic.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use shenguan_testkit::world::{COURT, encode, world};

const PERIOD: &str = "from=2026-01-01&to=2026-11-27";

/// The scorecard of `token`'s reader as the API answers it.
async fn api_card(token: &str, query: &str) -> Value {
    let (status, body) = world()
        .get(&format!("/api/v1/quality/scorecard?{query}"), Some(token))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

#[tokio::test]
async fn the_page_shows_each_court_its_months_and_the_cases_behind_each_rule() {
    let world = world();
    let cookie = world.session(&world.office).await;
    let (status, page) = world.page(&format!("/quality?{PERIOD}"), &cookie).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let card = api_card(&world.office.token, PERIOD).await;
    let court = &card["courts"][0];
    assert_eq!(court["court"], COURT);
    let checked = court["checked"].as_u64().expect("checked");
    let clean = court["clean"].as_u64().expect("clean");
    assert!(
        page.contains(&format!("核查{checked}件，无问题{clean}件")),
        "{page}"
    );
    // The navigation leads here; the months are drawn and tabled.
    assert!(page.contains("href=\"/quality\""), "{page}");
    assert!(page.contains("<svg"), "the trend's chart");
    assert!(page.contains("<td>2026-01</td>") && page.contains("<td>2026-11</td>"));
    // Every rule's definition, and each listed case of a rule broken linked to its page.
    for rule in shenguan_domain::quality::Rule::ALL {
        assert!(page.contains(rule.code()), "{}", rule.code());
    }
    assert!(page.contains("结案日之后还有流程节点"), "a definition");
    let bare = court["rules"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["rule"] == "missing_parties"))
        .expect("missing_parties");
    let first = bare["cases"][0].as_str().expect("a case without parties");
    assert!(
        page.contains(&format!("href=\"/cases/{}\"", encode(first))),
        "{first}: {page}"
    );
    for outside in ["http://", "https://", "<script"] {
        assert!(!page.contains(outside), "{outside}");
    }

    // In English.
    let request = Request::get(format!("/quality?{PERIOD}"))
        .header("cookie", format!("sg_session={cookie}; sg_lang=en"))
        .body(Body::empty())
        .expect("request");
    let (status, _, english) = world.send(request).await;
    assert_eq!(status, StatusCode::OK);
    assert!(english.contains("Data quality") && english.contains(&format!("{checked} checked")));
    assert!(english.contains("an event dated after the closing day"));
    assert!(!english.contains("结案日之后还有流程节点"));

    // The intermediate court's office sees the courts below it, and one of them alone.
    let city = world.session(&world.city_office).await;
    let (status, all) = world.page(&format!("/quality?{PERIOD}"), &city).await;
    assert_eq!(status, StatusCode::OK);
    for code in ["湘1402", "湘1403", "湘1404"] {
        assert!(all.contains(&format!("（{code}）")), "{code}");
    }
    let (status, one) = world
        .page(
            &format!("/quality?{PERIOD}&court={}", encode("湘1403")),
            &city,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(one.contains("（湘1403）") && !one.contains("（湘1402）</h2>"));

    // A judge's page holds their own cases only.
    let judge = world.session(&world.judge).await;
    let (status, theirs) = world.page(&format!("/quality?{PERIOD}"), &judge).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!theirs.contains(&format!("核查{checked}件")), "{theirs}");
}

#[tokio::test]
async fn hostile_parameters_answer_an_error_page_never_a_panic() {
    let world = world();
    let cookie = world.session(&world.office).await;
    let script = encode("<script>alert(1)</script>");
    for (query, status) in [
        ("from=garbage".to_string(), StatusCode::BAD_REQUEST),
        (
            "from=2026-11-27&to=2026-01-01".to_string(),
            StatusCode::BAD_REQUEST,
        ),
        ("to=99999-01-01".to_string(), StatusCode::BAD_REQUEST),
        ("from=2026-02-30".to_string(), StatusCode::BAD_REQUEST),
        (format!("from={script}"), StatusCode::BAD_REQUEST),
        (format!("court={script}"), StatusCode::BAD_REQUEST),
        (
            format!("court={}{script}", encode(COURT)),
            StatusCode::BAD_REQUEST,
        ),
        ("with_lower=maybe".to_string(), StatusCode::BAD_REQUEST),
        (format!("court={}", encode("湘1403")), StatusCode::FORBIDDEN),
        (format!("court={}", encode("湘99")), StatusCode::FORBIDDEN),
    ] {
        let (got, page) = world.page(&format!("/quality?{query}"), &cookie).await;
        assert_eq!(got, status, "{query}: {page}");
        assert!(page.contains("<h1>无法显示</h1>"), "{query}: {page}");
        assert!(!page.contains("<script>"), "{query}");
    }
    // Huge or odd table parameters are ignored, not obeyed or fatal.
    for query in [
        "sort=99999999999999999999999&desc=1",
        "courts.sort=18446744073709551616",
        "courts.page=-1&courts.per_page=100000000",
        "export=nothing",
    ] {
        let (got, page) = world
            .page(&format!("/quality?{PERIOD}&{query}"), &cookie)
            .await;
        assert!(
            got == StatusCode::OK || got == StatusCode::NOT_FOUND,
            "{query}: {got} {page}"
        );
        assert!(!page.contains("<script>"), "{query}");
    }
    // A whole century is a period like another for the scorecard (the store is read once either
    // way); the reconciliation, which walks its months, says it takes twenty years at most.
    let (got, page) = world
        .page("/quality?from=1949-01-01&to=2049-12-31", &cookie)
        .await;
    assert_eq!(got, StatusCode::OK);
    assert!(page.contains("至多20年"), "{page}");
}
