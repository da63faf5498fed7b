#!/usr/bin/env python3
"""A phased test network and its reference values, computed independently with networkx.

Writes Tests/Fixtures/phased/: numbered/ (persons.csv, links.csv with a `period` column holding
phases 1-4), dated/ (the same links, their periods ISO days), and expected.csv with
`period,id,degree,betweenness` for the persons active in each phase (a tie in it), normalized
over those persons (networkx's betweenness_centrality, normalized=True; degree = number of
incident ties, networkx's G.degree). The principal P01 is a broker only from phase 3 on, after
the seizures take out P02. Deterministic (random.Random(11)).

    python3 scripts/make-phased.py          (needs networkx; for the test fixture only)
"""
import csv
import os
import random

import networkx as nx

out = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "phased")
os.makedirs(out, exist_ok=True)
rng = random.Random(11)
persons = [f"P{i:02d}" for i in range(1, 31)]
dates = {1: "2009-01-15", 2: "2009-05-20", 3: "2009-09-10", 4: "2010-02-03"}
links = []
for phase in (1, 2, 3, 4):
    active = persons[: 14 + 4 * phase]          # the network grows phase by phase
    if phase >= 3:
        active = [p for p in active if p != "P02"]  # P02 seized after phase 2
    hub = "P02" if phase <= 2 else "P01"
    pairs = set()
    # Two clusters joined through the hub (a broker), plus random ties inside each cluster.
    half = len(active) // 2
    left, right = [p for p in active[:half] if p != hub], [p for p in active[half:] if p != hub]
    for side in (left, right):
        for _ in range(len(side) + 3):
            a, b = rng.sample(side, 2)
            pairs.add(tuple(sorted((a, b))))
        pairs.add(tuple(sorted((hub, side[0]))))
        pairs.add(tuple(sorted((hub, side[-1]))))
    if phase <= 2:
        pairs.add(("P01", "P03"))                # the principal on the edge early on
    for a, b in sorted(pairs):
        links.append((a, b, phase))

for sub, period in (("numbered", lambda ph: str(ph)), ("dated", lambda ph: dates[ph])):
    os.makedirs(os.path.join(out, sub), exist_ok=True)
    with open(os.path.join(out, sub, "persons.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name"])
        for p in persons:
            w.writerow([p, ""])
    with open(os.path.join(out, sub, "links.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "type", "weight", "period"])
        for a, b, ph in links:
            w.writerow([a, b, "communication", 1, period(ph)])

with open(os.path.join(out, "expected.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["period", "id", "degree", "betweenness"])
    for phase in (1, 2, 3, 4):
        g = nx.Graph()
        g.add_edges_from((a, b) for a, b, ph in links if ph == phase)
        bc = nx.betweenness_centrality(g, normalized=True)
        order = [p for p in persons if p in g]      # input order
        for p in order:
            w.writerow([phase, p, g.degree(p), repr(bc[p])])
