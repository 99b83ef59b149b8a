//! The limit on failed sign-ins: growing waits for one account tried from one client address,
//! and for one address trying many accounts. An account is never locked as such, so that an
//! attacker guessing from one address cannot keep the real user out from another.
//!
//! Policy (not configuration): three failures of an account from an address are free, then each
//! further one makes the next try wait 1, 2, 4 … seconds, at most 15 minutes; an address has
//! thirty free failures across all accounts (an office behind one proxy mistypes too) before its
//! waits begin. A success clears the account's count at that address; failures are forgotten an
//! hour after the last. Time is passed in, so that tests need no sleeping.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures of one account from one address allowed before waits begin.
const FREE_PER_ACCOUNT: u32 = 3;
/// Failures from one address, whatever the account, allowed before waits begin.
const FREE_PER_ADDRESS: u32 = 30;
/// The longest wait.
const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);
/// Failures are forgotten this long after the last one.
const FORGET_AFTER: Duration = Duration::from_secs(3600);
/// Counts kept at most: past it, the forgotten and then the oldest go first.
const KEPT: usize = 100_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    /// An account (its name as typed, trimmed) tried from an address.
    Account(String, IpAddr),
    Address(IpAddr),
}

#[derive(Clone, Copy, Debug)]
struct Failures {
    count: u32,
    last: Instant,
}

impl Failures {
    /// How long after the last failure the next try must wait, with `free` failures allowed.
    fn wait(&self, free: u32) -> Duration {
        if self.count <= free {
            return Duration::ZERO;
        }
        let doublings = (self.count - free - 1).min(20);
        Duration::from_secs(1u64 << doublings).min(LONGEST_WAIT)
    }
}

/// A try refused: how long to wait before the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Throttled {
    pub wait: Duration,
}

/// The failures counted so far, shared by every sign-in of a server.
#[derive(Debug, Default)]
pub struct LoginThrottle {
    counts: Mutex<HashMap<Key, Failures>>,
}

impl LoginThrottle {
    /// Whether `name` may be tried from `address` at `now`: refused with the time left while the
    /// account's wait at that address, or the address's own wait, runs.
    pub fn check(&self, name: &str, address: IpAddr, now: Instant) -> Result<(), Throttled> {
        let counts = self
            .counts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let left = |key: &Key, free: u32| {
            counts.get(key).map_or(Duration::ZERO, |f| {
                (f.last + f.wait(free)).saturating_duration_since(now)
            })
        };
        let wait = left(
            &Key::Account(name.trim().to_string(), address),
            FREE_PER_ACCOUNT,
        )
        .max(left(&Key::Address(address), FREE_PER_ADDRESS));
        if wait.is_zero() {
            Ok(())
        } else {
            Err(Throttled { wait })
        }
    }

    /// Counts a failed try of `name` from `address`.
    pub fn failed(&self, name: &str, address: IpAddr, now: Instant) {
        let mut counts = self
            .counts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if counts.len() >= KEPT {
            make_room(&mut counts, now);
        }
        for key in [
            Key::Account(name.trim().to_string(), address),
            Key::Address(address),
        ] {
            let entry = counts.entry(key).or_insert(Failures {
                count: 0,
                last: now,
            });
            if now.saturating_duration_since(entry.last) >= FORGET_AFTER {
                entry.count = 0;
            }
            entry.count = entry.count.saturating_add(1);
            entry.last = now;
        }
    }

    /// A successful sign-in of `name` from `address`: its count there starts again. The
    /// address's count stays (one good account does not clear a spray of guesses).
    pub fn succeeded(&self, name: &str, address: IpAddr) {
        let mut counts = self
            .counts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        counts.remove(&Key::Account(name.trim().to_string(), address));
    }
}

/// Drops the counts forgotten by now and, if that is not enough, the older half.
fn make_room(counts: &mut HashMap<Key, Failures>, now: Instant) {
    counts.retain(|_, f| now.saturating_duration_since(f.last) < FORGET_AFTER);
    if counts.len() >= KEPT {
        let mut lasts: Vec<Instant> = counts.values().map(|f| f.last).collect();
        let middle = lasts.len() / 2;
        let (_, cut, _) = lasts.select_nth_unstable(middle);
        let cut = *cut;
        counts.retain(|_, f| f.last > cut);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ATTACKER: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 9, 9, 9));
    const OFFICE: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 1, 2, 3));

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn waits_grow_for_an_account_at_one_address_and_not_at_another() {
        let throttle = LoginThrottle::default();
        let start = Instant::now();
        for _ in 0..FREE_PER_ACCOUNT {
            assert_eq!(throttle.check("管理员", ATTACKER, start), Ok(()));
            throttle.failed("管理员", ATTACKER, start);
        }
        // Free failures cost nothing; the next one starts the waits.
        assert_eq!(throttle.check("管理员", ATTACKER, start), Ok(()));
        throttle.failed("管理员", ATTACKER, start);
        assert_eq!(
            throttle.check("管理员", ATTACKER, start),
            Err(Throttled { wait: secs(1) })
        );
        // The same name with spaces around it is the same account.
        assert!(throttle.check(" 管理员 ", ATTACKER, start).is_err());
        assert_eq!(throttle.check("管理员", ATTACKER, start + secs(1)), Ok(()));
        // Each failure doubles the wait: 2, 4, 8 … seconds.
        let mut now = start + secs(1);
        for expected in [2, 4, 8, 16] {
            throttle.failed("管理员", ATTACKER, now);
            assert_eq!(
                throttle.check("管理员", ATTACKER, now),
                Err(Throttled {
                    wait: secs(expected)
                })
            );
            now += secs(expected);
        }
        // The real user at their own address is never kept waiting.
        assert_eq!(throttle.check("管理员", OFFICE, now), Ok(()));
        // Nor is another account tried from the attacker's address, while it has free failures.
        assert_eq!(throttle.check("审管办", ATTACKER, now), Ok(()));
    }

    #[test]
    fn the_wait_stops_growing_at_fifteen_minutes_and_failures_are_forgotten_after_an_hour() {
        let throttle = LoginThrottle::default();
        let start = Instant::now();
        for _ in 0..100 {
            throttle.failed("管理员", ATTACKER, start);
        }
        assert_eq!(
            throttle.check("管理员", ATTACKER, start),
            Err(Throttled { wait: LONGEST_WAIT })
        );
        assert_eq!(
            throttle.check("管理员", ATTACKER, start + LONGEST_WAIT),
            Ok(())
        );
        // An hour after the last failure, the count starts again.
        let later = start + FORGET_AFTER;
        throttle.failed("管理员", ATTACKER, later);
        assert_eq!(throttle.check("管理员", ATTACKER, later), Ok(()));
    }

    #[test]
    fn an_address_trying_many_accounts_waits_too() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for i in 0..FREE_PER_ADDRESS {
            let name = format!("用户{i}");
            assert_eq!(throttle.check(&name, ATTACKER, now), Ok(()), "{name}");
            throttle.failed(&name, ATTACKER, now);
        }
        throttle.failed("再一个", ATTACKER, now);
        // A name never tried from there waits for the address.
        assert_eq!(
            throttle.check("从未试过", ATTACKER, now),
            Err(Throttled { wait: secs(1) })
        );
        assert_eq!(throttle.check("从未试过", OFFICE, now), Ok(()));
    }

    #[test]
    fn a_success_clears_the_accounts_count_but_not_the_addresss() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..=FREE_PER_ACCOUNT {
            throttle.failed("王伟", OFFICE, now);
        }
        assert!(throttle.check("王伟", OFFICE, now).is_err());
        throttle.succeeded("王伟", OFFICE);
        assert_eq!(throttle.check("王伟", OFFICE, now), Ok(()));
        let counts = throttle.counts.lock().expect("lock");
        assert_eq!(
            counts.get(&Key::Address(OFFICE)).map(|f| f.count),
            Some(FREE_PER_ACCOUNT + 1)
        );
    }

    #[test]
    fn the_counts_kept_are_bounded() {
        let throttle = LoginThrottle::default();
        let start = Instant::now();
        // Every failure from its own address: two counts each.
        for i in 0..(KEPT as u32) {
            let address = IpAddr::V6(std::net::Ipv6Addr::from(u128::from(i)));
            throttle.failed(
                "管理员",
                address,
                start + Duration::from_millis(u64::from(i)),
            );
        }
        let counts = throttle.counts.lock().expect("lock");
        assert!(counts.len() <= KEPT + 1, "{}", counts.len());
    }
}
