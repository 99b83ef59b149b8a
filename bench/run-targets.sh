#!/usr/bin/env bash
# The five enforcement targets (四个90%、一个80%) and the 终本 checklist on the store path:
# `shenguan metrics targets --db STORE` as a user runs it (a fresh process, no snapshot named), on
# CASES generated cases (default ten million) in a SQLite store, against DuckDB on the same data in
# the same run; and the cost of the columns rebuilt from the store's rows, which now read every
# case's checklist events. The cold runs of both tools alternate in three rounds; each DuckDB answer
# is checked against the engine's JSON of the same round. At ten million cases the store needs
# about 30 GB free while `generate` finishes. See BENCHMARKS.md ("The five enforcement targets and
# the 终本 checklist").
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-10000000}
SEED=${SEED:-1}
FROM=${FROM:-2026-01-01}
TO=${TO:-2026-10-31}
THREADS=${THREADS:-2}
# KEEP=1 keeps the store, the Parquet files and the DuckDB file (many GB at ten million cases).
KEEP=${KEEP:-0}
OUT=bench/out/targets_${CASES}
export SHENGUAN_TODAY=2026-11-27
cargo build --release -p shenguan-cli
python3 -c "import duckdb" 2>/dev/null || python3 -m pip install duckdb
SG=${CARGO_TARGET_DIR:-target}/release/shenguan
rm -rf "$OUT" && mkdir -p "$OUT"
timed() { /usr/bin/time -f "  wall %e s, peak %M KB" "$@"; }

echo "generate into the store (columns kept beside it):"
timed "$SG" --db "$OUT/store.db" generate --cases "$CASES" --seed "$SEED" --from 2017-01-01 \
    --to 2026-10-31 --threads 2 > /dev/null
ls -l "$OUT"

echo "DuckDB on the same data (the same seed written as Parquet, its own database file):"
"$SG" generate --cases "$CASES" --seed "$SEED" --from 2017-01-01 --to 2026-10-31 --threads 2 \
    --out "$OUT/files" --format parquet > /dev/null
timed python3 bench/peer_duckdb_targets.py prepare --db "$OUT/peer.duckdb" \
    --parquet-dir "$OUT/files" --threads "$THREADS"

# The cold runs in interleaved rounds, so that a busy moment of the shared host falls on both.
query=(metrics targets --from "$FROM" --to "$TO" --format json)
for run in 1 2 3; do
    echo "round $run ($(uptime | sed 's/.*load/load/')):"
    echo " metrics targets --db, cold process, columns fresh:"
    timed "$SG" --db "$OUT/store.db" "${query[@]}" > "$OUT/targets.json"
    echo " DuckDB, cold process (open_and_query_s leaves out Python's start-up), checked against it:"
    timed python3 bench/peer_duckdb_targets.py cold --db "$OUT/peer.duckdb" --from "$FROM" \
        --to "$TO" --threads "$THREADS" --engine-values "$OUT/targets.json"
    echo " the same columns file read as a snapshot (\`--snapshot\`: the case numbers skipped):"
    timed "$SG" "${query[@]}" --snapshot "$OUT/store.db.columns" > "$OUT/targets_snapshot.json"
    cmp "$OUT/targets.json" "$OUT/targets_snapshot.json"
done
echo "Python's start-up and import of duckdb alone (left out of the ratio):"
timed python3 -c "import duckdb"
echo "DuckDB warm (the same process, after one run):"
python3 bench/peer_duckdb_targets.py run --db "$OUT/peer.duckdb" --from "$FROM" --to "$TO" \
    --threads "$THREADS" --repeat 5

echo "metrics targets --db with the columns missing (rebuilt from the store's rows, then kept;" \
    "$(uptime | sed 's/.*load/load/')):"
rm "$OUT/store.db.columns"
timed "$SG" --db "$OUT/store.db" "${query[@]}" > "$OUT/targets_rebuilt.json"
if cmp -s "$OUT/targets.json" "$OUT/targets_rebuilt.json"; then
    echo "  the rebuilt columns give the same answer as the columns made by generate"
else
    echo "  DIFFERENT: the rebuilt columns do not give the answer of the columns made by generate" >&2
    diff "$OUT/targets.json" "$OUT/targets_rebuilt.json" | head -40 >&2
    exit 1
fi
echo "metrics targets --db, cold process, the rebuilt columns:"
timed "$SG" --db "$OUT/store.db" "${query[@]}" > /dev/null

echo "data at rest:"
du -sh "$OUT/store.db" "$OUT/store.db.columns" "$OUT/files" "$OUT/files/cases.parquet" \
    "$OUT/files/events.parquet" "$OUT/peer.duckdb"
if [ "$KEEP" != 1 ]; then
    rm -rf "$OUT/store.db" "$OUT/store.db.columns" "$OUT/files" "$OUT/peer.duckdb"
fi
