//! `shenguan demo`: a demonstration in one command — a simulated city network of about three
//! years in its own store (made once, reused after), an administrator, a basic-court judge, the
//! court's office and president with fresh passwords (and tokens for the first two), the
//! supervision of the last weeks in use and two years of case-quality reviews
//! (`shenguan_app::workflows`), and the server.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::Datelike;
use shenguan_app::accounts::{NewAccount, Role, new_password};
use shenguan_app::generate::{GenerateRequest, GenerateTarget};
use shenguan_app::{App, AppError, text};
use shenguan_domain::CourtCode;
use shenguan_web::Server;

use crate::output::{self, say};

/// 演示 — generate a demo network (once), create demo accounts and start the server.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan demo                         # ./shenguan-demo/demo.db, http://127.0.0.1:8080
  shenguan demo --bind 0.0.0.0:8080
  shenguan demo --scale 0.2 --no-serve  # a smaller network, accounts only

The network is the fictional 清河市 (湘14) with ten basic courts, from 1 January three years ago to
today. Each run prints new passwords and tokens for 演示管理员 (administrator) and the judge.")]
pub struct Args {
    /// 演示目录 — where the demo store lives.
    #[arg(long, default_value = "shenguan-demo")]
    dir: PathBuf,
    /// 监听地址.
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: String,
    /// 规模系数 — filing volume (1.0 ≈ 125,000 cases a year).
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// 只准备数据与账号，不启动服务 — prepare the store and accounts only.
    #[arg(long)]
    no_serve: bool,
}

pub fn run(app: App, args: Args) -> Result<(), AppError> {
    let bind: std::net::SocketAddr = args
        .bind
        .parse()
        .map_err(|_| crate::serve::bad_bind(&args.bind))?;
    std::fs::create_dir_all(&args.dir)
        .map_err(|e| AppError::io(args.dir.display().to_string(), e))?;
    let db = args.dir.join("demo.db").display().to_string();
    let mut store = app.open_store(Some(&db))?;
    let held = app.case_count(&mut store)?;
    if held == 0 {
        let today = app.today();
        let from = chrono::NaiveDate::from_ymd_opt(today.year() - 3, 1, 1).unwrap_or(today);
        let request = GenerateRequest {
            seed: 1,
            basic_courts: 10,
            city: shenguan_app::generate::DEFAULT_CITY,
            from,
            to: today,
            scale: Some(args.scale),
            cases: None,
            threads: 2,
            snapshot: None,
            service: true,
            plants: Vec::new(),
            plant_truth: None,
        };
        let outcome = crate::generate::with_progress(
            &app,
            &request,
            &GenerateTarget::Store,
            Some(&mut store),
        )?;
        let (cases, events) = (outcome.cases, outcome.events);
        println!(
            "{}",
            say(&text!(
                "演示数据已生成：{cases}件案件、{events}条事件 → {db}",
                "demonstration network generated: {cases} cases, {events} events → {db}"
            ))
        );
    } else {
        println!(
            "{}",
            say(&text!(
                "使用已有演示数据：{held}件案件 → {db}",
                "using the demonstration store already made: {held} cases → {db}"
            ))
        );
    }
    // The judge with the most cases in 湘1402.
    let court = CourtCode::parse("湘1402").map_err(|e| AppError::Invalid(e.text()))?;
    let (judge, staff_id) = app.busiest_judge(&mut store, court)?.ok_or_else(|| {
        AppError::Invalid(text!(
            "演示数据中没有湘1402的法官",
            "the demonstration data has no judge in 湘1402"
        ))
    })?;
    let admin_password = new_password();
    let judge_password = new_password();
    app.add_user(
        &mut store,
        NewAccount {
            name: "演示管理员",
            role: Role::Admin,
            court: None,
            division: None,
            staff_id: None,
            password: &admin_password,
        },
    )?;
    app.add_user(
        &mut store,
        NewAccount {
            name: &judge,
            role: Role::Judge,
            court: Some(court),
            division: None,
            staff_id: staff_id.as_deref(),
            password: &judge_password,
        },
    )?;
    // The court's office and president, who supervise the judge's cases and decide
    // applications; the supervision of the last weeks, made once with the network.
    let office_password = new_password();
    let leader_password = new_password();
    let office = app.add_user(
        &mut store,
        NewAccount {
            name: "演示审管办",
            role: Role::Office,
            court: Some(court),
            division: None,
            staff_id: None,
            password: &office_password,
        },
    )?;
    let leader = app.add_user(
        &mut store,
        NewAccount {
            name: "演示院长",
            role: Role::Leader,
            court: Some(court),
            division: None,
            staff_id: None,
            password: &leader_password,
        },
    )?;
    let judge_user = app
        .active_user(&mut store, &judge)?
        .ok_or_else(|| AppError::Internal("the demonstration judge was not kept".into()))?;
    let seeded = app.seed_workflows(
        &mut store,
        shenguan_app::workflows::DemoPeople {
            office: &office,
            leader: &leader,
            judge: &judge_user,
        },
    )?;
    if seeded.items > 0 {
        let (items, applications) = (seeded.items, seeded.applications);
        println!(
            "{}",
            say(&text!(
                "演示督办：{items}件督办事项、{applications}件审限变更申请",
                "demonstration supervision: {items} supervised cases, {applications} time-limit applications"
            ))
        );
    }
    // Last year's and the year before's 重点 case-quality reviews, made once with the network.
    let reviews = app.seed_reviews(
        &mut store,
        shenguan_app::workflows::DemoPeople {
            office: &office,
            leader: &leader,
            judge: &judge_user,
        },
    )?;
    if reviews.this.reviewed > 0 {
        let (year, answers) = (reviews.year, reviews.answers);
        let (this, before) = (reviews.this, reviews.before);
        let (reviewed, before_reviewed) = (this.reviewed, before.reviewed);
        println!(
            "{}",
            say(&text!(
                "演示案件评查：{year}年度{reviewed}件、上年{before_reviewed}件发改再案件已评查，异议及处理{answers}项",
                "demonstration case-quality reviews: {reviewed} cases of {year} and {before_reviewed} of the year before reviewed, {answers} steps after a review"
            ))
        );
        let sentence =
            shenguan_domain::review::grading::sentence(year, "全市法院", this, Some(before));
        println!("  {}", say(&sentence));
    }
    // The last year's first-instance filings of 湘1402 as allocations received from its case
    // system, under the demonstration's rules — written beside the store, for the sandbox.
    let allocated = app.seed_allocations(&mut store, court)?;
    let rules = args.dir.join("diversion.toml");
    if !rules.exists() {
        std::fs::write(
            &rules,
            shenguan_app::workflows::demo_rules_text(app.today()),
        )
        .map_err(|e| AppError::io(rules.display().to_string(), e))?;
    }
    if allocated > 0 {
        let shown = rules.display();
        println!(
            "{}",
            say(&text!(
                "演示分案：湘1402近一年一审收案{allocated}件的分案记录；分案规则 {shown}",
                "demonstration allocations: {allocated} first-instance filings of 湘1402 over the last year; rules in {shown}"
            ))
        );
    }
    let admin_token = app.new_token(&mut store, "演示管理员")?;
    let judge_token = app.new_token(&mut store, &judge)?;
    let lang = output::lang();
    println!(
        "{}演示管理员 / {admin_password}  token {admin_token}",
        lang.pick("管理员：", "administrator: ")
    );
    println!(
        "{}{judge} / {judge_password}  token {judge_token}",
        lang.pick("法官（湘1402）：", "judge (湘1402): ")
    );
    println!(
        "{}演示审管办 / {office_password}",
        lang.pick("审管办（湘1402）：", "trial-management office (湘1402): ")
    );
    println!(
        "{}演示院长 / {leader_password}",
        lang.pick("院长（湘1402）：", "president (湘1402): ")
    );
    if args.no_serve {
        return Ok(());
    }
    let more = crate::serve::more_connections(&app, Some(&db))?;
    let mut server = Server::new(app, store)?;
    server.add_connections(more)?;
    crate::serve::start(Arc::new(server), bind, crate::serve::LogFormat::Human)
}
