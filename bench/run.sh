#!/usr/bin/env bash
# Load benchmark of the packaged service on a large, deterministic data set, with the cost of
# each request broken down (CPU, allocation, SQL statements, memory) and compared with what
# PostgreSQL alone needs for the same statements. One command, nothing to set up:
#
#   bench/run.sh
#   BENCH_CONNECTIONS="1 16" BENCH_DURATION=5 BENCH_WARMUP=3 bench/run.sh   # a quick check
#
# What it does (see bench/README.md for what the numbers mean):
#   1. installs what is missing (wrk, psql, pgbench, PostgreSQL 15 server, and node for the mixed
#      run's writer: apt-get) and builds target/lendx-api-0.1.0.jar when it is missing;
#   2. starts a throw-away PostgreSQL 15 cluster on 127.0.0.1 (run as the `postgres` OS user,
#      removed on exit), migrates it with the jar (`db migrate`) and loads bench/seed.sql
#      (500 users, 100 pools, 5,000 applications, 2,000 loans, 1,000 token balances);
#   3. for each cache setting in BENCH_CACHE, (re)starts the jar against it with
#      LENDX_CACHE_ENABLED=false or true, and:
#   4. for each operation and each connection count, runs a wrk warm-up then a measured wrk run
#      (bench/graphql.lua: any non-200 response or body with "errors" fails the bench),
#      sampling the service's CPU time, allocated bytes, resident memory, the statements it ran
#      (pg_stat_statements) and its response cache's hits around the measured run;
#   5. in the first pass only, captures the SQL of one request of each operation with its
#      parameters (statement log) and replays it with pgbench, service idle, for the same
#      connection counts (the numbers do not depend on the cache: later passes show the same);
#   6. for each rate in BENCH_MIXED, the mixed run: wrk on the overview at 64 connections while
#      bench/writer.mjs runs the lending lifecycle (submitApplication, approveApplication,
#      repayLoan) through /graphql at that many mutations per second;
#   7. prints one Markdown table per operation and one of the mixed runs, and writes them to
#      bench/results/latest.md.
# Operations: overview = graphql/operations/marketplace/MarketplaceOverview.graphql {"first":20},
# pools = graphql/operations/marketplace/PoolsFirstPage.graphql {"first":20},
# loan = graphql/operations/loan/LoanWithParties.graphql {"address": <an ONGOING loan>}.
#
# Environment (all optional):
#   BENCH_CONNECTIONS   connection counts to measure, space-separated (default "1 16 64");
#                       wrk and pgbench use min(2, connections) threads
#   BENCH_DURATION      seconds of each measured wrk run and each pgbench run (default 20)
#   BENCH_WARMUP        seconds of wrk warm-up before each measured run (default 10; 0 = none)
#   BENCH_ROUNDS        how many times to run every pass (default 1): with 2 or more, the passes
#                       alternate (before, off, before, off, ...), each round in fresh services, and
#                       a table of medians follows the rows of every round. This machine's speed
#                       drifts by tens of percent over minutes (a shared host), so a comparison of
#                       two jars within 10 to 20 % needs rounds, not one long run each
#   BENCH_PASS_WARMUP   seconds of wrk, per operation at 16 connections, run once when a pass's
#                       service has started, before its first measurement (default 15; 0 = none):
#                       without it, whichever operation is measured first pays for most of the
#                       JIT compilation, which on a small operation doubled its CPU per request
#   BENCH_OPERATIONS    which operations to run, in order (default "overview pools loan")
#   BENCH_CACHE         the passes to measure, in order, each in a service of its own: "off"
#                       (LENDX_CACHE_ENABLED=false), "on" (default "off on"), and "before": the
#                       jar BENCH_BASELINE_JAR, e.g. a build of main from before a change, so that
#                       both builds are measured in one run on one data set; "traced": the cache
#                       off and OpenTelemetry on, every request sampled and its spans exported over
#                       OTLP/HTTP to bench/otlp-sink.mjs (what tracing costs when it is on)
#   BENCH_BASELINE_JAR  the jar of the "before" pass (needed only when BENCH_CACHE lists it)
#   BENCH_MIXED         mutations per second of the mixed runs, space-separated (default "1 10";
#                       empty = no mixed run); each rate runs in every BENCH_CACHE pass
#   BENCH_PORT          the service's HTTP port on 127.0.0.1 (default 8099)
#   BENCH_PG_PORT       the throw-away PostgreSQL's port on 127.0.0.1 (default 5499)
#   BENCH_PG_BIN        PostgreSQL server binaries (default /usr/lib/postgresql/15/bin)
#   BENCH_REBUILD       1 = rebuild the jar (./mvnw -B -q package -DskipTests) even if present
#   BENCH_ALLOC_METRIC  Prometheus counter of the bytes the JVM allocated, read from
#                       /prometheus (default jvm_allocated_bytes_total, exact); a missing
#                       metric shows as "n/a"
#   BENCH_GC_FLUSH      1 = force a full GC (jcmd GC.run) before each "before" and "after"
#                       sample of BENCH_ALLOC_METRIC (default 0: the eden correction described
#                       in bench/README.md is enough, and forced GCs shrink the heap and RSS)
#   BENCH_JFR           a directory: each pass's service records a JFR profile from its start to
#                       its end (started with the JVM: a recording started by jcmd under load
#                       measured the recorder, see bench/README.md), written to <dir>/<pass>.jfr;
#                       bench/JfrSummary.java summarises (CPU by package, allocation by top frame)
#                       only what was recorded after the pass's warm-up, in <dir>/<pass>.md
#                       (default: none)
#   JAVA_OPTS           the service's JVM options (default: bench/jvm.options without its #
#                       comment lines if that file exists, else -Xmx512m)
#   LENDX_ADMIN_API_KEY the service's bootstrap admin key, with which the mixed run issues its
#                       writer's API keys (default: a fixed key of the bench's own)
# Files: service log /tmp/lendx-bench.log (its tail is printed on failure), results
# bench/results/latest.md. Exit status 0 only if every request of every run succeeded (the
# writer's mutations included).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/cpu-ticks.sh
. "$BENCH_DIR/cpu-ticks.sh"
ROOT=$(dirname "$BENCH_DIR")
cd "$ROOT"

CONNECTIONS=${BENCH_CONNECTIONS:-1 16 64}
DURATION=${BENCH_DURATION:-20}
WARMUP=${BENCH_WARMUP:-10}
PASS_WARMUP=${BENCH_PASS_WARMUP:-15}
ROUNDS=${BENCH_ROUNDS:-1}
ROUND=1
OPERATIONS=${BENCH_OPERATIONS:-overview pools loan}
CACHE_MODES=${BENCH_CACHE:-off on}
MIXED=${BENCH_MIXED-1 10}
MIXED_CONNECTIONS=64
PORT=${BENCH_PORT:-8099}
PG_PORT=${BENCH_PG_PORT:-5499}
PG_BIN=${BENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
REBUILD=${BENCH_REBUILD:-0}
ALLOC_METRIC=${BENCH_ALLOC_METRIC:-jvm_allocated_bytes_total}
JAR=target/lendx-api-0.1.0.jar
SERVICE_LOG=/tmp/lendx-bench.log
RESULTS_DIR=$BENCH_DIR/results
URL=http://127.0.0.1:$PORT
DB_URL=postgres://bench:bench@127.0.0.1:$PG_PORT/lendx
ADMIN_KEY=${LENDX_ADMIN_API_KEY:-bench-admin-key-not-a-secret-0123456789}

APP_PID=""
WRITER_PID=""
PG_DIR=""
WORK=""
SERVICE_LOG_WRITTEN=0
PG_OS_USER=postgres

fail() {
    echo "bench: FAILED: $*" >&2
    exit 1
}

[ "$#" -eq 0 ] || fail "bench/run.sh takes no arguments; its settings are BENCH_* environment variables (see its header)"
is_count() { [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -le 100000 ]; }
for value in $CONNECTIONS; do
    is_count "$value" && [ "$value" -ge 1 ] || fail "BENCH_CONNECTIONS: '$value' is not a positive number"
done
[ -n "${CONNECTIONS// /}" ] || fail "BENCH_CONNECTIONS is empty"
is_count "$DURATION" && [ "$DURATION" -ge 1 ] || fail "BENCH_DURATION: '$DURATION' is not a positive number of seconds"
is_count "$WARMUP" || fail "BENCH_WARMUP: '$WARMUP' is not a number of seconds"
is_count "$PORT" || fail "BENCH_PORT: '$PORT' is not a port"
is_count "$PG_PORT" || fail "BENCH_PG_PORT: '$PG_PORT' is not a port"
for operation in $OPERATIONS; do
    case $operation in overview | pools | loan) ;; *) fail "BENCH_OPERATIONS: unknown operation '$operation' (overview, pools, loan)" ;; esac
done
seen_modes=" "
for mode in $CACHE_MODES; do
    case $mode in on | off | traced) ;; before) [ -f "${BENCH_BASELINE_JAR:-}" ] \
        || fail "BENCH_CACHE lists 'before': set BENCH_BASELINE_JAR to an existing jar" ;;
        *) fail "BENCH_CACHE: unknown setting '$mode' (before, off, on, traced)" ;; esac
    [[ $seen_modes != *" $mode "* ]] || fail "BENCH_CACHE: '$mode' is listed twice"
    seen_modes="$seen_modes$mode "
done
for rate in $MIXED; do
    is_count "$rate" && [ "$rate" -ge 1 ] && [ "$rate" -le 1000 ] \
        || fail "BENCH_MIXED: '$rate' is not a number of mutations per second (1 to 1000)"
done
[ "${#ADMIN_KEY}" -ge 32 ] || fail "LENDX_ADMIN_API_KEY must have at least 32 characters"
[[ $ALLOC_METRIC =~ ^[a-zA-Z_:][a-zA-Z0-9_:]*$ ]] || fail "BENCH_ALLOC_METRIC: '$ALLOC_METRIC' is not a metric name"

as_root() { [ "$(id -u)" = 0 ] || fail "$* needs root"; "$@"; }
# Runs a command as the PostgreSQL OS user (PostgreSQL refuses to run as root).
as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$PG_OS_USER" -- "$@"
    else
        "$@"
    fi
}

# Stops the service (SIGTERM, then SIGKILL after 30 s) and waits until it has exited.
stop_service() {
    [ -n "$APP_PID" ] || return 0
    if kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$APP_PID" 2>/dev/null || true
    fi
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
}
# Stops the mixed run's writer, if one is running.
stop_writer() {
    [ -n "$WRITER_PID" ] || return 0
    kill "$WRITER_PID" 2>/dev/null || true
    wait "$WRITER_PID" 2>/dev/null || true
    WRITER_PID=""
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_writer
    stop_service
    if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null || true; fi
    if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
        if [ -f "$PG_DIR/data/postmaster.pid" ]; then
            as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -t 30 stop >/dev/null 2>&1 \
                || as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
        fi
        if [ "$status" -ne 0 ] && [ -f "$PG_DIR/postgres.log" ]; then
            echo "--- last lines of the PostgreSQL log ---" >&2
            grep -v ' LOG:  duration: ' "$PG_DIR/postgres.log" | tail -n 15 >&2 || true
        fi
        rm -rf "$PG_DIR"
    fi
    [ -z "$WORK" ] || rm -rf "$WORK"
    if [ "$status" -ne 0 ] && [ "$SERVICE_LOG_WRITTEN" = 1 ] && [ -s "$SERVICE_LOG" ]; then
        echo "--- last lines of the service log ($SERVICE_LOG) ---" >&2
        tail -n 40 "$SERVICE_LOG" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
SINK_PID=""
SINK_PORT=$((PORT + 1))
if [[ " $CACHE_MODES " == *" traced "* ]]; then
    node "$(dirname "$0")/otlp-sink.mjs" "$SINK_PORT" &
    SINK_PID=$!
fi
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------------------------------------
# 1. Tools and the jar
# ---------------------------------------------------------------------------------------------
apt_install() {
    echo "bench: installing $*"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get install -y -q "$@" >/dev/null \
        || { as_root apt-get update -q >/dev/null && as_root apt-get install -y -q "$@" >/dev/null; } \
        || fail "could not install $*"
}
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
command -v perl >/dev/null || missing+=(perl)
[ -z "${MIXED// /}" ] || command -v node >/dev/null || missing+=(nodejs)
{ [ -x "$PG_BIN/psql" ] || command -v psql >/dev/null; } || missing+=(postgresql-client-15)
{ [ -x "$PG_BIN/postgres" ] && [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pgbench" ]; } || missing+=(postgresql-15)
[ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"
[ -x "$PG_BIN/postgres" ] || fail "no PostgreSQL server in $PG_BIN (set BENCH_PG_BIN)"
[ -z "${MIXED// /}" ] || node -e 'process.exit(typeof fetch === "function" ? 0 : 1)' 2>/dev/null \
    || fail "BENCH_MIXED needs node 18 or later (bench/writer.mjs uses its fetch)"
PSQL=$PG_BIN/psql; [ -x "$PSQL" ] || PSQL=$(command -v psql)
PGBENCH=$PG_BIN/pgbench; [ -x "$PGBENCH" ] || PGBENCH=$(command -v pgbench)
[ -f "$("$PG_BIN/pg_config" --pkglibdir 2>/dev/null || echo "$PG_BIN/../lib")/pg_stat_statements.so" ] \
    || fail "pg_stat_statements is not installed for $PG_BIN"
command -v java >/dev/null || fail "java (17+) is not on the PATH"
CLK_TCK=$(getconf CLK_TCK)

if [ "$REBUILD" = 1 ] || [ ! -f "$JAR" ]; then
    echo "bench: building $JAR"
    ./mvnw -B -q package -DskipTests || fail "the build failed"
fi
[ -f "$JAR" ] || fail "$JAR is missing after the build"

if [ -z "${JAVA_OPTS+set}" ]; then
    if [ -f "$BENCH_DIR/jvm.options" ]; then
        JAVA_OPTS=$(grep -v '^[[:space:]]*#' "$BENCH_DIR/jvm.options" | tr '\n' ' ')
    else
        JAVA_OPTS=-Xmx512m
    fi
fi
read -r -a JAVA_ARGS <<<"$JAVA_OPTS"

JCMD=$(dirname "$(readlink -f "$(command -v java)")")/jcmd
GC_FLUSH=${BENCH_GC_FLUSH:-0}
[ "$GC_FLUSH" != 1 ] || [ -x "$JCMD" ] || fail "BENCH_GC_FLUSH=1 needs jcmd next to java ($JCMD)"
JFR_DIR=${BENCH_JFR:-}
if [ -n "$JFR_DIR" ]; then
    mkdir -p "$JFR_DIR" && JFR_DIR=$(cd "$JFR_DIR" && pwd)
fi

! port_in_use "$PORT" || fail "port $PORT is in use (set BENCH_PORT)"
! port_in_use "$PG_PORT" || fail "port $PG_PORT is in use (set BENCH_PG_PORT)"

WORK=$(mktemp -d /tmp/lendx-bench-work.XXXXXX)

# ---------------------------------------------------------------------------------------------
# 2. PostgreSQL: a throw-away cluster, migrated and seeded
# ---------------------------------------------------------------------------------------------
if [ "$(id -u)" = 0 ] && ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_OS_USER" \
        || fail "could not create the OS user $PG_OS_USER"
fi
PG_DIR=$(mktemp -d /tmp/lendx-bench-pg.XXXXXX)
chmod 700 "$PG_DIR"
[ "$(id -u)" != 0 ] || chown "$PG_OS_USER" "$PG_DIR"
PG_SUPER_PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$PG_SUPER_PASSWORD" >"$PG_DIR/pwfile"
[ "$(id -u)" != 0 ] || chown "$PG_OS_USER" "$PG_DIR/pwfile"

echo "bench: starting PostgreSQL on 127.0.0.1:$PG_PORT ($PG_DIR)"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/pwfile" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; fail "initdb failed"; }
rm -f "$PG_DIR/pwfile"
cat >>"$PG_DIR/data/postgresql.conf" <<EOF

# bench/run.sh
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
max_connections = 200
shared_buffers = 256MB
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
pg_stat_statements.max = 10000
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
lc_messages = 'C'
log_line_prefix = '%m [%p] %u@%d '
log_parameter_max_length = -1
log_min_duration_statement = -1
EOF
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 start >/dev/null \
    || fail "PostgreSQL did not start"

export PGPASSWORD=$PG_SUPER_PASSWORD # for the superuser; the service has its own role
pg() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
pg_value() { pg -d lendx -A -t -c "$1"; }

pg -d postgres -c "CREATE ROLE bench LOGIN PASSWORD 'bench'" -c "CREATE DATABASE lendx OWNER bench" >/dev/null
pg -d lendx -c "CREATE EXTENSION pg_stat_statements" >/dev/null

echo "bench: migrating (db migrate) and loading bench/seed.sql"
SERVICE_LOG_WRITTEN=1
DATABASE_URL=$DB_URL java -jar "$JAR" db migrate >"$SERVICE_LOG" 2>&1 || fail "db migrate failed"
started=$(date +%s)
pg -d lendx -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -f "$BENCH_DIR/seed.sql" >/dev/null \
    || fail "bench/seed.sql failed"
echo "bench: data set loaded in $(( $(date +%s) - started )) s: $(pg_value "
    SELECT (SELECT count(*) FROM users) || ' users, ' || (SELECT count(*) FROM pools) || ' pools, '
        || (SELECT count(*) FROM applications) || ' applications, ' || (SELECT count(*) FROM loans) || ' loans ('
        || (SELECT count(*) FROM loans WHERE state = 'ONGOING' AND end_date < now()) || ' overdue), '
        || (SELECT count(*) FROM user_mpt_balances) || ' token balances'")"

# ---------------------------------------------------------------------------------------------
# 3. The service
# ---------------------------------------------------------------------------------------------
# Whether this pass's service records a profile: with BENCH_JFR, the first round's only.
records() { [ -n "$JFR_DIR" ] && [ "$ROUND" -eq 1 ]; }

# Starts the jar with the response cache on or off ($1) and waits until it is ready.
start_service() {
    local enabled=false ready=0 jar=$JAR tracing=() recording=()
    [ "$1" != on ] || enabled=true
    [ "$1" != before ] || jar=$BENCH_BASELINE_JAR
    [ "$1" != traced ] || tracing=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT")
    ! port_in_use "$PORT" || fail "port $PORT is still in use before starting the service"
    echo "bench: starting the service on $URL, pass $1 ($jar, LENDX_CACHE_ENABLED=$enabled; JAVA_OPTS: $JAVA_OPTS)"
    echo "--- bench: service start, LENDX_CACHE_ENABLED=$enabled ---" >>"$SERVICE_LOG"
    if records; then
        rm -f "$JFR_DIR/$1.jfr" "$JFR_DIR/$1.jfr.since"
        recording=(-XX:StartFlightRecording=name=bench,settings=profile,dumponexit=true,filename="$JFR_DIR/$1.jfr")
    fi
    env "${tracing[@]}" DATABASE_URL=$DB_URL MICRONAUT_SERVER_PORT=$PORT \
        LENDX_RATE_LIMIT_PER_ADDRESS=100000000 LENDX_RATE_LIMIT_PER_KEY=100000000 \
        LENDX_EXPIRY_ENABLED=false LENDX_LOG_FORMAT=text \
        LENDX_CACHE_ENABLED=$enabled LENDX_ADMIN_API_KEY=$ADMIN_KEY \
        java "${JAVA_ARGS[@]}" "${recording[@]}" -jar "$jar" >>"$SERVICE_LOG" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 240); do
        kill -0 "$APP_PID" 2>/dev/null || fail "the service exited during start-up"
        if curl -sf -o /dev/null "$URL/health/readiness"; then ready=1; break; fi
        sleep 0.5
    done
    [ "$ready" = 1 ] || fail "the service was not ready within 120 s"
}

# From now on the pass's recording counts: start-up and warm-up are left out of its summary.
mark_recording() {
    records || return 0
    date +%s%3N >"$JFR_DIR/$1.jfr.since"
}

# The summary of a pass's recording, written when its service has stopped.
summarise_recording() {
    [ -n "$JFR_DIR" ] || return 0
    [ -s "$JFR_DIR/$1.jfr" ] || fail "the service left no recording in $JFR_DIR/$1.jfr"
    java "$BENCH_DIR/JfrSummary.java" "$JFR_DIR/$1.jfr" >"$JFR_DIR/$1.md" || fail "JfrSummary failed"
    echo "bench: profile of pass $1 in $JFR_DIR/$1.md"
}

service_alive() { kill -0 "$APP_PID" 2>/dev/null || fail "the service exited (see its log below)"; }
cpu_ticks() { cpu_ticks_of "$APP_PID"; }
jit_ticks() { jit_ticks_of "$APP_PID"; }
status_kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$APP_PID/status"; }
sql_calls() {
    pg_value "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements
              WHERE userid = 'bench'::regrole AND dbid = (SELECT oid FROM pg_database WHERE datname = 'lendx')"
}
scrape() { curl -sf "$URL/prometheus" >"$WORK/metrics.txt" || : >"$WORK/metrics.txt"; }
# From the last scrape: BENCH_ALLOC_METRIC summed over its series, or nothing when it is missing.
# jvm_gc_memory_allocated_bytes_total only grows at each young GC (by what eden held), so the
# bytes allocated since the last GC, still in eden (jvm_memory_used_bytes of the *Eden* pool),
# are added to it: exact to a heap region, without forcing a GC.
allocated_bytes() {
    awk -v name="$ALLOC_METRIC" '
        $1 == name || index($1, name "{") == 1 { sum += $NF; found = 1 }
        name == "jvm_gc_memory_allocated_bytes_total" && index($0, "jvm_memory_used_bytes{") == 1 && $0 ~ /id="[^"]*Eden[^"]*"/ { eden += $NF }
        END { if (found) printf "%.0f\n", sum + eden }' "$WORK/metrics.txt"
}
# From the last scrape: the requests of the GraphQL operations named in $1 (space-separated;
# "" = all operations) the service has completed (graphql_request_seconds_count, all outcomes,
# cache hits included), or nothing when the metric is missing.
served_requests() {
    awk -v ops="$1" '
        BEGIN { n = split(ops, names, " "); for (i = 1; i <= n; i++) wanted["operation=\"" names[i] "\""] = 1 }
        index($0, "graphql_request_seconds_count{") == 1 {
            label = match($0, /operation="[^"]*"/) ? substr($0, RSTART, RLENGTH) : ""
            if (n == 0 || label in wanted) { sum += $NF; found = 1 }
        }
        END { if (found) printf "%.0f\n", sum }' "$WORK/metrics.txt"
}
# From the last scrape: lendx_cache_requests_total for result $1 (hit, miss, bypass; "" = all
# results), or nothing when the service has no response cache.
cache_requests() {
    awk -v result="$1" 'index($0, "lendx_cache_requests_total{") == 1 && (result == "" || index($0, "result=\"" result "\"")) { sum += $NF; found = 1 }
        END { if (found) printf "%.0f\n", sum }' "$WORK/metrics.txt"
}
# From the last scrape: the value of the first series of metric $1 whose labels include $2
# (e.g. 'quantile="0.5"'; "" = a series without labels), or nothing.
metric_value() {
    awk -v name="$1" -v label="$2" '
        (label == "" && $1 == name) || (label != "" && index($0, name "{") == 1 && index($0, label)) { print $NF; exit }' "$WORK/metrics.txt"
}
# Waits (at most 30 s) until the service has finished the requests wrk left in flight: its
# count of completed requests of the operation stays the same for a second.
wait_idle() {
    local previous current
    service_alive
    scrape
    previous=$(served_requests "$1")
    if [ -z "$previous" ]; then sleep 3; return; fi
    for _ in $(seq 1 30); do
        sleep 1
        scrape
        current=$(served_requests "$1")
        [ "$current" != "$previous" ] || return 0
        previous=$current
    done
    echo "bench: warning: the service was still completing $1 requests 30 s after wrk stopped" >&2
}
gc_flush() {
    if [ "$GC_FLUSH" = 1 ]; then
        "$JCMD" "$APP_PID" GC.run >/dev/null || fail "jcmd $APP_PID GC.run failed"
        sleep 1 # GC notifications reach Micrometer asynchronously
    fi
}

# The JSON body of an operation: {"query": <file>, "variables": <json>}.
request_body() {
    perl -e '
        local $/; open my $f, "<", $ARGV[0] or die "$ARGV[0]: $!"; my $q = <$f>;
        $q =~ s/\\/\\\\/g; $q =~ s/"/\\"/g; $q =~ s/\n/\\n/g; $q =~ s/\r/\\r/g; $q =~ s/\t/\\t/g;
        $q =~ s/([\x00-\x1f])/sprintf("\\u%04x", ord $1)/ge;
        print "{\"query\":\"$q\",\"variables\":$ARGV[1]}";' "$1" "$2"
}
# Sends one request (with the header $4, if given), answer in $WORK/response.json; fails the
# bench unless it is a 200 without "errors". It asks for a fresh execution (Cache-Control:
# no-cache), so that its statements can be captured with the cache on.
send_once() { # operation-file variables name [header]
    local body status extra=()
    [ -z "${4:-}" ] || extra=(-H "$4")
    body=$(request_body "$1" "$2")
    status=$(curl -s -o "$WORK/response.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        -H 'Accept: application/graphql-response+json, application/json' -H "X-Request-Id: bench-$3" \
        -H 'Cache-Control: no-cache' ${extra[@]+"${extra[@]}"} \
        --data-binary "$body" "$URL/graphql") || fail "$3: the request failed (curl)"
    if [ "$status" != 200 ] || grep -q '"errors"' "$WORK/response.json"; then
        echo "bench: $3 answered HTTP $status: $(head -c 600 "$WORK/response.json")" >&2
        fail "$3: the operation does not succeed against this build"
    fi
}

# ---------------------------------------------------------------------------------------------
# 4. SQL capture: one request's statements with their parameters, as a pgbench script
# ---------------------------------------------------------------------------------------------
capture_sql() { # operation-file variables name script
    local log=$PG_DIR/postgres.log mark
    pg -d lendx -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "SELECT pg_reload_conf()" >/dev/null
    sleep 1 # the backends apply the reload before their next statement
    mark=$(stat -c %s "$log")
    send_once "$1" "$2" "$3-capture"
    sleep 0.5
    pg -d lendx -c "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" >/dev/null
    tail -c +"$((mark + 1))" "$log" >"$WORK/$3-statements.log"
    # Log entries are "<time> [pid] user@db LEVEL:  text", continued on lines starting with a
    # tab. Keep the service role's executed statements ("execute <name>: SQL" with a following
    # "DETAIL:  parameters: $1 = '...', ..." and plain "statement: SQL") and inline the parameters.
    perl -e '
        my @entries;
        while (my $line = <STDIN>) {
            chomp $line;
            if ($line =~ /^\t(.*)$/) { $entries[-1]{text} .= "\n$1" if @entries; next; }
            if ($line =~ /^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[(\d+)\] (\S*)@(\S*) ([A-Z]+):  (.*)$/) {
                push @entries, { pid => $1, user => $2, level => $4, text => $5 };
            } else {
                push @entries, { pid => "", user => "", level => "", text => $line };
            }
        }
        my $count = 0;
        for (my $i = 0; $i < @entries; $i++) {
            my $e = $entries[$i];
            next unless $e->{user} eq "bench" && $e->{level} eq "LOG";
            my $sql;
            if ($e->{text} =~ /^duration: [\d.]+ ms  execute (?!fetch from )[^:]*: (.*)$/s) { $sql = $1; }
            elsif ($e->{text} =~ /^duration: [\d.]+ ms  statement: (.*)$/s) { $sql = $1; }
            else { next; }
            # Not from the request: the database health check (DatabaseHealthIndicator), when it falls in the window.
            next if $sql =~ /\bFROM flyway_schema_history\b/;
            my %param;
            my $next = $entries[$i + 1];
            if ($next && $next->{pid} eq $e->{pid} && $next->{level} eq "DETAIL"
                    && $next->{text} =~ /^parameters: (.*)$/s) {
                my $list = $1;
                while ($list =~ /\$(\d+) = (NULL|\x27(?:[^\x27]|\x27\x27)*\x27)/g) { $param{$1} = $2; }
            }
            $sql =~ s/\$(\d+)/exists $param{$1} ? $param{$1} : die "no value for \$$1 in: $sql\n"/ge;
            $sql =~ s/\s*;?\s*$//;
            print "$sql;\n";
            $count++;
        }
        die "no statement of the service found in the log\n" unless $count;
    ' <"$WORK/$3-statements.log" >"$4" || fail "$3: could not extract the statements of one request from the PostgreSQL log"
}

# ---------------------------------------------------------------------------------------------
# 5. The runs
# ---------------------------------------------------------------------------------------------
threads_for() { if [ "$1" -lt 2 ]; then echo "$1"; else echo 2; fi; }
result_field() { sed -n "s/.*[ ]$2=\([^ ]*\).*/\1/p" "$1"; }
# a / b with the given decimals; "n/a" when an operand is missing or b is zero.
ratio() { awk -v a="$1" -v b="$2" -v d="$3" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.*f\n", d, a / b }'; }
# 100 a / b with one decimal, "n/a" as for ratio.
percent() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.1f\n", 100 * a / b }'; }
# after - before, or nothing when either is missing.
delta() { if [ -n "$1" ] && [ -n "$2" ]; then echo $(($2 - $1)); fi; }
# n empty Markdown cells: " | | ... |".
empty_cells() { printf ' |%.0s' $(seq 1 "$1"); }

FAILURES=()
# Runs wrk; returns 1 (after printing why) when a response failed or wrk could not run.
run_wrk() { # operation-file variables connections seconds output
    BENCH_OPERATION=$1 BENCH_VARIABLES=$2 wrk -t"$(threads_for "$3")" -c"$3" -d"$4s" --timeout 10s --latency \
        -s "$BENCH_DIR/graphql.lua" "$URL/graphql" >"$5" 2>"$5.err" || true
    if ! grep -q '^BENCH_RESULT ' "$5"; then
        cat "$5" "$5.err" >&2
        FAILURES+=("wrk -c$3 -d$4s on $(basename "$1") did not complete")
        return 1
    fi
    local failures socket_errors
    failures=$(result_field "$5" failures)
    socket_errors=$(result_field "$5" socket_errors)
    if [ "$failures" != 0 ] || [ "$socket_errors" != 0 ]; then
        head -n 3 "$5.err" >&2
        FAILURES+=("$failures failed responses and $socket_errors socket errors/timeouts (wrk -c$3 -d$4s on $(basename "$1"))")
        echo "bench: FAILED: ${FAILURES[-1]}" >&2
        return 1
    fi
}

LOAN_ADDRESS=$(pg_value "SELECT loan_address FROM loans WHERE state = 'ONGOING' AND end_date > now()
                         AND application_address IS NOT NULL ORDER BY loan_address LIMIT 1")
[ -n "$LOAN_ADDRESS" ] || fail "the data set has no ONGOING loan"

# Sets OP_FILE, OP_VARIABLES and OP_NAME (its GraphQL operation name) for an operation.
operation_setup() {
    case $1 in
        overview) OP_FILE=graphql/operations/marketplace/MarketplaceOverview.graphql; OP_VARIABLES='{"first":20}' ;;
        pools) OP_FILE=graphql/operations/marketplace/PoolsFirstPage.graphql; OP_VARIABLES='{"first":20}' ;;
        loan) OP_FILE=graphql/operations/loan/LoanWithParties.graphql; OP_VARIABLES="{\"address\":\"$LOAN_ADDRESS\"}" ;;
    esac
    [ -f "$OP_FILE" ] || fail "$OP_FILE is missing"
    OP_NAME=$(sed -n 's/^[[:space:]]*\(query\|mutation\)[[:space:]]\+\([_A-Za-z][_0-9A-Za-z]*\).*/\2/p' "$OP_FILE" | head -n 1)
}

declare -A ROWS=() CPU_MS=() STEADY_MS=() RPS=() RESPONSE_KIB=() STATEMENTS=() PGBENCH_CELLS=() PGBENCH_PASS=() MIXED_ROWS=() PEAK_MIB=()
COUNT_SOURCE="the service's graphql_request_seconds_count"
# Warns when the response cache counted another number of requests than the request timer: the
# per-request costs would then be divided by too few or too many requests.
check_counts() { # cache-requests served what
    if [ -n "$1" ] && [ -n "$2" ] && [ "$1" != "$2" ]; then
        echo "bench: warning: $3: lendx_cache_requests_total counted $1 requests, graphql_request_seconds_count $2" >&2
    fi
}

# The wrk rows of operation $1 with the cache $2: ROWS["<operation> <cache> <connections> <round>"],
# and the numbers the medians are taken of: CPU_MS, STEADY_MS (without the JIT's) and RPS.
measure_operation() {
    local operation=$1 cache=$2 c row_key out requests served cpu_ms alloc_kib rss_kib hits cached hit_pct
    local alloc_before alloc_after served_before served_after sql_before sql_after cpu_before cpu_after
    local hits_before hits_after cached_before cached_after jit_before jit_after jit_ms
    operation_setup "$operation"
    echo "bench: $operation, cache $cache ($OP_FILE, variables $OP_VARIABLES)"
    send_once "$OP_FILE" "$OP_VARIABLES" "$operation-check"
    [ -n "${RESPONSE_KIB[$operation]+set}" ] \
        || RESPONSE_KIB[$operation]=$(awk -v b="$(stat -c %s "$WORK/response.json")" 'BEGIN { printf "%.1f\n", b / 1024 }')

    for c in $CONNECTIONS; do
        row_key="$operation $cache $c $ROUND"
        out=$WORK/$operation-$cache-$c-$ROUND.out
        if [ "$WARMUP" -gt 0 ] && ! run_wrk "$ROOT/$OP_FILE" "$OP_VARIABLES" "$c" "$WARMUP" "$out.warmup"; then
            ROWS[$row_key]="| $(pass_label "$cache") | $c | **warm-up failed** |$(empty_cells 7)"
            wait_idle "$OP_NAME"
            continue
        fi
        wait_idle "$OP_NAME"
        gc_flush
        scrape
        alloc_before=$(allocated_bytes)
        served_before=$(served_requests "$OP_NAME")
        hits_before=$(cache_requests hit)
        cached_before=$(cache_requests "")
        sql_before=$(sql_calls)
        cpu_before=$(cpu_ticks)
        jit_before=$(jit_ticks)
        if ! run_wrk "$ROOT/$OP_FILE" "$OP_VARIABLES" "$c" "$DURATION" "$out"; then
            ROWS[$row_key]="| $(pass_label "$cache") | $c | **failed** |$(empty_cells 7)"
            wait_idle "$OP_NAME"
            continue
        fi
        service_alive
        rss_kib=$(status_kib VmRSS)
        wait_idle "$OP_NAME" # the requests wrk left in flight are part of the work measured
        cpu_after=$(cpu_ticks)
        jit_after=$(jit_ticks)
        sql_after=$(sql_calls)
        gc_flush
        scrape
        alloc_after=$(allocated_bytes)
        served_after=$(served_requests "$OP_NAME")
        hits_after=$(cache_requests hit)
        cached_after=$(cache_requests "")

        requests=$(result_field "$out" requests)
        served=$(delta "$served_before" "$served_after")
        if [ -z "$served" ]; then
            served=$requests
            COUNT_SOURCE="wrk's count of completed requests (the service has no graphql_request_seconds_count)"
        fi
        cpu_ms=$(awk -v t="$((cpu_after - cpu_before))" -v hz="$CLK_TCK" 'BEGIN { print t * 1000 / hz }')
        jit_ms=$(awk -v t="$((jit_after - jit_before))" -v hz="$CLK_TCK" 'BEGIN { print t * 1000 / hz }')
        alloc_kib=""
        if [ -n "$alloc_before" ] && [ -n "$alloc_after" ]; then
            alloc_kib=$(awk -v a="$alloc_before" -v b="$alloc_after" 'BEGIN { printf "%.0f\n", (b - a) / 1024 }')
        fi
        hits=$(delta "$hits_before" "$hits_after")
        cached=$(delta "$cached_before" "$cached_after")
        check_counts "$cached" "$served" "$operation, cache $cache, $c connections"
        hit_pct=n/a
        [ "$cache" != on ] || hit_pct=$(percent "$hits" "$cached")
        CPU_MS[$row_key]=$(ratio "$cpu_ms" "$served" 3)
        STEADY_MS[$row_key]=$(awk -v a="$cpu_ms" -v j="$jit_ms" -v n="$served" 'BEGIN { if (n > 0) printf "%.3f\n", (a - j) / n }')
        RPS[$row_key]=$(result_field "$out" rps)
        ROWS[$row_key]="| $(pass_label "$cache") | $c | $(ratio "$(result_field "$out" rps)" 1 0) | $hit_pct | $(ratio "$(result_field "$out" p50_ms)" 1 2) | $(ratio "$(result_field "$out" p99_ms)" 1 2) | $(ratio "$cpu_ms" "$served" 2) | $(ratio "$jit_ms" "$served" 2) | $(ratio "$alloc_kib" "$served" 0) | $(ratio "$((sql_after - sql_before))" "$served" 2) | $((rss_kib / 1024))"
        echo "  $c connections: $requests requests completed in ${DURATION} s ($served served) ${ROWS[$row_key]} |"
    done
}

# A pass's name in the tables: with rounds, "off #2" is the second round's off pass.
pass_label() { if [ "$ROUNDS" -gt 1 ]; then echo "$1 #$ROUND"; else echo "$1"; fi; }

# The median of the numbers given (blank ones left out), to $1 decimals.
median() {
    local decimals=$1
    shift
    printf '%s\n' "$@" | awk '$1 ~ /^[0-9.]+$/' | sort -g | awk -v d="$decimals" '
        { v[NR] = $1 } END { if (NR == 0) exit; m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.*f\n", d, m }'
}

# BENCH_PASS_WARMUP seconds of each operation, so that the JIT has compiled the paths of all of
# them before any is measured.
warm_up_pass() {
    local operation
    [ "$PASS_WARMUP" -gt 0 ] || return 0
    for operation in $OPERATIONS; do
        operation_setup "$operation"
        echo "bench: warming the service up: $operation, 16 connections, ${PASS_WARMUP} s"
        run_wrk "$ROOT/$OP_FILE" "$OP_VARIABLES" 16 "$PASS_WARMUP" "$WORK/$operation-pass-warmup.out" \
            || fail "the warm-up of $operation failed"
        wait_idle "$OP_NAME"
    done
}

# Captures one request's statements of operation $1 (service with the cache $2) and replays
# them with pgbench: PGBENCH_CELLS["<operation> <connections>"], STATEMENTS[<operation>].
measure_pgbench() {
    local operation=$1 cache=$2 c script tps
    operation_setup "$operation"
    script=$WORK/$operation.sql
    capture_sql "$ROOT/$OP_FILE" "$OP_VARIABLES" "$operation" "$script"
    STATEMENTS[$operation]=$(grep -c ';$' "$script" || true)
    PGBENCH_PASS[$operation]=$cache
    cp "$script" "$RESULTS_DIR/sql/$operation.sql"
    echo "  one request ran ${STATEMENTS[$operation]} statement(s) (bench/results/sql/$operation.sql); pgbench:"
    for c in $CONNECTIONS; do
        tps=""
        if "$PGBENCH" -n -f "$script" -c "$c" -j "$(threads_for "$c")" -T "$DURATION" \
            -h 127.0.0.1 -p "$PG_PORT" -U postgres lendx >"$WORK/$operation-$c.pgbench" 2>&1; then
            tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' "$WORK/$operation-$c.pgbench")
        fi
        if [ -z "$tps" ]; then
            tail -n 20 "$WORK/$operation-$c.pgbench" >&2
            FAILURES+=("pgbench -c$c on the statements of $operation failed")
            echo "bench: FAILED: ${FAILURES[-1]}" >&2
            PGBENCH_CELLS["$operation $c"]="**failed**"
        else
            PGBENCH_CELLS["$operation $c"]=$(ratio "$tps" 1 0)
            echo "  $c connections: pgbench ${PGBENCH_CELLS["$operation $c"]} req/s"
        fi
    done
}

# The mixed run's writer: a pool on the overview's page with room for many loans, its issuer,
# a borrower who issues no pool, and an API key for each, issued with the admin key (keys live
# in the database, so they outlive the restarts of the service).
WRITER_OPERATIONS="SubmitApplication ApproveApplication RepayLoan"
WRITER_POOL=""
prepare_writer() {
    [ -z "$WRITER_POOL" ] || return 0
    read -r WRITER_POOL WRITER_ISSUER WRITER_PRINCIPAL WRITER_BALANCE <<<"$(pg_value "
        SELECT pool_address || ' ' || issuer_address || ' ' || minimum_loan || ' ' || current_balance
        FROM (SELECT * FROM pools ORDER BY created_at, pool_address LIMIT 20) AS first_page
        ORDER BY current_balance / minimum_loan DESC, pool_address LIMIT 1")"
    [ -n "$WRITER_BALANCE" ] || fail "the data set has no pool for the writer"
    WRITER_BORROWER=$(pg_value "SELECT address FROM users WHERE address NOT IN (SELECT issuer_address FROM pools)
                                ORDER BY address LIMIT 1")
    [ -n "$WRITER_BORROWER" ] || fail "the data set has no user who issues no pool"
    WRITER_ISSUER_KEY=$(issue_api_key "$WRITER_ISSUER")
    WRITER_BORROWER_KEY=$(issue_api_key "$WRITER_BORROWER")
    echo "bench: writer: pool $WRITER_POOL (issuer $WRITER_ISSUER, balance $WRITER_BALANCE)," \
        "borrower $WRITER_BORROWER, principal $WRITER_PRINCIPAL"
}
# Prints a new API key of user $1, issued with the admin key; fails the bench if it cannot.
issue_api_key() {
    local key
    send_once graphql/operations/auth/CreateApiKey.graphql "{\"input\":{\"userAddress\":\"$1\",\"expiresInDays\":1}}" \
        writer-key "Authorization: Bearer $ADMIN_KEY"
    key=$(sed -n 's/.*"apiKey":"\([^"]*\)".*/\1/p' "$WORK/response.json")
    [ -n "$key" ] || fail "createApiKey for $1 answered no apiKey: $(head -c 300 "$WORK/response.json")"
    echo "$key"
}

# The mixed run with the cache $1 and $2 mutations per second: the overview at
# MIXED_CONNECTIONS connections (warm-up, then measured) while bench/writer.mjs runs the lending
# lifecycle; MIXED_ROWS["<rate> <cache>"].
mixed_run() {
    local cache=$1 rate=$2 row_key="$2 $1" out writer_out measured=1 started ended
    local cpu_before cpu_after served_before served_after writes_before writes_run writes_after
    local hits_before hits_after cached_before cached_after notices_before notices_after
    local served writes reads hit_pct cpu_ms write_rate notice_p50=n/a notice_p99=n/a
    prepare_writer
    operation_setup overview
    out=$WORK/mixed-$cache-$rate.out
    writer_out=$WORK/writer-$cache-$rate.out
    echo "bench: mixed, cache $cache: $OP_NAME at $MIXED_CONNECTIONS connections, writer at $rate mutations/s"
    WRITER_URL=$URL/graphql WRITER_RATE=$rate WRITER_POOL=$WRITER_POOL WRITER_PRINCIPAL=$WRITER_PRINCIPAL \
        WRITER_BORROWER_KEY=$WRITER_BORROWER_KEY WRITER_ISSUER_KEY=$WRITER_ISSUER_KEY \
        node "$BENCH_DIR/writer.mjs" >"$writer_out" 2>"$writer_out.err" &
    WRITER_PID=$!
    sleep 1
    kill -0 "$WRITER_PID" 2>/dev/null || { cat "$writer_out.err" >&2; fail "bench/writer.mjs exited at start"; }

    if [ "$WARMUP" -gt 0 ] && ! run_wrk "$ROOT/$OP_FILE" "$OP_VARIABLES" "$MIXED_CONNECTIONS" "$WARMUP" "$out.warmup"; then
        MIXED_ROWS[$row_key]="| $cache | $rate | **warm-up failed** |$(empty_cells 7)"
        measured=0
    fi
    if [ "$measured" = 1 ]; then
        wait_idle "$OP_NAME"
        scrape
        started=$(date +%s.%N)
        served_before=$(served_requests "")
        writes_before=$(served_requests "$WRITER_OPERATIONS")
        hits_before=$(cache_requests hit)
        cached_before=$(cache_requests "")
        notices_before=$(metric_value lendx_cache_notice_delay_seconds_count "")
        cpu_before=$(cpu_ticks)
        if ! run_wrk "$ROOT/$OP_FILE" "$OP_VARIABLES" "$MIXED_CONNECTIONS" "$DURATION" "$out"; then
            MIXED_ROWS[$row_key]="| $cache | $rate | **failed** |$(empty_cells 7)"
            measured=0
        fi
    fi
    if [ "$measured" = 1 ]; then
        scrape
        ended=$(date +%s.%N)
        writes_run=$(served_requests "$WRITER_OPERATIONS")
        wait_idle "$OP_NAME" # the requests wrk left in flight are part of the work measured
        cpu_after=$(cpu_ticks)
        scrape
        served_after=$(served_requests "")
        writes_after=$(served_requests "$WRITER_OPERATIONS")
        hits_after=$(cache_requests hit)
        cached_after=$(cache_requests "")
        notices_after=$(metric_value lendx_cache_notice_delay_seconds_count "")
    else
        wait_idle "$OP_NAME"
    fi

    stop_writer # SIGTERM: it waits for the mutations in flight and prints its counts
    if ! grep -q '^WRITER_RESULT ' "$writer_out"; then
        cat "$writer_out" "$writer_out.err" >&2
        FAILURES+=("the writer (bench/writer.mjs, $rate mutations/s, cache $cache) did not report its counts")
        echo "bench: FAILED: ${FAILURES[-1]}" >&2
    elif [ "$(result_field "$writer_out" errors)" != 0 ]; then
        head -n 3 "$writer_out.err" >&2
        FAILURES+=("$(result_field "$writer_out" errors) of the writer's $(result_field "$writer_out" mutations) mutations failed ($rate mutations/s, cache $cache)")
        echo "bench: FAILED: ${FAILURES[-1]}" >&2
    fi
    echo "  writer: $(sed -n 's/^WRITER_RESULT //p' "$writer_out")"
    [ "$measured" = 1 ] || return 0

    write_rate=$(awk -v n="$(delta "$writes_before" "$writes_run")" -v t0="$started" -v t1="$ended" \
        'BEGIN { if (n == "" || t1 <= t0) print "n/a"; else printf "%.1f\n", n / (t1 - t0) }')
    served=$(delta "$served_before" "$served_after")
    [ -n "$served" ] || served=$(result_field "$out" requests)
    writes=$(delta "$writes_before" "$writes_after")
    check_counts "$(delta "$cached_before" "$cached_after")" "$served" "mixed, $rate mutations/s, cache $cache"
    # Every mutation is a cache bypass: the hit share is of the overview's requests.
    reads=""
    [ -z "$cached_after" ] || [ -z "$writes" ] || reads=$(( $(delta "$cached_before" "$cached_after") - writes ))
    hits=$(delta "$hits_before" "$hits_after")
    hit_pct=n/a
    [ "$cache" != on ] || hit_pct=$(percent "$hits" "$reads")
    if [ "$cache" = on ] && awk -v a="$notices_before" -v b="$notices_after" 'BEGIN { exit !(b != "" && b - a > 0) }'; then
        notice_p50=$(ratio "$(metric_value lendx_cache_notice_delay_seconds 'quantile="0.5"')" 0.001 2)
        notice_p99=$(ratio "$(metric_value lendx_cache_notice_delay_seconds 'quantile="0.99"')" 0.001 2)
    fi
    cpu_ms=$(awk -v t="$((cpu_after - cpu_before))" -v hz="$CLK_TCK" 'BEGIN { print t * 1000 / hz }')
    MIXED_ROWS[$row_key]="| $cache | $rate | $write_rate | $(ratio "$(result_field "$out" rps)" 1 0) | $hit_pct | $(ratio "$(result_field "$out" p50_ms)" 1 2) | $(ratio "$(result_field "$out" p99_ms)" 1 2) | $(ratio "$cpu_ms" "$served" 2) | $notice_p50 | $notice_p99 |"
    echo "  $(result_field "$out" requests) overview requests completed in ${DURATION} s, $served requests served in all ($writes mutations) ${MIXED_ROWS[$row_key]}"
}

mkdir -p "$RESULTS_DIR/sql"
for ROUND in $(seq 1 "$ROUNDS"); do
for cache in $CACHE_MODES; do
    [ "$ROUNDS" -eq 1 ] || echo "bench: round $ROUND of $ROUNDS"
    start_service "$cache"
    scrape
    [ -n "$(allocated_bytes)" ] || echo "bench: the service exposes no $ALLOC_METRIC metric: alloc KiB/req will be n/a"
    warm_up_pass
    mark_recording "$cache"
    for operation in $OPERATIONS; do
        measure_operation "$operation" "$cache"
        [ -n "${STATEMENTS[$operation]+set}" ] || measure_pgbench "$operation" "$cache"
    done
    if [ "$ROUND" -eq 1 ]; then
        for rate in $MIXED; do
            mixed_run "$cache" "$rate"
        done
    fi
    service_alive
    PEAK_MIB[$cache]=$(( $(status_kib VmHWM) / 1024 ))
    echo "bench: stopping the service (cache $cache)"
    stop_service
    [ "$ROUND" -gt 1 ] || summarise_recording "$cache"
done
done

# With rounds: per pass and connection count, the medians over the rounds.
medians_table() {
    local operation=$1 cache c round cpu steady rps
    echo "Medians over $ROUNDS rounds (steady = CPU ms/req less the JIT's):"
    echo
    echo "| cache | connections | req/s | CPU ms/req | steady CPU ms/req |"
    echo "|---|---:|---:|---:|---:|"
    for c in $CONNECTIONS; do
        for cache in $CACHE_MODES; do
            cpu=() steady=() rps=()
            for round in $(seq 1 "$ROUNDS"); do
                cpu+=("${CPU_MS[$operation $cache $c $round]:-}")
                steady+=("${STEADY_MS[$operation $cache $c $round]:-}")
                rps+=("${RPS[$operation $cache $c $round]:-}")
            done
            echo "| $cache | $c | $(median 0 "${rps[@]}") | $(median 3 "${cpu[@]}") | $(median 3 "${steady[@]}") |"
        done
    done
    echo
}

TABLES=$WORK/tables.md
: >"$TABLES"
HEADER="| cache | connections | req/s | hit % | p50 ms | p99 ms | CPU ms/req | of it JIT | alloc KiB/req | SQL/req | RSS MiB | pgbench req/s |"
ALIGN="|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for operation in $OPERATIONS; do
    operation_setup "$operation"
    {
        echo "### $operation: $OP_NAME"
        echo
        echo "\`$OP_FILE\`, variables \`$OP_VARIABLES\`: response ${RESPONSE_KIB[$operation]} KiB," \
            "${STATEMENTS[$operation]} SQL statement(s) in the pgbench script (bench/results/sql/$operation.sql;" \
            "pgbench ran once, in the cache ${PGBENCH_PASS[$operation]} pass, and its numbers are shown for every pass)."
        echo
        echo "$HEADER"
        echo "$ALIGN"
        for cache in $CACHE_MODES; do
            for c in $CONNECTIONS; do
                for ROUND in $(seq 1 "$ROUNDS"); do
                    echo "${ROWS[$operation $cache $c $ROUND]} | ${PGBENCH_CELLS[$operation $c]} |"
                done
            done
        done
        echo
        [ "$ROUNDS" -eq 1 ] || medians_table "$operation"
    } >>"$TABLES"
done
if [ -n "${MIXED// /}" ]; then
    {
        echo "### Mixed: overview at $MIXED_CONNECTIONS connections while bench/writer.mjs writes"
        echo
        echo "The writer runs submitApplication → approveApplication → repayLoan on pool $WRITER_POOL" \
            "(principal $WRITER_PRINCIPAL), each mutation one tick of the rate asked. CPU ms/req is divided by" \
            "every request served (the overview's and the mutations); hit % is of the overview's requests;" \
            "notice p50/p99 are lendx_cache_notice_delay_seconds at the end of the run."
        echo
        echo "| cache | mutations/s asked | mutations/s | overview req/s | hit % | p50 ms | p99 ms | CPU ms/req | notice p50 ms | notice p99 ms |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        for rate in $MIXED; do
            for cache in $CACHE_MODES; do echo "${MIXED_ROWS[$rate $cache]}"; done
        done
        echo
    } >>"$TABLES"
fi

peaks=""
for cache in $CACHE_MODES; do peaks="$peaks${peaks:+, }cache $cache ${PEAK_MIB[$cache]} MiB"; done
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain -- src pom.xml graphql 2>/dev/null)" ] || commit="$commit + uncommitted changes"
{
    echo "## LendX benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    if [ "${#FAILURES[@]}" -gt 0 ]; then
        echo "**FAILED:** $(IFS=';'; echo "${FAILURES[*]}")."
        echo
    fi
    echo "Commit $commit; jar built $(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC'); JAVA_OPTS \`$JAVA_OPTS\`;" \
        "$(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)) shared by wrk, the service and PostgreSQL."
    echo "Data set bench/seed.sql: 500 users, 100 pools, 5,000 applications, 2,000 loans, 1,000 token balances." \
        "Each row: ${WARMUP} s wrk warm-up, then ${DURATION} s measured; wrk and pgbench threads = min(2, connections)."
    echo "Passes, each in a service started for it: $CACHE_MODES (off = LENDX_CACHE_ENABLED=false, on = true$(
        [[ " $CACHE_MODES " != *" before "* ]] || echo ", before = \`$BENCH_BASELINE_JAR\` built $(date -u -r "$BENCH_BASELINE_JAR" '+%Y-%m-%d %H:%M UTC')")$(
        [[ " $CACHE_MODES " != *" traced "* ]] || echo ", traced = off with every request traced and exported over OTLP/HTTP"));" \
        "hit % = lendx_cache_requests_total{result=\"hit\"} over all results during the run."
    echo "Per-request costs are divided by $COUNT_SOURCE over the run; allocation comes from" \
        "\`$ALLOC_METRIC\`$([ "$GC_FLUSH" = 1 ] && echo " with a forced GC before and after each run")."
    echo
    cat "$TABLES"
    echo "Service peak resident memory (VmHWM): $peaks."
} >"$RESULTS_DIR/latest.md"

echo
cat "$RESULTS_DIR/latest.md"
echo "bench: written to bench/results/latest.md"
[ "${#FAILURES[@]}" -eq 0 ] || fail "${#FAILURES[@]} run(s) failed: $(IFS=';'; echo "${FAILURES[*]}")"
