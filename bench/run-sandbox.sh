#!/usr/bin/env bash
# The diversion-rule sandbox on the store path: `shenguan assign simulate --db STORE` as a user
# runs it (a fresh process, a network-wide administrator), replaying a year's first-instance
# filings of CASES generated cases (default ten million) under the shipped rules and under a
# stricter rule file this script writes, SEEDS seeds; against DuckDB on the same data in the same
# run. The cold runs of both tools alternate in three rounds; each DuckDB answer is checked against
# the engine's JSON of the same round. At ten million cases the store needs about 30 GB free while
# `generate` finishes. See BENCHMARKS.md ("The diversion-rule sandbox: a year replayed").
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-10000000}
SEED=${SEED:-1}
FROM=${FROM:-2025-01-01}
TO=${TO:-2025-12-31}
SEEDS=${SEEDS:-5}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-3}
# KEEP=1 keeps the store, the Parquet files and the DuckDB file (many GB at ten million cases);
# REUSE=1 runs on the ones a KEEP=1 run left instead of generating them again.
KEEP=${KEEP:-0}
REUSE=${REUSE:-0}
# Before each round, wait until the 1-minute load average is below QUIET (polled every 20 s, at
# most QUIET_WAIT seconds; QUIET_WAIT=0 does not wait): a shared host's other work falls outside
# the timed runs where it can.
QUIET=${QUIET:-1.0}
QUIET_WAIT=${QUIET_WAIT:-600}
OUT=bench/out/sandbox_${CASES}
export SHENGUAN_TODAY=2026-11-27
cargo build --release -p shenguan-cli
python3 -c "import duckdb" 2>/dev/null || python3 -m pip install duckdb
SG=${CARGO_TARGET_DIR:-target}/release/shenguan
timed() { /usr/bin/time -f "  wall %e s, peak %M KB" "$@"; }
quiet() {
    local waited=0
    while [ "$waited" -lt "$QUIET_WAIT" ] && awk -v q="$QUIET" '{ exit !($1 >= q) }' /proc/loadavg; do
        sleep 20
        waited=$((waited + 20))
    done
    echo "waited $waited s for a load below $QUIET"
}
echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates || echo ' (with changes in crates/)')," \
    "$(nproc) CPUs, $(uptime | sed 's/.*load/load/')"

if [ "$REUSE" = 1 ] && [ -f "$OUT/store.db" ] && [ -f "$OUT/peer.duckdb" ]; then
    echo "reusing $OUT (REUSE=1)"
else
    rm -rf "$OUT" && mkdir -p "$OUT"
    echo "generate into the store (df: $(df -h --output=avail / | tail -1) free):"
    timed "$SG" --db "$OUT/store.db" generate --cases "$CASES" --seed "$SEED" \
        --from 2017-01-01 --to 2026-10-31 --threads 2 > /dev/null
    # The sandbox signs in as an account: a network-wide administrator (no court).
    printf '%s\n' "a long bench password" | "$SG" --db "$OUT/store.db" user add bench --role admin >/dev/null
    echo "DuckDB on the same data (the same seed written as Parquet, its own database file):"
    "$SG" generate --cases "$CASES" --seed "$SEED" --from 2017-01-01 --to 2026-10-31 --threads 2 \
        --out "$OUT/files" --format parquet > /dev/null
    timed python3 bench/peer_duckdb_sandbox.py prepare --db "$OUT/peer.duckdb" \
        --parquet-dir "$OUT/files" --threads "$THREADS"
    rm -rf "$OUT/files"
fi

# The stricter rule set: the shipped file with the province's wages filled in (small claims, up
# to half the year before's wage, go to 速裁), 繁案 from five million yuan instead of ten, and
# 民事简案 only up to 500,000 yuan (the rest of the civil claims to 普通).
python3 - crates/app/rules/diversion.toml "$OUT/stricter.toml" <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
for old, new in [
    ('version = "shipped-2026-1"', 'version = "bench-stricter-1"'),
    ('\n[wages]\n', '\n[wages]\n"2024" = "100000.00"\n"2025" = "105000.00"\n'),
    ('amount_above = "10000000.00"', 'amount_above = "5000000.00"'),
    ('id = "民事简案"\ntrack = "简案"\npool = "民事简案团队"\ncase_types = ["民初"]\n',
     'id = "民事简案"\ntrack = "简案"\npool = "民事简案团队"\ncase_types = ["民初"]\n'
     'amount_at_most = "500000.00"\n'),
]:
    assert text.count(old) == 1, old
    text = text.replace(old, new)
open(sys.argv[2], "w", encoding="utf-8").write(text)
EOF

# The cold runs in interleaved rounds, so that a busy moment of the shared host falls on both.
for run in $(seq "$ROUNDS"); do
    for rules in shipped stricter; do
        if [ "$rules" = shipped ]; then
            file=crates/app/rules/diversion.toml
            flag=()
        else
            file=$OUT/stricter.toml
            flag=(--rules "$file")
        fi
        quiet
        echo "round $run, $rules rules ($(uptime | sed 's/.*load/load/')):"
        echo " assign simulate --db, cold process:"
        timed "$SG" --db "$OUT/store.db" assign simulate --as bench --from "$FROM" --to "$TO" \
            --seeds "$SEEDS" "${flag[@]}" --format json > "$OUT/sandbox_$rules.json"
        echo " DuckDB, cold process (open_and_query_s leaves out Python's start-up), checked against it:"
        timed python3 bench/peer_duckdb_sandbox.py cold --db "$OUT/peer.duckdb" --rules "$rules" \
            --rules-file "$file" --from "$FROM" --to "$TO" --seeds "$SEEDS" --threads "$THREADS" \
            --engine-values "$OUT/sandbox_$rules.json"
    done
done
for rules in shipped stricter; do
    echo "the engine's answer, $rules rules:"
    cat "$OUT/sandbox_$rules.json"
done
echo "Python's start-up and import of duckdb alone (left out of the ratio):"
timed python3 -c "import duckdb"
echo "DuckDB warm (the same process, after one run):"
for rules in shipped stricter; do
    python3 bench/peer_duckdb_sandbox.py run --db "$OUT/peer.duckdb" --rules "$rules" \
        --from "$FROM" --to "$TO" --seeds "$SEEDS" --threads "$THREADS" --repeat 5
done

echo "data at rest:"
du -sh "$OUT/store.db" "$OUT/peer.duckdb"
if [ "$KEEP" != 1 ]; then
    rm -rf "$OUT/store.db" "$OUT/store.db-wal" "$OUT/store.db-shm" "$OUT/store.db.columns" \
        "$OUT/store.db.identity-key" "$OUT/peer.duckdb"
fi
