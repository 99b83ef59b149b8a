//! The pages, driven over the router as a browser would: login with the form token and the
//! failure limit, a session cookie (HttpOnly, SameSite), every page held to the user's scope,
//! nothing on any page from outside the server, logout guarded by the form token.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{World, encode, send, set_cookie, world};

const PASSWORD: &str = "long enough password";

/// Logs in through the form; returns the session cookie, or the status of a refusal.
async fn login(world: &World, name: &str, password: &str) -> Result<String, StatusCode> {
    let (_, headers, form) = send(
        world,
        Request::get("/login").body(Body::empty()).expect("request"),
    )
    .await;
    let token = set_cookie(&headers, "sg_login").expect("a form token cookie");
    assert!(form.contains(&token), "the form carries the token");
    let body = format!(
        "name={}&password={}&csrf={token}",
        encode(name),
        encode(password)
    );
    let request = Request::post("/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", format!("sg_login={token}"))
        .body(Body::from(body))
        .expect("request");
    let (status, headers, _) = send(world, request).await;
    if status != StatusCode::SEE_OTHER {
        return Err(status);
    }
    let raw = headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("sg_session="))
        .expect("a session cookie")
        .to_string();
    assert!(
        raw.contains("HttpOnly") && raw.contains("SameSite=Strict"),
        "{raw}"
    );
    Ok(set_cookie(&headers, "sg_session").expect("session"))
}

async fn page(world: &World, cookie: &str, uri: &str) -> (StatusCode, String) {
    let request = Request::get(uri)
        .header("cookie", format!("sg_session={cookie}"))
        .body(Body::empty())
        .expect("request");
    let (status, _, body) = send(world, request).await;
    (status, body)
}

const PERIOD: &str = "from=2024-01-01&to=2024-12-31";

fn pages() -> Vec<String> {
    vec![
        format!("/?{PERIOD}"),
        format!("/court/{}?{PERIOD}", encode("湘1402")),
        format!("/indicator/within_limit_rate?{PERIOD}"),
        "/warnings".to_string(),
        "/long-pending?months=12".to_string(),
        format!("/enforcement?{PERIOD}"),
        format!("/cases/{}", encode("（2024）湘1402民初1号")),
    ]
}

#[tokio::test]
async fn pages_need_a_session_and_login_is_guarded() {
    let world = world();
    for uri in pages() {
        let (status, _, _) = send(
            &world,
            Request::get(&uri).body(Body::empty()).expect("request"),
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{uri}");
    }
    // A form posted without its token cookie is refused.
    let request = Request::post("/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(format!(
            "name={}&password=x&csrf=forged",
            encode("审管办")
        )))
        .expect("request");
    let (status, _, _) = send(&world, request).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        login(&world, "审管办", "wrong password").await,
        Err(StatusCode::UNAUTHORIZED)
    );
    assert!(login(&world, "审管办", PASSWORD).await.is_ok());
    // Five failures within five minutes stop a name for a while, the right password too.
    for _ in 0..4 {
        assert_eq!(
            login(&world, "管理员", "nope nope").await,
            Err(StatusCode::UNAUTHORIZED)
        );
    }
    assert_eq!(
        login(&world, "管理员", "nope nope").await,
        Err(StatusCode::UNAUTHORIZED)
    );
    assert_eq!(
        login(&world, "管理员", PASSWORD).await,
        Err(StatusCode::TOO_MANY_REQUESTS)
    );
}

#[tokio::test]
async fn every_page_shows_the_users_scope_and_nothing_from_outside() {
    let world = world();
    let cookie = login(&world, "审管办", PASSWORD).await.expect("login");
    for uri in pages() {
        let (status, body) = page(&world, &cookie, &uri).await;
        assert!(
            status == StatusCode::OK
                || (uri.starts_with("/cases/") && status == StatusCode::NOT_FOUND),
            "{uri}: {status}"
        );
        assert!(body.starts_with("<!DOCTYPE html>"), "{uri}");
        assert!(
            !body.contains("http://") && !body.contains("https://") && !body.contains("//cdn"),
            "{uri}"
        );
        assert!(!body.contains("湘1403"), "{uri} shows another court");
    }
    let (_, overview) = page(&world, &cookie, &format!("/?{PERIOD}")).await;
    for needle in ["总览", "结收比", "法定审限内结案率", "<svg", "湘1402"] {
        assert!(overview.contains(needle), "overview lacks {needle}");
    }
    // Another court's page and cases are refused.
    let (status, _) = page(
        &world,
        &cookie,
        &format!("/court/{}?{PERIOD}", encode("湘1403")),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, indicator) = page(&world, &cookie, &format!("/indicator/closed?{PERIOD}")).await;
    let first = indicator
        .split("href=\"/cases/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a case link")
        .to_string();
    let (status, case) = page(&world, &cookie, &format!("/cases/{first}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(case.contains("流程节点") && case.contains("立案"), "{case}");
    let judge_case = {
        let (_, listed) =
            common::get(&world, "/api/v1/cases?limit=1", Some(&world.judge_1403.1)).await;
        listed["cases"][0]["case_no"]
            .as_str()
            .expect("case")
            .to_string()
    };
    let (status, _) = page(&world, &cookie, &format!("/cases/{}", encode(&judge_case))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Text from the data is escaped: no page carries markup it did not write.
    let (_, warnings) = page(&world, &cookie, "/warnings").await;
    assert!(warnings.contains("已超审限"), "stale data is overdue");
}

#[tokio::test]
async fn the_font_comes_from_the_server_itself() {
    let world = world();
    let (_, _, login_page) = send(
        &world,
        Request::get("/login").body(Body::empty()).expect("request"),
    )
    .await;
    assert!(login_page.contains("url(/assets/noto-sans-sc.woff2)"));
    let response = shenguan_web::router(std::sync::Arc::clone(&world.server));
    let answer = tower::ServiceExt::oneshot(
        response,
        Request::get("/assets/noto-sans-sc.woff2")
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .expect("response");
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(answer.headers()["content-type"], "font/woff2");
    let bytes = http_body_util::BodyExt::collect(answer.into_body())
        .await
        .expect("body")
        .to_bytes();
    assert_eq!(&bytes[..4], b"wOF2", "a WOFF2 font");
    assert!(bytes.len() > 1_000_000, "with the hanzi of GB 2312");
}

#[tokio::test]
async fn logout_needs_the_sessions_form_token() {
    let world = world();
    let cookie = login(&world, "审管办", PASSWORD).await.expect("login");
    let (_, body) = page(&world, &cookie, "/warnings").await;
    let token = body
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the logout form's token")
        .to_string();
    let post = |csrf: &str| {
        Request::post("/logout")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", format!("sg_session={cookie}"))
            .body(Body::from(format!("csrf={csrf}")))
            .expect("request")
    };
    let (status, _, _) = send(&world, post("forged")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = send(&world, post(&token)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = page(&world, &cookie, "/warnings").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the session is over");
}
