#!/bin/sh
# Order capture on one node with the demo network, against the classic design on the same PostgreSQL:
#   1. CaptureBench: POST /api/v1/orders, Black Friday mix, C connections for D s after W s of warm-up
#   2. classic: pgbench with bench/classic/order.sql (reserve by UPDATE ... WHERE available >= 1), same C, W, D
# then both side by side with the throughput ratio, written to target/bench/capture-report.md.
# usage: [C=64] [D=30] [W=10] [RATE=orders/s] bench/run-capture.sh [all|capture|classic]   (all by default)
#   RATE switches both to an open model (CaptureBench --rate, pgbench -R): latency counted from the scheduled time.
#   CAPTURE_ARGS adds CaptureBench options, e.g. CAPTURE_ARGS="--hot-share 0.2".
# Starts its own node (rate limit off) in a scratch data folder; installs pgbench if missing.
set -e
cd "$(dirname "$0")/.."
C=${C:-64}
D=${D:-30}
W=${W:-10}
PORT=${PORT:-18080}
DATA=${DATA:-target/bench-data}
WHAT=${1:-all}
OUT=target/bench
HOT_SKUS=5
HOT_PERMILLE=100

# pgbench is in the server package on Debian (postgresql-15), not in postgresql-client-15
if ! ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1; then
  apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 >/dev/null
fi
export AISLE_HTTP_PORT=$PORT AISLE_DATA_DIR=$DATA AISLE_RATE_LIMIT_PER_SECOND=0 AISLE_ADMIN_PASSWORD=bench-admin-pw \
       AISLE_CLUSTER_NAME=bench AISLE_LOG_FORMAT=text
mkdir -p $OUT
if curl -s -o /dev/null localhost:$PORT/health/live; then echo "port $PORT is taken: stop what runs there first" >&2; exit 1; fi
[ -f server/target/aisle-server.jar ] && [ -f bench/target/aisle-bench.jar ] || mvn -B -q -DskipTests package
java -Xmx4g -jar server/target/aisle-server.jar --demo > target/bench-node.log 2>&1 &
NODE=$!
trap 'rc=$?; kill $NODE; wait $NODE || true; exit $rc' EXIT
until curl -sf localhost:$PORT/health/ready >/dev/null; do
  kill -0 $NODE 2>/dev/null || { echo "the node did not start: see target/bench-node.log" >&2; exit 1; }
  sleep 1
done
export PGHOST=127.0.0.1 PGUSER=aisle PGDATABASE=aisle
PGPORT=$(grep -o 'embedded PostgreSQL [0-9.]* started on 127.0.0.1:[0-9]*' target/bench-node.log | tail -1 | sed 's/.*://')
PGPASSWORD=$(cat "$DATA/postgres/password")
export PGPORT PGPASSWORD

if [ "$WHAT" != classic ]; then
  TOKEN=$(curl -s localhost:$PORT/api/v1/auth/token -H 'content-type: application/json' \
    -d '{"username":"admin","password":"bench-admin-pw"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
  KEY=$(curl -s localhost:$PORT/api/v1/api-keys -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d '{"name":"bench","role":"storefront","channel":"web"}' | sed 's/.*"key":"\([^"]*\)".*/\1/')
  echo "== Aisle: CaptureBench, $C connections, ${D} s after ${W} s warm-up${RATE:+, $RATE orders/s}"
  # shellcheck disable=SC2086
  java -jar bench/target/aisle-bench.jar --url http://127.0.0.1:$PORT --api-key "$KEY" --concurrency $C \
    --duration ${D}s --warmup ${W}s --hot-skus $HOT_SKUS --hot-share 0.$(printf %03d $HOT_PERMILLE) \
    ${RATE:+--rate $RATE} --out $OUT/capture $CAPTURE_ARGS
fi

if [ "$WHAT" != capture ]; then
  echo "== classic: pgbench, $C clients, ${D} s after ${W} s warm-up${RATE:+, $RATE tx/s}"
  PGOPTIONS='-c client_min_messages=warning' psql -q -v ON_ERROR_STOP=1 -f bench/classic/schema.sql
  PGB="pgbench -n -M prepared -c $C -j 2 --max-tries 10 -D hot_skus=$HOT_SKUS -D hot_permille=$HOT_PERMILLE -D skus=5000"
  PGB="$PGB ${RATE:+-R $RATE} -f bench/classic/order.sql"
  $PGB -T "$W" > $OUT/pgbench-warmup.out 2>&1 || { cat $OUT/pgbench-warmup.out >&2; exit 1; }
  FIRST=$(psql -At -c "select coalesce(max(id), 0) from classic.orders")
  rm -rf $OUT/pglog && mkdir -p $OUT/pglog
  $PGB -T "$D" -P 5 --progress-timestamp --failures-detailed -l --log-prefix=$OUT/pglog/tx 2>&1 | tee $OUT/pgbench.out
  COUNTS=$(psql -At -c "select (select count(*) from classic.orders where id > $FIRST), count(*),
    count(*) filter (where status = 'backordered'), count(distinct order_id) filter (where status = 'backordered')
    from classic.order_lines where order_id > $FIRST")
  python3 bench/report.py pgbench $OUT/classic.json $OUT/pgbench.out $OUT/pglog/tx "$COUNTS"
fi

if [ "$WHAT" = all ]; then
  python3 bench/report.py compare $OUT/capture.json $OUT/classic.json $OUT/capture-report.md
fi
