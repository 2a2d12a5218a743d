#!/bin/sh
# Browser tests: installs what they need when it is missing (Debian's chromium, the pinned npm packages), starts the
# server jar on free ports with its own embedded PostgreSQL and the demo network, runs every test in tests/, stops
# the server. Called by `mvn verify` (integration-test phase of this module); runs alone as `sh e2e/run.sh` after
# `mvn -DskipTests package`. UPDATE_SCREENSHOTS=1 copies the pictures the tests took into docs/screenshots.
# Arguments name test files to run instead of all (e.g. sh e2e/run.sh tests/lookup-customer.test.mjs).
set -eu
cd "$(dirname "$0")"
E2E=$(pwd)
ROOT=$(cd .. && pwd)
JAR="$ROOT/server/target/aisle-server.jar"
[ -f "$JAR" ] || { echo "e2e: $JAR is missing; build with mvn -DskipTests package first" >&2; exit 1; }

if [ -z "${CHROMIUM:-}" ]; then
  CHROMIUM=$(command -v chromium || true)
fi
if [ -z "$CHROMIUM" ]; then
  echo "e2e: installing Debian's chromium"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null'
  CHROMIUM=$(command -v chromium)
fi
export CHROMIUM

if ! cmp -s package-lock.json node_modules/.aisle-installed 2>/dev/null; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.aisle-installed
fi

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
PORT=$(free_port)
RUN="$E2E/target/run"
rm -rf "$RUN"
mkdir -p "$RUN"
export AISLE_URL="http://127.0.0.1:$PORT"
export AISLE_ADMIN_PASSWORD="e2e-admin-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"

cd "$ROOT"
AISLE_HTTP_HOST=127.0.0.1 AISLE_HTTP_PORT=$PORT AISLE_DATA_DIR="$RUN/data" \
  AISLE_CLUSTER_NAME="e2e-$PORT" AISLE_CLUSTER_HOST=127.0.0.1 AISLE_CLUSTER_PORT=$(free_port) \
  AISLE_CLUSTER_MEMBERS="" AISLE_RATE_LIMIT_PER_SECOND=0 \
  java -jar "$JAR" --demo >"$RUN/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT INT TERM

i=0
until curl -fs "$AISLE_URL/health/ready" >/dev/null 2>&1; do
  i=$((i + 1))
  if [ $i -gt 240 ] || ! kill -0 $SERVER 2>/dev/null; then
    echo "e2e: the server did not become ready; its log:" >&2
    tail -50 "$RUN/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "e2e: server ready at $AISLE_URL after $((i / 2)) s"

cd "$E2E"
status=0
# shellcheck disable=SC2086
node --test --test-concurrency=1 --test-reporter=spec ${*:-tests/} || status=$?
if [ $status -eq 0 ] && [ "${UPDATE_SCREENSHOTS:-0}" = 1 ]; then
  mkdir -p "$ROOT/docs/screenshots" && cp target/screenshots/*.png "$ROOT/docs/screenshots/"
  echo "e2e: screenshots copied to docs/screenshots"
fi
if [ $status -ne 0 ]; then
  echo "e2e: failed; the server log is $RUN/server.log, screenshots of failures in $E2E/target/failures" >&2
fi
exit $status
