//! `bench-case-number`: the case-number parsing benchmark.
//!
//! - `generate --count N --seed S --out FILE` writes N realistic case-number strings, one a line,
//!   deterministic for a seed (the mix is described in `bench/README.md`).
//! - `parse --in FILE [--repeat R] [--threads T]` loads the file into memory and times
//!   `CaseNumber::parse(s, 2026)` over every string, single-threaded and on T threads.
//! - `check --count N --seed S` regenerates the same strings together with what each one is meant
//!   to be, and lists every string the parser judges otherwise (and the canonical form it writes
//!   when that differs from the expected one). It also times each group of strings separately.
//! - `types --out FILE` writes the type-code table (one code a line) for the DuckDB peer.
//!
//! No timing is asserted anywhere: this is a measuring tool, not a test.

use std::collections::BTreeMap;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::hint::black_box;
use std::io::{BufWriter, Write as _};
use std::process::ExitCode;
use std::str::FromStr;
use std::thread;
use std::time::{Duration, Instant};

use shenguan_domain::{CaseNumber, CaseType};

/// The year passed to the parser as "this year": the latest possible receipt year.
const THIS_YEAR: i32 = 2026;

const USAGE: &str = "usage:
  bench-case-number generate --count N --seed S --out FILE
  bench-case-number parse --in FILE [--repeat R] [--threads T]
  bench-case-number check --count N --seed S [--examples K]
  bench-case-number types --out FILE";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("", &[][..]),
    };
    let result = match command {
        "generate" => generate_command(rest),
        "parse" => parse_command(rest),
        "check" => check_command(rest),
        "types" => types_command(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown or missing command\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench-case-number: {message}");
            ExitCode::from(2)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Command-line options: `--key value` pairs, nothing more.

struct Options {
    pairs: BTreeMap<String, String>,
}

impl Options {
    fn parse(args: &[String], known: &[&str]) -> Result<Options, String> {
        let mut pairs = BTreeMap::new();
        let mut iter = args.iter();
        while let Some(key) = iter.next() {
            if !known.contains(&key.as_str()) {
                return Err(format!("unknown option {key}\n{USAGE}"));
            }
            let value = iter
                .next()
                .ok_or_else(|| format!("option {key} needs a value"))?;
            pairs.insert(key.clone(), value.clone());
        }
        Ok(Options { pairs })
    }

    fn get<T: FromStr>(&self, key: &str, default: Option<T>) -> Result<T, String> {
        match self.pairs.get(key) {
            Some(text) => text
                .parse()
                .map_err(|_| format!("option {key}: cannot read {text:?}")),
            None => default.ok_or_else(|| format!("option {key} is required\n{USAGE}")),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The random source: splitmix64, small, fast and deterministic on every platform.

struct SplitMix64(u64);

impl SplitMix64 {
    fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (multiply-shift; the bias is far below anything measurable here).
    fn below(&mut self, n: u32) -> u32 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u32
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `per_10k / 10_000`.
    fn chance(&mut self, per_10k: u32) -> bool {
        self.below(10_000) < per_10k
    }

    /// Picks an item of a table whose last field is its weight.
    fn pick<'a, T: Weighted>(&mut self, table: &'a [T]) -> &'a T {
        let total: u32 = table.iter().map(Weighted::weight).sum();
        let mut roll = self.below(total);
        for item in table {
            if roll < item.weight() {
                return item;
            }
            roll -= item.weight();
        }
        &table[table.len() - 1]
    }
}

trait Weighted {
    fn weight(&self) -> u32;
}

impl<T> Weighted for (T, u32) {
    fn weight(&self) -> u32 {
        self.1
    }
}

impl<A, B> Weighted for (A, B, u32) {
    fn weight(&self) -> u32 {
        self.2
    }
}

/// A type code as the generator uses it: code, whether it carries the special code 知, weight
/// (per 10,000 cases of that court level) and the largest serial a court of that level reaches in
/// a year for that code.
struct TypeMix {
    code: &'static str,
    zhi: bool,
    weight: u32,
    max_serial: u32,
}

impl Weighted for TypeMix {
    fn weight(&self) -> u32 {
        self.weight
    }
}

const fn tm(code: &'static str, weight: u32, max_serial: u32) -> TypeMix {
    TypeMix {
        code,
        zhi: false,
        weight,
        max_serial,
    }
}

const fn zhi(code: &'static str, weight: u32, max_serial: u32) -> TypeMix {
    TypeMix {
        code,
        zhi: true,
        weight,
        max_serial,
    }
}

/// The 刑核 serial is a random 8-digit number (Art. 10); `max_serial` is ignored for it.
const CRIMINAL_REVIEW: &str = "刑核";

// ---------------------------------------------------------------------------------------------
// The data mix. The network: Jiangsu High Court 苏, Nanjing Intermediate Court 苏01 and eleven
// basic courts of Nanjing (codes from the GB/T 2260 district codes 3201xx).

/// Basic courts with a weight roughly proportional to their caseload.
const BASIC_COURTS: &[(&str, u32)] = &[
    ("苏0102", 8),  // 玄武
    ("苏0104", 10), // 秦淮
    ("苏0105", 9),  // 建邺
    ("苏0106", 11), // 鼓楼
    ("苏0111", 8),  // 浦口
    ("苏0113", 8),  // 栖霞
    ("苏0114", 6),  // 雨花台
    ("苏0115", 16), // 江宁
    ("苏0116", 6),  // 六合
    ("苏0117", 5),  // 溧水
    ("苏0118", 4),  // 高淳
];

const INTERMEDIATE_COURT: &str = "苏01";
const HIGH_COURT: &str = "苏";
const SUPREME_COURT: &str = "最高法";

/// Courts outside the network that documents of the network cite (appeals, transfers, other
/// cities' and provinces' courts).
const OTHER_COURTS: &[(&str, u32)] = &[
    ("苏02", 3),
    ("苏05", 3),
    ("苏0505", 2),
    ("苏0211", 2),
    ("苏0412", 2),
    ("京0491", 2),
    ("沪0115", 2),
    ("浙0192", 1),
    ("粤0781", 1),
    ("浙01", 2),
    ("京73", 1),
    ("沪74", 1),
];

/// Type codes of a basic court, per 10,000 cases: 民初 and 执 dominate, as in any city court.
const BASIC_TYPES: &[TypeMix] = &[
    tm("民初", 4000, 30000),
    tm("执", 2300, 30000),
    tm("执恢", 300, 3000),
    tm("执保", 300, 5000),
    tm("民特", 500, 5000),
    tm("民诉前调", 300, 20000),
    tm("诉前调确", 100, 5000),
    tm("刑初", 550, 3000),
    tm("执异", 150, 2000),
    tm("财保", 100, 1500),
    tm("民督", 80, 1000),
    tm("行审", 50, 500),
    tm("行初", 40, 500),
    tm("民撤", 5, 50),
    tm("民催", 30, 300),
    tm("司惩", 50, 500),
    tm("执他", 50, 500),
    tm("民他", 30, 300),
    tm("刑他", 10, 100),
    tm("民保令", 20, 200),
    tm("司救民", 20, 200),
    tm("民再", 20, 100),
    tm("破", 10, 100),
    tm("强清", 5, 50),
    tm("刑医", 2, 20),
];

/// Type codes of an intermediate court: appeals, sentence changes, IP first instance (知).
const INTERMEDIATE_TYPES: &[TypeMix] = &[
    tm("民终", 3500, 15000),
    tm("民初", 600, 2000),
    zhi("民初", 300, 3000),
    zhi("行初", 10, 50),
    tm("执", 500, 3000),
    tm("执恢", 150, 800),
    tm("执异", 200, 1500),
    tm("执复", 200, 1500),
    tm("执监", 30, 200),
    tm("刑终", 300, 1500),
    tm("刑初", 120, 300),
    tm("刑更", 900, 12000),
    tm("行初", 250, 1500),
    tm("行终", 150, 800),
    tm("行审", 50, 300),
    tm("民申", 250, 1500),
    tm("民再", 80, 400),
    tm("民辖终", 200, 2000),
    tm("民特", 200, 1500),
    tm("财保", 80, 800),
    tm("破", 40, 300),
    tm("破申", 40, 300),
    tm("强清", 10, 50),
    tm("清申", 10, 50),
    tm("委赔", 20, 100),
    tm("司救民", 20, 200),
    tm("司惩复", 10, 50),
    tm("行审复", 10, 50),
    tm("刑申", 20, 100),
    tm("刑他", 10, 100),
    tm("民他", 20, 200),
    tm("执他", 20, 200),
];

const HIGH_TYPES: &[TypeMix] = &[
    tm("民终", 2500, 3000),
    tm("民申", 2500, 8000),
    tm("行终", 800, 2000),
    tm("行申", 700, 5000),
    tm("刑终", 500, 1000),
    tm("刑申", 200, 500),
    tm("民再", 300, 800),
    tm("执复", 400, 800),
    tm("执监", 200, 500),
    tm("民辖终", 300, 1000),
    tm("委赔", 100, 300),
    tm("刑核", 50, 0),
    tm("民初", 200, 300),
    tm("行初", 100, 200),
];

const SUPREME_TYPES: &[TypeMix] = &[
    tm("民申", 3000, 12000),
    tm("民终", 1200, 2000),
    zhi("民终", 1500, 3000),
    zhi("行终", 200, 1000),
    zhi("民辖终", 100, 500),
    tm("行申", 1000, 10000),
    tm("刑核", 800, 0),
    tm("民再", 400, 800),
    tm("执监", 200, 600),
    tm("民辖", 100, 300),
    tm("刑申", 100, 500),
    tm("民他", 50, 300),
    tm("委赔监", 50, 500),
    tm("执复", 100, 200),
];

/// Receipt years 2016–2026, more recent years weighing more (2026 is the year in progress).
const YEARS: &[(u32, u32)] = &[
    (2016, 5),
    (2017, 6),
    (2018, 7),
    (2019, 8),
    (2020, 8),
    (2021, 9),
    (2022, 10),
    (2023, 11),
    (2024, 12),
    (2025, 12),
    (2026, 8),
];

/// Bracket pairs (open, close) with their share per 10,000 current-form numbers.
const BRACKETS: &[(char, char, u32)] = &[
    ('（', '）', 7200),
    ('(', ')', 2000),
    ('〔', '〕', 400),
    ('（', ')', 150),
    ('(', '）', 100),
    ('［', '］', 80),
    ('【', '】', 70),
];

/// Legacy (pre-2016) numbers: court abbreviation as written, its type texts, largest serial.
type LegacyCourt = (&'static str, &'static [(&'static str, u32)], u32);

const LEGACY_BASIC_TYPES: &[(&str, u32)] = &[
    ("民初", 40),
    ("民一初", 5),
    ("民二初", 5),
    ("商初", 10),
    ("执", 25),
    ("刑初", 6),
    ("行初", 2),
    ("民特", 2),
    ("执异", 2),
];

const LEGACY_INTERMEDIATE_TYPES: &[(&str, u32)] = &[
    ("民终", 40),
    ("民一终", 10),
    ("民二终", 10),
    ("商终", 10),
    ("刑终", 6),
    ("刑初", 2),
    ("行终", 4),
    ("执", 5),
    ("执复", 3),
    ("知民初", 5),
    ("民申", 2),
];

const LEGACY_SHANGHAI_TYPES: &[(&str, u32)] = &[
    ("民一(民)终", 10),
    ("民二(商)终", 6),
    ("民一(民)初", 3),
    ("刑终", 3),
];

const LEGACY_BEIJING_TYPES: &[(&str, u32)] = &[("民初", 10), ("执", 5), ("刑初", 2)];

const LEGACY_SUPREME_TYPES: &[(&str, u32)] = &[
    ("民申", 10),
    ("民提", 3),
    ("民一终", 3),
    ("民二终", 3),
    ("行提", 1),
    ("行监", 1),
];

const LEGACY_COURTS: &[(LegacyCourt, u32)] = &[
    (("玄", LEGACY_BASIC_TYPES, 8000), 6),
    (("秦", LEGACY_BASIC_TYPES, 8000), 6),
    (("建", LEGACY_BASIC_TYPES, 8000), 6),
    (("鼓", LEGACY_BASIC_TYPES, 9000), 7),
    (("浦", LEGACY_BASIC_TYPES, 6000), 5),
    (("栖", LEGACY_BASIC_TYPES, 6000), 5),
    (("雨", LEGACY_BASIC_TYPES, 5000), 4),
    (("江宁", LEGACY_BASIC_TYPES, 15000), 9),
    (("六", LEGACY_BASIC_TYPES, 4000), 4),
    (("溧", LEGACY_BASIC_TYPES, 4000), 4),
    (("高淳", LEGACY_BASIC_TYPES, 3000), 4),
    (("宁", LEGACY_INTERMEDIATE_TYPES, 5000), 25),
    (("沪一中", LEGACY_SHANGHAI_TYPES, 3000), 3),
    (("沪二中", LEGACY_SHANGHAI_TYPES, 3000), 3),
    (("朝", LEGACY_BEIJING_TYPES, 45000), 2),
    (("海", LEGACY_BEIJING_TYPES, 40000), 2),
    (("", LEGACY_SUPREME_TYPES, 3000), 5),
];

/// Codes that are not in the standard, as they turn up in real data: legacy aliases (民破, 民算),
/// bare fragments (赔, 司救), descriptions typed as codes (执行, 民调), contradictions (民初终).
const UNKNOWN_TYPES: &[(&str, u32)] = &[
    ("民破", 3),
    ("民算", 2),
    ("赔", 2),
    ("司救", 2),
    ("执行", 3),
    ("民调", 2),
    ("民初终", 1),
    ("刑执", 1),
];

/// Document numbers (文号) and a procuratorate number, which look like case numbers.
const DOCUMENT_PREFIXES: &[(&str, u32)] = &[
    ("法释", 5),
    ("法", 3),
    ("法发", 3),
    ("苏高法", 4),
    ("宁中法", 3),
    ("苏宁检刑诉", 2),
];

// ---------------------------------------------------------------------------------------------
// Samples.

/// What a generated string is meant to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    /// Current form written canonically: full-width brackets, no other variation.
    CurrentPlain,
    /// Current form with a real-world variation (brackets, zeros, spaces) — still valid.
    CurrentVariant,
    /// Pre-2016 `字第` numbers — valid.
    Legacy,
    /// Not a valid case number.
    Invalid,
}

impl Group {
    fn name(self) -> &'static str {
        match self {
            Group::CurrentPlain => "current, canonical",
            Group::CurrentVariant => "current, variant",
            Group::Legacy => "legacy 字第",
            Group::Invalid => "invalid",
        }
    }
}

struct Sample {
    text: String,
    group: Group,
    /// Finer label for the report, e.g. `ascii-brackets` or `missing-hao`.
    label: &'static str,
    /// The canonical form `Display` should write, for valid samples.
    canonical: Option<String>,
}

/// The parts of a current-form number.
struct Current {
    year: u32,
    court: &'static str,
    zhi: bool,
    code: &'static str,
    serial: u32,
}

impl Current {
    fn serial_text(&self) -> String {
        if self.code == CRIMINAL_REVIEW {
            format!("{:08}", self.serial)
        } else {
            self.serial.to_string()
        }
    }

    fn body(&self) -> String {
        format!(
            "{}{}{}{}号",
            self.court,
            if self.zhi { "知" } else { "" },
            self.code,
            self.serial_text()
        )
    }

    fn canonical(&self) -> String {
        format!("（{}）{}", self.year, self.body())
    }
}

struct Generator {
    rng: SplitMix64,
}

impl Generator {
    fn new(seed: u64) -> Generator {
        Generator {
            rng: SplitMix64::new(seed),
        }
    }

    fn sample(&mut self) -> Sample {
        let roll = self.rng.below(10_000);
        if roll < 200 {
            self.invalid()
        } else if roll < 500 {
            self.legacy()
        } else {
            self.current_sample()
        }
    }

    /// A current-form number of the mix, its parts only.
    fn current(&mut self) -> Current {
        let roll = self.rng.below(10_000);
        let (court, types) = if roll < 8300 {
            (self.rng.pick(BASIC_COURTS).0, BASIC_TYPES)
        } else if roll < 9550 {
            (INTERMEDIATE_COURT, INTERMEDIATE_TYPES)
        } else if roll < 9750 {
            (HIGH_COURT, HIGH_TYPES)
        } else if roll < 9850 {
            (SUPREME_COURT, SUPREME_TYPES)
        } else {
            let court = self.rng.pick(OTHER_COURTS).0;
            let digits = court.chars().filter(char::is_ascii_digit).count();
            let types = if digits == 4 {
                BASIC_TYPES
            } else {
                INTERMEDIATE_TYPES
            };
            (court, types)
        };
        let mix = self.rng.pick(types);
        let serial = if mix.code == CRIMINAL_REVIEW {
            self.rng.range(10_000_000, 99_999_999)
        } else {
            self.rng.range(1, mix.max_serial)
        };
        Current {
            year: self.rng.pick(YEARS).0,
            court,
            zhi: mix.zhi,
            code: mix.code,
            serial,
        }
    }

    fn current_sample(&mut self) -> Sample {
        let parts = self.current();
        let &(open, close, _) = self.rng.pick(BRACKETS);
        let mut labels = Vec::new();
        match (open, close) {
            ('（', '）') => {}
            ('(', ')') => labels.push("ascii-brackets"),
            ('〔', '〕') => labels.push("tortoise-brackets"),
            ('［', '］') | ('【', '】') => labels.push("other-brackets"),
            _ => labels.push("mixed-brackets"),
        }
        let mut serial = parts.serial_text();
        if parts.code != CRIMINAL_REVIEW && parts.serial < 1000 && self.rng.chance(150) {
            let width = self.rng.range(4, 5) as usize;
            serial = format!("{:0width$}", parts.serial);
            labels.push("leading-zeros");
        }
        let mut text = format!(
            "{open}{}{close}{}{}{}{serial}号",
            parts.year,
            parts.court,
            if parts.zhi { "知" } else { "" },
            parts.code
        );
        if self.rng.chance(150) {
            let (before, after) = match self.rng.below(4) {
                0 => (" ", ""),
                1 => ("", " "),
                2 => ("  ", "  "),
                _ => ("\u{3000}", ""),
            };
            text = format!("{before}{text}{after}");
            labels.push("surrounding-space");
        }
        let label = if parts.code == CRIMINAL_REVIEW {
            "xinghe-8-digits"
        } else if parts.court == SUPREME_COURT {
            "supreme"
        } else if parts.zhi {
            "zhi"
        } else {
            "plain"
        };
        let (group, label) = match labels.as_slice() {
            [] => (Group::CurrentPlain, label),
            [one] => (Group::CurrentVariant, *one),
            _ => (Group::CurrentVariant, "several-variants"),
        };
        Sample {
            text,
            group,
            label,
            canonical: Some(parts.canonical()),
        }
    }

    fn legacy(&mut self) -> Sample {
        let &((court, types, max_serial), _) = self.rng.pick(LEGACY_COURTS);
        let type_text = self.rng.pick(types).0;
        let year = self.rng.range(2005, 2015);
        let serial = self.rng.range(1, max_serial);
        let (open, close) = match self.rng.below(20) {
            0..=10 => ('（', '）'),
            11..=18 => ('(', ')'),
            _ => ('〔', '〕'),
        };
        // The note brackets inside the type text follow the year's brackets.
        let written_type = if open == '(' {
            type_text.to_string()
        } else {
            type_text.replace('(', "（").replace(')', "）")
        };
        let mut label = "legacy";
        let serial_text = if serial < 1000 && self.rng.chance(1000) {
            label = "legacy-leading-zeros";
            format!("{serial:05}")
        } else {
            serial.to_string()
        };
        let di = if self.rng.chance(500) {
            label = "legacy-without-di";
            ""
        } else {
            "第"
        };
        let text = format!("{open}{year}{close}{court}{written_type}字{di}{serial_text}号");
        let canonical_type = type_text.replace('(', "（").replace(')', "）");
        Sample {
            text,
            group: Group::Legacy,
            label,
            canonical: Some(format!("（{year}）{court}{canonical_type}字第{serial}号")),
        }
    }

    fn invalid(&mut self) -> Sample {
        let mut parts = self.current();
        let roll = self.rng.below(100);
        let (label, text) = if roll < 20 {
            let text = format!("（{}）{}", parts.year, parts.body());
            ("missing-hao", text.trim_end_matches('号').to_string())
        } else if roll < 40 {
            parts.code = self.rng.pick(UNKNOWN_TYPES).0;
            parts.zhi = false;
            ("unknown-type-code", parts.canonical())
        } else if roll < 55 {
            (
                "two-digit-year",
                format!("（{}）{}", parts.year % 100, parts.body()),
            )
        } else if roll < 75 {
            let prefix = self.rng.pick(DOCUMENT_PREFIXES).0;
            let number = self.rng.range(1, 200);
            (
                "document-number",
                format!("{prefix}〔{}〕{number}号", parts.year),
            )
        } else if roll < 80 {
            (
                "year-not-bracketed",
                format!("{}{}", parts.year, parts.body()),
            )
        } else if roll < 85 {
            let body = parts.body();
            let (court, rest) = body.split_at(parts.court.len());
            let text = format!("（{}）{court} {rest}", parts.year);
            ("inner-space", text)
        } else if roll < 90 {
            let court = format!("苏{:03}", self.rng.range(10, 999));
            let text = format!("（{}）{court}{}{}号", parts.year, parts.code, parts.serial);
            ("court-three-digits", text)
        } else if roll < 95 {
            let serial = self.rng.range(1, 9_999_999);
            let text = format!("（{}）最高法刑核{serial}号", parts.year);
            ("xinghe-short-serial", text)
        } else {
            let year = self.rng.range(2027, 2035);
            ("future-year", format!("（{year}）{}", parts.body()))
        };
        Sample {
            text,
            group: Group::Invalid,
            label,
            canonical: None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// generate / types

fn generate_command(args: &[String]) -> Result<(), String> {
    let options = Options::parse(args, &["--count", "--seed", "--out"])?;
    let count: usize = options.get("--count", None)?;
    let seed: u64 = options.get("--seed", Some(20_260_101))?;
    let out: String = options.get("--out", None)?;
    let file = fs::File::create(&out).map_err(|e| format!("{out}: {e}"))?;
    let mut writer = BufWriter::with_capacity(1 << 20, file);
    let mut generator = Generator::new(seed);
    let started = Instant::now();
    for _ in 0..count {
        let sample = generator.sample();
        writeln!(writer, "{}", sample.text).map_err(|e| format!("{out}: {e}"))?;
    }
    writer.flush().map_err(|e| format!("{out}: {e}"))?;
    eprintln!(
        "generated {count} strings (seed {seed}) into {out} in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn types_command(args: &[String]) -> Result<(), String> {
    let options = Options::parse(args, &["--out"])?;
    let out: String = options.get("--out", None)?;
    let mut text = String::new();
    for case_type in CaseType::all() {
        text.push_str(case_type.code);
        text.push('\n');
    }
    fs::write(&out, text).map_err(|e| format!("{out}: {e}"))?;
    eprintln!("wrote {} type codes into {out}", CaseType::all().len());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// parse: the timed loop.

/// What a pass over the strings counts; the sums keep the work observable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tally {
    valid: u64,
    invalid: u64,
    legacy: u64,
    serial_sum: u64,
    /// The serial sum of the current-form numbers alone (what the DuckDB peer can see).
    current_serial_sum: u64,
    year_sum: u64,
}

impl Tally {
    fn add(self, other: Tally) -> Tally {
        Tally {
            valid: self.valid + other.valid,
            invalid: self.invalid + other.invalid,
            legacy: self.legacy + other.legacy,
            serial_sum: self.serial_sum + other.serial_sum,
            current_serial_sum: self.current_serial_sum + other.current_serial_sum,
            year_sum: self.year_sum + other.year_sum,
        }
    }
}

/// Parses every string once. `#[inline(never)]` keeps the loop a unit a profiler can name.
#[inline(never)]
fn parse_all(strings: &[String]) -> Tally {
    let mut tally = Tally::default();
    for s in strings {
        match CaseNumber::parse(black_box(s.as_str()), THIS_YEAR) {
            Ok(number) => {
                let serial = u64::from(number.serial());
                tally.valid += 1;
                tally.serial_sum += serial;
                if number.is_legacy() {
                    tally.legacy += 1;
                } else {
                    tally.current_serial_sum += serial;
                }
                tally.year_sum += u64::from(number.year());
            }
            Err(error) => {
                tally.invalid += 1;
                black_box(&error);
            }
        }
    }
    black_box(tally)
}

/// Parses the strings split evenly over `threads` scoped threads.
fn parse_parallel(strings: &[String], threads: usize) -> Tally {
    let chunk = strings.len().div_ceil(threads.max(1)).max(1);
    thread::scope(|scope| {
        let handles: Vec<_> = strings
            .chunks(chunk)
            .map(|part| scope.spawn(move || parse_all(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("parser thread panicked"))
            .fold(Tally::default(), Tally::add)
    })
}

struct Timing {
    best: Duration,
    median: Duration,
}

/// Runs `pass` `repeat` times (after one untimed warm-up pass), checking that every pass agrees.
fn time_passes(repeat: usize, mut pass: impl FnMut() -> Tally) -> (Timing, Tally) {
    let expected = pass();
    let mut times = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        let started = Instant::now();
        let tally = pass();
        times.push(started.elapsed());
        assert_eq!(tally, expected, "two passes over the same data disagree");
    }
    times.sort_unstable();
    let timing = Timing {
        best: times[0],
        median: times[times.len() / 2],
    };
    (timing, expected)
}

fn rate(count: usize, time: Duration) -> f64 {
    count as f64 / time.as_secs_f64()
}

fn ns_each(count: usize, time: Duration) -> f64 {
    time.as_secs_f64() * 1e9 / count as f64
}

fn load_lines(path: &str) -> Result<Vec<String>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    Ok(text.lines().map(str::to_owned).collect())
}

fn parse_command(args: &[String]) -> Result<(), String> {
    let options = Options::parse(args, &["--in", "--repeat", "--threads"])?;
    let path: String = options.get("--in", None)?;
    let repeat: usize = options.get("--repeat", Some(10))?;
    let threads: usize = options.get("--threads", Some(2))?;
    if repeat == 0 || threads == 0 {
        return Err("--repeat and --threads must be at least 1".into());
    }

    let started = Instant::now();
    let strings = load_lines(&path)?;
    let load = started.elapsed();
    let n = strings.len();
    if n == 0 {
        return Err(format!("{path} holds no strings"));
    }
    let bytes: usize = strings.iter().map(String::len).sum();
    println!(
        "loaded {n} strings ({:.1} MB, {:.1} bytes each) from {path} in {:.3} s",
        bytes as f64 / 1e6,
        bytes as f64 / n as f64,
        load.as_secs_f64()
    );

    let (single, tally) = time_passes(repeat, || parse_all(&strings));
    println!(
        "counts: {} valid ({} legacy), {} invalid; serial sum {} ({} without legacy), year sum {}",
        tally.valid,
        tally.legacy,
        tally.invalid,
        tally.serial_sum,
        tally.current_serial_sum,
        tally.year_sum
    );
    println!(
        "1 thread:  best {:.3} s = {:.0} strings/s = {:.1} ns/string; median {:.3} s = {:.0} strings/s = {:.1} ns/string  ({repeat} passes)",
        single.best.as_secs_f64(),
        rate(n, single.best),
        ns_each(n, single.best),
        single.median.as_secs_f64(),
        rate(n, single.median),
        ns_each(n, single.median),
    );

    let (multi, multi_tally) = time_passes(repeat, || parse_parallel(&strings, threads));
    if multi_tally != tally {
        return Err("the threaded pass counted differently from the single-threaded one".into());
    }
    println!(
        "{threads} threads: best {:.3} s = {:.0} strings/s ({:.0} per thread); median {:.3} s = {:.0} strings/s; speed-up {:.2}x",
        multi.best.as_secs_f64(),
        rate(n, multi.best),
        rate(n, multi.best) / threads as f64,
        multi.median.as_secs_f64(),
        rate(n, multi.median),
        single.best.as_secs_f64() / multi.best.as_secs_f64(),
    );

    // One machine-readable line for bench/run-case-number.sh.
    println!(
        "RESULT rust strings={n} valid={} invalid={} legacy={} serial_sum={} current_serial_sum={} load_s={:.4} \
         t1_best_s={:.6} t1_median_s={:.6} t1_best_per_s={:.0} t1_median_per_s={:.0} t1_best_ns={:.2} \
         threads={threads} tn_best_s={:.6} tn_median_s={:.6} tn_best_per_s={:.0} tn_median_per_s={:.0}",
        tally.valid,
        tally.invalid,
        tally.legacy,
        tally.serial_sum,
        tally.current_serial_sum,
        load.as_secs_f64(),
        single.best.as_secs_f64(),
        single.median.as_secs_f64(),
        rate(n, single.best),
        rate(n, single.median),
        ns_each(n, single.best),
        multi.best.as_secs_f64(),
        multi.median.as_secs_f64(),
        rate(n, multi.best),
        rate(n, multi.median),
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// check: does the parser judge every generated string as the generator meant it?

fn check_command(args: &[String]) -> Result<(), String> {
    let options = Options::parse(args, &["--count", "--seed", "--examples"])?;
    let count: usize = options.get("--count", Some(200_000))?;
    let seed: u64 = options.get("--seed", Some(20_260_101))?;
    let examples: usize = options.get("--examples", Some(5))?;

    let mut generator = Generator::new(seed);
    let samples: Vec<Sample> = (0..count).map(|_| generator.sample()).collect();

    // Per (group, label): how many, and the disagreements with examples.
    #[derive(Default)]
    struct Row {
        total: usize,
        rejected: usize,
        accepted: usize,
        miswritten: usize,
        examples: Vec<String>,
    }
    let mut rows: BTreeMap<(Group, &str), Row> = BTreeMap::new();
    let mut reasons: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    for sample in &samples {
        let row = rows.entry((sample.group, sample.label)).or_default();
        row.total += 1;
        let parsed = CaseNumber::parse(&sample.text, THIS_YEAR);
        let problem = match (&parsed, &sample.canonical) {
            (Ok(number), Some(canonical)) => {
                let written = number.to_string();
                (written != *canonical).then(|| {
                    row.miswritten += 1;
                    format!("{:?} → {written:?}, expected {canonical:?}", sample.text)
                })
            }
            (Err(error), Some(_)) => {
                row.rejected += 1;
                Some(format!(
                    "{:?} rejected: {}",
                    sample.text,
                    error.message_en()
                ))
            }
            (Ok(number), None) => {
                row.accepted += 1;
                Some(format!("{:?} accepted as {number}", sample.text))
            }
            (Err(error), None) => {
                let reason = format!("{error:?}");
                let kind = reason
                    .split(['(', ' ', '{'])
                    .next()
                    .unwrap_or("")
                    .to_string();
                *reasons
                    .entry(sample.label)
                    .or_default()
                    .entry(kind)
                    .or_default() += 1;
                None
            }
        };
        if let Some(problem) = problem
            && row.examples.len() < examples
        {
            row.examples.push(problem);
        }
    }

    let mut report = String::new();
    let _ = writeln!(
        report,
        "check: {count} strings, seed {seed}\n{:<22} {:<22} {:>8} {:>7} {:>9} {:>9} {:>10}",
        "group", "label", "count", "share", "rejected", "accepted", "miswritten"
    );
    let mut disagreements = 0;
    for ((group, label), row) in &rows {
        disagreements += row.rejected + row.accepted + row.miswritten;
        let _ = writeln!(
            report,
            "{:<22} {:<22} {:>8} {:>6.2}% {:>9} {:>9} {:>10}",
            group.name(),
            label,
            row.total,
            row.total as f64 * 100.0 / count as f64,
            row.rejected,
            row.accepted,
            row.miswritten
        );
    }
    let _ = writeln!(report, "disagreements: {disagreements}");
    for ((group, label), row) in &rows {
        for example in &row.examples {
            let _ = writeln!(report, "  [{} / {label}] {example}", group.name());
        }
    }
    let _ = writeln!(
        report,
        "error kinds the parser gave for the invalid strings:"
    );
    for (label, kinds) in &reasons {
        let list: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let _ = writeln!(report, "  {label:<22} {}", list.join(", "));
    }
    print!("{report}");

    // Time each group alone, to see where the parser spends its time.
    println!("time per group (1 thread, best of 7 passes):");
    let mut groups: BTreeMap<Group, Vec<String>> = BTreeMap::new();
    for sample in samples {
        groups.entry(sample.group).or_default().push(sample.text);
    }
    for (group, strings) in &groups {
        let (timing, _) = time_passes(7, || parse_all(strings));
        println!(
            "  {:<22} {:>8} strings {:>7.1} ns/string {:>12.0} strings/s",
            group.name(),
            strings.len(),
            ns_each(strings.len(), timing.best),
            rate(strings.len(), timing.best)
        );
    }
    Ok(())
}
