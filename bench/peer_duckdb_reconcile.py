#!/usr/bin/env python3
"""The DuckDB peer of `shenguan check --only reconcile`: the stock-flow reconciliation of every
court x month of a window on the same data, written as a competent DuckDB user would.

prepare  Loads the cases (number, court, filing and closing days) from a CSV file, and the
         stock and flow a recorded bulletin printed (exported from the store by run-check.sh as
         reported.csv), into a DuckDB database file (DuckDB's own format). Timed apart.
run      One query: 新收 and 结案 pre-aggregated per court and month, 未结 at each month's end as the
         running sum of (filed − closed) by a window function over the months (no range join),
         旧存 as the month before's 未结, the cases closed before they were filed listed, each
         month's balance checked, and every month the bulletin printed compared with the figure
         now. Cold: a fresh process opens the file and runs it once; warm: best and median of
         --repeat in the same process.

The flows are checked against the bulletin's own (recorded by shenguan when it was written from
the same store): every court and month must agree.
"""

import argparse
import statistics
import sys
import time

import duckdb

PREPARE = """
CREATE OR REPLACE TABLE cases AS
    SELECT case_no, court_code, filed_on::DATE AS filed_on, closed_on::DATE AS closed_on
    FROM read_csv('{cases}', header = true,
        columns = {{'case_no': 'VARCHAR', 'court_code': 'VARCHAR', 'filed_on': 'DATE',
                    'closed_on': 'DATE'}});
CREATE OR REPLACE TABLE reported AS
    SELECT * FROM read_csv('{reported}', header = true,
        columns = {{'court_code': 'VARCHAR', 'month': 'VARCHAR', 'carried': 'BIGINT',
                    'filed': 'BIGINT', 'closed': 'BIGINT', 'pending': 'BIGINT'}});
"""

QUERY = """
WITH months AS (
    SELECT m::DATE AS m FROM generate_series(DATE '{first}' - INTERVAL 1 MONTH, DATE '{last}',
        INTERVAL 1 MONTH) t(m)),
courts AS (SELECT DISTINCT court_code FROM cases),
filed AS (
    SELECT court_code, date_trunc('month', filed_on)::DATE AS m, count(*) AS n
    FROM cases GROUP BY ALL),
closed AS (
    SELECT court_code, date_trunc('month', closed_on)::DATE AS m, count(*) AS n
    FROM cases WHERE closed_on IS NOT NULL GROUP BY ALL),
before AS (
    -- What is pending at the end of the month before the window: filed before it, not closed
    -- before it (a case closed before it was filed is in no stock).
    SELECT court_code, count(*) AS n FROM cases
    WHERE filed_on < DATE '{first}' - INTERVAL 1 MONTH
      AND (closed_on IS NULL OR closed_on >= DATE '{first}' - INTERVAL 1 MONTH)
      AND (closed_on IS NULL OR closed_on >= filed_on)
    GROUP BY ALL),
odd AS (
    SELECT court_code, date_trunc('month', filed_on)::DATE AS fm,
           date_trunc('month', closed_on)::DATE AS cm
    FROM cases WHERE closed_on < filed_on),
odd_by_month AS (
    SELECT court_code, m, sum(n) AS n FROM (
        SELECT court_code, fm AS m, 1 AS n FROM odd WHERE fm <> cm
        UNION ALL SELECT court_code, cm AS m, -1 AS n FROM odd WHERE fm <> cm) GROUP BY ALL),
grid AS (
    SELECT c.court_code, months.m,
           coalesce(f.n, 0) AS filed, coalesce(x.n, 0) AS closed, coalesce(o.n, 0) AS odd
    FROM courts c CROSS JOIN months
    LEFT JOIN filed f ON f.court_code = c.court_code AND f.m = months.m
    LEFT JOIN closed x ON x.court_code = c.court_code AND x.m = months.m
    LEFT JOIN odd_by_month o ON o.court_code = c.court_code AND o.m = months.m),
flow AS (
    SELECT g.court_code, g.m, g.filed, g.closed,
           coalesce(b.n, 0) + sum(g.filed - g.closed - g.odd) OVER w
               - (g.filed - g.closed - g.odd) AS carried,
           coalesce(b.n, 0) + sum(g.filed - g.closed - g.odd) OVER w AS pending
    FROM grid g LEFT JOIN before b USING (court_code)
    WINDOW w AS (PARTITION BY g.court_code ORDER BY g.m
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),
now AS (SELECT * FROM flow WHERE m >= DATE '{first}'),
breaks AS (
    SELECT n.court_code, strftime(n.m, '%Y-%m') AS month, 'unbalanced' AS kind,
           n.carried + n.filed - n.closed AS expected, n.pending AS found
    FROM now n WHERE n.carried + n.filed - n.closed <> n.pending
    UNION ALL
    SELECT n.court_code, r.month, 'revised:' || k.measure,
           CASE k.measure WHEN 'carried' THEN r.carried WHEN 'filed' THEN r.filed
                          WHEN 'closed' THEN r.closed ELSE r.pending END,
           CASE k.measure WHEN 'carried' THEN n.carried WHEN 'filed' THEN n.filed
                          WHEN 'closed' THEN n.closed ELSE n.pending END
    FROM now n JOIN reported r
      ON r.court_code = n.court_code AND r.month = strftime(n.m, '%Y-%m')
    CROSS JOIN (VALUES ('carried'), ('filed'), ('closed'), ('pending')) k(measure)
    WHERE CASE k.measure WHEN 'carried' THEN r.carried <> n.carried
                         WHEN 'filed' THEN r.filed <> n.filed
                         WHEN 'closed' THEN r.closed <> n.closed
                         ELSE r.pending <> n.pending END)
SELECT
    (SELECT count(*) FROM now) AS cells,
    (SELECT count(*) FROM breaks) AS breaks,
    (SELECT list(case_no) FROM cases WHERE closed_on < filed_on) AS closed_before_filed,
    (SELECT count(*) FROM now n JOIN reported r
        ON r.court_code = n.court_code AND r.month = strftime(n.m, '%Y-%m')
        AND (r.carried, r.filed, r.closed, r.pending) = (n.carried, n.filed, n.closed, n.pending))
        AS agree_with_report,
    (SELECT count(*) FROM reported) AS reported
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["prepare", "run"])
    parser.add_argument("--db", required=True)
    parser.add_argument("--cases")
    parser.add_argument("--reported")
    parser.add_argument("--first", help="the window's first month, YYYY-MM-01")
    parser.add_argument("--last", help="the window's last month, YYYY-MM-01")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    con = duckdb.connect(args.db)
    con.execute(f"SET threads = {args.threads}")
    if args.step == "prepare":
        start = time.perf_counter()
        con.execute(PREPARE.format(cases=args.cases, reported=args.reported))
        print(f"  prepare: {time.perf_counter() - start:.2f} s")
        return
    query = QUERY.format(first=args.first, last=args.last)
    start = time.perf_counter()
    row = con.execute(query).fetchone()
    cold = time.perf_counter() - start
    cells, breaks, odd, agree, reported = row
    print(f"  cold: {cold:.2f} s — {cells} court-months, {breaks} breaks, "
          f"{len(odd or [])} closed before filed, {agree} of {reported} reported months agree")
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        con.execute(query).fetchone()
        times.append(time.perf_counter() - start)
    if times:
        print(f"  warm: best {min(times):.3f} s, median {statistics.median(times):.3f} s")
    if agree != reported:
        sys.exit("the flows DuckDB computed differ from the bulletin's")


if __name__ == "__main__":
    main()
