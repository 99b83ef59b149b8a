#!/usr/bin/env bash
# The store path of the indicators: `shenguan metrics --db STORE` as a user runs it (no snapshot
# named), on CASES generated cases (default two million) in a SQLite store, against DuckDB on the
# same data in the same run. Also the cost of keeping the columns fresh: imports of IMPORTS new
# cases (sizes separated by spaces) into that store, columns included. See BENCHMARKS.md ("The
# store path").
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-2000000}
SEED=${SEED:-1}
# Sizes of the imports of new cases into the store, each timed with the columns kept fresh.
IMPORTS=${IMPORTS:-1000}
FROM=${FROM:-2023-11-01}
TO=${TO:-2026-10-31}
THREADS=${THREADS:-2}
OUT=bench/out/store_path_${CASES}
export SHENGUAN_TODAY=2026-11-27
cargo build --release -p shenguan-cli
python3 -c "import duckdb" 2>/dev/null || python3 -m pip install duckdb
SG=target/release/shenguan
rm -rf "$OUT" && mkdir -p "$OUT"
timed() { /usr/bin/time -f "  wall %e s, peak %M KB" "$@"; }

echo "generate into the store (columns kept beside it):"
timed "$SG" --db "$OUT/store.db" generate --cases "$CASES" --seed "$SEED" --from 2017-01-01 \
    --to 2026-10-31 --threads 2 > /dev/null
ls -l "$OUT"
query=(metrics --from "$FROM" --to "$TO" --by court,month --format json)
for run in 1 2 3; do
    echo "metrics --db, cold process, columns fresh (run $run):"
    timed "$SG" --db "$OUT/store.db" "${query[@]}" > "$OUT/store.json"
done
echo "metrics --db with the columns missing (rebuilt from the store's rows, then kept):"
rm "$OUT/store.db.columns"
timed "$SG" --db "$OUT/store.db" "${query[@]}" > /dev/null

first=900000
for IMPORT in $IMPORTS; do
    echo "import of $IMPORT new cases, the columns kept fresh in the same command:"
    python3 - "$OUT/new_$IMPORT.csv" "$IMPORT" "$first" <<'PY'
import sys
path, n, first = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "w", encoding="utf-8") as f:
    f.write("案号,立案日期,适用程序\n")
    for i in range(n):
        f.write(f"（2026）湘1402民初{first + i}号,2026-10-{1 + i % 28:02d},简易\n")
PY
    timed "$SG" --db "$OUT/store.db" import "$OUT/new_$IMPORT.csv"
    first=$((first + IMPORT))
    echo "metrics --db after the import (columns fresh):"
    timed "$SG" --db "$OUT/store.db" "${query[@]}" > /dev/null
done

echo "DuckDB on the same data (the same seed written as Parquet, its own database file):"
"$SG" generate --cases "$CASES" --seed "$SEED" --from 2017-01-01 --to 2026-10-31 --threads 2 \
    --out "$OUT/files" --format parquet > /dev/null
python3 bench/peer_duckdb_metrics.py prepare --db "$OUT/peer.duckdb" --parquet-dir "$OUT/files" \
    --threads "$THREADS"
python3 bench/peer_duckdb_metrics.py run --db "$OUT/peer.duckdb" --from "$FROM" --to "$TO" \
    --threads "$THREADS" --repeat 3
