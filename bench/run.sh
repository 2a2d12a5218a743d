#!/bin/sh
# The benchmark, one command: runs each scenario on a fresh node with the demo network, checks the invariants after
# each, and writes target/bench/<run>/report.md with a latency-over-time chart per scenario (plus every raw JSON).
# usage: bench/run.sh [scenario ...]      scenarios: availability capture capture-mix doorbuster devices blackfriday
#                                         (default: all of them)
#   availability  GET /api/v1/availability, open model, AVAIL_RATE/s (6000) for D s after W s warm-up
#   capture       POST /api/v1/orders, 3-line orders, uniform over 5,000 SKUs, C connections (64), closed loop; then the
#                 classic design (pgbench: conditional UPDATE + inserts) at the same concurrency on the same PostgreSQL
#   capture-mix   as capture, but 10 % of lines on the 5 hot SKUs SKU-00001..05 (issue 3's mix); + classic
#   doorbuster    3-line orders, 90 % of lines on SKU-00001..05, first cut to 3 units to sell per location; + classic
#   devices       500 handhelds (100 stores x 5) on their store feeds, DEV_RATE orders/s (50): accepted -> on device
#   blackfriday   all at once, ramping over RAMP s (30) to the peak: orders BF_RATE/s (400), lookups 5x that,
#                 devices as above; D s in all after the ramp
# D (30), W (10), C (64) and the rates are environment variables; DEVICE_ARGS adds DeviceBench options
# (e.g. "--stores 20 --devices 2" for a quick run). Needs python3; installs pgbench if missing.
set -e
. "$(dirname "$0")/lib.sh"
D=${D:-30}
W=${W:-10}
C=${C:-64}
RAMP=${RAMP:-30}
AVAIL_RATE=${AVAIL_RATE:-6000}
DEV_RATE=${DEV_RATE:-50}
BF_RATE=${BF_RATE:-400}
SCENARIOS=${*:-availability capture capture-mix doorbuster devices blackfriday}
RUN=$OUT/$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$RUN"
BENCH="java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp bench/target/aisle-bench.jar"
# The Black Friday mix runs three generator JVMs at once for about a minute each, all of it in their JIT warm-up: with
# the C2 compiler they took 1.1 of the 2 cores during the peak (the node got 1.0), with C1 only 0.6 (measured with
# /proc in the middle of the peak; docs/benchmarks.md). Its generators run on C1 unless BF_JAVA_OPTS says otherwise.
BF_BENCH="java -Xmx2g ${BF_JAVA_OPTS:--XX:TieredStopAtLevel=1} -cp bench/target/aisle-bench.jar"
AVAIL_PATH='/api/v1/availability?sku={sku}&lat={lat}&lon={lon}&radiusKm=50'
STORE_KEY=$(api_key storefront web)
RESULTS=""
FAILED=0

invariants() { # name [acked-ids file]: InvariantCheck over PostgreSQL and the node's pools, kept for the report
  name=$1
  echo "-- invariants after $name"
  if AISLE_PG_URL="postgresql://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE" java -cp server/target/aisle-server.jar \
      dev.aisle.server.platform.InvariantCheck ${2:+--acked "$2"} --url "$URL" --admin-password bench-admin-pw \
      --settle 30 > "$RUN/$name.invariants" 2>&1; then :; else FAILED=1; fi
  cat "$RUN/$name.invariants"
}

capture() { # name, CaptureBench options...: writes <name>.json and (orders) the acknowledged ids in <name>.acks
  name=$1; shift
  $BENCH dev.aisle.bench.CaptureBench --url "$URL" --out "$RUN/$name" --acked "$RUN/$name.acks" "$@"
  RESULTS="$RESULTS $name=$RUN/$name.json"
}

classic() { # name, hot lines per thousand: pgbench with bench/classic/order.sql, C clients, W + D s, same mix as
  # CaptureBench; then the same with order-full.sql, which writes every row Aisle writes for the order (CLASSIC_FULL=0
  # skips it)
  need_pgbench
  classic_run "$1" "$2" order orders order_lines
  [ "${CLASSIC_FULL:-1}" = 0 ] || classic_run "$1" "$2" order-full f_orders f_order_lines
}

classic_run() { # name, hot permille, script (bench/classic/<script>.sql), its orders table, its lines table
  tag=classic-$1; [ "$3" = order ] || tag=classic-full-$1
  echo "== $tag: pgbench $3.sql, $C clients, ${D} s after ${W} s warm-up"
  PGOPTIONS='-c client_min_messages=warning' psql -q -X -v ON_ERROR_STOP=1 -f bench/classic/schema.sql
  [ "$3" = order ] || PGOPTIONS='-c client_min_messages=warning' psql -q -X -v ON_ERROR_STOP=1 \
    -f bench/classic/schema-full.sql
  pgb="pgbench -n -M prepared -c $C -j 2 --max-tries 10 -D hot_skus=5 -D hot_permille=$2 -D skus=5000"
  $pgb -f "bench/classic/$3.sql" -T "$W" > "$RUN/$tag-warmup.out" 2>&1 || { cat "$RUN/$tag-warmup.out" >&2; exit 1; }
  first=$(psql -X -At -c "select coalesce(max(created_at), '-infinity') from classic.$4")
  mkdir -p "$RUN/pglog-$tag"
  $pgb -f "bench/classic/$3.sql" -T "$D" -l --log-prefix="$RUN/pglog-$tag/tx" > "$RUN/$tag.out" 2>&1
  counts=$(psql -X -At -c "with o as (select id from classic.$4 where created_at > '$first')
    select (select count(*) from o), count(*), count(*) filter (where status = 'backordered'),
      count(distinct order_id) filter (where status = 'backordered')
    from classic.$5 where order_id in (select id from o)")
  python3 bench/report.py pgbench "$RUN/$tag.json" "$RUN/$tag.out" "$RUN/pglog-$tag/tx" "$counts"
  RESULTS="$RESULTS $tag=$RUN/$tag.json"
}

no_capacity_limit() { # every location may take 1,000,000 orders a day: a capture run takes ~100,000 orders in a
  # minute, about what the demo network's stores and DCs may take in a whole day, so it would end up measuring
  # refusals (409 once every store is full) instead of capture; the classic design has no capacity limit either
  python3 - "$URL" "$TOKEN" <<'PY'
import json, sys, urllib.request
url, token = sys.argv[1], sys.argv[2]
def call(method, path, body=None):
    req = urllib.request.Request(url + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + token, "content-type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)
cursor, n = None, 0
while True:
    page = call("GET", "/api/v1/locations?limit=1000" + ("&cursor=" + cursor if cursor else ""))
    for loc in page["items"]:
        loc["capacityPerDay"] = 1000000
        call("PUT", "/api/v1/locations/" + loc["id"], loc)
        n += 1
    cursor = page.get("nextCursor")
    if not cursor:
        break
print(f"capacity: {n} locations may take 1,000,000 orders a day for this run")
PY
}

doorbuster_stock() { # SKU-00001..05: 3 units to sell at every location that holds them (on hand = 3 + what is
  # already reserved there, so orders taken earlier in the run stay covered), as absolute snapshot lines
  psql -X -At -c "select format('{\"sku\":\"%s\",\"locationId\":\"%s\",\"onHand\":%s,\"feedSeq\":%s}', s.sku,
                  s.location_id, 3 + s.safety_stock + coalesce(a.reserved, 0), extract(epoch from now())::bigint)
                  from stock s left join (select sku, location_id, sum(quantity) as reserved from allocations
                  where status = 'open' group by 1, 2) a using (sku, location_id)
                  where s.sku between 'SKU-00001' and 'SKU-00005'" > "$RUN/doorbuster.ndjson"
  curl -fs -H "X-Api-Key: $(api_key integration)" -H 'content-type: application/x-ndjson' \
    --data-binary @"$RUN/doorbuster.ndjson" "$URL/api/v1/inventory/snapshot" | head -c 200; echo
}

FIRST=1
for s in $SCENARIOS; do
  echo "== $s"
  if [ $FIRST = 0 ]; then  # every scenario starts from the same demo stock, on a fresh node
    stop_node
    start_node
    STORE_KEY=$(api_key storefront web)
  fi
  FIRST=0
  case $s in
    availability)
      capture availability --get-path "$AVAIL_PATH" --rate "$AVAIL_RATE" --concurrency 128 --duration "${D}s" \
        --warmup "${W}s"
      invariants availability ;;
    capture)
      no_capacity_limit
      capture capture --api-key "$STORE_KEY" --concurrency "$C" --duration "${D}s" --warmup "${W}s" --hot-share 0
      invariants capture "$RUN/capture.acks"
      classic capture 0 ;;
    capture-mix)
      no_capacity_limit
      capture capture-mix --api-key "$STORE_KEY" --concurrency "$C" --duration "${D}s" --warmup "${W}s" --hot-share 0.1
      invariants capture-mix "$RUN/capture-mix.acks"
      classic capture-mix 100 ;;
    doorbuster)
      doorbuster_stock
      capture doorbuster --api-key "$STORE_KEY" --concurrency "$C" --duration "${D}s" --warmup "${W}s" --hot-share 0.9
      invariants doorbuster "$RUN/doorbuster.acks"
      classic doorbuster 900 ;;
    devices)
      $BENCH dev.aisle.bench.DeviceBench --url "$URL" --admin-password bench-admin-pw --api-key "$STORE_KEY" \
        --rate "$DEV_RATE" --duration "${D}s" --warmup "${W}s" --out "$RUN/devices" ${DEVICE_ARGS:-}
      RESULTS="$RESULTS devices=$RUN/devices.json"
      invariants devices ;;
    blackfriday)
      total=$((RAMP + D))
      saved=$BENCH
      BENCH=$BF_BENCH
      $BENCH dev.aisle.bench.DeviceBench --url "$URL" --admin-password bench-admin-pw --api-key "$STORE_KEY" \
        --rate "$DEV_RATE" --duration "${total}s" --warmup 0s --out "$RUN/blackfriday-devices" ${DEVICE_ARGS:-} > "$RUN/bf-devices.out" 2>&1 &
      devices=$!
      # the devices sign in and connect before the peak traffic starts (DeviceBench's setup: 30-45 s here)
      waited=0
      until grep -q "feeds live" "$RUN/bf-devices.out" 2>/dev/null; do
        kill -0 $devices 2>/dev/null || { cat "$RUN/bf-devices.out" >&2; exit 1; }
        [ $waited -lt 180 ] || { echo "the devices did not connect within 180 s" >&2; exit 1; }
        sleep 1; waited=$((waited + 1))
      done
      capture blackfriday-lookups --get-path "$AVAIL_PATH" --rate $((BF_RATE * 5)) --ramp "${RAMP}s" \
        --concurrency 128 --duration "${D}s" --warmup "${RAMP}s" > "$RUN/bf-lookups.out" 2>&1 &
      lookups=$!
      capture blackfriday-orders --api-key "$STORE_KEY" --rate "$BF_RATE" --ramp "${RAMP}s" --concurrency 256 \
        --duration "${D}s" --warmup "${RAMP}s"
      wait $lookups || FAILED=1
      RESULTS="$RESULTS blackfriday-lookups=$RUN/blackfriday-lookups.json"
      wait $devices || FAILED=1
      cat "$RUN/bf-lookups.out" "$RUN/bf-devices.out" | grep -v '^  *[0-9]* s ' || true
      RESULTS="$RESULTS blackfriday-devices=$RUN/blackfriday-devices.json"
      BENCH=$saved
      invariants blackfriday "$RUN/blackfriday-orders.acks" ;;
    *) echo "unknown scenario $s" >&2; exit 2 ;;
  esac
done

cat "$RUN"/*.invariants > "$RUN/invariants.txt"
# shellcheck disable=SC2086
$BENCH dev.aisle.bench.Report "$RUN" "Aisle benchmark $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores" $RESULTS \
  invariants="$RUN/invariants.txt"
[ $FAILED -eq 0 ] || { echo "invariant violations or a failed generator: see $RUN" >&2; exit 1; }
