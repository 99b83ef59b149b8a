//! 预测 over the web test world: the API's forecast of a court has its months with bands in
//! order, today's pending cases as the store holds them, and the 12/18/36-month crossings worked
//! out again here from the stored filing dates, each case listed; the 预测 page draws the same
//! figures, the bands as shaded areas of inline SVG charts, each crossing case linked to its
//! page (and in the table's workbook), in Chinese and in English; whole courts are the office's, leaders' and administrators'
//! (a judge or division head gets 403 and no link in the navigation); hostile parameters are
//! answered 400, 403 or 404 with a message, on the page as in the API, never a panic.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{Datelike, Months, NaiveDate};
use serde_json::Value;
use shenguan_testkit::world::{COURT, TODAY, World, encode, workbook_text, world};

/// The last day of the month of `day`.
fn month_end(day: NaiveDate) -> NaiveDate {
    let first = day.with_day0(0).expect("a first day");
    first + Months::new(1) - chrono::Days::new(1)
}

/// The month ends of the `months` steps after TODAY (2026-11-27: the rest of November first).
fn month_ends(months: u32) -> Vec<NaiveDate> {
    (0..months)
        .map(|k| month_end(TODAY.with_day(1).expect("first") + Months::new(k)))
        .collect()
}

/// (case number, months, month end) of every pending case of `court` passing 12, 18 or 36
/// months at one of the month ends, worked out from the stored filing dates.
fn crossings_from_the_store(world: &World, court: &str, months: u32) -> Vec<(String, u64, String)> {
    let ends = month_ends(months);
    let older = |filed: NaiveDate, at: NaiveDate, n: u32| filed < at - Months::new(n);
    let mut all = Vec::new();
    for case in world.stored_cases(Some(court)) {
        if case.court.to_string() != court
            || case.filed_on > TODAY
            || case.closed_on.is_some_and(|c| c <= TODAY)
        {
            continue;
        }
        for n in [12, 18, 36] {
            if older(case.filed_on, TODAY, n) {
                continue;
            }
            if let Some(end) = ends.iter().find(|end| older(case.filed_on, **end, n)) {
                all.push((case.case_no.to_string(), u64::from(n), end.to_string()));
            }
        }
    }
    all.sort();
    all
}

fn band(value: &Value) -> (f64, f64, f64) {
    let f = |k: &str| {
        value[k]
            .as_f64()
            .unwrap_or_else(|| panic!("{k} of {value}"))
    };
    (f("low"), f("median"), f("high"))
}

#[tokio::test]
async fn a_court_s_forecast_has_its_bands_its_pending_and_its_certain_crossings() {
    let world = world();
    let uri = format!("/api/v1/forecast?court={}&months=3", encode(COURT));
    let (status, body) = world.get(&uri, Some(&world.office.token)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["as_of"], TODAY.to_string());
    assert_eq!(body["draws"], 1000);
    let courts = body["courts"].as_array().expect("courts");
    assert_eq!(courts.len(), 1);
    let court = &courts[0];
    assert_eq!(court["court"], COURT);
    // Today's pending cases as the store holds them.
    let pending = world
        .stored_cases(Some(COURT))
        .into_iter()
        .filter(|c| {
            c.court.to_string() == COURT
                && c.filed_on <= TODAY
                && c.closed_on.is_none_or(|closed| closed > TODAY)
        })
        .count();
    assert!(pending > 50, "a court with cases: {pending}");
    assert_eq!(court["pending_now"], pending);
    let months = court["months"].as_array().expect("months");
    let ends: Vec<String> = month_ends(3).iter().map(ToString::to_string).collect();
    let answered: Vec<&str> = months
        .iter()
        .map(|m| m["month_end"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(answered, ends);
    for month in months {
        for figure in ["new", "closed", "pending", "breaches"] {
            let (low, median, high) = band(&month[figure]);
            assert!(
                0.0 <= low && low <= median && median <= high,
                "{figure}: {month}"
            );
        }
        // A band, not a point: the pending stock of a court is not known to the case.
        let (low, _, high) = band(&month["pending"]);
        assert!(high > low, "{month}");
    }
    // The first month's pending lies near today's: a few days of a month move it little.
    let (_, first, _) = band(&months[0]["pending"]);
    assert!(
        (first - pending as f64).abs() < 0.3 * pending as f64,
        "{first} against {pending}"
    );
    // The crossings, worked out again from the stored filing dates: the same cases, and each
    // month's counts are the cases listed for it.
    let listed: Vec<(String, u64, String)> = {
        let mut all: Vec<(String, u64, String)> = court["crossing_cases"]
            .as_array()
            .expect("crossing cases")
            .iter()
            .map(|c| {
                let chance = c["still_pending"].as_f64().expect("a chance");
                assert!((0.0..=1.0).contains(&chance), "{c}");
                (
                    c["case_no"].as_str().expect("number").to_string(),
                    c["months"].as_u64().expect("months"),
                    c["month_end"].as_str().expect("month end").to_string(),
                )
            })
            .collect();
        all.sort();
        all
    };
    let expected = crossings_from_the_store(world, COURT, 3);
    assert!(
        !expected.is_empty(),
        "the world has cases passing 12 months"
    );
    assert_eq!(listed, expected);
    for month in months {
        for crossing in month["crossing"].as_array().expect("crossing") {
            let n = crossing["months"].as_u64().expect("months");
            let end = month["month_end"].as_str().expect("end");
            let count = listed
                .iter()
                .filter(|(_, m, e)| *m == n && e == end)
                .count();
            assert_eq!(crossing["reaching"], count, "{end} {n}");
        }
    }
    // The courts together of one court are that court.
    assert_eq!(body["total"]["court"], Value::Null);
    assert_eq!(body["total"]["pending_now"], pending);

    // The intermediate court's office sees its courts, each and together.
    let (status, city) = world
        .get("/api/v1/forecast?months=1", Some(&world.city_office.token))
        .await;
    assert_eq!(status, StatusCode::OK, "{city}");
    let courts = city["courts"].as_array().expect("courts");
    assert!(courts.len() >= 2, "{city}");
    let together: u64 = courts
        .iter()
        .map(|c| c["pending_now"].as_u64().expect("pending"))
        .sum();
    assert_eq!(city["total"]["pending_now"], together);
}

/// A page of the world signed in as `cookie`, in English when `english`.
async fn page(world: &World, uri: &str, cookie: &str, english: bool) -> (StatusCode, String) {
    let lang = if english { "; sg_lang=en" } else { "" };
    let request = Request::get(uri)
        .header("cookie", format!("sg_session={cookie}{lang}"))
        .body(Body::empty())
        .expect("a request");
    let (status, _, body) = world.send(request).await;
    (status, body)
}

#[tokio::test]
async fn the_page_draws_the_bands_and_links_the_crossing_cases() {
    let world = world();
    let office = world.session(&world.office).await;
    let query = format!("court={}&months=3", encode(COURT));
    let (status, html) = page(world, &format!("/forecast?{query}"), &office, false).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("<h1>预测</h1>"), "{html}");
    // In the navigation, as the other analysis pages.
    assert!(html.contains("href=\"/forecast\""));
    // Two charts (new and closed; pending), the bands drawn as shaded areas: three of them.
    assert_eq!(html.matches("<svg class=\"chart\"").count(), 2, "{html}");
    assert_eq!(html.matches("<polygon class=\"band\"").count(), 3, "{html}");
    assert!(!html.contains("<script"), "no script on the page");
    // The first month is the rest of November, labelled with its days.
    assert!(html.contains(">11月28–30日</text>"), "{html}");
    // The figures are the API's: each month's middle and band as the table shows them.
    let (_, body) = world
        .get(
            &format!("/api/v1/forecast?{query}"),
            Some(&world.office.token),
        )
        .await;
    let court = &body["courts"][0];
    for month in court["months"].as_array().expect("months") {
        for figure in ["new", "closed", "pending", "breaches"] {
            let (low, median, high) = band(&month[figure]);
            let shown = format!("{median:.0}（{low:.0}–{high:.0}）");
            assert!(html.contains(&shown), "{figure} {shown} not on the page");
        }
    }
    assert!(html.contains(&format!("<div class=\"v\">{}</div>", court["pending_now"])));
    // Each crossing case (the page lists a page of them) linked to its case page.
    let cases = court["crossing_cases"].as_array().expect("cases");
    assert!(!cases.is_empty());
    for case in cases.iter().take(20) {
        let number = case["case_no"].as_str().expect("number");
        let link = format!("href=\"/cases/{}\"", encode(number));
        assert!(html.contains(&link), "{number} is not linked");
    }

    // The crossing cases download as a workbook, with their case numbers.
    let (status, _, bytes) = world
        .download(&format!("/forecast?{query}&export=crossing"), &office)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, strings) = workbook_text(&bytes);
    let first = cases[0]["case_no"].as_str().expect("number");
    assert!(strings.contains(first), "{first} not in the workbook");

    let (status, english) = page(world, &format!("/forecast?{query}"), &office, true).await;
    assert_eq!(status, StatusCode::OK);
    assert!(english.contains("<h1>Forecast</h1>"));
    assert!(english.contains("80% band") && english.contains("Passing 12 months"));
    assert!(
        !english.contains("将满"),
        "Chinese left on the English page"
    );

    // The network's administrator: the courts together first, then each court's rows.
    let admin = world.session(&world.admin).await;
    let (status, network) = page(world, "/forecast?months=2", &admin, false).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        network.contains("各法院") && network.contains("合计"),
        "{network}"
    );
    assert!(network.contains(&format!("href=\"/forecast?court={}\"", encode(COURT))));
}

#[tokio::test]
async fn a_judge_and_a_division_head_are_refused_and_see_no_link() {
    let world = world();
    for account in [&world.judge, &world.division] {
        let (status, body) = world.get("/api/v1/forecast", Some(&account.token)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        assert_eq!(body["code"], "forbidden");
        assert!(body["message"].as_str().is_some_and(|m| m.contains("预测")));
        let cookie = world.session(account).await;
        let (status, html) = page(world, "/forecast", &cookie, false).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (_, overview) = page(world, "/", &cookie, false).await;
        assert!(!overview.contains("href=\"/forecast\""), "{}", account.name);
        assert!(!html.contains("<script>"));
    }
}

#[tokio::test]
async fn hostile_forecast_parameters_answer_errors() {
    let world = world();
    let office = world.session(&world.office).await;
    let script = encode("<script>alert(1)</script>");
    // As long as an address may be (the http crate refuses 64 kB and more).
    let huge = "9".repeat(30_000);
    let huge_court = encode(&"湘".repeat(3_000));
    for (query, status, names) in [
        ("months=0".to_string(), StatusCode::BAD_REQUEST, "months"),
        ("months=7".to_string(), StatusCode::BAD_REQUEST, "months"),
        ("months=99".to_string(), StatusCode::BAD_REQUEST, "months"),
        ("months=abc".to_string(), StatusCode::BAD_REQUEST, "months"),
        ("months=-1".to_string(), StatusCode::BAD_REQUEST, "months"),
        ("months=2.5".to_string(), StatusCode::BAD_REQUEST, "months"),
        (format!("months={huge}"), StatusCode::BAD_REQUEST, "months"),
        (
            format!("months={script}"),
            StatusCode::BAD_REQUEST,
            "months",
        ),
        (format!("court={script}"), StatusCode::BAD_REQUEST, "court"),
        (
            format!("court={huge_court}"),
            StatusCode::BAD_REQUEST,
            "court",
        ),
        ("court=1402".to_string(), StatusCode::BAD_REQUEST, "court"),
        (
            "with_lower=maybe".to_string(),
            StatusCode::BAD_REQUEST,
            "with_lower",
        ),
        (
            "with_lower=true".to_string(),
            StatusCode::BAD_REQUEST,
            "with_lower",
        ),
        // Outside the office's court, and a court no data holds: forbidden to the office.
        (
            format!("court={}", encode("湘1403")),
            StatusCode::FORBIDDEN,
            "",
        ),
        (
            format!("court={}", encode("湘9999")),
            StatusCode::FORBIDDEN,
            "",
        ),
    ] {
        let (got, body) = world
            .get(
                &format!("/api/v1/forecast?{query}"),
                Some(&world.office.token),
            )
            .await;
        // A hostile query is named in a failure by its first characters.
        let query_start: String = query.chars().take(60).collect();
        let query = query.as_str();
        assert_eq!(got, status, "{query_start}: {body}");
        let message = body["message"].as_str().unwrap_or_default();
        assert!(message.contains(names), "{query_start}: {message}");
        // The refusal names the value cut short, never the whole of a hostile one.
        assert!(
            message.len() < 2_000,
            "{query_start}: {} bytes",
            message.len()
        );
        let (got, html) = page(world, &format!("/forecast?{query}"), &office, false).await;
        assert_eq!(got, status, "page {query_start}");
        assert!(html.contains("<h1>无法显示</h1>"), "{query_start}");
        assert!(!html.contains("<script>"), "{query_start}");
    }
    // The network's administrator may ask any court: one the data does not hold is not found.
    let (got, body) = world
        .get(
            &format!("/api/v1/forecast?court={}", encode("湘9999")),
            Some(&world.admin.token),
        )
        .await;
    assert_eq!(got, StatusCode::NOT_FOUND, "{body}");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("湘9999"))
    );
}
