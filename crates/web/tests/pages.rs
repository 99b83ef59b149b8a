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
        "/enforcement?idle=90".to_string(),
        format!("/cases/{}", encode("（2024）湘1402民初1号")),
        format!("/?{PERIOD}&sort=2&desc=1"),
        format!("/indicator/closed?{PERIOD}&q=2024&page=2"),
        "/import".to_string(),
        "/reports".to_string(),
    ]
}

/// The pages only administrators open.
const ADMIN_PAGES: [&str; 2] = ["/admin/users", "/admin/audit"];

/// The form token of a page (every signed-in page carries the session's in its logout form).
fn form_token(body: &str) -> String {
    body.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a form token")
        .to_string()
}

/// The first link of a page whose address starts with `prefix`.
fn first_link(body: &str, prefix: &str) -> String {
    body.split(&format!("href=\"{prefix}"))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|rest| format!("{prefix}{}", rest.replace("&amp;", "&")))
        .unwrap_or_else(|| panic!("no link to {prefix}"))
}

#[tokio::test]
async fn pages_need_a_session_and_login_is_guarded() {
    let world = world();
    for uri in pages().iter().map(String::as_str).chain(ADMIN_PAGES) {
        let (status, _, _) = send(
            &world,
            Request::get(uri).body(Body::empty()).expect("request"),
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
    for uri in ADMIN_PAGES {
        let (status, _) = page(&world, &cookie, uri).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri} is for administrators");
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

#[tokio::test]
async fn a_court_leads_to_its_divisions_and_their_judges() {
    let world = world();
    let cookie = login(&world, "审管办", PASSWORD).await.expect("login");
    let (_, court) = page(
        &world,
        &cookie,
        &format!("/court/{}?{PERIOD}", encode("湘1402")),
    )
    .await;
    assert!(court.contains("各部门"), "the court lists its divisions");
    let division = first_link(&court, "/court/%E6%B9%981402/division/");
    let (status, division_page) = page(&world, &cookie, &format!("{division}?{PERIOD}")).await;
    assert_eq!(status, StatusCode::OK, "{division}");
    assert!(division_page.contains("各承办法官"), "{division}");
    let judge = first_link(&division_page, "/court/%E6%B9%981402/judge/");
    let (status, judge_page) = page(&world, &cookie, &format!("{judge}?{PERIOD}")).await;
    assert_eq!(status, StatusCode::OK, "{judge}");
    assert!(
        judge_page.contains("各案件类型") && judge_page.contains("<svg"),
        "{judge}"
    );
    // Another court's division is out of scope.
    let elsewhere = division.replace("%E6%B9%981402", "%E6%B9%981403");
    let (status, _) = page(&world, &cookie, &elsewhere).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_table_sorts_by_the_column_asked_for() {
    let world = world();
    let cookie = login(&world, "管理员", PASSWORD).await.expect("login");
    // Column 1 is the first indicator after the court: 新收, largest first.
    let (_, body) = page(&world, &cookie, &format!("/?{PERIOD}&sort=1&desc=1")).await;
    let table = body.split("各法院").nth(1).expect("the courts' table");
    let values: Vec<i64> = table
        .split("<tr><td class=\"g\">")
        .skip(1)
        .map(|row| {
            row.split("<td>")
                .nth(1)
                .and_then(|cell| cell.split('<').next())
                .and_then(|v| v.parse().ok())
                .expect("a number")
        })
        .collect();
    assert!(values.len() >= 3, "{values:?}");
    assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
}

#[tokio::test]
async fn the_pages_switch_to_english_and_back() {
    let world = world();
    let cookie = login(&world, "审管办", PASSWORD).await.expect("login");
    let request = Request::get("/lang/en")
        .header("referer", "http://127.0.0.1:8080/warnings?tier=overdue")
        .body(Body::empty())
        .expect("request");
    let (status, headers, _) = send(&world, request).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/warnings?tier=overdue")
    );
    assert_eq!(
        common::set_cookie(&headers, "sg_lang").as_deref(),
        Some("en")
    );
    let english = |uri: &str| {
        Request::get(uri)
            .header("cookie", format!("sg_session={cookie}; sg_lang=en"))
            .body(Body::empty())
            .expect("request")
    };
    let (_, _, overview) = send(&world, english(&format!("/?{PERIOD}"))).await;
    let closed = shenguan_app::metrics::indicator("closed").expect("closed");
    assert!(overview.contains("<html lang=\"en\">"));
    assert!(overview.contains("Core indicators") && overview.contains(closed.name_en));
    assert!(overview.contains("href=\"/lang/zh\""), "the way back");
    let (_, _, warnings) = send(&world, english("/warnings")).await;
    assert!(warnings.contains("Time-limit warnings") && warnings.contains("past the limit"));
    let (_, chinese) = page(&world, &cookie, "/warnings").await;
    assert!(chinese.contains("审限预警") && chinese.contains("已超审限"));
}

/// A multipart form with the session's token and one file.
fn upload(cookie: &str, csrf: &str, name: &str, content: &str) -> Request<Body> {
    let boundary = "shenguan-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: text/csv\r\n\r\n{content}\r\n--{boundary}--\r\n"
    );
    Request::post("/import")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("cookie", format!("sg_session={cookie}"))
        .body(Body::from(body))
        .expect("request")
}

/// The value shown on an indicator's card.
fn card_value(body: &str, code: &str) -> String {
    body.split(&format!("href=\"/indicator/{code}\""))
        .nth(1)
        .and_then(|card| card.split("<div class=\"v\">").nth(1))
        .and_then(|value| value.split(" <small>").next())
        .unwrap_or_else(|| panic!("no card for {code}"))
        .to_string()
}

fn confirm(cookie: &str, csrf: &str, upload: &str, skip: bool) -> Request<Body> {
    let skip = if skip { "&skip_invalid=1" } else { "" };
    Request::post("/import/confirm")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", format!("sg_session={cookie}"))
        .body(Body::from(format!("csrf={csrf}&upload={upload}{skip}")))
        .expect("request")
}

fn upload_id(body: &str) -> String {
    body.split("name=\"upload\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the confirmation form")
        .to_string()
}

const TWO_COURTS: &str = "案号,法院名称,立案日期,结案日期,结案方式,承办人,承办部门,案由,适用程序,标的额,执行到位金额,原审案号\n\
     （2026）湘1402民初99901号,清河市一区人民法院,2026-03-02,,,新法官,民事审判庭,民间借贷纠纷,简易,1000.00,,\n\
     （2026）湘1403民初99902号,清河市二区人民法院,2026-03-03,,,别的法官,民事审判庭,民间借贷纠纷,简易,2000.00,,\n";

#[tokio::test]
async fn an_import_is_checked_then_confirmed_and_the_figures_follow() {
    let world = world();
    let cookie = login(&world, "审管办", PASSWORD).await.expect("login");
    let (status, form) = page(&world, &cookie, "/import").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("multipart/form-data"));
    let csrf = form_token(&form);
    // A forged form token is refused before anything is read.
    let (status, _, _) = send(&world, upload(&cookie, "forged", "cases.csv", TWO_COURTS)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The report names the bad row: another court's case.
    let (status, _, report) = send(&world, upload(&cookie, &csrf, "cases.csv", TWO_COURTS)).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert!(
        report.contains("错误1处") && report.contains("湘1403"),
        "{report}"
    );
    assert!(
        report.contains("skip_invalid"),
        "the bad rows may be skipped"
    );
    // Confirmed as a whole: refused, nothing written.
    let (_, _, refused) = send(&world, confirm(&cookie, &csrf, &upload_id(&report), false)).await;
    assert!(refused.contains("未写入任何数据"), "{refused}");
    let (_, overview) = page(&world, &cookie, "/?from=2026-01-01&to=2026-11-27").await;
    assert_eq!(card_value(&overview, "new"), "0", "nothing new yet");
    // Again, skipping the bad row: written, audited, and the overview counts it.
    let (_, _, report) = send(&world, upload(&cookie, &csrf, "cases.csv", TWO_COURTS)).await;
    let id = upload_id(&report);
    let (_, _, done) = send(&world, confirm(&cookie, &csrf, &id, true)).await;
    assert!(
        done.contains("新增1件") && done.contains("指标已按新数据重新计算"),
        "{done}"
    );
    let (_, overview) = page(&world, &cookie, "/?from=2026-01-01&to=2026-11-27").await;
    assert_eq!(card_value(&overview, "new"), "1");
    assert!(
        overview.contains("<div class=\"v\">1 <small>件</small>"),
        "{overview}"
    );
    // An upload is confirmed once.
    let (status, _, _) = send(&world, confirm(&cookie, &csrf, &id, true)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let admin = login(&world, "管理员", PASSWORD).await.expect("login");
    let (status, audit) = page(&world, &admin, "/admin/audit?action=import").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        audit.contains("审管办") && audit.contains("added 1"),
        "{audit}"
    );
    let (_, users) = page(&world, &admin, "/admin/users").await;
    assert!(
        users.contains("审管办") && !users.contains("argon2"),
        "{users}"
    );
    // A judge may not import.
    let judge = login(&world, &world.judge_1403.0, PASSWORD)
        .await
        .expect("login");
    let (status, _) = page(&world, &judge, "/import").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn reports_download_within_the_users_scope_and_are_audited() {
    let world = world();
    let cookie = login(&world, "审管办", PASSWORD).await.expect("login");
    let get = |uri: &str| {
        Request::get(uri)
            .header("cookie", format!("sg_session={cookie}"))
            .body(Body::empty())
            .expect("request")
    };
    let (status, headers, _) =
        send(&world, get("/reports/bulletin?month=2024-10&format=docx")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.contains("wordprocessingml"))
    );
    assert!(
        headers
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|d| d.starts_with("attachment;"))
    );
    let (status, _, html) = send(
        &world,
        get("/reports/summary?from=2024-01-01&to=2024-06-30&format=html"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("2024年1至6月") && html.contains("<svg"),
        "a summary"
    );
    assert!(!html.contains("湘1403"), "another court's figures");
    let (status, _, _) = send(&world, get("/reports/bulletin?month=2024-13&format=docx")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = send(&world, get("/reports/bulletin?month=2024-10&format=pdf")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let admin = login(&world, "管理员", PASSWORD).await.expect("login");
    let (_, audit) = page(&world, &admin, "/admin/audit?action=export").await;
    assert!(audit.contains("2024年10月质效通报.docx"), "{audit}");
}
