//! The service (送达) of the hand-worked table's cases (`table.rs`): tasks with their attempts as
//! staff record them, and the parties' address confirmations with their consent to electronic
//! service — each on or beside the edge of a counting rule of the 送达 family. They reach the
//! engine as the app hands them: each task through `ServiceMark::of` (an electronic attempt
//! judged by the consents of the task's dispute, its own case and the cases it continues), each
//! mailed attempt through `PostMark::of`. The values follow in `expected.rs`.
//!
//! A task is written `案号 文书 受送达人 创建日` then its attempts in order, `; 方式 日期 结果 [送达日 |
//! 未送达原因]`. An announcement's day served is the law's (published + 30 days since 2022), as
//! the app writes it.
//!
//! T1  1402民初1 起诉状副本 → 张三: mailed (地址不详), mailed again (拒收), served in person on the
//!     third attempt, 2025-02-10 (38 days).
//! T2  1402民初1 传票 → 李四: served electronically on the day made, with consent (0 days).
//! T3  1402民初2 应诉通知书 → 王五: "served" electronically with no consent on record: flagged,
//!     not service, and nothing else tried.
//! T4  1402民初3 民事判决书 → 赵六: electronically to a consent that leaves out judgments
//!     (flagged), then mailed and delivered 2025-04-18 (second attempt, 4 days).
//! T5  1402民初4 传票 → 钱七: mailed (查无此人), then announced 2025-06-02, served 2025-07-02
//!     (56 days).
//! T6  1402民初14 起诉状副本 → 孙八: mailed on the period's last day, still on its way.
//! T7  1402民初12 传票 → 周九: mailed (迁移), announced 2025-12-15: deemed served 2026-01-14, after
//!     the period — an announcement by its end, not a service.
//! T8  1402民初102 民事判决书 → 吴十: made and mailed 2024-12-31 (the case closed that day),
//!     delivered 2025-01-03: served in 2025 (3 days), of 2024's tasks and mail.
//! T9  14民终1 传票 → 郑一: served in person (2 days).
//! T10 14民终1 民事判决书 → 冯二: electronically, with the consent to every document signed in the
//!     first instance (1402民初101) the appeal continues (0 days).
//! T11 14民初2 起诉状副本 → 陈三: entrusted to another court, served 2025-08-20 (15 days).
//! T12 14民初2 民事判决书 → 褚四: mailed 2025-12-22, delivered 2026-01-04: not served by the
//!     period's end, nor the item delivered by it.
//! T13 a case the data does not hold: counted nowhere.

use chrono::NaiveDate;
use shenguan_domain::service::consent::{Confirmation, ConsentScope, electronic_validity};
use shenguan_domain::service::{Attempt, Failure, Method, Outcome};
use shenguan_metrics::{PostMark, ServiceMark};

fn date(text: &str) -> NaiveDate {
    text.parse()
        .unwrap_or_else(|e| panic!("{text}: not a date ({e})"))
}

/// One task as staff record it.
pub struct Task {
    pub case_no: &'static str,
    pub document: &'static str,
    pub recipient: &'static str,
    pub created: NaiveDate,
    pub attempts: Vec<Attempt>,
}

/// The tasks, in the order of the notes above.
pub fn tasks() -> Vec<Task> {
    [
        "（2025）湘1402民初1号 起诉状副本 张三 2025-01-03 ; 邮寄 2025-01-04 未送达 地址不详 ; 邮寄 2025-01-20 未送达 拒收 ; 直接 2025-02-10 已送达 2025-02-10",
        "（2025）湘1402民初1号 传票 李四 2025-01-03 ; 电子 2025-01-03 已送达 2025-01-03",
        "（2025）湘1402民初2号 应诉通知书 王五 2025-02-04 ; 电子 2025-02-04 已送达 2025-02-04",
        "（2025）湘1402民初3号 民事判决书 赵六 2025-04-14 ; 电子 2025-04-14 已送达 2025-04-14 ; 邮寄 2025-04-15 已送达 2025-04-18",
        "（2025）湘1402民初4号 传票 钱七 2025-05-07 ; 邮寄 2025-05-07 未送达 查无此人 ; 公告 2025-06-02 已送达 2025-07-02",
        "（2025）湘1402民初14号 起诉状副本 孙八 2025-12-31 ; 邮寄 2025-12-31 送达中",
        "（2025）湘1402民初12号 传票 周九 2025-07-01 ; 邮寄 2025-07-02 未送达 迁移新址不明 ; 公告 2025-12-15 已送达 2026-01-14",
        "（2024）湘1402民初102号 民事判决书 吴十 2024-12-31 ; 邮寄 2024-12-31 已送达 2025-01-03",
        "（2025）湘14民终1号 传票 郑一 2025-01-23 ; 直接 2025-01-25 已送达 2025-01-25",
        "（2025）湘14民终1号 民事判决书 冯二 2025-03-24 ; 电子 2025-03-24 已送达 2025-03-24",
        "（2025）湘14民初2号 起诉状副本 陈三 2025-08-05 ; 委托 2025-08-06 已送达 2025-08-20",
        "（2025）湘14民初2号 民事判决书 褚四 2025-12-20 ; 邮寄 2025-12-22 已送达 2026-01-04",
        "（2025）湘1402民初999号 传票 卫五 2025-03-01 ; 直接 2025-03-02 已送达 2025-03-02",
    ]
    .into_iter()
    .map(task)
    .collect()
}

fn task(line: &'static str) -> Task {
    let mut parts = line.split(" ; ");
    let head: Vec<&'static str> = parts
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    let [case_no, document, recipient, created] = head[..] else {
        panic!("{line}: case, document, recipient, day made");
    };
    let attempts = parts
        .enumerate()
        .map(|(i, part)| {
            let fields: Vec<&str> = part.split_whitespace().collect();
            let method = Method::parse(fields[0]).expect("a method");
            let outcome = Outcome::parse(fields[2]).expect("a result");
            Attempt {
                seq: u32::try_from(i + 1).expect("a few"),
                method,
                attempted_on: date(fields[1]),
                outcome,
                served_on: (outcome == Outcome::Served).then(|| date(fields[3])),
                failure: (outcome == Outcome::Failed)
                    .then(|| Failure::parse(fields[3]).expect("a reason")),
                proof: None,
            }
        })
        .collect();
    Task {
        case_no,
        document,
        recipient,
        created: date(created),
        attempts,
    }
}

/// The parties' address confirmations with their consent to electronic service: 李四's in
/// 1402民初1, a day before T2; 赵六's leaves out judgments; 冯二's was signed in the first
/// instance 14民终1 continues. 王五 has none.
pub fn confirmations() -> Vec<Confirmation> {
    let consent = |case_no: &str, party: &str, signed: &str, scope: ConsentScope| Confirmation {
        case_no: case_no.into(),
        party: party.into(),
        identity_key: None,
        signed_on: date(signed),
        address: None,
        electronic: Some(scope),
        channel: Some("13800000000".into()),
    };
    vec![
        consent(
            "（2025）湘1402民初1号",
            "李四",
            "2025-01-02",
            ConsentScope::NotDecisions,
        ),
        consent(
            "（2025）湘1402民初3号",
            "赵六",
            "2025-03-05",
            ConsentScope::NotDecisions,
        ),
        consent(
            "（2024）湘1402民初101号",
            "冯二",
            "2024-12-31",
            ConsentScope::All,
        ),
        // 张三 signed an address only: no consent to electronic service.
        Confirmation {
            electronic: None,
            address: Some("株洲市某区某路1号".into()),
            ..consent(
                "（2025）湘1402民初1号",
                "张三",
                "2025-01-02",
                ConsentScope::All,
            )
        },
    ]
}

/// The marks the engine is handed, by case number: each task's, and each mailed attempt's.
pub struct Marks {
    pub tasks: Vec<(&'static str, ServiceMark)>,
    pub posts: Vec<(&'static str, PostMark)>,
}

/// The marks of [`tasks`]. `dispute` names the cases whose confirmations serve a case (itself
/// and those it continues).
pub fn marks(dispute: &dyn Fn(&str) -> Vec<String>) -> Marks {
    let confirmations = confirmations();
    let mut tasks_marked = Vec::new();
    let mut posts = Vec::new();
    for task in tasks() {
        let cases = dispute(task.case_no);
        let theirs: Vec<&Confirmation> = confirmations
            .iter()
            .filter(|c| cases.contains(&c.case_no) && c.is_of(task.recipient, None))
            .collect();
        let validity = |a: &Attempt| electronic_validity(&theirs, task.document, a.attempted_on);
        tasks_marked.push((
            task.case_no,
            ServiceMark::of(task.created, &task.attempts, validity),
        ));
        posts.extend(
            task.attempts
                .iter()
                .filter_map(PostMark::of)
                .map(|m| (task.case_no, m)),
        );
    }
    Marks {
        tasks: tasks_marked,
        posts,
    }
}
