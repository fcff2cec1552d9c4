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

if ! command -v chromium >/dev/null; then
    echo "smoke: installing Chromium (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
if [ ! -f "$JAR" ]; then
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi

PIDS=()
stop() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
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

# Allow-list mode, set the way an operator sets it: a document that is not shipped is refused.
start "$((PORT + 1))" LENDX_GRAPHQL_PERSISTED_ONLY=true
refused=$(curl -sS -H 'Content-Type: application/json' -d '{"query":"{ pools { totalCount } }"}' \
    "http://localhost:$((PORT + 1))/graphql")
case "$refused" in
    *PERSISTED_QUERY_NOT_ALLOWED*) echo "smoke: LENDX_GRAPHQL_PERSISTED_ONLY=true refuses a document not shipped" ;;
    *) failed "persisted-only mode ran a document it should refuse: $refused" ;;
esac
echo "smoke: all checks passed"
