#!/usr/bin/env python3
"""An independent count of the crime picture and an independent E-test, for the tests.

Written from the definitions in README "The crime picture", not from the Swift code:

  count DIR UNIT       cases per period (UNIT year|quarter|month) x area (all, focus) x group,
                       as CSV period,area,group,cases,initiative (stdlib only). Groups, focus
                       districts and the initiative range are the built-in policy's.
  etest X1 T1 X0 T0    the E-test's two-sided p (Krishnamoorthy & Thomson 2004), summed over
                       the whole Poisson support up to far beyond both means.
"""
import csv
import math
import sys

GROUPS = [("homicide", [(73111, 73111), (73112, 73112), (73131, 73131)]),
          ("violence", [(73111, 73111), (73112, 73112), (73131, 73131), (73241, 73241), (73251, 73251)]),
          ("robbery", [(76319, 76319)]),
          ("narcotics", [(84110, 84110), (84111, 84111)]),
          ("police_business", [(61600, 62230)])]
INITIATIVE = [(61600, 62230)]
FOCUS = {"Indre Nørrebro"}


def in_ranges(code, ranges):
    try:
        v = int(code.strip())
    except ValueError:
        return False
    return any(lo <= v <= hi for lo, hi in ranges)


def period(day, unit):
    y, m = int(day[:4]), int(day[5:7])
    if unit == "year":
        return "%04d" % y, (y, 0)
    if unit == "quarter":
        return "%04dQ%d" % (y, (m - 1) // 3 + 1), (y, (m - 1) // 3 + 1)
    return "%04d-%02d" % (y, m), (y, m)


def count(folder, unit):
    with open(folder + "/cases.csv", newline="", encoding="utf-8") as f:
        cases = list(csv.DictReader(f))
    district = {}
    try:
        with open(folder + "/places.csv", newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                district[r["place"]] = r["district"]
    except FileNotFoundError:
        pass
    areas = ["all"] + (["focus"] if district else [])
    counts = {}
    keys = {}
    for c in cases:
        label, key = period(c["date"], unit)
        keys[label] = key
        places = ["all"]
        if district and district.get((c.get("place") or "").strip()) in FOCUS:
            places.append("focus")
        initiative = in_ranges(c["crime_code"], INITIATIVE)
        for g, ranges in GROUPS:
            if not in_ranges(c["crime_code"], ranges):
                continue
            for a in places:
                k = (label, a, g)
                n, i = counts.get(k, (0, 0))
                counts[k] = (n, i + 1) if initiative else (n + 1, i)
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["period", "area", "group", "cases", "initiative"])
    for label in sorted(keys, key=lambda l: keys[l]):
        for a in areas:
            for g, _ in GROUPS:
                n, i = counts.get((label, a, g), (0, 0))
                w.writerow([label, a, g, n, i])


def pois(k, mu):
    if mu == 0:
        return 1.0 if k == 0 else 0.0
    return math.exp(k * math.log(mu) - mu - math.lgamma(k + 1))


def etest(x1, t1, x0, t0):
    def stat(k1, k0):
        v = k1 / t1 ** 2 + k0 / t0 ** 2
        return 0.0 if v == 0 else (k1 / t1 - k0 / t0) / math.sqrt(v)
    obs = abs(stat(x1, x0))
    if obs == 0:
        return 1.0
    lam = (x1 + x0) / (t1 + t0)
    m1, m0 = t1 * lam, t0 * lam
    top1 = int(m1 + 20 * math.sqrt(m1) + 40)
    top0 = int(m0 + 20 * math.sqrt(m0) + 40)
    p = 0.0
    for k1 in range(top1 + 1):
        a = pois(k1, m1)
        if a == 0:
            continue
        s = 0.0
        for k0 in range(top0 + 1):
            if abs(stat(k1, k0)) >= obs * (1 - 1e-12):
                s += pois(k0, m0)
        p += a * s
    return min(1.0, p)


if __name__ == "__main__":
    if sys.argv[1] == "count":
        count(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "etest":
        print(repr(etest(int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))))
    elif sys.argv[1] == "etest-grid":
        # x1 t1 x0 t0 p, one per line, on a grid of counts and lengths
        for x1 in (0, 1, 2, 5, 11, 24, 47):
            for x0 in (0, 1, 3, 7, 24, 34):
                for (t1, t0) in ((1, 1), (1, 4), (3, 1), (0.25, 1)):
                    print(x1, t1, x0, t0, repr(etest(x1, t1, x0, t0)))
