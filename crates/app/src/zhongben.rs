//! 终本核查: the checklist of a case closed by 终结本次执行程序 as a user may see it — the five
//! conditions of 法〔2016〕373号 from its events, with the deployment's readings — and the
//! reviewer's finding (评查: 合格 / 不合格 with the reason) that overrides it, recorded by the
//! trial-management office or a court leader within their scope and audited.
//! The readings are in docs/enforcement.md.

use shenguan_domain::zhongben::{Checklist, Requery, requery};
use shenguan_domain::{CaseRecord, ClosingMethod, text};
use shenguan_store::ZhongbenFinding;

use crate::accounts::{Role, User};
use crate::{App, AppError, Store};

/// The longest reason a finding may give, in characters.
pub const MAX_REASON_CHARS: usize = 2000;

/// One 终本 case's checklist and the reviewer's finding on it.
#[derive(Debug)]
pub struct ZhongbenCheck {
    pub record: CaseRecord,
    pub checklist: Checklist,
    pub finding: Option<ZhongbenFinding>,
    /// The six-monthly property re-queries after 终本.
    pub requery: Requery,
    /// The 执恢 cases that restored its enforcement.
    pub restored: Vec<String>,
}

/// Whether a case was closed by 终本.
pub fn is_zhongben(record: &CaseRecord) -> bool {
    record.closed_on.is_some()
        && record.closing_method.map(ClosingMethod::label_zh) == Some("终结本次执行")
}

/// Who may record a finding: the office and court leaders (a review is theirs, not the handling
/// division's).
pub fn may_review(user: &User) -> bool {
    matches!(user.role, Role::Office | Role::Leader)
}

impl App {
    /// The checklist of a case read with its events (the case page's `case_file`); `None` when
    /// it was not closed by 终本.
    pub fn checklist_of(
        &self,
        store: &mut Store,
        record: CaseRecord,
        events: &[shenguan_domain::EventRecord],
    ) -> Result<Option<ZhongbenCheck>, AppError> {
        let (true, Some(closed_on)) = (is_zhongben(&record), record.closed_on) else {
            return Ok(None);
        };
        let finding = store.inner.zhongben_finding(&record.case_no.to_string())?;
        let steps: Vec<_> = events.iter().map(|e| (e.kind, e.date)).collect();
        let checklist = Checklist::of(
            record.filed_on,
            closed_on,
            &steps,
            self.config().checklist,
            finding.as_ref().map(|f| f.compliant),
        );
        let queried: Vec<_> = events
            .iter()
            .filter(|e| e.kind == shenguan_domain::EventKind::PostTerminationInquiry)
            .map(|e| e.date)
            .collect();
        let restored = store
            .inner
            .continuing_cases(&record.case_no.to_string())?
            .into_iter()
            .filter(|c| c.case_no.case_type().is_some_and(|t| t.code == "执恢"))
            .map(|c| c.case_no.to_string())
            .collect();
        Ok(Some(ZhongbenCheck {
            requery: requery(closed_on, &queried, self.today()),
            restored,
            record,
            checklist,
            finding,
        }))
    }

    /// Records a reviewer's finding on the 终本 case `number`: 合格 when `compliant`, with the
    /// reason; it replaces an earlier finding and is audited.
    pub fn record_zhongben_finding(
        &self,
        store: &mut Store,
        by: &User,
        number: &str,
        compliant: bool,
        reason: &str,
    ) -> Result<ZhongbenCheck, AppError> {
        if !may_review(by) {
            return Err(AppError::Forbidden(text!(
                "只有审管办和院领导可以录入终本评查结论",
                "only the trial-management office and court leaders may record a 终本 review"
            )));
        }
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS {
            return Err(AppError::invalid_for(
                "reason",
                &text!(
                    "须填写评查理由（不超过{MAX_REASON_CHARS}字）",
                    "a reason is required (at most {MAX_REASON_CHARS} characters)"
                ),
            ));
        }
        let file = self.case_file(store, by, number)?;
        if !is_zhongben(&file.record) {
            return Err(AppError::Invalid(text!(
                "案件{number}不是以终结本次执行程序结案的案件",
                "the case {number} was not closed by 终结本次执行程序"
            )));
        }
        let finding = ZhongbenFinding {
            case_no: file.record.case_no.to_string(),
            court_code: file.record.court.to_string(),
            compliant,
            reason: reason.to_string(),
            found_by: by.name.clone(),
            found_at: self.now_text(),
        };
        store.atomically(|store| {
            store.inner.record_zhongben_finding(&finding)?;
            let verdict = if compliant { "合格" } else { "不合格" };
            self.audit(
                store,
                Some(&by.name),
                "zhongben.review",
                &format!("{} {verdict}：{reason}", finding.case_no),
            )
        })?;
        self.checklist_of(store, file.record, &file.events)?
            .ok_or_else(|| AppError::Internal("a 终本 case lost its checklist".into()))
    }
}
