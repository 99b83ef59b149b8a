#!/usr/bin/env bash
# Import benchmark: one canonical CSV (ROWS rows, SEED) into SQLite and PostgreSQL with
# `shenguan import`, and into DuckDB with read_csv, in the same run. See BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
SEED=${SEED:-20260101}
REPEAT=${REPEAT:-3}
PG=${SHENGUAN_BENCH_PG:-postgres://shenguan:shenguan@localhost/shenguan_test}
OUT=bench/out
mkdir -p "$OUT"

echo "== build"
cargo build --release -p shenguan-cli
python3 -c 'import duckdb' 2>/dev/null || python3 -m pip install duckdb

DATA=$OUT/import_${ROWS}_${SEED}.csv
[ -f "$DATA" ] || python3 bench/make_import_data.py "$ROWS" "$SEED" "$DATA"

echo "== import $DATA"
python3 bench/import_bench.py --csv "$DATA" --shenguan target/release/shenguan --pg "$PG" --repeat "$REPEAT" |
    tee "$OUT/import.txt"
