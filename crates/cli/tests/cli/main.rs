//! The tests of the `shenguan` program, one module a part of it, in one test binary: the built
//! program is run as a user runs it, in a temporary folder with a store of its own, through the
//! shared [`support`] — one binary links the test code once and runs every test in one pool.

mod accounts;
mod assign;
mod audit;
mod backup;
mod basics;
mod check;
mod forecast;
mod import_export;
mod metrics;
mod parties;
mod petitions;
mod progress;
mod reconcile;
mod report;
mod reviews;
mod service;
mod signals;
mod spark;
mod staff;
mod supervise;
mod support;
mod tidy;
mod upgrade;
