#!/usr/bin/env bash
# Load benchmark: the packaged service on its embedded sample marketplace, MarketplaceOverview
# (pools → issuer, loans → parties and application, applications → borrower) replayed by wrk
# from this machine. Prints wrk's latency and throughput and the service's resident memory.
#   bench/run.sh [seconds=20] [connections=16]
set -euo pipefail
cd "$(dirname "$0")"
DURATION=${1:-20}
CONNECTIONS=${2:-16}
PORT=${BENCH_PORT:-8099}
THREADS=$(( CONNECTIONS < 2 ? CONNECTIONS : 2 )) # wrk refuses more threads than connections
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -q wrk >/dev/null; }
[ -f ../target/lendx-api-0.1.0.jar ] || (cd .. && ./mvnw -B -q package -DskipTests)

MICRONAUT_SERVER_PORT=$PORT LENDX_RATE_LIMIT_PER_ADDRESS=100000000 LENDX_LOG_FORMAT=text \
  java -Xmx512m -jar ../target/lendx-api-0.1.0.jar > /tmp/lendx-bench.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -s -o /dev/null "localhost:$PORT/health/readiness" && break
  sleep 0.5
done
sleep 2 # the sample marketplace loads right after start-up

echo "warm-up (5 s)"; wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s overview.lua "http://localhost:$PORT/graphql" > /dev/null
echo "MarketplaceOverview, ${DURATION}s, $CONNECTIONS connections:"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s overview.lua "http://localhost:$PORT/graphql"
echo "service resident memory: $(( $(awk '/VmRSS/ {print $2}' /proc/$APP/status) / 1024 )) MiB (heap limit 512 MiB)"
