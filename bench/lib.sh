# Sourced by the bench scripts: starts one node with the demo network (rate limit off, admin password
# bench-admin-pw) on $PORT (18080) in $DATA (target/bench-data, emptied first unless KEEP_DATA=1), waits until it is
# ready, stops it on exit, and exports what the tools need: URL, TOKEN (admin), PG* for psql and pgbench. A script
# that wants a fresh node again calls stop_node and start_node.
cd "$(dirname "$0")/.."
PORT=${PORT:-18080}
DATA=${DATA:-target/bench-data}
OUT=${OUT:-target/bench}
URL=http://127.0.0.1:$PORT
export AISLE_HTTP_PORT=$PORT AISLE_DATA_DIR=$DATA AISLE_RATE_LIMIT_PER_SECOND=0 AISLE_ADMIN_PASSWORD=bench-admin-pw \
       AISLE_CLUSTER_NAME=bench-$PORT AISLE_LOG_FORMAT=text
mkdir -p "$OUT" target
if curl -s -o /dev/null "$URL/health/live"; then echo "port $PORT is taken: stop what runs there first" >&2; exit 1; fi
[ -f server/target/aisle-server.jar ] && [ -f bench/target/aisle-bench.jar ] || mvn -B -q -DskipTests package
# start_node: a fresh node (its data folder emptied first unless KEEP_DATA=1); stop_node stops it
start_node() {
  [ "${KEEP_DATA:-0}" = 1 ] || rm -rf "$DATA"
  java -Xmx4g ${NODE_JAVA_OPTS:-} -jar server/target/aisle-server.jar --demo > target/bench-node.log 2>&1 &
  NODE=$!
  until curl -sf "$URL/health/ready" >/dev/null; do
    kill -0 $NODE 2>/dev/null || { echo "the node did not start: see target/bench-node.log" >&2; exit 1; }
    sleep 1
  done
  TOKEN=$(curl -s "$URL/api/v1/auth/token" -H 'content-type: application/json' \
    -d '{"username":"admin","password":"bench-admin-pw"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
  PGPORT=$(grep -o 'embedded PostgreSQL [0-9.]* started on 127.0.0.1:[0-9]*' target/bench-node.log | tail -1 | sed 's/.*://')
  PGPASSWORD=$(cat "$DATA/postgres/password")
  export URL TOKEN PGHOST=127.0.0.1 PGUSER=aisle PGDATABASE=aisle PGPORT PGPASSWORD
}
stop_node() {
  kill $NODE 2>/dev/null && wait $NODE || true
  NODE=
}
trap 'rc=$?; [ -z "${NODE:-}" ] || stop_node; exit $rc' EXIT INT TERM
start_node

# api_key ROLE [CHANNEL]: a new API key
api_key() {
  curl -s "$URL/api/v1/api-keys" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d "{\"name\":\"bench-$1-$$-$(date +%s%N)\",\"role\":\"$1\"${2:+,\"channel\":\"$2\"}}" \
    | sed 's/.*"key":"\([^"]*\)".*/\1/'
}

# pgbench is in the server package on Debian (postgresql-15), not in postgresql-client-15
need_pgbench() {
  if ! ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1; then
    apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 >/dev/null
  fi
  PATH=$PATH:$(dirname "$(ls /usr/lib/postgresql/*/bin/pgbench | head -1)")
}
