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
LOG=${SMOKE_LOG:-/tmp/lendx-smoke.log}

if ! command -v chromium >/dev/null; then
    echo "smoke: installing Chromium (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
if [ ! -f "$JAR" ]; then
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi

SERVICE_PID=
stop() {
    if [ -n "$SERVICE_PID" ]; then
        kill "$SERVICE_PID" 2>/dev/null || true
        wait "$SERVICE_PID" 2>/dev/null || true
    fi
}
trap stop EXIT
failed() {
    echo "smoke: FAILED: $1" >&2
    tail -n 60 "$LOG" >&2 || true
    exit 1
}

MICRONAUT_SERVER_PORT=$PORT java -XX:+UseSerialGC -Xms320m -Xmx320m -Xmn224m -jar "$JAR" >"$LOG" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do
    if curl -fsS "http://localhost:$PORT/health/readiness" >/dev/null 2>&1; then
        break
    fi
    kill -0 "$SERVICE_PID" 2>/dev/null || failed "the service exited during start-up"
    sleep 1
done
curl -fsS "http://localhost:$PORT/health/readiness" >/dev/null || failed "the service did not become ready"

export LENDX_URL="http://localhost:$PORT"
(cd "$HERE" && node browser.mjs) || failed "browser.mjs"
echo "smoke: all checks passed"
