#!/usr/bin/env python3
"""Writes an NDJSON stock snapshot of N positions over the demo network (SKU-00001.. x S001..S200, DC-*).

usage: python3 bench/snapshot.py 1000000 > /tmp/snapshot.ndjson
"""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
seq = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
locations = [f"S{i:03d}" for i in range(1, 201)] + ["DC-EAST", "DC-CENTRAL", "DC-WEST"]
rnd = random.Random(7)
out = sys.stdout
written = 0
sku = 0
while written < n:
    sku += 1
    for loc in locations:
        if written >= n:
            break
        out.write('{"sku":"SKU-%05d","locationId":"%s","onHand":%d,"feedSeq":%d}\n'
                  % (sku, loc, rnd.randint(0, 40), seq))
        written += 1
