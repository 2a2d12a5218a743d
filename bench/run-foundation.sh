#!/bin/sh
# Measures the two foundation numbers on one node with the demo network:
#   1. a 1,000,000-position NDJSON snapshot over HTTP (curl, wall time)
#   2. availability lookups per second with wrk (latency percentiles)
# usage: bench/run-foundation.sh [snapshot|availability]   (both by default)
# Starts its own node (rate limit off) in a scratch data folder; needs wrk (apt-get install -y wrk).
set -e
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
PORT=${PORT:-18080}
DATA=${DATA:-target/bench-data}
export AISLE_HTTP_PORT=$PORT AISLE_DATA_DIR=$DATA AISLE_RATE_LIMIT_PER_SECOND=0 AISLE_ADMIN_PASSWORD=bench-admin-pw \
       AISLE_CLUSTER_NAME=bench AISLE_LOG_FORMAT=text
mkdir -p target
if curl -s -o /dev/null localhost:$PORT/health/live; then echo "port $PORT is taken: stop what runs there first" >&2; exit 1; fi
[ -f server/target/aisle-server.jar ] || mvn -B -q -DskipTests package
java -Xmx4g -jar server/target/aisle-server.jar --demo > target/bench-node.log 2>&1 &
NODE=$!
trap 'kill $NODE; wait $NODE' EXIT
until curl -sf localhost:$PORT/health/ready >/dev/null; do
  kill -0 $NODE 2>/dev/null || { echo "the node did not start: see target/bench-node.log" >&2; exit 1; }
  sleep 1
done
TOKEN=$(curl -s localhost:$PORT/api/v1/auth/token -H 'content-type: application/json' \
  -d '{"username":"admin","password":"bench-admin-pw"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
KEY=$(curl -s localhost:$PORT/api/v1/api-keys -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"name":"bench","role":"integration"}' | sed 's/.*"key":"\([^"]*\)".*/\1/')

WHAT=${1:-all}
if [ "$WHAT" != availability ]; then
SEQ=$(date +%s)
python3 bench/snapshot.py 1000000 "$SEQ" > target/snapshot-1m.ndjson
echo "== snapshot: 1,000,000 positions"
curl -s -o target/snapshot-result.json -w 'HTTP %{http_code} in %{time_total} s\n' \
  -H "X-Api-Key: $KEY" -H 'content-type: application/x-ndjson' \
  --data-binary @target/snapshot-1m.ndjson localhost:$PORT/api/v1/inventory/snapshot
cat target/snapshot-result.json | head -c 300; echo
fi
[ "$WHAT" = snapshot ] && exit 0

echo "== availability: wrk 2 threads, 64 connections, 30 s (after 10 s warm-up)"
wrk -t2 -c64 -d10s -s bench/availability.lua http://127.0.0.1:$PORT >/dev/null
wrk -t2 -c64 -d30s --latency -s bench/availability.lua http://127.0.0.1:$PORT
