//! API tokens: made for a number of days and shown once (the store keeps their SHA-256 and the
//! day they expire), checked at every request against that day and the account's state, and
//! revoked all at once.

use chrono::{NaiveDate, TimeDelta};
use password_hash::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use shenguan_store::TokenRow;

use super::{User, no_such_user, store_error, user_of};
use crate::config::MAX_TOKEN_DAYS;
use crate::{App, AppError, Store, text};

/// SHA-256 of a token, in hex: what the store keeps.
pub(super) fn token_hash(token: &str) -> String {
    Sha256::digest(token.trim().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The first day a token no longer works: its own, or (for a token made before tokens had one)
/// the configured life counted from the day it was made.
fn expires_on(token: &TokenRow, token_days: u32) -> Option<NaiveDate> {
    match &token.expires_on {
        Some(day) => NaiveDate::parse_from_str(day, "%Y-%m-%d").ok(),
        None => {
            let made = token.created_at.get(..10)?;
            NaiveDate::parse_from_str(made, "%Y-%m-%d")
                .ok()?
                .checked_add_signed(TimeDelta::days(i64::from(token_days)))
        }
    }
}

impl App {
    /// A new API token for `name`, working for the configured number of days, shown once: only
    /// its hash is kept.
    pub fn new_token(&self, store: &mut Store, name: &str) -> Result<String, AppError> {
        self.new_token_for_days(store, name, self.config.token_days)
    }

    /// A new API token for `name` that works for `days` days (1 to ten years) from today.
    pub fn new_token_for_days(
        &self,
        store: &mut Store,
        name: &str,
        days: u32,
    ) -> Result<String, AppError> {
        if !(1..=MAX_TOKEN_DAYS).contains(&days) {
            return Err(AppError::Invalid(text!(
                "令牌有效期 {days} 日须为1至{MAX_TOKEN_DAYS}日",
                "a token works for 1 to {MAX_TOKEN_DAYS} days, not {days}"
            )));
        }
        if store.inner.user(name).map_err(store_error)?.is_none() {
            return Err(no_such_user(name));
        }
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        let token: String = std::iter::once("sg_".to_string())
            .chain(bytes.iter().map(|b| format!("{b:02x}")))
            .collect();
        let expires = self.today() + TimeDelta::days(i64::from(days));
        let row = TokenRow {
            created_at: self.now_text(),
            expires_on: Some(expires.format("%Y-%m-%d").to_string()),
        };
        store.atomically(|store| {
            store
                .inner
                .add_token(&token_hash(&token), name, &row)
                .map_err(store_error)?;
            self.audit(store, None, "token.create", &format!("{name} 至 {expires}"))
        })?;
        Ok(token)
    }

    /// The user a bearer token belongs to, if it is one, has not expired, and its account is in
    /// use.
    pub fn user_for_token(&self, store: &mut Store, token: &str) -> Result<Option<User>, AppError> {
        let Some((row, made)) = store
            .inner
            .user_by_token(&token_hash(token))
            .map_err(store_error)?
        else {
            return Ok(None);
        };
        let in_force =
            expires_on(&made, self.config.token_days).is_some_and(|end| self.today() < end);
        if !in_force || row.disabled_at.is_some() {
            return Ok(None);
        }
        user_of(row).map(Some)
    }

    /// Revokes every token of `name`; how many there were. `by`: the administrator who did it
    /// (none: the command line).
    pub fn revoke_tokens(
        &self,
        store: &mut Store,
        name: &str,
        by: Option<&str>,
    ) -> Result<u64, AppError> {
        if store.inner.user(name).map_err(store_error)?.is_none() {
            return Err(no_such_user(name));
        }
        store.atomically(|store| {
            let revoked = store.inner.revoke_tokens(name).map_err(store_error)?;
            self.audit(store, by, "token.revoke", &format!("{name} {revoked}"))?;
            Ok(revoked)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(created_at: &str, expires_on: Option<&str>) -> TokenRow {
        TokenRow {
            created_at: created_at.into(),
            expires_on: expires_on.map(str::to_string),
        }
    }

    #[test]
    fn a_token_expires_on_its_own_day_or_after_the_configured_life() {
        let day = |text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        assert_eq!(
            expires_on(&token("2026-01-01T09:00:00+08:00", Some("2026-02-01")), 90),
            day("2026-02-01")
        );
        // Made before tokens had a day: the life counts from the day it was made.
        assert_eq!(
            expires_on(&token("2026-01-01T09:00:00+08:00", None), 90),
            day("2026-04-01")
        );
        // A day that cannot be read makes no day, and so no working token.
        assert_eq!(expires_on(&token("yesterday", None), 90), None);
        assert_eq!(
            expires_on(&token("2026-01-01T09:00:00+08:00", Some("soon")), 90),
            None
        );
    }
}
