#!/bin/sh
# Order accepted -> task on the device: DeviceBench with S stores x N devices following their store feeds while
# orders flow at RATE/s for D s after W s of warm-up; writes target/bench/devices.json (+ .hgrm).
# usage: [RATE=50] [D=30] [W=10] [STORES=100] [DEVICES=5] bench/run-devices.sh
#   DEVICE_ARGS adds DeviceBench options, e.g. DEVICE_ARGS="--settle 20s".
#   KEEP_DATA=1 keeps the data folder; by default it is emptied first, so every run starts from the same demo stock
#   and today's store-capacity counts at zero (the orders of a run count against the stores' capacityPerDay).
# Starts its own node (demo network, rate limit off) in a scratch data folder and stops it at the end.
set -e
cd "$(dirname "$0")/.."
RATE=${RATE:-50}
D=${D:-30}
W=${W:-10}
STORES=${STORES:-100}
DEVICES=${DEVICES:-5}
PORT=${PORT:-18080}
DATA=${DATA:-target/bench-data}
OUT=target/bench

export AISLE_HTTP_PORT=$PORT AISLE_DATA_DIR=$DATA AISLE_RATE_LIMIT_PER_SECOND=0 AISLE_ADMIN_PASSWORD=bench-admin-pw \
       AISLE_CLUSTER_NAME=bench AISLE_LOG_FORMAT=text
mkdir -p $OUT
if curl -s -o /dev/null localhost:$PORT/health/live; then echo "port $PORT is taken: stop what runs there first" >&2; exit 1; fi
[ -f server/target/aisle-server.jar ] && [ -f bench/target/aisle-bench.jar ] || mvn -B -q -DskipTests package
[ "${KEEP_DATA:-0}" = 1 ] || rm -rf "$DATA"
java -Xmx4g -jar server/target/aisle-server.jar --demo > target/bench-node.log 2>&1 &
NODE=$!
trap 'rc=$?; kill $NODE; wait $NODE || true; exit $rc' EXIT
until curl -sf localhost:$PORT/health/ready >/dev/null; do
  kill -0 $NODE 2>/dev/null || { echo "the node did not start: see target/bench-node.log" >&2; exit 1; }
  sleep 1
done

echo "== DeviceBench: $STORES stores x $DEVICES devices, $RATE orders/s, ${D} s after ${W} s warm-up"
# shellcheck disable=SC2086
java -Xmx2g -cp bench/target/aisle-bench.jar dev.aisle.bench.DeviceBench --url http://127.0.0.1:$PORT \
  --admin-password bench-admin-pw --stores $STORES --devices $DEVICES --rate $RATE \
  --duration ${D}s --warmup ${W}s --out $OUT/devices $DEVICE_ARGS
