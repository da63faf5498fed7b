#!/usr/bin/env python3
"""Generate the synthetic Nørrebro sample dataset for `sna`.

Usage:
    python3 scripts/make-sample.py --seed 2015 --out samples/noerrebro

Everything here is synthetic: no real persons, cases or places' events. Names are random
combinations of common Danish first and last names. The only randomness is one
`random.Random(seed)`; nothing depends on set iteration or string hashing, so the same seed
gives byte-identical files.

Files written (UTF-8 without BOM, comma delimiter, header row, `\\n` line endings, RFC 4180
quoting only where needed):
    persons.csv, cases.csv, case_persons.csv, affiliations.csv, sightings.csv, links.csv,
    log.csv, README.md, truth/planted.csv

`truth/planted.csv` records the roles the generator planted (ground truth for evaluating the
toolkit); it sits in a subfolder so the dataset loader, which reads the top folder, never sees it.

A self-check at the end re-reads the files, asserts referential integrity and valid dates,
and prints counts to stderr.
"""

import argparse
import csv
import datetime as dt
import os
import sys

import random

D = dt.date

START = D(2012, 1, 1)
END = D(2015, 12, 31)
REFERENCE = D(2015, 12, 31)  # the evaluation's reference day ("pr. 31. december 2015")
PINPOINT_START = D(2013, 5, 1)  # first log in May 2013

GROUPS = ["LTF", "BGP", "Værebro"]

PLACES = [
    "Folkets Park",
    "Folkets Hus",
    "Blågårds Plads",
    "Gadepulsen+",
    "Nørrebrogade",
    "Rantzausgade",
    "Mjølnerparken",
    "Værebro Park",
]

GROUP_PLACES = {
    "LTF": ["Mjølnerparken", "Folkets Park", "Nørrebrogade"],
    "BGP": ["Blågårds Plads", "Folkets Hus", "Gadepulsen+", "Rantzausgade"],
    "Værebro": ["Værebro Park", "Nørrebrogade"],
}

# Allies and rivals (synthetic): LTF and BGP cooperate, both feud with Værebro.
RIVALS = {"LTF": ["Værebro"], "BGP": ["Værebro"], "Værebro": ["BGP", "BGP", "LTF"]}
ALLIES = {"LTF": ["BGP"], "BGP": ["LTF"], "Værebro": ["LTF", "BGP"]}

KBH = "København"
KBH_DISTRICTS = [
    "Indre Nørrebro",
    "Ydre Nørrebro",
    "Bispebjerg",
    "Nordvest",
    "Vesterbro",
    "Amager Øst",
]
FOCUS = "Indre Nørrebro"
OTHER_MUNICIPALITIES = ["Frederiksberg", "Gladsaxe", "Albertslund"]

VIOLENT = ["73111", "73112", "73131", "73241", "73251"]
INITIATIVE = ["61600", "61615"]

MALE_FIRST = [
    "Anders", "Andreas", "Asger", "Bent", "Bjørn", "Bo", "Carsten", "Christian", "Claus",
    "Daniel", "Ebbe", "Emil", "Erik", "Esben", "Finn", "Flemming", "Frederik", "Frode",
    "Gustav", "Hans", "Henrik", "Jakob", "Jannik", "Jens", "Jesper", "Johan", "Jonas",
    "Jørgen", "Kasper", "Kim", "Knud", "Kristian", "Lars", "Lasse", "Lucas", "Mads",
    "Magnus", "Malthe", "Martin", "Mathias", "Mikkel", "Mogens", "Morten", "Niels",
    "Nikolaj", "Oliver", "Oscar", "Palle", "Peter", "Philip", "Poul", "Rasmus", "Rune",
    "Sebastian", "Simon", "Steen", "Sune", "Søren", "Thomas", "Tobias", "Torben", "Troels",
    "Ulrik", "Valdemar", "Victor", "William", "Åge", "Øjvind",
]
FEMALE_FIRST = [
    "Anne", "Birgitte", "Bodil", "Camilla", "Dorthe", "Emma", "Freja", "Gitte", "Grethe",
    "Hanne", "Ida", "Julie", "Karen", "Kirsten", "Laura", "Line", "Lærke", "Maja", "Mette",
    "Nanna", "Pernille", "Signe", "Sofie", "Susanne", "Tove", "Trine", "Åse",
]
LAST = [
    "Andersen", "Andreasen", "Bach", "Bang", "Bertelsen", "Bøgh", "Christensen",
    "Christiansen", "Clausen", "Dalgaard", "Dam", "Eriksen", "Frederiksen", "Friis",
    "Hansen", "Henriksen", "Holm", "Høj", "Iversen", "Jacobsen", "Jakobsen", "Jensen",
    "Jeppesen", "Johansen", "Juhl", "Jørgensen", "Kjær", "Kjærgaard", "Knudsen",
    "Kristensen", "Krogh", "Larsen", "Lauridsen", "Laursen", "Lund", "Lykke", "Løvgren",
    "Madsen", "Mikkelsen", "Mogensen", "Mortensen", "Møller", "Nielsen", "Nissen",
    "Nørgaard", "Olesen", "Olsen", "Pedersen", "Petersen", "Poulsen", "Rasmussen",
    "Schmidt", "Simonsen", "Skovgaard", "Svendsen", "Søndergaard", "Sørensen", "Thomsen",
    "Vestergaard", "Winther", "Ærø", "Østergaard",
]


# --------------------------------------------------------------------------- helpers

def rand_date(rng, lo, hi):
    """Uniform date in [lo, hi]."""
    if hi < lo:
        hi = lo
    return D.fromordinal(rng.randint(lo.toordinal(), hi.toordinal()))


YEAR_WEIGHTS_POLICE = [(2012, 10), (2013, 25), (2014, 32), (2015, 33)]


def rand_date_police(rng):
    """A date weighted towards the Pin-Point years (more police presence from 2013)."""
    year = weighted_choice(rng, [y for y, _ in YEAR_WEIGHTS_POLICE],
                           [w for _, w in YEAR_WEIGHTS_POLICE])
    return rand_date(rng, D(year, 1, 1), D(year, 12, 31))


def weighted_choice(rng, items, weights):
    total = sum(weights)
    r = rng.random() * total
    acc = 0.0
    for item, w in zip(items, weights):
        acc += w
        if r < acc:
            return item
    return items[-1]


def weighted_sample(rng, items, weights, k):
    """k distinct items, probability proportional to weight (sequential draws)."""
    items = list(items)
    weights = list(weights)
    out = []
    while items and len(out) < k:
        total = sum(weights)
        if total <= 0:
            break
        r = rng.random() * total
        acc = 0.0
        idx = len(items) - 1
        for i, w in enumerate(weights):
            acc += w
            if r < acc:
                idx = i
                break
        out.append(items.pop(idx))
        weights.pop(idx)
    return out


def add_years(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


# --------------------------------------------------------------------------- model

class Person:
    __slots__ = (
        "key", "pid", "kind", "group", "second_group", "past_group", "past_until", "core",
        "weight", "sex", "first", "last", "birth", "municipality", "district",
        "status", "deprived_on", "subject_category", "active_from", "active_to",
        "young", "new", "rising", "inactive", "logged", "log_district", "outside_logged",
        "family",
    )

    def __init__(self, key, kind):
        self.key = key
        self.pid = None
        self.kind = kind  # "gang" (log-relevant), "bg" (background offender), "vw" (victim/witness)
        self.group = None
        self.second_group = None
        self.past_group = None
        self.past_until = None
        self.core = False
        self.weight = 1.0
        self.sex = "M"
        self.first = None
        self.last = None
        self.birth = None
        self.municipality = KBH
        self.district = None
        self.status = "free"
        self.deprived_on = None
        self.subject_category = None
        self.active_from = START
        self.active_to = END
        self.young = False
        self.new = False
        self.rising = False
        self.inactive = False
        self.logged = False
        self.log_district = None
        self.outside_logged = False
        self.family = None

    def active(self, day):
        return self.active_from <= day <= self.active_to

    def groups(self):
        out = [self.group] if self.group else []
        if self.second_group:
            out.append(self.second_group)
        return out


def build(seed):
    rng = random.Random(seed)
    persons = []

    def new_person(kind):
        p = Person(len(persons), kind)
        persons.append(p)
        return p

    # ---------------------------------------------------------------- gang members (170)
    sizes = {"LTF": (12, 40), "BGP": (14, 52), "Værebro": (10, 42)}
    members = {g: [] for g in GROUPS}
    for g in GROUPS:
        n_core, n_per = sizes[g]
        for i in range(n_core + n_per):
            p = new_person("gang")
            p.group = g
            p.core = i < n_core
            if p.core:
                p.weight = rng.choice([1.0, 2.0, 3.0, 3.0, 5.0, 8.0])
            members[g].append(p)
    gang = [p for p in persons if p.kind == "gang"]
    core = {g: [p for p in members[g] if p.core] for g in GROUPS}
    periphery = {g: [p for p in members[g] if not p.core] for g in GROUPS}
    all_periphery = [p for g in GROUPS for p in periphery[g]]

    # Brokers: a second (current) affiliation.
    broker_plan = [("LTF", "BGP", 2, True), ("BGP", "LTF", 2, True), ("Værebro", "LTF", 1, False)]
    brokers = []
    for home, other, n, from_core in broker_plan:
        pool = core[home] if from_core else periphery[home]
        for p in rng.sample(pool, n):
            p.second_group = other
            p.weight = max(p.weight, 3.0)
            brokers.append(p)

    def free_periphery(exclude_attr_fns):
        return [p for p in all_periphery
                if p.second_group is None and not any(f(p) for f in exclude_attr_fns)]

    # Switchers: a past affiliation with an end date, now in their current group.
    for p in rng.sample(free_periphery([]), 6):
        p.past_group = rng.choice([g for g in GROUPS if g != p.group])
        p.past_until = rand_date(rng, D(2012, 3, 1), D(2014, 6, 30))

    # Young persons (under 18 on 2015-12-31), all peripheral hangers-on.
    for p in rng.sample(free_periphery([lambda q: q.past_group is not None]), 14):
        p.young = True

    # Newly active persons (only active from 2015; the stale log omits them).
    cand = free_periphery([lambda q: q.past_group is not None])
    young_c = [p for p in cand if p.young]
    old_c = [p for p in cand if not p.young]
    new_people = rng.sample(young_c, 7) + rng.sample(old_c, 11)
    for p in new_people:
        p.new = True
        p.active_from = rand_date(rng, D(2015, 1, 1), D(2015, 6, 30))
    for p in rng.sample(sorted(new_people, key=lambda q: q.key), 3):
        p.rising = True
        p.weight = 3.0

    # Inactive since 2014 (still on the stale log).
    for p in rng.sample(free_periphery([lambda q: q.new, lambda q: q.young,
                                        lambda q: q.past_group is not None]), 8):
        p.inactive = True
        p.active_to = rand_date(rng, D(2013, 6, 1), D(2014, 3, 31))

    # ---------------------------------------------------------------- background (80)
    bg = []
    for i in range(80):
        p = new_person("bg")
        bg.append(p)
    bg_logged = rng.sample(bg, 16)  # former hangers-on, on the 2013 log, inactive since 2014
    for p in bg_logged:
        p.logged = True
        p.inactive = True
        p.active_to = rand_date(rng, D(2013, 6, 1), D(2014, 3, 31))
    bg_young = rng.sample([p for p in bg if not p.logged], 2)
    for p in bg_young:
        p.young = True
    # a few background offenders only became active later
    for p in rng.sample([p for p in bg if not p.logged and not p.young], 10):
        p.active_from = rand_date(rng, D(2012, 6, 1), D(2015, 3, 31))

    # ---------------------------------------------------------------- victims / witnesses (30)
    vw = []
    for i in range(30):
        p = new_person("vw")
        vw.append(p)
    for p in rng.sample(vw, 2):
        p.young = True
    for p in vw:
        p.sex = "F" if rng.random() < 0.4 else "M"
    for p in rng.sample(bg, 6):
        p.sex = "F"

    # ---------------------------------------------------------------- birth dates
    for p in persons:
        if p.young:
            p.birth = rand_date(rng, D(1998, 1, 1), D(2001, 6, 30))
        elif p.kind == "gang" and p.core:
            if rng.random() < 0.12:
                p.birth = rand_date(rng, D(1975, 1, 1), D(1979, 12, 31))
            else:
                p.birth = rand_date(rng, D(1980, 1, 1), D(1993, 12, 31))
        elif p.kind == "gang":
            p.birth = rand_date(rng, D(1985, 1, 1), D(1997, 12, 31))
        elif p.kind == "bg":
            p.birth = rand_date(rng, D(1980, 1, 1), D(1997, 12, 31)) if rng.random() < 0.85 \
                else rand_date(rng, D(1968, 1, 1), D(1979, 12, 31))
        else:
            p.birth = rand_date(rng, D(1980, 1, 1), D(1997, 12, 31)) if rng.random() < 0.6 \
                else rand_date(rng, D(1950, 1, 1), D(1979, 12, 31))
        # nobody is active in the data before turning 14
        p.active_from = max(p.active_from, add_years(p.birth, 14))

    # ---------------------------------------------------------------- residence
    def kbh_district(focus_share, weights_rest):
        if rng.random() < focus_share:
            return FOCUS
        rest = KBH_DISTRICTS[1:]
        return weighted_choice(rng, rest, weights_rest)

    rest_w = {
        "LTF": [6, 2, 2, 1, 1],
        "BGP": [4, 2, 2, 2, 1],
        "Værebro": [2, 4, 5, 1, 1],
        "bg": [3, 2, 3, 3, 3],
        "vw": [3, 2, 2, 3, 3],
    }
    focus_share = {"LTF": 0.50, "BGP": 0.68, "Værebro": 0.12, "bg": 0.35, "vw": 0.40}
    for p in persons:
        key = p.group if p.kind == "gang" else p.kind
        p.municipality = KBH
        p.district = kbh_district(focus_share[key], rest_w[key])

    # Gang members living outside the municipality.
    def eligible_for_outside(q):
        return not q.new and not q.inactive and q.second_group is None and not q.young
    vb = [p for p in periphery["Værebro"] if eligible_for_outside(p)]
    vb_out = rng.sample(vb, 11)
    never_logged_outside = vb_out[:6]
    moved_out = vb_out[6:]
    for p in vb_out:
        p.municipality = "Gladsaxe"
    others = [p for p in all_periphery
              if p.group != "Værebro" and eligible_for_outside(p)]
    others_out = rng.sample(others, 6)
    for i, p in enumerate(others_out):
        p.municipality = ["Frederiksberg", "Albertslund"][i % 2]
    never_logged_outside += others_out[:2]
    moved_out += others_out[2:]
    for p in never_logged_outside + moved_out:
        p.district = p.municipality
    for p in moved_out:
        p.outside_logged = True
    for p in rng.sample(bg, 10):
        if not p.logged:
            p.municipality = rng.choice(OTHER_MUNICIPALITIES)
            p.district = p.municipality
    for p in rng.sample(vw, 6):
        p.municipality = rng.choice(OTHER_MUNICIPALITIES)
        p.district = p.municipality

    # ---------------------------------------------------------------- status
    gang_pool = [p for p in gang if not p.inactive]
    wts = [(3.0 if p.core else 1.0) * (0.4 if p.young else 1.0) * (0.6 if p.new else 1.0)
           for p in gang_pool]
    n_deprived = round(0.23 * len(gang))
    deprived = weighted_sample(rng, gang_pool, wts, n_deprived)
    n_custody = 15
    for i, p in enumerate(deprived):
        if i < n_custody:
            p.status = "custody"
            lo = max(D(2015, 8, 1), p.active_from + dt.timedelta(days=60))
            p.deprived_on = rand_date(rng, lo, D(2015, 12, 15))
        else:
            p.status = "sentenced"
            lo = max(D(2014, 9, 1), p.active_from + dt.timedelta(days=60))
            p.deprived_on = rand_date(rng, lo, max(lo, D(2015, 10, 31)))
        p.active_to = min(p.active_to, p.deprived_on)
    bg_free = [p for p in bg if not p.logged]
    for p in rng.sample(bg_free, 7):
        p.status = rng.choice(["custody", "sentenced", "sentenced"])
        lo = max(D(2014, 9, 1), p.active_from + dt.timedelta(days=60))
        p.deprived_on = rand_date(rng, lo, max(lo, D(2015, 12, 15)))
        p.active_to = min(p.active_to, p.deprived_on)

    # ---------------------------------------------------------------- subject category
    for p in persons:
        if p.kind == "gang":
            if p.status == "sentenced" or (p.core and rng.random() < 0.5) or rng.random() < 0.15:
                p.subject_category = "convicted"
            elif not p.core and rng.random() < 0.25:
                p.subject_category = "associate"
            else:
                p.subject_category = "suspect"
        elif p.kind == "bg":
            p.subject_category = "convicted" if (p.status == "sentenced" or rng.random() < 0.4) \
                else "suspect"
        else:
            p.subject_category = "victim" if rng.random() < 0.6 else "witness"

    # ---------------------------------------------------------------- family pairs + names
    family_pairs = []
    used = set()

    def pick_pair(pool_a, pool_b, same=False):
        for _ in range(200):
            a = rng.choice(pool_a)
            b = rng.choice(pool_b)
            if a.key == b.key or a.key in used or b.key in used:
                continue
            used.add(a.key)
            used.add(b.key)
            family_pairs.append((a, b))
            return
    for g in GROUPS:
        for _ in range({"LTF": 5, "BGP": 6, "Værebro": 4}[g]):
            pick_pair(members[g], members[g])
    for _ in range(4):
        pick_pair(members["LTF"], members["BGP"])
    for _ in range(6):
        pick_pair(gang, bg)
    for _ in range(3):
        pick_pair(gang + bg, vw)

    family_last = {}
    for a, b in family_pairs:
        last = rng.choice(LAST)
        family_last[a.key] = last
        family_last[b.key] = last
        a.family = b.key
        b.family = a.key

    taken = set()
    for p in persons:
        firsts = FEMALE_FIRST if p.sex == "F" else MALE_FIRST
        for _ in range(1000):
            first = rng.choice(firsts)
            last = family_last.get(p.key) or rng.choice(LAST)
            if (first, last) not in taken:
                break
        taken.add((first, last))
        p.first, p.last = first, last

    # ---------------------------------------------------------------- person ids
    order = list(persons)
    rng.shuffle(order)
    for i, p in enumerate(order, start=1):
        p.pid = "P%04d" % i

    # ---------------------------------------------------------------- cases
    cases = []  # dicts: date, code, place, tags(list), kind, group, suspects(list), others(list of (p, role))

    def new_case(kind, group, day, place=None):
        c = {"date": day, "code": None, "place": place, "tags": [], "kind": kind,
             "group": group, "suspects": [], "others": []}
        cases.append(c)
        return c

    def crime_code(group_case):
        return weighted_choice(
            rng,
            ["73241", "73251", "76319", "84110", "84111"],
            [30, 12, 14, 20, 24] if group_case else [30, 8, 20, 26, 16])

    def case_place(group):
        if group and rng.random() < 0.75:
            return rng.choice(GROUP_PLACES[group])
        return rng.choice(PLACES)

    size_w = [30, 35, 22, 13]
    n_group_cases = {"LTF": 120, "BGP": 150, "Værebro": 95}

    for g in GROUPS:
        gcases = []
        for _ in range(n_group_cases[g]):
            c = new_case("crime", g, rand_date(rng, START, END), None)
            c["place"] = case_place(g)
            c["code"] = crime_code(True)
            gcases.append(c)
        pool_core = core[g] + [p for p in brokers if p.second_group == g and p.core]
        pool_core = sorted(pool_core, key=lambda q: q.key)
        # brokers take part in their second group's cases, but less often than at home
        pool_w = {p.key: (1.0 if p.group != g else p.weight) for p in pool_core}
        # peripheral persons: 1-2 cases each (rising newcomers: 4-6)
        per = periphery[g] + [p for p in brokers if p.second_group == g and not p.core]
        per = sorted(per, key=lambda q: q.key)
        for p in per:
            k = rng.randint(4, 6) if p.rising else (1 if rng.random() < 0.6 else 2)
            if p.second_group:
                k = 1  # one case in each group
            for _ in range(k):
                cands = [c for c in gcases if p.active(c["date"]) and p not in c["suspects"]
                         and len(c["suspects"]) < 3
                         and sum(1 for q in c["suspects"] if not q.core) < 2]
                if cands:
                    c = rng.choice(cands)
                else:
                    c = new_case("crime", g, rand_date(rng, p.active_from, p.active_to))
                    c["place"] = case_place(g)
                    c["code"] = crime_code(True)
                    gcases.append(c)
                c["suspects"].append(p)
        for c in gcases:
            target = max(1, weighted_choice(rng, [1, 2, 3, 4], size_w))
            if c["suspects"] and rng.random() < 0.85:
                target = max(target, len(c["suspects"]) + 1)
            target = min(target, 4)
            act = [p for p in pool_core if p.active(c["date"]) and p not in c["suspects"]]
            need = max(0, target - len(c["suspects"]))
            if not c["suspects"]:
                need = max(need, 1)
            c["suspects"] += weighted_sample(rng, act, [pool_w[p.key] for p in act], need)
            if not c["suspects"]:
                anyone = [p for p in members[g] if p.active(c["date"])
                          and (p.core or p.rising)]
                if anyone:
                    c["suspects"].append(rng.choice(anyone))
            # cross-group tie
            if len(c["suspects"]) < 4 and rng.random() < 0.06:
                other = rng.choice(ALLIES[g])
                act_o = [p for p in core[other] if p.active(c["date"]) and p not in c["suspects"]]
                if act_o:
                    c["suspects"].append(rng.choice(act_o))

    # background cases
    bg_cases = []
    for _ in range(150):
        c = new_case("crime", None, rand_date(rng, START, END))
        c["place"] = case_place(None)
        c["code"] = crime_code(False)
        bg_cases.append(c)
    for p in bg:
        k = weighted_choice(rng, [1, 2, 3, 4], [35, 30, 20, 15])
        for _ in range(k):
            cands = [c for c in bg_cases if p.active(c["date"]) and p not in c["suspects"]
                     and len(c["suspects"]) < 2]
            if cands:
                c = rng.choice(cands)
            else:
                c = new_case("crime", None, rand_date(rng, p.active_from, p.active_to))
                c["place"] = case_place(None)
                c["code"] = crime_code(False)
                bg_cases.append(c)
            c["suspects"].append(p)
    for c in bg_cases:
        if not c["suspects"]:
            act = [p for p in bg if p.active(c["date"])]
            c["suspects"].append(rng.choice(act))
        if rng.random() < 0.08:
            g = rng.choice(GROUPS)
            act = [p for p in core[g] if p.active(c["date"]) and p not in c["suspects"]]
            if act:
                c["suspects"].append(rng.choice(act))

    # rare codes: manslaughter (3), attempted manslaughter (7), killing on request (1)
    group_violent = [c for c in cases if c["kind"] == "crime" and c["group"]
                     and c["code"] in ("73241", "73251")]
    rare = rng.sample(group_violent, 10)
    for i, c in enumerate(rare):
        c["code"] = "73111" if i < 3 else "73112"
    solo_bg = [c for c in bg_cases if len(c["suspects"]) == 1 and c["code"] == "73241"]
    kor = rng.choice(solo_bg)
    kor["code"] = "73131"

    # tags
    for c in cases:
        if c["kind"] != "crime" or c["code"] not in VIOLENT or not c["group"]:
            continue
        conflict = D(2013, 6, 1) <= c["date"] <= D(2013, 12, 31)
        if c["code"] in ("73111", "73112"):
            pr = 0.7
        else:
            pr = 0.20 if conflict else 0.07
        if rng.random() < pr:
            c["tags"].append("Bandekonflikt")
            if c["code"] in ("73111", "73112") and rng.random() < 0.6:
                c["tags"].append("Skud")

    # victims, witnesses, others
    for c in cases:
        if c["kind"] != "crime":
            continue
        present = set(q.key for q in c["suspects"])

        def pick(pool):
            cands = [q for q in pool if q.key not in present and q.active_from <= c["date"]]
            if not cands:
                return None
            q = rng.choice(cands)
            present.add(q.key)
            return q

        victim = None
        if c["code"] in VIOLENT or c["code"] == "76319":
            if "Bandekonflikt" in c["tags"]:
                rival = rng.choice(RIVALS[c["group"]])
                victim = pick([q for q in members[rival] if q.active(c["date"])])
            elif c["code"] in ("73111", "73112", "73131") or rng.random() < 0.6:
                r = rng.random()
                victim = pick(vw if r < 0.6 else ([q for q in bg if q.active(c["date"])]
                                                   if r < 0.9 else
                                                   [q for q in gang if q.active(c["date"])]))
        if victim:
            c["others"].append((victim, "victim"))
        wp = 0.25 if c["code"] not in ("84110", "84111") else 0.08
        if rng.random() < wp:
            r = rng.random()
            w = pick(vw if r < 0.6 else ([q for q in bg if q.active(c["date"])] if r < 0.85
                                         else [q for q in gang if q.active(c["date"])]))
            if w:
                c["others"].append((w, "witness"))
        if rng.random() < 0.03:
            o = pick(bg + vw)
            if o:
                c["others"].append((o, "other"))

    # every victim/witness-only person appears at least once
    crime_cases = [c for c in cases if c["kind"] == "crime" and c["code"] not in ("84110", "84111")]
    for p in vw:
        if any(p is q for c in cases for q, _ in c["others"]):
            continue
        cands = [c for c in crime_cases if c["date"] >= p.active_from]
        c = rng.choice(cands)
        c["others"].append((p, "victim" if p.subject_category == "victim" else "witness"))

    # initiative cases (61600 / 61615): stop-and-search of whoever is there
    n_crime = len(cases)
    n_init = round(n_crime / 3)  # 25 % of all cases
    offenders = gang + bg
    for _ in range(n_init):
        day = rand_date_police(rng)
        code = "61615" if rng.random() < 0.7 else "61600"
        g = weighted_choice(rng, GROUPS + [None], [3, 4, 2, 2])
        c = new_case("initiative", g, day)
        c["code"] = code
        c["place"] = case_place(g)
        n = weighted_choice(rng, [1, 2, 3, 4, 5], [20, 25, 25, 18, 12])
        if g and rng.random() < 0.5:
            pool = [p for p in members[g] if p.active(day)]
        else:
            pool = [p for p in offenders if p.active(day)]
        c["suspects"] = rng.sample(pool, min(n, len(pool)))
        if not c["suspects"]:
            c["suspects"] = [rng.choice([p for p in offenders if p.active(day)])]

    # case ids: per year, in date order
    cases.sort(key=lambda c: (c["date"], c["code"], c["place"],
                              [q.pid for q in c["suspects"]]))
    per_year = {}
    for c in cases:
        y = c["date"].year
        per_year[y] = per_year.get(y, 0) + 1
        c["id"] = "C%d-%04d" % (y, per_year[y])

    # ---------------------------------------------------------------- affiliations
    sources = ["EAS", "informant", "operative unit", "municipal staff"]
    affiliations = []
    for p in gang:
        if p.core:
            conf = weighted_choice(rng, ["confirmed", "probable"], [80, 20])
            since = rand_date(rng, D(2006, 1, 1), D(2012, 6, 30))
            src = weighted_choice(rng, sources, [40, 25, 30, 5])
        else:
            conf = weighted_choice(rng, ["confirmed", "probable", "possible"], [25, 45, 30])
            lo = max(D(2008, 1, 1), p.active_from - dt.timedelta(days=365))
            since = rand_date(rng, lo, min(END, p.active_from + dt.timedelta(days=200)))
            src = weighted_choice(rng, sources, [30, 25, 30, 15])
        if p.past_group:
            since = p.past_until + dt.timedelta(days=rng.randint(1, 120))
            lo = max(D(2008, 1, 1), p.active_from - dt.timedelta(days=365))
            past_since = rand_date(rng, lo, p.past_until - dt.timedelta(days=90))
            affiliations.append((p.pid, p.past_group, past_since, p.past_until,
                                 rng.choice(sources), rng.choice(["probable", "possible"])))
        until = None
        if p.inactive and rng.random() < 0.5:
            until = p.active_to + dt.timedelta(days=rng.randint(30, 200))
        affiliations.append((p.pid, p.group, since, until, src, conf))
        if p.second_group:
            s2 = rand_date(rng, D(2011, 1, 1), D(2014, 12, 31))
            affiliations.append((p.pid, p.second_group, s2, None,
                                 rng.choice(["EAS", "informant"]),
                                 rng.choice(["probable", "possible"])))
    for p in bg_logged[:10]:
        g = rng.choice(GROUPS)
        since = rand_date(rng, D(2009, 1, 1), D(2012, 12, 31))
        until = p.active_to + dt.timedelta(days=rng.randint(30, 300))
        affiliations.append((p.pid, g, since, until, rng.choice(sources),
                             rng.choice(["probable", "possible"])))
    affiliations.sort(key=lambda a: (a[0], a[2], a[1]))

    # ---------------------------------------------------------------- sightings
    sightings = {}
    seen_keys = set()
    target_rows = 1500
    while len(sightings) < target_rows:
        day = rand_date_police(rng)
        if rng.random() < 0.72:
            g = weighted_choice(rng, GROUPS, [3, 4, 2.5])
            place = rng.choice(GROUP_PLACES[g]) if rng.random() < 0.8 else rng.choice(PLACES)
            pool = [p for p in members[g] if p.active(day)]
            pool += [p for p in brokers if p.second_group == g and p.active(day)]
            n = weighted_choice(rng, [1, 2, 3, 4, 5, 6], [12, 24, 25, 18, 12, 9])
            chosen = weighted_sample(rng, pool, [4.0 if p.core else 1.0 for p in pool], n)
            if rng.random() < 0.10:
                og = rng.choice([x for x in GROUPS if x != g])
                extra = [p for p in members[og] if p.active(day)]
                if extra:
                    chosen.append(rng.choice(extra))
            if rng.random() < 0.10:
                extra = [p for p in bg if p.active(day)]
                if extra:
                    chosen.append(rng.choice(extra))
        else:
            place = rng.choice(PLACES)
            pool = [p for p in gang + bg if p.active(day)]
            chosen = rng.sample(pool, weighted_choice(rng, [1, 2, 3], [50, 35, 15]))
        for p in chosen:
            k = (p.pid, place, day.isoformat())
            if k in seen_keys:
                continue
            seen_keys.add(k)
            sightings[k] = True
            if len(sightings) >= target_rows:
                break
    sighting_rows = sorted(sightings.keys(), key=lambda k: (k[2], k[1], k[0]))

    # ---------------------------------------------------------------- links
    links = []
    link_keys = set()

    def link_date(a, b, lo=START):
        lo = max(lo, a.active_from, b.active_from)
        hi = min(END, a.active_to, b.active_to)
        if hi < lo:
            return rand_date(rng, START, END)
        return rand_date(rng, lo, hi)

    def add_link(a, b, typ, weight, day, info):
        if a.key == b.key:
            return False
        k = (min(a.pid, b.pid), max(a.pid, b.pid), typ)
        if k in link_keys:
            return False
        link_keys.add(k)
        links.append((a.pid, b.pid, typ, weight, day, info))
        return True

    for a, b in family_pairs:
        x, y = (a, b) if a.pid < b.pid else (b, a)
        add_link(x, y, "family", weighted_choice(rng, [4, 5], [30, 70]),
                 rand_date(rng, D(2013, 1, 1), END), "registry")

    n_comm = 0
    while n_comm < 55:
        r = rng.random()
        if r < 0.65:
            g = weighted_choice(rng, GROUPS, [3, 4, 2])
            a, b = rng.sample(core[g], 2)
        elif r < 0.8:
            a = rng.choice(brokers)
            b = rng.choice(core[a.second_group])
        else:
            g = weighted_choice(rng, GROUPS, [3, 4, 2])
            a = rng.choice(core[g])
            b = rng.choice(periphery[g])
        w = weighted_choice(rng, [1, 2, 3, 4, 5], [10, 20, 30, 25, 15])
        info = weighted_choice(rng, ["wiretap summary", "informant", "operative unit"], [70, 20, 10])
        if add_link(a, b, "communication", w, link_date(a, b), info):
            n_comm += 1

    n_assoc = 0
    target_assoc = 120 - len(links) - 0
    rising = [p for p in gang if p.rising]
    new_p = [p for p in gang if p.new]
    while n_assoc < target_assoc:
        r = rng.random()
        if r < 0.15:
            a = rng.choice(new_p)
            b = rng.choice(core[a.group])
        elif r < 0.25:
            a = rng.choice(rising)
            b = rng.choice(core[a.group])
        elif r < 0.75:
            g = weighted_choice(rng, GROUPS, [3, 4, 2])
            a = rng.choice(members[g])
            b = rng.choice(members[g])
        elif r < 0.9:
            a = rng.choice(gang)
            b = rng.choice(bg)
        else:
            a = rng.choice(members["LTF"])
            b = rng.choice(members["BGP"])
        w = weighted_choice(rng, [1, 2, 3], [40, 40, 20])
        info = weighted_choice(rng, ["informant", "operative unit", "municipal staff"], [50, 35, 15])
        if add_link(a, b, "associate", w, link_date(a, b), info):
            n_assoc += 1
    links.sort(key=lambda l: (l[4], l[0], l[1], l[2]))

    # ---------------------------------------------------------------- stale log
    for p in gang:
        if p.new:
            continue
        if p.municipality != KBH and not p.outside_logged:
            continue
        p.logged = True
    logged = [p for p in persons if p.logged]
    # district at the time of logging: mostly the current one; some have moved since
    kbh_logged = [p for p in logged if p.municipality == KBH and p.kind == "gang"]
    movers = rng.sample(kbh_logged, 12)
    for p in logged:
        p.log_district = p.district
    for p in movers:
        if p.district == FOCUS:
            p.log_district = rng.choice(KBH_DISTRICTS[1:])
        else:
            p.log_district = FOCUS
    for p in logged:
        if p.municipality != KBH:
            p.log_district = rng.choice(KBH_DISTRICTS)
    log_rows = []
    for p in logged:
        letter = "A" if p.log_district == FOCUS else "B"
        if p.kind == "gang":
            digit = "1" if p.core else "2"
        else:
            digit = "1" if rng.random() < 0.3 else "2"
        lo = max(PINPOINT_START, p.active_from)
        hi = D(2014, 12, 31) if not p.inactive else max(lo, min(p.active_to, D(2014, 12, 31)))
        if p.kind == "bg" or rng.random() < 0.55:
            since = PINPOINT_START if lo == PINPOINT_START else rand_date(rng, lo, hi)
        else:
            since = rand_date(rng, lo, hi)
        since = min(since, D(2014, 12, 31))
        log_rows.append((p.pid, letter + digit, since))
    log_rows.sort()

    return {
        "persons": persons,
        "cases": cases,
        "affiliations": affiliations,
        "sightings": sighting_rows,
        "links": links,
        "log": log_rows,
        "movers": movers,
    }


# --------------------------------------------------------------------------- output

TRUTH_DIR = "truth"
PLANTED_ROLES = ("core", "peripheral", "background", "victim_witness")


def planted_role(p):
    """The role the generator planted for a person (decided in build(), not inferred)."""
    if p.kind == "gang":
        return "core" if p.core else "peripheral"
    if p.kind == "bg":
        return "background"
    return "victim_witness"


def planted_group(p):
    """The planted primary group: a gang member's `group` (not the broker's second group or a
    switcher's past group); empty for background offenders and victims/witnesses."""
    return p.group if p.kind == "gang" else ""


def iso(d):
    return d.isoformat() if d else ""


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=",", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for r in rows:
            w.writerow(r)


# ---------------------------------------------------------------- the crime picture
# Where the places are (places.csv), how many live in each district (districts.csv), and the
# citizen reports with no known suspect: cases without case_persons rows, which make the focus
# area's crime picture (`sna crimes`) but no tie and no evidence about anyone. They come from
# their own random stream (seed + 1) and are appended after the cases above, with ids of their
# own (A<year>-<nnnn>), so every file and id of the network part stays as it was.
PLACE_DISTRICTS = {
    "Folkets Park": ("Indre Nørrebro", 55.6889, 12.5560),
    "Folkets Hus": ("Indre Nørrebro", 55.6893, 12.5566),
    "Blågårds Plads": ("Indre Nørrebro", 55.6873, 12.5580),
    "Gadepulsen+": ("Indre Nørrebro", 55.6880, 12.5530),
    "Nørrebrogade": ("Indre Nørrebro", 55.6905, 12.5535),
    "Rantzausgade": ("Indre Nørrebro", 55.6868, 12.5500),
    "Sankt Hans Torv": ("Indre Nørrebro", 55.6920, 12.5620),
    "Mjølnerparken": ("Ydre Nørrebro", 55.7010, 12.5410),
    "Lundtoftegade": ("Ydre Nørrebro", 55.7005, 12.5470),
    "Værebro Park": ("Gladsaxe", 55.7420, 12.4530),
    "Istedgade": ("Vesterbro", 55.6700, 12.5560),
    "Enghave Plads": ("Vesterbro", 55.6680, 12.5440),
    "Amagerbrogade": ("Amager Øst", 55.6600, 12.6040),
    "Bispebjerg Torv": ("Bispebjerg", 55.7110, 12.5360),
    "Rentemestervej": ("Nordvest", 55.7080, 12.5290),
}
CITIZEN_PLACES = {
    "Indre Nørrebro": ["Nørrebrogade", "Folkets Park", "Blågårds Plads", "Rantzausgade", "Sankt Hans Torv"],
    "Vesterbro": ["Istedgade", "Enghave Plads"],
    "Ydre Nørrebro": ["Lundtoftegade", "Mjølnerparken"],
    "Amager Øst": ["Amagerbrogade"],
    "Bispebjerg": ["Bispebjerg Torv"],
    "Nordvest": ["Rentemestervej"],
}
# Residents per district and year (synthetic round figures).
POPULATION = {
    "Indre Nørrebro": 40200, "Ydre Nørrebro": 38100, "Vesterbro": 44800, "Amager Øst": 56300,
    "Bispebjerg": 52600, "Nordvest": 39700, "Frederiksberg": 103900, "Gladsaxe": 67800, "Albertslund": 27900,
}
# Yearly citizen reports by district and code group (focus: violence rises into the 2013
# conflict and falls in operation, robbery falls; the comparison area Vesterbro stays level).
CITIZEN_RATES = {
    "Indre Nørrebro": {"violence": [26, 38, 22, 17], "robbery": [21, 17, 11, 8], "narcotics": [6, 7, 12, 10], "killing": [2, 1, 0, 0]},
    "Vesterbro": {"violence": [24, 25, 26, 24], "robbery": [12, 13, 12, 11], "narcotics": [9, 9, 10, 9], "killing": [0, 1, 0, 0]},
    "Ydre Nørrebro": {"violence": [9, 11, 9, 8], "robbery": [5, 5, 4, 4], "narcotics": [2, 2, 3, 2], "killing": [0, 0, 0, 0]},
    "Amager Øst": {"violence": [6, 6, 7, 6], "robbery": [3, 3, 3, 3], "narcotics": [1, 1, 1, 1], "killing": [0, 0, 0, 0]},
    "Bispebjerg": {"violence": [5, 6, 5, 5], "robbery": [2, 3, 2, 2], "narcotics": [1, 1, 1, 1], "killing": [0, 0, 0, 0]},
    "Nordvest": {"violence": [7, 8, 7, 7], "robbery": [3, 3, 3, 3], "narcotics": [1, 1, 1, 1], "killing": [0, 0, 0, 0]},
}
GROUP_CODES = {"violence": ["73241", "73241", "73241", "73251"], "robbery": ["76319"], "narcotics": ["84110", "84111"],
               "killing": ["73111", "73112", "73112"]}
# Violence peaks in summer, and in the first quarter of 2013 (the conflict).
SEASON = [0.85, 1.0, 1.25, 0.9]


def citizen_reports(seed):
    rng = random.Random(seed + 1)
    out = []
    for yi, year in enumerate(range(START.year, END.year + 1)):
        for district in sorted(CITIZEN_RATES):
            for group in sorted(CITIZEN_RATES[district]):
                n = CITIZEN_RATES[district][group][yi]
                weights = SEASON[:]
                if group == "violence" and district == "Indre Nørrebro" and year == 2013:
                    weights = [2.2, 1.0, 1.0, 0.8]
                for _ in range(n):
                    q = weighted_choice(rng, [0, 1, 2, 3], weights)
                    lo = D(year, 3 * q + 1, 1)
                    hi = (D(year, 3 * q + 4, 1) if q < 3 else D(year + 1, 1, 1)) - dt.timedelta(days=1)
                    day = rand_date(rng, lo, hi)
                    # A robbery hot spot: most of the focus area's robberies at one place.
                    if group == "robbery" and district == "Indre Nørrebro" and rng.random() < 0.6:
                        place = "Nørrebrogade"
                    else:
                        place = rng.choice(CITIZEN_PLACES[district])
                    r = rng.random()
                    if r < 0.03:
                        place = ""  # no place recorded
                    elif r < 0.05:
                        place = "Tagensvej 1"  # a place the places file does not know
                    tags = []
                    if group in ("violence", "killing") and district in ("Indre Nørrebro", "Ydre Nørrebro") and year == 2013 and rng.random() < 0.3:
                        tags.append("Bandekonflikt")
                    out.append({"date": day, "code": rng.choice(GROUP_CODES[group]), "place": place, "tags": tags})
    out.sort(key=lambda c: (c["date"], c["code"], c["place"]))
    per_year = {}
    for c in out:
        y = c["date"].year
        per_year[y] = per_year.get(y, 0) + 1
        c["id"] = "A%d-%04d" % (y, per_year[y])
    return out


def write_all(data, out):
    os.makedirs(out, exist_ok=True)
    persons = sorted(data["persons"], key=lambda p: p.pid)
    write_csv(os.path.join(out, "persons.csv"),
              ["id", "name", "birth_date", "municipality", "district", "status",
               "subject_category"],
              [(p.pid, "%s %s" % (p.first, p.last), iso(p.birth), p.municipality, p.district,
                p.status, p.subject_category) for p in persons])
    cases = data["cases"]
    write_csv(os.path.join(out, "cases.csv"),
              ["case_id", "date", "crime_code", "place", "tags"],
              [(c["id"], iso(c["date"]), c["code"], c["place"], "|".join(c["tags"]))
               for c in cases + data["reports"]])
    write_csv(os.path.join(out, "places.csv"), ["place", "district", "latitude", "longitude"],
              [(p, d, "%.4f" % lat, "%.4f" % lon) for p, (d, lat, lon) in sorted(PLACE_DISTRICTS.items())])
    write_csv(os.path.join(out, "districts.csv"), ["district", "population", "year"],
              [(d, round(POPULATION[d] * (1 + 0.01 * (y - 2012))), y) for d in sorted(POPULATION) for y in range(START.year, END.year + 1)])
    role_order = {"suspect": 0, "victim": 1, "witness": 2, "other": 3}
    cp = []
    for c in cases:
        rows = [(c["id"], p.pid, "suspect") for p in c["suspects"]]
        rows += [(c["id"], p.pid, role) for p, role in c["others"]]
        rows.sort(key=lambda r: (role_order[r[2]], r[1]))
        cp += rows
    write_csv(os.path.join(out, "case_persons.csv"), ["case_id", "person_id", "role"], cp)
    write_csv(os.path.join(out, "affiliations.csv"),
              ["person_id", "group", "since", "until", "source", "confidence"],
              [(a[0], a[1], iso(a[2]), iso(a[3]), a[4], a[5]) for a in data["affiliations"]])
    write_csv(os.path.join(out, "sightings.csv"), ["person_id", "place", "date"],
              data["sightings"])
    write_csv(os.path.join(out, "links.csv"),
              ["source", "target", "type", "weight", "date", "source_info"],
              [(l[0], l[1], l[2], l[3], iso(l[4]), l[5]) for l in data["links"]])
    write_csv(os.path.join(out, "log.csv"), ["person_id", "category", "since"],
              [(r[0], r[1], iso(r[2])) for r in data["log"]])
    # ground truth, same person order as persons.csv; no randomness is used here
    os.makedirs(os.path.join(out, TRUTH_DIR), exist_ok=True)
    write_csv(os.path.join(out, TRUTH_DIR, "planted.csv"),
              ["person_id", "planted_role", "group"],
              [(p.pid, planted_role(p), planted_group(p)) for p in persons])


def read_csv(path):
    with open(path, "rb") as f:
        raw = f.read()
    assert not raw.startswith(b"\xef\xbb\xbf"), path + ": BOM"
    assert b"\r" not in raw, path + ": CR in file"
    text = raw.decode("utf-8")
    rows = list(csv.reader(text.splitlines(), delimiter=","))
    return rows[0], rows[1:]


def valid_date(s, allow_empty=False):
    if s == "" and allow_empty:
        return True
    if len(s) != 10:
        return False
    try:
        D.fromisoformat(s)
    except ValueError:
        return False
    return True


def self_check(out, seed):
    f = lambda name: os.path.join(out, name)
    h, persons = read_csv(f("persons.csv"))
    assert h == ["id", "name", "birth_date", "municipality", "district", "status",
                 "subject_category"], h
    ids = [r[0] for r in persons]
    assert len(ids) == len(set(ids)), "duplicate person ids"
    idset = set(ids)
    for r in persons:
        assert valid_date(r[2]), r
        assert r[5] in ("free", "custody", "sentenced"), r
        assert r[6] in ("suspect", "convicted", "victim", "witness", "associate"), r
        if r[3] == KBH:
            assert r[4] in KBH_DISTRICTS, r
        else:
            assert r[3] in OTHER_MUNICIPALITIES and r[4] == r[3], r

    h, cases = read_csv(f("cases.csv"))
    assert h == ["case_id", "date", "crime_code", "place", "tags"], h
    cids = [r[0] for r in cases]
    assert len(cids) == len(set(cids)), "duplicate case ids"
    cidset = set(cids)
    codes = {}
    for r in cases:
        assert valid_date(r[1]) and START <= D.fromisoformat(r[1]) <= END, r
        assert r[2] in VIOLENT + ["76319", "84110", "84111"] + INITIATIVE, r
        if r[0].startswith("A"):
            # A citizen report: no known suspect, a place of the places file (or none, or one
            # it does not know, as real records have).
            assert r[0].startswith("A%s-" % r[1][:4]), r
            assert r[3] in PLACE_DISTRICTS or r[3] in ("", "Tagensvej 1"), r
            continue
        assert r[3] in PLACES, r
        assert r[0].startswith("C%s-" % r[1][:4]), r
        codes[r[0]] = r[2]
    assert sum(1 for r in cases if r[2] == "73131") <= 1

    h, cp = read_csv(f("case_persons.csv"))
    assert h == ["case_id", "person_id", "role"], h
    suspects = {}
    pairs = set()
    for r in cp:
        assert r[0] in cidset, r
        assert r[1] in idset, r
        assert r[2] in ("suspect", "victim", "witness", "other"), r
        assert (r[0], r[1]) not in pairs, ("person twice in case", r)
        pairs.add((r[0], r[1]))
        if r[2] == "suspect":
            suspects[r[0]] = suspects.get(r[0], 0) + 1
    for c in cids:
        if c not in codes:
            assert suspects.get(c, 0) == 0, c  # a citizen report names nobody
            continue
        n = suspects.get(c, 0)
        if codes[c] in INITIATIVE:
            assert 1 <= n <= 5, (c, n)
        else:
            assert 1 <= n <= 4, (c, n)

    h, aff = read_csv(f("affiliations.csv"))
    assert h == ["person_id", "group", "since", "until", "source", "confidence"], h
    for r in aff:
        assert r[0] in idset and r[1] in GROUPS, r
        assert valid_date(r[2]) and valid_date(r[3], allow_empty=True), r
        assert r[3] == "" or r[3] >= r[2], r
        assert r[5] in ("confirmed", "probable", "possible"), r

    h, sig = read_csv(f("sightings.csv"))
    assert h == ["person_id", "place", "date"], h
    for r in sig:
        assert r[0] in idset and r[1] in PLACES and valid_date(r[2]), r
    assert len(sig) == len(set(tuple(r) for r in sig))

    h, links = read_csv(f("links.csv"))
    assert h == ["source", "target", "type", "weight", "date", "source_info"], h
    for r in links:
        assert r[0] in idset and r[1] in idset and r[0] != r[1], r
        assert r[2] in ("family", "communication", "associate"), r
        assert 1 <= int(r[3]) <= 5 and valid_date(r[4]), r

    h, log = read_csv(f("log.csv"))
    assert h == ["person_id", "category", "since"], h
    logids = [r[0] for r in log]
    assert len(logids) == len(set(logids))
    for r in log:
        assert r[0] in idset and r[1] in ("A1", "A2", "B1", "B2"), r
        assert valid_date(r[2]) and "2013-05-01" <= r[2] <= "2014-12-31", r

    h, truth = read_csv(os.path.join(out, TRUTH_DIR, "planted.csv"))
    assert h == ["person_id", "planted_role", "group"], h
    assert [r[0] for r in truth] == ids, "truth/planted.csv must list persons.csv in order"
    for r in truth:
        assert r[1] in PLANTED_ROLES, r
        if r[1] in ("core", "peripheral"):
            assert r[2] in GROUPS, r
        else:
            assert r[2] == "", r
    return {
        "persons": persons, "cases": cases, "cp": cp, "aff": aff, "sig": sig,
        "links": links, "log": log,
    }


def counts(data, files):
    persons = data["persons"]
    gang = [p for p in persons if p.kind == "gang"]
    under18 = [p for p in persons if age_on(p.birth, REFERENCE) < 18]
    deprived = [p for p in gang if p.status in ("custody", "sentenced")]
    cases = files["cases"]
    init = [r for r in cases if r[2] in INITIATIVE]
    violent = [r for r in cases if r[2] in VIOLENT]
    conflict = [r for r in violent if "Bandekonflikt" in r[4].split("|")]
    kbh = [p for p in persons if p.municipality == KBH]
    focus = [p for p in kbh if p.district == FOCUS]
    logged = {r[0]: r for r in files["log"]}
    by_pid = {p.pid: p for p in persons}
    log_outside = [pid for pid in sorted(logged) if by_pid[pid].municipality != KBH]
    log_inactive = [pid for pid in sorted(logged) if by_pid[pid].inactive]
    log_mismatch = [pid for pid in sorted(logged)
                    if by_pid[pid].municipality == KBH
                    and (logged[pid][1][0] == "A") != (by_pid[pid].district == FOCUS)]
    new_omitted = [p for p in gang if p.new and p.pid not in logged]
    return [
        ("persons", len(persons)),
        ("log-relevant (gang members/hangers-on)", len(gang)),
        ("background offenders", sum(1 for p in persons if p.kind == "bg")),
        ("victim/witness-only persons", sum(1 for p in persons if p.kind == "vw")),
        ("under 18 on 2015-12-31", len(under18)),
        ("deprived of liberty among log-relevant", "%d of %d (%.1f %%)" % (
            len(deprived), len(gang), 100.0 * len(deprived) / len(gang))),
        ("København residents in Indre Nørrebro", "%d of %d (%.1f %%)" % (
            len(focus), len(kbh), 100.0 * len(focus) / len(kbh))),
        ("cases", len(cases)),
        ("citizen reports (no known suspect)", sum(1 for r in cases if r[0].startswith("A"))),
        ("initiative cases (61600/61615)", "%d (%.1f %%)" % (
            len(init), 100.0 * len(init) / len(cases))),
        ("violent cases tagged Bandekonflikt", "%d of %d (%.1f %%)" % (
            len(conflict), len(violent), 100.0 * len(conflict) / len(violent))),
        ("case_persons rows", len(files["cp"])),
        ("affiliations", len(files["aff"])),
        ("sightings", len(files["sig"])),
        ("links", len(files["links"])),
        ("log rows", len(files["log"])),
        ("log: living outside København (not eligible)", len(log_outside)),
        ("log: inactive since 2014", len(log_inactive)),
        ("log: category letter no longer matches district", len(log_mismatch)),
        ("log: newly active persons omitted", len(new_omitted)),
    ]


README = """# Synthetic sample: Nørrebro

**All data in this folder is synthetic.** No real persons, cases or events are described.
Names are random combinations of common Danish first and last names; any resemblance to a
real person is coincidental. Places are real public places in Copenhagen and Gladsaxe (some
named in the 2015 Pin-Point evaluation), used only as labels; every event is invented.
Crime codes follow the evaluation's list (73111, 73112, 73131, 73241, 73251, 76319, 84110, 84111, and the initiative codes
61600 and 61615).

## How it was generated

```
python3 scripts/make-sample.py --seed {seed} --out samples/noerrebro
```

The generator uses only the Python 3 standard library and a single `random.Random({seed})`;
the same seed gives byte-identical files. Files are UTF-8 without BOM, comma-delimited, with a
header row, `\\n` line endings and RFC 4180 quoting only where needed.

## Files

| file | columns |
|---|---|
| `persons.csv` | `id,name,birth_date,municipality,district,status,subject_category` |
| `cases.csv` | `case_id,date,crime_code,place,tags` (tags separated by `\\|`) |
| `case_persons.csv` | `case_id,person_id,role` (`suspect\\|victim\\|witness\\|other`) |
| `affiliations.csv` | `person_id,group,since,until,source,confidence` (empty `until` = ongoing) |
| `sightings.csv` | `person_id,place,date` |
| `links.csv` | `source,target,type,weight,date,source_info` |
| `log.csv` | `person_id,category,since` (`A1\\|A2\\|B1\\|B2`) |
| `places.csv` | `place,district,latitude,longitude`: the district of every place cases name (the crime picture's areas) |
| `districts.csv` | `district,population,year`: residents per district and year (rates per 1,000) |

`cases.csv` ends with citizen reports (ids `A<year>-<nnnn>`): reported crimes with no known
suspect, so no `case_persons.csv` rows. They make the focus area's crime picture
(`sna crimes`) and change no tie and no evidence about anyone: in Indre Nørrebro violence rises
into the 2013 conflict (a first-quarter peak, a third tagged `Bandekonflikt`) and falls in the
operation years, robbery falls (most of it on Nørrebrogade), narcotics reports rise in 2014;
Vesterbro, the comparison area, stays level. A few reports have no place, or a place
`places.csv` does not know, as real records do.

### Ground truth: `truth/planted.csv`

`truth/planted.csv` (`person_id,planted_role,group`) lists every person in `persons.csv`, in
the same order, with the role the generator planted: `core` (a group's dense core),
`peripheral` (log-relevant hanger-on, suspect in one or two group crime cases; includes the
young, newly active and inactive persons, and the three rising newcomers with four to six
cases), `background` (background offender) or `victim_witness` (never a suspect, only victim,
witness or `other`). `group` is the planted primary group (`LTF`, `BGP`, `Værebro`)
for `core` and `peripheral` persons — not a broker's second or a switcher's past group — and
empty otherwise. It is the answer key for evaluating the toolkit, not input: it sits in a
subfolder so the dataset loader, which reads the files above from the top folder, never sees it.

## Counts

{counts}

## What is built in (so the toolkit has something to find)

- Three groups (`LTF`, `BGP`, `Værebro`), each with a dense core of frequent co-offenders and
  peripheral persons who appear in only one or two crime cases; a few brokers carry two
  current affiliations (mostly LTF–BGP), a few persons have a past affiliation with an end date.
- `Bandekonflikt` cases are group violence with a victim from a rival group; a few shootings
  carry the second tag `Skud` (`Bandekonflikt|Skud`).
- Initiative cases (61600 inquiry, 61615 stop-and-search) list one to five persons found
  together as `suspect`; they are about a quarter of all cases and record where the police
  looked, not who offends together, so they should not create co-offending ties by default.
- Sightings cluster group members at their groups' places on the same day (co-presence).
- `log.csv` is deliberately **stale** (as of early 2015): it still lists persons who now live
  outside the Municipality of Copenhagen (not eligible), persons inactive since 2014, and
  persons whose A/B letter no longer matches their current district; it omits persons who
  became active in 2015. A = resident in Indre Nørrebro, B = elsewhere in København;
  1 = core (stamperson), 2 = peripheral (bobler).
- Reference day for ages and status is 2015-12-31.
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=2015)
    ap.add_argument("--out", default="samples/noerrebro")
    args = ap.parse_args()

    data = build(args.seed)
    data["reports"] = citizen_reports(args.seed)
    write_all(data, args.out)
    files = self_check(args.out, args.seed)
    cs = counts(data, files)
    table = "\n".join("- %s: %s" % (k, v) for k, v in cs)
    with open(os.path.join(args.out, "README.md"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(README.format(seed=args.seed, counts=table))
    for k, v in cs:
        print("%s: %s" % (k, v), file=sys.stderr)


if __name__ == "__main__":
    main()
