# Sourced by the web benchmarks (run-load.sh, run-abuse.sh): installs wrk and curl when missing,
# prints the machine and the commit, builds the release binary, and generates the simulated
# network into a SQLite store with the snapshot of the same simulation, once per size.
# Expects CASES, SEED, FROM_DATA, TODAY, OUT and BIN to be set.

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null || {
    apt-get update >/dev/null && apt-get install -y wrk >/dev/null
}
command -v curl >/dev/null || apt-get install -y curl >/dev/null

echo "== machine"
echo "nproc $(nproc); memory $(free -g | awk '/^Mem:/ {print $2 " GiB total, " $7 " GiB available"}')"
lscpu | sed -n 's/^Model name: *//p'
echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates Cargo.lock 2>/dev/null || echo ' (crates/ has uncommitted changes)')"
echo "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $(curl --version | head -1 | cut -d' ' -f1-2), $(python3 --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"

cargo build --release -p shenguan-cli
mkdir -p "$OUT"
# The store holds every case and event (SQLite, written a block at a time in one transaction);
# the snapshot of the same simulation gives the server its indicator columns in seconds.
if [ ! -f "$OUT/cases.snapshot" ]; then
    rm -f "$OUT/shenguan.db" "$OUT/shenguan.db-wal" "$OUT/shenguan.db-shm"
    /usr/bin/time -f "generate into the store + snapshot: wall %e s, peak %M KB" "$BIN" \
        --db "$OUT/shenguan.db" generate --cases "$CASES" --seed "$SEED" --from "$FROM_DATA" \
        --to "$TODAY" --threads 2 --snapshot "$OUT/cases.snapshot.part"
    mv "$OUT/cases.snapshot.part" "$OUT/cases.snapshot"
fi
ls -l "$OUT/cases.snapshot" "$OUT/shenguan.db"
