use chrono::NaiveDate;
use shenguan_domain::HolidayCalendar;

use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

const OPENED: &str = "2026-11-02";
const DUE: &str = "2026-11-09";

/// An item opened on 2 November by the office for the judge, due 9 November, at the division
/// head's level, then brought to `state` (and `level`).
fn item(state: State, level: usize) -> Item {
    let opened = Item::open(
        &Opening {
            case_no: "（2026）湘1402民初100号",
            reason: Reason::OverTimeLimit,
            instructions: "请说明超审限原因并尽快结案",
            opened_by: "审管办",
            answerer: "法官甲",
            level: 0,
            due_on: Some(day(DUE)),
        },
        day(OPENED),
        &HolidayCalendar::builtin(),
        &Chain::default(),
    )
    .expect("opened");
    Item {
        state,
        level,
        ..opened
    }
}

/// What a step should come to: the state and level after it, or a refusal whose Chinese text
/// holds the words given.
enum Outcome {
    To(State, usize),
    Refused(&'static str),
}

#[test]
fn each_step_is_taken_from_the_states_it_belongs_to_by_its_side_only() {
    use Outcome::{Refused, To};
    use State::*;
    let chain = Chain::default();
    let reply = Step::Reply {
        text: "已开庭，本周结案",
    };
    let close = Step::Close { note: "" };
    let back = Step::Return {
        note: "未说明原因",
        due_on: day("2026-11-16"),
    };
    let raise = Step::Escalate {
        due_on: day("2026-11-16"),
    };
    let (on_time, late) = (day("2026-11-09"), day("2026-11-10"));
    let cases: Vec<(State, usize, &Step<'_>, Side, NaiveDate, Outcome)> = vec![
        // 答复: whenever a reply is awaited, by the one named, late or not.
        (
            AwaitingReply,
            0,
            &reply,
            Side::Answerer,
            on_time,
            To(Replied, 0),
        ),
        (Returned, 0, &reply, Side::Answerer, late, To(Replied, 0)),
        (Escalated, 1, &reply, Side::Answerer, late, To(Replied, 1)),
        (
            AwaitingReply,
            0,
            &reply,
            Side::Supervisor,
            on_time,
            Refused("只有答复人"),
        ),
        (
            Replied,
            0,
            &reply,
            Side::Answerer,
            on_time,
            Refused("无需答复"),
        ),
        (
            Closed,
            0,
            &reply,
            Side::Answerer,
            on_time,
            Refused("无需答复"),
        ),
        // 办结 and 退回: only a reply can be accepted or returned, by a supervisor.
        (Replied, 0, &close, Side::Supervisor, on_time, To(Closed, 0)),
        (
            Replied,
            0,
            &back,
            Side::Supervisor,
            on_time,
            To(Returned, 0),
        ),
        (
            Replied,
            0,
            &close,
            Side::Answerer,
            on_time,
            Refused("只有督办人"),
        ),
        (
            AwaitingReply,
            0,
            &close,
            Side::Supervisor,
            late,
            Refused("须待答复后"),
        ),
        (
            Returned,
            0,
            &back,
            Side::Supervisor,
            late,
            Refused("须待答复后"),
        ),
        (
            Closed,
            0,
            &close,
            Side::Supervisor,
            late,
            Refused("须待答复后"),
        ),
        // 升级: a late reply, one level up, not past the top.
        (
            AwaitingReply,
            0,
            &raise,
            Side::Supervisor,
            late,
            To(Escalated, 1),
        ),
        (
            Returned,
            0,
            &raise,
            Side::Supervisor,
            late,
            To(Escalated, 1),
        ),
        (
            Escalated,
            1,
            &raise,
            Side::Supervisor,
            late,
            To(Escalated, 2),
        ),
        (
            Escalated,
            2,
            &raise,
            Side::Supervisor,
            late,
            Refused("不能再升级"),
        ),
        (
            AwaitingReply,
            0,
            &raise,
            Side::Supervisor,
            on_time,
            Refused("未逾期"),
        ),
        (
            Replied,
            0,
            &raise,
            Side::Supervisor,
            late,
            Refused("未逾期"),
        ),
        (
            AwaitingReply,
            0,
            &raise,
            Side::Answerer,
            late,
            Refused("只有督办人"),
        ),
    ];
    for (state, level, step, side, today, outcome) in cases {
        let before = item(state, level);
        let after = before.take(step, side, today, &chain);
        let what = format!(
            "{state:?} at level {level}, {} by {side:?} on {today}",
            step.key()
        );
        match (outcome, after) {
            (To(state, level), Ok(after)) => {
                assert_eq!((after.state, after.level), (state, level), "{what}");
            }
            (Refused(words), Err(Refusal(why))) => {
                assert!(why.zh().contains(words), "{what}: {}", why.zh());
            }
            (To(..), Err(Refusal(why))) => panic!("{what}: refused: {}", why.zh()),
            (Refused(words), Ok(after)) => panic!("{what}: taken ({after:?}), not “{words}”"),
        }
    }
}

#[test]
fn a_reply_is_on_time_by_the_date_then_due_and_a_return_or_raise_sets_a_new_one() {
    let chain = Chain::default();
    let reply = Step::Reply { text: "已处理" };
    let replied = item(State::AwaitingReply, 0)
        .take(&reply, Side::Answerer, day(DUE), &chain)
        .expect("a reply on the day due");
    assert_eq!(replied.replied, Some((day(DUE), true)));
    let late = item(State::AwaitingReply, 0)
        .take(&reply, Side::Answerer, day("2026-11-10"), &chain)
        .expect("a late reply");
    assert_eq!(late.replied, Some((day("2026-11-10"), false)));
    // Returned with a new date: the next reply is measured against it.
    let returned = late
        .take(
            &Step::Return {
                note: "答复不具体",
                due_on: day("2026-11-13"),
            },
            Side::Supervisor,
            day("2026-11-11"),
            &chain,
        )
        .expect("returned");
    assert_eq!(returned.due_on, day("2026-11-13"));
    assert!(!returned.is_overdue(day("2026-11-13")));
    assert!(returned.is_overdue(day("2026-11-14")));
    let again = returned
        .take(&reply, Side::Answerer, day("2026-11-12"), &chain)
        .expect("replied again");
    assert_eq!(again.replied, Some((day("2026-11-12"), true)));
    // A new date cannot be before the day it is set.
    let refused = again.take(
        &Step::Return {
            note: "仍不具体",
            due_on: day("2026-11-11"),
        },
        Side::Supervisor,
        day("2026-11-12"),
        &chain,
    );
    assert!(matches!(refused, Err(Refusal(why)) if why.zh().contains("早于今天")));
    // Closed on the day it is accepted.
    let closed = again
        .take(
            &Step::Close { note: "" },
            Side::Supervisor,
            day("2026-11-12"),
            &chain,
        )
        .expect("closed");
    assert_eq!(closed.closed_on, Some(day("2026-11-12")));
    assert!(!closed.is_overdue(day("2027-01-01")));
}

#[test]
fn opening_checks_what_it_is_given() {
    let calendar = HolidayCalendar::builtin();
    let chain = Chain::default();
    let good = Opening {
        case_no: "（2026）湘1402民初100号",
        reason: Reason::LongPending,
        instructions: "请说明未结原因",
        opened_by: "院长",
        answerer: "法官甲",
        level: 9,
        due_on: None,
    };
    let opened = Item::open(&good, day("2026-09-29"), &calendar, &chain).expect("opened");
    // Five working days on the court calendar: the National Day week is off and Saturday
    // 10 October is worked.
    assert_eq!(opened.due_on, day("2026-10-12"));
    assert_eq!(opened.state, State::AwaitingReply);
    // A level past the top is the top.
    assert_eq!(opened.level, 2);
    let long = "督".repeat(MAX_TEXT_CHARS + 1);
    for (opening, words) in [
        (
            Opening {
                instructions: "  ",
                ..good.clone()
            },
            "督办意见不能为空",
        ),
        (
            Opening {
                instructions: &long,
                ..good.clone()
            },
            "文字过长",
        ),
        (
            Opening {
                answerer: "",
                ..good.clone()
            },
            "须指定答复人",
        ),
        (
            Opening {
                due_on: Some(day("2026-09-28")),
                ..good.clone()
            },
            "早于今天",
        ),
    ] {
        match Item::open(&opening, day("2026-09-29"), &calendar, &chain) {
            Err(Refusal(why)) => assert!(why.zh().contains(words), "{}", why.zh()),
            Ok(item) => panic!("opened {item:?}, not “{words}”"),
        }
    }
}

#[test]
fn a_reply_is_due_in_working_days_on_the_calendar_given() {
    let builtin = HolidayCalendar::builtin();
    let weekends = HolidayCalendar::weekends_only();
    for (from, days, calendar, due) in [
        ("2026-11-02", 5, &weekends, "2026-11-09"),
        ("2026-11-06", 1, &weekends, "2026-11-09"),
        ("2026-11-06", 0, &weekends, "2026-11-06"),
        ("2026-09-29", 5, &weekends, "2026-10-06"),
        ("2026-09-29", 5, &builtin, "2026-10-12"),
        // Sunday 20 September is worked (made up for the National Day week).
        ("2026-09-18", 3, &builtin, "2026-09-22"),
        // Mid-Autumn (25–27 September) and the National Day week (1–7 October) are off.
        ("2026-09-24", 2, &builtin, "2026-09-29"),
    ] {
        assert_eq!(
            reply_due(day(from), days, calendar),
            day(due),
            "{from} + {days}"
        );
    }
}

#[test]
fn reasons_and_states_are_read_by_key_and_by_chinese_name() {
    for reason in Reason::ALL {
        assert_eq!(Reason::parse(reason.key()), Some(reason));
        assert_eq!(Reason::parse(reason.label().zh()), Some(reason));
    }
    for state in State::ALL {
        assert_eq!(State::parse(state.key()), Some(state));
        assert_eq!(State::parse(state.label().zh()), Some(state));
    }
    assert_eq!(Reason::parse("overdue"), None);
    assert_eq!(State::parse("open"), None);
    assert!(Chain::new(Vec::new()).is_err());
}
