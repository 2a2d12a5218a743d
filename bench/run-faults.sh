#!/bin/bash
# Fault drills under load against the three-node cluster of bench/cluster.sh (loopback only), each followed by the
# invariant check (dev.aisle.server.platform.InvariantCheck); results in target/faults/ (report: report.md).
# usage: bench/run-faults.sh [all | kill | pg | overload | restart]...     (all = the four in this order)
#   kill      kill -9 node 3 while orders (all nodes), availability lookups (all nodes) and store devices (spread
#             over the nodes, orders through node 1) run; node 3 is started again afterwards
#   pg        PostgreSQL stopped for PG_DOWN s (immediate shutdown) under the same orders and lookups
#   overload  a closed-loop run measures what the cluster sustains (S); then an open-model run at 2 x S
#   restart   every node stopped, the cluster started again: pools rebuilt from PostgreSQL
# Environment: RATE (orders/s during kill and pg, 50), LOOKUPS (lookups/s, 100), PG_DOWN (10), BOUND (orphan
#   release seconds given to the nodes, 10), IN_FLIGHT (captures in progress per node before 503, 64),
#   SHED_AFTER_MS (event-loop lag beyond which capture answers 503, 500), CONNS (connections of the overload run,
#   300), D (seconds
#   of load in kill and pg, 40), FRESH=0 reuses a running cluster (default: a fresh one with the demo network),
#   KEEP=1 leaves the cluster running at the end.
set -e
cd "$(dirname "$0")/.."
RATE=${RATE:-50}
LOOKUPS=${LOOKUPS:-100}
PG_DOWN=${PG_DOWN:-10}
BOUND=${BOUND:-10}
D=${D:-40}
CONNS=${CONNS:-300}
OUT=target/faults
CL=bench/cluster.sh
URLS=http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083
PW=bench-admin-pw
BENCH="java -Xmx512m -jar bench/target/aisle-bench.jar"
export AISLE_ORPHAN_RELEASE_SECONDS=$BOUND AISLE_MAX_CAPTURES_IN_FLIGHT=${IN_FLIGHT:-64} \
       AISLE_SHED_AFTER_MS=${SHED_AFTER_MS:-500}
[ -f server/target/aisle-server.jar ] && [ -f bench/target/aisle-bench.jar ] || mvn -B -q -DskipTests package
WHAT=${*:-all}
[ "$WHAT" = all ] && WHAT="kill pg overload restart"

event() { echo "$(date +%s.%N) $*" >> $OUT/events.log; echo "[$(date -u +%T)] $*"; }

if [ "${FRESH:-1}" = 1 ]; then
  $CL stop > /dev/null 2>&1 || true
  rm -rf target/cluster $OUT
  mkdir -p $OUT
  event "cluster start (fresh, demo network)"
  $CL start
else
  mkdir -p $OUT
fi
[ "${KEEP:-0}" = 1 ] || trap '$CL stop' EXIT
TOKEN=$(curl -s 127.0.0.1:8081/api/v1/auth/token -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PW\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/')
KEY=$(curl -s 127.0.0.1:8081/api/v1/api-keys -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"name":"faults","role":"storefront","channel":"web"}' | sed 's/.*"key":"\([^"]*\)".*/\1/')

capture() {  # capture NAME SECONDS [CaptureBench options]: open model at RATE over every node, acked ids kept
  local name=$1 secs=$2; shift 2
  $BENCH --url $URLS --api-key "$KEY" --rate "$RATE" --concurrency 256 --duration "${secs}s" --warmup 0s \
    --timeout 10s --acked $OUT/$name-acked.txt --out $OUT/$name-capture "$@" > $OUT/$name-capture.log 2>&1
}

lookups() {  # lookups NAME SECONDS
  $BENCH --url $URLS --get-path '/api/v1/availability?sku={sku}&lat={lat}&lon={lon}&radiusKm=50' --rate "$LOOKUPS" \
    --concurrency 64 --duration "${2}s" --warmup 0s --timeout 10s --out $OUT/$1-lookups > $OUT/$1-lookups.log 2>&1
}

check() {  # check NAME: invariants over every order acknowledged so far, pool compared through node 1
  local acked=()
  for f in $OUT/*-acked.txt; do acked+=(--acked "$f"); done
  event "$1: invariant check"
  AISLE_PG_URL=$($CL url) java -cp server/target/aisle-server.jar dev.aisle.server.platform.InvariantCheck \
    "${acked[@]}" --url http://127.0.0.1:8081 --admin-password $PW --settle $((BOUND * 3)) \
    | tee $OUT/$1-invariants.txt | head -20
}

summary() { python3 bench/faults_report.py $OUT "$@"; }

for drill in $WHAT; do
  case $drill in
    kill)
      event "kill: devices start (10 stores x 2 devices over the 3 nodes, orders through node 1)"
      java -Xmx512m -cp bench/target/aisle-bench.jar dev.aisle.bench.DeviceBench --url http://127.0.0.1:8081 \
        --device-urls $URLS --admin-password $PW --stores 10 --devices 2 --rate 10 --duration "$((D + 5))s" \
        --warmup 0s --settle 20s --out $OUT/kill-devices > $OUT/kill-devices.log 2>&1 &
      DEV=$!
      until grep -q "^orders at" $OUT/kill-devices.log; do
        kill -0 $DEV 2>/dev/null || { echo "DeviceBench failed: $OUT/kill-devices.log" >&2; exit 1; }
        sleep 0.5
      done
      event "kill: load starts ($RATE orders/s, $LOOKUPS lookups/s over 3 nodes, $D s)"
      capture kill "$D" & CAP=$!
      lookups kill "$D" & LOOK=$!
      sleep $((D / 3))
      event "kill: kill -9 node 3"
      $CL kill 3
      wait $CAP $LOOK || true
      wait $DEV || echo "DeviceBench reported a missing or duplicated delivery (see $OUT/kill-devices.log)"
      event "kill: load over; node 3 starts again"
      $CL start-node 3
      check kill
      ;;
    pg)
      event "pg: load starts ($RATE orders/s, $LOOKUPS lookups/s over 3 nodes, $D s)"
      capture pg "$D" & CAP=$!
      lookups pg "$D" & LOOK=$!
      sleep $((D / 4))
      event "pg: database stop (immediate)"
      $CL stop-db
      sleep "$PG_DOWN"
      event "pg: database start"
      $CL start-db
      event "pg: database up"
      wait $CAP $LOOK || true
      check pg
      ;;
    overload)
      event "overload: closed loop, 96 connections over 3 nodes, 20 s after 10 s warm-up"
      $BENCH --url $URLS --api-key "$KEY" --concurrency 96 --duration 20s --warmup 10s --timeout 10s \
        --acked $OUT/sustain-acked.txt --out $OUT/sustain-capture > $OUT/sustain-capture.log 2>&1
      S=$(python3 -c "import json; print(int(json.load(open('$OUT/sustain-capture.json'))['completedPerS']))")
      ps -o rss= -p "$(cat target/cluster/node1.pid)" "$(cat target/cluster/node2.pid)" "$(cat target/cluster/node3.pid)" \
        | tr '\n' ' ' > $OUT/overload-rss-before.txt
      event "overload: sustained $S answers/s; open model at $((2 * S))/s for 30 s, $CONNS connections"
      RATE=$((2 * S)) capture overload 30 --concurrency "$CONNS"
      ps -o rss= -p "$(cat target/cluster/node1.pid)" "$(cat target/cluster/node2.pid)" "$(cat target/cluster/node3.pid)" \
        | tr '\n' ' ' > $OUT/overload-rss-after.txt
      $CL status | tee $OUT/overload-status.txt
      check overload
      ;;
    restart)
      event "restart: every node stopped"
      for n in 3 2 1; do $CL stop-node $n; done
      event "restart: cluster starts again"
      $CL start
      event "restart: cluster up"
      check restart
      ;;
    *) echo "unknown drill $drill (kill, pg, overload, restart, all)" >&2; exit 2 ;;
  esac
done
summary | tee $OUT/report.md
