//! 随机分案 with 繁简分流: which track and pool a newly filed case goes to under a court's rules
//! (`diversion`), which judge of the pool takes it by a replayable draw that keeps weighted
//! caseloads together or honours a pending cap (`draw`), and the hash-chained log of every such
//! decision that shows an entry altered, removed or inserted (`chain`). See docs/allocation.md.

pub mod chain;
pub mod diversion;
pub mod draw;
pub mod pairing;
pub mod sandbox;
