#!/usr/bin/env python3
"""Synthetic, heavily under-recorded gang milieu for blind tests of the Pin-Point screening.

Simulates the milieu month by month from latent state (roles, groups, residence, custody, recruitment,
desistance, a group split) and writes only what the unit's systems would capture: many incidents never
reported, participants named as suspects only part of the time, affiliations registered late or never,
stop-and-search cases naming members and bystanders together. truth/ comes from the latent state at the
as-of date, never from the records. All data synthetic. Standard library only; one random.Random(seed) per draw.

    python3 scripts/make-underrecorded.py [--draw blind1] [--out samples/scenarios]
"""
import argparse, csv, datetime as dt, math, os, random

KBH, FOCUS = "København", "Indre Nørrebro"
MILIEU = ("leader", "member", "hanger_on", "at_risk_youth")
TIER = {"leader": "1", "member": "1", "hanger_on": "2", "at_risk_youth": "2"}
GRACE = 18  # months a desisted person stays relevant to the target-selection group

FIRST = ("Mads Jonas Emil Mikkel Rasmus Kasper Nikolaj Mathias Frederik Oliver Lucas Magnus Tobias Anders "
         "Kenneth Dennis Brian Jannik Patrick Sebastian Ali Omar Yusuf Bilal Hassan Mustafa Ibrahim Karim "
         "Samir Tarik Amir Hamza Adnan Jamal Nabil Walid Younes Rami Zakaria Mehmet Emre Burak Kerem Dragan "
         "Milan Goran Arben Besnik Abdi Liban Mahad Faisal Idris Sami Jesper Nicolai Danny Kevin Mehdi Reza "
         "Hussein Adem Ilias").split()
FEMALE = "Sara Laura Fatima Amina Line Camilla Maria Nadia Leila Mette Sofie Yasmin".split()
LAST = ("Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Petersen "
        "Madsen Kristensen Olsen Thomsen Poulsen Johansen Møller Mortensen Holm Lund Bach Dahl Kjær "
        "Vestergaard Frandsen Abdi Haddad Nasser Rahimi Demir Yilmaz Özkan Kaya Aydin Hamdan Saleh Mansour "
        "Qureshi Malik Farah Warsame Hodžić Kovač Berisha Krasniqi Mahmoud Jaber Darwish Khalil Toft Brandt "
        "Lykke Skov Bækgaard Højer Ramadani Şahin").split()
STREETS = ["Nørrebrogade", "Jagtvej", "Stengade", "Griffenfeldsgade", "Istedgade", "Nørrebro Station",
           "Amagerbrogade", "Valby Langgade", "Superkilen", "Mjølnerparken", "Tingbjerg Torv", "Husum Torv",
           "Rådhuspladsen", "Sønder Boulevard"]
YOUTH_PLACES = ["Gadepulsen+", "Ungdomsklubben Rantzausgade", "Klub Bispebjerg", "Fritidsklubben Vesterbro"]
NEIGHBOURS = [("Frederiksberg", "Frederiksberg"), ("Gladsaxe", "Værebro"), ("Gladsaxe", "Bagsværd"),
              ("Rødovre", "Rødovre"), ("Hvidovre", "Hvidovre"), ("Gentofte", "Gentofte")]
OTHER_KBH = ["Nørrebro", "Bispebjerg", "Nordvest", "Vesterbro", "Amager Øst", "Valby", "Østerbro", "Sydhavn"]


def homes(spec):
    """'Indre Nørrebro:6, Gladsaxe/Værebro:2' -> [(municipality, district, weight)]; bare = København."""
    parts = [p.strip().rsplit(":", 1) for p in spec.split(",")]
    return [(*(wh.split("/") if "/" in wh else (KBH, wh)), float(wt)) for wh, wt in parts]


WIDE_HOME = homes("Indre Nørrebro:2, Nørrebro:3, Bispebjerg:2, Nordvest:2, Vesterbro:2, Amager Øst:2, Valby:2, "
                  "Østerbro:2, Frederiksberg/Frederiksberg:2, Gladsaxe/Værebro:1, Rødovre/Rødovre:1, "
                  "Hvidovre/Hvidovre:1, Gentofte/Gentofte:1")


def group(name, home, places, *sizes):
    keys = ("leaders", "members", "hangers", "cliques", "bystanders", "crime")
    return dict(name=name, home=homes(home), places=places.split(", "), **dict(zip(keys, sizes)))


SETTINGS = {
    "blind1": dict(
        seed=4711, as_of="2015-12-31", months=48,
        groups=[group("NBK", "Indre Nørrebro:6, Nørrebro:2, Bispebjerg:1, Frederiksberg/Frederiksberg:1",
                      "Blågårds Plads, Folkets Park, Folkets Hus, Café Stengade", 2, 22, 13, 3, 10, 0.14),
                group("Vesterbro Crew", "Vesterbro:5, Valby:2, Sydhavn:1, Hvidovre/Hvidovre:1, Indre Nørrebro:1",
                      "Halmtorvet, Café Istedgade, Enghave Plads", 1, 15, 9, 1, 6, 0.14),
                group("Red Block", "Gladsaxe/Værebro:5, Gladsaxe/Bagsværd:1, Nordvest:2, Bispebjerg:1, "
                      "Rødovre/Rødovre:1", "Værebro Centret, Café Nordvest, Bispebjerg Torv", 1, 10, 5, 1, 3, 0.14)],
        rivals=[("NBK", "Red Block", 0.9), ("Vesterbro Crew", "Red Block", 0.3), ("NBK", "Vesterbro Crew", 0.15)],
        split=dict(src="NBK", new="Blågård Boys", before=22, share=0.35, until_prob=0.5, rivalry=0.7,
                   places=["Blågårds Plads", "Korsgadehallen", "Café Baggesensgade"]),
        peaks=[(35, 33, 3.0)],           # Q1 2013: (months before as-of from, to), multiplier
        campaigns=[(23, 18), (35, 33)],  # stop-and-search campaign windows, months before as-of
        report_violence=0.5, report_other=0.35, name_rate=0.55, obs_rate=0.5, aff_lag=6, aff_never=0.2,
        n_background=32, n_victims=40, n_wrong_aff=4, n_prison_start=3, moves=dict(out=5, ab=5, inn=3, stale=1)),
    "blind2": dict(
        seed=90210, as_of="2016-06-30", months=48,
        groups=[group("Loyal Nørrebro", "Indre Nørrebro:5, Nørrebro:3, Østerbro:1, Frederiksberg/Frederiksberg:1",
                      "Folkets Park, Blågårds Plads, Café Nørrebrogade, Folkets Hus", 2, 21, 12, 2, 12, 0.12),
                group("Vesterbro Crew", "Vesterbro:4, Valby:2, Sydhavn:2, Hvidovre/Hvidovre:1",
                      "Halmtorvet, Café Istedgade, Enghave Plads", 1, 13, 7, 1, 7, 0.12),
                group("Red Block", "Gladsaxe/Værebro:4, Nordvest:3, Bispebjerg:2, Rødovre/Rødovre:1",
                      "Værebro Centret, Café Nordvest, Bispebjerg Torv", 1, 11, 6, 1, 4, 0.12),
                group("Amager Syndikat", "Amager Øst:5, Sydhavn:1, Indre Nørrebro:1, Gentofte/Gentofte:1",
                      "Amagerbro Torv, Café Holmbladsgade, Prags Boulevard", 1, 9, 5, 1, 4, 0.11)],
        rivals=[("Loyal Nørrebro", "Red Block", 0.7), ("Vesterbro Crew", "Amager Syndikat", 0.4),
                ("Loyal Nørrebro", "Vesterbro Crew", 0.2)],
        split=dict(src="Loyal Nørrebro", new="Folkets Crew", before=10, share=0.45, until_prob=0.3, rivalry=1.0,
                   places=["Folkets Park", "Café Ravnsborggade", "Nørrebrohallen"]),
        peaks=[(18, 15, 2.5), (10, 7, 2.0)], campaigns=[(28, 24), (9, 6)],
        report_violence=0.45, report_other=0.3, name_rate=0.45, obs_rate=0.4, aff_lag=9, aff_never=0.3,
        n_background=40, n_victims=50, n_wrong_aff=6, n_prison_start=4, moves=dict(out=6, ab=6, inn=3, stale=1)),
}


def initiative(case):
    """Police-raised: the chapter-8 range 61600-62230, or a find on stop-and-search (policy.yaml)."""
    return 61600 <= int(case["code"]) <= 62230 or "stop_search" in case["tags"]


class P:
    """One latent person: role and group history, residence history, custody intervals."""

    def __init__(s, k, kind, grp, first, last, birth, muni, dist, start):
        s.k, s.kind, s.first, s.last, s.birth, s.hang = k, kind, first, last, birth, grp
        s.roles, s.res, s.locks = [(start, kind, grp)], [(-999, muni, dist)], []  # locks: (kind, start, end)
        s.desist = s.clique = s.crew = s.aff = s.aff_due = s.pid = s.stale_res = None
        s.quit_on_release = s.moved_out = False
        s.act, s.incidents, s.notes = 1.0, 0, []

    def role_at(s, m):
        return next(((r, g) for mm, r, g in reversed(s.roles) if mm <= m), (None, None))

    def res_at(s, m):
        return next((mu, di) for mm, mu, di in reversed(s.res) if mm <= m)

    def active(s, m):
        return s.role_at(m)[0] in MILIEU and (s.desist is None or m < s.desist)

    def free(s, d):
        return all(not (a <= d < b) for _, a, b in s.locks)


class World:
    def __init__(w, cfg):
        w.cfg, w.rng, w.N = cfg, random.Random(cfg["seed"]), cfg["months"]
        w.as_of = dt.date.fromisoformat(cfg["as_of"])
        w.start0 = w.add_months(dt.date(w.as_of.year, w.as_of.month, 1), -(w.N - 1))
        w.persons, w.cases, w.sights, w.links, w.affs, w.pending, w.names = [], [], [], [], [], [], set()
        w.places = {g["name"]: g["places"] for g in cfg["groups"]}
        w.homes = {g["name"]: g["home"] for g in cfg["groups"]}
        w.rivals = [list(r) for r in cfg["rivals"]]
        w.split_m = w.N - 1 - cfg["split"]["before"]
        w.places[cfg["split"]["new"]] = cfg["split"]["places"]

    # calendar: month index 0..N-1, the last month ends on the as-of date
    @staticmethod
    def add_months(d, k):
        y, m = divmod(d.month - 1 + k, 12)
        return dt.date(d.year + y, m + 1, 1)

    def mstart(w, m):
        return w.add_months(w.start0, m)

    def day(w, m):
        a = w.mstart(m)
        return a + dt.timedelta(days=w.rng.randrange((w.add_months(a, 1) - a).days))

    def month_of(w, d):
        return (d.year - w.start0.year) * 12 + d.month - w.start0.month

    def age_month(w, p, years):
        return w.month_of(dt.date(p.birth.year + years, p.birth.month, 1))

    def in_windows(w, m, windows):
        return any(w.N - 1 - hi <= m <= w.N - 1 - lo for hi, lo, *_ in windows)

    def pois(w, lam):  # binomial(60, lam/60): close enough to Poisson for the rates used here
        return sum(w.rng.random() < lam / 60 for _ in range(60))

    def wchoice(w, items):
        return w.rng.choices(items, weights=[x[-1] for x in items])[0]

    def wsample(w, pool, weights, k):
        """k of pool without replacement, weighted (Efraimidis–Spirakis keys)."""
        keys = sorted((-w.rng.random() ** (1.0 / x), i) for i, x in enumerate(weights))
        return [pool[i] for _, i in keys[:k]]

    def free_at(w, people, d):
        return [p for p in people if p.free(d)]

    def mk(w, kind, grp, home, ages, start=-999, female=False):
        while True:
            first, last = w.rng.choice(FEMALE if female else FIRST), w.rng.choice(LAST)
            if (first, last) not in w.names:
                w.names.add((first, last))
                break
        birth = w.as_of - dt.timedelta(days=w.rng.randint(int(ages[0] * 365.25), int(ages[1] * 365.25)))
        muni, dist, _ = w.wchoice(home)
        w.persons.append(P(len(w.persons), kind, grp, first, last, birth, muni, dist, start))
        return w.persons[-1]

    def link(w, a, b, typ, weight, d, src):
        if a is not b:
            w.links.append([a, b, typ, weight, d, src])

    # affiliation register: late, sometimes never, sometimes wrong
    def schedule_aff(w, p, m0, role):
        never = {"leader": 0.05, "member": w.cfg["aff_never"], "hanger_on": w.cfg["aff_never"] + 0.25,
                 "at_risk_youth": 0.75}[role]
        lag = int(w.rng.expovariate(1.0 / (w.cfg["aff_lag"] * (0.5 if role == "leader" else 1))))
        p.aff_due = None if w.rng.random() < never else m0 + lag

    def register(w, p, grp, since, role, source=None, conf=None):
        r = w.rng.random()
        conf = conf or {"leader": "confirmed", "member": "confirmed" if r < 0.6 else "probable",
                        "hanger_on": "probable" if r < 0.4 else "possible", "at_risk_youth": "possible"}[role]
        src = source or w.rng.choice(["NEC bandedatabase", "EAS vurdering", "Operativ Bande", "informant"])
        p.aff = [p, grp, since, None, src, conf]
        w.affs.append(p.aff)

    def end_aff_later(w, p, m, prob, lag=(1, 12)):
        if p.aff is not None and p.aff[3] is None and w.rng.random() < prob:
            w.pending.append((m + w.rng.randint(*lag), p.aff))

    def setup(w):
        cfg, rng = w.cfg, w.rng
        for g in cfg["groups"]:
            name, home = g["name"], g["home"]
            city = [h for h in home if h[0] == KBH]  # leaders keep an address in the city
            ls = [w.mk("leader", name, city, (27, 42)) for _ in range(g["leaders"])]
            ms = [w.mk("member", name, home, (19, 34), -999 if rng.random() < 0.8 else rng.randint(1, w.N - 8))
                  for _ in range(g["members"])]
            hs = [w.mk("hanger_on", name, home, (16, 28), -999 if rng.random() < 0.65 else rng.randint(1, w.N - 6))
                  for _ in range(g["hangers"])]
            for p in ms + hs:
                p.act = rng.lognormvariate(0, 0.5) * (1 if p.kind == "member" else 0.5)
            bs = [w.mk("police_contact_only", name, home, (16, 35)) for _ in range(g["bystanders"])]
            ys = []
            for c in range(g["cliques"]):   # youth cliques: at-risk youths with friends outside the milieu
                n_risk = rng.randint(2, 3)
                for j in range(rng.randint(4, 6)):
                    p = w.mk("at_risk_youth" if j < n_risk else "background", name, home, (14, 21))
                    p.clique, p.act = f"{name}-{c}", rng.lognormvariate(0, 0.4)
                    if j >= n_risk:
                        p.notes.append("friend in a youth clique, no milieu tie")
                    else:
                        p.roles[0] = (max(w.age_month(p, 13), rng.randint(-6, w.N - 10)), "at_risk_youth", name)
                        ys.append(p)
            for lp in ls:                   # a leader's brother in the group, siblings in the circle
                if rng.random() < 0.75:
                    w.sibling(lp, rng.choice(ms))
            for p in ms:
                if rng.random() < 0.22:
                    w.sibling(p, rng.choice(hs + bs + ys))
            for p in ls + ms + hs + ys:
                st = p.roles[0][0]
                if st < 0 and p.kind in ("leader", "member") and rng.random() < 0.5:
                    w.register(p, name, w.start0 - dt.timedelta(days=rng.randint(30, 1100)), p.kind)
                else:
                    w.schedule_aff(p, max(st, 0), p.kind)
        for i in range(cfg["n_background"]):  # background adults, two thirds in crews of three
            p = w.mk("background", None, WIDE_HOME, (17, 48))
            p.crew, p.act = (i // 3 if i < cfg["n_background"] * 2 // 3 else None), rng.lognormvariate(0, 0.5)
        for _ in range(cfg["n_victims"]):
            w.mk("victim_witness", None, WIDE_HOME, (15, 72), female=rng.random() < 0.35)
        cands = [p for p in w.persons if p.kind == "member" and p.roles[0][0] < 0]
        for p in rng.sample(cands, cfg["n_prison_start"]):  # serving a sentence when the window opens
            rel = w.day(rng.randint(2, 30))
            p.locks.append(("sentenced", w.start0 - dt.timedelta(days=rng.randint(60, 700)), rel))
            w.release_outcome(p, rel)
        outs = [p for p in w.persons if p.kind in ("police_contact_only", "background")]
        for p in rng.sample(outs, cfg["n_wrong_aff"]):      # wrong or weak 'possible' register entries
            grp = p.hang or rng.choice([g["name"] for g in cfg["groups"]])
            w.register(p, grp, w.day(rng.randint(0, w.N - 1)), "at_risk_youth", "informant", "possible")
            p.notes.append(f"wrong 'possible' affiliation {grp}")
        w.plan_moves()

    def sibling(w, a, b):
        if b.last != a.last and (b.first, a.last) not in w.names:
            w.names.discard((b.first, b.last))
            b.last = a.last
            w.names.add((b.first, b.last))
        w.link(a, b, "family", 1, w.day(w.rng.randint(0, 24)), "register")  # entered by an analyst
        a.notes.append("sibling in circle")
        b.notes.append(f"sibling of a {a.kind}")

    def plan_moves(w):
        rng, mv = w.rng, w.cfg["moves"]
        mil = [p for p in w.persons if p.kind in MILIEU]
        kbh = [p for p in mil if p.res[0][1] == KBH]
        out = rng.sample(kbh, mv["out"])
        for p in out:
            p.res.append((rng.randint(w.N - 34, w.N - 2), *rng.choice(NEIGHBOURS)))
            p.moved_out = True
        for i, p in enumerate(rng.sample([p for p in kbh if p not in out], mv["ab"])):
            dist = rng.choice(OTHER_KBH) if p.res[0][2] == FOCUS else FOCUS
            p.res.append((rng.randint(w.N - 30, w.N - 2), KBH, dist))
            if i < mv["stale"]:
                p.stale_res = p.res[0]
        nb = [p for p in mil if p.res[0][1] != KBH]
        for p in rng.sample(nb, min(mv["inn"], len(nb))):
            p.res.append((rng.randint(w.N - 36, w.N - 3), KBH, rng.choice(["Nordvest", "Bispebjerg", FOCUS])))

    # custody, sentences, phone records pulled on arrest
    def release_outcome(w, p, rel):
        if p.kind in MILIEU and rel <= w.as_of:
            rm = w.month_of(rel)
            if rm <= w.N - 1 - GRACE - 3 and w.rng.random() < 0.3:
                p.desist, p.quit_on_release = rm, True
                w.end_aff_later(p, rm, 0.4)

    def arrest(w, p, d, code, boost=1.0):
        pr = {"73111": 0.8, "73112": 0.6, "73251": 0.3, "84111": 0.15, "76319": 0.15, "73241": 0.08}.get(code, 0)
        pr *= 0.4 if p.birth > d - dt.timedelta(days=18 * 365) else 1
        if not p.free(d) or any(a >= d for _, a, _ in p.locks) or w.rng.random() >= pr * boost:
            return
        rel = ce = d + dt.timedelta(days=w.rng.randint(20, 150))
        p.locks.append(("custody", d, ce))
        if w.rng.random() < 0.6:
            rel = ce + dt.timedelta(days=w.rng.randint(60, 800))
            p.locks.append(("sentenced", ce, rel))
        w.release_outcome(p, rel)
        w.phone_pull(p, d)

    def phone_pull(w, p, d):
        m, rng = w.month_of(d), w.rng
        role, g = p.role_at(m)
        contacts = []
        if role in MILIEU and p.active(m):
            grp = w.month_groups.get(g, {})
            contacts += [x for x in grp.get("leader", []) if rng.random() < 0.8]
            for r, lo, hi in (("member", 2, 5), ("hanger_on", 0, 2)):
                contacts += rng.sample(grp.get(r, []), min(len(grp.get(r, [])), rng.randint(lo, hi)))
            bys = [b for b in w.persons if b.kind == "police_contact_only" and b.hang == g]
            contacts += [rng.choice(bys)] if bys and rng.random() < 0.4 else []
        elif p.crew is not None:
            contacts += [x for x in w.persons if x.crew == p.crew]
        for c in sorted(set(contacts), key=lambda x: x.k):
            w.link(p, c, "communication", rng.randint(2, 80), d, "phone records")

    # cases: an incident becomes a case only if reported, and names only some of its participants
    def add_case(w, d, code, place, parts, tags=()):
        seen = set()  # one row per person and case, first role wins
        parts = [(p, r) for p, r in parts if not (p.k in seen or seen.add(p.k))]
        if parts:  # an unsolved case with nobody named would not reach the export
            w.cases.append(dict(date=d, code=code, place=place, tags=sorted(tags), parts=parts))

    def incident(w, d, code, place, offenders, victims=(), tags=(), report=None, name=None, boost=1.0):
        cfg, rng, m = w.cfg, w.rng, w.month_of(d)
        for o in offenders:
            o.incidents += 1
        if report is None:
            report = cfg["report_violence"] if code.startswith("73") or code == "76319" else cfg["report_other"]
        if rng.random() >= report:
            return
        name, parts = cfg["name_rate"] if name is None else name, []
        for o in offenders:
            if rng.random() < name * (0.25 if o.role_at(m)[0] == "leader" else 1.0):
                parts.append((o, "suspect"))
            elif rng.random() < 0.06:
                parts.append((o, "other"))
        parts += [(v, "victim") for v in victims] + ([(rng.choice(w.vw), "witness")] if rng.random() < 0.3 else [])
        w.add_case(d, code, place, parts, tags)
        for o, role in parts:
            if role == "suspect":
                w.arrest(o, d, code, boost)

    def victims_for(w, code):
        return [w.rng.choice(w.vw)] if code in ("73241", "73251", "76319", "73112", "73111", "75100") else []

    def run(w):
        w.setup()
        w.vw = [p for p in w.persons if p.kind == "victim_witness"]
        for m in range(w.N):
            w.month_groups = w.groups_at(m)
            w.transitions(m)
            w.month_groups = w.groups_at(m)
            for g in sorted(w.month_groups):
                w.gatherings(m, g)
                w.crew_crime(m, g)
                w.oc_and_informants(m, g)
            for step in (w.rivalry, w.cliques, w.stop_search, w.misc, w.registry):
                step(m)
        return w

    def groups_at(w, m):
        out = {}
        for p in w.persons:
            if p.active(m):
                role, g = p.role_at(m)
                out.setdefault(g, {}).setdefault(role, []).append(p)
        return out

    def transitions(w, m):
        rng, sp = w.rng, w.cfg["split"]
        forbidden = range(w.N - 1 - GRACE - 3, w.N - 1 - GRACE + 4)  # keep desistance off the 18-month edge
        if m == w.split_m:
            src = w.month_groups.get(sp["src"], {})
            ms = sorted(src.get("member", []), key=lambda p: p.k)
            sw = rng.sample(ms, max(3, int(len(ms) * sp["share"])))
            boss = max(sw, key=lambda p: (p.act, -p.k))
            for p in sw + [h for h in src.get("hanger_on", []) if rng.random() < sp["share"]]:
                p.roles.append((m, "leader" if p is boss else p.role_at(m)[0], sp["new"]))
                p.notes.append(f"switched {sp['src']}→{sp['new']} {w.mstart(m)} (no new register entry)")
                if p.aff is not None and p.aff[1] == sp["src"]:
                    w.end_aff_later(p, m, sp["until_prob"], (2, 14))
            for p in w.persons:
                if p.kind == "police_contact_only" and p.hang == sp["src"] and rng.random() < sp["share"]:
                    p.hang = sp["new"]
            w.rivals.append([sp["src"], sp["new"], sp["rivalry"]])
        for p in w.persons:
            if not p.active(m) or not p.free(w.mstart(m)) or p.roles[-1][0] == m:
                continue
            role, g = p.role_at(m)
            if role == "hanger_on" and rng.random() < 0.012:
                p.roles.append((m, "member", g))
                p.act = max(p.act * 1.6, 0.7)
                if rng.random() < 0.6:
                    w.schedule_aff(p, m, "member")
            elif role == "at_risk_youth" and m >= w.age_month(p, 16) and rng.random() < 0.015:
                p.roles.append((m, "hanger_on", g))
                if rng.random() < 0.5:
                    w.schedule_aff(p, m, "hanger_on")
            elif m not in forbidden and rng.random() < {"member": 0.005, "hanger_on": 0.008,
                                                         "at_risk_youth": 0.008}.get(role, 0):
                p.desist = m
                w.end_aff_later(p, m, 0.45)

    def gatherings(w, m, g):
        rng, grp, places = w.rng, w.month_groups[g], w.places[g]
        bys = [p for p in w.persons if p.kind == "police_contact_only" and p.hang == g]
        for _ in range(rng.randint(5, 10)):
            d, place = w.day(m), rng.choice(places)
            present = [p for p in w.free_at(grp.get("member", []), d) if rng.random() < min(0.9, 0.45 * p.act)]
            present += [p for p in w.free_at(grp.get("leader", []), d) if rng.random() < 0.4]
            present += [p for p in w.free_at(grp.get("hanger_on", []), d) if rng.random() < min(0.8, 0.5 * p.act)]
            present += [p for p in w.free_at(grp.get("at_risk_youth", []), d) if rng.random() < 0.15]
            present += [p for p in w.free_at(bys, d) if rng.random() < 0.08]
            if len(present) >= 2 and rng.random() < w.cfg["obs_rate"]:
                w.sights += [(p, place, d) for p in present if rng.random() < 0.8]
        for p in grp.get("member", []) + grp.get("leader", []):
            for _ in range(2):
                d = w.day(m)
                if p.free(d) and rng.random() < 0.35:
                    w.sights.append((p, rng.choice(places + STREETS[:3]), d))

    def crew_crime(w, m, g):
        rng, grp = w.rng, w.month_groups[g]
        rate = next((x["crime"] for x in w.cfg["groups"] if x["name"] == g), w.cfg["groups"][0]["crime"])
        wt = {"member": 1.0, "hanger_on": 0.35, "leader": 0.03, "at_risk_youth": 0.08}
        for _ in range(w.pois(rate * (len(grp.get("member", [])) + 0.4 * len(grp.get("hanger_on", []))))):
            d = w.day(m)
            pool = [p for r in wt for p in w.free_at(grp.get(r, []), d)]
            offs = w.wsample(pool, [wt[p.role_at(m)[0]] * (p.act if p.role_at(m)[0] != "leader" else 1)
                                    for p in pool], rng.randint(2, 4))
            if offs:
                code = w.wchoice([("84111", 35), ("73241", 25), ("76319", 15), ("73251", 12), ("75100", 8),
                                  ("84110", 5)])[0]
                w.incident(d, code, rng.choice(w.places[g] + STREETS), offs, w.victims_for(code))

    def oc_and_informants(w, m, g):
        rng, grp = w.rng, w.month_groups[g]
        ms = grp.get("member", [])
        for lp in grp.get("leader", []):    # investigation aimed at leading figures
            d = w.day(m)
            if lp.free(d) and ms and rng.random() < 0.05:
                for c in rng.sample(ms, min(len(ms), rng.randint(3, 7))):
                    w.link(lp, c, "communication", rng.randint(5, 120), d, "phone records")
                if rng.random() < 0.1:
                    offs, code = [lp] + rng.sample(ms, min(len(ms), rng.randint(1, 2))), rng.choice(["84111", "73251"])
                    w.add_case(d, code, rng.choice(STREETS), [(o, "suspect") for o in offs], ["efterforskning"])
                    for o in offs:
                        o.incidents += 1
                        w.arrest(o, d, code, 2.5)
        if rng.random() < 0.2 and ms:
            w.link(rng.choice(grp.get("leader", []) or ms), rng.choice(ms + grp.get("hanger_on", [])),
                   "associate", 1, w.day(m), "informant")

    def rivalry(w, m):
        rng = w.rng
        mult = max([x for hi, lo, x in w.cfg["peaks"] if w.in_windows(m, [(hi, lo)])] or [1.0])
        for a, b, rate in w.rivals:
            if a not in w.month_groups or b not in w.month_groups:
                continue
            for _ in range(w.pois(rate * mult)):
                x, y = (a, b) if rng.random() < 0.5 else (b, a)
                d, gx, gy = w.day(m), w.month_groups[x], w.month_groups[y]
                att = w.free_at(gx.get("member", []) + gx.get("hanger_on", []), d)
                vic = w.free_at(gy.get("member", []) + gy.get("hanger_on", []) + gy.get("leader", []), d)
                if att and vic:
                    offs = w.wsample(att, [p.act for p in att], rng.randint(1, 3))
                    code = w.wchoice([("73241", 45), ("73251", 30), ("73112", 15 * mult),
                                      ("73111", 2 if mult > 1 else 0.3)])[0]
                    report = 0.95 if code in ("73111", "73112") else w.cfg["report_violence"] + 0.1
                    w.incident(d, code, rng.choice(w.places[y] + w.places[x] + STREETS[:4]), offs,
                               [rng.choice(vic)], ["Bandekonflikt"], report, w.cfg["name_rate"] * 0.7)

    def cliques(w, m):
        """Youth cliques (at-risk youths with friends outside the milieu) and background crews."""
        rng, crews = w.rng, {}
        for p in w.persons:
            if p.clique is not None and m >= w.age_month(p, 13) and not (p.desist is not None and m >= p.desist):
                crews.setdefault("y" + p.clique, []).append(p)
            elif p.kind == "background" and p.clique is None:
                crews.setdefault(f"c{p.crew:03d}" if p.crew is not None else f"s{p.k:04d}", []).append(p)
        youth_codes = [("76319", 35), ("73241", 35), ("75100", 15), ("84110", 10), ("73251", 5)]
        adult_codes = [("75100", 30), ("73241", 20), ("76319", 12), ("84111", 15), ("76300", 10), ("84110", 10),
                       ("73251", 3)]
        for key in sorted(crews):
            youth, d = key[0] == "y", w.day(m)
            if rng.random() < (0.35 if youth else 0.25 if len(crews[key]) > 1 else 0.05):
                pool = w.free_at(crews[key], d)
                offs = w.wsample(pool, [p.act for p in pool], rng.randint(2, 3) if youth else rng.randint(1, 3))
                code = w.wchoice(youth_codes if youth else adult_codes)[0]
                if offs:
                    w.incident(d, code, rng.choice(STREETS + YOUTH_PLACES[:youth]), offs, w.victims_for(code),
                               report={"76319": 0.6, "75100": 0.3, "84110": 0.3}.get(code) if youth else None,
                               name=min(0.9, w.cfg["name_rate"] + 0.1) if youth else None)
            for _ in range(2 if youth else 0):
                d = w.day(m)
                present = [p for p in w.free_at(crews[key], d) if rng.random() < 0.6]
                if len(present) >= 2 and rng.random() < w.cfg["obs_rate"] * 0.6:
                    place = rng.choice(YOUTH_PLACES)
                    w.sights += [(p, place, d) for p in present if rng.random() < 0.8]

    def stop_search(w, m):
        rng, camp = w.rng, w.in_windows(m, w.cfg["campaigns"])
        for g in sorted(w.month_groups):
            if w.homes.get(g, [(KBH,)])[0][0] != KBH:
                continue  # the group's base lies outside the police district
            grp = w.month_groups[g]
            bys = [p for p in w.persons if p.kind == "police_contact_only" and p.hang == g]
            for _ in range(rng.randint(2, 5) if camp else int(rng.random() < 0.25)):
                d, place = w.day(m), rng.choice(w.places[g])
                mem = w.free_at(grp.get("member", []) + grp.get("hanger_on", []), d)
                by = w.free_at(bys, d)
                ppl = rng.sample(mem, min(len(mem), rng.randint(1, 3))) + rng.sample(by, min(len(by), rng.randint(1, 3)))
                if not ppl:
                    continue
                w.sights += [(p, place, d) for p in ppl if rng.random() < 0.9]
                role = "suspect" if rng.random() < 0.5 else "other"  # how the system files everybody stopped
                if rng.random() < 0.35:
                    finder = rng.choice(ppl)
                    parts = [(finder, "suspect")] + [(p, role) for p in ppl if p is not finder and rng.random() < 0.6]
                    w.add_case(d, "84110", place, parts, ["stop_search"])
                else:
                    w.add_case(d, "61615", place, [(p, role) for p in ppl])

    def misc(w, m):
        rng = w.rng
        for _ in range(rng.randint(0, 2)):  # inquiries without case about anybody
            d, p = w.day(m), rng.choice(w.persons)
            if p.free(d):
                w.add_case(d, "61600", rng.choice(STREETS), [(p, rng.choice(["other", "other", "suspect"]))])
        for p in w.persons:                 # former members: ordinary life, now and then a petty case
            if p.desist is not None and m > p.desist and rng.random() < 0.012:
                d = w.day(m)
                if p.free(d):
                    w.add_case(d, rng.choice(["75100", "76300", "88110"]), rng.choice(STREETS), [(p, "suspect")])

    def registry(w, m):
        for p in w.persons:
            if p.aff_due == m:
                p.aff_due = None
                if p.active(m):
                    role, g = p.role_at(m)
                    w.register(p, g, w.day(m), role)
        for due, rec in w.pending:
            if due == m:
                rec[3] = rec[3] or w.day(m)
        w.pending = [x for x in w.pending if x[0] > m]

    # truth: what a target-selection group with perfect knowledge would log
    def category(w, p, m):
        role, _ = p.role_at(m)
        if role not in MILIEU or (p.desist is not None and m - p.desist > GRACE) or p.res_at(m)[0] != KBH:
            return ""
        return ("A" if p.res_at(m)[1] == FOCUS else "B") + TIER[role]

    def latent_label(w, p):
        role, _ = p.role_at(w.N - 1)
        gone = p.desist is not None and w.N - 1 - p.desist > GRACE
        if role not in MILIEU:
            return p.kind
        if gone:
            return f"{'released' if p.quit_on_release else 'former_member'} (was {role})"
        if p.moved_out and p.res_at(w.N - 1)[0] != KBH:
            return f"moved_away (was {role})"
        return role if role == p.kind else f"{role} (was {p.kind})"

    def status(w, p):
        return next(((k, a) for k, a, b in p.locks if a <= w.as_of < b), ("free", None))

    def stale_log(w):
        """The true log 12 months before as-of, never updated since, plus a few deliberate errors."""
        rng, t0, start = w.rng, w.N - 1 - 12, w.N - 1 - 31
        stale = {}
        for p in w.persons:
            if w.category(p, t0):
                s = t0
                while s - 1 >= start and w.category(p, s - 1):
                    s -= 1
                stale[p.k] = [w.category(p, t0), w.mstart(s)]
        for k in rng.sample(sorted(stale), 2):
            cat = stale[k][0]
            stale[k][0] = cat[0] + ("2" if cat[1] == "1" else "1")
            w.persons[k].notes.append(f"stale-log error: tier {cat}→{stale[k][0]}")
        bys = [p for p in w.persons if p.kind == "police_contact_only" and p.res_at(t0)[0] == KBH]
        for p in rng.sample(bys, 2):
            stale[p.k] = [("A" if p.res_at(t0)[1] == FOCUS else "B") + "2", w.day(rng.randint(start, t0))]
            p.notes.append("stale-log error: bystander put on the log")
        return stale

    def write(w, out):
        rng, N, iso = w.rng, w.N, lambda d: d.isoformat() if d else ""
        os.makedirs(os.path.join(out, "truth"), exist_ok=True)
        order = sorted(w.persons, key=lambda p: p.k)
        rng.shuffle(order)                  # ids carry no hint of role or creation order
        for i, p in enumerate(order, 1):
            p.pid = f"Q{i:04d}"
        cases, per_year, susp, anyrole = sorted(w.cases, key=lambda c: (c["date"], c["code"], c["place"])), {}, {}, {}
        for c in cases:
            per_year[c["date"].year] = n = per_year.get(c["date"].year, 0) + 1
            c["id"] = f"K{c['date'].year}-{n:04d}"
            for p, role in c["parts"]:
                anyrole.setdefault(p.k, set()).add(role)
                if role == "suspect":
                    susp.setdefault(p.k, []).append((c["date"], initiative(c)))
        truth, stale = {p.k: w.category(p, N - 1) for p in w.persons}, w.stale_log()
        rows = lambda name, header, data: w.csv(os.path.join(out, name), header, data)
        prs = []
        for p in sorted(w.persons, key=lambda p: p.pid):
            muni, dist = p.stale_res[1:] if p.stale_res else p.res_at(N - 1)
            st, since, roles = *w.status(p), anyrole.get(p.k, set())
            sub = ("convicted" if any(k == "sentenced" and a <= w.as_of for k, a, _ in p.locks) else
                   next((r for r in ("suspect", "victim", "witness") if r in roles), "associate"))
            prs.append([p.pid, f"{p.first} {p.last}", iso(p.birth), muni, dist, st, iso(since), sub])
        rows("persons.csv", "id,name,birth_date,municipality,district,status,status_since,subject_category", prs)
        rows("cases.csv", "case_id,date,crime_code,place,tags",
             [[c["id"], iso(c["date"]), c["code"], c["place"], "|".join(c["tags"])] for c in cases])
        rows("case_persons.csv", "case_id,person_id,role", sorted([c["id"], p.pid, r] for c in cases for p, r in c["parts"]))
        rows("affiliations.csv", "person_id,group,since,until,source,confidence",
             sorted([r[0].pid, r[1], iso(r[2]), iso(r[3]), r[4], r[5]] for r in w.affs))
        sig = sorted({(iso(d), pl, p.pid) for p, pl, d in w.sights})
        rows("sightings.csv", "person_id,place,date", [[pid, pl, d] for d, pl, pid in sig])
        lk = {}
        for a, b, t, wt, d, src in w.links:
            lk[(iso(d), a.pid, b.pid, t, src)] = lk.get((iso(d), a.pid, b.pid, t, src), 0) + wt
        rows("links.csv", "source,target,type,weight,date,source_info",
             [[a, b, t, lk[(d, a, b, t, s)], d, s] for d, a, b, t, s in sorted(lk)])
        rows("log.csv", "person_id,category,since", sorted([w.persons[k].pid, c, iso(s)] for k, (c, s) in stale.items()))
        with open(os.path.join(out, "policy.yaml"), "w", encoding="utf-8") as f:
            f.write("initiative_tags: [stop_search]\n")
        rows("truth/log.csv", "person_id,category", sorted([p.pid, truth[p.k]] for p in w.persons))
        rr = []
        for p in w.persons:
            role, g = p.role_at(N - 1)
            (muni, dist), (st, since) = p.res_at(N - 1), w.status(p)
            where = f"group {g}" if role in MILIEU else f"around {p.hang} places" if p.hang else "no milieu tie"
            bits = [where, f"lives {dist} ({muni})"]
            bits += [f"{st} since {since}"] if st != "free" else []
            rel = [b for _, _, b in p.locks if b <= w.as_of and all(a != b for _, a, _ in p.locks)]
            bits += ["released " + iso(max(rel))] if rel else []
            if p.desist is not None:
                recent = " (within 18 months: still counted)" if N - 1 - p.desist <= GRACE and role in MILIEU else ""
                bits.append(f"left milieu {iso(w.mstart(p.desist))[:7]}{recent}")
            bits += ["moved " + "; ".join(f"{iso(w.mstart(m))[:7]} to {d}" for m, _, d in p.res[1:])] if p.res[1:] else []
            bits += [f"recorded address stale ({p.stale_res[2]})"] if p.stale_res else []
            if role in MILIEU:
                recs = ", ".join(f"{r[1]}/{r[5]}" for r in w.affs if r[0] is p)
                bits += [f"{p.incidents} incidents, {len(susp.get(p.k, []))} recorded as suspect",
                         "affiliation: " + (recs or "never recorded")]
            rr.append([p.pid, w.latent_label(p), "; ".join(dict.fromkeys(bits + p.notes))])
        rows("truth/roles.csv", "person_id,latent_role,note", sorted(rr))
        with open(os.path.join(out, "truth", "as-of.txt"), "w", encoding="utf-8") as f:
            f.write(iso(w.as_of) + "\n")
        cut, onlog = w.as_of - dt.timedelta(days=548), [k for k, v in truth.items() if v]
        leaders = [p for p in w.persons if p.role_at(N - 1)[0] == "leader"]
        s = dict(persons=len(w.persons), cases=len(cases), true_log=len(onlog), stale_log=len(stale),
                 initiative=sum(1 for c in cases if initiative(c)),
                 **{c: sum(1 for v in truth.values() if v == c) for c in ("A1", "A2", "B1", "B2")},
                 no_recent=sum(1 for k in onlog if not any(d > cut for d, _ in susp.get(k, []))),
                 no_recent_crime=sum(1 for k in onlog if not any(d > cut and not i for d, i in susp.get(k, []))),
                 leaders_never=sum(1 for p in leaders if p.k not in susp), leaders=len(leaders),
                 custody=sum(1 for k in onlog if w.status(w.persons[k])[0] != "free"))
        w.check(out)
        return s

    @staticmethod
    def csv(path, header, data):
        with open(path, "w", newline="", encoding="utf-8") as f:
            wr = csv.writer(f, lineterminator="\n")
            wr.writerow(header.split(","))
            wr.writerows(data)

    def check(w, out):
        """Every reference resolves, every person has a truth row, dates lie in the window."""
        read = lambda name: list(csv.DictReader(open(os.path.join(out, name), encoding="utf-8")))
        persons, cases = read("persons.csv"), read("cases.csv")
        ids, cids = {r["id"] for r in persons}, {r["case_id"] for r in cases}
        assert len(ids) == len(persons) and len(cids) == len(cases)
        assert all(r["case_id"] in cids and r["person_id"] in ids and r["role"] in ("suspect", "victim", "witness",
                   "other") for r in read("case_persons.csv"))
        for name, cols in (("affiliations.csv", ["person_id"]), ("sightings.csv", ["person_id"]),
                           ("links.csv", ["source", "target"]), ("log.csv", ["person_id"]),
                           ("truth/log.csv", ["person_id"]), ("truth/roles.csv", ["person_id"])):
            assert all(r[c] in ids for r in read(name) for c in cols), name
        for name in ("truth/log.csv", "truth/roles.csv"):
            assert len(read(name)) == len(ids) == len({r["person_id"] for r in read(name)}), name
        assert all(r["category"] in ("", "A1", "A2", "B1", "B2") for r in read("truth/log.csv"))
        assert all(r["latent_role"].split()[0] in MILIEU + ("former_member", "background", "victim_witness",
                   "police_contact_only", "moved_away", "released") for r in read("truth/roles.csv"))
        for name, col in (("cases.csv", "date"), ("sightings.csv", "date"), ("affiliations.csv", "until")):
            assert all(r[col] == "" or dt.date.fromisoformat(r[col]) <= w.as_of for r in read(name)), name
        assert all(w.start0 <= dt.date.fromisoformat(r["date"]) for r in cases)
        assert all((r["status"] == "free") == (r["status_since"] == "") for r in persons)


def table(s):
    return ("| measure | value |\n|---|---|\n"
            f"| persons | {s['persons']} |\n| cases (of which initiative) | {s['cases']} ({s['initiative']}) |\n"
            f"| true log A1 / A2 / B1 / B2 (total) | {s['A1']} / {s['A2']} / {s['B1']} / {s['B2']} ({s['true_log']}) |\n"
            f"| true log deprived of liberty at as-of | {s['custody']} |\n| stale log size | {s['stale_log']} |\n"
            f"| true-log persons with no case as suspect in the last 18 months | {s['no_recent']} |\n"
            f"| … counting only non-initiative cases | {s['no_recent_crime']} |\n"
            f"| leaders with no case as suspect at all | {s['leaders_never']} of {s['leaders']} |\n")


def readme(name, cfg, s):
    sp = cfg["split"]
    groups = "; ".join(f"{g['name']} ({g['leaders']} leader(s), {g['members']} members, {g['hangers']} hangers-on, "
                       f"{g['cliques']} youth clique(s), {g['bystanders']} bystanders)" for g in cfg["groups"])
    return f"""# {name}: under-recorded gang milieu (blind draw)

All data synthetic (random first+last names; no real person or case). Written by
`scripts/make-underrecorded.py --draw {name}`: seed {cfg['seed']}, as-of {cfg['as_of']}, {cfg['months']} months simulated.

Latent milieu simulated month by month (roles, groups, moves, custody, recruitment, desistance); recorded:
violence reported p≈{cfg['report_violence']}, other crime p≈{cfg['report_other']}; participants named as suspect p≈{cfg['name_rate']}
(leaders far less); affiliations registered after a mean lag of {cfg['aff_lag']} months or never (members p≈{cfg['aff_never']});
gatherings observed p≈{cfg['obs_rate']}; {cfg['n_wrong_aff']} wrong `possible` affiliations. {sp['src']} splits {sp['before']} months before
as-of (~{int(sp['share'] * 100)} % of members to {sp['new']}, no new register entry). Stop-and-search campaigns name members
and bystanders together; conflict cases carry `Bandekonflikt`. Groups: {groups}.
Rivalries: {', '.join(f'{a}–{b}' for a, b, _ in cfg['rivals'])}, {sp['src']}–{sp['new']} after the split.

`log.csv` is the stale log (true log 12 months before as-of, aged, a few deliberate errors); `truth/` holds
the perfect-knowledge log at as-of, the latent roles and `as-of.txt`.

{table(s)}"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draw", action="append", choices=sorted(SETTINGS), help="default: all draws")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples",
                                                 "scenarios"))
    a = ap.parse_args()
    for name in a.draw or sorted(SETTINGS):
        cfg, out = SETTINGS[name], os.path.normpath(os.path.join(a.out, name))
        s = World(cfg).run().write(out)
        with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
            f.write(readme(name, cfg, s))
        print(f"{name}: {out} (seed {cfg['seed']}, as-of {cfg['as_of']})\n{table(s)}")


if __name__ == "__main__":
    main()
