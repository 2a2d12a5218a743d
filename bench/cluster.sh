#!/bin/bash
# A three-node Aisle cluster on this machine (loopback only), sharing one PostgreSQL that runs as its own process.
# usage: bench/cluster.sh start | stop | status | kill N | start-node N | stop-node N | stop-db | start-db | url
#   start       database (java -jar aisle-server.jar --database-only on PG_PORT), then node 1 with the demo network,
#               then nodes 2 and 3; waits until each answers /health/ready
#   stop        every node (SIGTERM: graceful leave), then the database
#   status      pid, HTTP port and /health/ready of each process
#   kill N      kill -9 node N (1..3)             start-node N / stop-node N   one node (SIGTERM)
#   stop-db     PostgreSQL immediate shutdown (SIGQUIT to the postmaster, what pg_ctl stop -m immediate sends),
#               then its holder process         start-db   the database again, same port and data
#   url         prints the database URL (with its password: for scripts, not for logs)
# Environment: HTTP_BASE (8080: nodes on 8081..8083), HZ_BASE (5700: Hazelcast on 5701..5703), PG_PORT (15432),
#   DIR (target/cluster: data, logs, pids), HEAP (1g per node), ADMIN_PW (bench-admin-pw), NODE_ARGS (extra JVM
#   options), plus any AISLE_* variable (e.g. AISLE_ORPHAN_RELEASE_SECONDS) passed on to the nodes.
# Nodes: AISLE_CLUSTER_NAME=aisle-local, members 127.0.0.1:5701..5703, rate limit off, logs as text in DIR/nodeN.log.
set -e
cd "$(dirname "$0")/.."
HTTP_BASE=${HTTP_BASE:-8080}
HZ_BASE=${HZ_BASE:-5700}
PG_PORT=${PG_PORT:-15432}
DIR=${DIR:-target/cluster}
HEAP=${HEAP:-1g}
ADMIN_PW=${ADMIN_PW:-bench-admin-pw}
JAR=server/target/aisle-server.jar
mkdir -p "$DIR"

pid_of() { [ -f "$DIR/$1.pid" ] && kill -0 "$(cat "$DIR/$1.pid")" 2>/dev/null && cat "$DIR/$1.pid"; }
http_port() { echo $((HTTP_BASE + $1)); }
ready() { curl -sf -m 2 "http://127.0.0.1:$(http_port "$1")/health/ready" >/dev/null; }
db_url() { cat "$DIR/db/postgres/url"; }

await() {  # await WHAT PID TEST...: until TEST succeeds, failing if PID dies or 120 s pass
  local what=$1 pid=$2 i=0; shift 2
  until "$@"; do
    kill -0 "$pid" 2>/dev/null || { echo "$what did not start: see $DIR/$what.log" >&2; return 1; }
    i=$((i + 1)); [ $i -le 240 ] || { echo "$what not ready after 120 s" >&2; return 1; }
    sleep 0.5
  done
}

start_db() {
  if pid_of db >/dev/null; then return 0; fi
  [ -f "$JAR" ] || mvn -B -q -DskipTests package
  rm -f "$DIR/db/postgres/url"
  AISLE_DATA_DIR="$DIR/db" AISLE_PG_PORT=$PG_PORT AISLE_LOG_FORMAT=text \
    setsid java -Xmx256m -jar "$JAR" --database-only > "$DIR/db.log" 2>&1 < /dev/null &
  echo $! > "$DIR/db.pid"
  await db $! test -s "$DIR/db/postgres/url"
  echo "database: 127.0.0.1:$PG_PORT (pid $(cat "$DIR/db.pid"))"
}

stop_db() {  # immediate shutdown of the postmaster, then its holder
  local pm
  pm=$(head -1 "$DIR/db/postgres/data/postmaster.pid" 2>/dev/null || true)
  [ -n "$pm" ] && kill -QUIT "$pm" 2>/dev/null || true
  if pid=$(pid_of db); then kill "$pid"; wait_gone "$pid"; fi
  rm -f "$DIR/db.pid"
}

start_node() {  # start_node N [--demo]
  local n=$1
  if pid_of "node$n" >/dev/null; then return 0; fi
  local members="127.0.0.1:$((HZ_BASE + 1)),127.0.0.1:$((HZ_BASE + 2)),127.0.0.1:$((HZ_BASE + 3))"
  # shellcheck disable=SC2086
  AISLE_PG_URL=$(db_url) AISLE_HTTP_HOST=127.0.0.1 AISLE_HTTP_PORT=$(http_port "$n") AISLE_DATA_DIR="$DIR/node$n" \
    AISLE_CLUSTER_NAME=aisle-local AISLE_CLUSTER_HOST=127.0.0.1 AISLE_CLUSTER_PORT=$((HZ_BASE + n)) \
    AISLE_CLUSTER_MEMBERS=$members AISLE_RATE_LIMIT_PER_SECOND=0 AISLE_ADMIN_PASSWORD=$ADMIN_PW \
    AISLE_LOG_FORMAT=text setsid java -Xmx$HEAP $NODE_ARGS -jar "$JAR" $2 >> "$DIR/node$n.log" 2>&1 < /dev/null &
  echo $! > "$DIR/node$n.pid"
}

await_node() { await "node$1" "$(cat "$DIR/node$1.pid")" ready "$1" && echo "node $1: http://127.0.0.1:$(http_port "$1") (pid $(cat "$DIR/node$1.pid"))"; }

wait_gone() { local i=0; while kill -0 "$1" 2>/dev/null && [ $i -lt 120 ]; do sleep 0.5; i=$((i + 1)); done; }

stop_node() {
  if pid=$(pid_of "node$1"); then kill "$pid"; wait_gone "$pid"; fi
  rm -f "$DIR/node$1.pid"
}

case "${1:-}" in
  start)
    for n in 1 2 3; do
      ! curl -s -o /dev/null -m 1 "127.0.0.1:$(http_port $n)" || { echo "port $(http_port $n) is taken" >&2; exit 1; }
    done
    start_db
    start_node 1 --demo && await_node 1
    start_node 2 && start_node 3 && await_node 2 && await_node 3
    ;;
  stop) for n in 3 2 1; do stop_node $n; done; stop_db; echo "cluster stopped" ;;
  status)
    echo "database: $(pid_of db || echo down) 127.0.0.1:$PG_PORT"
    for n in 1 2 3; do
      echo "node $n: pid $(pid_of node$n || echo -) http://127.0.0.1:$(http_port $n) ready: $(ready $n && echo yes || echo no)"
    done
    ;;
  kill) pid=$(pid_of "node$2") && kill -9 "$pid" && rm -f "$DIR/node$2.pid" && echo "node $2 (pid $pid) killed" ;;
  start-node) start_node "$2" && await_node "$2" ;;
  stop-node) stop_node "$2" ;;
  stop-db) stop_db; echo "database stopped" ;;
  start-db) start_db ;;
  url) db_url ;;
  *) sed -n '2,18p' "$0"; exit 2 ;;
esac
