//! The petition register as users read it: for now, where the city stands in the province on the
//! high court's notice, beside what its own register says of the same period (docs/petitions.md).

use chrono::NaiveDate;
use shenguan_domain::petition::ranking::{Notice, Place, Reached, place};
use shenguan_domain::{CourtCode, text};
use shenguan_metrics::petitions::{Measure, PetitionColumns};
use shenguan_store::PetitionQuery;

use crate::{App, AppError, Store};

/// A city's standing on one notice.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    pub notice: Notice,
    /// The city's row of the notice.
    pub row: usize,
    /// The first places the city wants to leave (前十: 10).
    pub goal: usize,
    /// Its place on each count, and the same count in its own register for the notice's period
    /// (the courts of the city: the intermediate court and those below it).
    pub places: Vec<(Reached, Place, i64)>,
}

impl App {
    /// Where `court`'s city stands on the notice of `from`–`to` (without a period: the latest
    /// notice), against the first `goal` places.
    pub fn petition_standing(
        &self,
        store: &mut Store,
        court: CourtCode,
        period: Option<(NaiveDate, NaiveDate)>,
        goal: usize,
    ) -> Result<Standing, AppError> {
        let notices = store.inner.petition_notices()?;
        let notice = match period {
            Some((from, to)) => notices.into_iter().find(|n| n.from == from && n.to == to),
            None => notices.into_iter().max_by_key(|n| (n.to, n.from)),
        }
        .ok_or_else(|| {
            AppError::NotFound(text!(
                "没有该期间的省法院信访通报，请先导入通报",
                "no high court notice for that period: import the notice first"
            ))
        })?;
        let row = notice
            .rows
            .iter()
            .position(|r| r.court == Some(court))
            .ok_or_else(|| {
                let (from, to) = (notice.from, notice.to);
                AppError::Invalid(text!(
                    "{from}至{to}的通报中没有法院代字为{court}的一行：请在通报文件中为本市一行填写“法院代字”",
                    "the notice of {from} to {to} has no row with the court code {court}: give the city's row its court code (法院代字) in the notice"
                ))
            })?;
        let register: Vec<_> = store
            .inner
            .petitions(&PetitionQuery {
                court: Some(shenguan_domain::CourtScope::with_lower(court)),
                from: Some(notice.from),
                to: Some(notice.to),
            })?
            .into_iter()
            .map(|p| p.petition)
            .collect();
        let counts = PetitionColumns::build(&register, &self.config().petitions).counts(
            &|_, _| true,
            chrono::Datelike::num_days_from_ce(&notice.from),
            chrono::Datelike::num_days_from_ce(&notice.to),
        );
        let places = Reached::ALL
            .into_iter()
            .filter_map(|reached| {
                let own = counts.get(match reached {
                    Reached::Province => Measure::ToProvince,
                    Reached::Beijing => Measure::ToBeijing,
                    Reached::Circuit => Measure::ToCircuit,
                });
                place(&notice, row, reached, goal).map(|p| (reached, p, own))
            })
            .collect();
        Ok(Standing {
            notice,
            row,
            goal,
            places,
        })
    }
}
