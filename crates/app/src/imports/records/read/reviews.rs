//! The rows of the 案件评查 files read one by one: a plan's rules and panel, the cases it took, the
//! reviews, their findings and the steps after them — each cell checked and kept in its stored
//! form (a kind, reason or severity by its key, a seed by its 64 bits).

use shenguan_domain::{CaseNumber, CourtCode, StaffId, text};
use shenguan_store::{
    ReviewAnswerRow, ReviewCaseRow, ReviewFindingRow, ReviewPlanRow, ReviewResultRow,
};

use super::{Cells, NAME_MAX};
use crate::imports::records::reviews::{AnswerRow, FindingRow, PlanCaseRow, PlanRow, ResultRow};
use crate::review::PlanKind;

/// The longest text of a finding, of an objection or a decision.
const TEXT_MAX: usize = 2000;
/// An accountability outcome's text is its name (at most 20 characters, `[review] outcomes`),
/// `：` and its note.
const ANSWER_TEXT_MAX: usize = TEXT_MAX + 21;
/// The most reviewers of a plan and cases of one, as the app lets a plan have.
const PANEL_MAX: usize = 500;
const PLAN_CASES_MAX: i64 = 20_000;

/// The step kinds after a review, as the store names them.
const ANSWER_KINDS: [&str; 3] = ["object", "decide", "outcome"];

impl Cells<'_> {
    /// A case number alone (a file without a court column), in canonical form.
    fn case_number(&mut self) -> String {
        let (_, number) = self.at("case_no");
        let year = chrono::Datelike::year(&self.today);
        match CaseNumber::parse(number, year) {
            Ok(parsed) => parsed.to_string(),
            Err(e) => {
                let why = e.text();
                self.fail("case_no", why);
                String::new()
            }
        }
    }

    /// A staff number, in its stored form.
    fn staff(&mut self, column: &str, required: bool) -> Option<String> {
        let value = if required {
            self.required(column, NAME_MAX)
        } else {
            self.optional(column, NAME_MAX).unwrap_or_default()
        };
        if value.is_empty() {
            return None;
        }
        match StaffId::parse(&value) {
            Ok(id) => Some(id.to_string()),
            Err(_) => {
                self.fail(column, text!("不是工号", "not a staff number"));
                None
            }
        }
    }

    /// 是 / 否 that must be there.
    fn required_yes_no(&mut self, column: &str) -> bool {
        let value = self.yes_no(column);
        if value.is_none() {
            self.fail(
                column,
                text!("应为“是”或“否”", "must be 是 (yes) or 否 (no)"),
            );
        }
        value.unwrap_or_default()
    }
}

pub(in crate::imports::records) fn plan_row(cells: &mut Cells<'_>) -> PlanRow {
    let id = cells.int("id", 1..=i64::MAX);
    let name = cells.required("name", 100);
    let kind = cells
        .named(
            "kind",
            PlanKind::parse,
            text!(
                "应为 key（重点评查）、routine（常规评查）或 thematic（专项评查）",
                "must be key (重点评查), routine (常规评查) or thematic (专项评查)"
            ),
        )
        .map(|k| k.key().to_string())
        .unwrap_or_default();
    let court = cells.optional("court_code", NAME_MAX);
    if court
        .as_deref()
        .is_some_and(|c| CourtCode::parse(c).is_err())
    {
        cells.fail("court_code", text!("不是法院代字", "not a court code"));
    }
    let from = cells.required_date("period_from");
    let to = cells.required_date("period_to");
    if from > to {
        cells.fail(
            "period_to",
            text!("截止日期早于起始日期", "the period ends before it starts"),
        );
    }
    let per_mille = cells.int("per_mille", 0..=1000);
    let seed = cells.required("seed", 20);
    let seed = match seed.parse::<u64>() {
        Ok(seed) => i64::from_ne_bytes(seed.to_ne_bytes()),
        Err(_) => {
            if !seed.is_empty() {
                cells.fail(
                    "seed",
                    text!(
                        "应为0至18446744073709551615之间的整数",
                        "must be a whole number from 0 to 18446744073709551615"
                    ),
                );
            }
            0
        }
    };
    let separation = cells.required("separation", NAME_MAX);
    let separation = match separation.as_str() {
        "court" | "法院" => "court",
        "division" | "部门" => "division",
        "" => "",
        _ => {
            cells.fail(
                "separation",
                text!(
                    "应为 court（另一法院）或 division（另一部门）",
                    "must be court (another court) or division (another division)"
                ),
            );
            ""
        }
    };
    let blind = cells.yes_no("blind").unwrap_or(false);
    let class = cells.optional("class", 400);
    let created_by = cells.required("created_by", NAME_MAX);
    let created_at = cells.moment("created_at");
    let panel = cells.required("reviewers", PANEL_MAX * (NAME_MAX + 1));
    let mut reviewers: Vec<String> = Vec::new();
    for named in panel.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        match StaffId::parse(named) {
            Ok(id) => reviewers.push(id.to_string()),
            Err(_) => {
                cells.fail(
                    "reviewers",
                    text!(
                        "“{named}”不是工号（评查人员以;分隔）",
                        "“{named}” is not a staff number (reviewers are separated by ;)"
                    ),
                );
                break;
            }
        }
    }
    reviewers.sort();
    reviewers.dedup();
    if !panel.is_empty() && (reviewers.is_empty() || reviewers.len() > PANEL_MAX) {
        cells.fail(
            "reviewers",
            text!(
                "须有1至{PANEL_MAX}名评查人员",
                "a plan has 1 to {PANEL_MAX} reviewers"
            ),
        );
    }
    let cases = cells.int("cases", 0..=PLAN_CASES_MAX);
    PlanRow {
        id,
        cases,
        plan: ReviewPlanRow {
            id: 0,
            name,
            kind,
            court,
            from,
            to,
            per_mille: u32::try_from(per_mille).unwrap_or_default(),
            seed,
            separation: separation.to_string(),
            blind,
            class,
            created_by,
            created_at,
            reviewers,
            cases: Vec::new(),
        },
    }
}

pub(in crate::imports::records) fn plan_case_row(cells: &mut Cells<'_>) -> PlanCaseRow {
    let plan = cells.int("plan_id", 1..=i64::MAX);
    let (case_no, court) = cells.case();
    let reason = cells.required("reason", NAME_MAX);
    if !reason.is_empty()
        && ![
            "reversed",
            "remanded",
            "retrial_ordered",
            "referred",
            "doubt",
            "repeated_petitions",
            "sample",
            "thematic",
        ]
        .contains(&reason.as_str())
    {
        cells.fail(
            "reason",
            text!(
                "应为 reversed（改判）、remanded（发回重审）、retrial_ordered（指令再审）、referred（交办转办）、doubt（存疑）、repeated_petitions（重复信访）、sample（抽查）或 thematic（专项）",
                "must be reversed, remanded, retrial_ordered, referred, doubt, repeated_petitions, sample or thematic"
            ),
        );
    }
    let decided_by = cells.optional("decided_by", NAME_MAX);
    let year = chrono::Datelike::year(&cells.today);
    let decided_by = match decided_by.map(|d| CaseNumber::parse(&d, year)) {
        None => None,
        Some(Ok(number)) => Some(number.to_string()),
        Some(Err(e)) => {
            let why = e.text();
            cells.fail("decided_by", why);
            None
        }
    };
    let reviewer = cells.staff("reviewer", false);
    PlanCaseRow {
        plan,
        court,
        case: ReviewCaseRow {
            case_no,
            reason,
            decided_by,
            reviewer,
        },
    }
}

pub(in crate::imports::records) fn result_row(cells: &mut Cells<'_>) -> ResultRow {
    let plan = cells.int("plan_id", 1..=i64::MAX);
    // The court column is checked against the case number; the plan's case row gives the court.
    let (case_no, _) = cells.case();
    let reviewer = cells.staff("reviewer", true).unwrap_or_default();
    let submitted_at = cells.moment("submitted_at");
    let score = cells.int("score", 0..=100);
    let grade = cells.required("grade", NAME_MAX);
    let problem = cells.required_yes_no("problem");
    let error = cells.required_yes_no("error");
    let findings = cells.int("findings", 0..=100);
    ResultRow {
        plan,
        findings,
        result: ReviewResultRow {
            plan_id: 0,
            case_no,
            reviewer,
            submitted_at,
            score: u32::try_from(score).unwrap_or_default(),
            grade,
            problem,
            error,
            findings: Vec::new(),
        },
    }
}

pub(in crate::imports::records) fn finding_row(cells: &mut Cells<'_>) -> FindingRow {
    let plan = cells.int("plan_id", 1..=i64::MAX);
    let case_no = cells.case_number();
    let seq = cells.int("seq", 1..=100);
    // Whether the item is on the case's sheet, and holds the deduction, is checked with the
    // review (the network's sheet for the case's category).
    let item = cells.required("item", 16);
    let severity = cells.required("severity", NAME_MAX);
    let severity = match severity.as_str() {
        "flaw" | "瑕疵" => "flaw",
        "error" | "差错" => "error",
        "" => "",
        _ => {
            cells.fail(
                "severity",
                text!(
                    "应为 flaw（瑕疵）或 error（差错）",
                    "must be flaw (瑕疵) or error (差错)"
                ),
            );
            ""
        }
    };
    let text = cells.required("text", TEXT_MAX);
    let deduction = cells.int("deduction", 0..=100);
    let responsible = cells.optional("responsible", 1000).unwrap_or_default();
    let known = |part: &str| {
        part == "committee"
            || ["judge:", "panel:", "presiding:", "approver:"]
                .iter()
                .any(|p| part.strip_prefix(p).is_some_and(|n| !n.trim().is_empty()))
    };
    if !responsible.split(';').all(known) && !responsible.is_empty() {
        cells.fail(
            "responsible",
            text!(
                "责任人应写作 judge:姓名、panel:姓名、presiding:姓名、approver:姓名 或 committee，以;分隔",
                "the responsible are judge:NAME, panel:NAME, presiding:NAME, approver:NAME or committee, separated by ;"
            ),
        );
    }
    let excuse = cells.optional("excuse", TEXT_MAX);
    let excused = |e: &str| {
        ["law_understanding", "new_evidence", "changed_law"].contains(&e)
            || e.strip_prefix("other:")
                .is_some_and(|t| !t.trim().is_empty())
    };
    if excuse.as_deref().is_some_and(|e| !excused(e)) {
        cells.fail(
            "excuse",
            text!(
                "免责事由应为 law_understanding、new_evidence、changed_law 或 other:理由",
                "the excuse is law_understanding, new_evidence, changed_law or other:REASON"
            ),
        );
    }
    FindingRow {
        plan,
        case_no,
        seq,
        finding: ReviewFindingRow {
            item,
            severity: severity.to_string(),
            text,
            deduction: u32::try_from(deduction).unwrap_or_default(),
            responsible,
            excuse,
        },
    }
}

pub(in crate::imports::records) fn answer_row(cells: &mut Cells<'_>) -> AnswerRow {
    let plan = cells.int("plan_id", 1..=i64::MAX);
    let case_no = cells.case_number();
    let seq = cells.int("seq", 1..=10_000);
    let at = cells.moment("at");
    let by_user = cells.required("by_user", NAME_MAX);
    let kind = cells.required("kind", NAME_MAX);
    if !kind.is_empty() && !ANSWER_KINDS.contains(&kind.as_str()) {
        cells.fail(
            "kind",
            text!(
                "应为 object（异议）、decide（决定）或 outcome（问责）",
                "must be object, decide or outcome"
            ),
        );
    }
    let day = cells.required_date("day");
    let grade = cells.optional("grade", NAME_MAX);
    if (kind == "decide") != grade.is_some() && !kind.is_empty() {
        cells.fail(
            "grade",
            text!(
                "决定须写明维持的等次，异议和问责不写等次",
                "a decision names the grade that stands; an objection or outcome names none"
            ),
        );
    }
    let text = cells.required("text", ANSWER_TEXT_MAX);
    AnswerRow {
        plan,
        case_no,
        answer: ReviewAnswerRow {
            seq,
            at,
            by_user,
            kind,
            day,
            grade,
            text,
        },
    }
}
