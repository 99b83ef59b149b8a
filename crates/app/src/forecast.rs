//! Use case: 预测 — the coming months of a court, of a court with those below it, or of the
//! network, from today (the clock's), and the backtest that shows how far such forecasts can be
//! trusted; the one place that checks what a user asks (months 1–6, a court the data knows)
//! for the command line and the API alike (`docs/forecast.md`).

use chrono::NaiveDate;
use shenguan_domain::CourtScope;
use shenguan_metrics::Cases;
use shenguan_metrics::forecast::{self, Settings};

pub use shenguan_metrics::forecast::backtest::{self, Backtest, Figure, Score};
pub use shenguan_metrics::forecast::{
    Band, CROSSING_MONTHS, Crossing, CrossingCase, Forecast, MAX_MONTHS, MonthAhead, Outlook,
};

use crate::accounts::{Role, User};
use crate::metrics::{Asker, Filter};
use crate::{App, AppError, text};

/// Origins the backtest tries by default: a year of month ends.
pub const BACKTEST_ORIGINS: usize = 12;

/// Months ahead, read from what a user typed: 1 to 6.
pub fn parse_months(text: &str, asker: Asker) -> Result<usize, AppError> {
    let name = asker.name("months");
    let parsed = text.trim().parse::<usize>();
    // A refusal names what was typed, cut short: a hostile request's megabyte is not echoed.
    let text: String = match text.char_indices().nth(20) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    };
    match parsed {
        Ok(months) if (1..=MAX_MONTHS).contains(&months) => Ok(months),
        _ => Err(AppError::Invalid(text!(
            "{name} “{text}” 须为1至{MAX_MONTHS}之间的整数（预测最多看6个月）",
            "{name} \"{text}\" must be a whole number from 1 to {MAX_MONTHS} (the forecast looks six months ahead at most)"
        ))),
    }
}

impl App {
    /// The forecast from today for the courts of `scope` (every court without one), `months`
    /// months ahead, from `draws` simulated futures. A court the data does not hold is "not
    /// found".
    pub fn forecast(
        &self,
        cases: &Cases,
        scope: Option<CourtScope>,
        months: usize,
        draws: usize,
    ) -> Result<Forecast, AppError> {
        if !(1..=MAX_MONTHS).contains(&months) {
            return Err(AppError::Invalid(text!(
                "预测月数须为1至{MAX_MONTHS}",
                "the months ahead must be 1 to {MAX_MONTHS}"
            )));
        }
        check_scope(cases, scope)?;
        let settings = Settings {
            months,
            draws: draws.clamp(1, 10_000),
            ..Settings::default()
        };
        let wanted = |court| scope.is_none_or(|s| s.covers(court));
        Ok(forecast::forecast(cases, self.today(), &wanted, &settings))
    }

    /// The courts `user` may see forecast when asking for `scope`: whole courts, so for the
    /// office, leaders and administrators, within the courts they are held to (unasked: their
    /// court and those below it). A division head or a judge is refused: the forecast is not of
    /// their own cases.
    pub fn forecast_scope(
        &self,
        user: &User,
        scope: Option<CourtScope>,
    ) -> Result<Option<CourtScope>, AppError> {
        if matches!(user.role, Role::Division | Role::Judge) {
            let name = &user.name;
            return Err(AppError::Forbidden(text!(
                "{name}无权查看预测：预测按法院进行，仅审管办、院领导和系统管理员可查看",
                "{name} may not see the forecast: it is of whole courts, for the office, leaders and administrators"
            )));
        }
        let mut filter = Filter {
            court: scope,
            ..Filter::default()
        };
        user.restrict(&mut filter)?;
        Ok(filter.court)
    }

    /// The forecast tried from `origins` month ends before the last six whole months of the
    /// data, each against what followed (`draws` futures each).
    pub fn forecast_backtest(
        &self,
        cases: &Cases,
        scope: Option<CourtScope>,
        origins: usize,
        draws: usize,
    ) -> Result<Backtest, AppError> {
        check_scope(cases, scope)?;
        if !(1..=60).contains(&origins) {
            return Err(AppError::Invalid(text!(
                "回测起点数须为1至60",
                "the backtest's origins must be 1 to 60"
            )));
        }
        let Some(end) = backtest::data_end(cases) else {
            return Err(AppError::Invalid(text!(
                "没有案件，无从回测",
                "there are no cases to backtest on"
            )));
        };
        let first_filed = (0..cases.len()).filter_map(|row| cases.filed_on(row)).min();
        let dates = backtest::origins(end, MAX_MONTHS, origins);
        // Each origin needs a year of history before it for the seasonal profile and the
        // seasonal-naive figures.
        let earliest = dates.first().copied().unwrap_or(end);
        if first_filed.is_none_or(|first| months_between(first, earliest) < 12) {
            return Err(AppError::Invalid(text!(
                "数据不足：回测需要第一个起点（{earliest}）之前至少12个月的案件，及其后6个月的实际数；请减少 --origins 或导入更长时间的数据",
                "not enough data: the backtest needs at least 12 months of cases before its first origin ({earliest}) and 6 months of actual figures after its last; ask for fewer --origins or import a longer span"
            )));
        }
        let settings = Settings {
            draws: draws.clamp(1, 10_000),
            ..Settings::default()
        };
        let wanted = |court| scope.is_none_or(|s| s.covers(court));
        Ok(backtest::backtest(cases, &wanted, &dates, &settings))
    }
}

/// A scope must name a court the data holds (or one above courts it holds).
fn check_scope(cases: &Cases, scope: Option<CourtScope>) -> Result<(), AppError> {
    match scope {
        Some(scope) if !cases.courts().iter().any(|c| scope.covers(*c)) => {
            Err(AppError::NotFound(text!(
                "数据中没有法院 {scope} 的案件（法院代字见 shenguan courts）",
                "the data holds no cases of the court {scope} (court codes: shenguan courts)"
            )))
        }
        _ => Ok(()),
    }
}

fn months_between(from: NaiveDate, to: NaiveDate) -> i32 {
    use chrono::Datelike;
    (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32
}
