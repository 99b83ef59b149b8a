//! 案件评查 — case-quality review: which cases a review plan takes (the 重点 rule that takes every
//! case reversed, remanded or sent for retrial, a routine sample drawn from a recorded seed) in
//! [`selection`], and who reviews each (cross-review, never one's own court or a case one took part
//! in, loads kept even) in [`assignment`]; the score sheet, findings, grades and the year's
//! tally in [`grading`]; the judge's objection, the decision and accountability in [`answer`].
//!
//! Readings are in docs/review.md.

pub mod answer;
pub mod assignment;
pub mod grading;
pub mod selection;
