//! The review plans a user may list: those of the courts whose office, leaders and administrators
//! they are — the same rule as reading one plan (`App::review_plan`).

use shenguan_domain::{CourtCode, CourtScope};
use shenguan_store::ReviewPlanRow;

use crate::accounts::{Role, User};
use crate::{App, AppError, Store};

impl App {
    /// Every plan `user` may read, the newest first, as the store lists them (without their
    /// reviewers and cases: `review_plan` reads one whole).
    pub fn review_plans(
        &self,
        store: &mut Store,
        user: &User,
    ) -> Result<Vec<ReviewPlanRow>, AppError> {
        if !matches!(user.role, Role::Office | Role::Leader | Role::Admin) {
            return Ok(Vec::new());
        }
        Ok(store
            .inner
            .review_plans()?
            .into_iter()
            .filter(|plan| {
                let court = plan.court.as_deref().and_then(|c| CourtCode::parse(c).ok());
                match (user.court, court) {
                    (None, _) => true,
                    (Some(own), Some(plan)) => CourtScope::with_lower(own).covers(plan),
                    // A plan of the whole network is the network's users' alone.
                    (Some(_), None) => false,
                }
            })
            .collect())
    }
}
