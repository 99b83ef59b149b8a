#!/usr/bin/env python3
"""The DuckDB peer of `shenguan metrics targets`: the five enforcement targets (四个90%、一个80%)
per court over a period, on the same generated data, written as a competent DuckDB user would.

prepare  Loads cases.parquet whole and, from events.parquet, only the seven kinds the 终本
         checklist reads (执行通知, 报告财产令, 限制消费, 失信, 查控, 现场调查, 约谈) into a DuckDB
         database file (DuckDB's own format), with an empty table of reviewers' findings (the
         simulator writes none; the query reads it as the engine does). Also checks that DuckDB's
         `date + INTERVAL 3 MONTH` clamps month ends as chrono's `checked_add_months` does.
cold     A fresh process opens the database file and runs the query once: targets 1, 2 and 5 per
         court, the 终本 cases not told by the checklist, the cases short of each threshold, whether
         each court meets the standard and the share of courts that do. With --engine-values (the
         JSON of `shenguan metrics targets --format json` over the same period) it compares every
         value and exits 1 on any difference.
run      The same query warm: once to warm up, then best and median of --repeat.

The readings are the engine's (docs/enforcement.md, crates/metrics/src/targets.rs and the
portable SQL of crates/metrics/sql/zhongben_compliance_rate.sql):
- target 1: 执 cases closed in the period other than by 终结本次执行, 销案 or 不予执行 (a case closed
  with no method counts); met when closed 执行完毕 on or before the deadline;
- target 2: 执 cases closed by 终结本次执行 in the period; a reviewer's finding when there is one;
  else not compliant when the closing date is not after filing + 3 calendar months; else
  undetermined when none of the seven kinds is dated from filing to closing (inclusive); else
  compliant when 执行通知, 报告财产令, 限制消费, 查控, 现场调查 and 约谈 are all there;
- target 5: 执 cases filed in the 36 months up to the period's end (end - 36 months < filed <= end),
  met when closed by the end as 执行完毕 or 终结本次执行;
- cases short: ceil(threshold% x all - met) in hundredths of a percent, 0 when met;
- a court meets the standard when it passes every 90% target it has cases for (1 and 2); the
  courts listed are those with cases in targets 1 or 2, undetermined 终本 cases or a cohort; the
  share is meeting / courts whose standing is known.
"""

import argparse
import calendar
import datetime as dt
import json
import os
import statistics
import sys
import time

import duckdb

sys.dont_write_bytecode = True  # no __pycache__ left in bench/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_duckdb_metrics import peak_kb  # noqa: E402

KINDS = ("执行通知", "报告财产令", "限制消费", "失信", "查控", "现场调查", "约谈")

PREPARE = """
CREATE OR REPLACE TABLE cases AS SELECT * FROM read_parquet('{dir}/cases.parquet');
CREATE OR REPLACE TABLE events AS
    SELECT case_no, kind, date FROM read_parquet('{dir}/events.parquet')
    WHERE kind IN ({kinds});
-- A reviewer's finding on a 终本 case (the latest, one per case) overrides the checklist.
CREATE OR REPLACE TABLE zhongben_findings (case_no VARCHAR PRIMARY KEY, compliant BOOLEAN NOT NULL);
"""

# Thresholds in hundredths of a percent: 90% -> 9000; short = ceil((all*9000 - met*10000) / 10000).
QUERY = """
WITH
-- Every 执 case that feeds a target: closed in the period, or in the three-year cohort at its end.
-- Inlined into both readers (a second scan of the columns it needs costs less than materialising).
enf AS NOT MATERIALIZED (
    SELECT case_no, court_code, stage, filed_on, closed_on, deadline, closing_method AS method,
           closed_on BETWEEN DATE '{start}' AND DATE '{end}' AS closed_in,
           filed_on > DATE '{end}' - INTERVAL 36 MONTH AND filed_on <= DATE '{end}' AS cohort
    FROM cases
    WHERE type_code = '执'
      AND (closed_on BETWEEN DATE '{start}' AND DATE '{end}'
           OR filed_on > DATE '{end}' - INTERVAL 36 MONTH AND filed_on <= DATE '{end}')),
-- Targets 1 and 5 in one pass over those cases.
flows AS (
    SELECT court_code,
        count(*) FILTER (closed_in AND stage = 'enforcement'
                         AND coalesce(method, '') NOT IN ('终结本次执行', '销案', '不予执行')) AS t1_all,
        count(*) FILTER (closed_in AND stage = 'enforcement' AND method = '执行完毕'
                         AND closed_on <= deadline) AS t1_met,
        count(*) FILTER (cohort) AS t5_all,
        count(*) FILTER (cohort AND closed_on <= DATE '{end}'
                         AND method IN ('执行完毕', '终结本次执行')) AS t5_met
    FROM enf GROUP BY court_code),
-- The 终本 closures of the period.
zb AS (
    SELECT case_no, court_code, filed_on, closed_on FROM enf
    WHERE closed_in AND stage = 'enforcement' AND method = '终结本次执行'),
-- The checklist's steps of each 终本 case, dated from its filing to its closing: one pass over
-- the events, grouped per case.
marks AS (
    SELECT e.case_no,
           bool_or(e.kind = '执行通知') AND bool_or(e.kind = '报告财产令')
               AND bool_or(e.kind = '限制消费') AND bool_or(e.kind = '查控')
               AND bool_or(e.kind = '现场调查') AND bool_or(e.kind = '约谈') AS all_steps
    FROM events e JOIN zb ON zb.case_no = e.case_no
    WHERE e.date BETWEEN zb.filed_on AND zb.closed_on
    GROUP BY e.case_no),
standing AS (
    SELECT zb.court_code,
           CASE WHEN f.compliant IS NOT NULL THEN f.compliant
                WHEN zb.closed_on <= zb.filed_on + INTERVAL 3 MONTH THEN false
                WHEN m.case_no IS NULL THEN NULL      -- no step recorded: undetermined
                ELSE m.all_steps END AS compliant
    FROM zb LEFT JOIN marks m ON m.case_no = zb.case_no
            LEFT JOIN zhongben_findings f ON f.case_no = zb.case_no),
zhongben AS (
    SELECT court_code,
           count(*) FILTER (compliant) AS t2_met,
           count(compliant) AS t2_all,
           count(*) FILTER (compliant IS NULL) AS undetermined
    FROM standing GROUP BY court_code),
courts AS (
    SELECT court_code,
           coalesce(t1_met, 0) AS t1_met, coalesce(t1_all, 0) AS t1_all,
           coalesce(t2_met, 0) AS t2_met, coalesce(t2_all, 0) AS t2_all,
           coalesce(undetermined, 0) AS undetermined,
           coalesce(t5_met, 0) AS t5_met, coalesce(t5_all, 0) AS t5_all
    FROM flows FULL JOIN zhongben USING (court_code)),
shorts AS (
    SELECT *,
           CASE WHEN t1_all = 0 THEN NULL ELSE short(t1_met, t1_all, 9000) END AS t1_short,
           CASE WHEN t2_all = 0 THEN NULL ELSE short(t2_met, t2_all, 9000) END AS t2_short,
           CASE WHEN t5_all = 0 THEN NULL ELSE short(t5_met, t5_all, 8000) END AS t5_short
    FROM courts
    WHERE t1_all > 0 OR t2_all > 0 OR undetermined > 0 OR t5_all > 0),
judged AS (
    SELECT *,
           CASE WHEN t1_short IS NULL AND t2_short IS NULL THEN NULL
                ELSE coalesce(t1_short = 0, true) AND coalesce(t2_short = 0, true) END AS meets
    FROM shorts)
SELECT court_code, t1_met, t1_all, t1_short, t2_met, t2_all, t2_short, undetermined,
       t5_met, t5_all, t5_short, meets,
       count(*) FILTER (meets) OVER () AS courts_meeting,
       count(meets) OVER () AS courts_judged
FROM judged ORDER BY court_code
"""

MACROS = """
CREATE OR REPLACE TEMP MACRO short(met, total, basis) AS
    CASE WHEN met * 10000 >= total * basis THEN 0
         ELSE (total * basis - met * 10000 + 9999) // 10000 END;
"""

COLUMNS = ["court", "t1_met", "t1_all", "t1_short", "t2_met", "t2_all", "t2_short",
           "undetermined", "t5_met", "t5_all", "t5_short", "meets", "courts_meeting",
           "courts_judged"]


def connect(path, threads):
    con = duckdb.connect(path, read_only=path != ":memory:" and os.path.exists(path))
    con.execute(f"SET threads = {threads}")
    con.execute(MACROS)
    return con


def run_query(con, start, end):
    begin = time.perf_counter()
    rows = con.execute(QUERY.format(start=start, end=end)).fetchall()
    return time.perf_counter() - begin, [dict(zip(COLUMNS, row)) for row in rows]


def short_of(met, total, basis):
    """The engine's `targets::short_of` (threshold in hundredths of a percent)."""
    return 0 if met * 10000 >= total * basis else (total * basis - met * 10000 + 9999) // 10000


def check_interval(con):
    """DuckDB's `d + INTERVAL 3 MONTH` against chrono's checked_add_months (same day number,
    clamped to the end of a shorter month) for every day of 2015..2027."""
    def add_months(day, months):
        index = day.year * 12 + day.month - 1 + months
        year, month = index // 12, index % 12 + 1
        return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))

    rows = con.execute(
        "SELECT d::DATE, CAST(d::DATE + INTERVAL 3 MONTH AS DATE), CAST(d::DATE - INTERVAL 36 MONTH AS DATE) "
        "FROM range(DATE '2015-01-01', DATE '2028-01-01', INTERVAL 1 DAY) t(d)").fetchall()
    wrong = [(d, p3, m36) for d, p3, m36 in rows
             if p3 != add_months(d, 3) or m36 != add_months(d, -36)]
    return len(rows), wrong


def compare(engine_file, rows):
    """Every court's counts and derived values, the total and the share, against the engine's JSON."""
    with open(engine_file) as f:
        engine = json.load(f)
    ours = {row["court"]: row for row in rows}
    checked, mismatches = 0, []

    def same(what, want, have):
        nonlocal checked
        checked += 1
        if want != have:
            mismatches.append(f"{what}: engine {want}, duckdb {have}")

    def targets_of(entry):
        by = {t["target"]: t for t in entry["targets"]}
        return (by["property_within_limit_rate"], by["zhongben_compliance_rate"],
                by["three_year_enforcement_rate"])

    theirs = [c["court"] for c in engine["courts"]]
    same("courts listed", sorted(theirs), sorted(ours))
    totals = {k: 0 for k in ("t1_met", "t1_all", "t2_met", "t2_all", "undetermined", "t5_met", "t5_all")}
    for entry in engine["courts"]:
        row = ours.get(entry["court"])
        if row is None:
            continue
        t1, t2, t5 = targets_of(entry)
        court = entry["court"]
        for key, target, part in (("t1", t1, "met"), ("t1", t1, "all"), ("t2", t2, "met"),
                                  ("t2", t2, "all"), ("t5", t5, "met"), ("t5", t5, "all"),
                                  ("t1", t1, "short"), ("t2", t2, "short"), ("t5", t5, "short")):
            same(f"{court} {key}_{part}", target[part], row[f"{key}_{part}"])
        same(f"{court} undetermined", entry["zhongben_undetermined"], row["undetermined"])
        same(f"{court} meets", entry["meets"], row["meets"])
    for row in rows:
        for key in totals:
            totals[key] += row[key]
    t1, t2, t5 = targets_of(engine["total"])
    for key, target in (("t1", t1), ("t2", t2), ("t5", t5)):
        same(f"total {key}_met", target["met"], totals[f"{key}_met"])
        same(f"total {key}_all", target["all"], totals[f"{key}_all"])
    same("total undetermined", engine["total"]["zhongben_undetermined"], totals["undetermined"])
    share = engine["courts_meeting"]
    meeting = rows[0]["courts_meeting"] if rows else 0
    judged = rows[0]["courts_judged"] if rows else 0
    same("share met (courts meeting)", share["met"], meeting)
    same("share all (courts judged)", share["all"], judged)
    same("share short", share["short"], short_of(meeting, judged, 9000) if judged else None)
    return checked, mismatches


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["prepare", "cold", "run"])
    parser.add_argument("--db", required=True)
    parser.add_argument("--parquet-dir")
    parser.add_argument("--from", dest="start")
    parser.add_argument("--to", dest="end")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--engine-values")
    parser.add_argument("--show", action="store_true", help="print DuckDB's rows")
    args = parser.parse_args()

    if args.action == "prepare":
        if os.path.exists(args.db):
            os.remove(args.db)
        con = connect(args.db, args.threads)
        days, wrong = check_interval(con)
        print(f"INTERVAL check: {days} days, DuckDB's +3 / -36 months agree with checked_add_months "
              f"on {days - len(wrong)}" + (f"; differ on {wrong[:5]}" if wrong else ""))
        if wrong:
            sys.exit(1)
        begin = time.perf_counter()
        con.execute(PREPARE.format(dir=args.parquet_dir, kinds=", ".join(f"'{k}'" for k in KINDS)))
        con.execute("CHECKPOINT")
        cases = con.execute("SELECT count(*) FROM cases").fetchone()[0]
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        print(json.dumps({"prepare_s": round(time.perf_counter() - begin, 3), "cases": cases,
                          "checklist_events": events, "db_bytes": os.path.getsize(args.db)}))
        return

    start = dt.date.fromisoformat(args.start)
    end = dt.date.fromisoformat(args.end)
    if args.action == "cold":
        # A fresh process: open the database file and run the query once.
        begin = time.perf_counter()
        con = connect(args.db, args.threads)
        seconds, rows = run_query(con, start, end)
        report = {"open_and_query_s": round(time.perf_counter() - begin, 4),
                  "query_s": round(seconds, 4), "courts": len(rows), "peak_kb": peak_kb(),
                  "threads": args.threads, "duckdb": duckdb.__version__}
        if args.show:
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
        if args.engine_values:
            checked, mismatches = compare(args.engine_values, rows)
            report["values_checked"] = checked
            report["mismatches"] = len(mismatches)
            for line in mismatches[:40]:
                print("MISMATCH", line, file=sys.stderr)
            print(json.dumps(report, ensure_ascii=False))
            if mismatches:
                print(f"FAIL: {len(mismatches)} of {checked} values differ", file=sys.stderr)
                sys.exit(1)
            print(f"checked: all {checked} values equal ({len(rows)} courts: met/all/short of "
                  f"targets 1, 2, 5, undetermined, meets; the total; the share)")
            return
        print(json.dumps(report, ensure_ascii=False))
        return

    con = connect(args.db, args.threads)
    run_query(con, start, end)
    warm = sorted(run_query(con, start, end)[0] for _ in range(args.repeat))
    print(json.dumps({"warm_best_s": round(warm[0], 4), "warm_median_s": round(statistics.median(warm), 4),
                      "repeat": args.repeat, "threads": args.threads}))


if __name__ == "__main__":
    main()
