#!/usr/bin/env python3
"""Reference degrees for the POLE fixture (Tests/Fixtures/pole), computed with networkx from
the neo4j-admin CSV files directly, without sna: the person graph is every person, tied by
KNOWS, KNOWS_LW, KNOWS_SN, KNOWS_PHONE and FAMILY_REL (undirected, parallel relationships
merged) and by two persons PARTY_TO the same crime. Writes reference.json beside the files.

    python3 scripts/pole-reference.py [Tests/Fixtures/pole]
"""
import csv, json, os, sys
import itertools
import networkx as nx

d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "pole")
P = "crime-investigation."

def rows(name):
    with open(os.path.join(d, P + name + ".csv"), newline="") as f:
        return list(csv.DictReader(f))

g = nx.Graph()
g.add_nodes_from(r[":ID"] for r in rows("nodes.Person"))
for t in ["KNOWS", "KNOWS_LW", "KNOWS_SN", "KNOWS_PHONE", "FAMILY_REL"]:
    for r in rows("relationships." + t):
        if r[":START_ID"] != r[":END_ID"]:
            g.add_edge(r[":START_ID"], r[":END_ID"])
parties = {}
for r in rows("relationships.PARTY_TO"):
    parties.setdefault(r[":END_ID"], []).append(r[":START_ID"])
for people in parties.values():
    for a, b in itertools.combinations(sorted(set(people)), 2):
        g.add_edge(a, b)
out = {"networkx": nx.__version__, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
       "degree": {v: g.degree(v) for v in sorted(g.nodes)}}
with open(os.path.join(d, "reference.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
print(out["nodes"], out["edges"])
