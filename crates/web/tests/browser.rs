//! The pages in a real browser: a headless Chromium, driven over the DevTools protocol, signs in
//! through the login form and follows real links from the overview to a court, an indicator and
//! a case, as a person would; then the office signs in, supervises two overdue cases from the
//! warning list (督办) and opens an item, allocates a new case on the filing division's form and
//! reads the day's log, the allocations and the rules sandbox, serves documents on a case's
//! service page (an announcement, an electronic service without consent) and hands an overdue
//! task to the court leader from the queue; and the intermediate court's office reads the
//! enforcement targets of the network and the forecast of its courts. It holds the pages to what
//! the router tests cannot see: that they render (a screenshot of each in `target/browser-screenshots/`),
//! that the browser fetches nothing from outside the server, that the font is the server's own,
//! and that no script error or console error occurs.
//!
//! Chromium comes from `shenguan_testkit::tools::chromium`: without one the test records that it
//! did not run (and fails when the run requires Chromium, as `scripts/test` does).

mod cdp;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cdp::{Browser, Page};
use serde_json::json;
use shenguan_testkit::world::{PASSWORD, encode, world};

/// `target/browser-screenshots/`, made if missing.
fn screenshots() -> PathBuf {
    // Cargo gives integration tests `target/tmp`; the screenshots go beside it, where a person
    // looking at a run will find them.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target folder");
    let dir = target.join("browser-screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshots folder");
    dir
}

/// Checks the page loaded since event `since`: the document came back 200, its path is `path`
/// (or starts with it, when `path` names a folder such as `/court/`), it is not the error page, its h1 contains `heading`, its text contains `content`, and
/// its font is the server's and has loaded. Then saves its screenshot as `name`.png.
fn check_page(page: &mut Page, since: usize, path: &str, heading: &str, content: &str, name: &str) {
    let document = page
        .events_since(since)
        .filter(|e| e.method == "Network.responseReceived" && e.params["type"] == "Document")
        .last()
        .map(|e| e.params["response"].clone())
        .unwrap_or_else(|| panic!("{name}: no document came back"));
    assert_eq!(
        document["status"],
        json!(200),
        "{name}: {}",
        document["url"]
    );
    let location = page.evaluate("location.pathname");
    let location = location.as_str().unwrap_or_default().to_string();
    // "/" as a prefix would match any page: a folder is a prefix, anything else is exact.
    let arrived = if path.len() > 1 && path.ends_with('/') {
        location.starts_with(path)
    } else {
        location == path
    };
    assert!(arrived, "{name}: at {location}, not {path}");
    let title = page.evaluate("document.title");
    assert!(
        !title.as_str().unwrap_or_default().starts_with("错误"),
        "{name}: an error page: {title}"
    );
    let h1 = page.evaluate("document.querySelector('h1')?.textContent ?? ''");
    assert!(
        h1.as_str().unwrap_or_default().contains(heading),
        "{name}: the heading {h1} lacks {heading}"
    );
    let text = page.evaluate("document.body.innerText");
    assert!(
        text.as_str().unwrap_or_default().contains(content),
        "{name}: no {content} on the page"
    );
    // Screenshots are taken once the fonts have loaded, so that they show the page as read; the
    // page's font must be the one served from /assets (the machine may have CJK fonts of its
    // own, which would hide a font that failed to load).
    let font = page.evaluate(
        "document.fonts.ready.then(fonts => [...fonts]\
         .filter(f => f.family.includes('Shenguan Sans')).map(f => f.status))",
    );
    assert_eq!(font, json!(["loaded"]), "{name}: the page's font");
    let png = page.screenshot(&screenshots().join(format!("{name}.png")));
    assert!(
        png.len() > 1000 && png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{name}.png is not a PNG"
    );
}

#[test]
fn a_person_signs_in_and_follows_links_from_the_overview_to_a_case() {
    let Some(chromium) = shenguan_testkit::tools::chromium(&shenguan_testkit::skip::current_test())
    else {
        return;
    };
    let world = world();
    // The server runs on its own multi-thread runtime; the test body drives the browser with
    // blocking I/O, so it stays plain code outside any runtime.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .build()
        .expect("a runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("a port");
    let origin = format!("http://{}", listener.local_addr().expect("an address"));
    let router = shenguan_web::router(Arc::clone(&world.server));
    runtime.spawn(async move { axum::serve(listener, router).await });

    let browser = Browser::launch(&chromium);
    let mut page = browser.open_page();

    // Signed out, the overview sends the browser to the login form.
    page.navigate(&format!("{origin}/"));
    check_page(&mut page, 0, "/login", "登录", "用户名", "login");
    page.type_into("input[name=name]", &world.admin.name);
    page.type_into("input[name=password]", PASSWORD);
    let mark = page.mark();
    page.click_and_wait("form[action='/login'] button");
    check_page(&mut page, mark, "/", "总览", "核心指标", "overview");

    let mark = page.mark();
    let (href, court) = page.click_and_wait("main table a[href^='/court/']");
    assert!(href.is_some_and(|h| h.starts_with("/court/")));
    // The link names the court as its heading does: short name and code, 清河中院（湘14）.
    assert!(court.ends_with('）'), "{court}");
    check_page(&mut page, mark, "/court/", &court, "核心指标", "court");

    // 新收 of the default period (this year to the world's today): the world's cases run up to
    // today, so the indicator has cases behind it to follow.
    let mark = page.mark();
    let (_, indicator) = page.click_and_wait(".card a[href='/indicator/new']");
    check_page(
        &mut page,
        mark,
        "/indicator/",
        &indicator,
        "背后的案件",
        "indicator",
    );

    let mark = page.mark();
    let (_, case) = page.click_and_wait("main a[href^='/cases/']");
    check_page(&mut page, mark, "/cases/", &case, "流程节点", "case");

    // The office signs in, supervises two overdue cases from the warning list, opens one of the
    // items, and reads the enforcement targets.
    let mark = page.mark();
    page.click_and_wait("form[action='/logout'] button");
    check_page(&mut page, mark, "/login", "登录", "用户名", "signed-out");
    page.type_into("input[name=name]", &world.office.name);
    page.type_into("input[name=password]", PASSWORD);
    let mark = page.mark();
    page.click_and_wait("form[action='/login'] button");
    check_page(&mut page, mark, "/", "总览", "核心指标", "office-overview");
    page.navigate(&format!("{origin}/warnings?tier=overdue"));
    let ticked = page.evaluate(
        "(() => { const boxes = [...document.querySelectorAll(\"input[name=case][form=supervise]\")]\
         .slice(0, 2); boxes.forEach(b => b.click()); return boxes.filter(b => b.checked).length; })()",
    );
    assert_eq!(ticked, json!(2), "two cases ticked");
    page.type_into(
        "textarea[name=instructions]",
        "请于期限内说明超审限原因及结案计划",
    );
    let mark = page.mark();
    page.click_and_wait("form#supervise button");
    check_page(
        &mut page,
        mark,
        "/supervision",
        "督办",
        "已督办2件案件",
        "supervised",
    );
    let mark = page.mark();
    page.click_and_wait("main a[href='/supervision']");
    check_page(
        &mut page,
        mark,
        "/supervision",
        "督办",
        "按期答复率",
        "supervision",
    );
    let mark = page.mark();
    page.click_and_wait("main table a[href^='/supervision/']");
    check_page(
        &mut page,
        mark,
        "/supervision/",
        "督办",
        "请于期限内说明超审限原因及结案计划",
        "supervision-item",
    );
    // The office, as the filing division, allocates a new case on the form, reads it in the
    // day's log with the chain checked, the period's allocations, and the rules sandbox.
    let mark = page.mark();
    page.click_and_wait("header a[href='/assignments']");
    check_page(
        &mut page,
        mark,
        "/assignments",
        "分案",
        "当日分案日志",
        "assignments",
    );
    page.type_into("input[name=case_no]", "（2026）湘1402民初98301号");
    page.type_into("input[name=cause]", "买卖合同纠纷");
    page.type_into("input[name=amount]", "30000.00");
    let mark = page.mark();
    page.click_and_wait("form[action='/assignments'] button");
    check_page(
        &mut page,
        mark,
        "/assignments",
        "分案",
        "已分案：（2026）湘1402民初98301号",
        "allocated",
    );
    let mark = page.mark();
    page.click_and_wait("main a[href='/assignments/log']");
    check_page(
        &mut page,
        mark,
        "/assignments/log",
        "分案日志",
        "分案日志完整",
        "allocation-log",
    );
    let mark = page.mark();
    page.click_and_wait("main a[href='/assignments/workload']");
    check_page(
        &mut page,
        mark,
        "/assignments/workload",
        "分案情况",
        "各法官",
        "allocation-workload",
    );
    let mark = page.mark();
    page.click_and_wait("main a[href='/assignments/sandbox']");
    check_page(
        &mut page,
        mark,
        "/assignments/sandbox",
        "分流规则沙盘",
        "试算",
        "allocation-sandbox",
    );
    let mark = page.mark();
    page.click_and_wait("form[action='/assignments/sandbox'] button");
    check_page(
        &mut page,
        mark,
        "/assignments/sandbox",
        "分流规则沙盘",
        "基尼系数",
        "allocation-sandbox-replayed",
    );
    // The office serves documents: on a case's service page it opens a task and records an
    // announcement (the page says the day it is deemed served and the deadline moved), opens
    // another and records an electronic service without consent (flagged); in the queue it
    // reads a task created in September, overdue, with the 督办 form under the list, and hands
    // it to the court leader.
    let app = shenguan_testkit::world::app();
    let mut store = world.store();
    let office = app
        .active_user(&mut store, &world.office.name)
        .expect("read")
        .expect("the office");
    app.open_service_task(
        &mut store,
        &office,
        &shenguan_app::service::NewTask {
            case_no: world.boundary.long_pending_36m_in.to_string(),
            document: "应诉通知书".into(),
            recipient: "赵某".into(),
            recipient_kind: shenguan_app::service::RecipientKind::Party,
            identity_number: None,
            address: Some("清河市清河区人民路1号".into()),
            foreign: false,
            created_on: chrono::NaiveDate::from_ymd_opt(2026, 9, 1),
        },
    )
    .expect("an overdue task");
    page.navigate(&format!(
        "{origin}/cases/{}",
        encode(world.boundary.within_30d_out)
    ));
    let mark = page.mark();
    page.click_and_wait("main p.tools a[href$='/service']");
    check_page(
        &mut page,
        mark,
        "/cases/",
        "送达",
        "新建送达任务",
        "case-service",
    );
    page.type_into("input[name=document]", "起诉状副本");
    page.type_into("input[name=recipient]", "王某");
    let mark = page.mark();
    page.click_and_wait("form[action$='/service/tasks'] button");
    check_page(
        &mut page,
        mark,
        "/cases/",
        "送达",
        "已创建送达任务#",
        "service-task-opened",
    );
    page.evaluate(
        "document.querySelector(\"form[action$='/attempts'] select[name=method]\").value = 'notice'",
    );
    let mark = page.mark();
    page.click_and_wait("form[action$='/attempts'] button");
    check_page(
        &mut page,
        mark,
        "/cases/",
        "送达",
        "不计入审限，审限届满日：2026-12-28 → ",
        "service-announced",
    );
    page.type_into("input[name=document]", "应诉通知书");
    page.type_into("input[name=recipient]", "李某");
    let mark = page.mark();
    page.click_and_wait("form[action$='/service/tasks'] button");
    check_page(
        &mut page,
        mark,
        "/cases/",
        "送达",
        "已创建送达任务#",
        "service-second-task",
    );
    let opened = page.evaluate("document.body.innerText.match(/已创建送达任务#(\\d+)/)[1]");
    let attempt = format!(
        "form[action$='/tasks/{}/attempts']",
        opened.as_str().expect("the task's number")
    );
    page.evaluate(&format!(
        "(() => {{ const f = document.querySelector({}); \
         f.querySelector('select[name=method]').value = 'electronic'; \
         f.querySelector('select[name=outcome]').value = 'served'; \
         f.querySelector('input[name=served_on]').value = '2026-11-27'; }})()",
        json!(attempt)
    ));
    let mark = page.mark();
    page.click_and_wait(&format!("{attempt} button"));
    check_page(
        &mut page,
        mark,
        "/cases/",
        "送达",
        "未记录受送达人同意电子送达，不计为有效送达",
        "service-electronic-flagged",
    );
    let mark = page.mark();
    page.click_and_wait("header a[href='/service']");
    check_page(
        &mut page,
        mark,
        "/service",
        "送达任务",
        "1个送达任务超期未送达",
        "service-queue",
    );
    let ready = page.evaluate(&format!(
        "(() => {{ const box = document.querySelector('input[name=task][form=assign]'); box.click(); \
         const to = document.querySelector('form#assign select[name=to]'); to.value = {}; \
         return box.checked && to.value !== '' && document.querySelector('form#supervise') !== null; }})()",
        json!(world.leader.name)
    ));
    assert_eq!(
        ready,
        json!(true),
        "a task ticked, the leader chosen, the 督办 form there"
    );
    let mark = page.mark();
    page.click_and_wait("form#assign button");
    check_page(
        &mut page,
        mark,
        "/service/assign",
        "送达任务",
        &format!("已将1个送达任务分派给{}", world.leader.name),
        "service-assigned",
    );
    // From the queue to the 送达难 page: the family's figures, the trend, the tables.
    let mark = page.mark();
    page.click_and_wait("main p.tools a[href='/service/figures']");
    check_page(
        &mut page,
        mark,
        "/service/figures",
        "送达难",
        "无同意电子送达",
        "service-figures",
    );
    let drawn = page.evaluate(
        "document.querySelectorAll('div.card').length >= 10 \
         && document.querySelector('svg.chart') !== null \
         && document.body.innerText.includes('长期未送达')",
    );
    assert_eq!(
        drawn,
        json!(true),
        "the cards, the trend and the stuck cases"
    );

    // The intermediate court's office reads the targets of every court of the network.
    let mark = page.mark();
    page.click_and_wait("form[action='/logout'] button");
    check_page(
        &mut page,
        mark,
        "/login",
        "登录",
        "用户名",
        "signed-out-again",
    );
    page.type_into("input[name=name]", &world.city_office.name);
    page.type_into("input[name=password]", PASSWORD);
    let mark = page.mark();
    page.click_and_wait("form[action='/login'] button");
    check_page(&mut page, mark, "/", "总览", "核心指标", "city-overview");
    let mark = page.mark();
    page.click_and_wait("header a[href='/enforcement']");
    check_page(
        &mut page,
        mark,
        "/enforcement",
        "执行",
        "各法院达标情况",
        "enforcement",
    );

    // It reads the forecast of its courts: the bands drawn, the cases passing 12 months listed.
    let mark = page.mark();
    page.click_and_wait("header a[href='/forecast']");
    check_page(
        &mut page,
        mark,
        "/forecast",
        "预测",
        "将满12、18、36个月的未结案件",
        "forecast",
    );
    let bands = page.evaluate("document.querySelectorAll('svg.chart polygon.band').length");
    assert_eq!(bands, json!(3), "the bands of the courts together");

    // The intermediate court's office registers a petition on the form, finds it waiting for
    // acceptance, and reads the petition figures of the network.
    let mark = page.mark();
    page.click_and_wait("header a[href='/petitions']");
    check_page(
        &mut page,
        mark,
        "/petitions",
        "信访登记",
        "待办环节及期限",
        "petitions",
    );
    let mark = page.mark();
    page.click_and_wait("main a[href='/petitions/new']");
    check_page(
        &mut page,
        mark,
        "/petitions/new",
        "登记信访",
        "信访人",
        "petition-form",
    );
    page.type_into("input[name=petitioners]", "王某、李某");
    page.type_into("input[name=cases]", world.boundary.overdue_in);
    let mark = page.mark();
    page.click_and_wait("form[action='/petitions'] button");
    check_page(
        &mut page,
        mark,
        "/petitions",
        "信访件",
        "已登记",
        "petition",
    );
    let mark = page.mark();
    page.navigate(&format!("{origin}/petitions/figures"));
    check_page(
        &mut page,
        mark,
        "/petitions/figures",
        "信访统计",
        "执行信访案件办结率",
        "petition-figures",
    );

    // Everything the browser asked for came from the server (or was inline).
    let requested: Vec<String> = page
        .events()
        .filter(|e| e.method == "Network.requestWillBeSent")
        .filter_map(|e| e.params["request"]["url"].as_str().map(str::to_string))
        .collect();
    let outside: Vec<&String> = requested
        .iter()
        .filter(|url| {
            !(url.starts_with(&format!("{origin}/"))
                || url.starts_with("data:")
                || *url == "about:blank")
        })
        .collect();
    assert!(outside.is_empty(), "requests off the server: {outside:?}");
    assert!(
        requested.contains(&format!("{origin}/assets/noto-sans-sc.woff2")),
        "the font was not fetched from the server: {requested:?}"
    );
    // No script threw and nothing was logged as an error.
    let errors: Vec<String> = page
        .events()
        .filter(|e| {
            e.method == "Runtime.exceptionThrown"
                || (e.method == "Log.entryAdded" && e.params["entry"]["level"] == "error")
                || (e.method == "Runtime.consoleAPICalled" && e.params["type"] == "error")
        })
        .map(|e| format!("{}: {}", e.method, e.params))
        .collect();
    assert!(errors.is_empty(), "errors in the browser: {errors:#?}");
}
