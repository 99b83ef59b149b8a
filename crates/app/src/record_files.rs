//! The files of the supervision records — 督办 items, their steps, 审限变更申请, 终本 reviews, and
//! 案件评查 plans with their cases, reviews, findings and the steps after the reviews: each file's columns (an export writes them, an import reads them) and how a header row is
//! known for one of them.

use shenguan_ingest::columns::normalise_header;
use shenguan_ingest::table::{Column, ColumnKind};

use ColumnKind::{Date, Integer, Text};

/// One kind of records file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum RecordFile {
    /// 督办事项: where each item stands.
    Items,
    /// 督办经过: every step of every item, in order.
    Steps,
    /// 审限变更申请 and their decisions.
    Requests,
    /// 终本评查 findings.
    Findings,
    /// 案件评查 plans: their rules, seed and panel.
    ReviewPlans,
    /// The cases each plan took, and whom each went to.
    ReviewCases,
    /// The reviews submitted: score and grade.
    ReviewResults,
    /// Each review's findings, in order.
    ReviewFindings,
    /// What followed each review, in order: objection, decision, accountability.
    ReviewAnswers,
}

/// A column: its Chinese header, its English header and its kind.
pub(crate) type RecordColumn = (&'static str, &'static str, ColumnKind);

const ITEMS: [RecordColumn; 15] = [
    ("编号", "id", Integer),
    ("案号", "case_no", Text),
    ("法院代字", "court_code", Text),
    ("承办部门", "division", Text),
    ("督办事由", "reason", Text),
    ("督办意见", "instructions", Text),
    ("督办人", "opened_by", Text),
    ("督办日期", "opened_on", Date),
    ("答复人", "answerer", Text),
    ("答复期限", "due_on", Date),
    ("状态", "state", Text),
    ("督办层级", "level", Integer),
    ("最近答复日期", "replied_on", Date),
    ("按期答复", "replied_in_time", Text),
    ("办结日期", "closed_on", Date),
];

const STEPS: [RecordColumn; 7] = [
    ("编号", "item_id", Integer),
    ("序号", "seq", Integer),
    ("时间", "at", Text),
    ("人员", "by_user", Text),
    ("环节", "step", Text),
    ("内容", "note", Text),
    ("答复期限", "due_on", Date),
];

const REQUESTS: [RecordColumn; 20] = [
    ("编号", "id", Integer),
    ("案号", "case_no", Text),
    ("法院代字", "court_code", Text),
    ("承办部门", "division", Text),
    ("种类", "kind", Text),
    ("延长期限", "length", Text),
    ("扣除事由", "ground", Text),
    ("扣除起日", "from_on", Date),
    ("扣除止日", "to_on", Date),
    ("理由", "reason", Text),
    ("申请人", "asked_by", Text),
    ("申请日期", "asked_on", Date),
    ("当时审限届满日", "deadline_then", Date),
    ("逾期申请", "late", Text),
    ("审批层级", "approver", Text),
    ("状态", "state", Text),
    ("审批人", "decided_by", Text),
    ("审批日期", "decided_on", Date),
    ("逾期审批", "decided_late", Text),
    ("审批意见", "note", Text),
];

const FINDINGS: [RecordColumn; 6] = [
    ("案号", "case_no", Text),
    ("法院代字", "court_code", Text),
    ("评查结论", "compliant", Text),
    ("理由", "reason", Text),
    ("评查人", "found_by", Text),
    ("时间", "found_at", Text),
];

// 案件评查: the plan's own number links the other files to it, as an item's number links its
// steps; the importing store gives the plan a number of its own.
const REVIEW_PLANS: [RecordColumn; 15] = [
    ("编号", "id", Integer),
    ("计划名称", "name", Text),
    ("评查类型", "kind", Text),
    ("法院代字", "court_code", Text),
    ("起始日期", "period_from", Date),
    ("截止日期", "period_to", Date),
    ("抽样比例", "per_mille", Integer),
    // A 64-bit seed does not fit a signed number column: kept as its decimal text.
    ("随机种子", "seed", Text),
    ("回避范围", "separation", Text),
    ("背对背", "blind", Text),
    // A 专项 plan's class as it keeps it: types=民初,民终;cause=买卖合同.
    ("专项类别", "class", Text),
    ("制定人", "created_by", Text),
    ("制定时间", "created_at", Text),
    ("评查人员", "reviewers", Text),
    ("案件数", "cases", Integer),
];

const REVIEW_CASES: [RecordColumn; 6] = [
    ("计划编号", "plan_id", Integer),
    ("案号", "case_no", Text),
    ("法院代字", "court_code", Text),
    ("选取理由", "reason", Text),
    ("决定案件", "decided_by", Text),
    ("评查人", "reviewer", Text),
];

const REVIEW_RESULTS: [RecordColumn; 10] = [
    ("计划编号", "plan_id", Integer),
    ("案号", "case_no", Text),
    ("法院代字", "court_code", Text),
    ("评查人", "reviewer", Text),
    ("提交时间", "submitted_at", Text),
    ("得分", "score", Integer),
    ("等次", "grade", Text),
    ("问题案件", "problem", Text),
    ("差错案件", "error", Text),
    ("问题条数", "findings", Integer),
];

const REVIEW_FINDINGS: [RecordColumn; 9] = [
    ("计划编号", "plan_id", Integer),
    ("案号", "case_no", Text),
    ("序号", "seq", Integer),
    ("评查项目", "item", Text),
    ("问题性质", "severity", Text),
    ("评查意见", "text", Text),
    ("扣分", "deduction", Integer),
    ("责任人", "responsible", Text),
    ("免责事由", "excuse", Text),
];

const REVIEW_ANSWERS: [RecordColumn; 9] = [
    ("计划编号", "plan_id", Integer),
    ("案号", "case_no", Text),
    ("序号", "seq", Integer),
    ("时间", "at", Text),
    ("人员", "by_user", Text),
    ("异议环节", "kind", Text),
    ("日期", "day", Date),
    ("等次", "grade", Text),
    ("内容", "text", Text),
];

impl RecordFile {
    pub(crate) const ALL: [RecordFile; 9] = [
        RecordFile::Items,
        RecordFile::Steps,
        RecordFile::Requests,
        RecordFile::Findings,
        RecordFile::ReviewPlans,
        RecordFile::ReviewCases,
        RecordFile::ReviewResults,
        RecordFile::ReviewFindings,
        RecordFile::ReviewAnswers,
    ];

    /// The file's name in an export (without the extension).
    pub(crate) fn name(self) -> &'static str {
        match self {
            RecordFile::Items => "supervision",
            RecordFile::Steps => "supervision_steps",
            RecordFile::Requests => "limit_requests",
            RecordFile::Findings => "zhongben_reviews",
            RecordFile::ReviewPlans => "review_plans",
            RecordFile::ReviewCases => "review_cases",
            RecordFile::ReviewResults => "review_results",
            RecordFile::ReviewFindings => "review_findings",
            RecordFile::ReviewAnswers => "review_answers",
        }
    }

    pub(crate) fn columns(self) -> &'static [RecordColumn] {
        match self {
            RecordFile::Items => &ITEMS,
            RecordFile::Steps => &STEPS,
            RecordFile::Requests => &REQUESTS,
            RecordFile::Findings => &FINDINGS,
            RecordFile::ReviewPlans => &REVIEW_PLANS,
            RecordFile::ReviewCases => &REVIEW_CASES,
            RecordFile::ReviewResults => &REVIEW_RESULTS,
            RecordFile::ReviewFindings => &REVIEW_FINDINGS,
            RecordFile::ReviewAnswers => &REVIEW_ANSWERS,
        }
    }

    /// The headers as an export writes them, in Chinese or in English.
    pub(crate) fn header(self, chinese: bool) -> Vec<Column<'static>> {
        self.columns()
            .iter()
            .map(|(zh, en, kind)| Column {
                name: if chinese { zh } else { en },
                kind: *kind,
            })
            .collect()
    }

    /// The columns (by their English name) only this file has: a header naming them all is a
    /// header of this file.
    fn marks(self) -> &'static [&'static str] {
        match self {
            RecordFile::Items => &["reason", "answerer", "opened_by"],
            RecordFile::Steps => &["seq", "step", "by_user"],
            RecordFile::Requests => &["kind", "asked_by", "deadline_then"],
            RecordFile::Findings => &["compliant", "found_by"],
            RecordFile::ReviewPlans => &["per_mille", "separation", "reviewers"],
            RecordFile::ReviewCases => &["plan_id", "decided_by"],
            RecordFile::ReviewResults => &["plan_id", "score", "submitted_at"],
            RecordFile::ReviewFindings => &["plan_id", "severity", "deduction"],
            RecordFile::ReviewAnswers => &["plan_id", "kind", "day"],
        }
    }

    /// Where each of the file's columns stands in `headers` (`None`: missing), the Chinese or
    /// English header either way, with the same leniency as the case files' headers.
    pub(crate) fn positions(self, headers: &[&str]) -> Vec<Option<usize>> {
        let normalised: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
        self.columns()
            .iter()
            .map(|(zh, en, _)| {
                let (zh, en) = (normalise_header(zh), normalise_header(en));
                normalised.iter().position(|h| *h == zh || *h == en)
            })
            .collect()
    }

    /// The records file `headers` is the header of, if any.
    pub(crate) fn of_header(headers: &[&str]) -> Option<RecordFile> {
        RecordFile::ALL.into_iter().find(|file| {
            let positions = file.positions(headers);
            file.marks().iter().all(|mark| {
                file.columns()
                    .iter()
                    .zip(&positions)
                    .any(|((_, en, _), at)| en == mark && at.is_some())
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_is_known_by_its_own_header_in_either_language_and_by_no_other() {
        for file in RecordFile::ALL {
            for chinese in [true, false] {
                let header: Vec<&str> = file.header(chinese).iter().map(|c| c.name).collect();
                assert_eq!(RecordFile::of_header(&header), Some(file), "{header:?}");
                assert!(file.positions(&header).iter().all(Option::is_some));
            }
        }
        // A case file's header is none of them.
        assert_eq!(
            RecordFile::of_header(&["案号", "立案日期", "承办人", "状态"]),
            None
        );
        // Columns in another order, with spaces and a byte-order mark, are found where they are.
        let header = [
            "\u{feff}评查人 ",
            "案号",
            "评查结论",
            "时间",
            "理由",
            "法院代字",
        ];
        assert_eq!(RecordFile::of_header(&header), Some(RecordFile::Findings));
        assert_eq!(
            RecordFile::Findings.positions(&header),
            vec![Some(1), Some(5), Some(2), Some(4), Some(0), Some(3)]
        );
    }
}
