#!/usr/bin/env python3
"""Turns the outputs of bench/run-faults.sh (target/faults/) into a markdown report on stdout.

Errors are counted per second from CaptureBench's timeline: a failed answer is a 503, another non-201/409 status
(for lookups: anything but 200) or no answer at all. The error window runs from the first to the last second with
a failed answer, measured from the fault.
"""
import datetime
import glob
import json
import os
import re
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "target/faults"
cluster = "target/cluster"


def load(name):
    path = os.path.join(out, name)
    return json.load(open(path)) if os.path.exists(path) else None


events = []
if os.path.exists(os.path.join(out, "events.log")):
    for line in open(os.path.join(out, "events.log")):
        at, what = line.split(" ", 1)
        events.append((float(at), what.strip()))


def when(prefix):
    return next((at for at, what in events if what.startswith(prefix)), None)


OUTCOMES = ("201", "200", "409", "503", "other", "errors")  # the counts in a timeline row (Timeline.java)


def failed(row, ok):
    return sum(row.get(k, 0) for k in OUTCOMES if k not in (ok, "409"))


def traffic(name, kind, fault_at, ok):
    """One line about a generator's run around a fault."""
    r = load(f"{name}-{kind}.json")
    if r is None:
        return None
    rows = r.get("timeline", [])
    total = sum(sum(row.get(k, 0) for k in OUTCOMES) for row in rows)
    bad = sum(failed(row, ok) for row in rows)
    bad_seconds = [row["at"] for row in rows if failed(row, ok) > 0]
    before = sum(failed(row, ok) for row in rows if fault_at and row["at"] < int(fault_at))
    window = "none"
    if bad_seconds and fault_at:
        window = f"{bad_seconds[0] - int(fault_at):+d} s to {bad_seconds[-1] - int(fault_at) + 1:+d} s after the fault"
    elif bad_seconds:
        window = f"{len(bad_seconds)} s"
    c = r["counts"]
    lat = r["latencyMs"]
    return (f"{kind}: {total} answers and no-answers, {c.get(ok, 0)} × {ok}" + (f", {c.get('409', 0)} × 409"
            if ok == "201" else "") + f", {c.get('503', 0)} × 503, {c.get('other', 0)} other, {c.get('errors', 0)}"
            f" without answer; failed {bad} = {100.0 * bad / max(total, 1):.2f} % ({before} of them before the"
            f" fault); failures {window};"
            f" latency p50 {lat['p50']} ms, p99 {lat['p99']} ms, max {lat['max']} ms")


def first_ok_after(name, t, ok="201"):
    r = load(f"{name}-capture.json")
    if r is None or t is None:
        return None
    for row in r.get("timeline", []):
        if row["at"] >= int(t) and row.get(ok, 0) > 0:
            return row["at"] - t
    return None


def log_times(pattern):
    """Epoch seconds of node log lines matching pattern (the logs carry UTC times of day, no date)."""
    found = []
    today = datetime.datetime.now(datetime.timezone.utc).date()
    for path in glob.glob(os.path.join(cluster, "node*.log")):
        for line in open(path, errors="replace"):
            if re.search(pattern, line):
                m = re.match(r"(\d\d):(\d\d):(\d\d)\.(\d\d\d)", line)
                if m:
                    h, mi, s, ms = map(int, m.groups())
                    t = datetime.datetime(today.year, today.month, today.day, h, mi, s, ms * 1000,
                                          tzinfo=datetime.timezone.utc)
                    found.append(t.timestamp())
    return sorted(found)


def invariants(name):
    path = os.path.join(out, f"{name}-invariants.txt")
    if not os.path.exists(path):
        return "not run"
    return open(path).read().strip().replace("\n", "; ")


print(f"# Fault drills ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC)\n")
kill_at = when("kill: kill -9")
if kill_at:
    print("## kill -9 one of three nodes\n")
    for kind, ok in (("capture", "201"), ("lookups", "200")):
        line = traffic("kill", kind, kill_at, ok)
        if line:
            print(f"- {line}")
    d = load("kill-devices.json")
    if d:
        c = d["counts"]
        print(f"- devices: {json.dumps(c)}")
    kill_end = when("pg: load starts") or when("overload:") or when("restart:") or float("inf")
    released = [t - kill_at for t in log_times("releasing the reservations") if kill_at <= t < kill_end]
    print(f"- holds released by the sweepers after the kill: {len(released)}"
          + (f", the last {max(released):.1f} s after it" if released else ""))
    print(f"- invariants: {invariants('kill')}\n")
stop_at = when("pg: database stop")
if stop_at:
    up_at = when("pg: database up")
    print(f"## PostgreSQL stopped (immediate shutdown), started again after {when('pg: database start') - stop_at:.1f} s"
          f" (accepting connections {up_at - stop_at:.1f} s after the stop)\n")
    for kind, ok in (("capture", "201"), ("lookups", "200")):
        line = traffic("pg", kind, stop_at, ok)
        if line:
            print(f"- {line}")
    start_at = when("pg: database start")
    back = first_ok_after("pg", start_at)
    probe = [t - start_at for t in log_times("the database is reachable again") if t >= start_at]
    print(f"- capture: first order created {back:.1f} s after the database was started again (its start takes"
          f" {up_at - start_at:.1f} s: JVM, PostgreSQL crash recovery); each node's probe saw it back after"
          f" {', '.join(f'{p:.1f} s' for p in probe) or '?'}" if back is not None else "- no order after the restart")
    print(f"- invariants: {invariants('pg')}\n")
sustain = load("sustain-capture.json")
if sustain:
    over = load("overload-capture.json")
    print("## Overload at twice the sustainable rate\n")
    print(f"- sustainable (closed loop, 96 connections): {sustain['completedPerS']} answers/s"
          f" ({sustain['ordersPerS']} orders/s), p99 {sustain['latencyMs']['p99']} ms")
    if over:
        c = over["counts"]
        total = sum(v for v in c.values())
        print(f"- open model at {over['targetRate']:.0f}/s with {over['concurrency']} connections for {over['durationS']:.0f} s:"
              f" {over['completedPerS']} answers/s, {c['201']} × 201, {c['409']} × 409, {c['503']} × 503"
              f" ({100.0 * c['503'] / max(total, 1):.1f} %), {c['other']} other, {c['errors']} without answer")
        for key, label in (("latencyMs", "latency from the intended send"), ("serviceTimeMs", "service time"),
                           ("okLatencyMs", "latency of the 201s")):
            lat = over[key]
            print(f"- {label}: p50 {lat['p50']} ms, p90 {lat['p90']} ms, p99 {lat['p99']} ms, max {lat['max']} ms")
    for name in ("before", "after"):
        path = os.path.join(out, f"overload-rss-{name}.txt")
        if os.path.exists(path):
            kb = [int(x) for x in open(path).read().split()]
            print(f"- node RSS {name}: " + ", ".join(f"{k / 1024:.0f} MB" for k in kb))
    if os.path.exists(os.path.join(out, "overload-status.txt")):
        print("- after: " + open(os.path.join(out, "overload-status.txt")).read().strip().replace("\n", "; "))
    print(f"- invariants: {invariants('overload')}\n")
restart_at = when("restart: cluster starts again")
if restart_at:
    print("## Full cluster restart\n")
    print(f"- every node stopped, then started again: cluster ready {when('restart: cluster up') - restart_at:.1f} s"
          " after the first start")
    loads = [line.strip()[13:] for path in glob.glob(os.path.join(cluster, "node*.log"))
             for line in open(path, errors="replace") if "inventory pool loaded from PostgreSQL" in line]
    if loads:
        print(f"- {loads[-1]}")
    print(f"- invariants: {invariants('restart')}\n")
