//! Workspace rules checked as tests: the dependency direction of ARCHITECTURE.md, a `//!` line
//! at the top of every module saying what it owns, and no message glued in two languages
//! (`中文; English`) in a string literal of the sources, and no code tied to one processor.

use std::fs;
use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// Every Rust source file under the workspace's folders `tops`, by path, leaving out the folders
/// named in `leave_out` (build output, say) wherever they are.
fn rust_sources(root: &Path, tops: &[&str], leave_out: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack: Vec<PathBuf> = tops.iter().map(|top| root.join(top)).collect();
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if !leave_out.iter().any(|name| path.ends_with(name)) {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The internal crates each crate may depend on (ARCHITECTURE.md, "Dependency direction").
const ALLOWED: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("ingest", &["shenguan-domain"]),
    ("store", &["shenguan-domain"]),
    ("sim", &["shenguan-domain"]),
    ("metrics", &["shenguan-domain"]),
    // The rules of the supervision workflows: pure, beside the domain.
    ("supervision", &["shenguan-domain"]),
    ("report", &[]),
    // Test support: by default nothing of ours; its optional `web` feature (the web test world,
    // enabled only by the web crate's tests) serves the application through the web crate, and
    // writes its fixtures and reads back what the server wrote through the store directly.
    (
        "testkit",
        &[
            "shenguan-app",
            "shenguan-domain",
            "shenguan-store",
            "shenguan-web",
        ],
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
            "shenguan-supervision",
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
    for path in rust_sources(&root, &["crates"], &["target"]) {
        // Unit-test files are part of their module and need no header of their own.
        if path.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
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
    assert!(
        missing.is_empty(),
        "modules without a //! header: {missing:?}"
    );
}

/// Literals that may hold Chinese and English in one string, each with why. Every other
/// literal in `crates/*/src` speaks one language: a message is a `Text` (`text!("中文", "English")`)
/// and whoever shows it picks the reader's language. Comments are not literals and are not
/// read (the bilingual `///` help of the command line's flags is documentation, shown as written).
const BILINGUAL: &[(&str, &str)] = &[
    // The indicators' catalogue: each definition is reference text given Chinese then English,
    // shown whole by `shenguan metrics list` and the pages' definitions; not a message.
    (
        "crates/metrics/src/catalogue.rs",
        "the catalogue's definitions",
    ),
    // The earlier versions of those definitions and why each changed: the same reference text,
    // shown whole or by language (`Version::reason_in`) beside the catalogue's.
    (
        "crates/metrics/src/definitions.rs",
        "the definitions' earlier versions and their reasons",
    ),
];

/// Whether a string literal glues a Chinese text and its English translation: `中文; English`
/// — a clause mostly of Chinese characters (more of them than Latin words, leaving out
/// placeholders and flags), then `; ` and the English. An English sentence
/// that quotes a Chinese value (`procedure “speedy” does not apply to 民初; choose one of…`) is
/// not glue: most of its words are Latin.
fn glued(literal: &str) -> bool {
    let mut start = 0;
    for (at, _) in literal.match_indices("; ") {
        let clause = &literal[start..at];
        start = at + 2;
        let clause = clause.rsplit('\n').next().unwrap_or(clause);
        let next = literal[at + 2..].chars().next().unwrap_or(' ');
        if !(next.is_ascii_alphanumeric() || "-{(\"“".contains(next)) {
            continue;
        }
        // Placeholders (`{name}`) are neither language.
        let mut plain = String::new();
        let mut depth = 0;
        for c in clause.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth = (depth as i32 - 1).max(0) as u32,
                c if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        let han = plain
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count();
        // Nor are a command's flags (`--from`).
        let words: usize = plain
            .split_whitespace()
            .filter(|token| !token.starts_with("--"))
            .map(|token| {
                token
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .filter(|w| !w.is_empty())
                    .count()
            })
            .sum();
        if han > 0 && han > words {
            return true;
        }
    }
    false
}

/// The string literals of a Rust source with the line each starts on: `"…"`, `b"…"` and raw
/// `r#"…"#`, outside comments and character literals. A rough lexer, enough for this workspace.
fn string_literals(text: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && at(i + 1) == '/') {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && (at(i + 1) == '"' || at(i + 1) == '#')
            && !is_ident(at(i.wrapping_sub(1)))
        {
            let mut hashes = 0;
            let mut j = i + 1;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            if at(j) != '"' {
                i += 1;
                continue;
            }
            let (begin, first_line) = (j + 1, line);
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (1..=hashes).all(|k| at(j + k) == '#') {
                    break;
                }
                line += usize::from(chars[j] == '\n');
                j += 1;
            }
            found.push((
                first_line,
                chars[begin..j.min(chars.len())].iter().collect(),
            ));
            i = j + 1 + hashes;
        } else if c == '"' {
            let (begin, first_line) = (i + 1, line);
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                if chars[j] == '\\' {
                    j += 1;
                }
                line += usize::from(at(j) == '\n');
                j += 1;
            }
            found.push((
                first_line,
                chars[begin..j.min(chars.len())].iter().collect(),
            ));
            i = j + 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{4e00}'), or a lifetime ('a), which has no
            // closing quote right after its first character.
            if at(i + 1) == '\\' {
                let mut j = i + 2;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    found
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[test]
fn the_glue_rule_tells_a_glued_message_from_english_quoting_chinese() {
    for glued_text in [
        "--bind “{}” 须形如 127.0.0.1:8080; must look like 127.0.0.1:8080",
        "没有用户“{name}”; no such user",
        "--to 早于 --from; --to is before --from",
        "第{column}列有值“{extra}”，但表头只有{width}列; column {column} holds it",
        "……另有{}处错误未列出（见错误文件）; {} more errors not shown",
        "first line\n日期重复; duplicate date",
    ] {
        assert!(glued(glued_text), "{glued_text}");
    }
    for one_language in [
        "procedure “speedy” does not apply to 民初; choose one of: ordinary, simple",
        "the file is compressed with {name}; only Snappy-compressed files can be read",
        "  shenguan import 导出.csv --rejects 错误报告.csv   # all or nothing; the report goes to the file",
        "类型代字“民初终”同时含有相互冲突的审级“初”和“终”",
        "案号；立案日期",
    ] {
        assert!(!glued(one_language), "{one_language}");
    }
    let literals = string_literals(
        "// \"注释; comment\"\nlet a = \"中文; English\"; let c = '\"'; fn f<'a>() {}\nlet r = r#\"原始; raw\"#;\n/* \"块; block\" */",
    );
    let texts: Vec<&str> = literals.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts, ["中文; English", "原始; raw"]);
    assert_eq!(literals[1].0, 3);
}

/// No string literal in the sources glues Chinese and English (`中文; English`): a message is
/// written once per language and shown in the reader's (see [`BILINGUAL`] for the exceptions).
#[test]
fn no_literal_glues_chinese_and_english() {
    let root = workspace_root();
    let mut glue = Vec::new();
    // Only the sources: tests quote old and foreign texts as they are.
    for path in rust_sources(&root, &["crates"], &["target", "tests"]) {
        let shown = path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .display()
            .to_string();
        if !shown.contains("/src/") || BILINGUAL.iter().any(|(file, _)| *file == shown) {
            continue;
        }
        let text = fs::read_to_string(&path).expect("read source");
        for (line, literal) in string_literals(&text) {
            if glued(&literal) {
                glue.push(format!("{shown}:{line}: {literal}"));
            }
        }
    }
    assert!(
        glue.is_empty(),
        "literals gluing Chinese and English (write text!(\"中文\", \"English\") instead):\n{}",
        glue.join("\n")
    );
}

/// What ties code to one processor: intrinsics, inline assembly, code compiled for one
/// architecture or one instruction-set extension. Courts run ARM64 and LoongArch servers too
/// (README, "Platforms"), so the sources hold none of it; code that needs it one day comes with a
/// portable fallback and a line here saying where.
const PROCESSOR_BOUND: &[&str] = &[
    "std::arch",
    "core::arch",
    "asm!",
    "global_asm!",
    "target_arch",
    "target_feature",
    "is_x86_feature_detected",
];

#[test]
fn no_source_is_tied_to_one_processor() {
    let root = workspace_root();
    let mut found = Vec::new();
    for path in rust_sources(&root, &["crates", "bench"], &["target"]) {
        // This file names them to forbid them.
        if path.ends_with("tidy.rs") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("read source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in PROCESSOR_BOUND {
                if code.contains(word) {
                    let shown = path.strip_prefix(&root).unwrap_or(&path).display();
                    found.push(format!("{shown}:{}: {word}", n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "processor-bound code: {found:?}");
}
