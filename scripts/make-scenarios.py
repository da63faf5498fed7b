#!/usr/bin/env python3
"""Generate structurally different synthetic scenario data sets for `sna`, each with an answer key.

Usage:
    python3 scripts/make-scenarios.py --out samples/scenarios
    python3 scripts/make-scenarios.py --out samples/scenarios --only cells --only mixed
    python3 scripts/make-scenarios.py --out /tmp/x --seed cells=7     # another draw of one scenario

Every scenario is written to `<out>/<name>/` in exactly the layout of `samples/noerrebro`
(persons.csv, cases.csv, case_persons.csv, affiliations.csv, sightings.csv, links.csv, log.csv)
plus `truth/` (never read by the loader) and a README.md:

    truth/log.csv    person_id,category   every person, persons.csv order; A1|A2|B1|B2 or empty
    truth/roles.csv  person_id,role,group,note   the planted role and why
    truth/as-of.txt  the as-of date the truth is for (the last day of the data)

Everything is synthetic: names are random combinations of common Danish first and last names,
places are public places used as labels, every event is invented.

Determinism: one `random.Random(seed)` per scenario and nothing that depends on set iteration
order or string hashing, so the same seed gives byte-identical files. Files are UTF-8 without
BOM, comma-delimited, `\\n` line endings, RFC 4180 quoting only where needed.

How the truth is defined (domain terms from the 2015 Pin-Point evaluation, not any tool's rules):
  * eligible: registered in the Municipality of København;
  * tied to the milieu: a real crime (not an initiative / police-activity case, not as victim or
    witness) as suspect together with a gang member, or an ongoing confirmed/probable affiliation;
  * active: a real crime as suspect in the 18 months before the as-of date, or deprived of
    liberty (custody / sentenced) -- deprived persons stay on the log;
  * tier 1 (stamperson): serious offending with members of the own group, repeated and spread
    over time (here: at least 3 such cases in at least 3 distinct half-years, before any
    custody); tier 2 (bobler): everyone else on the log (at most 2 serious cases with the own
    group, or minor offences / affiliation only). The generator keeps a clear gap between the
    two (no planted person sits in between) and re-derives the truth from the written data to
    check that the planted roles and the data agree;
  * area: A if the district is Indre Nørrebro, else B.
"""

import argparse
import csv
import datetime as dt
import os
import random
import sys

D = dt.date
DAY = dt.timedelta(days=1)

KBH = "København"
FOCUS = "Indre Nørrebro"
KBH_DISTRICTS = ["Indre Nørrebro", "Ydre Nørrebro", "Bispebjerg", "Nordvest", "Vesterbro",
                 "Amager Øst"]
OTHER_MUNICIPALITIES = ["Frederiksberg", "Gladsaxe", "Albertslund"]
GROUPS = ["LTF", "BGP", "Værebro"]
PLACES = ["Folkets Park", "Folkets Hus", "Blågårds Plads", "Gadepulsen+", "Nørrebrogade",
          "Rantzausgade", "Mjølnerparken", "Værebro Park"]
GROUP_PLACES = {
    "LTF": ["Mjølnerparken", "Folkets Park", "Nørrebrogade"],
    "BGP": ["Blågårds Plads", "Folkets Hus", "Gadepulsen+", "Rantzausgade"],
    "Værebro": ["Værebro Park", "Nørrebrogade"],
}
SERIOUS = ("73111", "73112", "73131", "73241", "73251", "76319", "84111")
VIOLENT = ("73111", "73112", "73131", "73241", "73251")
INITIATIVE = ("61600", "61615")
ALL_CODES = SERIOUS + ("84110",) + INITIATIVE
STOP_TAG = "stop_search"
SOURCES = ["EAS", "informant", "operative unit", "municipal staff"]
CONFIDENCES = ("confirmed", "probable", "possible")
STATUSES = ("free", "custody", "sentenced")
SUBJECT_CATEGORIES = ("suspect", "convicted", "victim", "witness", "associate")
LINK_TYPES = ("family", "communication", "associate")

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

DEFAULT_SEEDS = {"hierarchy": 1101, "cells": 2202, "stopsearch": 3303, "mixed": 4404}
ORDER = ["hierarchy", "cells", "stopsearch", "mixed"]

INACTIVITY_MONTHS = 18  # domain rule: 18 months without a real case as suspect
MARGIN_DAYS = 21        # planted persons stay at least this far from the 18-month boundary


# --------------------------------------------------------------------------- date helpers

def add_months(d, m):
    y, mo = divmod(d.year * 12 + (d.month - 1) + m, 12)
    mo += 1
    for day in (d.day, 30, 29, 28):
        try:
            return D(y, mo, day)
        except ValueError:
            continue
    raise ValueError(d)


def add_years(d, n):
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def hy(d):
    """Half-year index of a date."""
    return d.year * 2 + (0 if d.month <= 6 else 1)


def hy_bounds(h):
    y, k = divmod(h, 2)
    return (D(y, 1, 1), D(y, 6, 30)) if k == 0 else (D(y, 7, 1), D(y, 12, 31))


def iso(d):
    return d.isoformat() if d else ""


# --------------------------------------------------------------------------- model

class Person:
    def __init__(self, key, role, group):
        self.key = key
        self.pid = None
        self.role = role          # planted role (see roles.csv)
        self.group = group        # current (truth) group for members, None otherwise
        self.past_group = None    # switchers: the group they left
        self.past_until = None
        self.core = False         # leads group crime (leader / core / connector)
        self.level = None         # hierarchy: 0 leader, 1 lieutenant, 2 soldier
        self.cell = None          # cells: cell label
        self.tier = 0             # planted truth tier (0 = not on the log)
        self.past_tier = 0        # tier the evidence gave at some earlier time (old log)
        self.sex = "M"
        self.first = None
        self.last = None
        self.birth = None
        self.municipality = KBH
        self.district = None
        self.status = "free"
        self.deprived_on = None
        self.subject_category = None
        self.win = None           # (lo, hi): when this person commits real crime
        self.around = None        # (lo, hi): seen / stopped with the milieu, never charged
        self.no_partner = False   # never co-opted into other persons' cases
        self.serious_target = 0   # core: planned serious cases with the group
        self.minor_target = 0     # core: planned 84110 cases with the group
        self.quota = 0            # peripheral: serious group cases (hard cap)
        self.minor_quota = 0      # peripheral: minor (84110) group cases
        self.solo = 0             # real cases alone
        self.affs = []            # (group, since, until, source, confidence)
        self.flags = []
        self.note = ""
        self.twin = None          # namesake / duplicate partner
        self.twin_kind = None     # "namesake" | "duplicate_primary" | "duplicate_secondary"
        self.cases = []           # (case, role)
        self.old_letter = None    # old log: letter override (moved since)
        self.old_digit = None     # old log: digit override
        self.old_cat = None       # category in the written (old) log.csv, None = absent

    def groups(self):
        out = [self.group] if self.group else []
        if self.past_group:
            out.append(self.past_group)
        return out


class Case:
    def __init__(self, date, code, kind, group, place):
        self.date = date
        self.code = code
        self.kind = kind          # group | cell | solo | bg | initiative | stop
        self.group = group
        self.place = place
        self.tags = []
        self.suspects = []
        self.others = []          # (person, role)
        self.closed = False       # no peripheral may join (leader / cell cases)
        self.id = None


def present(q):
    return q.win or q.around


def member_on(q, g, d):
    """Is q a member of group g on day d (switchers change group on `past_until`)?"""
    if q.past_group == g:
        return d <= q.past_until
    if q.group == g:
        return q.past_group is None or d > q.past_until
    return False


def is_real(c):
    return c.code not in INITIATIVE and STOP_TAG not in c.tags


class World:
    def __init__(self, name, seed, start, end, snapshot_months):
        self.name = name
        self.seed = seed
        self.R = random.Random(seed)
        self.start = start
        self.end = end
        self.cutoff = add_months(end, -INACTIVITY_MONTHS)
        self.snapshot = add_months(end, -snapshot_months)   # date of the old log
        self.log_start = add_months(start, 4)
        self.persons = []
        self.cases = []
        self.group_cases = {g: [] for g in GROUPS}
        self.members = {g: [] for g in GROUPS}
        self.sight = []
        self.sight_keys = set()
        self.links = []
        self.link_keys = set()
        self.family = []
        self.quiet_from = None    # mixed: the quiet last year starts here
        self.focus_share = {"LTF": 0.45, "BGP": 0.6, "Værebro": 0.15, None: 0.35}
        self.description = []
        self.policy_notes = []

    # ---------------------------------------------------------------- randomness
    def rd(self, lo, hi):
        if hi < lo:
            hi = lo
        return D.fromordinal(self.R.randint(lo.toordinal(), hi.toordinal()))

    def wchoice(self, items, weights):
        total = float(sum(weights))
        r = self.R.random() * total
        acc = 0.0
        for it, wt in zip(items, weights):
            acc += wt
            if r < acc:
                return it
        return items[-1]

    def wsample(self, items, weights, k):
        items, weights, out = list(items), list(weights), []
        while items and len(out) < k:
            total = float(sum(weights))
            if total <= 0:
                break
            r = self.R.random() * total
            acc, idx = 0.0, len(items) - 1
            for i, wt in enumerate(weights):
                acc += wt
                if r < acc:
                    idx = i
                    break
            out.append(items.pop(idx))
            weights.pop(idx)
        return out

    def time_w(self, h):
        if self.quiet_from and hy_bounds(h)[0] >= self.quiet_from:
            return 0.22
        return 1.0

    def date_in(self, lo, hi):
        """A date in [lo, hi], thinned in the quiet period if there is one."""
        if self.quiet_from and lo < self.quiet_from <= hi and self.R.random() < 0.75:
            return self.rd(lo, self.quiet_from - DAY)
        return self.rd(lo, hi)

    # ---------------------------------------------------------------- persons
    def person(self, role, group=None, tier=0, *, lo=None, hi=None, age=(19, 32), birth=None,
               status="free", dep=None, muni=KBH, district=None, sex="M", note=""):
        p = Person(len(self.persons), role, group)
        self.persons.append(p)
        p.tier = tier
        p.sex = sex
        p.note = note
        if birth is None:
            amin, amax = age
            blo = add_years(self.end, -amax - 1) + DAY
            bhi = add_years(self.end, -amin)
            birth = self.rd(blo, bhi)
        p.birth = birth
        p.municipality = muni
        if muni != KBH:
            p.district = muni
        elif district:
            p.district = district
        else:
            share = self.focus_share.get(group, 0.35)
            if self.R.random() < share:
                p.district = FOCUS
            else:
                p.district = self.wchoice(KBH_DISTRICTS[1:], [4, 3, 3, 2, 2])
        p.status = status
        if status != "free":
            assert dep is not None
            p.deprived_on = dep
        if lo is not None:
            lo = max(lo, add_years(birth, 15), self.start)
            hi = min(hi or self.end, self.end)
            if dep:
                hi = min(hi, dep)
            assert lo <= hi, (self.name, role, lo, hi)
            p.win = (lo, hi)
        if group:
            self.members[group].append(p)
        return p

    def aff(self, p, group, conf, since=None, until=None, source=None):
        if since is None:
            lo = p.win[0] if p.win else self.start
            since = self.rd(max(add_years(lo, -3), add_years(p.birth, 14)),
                            min(self.end, lo + dt.timedelta(days=150)))
        if source is None:
            source = self.wchoice(SOURCES, [35, 25, 30, 10])
        assert until is None or since <= until
        p.affs.append((group, since, until, source, conf))

    # ---------------------------------------------------------------- availability
    def free(self, p, d):
        return (p.deprived_on is None or d <= p.deprived_on) and age_on(p.birth, d) >= 15

    def can(self, p, d):
        return p.win is not None and p.win[0] <= d <= p.win[1] and self.free(p, d)

    # ---------------------------------------------------------------- cases
    def place_for(self, group, p_group=0.75):
        if group and self.R.random() < p_group:
            return self.R.choice(GROUP_PLACES[group])
        return self.R.choice(PLACES)

    def case(self, d, code, kind, group=None, place=None):
        assert self.start <= d <= self.end, (d, kind)
        c = Case(d, code, kind, group, place or self.place_for(group))
        self.cases.append(c)
        if kind == "group" and group:
            self.group_cases[group].append(c)
        return c

    def add(self, c, p, role="suspect"):
        assert all(q is not p for q in c.suspects) and all(q is not p for q, _ in c.others)
        if role == "suspect":
            assert len(c.suspects) < 5
            c.suspects.append(p)
        else:
            c.others.append((p, role))
        p.cases.append((c, role))

    def in_case(self, c, p):
        return any(q is p for q in c.suspects) or any(q is p for q, _ in c.others)

    # ---------------------------------------------------------------- evidence (for checks)
    def real_cases(self, p):
        return [c for c, r in p.cases if r == "suspect" and is_real(c)]

    def last_real(self, p):
        rc = self.real_cases(p)
        return max(c.date for c in rc) if rc else None


# --------------------------------------------------------------------------- building blocks

def serious_codes(w, weights):
    codes = ["73241", "73251", "76319", "84111", "73112", "73111"]
    return lambda: w.wchoice(codes, weights)


def plan_halfyears(w, p, n):
    lo, hi = p.win
    hs = list(range(hy(lo), hy(hi) + 1))
    need = min(3, n, len(hs))
    wts = [w.time_w(h) for h in hs]
    picks = []
    for _ in range(500):
        picks = [w.wchoice(hs, wts) for _ in range(n)]
        if len(set(picks)) >= need:
            break
    out = {}
    for h in sorted(picks):
        out[h] = out.get(h, 0) + 1
    return out


def clip_to_hy(h, win):
    a, b = hy_bounds(h)
    return max(a, win[0]), min(b, win[1])


def form_serious(w, group, cores, peris, code_fn, size_w, allow=None, closed_if=None):
    """Serious group cases led by core persons, spread over half-years as planned.

    Co-suspects are other core persons with demand in the same half-year (weighted by their
    demand), else a peripheral with serious quota left, else any available core person."""
    allow = allow or (lambda a, b: True)
    demand = {}
    for p in cores:
        if p.serious_target > 0:
            for h, k in plan_halfyears(w, p, p.serious_target).items():
                demand.setdefault(h, []).append([p, k])
    for h in sorted(demand):
        entries = demand[h]
        for _guard in range(1000):
            pending = [e for e in entries if e[1] > 0]
            if not pending:
                break
            top = max(e[1] for e in pending)
            lead_e = w.R.choice([e for e in pending if e[1] == top])
            lead = lead_e[0]
            lo, hi = clip_to_hy(h, lead.win)
            d = w.rd(lo, hi)
            c = w.case(d, code_fn(), "group", group)
            if closed_if and closed_if(lead):
                c.closed = True
            w.add(c, lead)
            lead_e[1] -= 1
            k = w.wchoice([1, 2, 3, 4], size_w)
            cands = [e for e in pending if e is not lead_e and e[1] > 0 and w.can(e[0], d)
                     and allow(lead, e[0])]
            chosen = w.wsample(cands, [e[1] for e in cands], k)
            for e in chosen:
                w.add(c, e[0])
                e[1] -= 1
            if not chosen:
                pc = [q for q in peris if q.quota > 0 and w.can(q, d) and allow(lead, q)]
                if pc and not c.closed:
                    q = w.R.choice(pc)
                    w.add(c, q)
                    q.quota -= 1
                else:
                    cc = [q for q in cores if q is not lead and w.can(q, d) and allow(lead, q)]
                    if cc:
                        w.add(c, w.R.choice(cc))


def lead_cases(w, p, group, n, lo, hi, code_fn, partners):
    """n serious cases led by p with 1-2 partners from `partners`, spread over half-years."""
    hs = list(range(hy(lo), hy(hi) + 1))
    picks = []
    for _ in range(500):
        picks = [w.wchoice(hs, [w.time_w(h) for h in hs]) for _ in range(n)]
        if len(set(picks)) >= min(3, n, len(hs)):
            break
    for h in sorted(picks):
        a, b = hy_bounds(h)
        d = w.rd(max(a, lo), min(b, hi))
        c = w.case(d, code_fn(), "group", group)
        w.add(c, p)
        av = [q for q in partners if q is not p and w.can(q, d)]
        for q in w.wsample(av, [1.0] * len(av), w.wchoice([1, 2], [65, 35])):
            w.add(c, q)


def core_minor(w, group, cores, peris):
    """84110 cases with other group members for core persons (minor offending)."""
    for p in cores:
        for _ in range(p.minor_target):
            d = w.date_in(p.win[0], p.win[1])
            c = w.case(d, "84110", "group", group)
            w.add(c, p)
            k = w.wchoice([0, 1, 2], [20, 55, 25])
            pool = [q for q in cores + peris if q is not p and w.can(q, d)
                    and (q.core or q.minor_quota > 0)]
            for q in w.wsample(pool, [2.0 if q.core else 1.0 for q in pool], k):
                w.add(c, q)
                if not q.core:
                    q.minor_quota -= 1


def join_or_create(w, p, group, serious, lo, hi, code_fn):
    """Put p as suspect in a group case of `group` in [lo, hi] together with group members."""
    cands = [c for c in w.group_cases[group]
             if not c.closed and lo <= c.date <= hi and (c.code in SERIOUS) == serious
             and 1 <= len(c.suspects) < 5 and not w.in_case(c, p) and w.free(p, c.date)]
    small = [c for c in cands if len(c.suspects) < 4]
    if small and w.R.random() < 0.85:
        cands = small
    if cands:
        c = w.R.choice(cands)
        w.add(c, p)
        return c
    for _ in range(40):
        d = w.date_in(lo, hi)
        if not w.free(p, d):
            continue
        mem = [q for q in w.members[group] if q is not p and w.can(q, d) and q.cell is None
               and not q.no_partner and q.level != 0 and member_on(q, group, d)]
        if serious:
            part = [q for q in mem if q.core]
            if not part:
                part = [q for q in mem if q.quota > 0]
        else:
            part = mem
        if part:
            q = w.R.choice(part)
            c = w.case(d, code_fn() if serious else "84110", "group", group)
            w.add(c, q)
            w.add(c, p)
            if not q.core and serious:
                q.quota -= 1
            return c
    raise AssertionError("%s: no partner for %s in %s %s..%s" % (w.name, p.role, group, lo, hi))


def attach_peripherals(w, group, peris, code_fn, recent=True, ally=None, ally_p=0.0):
    for p in peris:
        if p.win is None:
            continue
        lo, hi = p.win
        n_s, n_m = p.quota, p.minor_quota
        p.quota, p.minor_quota = 0, 0   # consumed here; nobody else may add serious cases
        slots = ["s"] * n_s + ["m"] * n_m
        w.R.shuffle(slots)
        for i, s in enumerate(slots):
            a, b = lo, hi
            if i == 0 and recent and p.tier > 0 and p.deprived_on is None:
                a = max(lo, w.cutoff + dt.timedelta(days=40))
            g = group
            if ally and w.R.random() < ally_p:
                g = ally
            join_or_create(w, p, g, s == "s", a, b, code_fn)


def solo_cases(w, persons, code_w=(30, 8, 20, 26, 16)):
    codes = ["73241", "73251", "76319", "84110", "84111"]
    for p in persons:
        for _ in range(p.solo):
            d = w.date_in(p.win[0], p.win[1])
            c = w.case(d, w.wchoice(codes, list(code_w)), "solo", None, w.place_for(p.group, 0.4))
            w.add(c, p)


def charges(w, code_fn):
    """Deprived persons: the case they were charged in, just before custody."""
    for p in w.persons:
        if p.deprived_on is None or p.win is None:
            continue
        dep = p.deprived_on
        if any(dep - dt.timedelta(days=30) <= c.date <= dep for c in w.real_cases(p)):
            continue
        d = w.rd(max(p.win[0], dep - dt.timedelta(days=20)), dep)
        if p.group:
            c = w.case(d, code_fn(), "group" if p.tier == 1 else "solo", p.group if p.tier == 1
                       else None, w.place_for(p.group))
            w.add(c, p)
            if p.tier == 1:
                if p.cell:
                    mates = [q for q in w.persons if q.cell == p.cell and q is not p
                             and w.can(q, d)]
                else:
                    mates = [q for q in w.members[p.group] if q is not p and q.core
                             and w.can(q, d) and member_on(q, p.group, d)]
                if mates:
                    w.add(c, w.R.choice(mates))
        else:
            c = w.case(d, w.wchoice(["73241", "76319", "84111"], [4, 3, 3]), "bg", None)
            w.add(c, p)


def ensure_recent(w, code_w=(30, 8, 20, 26, 16)):
    """Every planted on-log free person has a real case well inside the 18-month window."""
    codes = ["73241", "73251", "76319", "84110", "84111"]
    lim = w.cutoff + dt.timedelta(days=MARGIN_DAYS)
    for p in w.persons:
        if p.tier == 0 or p.deprived_on is not None:
            continue
        last = w.last_real(p)
        if last and last >= lim:
            continue
        lo = max(p.win[0], w.cutoff + dt.timedelta(days=35))
        d = w.date_in(lo, p.win[1])
        c = w.case(d, w.wchoice(codes, list(code_w)), "solo", None, w.place_for(p.group, 0.4))
        w.add(c, p)


def background(w, bgs, n_cases_w=(35, 30, 20, 15)):
    """Cases among background offenders only (never with a gang member)."""
    codes = ["73241", "73251", "76319", "84110", "84111"]
    bcases = []
    for p in bgs:
        k = w.wchoice([1, 2, 3, 4], list(n_cases_w))
        for _ in range(k):
            cands = [c for c in bcases if w.can(p, c.date) and not w.in_case(c, p)
                     and len(c.suspects) < 3]
            if cands and w.R.random() < 0.35:
                c = w.R.choice(cands)
            else:
                d = w.date_in(p.win[0], p.win[1])
                c = w.case(d, w.wchoice(codes, [30, 8, 20, 26, 16]), "bg", None)
                bcases.append(c)
            w.add(c, p)


def conflicts(w, rivals, p_tag, shoot_p=0.6, period=None):
    """Tag violent group cases `Bandekonflikt` and add a victim from a rival group."""
    for c in w.cases:
        if c.kind not in ("group", "cell") or c.code not in VIOLENT or c.group not in rivals:
            continue
        pr = p_tag
        if c.code in ("73111", "73112"):
            pr = max(pr, 0.7)
        if period and period[0] <= c.date <= period[1]:
            pr = min(1.0, pr * 2)
        if w.R.random() < pr:
            tag_conflict(w, c, rivals, shoot_p)


def tag_conflict(w, c, rivals, shoot_p=0.6):
    if "Bandekonflikt" in c.tags:
        return
    rival = w.R.choice(rivals[c.group])
    pool = [q for q in w.members[rival] if w.free(q, c.date) and not w.in_case(c, q)
            and member_on(q, rival, c.date)
            and q.win and q.win[0] - dt.timedelta(days=365) <= c.date <= q.win[1]]
    if not pool:
        return
    c.tags.append("Bandekonflikt")
    if c.code in ("73111", "73112") and w.R.random() < shoot_p:
        c.tags.append("Skud")
    w.add(c, w.R.choice(pool), "victim")


def victims_witnesses(w, vws, bgs):
    for c in w.cases:
        if c.kind in ("initiative", "stop"):
            continue

        def pick(pool):
            cands = [q for q in pool if not w.in_case(c, q) and age_on(q.birth, c.date) >= 12
                     and w.free(q, c.date)]
            return w.R.choice(cands) if cands else None

        has_victim = any(r == "victim" for _, r in c.others)
        if not has_victim and (c.code in VIOLENT or c.code == "76319"):
            if c.code in ("73111", "73112", "73131") or w.R.random() < 0.55:
                v = pick(vws if w.R.random() < 0.65 else bgs)
                if v:
                    w.add(c, v, "victim")
        if w.R.random() < (0.08 if c.code in ("84110", "84111") else 0.2):
            x = pick(vws if w.R.random() < 0.7 else bgs)
            if x:
                w.add(c, x, "witness")
        if w.R.random() < 0.02:
            x = pick(vws + bgs)
            if x:
                w.add(c, x, "other")
    crime = [c for c in w.cases if c.kind not in ("initiative", "stop") and c.code != "84110"]
    for p in vws:
        if any(True for _ in p.cases):
            continue
        cands = [c for c in crime if age_on(p.birth, c.date) >= 12 and not w.in_case(c, p)]
        c = w.R.choice(cands)
        w.add(c, p, "victim" if p.subject_category == "victim" else "witness")


def stops(w, n, members_w, extra_pool=(), extra_p=0.25, tag_p=0.0, sight_p=0.3, code_p=0.7,
          must_member=True, size_w=(20, 28, 25, 17, 10)):
    """Initiative cases (61615 stop-and-search / 61600 inquiry) of persons found together."""
    out = []
    for _ in range(n):
        d = w.rd(w.start, w.end)
        g = w.wchoice(list(members_w.keys()), [members_w[k][0] for k in members_w])
        pool = [q for q in w.members[g] if w.free(q, d) and present(q)
                and present(q)[0] - dt.timedelta(days=365) <= d]
        k = w.wchoice([1, 2, 3, 4, 5], list(size_w))
        chosen = w.wsample(pool, [3.0 if q.core else 1.0 for q in pool], k)
        if must_member and not chosen:
            continue
        ex = [q for q in extra_pool if w.free(q, d) and all(q is not x for x in chosen)]
        if ex and len(chosen) < 5 and w.R.random() < extra_p:
            chosen.append(w.R.choice(ex))
        if not chosen:
            continue
        code = "61615" if w.R.random() < code_p else "61600"
        c = w.case(d, code, "initiative", g, w.place_for(g, 0.8))
        if code == "61615" and w.R.random() < tag_p:
            c.tags.append(STOP_TAG)
        for q in chosen:
            w.add(c, q)
        if w.R.random() < sight_p:
            for q in chosen:
                sight(w, q, c.place, d)
        out.append(c)
    return out


def sight(w, p, place, d):
    k = (p.key, place, d)
    if k in w.sight_keys:
        return
    w.sight_keys.add(k)
    w.sight.append((p, place, d))


def sightings(w, target, cells=None):
    """Group members seen together at their places (co-presence); core persons more often."""
    gs = [g for g in GROUPS if w.members[g]]
    gw = [len(w.members[g]) for g in gs]
    bgs = [p for p in w.persons if p.role == "background" and p.win]
    tries = 0
    while len(w.sight) < target and tries < target * 20:
        tries += 1
        d = w.rd(w.start, w.end)
        r = w.R.random()
        if cells and r < 0.15:
            cell = w.R.choice(cells)
            chosen = [q for q in cell if w.free(q, d) and q.win
                      and q.win[0] - dt.timedelta(days=120) <= d <= q.win[1] + dt.timedelta(days=120)]
            place = w.R.choice(PLACES)
        elif r < 0.8:
            g = w.wchoice(gs, gw)
            place = w.R.choice(GROUP_PLACES[g]) if w.R.random() < 0.8 else w.R.choice(PLACES)
            pool = [q for q in w.members[g] if w.free(q, d) and present(q) and q.cell is None
                    and present(q)[0] - dt.timedelta(days=180) <= d
                    and d <= present(q)[1] + dt.timedelta(days=365)]
            n = w.wchoice([1, 2, 3, 4, 5, 6], [12, 24, 25, 18, 12, 9])
            chosen = w.wsample(pool, [4.0 if q.core else 1.0 for q in pool], n)
            if w.R.random() < 0.1:
                og = [x for x in gs if x != g]
                if og:
                    extra = [q for q in w.members[w.R.choice(og)] if w.free(q, d) and q.win
                             and q.cell is None and q.win[0] <= d <= q.win[1]]
                    if extra:
                        chosen.append(w.R.choice(extra))
            if w.R.random() < 0.08 and bgs:
                extra = [q for q in bgs if w.free(q, d) and q.win[0] <= d <= q.win[1]]
                if extra:
                    chosen.append(w.R.choice(extra))
        else:
            place = w.R.choice(PLACES)
            pool = [q for q in w.persons if q.win and q.cell is None and w.free(q, d)
                    and q.role not in ("victim_witness", "stop_only", "duplicate_id")
                    and q.win[0] <= d <= q.win[1]]
            chosen = w.wsample(pool, [1.0] * len(pool), w.wchoice([1, 2, 3], [50, 35, 15]))
        for q in chosen:
            sight(w, q, place, d)
            if len(w.sight) >= target:
                break


def add_link(w, a, b, typ, weight, d, info):
    if a is b:
        return False
    k = (min(a.key, b.key), max(a.key, b.key), typ)
    if k in w.link_keys:
        return False
    w.link_keys.add(k)
    w.links.append((a, b, typ, weight, d, info))
    return True


def link_date(w, a, b):
    lo = max(w.start, a.win[0] if a.win else w.start, b.win[0] if b.win else w.start)
    hi = min(w.end, a.win[1] if a.win else w.end, b.win[1] if b.win else w.end)
    if hi < lo:
        return w.rd(w.start, w.end)
    return w.rd(lo, hi)


def family_pairs(w, pairs):
    for a, b in pairs:
        w.family.append((a, b))
        add_link(w, a, b, "family", w.wchoice([4, 5], [30, 70]), w.rd(w.start, w.end), "registry")


def comm_links(w, pairs_fn, n):
    got = 0
    for _ in range(n * 20):
        if got >= n:
            break
        a, b = pairs_fn()
        if a is None or b is None:
            continue
        wt = w.wchoice([1, 2, 3, 4, 5], [10, 20, 30, 25, 15])
        info = w.wchoice(["wiretap summary", "informant", "operative unit"], [70, 20, 10])
        if add_link(w, a, b, "communication", wt, link_date(w, a, b), info):
            got += 1


def assoc_links(w, pairs_fn, n):
    got = 0
    for _ in range(n * 20):
        if got >= n:
            break
        a, b = pairs_fn()
        if a is None or b is None:
            continue
        wt = w.wchoice([1, 2, 3], [40, 40, 20])
        info = w.wchoice(["informant", "operative unit", "municipal staff"], [50, 35, 15])
        if add_link(w, a, b, "associate", wt, link_date(w, a, b), info):
            got += 1


def standard_affs(w, p, dist=None):
    """A current affiliation with a confidence drawn from `dist` (None: no affiliation)."""
    dist = dist or ([("confirmed", 70), ("probable", 25), ("possible", 3), (None, 2)] if p.core
                    else [("confirmed", 15), ("probable", 35), ("possible", 30), (None, 20)])
    conf = w.wchoice([c for c, _ in dist], [x for _, x in dist])
    if conf:
        w.aff(p, p.group, conf)
    return conf


def subject_categories(w):
    for p in w.persons:
        r = w.R.random()
        if p.subject_category:
            continue
        if p.status == "sentenced":
            p.subject_category = "convicted"
        elif p.role == "victim_witness":
            p.subject_category = "victim" if r < 0.6 else "witness"
        elif p.role in ("stop_only", "initiative_only"):
            p.subject_category = "associate" if r < 0.7 else "suspect"
        elif p.role == "background":
            p.subject_category = "convicted" if r < 0.4 else "suspect"
        elif p.core or p.cell:
            p.subject_category = "convicted" if r < 0.55 else "suspect"
        else:
            p.subject_category = "convicted" if r < 0.15 else ("associate" if r < 0.4 else "suspect")


def assign_names(w):
    taken = set()
    fam_last = {}
    for a, b in w.family:
        last = fam_last.get(a.key) or fam_last.get(b.key) or w.R.choice(LAST)
        fam_last[a.key] = last
        fam_last[b.key] = last
    for p in w.persons:
        if p.twin is not None and p.twin.key < p.key:
            continue   # named with its twin
        firsts = FEMALE_FIRST if p.sex == "F" else MALE_FIRST
        for _ in range(2000):
            first = w.R.choice(firsts)
            last = fam_last.get(p.key) or w.R.choice(LAST)
            if (first, last) not in taken:
                break
        else:
            raise AssertionError("names exhausted")
        taken.add((first, last))
        p.first, p.last = first, last
        if p.twin is not None:
            p.twin.first, p.twin.last = first, last


def assign_ids(w):
    order = list(w.persons)
    w.R.shuffle(order)
    for i, p in enumerate(order, start=1):
        p.pid = "P%04d" % i
    w.cases.sort(key=lambda c: (c.date, c.code, c.place, sorted(q.pid for q in c.suspects)))
    per_year = {}
    for c in w.cases:
        y = c.date.year
        per_year[y] = per_year.get(y, 0) + 1
        c.id = "C%d-%04d" % (y, per_year[y])


# --------------------------------------------------------------------------- truth

def evidence(w, p):
    real = w.real_cases(p)
    last = max((c.date for c in real), default=None)
    with_member = [c for c in real if any(q is not p and q.group for q in c.suspects)]
    own = [p.group] if p.group else []
    mine = p.groups()
    sg_own = [c for c in real if c.code in SERIOUS
              and any(q is not p and any(g in q.groups() for g in own) for q in c.suspects)]
    sg_any = [c for c in real if c.code in SERIOUS
              and any(q is not p and any(g in q.groups() for g in mine) for q in c.suspects)]
    minor_grp = [c for c in real if c.code not in SERIOUS
                 and any(q is not p and any(g in q.groups() for g in mine) for q in c.suspects)]
    aff_ok = [a for a in p.affs if a[4] in ("confirmed", "probable")
              and (a[2] is None or a[2] >= w.end)]
    tied = bool(with_member) or bool(aff_ok)
    deprived = p.deprived_on is not None
    active = deprived or (last is not None and last >= w.cutoff)
    eligible = p.municipality == KBH
    police = [c for c, r in p.cases if r == "suspect" and not is_real(c)]
    return {
        "real": real, "last": last, "with_member": with_member, "sg_own": sg_own,
        "sg_any": sg_any, "minor_grp": minor_grp, "aff_ok": aff_ok, "tied": tied,
        "active": active, "eligible": eligible, "deprived": deprived, "police": police,
        "hy_own": sorted(set(hy(c.date) for c in sg_own)),
    }


def category(p):
    if p.tier == 0:
        return ""
    return ("A" if p.district == FOCUS else "B") + str(p.tier)


def verify_truth(w):
    """Re-derive the log from the data by the domain definition; it must match the plan."""
    problems = []
    for p in w.persons:
        e = evidence(w, p)
        on = e["eligible"] and e["tied"] and e["active"]
        if on != (p.tier > 0):
            problems.append("%s %s (%s): planted tier %d but eligible=%s tied=%s active=%s last=%s"
                            % (p.pid, p.role, p.group, p.tier, e["eligible"], e["tied"],
                               e["active"], e["last"]))
            continue
        if e["eligible"] and e["tied"] and not e["deprived"] and e["last"] is not None and \
                abs((e["last"] - w.cutoff).days) < MARGIN_DAYS:
            problems.append("%s %s: last real case %s within %d days of the 18-month line %s"
                            % (p.pid, p.role, e["last"], MARGIN_DAYS, w.cutoff))
        if p.tier == 1 and (len(e["sg_own"]) < 3 or len(e["hy_own"]) < 3):
            problems.append("%s %s: tier 1 but %d serious own-group cases in %d half-years"
                            % (p.pid, p.role, len(e["sg_own"]), len(e["hy_own"])))
        if p.tier == 2 and len(e["sg_any"]) > 2:
            problems.append("%s %s: tier 2 but %d serious group cases"
                            % (p.pid, p.role, len(e["sg_any"])))
        if p.role in ("victim_witness",) and any(r == "suspect" for _, r in p.cases):
            problems.append("%s victim_witness is a suspect" % p.pid)
        if p.role in ("stop_only", "initiative_only") and e["with_member"]:
            problems.append("%s %s has a real case with a member" % (p.pid, p.role))
        if p.role == "background" and (e["with_member"] or p.affs):
            problems.append("%s background is tied" % p.pid)
    if problems:
        raise AssertionError("%s: truth does not match the data:\n  %s"
                             % (w.name, "\n  ".join(problems)))


def make_note(w, p):
    e = evidence(w, p)
    bits = []
    if p.note:
        bits.append(p.note)
    if p.group:
        bits.append("serious cases with own group (%s): %d in %d half-years%s" % (
            p.group, len(e["sg_own"]), len(e["hy_own"]),
            ", last %s" % iso(max(c.date for c in e["sg_own"])) if e["sg_own"] else ""))
        if len(e["sg_any"]) > len(e["sg_own"]):
            bits.append("serious cases with former group (%s): %d" % (
                p.past_group, len(e["sg_any"]) - len(e["sg_own"])))
        if e["minor_grp"]:
            bits.append("minor (84110) group cases: %d" % len(e["minor_grp"]))
    aff = "; ".join("%s %s%s" % (a[0], a[4], " until " + iso(a[2]) if a[2] else "")
                    for a in p.affs)
    if aff:
        bits.append("affiliation: " + aff)
    if e["real"]:
        bits.append("real cases as suspect: %d, last %s" % (len(e["real"]), iso(e["last"])))
    else:
        bits.append("no real case as suspect")
    if e["police"]:
        bits.append("police-activity cases as suspect: %d" % len(e["police"]))
    if p.deprived_on:
        bits.append("%s since %s" % (p.status, iso(p.deprived_on)))
    if age_on(p.birth, w.end) < 18:
        bits.append("minor (%d on as-of)" % age_on(p.birth, w.end))
    if p.municipality != KBH:
        bits.append("lives in %s (not eligible)" % p.municipality)
    elif p.tier == 0 and p.group and e["real"] and not e["active"]:
        bits.append("no real case as suspect for > 18 months")
    truth = category(p)
    if p.old_cat is None and truth:
        bits.append("missing from log.csv (to add)")
    elif p.old_cat and not truth:
        bits.append("log.csv has %s (to remove)" % p.old_cat)
    elif p.old_cat and p.old_cat != truth:
        bits.append("log.csv has %s (outdated%s)" % (
            p.old_cat, ", moved" if p.old_cat[0] != truth[0] else ""))
    if p.twin_kind == "namesake":
        bits.append("namesake of %s (a different person: same name, different birth date)"
                    % p.twin.pid)
    elif p.twin_kind == "duplicate_primary":
        bits.append("same person as %s (duplicate id, same name and birth date); this id holds "
                    "the evidence and is the only one that belongs on the log" % p.twin.pid)
    elif p.twin_kind == "duplicate_secondary":
        bits.append("same person as %s (duplicate id); only %s belongs on the log"
                    % (p.twin.pid, p.twin.pid))
    return "; ".join(bits)


# --------------------------------------------------------------------------- old log

def old_log(w, p_keep=0.94, p_letter=0.07, p_digit=0.05, removal_p=None):
    """The CURRENT log.csv: an older, imperfect version of the truth (as of w.snapshot)."""
    removal_p = removal_p or {}
    rows = []
    for p in w.persons:
        e = evidence(w, p)
        first = None
        for c in e["with_member"]:
            first = c.date if first is None or c.date < first else first
        for a in p.affs:
            if a[4] in ("confirmed", "probable"):
                first = a[1] if first is None or a[1] < first else first
        if p.tier > 0:
            if p.win is None or first is None or p.win[0] > w.snapshot or \
                    (first > w.snapshot and w.R.random() < 0.5):
                p.flags.append("missing_new")
                continue
            if "old_missing" in p.flags or w.R.random() > p_keep:
                p.flags.append("missing")
                continue
            letter = p.old_letter or ("A" if p.district == FOCUS else "B")
            digit = p.old_digit or str(p.tier)
            if p.old_letter is None and w.R.random() < p_letter:
                letter = "B" if letter == "A" else "A"
                p.flags.append("moved")
            if p.old_digit is None and w.R.random() < p_digit:
                digit = "2" if digit == "1" else "1"
            cat = letter + digit
        else:
            pr = removal_p.get(p.role, 0.0)
            if "old_logged" in p.flags:
                pr = 1.0
            if "never_logged" in p.flags:
                pr = 0.0
            if pr <= 0 or w.R.random() >= pr:
                continue
            letter = p.old_letter or ("A" if p.district == FOCUS else "B")
            if p.municipality != KBH and p.old_letter is None:
                letter = "A" if w.R.random() < 0.4 else "B"
            digit = p.old_digit or str(p.past_tier or 2)
            cat = letter + digit
            if first is None:
                first = p.win[0] if p.win else w.log_start
        lo = max(w.log_start, min(first or w.log_start, w.snapshot - dt.timedelta(days=30)))
        hi = w.snapshot
        if p.win and p.tier == 0:
            hi = min(hi, max(lo, p.win[1] + dt.timedelta(days=120)))
        since = w.rd(lo, max(lo, hi))
        since = min(since, w.snapshot)
        rows.append((p, cat, since))
        p.old_cat = cat
    rows.sort(key=lambda r: r[0].pid)
    return rows


# --------------------------------------------------------------------------- scenarios

def new_world(name, seed, start, end, snapshot_months):
    return World(name, seed, start, end, snapshot_months)


def mk_bg(w, n, *, n_dep=4, n_out=5, n_late=8, n_old=8, n_female=5):
    bgs = []
    for i in range(n):
        lo = w.start
        hi = w.end
        if i < n_late:
            lo = w.rd(w.start, add_months(w.end, -10))
        elif i < n_late + n_old:
            hi = w.rd(add_months(w.start, 8), add_months(w.end, -20))
        age = (18, 45) if w.R.random() < 0.85 else (46, 60)
        muni = w.R.choice(OTHER_MUNICIPALITIES) if n_late + n_old <= i < n_late + n_old + n_out \
            else KBH
        p = w.person("background", None, 0, lo=lo, hi=hi, age=age, muni=muni,
                     note="background offender: cases only with other background offenders")
        bgs.append(p)
    for p in w.R.sample(bgs, n_female):
        p.sex = "F"
    cand = [p for p in bgs if p.municipality == KBH and p.win[1] == w.end]
    for i, p in enumerate(w.R.sample(cand, n_dep)):
        status = "custody" if i % 2 == 0 else "sentenced"
        dep = w.rd(add_months(w.end, -14 if status == "sentenced" else -4),
                   w.end - dt.timedelta(days=5))
        p.status = status
        p.deprived_on = dep
        p.win = (p.win[0], min(p.win[1], dep))
        if p.win[0] > p.win[1]:
            p.win = (p.win[1], p.win[1])
        p.note = "background offender (%s); no tie to the milieu" % status
    return bgs


def mk_vw(w, n):
    out = []
    for _ in range(n):
        age = (17, 40) if w.R.random() < 0.6 else (41, 75)
        muni = w.R.choice(OTHER_MUNICIPALITIES) if w.R.random() < 0.2 else KBH
        p = w.person("victim_witness", None, 0, age=age, muni=muni,
                     sex="F" if w.R.random() < 0.4 else "M", note="victim/witness only")
        out.append(p)
    return out


def finish(w, bgs, vws, rivals, conflict_p, n_sight, fam, extra_links, removal_p,
           old_log_kw=None, cells=None, conflict_period=None, minors=()):
    conflicts(w, rivals, conflict_p, period=conflict_period)
    for p in minors:
        if any("Bandekonflikt" in c.tags for c, r in p.cases if r == "suspect"):
            continue
        vc = [c for c, r in p.cases if r == "suspect" and c.kind == "group"
              and c.code in SERIOUS and c.group in rivals]
        assert vc, "minor without a group case"
        c = w.R.choice(vc)
        if c.code not in VIOLENT:
            c.code = w.R.choice(["73241", "73251"])
        tag_conflict(w, c, rivals)
        assert "Bandekonflikt" in c.tags
    subject_categories(w)
    victims_witnesses(w, vws, bgs)
    family_pairs(w, fam)
    assign_names(w)
    assign_ids(w)
    sightings(w, n_sight, cells=cells)
    extra_links()
    verify_truth(w)
    w.old = old_log(w, removal_p=removal_p, **(old_log_kw or {}))


# ---------------------------------------------------------------- 1. hierarchy

def build_hierarchy(seed):
    w = new_world("hierarchy", seed, D(2012, 7, 1), D(2016, 6, 30), 9)
    R = w.R
    end, start, cutoff = w.end, w.start, w.cutoff
    G, V = "BGP", "Værebro"
    code_bgp = serious_codes(w, [25, 14, 12, 38, 3, 1])
    code_v = serious_codes(w, [35, 15, 22, 20, 4, 1])
    rec = lambda: w.rd(end - dt.timedelta(days=110), end - dt.timedelta(days=4))

    # leaders
    leaders = []
    spec = [("free", None, 7), ("sentenced", (-30, -26), 6), ("sentenced", (-22, -19), 5),
            ("sentenced", (-15, -12), 4)]
    for li, (status, last_m, n) in enumerate(spec):
        dist = FOCUS if li in (0, 2) else w.R.choice(KBH_DISTRICTS[1:])
        if status == "free":
            p = w.person("leader", G, 1, lo=start, hi=end, age=(33, 45), district=dist,
                         note="leader; rarely on the street, co-offends with lieutenants")
        else:
            last = w.rd(add_months(end, last_m[0]), add_months(end, last_m[1]))
            dep = last + dt.timedelta(days=R.randint(25, 100))
            p = w.person("leader", G, 1, lo=start, hi=last, age=(32, 46), status="sentenced",
                         district=dist,
                         dep=dep, note="leader; sentenced, last case %d months before as-of"
                         % ((end - last).days // 30))
            p.win = (p.win[0], last)
        p.core, p.level = True, 0
        p.serious_target = n
        p.minor_target = R.randint(0, 1)
        w.aff(p, G, "confirmed", since=w.rd(D(2006, 1, 1), D(2010, 12, 31)))
        leaders.append(p)

    # lieutenants
    lts = []
    for i in range(13):
        n = R.randint(4, 9)
        if i < 5:
            dep = rec()
            p = w.person("core", G, 1, lo=w.rd(start, add_months(start, 10)), hi=end,
                         age=(24, 36), status="custody", dep=dep,
                         note="lieutenant; charged recently and in custody")
        elif i == 5:
            dep = w.rd(add_months(end, -11), add_months(end, -7))
            p = w.person("core", G, 1, lo=start, hi=end, age=(24, 36), status="sentenced",
                         dep=dep, note="lieutenant; sentenced")
        elif i == 6:
            p = w.person("core", G, 1, lo=w.rd(start, add_months(start, 6)), hi=end,
                         age=(24, 36), note="lieutenant; mostly minor cases plus a few serious")
            n = 3
            p.minor_target = R.randint(7, 9)
        elif i == 7:
            p = w.person("core", G, 1, lo=w.rd(add_months(end, -23), add_months(end, -21)),
                         hi=end, age=(20, 25), note="rising: promoted from soldier; old log has tier 2")
            n = 4
            p.old_digit = "2"
        else:
            p = w.person("core", G, 1, lo=w.rd(start, add_months(start, 14)), hi=end,
                         age=(23, 36), note="lieutenant")
        p.core, p.level = True, 1
        p.serious_target = n
        if not p.minor_target:
            p.minor_target = R.randint(0, 3)
        standard_affs(w, p, [("confirmed", 65), ("probable", 30), (None, 5)])
        lts.append(p)
    # an ineligible lieutenant and a former (inactive) lieutenant
    p = w.person("ineligible", G, 0, lo=start, hi=end, age=(25, 35), muni="Gladsaxe",
                 note="lieutenant-level evidence but registered in Gladsaxe")
    p.core, p.level, p.serious_target, p.past_tier = True, 1, R.randint(5, 7), 1
    w.aff(p, G, "confirmed")
    lts.append(p)
    p = w.person("inactive", G, 0, lo=start,
                 hi=w.rd(add_months(cutoff, -8), cutoff - dt.timedelta(days=40)), age=(27, 38),
                 note="former lieutenant, stepped back")
    p.core, p.level, p.serious_target, p.past_tier = True, 1, 4, 1
    w.aff(p, G, "confirmed")
    lts.append(p)

    # soldiers (peripheral)
    sold = []
    for i in range(58):
        lo = w.rd(start, w.snapshot - dt.timedelta(days=30))
        role, tier, status, dep, muni, note = "peripheral", 2, "free", None, KBH, "soldier"
        hi = end
        age = (18, 27)
        if i < 4:
            status, dep, note = "custody", rec(), "soldier; in custody"
        elif i < 9:
            lo = w.rd(w.snapshot + dt.timedelta(days=20), add_months(end, -3))
            note = "soldier; newcomer since the old log"
        elif i < 17:
            role, tier = "inactive", 0
            hi = w.rd(add_months(cutoff, -14), cutoff - dt.timedelta(days=40))
            lo = w.rd(start, hi - dt.timedelta(days=60))
            note = "former soldier, no case for > 18 months"
        elif i < 22:
            role, tier, muni = "ineligible", 0, R.choice(OTHER_MUNICIPALITIES)
            note = "soldier registered outside København"
        elif i < 25:
            age, note = (16, 17), "soldier; minor"
            lo = start
        p = w.person(role, G, tier, lo=lo, hi=hi, age=age, status=status, dep=dep, muni=muni,
                     note=note)
        p.level = 2
        r = R.random()
        if r < 0.55:
            p.quota, p.minor_quota = 1, R.randint(0, 1)
        elif r < 0.85:
            p.quota, p.minor_quota = 2, R.randint(0, 2)
        else:
            p.quota, p.minor_quota = 0, R.randint(2, 4)
        p.solo = R.choice([0, 0, 1, 2])
        p.past_tier = 2
        standard_affs(w, p, [("confirmed", 10), ("probable", 35), ("possible", 35), (None, 20)])
        sold.append(p)
    # persons only ever stopped with soldiers
    init_only = []
    for _ in range(3):
        p = w.person("initiative_only", G, 0, lo=None, age=(17, 22),
                     note="hangs around soldiers; only stopped by police, never charged")
        p.around = (max(start, add_years(p.birth, 15)), end)
        p.no_partner = True
        w.aff(p, G, "possible")
        init_only.append(p)

    # Værebro: flat rival group
    vcore, vper = [], []
    for i in range(7):
        if i == 6:
            p = w.person("inactive", V, 0, lo=start,
                         hi=w.rd(add_months(cutoff, -10), cutoff - dt.timedelta(days=45)),
                         age=(24, 34), note="former core")
            p.past_tier = 1
        else:
            p = w.person("core", V, 1, lo=w.rd(start, add_months(start, 12)), hi=end,
                         age=(22, 34))
        p.core = True
        p.serious_target = R.randint(3, 6)
        p.minor_target = R.randint(0, 3)
        standard_affs(w, p)
        vcore.append(p)
    for i in range(16):
        role, tier, muni, hi, note = "peripheral", 2, KBH, end, ""
        lo = w.rd(start, w.snapshot - dt.timedelta(days=30))
        if i < 2:
            role, tier, muni = "ineligible", 0, "Gladsaxe"
        elif i < 4:
            role, tier = "inactive", 0
            hi = w.rd(add_months(cutoff, -12), cutoff - dt.timedelta(days=40))
            lo = w.rd(start, hi - dt.timedelta(days=30))
        p = w.person(role, V, tier, lo=lo, hi=hi, age=(18, 28), muni=muni, note=note)
        p.quota = R.choice([0, 1, 1, 2])
        p.minor_quota = 1 if p.quota == 0 else R.randint(0, 1)
        p.past_tier = 2
        standard_affs(w, p)
        vper.append(p)

    allow = lambda lead, q: (lead.level == 0 and q.level in (0, 1)) or \
        (lead.level == 1 and q.level in (1, 2)) or (lead.level == 2)
    form_serious(w, G, leaders + lts, sold, code_bgp, [50, 35, 12, 3], allow=allow,
                 closed_if=lambda lead: lead.level == 0)
    form_serious(w, V, vcore, vper, code_v, [40, 35, 18, 7])
    core_minor(w, G, lts, sold)
    core_minor(w, V, vcore, vper)
    for p in leaders:
        p.minor_target = 0
    attach_peripherals(w, G, sold, code_bgp)
    attach_peripherals(w, V, vper, code_v)
    for p in w.persons:
        if p.core and p.win and not p.solo:
            p.solo = R.choice([0, 1, 1, 2, 3])
    solo_cases(w, [p for p in w.persons if p.win and p.solo])
    charges(w, code_bgp)
    ensure_recent(w)

    bgs = mk_bg(w, 48, n_dep=5, n_out=6)
    background(w, bgs)
    vws = mk_vw(w, 26)
    stops(w, 85, {G: (4,), V: (2,)}, extra_pool=bgs + init_only, extra_p=0.3)
    for p in init_only:  # make sure each is stopped a few times with soldiers
        for _ in range(R.randint(2, 4)):
            d = w.rd(p.around[0], end)
            mates = [q for q in sold if w.free(q, d) and q.win and q.win[0] <= d <= q.win[1]]
            c = w.case(d, "61615", "initiative", G, w.place_for(G, 0.9))
            w.add(c, p)
            for q in w.wsample(mates, [1.0] * len(mates), R.randint(1, 3)):
                w.add(c, q)

    fam = []
    for _ in range(4):
        a, b = R.sample(sold, 2)
        fam.append((a, b))
    fam.append((leaders[0], lts[8]))
    fam.append((R.choice(sold), R.choice(bgs)))
    fam.append((R.choice(lts), R.choice(vws)))
    fam.append((R.choice(vper), R.choice(vcore)))

    def extra():
        comm_links(w, lambda: (R.choice(leaders), R.choice(lts)), 30)
        comm_links(w, lambda: tuple(R.sample(lts, 2)), 15)
        comm_links(w, lambda: tuple(R.sample(vcore, 2)), 8)
        assoc_links(w, lambda: (R.choice(lts), R.choice(sold)), 35)
        assoc_links(w, lambda: (R.choice(vcore), R.choice(vper)), 10)
        assoc_links(w, lambda: (R.choice(sold), R.choice(bgs)), 6)

    finish(w, bgs, vws, {G: [V], V: [G]}, 0.14, 1300, fam, extra,
           removal_p={"inactive": 0.85, "ineligible": 0.6, "initiative_only": 0.34})
    w.description = [
        "One hierarchical group (`BGP`): 4 leaders who co-offend only with lieutenants (their "
        "cases are closed to soldiers), 13 lieutenants who co-offend with each other and with "
        "soldiers, and about 58 soldiers attached to lieutenants' cases (one or two serious "
        "cases each, or only minor 84110 cases). Soldiers never co-offend with leaders directly; "
        "leaders are tied to lieutenants by wiretap (communication) links.",
        "Three of the four leaders are **sentenced** and their last case is 12–30 months before "
        "the as-of date: they stay on the log (deprived of liberty) with tier 1 from the "
        "evidence before custody. The fourth leader is free and active.",
        "Five lieutenants and four soldiers were **charged recently and are in custody**; one "
        "lieutenant is sentenced. A rising soldier became a lieutenant (old log has tier 2).",
        "A smaller flat rival group (`Værebro`); violent cases between the two are tagged "
        "`Bandekonflikt` with a victim from the other group.",
        "Not on the true log: a lieutenant-level person registered in Gladsaxe and soldiers "
        "registered outside København (not eligible), a former lieutenant and former soldiers "
        "with no case for more than 18 months (inactive, free), three hangers-on only ever "
        "stopped by the police (initiative cases only, possible affiliation), background "
        "offenders (some in custody/prison, never with the group) and victims/witnesses.",
    ]
    return w


# ---------------------------------------------------------------- 2. cells

def build_cells(seed):
    w = new_world("cells", seed, D(2013, 1, 1), D(2015, 12, 31), 8)
    R = w.R
    end, start, cutoff = w.end, w.start, w.cutoff
    code_cell = serious_codes(w, [22, 20, 38, 16, 4, 0])
    code_grp = serious_codes(w, [35, 12, 18, 30, 4, 1])
    cells = []

    def mk_cell(group, label, size, n_cases, *, conf="confirmed", lo=None, hi=None,
                tier=1, role="cell_core", note="", special=None):
        lo = lo or w.rd(start, add_months(start, 9))
        hi = hi or end
        mem = []
        for i in range(size):
            r, t, muni, status, dep, nt = role, tier, KBH, "free", None, note
            if special and i in special:
                sp = special[i]
                if sp == "out":
                    r, t, muni = "ineligible", 0, "Frederiksberg"
                    nt = (note + "; " if note else "") + "registered in Frederiksberg"
                elif sp == "custody":
                    status = "custody"
                    dep = w.rd(end - dt.timedelta(days=150), end - dt.timedelta(days=10))
                    nt = (note + "; " if note else "") + "in custody"
            p = w.person(r, group, t, lo=lo, hi=hi, age=(20, 33), muni=muni, status=status,
                         dep=dep, note=("cell %s (%d members)" % (label, size)) + (
                             "; " + nt if nt else ""))
            p.cell = label
            p.past_tier = 2 if role == "peripheral" else 1
            w.aff(p, group, conf, since=w.rd(add_months(lo, -30), lo))
            mem.append(p)
        # cases with the cell only, spread over half-years
        hs = list(range(hy(lo), hy(hi) + 1))
        picks = []
        for _ in range(500):
            picks = [R.choice(hs) for _ in range(n_cases)]
            if len(set(picks)) >= min(3, n_cases, len(hs)):
                break
        for h in sorted(picks):
            a, b = clip_to_hy(h, (lo, hi))
            for _ in range(30):
                d = w.rd(a, b)
                av = [q for q in mem if w.can(q, d)]
                if len(av) >= 2:
                    break
            else:
                continue
            k = len(av) if len(av) == 2 or R.random() < 0.6 else 2
            c = w.case(d, code_cell(), "cell", group, w.place_for(group, 0.5))
            c.closed = True
            for q in w.wsample(av, [1.0] * len(av), k):
                w.add(c, q)
        # a trio member left out of too many cases joins some (in new half-years first)
        ccases = [c for c in w.cases if c.kind == "cell" and any(x in mem for x in c.suspects)]
        for q in mem:
            mine = [c for c in ccases if w.in_case(c, q)]
            want = min(3, len(mine) + len([c for c in ccases if not w.in_case(c, q)]))
            for c in sorted([c for c in ccases if not w.in_case(c, q) and w.can(q, c.date)],
                            key=lambda c: (hy(c.date) in set(hy(x.date) for x in mine),
                                           c.date)):
                have = set(hy(x.date) for x in mine)
                if len(mine) >= want and len(have) >= min(3, want):
                    break
                w.add(c, q)
                mine.append(c)
        for q in mem:
            q.solo = R.choice([0, 0, 1, 1, 2])
        cells.append(mem)
        return mem

    groups = {"LTF": [], "BGP": []}
    # LTF cells
    mk_cell("LTF", "L1", 2, R.randint(3, 4))
    mk_cell("LTF", "L2", 3, R.randint(5, 7), special={0: "custody"})
    mk_cell("LTF", "L3", 2, R.randint(4, 6))
    mk_cell("LTF", "L4", 3, R.randint(3, 5))
    mk_cell("LTF", "L5", 2, R.randint(6, 8))
    dormant_hi = w.rd(add_months(cutoff, -9), cutoff - dt.timedelta(days=45))
    mk_cell("LTF", "L6", 2, 4, lo=start, hi=dormant_hi, tier=0, role="inactive",
            note="dormant cell, no case for > 18 months")
    # BGP cells
    mk_cell("BGP", "B1", 3, R.randint(4, 6), special={1: "out"})
    mk_cell("BGP", "B2", 2, R.randint(3, 5), conf="probable")
    mk_cell("BGP", "B3", 2, R.randint(5, 7))
    mk_cell("BGP", "B4", 3, R.randint(3, 4))
    mk_cell("BGP", "B5", 2, 2, conf="possible", tier=2, role="peripheral",
            lo=w.rd(add_months(end, -16), add_months(end, -10)),
            note="loose pair: two serious cases together, possible affiliation")

    # connectors (core of the loose network) and loose peripherals
    conns = {}
    peris = {}
    for g, nconn, nper in (("LTF", 3, 30), ("BGP", 2, 26)):
        cs = []
        for i in range(nconn):
            p = w.person("core", g, 1, lo=w.rd(start, add_months(start, 8)), hi=end,
                         age=(24, 35), note="connector of the loose network")
            p.core = True
            p.serious_target = R.randint(5, 9)
            p.minor_target = R.randint(2, 5)
            standard_affs(w, p, [("confirmed", 60), ("probable", 40)])
            cs.append(p)
        ps = []
        for i in range(nper):
            role, tier, muni, hi, note = "peripheral", 2, KBH, end, "loose peripheral"
            lo = w.rd(start, w.snapshot - dt.timedelta(days=30))
            status, dep = "free", None
            if i < 2:
                role, tier, muni = "ineligible", 0, R.choice(OTHER_MUNICIPALITIES)
                note = "loose peripheral registered outside København"
            elif i < 6:
                role, tier = "inactive", 0
                hi = w.rd(add_months(cutoff, -12), cutoff - dt.timedelta(days=40))
                lo = w.rd(start, hi - dt.timedelta(days=30))
                note = "former loose peripheral"
            elif i < 8:
                lo = w.rd(w.snapshot + dt.timedelta(days=15), add_months(end, -2))
                note = "newcomer since the old log"
            elif i == 8:
                status, dep = "custody", w.rd(end - dt.timedelta(days=120), end - dt.timedelta(days=6))
                note = "loose peripheral in custody"
            p = w.person(role, g, tier, lo=lo, hi=hi, age=(18, 28), muni=muni, status=status,
                         dep=dep, note=note)
            r = R.random()
            if 9 <= i < 12:
                p.quota, p.minor_quota = 1, R.randint(5, 6)
                p.note = "busy hanger-on: many minor cases with the network, one serious"
            elif r < 0.3:
                p.quota, p.minor_quota = 0, R.randint(1, 3)
            elif r < 0.75:
                p.quota, p.minor_quota = 1, R.randint(0, 2)
            else:
                p.quota, p.minor_quota = 2, R.randint(0, 1)
            p.solo = R.choice([0, 0, 1])
            p.past_tier = 2
            standard_affs(w, p, [("confirmed", 5), ("probable", 30), ("possible", 35), (None, 30)])
            ps.append(p)
        conns[g], peris[g] = cs, ps
        groups[g] = cs + ps

    # a small rival group for conflict victims
    V = "Værebro"
    vcore = []
    for i in range(4):
        p = w.person("core", V, 1, lo=w.rd(start, add_months(start, 10)), hi=end, age=(22, 33))
        p.core = True
        p.serious_target = R.randint(3, 5)
        p.minor_target = R.randint(0, 2)
        standard_affs(w, p)
        vcore.append(p)
    vper = []
    for i in range(9):
        p = w.person("peripheral", V, 2, lo=w.rd(start, w.snapshot - dt.timedelta(days=30)), hi=end,
                     age=(18, 27))
        p.quota, p.minor_quota = R.choice([0, 1, 1, 2]), R.randint(0, 1)
        if p.quota == 0 and p.minor_quota == 0:
            p.minor_quota = 1
        standard_affs(w, p)
        vper.append(p)

    for g in ("LTF", "BGP"):
        form_serious(w, g, conns[g], peris[g], code_grp, [40, 35, 18, 7])
        core_minor(w, g, conns[g], peris[g])
    form_serious(w, V, vcore, vper, code_grp, [45, 35, 15, 5])
    core_minor(w, V, vcore, vper)
    # peripheral-only minor cases (loose ties among hangers-on), then the rest
    for g in ("LTF", "BGP"):
        attach_peripherals(w, g, peris[g], code_grp, ally="BGP" if g == "LTF" else "LTF",
                           ally_p=0.06)
    attach_peripherals(w, V, vper, code_grp)
    for p in w.persons:
        if p.core and p.win and not p.solo:
            p.solo = R.choice([0, 1, 1, 2, 3])
    solo_cases(w, [p for p in w.persons if p.win and p.solo])
    charges(w, code_cell)
    ensure_recent(w)

    bgs = mk_bg(w, 50, n_dep=4, n_out=6)
    background(w, bgs)
    vws = mk_vw(w, 24)
    cellm = [p for c in cells for p in c]
    stops(w, 80, {"LTF": (3,), "BGP": (3,), V: (1,)}, extra_pool=bgs, extra_p=0.25)

    fam = []
    fam.append((cells[0][0], cells[0][1]))            # brothers in a cell
    fam.append((R.choice(cellm), R.choice(peris["LTF"])))
    fam.append((R.choice(peris["BGP"]), R.choice(peris["LTF"])))
    fam.append((R.choice(peris["BGP"]), R.choice(bgs)))
    fam.append((R.choice(conns["LTF"]), R.choice(vws)))

    def extra():
        for cell in cells:
            if len(cell) >= 2:
                comm_links(w, lambda cell=cell: tuple(R.sample(cell, 2)), len(cell) - 1)
        comm_links(w, lambda: (R.choice(conns["LTF"] + conns["BGP"]),
                               R.choice(conns["LTF"] + conns["BGP"])), 6)
        assoc_links(w, lambda: (R.choice(conns["LTF"]), R.choice(peris["LTF"])), 25)
        assoc_links(w, lambda: (R.choice(conns["BGP"]), R.choice(peris["BGP"])), 20)
        assoc_links(w, lambda: tuple(R.sample(peris["LTF"] + peris["BGP"], 2)), 20)
        assoc_links(w, lambda: (R.choice(vcore), R.choice(vper)), 6)

    finish(w, bgs, vws, {"LTF": [V], "BGP": [V], V: ["LTF", "BGP"]}, 0.22, 1100, fam, extra,
           removal_p={"inactive": 0.85, "ineligible": 0.5}, cells=cells)
    w.description = [
        "Two allied groups (`LTF`, `BGP`) made of **small closed cells** (pairs and trios) with a "
        "confirmed affiliation (one pair probable) who commit serious crimes (street robbery, "
        "aggravated violence, sale) repeatedly but **only with each other**: cell cases are never "
        "joined by anyone else, so cells are islands in the co-offending network. Every cell "
        "member is core (tier 1) although peripheral to the group's network.",
        "Each group also has a loose network around 2–3 connectors (core) and many loose "
        "peripherals with one or two serious cases or only minor 84110 cases; three busy "
        "hangers-on per group have many minor cases (high degree) but only one serious case "
        "each (tier 2).",
        "A dormant LTF cell whose last case is more than 18 months old (inactive, free: not on the "
        "log); a trio with one member registered in Frederiksberg (not eligible); a trio with one "
        "member in custody; a loose pair with only two serious cases and a possible affiliation "
        "(tier 2).",
        "A small rival group (`Værebro`) provides victims of `Bandekonflikt` cases.",
    ]
    return w


# ---------------------------------------------------------------- 3. stopsearch

def build_stopsearch(seed):
    w = new_world("stopsearch", seed, D(2014, 4, 1), D(2017, 3, 31), 10)
    R = w.R
    end, start, cutoff = w.end, w.start, w.cutoff
    code = serious_codes(w, [30, 12, 18, 34, 5, 1])
    cores = {"LTF": [], "Værebro": []}
    pers = {"LTF": [], "Værebro": []}
    inactive_stopped = []
    for g, ncore, nper in (("LTF", 11, 36), ("Værebro", 8, 24)):
        for i in range(ncore):
            role, tier, muni, status, dep, note = "core", 1, KBH, "free", None, ""
            lo, hi = w.rd(start, add_months(start, 10 if i > 1 else 3)), end
            n = R.randint(3, 6)
            mt = R.randint(1, 4)
            if i == 0:
                status, dep, note = "custody", w.rd(end - dt.timedelta(days=100), end - dt.timedelta(days=5)), "in custody"
            elif i == 1 and g == "LTF":
                status, dep, note = "sentenced", w.rd(add_months(end, -16), add_months(end, -8)), "sentenced"
            elif i == 2:
                role, tier, muni, note = "ineligible", 0, R.choice(OTHER_MUNICIPALITIES), "core-level evidence, registered outside København"
            elif i == 3:
                n, mt, note = 3, R.randint(6, 8), "mostly minor cases plus a few serious"
            elif i == 4:
                role, tier = "inactive", 0
                hi = w.rd(add_months(cutoff, -10), cutoff - dt.timedelta(days=45))
                note = "former core; since then only stopped by police (stop-and-search, possession found on stops)"
            p = w.person(role, g, tier, lo=lo, hi=hi, age=(22, 35), muni=muni, status=status,
                         dep=dep, note=note)
            p.core = True
            p.serious_target = n
            p.minor_target = mt
            p.past_tier = 1
            standard_affs(w, p)
            cores[g].append(p)
            if role == "inactive":
                inactive_stopped.append(p)
        for i in range(nper):
            role, tier, muni, status, dep, note = "peripheral", 2, KBH, "free", None, ""
            lo, hi = w.rd(start, w.snapshot - dt.timedelta(days=30)), end
            if i < 3:
                role, tier, muni, note = "ineligible", 0, R.choice(OTHER_MUNICIPALITIES), "registered outside København"
            elif i < 8:
                role, tier = "inactive", 0
                hi = w.rd(add_months(cutoff, -12), cutoff - dt.timedelta(days=40))
                lo = w.rd(start, hi - dt.timedelta(days=30))
                note = "former hanger-on; since then only stopped by police"
            elif i < 11:
                lo = w.rd(w.snapshot + dt.timedelta(days=15), add_months(end, -2))
                note = "newcomer since the old log"
            elif i == 11:
                status, dep, note = "custody", w.rd(end - dt.timedelta(days=90), end - dt.timedelta(days=5)), "in custody"
            p = w.person(role, g, tier, lo=lo, hi=hi, age=(18, 28), muni=muni, status=status,
                         dep=dep, note=note)
            r = R.random()
            if 12 <= i < 15:
                p.quota, p.minor_quota = 0, 1
                p.note = "one real possession case (84110, not from a stop) with members"
            elif r < 0.55:
                p.quota, p.minor_quota = 1, R.randint(0, 1)
            elif r < 0.85:
                p.quota, p.minor_quota = 2, R.randint(0, 1)
            else:
                p.quota, p.minor_quota = 0, R.randint(1, 3)
            p.solo = R.choice([0, 0, 1])
            p.past_tier = 2
            standard_affs(w, p)
            pers[g].append(p)
            if role == "inactive":
                inactive_stopped.append(p)

    for g in ("LTF", "Værebro"):
        form_serious(w, g, cores[g], pers[g], code, [45, 35, 15, 5])
        core_minor(w, g, cores[g], pers[g])
        attach_peripherals(w, g, pers[g], code)
    for p in w.persons:
        if p.core and p.win and not p.solo:
            p.solo = R.choice([0, 1, 1, 2, 3])
    solo_cases(w, [p for p in w.persons if p.win and p.solo])
    charges(w, code)
    ensure_recent(w)

    # stop-only persons: only ever stopped together with members
    stop_only = []
    for i in range(42):
        p = w.person("stop_only", None, 0, age=(16, 30) if i % 5 else (16, 17),
                     note="only contact with the milieu: stopped together with members")
        p.win = None
        stop_only.append(p)
    with_crime = stop_only[:12]
    for p in with_crime:
        p.win = (max(start, add_years(p.birth, 15)), end)
        p.note += "; own unrelated crime (background)"
    bgs = mk_bg(w, 36, n_dep=4, n_out=5)
    background(w, bgs + with_crime)
    for p in with_crime:
        p.win = None   # not co-opted anywhere else
    vws = mk_vw(w, 22)

    mem_all = [p for g in cores for p in cores[g] + pers[g]]

    def members_free(d):
        return [q for q in mem_all if w.free(q, d) and q.win is not None
                and q.win[0] - dt.timedelta(days=200) <= d]

    def stop_case(d, code_, people, g):
        c = w.case(d, code_, "stop" if code_ == "84110" else "initiative", g, w.place_for(g, 0.85))
        if code_ in ("84110", "61615") and (code_ == "84110" or R.random() < 0.65):
            c.tags.append(STOP_TAG)
        for q in people:
            w.add(c, q)
        if R.random() < 0.3:
            for q in people:
                sight(w, q, c.place, d)
        return c

    # each stop-only person: 2-12 stops, each with 1-3 members
    for i, p in enumerate(stop_only):
        n = R.randint(7, 12) if i % 4 == 0 else R.randint(2, 5)
        for _ in range(n):
            d = w.rd(max(start, add_years(p.birth, 15)), end)
            mem = members_free(d)
            mem = w.wsample(mem, [3.0 if q.core else 1.0 for q in mem], R.randint(1, 3))
            if not mem:
                continue
            g = mem[0].group
            kind = w.wchoice(["61615", "61600", "84110"], [60, 15, 25])
            if kind == "84110":
                # possession found on the stop: the finder(s) as suspects
                ppl = [p] + mem[:R.randint(0, min(2, len(mem)))]
            else:
                ppl = [p] + mem
            stop_case(d, kind, ppl, g)
    # inactive members: stopped and found with drugs after they stopped offending
    for p in inactive_stopped:
        for _ in range(R.randint(2, 5)):
            d = w.rd(p.win[1] + dt.timedelta(days=60), end)
            if not w.free(p, d):
                continue
            mem = [q for q in members_free(d) if q is not p]
            ppl = [p] + w.wsample(mem, [1.0] * len(mem), R.randint(0, 2))
            stop_case(d, R.choice(["61615", "84110", "84110"]), ppl, p.group)
    # general heavy stop-and-search
    for _ in range(300):
        d = w.rd(start, end)
        mem = members_free(d)
        ppl = w.wsample(mem, [2.5 if q.core else 1.0 for q in mem],
                        w.wchoice([1, 2, 3, 4], [25, 35, 25, 15]))
        if not ppl:
            continue
        if R.random() < 0.2:
            bx = [q for q in bgs if w.free(q, d)]
            if bx and len(ppl) < 5:
                ppl.append(R.choice(bx))
        kind = w.wchoice(["61615", "61600", "84110"], [62, 18, 20])
        if kind == "84110":
            ppl = ppl[:R.randint(1, 2)]
        stop_case(d, kind, ppl, ppl[0].group or "LTF")

    fam = [(R.choice(stop_only), R.choice(cores["LTF"])),     # a cousin stopped with him
           (R.choice(stop_only), R.choice(pers["Værebro"])),
           (R.choice(pers["LTF"]), R.choice(pers["LTF"])),
           (R.choice(cores["Værebro"]), R.choice(bgs)),
           (R.choice(pers["LTF"]), R.choice(vws))]

    def extra():
        comm_links(w, lambda: tuple(R.sample(cores["LTF"], 2)), 18)
        comm_links(w, lambda: tuple(R.sample(cores["Værebro"], 2)), 10)
        assoc_links(w, lambda: (R.choice(cores["LTF"]), R.choice(pers["LTF"])), 22)
        assoc_links(w, lambda: (R.choice(cores["Værebro"]), R.choice(pers["Værebro"])), 14)

    finish(w, bgs, vws, {"LTF": ["Værebro"], "Værebro": ["LTF"]}, 0.3, 1400, fam, extra,
           removal_p={"inactive": 0.85, "ineligible": 0.6, "stop_only": 0.2})
    w.policy_notes = [
        "Run the tool with the policy key `initiative_tags: [stop_search]`: narcotics-possession "
        "cases (84110) found on stop-and-search carry the case tag `stop_search` and are police "
        "activity, not crime (like 61600/61615). Without it, stop-only persons look like "
        "co-offenders of gang members and inactive former members look active.",
    ]
    w.description = [
        "Two groups (`LTF`, `Værebro`) under **heavy stop-and-search policing**: most cases are "
        "initiative cases (61615 stop-and-search, 61600 inquiry) listing everyone found together "
        "as `suspect`, plus narcotics-possession cases (84110) **found on stop-and-search**, tagged "
        "`stop_search` in the `tags` column. Many 61615 cases carry the tag as well.",
        "42 **stop-only** persons whose only contact with the milieu is such police activity: "
        "stopped together with gang members 2–12 times (some found with drugs), some seen with them "
        "at the stop (sightings). Twelve of them also commit unrelated crime with background "
        "offenders. None of them is on the true log; the old log wrongly lists some.",
        "Former members (one former core per group, five hangers-on per group) whose last real "
        "case is more than 18 months old but who were stopped and found with drugs since: "
        "inactive, not on the true log.",
        "Three peripherals per group whose only group case is a real 84110 possession case (not "
        "from a stop): tier 2.",
    ]
    return w


# ---------------------------------------------------------------- 4. mixed

def build_mixed(seed):
    w = new_world("mixed", seed, D(2011, 1, 1), D(2014, 12, 31), 12)
    R = w.R
    end, start, cutoff = w.end, w.start, w.cutoff
    w.quiet_from = add_months(end, -12) + DAY   # 2014: a quiet last year
    code = serious_codes(w, [34, 14, 18, 26, 6, 2])
    cores = {g: [] for g in GROUPS}
    pers = {g: [] for g in GROUPS}
    spec = {"LTF": (8, 22, (3, 8)), "BGP": (10, 26, (5, 12)), "Værebro": (6, 16, (3, 6))}
    for g in GROUPS:
        ncore, nper, (smin, smax) = spec[g]
        for i in range(ncore):
            role, tier, muni, status, dep, note = "core", 1, KBH, "free", None, ""
            lo, hi = w.rd(start, add_months(start, 14 if i > 1 else 4)), end
            n = R.randint(smin, smax)
            if i == 0:
                status, dep, note = "custody", w.rd(end - dt.timedelta(days=140), end - dt.timedelta(days=7)), "charged in the quiet year, in custody"
            elif i == 1:
                status = "sentenced"
                dep = w.rd(add_months(end, -30), add_months(end, -10))
                note = "sentenced"
            elif i == 2 and g != "Værebro":
                role, tier, muni, note = "ineligible", 0, R.choice(OTHER_MUNICIPALITIES), "core-level evidence, registered outside København"
            elif i == 3:
                role, tier = "inactive", 0
                hi = w.rd(add_months(cutoff, -10), cutoff - dt.timedelta(days=40))
                note = "former core, no case for > 18 months"
            elif i == 4:
                # last real case 13-17 months before as-of: active by the 18-month rule
                hi = w.rd(add_months(end, -17) + dt.timedelta(days=10), add_months(end, -13))
                note = "quiet: no case in the last 13 months"
            p = w.person(role, g, tier, lo=lo, hi=hi, age=(22, 38), muni=muni, status=status,
                         dep=dep, note=note)
            p.core = True
            p.serious_target = n
            p.minor_target = R.randint(0, 4) if R.random() < 0.8 else R.randint(6, 9)
            p.past_tier = 1
            standard_affs(w, p)
            cores[g].append(p)
        for i in range(nper):
            role, tier, muni, status, dep, note = "peripheral", 2, KBH, "free", None, ""
            lo, hi = w.rd(start, add_months(end, -16)), end
            age = (18, 28)
            if i < 2:
                role, tier, muni, note = "ineligible", 0, R.choice(OTHER_MUNICIPALITIES), "registered outside København"
            elif i < 5:
                role, tier = "inactive", 0
                hi = w.rd(add_months(cutoff, -14), cutoff - dt.timedelta(days=40))
                lo = w.rd(start, hi - dt.timedelta(days=30))
                note = "former hanger-on"
            elif i < 7:
                lo = w.rd(w.snapshot + dt.timedelta(days=15), add_months(end, -2))
                note = "newcomer since the old log"
            elif i == 7:
                status, dep, note = "sentenced", w.rd(add_months(end, -20), add_months(end, -4)), "sentenced"
            elif i < 11:
                age, note = (15, 17), "minor in gang cases"
                lo = start
            p = w.person(role, g, tier, lo=lo, hi=hi, age=age, muni=muni, status=status,
                         dep=dep, note=note)
            r = R.random()
            if r < 0.5:
                p.quota, p.minor_quota = 1, R.randint(0, 1)
            elif r < 0.8:
                p.quota, p.minor_quota = 2, R.randint(0, 1)
            else:
                p.quota, p.minor_quota = 0, R.randint(1, 3)
            if "minor" in note:
                p.quota = max(p.quota, 1)
            p.solo = R.choice([0, 0, 1, 2])
            p.past_tier = 2
            standard_affs(w, p)
            pers[g].append(p)
    minors = [p for g in GROUPS for p in pers[g] if "minor" in p.note]
    # a minor who is already core: 17, serious cases with BGP core over 3 half-years
    mcore = w.person("core", "BGP", 1, lo=start, hi=end, age=(17, 17),
                     note="minor core member")
    mcore.core = True
    mcore.serious_target = 4
    mcore.past_tier = 1
    mcore.old_digit = "2"
    w.aff(mcore, "BGP", "probable")
    cores["BGP"].append(mcore)
    minors.append(mcore)

    # switchers: left one group (affiliation with `until`) and joined another
    switch_plan = [("LTF", "BGP", 2), ("LTF", "BGP", 2), ("BGP", "LTF", 2), ("BGP", "LTF", 1),
                   ("Værebro", "BGP", 2), ("BGP", "Værebro", 2)]
    switchers = []
    for old, new, tier in switch_plan:
        until = w.rd(add_months(start, 16), add_months(end, -24))
        lo = w.rd(start, add_months(until, -8))
        p = w.person("peripheral" if tier == 2 else "core", new, tier, lo=lo, hi=end,
                     age=(21, 32), note="switcher: left %s on %s, now %s" % (old, iso(until), new))
        p.past_group, p.past_until = old, until
        w.aff(p, old, w.R.choice(["probable", "possible", "confirmed"]),
              since=w.rd(add_months(lo, -24), lo), until=until)
        w.aff(p, new, "probable" if tier == 2 else "confirmed",
              since=until + dt.timedelta(days=R.randint(1, 120)))
        p.past_tier = tier
        w.members[old].append(p)  # appears in the old group's pool for co-offending only
        switchers.append(p)
        if tier == 1:
            p.core = True

    for g in GROUPS:
        form_serious(w, g, cores[g], [q for q in pers[g]], code, [40, 35, 18, 7])
        core_minor(w, g, cores[g], pers[g])
    for g in GROUPS:
        attach_peripherals(w, g, pers[g], code, ally={"LTF": "BGP", "BGP": "LTF"}.get(g),
                           ally_p=0.05)
    # switchers' cases: old group before `until`, new group after
    for p in switchers:
        old, new = p.past_group, p.group
        if p.tier == 1:
            lead_cases(w, p, old, 2, p.win[0], p.past_until, code,
                       [q for q in cores[old] if q.tier == 1])
            lead_cases(w, p, new, 4, p.past_until + DAY, end, code,
                       [q for q in cores[new] if q.tier == 1])
        else:
            join_or_create(w, p, old, True, p.win[0], p.past_until, code)
            join_or_create(w, p, new, R.random() < 0.5, max(w.cutoff + dt.timedelta(days=40),
                                                             p.past_until + DAY), end, code)
    # affiliated, but offending alone (probable: tied; possible: not tied)
    for conf, tier, role, note in (("probable", 2, "peripheral", "probable affiliation, offends alone"),
                                   ("probable", 2, "peripheral", "probable affiliation, offends alone"),
                                   ("possible", 0, "possible_only", "possible affiliation only, never co-offends with members: not tied"),
                                   ("possible", 0, "possible_only", "possible affiliation only, never co-offends with members: not tied")):
        g = R.choice(["LTF", "BGP"])
        p = w.person(role, g, tier, lo=w.rd(add_months(end, -30), add_months(end, -14)), hi=end,
                     age=(18, 26), note=note)
        p.solo = R.randint(1, 3)
        p.no_partner = True
        w.aff(p, g, conf)
        p.past_tier = 2
    init_only = []
    for _ in range(3):
        g = R.choice(GROUPS)
        p = w.person("initiative_only", g, 0, age=(16, 22),
                     note="seen and stopped with members, never charged")
        p.around = (max(start, add_years(p.birth, 15)), end)
        p.no_partner = True
        w.aff(p, g, "possible")
        init_only.append(p)
    for p in w.persons:
        if p.core and p.win and not p.solo:
            p.solo = R.choice([0, 1, 1, 2, 3])
    solo_cases(w, [p for p in w.persons if p.win and p.solo])
    charges(w, code)
    ensure_recent(w)

    bgs = mk_bg(w, 46, n_dep=5, n_out=6)
    background(w, bgs)
    vws = mk_vw(w, 24)

    # namesakes: a second, different person with the same name (different birth date)
    namesake_plan = [(cores["LTF"][6], "background"), (pers["BGP"][14], "victim_witness"),
                     (pers["Værebro"][12], "background")]
    for a, kind in namesake_plan:
        bd = a.birth
        while abs((bd - a.birth).days) < 400:
            bd = w.rd(add_years(a.birth, -9), add_years(a.birth, 9))
            bd = min(bd, add_years(end, -17))
        if kind == "background":
            b = w.person("background", None, 0, lo=w.rd(start, add_months(end, -6)), hi=end,
                         birth=bd, note="namesake of a gang member; no tie")
            background(w, [b], n_cases_w=(50, 50, 0, 0))
            bgs.append(b)
        else:
            b = w.person("victim_witness", None, 0, birth=bd, note="namesake of a gang member")
            vws.append(b)
        a.twin, b.twin = b, a
        a.twin_kind, b.twin_kind = "namesake", "namesake"
        b.flags.append("old_logged")     # the old log holds the wrong namesake ...
        b.old_letter = "A" if a.district == FOCUS else "B"
        b.old_digit = str(a.tier or 2)
        a.flags.append("old_missing")     # ... and not the right one
        b.sex = a.sex

    # duplicates: the same person registered twice (same name + birth date)
    dup_plan = [(cores["BGP"][5], True), (pers["LTF"][15], False)]
    for a, logged_secondary_only in dup_plan:
        b = w.person("duplicate_id", None, 0, birth=a.birth, district=a.district,
                     note="second id of the same person (same name and birth date); "
                          "the evidence is on the other id")
        b.sex = a.sex
        a.twin, b.twin = b, a
        a.twin_kind, b.twin_kind = "duplicate_primary", "duplicate_secondary"
        b.subject_category = "witness"
        # weak traces on the secondary id: a witness role and a sighting
        crime = [c for c in w.cases if c.kind in ("group", "solo", "bg") and not w.in_case(c, a)
                 and c.date >= add_years(a.birth, 15)]
        w.add(R.choice(crime), b, "witness")
        sight(w, b, R.choice(PLACES), w.rd(start, end))
        b.flags.append("old_logged")
        b.old_letter = "A" if a.district == FOCUS else "B"
        b.old_digit = str(a.tier)
        if logged_secondary_only:
            a.flags.append("old_missing")

    mem_all = [p for p in w.persons if p.group and p.win and p.role in ("core", "peripheral")]
    stops(w, 120, {"LTF": (3,), "BGP": (4,), "Værebro": (2,)}, extra_pool=bgs + init_only,
          extra_p=0.3)
    for p in init_only:
        for _ in range(R.randint(2, 4)):
            d = w.rd(max(start, add_years(p.birth, 15)), end)
            mates = [q for q in w.members[p.group] if w.can(q, d) and q is not p
                     and member_on(q, p.group, d)]
            if not mates:
                continue
            c = w.case(d, "61615", "initiative", p.group, w.place_for(p.group, 0.9))
            w.add(c, p)
            for q in w.wsample(mates, [1.0] * len(mates), R.randint(1, 2)):
                w.add(c, q)

    fam = [(cores["LTF"][0], pers["LTF"][9]), (pers["BGP"][8], pers["BGP"][9]),
           (R.choice(pers["LTF"]), R.choice(pers["BGP"])), (R.choice(mem_all), R.choice(bgs)),
           (R.choice(pers["Værebro"]), R.choice(vws)), (R.choice(cores["BGP"]), R.choice(pers["Værebro"]))]

    def extra():
        for g in GROUPS:
            comm_links(w, lambda g=g: tuple(R.sample(cores[g], 2)), 8)
        comm_links(w, lambda: (R.choice(switchers), R.choice(cores[R.choice(GROUPS)])), 5)
        for g in GROUPS:
            assoc_links(w, lambda g=g: (R.choice(cores[g]), R.choice(pers[g])), 12)
        assoc_links(w, lambda: (R.choice(minors), R.choice(mem_all)), 8)
        assoc_links(w, lambda: (R.choice(mem_all), R.choice(bgs)), 6)

    finish(w, bgs, vws, {"LTF": ["Værebro"], "BGP": ["Værebro"], "Værebro": ["BGP", "LTF"]},
           0.18, 1500, fam, extra,
           removal_p={"inactive": 0.85, "ineligible": 0.6, "initiative_only": 0.3,
                      "possible_only": 0.5},
           minors=minors)
    w.description = [
        "Three groups (`LTF`, `BGP`, `Værebro`) over four years with a **quiet last year**: "
        "case activity in the final 12 months is about a quarter of the earlier rate, so several "
        "free core members' last case is 12–18 months old (still active by the 18-month rule) "
        "and former members' last case is older than 18 months (inactive).",
        "**Group switchers**: an affiliation with `until` set and a new one with the group they "
        "joined; their cases are with the old group before and the new group after; one switcher "
        "is core in the new group.",
        "**Namesakes**: three pairs of different persons with the same name and different birth "
        "dates (one gang member, one background offender or victim). The old log holds the wrong "
        "one of each pair.",
        "**Possible duplicates**: two persons registered twice (same name and birth date, two "
        "ids). The truth puts only the id holding the evidence on the log; the other id has a "
        "witness role and a sighting. The old log holds the secondary id (once instead of, once "
        "besides the primary).",
        "**Minors** (under 18 on the as-of date) in gang cases: every minor member is a suspect in "
        "at least one violent case tagged `Bandekonflikt` (with a victim from a rival group); one "
        "17-year-old is core.",
        "Persons with a probable affiliation who offend alone (tier 2) and persons with only a "
        "possible affiliation who offend alone (not tied: not on the log).",
    ]
    return w


BUILDERS = {"hierarchy": build_hierarchy, "cells": build_cells,
            "stopsearch": build_stopsearch, "mixed": build_mixed}


# --------------------------------------------------------------------------- output

def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        wr = csv.writer(f, delimiter=",", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        wr.writerow(header)
        for r in rows:
            wr.writerow(r)


def write_all(w, out):
    os.makedirs(os.path.join(out, "truth"), exist_ok=True)
    persons = sorted(w.persons, key=lambda p: p.pid)
    write_csv(os.path.join(out, "persons.csv"),
              ["id", "name", "birth_date", "municipality", "district", "status",
               "subject_category"],
              [(p.pid, "%s %s" % (p.first, p.last), iso(p.birth), p.municipality, p.district,
                p.status, p.subject_category) for p in persons])
    write_csv(os.path.join(out, "cases.csv"), ["case_id", "date", "crime_code", "place", "tags"],
              [(c.id, iso(c.date), c.code, c.place, "|".join(c.tags)) for c in w.cases])
    order = {"suspect": 0, "victim": 1, "witness": 2, "other": 3}
    cp = []
    for c in w.cases:
        rows = [(c.id, q.pid, "suspect") for q in c.suspects]
        rows += [(c.id, q.pid, r) for q, r in c.others]
        rows.sort(key=lambda r: (order[r[2]], r[1]))
        cp += rows
    write_csv(os.path.join(out, "case_persons.csv"), ["case_id", "person_id", "role"], cp)
    affs = [(p.pid, a[0], iso(a[1]), iso(a[2]), a[3], a[4]) for p in w.persons for a in p.affs]
    affs.sort(key=lambda a: (a[0], a[2], a[1]))
    write_csv(os.path.join(out, "affiliations.csv"),
              ["person_id", "group", "since", "until", "source", "confidence"], affs)
    sig = sorted(((p.pid, pl, iso(d)) for p, pl, d in w.sight), key=lambda r: (r[2], r[1], r[0]))
    write_csv(os.path.join(out, "sightings.csv"), ["person_id", "place", "date"], sig)
    links = []
    for a, b, typ, wt, d, info in w.links:
        if typ == "family" and b.pid < a.pid:
            a, b = b, a
        links.append((a.pid, b.pid, typ, wt, iso(d), info))
    links.sort(key=lambda l: (l[4], l[0], l[1], l[2]))
    write_csv(os.path.join(out, "links.csv"),
              ["source", "target", "type", "weight", "date", "source_info"], links)
    write_csv(os.path.join(out, "log.csv"), ["person_id", "category", "since"],
              [(p.pid, cat, iso(s)) for p, cat, s in w.old])
    write_csv(os.path.join(out, "truth", "log.csv"), ["person_id", "category"],
              [(p.pid, category(p)) for p in persons])
    write_csv(os.path.join(out, "truth", "roles.csv"), ["person_id", "role", "group", "note"],
              [(p.pid, p.role, p.group or "", make_note(w, p)) for p in persons])
    with open(os.path.join(out, "truth", "as-of.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(iso(w.end) + "\n")


# --------------------------------------------------------------------------- checks

def read_csv(path):
    with open(path, "rb") as f:
        raw = f.read()
    assert not raw.startswith(b"\xef\xbb\xbf"), path + ": BOM"
    assert b"\r" not in raw, path + ": CR"
    rows = list(csv.reader(raw.decode("utf-8").split("\n")[:-1]))
    assert raw.endswith(b"\n")
    return rows[0], rows[1:]


def valid_date(s, empty=False):
    if s == "" and empty:
        return True
    try:
        return len(s) == 10 and D.fromisoformat(s) is not None
    except ValueError:
        return False


def check(out, w):
    """Re-read the written files; assert layout, vocabularies and referential integrity."""
    f = lambda *n: os.path.join(out, *n)
    start, end = iso(w.start), iso(w.end)
    h, persons = read_csv(f("persons.csv"))
    assert h == ["id", "name", "birth_date", "municipality", "district", "status",
                 "subject_category"]
    ids = [r[0] for r in persons]
    assert len(ids) == len(set(ids))
    idset = set(ids)
    for r in persons:
        assert valid_date(r[2]) and r[5] in STATUSES and r[6] in SUBJECT_CATEGORIES, r
        if r[3] == KBH:
            assert r[4] in KBH_DISTRICTS, r
        else:
            assert r[3] in OTHER_MUNICIPALITIES and r[4] == r[3], r
    h, cases = read_csv(f("cases.csv"))
    assert h == ["case_id", "date", "crime_code", "place", "tags"]
    cids = [r[0] for r in cases]
    assert len(cids) == len(set(cids))
    code = {}
    for r in cases:
        assert valid_date(r[1]) and start <= r[1] <= end, r
        assert r[2] in ALL_CODES and r[3] in PLACES, r
        assert r[0].startswith("C%s-" % r[1][:4]), r
        assert all(t in ("Bandekonflikt", "Skud", STOP_TAG) for t in r[4].split("|") if r[4]), r
        code[r[0]] = r[2]
    h, cp = read_csv(f("case_persons.csv"))
    assert h == ["case_id", "person_id", "role"]
    seen, nsus = set(), {}
    for r in cp:
        assert r[0] in code and r[1] in idset, r
        assert r[2] in ("suspect", "victim", "witness", "other"), r
        assert (r[0], r[1]) not in seen, r
        seen.add((r[0], r[1]))
        if r[2] == "suspect":
            nsus[r[0]] = nsus.get(r[0], 0) + 1
    for c in cids:
        assert 1 <= nsus.get(c, 0) <= 5, (c, nsus.get(c, 0))
    h, aff = read_csv(f("affiliations.csv"))
    assert h == ["person_id", "group", "since", "until", "source", "confidence"]
    for r in aff:
        assert r[0] in idset and r[1] in GROUPS and r[4] in SOURCES and r[5] in CONFIDENCES, r
        assert valid_date(r[2]) and valid_date(r[3], True) and r[2] <= end, r
        assert r[3] == "" or r[2] <= r[3] <= end, r
    h, sig = read_csv(f("sightings.csv"))
    assert h == ["person_id", "place", "date"]
    for r in sig:
        assert r[0] in idset and r[1] in PLACES and valid_date(r[2]) and start <= r[2] <= end, r
    assert len(sig) == len(set(tuple(r) for r in sig))
    h, links = read_csv(f("links.csv"))
    assert h == ["source", "target", "type", "weight", "date", "source_info"]
    for r in links:
        assert r[0] in idset and r[1] in idset and r[0] != r[1] and r[2] in LINK_TYPES, r
        assert 1 <= int(r[3]) <= 5 and valid_date(r[4]), r
    h, log = read_csv(f("log.csv"))
    assert h == ["person_id", "category", "since"]
    assert len(set(r[0] for r in log)) == len(log)
    for r in log:
        assert r[0] in idset and r[1] in ("A1", "A2", "B1", "B2") and valid_date(r[2]), r
        assert r[2] <= iso(w.snapshot), r
    h, tl = read_csv(f("truth", "log.csv"))
    assert h == ["person_id", "category"] and [r[0] for r in tl] == ids
    pmap = {r[0]: r for r in persons}
    for r in tl:
        assert r[1] in ("", "A1", "A2", "B1", "B2"), r
        if r[1]:
            assert pmap[r[0]][3] == KBH and (r[1][0] == "A") == (pmap[r[0]][4] == FOCUS), r
    h, roles = read_csv(f("truth", "roles.csv"))
    assert h == ["person_id", "role", "group", "note"] and [r[0] for r in roles] == ids
    with open(f("truth", "as-of.txt"), encoding="utf-8") as fh:
        assert fh.read() == end + "\n"
    # no person is a suspect before turning 15
    dates = {r[0]: r[1] for r in cases}
    for r in cp:
        if r[2] == "suspect":
            pr = pmap[r[1]]
            assert age_on(D.fromisoformat(pr[2]), D.fromisoformat(dates[r[0]])) >= 15, r
    check_truth_from_files(w, persons, cases, cp, aff, tl, roles)
    return {"persons": persons, "cases": cases, "cp": cp, "aff": aff, "sig": sig,
            "links": links, "log": log, "truth": tl, "roles": roles}


def check_truth_from_files(w, persons, cases, cp, aff, tl, roles):
    """Re-derive the true log from the written files alone (gang membership from the group
    column of truth/roles.csv plus affiliations) and compare with truth/log.csv."""
    end = iso(w.end)
    cutoff = iso(w.cutoff)
    groups = {r[0]: ([r[2]] if r[2] else []) for r in roles}
    for r in aff:
        if groups[r[0]] and r[1] not in groups[r[0]]:
            groups[r[0]].append(r[1])
    tags = {r[0]: r[4].split("|") if r[4] else [] for r in cases}
    code = {r[0]: r[2] for r in cases}
    date = {r[0]: r[1] for r in cases}
    real = {c: code[c] not in INITIATIVE and STOP_TAG not in tags[c] for c in code}
    sus = {}
    for r in cp:
        if r[2] == "suspect":
            sus.setdefault(r[0], []).append(r[1])
    mine = {}
    for c, ps in sus.items():
        for pid in ps:
            mine.setdefault(pid, []).append(c)
    aff_ok = set(r[0] for r in aff if r[5] in ("confirmed", "probable") and
                 (r[3] == "" or r[3] >= end))
    truth = {r[0]: r[1] for r in tl}
    own = {r[0]: r[2] for r in roles}
    for pr in persons:
        pid = pr[0]
        rc = [c for c in mine.get(pid, []) if real[c]]
        last = max((date[c] for c in rc), default="")
        with_member = any(q != pid and groups[q] for c in rc for q in sus[c])
        active = pr[5] != "free" or (last != "" and last >= cutoff)
        on = pr[3] == KBH and (with_member or pid in aff_ok) and active
        assert on == bool(truth[pid]), (w.name, pid, truth[pid], pr, last, with_member)
        if not truth[pid]:
            continue
        sg_own = [c for c in rc if code[c] in SERIOUS
                  and any(q != pid and own[pid] in groups[q] for q in sus[c])]
        sg_any = [c for c in rc if code[c] in SERIOUS
                  and any(q != pid and set(groups[pid]) & set(groups[q]) for q in sus[c])]
        halves = set(hy(D.fromisoformat(date[c])) for c in sg_own)
        if truth[pid][1] == "1":
            assert len(sg_own) >= 3 and len(halves) >= 3, (w.name, pid, len(sg_own), halves)
        else:
            assert len(sg_any) <= 2, (w.name, pid, len(sg_any))


def stats(w, files):
    tl = files["truth"]
    cats = {k: sum(1 for r in tl if r[1] == k) for k in ("A1", "A2", "B1", "B2")}
    cases = files["cases"]
    init = [r for r in cases if r[2] in INITIATIVE]
    stop = [r for r in cases if STOP_TAG in r[4].split("|")]
    stop84 = [r for r in stop if r[2] == "84110"]
    viol = [r for r in cases if r[2] in VIOLENT]
    conf = [r for r in viol if "Bandekonflikt" in r[4].split("|")]
    truth = {r[0]: r[1] for r in tl}
    old = {r[0]: r[1] for r in files["log"]}
    roles = {}
    for r in files["roles"]:
        roles[r[1]] = roles.get(r[1], 0) + 1
    persons = files["persons"]
    under18 = sum(1 for r in persons if age_on(D.fromisoformat(r[2]), w.end) < 18)
    on = [pid for pid in truth if truth[pid]]
    deprived = sum(1 for r in persons if r[0] in truth and truth[r[0]] and r[5] != "free")
    kbh = [r for r in persons if r[3] == KBH]
    focus = sum(1 for r in kbh if r[4] == FOCUS)
    return [
        ("as-of", iso(w.end)),
        ("data period", "%s – %s" % (iso(w.start), iso(w.end))),
        ("persons", len(persons)),
        ("planted roles", ", ".join("%s %d" % (k, roles[k]) for k in sorted(roles))),
        ("true log", "%d (A1 %d, A2 %d, B1 %d, B2 %d)" % (
            len(on), cats["A1"], cats["A2"], cats["B1"], cats["B2"])),
        ("deprived of liberty on the true log", "%d of %d" % (deprived, len(on))),
        ("under 18 on as-of", under18),
        ("København residents in Indre Nørrebro", "%d of %d" % (focus, len(kbh))),
        ("cases", len(cases)),
        ("initiative cases (61600/61615)", "%d (%.1f %%)" % (len(init), 100.0 * len(init) / len(cases))),
        ("cases tagged stop_search", "%d (of which 84110: %d)" % (len(stop), len(stop84))),
        ("violent cases tagged Bandekonflikt", "%d of %d" % (len(conf), len(viol))),
        ("case_persons rows", len(files["cp"])),
        ("affiliations", len(files["aff"])),
        ("sightings", len(files["sig"])),
        ("links", len(files["links"])),
        ("current log.csv rows (as of %s)" % iso(w.snapshot), len(old)),
        ("log.csv: true entries present", sum(1 for p in old if truth.get(p))),
        ("log.csv: true entries with another category", sum(1 for p in old if truth.get(p) and truth[p] != old[p])),
        ("log.csv: entries to remove", sum(1 for p in old if not truth.get(p))),
        ("log.csv: true entries missing (to add)", sum(1 for p in on if p not in old)),
    ]


SCENARIO_README = """# Scenario `{name}`

**All data in this folder is synthetic.** No real persons, cases or events are described. Names
are random combinations of common Danish first and last names; any resemblance to a real person
is coincidental. Places are public places in Copenhagen and Gladsaxe used only as labels.

## What it plants

{description}

Common to every scenario: persons registered outside the Municipality of København (never on the
true log, even with core-level evidence), victim/witness-only persons, background offenders
(cases without any gang member), inactive former members (no real case as suspect for more than
18 months and not deprived of liberty), residents of Indre Nørrebro (area A) and of other
København districts (area B), initiative cases (61600/61615) listing persons found together, and
a `log.csv` that is an older, imperfect version of the truth (as of {snapshot}): most true
entries present, some with outdated categories, some persons who should be removed, some true
entries missing.
{policy}
## How it was generated

```
python3 scripts/make-scenarios.py --out samples/scenarios --only {name}
```

(seed {seed}; `python3 scripts/make-scenarios.py --out samples/scenarios` writes all scenarios).
One `random.Random({seed})`; the same seed gives byte-identical files. Same file layout, headers
and vocabularies as `samples/noerrebro`.

## Answer key: `truth/`

The loader never reads `truth/`.

- `truth/as-of.txt` — the as-of date ({asof}), the last day of the data.
- `truth/log.csv` (`person_id,category`) — every person in `persons.csv`, same order; `A1`,
  `A2`, `B1`, `B2`, or empty (= should not be on the log as of {asof}).
- `truth/roles.csv` (`person_id,role,group,note`) — the planted role and the evidence behind the
  category (serious cases with the own group, half-years, affiliation, last real case,
  custody, residence), for diagnosing disagreements.

How the truth is defined: on the log = registered in København, tied to the milieu by real
crime with gang members (not initiative/police-activity cases, not as victim or witness) or by an
ongoing confirmed/probable affiliation, and active (a real case as suspect in the 18 months
before as-of, or deprived of liberty). Tier 1 (stamperson) = serious offending (73111, 73112,
73131, 73241, 73251, 76319, 84111 — not 84110) with members of the own group in at least three
cases spread over at least three half-years (evidence before custody for deprived persons);
tier 2 (bobler) = the rest of the log (at most two serious cases with the group, minor offences,
or affiliation). Planted persons keep a clear gap between the tiers and at least {margin} days
from the 18-month line. Area A = district Indre Nørrebro, B = elsewhere in København.

## Counts

{counts}
"""

TOP_README = """# Synthetic scenarios

**All data here is synthetic.** Structurally different data sets in the layout of
`samples/noerrebro`, each with an answer key in `truth/` (never read by the loader):
`truth/log.csv` (the log a careful analyst would hold as of the as-of date),
`truth/roles.csv` (planted role and evidence per person) and `truth/as-of.txt`.

Generated with the Python 3 standard library only, one `random.Random(seed)` per scenario:

```
python3 scripts/make-scenarios.py --out samples/scenarios
```

| scenario | as-of | persons | cases | initiative | true log | A1 | A2 | B1 | B2 | structure |
|---|---|---|---|---|---|---|---|---|---|---|
{rows}

Run the tool with each scenario's as-of date (`truth/as-of.txt`).
{policy}
"""

SHORT = {
    "hierarchy": "leaders (three sentenced, last case 12–30 months old), lieutenants (several in custody), soldiers",
    "cells": "closed pairs/trios committing serious crime only with each other, plus a loose network",
    "stopsearch": "heavy stop-and-search; stop-only persons; 84110 found on stops tagged `stop_search`",
    "mixed": "switchers, namesakes, duplicate ids, minors in Bandekonflikt cases, quiet last year",
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="samples/scenarios")
    ap.add_argument("--only", action="append", choices=ORDER,
                    help="generate only this scenario (repeatable)")
    ap.add_argument("--seed", action="append", default=[], metavar="NAME=SEED",
                    help="override a scenario's seed")
    args = ap.parse_args()
    seeds = dict(DEFAULT_SEEDS)
    for s in args.seed:
        k, v = s.split("=", 1)
        assert k in seeds, k
        seeds[k] = int(v)
    names = args.only or ORDER
    summary = []
    for name in names:
        w = BUILDERS[name](seeds[name])
        out = os.path.join(args.out, name)
        write_all(w, out)
        files = check(out, w)
        st = stats(w, files)
        counts = "\n".join("- %s: %s" % (k, v) for k, v in st)
        policy = ""
        if w.policy_notes:
            policy = "\n## Tool settings\n\n" + "\n".join("- " + x for x in w.policy_notes) + "\n"
        text = SCENARIO_README.format(
            name=name, seed=seeds[name], asof=iso(w.end), snapshot=iso(w.snapshot),
            description="\n".join("- " + x for x in w.description), policy=policy,
            counts=counts, margin=MARGIN_DAYS)
        with open(os.path.join(out, "README.md"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        print("== %s (seed %d) -> %s" % (name, seeds[name], out), file=sys.stderr)
        for k, v in st:
            print("   %s: %s" % (k, v), file=sys.stderr)
        tl = files["truth"]
        cats = [sum(1 for r in tl if r[1] == k) for k in ("A1", "A2", "B1", "B2")]
        init = sum(1 for r in files["cases"] if r[2] in INITIATIVE)
        summary.append((name, iso(w.end), len(files["persons"]), len(files["cases"]), init,
                        sum(cats), cats, w.policy_notes))
    if not args.only:
        rows = "\n".join("| `%s` | %s | %d | %d | %d | %d | %d | %d | %d | %d | %s |" % (
            n, a, p, c, i, t, cs[0], cs[1], cs[2], cs[3], SHORT[n])
            for n, a, p, c, i, t, cs, _ in summary)
        pol = "".join("\n`%s`: %s\n" % (n, " ".join(pn)) for n, _, _, _, _, _, _, pns in summary
                      for pn in [pns] if pns)
        with open(os.path.join(args.out, "README.md"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(TOP_README.format(rows=rows, policy=pol))


if __name__ == "__main__":
    main()
