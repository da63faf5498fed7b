#!/usr/bin/env python3
"""Independent month-by-month simulation of a gang milieu (synthetic data only).

Writes, per data set, the samples/noerrebro file layout plus an answer key in truth/.
Usage: python3 scripts/make-simulation.py [sim1|sim2 ...]   (writes samples/scenarios/sim1 and sim2)

Written apart from the screening rules (its author saw neither sna's sources nor the other
scenario generator), as a second, independent check of the rules. All data is synthetic.
"""
import calendar
import csv
import datetime as dt
import os
import random
import sys

FIRST = ["Ahmad", "Ali", "Omar", "Yusuf", "Mohammed", "Hassan", "Bilal", "Emil", "Mads", "Jonas",
         "Mikkel", "Kasper", "Oliver", "Lucas", "William", "Noah", "Malik", "Karim", "Samir", "Tariq",
         "Danny", "Kenneth", "Rasmus", "Nicolai", "Frederik", "Ibrahim", "Mustafa", "Adam", "Elias",
         "Jamal", "Patrick", "Dennis", "Martin", "Sebastian", "Tobias", "Hamza", "Zakaria", "Isak"]
LAST = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
        "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen",
        "Johansen", "Møller", "Mortensen", "Ahmadi", "Hussein", "Khan", "Yilmaz", "Ali", "Said",
        "Abdi", "Karimi", "Haddad", "Özdemir", "Nasser"]

GROUPS = {
    # home places, home district weights (district -> weight; non-København means outside)
    "LTF": dict(places=["Folkets Park", "Nørrebrogade", "Rantzausgade", "Mjølnerparken"],
                home={"Indre Nørrebro": 6, "Ydre Nørrebro": 3, "Nordvest": 2, "Bispebjerg": 1}),
    "BGP": dict(places=["Blågårds Plads", "Folkets Hus", "Gadepulsen+", "Nørrebrogade"],
                home={"Indre Nørrebro": 7, "Ydre Nørrebro": 2, "Vesterbro": 1, "Amager Øst": 1}),
    "Værebro": dict(places=["Værebro Park", "Nørrebrogade"],
                    home={"Gladsaxe": 6, "Bispebjerg": 2, "Nordvest": 2, "Albertslund": 1}),
}
ALL_PLACES = ["Folkets Park", "Nørrebrogade", "Rantzausgade", "Mjølnerparken", "Blågårds Plads",
              "Folkets Hus", "Gadepulsen+", "Værebro Park"]
CPH_DISTRICTS = ["Indre Nørrebro", "Ydre Nørrebro", "Nordvest", "Bispebjerg", "Vesterbro", "Amager Øst"]
OUTSIDE = ["Gladsaxe", "Albertslund", "Frederiksberg"]  # municipality == district
GENERAL_HOME = {"Indre Nørrebro": 4, "Ydre Nørrebro": 3, "Nordvest": 2, "Bispebjerg": 2,
                "Vesterbro": 2, "Amager Øst": 2, "Gladsaxe": 1, "Albertslund": 1, "Frederiksberg": 1}
SOURCES = ["EAS", "informant", "operative unit", "municipal staff"]

# monthly probability of committing a (non-initiative) crime while active and free
RATE = {"leader": 0.16, "member": 0.28, "regular_associate": 0.24, "hanger_on": 0.09,
        "at_risk_youth": 0.06, "background": 0.10}
TIER = {"leader": 1, "member": 1, "regular_associate": 1, "hanger_on": 2, "at_risk_youth": 2}


def muni_of(district):
    return "København" if district in CPH_DISTRICTS else district


def wchoice(rng, weights):
    keys = list(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]


class Sim:
    def __init__(self, seed, p):
        self.rng = random.Random(seed)
        self.p = p
        self.y0, self.m0 = p["start"]
        self.nmonths = p["months"]
        self.persons = []
        self.cases = []       # dict(id,date,code,place,tags,persons=[(pid,role)])
        self.case_seq = {}
        self.affs = []
        self.sightings = []
        self.links = []

    # ---- time helpers -------------------------------------------------------------
    def ym(self, t):
        y, m = divmod(self.m0 - 1 + t, 12)
        return self.y0 + y, m + 1

    def day(self, t, d=None):
        y, m = self.ym(t)
        if d is None:
            d = self.rng.randint(1, 28)
        return dt.date(y, m, d)

    def month_end(self, t):
        y, m = self.ym(t)
        return dt.date(y, m, calendar.monthrange(y, m)[1])

    # ---- persons --------------------------------------------------------------------
    def new_person(self, role, group=None, **kw):
        rng = self.rng
        asof = self.month_end(self.nmonths - 1)
        if role == "at_risk_youth":
            age = rng.randint(15, 19)
        elif role == "leader":
            age = rng.randint(26, 38)
        elif role in ("member", "regular_associate"):
            age = rng.randint(19, 32)
        elif role == "hanger_on":
            age = rng.randint(17, 27)
        else:
            age = rng.randint(17, 50)
        bd = dt.date(asof.year - age, rng.randint(1, 12), rng.randint(1, 28))
        if group:
            district = wchoice(rng, GROUPS[group]["home"])
        else:
            district = wchoice(rng, GENERAL_HOME)
        p = dict(role=role, group=group, birth=bd,
                 name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                 res=[(0, district)],              # (from month, district)
                 role_hist=[(0, role)],
                 custody=[],                       # (start_date, end_date_or_None, kind)
                 start=kw.get("start", 0),          # month the person becomes active
                 leave=kw.get("leave"),             # month the person stops offending
                 crimes=[],                         # dates as suspect in real crimes
                 notes=[])
        self.persons.append(p)
        return p

    def district_at(self, p, t):
        d = p["res"][0][1]
        for m, dd in p["res"]:
            if m <= t:
                d = dd
        return d

    def role_at(self, p, t):
        r = p["role_hist"][0][1]
        for m, rr in p["role_hist"]:
            if m <= t:
                r = rr
        return r

    def custody_kind(self, p, date):
        for s, e, k in p["custody"]:
            if s <= date and (e is None or date <= e):
                return k
        return None

    def free(self, p, t):
        return self.custody_kind(p, self.day(t, 15)) is None

    def active(self, p, t):
        return p["start"] <= t and (p["leave"] is None or t < p["leave"])

    # ---- case helpers -------------------------------------------------------------
    def add_case(self, t, code, place, members, tags=""):
        date = self.day(t)
        y = date.year
        self.case_seq[y] = self.case_seq.get(y, 0) + 1
        cid = f"C{y}-{self.case_seq[y]:04d}"
        c = dict(id=cid, date=date, code=code, place=place, tags=tags, persons=members)
        self.cases.append(c)
        real = code not in ("61600", "61615") and "stop_search" not in tags
        for pid, role in members:
            if role == "suspect" and real:
                self.persons[pid]["crimes"].append(date)
        return c

    def arrest(self, p, date):
        rng = self.rng
        if any(e is None or e >= date for s, e, k in p["custody"]):
            return
        pre = rng.randint(30, 200)
        cend = date + dt.timedelta(days=pre)
        p["custody"].append((date, cend, "custody"))
        if rng.random() < 0.7:
            sent = rng.randint(120, 1100)
            p["custody"].append((cend + dt.timedelta(days=1), cend + dt.timedelta(days=sent), "sentenced"))

    # ---- setup ----------------------------------------------------------------------
    def setup(self):
        rng, P = self.rng, self.p
        N = self.nmonths
        for g in GROUPS:
            for _ in range(P["leaders"]):
                self.new_person("leader", g)
            for _ in range(P["members"]):
                leave = None
                if rng.random() < P["leave_frac"]:
                    leave = rng.randint(3, max(4, N - 24))   # leavers leave early (clearly inactive)
                self.new_person("member", g, leave=leave)
            for _ in range(P["associates"]):
                self.new_person("regular_associate", g)
            for _ in range(P["hangers"]):
                start = 0 if rng.random() < 0.6 else rng.randint(1, N - 4)
                leave = rng.randint(4, max(5, N - 24)) if rng.random() < 0.2 else None
                if leave is not None and leave <= start:
                    leave = None
                self.new_person("hanger_on", g, start=start, leave=leave)
            for _ in range(P["youth"]):
                # youth are seen from the start; they start offending at 'start' (maybe never)
                start = rng.randint(2, N + 6)   # > N-1 means never offends in the window
                self.new_person("at_risk_youth", g, start=start)
        for _ in range(P["background"]):
            self.new_person("background")
        for _ in range(P["victims"]):
            self.new_person("victim_witness")
        for _ in range(P["police_only"]):
            g = rng.choice(list(GROUPS))
            self.new_person("police_contact_only", g)
        # a few wrongly affiliated background offenders (intel noise)
        # role changes: promotions hanger -> member, youth -> hanger
        for p in self.persons:
            if p["role"] == "hanger_on" and p["leave"] is None and rng.random() < P["promote"]:
                m = rng.randint(max(p["start"] + 3, 6), N - 2)
                p["role_hist"].append((m, "member"))
                p["notes"].append(f"promoted hanger_on->member {self.day(m, 1)}")
            if p["role"] == "at_risk_youth" and p["start"] < N - 8 and rng.random() < 0.3:
                m = rng.randint(p["start"] + 2, N - 2)
                p["role_hist"].append((m, "hanger_on"))
                p["notes"].append(f"youth became hanger_on {self.day(m, 1)}")
        # residence moves
        for p in self.persons:
            r = rng.random()
            if r < P["move_out"]:
                m = rng.randint(3, N - 1)
                if muni_of(p["res"][0][1]) == "København":
                    p["res"].append((m, rng.choice(OUTSIDE)))
                    p["notes"].append(f"moved out of København {self.day(m, 1)}")
            elif r < P["move_out"] + P["move_in_cph"]:
                m = rng.randint(N - 14, N - 1)   # mostly recent: stale log letter wrong
                cur = p["res"][0][1]
                if muni_of(cur) == "København":
                    if cur == "Indre Nørrebro":
                        new = rng.choice([d for d in CPH_DISTRICTS if d != cur])
                    else:
                        new = "Indre Nørrebro"
                    p["res"].append((m, new))
                    p["notes"].append(f"moved {cur}->{new} {self.day(m, 1)}")
        # a shuffled id order
        order = list(range(len(self.persons)))
        rng.shuffle(order)
        self.persons = [self.persons[i] for i in order]
        for i, p in enumerate(self.persons):
            p["idx"] = i
            p["id"] = f"P{i + 1:04d}"
        # pre-existing custody at start for some core persons
        for p in self.persons:
            if p["role"] in ("member", "leader") and rng.random() < 0.06:
                s = self.day(0) - dt.timedelta(days=rng.randint(30, 300))
                p["custody"].append((s, s + dt.timedelta(days=rng.randint(500, 1500)), "sentenced"))
                p["crimes"].append(s - dt.timedelta(days=rng.randint(20, 90)))  # offence before window
                p["notes"].append("serving sentence from before the window")

    # ---- monthly simulation -----------------------------------------------------
    def run(self):
        rng, P = self.rng, self.p
        N = self.nmonths
        byg = {g: [p for p in self.persons if p["group"] == g] for g in GROUPS}
        gang_roles = ("leader", "member", "regular_associate", "hanger_on", "at_risk_youth")
        for t in range(N):
            # --- group crime
            for g, ppl in byg.items():
                offenders = []
                for p in ppl:
                    role = self.role_at(p, t)
                    if role not in gang_roles or not self.active(p, t) or not self.free(p, t):
                        continue
                    rate = RATE[role] * P["crime_mult"]
                    if role in ("leader", "member", "regular_associate") and \
                            (not p["crimes"] or (self.day(t, 15) - max(p["crimes"])).days > 300):
                        rate = 0.6   # persistent core: nobody in the core stays quiet for long
                    if rng.random() < rate:
                        offenders.append(p)
                rng.shuffle(offenders)
                core_pool = [p for p in ppl if self.role_at(p, t) in ("leader", "member", "regular_associate")
                             and self.active(p, t) and self.free(p, t)]
                while offenders:
                    k = rng.choice([1, 2, 2, 3, 3, 4])
                    chunk, offenders = offenders[:k], offenders[k:]
                    if all(self.role_at(p, t) in ("hanger_on", "at_risk_youth") for p in chunk) and core_pool:
                        extra = rng.choice(core_pool)
                        if extra not in chunk:
                            chunk.append(extra)
                    roles = {self.role_at(p, t) for p in chunk}
                    code = rng.choices(["73241", "73251", "76319", "84111", "84110", "73112"],
                                       [5, 3, 3, 4 + 4 * ("leader" in roles), 2, 0.4])[0]
                    place = rng.choice(GROUPS[g]["places"])
                    members = [(p["idx"], "suspect") for p in chunk]
                    tags = ""
                    # gang conflict: violence against a rival's person
                    rivals = P["rivals"].get(g, [])
                    if code in ("73241", "73251", "73112") and rivals and rng.random() < P["conflict"]:
                        rg = rng.choice(rivals)
                        cands = [p for p in byg[rg] if self.role_at(p, t) in gang_roles
                                 and self.active(p, t) and self.free(p, t)]
                        if cands:
                            v = rng.choice(cands)
                            members.append((v["idx"], "victim"))
                            tags = "Bandekonflikt"
                            if code == "73112" or rng.random() < 0.1:
                                tags = "Bandekonflikt|Skud"
                                if code == "73241":
                                    code = "73112"
                            if rng.random() < 0.5:
                                place = rng.choice(GROUPS[rg]["places"])
                    if not tags and code in ("73241", "73251", "76319", "73112"):
                        vw = [p for p in self.persons if p["role"] == "victim_witness"]
                        members.append((rng.choice(vw)["idx"], "victim"))
                    if rng.random() < 0.25:
                        vw = [p for p in self.persons if p["role"] == "victim_witness"]
                        w = rng.choice(vw)
                        if all(w["idx"] != m[0] for m in members):
                            members.append((w["idx"], "witness"))
                    c = self.add_case(t, code, place, members, tags)
                    serious = code in ("73111", "73112", "73251", "84111") or tags
                    for p in chunk:
                        pr = P["arrest"] * (2 if serious else 0.5)
                        if self.role_at(p, t) == "leader":
                            pr *= 0.6
                        if rng.random() < pr:
                            self.arrest(p, c["date"] + dt.timedelta(days=rng.randint(0, 20)))
            # rare homicide in the conflict
            if rng.random() < P["homicide"]:
                g = rng.choice([g for g in P["rivals"] if P["rivals"][g]])
                shooters = [p for p in byg[g] if self.role_at(p, t) == "member" and self.active(p, t)
                            and self.free(p, t)]
                rg = rng.choice(P["rivals"][g])
                victims = [p for p in byg[rg] if self.role_at(p, t) in gang_roles and self.active(p, t)
                           and self.free(p, t)]
                if shooters and victims:
                    s = rng.sample(shooters, min(2, len(shooters)))
                    v = rng.choice(victims)
                    c = self.add_case(t, "73111", rng.choice(GROUPS[rg]["places"]),
                                      [(x["idx"], "suspect") for x in s] + [(v["idx"], "victim")],
                                      "Bandekonflikt|Skud")
                    for x in s:
                        if rng.random() < 0.8:
                            self.arrest(x, c["date"] + dt.timedelta(days=rng.randint(1, 30)))
                    v["leave"] = t  # victim killed: no further activity
                    v["notes"].append(f"killed {c['date']}")
                    v["dead"] = c["date"]
            # targeted investigation of leaders
            for p in self.persons:
                if self.role_at(p, t) == "leader" and self.active(p, t) and self.free(p, t) \
                        and rng.random() < P["leader_invest"]:
                    self.arrest(p, self.day(t))
                    p["notes"].append(f"investigation arrest {self.day(t, 28)}")
            # --- background offending
            bg = [p for p in self.persons if p["role"] == "background" and self.free(p, t)]
            offs = [p for p in bg if rng.random() < RATE["background"] * P["crime_mult"]]
            rng.shuffle(offs)
            while offs:
                k = rng.choice([1, 1, 2])
                chunk, offs = offs[:k], offs[k:]
                code = rng.choices(["73241", "76319", "84110", "84111", "73251"], [4, 4, 3, 2, 1])[0]
                place = rng.choice(ALL_PLACES)
                members = [(p["idx"], "suspect") for p in chunk]
                if code in ("73241", "76319", "73251"):
                    vw = [p for p in self.persons if p["role"] == "victim_witness"]
                    members.append((rng.choice(vw)["idx"], "victim"))
                c = self.add_case(t, code, place, members)
                for p in chunk:
                    if rng.random() < 0.03:
                        self.arrest(p, c["date"] + dt.timedelta(days=5))
            # gang persons as victims of ordinary crime / witnesses (non-offending contact)
            if rng.random() < 0.3:
                v = rng.choice([p for p in self.persons if p["role"] == "at_risk_youth"])
                bgf = [p for p in self.persons if p["role"] == "background" and self.free(p, t)]
                if bgf:
                    self.add_case(t, "76319", rng.choice(ALL_PLACES),
                                  [(rng.choice(bgf)["idx"], "suspect"), (v["idx"], "victim")])
            # --- police initiative: stops and inquiries
            for _ in range(P["stops"]):
                g = rng.choice(list(GROUPS))
                place = rng.choice(GROUPS[g]["places"])
                pool = [p for p in byg[g] if self.free(p, t) and not p.get("dead")
                        and (self.role_at(p, t) in ("hanger_on", "at_risk_youth", "police_contact_only", "member",
                                                    "regular_associate")
                             and (p["leave"] is None or t < p["leave"] + 6))]
                pool += [p for p in byg[g] if self.role_at(p, t) == "police_contact_only"] * 2
                if not pool:
                    continue
                k = min(len(set(id(x) for x in pool)), rng.choice([1, 2, 2, 3, 3, 4, 5]))
                chosen = []
                while len(chosen) < k:
                    x = rng.choice(pool)
                    if x not in chosen:
                        chosen.append(x)
                code = "61615" if rng.random() < 0.75 else "61600"
                c = self.add_case(t, code, place, [(x["idx"], "suspect") for x in chosen])
                if code == "61615" and rng.random() < P["stop_drugs"]:
                    x = rng.choice(chosen)
                    self.cases.append(dict(id=None, date=c["date"], code="84110", place=place,
                                           tags="stop_search", persons=[(x["idx"], "suspect")]))
                    x.setdefault("stop_drugs", []).append(c["date"])
            # --- sightings: gatherings at group places
            for g, ppl in byg.items():
                for _ in range(P["gatherings"]):
                    place = rng.choice(GROUPS[g]["places"])
                    d = self.day(t)
                    pres = [p for p in ppl if self.free(p, t) and not p.get("dead")
                            and (p["leave"] is None or t < p["leave"] + 3)
                            and rng.random() < {"leader": 0.15, "member": 0.3, "regular_associate": 0.3,
                                                "hanger_on": 0.25, "at_risk_youth": 0.2,
                                                "police_contact_only": 0.3}.get(self.role_at(p, t), 0)]
                    for p in pres:
                        self.sightings.append((p["id"], place, d))
            # random sightings of background / victims
            for p in self.persons:
                if p["role"] in ("background", "victim_witness") and rng.random() < 0.04:
                    self.sightings.append((p["id"], rng.choice(ALL_PLACES), self.day(t)))
        # assign ids to stop_search cases (inserted with id None) -> renumber all cases by date
        self.cases.sort(key=lambda c: (c["date"], c["code"]))
        seq = {}
        for c in self.cases:
            y = c["date"].year
            seq[y] = seq.get(y, 0) + 1
            c["id"] = f"C{y}-{seq[y]:04d}"

    # ---- intelligence: affiliations & links ------------------------------------
    def intel(self):
        rng, P = self.rng, self.p
        N = self.nmonths
        start = self.day(0, 1)
        asof = self.month_end(N - 1)
        for p in self.persons:
            role = p["role"]
            final = self.role_at(p, N - 1)
            g = p["group"]
            if role in ("leader", "member") or final == "member":
                if rng.random() < (0.97 if role == "leader" else 0.85):
                    first = min(p["crimes"]) if p["crimes"] else None
                    if p["start"] == 0 and role != "hanger_on" and rng.random() < 0.5:
                        since = start - dt.timedelta(days=rng.randint(30, 900))
                    else:
                        base = first or self.day(p["start"])
                        since = base + dt.timedelta(days=rng.randint(60, 500))
                    if since > asof:
                        since = asof - dt.timedelta(days=rng.randint(10, 60))
                    conf = rng.choices(["confirmed", "probable", "possible"],
                                       [6, 3, 1] if role == "leader" else [4, 4, 2])[0]
                    until = ""
                    if p["leave"] is not None and not p.get("dead") and rng.random() < 0.6:
                        u = self.day(min(N - 1, p["leave"] + rng.randint(3, 12)))
                        until = u if u > since else ""
                    # a switcher: past affiliation with another group
                    if rng.random() < P["switch"]:
                        og = rng.choice([x for x in GROUPS if x != g])
                        os_ = since - dt.timedelta(days=rng.randint(400, 900))
                        self.affs.append((p["id"], og, os_, since - dt.timedelta(days=rng.randint(1, 60)),
                                          rng.choice(SOURCES), "probable"))
                        p["notes"].append(f"past affiliation {og}")
                    self.affs.append((p["id"], g, since, until, rng.choice(SOURCES), conf))
            elif role in ("hanger_on", "at_risk_youth", "regular_associate"):
                pr = {"hanger_on": 0.55, "at_risk_youth": 0.3, "regular_associate": 0.0}[role]
                if p["crimes"] and rng.random() < pr:   # intel follows offending
                    base = min(p["crimes"]) if p["crimes"] else self.day(min(p["start"], N - 1))
                    since = base + dt.timedelta(days=rng.randint(30, 400))
                    if since > asof:
                        since = asof - dt.timedelta(days=rng.randint(5, 60))
                    conf = rng.choices(["probable", "possible"], [1, 2])[0]
                    self.affs.append((p["id"], g, since, "", rng.choice(SOURCES), conf))
            elif role == "police_contact_only" and rng.random() < 0.35:
                since = start + dt.timedelta(days=rng.randint(100, (asof - start).days - 30))
                self.affs.append((p["id"], g, since, "", rng.choice(["operative unit", "municipal staff"]),
                                  "possible"))
                p["notes"].append("possible affiliation on sightings/stops only")
            elif role == "background" and rng.random() < P["bg_noise_aff"]:
                since = start + dt.timedelta(days=rng.randint(100, (asof - start).days - 30))
                self.affs.append((p["id"], rng.choice(list(GROUPS)), since, "", "informant", "possible"))
                p["notes"].append("noise affiliation (possible) from informant")
        self.affs.sort(key=lambda a: (a[2], a[0]))
        # links
        byg = {g: [p for p in self.persons if p["group"] == g and p["role"] != "police_contact_only"]
               for g in GROUPS}
        for _ in range(P["links"]):
            kind = rng.choices(["communication", "associate", "family"], [5, 3, 2])[0]
            if kind == "family":
                a, b = rng.sample(self.persons, 2)
                if rng.random() < 0.6:
                    g = rng.choice(list(GROUPS))
                    a = rng.choice(byg[g])
                a_last = a["name"].split()[1]
                b["name"] = b["name"].split()[0] + " " + a_last
                src, w = "registry", rng.randint(3, 5)
            else:
                g = rng.choice(list(GROUPS))
                a, b = rng.sample(byg[g], 2)
                src = rng.choice(["wiretap summary", "informant", "operative unit"]) \
                    if kind == "communication" else rng.choice(["informant", "operative unit", "municipal staff"])
                w = rng.randint(1, 5)
            if a is b:
                continue
            self.links.append((a["id"], b["id"], kind, w, self.day(rng.randint(0, N - 1))))
        self.links.sort(key=lambda l: l[4])

    # ---- truth --------------------------------------------------------------------
    def truth_at(self, t):
        """Answer key at the end of month t. Returns {idx: (category, reason)}."""
        D = self.month_end(t)
        out = {}
        for p in self.persons:
            role = self.role_at(p, t)
            tier = TIER.get(role)
            crimes = [d for d in p["crimes"] if d <= D]
            reason = ""
            if p.get("dead") and p["dead"] <= D:
                tier, reason = None, "dead"
            elif tier is None:
                reason = "not gang-milieu offender (" + role + ")"
            elif not crimes:
                tier, reason = None, "no offending yet"
            district = self.district_at(p, t)
            kind = self.custody_kind(p, D)
            if tier is not None:
                last = max(crimes)
                if kind is None and (D - last).days > 548:
                    tier, reason = None, f"inactive since {last}"
                elif muni_of(district) != "København":
                    tier, reason = None, f"lives outside København ({district})"
            cat = ""
            if tier is not None:
                cat = ("A" if district == "Indre Nørrebro" else "B") + str(tier)
                reason = f"{role}" + (f", {kind}" if kind else "")
            out[p["idx"]] = (cat, reason)
        return out

    # ---- output ---------------------------------------------------------------------
    def write(self, out):
        rng, P = self.rng, self.p
        N = self.nmonths
        asof = self.month_end(N - 1)
        os.makedirs(os.path.join(out, "truth"), exist_ok=True)

        def w(name, header, rows):
            with open(os.path.join(out, name), "w", newline="", encoding="utf-8") as f:
                cw = csv.writer(f, lineterminator="\n")
                cw.writerow(header)
                for r in rows:
                    cw.writerow([x.isoformat() if isinstance(x, dt.date) else x for x in r])

        rows = []
        suspects = {pid for c in self.cases for pid, r in c["persons"] if r == "suspect"}
        victims = {pid for c in self.cases for pid, r in c["persons"] if r == "victim"}
        affp = {a[0] for a in self.affs}
        for p in self.persons:
            district = self.district_at(p, N - 1)
            kind = self.custody_kind(p, asof)
            status = kind or "free"
            if p["idx"] in suspects:
                sc = "convicted" if any(k == "sentenced" for s, e, k in p["custody"]) else "suspect"
            elif p["id"] in affp:
                sc = "associate"
            elif p["idx"] in victims:
                sc = "victim"
            else:
                sc = "witness" if p["role"] == "victim_witness" else "associate"
            rows.append((p["id"], p["name"], p["birth"], muni_of(district), district, status, sc))
        w("persons.csv", ["id", "name", "birth_date", "municipality", "district", "status", "subject_category"],
          rows)
        w("cases.csv", ["case_id", "date", "crime_code", "place", "tags"],
          [(c["id"], c["date"], c["code"], c["place"], c["tags"]) for c in self.cases])
        w("case_persons.csv", ["case_id", "person_id", "role"],
          [(c["id"], self.persons[pid]["id"], r) for c in self.cases for pid, r in c["persons"]])
        w("affiliations.csv", ["person_id", "group", "since", "until", "source", "confidence"], self.affs)
        self.sightings.sort(key=lambda s: (s[2], s[1], s[0]))
        w("sightings.csv", ["person_id", "place", "date"], self.sightings)
        w("links.csv", ["source", "target", "type", "weight", "date", "source_info"],
          [(a, b, k, wt, d, self._linksrc(k)) for a, b, k, wt, d in self.links])

        # current (stale) log: the answer key as it stood ~stale_months ago, with analyst errors
        S = N - 1 - P["stale_months"]
        old = self.truth_at(S)
        first_on = {}
        for t in range(0, S + 1, 1):
            tr = self.truth_at(t) if t < S else old
            for i, (cat, _) in tr.items():
                if cat and i not in first_on:
                    first_on[i] = t
        logrows = []
        errors = []
        for p in self.persons:
            cat = old[p["idx"]][0]
            if cat:
                r = rng.random()
                if r < P["err_drop"]:
                    errors.append((p["id"], "dropped from old log", cat))
                    continue
                if r < P["err_drop"] + P["err_flip"]:
                    new = cat[0] + ("2" if cat[1] == "1" else "1")
                    errors.append((p["id"], f"old log tier wrong ({new} instead of {cat})", cat))
                    cat = new
                since = self.day(max(first_on.get(p["idx"], S), P["log_start"]))
                if since > self.month_end(S):
                    since = self.month_end(S)
                logrows.append((p["id"], cat, since))
            elif p["role"] in ("background", "police_contact_only") and rng.random() < P["err_add"]:
                d = self.district_at(p, S)
                if muni_of(d) == "København":
                    c2 = ("A" if d == "Indre Nørrebro" else "B") + "2"
                    errors.append((p["id"], f"wrongly on old log as {c2}", ""))
                    logrows.append((p["id"], c2, self.day(S - rng.randint(0, 10))))
        w("log.csv", ["person_id", "category", "since"], logrows)

        truth = self.truth_at(N - 1)
        w("truth/log.csv", ["person_id", "category"], [(p["id"], truth[p["idx"]][0]) for p in self.persons])
        with open(os.path.join(out, "truth/as-of.txt"), "w") as f:
            f.write(asof.isoformat() + "\n")
        err_by = {e[0]: e[1] for e in errors}
        rr = []
        for p in self.persons:
            final = self.role_at(p, N - 1)
            lr = final if final == p["role"] else f"{final} (was {p['role']})"
            if p["leave"] is not None and not p.get("dead") and not truth[p["idx"]][0]:
                lr = f"former_{final} (left milieu)"
            notes = [f"group={p['group'] or '-'}", truth[p["idx"]][1]]
            last = max(p["crimes"]) if p["crimes"] else None
            notes.append(f"crimes={len(p['crimes'])}" + (f" last={last}" if last else ""))
            if last and TIER.get(final) and 450 <= (asof - last).days <= 650:
                notes.append(f"BORDERLINE activity ({(asof - last).days} days since last crime)")
            if p.get("stop_drugs"):
                notes.append(f"stop_search_84110={len(p['stop_drugs'])}")
            if p["leave"] is not None and not p.get("dead"):
                notes.append(f"left milieu {self.day(p['leave'], 1)}")
            notes += p["notes"]
            if p["id"] in err_by:
                notes.append(err_by[p["id"]])
            rr.append((p["id"], lr, "; ".join(n for n in notes if n)))
        w("truth/roles.csv", ["person_id", "latent_role", "note"], rr)
        with open(os.path.join(out, "truth/old-log-as-of.txt"), "w") as f:
            f.write(self.month_end(S).isoformat() + "\n")
        return truth, logrows

    def _linksrc(self, kind):
        return {"family": "registry"}.get(kind) or self.rng.choice(
            ["wiretap summary", "informant"] if kind == "communication" else ["informant", "operative unit"])


def check(out):
    ids = set()
    with open(os.path.join(out, "persons.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            ids.add(r["id"])
            dt.date.fromisoformat(r["birth_date"])
            assert r["status"] in ("free", "custody", "sentenced")
            assert (r["municipality"] == "København") == (r["district"] in CPH_DISTRICTS)
    cids = set()
    with open(os.path.join(out, "cases.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            assert r["case_id"] not in cids
            cids.add(r["case_id"])
            dt.date.fromisoformat(r["date"])
            assert r["crime_code"] in ("73111", "73112", "73131", "73241", "73251", "76319",
                                       "84110", "84111", "61600", "61615")
            assert r["place"] in ALL_PLACES
    with open(os.path.join(out, "case_persons.csv"), encoding="utf-8") as f:
        seen = set()
        for r in csv.DictReader(f):
            assert r["case_id"] in cids and r["person_id"] in ids, r
            assert r["role"] in ("suspect", "victim", "witness", "other")
            k = (r["case_id"], r["person_id"])
            assert k not in seen, k
            seen.add(k)
    with open(os.path.join(out, "affiliations.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            assert r["person_id"] in ids and r["group"] in GROUPS
            s = dt.date.fromisoformat(r["since"])
            if r["until"]:
                assert dt.date.fromisoformat(r["until"]) >= s
            assert r["confidence"] in ("confirmed", "probable", "possible")
    for name, cols in (("sightings.csv", ["person_id"]), ("links.csv", ["source", "target"]),
                       ("log.csv", ["person_id"]), ("truth/log.csv", ["person_id"])):
        with open(os.path.join(out, name), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                for c in cols:
                    assert r[c] in ids, (name, r)
                for c in ("date", "since"):
                    if r.get(c):
                        dt.date.fromisoformat(r[c])
                if "category" in r and r["category"]:
                    assert r["category"] in ("A1", "A2", "B1", "B2")
    with open(os.path.join(out, "truth/log.csv"), encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == len(ids)


PARAMS = {
    "sim1": dict(seed=4101, start=(2012, 1), months=48, leaders=2, members=13, associates=2, hangers=15,
                 youth=9, background=40, victims=22, police_only=12, leave_frac=0.2, promote=0.2,
                 move_out=0.07, move_in_cph=0.12, crime_mult=1.0, conflict=0.22, homicide=0.04,
                 arrest=0.05, leader_invest=0.012, stops=5, stop_drugs=0.3, gatherings=3, switch=0.06,
                 bg_noise_aff=0.06, links=110, stale_months=12, log_start=16, err_drop=0.05, err_flip=0.05, err_add=0.05,
                 rivals={"LTF": ["Værebro"], "BGP": ["Værebro"], "Værebro": ["LTF", "BGP"]}),
    "sim2": dict(seed=9277, start=(2013, 1), months=42, leaders=2, members=12, associates=3, hangers=16,
                 youth=11, background=50, victims=25, police_only=15, leave_frac=0.25, promote=0.25,
                 move_out=0.09, move_in_cph=0.11, crime_mult=0.85, conflict=0.3, homicide=0.03,
                 arrest=0.07, leader_invest=0.02, stops=7, stop_drugs=0.35, gatherings=2, switch=0.1,
                 bg_noise_aff=0.1, links=90, stale_months=11, log_start=4, err_drop=0.06, err_flip=0.06, err_add=0.06,
                 rivals={"LTF": ["Værebro", "BGP"], "BGP": ["Værebro", "LTF"], "Værebro": ["LTF", "BGP"]}),
}


def main():
    base = os.environ.get("SIM_OUT", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples", "scenarios"))
    for name in (sys.argv[1:] or PARAMS):
        P = dict(PARAMS[name])
        sim = Sim(P.pop("seed"), P)
        sim.setup()
        sim.run()
        sim.intel()
        out = os.path.join(base, name)
        truth, logrows = sim.write(out)
        check(out)
        from collections import Counter
        cnt = Counter(c for c, _ in truth.values())
        print(name, "as-of", sim.month_end(sim.nmonths - 1), "persons", len(sim.persons), "cases", len(sim.cases),
              "truth", dict(sorted(cnt.items())), "on-log", sum(v for k, v in cnt.items() if k),
              "old-log", len(logrows))


if __name__ == "__main__":
    main()
