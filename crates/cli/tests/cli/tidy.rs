//! Workspace rules checked as tests: the dependency direction of ARCHITECTURE.md, and a `//!`
//! line at the top of every module saying what it owns.

use std::fs;
use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// The internal crates each crate may depend on (ARCHITECTURE.md, "Dependency direction").
const ALLOWED: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("ingest", &["shenguan-domain"]),
    ("store", &["shenguan-domain"]),
    ("sim", &["shenguan-domain"]),
    ("metrics", &["shenguan-domain"]),
    ("report", &[]),
    // Test support: by default nothing of ours; its optional `web` feature (the web test world,
    // enabled only by the web crate's tests) serves the application through the web crate.
    (
        "testkit",
        &["shenguan-app", "shenguan-domain", "shenguan-web"],
    ),
    (
        "app",
        &[
            "shenguan-domain",
            "shenguan-ingest",
            "shenguan-metrics",
            "shenguan-report",
            "shenguan-sim",
            "shenguan-store",
        ],
    ),
    ("web", &["shenguan-app", "shenguan-domain"]),
    ("cli", &["shenguan-app", "shenguan-domain", "shenguan-web"]),
];

#[test]
fn crates_depend_only_in_the_documented_direction() {
    let root = workspace_root();
    let mut seen = Vec::new();
    for entry in fs::read_dir(root.join("crates")).expect("crates folder") {
        let folder = entry.expect("entry").path();
        let name = folder
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let manifest = fs::read_to_string(folder.join("Cargo.toml")).expect("manifest");
        let Some((_, allowed)) = ALLOWED.iter().find(|(crate_name, _)| *crate_name == name) else {
            panic!(
                "crate {name} is not in the documented dependency table; add it to ARCHITECTURE.md and here"
            );
        };
        assert!(
            manifest.contains(&format!("name = \"shenguan-{name}\"")),
            "crates/{name}: package must be named shenguan-{name}"
        );
        // Only [dependencies] count: a test may use a crate the code may not.
        let mut section = "";
        let internal: Vec<&str> = manifest
            .lines()
            .filter(|line| {
                if line.starts_with('[') {
                    section = line.trim();
                }
                section == "[dependencies]"
            })
            .filter_map(|line| line.split_whitespace().next())
            .filter(|word| word.starts_with("shenguan-") && !word.contains('"'))
            .map(|word| word.trim_end_matches(".workspace"))
            .collect();
        for dependency in internal {
            assert!(
                allowed.contains(&dependency),
                "crates/{name} depends on {dependency}, which the architecture does not allow"
            );
        }
        seen.push(name);
    }
    assert!(seen.len() >= 3, "crates found: {seen:?}");
}

#[test]
fn every_module_starts_by_saying_what_it_owns() {
    let root = workspace_root();
    let mut missing = Vec::new();
    let mut stack = vec![root.join("crates")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if !path.ends_with("target") {
                    stack.push(path);
                }
                continue;
            }
            let is_rust = path.extension().is_some_and(|e| e == "rs");
            // Unit-test files are part of their module and need no header of their own.
            let is_unit_tests = path.file_name().is_some_and(|n| n == "tests.rs");
            if is_rust && !is_unit_tests {
                let text = fs::read_to_string(&path).expect("read source");
                if !text.starts_with("//!") {
                    missing.push(
                        path.strip_prefix(&root)
                            .unwrap_or(&path)
                            .display()
                            .to_string(),
                    );
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "modules without a //! header: {missing:?}"
    );
}
