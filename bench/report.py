#!/usr/bin/env python3
"""Turns benchmark outputs into JSON and a side-by-side report (used by bench/run.sh).

  report.py pgbench OUT.json PGBENCH_STDOUT LOG_PREFIX [DB_COUNTS]
      percentiles of the per-transaction pgbench log (LOG_PREFIX.<pid>[.<thread>]), tps from pgbench's own summary,
      DB_COUNTS = "orders|lines|backordered lines|orders with a backordered line" from psql -At
"""
import glob
import math
import json
import re
import sys


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    i = min(len(sorted_values) - 1, max(0, math.ceil(p / 100.0 * len(sorted_values)) - 1))  # nearest rank
    return sorted_values[i]


def pgbench(out, stdout_file, log_prefix, db_counts=None):
    text = open(stdout_file).read()
    tps = float(re.search(r"tps = ([0-9.]+)", text).group(1))
    duration = float(re.search(r"duration: ([0-9.]+) s", text).group(1))
    clients = int(re.search(r"number of clients: (\d+)", text).group(1))
    failed = re.search(r"number of failed transactions: (\d+)", text)
    latencies = []  # ms; "time" is µs, from the scheduled start when -R is used (schedule lag included)
    failed_in_log = 0
    for f in glob.glob(glob.escape(log_prefix) + ".*"):
        for line in open(f):
            fields = line.split()
            if len(fields) < 3:
                continue
            if fields[2].isdigit():
                latencies.append(int(fields[2]) / 1000.0)
            else:
                failed_in_log += 1
    latencies.sort()
    result = {
        "tool": "pgbench", "clients": clients, "durationS": duration, "tps": round(tps, 1),
        "transactions": len(latencies), "failed": int(failed.group(1)) if failed else failed_in_log,
        "latencyMs": {k: round(percentile(latencies, p), 3) for k, p in
                      (("p50", 50), ("p90", 90), ("p99", 99), ("p99.9", 99.9))},
    }
    result["latencyMs"]["max"] = round(latencies[-1], 3) if latencies else 0.0
    if db_counts:
        orders, lines, backordered, partial = (int(x) for x in db_counts.strip().split("|"))
        result["db"] = {"orders": orders, "lines": lines, "backorderedLines": backordered,
                        "ordersWithBackorderedLine": partial}
    json.dump(result, open(out, "w"), indent=2)
    lat = result["latencyMs"]
    print(f"classic (pgbench): {result['tps']} tps, {result['transactions']} transactions, {result['failed']} failed; "
          f"latency ms p50 {lat['p50']} p90 {lat['p90']} p99 {lat['p99']} p99.9 {lat['p99.9']} max {lat['max']}")
    if db_counts:
        db = result["db"]
        print(f"  in the database: {db['orders']} orders, {db['lines']} lines, {db['backorderedLines']} lines out of "
              f"stock, {db['ordersWithBackorderedLine']} orders with at least one")


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "pgbench":
        pgbench(*sys.argv[2:7])
    else:
        sys.exit(__doc__)
