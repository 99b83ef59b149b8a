#!/usr/bin/env bash
# Abuse benchmark: does a hostile client hurt the people using the server? `shenguan serve` over a
# store of CASES generated cases (default one million; SQLite, with the snapshot of the same
# network for the indicators) answers a dashboard's steady mix (bench/load.lua, CONNECTIONS
# connections from 127.0.0.1) for DURATION; in the attack runs, a second client from its own
# address (127.0.0.2, bench/abuse.py) meanwhile tries wrong passwords for the dashboard user's own
# account (at least ATTEMPTS, and on for the whole run) and uploads a zip bomb (a 4 GiB worksheet
# in twelve megabytes, bench/make_zip_bomb.py) with an office's token, once a second. Runs alternate, quiet and attacked, RUNS times
# each. After each attack the real user signs in from a third address (127.0.0.3), which must
# succeed, while the attacker's address is still kept waiting.
#
# Prints each run's throughput, p50/p99 and errors, the attacker's statuses, the server's RSS,
# and the ratio of the attacked p99 to the quiet one. The aim: that ratio at most 2, no errors,
# the real user signed in. Exits 1 if any request of the dashboard failed, the bomb was not
# refused, or the real user could not sign in. See BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-1000000}
SEED=${SEED:-1}
TODAY=${TODAY:-2026-11-27}
FROM_DATA=${FROM_DATA:-2017-01-01}
PORT=${PORT:-18482}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
DURATION=${DURATION:-20s}
TIMEOUT=${TIMEOUT:-10s}
RUNS=${RUNS:-3}
ATTEMPTS=${ATTEMPTS:-1000}
OUT=bench/out/store_${CASES}
BIN=target/release/shenguan
BASE=http://127.0.0.1:$PORT
export SHENGUAN_TODAY=$TODAY

# shellcheck source=bench/web-store.sh
source bench/web-store.sh
BOMB=$OUT/bomb.xlsx
[ -f "$BOMB" ] || python3 bench/make_zip_bomb.py "$BOMB" 4
echo "zip bomb: $(stat -c %s "$BOMB") bytes on disk, 4 GiB inflated"

# The dashboard user (an administrator: the account the attacker goes for) and an office whose
# token the attacker holds.
DB=$OUT/shenguan.db
PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$PASSWORD" | "$BIN" --db "$DB" user add bench --role admin >/dev/null
printf '%s\n' "$PASSWORD" | "$BIN" --db "$DB" user add bench_office --role office >/dev/null
TOKEN=$("$BIN" --db "$DB" user token bench)
OFFICE_TOKEN=$("$BIN" --db "$DB" user token bench_office)

SERVER_PID=
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
}
trap stop_server EXIT
rss() { ps -o rss= -p "$SERVER_PID" | awk '{printf "%.2f GB", $1/1048576}'; }

# sign_in ADDRESS: the status of the real user's sign-in from ADDRESS, and its session cookie.
sign_in() {
    local jar=$OUT/cookies-$1.txt page csrf
    rm -f "$jar"
    page=$(curl -sS --interface "$1" -c "$jar" "$BASE/login")
    csrf=$(grep -o 'name="csrf" value="[^"]*"' <<<"$page" | sed 's/.*value="//; s/"$//')
    curl -sS -o /dev/null -D "$OUT/login-$1.headers" -w '%{http_code}' --interface "$1" -b "$jar" \
        --data-urlencode name=bench --data-urlencode "password=$PASSWORD" \
        --data-urlencode "csrf=$csrf" "$BASE/login"
}

: >"$OUT/server-abuse.log"
"$BIN" --db "$DB" serve --snapshot "$OUT/cases.snapshot" --bind "127.0.0.1:$PORT" \
    >>"$OUT/server-abuse.log" 2>&1 &
SERVER_PID=$!
until curl -s -o /dev/null "$BASE/login"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited; see $OUT/server-abuse.log"; exit 1; }
    sleep 0.2
done
status=$(sign_in 127.0.0.1)
[ "$status" = 303 ] || { echo "the dashboard user could not sign in: $status"; exit 1; }
SESSION=$(tr -d '\r' <"$OUT/login-127.0.0.1.headers" | sed -n 's/^[Ss]et-[Cc]ookie: sg_session=\([^;]*\).*/\1/p')
export SG_COOKIE="sg_session=$SESSION" SG_TOKEN=$TOKEN SG_THREADS=$WRK_THREADS
month_start=${TODAY:0:7}-01
export SG_FROM=${TODAY:0:4}-01-01 SG_TO=$TODAY
export SG_MONTH_FROM=$(date -d "$month_start -1 month" +%F) SG_MONTH_TO=$(date -d "$month_start -1 day" +%F)
echo "server up (pid $SERVER_PID, RSS $(rss)); warming the dashboard's figures"
SG_MIX=steady wrk -t1 -c4 -d3s -s bench/load.lua "$BASE" >/dev/null

FAILED=0
SUMMARY=
# quiet N / attacked N: one wrk run of the steady mix; attacked runs start the attacker a second
# in and wait for it to finish.
run() {
    local label=$1 log=$OUT/wrk-abuse-$1.txt status=0 attacker=
    echo "== $label: wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT --latency -s bench/load.lua $BASE"
    SG_MIX=steady wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" \
        --latency -s bench/load.lua "$BASE" >"$log" 2>&1 &
    local wrk_pid=$!
    if [[ $label == attacked* ]]; then
        sleep 1
        PORT=$PORT VICTIM=bench TOKEN=$OFFICE_TOKEN BOMB=$BOMB ATTEMPTS=$ATTEMPTS \
            FOR_SECONDS=$(( ${DURATION%s} - 2 )) python3 bench/abuse.py >"$OUT/abuse-$label.txt" 2>&1 &
        attacker=$!
    fi
    wait "$wrk_pid" || status=$?
    cat "$log"
    [ "$status" = 0 ] || { FAILED=1; echo "wrk exited $status"; }
    local line
    line="$(printf '%-11s' "$label") $(sed -n 's/^RESULT //p' "$log") rss=$(rss | tr -d ' ')"
    if [ -n "$attacker" ]; then
        wait "$attacker" || { FAILED=1; echo "the attacker failed"; }
        cat "$OUT/abuse-$label.txt"
        grep -Eq 'bombs=([0-9]+) bombs_refused=\1 ' "$OUT/abuse-$label.txt" ||
            { FAILED=1; echo "a bomb was not refused"; }
        local real attacker_again
        real=$(sign_in 127.0.0.3)
        attacker_again=$(sign_in 127.0.0.2)
        echo "after the attack: the real user from 127.0.0.3 → $real; the right password from the attacker's 127.0.0.2 → $attacker_again"
        [ "$real" = 303 ] || { FAILED=1; echo "the real user could not sign in"; }
        line+=" $(sed -n 's/^RESULT //p' "$OUT/abuse-$label.txt") real_user=$real attacker_address=$attacker_again"
    fi
    SUMMARY+="$line"$'\n'
}

for i in $(seq 1 "$RUNS"); do
    run "quiet-$i"
    run "attacked-$i"
done
kill -0 "$SERVER_PID" 2>/dev/null || { FAILED=1; echo "the server is gone"; }

echo "== summary"
printf '%s' "$SUMMARY"
quiet=$(printf '%s' "$SUMMARY" | awk '/^quiet/ {for (i = 1; i <= NF; i++) if ($i ~ /^p99_ms=/) {split($i, a, "="); s += a[2]; n++}} END {printf "%.2f", s / n}')
attacked=$(printf '%s' "$SUMMARY" | awk '/^attacked/ {for (i = 1; i <= NF; i++) if ($i ~ /^p99_ms=/) {split($i, a, "="); s += a[2]; n++}} END {printf "%.2f", s / n}')
echo "mean p99: quiet $quiet ms, attacked $attacked ms, ratio $(awk -v a="$attacked" -v q="$quiet" 'BEGIN {printf "%.2f", a / q}') (aim: at most 2)"
echo "audit lines of the attack: $(sqlite3 "$DB" "SELECT action, count(*) FROM audit_log WHERE detail LIKE 'bench 127.0.0.2%' GROUP BY action" 2>/dev/null | paste -sd' ' - || echo 'sqlite3 not installed')"
exit "$FAILED"
