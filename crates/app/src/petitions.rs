//! The petition register as users read it: the petitions a user may see with the step each waits
//! for and how urgent it is, and where the city stands in the province on the high court's notice
//! beside what its own register says of the same period (docs/petitions.md).
//!
//! Who sees what: an office, a court leader or an administrator the petitions handled by their
//! court and the courts below it (the intermediate court's: the network's); a division head or a
//! judge the petitions about the cases they may see.

use chrono::NaiveDate;
use shenguan_domain::petition::ranking::{Notice, Place, Reached, place};
use shenguan_domain::{CourtCode, text};
use shenguan_metrics::petitions::{Measure, PetitionColumns};
use shenguan_store::PetitionQuery;

use shenguan_domain::petition::Petition;
use shenguan_domain::petition::limits::{Due, LimitRules, PetitionTier, due, tier};
use shenguan_domain::petition::matters::{matters, repeats};

use crate::accounts::{Role, User};
use crate::{App, AppError, Store};

/// A petition as a list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedPetition {
    /// The store's number of it.
    pub id: i64,
    pub petition: Petition,
    /// The step it waits for and by when; `None`: nothing.
    pub due: Option<Due>,
    pub tier: Option<PetitionTier>,
    /// It repeats an earlier petition of its matter (重复信访).
    pub repeat: bool,
}

/// Which petitions a list asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PetitionFilter {
    /// Received from / to (both counted).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Only those whose step is late today.
    pub overdue: bool,
}

/// A court's register as one user reads it.
pub(crate) struct Register {
    pub listed: Vec<ListedPetition>,
    /// Whether the user may see each.
    pub visible: Vec<bool>,
    /// The matters: indexes into `listed`, each matter's in the order they came.
    pub matters: Vec<Vec<usize>>,
}

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

impl App {
    /// The petitions `user` may see that `filter` selects, in the order received, each with the
    /// step it waits for on today's date.
    pub fn petitions(
        &self,
        store: &mut Store,
        user: &User,
        filter: &PetitionFilter,
    ) -> Result<Vec<ListedPetition>, AppError> {
        let register = self.register(store, user, filter.to)?;
        Ok(register
            .listed
            .into_iter()
            .zip(register.visible)
            .filter(|(p, seen)| {
                *seen
                    && filter
                        .from
                        .is_none_or(|from| p.petition.received_on >= from)
                    && (!filter.overdue || p.tier == Some(PetitionTier::Overdue))
            })
            .map(|(p, _)| p)
            .collect())
    }

    /// The register of the user's court up to `to` (the courts below with it), each petition
    /// listed with its step and tier, whether the user may see it, and its matters. Repeats are
    /// told against the whole register the court holds, not only what the user sees.
    pub(crate) fn register(
        &self,
        store: &mut Store,
        user: &User,
        to: Option<NaiveDate>,
    ) -> Result<Register, AppError> {
        let stored = store.inner.petitions(&PetitionQuery {
            court: user.court.map(shenguan_domain::CourtScope::with_lower),
            from: None,
            to,
        })?;
        let all: Vec<Petition> = stored.iter().map(|p| p.petition.clone()).collect();
        let matters = matters(&all);
        let repeat = repeats(&all, &matters);
        let visible = self.visible_petitions(store, user, &stored)?;
        let mut listed: Vec<ListedPetition> = stored
            .into_iter()
            .zip(repeat)
            .map(|(p, repeat)| self.listed(p, repeat))
            .collect();
        // A petition brought after its matter was ended by law (依法终结) is no longer handled:
        // nothing is awaited of it, as it is not counted.
        for matter in &matters {
            let ended = matter.iter().filter_map(|&i| all[i].ended_on).min();
            if let Some(ended) = ended {
                for &i in matter {
                    if all[i].received_on >= ended && all[i].ended_on.is_none() {
                        listed[i].due = None;
                        listed[i].tier = None;
                    }
                }
            }
        }
        Ok(Register {
            listed,
            visible,
            matters,
        })
    }

    /// A stored petition as lists show it, with the step it waits for on today's date.
    pub(crate) fn listed(&self, p: shenguan_store::StoredPetition, repeat: bool) -> ListedPetition {
        let due = due(&p.petition, &LimitRules::default(), self.calendar());
        ListedPetition {
            id: p.id,
            tier: due.and_then(|d| tier(d.on, self.today())),
            due,
            petition: p.petition,
            repeat,
        }
    }

    /// Whether `user` may see each of `stored`: everyone of a court sees its register, a
    /// division head or a judge only petitions about cases they may see (read together).
    fn visible_petitions(
        &self,
        store: &mut Store,
        user: &User,
        stored: &[shenguan_store::StoredPetition],
    ) -> Result<Vec<bool>, AppError> {
        if !matches!(user.role, Role::Judge | Role::Division) {
            return Ok(vec![true; stored.len()]);
        }
        let numbers: Vec<String> = stored
            .iter()
            .flat_map(|p| p.petition.cases.iter().map(ToString::to_string))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let seen: std::collections::HashSet<String> = store
            .inner
            .cases_by_numbers(&numbers)?
            .into_iter()
            .filter(|c| user.may_see(c))
            .map(|c| c.case_no.to_string())
            .collect();
        Ok(stored
            .iter()
            .map(|p| {
                p.petition
                    .cases
                    .iter()
                    .any(|c| seen.contains(&c.to_string()))
            })
            .collect())
    }
}

mod handling;
pub use handling::*;

#[cfg(test)]
mod tests;
