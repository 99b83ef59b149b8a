#!/usr/bin/env bash
# Case-number parsing benchmark: the Rust parser against a DuckDB query doing the same job.
#
#   bench/run-case-number.sh            # 3,000,000 strings, seed 20260101
#   COUNT=1000000 SEED=7 REPEAT=5 DUCK_REPEAT=3 bench/run-case-number.sh
#
# Everything it writes goes to bench/out/ (gitignored). See bench/README.md and BENCHMARKS.md.
set -euo pipefail

cd "$(dirname "$0")/.."
COUNT=${COUNT:-3000000}
SEED=${SEED:-20260101}
REPEAT=${REPEAT:-10}
DUCK_REPEAT=${DUCK_REPEAT:-5}
THREADS=${THREADS:-2}
OUT=bench/out
DATA=$OUT/case_numbers_${COUNT}_${SEED}.txt
BIN=target/release/bench-case-number

echo "== build"
cargo build --release -p shenguan-bench

echo "== duckdb"
if ! python3 -c 'import duckdb' 2>/dev/null; then
    python3 -m pip install duckdb
fi
python3 -c 'import duckdb; print("duckdb", duckdb.__version__)'

mkdir -p "$OUT"
echo "== generate $COUNT strings, seed $SEED"
"$BIN" generate --count "$COUNT" --seed "$SEED" --out "$DATA"
"$BIN" types --out "$OUT/types.txt"

echo "== check: does the parser read the generated strings as meant? (first 300,000 of the seed)"
"$BIN" check --count 300000 --seed "$SEED" --examples 3 | tee "$OUT/check.txt"

echo "== rust: CaseNumber::parse"
"$BIN" parse --in "$DATA" --repeat "$REPEAT" --threads "$THREADS" | tee "$OUT/rust.txt"

echo "== duckdb: regexp_extract + type-code table"
python3 bench/peer_duckdb.py --in "$DATA" --types "$OUT/types.txt" --repeat "$DUCK_REPEAT" \
    --threads "1,$THREADS" --parquet "$OUT/case_numbers.parquet" | tee "$OUT/duckdb.txt"

# Reads `key=value` from the RESULT line of a tool's output.
field() {
    grep '^RESULT' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

rust_t1=$(field "$OUT/rust.txt" t1_best_per_s)
rust_tn=$(field "$OUT/rust.txt" tn_best_per_s)
rust_ns=$(field "$OUT/rust.txt" t1_best_ns)
duck_t1=$(field "$OUT/duckdb.txt" t1_best_per_s)
duck_tn=$(field "$OUT/duckdb.txt" "t${THREADS}_best_per_s")
duck_q1=$(field "$OUT/duckdb.txt" t1_query)

# The two sides must agree on what they both check: DuckDB's valid rows are the parser's valid
# rows without the legacy ones, plus the 刑核 numbers with a wrong digit count (not checked there).
rust_valid=$(field "$OUT/rust.txt" valid)
rust_legacy=$(field "$OUT/rust.txt" legacy)
rust_current_sum=$(field "$OUT/rust.txt" current_serial_sum)
duck_valid=$(field "$OUT/duckdb.txt" valid)
duck_sum=$(field "$OUT/duckdb.txt" serial_sum)
short=$(field "$OUT/duckdb.txt" short_review)
short_sum=$(field "$OUT/duckdb.txt" short_review_serial_sum)
if [ $((rust_valid - rust_legacy + short)) -eq "$duck_valid" ] &&
    [ $((rust_current_sum + short_sum)) -eq "$duck_sum" ]; then
    agreement="yes (valid counts and serial sums reconcile)"
else
    agreement="NO: rust valid $rust_valid - legacy $rust_legacy + short 刑核 $short != duckdb $duck_valid"
fi

echo "== summary ($COUNT strings, seed $SEED)"
awk -v r1="$rust_t1" -v rn="$rust_tn" -v ns="$rust_ns" -v d1="$duck_t1" -v dn="$duck_tn" \
    -v q="$duck_q1" -v t="$THREADS" 'BEGIN {
    printf "rust   1 thread : %12.0f strings/s  (%.1f ns/string)\n", r1, ns
    printf "rust   %d threads: %12.0f strings/s\n", t, rn
    printf "duckdb 1 thread : %12.0f rows/s     (%s)\n", d1, q
    printf "duckdb %d threads: %12.0f rows/s\n", t, dn
    printf "ratio rust/duckdb per core: %.1fx   at %d threads: %.1fx\n", r1 / d1, t, rn / dn
    printf "target 5,000,000 strings/s per core: %s\n", (r1 >= 5000000 ? "met" : "NOT met")
}'
echo "counts agree: $agreement"
