#!/usr/bin/env bash
# Where a request's thread hand-offs go: bench/threads.sh [JAR]
#
# Starts the jar on its own embedded PostgreSQL with the sample marketplace (as bench/ab.sh
# does), loads it with one operation, and prints, per group of threads (their names without the
# trailing number), the context switches per request (voluntary: the thread went to sleep and
# had to be woken; involuntary: it was preempted) and the CPU per request. On this two-core
# virtual machine a system call or a wake-up is dear (a third of a lookup's CPU is the kernel's),
# so a thread that wakes once per request for a little work costs more than its own CPU column.
#
# Settings (environment):
#   THREADS_OPERATION    the .graphql file (default graphql/operations/loan/LoanWithParties.graphql)
#   THREADS_VARIABLES    its variables (default: the first loan of the sample marketplace)
#   THREADS_CONNECTIONS  wrk connections (default 8)
#   THREADS_WARMUP       seconds of load before counting (default 50)
#   THREADS_DURATION     seconds counted (default 20)
#   THREADS_PORT         the service's port (default 8221)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
fail() { echo "threads: $*" >&2; exit 1; }
JAR=${1:-$ROOT/target/lendx-api-0.1.0.jar}
[ -f "$JAR" ] || fail "no jar $JAR"
command -v wrk >/dev/null || fail "wrk is missing (apt-get install wrk)"
OPERATION=${THREADS_OPERATION:-$ROOT/graphql/operations/loan/LoanWithParties.graphql}
VARIABLES=${THREADS_VARIABLES:-'{"address":"281E0E37BED3367A5675B0F4952A362566418E386D3F5FF445F911A3C2EB4EB9"}'}
CONNECTIONS=${THREADS_CONNECTIONS:-8}
WARMUP=${THREADS_WARMUP:-50}
DURATION=${THREADS_DURATION:-20}
PORT=${THREADS_PORT:-8221}
CLK_TCK=$(getconf CLK_TCK)
read -r -a JVM_OPTIONS <<<"$(grep -v "^#" "$HERE/jvm.options" | tr "\n" " ")"
LOG=$(mktemp /tmp/lendx-threads.XXXXXX)

env LENDX_CACHE_ENABLED=false LENDX_EXPIRY_ENABLED=false LENDX_RATE_LIMIT_PER_ADDRESS=100000000 \
    LENDX_RATE_LIMIT_PER_KEY=100000000 MICRONAUT_SERVER_PORT="$PORT" \
    java "${JVM_OPTIONS[@]}" -jar "$JAR" >"$LOG" 2>&1 &
SERVICE=$!
trap 'kill "$SERVICE" 2>/dev/null || true; wait "$SERVICE" 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/health/readiness" && break
    sleep 0.5
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/health/readiness" || fail "the service was not ready within 120 s (log $LOG)"

load() { # load SECONDS: prints the requests answered
    BENCH_OPERATION=$OPERATION BENCH_VARIABLES=$VARIABLES wrk -t 1 -c "$CONNECTIONS" -d "${1}s" \
        -s "$HERE/graphql.lua" "http://127.0.0.1:$PORT/graphql" | sed -n 's/.*BENCH_RESULT requests=\([0-9]*\).*/\1/p'
}
# snapshot: "group voluntary involuntary ticks" per thread group; names lose their trailing
# number and their spaces ("C2 CompilerThre" becomes C2_CompilerThre).
snapshot() {
    local task name
    for task in /proc/"$SERVICE"/task/*; do
        name=$(tr ' ' '_' <"$task/comm" 2>/dev/null | sed 's/-*[0-9]*$//') || continue
        echo "$name $(awk '/^voluntary_ctxt_switches/ { v = $2 } /^nonvoluntary_ctxt_switches/ { n = $2 }
            END { print v, n }' "$task/status" 2>/dev/null) $(sed 's/^.*) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 }')"
    done | awk 'NF == 4 { v[$1] += $2; n[$1] += $3; t[$1] += $4 } END { for (g in v) print g, v[g], n[g], t[g] }' | sort
}

load "$WARMUP" >/dev/null
BEFORE=$(snapshot)
REQUESTS=$(load "$DURATION")
AFTER=$(snapshot)
echo "threads: $(basename "$OPERATION") $VARIABLES, $CONNECTIONS connections, $REQUESTS requests in $DURATION s"
echo
echo "| threads | voluntary switches/req | involuntary switches/req | CPU µs/req |"
echo "|---|---:|---:|---:|"
join <(echo "$BEFORE") <(echo "$AFTER") | awk -v n="$REQUESTS" -v hz="$CLK_TCK" '{
    v = ($5 - $2) / n; i = ($6 - $3) / n; c = ($7 - $4) * 1e6 / hz / n
    if (v + i >= 0.005 || c >= 0.5) { sv += v; si += i; sc += c; printf "| %s | %.2f | %.2f | %.1f |\n", $1, v, i, c }
} END { printf "| all | %.2f | %.2f | %.1f |\n", sv, si, sc }'
