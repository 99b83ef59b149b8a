//! The counters of one group over one period: flows per slot, stocks as differences over the
//! instants (a case adds at the first instant it counts and takes away after the last), so that
//! a case costs the same whatever the length of its stay. Tallies of the same period merge by
//! adding, in any order.

use crate::counters::{FLOWS, Flow, STOCKS, Stock};

/// Counters of one group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    slots: usize,
    /// `flows[slot * FLOWS + counter]`.
    flows: Vec<i64>,
    /// Differences: `stocks[position * STOCKS + counter]`, positions `0..=slots + 1`.
    stocks: Vec<i64>,
}

impl Tally {
    pub fn new(slots: usize) -> Tally {
        Tally {
            slots,
            flows: vec![0; slots * FLOWS],
            stocks: vec![0; (slots + 2) * STOCKS],
        }
    }

    pub fn slots(&self) -> usize {
        self.slots
    }

    /// Adds `other` (a tally of the same period) into this one.
    pub fn merge(&mut self, other: &Tally) {
        for (a, b) in self.flows.iter_mut().zip(&other.flows) {
            *a = a.saturating_add(*b);
        }
        for (a, b) in self.stocks.iter_mut().zip(&other.stocks) {
            *a += b;
        }
    }

    #[inline]
    pub(crate) fn add_flow(&mut self, slot: usize, counter: Flow, amount: i64) {
        // Saturating: amounts summed over millions of cases must not wrap around.
        let cell = &mut self.flows[slot * FLOWS + counter as usize];
        *cell = cell.saturating_add(amount);
    }

    #[inline]
    pub(crate) fn add_stock(&mut self, from: usize, to: usize, counter: Stock, amount: i64) {
        if from < to {
            self.stocks[from * STOCKS + counter as usize] += amount;
            self.stocks[to * STOCKS + counter as usize] -= amount;
        }
    }

    /// The totals, with the stock differences summed into values per instant.
    pub fn totals(&self) -> Totals {
        let positions = self.slots + 1;
        let mut stocks = vec![0; positions * STOCKS];
        let mut running = [0i64; STOCKS];
        for position in 0..positions {
            for (counter, value) in running.iter_mut().enumerate() {
                *value += self.stocks[position * STOCKS + counter];
                stocks[position * STOCKS + counter] = *value;
            }
        }
        Totals {
            slots: self.slots,
            flows: self.flows.clone(),
            stocks,
        }
    }
}

/// A tally's counters read out: flows per slot and stocks per instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals {
    slots: usize,
    flows: Vec<i64>,
    stocks: Vec<i64>,
}

impl Totals {
    /// A flow summed over slots `from..to`.
    pub fn flow(&self, counter: Flow, from: usize, to: usize) -> i64 {
        (from..to.min(self.slots))
            .map(|slot| self.flows[slot * FLOWS + counter as usize])
            .sum()
    }

    /// A flow in each slot of `from..to`.
    pub fn flow_by_slot(&self, counter: Flow, from: usize, to: usize) -> Vec<i64> {
        (from..to.min(self.slots))
            .map(|slot| self.flows[slot * FLOWS + counter as usize])
            .collect()
    }

    /// A stock at instant `position` (0: the day before the period; k: the end of slot k − 1).
    pub fn stock(&self, counter: Stock, position: usize) -> i64 {
        self.stocks[position * STOCKS + counter as usize]
    }
}
