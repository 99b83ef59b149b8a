//! The indicator results already computed, kept until the case columns change. A dashboard asks
//! the same few questions over and over (this year by court, the monthly trend), and one run over
//! ten million cases takes a fifth of a second on two cores: answering repeats from memory is
//! what keeps pages fast under load. Requests that arrive together for the same figures wait for
//! one run instead of each starting their own.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use shenguan_app::metrics::{MetricsReport, MetricsRequest};
use tokio::sync::OnceCell;

/// How many distinct results are kept; the oldest goes first.
const CAPACITY: usize = 512;

/// The bytes the kept results may take together (as estimated: the report, and its JSON body
/// once made). A dashboard's results are a few kilobytes to a few hundred (courts × months); a
/// request for two million values is tens of megabytes, and is not kept long.
const BYTE_CAP: usize = 256 * 1024 * 1024;

/// A computed answer: the report, and its JSON body made once on the first API request for it
/// (a court × month body is 150 kB; building it took most of a warm request's time).
#[derive(Debug)]
pub(crate) struct Figures {
    pub report: MetricsReport,
    pub json: std::sync::OnceLock<bytes::Bytes>,
}

impl std::ops::Deref for Figures {
    type Target = MetricsReport;

    fn deref(&self) -> &MetricsReport {
        &self.report
    }
}

type Slot = Arc<OnceCell<Arc<Figures>>>;

#[derive(Debug)]
pub(crate) struct FiguresCache {
    entries: Mutex<Entries>,
    byte_cap: usize,
}

impl Default for FiguresCache {
    fn default() -> Self {
        FiguresCache::with_byte_cap(BYTE_CAP)
    }
}

#[derive(Debug, Default)]
struct Entries {
    slots: HashMap<String, Slot>,
    /// Keys from oldest to newest, for eviction.
    order: VecDeque<String>,
    /// The bytes charged to each key, and in all.
    sizes: HashMap<String, usize>,
    bytes: usize,
}

impl Entries {
    /// Forgets the oldest result.
    fn evict_oldest(&mut self) {
        if let Some(oldest) = self.order.pop_front() {
            self.slots.remove(&oldest);
            self.bytes -= self.sizes.remove(&oldest).unwrap_or(0);
        }
    }
}

impl FiguresCache {
    pub fn with_byte_cap(byte_cap: usize) -> FiguresCache {
        FiguresCache {
            entries: Mutex::default(),
            byte_cap,
        }
    }

    /// Counts `bytes` more for the result of `request` (its report once computed, its JSON body
    /// once made), and forgets the oldest results while the kept ones take more than the cap —
    /// this one too, when it alone is larger (whoever asked still has it).
    pub fn charge(&self, request: &MetricsRequest, bytes: usize) {
        let key = key(request);
        let mut entries = match self.entries.lock() {
            Ok(entries) => entries,
            Err(poisoned) => poisoned.into_inner(),
        };
        if !entries.slots.contains_key(&key) {
            return;
        }
        *entries.sizes.entry(key).or_default() += bytes;
        entries.bytes += bytes;
        while entries.bytes > self.byte_cap && !entries.order.is_empty() {
            entries.evict_oldest();
        }
    }

    /// The slot for `request`: filled already, or to be filled by the first caller to get there.
    pub fn slot(&self, request: &MetricsRequest) -> Slot {
        let key = key(request);
        let mut entries = match self.entries.lock() {
            Ok(entries) => entries,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(slot) = entries.slots.get(&key) {
            return Arc::clone(slot);
        }
        if entries.order.len() >= CAPACITY {
            entries.evict_oldest();
        }
        let slot: Slot = Arc::default();
        entries.slots.insert(key.clone(), Arc::clone(&slot));
        entries.order.push_back(key);
        slot
    }

    /// How many results are kept, and the bytes charged for them.
    pub fn usage(&self) -> (usize, usize) {
        let entries = match self.entries.lock() {
            Ok(entries) => entries,
            Err(poisoned) => poisoned.into_inner(),
        };
        (entries.slots.len(), entries.bytes)
    }

    /// Forgets everything: the case columns changed. A run still going on the old columns fills
    /// a slot nobody will find again.
    pub fn clear(&self) {
        let mut entries = match self.entries.lock() {
            Ok(entries) => entries,
            Err(poisoned) => poisoned.into_inner(),
        };
        *entries = Entries::default();
    }
}

/// What makes two requests the same question: every field, with indicators by code and the
/// definitions by the version each comes to (the user's scope is already folded into the filter).
fn key(request: &MetricsRequest) -> String {
    let codes: Vec<&str> = request.indicators.iter().map(|i| i.code).collect();
    format!(
        "{}|{}|{:?}|{:?}|{}|{:?}|{}",
        request.from,
        request.to,
        request.group_by,
        request.filter,
        codes.join(","),
        request.compare,
        request.definitions.key()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use shenguan_app::metrics::{Filter, indicator};

    fn request(code: &str) -> MetricsRequest {
        MetricsRequest {
            from: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date"),
            to: chrono::NaiveDate::from_ymd_opt(2024, 6, 30).expect("date"),
            group_by: vec![],
            filter: Filter::default(),
            indicators: indicator(code).into_iter().collect(),
            compare: vec![],
            definitions: Default::default(),
        }
    }

    #[test]
    fn the_same_question_finds_the_same_slot_until_cleared() {
        let cache = FiguresCache::default();
        let a = cache.slot(&request("new"));
        assert!(Arc::ptr_eq(&a, &cache.slot(&request("new"))));
        assert!(!Arc::ptr_eq(&a, &cache.slot(&request("closed"))));
        cache.clear();
        assert!(!Arc::ptr_eq(&a, &cache.slot(&request("new"))));
    }

    #[test]
    fn another_version_of_a_definition_is_another_question() {
        let cache = FiguresCache::default();
        let current = cache.slot(&request("within_limit_rate"));
        let mut then = request("within_limit_rate");
        then.definitions.as_of = chrono::NaiveDate::from_ymd_opt(2023, 12, 31);
        let older = cache.slot(&then);
        assert!(!Arc::ptr_eq(&current, &older));
        // The definitions in force on a later day are the current ones: the same question.
        let mut later = request("within_limit_rate");
        later.definitions.as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 30);
        assert!(Arc::ptr_eq(&current, &cache.slot(&later)));
    }

    #[test]
    fn the_kept_results_stay_within_their_bytes() {
        let cache = FiguresCache::with_byte_cap(1000);
        let a = request("new");
        let b = request("closed");
        let first = cache.slot(&a);
        cache.charge(&a, 600);
        cache.slot(&b);
        cache.charge(&b, 300);
        assert!(Arc::ptr_eq(&first, &cache.slot(&a)), "within the cap");
        // The JSON body of the second takes it past the cap: the oldest goes.
        cache.charge(&b, 200);
        assert!(!Arc::ptr_eq(&first, &cache.slot(&a)));
        {
            let entries = cache.entries.lock().expect("lock");
            assert_eq!(entries.bytes, 500);
            assert_eq!(entries.sizes.get(&key(&b)), Some(&500));
        }
        // One result larger than the cap is not kept at all.
        let c = request("pending");
        let huge = cache.slot(&c);
        cache.charge(&c, 5000);
        assert!(!Arc::ptr_eq(&huge, &cache.slot(&c)));
        let entries = cache.entries.lock().expect("lock");
        assert!(entries.bytes <= 1000, "{}", entries.bytes);
        // A charge for a result already forgotten counts nothing.
        drop(entries);
        cache.clear();
        cache.charge(&a, 10_000);
        assert_eq!(cache.entries.lock().expect("lock").bytes, 0);
    }

    #[test]
    fn the_oldest_goes_when_full() {
        let cache = FiguresCache::default();
        let first = cache.slot(&request("new"));
        for day in 0..CAPACITY {
            let mut other = request("closed");
            other.to = other.to + chrono::Days::new(day as u64);
            cache.slot(&other);
        }
        assert!(!Arc::ptr_eq(&first, &cache.slot(&request("new"))));
        let entries = cache.entries.lock().expect("lock");
        assert_eq!(entries.slots.len(), CAPACITY);
        assert_eq!(entries.order.len(), CAPACITY);
    }
}
