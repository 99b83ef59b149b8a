#!/usr/bin/env bash
# Metrics benchmark: the core indicator set for every court × month of three years on CASES
# generated cases (default ten million), by the engine (bench-metrics over a case snapshot) and
# by DuckDB (bench/peer_duckdb_metrics.py over its own database file) in the same run, with the
# values checked against each other. See BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-10000000}
SEED=${SEED:-1}
FROM=${FROM:-2023-11-01}
TO=${TO:-2026-10-31}
THREADS=${THREADS:-2}
OUT=bench/out/metrics_${CASES}
cargo build --release -p shenguan-cli -p shenguan-bench
if [ ! -f "$OUT/cases.snapshot" ]; then
    rm -rf "$OUT"
    /usr/bin/time -f "generate + snapshot: wall %e s, peak %M KB" env SHENGUAN_TODAY=2026-11-27 \
        target/release/shenguan generate --cases "$CASES" --seed "$SEED" --from 2017-01-01 \
        --to 2026-10-31 --threads 2 --out "$OUT" --format parquet --snapshot "$OUT/cases.snapshot"
fi
if [ ! -f "$OUT/peer.duckdb" ]; then
    python3 bench/peer_duckdb_metrics.py prepare --db "$OUT/peer.duckdb" --parquet-dir "$OUT" \
        --threads "$THREADS"
fi
ls -l "$OUT"
echo "engine, cold (a fresh process reads the snapshot and computes once):"
/usr/bin/time -f "  wall %e s, peak %M KB" target/release/bench-metrics "$OUT/cases.snapshot" \
    "$FROM" "$TO" --repeat 0 --threads "$THREADS"
echo "engine, warm (columns in memory; best and median of 7):"
target/release/bench-metrics "$OUT/cases.snapshot" "$FROM" "$TO" --repeat 7 --threads "$THREADS" \
    --out "$OUT/engine.json"
echo "DuckDB (cold: a fresh process opens the database file; warm: best and median of 7):"
python3 bench/peer_duckdb_metrics.py run --db "$OUT/peer.duckdb" --from "$FROM" --to "$TO" \
    --threads "$THREADS" --repeat 7 --engine-values "$OUT/engine.json"
if [ "${ORACLE:-0}" = 1 ]; then
    echo "DuckDB running the portable SQL files themselves over the Parquet files (one query per indicator):"
    python3 bench/peer_duckdb_metrics.py oracle --db :memory: --parquet-dir "$OUT" \
        --sql-dir crates/metrics/sql --from "$FROM" --to "$TO" --threads "$THREADS" --budget 120
fi
