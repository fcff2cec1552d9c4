#!/usr/bin/env bash
# Real clients against the packaged service (see README, "Using it from a frontend"):
#   clients/smoke/run.sh
# Installs what is missing (Chromium from Debian's packages, this project's npm packages from its
# lockfile), builds the jar if there is none, starts it on SMOKE_PORT (default 18080) with its
# embedded PostgreSQL and sample marketplace, and runs each check against it. Exit status 0 only
# if every check passed; the service's log is printed when one fails.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR="$ROOT/target/lendx-api-0.1.0.jar"
PORT=${SMOKE_PORT:-18080}
LOG_BASE=${SMOKE_LOG:-/tmp/lendx-smoke.log}
LOG=$LOG_BASE

MISSING=()
command -v chromium >/dev/null || MISSING+=(chromium)
command -v redis-server >/dev/null || MISSING+=(redis-server)
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || MISSING+=(haproxy)
PG_BIN=/usr/lib/postgresql/15/bin
[ -x "$PG_BIN/pg_basebackup" ] || MISSING+=(postgresql-15)
if [ ${#MISSING[@]} -gt 0 ]; then
    echo "smoke: installing ${MISSING[*]} (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${MISSING[@]}" >/dev/null
fi
export PATH="$PATH:/usr/sbin"
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
if [ ! -f "$JAR" ]; then
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi

PIDS=()
PG_DIR=""
# PostgreSQL refuses to run as root: its servers run as the postgres OS user then.
as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}
stop() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [ -n "$PG_DIR" ]; then
        for server in replica primary; do
            as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/$server" -m immediate stop >/dev/null 2>&1 || true
        done
        rm -rf "$PG_DIR"
    fi
}
trap stop EXIT
failed() {
    echo "smoke: FAILED: $1" >&2
    tail -n 60 "$LOG" >&2 || true
    exit 1
}

# start PORT [VARIABLE=value ...]: the jar (its embedded PostgreSQL unless told otherwise), ready
# to serve; its log is $LOG.PORT.
start() {
    local port=$1
    shift
    LOG=$LOG_BASE.$port
    env "$@" MICRONAUT_SERVER_PORT="$port" java -XX:+UseSerialGC -Xms320m -Xmx320m -Xmn224m -jar "$JAR" \
        >"$LOG" 2>&1 &
    local pid=$!
    PIDS+=("$pid")
    for _ in $(seq 1 120); do
        if curl -fsS "http://localhost:$port/health/readiness" >/dev/null 2>&1; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || failed "the service on port $port exited during start-up"
        sleep 1
    done
    failed "the service on port $port did not become ready"
}

start "$PORT"
FIRST_LOG=$LOG
export LENDX_URL="http://localhost:$PORT"
(cd "$HERE" && node browser.mjs) || failed "browser.mjs"
(cd "$HERE" && node apollo.mjs) || failed "apollo.mjs"
(cd "$HERE" && node subscription.mjs) || failed "subscription.mjs"

# A second instance on the first one's database: a mutation it serves reaches a subscriber of
# the first (LISTEN/NOTIFY). The embedded server's port is in the first instance's log.
DB_PORT=$(sed -n 's/.*Started embedded PostgreSQL on port \([0-9]*\).*/\1/p' "$FIRST_LOG" | head -n 1)
[ -n "$DB_PORT" ] || failed "the first instance did not log its embedded database's port"
start "$((PORT + 2))" R2DBC_DATASOURCES_DEFAULT_URL="r2dbc:pool:postgresql://localhost:$DB_PORT/postgres" \
    R2DBC_DATASOURCES_DEFAULT_USERNAME=postgres
(cd "$HERE" && LENDX_MUTATION_URL="http://localhost:$((PORT + 2))" node subscription.mjs) \
    || failed "subscription.mjs across instances"
(cd "$HERE" && LENDX_URL="http://localhost:$((PORT + 2))" node audit.mjs) || failed "audit.mjs"

# Allow-list mode, set the way an operator sets it: a document that is not shipped is refused.
# The same instance exports traces over OTLP/HTTP to tracing.mjs, which plays the collector.
OTLP_PORT=$((PORT + 20))
start "$((PORT + 1))" LENDX_GRAPHQL_PERSISTED_ONLY=true OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$OTLP_PORT" \
    OTEL_BSP_SCHEDULE_DELAY=100
refused=$(curl -sS -H 'Content-Type: application/json' -d '{"query":"{ pools { totalCount } }"}' \
    "http://localhost:$((PORT + 1))/graphql")
case "$refused" in
    *PERSISTED_QUERY_NOT_ALLOWED*) echo "smoke: LENDX_GRAPHQL_PERSISTED_ONLY=true refuses a document not shipped" ;;
    *) failed "persisted-only mode ran a document it should refuse: $refused" ;;
esac
(cd "$HERE" && LENDX_URL="http://localhost:$((PORT + 1))" LENDX_OTLP_PORT="$OTLP_PORT" node tracing.mjs) \
    || failed "tracing.mjs"
# Two more instances behind HAProxy (round-robin) on a PostgreSQL 15 primary, a streaming replica
# that applies commits 2 s late, and one Redis, with the expiry job every second on both:
# clients of the balancer see one service.
PG_DIR=$(mktemp -d /tmp/lendx-smoke-pg.XXXXXX)
[ "$(id -u)" != 0 ] || chown postgres "$PG_DIR"
PRIMARY_PORT=$((PORT + 11))
REPLICA_PORT=$((PORT + 12))
as_pg "$PG_BIN/initdb" -D "$PG_DIR/primary" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null \
    || failed "initdb"
printf "%s\n" "listen_addresses = '127.0.0.1'" "port = $PRIMARY_PORT" "unix_socket_directories = '$PG_DIR'" \
    "wal_level = replica" "max_wal_senders = 4" "max_connections = 60" >>"$PG_DIR/primary/postgresql.auto.conf"
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/primary" -l "$PG_DIR/primary.log" -w start >/dev/null || failed "the primary"
as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$PG_DIR/replica" -R -X stream \
    || failed "pg_basebackup"
printf "%s\n" "port = $REPLICA_PORT" "hot_standby = on" "recovery_min_apply_delay = '2s'" \
    >>"$PG_DIR/replica/postgresql.auto.conf"
replica() {
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/replica" -l "$PG_DIR/replica.log" -w -m fast "$1" >/dev/null \
        || failed "the replica did not $1"
}
replica start
REDIS_PORT=$((PORT + 10))
start_redis() {
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$LOG_BASE.redis" 2>&1 &
    REDIS_PID=$!
    PIDS+=("$REDIS_PID")
    for _ in $(seq 1 50); do
        redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && return 0
        sleep 0.1
    done
    failed "redis-server did not start"
}
start_redis
ADMIN_KEY=smoke-admin-key-0123456789abcdef0123456789
SHARED=(DATABASE_URL="postgres://postgres@127.0.0.1:$PRIMARY_PORT/postgres"
    LENDX_DB_REPLICA_URL="postgres://postgres@127.0.0.1:$REPLICA_PORT/postgres" REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
    LENDX_RATE_LIMIT_PER_KEY=100 LENDX_RATE_LIMIT_PER_ADDRESS=100000 LENDX_EXPIRY_INTERVAL=1s LENDX_ADMIN_API_KEY="$ADMIN_KEY")
start "$((PORT + 3))" "${SHARED[@]}"
start "$((PORT + 4))" "${SHARED[@]}"
BALANCER=$((PORT + 5))
cat >"$LOG_BASE.haproxy.cfg" <<HAPROXY
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout tunnel 60s
frontend lendx
    bind 127.0.0.1:$BALANCER
    default_backend instances
backend instances
    balance roundrobin
    server a 127.0.0.1:$((PORT + 3))
    server b 127.0.0.1:$((PORT + 4))
HAPROXY
haproxy -db -f "$LOG_BASE.haproxy.cfg" >"$LOG_BASE.haproxy" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 50); do
    curl -fsS "http://localhost:$BALANCER/health/readiness" >/dev/null 2>&1 && break
    sleep 0.1
done
instances() {
    (cd "$HERE" && LENDX_URL="http://localhost:$BALANCER" LENDX_ADMIN_API_KEY="$ADMIN_KEY" \
        LENDX_INSTANCES="http://localhost:$((PORT + 3)),http://localhost:$((PORT + 4))" node instances.mjs "$1") \
        || failed "instances.mjs $1"
}
instances budget
kill "$REDIS_PID"
wait "$REDIS_PID" 2>/dev/null || true
instances without-redis
start_redis
instances redis-back
instances expiry
(cd "$HERE" && LENDX_URL="http://localhost:$BALANCER" LENDX_MUTATION_URL="http://localhost:$BALANCER" \
    LENDX_METRICS_URLS="http://localhost:$((PORT + 3)),http://localhost:$((PORT + 4))" node subscription.mjs) \
    || failed "subscription.mjs through HAProxy"
instances replica
replica stop
instances replica-down
replica start
instances replica-back
instances lockout
echo "smoke: all checks passed"
