#!/usr/bin/env python3
"""Import benchmark: `shenguan import` of one canonical CSV into SQLite and into PostgreSQL, beside
DuckDB loading the same file into a table with read_csv, in the same run.

Each side starts from an empty store every run; the best of --repeat runs is reported (the machine
is shared and noisy). Usage:
  import_bench.py --csv FILE --shenguan target/release/shenguan [--pg URL] [--repeat 3]
"""
import argparse
import os
import shutil
import subprocess
import tempfile
import time

import duckdb

# The canonical columns with the types a competent DuckDB user would declare (no sniffing).
COLUMNS = {
    "case_no": "VARCHAR", "court_code": "VARCHAR", "court_name": "VARCHAR", "procedure": "VARCHAR",
    "cause": "VARCHAR", "division": "VARCHAR", "judge": "VARCHAR", "filed_on": "DATE",
    "closed_on": "DATE", "closing_method": "VARCHAR", "claim_amount": "DECIMAL(18,2)",
    "recovered_amount": "DECIMAL(18,2)", "extension_days": "INTEGER", "excluded_days": "INTEGER",
    "origin_case_no": "VARCHAR",
}


def best(runs):
    return min(runs)


def time_shenguan(binary, db, csv_path, env, reset):
    reset()
    start = time.perf_counter()
    result = subprocess.run([binary, "--db", db, "import", csv_path], env=env,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"shenguan import failed: {result.stderr[-2000:]}")
    return elapsed, result.stdout.strip()


def time_duckdb(csv_path, threads, workdir):
    path = os.path.join(workdir, "peer.duckdb")
    for suffix in ("", ".wal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    con = duckdb.connect(path)
    con.execute(f"SET threads = {threads}")
    columns = ", ".join(f"'{k}': '{v}'" for k, v in COLUMNS.items())
    start = time.perf_counter()
    con.execute(f"""CREATE TABLE cases AS SELECT * FROM read_csv('{csv_path}', header = true,
                    auto_detect = false, delim = ',', quote = '"', columns = {{{columns}}})""")
    con.execute("CHECKPOINT")
    elapsed = time.perf_counter() - start
    rows = con.execute("SELECT count(*) FROM cases").fetchone()[0]
    con.close()
    return elapsed, rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--shenguan", required=True)
    ap.add_argument("--pg", default=os.environ.get("SHENGUAN_BENCH_PG", ""))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    csv_path = os.path.abspath(args.csv)
    with open(csv_path, "rb") as f:
        rows = sum(1 for _ in f) - 1
    size_mb = os.path.getsize(csv_path) / 1e6
    env = dict(os.environ, SHENGUAN_TODAY="2026-11-27")
    env.pop("SHENGUAN_CONFIG", None)
    workdir = tempfile.mkdtemp(prefix="shenguan-import-bench-")
    results = {}

    sqlite_db = os.path.join(workdir, "bench.db")

    def reset_sqlite():
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(sqlite_db + suffix):
                os.remove(sqlite_db + suffix)

    runs = [time_shenguan(args.shenguan, sqlite_db, csv_path, env, reset_sqlite) for _ in range(args.repeat)]
    results["shenguan → SQLite"] = best(r[0] for r in runs)
    print("sqlite summary:", runs[-1][1])

    if args.pg:
        import_schema = "import_bench"
        admin = args.pg

        def reset_pg():
            subprocess.run(["psql", admin, "-qc", f"DROP SCHEMA IF EXISTS {import_schema} CASCADE; CREATE SCHEMA {import_schema}"],
                           check=True, capture_output=True)

        sep = "&" if "?" in admin else "?"
        url = f"{admin}{sep}options=-csearch_path%3D{import_schema}"
        runs = [time_shenguan(args.shenguan, url, csv_path, env, reset_pg) for _ in range(args.repeat)]
        results["shenguan → PostgreSQL"] = best(r[0] for r in runs)
        print("postgres summary:", runs[-1][1])
        reset_pg()

    for threads in (1, 2):
        runs = [time_duckdb(csv_path, threads, workdir) for _ in range(args.repeat)]
        assert runs[0][1] == rows, (runs[0][1], rows)
        results[f"DuckDB read_csv, threads={threads}"] = best(r[0] for r in runs)
    shutil.rmtree(workdir, ignore_errors=True)

    print(f"\n{rows:,} rows, {size_mb:.1f} MB, best of {args.repeat} (duckdb {duckdb.__version__})")
    print(f"{'':36} {'seconds':>8} {'rows/s':>12}")
    for name, seconds in results.items():
        print(f"{name:36} {seconds:8.2f} {rows / seconds:12,.0f}")
    for threads in (1, 2):
        peer = results[f"DuckDB read_csv, threads={threads}"]
        for name in ("shenguan → SQLite", "shenguan → PostgreSQL"):
            if name in results:
                print(f"ratio {name} / DuckDB threads={threads}: {results[name] / peer:.2f}x the time")
    print("RESULT " + " ".join(f"{k.replace(' ', '_')}={v:.3f}" for k, v in results.items()))


if __name__ == "__main__":
    main()
