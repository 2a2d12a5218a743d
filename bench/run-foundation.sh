#!/bin/sh
# Measures the two foundation numbers on one node with the demo network:
#   1. a 1,000,000-position NDJSON snapshot over HTTP (curl, wall time)
#   2. availability lookups per second with wrk (latency percentiles)
# usage: bench/run-foundation.sh [snapshot|availability]   (both by default)
# Starts its own node (rate limit off) in a scratch data folder; needs wrk (apt-get install -y wrk).
set -e
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
. "$(dirname "$0")/lib.sh"
KEY=$(api_key integration)

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
