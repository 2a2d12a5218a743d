#!/bin/sh
# The invariants after a run, against the node's PostgreSQL (PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE set) and,
# when URL and TOKEN are set, its in-memory pools. Prints every violation and exits 1 when there is one.
#   1. no oversell: for every position, the open allocations (what is reserved) <= on_hand - safety_stock
#   2. every acknowledged order is in PostgreSQL: each id in the given .acks files (CaptureBench's 201 answers)
#   3. pool = PostgreSQL: for the hot SKUs (HOT, default SKU-00001..00005) the pool's reserved at every location equals
#      the open allocations there, and available-to-sell is never below zero
# usage: bench/check-invariants.sh [ACKS_FILE ...]
set -eu
violations=0
report() { # name, count, sample rows
  if [ "$2" -eq 0 ]; then
    echo "ok    $1"
  else
    echo "FAIL  $1: $2"
    printf '%s\n' "$3" | head -10 | sed 's/^/        /'
    violations=$((violations + $2))
  fi
}
q() { psql -X -At -v ON_ERROR_STOP=1 -c "$1"; }

OVERSOLD="WITH r AS (SELECT location_id, sku, sum(quantity) AS reserved FROM allocations WHERE status = 'open'
                     GROUP BY 1, 2)
          SELECT r.location_id || ' ' || r.sku || ': reserved ' || r.reserved || ' > on hand ' || coalesce(s.on_hand, 0)
                 || ' - safety ' || coalesce(s.safety_stock, 0)
          FROM r LEFT JOIN stock s USING (location_id, sku)
          WHERE r.reserved > coalesce(s.on_hand, 0) - coalesce(s.safety_stock, 0)"
rows=$(q "$OVERSOLD")
report "no position has more reserved than on hand - safety stock" "$(printf '%s' "$rows" | grep -c . || true)" "$rows"

if [ $# -gt 0 ]; then
  acked=$(cat "$@" | grep -c . || true)
  rows=$( (echo "CREATE TEMP TABLE acks (id uuid); COPY acks FROM STDIN;"; cat "$@"; echo '\.';
           echo "SELECT id FROM acks a WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = a.id);") \
         | psql -X -At -v ON_ERROR_STOP=1 -q)
  report "all $acked acknowledged orders are in PostgreSQL" "$(printf '%s' "$rows" | grep -c . || true)" "$rows"
fi

if [ -n "${URL:-}" ] && [ -n "${TOKEN:-}" ]; then
  for sku in ${HOT:-SKU-00001 SKU-00002 SKU-00003 SKU-00004 SKU-00005}; do
    pool=$(curl -fs "$URL/api/v1/inventory/$sku" -H "Authorization: Bearer $TOKEN" | python3 -c '
import json, sys
for p in json.load(sys.stdin)["positions"]:
    print(p["locationId"], p["reserved"], p["availableToSell"])')
    pg=$(q "SELECT location_id || ' ' || sum(quantity) FROM allocations WHERE status = 'open' AND sku = '$sku' GROUP BY location_id")
    rows=$(printf '%s\n' "$pool" | python3 -c '
import sys
pg = dict(line.split() for line in sys.argv[1].splitlines() if line.strip())
for line in sys.stdin:
    if not line.strip():
        continue
    loc, reserved, ats = line.split()
    want = int(pg.pop(loc, 0))
    if int(reserved) != want or int(ats) < 0:
        print(f"{loc}: pool reserved {reserved}, ats {ats}; PostgreSQL open allocations {want}")
for loc, want in pg.items():
    print(f"{loc}: no pool position; PostgreSQL open allocations {want}")' "$pg")
    report "pool = PostgreSQL for $sku" "$(printf '%s' "$rows" | grep -c . || true)" "$rows"
  done
fi

[ $violations -eq 0 ] && echo "invariants: 0 violations" || { echo "invariants: $violations violations"; exit 1; }
