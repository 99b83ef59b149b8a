//! The forecasts already made, kept until the data or the day changes: a forecast runs the model
//! from today and from each of the past twelve months (docs/forecast.md), seconds of work that
//! the 预测 page and the API would otherwise repeat on every visit.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use shenguan_app::AppError;
use shenguan_app::forecast::Forecast;
use shenguan_domain::CourtScope;

use crate::Server;

/// How many forecasts are kept (a scope and a number of months each); all go when it is full.
const KEPT: usize = 32;

#[derive(Debug, Default)]
pub(crate) struct Forecasts {
    kept: Mutex<HashMap<String, Arc<Forecast>>>,
}

impl Server {
    /// The forecast from today for `scope`, `months` ahead, from `draws` futures: kept for the
    /// same data version and day.
    pub(crate) fn forecast(
        &self,
        scope: Option<CourtScope>,
        months: usize,
        draws: usize,
    ) -> Result<Arc<Forecast>, AppError> {
        let (cases, version) = self.cases_with_version()?;
        let today = self.app.today();
        let scope_key = scope.map(|s| format!("{s:?}")).unwrap_or_default();
        let key = format!("{version}|{today}|{scope_key}|{months}|{draws}");
        let kept = || {
            self.forecasts
                .kept
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
        };
        if let Some(made) = kept().get(&key).cloned() {
            return Ok(made);
        }
        // Made outside the lock: a second request for the same forecast meanwhile makes it too,
        // the same figures, rather than every other forecast waiting.
        let made = Arc::new(self.app.forecast(&cases, scope, months, draws)?);
        let mut all = kept();
        if all.len() >= KEPT {
            all.clear();
        }
        all.insert(key, Arc::clone(&made));
        Ok(made)
    }
}
