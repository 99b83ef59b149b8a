//! The petition register among an import's files (信访登记表): each identity number keyed under
//! the network's secret and dropped, so that the register keeps keys and masked forms only.

use shenguan_domain::petition::Petition;
use shenguan_ingest::validate::{Located, PetitionRow};

use crate::{App, AppError, Store};

impl App {
    /// The petitions of the register, each identity number turned into the keyed hash under the
    /// network's secret (the key a party with the same number carries) and then dropped.
    pub(super) fn keyed_petitions(
        &self,
        store: &Store,
        rows: Vec<Located<PetitionRow>>,
    ) -> Result<Vec<Petition>, AppError> {
        let secret = if rows
            .iter()
            .any(|r| r.record.id_numbers.iter().any(Option::is_some))
        {
            Some(self.identity_secret(store)?)
        } else {
            None
        };
        Ok(rows
            .into_iter()
            .map(|located| {
                let PetitionRow {
                    mut petition,
                    id_numbers,
                } = located.record;
                if let Some(secret) = &secret {
                    for (person, number) in petition.petitioners.iter_mut().zip(id_numbers) {
                        if let Some(number) = number {
                            person.identity = Some(number.key(secret));
                        }
                    }
                }
                petition
            })
            .collect())
    }
}

#[cfg(test)]
mod tests;
