#!/usr/bin/env python3
"""Turns benchmark outputs into JSON and a side-by-side report (used by bench/run-capture.sh).

  report.py pgbench OUT.json PGBENCH_STDOUT LOG_PREFIX [DB_COUNTS]
      percentiles of the per-transaction pgbench log (LOG_PREFIX.<pid>[.<thread>]), tps from pgbench's own summary,
      DB_COUNTS = "orders|lines|backordered lines|orders with a backordered line" from psql -At
  report.py compare CAPTURE.json CLASSIC.json REPORT.md
      prints both side by side with the throughput ratio and writes REPORT.md
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


def compare(capture_file, classic_file, report_file):
    cap = json.load(open(capture_file))
    cl = json.load(open(classic_file))
    cap_rate = cap.get("ordersPerS", cap.get("okPerS", 0.0))
    ratio = cap_rate / cl["tps"] if cl["tps"] else float("nan")
    cl_lat = cl["latencyMs"]
    cap_lat = cap["latencyMs"]
    counts = cap["counts"]
    rows = [
        ("what", "Aisle " + cap["method"], "classic: PostgreSQL UPDATE ... WHERE available >= 1 (pgbench)"),
        ("load", f"{cap['model']} loop, {cap['concurrency']} connections" +
         (f", {cap['targetRate']:.0f}/s" if cap.get("targetRate") else ""), f"{cl['clients']} clients, closed loop"),
        ("duration s", f"{cap['durationS']:.0f}", f"{cl['durationS']:.0f}"),
        ("orders/s", f"{cap_rate:.1f} (201s)", f"{cl['tps']:.1f} (committed)"),
        ("answers", ", ".join(f"{k}: {v}" for k, v in counts.items()), f"{cl['transactions']} ok, {cl['failed']} failed"),
    ]
    if "db" in cl:
        rows.append(("out of stock", f"{counts.get('409', 0)} orders answered 409",
                     f"{cl['db']['ordersWithBackorderedLine']} orders with a line out of stock"))
    for k in ("p50", "p90", "p99", "p99.9", "max"):
        rows.append((f"latency {k} ms", f"{cap_lat[k]:.2f}", f"{cl_lat[k]:.2f}"))
    rows.append(("throughput ratio", f"{ratio:.2f}x", "1x"))

    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    print()
    for r in rows:
        print(f"{r[0]:<{w0}}  {r[1]:<{w1}}  {r[2]}")
    with open(report_file, "w") as f:
        f.write("# Order capture: Aisle vs the classic design\n\n")
        f.write("Same machine, same PostgreSQL, same hot-SKU mix "
                f"({cap['lines']} lines of 1, {cap['hotShare'] * 100:.0f}% of lines on SKU-00001..{cap['hotSkus']:05d}, "
                f"the rest uniform over {cap['skus']} SKUs). Ratio = Aisle 201s per second / classic committed "
                "transactions per second (a classic order commits even when a line is out of stock).\n\n")
        f.write("| | Aisle | classic |\n|---|---|---|\n")
        for r in rows:
            f.write(f"| {r[0]} | {r[1]} | {r[2]} |\n")
        f.write("\nRaw: " + capture_file + ", " + classic_file + "\n")
    print(f"\nwrote {report_file}")


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "pgbench":
        pgbench(*sys.argv[2:7])
    elif len(sys.argv) == 5 and sys.argv[1] == "compare":
        compare(*sys.argv[2:5])
    else:
        sys.exit(__doc__)
