#!/usr/bin/env python3
"""The DuckDB peer of bench-metrics: the core indicator set for every court x month of a window,
on the same generated data, written as a competent DuckDB user would.

prepare  Loads cases.parquet and the three event kinds the indicators read (上诉, 移送上诉卷宗,
         开庭) from events.parquet into a DuckDB database file (DuckDB's own format), and derives
         once, as the engine's snapshot does, each case's links: its appeal's closing day and
         method, whether it was brought to retrial review or enforcement, whether it had a
         hearing, its first appeal and transfer days, whether it starts a dispute and how many
         cases the dispute has. Timed and reported apart (the engine's snapshot is built by
         `shenguan generate --snapshot`, also apart).
run      One query computes all core indicators per court and month: flows pre-aggregated per
         (court, month of the day that dates them), stocks (pending, older than 12/18/36 months,
         the three-year enforcement cohort) as +1/-1 steps per month summed by a window function
         — no range join. Cold: a fresh process opens the database file and runs it once.
         Warm: the same process runs it again, best and median of --repeat.
oracle   Runs the portable SQL files of crates/metrics/sql (the differential test's oracle) over
         the same database, one per indicator, with a periods table of the months (optional: the
         portable text is written for clarity, not for DuckDB's speed).

The values are checked against the engine's (bench-metrics --out): every court, month and
indicator must agree (counts exactly, the rest within 1e-9 relative).
"""

import argparse
import calendar
import datetime as dt
import json
import math
import os
import statistics
import subprocess
import sys
import threading
import time

import duckdb

CORE = [
    "new", "carried_over", "accepted", "closed", "pending", "close_to_new_ratio", "closure_rate",
    "within_limit_rate", "within_normal_limit_rate", "avg_trial_days", "long_pending_12m",
    "long_pending_18m", "long_pending_36m", "long_pending_12m_ratio", "extension_rate",
    "appeal_rate", "first_instance_reversal_rate", "first_instance_remand_rate",
    "reversal_to_remand", "mediation_rate", "mediation_withdrawal_rate",
    "first_instance_acceptance_rate", "case_matter_ratio", "civil_enforcement_application_rate",
    "simple_procedure_rate", "enforcement_completion_rate", "zhongben_rate",
    "enforcement_recovery_rate", "actual_enforcement_rate", "property_within_limit_rate",
    "three_year_enforcement_rate", "clearance_rate", "disposition_time_days",
]

PREPARE = """
CREATE OR REPLACE TABLE cases AS SELECT * FROM {cases};
CREATE OR REPLACE TABLE events AS
    SELECT case_no, kind, date FROM {events}
    WHERE kind IN ('上诉', '移送上诉卷宗', '开庭');
CREATE OR REPLACE TABLE facts AS
WITH RECURSIVE
appeal AS (
    SELECT origin_case_no AS no,
           min(coalesce(closed_on, DATE '9999-12-31')) AS appeal_closed,
           arg_min(closing_method, coalesce(closed_on, DATE '9999-12-31')) AS appeal_method
    FROM cases WHERE stage = 'second_instance' AND origin_case_no IS NOT NULL GROUP BY 1),
children AS (
    SELECT origin_case_no AS no,
           bool_or(stage = 'second_instance') AS appealed,
           bool_or(stage = 'retrial_review') AS reviewed,
           bool_or(stage = 'enforcement') AS enforced
    FROM cases WHERE origin_case_no IS NOT NULL GROUP BY 1),
ev AS (
    SELECT case_no,
           min(date) FILTER (kind = '上诉') AS appealed_on,
           min(date) FILTER (kind = '移送上诉卷宗') AS sent_on,
           bool_or(kind = '开庭') AS heard
    FROM events GROUP BY 1),
roots AS (
    SELECT c.case_no FROM cases c
    WHERE c.origin_case_no IS NULL
       OR NOT EXISTS (SELECT 1 FROM cases o WHERE o.case_no = c.origin_case_no)),
chain(case_no, root, depth) AS (
    SELECT case_no, case_no, 0 FROM roots
    UNION ALL
    SELECT c.case_no, chain.root, chain.depth + 1 FROM cases c JOIN chain ON c.origin_case_no = chain.case_no
    WHERE chain.depth < 64),
sizes AS (SELECT root AS case_no, count(*) AS chain FROM chain GROUP BY 1)
SELECT c.court_code, c.type_code, c.category, c.stage, c.procedure,
       c.filed_on, c.closed_on, c.deadline, c.closing_method AS method,
       CAST(round(coalesce(c.claim_amount, 0) * 100) AS BIGINT) AS claim_fen,
       CAST(round(coalesce(c.recovered_amount, 0) * 100) AS BIGINT) AS recovered_fen,
       c.extension_days, c.excluded_days,
       coalesce(ch.appealed, false) AS appealed, coalesce(ch.reviewed, false) AS reviewed,
       coalesce(ch.enforced, false) AS enforced, coalesce(ev.heard, false) AS heard,
       s.chain IS NOT NULL AS is_root, coalesce(s.chain, 0) AS chain,
       nullif(a.appeal_closed, DATE '9999-12-31') AS appeal_closed, a.appeal_method,
       ev.appealed_on, ev.sent_on,
       -- Whether the data holds this court's appeals: the court above (by the numbering rule
       -- of ordinary codes: 湘1402 → 湘14, 湘14 → 湘) has cases in it.
       (CASE length(c.court_code) WHEN 5 THEN left(c.court_code, 3)
                                  WHEN 3 THEN left(c.court_code, 1) END)
           IN (SELECT DISTINCT court_code FROM cases) AS appeals_known
FROM cases c
LEFT JOIN appeal a ON a.no = c.case_no
LEFT JOIN children ch ON ch.no = c.case_no
LEFT JOIN ev ON ev.case_no = c.case_no
LEFT JOIN sizes s ON s.case_no = c.case_no;
DROP TABLE cases;
DROP TABLE events;
"""

# Month index of a date: year * 12 + month - 1. {m0} .. {m1} is the window; {before} = m0 - 1.
QUERY = """
WITH
f AS (  -- dated by filing
    SELECT court_code, year(filed_on) * 12 + month(filed_on) - 1 AS m,
           count(*) AS new,
           count(*) FILTER (is_root) AS disputes,
           coalesce(sum(chain) FILTER (is_root), 0) AS dispute_cases
    FROM facts WHERE filed_on BETWEEN DATE '{start}' AND DATE '{end}' GROUP BY ALL),
c AS (  -- dated by closing
    SELECT court_code, year(closed_on) * 12 + month(closed_on) - 1 AS m,
        count(*) AS closed,
        sum(closed_on - filed_on - excluded_days) AS trial_days,
        count(*) FILTER (deadline IS NOT NULL) AS with_deadline,
        count(*) FILTER (closed_on <= deadline) AS within,
        count(*) FILTER (closed_on <= deadline AND extension_days = 0) AS within_normal,
        count(*) FILTER (deadline IS NOT NULL AND extension_days > 0) AS extended,
        count(*) FILTER (stage = 'first_instance' AND appeals_known AND method IN ('判决', '驳回起诉', '不予受理')) AS appealable,
        count(*) FILTER (stage = 'first_instance' AND appeals_known AND method IN ('判决', '驳回起诉', '不予受理') AND appealed) AS appealed,
        count(*) FILTER (stage = 'first_instance') AS fi_closed,
        count(*) FILTER (stage = 'first_instance' AND appeals_known) AS fi_closed_known,
        count(*) FILTER (stage = 'first_instance' AND appeals_known AND (appealed OR reviewed)) AS fi_contested,
        count(*) FILTER (stage = 'first_instance' AND procedure IN ('简易', '小额诉讼', '速裁')) AS fi_simplified,
        count(*) FILTER (stage = 'second_instance' AND method = '改判') AS si_reversed,
        count(*) FILTER (stage = 'second_instance' AND method = '发回重审') AS si_remanded,
        count(*) FILTER (category = 'civil' AND stage IN ('first_instance', 'second_instance', 'retrial')) AS civil_trial,
        count(*) FILTER (category = 'civil' AND stage IN ('first_instance', 'second_instance', 'retrial') AND method = '调解') AS mediated,
        count(*) FILTER (category = 'civil' AND stage IN ('first_instance', 'second_instance', 'retrial') AND method IN ('调解', '撤诉', '按撤诉处理')) AS mediated_withdrawn,
        count(*) FILTER (category = 'civil' AND stage IN ('first_instance', 'second_instance', 'retrial') AND method IN ('判决', '调解', '维持', '驳回上诉', '改判') AND claim_fen > 0) AS payment,
        count(*) FILTER (category = 'civil' AND stage IN ('first_instance', 'second_instance', 'retrial') AND method IN ('判决', '调解', '维持', '驳回上诉', '改判') AND claim_fen > 0 AND enforced) AS payment_enforced,
        count(*) FILTER (type_code = '执') AS enf_closed,
        count(*) FILTER (type_code = '执' AND method = '执行完毕') AS enf_performed,
        count(*) FILTER (type_code = '执' AND method = '终结本次执行') AS enf_zhongben,
        count(*) FILTER (type_code = '执' AND method NOT IN ('销案', '不予执行')) AS enf_proceeded,
        coalesce(sum(claim_fen) FILTER (type_code IN ('执', '执恢')), 0) AS enf_applied,
        coalesce(sum(recovered_fen) FILTER (type_code IN ('执', '执恢')), 0) AS enf_recovered,
        count(*) FILTER (type_code = '执' AND method NOT IN ('终结本次执行', '销案', '不予执行')) AS with_property,
        count(*) FILTER (type_code = '执' AND method = '执行完毕' AND closed_on <= deadline) AS with_property_within
    FROM facts WHERE closed_on BETWEEN DATE '{start}' AND DATE '{end}' GROUP BY ALL),
a AS (  -- first instance, dated by the closing of its appeal
    SELECT court_code, year(appeal_closed) * 12 + month(appeal_closed) - 1 AS m,
           count(*) FILTER (appeal_method = '改判') AS reversed,
           count(*) FILTER (appeal_method = '发回重审') AS remanded
    FROM facts WHERE stage = 'first_instance' AND appeal_closed BETWEEN DATE '{start}' AND DATE '{end}' GROUP BY ALL),
-- Stocks at each month end: a case counts from the month it starts counting to the month before
-- the one it stops (see the macros for "older than N months" and the three-year cohort).
spans AS (
    SELECT court_code, kind, m_from, m_to FROM (
        SELECT court_code, filed_m, closed_m, type_code, method,
               -- older than N months from this month on (see MACROS)
               after_m + 12 + CASE WHEN NOT month_end AND least(dim(after_m + 12), dim(after_m)) <= filed_d THEN 1 ELSE 0 END AS older12_m,
               after_m + 18 + CASE WHEN NOT month_end AND least(dim(after_m + 18), dim(after_m)) <= filed_d THEN 1 ELSE 0 END AS older18_m,
               after_m + 36 + CASE WHEN NOT month_end AND least(dim(after_m + 36), dim(after_m)) <= filed_d THEN 1 ELSE 0 END AS older36_m,
               filed_m + 36 + CASE WHEN least(dim(filed_m + 36), dim(filed_m)) < filed_d THEN 1 ELSE 0 END AS cohort_m
        FROM (
            SELECT court_code, type_code, method,
                   year(filed_on) * 12 + month(filed_on) - 1 AS filed_m,
                   day(filed_on) AS filed_d,
                   day(filed_on + 1) = 1 AS month_end,
                   year(filed_on + 1) * 12 + month(filed_on + 1) - 1 AS after_m,
                   coalesce(year(closed_on) * 12 + month(closed_on) - 1, 1000000) AS closed_m
            FROM facts WHERE filed_on <= DATE '{end}' AND (closed_on IS NULL OR closed_on >= DATE '{before_start}')
               OR type_code = '执' AND filed_on BETWEEN DATE '{cohort_start}' AND DATE '{end}'))
    CROSS JOIN LATERAL (VALUES
        ('pending', filed_m, closed_m),
        ('older12', greatest(filed_m, older12_m), closed_m),
        ('older18', greatest(filed_m, older18_m), closed_m),
        ('older36', greatest(filed_m, older36_m), closed_m),
        ('cohort', CASE WHEN type_code = '执' THEN filed_m ELSE 0 END, CASE WHEN type_code = '执' THEN cohort_m ELSE 0 END),
        ('disposed', CASE WHEN type_code = '执' AND method IN ('执行完毕', '终结本次执行') THEN greatest(filed_m, closed_m) ELSE 0 END,
                     CASE WHEN type_code = '执' AND method IN ('执行完毕', '终结本次执行') THEN cohort_m ELSE 0 END)
    ) AS k(kind, m_from, m_to)
    WHERE m_to > m_from),
steps AS (
    SELECT court_code, greatest(m_from, {before}) AS m, kind, 1 AS step FROM spans WHERE m_to > greatest(m_from, {before})
    UNION ALL
    SELECT court_code, m_to AS m, kind, -1 AS step FROM spans WHERE m_to > greatest(m_from, {before}) AND m_to <= {m1}),
grid AS (
    SELECT court_code, m FROM (SELECT DISTINCT court_code FROM facts)
    CROSS JOIN range({before}, {m1} + 1) AS r(m)),
stock AS (
    SELECT g.court_code, g.m,
        sum(coalesce(s.pending, 0)) OVER w AS pending,
        sum(coalesce(s.older12, 0)) OVER w AS older12,
        sum(coalesce(s.older18, 0)) OVER w AS older18,
        sum(coalesce(s.older36, 0)) OVER w AS older36,
        sum(coalesce(s.cohort, 0)) OVER w AS cohort,
        sum(coalesce(s.disposed, 0)) OVER w AS disposed
    FROM grid g LEFT JOIN (
        SELECT court_code, m,
            sum(step) FILTER (kind = 'pending') AS pending, sum(step) FILTER (kind = 'older12') AS older12,
            sum(step) FILTER (kind = 'older18') AS older18, sum(step) FILTER (kind = 'older36') AS older36,
            sum(step) FILTER (kind = 'cohort') AS cohort, sum(step) FILTER (kind = 'disposed') AS disposed
        FROM steps GROUP BY ALL) s ON s.court_code = g.court_code AND s.m = g.m
    WINDOW w AS (PARTITION BY g.court_code ORDER BY g.m)),
x AS (
    SELECT s.court_code, s.m,
        coalesce(f.new, 0) AS new, p.pending AS carried, s.pending, s.older12, s.older18, s.older36,
        s.cohort, s.disposed, coalesce(f.disputes, 0) AS disputes, coalesce(f.dispute_cases, 0) AS dispute_cases,
        coalesce(a.reversed, 0) AS reversed, coalesce(a.remanded, 0) AS remanded, c.* EXCLUDE (court_code, m)
    FROM stock s
    JOIN stock p ON p.court_code = s.court_code AND p.m = s.m - 1
    LEFT JOIN f ON f.court_code = s.court_code AND f.m = s.m
    LEFT JOIN c ON c.court_code = s.court_code AND c.m = s.m
    LEFT JOIN a ON a.court_code = s.court_code AND a.m = s.m
    WHERE s.m BETWEEN {m0} AND {m1})
SELECT court_code, m,
    new, carried, new + carried, coalesce(closed, 0), pending,
    CAST(coalesce(closed, 0) AS DOUBLE) * 100 / nullif(new, 0),
    CAST(coalesce(closed, 0) AS DOUBLE) * 100 / nullif(new + carried, 0),
    CAST(within AS DOUBLE) * 100 / nullif(with_deadline, 0),
    CAST(within_normal AS DOUBLE) * 100 / nullif(with_deadline, 0),
    CAST(trial_days AS DOUBLE) / nullif(closed, 0),
    older12, older18, older36,
    CAST(older12 AS DOUBLE) * 100 / nullif(new + carried, 0),
    CAST(extended AS DOUBLE) * 100 / nullif(with_deadline, 0),
    CAST(appealed AS DOUBLE) * 100 / nullif(appealable, 0),
    CAST(reversed AS DOUBLE) * 100 / nullif(fi_closed_known, 0),
    CAST(remanded AS DOUBLE) * 100 / nullif(fi_closed_known, 0),
    CAST(si_reversed AS DOUBLE) / nullif(si_remanded, 0),
    CAST(mediated AS DOUBLE) * 100 / nullif(civil_trial, 0),
    CAST(mediated_withdrawn AS DOUBLE) * 100 / nullif(civil_trial, 0),
    100 - CAST(fi_contested AS DOUBLE) * 100 / nullif(fi_closed_known, 0),
    CAST(dispute_cases AS DOUBLE) / nullif(disputes, 0),
    CAST(payment_enforced AS DOUBLE) * 100 / nullif(payment, 0),
    CAST(fi_simplified AS DOUBLE) * 100 / nullif(fi_closed, 0),
    CAST(enf_performed AS DOUBLE) * 100 / nullif(enf_closed, 0),
    CAST(enf_zhongben AS DOUBLE) * 100 / nullif(enf_closed, 0),
    CAST(enf_recovered AS DOUBLE) * 100 / nullif(enf_applied, 0),
    CAST(enf_performed AS DOUBLE) * 100 / nullif(enf_proceeded, 0),
    CAST(with_property_within AS DOUBLE) * 100 / nullif(with_property, 0),
    CAST(disposed AS DOUBLE) * 100 / nullif(cohort, 0),
    CAST(coalesce(closed, 0) AS DOUBLE) * 100 / nullif(new, 0),
    CAST(pending AS DOUBLE) / nullif(closed, 0) * {days_expr}
FROM x ORDER BY court_code, m
"""


# "Older than N months at the end of month m" means filed before the day N months earlier (the
# same day number, clamped to the end of a shorter month: 30 September less 18 months is 30
# March). For a filing day f that is first true at month mi(f + 1) + N, or one month later when
# that month's cut-off day falls on or before f's day; the three-year cohort ends likewise.
MACROS = """
CREATE OR REPLACE TEMP MACRO leap(y) AS (y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0));
CREATE OR REPLACE TEMP MACRO dim(k) AS CASE k % 12 + 1 WHEN 2 THEN CASE WHEN leap(k // 12) THEN 29 ELSE 28 END
    WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END;
"""


def parquet_source(folder, table):
    """DuckDB's reader of one table of an export: `table.parquet`, or the Hive partitions of
    `shenguan export/generate --partition-by court,year` (each part keeps its court_code column,
    so the folders' keys are not read again)."""
    partitions = os.path.join(folder, table)
    if os.path.isdir(partitions):
        # Any depth: court,year, court or year alone.
        return f"read_parquet('{partitions}/**/*.parquet', hive_partitioning = false)"
    return f"read_parquet('{folder}/{table}.parquet')"


def month_index(day):
    return day.year * 12 + day.month - 1


def month_of(index):
    return f"{index // 12}-{index % 12 + 1:02d}"


def query_text(start, end):
    m0, m1 = month_index(start), month_index(end)
    # Days in month m: the window is whole months, so each month counts whole.
    days_expr = "(last_day(make_date(CAST(m // 12 AS BIGINT), CAST(m % 12 + 1 AS BIGINT), 1)) - make_date(CAST(m // 12 AS BIGINT), CAST(m % 12 + 1 AS BIGINT), 1) + 1)"
    # No case filed before this can be in the three-year cohort at any month end of the window.
    cohort_start = months_back(start - dt.timedelta(days=1), 37)
    return QUERY.format(start=start, end=end, m0=m0, m1=m1, before=m0 - 1,
                        before_start=start - dt.timedelta(days=1), cohort_start=cohort_start,
                        days_expr=days_expr)


def connect(path, threads):
    con = duckdb.connect(path)
    con.execute(f"SET threads = {threads}")
    con.execute(MACROS)
    return con


def run_query(con, start, end):
    begin = time.perf_counter()
    rows = con.execute(query_text(start, end)).fetchall()
    return time.perf_counter() - begin, rows


def peak_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def compare(engine_file, rows):
    with open(engine_file) as f:
        engine = json.load(f)
    ours = {}
    for row in rows:
        ours[(row[0], month_of(row[1]))] = row[2:]
    mismatches = []
    checked = 0
    for entry in engine:
        key = (entry["court"], entry["month"])
        if key not in ours:
            mismatches.append(f"{key}: no DuckDB row")
            continue
        for code, value in zip(CORE, ours[key]):
            want = entry[code]
            checked += 1
            if want is None or value is None:
                if want != value:
                    mismatches.append(f"{key} {code}: engine {want}, duckdb {value}")
            elif not math.isclose(float(want), float(value), rel_tol=1e-9, abs_tol=1e-9):
                mismatches.append(f"{key} {code}: engine {want}, duckdb {value}")
    return checked, mismatches


def months_back(day, months):
    index = month_index(day) - months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def oracle(con, parquet_dir, sql_dir, start, end, budget):
    """Runs the portable SQL files (the differential test's oracle) over the canonical Parquet
    files, with a periods table of the window's months; each file gets `budget` seconds."""
    day = "(CAST({col} AS DATE) - DATE '0001-01-01') + 1"
    con.execute(
        "CREATE OR REPLACE TEMP VIEW cases AS SELECT case_no, court_code, type_code, category, stage, "
        "procedure, " + day.format(col="filed_on") + " AS filed_day, "
        + day.format(col="closed_on") + " AS closed_day, " + day.format(col="deadline") + " AS deadline_day, "
        "closing_method, CAST(round(claim_amount * 100) AS BIGINT) AS claim_fen, "
        "CAST(round(recovered_amount * 100) AS BIGINT) AS recovered_fen, extension_days, excluded_days, "
        f"origin_case_no FROM read_parquet('{parquet_dir}/cases.parquet')")
    con.execute(
        "CREATE OR REPLACE TEMP VIEW events AS SELECT case_no, kind, " + day.format(col="date")
        + f" AS day FROM read_parquet('{parquet_dir}/events.parquet')")
    periods = []
    index = month_index(start)
    while index <= month_index(end):
        first = dt.date(index // 12, index % 12 + 1, 1)
        last = dt.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
        periods.append((index, first.toordinal(), last.toordinal(), months_back(last, 12).toordinal(),
                        months_back(last, 18).toordinal(), months_back(last, 36).toordinal()))
        index += 1
    con.execute("CREATE OR REPLACE TEMP TABLE periods (period_id BIGINT, from_day BIGINT, to_day BIGINT, "
                "cut12_day BIGINT, cut18_day BIGINT, cut36_day BIGINT)")
    con.executemany("INSERT INTO periods VALUES (?, ?, ?, ?, ?, ?)", periods)
    times = {}
    for code in CORE:
        with open(os.path.join(sql_dir, f"{code}.sql")) as f:
            text = f.read()
        timer = threading.Timer(budget, con.interrupt)
        timer.start()
        begin = time.perf_counter()
        try:
            con.execute(text).fetchall()
            times[code] = round(time.perf_counter() - begin, 3)
        except duckdb.InterruptException:
            times[code] = None
        finally:
            timer.cancel()
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["prepare", "run", "cold", "oracle"])
    parser.add_argument("--sql-dir")
    parser.add_argument("--budget", type=float, default=60.0)
    parser.add_argument("--db", required=True)
    parser.add_argument("--parquet-dir")
    parser.add_argument("--from", dest="start")
    parser.add_argument("--to", dest="end")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--engine-values")
    args = parser.parse_args()

    if args.action == "prepare":
        if os.path.exists(args.db):
            os.remove(args.db)
        con = connect(args.db, args.threads)
        begin = time.perf_counter()
        con.execute(PREPARE.format(cases=parquet_source(args.parquet_dir, "cases"),
                                    events=parquet_source(args.parquet_dir, "events")))
        con.execute("CHECKPOINT")
        count = con.execute("SELECT count(*) FROM facts").fetchone()[0]
        print(json.dumps({"prepare_s": round(time.perf_counter() - begin, 3), "cases": count,
                          "db_bytes": os.path.getsize(args.db)}))
        return

    start = dt.date.fromisoformat(args.start)
    end = dt.date.fromisoformat(args.end)
    if args.action == "oracle":
        con = connect(":memory:", args.threads)
        times = oracle(con, args.parquet_dir, args.sql_dir, start, end, args.budget)
        done = [t for t in times.values() if t is not None]
        print(json.dumps({"files": len(times), "finished": len(done), "total_s": round(sum(done), 3),
                          "budget_s_each": args.budget, "per_file_s": times}))
        return
    if args.action == "cold":
        # A fresh process: open the database file and run the query once.
        begin = time.perf_counter()
        con = connect(args.db, args.threads)
        seconds, rows = run_query(con, start, end)
        print(json.dumps({"open_and_query_s": round(time.perf_counter() - begin, 4),
                          "query_s": round(seconds, 4), "rows": len(rows), "peak_kb": peak_kb()}))
        return

    begin = time.perf_counter()
    cold = subprocess.run([sys.executable, __file__, "cold", "--db", args.db, "--from", args.start,
                           "--to", args.end, "--threads", str(args.threads)],
                          capture_output=True, text=True, check=True)
    cold_wall = time.perf_counter() - begin
    cold_result = json.loads(cold.stdout)
    con = connect(args.db, args.threads)
    _, rows = run_query(con, start, end)
    warm = sorted(run_query(con, start, end)[0] for _ in range(args.repeat))
    report = {
        "cold_process_wall_s": round(cold_wall, 4),
        "cold_open_and_query_s": cold_result["open_and_query_s"],
        "cold_query_s": cold_result["query_s"],
        "cold_peak_kb": cold_result["peak_kb"],
        "warm_best_s": round(warm[0], 4),
        "warm_median_s": round(statistics.median(warm), 4),
        "rows": len(rows),
        "threads": args.threads,
        "duckdb": duckdb.__version__,
    }
    if args.engine_values:
        checked, mismatches = compare(args.engine_values, rows)
        report["values_checked"] = checked
        report["mismatches"] = len(mismatches)
        for line in mismatches[:20]:
            print("MISMATCH", line, file=sys.stderr)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
