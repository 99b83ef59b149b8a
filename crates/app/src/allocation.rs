//! 随机分案 with 繁简分流 as the application offers it: a court's diversion rules read from a
//! file (the shipped one, or `--rules FILE`), every key checked and a wrong one named with its
//! file and value (docs/allocation.md).

pub mod assign;
pub mod leave;
pub mod log;
pub mod rules_file;
pub mod sandbox;
pub mod workload;
