#!/usr/bin/env bash
# Web load benchmark: `shenguan serve` over a store of CASES generated cases (default ten million;
# SQLite, with the snapshot of the same network for the indicators), driven by wrk with
# CONNECTIONS (64) connections through a dashboard's mix of pages and metrics API requests, and a
# mix that reads the store (case pages, the case API, the case list) (bench/load.lua). Prints the cold time of each distinct request once; then
# RUNS (3) steady-state runs; then a mix over 60 different months starting from an empty cache,
# run twice; then that mix's distinct requests once each, one at a time, on an empty cache.
# Throughput, p50/p90/p99/max latency, errors, and the CPU seconds of the server, of wrk and of
# everything else on the machine. Exits 1 if any request failed. The aim: p99 under 50 ms with no
# errors. See BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-10000000}
SEED=${SEED:-1}
TODAY=${TODAY:-2026-11-27}          # SHENGUAN_TODAY for the generator and the server
FROM_DATA=${FROM_DATA:-2017-01-01}  # first filing day of the generated network
PORT=${PORT:-18481}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
DURATION=${DURATION:-30s}
TIMEOUT=${TIMEOUT:-10s}             # wrk counts a slower answer as a timeout error
RUNS=${RUNS:-3}
PERIODS=${PERIODS:-60}              # months in the cold-cache mix
OUT=bench/out/store_${CASES}
BIN=target/release/shenguan
BASE=http://127.0.0.1:$PORT
export SHENGUAN_TODAY=$TODAY

# shellcheck source=bench/web-store.sh
source bench/web-store.sh

# The benchmark's account, in the same store (added, or its password replaced).
DB=$OUT/shenguan.db
PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$PASSWORD" | "$BIN" --db "$DB" user add bench --role admin >/dev/null
TOKEN=$("$BIN" --db "$DB" user token bench)

SERVER_PID=
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
}
trap stop_server EXIT

# Starts the server on an empty cache and signs in (sessions live in the server's memory).
start_server() {
    stop_server
    local started=$SECONDS
    "$BIN" --db "$DB" serve --snapshot "$OUT/cases.snapshot" --bind "127.0.0.1:$PORT" \
        >>"$OUT/server.log" 2>&1 &
    SERVER_PID=$!
    until curl -s -o /dev/null "$BASE/login"; do
        kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited; see $OUT/server.log"; exit 1; }
        sleep 0.2
    done
    echo "server up in $((SECONDS - started)) s (pid $SERVER_PID, RSS $(ps -o rss= -p "$SERVER_PID" | awk '{printf "%.2f GB", $1/1048576}'))"
    local jar=$OUT/cookies.txt page csrf
    rm -f "$jar"
    page=$(curl -sS -c "$jar" "$BASE/login")
    csrf=$(grep -o 'name="csrf" value="[^"]*"' <<<"$page" | sed 's/.*value="//; s/"$//')
    SESSION=$(curl -sS -o /dev/null -D - -b "$jar" --data-urlencode name=bench \
        --data-urlencode "password=$PASSWORD" --data-urlencode "csrf=$csrf" "$BASE/login" |
        tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: sg_session=\([^;]*\).*/\1/p')
    [ -n "$SESSION" ] || { echo "login failed"; exit 1; }
    export SG_COOKIE="sg_session=$SESSION" SG_TOKEN=$TOKEN
}

# The periods: this year to date, the last full month, and PERIODS months ending with it.
month_start=${TODAY:0:7}-01
export SG_FROM=${TODAY:0:4}-01-01 SG_TO=$TODAY
export SG_MONTH_FROM=$(date -d "$month_start -1 month" +%F) SG_MONTH_TO=$(date -d "$month_start -1 day" +%F)
periods=
for i in $(seq "$PERIODS" -1 1); do
    first=$(date -d "$month_start -$i month" +%F)
    last=$(date -d "$first +1 month -1 day" +%F)
    periods=${periods:+$periods,}$first:$last
done
export SG_PERIODS=$periods SG_THREADS=$WRK_THREADS

FAILED=0
SUMMARY=
TCK=$(getconf CLK_TCK)
# CPU seconds (user + system) a process has used so far.
cpu_seconds() {
    awk -v tck="$TCK" '{print ($14 + $15) / tck}' "/proc/$1/stat"
}
# CPU seconds the whole machine has been busy (all CPUs; user, nice, system, irq, softirq), and
# the seconds the host took from this virtual machine's CPUs (steal).
busy_seconds() {
    awk -v tck="$TCK" '/^cpu / {print ($2 + $3 + $4 + $7 + $8) / tck}' /proc/stat
}
steal_seconds() {
    awk -v tck="$TCK" '/^cpu / {print $9 / tck}' /proc/stat
}
# run LABEL MIX: one wrk run; its RESULT line and the CPU seconds of the server, of wrk and of
# everything else on the machine during the run (other work on a shared machine), and the CPU time
# the host took (steal), go into the summary.
run() {
    local label=$1 log=$OUT/wrk-$1.txt status=0 cpu_before cpu_after busy_before busy_after
    local wrk_cpu server_cpu other_cpu steal_before steal
    cpu_before=$(cpu_seconds "$SERVER_PID")
    busy_before=$(busy_seconds)
    steal_before=$(steal_seconds)
    echo "== $label (SG_MIX=$2): wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT --latency -s bench/load.lua $BASE"
    SG_MIX=$2 /usr/bin/time -o "$OUT/wrk-$label.time" -f '%U %S' wrk -t"$WRK_THREADS" \
        -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" --latency -s bench/load.lua "$BASE" \
        >"$log" 2>&1 || status=$?
    cpu_after=$(cpu_seconds "$SERVER_PID")
    busy_after=$(busy_seconds)
    steal=$(awk -v a="$steal_before" -v b="$(steal_seconds)" 'BEGIN {printf "%.1f", b - a}')
    wrk_cpu=$(awk 'END {printf "%.1f", $1 + $2}' "$OUT/wrk-$label.time")
    server_cpu=$(awk -v a="$cpu_before" -v b="$cpu_after" 'BEGIN {printf "%.1f", b - a}')
    other_cpu=$(awk -v a="$busy_before" -v b="$busy_after" -v s="$server_cpu" -v w="$wrk_cpu" \
        'BEGIN {printf "%.1f", b - a - s - w}')
    cat "$log"
    [ "$status" = 0 ] || { FAILED=1; echo "wrk exited $status"; }
    echo "CPU seconds during the run: server $server_cpu, wrk $wrk_cpu, everything else $other_cpu, taken by the host (steal) $steal; server RSS $(ps -o rss= -p "$SERVER_PID" | awk '{printf "%.2f GB", $1/1048576}')"
    SUMMARY+="$(printf '%-14s' "$label") $(sed -n 's/^RESULT //p' "$log") cpu_s_server=$server_cpu cpu_s_wrk=$wrk_cpu cpu_s_other=$other_cpu cpu_s_steal=$steal"$'\n'
}

# One request with curl: status, bytes, seconds.
once() {
    local path=$1 header
    case $path in
        /api/*) header="Authorization: Bearer $TOKEN" ;;
        *) header="Cookie: $SG_COOKIE" ;;
    esac
    curl -sS -o /dev/null -H "$header" -w '%{http_code} %{size_download} %{time_total}' "$BASE$path" ||
        true    # a failed transfer shows as status 000
}

COURT1=%E6%B9%981402   # 湘1402
COURT2=%E6%B9%981403   # 湘1403
API="/api/v1/metrics?from=$SG_FROM&to=$SG_TO"
PATHS=(
    "/"
    "/?from=$SG_MONTH_FROM&to=$SG_MONTH_TO"
    "/court/$COURT1"
    "$API&by=court"
    "$API&by=court,month"
    "$API&indicators=within_limit_rate,avg_trial_days&by=type"
    "$API&court=$COURT2"
)

: >"$OUT/server.log"
start_server
echo "== each distinct request once on an empty cache, then again (curl; status, bytes, seconds)"
printf '%-92s %-28s %s\n' path cold repeat
for path in "${PATHS[@]}"; do
    cold=$(once "$path")
    warm=$(once "$path")
    printf '%-92s %-28s %s\n' "$path" "$cold" "$warm"
    [[ $cold == 2* && $warm == 2* ]] || FAILED=1
done

for i in $(seq 1 "$RUNS"); do
    run "steady-$i" steady
done

# Reading the store: a case page (its view written to the audit log, as every view is) and the
# same case through the API, for cases picked from a court's list. The list itself is timed once:
# it counts the court's cases in the store on every request.
SG_CASES=$(curl -sS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/cases?court=$COURT1&limit=20&offset=5000" |
    grep -o '"case_no":"[^"]*"' | sed 's/"case_no":"//; s/"$//' | paste -sd, -)
[ -n "$SG_CASES" ] || { echo "no cases listed"; exit 1; }
export SG_CASES
for path in "/cases/$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "${SG_CASES%%,*}")" \
    "/api/v1/cases?court=$COURT1&limit=50" "/api/v1/cases?court=$COURT1&limit=50&offset=100000"; do
    printf '%-92s %s\n' "$path" "$(once "$path")"
done
for i in $(seq 1 "$RUNS"); do
    run "store-$i" store
done

start_server    # empty cache again
run periods-cold periods
run periods-warm periods

# The same distinct requests one at a time on an empty cache: the engine's work for the
# periods mix without contention.
start_server
echo "== the periods mix's $((PERIODS * 3)) distinct requests once each, one at a time, on an empty cache (curl)"
: >"$OUT/sequential.txt"
started=$(date +%s.%N)
for period in ${SG_PERIODS//,/ }; do
    q="from=${period%%:*}&to=${period##*:}"
    echo "page $(once "/?$q")" >>"$OUT/sequential.txt"
    echo "api-by-court $(once "/api/v1/metrics?$q&by=court")" >>"$OUT/sequential.txt"
    echo "api-one-court $(once "/api/v1/metrics?$q&court=$COURT2")" >>"$OUT/sequential.txt"
done
awk -v total="$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')" '
    { n[$1]++; sum[$1] += $4; if ($4 > max[$1]) max[$1] = $4; if ($2 !~ /^2/) bad++ }
    END {
        for (k in n) printf "  %-14s %3d requests, mean %.3f s, max %.3f s\n", k, n[k], sum[k] / n[k], max[k]
        printf "  all: %.1f s; non-2xx: %d\n", total, bad
    }' "$OUT/sequential.txt"
grep -qv '^[^ ]* 2' "$OUT/sequential.txt" && FAILED=1

echo "== summary (latencies in ms; errors = non-2xx + wrk's connect/read/write/timeout)"
printf '%s' "$SUMMARY"
[ "$FAILED" = 0 ] || { echo "some requests failed"; exit 1; }
