#!/usr/bin/env bash
# Two jars measured at the same time, side by side: bench/ab.sh BASELINE_JAR [CANDIDATE_JAR]
#
# On this shared host the same jar measures up to 2x apart from one minute to the next, which
# buries a 5 to 20 % difference between two builds however the passes of bench/run.sh are
# alternated. Here both services run at once, each on its own embedded PostgreSQL with the
# sample marketplace, each driven by its own wrk with the same operation and connections: what
# the host does to one it does to the other, and the ratio of their CPU per request is what
# this reports, round by round. It answers "did this change make requests dearer?"; bench/run.sh
# remains the benchmark (data set, pgbench, memory, mixed runs).
#
# Settings (environment):
#   AB_OPERATION    the .graphql file (default graphql/operations/marketplace/PoolsFirstPage.graphql)
#   AB_VARIABLES    its variables (default {"first":20})
#   AB_CONNECTIONS  wrk connections per service (default 8)
#   AB_WARMUP       seconds of load on both before measuring (default 40; the JIT must settle:
#                   a152859 at 32 connections each and more needs about 240 s; the script says
#                   when its rounds were not steady)
#   AB_DURATION     seconds per measured round (default 15)
#   AB_ROUNDS       rounds (default 5)
#   AB_PORT         the baseline's port; the candidate's is the next (default 8201)
#   AB_CANDIDATE_ENV  VARIABLE=value pairs (space-separated) for the candidate only, to measure
#                   a setting: the same jar may then be both baseline and candidate
#   AB_JAVA_OPTIONS JVM options (space-separated) added for both
#   AB_CANDIDATE_JAVA_OPTIONS  JVM options (space-separated) added for the candidate only, such
#                   as -Dsome.micronaut.property=value
#   AB_TURNS        1 = the two take turns instead of running at once: in each round one service
#                   is loaded while the other idles, then the other way round (the order flips
#                   from round to round, so a host that speeds up or slows down favours neither).
#                   Each service then runs as bench/run.sh measures it, alone on the host, while
#                   the turns, a few seconds apart, still share the host's drift. At once, the
#                   two contend for both cores, and their CPU per request is that of a saturated
#                   host, and the ratio of two builds differs from the one alone by up to 0.07
#                   either way (bench/README.md, the fifth session's section)
#   AB_CANDIDATE_TRACED  1 = the candidate traces every request and exports its spans over
#                   OTLP/HTTP to bench/otlp-sink.mjs (on AB_PORT + 2): what tracing costs when on
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/cpu-ticks.sh
. "$HERE/cpu-ticks.sh"
ROOT=$(cd "$HERE/.." && pwd)
fail() { echo "ab: $*" >&2; exit 1; }
[ $# -ge 1 ] || fail "usage: bench/ab.sh BASELINE_JAR [CANDIDATE_JAR]"
BASELINE=$1
CANDIDATE=${2:-$ROOT/target/lendx-api-0.1.0.jar}
[ -f "$BASELINE" ] || fail "no baseline jar $BASELINE"
[ -f "$CANDIDATE" ] || fail "no candidate jar $CANDIDATE"
command -v wrk >/dev/null || fail "wrk is missing (apt-get install wrk)"
OPERATION=${AB_OPERATION:-$ROOT/graphql/operations/marketplace/PoolsFirstPage.graphql}
VARIABLES=${AB_VARIABLES:-'{"first":20}'}
CONNECTIONS=${AB_CONNECTIONS:-8}
WARMUP=${AB_WARMUP:-40}
DURATION=${AB_DURATION:-15}
ROUNDS=${AB_ROUNDS:-5}
PORT=${AB_PORT:-8201}
CLK_TCK=$(getconf CLK_TCK)
read -r -a JVM_OPTIONS <<<"$(grep -v "^#" "$HERE/jvm.options" | tr "\n" " ")"
LOGS=$(mktemp -d /tmp/lendx-ab.XXXXXX)
PIDS=()
stop() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT

read -r -a TRACING <<<"${AB_CANDIDATE_ENV:-}"
if [ "${AB_CANDIDATE_TRACED:-0}" = 1 ]; then
    node "$HERE/otlp-sink.mjs" "$((PORT + 2))" >"$LOGS/sink.log" 2>&1 &
    PIDS+=("$!")
    TRACING+=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$((PORT + 2))")
fi
read -r -a CANDIDATE_JAVA_OPTIONS <<<"${AB_CANDIDATE_JAVA_OPTIONS:-}"
start() { # start NAME JAR PORT JAVA_OPTIONS [VARIABLE=value ...]
    local name=$1 jar=$2 port=$3 options=$4
    shift 4
    # shellcheck disable=SC2086 # the options are words
    env "$@" LENDX_CACHE_ENABLED=false LENDX_EXPIRY_ENABLED=false LENDX_RATE_LIMIT_PER_ADDRESS=100000000 \
        LENDX_RATE_LIMIT_PER_KEY=100000000 MICRONAUT_SERVER_PORT="$port" \
        java "${JVM_OPTIONS[@]}" $options -jar "$jar" >"$LOGS/$name.log" 2>&1 &
    SERVICES+=("$!")
    PIDS+=("$!")
}
SERVICES=()
start baseline "$BASELINE" "$PORT" "${AB_JAVA_OPTIONS:-}"
start candidate "$CANDIDATE" "$((PORT + 1))" "${AB_JAVA_OPTIONS:-} ${CANDIDATE_JAVA_OPTIONS[*]}" "${TRACING[@]}"
for port in "$PORT" "$((PORT + 1))"; do
    for _ in $(seq 1 240); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/health/readiness" && continue 2
        sleep 0.5
    done
    fail "the service on $port was not ready within 120 s (logs in $LOGS)"
done

load() { # load PORT SECONDS OUT: wrk on one service
    BENCH_OPERATION=$OPERATION BENCH_VARIABLES=$VARIABLES wrk -t 1 -c "$CONNECTIONS" -d "${2}s" \
        -s "$HERE/graphql.lua" "http://127.0.0.1:$1/graphql" >"$3" 2>&1
}
both() { # both SECONDS: load on the two at once
    load "$PORT" "$1" "$LOGS/baseline.wrk" &
    local first=$!
    load "$((PORT + 1))" "$1" "$LOGS/candidate.wrk"
    wait "$first"
}
SIDES=(baseline candidate)
TICKS=(0 0)
turns() { # turns SECONDS ROUND: each alone for SECONDS, the baseline first in odd rounds
    local first=$((1 - $2 % 2))
    turn "$first" "$1"
    turn "$((1 - first))" "$1"
}
# Steady: the JIT compiler threads' CPU left out (a fresh service's one-off cost).
steady_ticks() { echo $(($(cpu_ticks_of "$1") - $(jit_ticks_of "$1"))); }
turn() { # turn SIDE SECONDS: load one service (0 baseline, 1 candidate) alone, adding to TICKS[SIDE]
    local before
    before=$(steady_ticks "${SERVICES[$1]}")
    load "$((PORT + $1))" "$2" "$LOGS/${SIDES[$1]}.wrk"
    TICKS[$1]=$((TICKS[$1] + $(steady_ticks "${SERVICES[$1]}") - before))
}
requests() { sed -n 's/.*BENCH_RESULT requests=\([0-9]*\).*/\1/p' "$1"; }
failures() { sed -n 's/.*failures=\([0-9]*\).*/\1/p' "$1"; }

echo "ab: baseline $BASELINE, candidate $CANDIDATE${TRACING:+ with ${TRACING[*]}}${AB_CANDIDATE_JAVA_OPTIONS:+ ($AB_CANDIDATE_JAVA_OPTIONS)}; $(basename "$OPERATION") $VARIABLES, $CONNECTIONS connections each"
TURNS=${AB_TURNS:-0}
if [ "$TURNS" = 1 ]; then
    echo "ab: taking turns: each service is loaded alone, the other idle; warming each up for ${WARMUP} s"
    turns "$WARMUP" 1
else
    echo "ab: warming both up for ${WARMUP} s"
    both "$WARMUP"
fi
echo
echo "| round | baseline req/s | candidate req/s | baseline steady CPU ms/req | candidate steady CPU ms/req | candidate ÷ baseline |"
echo "|---:|---:|---:|---:|---:|---:|"
RATIOS=()
for round in $(seq 1 "$ROUNDS"); do
    if [ "$TURNS" = 1 ]; then
        TICKS=(0 0)
        turns "$DURATION" "$round"
        bt=${TICKS[0]}; ct=${TICKS[1]}
    else
        b0=$(steady_ticks "${SERVICES[0]}"); c0=$(steady_ticks "${SERVICES[1]}")
        both "$DURATION"
        bt=$(($(steady_ticks "${SERVICES[0]}") - b0)); ct=$(($(steady_ticks "${SERVICES[1]}") - c0))
    fi
    for side in "${SIDES[@]}"; do
        [ "$(failures "$LOGS/$side.wrk")" = 0 ] || fail "$side answered with failures: $(cat "$LOGS/$side.wrk")"
    done
    bn=$(requests "$LOGS/baseline.wrk"); cn=$(requests "$LOGS/candidate.wrk")
    bms=$(awk -v t="$bt" -v n="$bn" -v hz="$CLK_TCK" 'BEGIN { printf "%.3f", t * 1000 / hz / n }')
    cms=$(awk -v t="$ct" -v n="$cn" -v hz="$CLK_TCK" 'BEGIN { printf "%.3f", t * 1000 / hz / n }')
    ratio=$(awk -v c="$cms" -v b="$bms" 'BEGIN { printf "%.3f", c / b }')
    RATIOS+=("$ratio")
    echo "| $round | $((bn / DURATION)) | $((cn / DURATION)) | $bms | $cms | $ratio |"
done
median=$(printf '%s\n' "${RATIOS[@]}" | sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo
echo "ab: median candidate ÷ baseline CPU per request over $ROUNDS rounds: $median"
# How far the median may be from the one more rounds would give: the rounds' ratios sorted, the
# interval between the k-th smallest and the k-th largest holds the true median with at least 95 %
# (binomial order statistics: no assumption about how the ratios spread).
printf '%s\n' "${RATIOS[@]}" | sort -g | awk '
    { v[NR] = $1 }
    END {
        n = NR; p = 0.5 ^ n; below = p; k = 0
        for (j = 0; j < n / 2 && below <= 0.025; j++) { k = j + 1; p = p * (n - j) / (j + 1); below += p }
        if (k > 0) printf "ab: 95 %% interval of that median: %s – %s (k = %d of %d rounds: the k-th smallest and the k-th largest ratio)\n", v[k], v[n + 1 - k], k, n
        else printf "ab: too few rounds (%d) for a 95 %% interval of the median: 6 or more give one\n", n }'
# A ratio that keeps moving one way from round to round (one step back allowed) means one side
# was still warming up (a152859 at 32 connections each and more needed over 90 s): its median is
# not a steady one.
printf '%s\n' "${RATIOS[@]}" | awk -v warmup="$WARMUP" '
    NR > 1 { if ($1 > last) up++; if ($1 < last) down++ }
    NR == 1 { first = $1 } { last = $1 }
    END { if (NR > 2 && (up >= NR - 2 || down >= NR - 2) && (last - first > 0.05 || first - last > 0.05))
              printf "ab: not steady: the ratio moved from %s to %s, round after round; warm up longer than %s s\n", first, last, warmup }'

