//! An imported case keeps the announcement periods its service records give: a court's case
//! system may export a case without the 公告 excluded period recorded here (by hand or from a
//! service file), and importing that export again must not move the deadline back. The periods
//! are joined to the file's own as recording them joins them (docs/service.md). A file that
//! gives only a total of excluded days is taken at its word (that total may already hold the
//! announcement), and the import says so.

use std::collections::HashMap;

use shenguan_domain::service::timing::notice_exclusion;
use shenguan_domain::text;
use shenguan_ingest::validate::Validation;

use crate::service::with_notice;
use crate::{App, AppError, Store};

impl App {
    /// Adds to the imported cases the announcement periods of their stored service records
    /// that the file leaves out, with a warning that says how many cases kept them.
    pub(crate) fn keep_announcements(
        &self,
        store: &mut Store,
        validation: &mut Validation,
    ) -> Result<(), AppError> {
        let numbers: Vec<String> = validation
            .cases
            .iter()
            .map(|c| c.record.case_no.to_string())
            .collect();
        let mut by_case: HashMap<String, Vec<(chrono::NaiveDate, bool)>> = HashMap::new();
        for (case_no, published, foreign) in store.inner.announcements(&numbers)? {
            by_case
                .entry(case_no)
                .or_default()
                .push((published, foreign));
        }
        if by_case.is_empty() {
            return Ok(());
        }
        let rules = &self.config().service_rules;
        let (mut kept, mut totals) = (0, 0);
        for located in &mut validation.cases {
            let record = &mut located.record;
            let Some(notices) = by_case.get(&record.case_no.to_string()) else {
                continue;
            };
            let unstated = record
                .exclusions
                .iter()
                .any(|e| e.ground == shenguan_domain::ExclusionGround::Unstated);
            if unstated {
                totals += 1;
                continue;
            }
            let before = record.exclusions.clone();
            for &(published, foreign) in notices {
                let category = record.case_no.category();
                if let Some(period) =
                    notice_exclusion(rules, category, record.closed_on, published, foreign)
                {
                    record.exclusions = with_notice(&record.exclusions, &period);
                }
            }
            kept += usize::from(record.exclusions != before);
        }
        if totals > 0 {
            validation.warnings.push(text!(
                "{totals}件案件的文件只载明扣除审限总天数，按文件计算；本系统送达记录中的公告期间未另行扣除",
                "{totals} cases' files give only a total of excluded days: it is taken as given, and the announcement periods of their service records here are not added to it"
            ));
        }
        if kept > 0 {
            validation.warnings.push(text!(
                "{kept}件案件的文件未载明本系统送达记录中的公告期间，已保留为扣除审限",
                "{kept} cases' files leave out the announcement periods of their service records here: they are kept as excluded periods"
            ));
        }
        Ok(())
    }
}
