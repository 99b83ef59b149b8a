#!/usr/bin/env bash
# Scale benchmark: the core indicator set for every court × month of three years, from one
# million to a hundred million generated cases (SIZES), generated straight to partitioned
# Parquet; the engine (its case snapshot), DuckDB (its own file, built from the partitions) and
# Apache Spark in local mode (scripts/spark_metrics.py over the partitions) in the same run, each
# checked against the engine's values. Time and peak memory per tool and size; a Spark run past
# SPARK_BUDGET seconds is stopped, and a size where Spark's time projected from the smaller sizes
# would pass it is not tried. Results go to
# bench/out/scale/results.jsonl, the table to standard output. See BENCHMARKS.md, "Scale".
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000000 3000000 10000000 30000000 100000000"}
THREADS=${THREADS:-2}
SPARK_BUDGET=${SPARK_BUDGET:-1800}
SPARK_MEMORY=${SPARK_MEMORY:-12g}
# PySpark as scripts/test installs it (or SPARK_PYTHON=/path/to/python with pyspark).
SPARK_PYTHON=${SPARK_PYTHON:-${XDG_CACHE_HOME:-$HOME/.cache}/shenguan/pyspark-4.1.1/bin/python}
cargo build --release -p shenguan-cli -p shenguan-bench
spark=()
if "$SPARK_PYTHON" -c 'import pyspark' 2>/dev/null; then
    spark=(--spark-python "$SPARK_PYTHON")
else
    echo "run-scale: no PySpark at $SPARK_PYTHON (run scripts/test once, or set SPARK_PYTHON): Spark is left out" >&2
fi
python3 bench/scale.py run --sizes "$SIZES" --threads "$THREADS" --spark-budget "$SPARK_BUDGET" \
    --spark-memory "$SPARK_MEMORY" "${spark[@]}" ${KEEP:+--keep}
