//! The hand-worked table: 57 cases of two courts — 湘1402, a basic court, and 湘14, the
//! intermediate court above it — and their events, each placed on or beside the edge of a
//! counting rule, so that every indicator of the catalogue has a value worth working out over the
//! calendar year 2025.
//!
//! Comments name a case by court, type and serial: `1402民初7` is （2025）湘1402民初7号. Serials
//! 1–99 are of 2025, 101–199 of 2024, 301–399 of 2023, 501–599 of 2022 and 601 of 2026, so the
//! short names never repeat. A case's deadline is written as the deployment's time-limit rules
//! would give it (extensions and excluded days included); `-` where the type has no statutory
//! limit. The values follow in `expected.rs`.

use chrono::NaiveDate;
use shenguan_domain::{
    CaseNumber, CaseRecord, ClosingMethod, EventKind, EventRecord, Exclusion, Money, Procedure,
    parse_extensions,
};

/// The year every case number may carry at most (the year after the period: one case is filed on
/// its first day).
const LATEST_YEAR: i32 = 2026;

/// The period of every hand-worked value: 2025-01-01 to 2025-12-31 (365 days, twelve months).
pub fn year() -> (NaiveDate, NaiveDate) {
    (date("2025-01-01"), date("2025-12-31"))
}

/// A case as the engine is handed it: the record and its deadline.
pub struct HandCase {
    pub record: CaseRecord,
    pub deadline: Option<NaiveDate>,
}

fn date(text: &str) -> NaiveDate {
    text.parse()
        .unwrap_or_else(|e| panic!("{text}: not a date ({e})"))
}

fn number(text: &str) -> CaseNumber {
    CaseNumber::parse(text, LATEST_YEAR).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

fn money(text: &str) -> Money {
    Money::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// One case from a line `案号 立案日 结案日 结案方式 key=value…` (`-`: not closed, no method).
/// Keys: `limit` the deadline, `ext` the extensions as granted (`90d`, `6m`), `excl` excluded days, `proc` the procedure,
/// `claim` the amount claimed or applied for, `paid` the amount recovered, `origin` the case it
/// continues, `by` division/judge.
fn case(line: &str) -> HandCase {
    let mut fields = line.split_whitespace();
    let mut next = |what: &str| fields.next().unwrap_or_else(|| panic!("{line}: no {what}"));
    let case_no = number(next("case number"));
    let filed_on = date(next("filing date"));
    let closed_on = Some(next("closing date")).filter(|t| *t != "-").map(date);
    let closing_method = Some(next("closing method"))
        .filter(|t| *t != "-")
        .map(|t| ClosingMethod::parse(t).unwrap_or_else(|| panic!("{line}: no method {t}")));
    let mut hand = HandCase {
        record: CaseRecord {
            court: case_no
                .court()
                .expect("a current case number names its court"),
            case_no,
            court_name: None,
            procedure: None,
            cause: None,
            division: None,
            judge: None,
            judge_id: None,
            filed_on,
            closed_on,
            closing_method,
            claim_amount: None,
            recovered_amount: None,
            extensions: Vec::new(),
            exclusions: Vec::new(),
            origin_case_no: None,
        },
        deadline: None,
    };
    for field in fields {
        let (key, value) = field
            .split_once('=')
            .unwrap_or_else(|| panic!("{line}: {field} is not key=value"));
        let r = &mut hand.record;
        match key {
            "limit" => hand.deadline = Some(date(value)),
            "ext" => r.extensions = parse_extensions(value).expect("extensions"),
            "excl" => r.exclusions = vec![Exclusion::total(value.parse().expect("excluded days"))],
            "proc" => r.procedure = Some(Procedure::parse(value).expect("procedure")),
            "claim" => r.claim_amount = Some(money(value)),
            "paid" => r.recovered_amount = Some(money(value)),
            "origin" => r.origin_case_no = Some(number(value)),
            "by" => {
                let (division, judge) = value.split_once('/').expect("division/judge");
                r.division = Some(division.to_string());
                r.judge = Some(judge.to_string());
            }
            _ => panic!("{line}: unknown key {key}"),
        }
    }
    hand
}

/// The cases, in the order the engine's columns hold them.
pub fn cases() -> Vec<HandCase> {
    [
        // ── 湘1402, civil first instance from before the period ─────────────────────────────
        // Filed the day before the period, closed on its first day: carried over and closed.
        // Appealed (14民终1), its file sent up; enforced (1402执7).
        "（2024）湘1402民初101号 2024-12-31 2025-01-01 判决 limit=2025-06-30 proc=普通 claim=10000.00 by=民一庭/王伟",
        // Closed the day before the period: neither carried over nor closed in it. Its appeal
        // (14民终2) was decided 改判 in 2025.
        "（2024）湘1402民初102号 2024-11-01 2024-12-31 判决 limit=2025-05-06 proc=普通 by=民一庭/王伟",
        // Pending: filed a day before the 12-month cut-off (2024-12-31), past its deadline.
        "（2024）湘1402民初103号 2024-12-30 - - limit=2025-06-30 proc=普通 by=民一庭/王伟",
        // Pending: filed on the 12-month cut-off (not older), extended into 2026.
        "（2024）湘1402民初104号 2024-12-31 - - limit=2026-01-06 ext=190d proc=普通 by=民一庭/李娜",
        // Closed in 2024, its appeal (14民终101) decided 改判 on 2024-12-31: nothing in 2025.
        "（2024）湘1402民初105号 2024-03-01 2024-09-10 判决 limit=2024-09-02 proc=普通 by=民一庭/王伟",
        // Pending: filed on the 24-month cut-off (2023-12-31), so 12 to 24 months old.
        "（2023）湘1402民初301号 2023-12-31 - - limit=2024-07-01 proc=普通 by=民一庭/王伟",
        // Pending, a day older: over 24 months. 民他 has no statutory limit: never over it.
        "（2023）湘1402民他301号 2023-12-30 - - by=民一庭/王伟",
        // Filed the day after the period: in nothing.
        "（2026）湘1402民初601号 2026-01-01 - - limit=2026-07-01 proc=普通 by=民一庭/王伟",
        // ── 湘1402, civil first instance of 2025 ─────────────────────────────────────────────
        // Simple procedure, closed on its deadline day; appealed and remanded (14民终3), tried
        // again as 1402民初11, enforced as 1402执2: a dispute of four cases.
        "（2025）湘1402民初1号 2025-01-02 2025-04-02 判决 limit=2025-04-02 proc=简易 claim=5000.00 by=民一庭/李娜",
        // Small claims, mediated, enforced (1402执3).
        "（2025）湘1402民初2号 2025-02-03 2025-03-03 调解 limit=2025-04-03 proc=小额诉讼 claim=3000.00 by=民一庭/李娜",
        "（2025）湘1402民初3号 2025-03-03 2025-04-14 撤诉 limit=2025-06-03 proc=简易 by=民一庭/王伟",
        "（2025）湘1402民初4号 2025-05-06 2025-06-16 按撤诉处理 limit=2025-11-06 proc=普通 by=民一庭/王伟",
        // Dismissed (appealable, not a decision on the merits though it names an amount), then
        // brought to retrial review (14民申1).
        "（2025）湘1402民初5号 2025-04-01 2025-05-12 驳回起诉 limit=2025-10-09 proc=普通 claim=8000.00 by=民一庭/王伟",
        // Not accepted (appealable, not appealed); its transfer event is dated before its appeal.
        "（2025）湘1402民初6号 2025-07-01 2025-07-15 不予受理 limit=2026-01-05 proc=普通 by=民一庭/王伟",
        // Extended 90 days and still closed after the deadline; appealed, upheld (14民终4), then
        // brought to retrial review (14民申2).
        "（2025）湘1402民初7号 2025-01-06 2025-10-20 判决 limit=2025-10-09 ext=90d proc=普通 by=民一庭/王伟",
        // Extended 60 days, closed a day before the deadline; the appeal withdrawn (14民终6).
        "（2025）湘1402民初8号 2025-02-10 2025-10-09 判决 limit=2025-10-10 ext=60d proc=普通 by=民一庭/李娜",
        // Closed the day after its deadline, no extension; its appeal (14民终5) still pending.
        "（2025）湘1402民初9号 2025-03-10 2025-09-11 判决 limit=2025-09-10 proc=普通 by=民一庭/李娜",
        // 30 days excluded from the limit: 91 days from filing to closing count as 61.
        "（2025）湘1402民初10号 2025-05-05 2025-08-04 判决 limit=2025-12-05 excl=30 proc=普通 by=民一庭/王伟",
        // The retrial after the remand: continues 14民终3, so it starts no dispute.
        "（2025）湘1402民初11号 2025-06-16 2025-09-15 判决 limit=2025-12-16 proc=普通 claim=5000.00 origin=（2025）湘14民终3号 by=民一庭/李娜",
        // Closed the day after the period: pending at its end, past its deadline, filed a day
        // before the 6-month cut-off (2025-06-30).
        "（2025）湘1402民初12号 2025-06-29 2026-01-01 判决 limit=2025-12-29 proc=普通 by=民一庭/李娜",
        // Pending, filed on the 6-month cut-off (under 6 months); its deadline is the period's
        // last day, so not yet past it.
        "（2025）湘1402民初13号 2025-06-30 - - limit=2025-12-31 excl=1 proc=普通 by=民一庭/王伟",
        // Filed on the period's last day.
        "（2025）湘1402民初14号 2025-12-31 - - limit=2026-06-30 proc=普通 by=民一庭/李娜",
        // ── 湘1402, criminal ─────────────────────────────────────────────────────────────────
        // Carried over; 90 trial days, the criminal first tier exactly; the third month as an
        // extension; an incidental civil claim (not a civil decision). Appealed and reversed
        // (14刑终1); its file sent up twice (the first counts).
        "（2024）湘1402刑初101号 2024-11-30 2025-02-28 判决 limit=2025-02-28 ext=31d proc=普通 claim=20000.00 by=刑庭/赵强",
        "（2025）湘1402刑初1号 2025-03-03 2025-03-12 判决 limit=2025-03-13 proc=速裁 by=刑庭/赵强",
        // Closed in 2024; its only trace in 2025 is its file, sent up on the day of the appeal
        // (the appeal case itself is not in the table).
        "（2024）湘1402刑初102号 2024-10-08 2024-12-27 判决 limit=2025-01-08 ext=31d proc=普通 by=刑庭/赵强",
        // ── 湘1402, preservation: no statutory limit; 61 days, one past the first tier (60) ──
        "（2025）湘1402财保1号 2025-06-10 2025-08-10 裁定 by=立案庭/张敏",
        // ── 湘1402, enforcement ──────────────────────────────────────────────────────────────
        // Non-litigation enforcement (3 months), performed on its deadline day, the whole
        // amount recovered.
        "（2025）湘1402执1号 2025-02-20 2025-05-20 执行完毕 limit=2025-05-20 proc=非诉 claim=10000.00 paid=10000.00 by=执行局/陈刚",
        // Pending: in the three-year cohort, not disposed.
        "（2025）湘1402执2号 2025-10-09 - - limit=2026-04-09 claim=5000.00 origin=（2025）湘1402民初11号 by=执行局/陈刚",
        // Performed after the limit.
        "（2025）湘1402执3号 2025-04-01 2025-11-03 执行完毕 limit=2025-10-09 claim=3000.00 paid=3000.00 origin=（2025）湘1402民初2号 by=执行局/陈刚",
        "（2025）湘1402执4号 2025-04-28 2025-05-20 销案 limit=2025-10-28 claim=6000.00 paid=0.00 by=执行局/陈刚",
        "（2025）湘1402执5号 2025-01-20 2025-02-20 不予执行 limit=2025-07-21 claim=4000.00 by=执行局/陈刚",
        // Terminated (终结执行) within its extended limit: with property, not performed.
        "（2025）湘1402执6号 2025-03-10 2025-12-01 终结执行 limit=2025-12-10 ext=91d claim=20000.00 paid=5000.00 by=执行局/陈刚",
        // Enforces 1402民初101; performed after the period: pending at its end, not disposed
        // by then.
        "（2025）湘1402执7号 2025-09-01 2026-01-05 执行完毕 limit=2026-03-02 claim=7000.00 paid=7000.00 origin=（2024）湘1402民初101号 by=执行局/陈刚",
        // Carried over, closed by 终本 (466 days: past the second tier, 365); restored as
        // 1402执恢1. Its origin is not in the data.
        "（2023）湘1402执301号 2023-11-06 2025-02-14 终结本次执行 limit=2024-05-06 claim=50000.00 paid=2000.35 origin=（2023）湘1402民初77号 by=执行局/陈刚",
        // Filed the day after the 36-month cut-off (2022-12-31) and performed in 2024: in the
        // cohort and disposed, in nothing else.
        "（2023）湘1402执302号 2023-01-01 2024-03-01 执行完毕 limit=2023-07-03 claim=9000.00 paid=9000.00 by=执行局/陈刚",
        // Pending, filed on the 36-month cut-off: not over 36 months, not in the cohort.
        "（2022）湘1402执501号 2022-12-31 - - limit=2023-06-30 claim=30000.00 by=执行局/陈刚",
        // Restored enforcement: 180 days, the civil first tier exactly; in the recovery rate only.
        "（2025）湘1402执恢1号 2025-03-03 2025-08-30 执行完毕 limit=2025-09-03 claim=48000.00 paid=30000.00 origin=（2023）湘1402执301号 by=执行局/陈刚",
        // Enforcement of a preservation ruling: not 执 or 执恢, no statutory limit.
        "（2025）湘1402执保1号 2025-02-05 2025-02-10 执行完毕 claim=100000.00 paid=100000.00 by=执行局/陈刚",
        // ── 湘14, appeals ────────────────────────────────────────────────────────────────────
        "（2025）湘14民终1号 2025-01-22 2025-03-24 维持 limit=2025-04-22 proc=判决 origin=（2024）湘1402民初101号 by=民二庭/周敏",
        "（2025）湘14民终2号 2025-01-10 2025-03-20 改判 limit=2025-04-10 proc=判决 origin=（2024）湘1402民初102号 by=民二庭/周敏",
        "（2025）湘14民终3号 2025-04-21 2025-06-10 发回重审 limit=2025-07-21 proc=判决 origin=（2025）湘1402民初1号 by=民二庭/孙丽",
        "（2025）湘14民终4号 2025-11-03 2025-12-15 驳回上诉 limit=2026-02-03 proc=判决 origin=（2025）湘1402民初7号 by=民二庭/孙丽",
        // Pending at the period's end, heard already.
        "（2025）湘14民终5号 2025-10-08 - - limit=2026-01-08 proc=判决 origin=（2025）湘1402民初9号 by=民二庭/周敏",
        "（2025）湘14民终6号 2025-10-20 2025-11-10 撤诉 limit=2026-01-20 proc=判决 origin=（2025）湘1402民初8号 by=民二庭/孙丽",
        "（2024）湘14民终101号 2024-10-08 2024-12-31 改判 limit=2025-01-08 proc=判决 origin=（2024）湘1402民初105号 by=民二庭/周敏",
        "（2025）湘14刑终1号 2025-03-14 2025-06-13 改判 limit=2025-06-13 ext=30d origin=（2024）湘1402刑初101号 by=刑庭/钱进",
        // ── 湘14, retrial review and retrial ─────────────────────────────────────────────────
        "（2025）湘14民申1号 2025-06-10 2025-08-11 驳回再审申请 limit=2025-09-10 origin=（2025）湘1402民初5号 by=审监庭/吴磊",
        "（2025）湘14民申2号 2025-12-20 - - limit=2026-03-20 origin=（2025）湘14民终4号 by=审监庭/吴磊",
        // Retrials whose review cases are not in the data: each starts a dispute of its own.
        "（2025）湘14民再1号 2025-02-17 2025-05-19 改判 limit=2025-05-19 proc=二审程序 claim=12000.00 origin=（2024）湘14民申151号 by=审监庭/吴磊",
        "（2025）湘14民再2号 2025-03-03 2025-06-30 发回重审 limit=2025-06-03 proc=二审程序 origin=（2024）湘14民申152号 by=审监庭/吴磊",
        // Carried over, closed on the period's first day after 569 days, past the civil third
        // tier (540).
        "（2023）湘14民再301号 2023-06-12 2025-01-01 发回重审 limit=2023-09-12 proc=二审程序 origin=（2023）湘14民申388号 by=审监庭/吴磊",
        // ── 湘14, first instance ─────────────────────────────────────────────────────────────
        // Mediated on its deadline day after 181 days (one past the civil first tier); enforced.
        "（2025）湘14民初1号 2025-01-15 2025-07-15 调解 limit=2025-07-15 proc=普通 claim=200000.00 by=民二庭/周敏",
        // A judgment with nothing to pay.
        "（2025）湘14民初2号 2025-08-04 2025-10-31 判决 limit=2026-02-04 proc=普通 by=民二庭/孙丽",
        // Pending: filed a day before the 18-month cut-off (2024-06-30), and on it.
        "（2024）湘14民初101号 2024-06-29 - - limit=2024-12-30 proc=普通 by=民二庭/周敏",
        "（2024）湘14民初102号 2024-06-30 - - limit=2025-07-01 ext=183d proc=普通 by=民二庭/孙丽",
        // ── 湘14, enforcement ────────────────────────────────────────────────────────────────
        "（2025）湘14执1号 2025-08-01 2025-10-31 执行完毕 limit=2026-02-02 claim=200000.00 paid=200000.00 origin=（2025）湘14民初1号 by=执行局/郑洁",
        // Pending, filed a day before the 36-month cut-off: over 36 months.
        "（2022）湘14执501号 2022-12-30 - - limit=2023-06-30 claim=80000.00 by=执行局/郑洁",
    ]
    .into_iter()
    .map(case)
    .collect()
}

/// The events: appeals and files sent up (上诉案件移送时间), hearings (二审开庭率), and one of a
/// kind no indicator reads.
pub fn events() -> Vec<EventRecord> {
    [
        "（2024）湘1402民初101号 上诉 2025-01-08",
        "（2024）湘1402民初101号 移送上诉卷宗 2025-01-20",
        "（2024）湘1402刑初101号 上诉 2025-03-05",
        "（2024）湘1402刑初101号 移送上诉卷宗 2025-03-20",
        "（2024）湘1402刑初101号 移送上诉卷宗 2025-03-12",
        "（2024）湘1402刑初102号 上诉 2025-01-06",
        "（2024）湘1402刑初102号 移送上诉卷宗 2025-01-06",
        // Sent up before the appeal is dated: not a transfer that can be timed.
        "（2025）湘1402民初6号 移送上诉卷宗 2025-07-20",
        "（2025）湘1402民初6号 上诉 2025-07-25",
        // Sent up in 2024.
        "（2024）湘1402民初105号 上诉 2024-09-15",
        "（2024）湘1402民初105号 移送上诉卷宗 2024-09-25",
        // A second-instance case sends no file up: these are not a first instance's transfer.
        "（2025）湘14民终4号 上诉 2025-12-16",
        "（2025）湘14民终4号 移送上诉卷宗 2025-12-18",
        "（2025）湘14民终1号 开庭 2025-03-05",
        "（2025）湘14民终2号 开庭 2025-02-26",
        "（2025）湘14民终4号 开庭 2025-12-01",
        "（2025）湘14民终5号 开庭 2025-12-10",
        "（2025）湘14刑终1号 开庭 2025-05-30",
        // A first-instance hearing: no appeal is heard here.
        "（2025）湘1402民初7号 开庭 2025-05-10",
        "（2025）湘1402民初1号 送达 2025-01-05",
        // The 终本 checklist of 1402执301 (filed 2023-11-06, closed 2025-02-14): every step on
        // file, the interview on the day of the ruling; a second restriction after it does not
        // count and changes nothing.
        "（2023）湘1402执301号 执行通知 2023-11-08",
        "（2023）湘1402执301号 报告财产令 2023-11-08",
        "（2023）湘1402执301号 查控 2023-11-10",
        "（2023）湘1402执301号 现场调查 2024-01-15",
        "（2023）湘1402执301号 限制消费 2024-02-01",
        "（2023）湘1402执301号 约谈 2025-02-14",
        "（2023）湘1402执301号 限制消费 2025-03-01",
    ]
    .into_iter()
    .map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [case_no, kind, on] = fields[..] else {
            panic!("{line}: three fields");
        };
        EventRecord {
            case_no: number(case_no),
            date: date(on),
            kind: EventKind::parse(kind).expect("an event kind"),
            detail: String::new(),
        }
    })
    .collect()
}
