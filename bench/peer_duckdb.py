#!/usr/bin/env python3
"""The DuckDB peer of bench-case-number: the same job written as a competent DuckDB user would.

Loads the case-number strings (one a line) into an in-memory DuckDB table — from CSV with
read_csv, and from a Parquet file written first — timing each load on its own. Then times one
query over the table: a single regexp_extract into a struct (year, court, special, type, serial)
with a pattern for the current form and its bracket variants, a check of the type code against
the type-code table, a year-range check, a count of valid rows and a sum of the serials.

Three formulations of the type-code check (join, IN over a subquery, IN over a literal list),
each with the CTE inlined and MATERIALIZED, are timed; the fastest is the headline figure. Every
formulation runs at threads=1 (the per-core figure) and threads=2.

What the query does not check, and the Rust parser does: pre-2016 字第 numbers (rejected here),
the 8-digit rule of 刑核 serials, zero court numbers, precise error reasons, full-width digits,
document suffixes such as 之一. See BENCHMARKS.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time

import duckdb

THIS_YEAR = 2026

# Court codes: 最高法, or a province abbreviation with 0, 2 or 4 digits.
PROVINCES = "京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔云藏陕甘青宁新兵军"
PATTERN = (
    r"^[\s\p{Zs}]*"
    r"[（(〔［\[【](\d{4})[）)〕］\]】]"
    r"(最高法|[" + PROVINCES + r"](?:\d{4}|\d{2})?)"
    r"(知?)"
    r"(\p{Han}{1,4})"
    r"(\d{1,9})号"
    r"[\s\p{Zs}]*$"
)
FIELDS = "['year', 'court', 'special', 'type', 'serial']"


def sql_string(text):
    return "'" + text.replace("'", "''") + "'"


def queries(type_codes):
    """The formulations timed, by name. Each runs one regexp_extract per row into a struct.

    Without MATERIALIZED, DuckDB inlines the CTE and pushes the year filter down into the scan
    with its own copy of regexp_extract, so the regex runs twice per row (see EXPLAIN); the
    MATERIALIZED forms keep it to once. All are timed; the fastest is reported.
    """
    extract = f"regexp_extract(s, {sql_string(PATTERN)}, {FIELDS})"
    year_ok = f"TRY_CAST(m.r.year AS INTEGER) BETWEEN 1949 AND {THIS_YEAR}"
    literal_list = ", ".join(sql_string(code) for code in type_codes)
    sums = "SELECT count(*) AS valid, sum(CAST(m.r.serial AS BIGINT)) AS serial_sum"
    checks = {
        "join": f"FROM m JOIN types ON types.code = m.r.type WHERE {year_ok}",
        "in-subquery": f"FROM m WHERE m.r.type IN (SELECT code FROM types) AND {year_ok}",
        "in-list": f"FROM m WHERE m.r.type IN ({literal_list}) AND {year_ok}",
    }
    result = {}
    for materialized in ("", "MATERIALIZED "):
        head = f"WITH m AS {materialized}(SELECT {extract} AS r FROM cases)"
        for name, check in checks.items():
            label = f"{'mat-' if materialized else ''}{name}"
            result[label] = f"{head} {sums} {check}"
    return result


def timed(con, sql, repeat):
    """Runs sql once untimed, then `repeat` times; returns (best, median, result row)."""
    expected = con.execute(sql).fetchall()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        row = con.execute(sql).fetchall()
        times.append(time.perf_counter() - started)
        if row != expected:
            sys.exit(f"two runs of the same query disagree: {row} vs {expected}")
    return min(times), statistics.median(times), expected[0]


def load_csv(con, path):
    con.execute("DROP TABLE IF EXISTS cases")
    started = time.perf_counter()
    con.execute(
        "CREATE TABLE cases AS SELECT s FROM read_csv(?, columns = {'s': 'VARCHAR'}, "
        "header = false, delim = '\t', quote = '', escape = '', auto_detect = false)",
        [path],
    )
    return time.perf_counter() - started


def load_parquet(con, path):
    con.execute("DROP TABLE IF EXISTS cases")
    started = time.perf_counter()
    con.execute("CREATE TABLE cases AS SELECT s FROM read_parquet(?)", [path])
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--in", dest="path", required=True, help="strings, one a line")
    parser.add_argument("--types", required=True, help="type codes, one a line")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    parser.add_argument("--parquet", help="where to write the Parquet copy (default: temp dir)")
    args = parser.parse_args()

    with open(args.types, encoding="utf-8") as f:
        type_codes = [line.strip() for line in f if line.strip()]
    with open(args.path, "rb") as f:
        expected_rows = sum(1 for _ in f)

    con = duckdb.connect()  # in memory
    con.execute("SET preserve_insertion_order = false")
    con.execute("CREATE TABLE types (code VARCHAR PRIMARY KEY)")
    con.executemany("INSERT INTO types VALUES (?)", [[c] for c in type_codes])
    thread_counts = [int(t) for t in args.threads.split(",")]
    print(f"duckdb {duckdb.__version__}, {len(type_codes)} type codes, pattern: {PATTERN}")

    # Loads: CSV (read_csv) and Parquet (read_parquet), each at every thread count.
    parquet = args.parquet or os.path.join(tempfile.mkdtemp(), "case_numbers.parquet")
    load_times = {}
    for threads in thread_counts:
        con.execute(f"SET threads = {threads}")
        load_times[("csv", threads)] = min(load_csv(con, args.path) for _ in range(3))
    con.execute(f"COPY cases TO {sql_string(parquet)} (FORMAT parquet)")
    for threads in thread_counts:
        con.execute(f"SET threads = {threads}")
        load_times[("parquet", threads)] = min(load_parquet(con, parquet) for _ in range(3))
    for (kind, threads), seconds in load_times.items():
        print(f"load {kind:<7} threads={threads}: {seconds:.3f} s (best of 3)")

    rows = con.execute("SELECT count(*) FROM cases").fetchone()[0]
    if rows != expected_rows:
        sys.exit(f"loaded {rows} rows, the file has {expected_rows} lines")
    spaced = con.execute(
        "SELECT count(*) FROM cases WHERE s <> trim(s) OR s LIKE '\u3000%'"
    ).fetchone()[0]
    print(f"rows: {rows} ({spaced} with surrounding spaces kept)")

    results = {}
    for threads in thread_counts:
        con.execute(f"SET threads = {threads}")
        for name, sql in queries(type_codes).items():
            best, median, (valid, serial_sum) = timed(con, sql, args.repeat)
            results[(name, threads)] = (best, median, valid, serial_sum)
            print(
                f"query {name:<16} threads={threads}: best {best:.3f} s = {rows / best:,.0f} rows/s "
                f"= {best * 1e9 / rows:.1f} ns/row; median {median:.3f} s; "
                f"valid {valid}, serial sum {serial_sum}"
            )
    answers = {(v[2], v[3]) for v in results.values()}
    if len(answers) != 1:
        sys.exit(f"the formulations disagree: {answers}")
    valid, serial_sum = answers.pop()

    # Not timed: what the regex accepts that the parser would not (刑核 serials not 8 digits).
    extract = f"regexp_extract(s, {sql_string(PATTERN)}, {FIELDS})"
    short_review, short_review_sum = con.execute(
        f"SELECT count(*), coalesce(sum(CAST(r.serial AS BIGINT)), 0) "
        f"FROM (SELECT {extract} AS r FROM cases) "
        "WHERE r.type = '刑核' AND length(r.serial) <> 8"
    ).fetchone()
    print(
        f"valid rows {valid}, of which 刑核 with a serial not of 8 digits: {short_review} "
        f"(serial sum {short_review_sum})"
    )

    fields = [
        f"rows={rows}",
        f"valid={valid}",
        f"serial_sum={serial_sum}",
        f"short_review={short_review}",
        f"short_review_serial_sum={short_review_sum}",
    ]
    for (kind, threads), seconds in load_times.items():
        fields.append(f"load_{kind}_t{threads}_s={seconds:.4f}")
    for threads in thread_counts:
        best_name = min(
            (name for (name, t) in results if t == threads),
            key=lambda n: results[(n, threads)][0],
        )
        best, median, _, _ = results[(best_name, threads)]
        fields += [
            f"t{threads}_query={best_name}",
            f"t{threads}_best_s={best:.6f}",
            f"t{threads}_median_s={median:.6f}",
            f"t{threads}_best_per_s={rows / best:.0f}",
            f"t{threads}_median_per_s={rows / median:.0f}",
        ]
    print("RESULT duckdb " + " ".join(fields))


if __name__ == "__main__":
    main()
