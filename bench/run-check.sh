#!/usr/bin/env bash
# `shenguan check` on CASES generated cases (default ten million) in a SQLite store, as a user
# runs it, against the same reconciliation written in DuckDB SQL on the same data (exported from
# the store) in the same run. A bulletin of the window's last month is made first, so that the
# months it printed are reconciled against it. See BENCHMARKS.md ("Reconciliation").
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-10000000}
SEED=${SEED:-1}
FROM=${FROM:-2026-01-01}
TO=${TO:-2026-10-31}
THREADS=${THREADS:-2}
OUT=bench/out/check_${CASES}
export SHENGUAN_TODAY=2026-11-27
[ -n "${SG:-}" ] || cargo build --release -p shenguan-cli
python3 -c "import duckdb" 2>/dev/null || python3 -m pip install duckdb
SG=${SG:-target/release/shenguan}
timed() { /usr/bin/time -f "  wall %e s, peak %M KB" "$@"; }
mkdir -p "$OUT"
if [ ! -f "$OUT/store.db" ]; then
    echo "generate into the store:"
    timed "$SG" --db "$OUT/store.db" generate --cases "$CASES" --seed "$SEED" --from 2017-01-01 \
        --to 2026-10-31 --threads 2 > /dev/null
fi
if [ ! -f "$OUT/cases.csv" ]; then
    # The four columns the reconciliation reads, streamed out of the same store (a Parquet
    # export of every table holds the whole network in memory: at ten million cases it passed
    # 24 GB); the peer loads them into its own file below, timed apart.
    echo "the cases' number, court and days, from the same store, for the peer:"
    timed python3 - "$OUT/store.db" "$OUT/cases.csv" <<'PY'
import csv, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case_no", "court_code", "filed_on", "closed_on"])
    rows = con.execute("SELECT case_no, court_code, filed_on, closed_on FROM cases")
    while True:
        chunk = rows.fetchmany(100_000)
        if not chunk:
            break
        w.writerows(chunk)
PY
fi
month=${TO:0:7}
echo "the bulletin of $month, recorded with what it printed:"
timed "$SG" --db "$OUT/store.db" report bulletin --month "$month" --format html \
    --out "$OUT/bulletin.html"
python3 - "$OUT/store.db" "$OUT/reported.csv" <<'PY'
import csv, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
last = con.execute("SELECT max(id) FROM reports").fetchone()[0]
rows = con.execute("SELECT court_code, month, carried, filed, closed, pending FROM report_stock_flow"
                   " WHERE report_id = ?", (last,)).fetchall()
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["court_code", "month", "carried", "filed", "closed", "pending"])
    w.writerows(rows)
print(f"  {len(rows)} court-months reported")
PY
for run in 1 2 3; do
    echo "shenguan check --only reconcile, cold process (run $run):"
    timed "$SG" --db "$OUT/store.db" check --only reconcile --from "$FROM" --to "$TO" | tail -1
done
echo "shenguan check, every part (scorecard, reconciliation, signals):"
timed "$SG" --db "$OUT/store.db" check --from "$FROM" --to "$TO" > "$OUT/check.txt" || true
tail -3 "$OUT/check.txt"
rm -f "$OUT/peer.duckdb"
echo "DuckDB: load the cases and the bulletin's figures into its own file:"
python3 bench/peer_duckdb_reconcile.py prepare --db "$OUT/peer.duckdb" \
    --cases "$OUT/cases.csv" --reported "$OUT/reported.csv" --threads "$THREADS"
echo "DuckDB: the reconciliation (cold: a fresh process opens the file; warm: best of 7):"
timed python3 bench/peer_duckdb_reconcile.py run --db "$OUT/peer.duckdb" --first "$FROM" \
    --last "${TO:0:8}01" --threads "$THREADS" --repeat 7
