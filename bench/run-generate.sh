#!/usr/bin/env bash
# Simulator benchmark: generate CASES cases with their events to Parquet; wall time and peak
# memory (GNU time). The aim: 10,000,000 cases (the default) in under 60 s and 4 GB. See BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-10000000}
SEED=${SEED:-1}
OUT=bench/out/generate_${CASES}
cargo build --release -p shenguan-cli
rm -rf "$OUT"
/usr/bin/time -f "wall %e s, peak %M KB" env SHENGUAN_TODAY=2026-11-27 target/release/shenguan generate \
    --cases "$CASES" --seed "$SEED" --from 2017-01-01 --to 2026-10-31 --threads 2 \
    --out "$OUT" --format parquet
ls -l "$OUT"
