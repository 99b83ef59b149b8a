#!/usr/bin/env python3
"""The DuckDB peer of `shenguan assign simulate`: a year's first-instance filings replayed under a
diversion rule set, on the same generated data, written as a competent DuckDB user would.

prepare  Loads the columns the replay reads from cases.parquet into a DuckDB database file
         (DuckDB's own format).
cold     A fresh process opens the database file and runs the replay once for one rule set. With
         --engine-values (the JSON of `shenguan assign simulate --format json` over the same period
         and rules) it compares the figures and exits 1 on any difference.
run      The same replay warm: once to warm up, then best and median of --repeat.

The rules are translated by hand into SQL CASE expressions; --rules names which translation, and
--rules-file the TOML it mirrors, which the script reads (tomllib) and checks rule by rule against
what the translation assumes, so that a changed file fails loudly instead of comparing something
else:
- shipped:  crates/app/rules/diversion.toml (version shipped-2026-1);
- stricter: the file bench/run-sandbox.sh writes (version bench-stricter-1): wages for 2024 and
            2025, so that small claims (50 % of the year before's wage) go to 速裁; 繁案 above five
            million yuan; 民事简案 only up to 500,000 yuan.
The case data holds a case's type, cause and amount; the engine reads the facts it lacks as two
parties, no announcement, no foreign element, not a series, no sentence and no guilty plea
(crates/app/src/allocation/sandbox.rs), so the rules asking for a guilty plea, a sentence or a
foreign element never take a case and the others reduce to conditions on type and amount.

The readings are the engine's (crates/app/src/allocation/sandbox.rs, crates/domain/src/allocation/
sandbox.rs, docs/allocation.md):
- the filings: first-instance cases (stage first_instance) filed from --from to --to, whichever
  court (the engine runs as a network-wide account); a case is replayed when its procedure gives
  the track it went down: 小额诉讼 and 速裁 → 速裁, 简易 → 简案, 普通 → 普通 (no other procedure
  does; a generated store keeps no allocations, whose kept track would come first);
- trial days (CaseRecord::trial_days): closing date − filing date − excluded days, for a closed
  case; a negative count is left out as unknown (u32::try_from);
- a track's limit: 速裁 60 days, 简案 90, 普通 and 繁案 180; within the limit when days ≤ limit;
- shares: each track's filings ÷ all filings × 100, as they went and under the rules; moved: the
  filings whose track under the rules differs;
- as it went: the average days and the within-limit share of the closed filings on their own
  track;
- a replay under seed s: an unmoved closed case keeps its days; a moved closed case takes the
  days of a closed case of its new track (as that track's cases went) drawn by a hash of (s, case
  number) — here DuckDB's own `hash`, where the engine uses FNV-1a and SplitMix64, so the
  projected figures differ by chance — or keeps its own days when the new track closed none; the
  within-limit share uses the new track's limit. Mean, low and high over seeds 1..--seeds.
"""

import argparse
import json
import os
import statistics
import sys
import time
import tomllib

import duckdb

sys.dont_write_bytecode = True  # no __pycache__ left in bench/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_duckdb_metrics import peak_kb  # noqa: E402

TRACKS = ["speedy", "simple", "ordinary", "complex"]

PREPARE = """
CREATE OR REPLACE TABLE cases AS
    SELECT case_no, type_code, stage, procedure, filed_on, closed_on, claim_amount, excluded_days
    FROM read_parquet('{dir}/cases.parquet');
"""

# Each rule set as the engine would decide it from the facts the case data holds. `amount` is the
# claim in yuan (DECIMAL(18,2)); NULL when the claim is not for money.
PROPOSED = {
    # 刑事速裁 (guilty plea) never; 小额诉讼 never (no wages: threshold unknown); 大标的繁案 above
    # 10,000,000.00; 涉外 never; 民事简案 every other 民初 (two parties, no announcement …);
    # 刑事简案 never (no guilty plea); the default 普通.
    "shipped": """
        CASE WHEN type_code = '民初' AND amount > 10000000.00 THEN 'complex'
             WHEN type_code = '民初' THEN 'simple'
             ELSE 'ordinary' END""",
    # 小额诉讼 within 50 % of the year before's wage (2024: 100,000.00 → 50,000.00 for 2025
    # filings; 2025: 105,000.00 → 52,500.00 for 2026); 大标的繁案 above 5,000,000.00; 民事简案 up
    # to 500,000.00 (a case without an amount is not); the default 普通.
    "stricter": """
        CASE WHEN type_code = '民初' AND amount <= (CASE year(filed_on) WHEN 2025 THEN 50000.00
                                                                     WHEN 2026 THEN 52500.00 END)
                 THEN 'speedy'
             WHEN type_code = '民初' AND amount > 5000000.00 THEN 'complex'
             WHEN type_code = '民初' AND amount <= 500000.00 THEN 'simple'
             ELSE 'ordinary' END""",
}

# What each translation assumes of its TOML: the version, the wages and share, and each rule's id,
# track and conditions (conditions that never hold on the data are listed, so a change shows).
EXPECTED = {
    "shipped": {
        "version": "shipped-2026-1", "small_claims_percent": 50, "wages": {},
        "default": "普通",
        "rules": [
            ("刑事速裁", "速裁", {"case_types": ["刑初"], "sentence_months_at_most": 36,
                                  "guilty_plea": True}),
            ("小额诉讼", "速裁", {"case_types": ["民初"], "small_claims": True,
                                  "announcement": False, "foreign": False}),
            ("大标的繁案", "繁案", {"case_types": ["民初"], "amount_above": "10000000.00"}),
            ("涉外繁案", "繁案", {"case_types": ["民初"], "foreign": True}),
            ("民事简案", "简案", {"case_types": ["民初"], "parties_at_most": 3,
                                  "announcement": False, "foreign": False, "series": False}),
            ("刑事简案", "简案", {"case_types": ["刑初"], "guilty_plea": True}),
        ],
    },
    "stricter": {
        "version": "bench-stricter-1", "small_claims_percent": 50,
        "wages": {"2024": "100000.00", "2025": "105000.00"},
        "default": "普通",
        "rules": [
            ("刑事速裁", "速裁", {"case_types": ["刑初"], "sentence_months_at_most": 36,
                                  "guilty_plea": True}),
            ("小额诉讼", "速裁", {"case_types": ["民初"], "small_claims": True,
                                  "announcement": False, "foreign": False}),
            ("大标的繁案", "繁案", {"case_types": ["民初"], "amount_above": "5000000.00"}),
            ("涉外繁案", "繁案", {"case_types": ["民初"], "foreign": True}),
            ("民事简案", "简案", {"case_types": ["民初"], "amount_at_most": "500000.00",
                                  "parties_at_most": 3, "announcement": False, "foreign": False,
                                  "series": False}),
            ("刑事简案", "简案", {"case_types": ["刑初"], "guilty_plea": True}),
        ],
    },
}

QUERY = """
WITH
filings AS MATERIALIZED (
    SELECT case_no, actual, {proposed} AS proposed,
           CASE WHEN raw_days >= 0 THEN raw_days END AS days
    FROM (SELECT case_no, type_code, filed_on, claim_amount AS amount,
                 CASE procedure WHEN '小额诉讼' THEN 'speedy' WHEN '速裁' THEN 'speedy'
                                WHEN '简易' THEN 'simple' WHEN '普通' THEN 'ordinary' END AS actual,
                 date_diff('day', filed_on, closed_on) - excluded_days AS raw_days
          FROM cases
          WHERE filed_on BETWEEN DATE '{start}' AND DATE '{end}' AND stage = 'first_instance'
            AND procedure IN ('小额诉讼', '速裁', '简易', '普通'))),
-- What a moved case draws from: the closed filings of each track as they went, numbered.
pool AS (
    SELECT actual AS track, days,
           row_number() OVER (PARTITION BY actual ORDER BY case_no) - 1 AS i
    FROM filings WHERE days IS NOT NULL),
sizes AS (SELECT track, count(*) AS n FROM pool GROUP BY track),
seeds AS (SELECT range AS seed FROM range(1, {seeds} + 1)),
-- The closed filings that keep their days in every replay, counted once.
kept AS (
    SELECT count(*) AS n, sum(days) AS days, count(*) FILTER (days <= lim(proposed)) AS within
    FROM filings WHERE days IS NOT NULL AND proposed = actual),
moved AS (
    SELECT f.case_no, f.proposed, f.days, s.n
    FROM filings f LEFT JOIN sizes s ON s.track = f.proposed
    WHERE f.days IS NOT NULL AND f.proposed <> f.actual),
drawn AS (
    SELECT seeds.seed, m.proposed, coalesce(p.days, m.days) AS days
    FROM moved m CROSS JOIN seeds
    LEFT JOIN pool p ON p.track = m.proposed AND p.i = hash(seeds.seed, m.case_no) % m.n),
-- Each replay's moved cases summed per seed first, then set beside the kept ones (five rows
-- joined to five: a join of the drawn rows on the seed alone would hash millions of rows on
-- five keys).
per_seed AS (
    SELECT seed, count(*) AS n, sum(days) AS days,
           count(*) FILTER (days <= lim(proposed)) AS within
    FROM drawn GROUP BY seed),
replays AS (
    SELECT seeds.seed,
           (kept.days + coalesce(p.days, 0)) / (kept.n + coalesce(p.n, 0)) AS average_days,
           (kept.within + coalesce(p.within, 0)) * 100.0 / (kept.n + coalesce(p.n, 0))
               AS within_limit
    FROM seeds CROSS JOIN kept LEFT JOIN per_seed p ON p.seed = seeds.seed)
SELECT 'filings' AS what, NULL AS track, count(*)::DOUBLE AS a, NULL::DOUBLE AS b FROM filings
UNION ALL
SELECT 'moved', NULL, count(*) FILTER (proposed <> actual), NULL FROM filings
UNION ALL
SELECT 'actual', NULL, avg(days), count(*) FILTER (days <= lim(actual)) * 100.0 / count(days)
FROM filings WHERE days IS NOT NULL
UNION ALL
SELECT 'share_actual', actual, count(*), NULL FROM filings GROUP BY actual
UNION ALL
SELECT 'share_proposed', proposed, count(*), NULL FROM filings GROUP BY proposed
UNION ALL
SELECT 'seed', seed::VARCHAR, average_days, within_limit FROM replays
"""

# What the replays should give on average, and how far one replay strays by chance: a moved closed
# case draws uniformly from its new track's pool, so its expected days are the pool's mean (its
# variance the pool's variance), and it is within the limit with the pool's within-limit share p
# (variance p(1 - p)); a case whose new track has no pool keeps its days. One replay's average
# days then has the expectation (kept days + the moved cases' expectations) / closed cases and the
# standard error sqrt(sum of the variances) / closed cases; the same for the within-limit share.
EXPECTATION = QUERY.split("-- What a moved case draws from")[0] + """
pools AS (
    SELECT actual AS track, avg(days) AS mean, var_pop(days) AS var,
           avg(CASE WHEN days <= lim(actual) THEN 1.0 ELSE 0.0 END) AS p
    FROM filings WHERE days IS NOT NULL GROUP BY actual),
kept AS (
    SELECT count(*) AS n, sum(days) AS days, count(*) FILTER (days <= lim(proposed)) AS within
    FROM filings WHERE days IS NOT NULL AND proposed = actual),
moved AS (
    SELECT coalesce(pl.mean, f.days) AS mean, coalesce(pl.var, 0) AS var,
           coalesce(pl.p, CASE WHEN f.days <= lim(f.proposed) THEN 1.0 ELSE 0.0 END) AS p,
           pl.track IS NOT NULL AS drawn
    FROM filings f LEFT JOIN pools pl ON pl.track = f.proposed
    WHERE f.days IS NOT NULL AND f.proposed <> f.actual)
SELECT (any_value(kept.days) + coalesce(sum(m.mean), 0)) / (any_value(kept.n) + count(m.mean)),
       sqrt(coalesce(sum(m.var), 0)) / (any_value(kept.n) + count(m.mean)),
       (any_value(kept.within) + coalesce(sum(m.p), 0)) * 100.0 / (any_value(kept.n) + count(m.mean)),
       100.0 * sqrt(coalesce(sum(CASE WHEN m.drawn THEN m.p * (1 - m.p) ELSE 0 END), 0))
           / (any_value(kept.n) + count(m.mean))
FROM kept LEFT JOIN moved m ON true
"""

MACROS = """
CREATE OR REPLACE TEMP MACRO lim(track) AS
    CASE track WHEN 'speedy' THEN 60 WHEN 'simple' THEN 90 ELSE 180 END;
"""


def check_rules(which, path):
    """The TOML `path` holds exactly what the translation `which` assumes; exits 1 if not."""
    with open(path, "rb") as f:
        rules = tomllib.load(f)
    want = EXPECTED[which]
    have = {
        "version": rules.get("version"),
        "small_claims_percent": rules.get("small_claims_percent", 50),
        "wages": {str(k): str(v) for k, v in rules.get("wages", {}).items()},
        "default": rules.get("default", {}).get("track"),
        "rules": [(r["id"], r["track"], {k: v for k, v in r.items()
                                          if k not in ("id", "track", "pool")})
                  for r in rules.get("rule", [])],
    }
    if have != want:
        print(f"FAIL: {path} is not the rule set the '{which}' translation mirrors:\n"
              f"  file:        {have}\n  translation: {want}", file=sys.stderr)
        sys.exit(1)


def connect(path, threads):
    con = duckdb.connect(path, read_only=os.path.exists(path))
    con.execute(f"SET threads = {threads}")
    con.execute(MACROS)
    return con


def run_query(con, which, start, end, seeds):
    begin = time.perf_counter()
    rows = con.execute(QUERY.format(proposed=PROPOSED[which], start=start, end=end,
                                    seeds=seeds)).fetchall()
    seconds = time.perf_counter() - begin
    out = {"filings": 0, "moved": 0, "actual": (None, None), "seeds": {},
           "shares": {t: [0.0, 0.0] for t in TRACKS}}
    for what, track, a, b in rows:
        if what in ("filings", "moved"):
            out[what] = int(a)
        elif what == "actual":
            out["actual"] = (a, b)
        elif what == "share_actual":
            out["shares"][track][0] = a
        elif what == "share_proposed":
            out["shares"][track][1] = a
        elif what == "seed":
            out["seeds"][int(track)] = (a, b)
    n = out["filings"]
    for share in out["shares"].values():
        # As the engine divides: count × 100 ÷ filings, in floating point.
        share[0] = share[0] * 100.0 / n if n else 0.0
        share[1] = share[1] * 100.0 / n if n else 0.0
    return seconds, out


def compare(engine_file, ours, expectation, sigmas):
    """Filings, moved, shares and the figures as they went equal (to 1e-9); the projected means,
    the engine's and DuckDB's, each within `sigmas` standard errors of the expectation."""
    with open(engine_file) as f:
        engine = json.load(f)
    checked, mismatches, notes = 0, [], []

    def same(what, want, have, close=False):
        nonlocal checked
        checked += 1
        equal = (want is None and have is None) or (
            want is not None and have is not None
            and (abs(want - have) <= 1e-9 * max(1.0, abs(want)) if close else want == have))
        if not equal:
            mismatches.append(f"{what}: engine {want}, duckdb {have}")

    same("filings", engine["filings"], ours["filings"])
    same("moved", engine["moved"], ours["moved"])
    same("seeds", engine["seeds"], len(ours["seeds"]))
    for share in engine["shares"]:
        track = share["track"]
        same(f"share {track} as it went", share["actual"], ours["shares"][track][0], close=True)
        same(f"share {track} under the rules", share["proposed"], ours["shares"][track][1],
             close=True)
    days, within = ours["actual"]
    same("average days as it went", engine["average_days"]["actual"], days, close=True)
    same("within-limit % as it went", engine["within_limit"]["actual"], within, close=True)
    seeds = len(ours["seeds"])
    for name, index in (("average_days", 0), ("within_limit", 1)):
        values = [v[index] for v in ours["seeds"].values() if v[index] is not None]
        mean = sum(values) / len(values) if values else None
        e = engine[name]
        expected, error = expectation[index]
        if mean is None or e["mean"] is None:
            checked += 1
            if mean != e["mean"]:
                mismatches.append(f"{name} projected mean: engine {e['mean']}, duckdb {mean}")
            continue
        # The mean of `seeds` replays strays from the expectation by error / sqrt(seeds).
        bound = sigmas * error / seeds ** 0.5
        for who, value in (("engine", e["mean"]), ("duckdb", mean)):
            checked += 1
            z = (value - expected) / (error / seeds ** 0.5) if error else 0.0
            notes.append(f"{name} projected, {who}: mean {value:.4f}, expected {expected:.4f}"
                         f" ± {error / seeds ** 0.5:.4f} (one standard error of a {seeds}-seed "
                         f"mean): z = {z:+.2f}")
            if abs(value - expected) > bound + 1e-9:
                mismatches.append(f"{name} projected mean ({who}) {value}: more than {sigmas} "
                                  f"standard errors from the expectation {expected}")
        inside = e["low"] <= mean <= e["high"]
        notes.append(f"{name} projected: engine {e['mean']:.4f} ({e['low']:.4f}–{e['high']:.4f}), "
                     f"duckdb {mean:.4f} ({min(values):.4f}–{max(values):.4f}): difference "
                     f"{mean - e['mean']:+.4f}, {'inside' if inside else 'outside'} the engine's "
                     f"range")
    return checked, mismatches, notes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["prepare", "cold", "run"])
    parser.add_argument("--db", required=True)
    parser.add_argument("--parquet-dir")
    parser.add_argument("--rules", choices=sorted(PROPOSED), default="shipped")
    parser.add_argument("--rules-file", help="the TOML the translation mirrors (checked)")
    parser.add_argument("--from", dest="start")
    parser.add_argument("--to", dest="end")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--engine-values")
    parser.add_argument("--sigmas", type=float, default=4.0,
                        help="how many standard errors a projected mean may stray from the "
                             "expectation")
    args = parser.parse_args()

    if args.action == "prepare":
        if os.path.exists(args.db):
            os.remove(args.db)
        con = connect(args.db, args.threads)
        begin = time.perf_counter()
        con.execute(PREPARE.format(dir=args.parquet_dir))
        con.execute("CHECKPOINT")
        cases = con.execute("SELECT count(*) FROM cases").fetchone()[0]
        print(json.dumps({"prepare_s": round(time.perf_counter() - begin, 3), "cases": cases,
                          "db_bytes": os.path.getsize(args.db)}))
        return

    if args.rules_file:
        check_rules(args.rules, args.rules_file)
    if args.action == "cold":
        begin = time.perf_counter()
        con = connect(args.db, args.threads)
        seconds, ours = run_query(con, args.rules, args.start, args.end, args.seeds)
        report = {"rules": args.rules, "open_and_query_s": round(time.perf_counter() - begin, 4),
                  "query_s": round(seconds, 4), "filings": ours["filings"],
                  "moved": ours["moved"], "peak_kb": peak_kb(), "threads": args.threads,
                  "duckdb": duckdb.__version__}
        if not args.engine_values:
            print(json.dumps(report, ensure_ascii=False))
            return
        row = con.execute(EXPECTATION.format(proposed=PROPOSED[args.rules], start=args.start,
                                             end=args.end)).fetchone()
        expectation = ((row[0], row[1]), (row[2], row[3]))
        checked, mismatches, notes = compare(args.engine_values, ours, expectation, args.sigmas)
        report["values_checked"] = checked
        report["mismatches"] = len(mismatches)
        print(json.dumps(report, ensure_ascii=False))
        for line in notes:
            print("  " + line)
        for line in mismatches:
            print("MISMATCH", line, file=sys.stderr)
        if mismatches:
            print(f"FAIL: {len(mismatches)} of {checked} values differ", file=sys.stderr)
            sys.exit(1)
        print(f"  checked: {checked} values (filings, moved, seeds, the shares as they went and "
              f"under the rules, the average days and within-limit % as they went: equal; the "
              f"projected means, the engine's and DuckDB's: within {args.sigmas:g} standard "
              f"errors of the expectation)")
        return

    con = connect(args.db, args.threads)
    run_query(con, args.rules, args.start, args.end, args.seeds)
    warm = sorted(run_query(con, args.rules, args.start, args.end, args.seeds)[0]
                  for _ in range(args.repeat))
    print(json.dumps({"rules": args.rules, "warm_best_s": round(warm[0], 4),
                      "warm_median_s": round(statistics.median(warm), 4),
                      "repeat": args.repeat, "threads": args.threads}))


if __name__ == "__main__":
    main()
