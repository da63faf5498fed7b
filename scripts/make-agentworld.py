#!/usr/bin/env python3
"""Agent-based synthetic world for the Pin-Point screening (all data synthetic).

Every person is an agent with a latent state (role, group, residence, liberty, age, an "involvement"
level that drifts) living week by week. Events come from the states (rivalry attacks, street
violence, robberies, narcotics dealing, hanging out, phone contacts, family); a separate recording
layer decides what the case system, patrols, stop-and-search sweeps, phone records, informants, social
media and the affiliation register capture. truth/ is read from the latent state at as-of.

    python3 scripts/make-agentworld.py [agents1 agents2]    # writes samples/scenarios/<name>/

Standard library only; one random.Random(seed) per draw; every output is sorted.
"""
import csv, os, random, sys
from datetime import date

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'samples', 'scenarios')
KBH, A_DIST = 'København', 'Indre Nørrebro'
B_DISTS = ['Nørrebro', 'Bispebjerg', 'Nordvest', 'Vesterbro', 'Amager Vest', 'Valby', 'Sydhavn']
NEIGH, FAR = ['Frederiksberg', 'Gladsaxe', 'Rødovre', 'Hvidovre', 'Albertslund'], ['Aarhus', 'Odense', 'Køge']
LOCAL = {A_DIST: ['Blågårds Plads', 'Folkets Park', 'Nørrebrogade', 'Stengade', 'Korsgade'],
         'Nørrebro': ['Nørrebro Station', 'Mjølnerparken', 'Lundtoftegade'], 'Bispebjerg': ['Bispebjerg Torv',
         'Tagensvej'], 'Nordvest': ['Rentemestervej', 'Tomsgården'], 'Vesterbro': ['Hovedbanegården', 'Istedgade',
         'Enghave Plads'], 'Amager Vest': ['Amagerbrogade', 'Urbanplanen'], 'Valby': ['Valby Station',
         'Toftegårds Plads'], 'Sydhavn': ['Sydhavn Station', 'Mozart Plads'], 'Frederiksberg':
         ['Frederiksberg Station'], 'Gladsaxe': ['Høje Gladsaxe'], 'Rødovre': ['Rødovre Centrum'],
         'Hvidovre': ['Friheden Station'], 'Albertslund': ['Albertslund Centrum'], '': ['Hovedbanegården']}
FIRST_M = ('Mads Jonas Kasper Mikkel Frederik Emil Rasmus Nikolaj Oliver Lucas Mathias Sebastian Anders Jesper '
           'Martin Søren Ahmad Mohammad Ali Omar Yusuf Ibrahim Hassan Mustafa Bilal Karim Samir Tarik Emre Burak '
           'Mehmet Abdi Hamza Amir Khalid Jamal Nabil Rami Zakaria Idris Adam Isak Malik Sami Yasin Daniel '
           'Patrick Jamil Kenan Younes').split()
FIRST_F = 'Sofie Emma Ida Freja Anna Laura Mette Camilla Louise Fatima Aisha Leyla Yasmin Amina Sara Nour Zeynep ' \
          'Hiba Maja Line Noor Rania'.split()
LAST = ('Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Madsen Kristensen '
        'Olsen Thomsen Poulsen Knudsen Mortensen Møller Østergaard Bækgaard Lund Holm Dahl Ahmadi Hussein Yilmaz '
        'Demir Khalil Haddad Aziz Farah Omari Jaber Karimi Nasser Saleh Hamdan Abdullahi Celik Kaya Rahimi Osman '
        'Mansour Lindqvist Brask Vestergaard Fjord').split()
MIL = ('leader', 'member', 'hanger_on')
SERIOUS = {'73111', '73112', '73131', '73241', '73251', '76319', '84111'}
INITIATIVE = ('61600', '61615')
CUSTODY_P = {'73111': .95, '73112': .8, '73251': .35, '73241': .06, '76319': .3, '84111': .4}
SENTENCE_W = {'73111': (300, 520), '73112': (150, 300), '73251': (26, 104), '73241': (8, 30), '76319': (26, 80),
              '84111': (26, 120)}


GK = 'name kind leaders lts members hangers formers prison home hangouts drugs reg nf youth_w rob'.split()
grp = lambda *v, **kw: dict(zip(GK, v), **kw)                  # one group's settings, positional as in GK


DRAWS = {
    'agents1': dict(
        seed=41016, start='2011-10-03', as_of='2016-03-31', stale_weeks=60,
        summary='a hierarchical gang at Blågårds Plads in a long rivalry with an outside group (peak winter 2012/13, '
                'visitation zone Q1 2013), a street crew partly absorbed into the gang in June 2014, a family '
                'network in Nordvest, a hash crackdown in Folkets Park in 2014.',
        groups=[grp('Sortehus', 'hierarchy', 1, 3, 12, 10, 3, 3, {'A': .65, 'B': .3, 'Frederiksberg': .05}, {
                    'Blågårds Plads': .45, 'Folkets Park': .3, 'Nørrebro Station': .1}, 'Folkets Park', .8, 1, .4, 1),
                grp('Baggårdsdrengene', 'crew', 0, 0, 7, 12, 1, 1, {'A': .55, 'B': .45},
                    {'Nørrebro Station': .4, 'Blågårds Plads': .2, 'Stengade': .25}, None, .5, 1.1, .4, 2.5),
                grp('Bakrani-familien', 'family', 1, 1, 7, 5, 1, 1, {'B:Nordvest': .5, 'B:Bispebjerg': .2, 'A': .3},
                    {'Rentemestervej': .4, 'Nørrebro Station': .1}, 'Rentemestervej', .2, .6, .2, .5,
                    relatives=9, surname='Bakrani'),
                grp('Højvang-gruppen', 'rival', 1, 2, 9, 5, 1, 1, {'Gladsaxe': .75, 'Rødovre': .1, 'B:Nordvest': .15},
                    {'Høje Gladsaxe': .5, 'Nørrebro Station': .05}, 'Høje Gladsaxe', .75, .9, 0, 1.0)],
        n_youth=32, n_background=45, n_victim=40, n_bystander=42,
        rivalries=[('Sortehus', 'Højvang-gruppen', '2011-10-03', '2016-03-31', .08, [('2012-11-15', '2013-04-30', 4)]),
                   ('Baggårdsdrengene', 'Højvang-gruppen', '2014-01-01', '2016-03-31', .03, [])],
        events=[dict(kind='merge', date='2014-06-02', src='Baggårdsdrengene', dst='Sortehus', frac=.5)],
        zones=[('2013-01-07', '2013-03-31')], ops=[('Folkets Park', '2014-03-01', '2014-10-31')],
        patrols={'Blågårds Plads': .8, 'Folkets Park': .6, 'Nørrebro Station': .6, 'Hovedbanegården': .3,
                 'Stengade': .3, 'Rentemestervej': .3, 'Høje Gladsaxe': .1},
        sweeps={'Blågårds Plads': .12, 'Folkets Park': .1, 'Nørrebro Station': .08, 'Hovedbanegården': .04},
        busy=['Blågårds Plads', 'Nørrebro Station', 'Folkets Park', 'Hovedbanegården'], leader_arrests=[],
        r=dict(rep_viol=.5, rep_aggr=.65, rep_rob=.6, name_member=.6, name_leader=.03, p_sight=.45, p_phone=.35,
               p_detect=.004, op_mult=8, desist=.0012, move=.0007, return_p=.6, relapse=.002, p_informant=.04,
               p_social=.05, p_tag=.85, p_aff_error=.1, viol=.01, rob=.005, bg=.015, log_errors=3)),
    'agents2': dict(
        seed=77029, start='2012-10-01', as_of='2017-09-30', stale_weeks=44,
        summary='a hierarchical gang that splits in June 2015 (a lieutenant founds his own group, a feud and a '
                'visitation zone follow), a rivalry with an outside group, a street crew of youths at Nørrebro '
                'Station, a family network on Amager; the gang leader is arrested for narcotics in November 2016; lower '
                'reporting and naming, more moves, fewer sweeps.',
        groups=[grp('Nordstjernen', 'hierarchy', 1, 4, 16, 12, 3, 3, {'A': .6, 'B': .35, 'Frederiksberg': .05},
                    {'Blågårds Plads': .4, 'Folkets Park': .35, 'Korsgade': .15}, 'Folkets Park', .75, 1.0, .35, .8),
                grp('Stationsdrengene', 'crew', 0, 0, 8, 14, 1, 1, {'A': .35, 'B:Nørrebro': .45, 'B': .2},
                    {'Nørrebro Station': .5, 'Lundtoftegade': .2}, None, .45, 1.1, .45, 2.5),
                grp('Zarwani-netværket', 'family', 1, 1, 8, 5, 1, 1,
                    {'B:Amager Vest': .45, 'B:Sydhavn': .3, 'A': .15, 'Hvidovre': .1},
                    {'Urbanplanen': .4, 'Sydhavn Station': .15}, 'Urbanplanen', .15, .55, .2, .5,
                    relatives=10, surname='Zarwani'),
                grp('Vestvold-gruppen', 'rival', 1, 1, 8, 5, 1, 1, {'Hvidovre': .5, 'Rødovre': .3, 'B:Valby': .2},
                    {'Friheden Station': .45, 'Rødovre Centrum': .15}, 'Friheden Station', .7, .9, 0, 1.0)],
        n_youth=36, n_background=50, n_victim=45, n_bystander=46,
        rivalries=[('Nordstjernen', 'Vestvold-gruppen', '2012-10-01', '2017-09-30', .06, [('2013-02-01', '2013-06-30',
                                                                                         3)]),
                   ('Nordstjernen', 'Ravnene', '2015-06-01', '2017-09-30', .1, [('2015-07-01', '2016-01-31', 3)])],
        events=[dict(kind='split', date='2015-06-01', src='Nordstjernen', new='Ravnene', frac=.4, spec=grp('Ravnene',
            'hierarchy', 0, 0, 0, 0, 0, 0, {}, {'Korsgade': .35, 'Nørrebro Station': .25, 'Mjølnerparken': .2},
            'Mjølnerparken', .55, 1.0, .3, 1.2))], zones=[('2015-09-01', '2015-11-30')],
        ops=[('Folkets Park', '2015-02-01', '2015-06-30'), ('Mjølnerparken', '2017-01-09', '2017-04-30')],
        patrols={'Blågårds Plads': .6, 'Folkets Park': .5, 'Nørrebro Station': .7, 'Korsgade': .3,
                 'Hovedbanegården': .25, 'Mjølnerparken': .3, 'Urbanplanen': .25, 'Friheden Station': .1},
        sweeps={'Blågårds Plads': .08, 'Folkets Park': .07, 'Nørrebro Station': .07, 'Mjølnerparken': .04},
        busy=['Blågårds Plads', 'Nørrebro Station', 'Folkets Park', 'Hovedbanegården'],
        leader_arrests=[('Nordstjernen', '2016-11-14')],
        r=dict(rep_viol=.45, rep_aggr=.6, rep_rob=.55, name_member=.5, name_leader=.02, p_sight=.4, p_phone=.3,
               p_detect=.003, op_mult=8, desist=.0015, move=.0009, return_p=.55, relapse=.002, p_informant=.035,
               p_social=.06, p_tag=.8, p_aff_error=.1, viol=.009, rob=.005, bg=.015, log_errors=4)),
}


top = lambda g: sorted(g['hangouts'].items(), key=lambda t: (-t[1], t[0]))[0][0]   # a group's main hangout
local = lambda muni, dist: LOCAL.get(dist) or LOCAL.get(muni) or LOCAL['']
od = lambda s: date.fromisoformat(s).toordinal()
iso = lambda d: date.fromordinal(d).isoformat()


def put(path, text):
    with open(path, 'w', encoding='utf-8') as f: f.write(text)


class Agent:
    def __init__(self, k, kind, role):
        self.k, self.kind, self.role, self.pid = k, kind, role, ''
        self.group = self.attach = self.cell = self.quiet_since = self.prev = self.prev_group = None
        self.dep_start = self.released = self.rel_group = self.surname = None
        self.x = self.target = self.drift = 0.0
        self.lt = self.user = self.moved_out = False
        self.sex, self.birth, self.name, self.high = 'M', 0, '', 0
        self.res, self.lib, self.hist, self.friends, self.family = [], [], [], [], []
        self.aff, self.open_aff = {}, {}


class World:
    def __init__(self, S):
        self.S, self.R, self.rng = S, S['r'], random.Random(S['seed'])
        self.start, self.asof = od(S['start']), od(S['as_of'])
        self.W = (self.asof - self.start) // 7 + 1
        self.groups = {g['name']: dict(g) for g in S['groups']}
        self.agents, self.cases, self.sights, self.links, self.affs, self.heat = [], [], [], [], [], {}

    # ------------------------------------------------------------------ population
    def new(self, kind, role, age, home, male=1.0, **kw):
        r = self.rng
        a = Agent(len(self.agents), kind, role)
        a.sex = 'M' if r.random() < male else 'F'
        a.birth = self.asof - int(r.uniform(*age) * 365.25) - r.randint(0, 364)
        keys = sorted(home)
        k = r.choices(keys, [home[x] for x in keys])[0]
        res = (KBH, A_DIST) if k == 'A' else (KBH, r.choice(B_DISTS)) if k == 'B' else \
            (KBH, k[2:]) if k.startswith('B:') else (k, '')
        a.res.append((self.start - 400, *res))
        for f, v in kw.items(): setattr(a, f, v)
        self.agents.append(a)
        return a
    def build(self):
        S, r = self.S, self.rng
        for g in S['groups']:
            n, h, lts = g['name'], g['home'], []
            for i in range(g['leaders']): self.new('group', 'leader', (30, 46), h, group=n, x=.95)
            for i in range(g['lts']):
                lts.append(self.new('group', 'member', (24, 36), h, group=n, lt=True, x=.9, target=.9))
            for i in range(g['members']):
                self.new('group', 'member', (19, 34), h, group=n, x=r.uniform(.65, .95), target=r.uniform(.7, .9),
                         cell=r.choice(lts) if lts else None)
            for i in range(g['hangers']):
                self.new('group', 'hanger_on', (16, 28), h, group=n, x=r.uniform(.4, .7), target=r.uniform(.45, .85))
            for i in range(g['formers']):
                self.new('group', 'former', (24, 40), h, prev='member', prev_group=n, x=.05,
                         quiet_since=self.start - 7 * r.randint(5, 120))
            for i in range(g.get('relatives', 0)):
                self.new('relative', 'bystander', (15, 60), h, .6, rel_group=n).aff[top(g)] = .25
        gw = sorted((g['name'], g['youth_w']) for g in S['groups'] if g['youth_w'] > 0)
        for i in range(S['n_youth']):
            a = self.new('youth', 'youth', (14, 22), {'A': .6, 'B': .4}, .9, x=r.uniform(.05, .4),
                         drift=1.0 if r.random() < .5 else -1.0)
            a.attach = r.choices([n for n, _ in gw], [w for _, w in gw])[0]
            a.aff[r.choice(S['busy'])] = .15
        for i in range(S['n_background']):
            a = self.new('background', 'background', (17, 55), {'A': .2, 'B': .6, 'Frederiksberg': .1, 'Hvidovre': .05,
                                                                'Gladsaxe': .05}, .8, user=r.random() < .4)
            a.aff[r.choice(local(*a.res[0][1:]))], a.aff[r.choice(S['busy'])] = .2, .08
        for i in range(S['n_victim']):
            self.new('victim', 'victim', (15, 70), {'A': .3, 'B': .5, 'Frederiksberg': .1, 'Rødovre': .1},
                     .6).aff[r.choice(S['busy'])] = .05
        for i in range(S['n_bystander']):
            a = self.new('bystander', 'bystander', (15, 60), {'A': .4, 'B': .4, 'Frederiksberg': .1, 'Albertslund': .05,
                                                              'Gladsaxe': .05}, .7, user=r.random() < .3)
            for p in r.sample(S['busy'], r.randint(1, 2)): a.aff[p] = r.uniform(.25, .7)
        self.friends_and_family()
        used = set()
        for a in self.agents:                                   # synthetic names, unique
            sur = a.surname or r.choice(LAST)
            while True:
                a.name = '%s %s' % (r.choice(FIRST_M if a.sex == 'M' else FIRST_F), sur)
                if a.name not in used: break
                sur = a.surname if a.surname and r.random() < .7 else r.choice(LAST)
            used.add(a.name)
        order = list(self.agents)
        r.shuffle(order)                                        # ids carry no trace of the role
        for i, a in enumerate(order): a.pid = 'R%04d' % (i + 1)
        for a in self.agents:                                   # memberships begun before the window
            if a.role in MIL: self.register(a, a.group, self.start - 7 * r.randint(20, 300), a.role)
            elif a.role == 'former' and r.random() < .6:
                self.register(a, a.prev_group, a.quiet_since - 7 * r.randint(30, 150), 'member')
        for g in S['groups']:                                   # prisoners at the start
            cand = [a for a in self.agents if a.group == g['name'] and a.role in ('member', 'hanger_on')]
            for a in r.sample(cand, min(g['prison'], len(cand))):
                a.dep_start = self.start - 7 * r.randint(10, 100)
                a.lib.append([a.dep_start, self.start + 7 * r.randint(8, 160), 'sentenced'])
    def bond(self, a, b, kind='friends'):
        if a is not b and b not in getattr(a, kind): getattr(a, kind).append(b), getattr(b, kind).append(a)
    def friends_and_family(self):
        r, A = self.rng, self.agents
        by = lambda f: [a for a in A if f(a)]
        for g in self.groups:
            mates = by(lambda a: a.group == g)
            for a in mates:
                for b in r.sample(mates, min(len(mates), r.randint(2, 4))): self.bond(a, b)
        youths, bgs = by(lambda a: a.kind == 'youth'), by(lambda a: a.kind == 'background')
        for a in youths:                        # youths' friends are mostly other youths and background offenders
            same = [b for b in youths if b.attach == a.attach]
            for b in r.sample(same, min(len(same), r.randint(1, 3))) + r.sample(youths, r.randint(0, 2)) + \
                    r.sample(bgs, r.choice([0, 0, 1, 2])):
                self.bond(a, b)
            hang = by(lambda b: b.group == a.attach and b.role == 'hanger_on')
            if hang and r.random() < .5: self.bond(a, r.choice(hang))
        for a in bgs:
            for b in r.sample(bgs, r.randint(1, 3)): self.bond(a, b)
        for g in self.groups.values():                          # family network: households and cousins
            if g['kind'] == 'family':
                fam = by(lambda a: g['name'] in (a.group, a.prev_group, a.rel_group))
                r.shuffle(fam)
                for h in range(4):
                    house, sur = fam[h::4], g['surname'] if h < 3 else r.choice(LAST)
                    for i, a in enumerate(house):
                        a.surname = sur
                        for b in house[i + 1:]: self.bond(a, b, 'family')
                for i, a in enumerate(fam):
                    for b in fam[i + 1:]:
                        if r.random() < .25: self.bond(a, b, 'family')
        for a in A:                                             # younger brothers and other relatives
            if a.kind == 'group' and not a.family and r.random() < .25:
                pool = [y for y in youths if y.attach == a.group and not y.family] or \
                       [b for b in A if b.kind in ('victim', 'bystander') and not b.family]
                if pool:
                    b = r.choice(pool)
                    self.bond(a, b, 'family')
                    a.surname = b.surname = a.surname or r.choice(LAST)

    # ------------------------------------------------------------------ state queries
    def where(self, a, day):                                    # (municipality, district) on that day
        return next((x for x in reversed(a.res) if x[0] <= day), a.res[0])[1:]
    def lib_at(self, a, day):
        return next((iv for iv in a.lib if iv[0] <= day < iv[1]), None)
    def age(self, a, day):
        return (day - a.birth) / 365.25
    def free_in(self, g, day, roles=MIL):
        return [a for a in self.agents if a.group == g and a.role in roles and not self.lib_at(a, day)]
    def pick(self, pool, n, wf):
        pool, out = list(pool), []
        while pool and len(out) < n:
            a = self.rng.choices(pool, [max(wf(a), 1e-6) for a in pool])[0]
            out.append(a)
            pool.remove(a)
        return out

    # ------------------------------------------------------------------ register and liberty
    def register(self, a, g, day, role):
        r, G = self.rng, self.groups.get(g)
        if not G: return
        if g in a.open_aff:
            row = a.open_aff[g]
            if role != 'hanger_on' and row[5] == 'possible' and r.random() < .5: row[5] = 'probable'
            return
        if r.random() >= G['reg'] * {'leader': 1.2, 'member': 1.0, 'hanger_on': .35}[role] * (1.15 if a.lt else 1):
            return
        delay = 7 * r.randint(4, 60 if role != 'hanger_on' else 90)     # registered late, or not yet
        if day + delay > self.asof: return
        if role == 'hanger_on': conf = 'possible' if r.random() < .7 else 'probable'
        else: conf = 'confirmed' if r.random() < (.85 if role == 'leader' or a.lt else .55) else 'probable'
        since = day + r.randint(0, delay)
        self.affs.append([a, g, since, None, r.choice(['EAS', 'EAS', 'Operativ Bande', 'NEC', 'informant']), conf])
        a.open_aff[g] = self.affs[-1]
    def unregister(self, a, g, day):
        row = a.open_aff.pop(g, None)
        if row and self.rng.random() < .45:                     # most ends are never written down
            until = day + 7 * self.rng.randint(2, 40)
            if until <= self.asof: row[3] = max(until, row[2] + 1)
    def arrest(self, a, day, code, force=False):
        r = self.rng
        if self.lib_at(a, day) or (a.lib and a.lib[-1][1] > day) or day >= self.asof: return
        if force or r.random() < CUSTODY_P.get(code, 0):
            s0 = day + r.randint(0, 3)
            e0 = s0 + 7 * r.randint(2, 26)
            a.lib.append([s0, e0, 'custody'])
            if r.random() < .7: a.lib.append([e0, e0 + 7 * r.randint(*SENTENCE_W[code]), 'sentenced'])
            a.dep_start = s0
    def leave(self, a, day, since=None):
        a.prev, a.prev_group = a.role, a.group
        self.unregister(a, a.group, day)
        a.role, a.group, a.quiet_since, a.target, a.lt = 'former', None, since or day, .02, False

    # ------------------------------------------------------------------ one week of latent life
    def step(self, a, day):
        r, R = self.rng, self.R
        if self.lib_at(a, day): return                          # frozen while deprived of liberty
        if a.dep_start is not None:                             # released
            a.released, s0, a.dep_start = day, a.dep_start, None
            if a.role in ('member', 'hanger_on') and r.random() > R['return_p']: self.leave(a, day, since=s0)
        if r.random() < R['move'] * (3 if a.role == 'former' else 1): self.move(a, day)
        age = self.age(a, day)
        if a.role in ('member', 'hanger_on'):
            if a.target > .1 and r.random() < R['desist'] * (1 if a.role == 'member' else 1.8):
                a.target = .05                                  # starts to drift out
            elif a.target <= .1 and r.random() < .01: a.target = r.uniform(.5, .8)
            a.x = min(1, max(0, a.x + .08 * (a.target - a.x) + r.gauss(0, .03)))
            if a.x < .2: self.leave(a, day)                     # left: goes quiet
            elif a.role == 'hanger_on' and a.x >= .75 and age >= 17:
                a.high += 1
                if a.high >= 6:
                    a.role, a.target = 'member', max(a.target, .8)
                    lts = [b for b in self.agents if b.lt and b.group == a.group]
                    a.cell = r.choice(lts) if lts else None
                    self.register(a, a.group, day, 'member')
            elif a.role == 'member' and a.x < .45: a.role, a.high = 'hanger_on', 0
        elif a.role == 'youth':
            if r.random() < .006: a.drift = -a.drift
            a.x = min(1, max(0, a.x + .004 * a.drift + r.gauss(0, .02)))
            if a.x >= .55 and age >= 14 and a.attach in self.groups:
                a.role, a.group, a.target = 'hanger_on', a.attach, r.uniform(.55, .85)
                self.register(a, a.group, day, 'hanger_on')
        elif a.role == 'former' and a.prev in MIL and a.prev_group in self.groups and r.random() < R['relapse']:
            a.role, a.group, a.x, a.target, a.quiet_since = 'hanger_on', a.prev_group, .5, .6, None
            self.register(a, a.group, day, 'hanger_on')
    def move(self, a, day):
        r = self.rng
        (muni, dist), u = self.where(a, day), r.random()
        out = (r.choice(NEIGH), '') if u < .9 else (r.choice(FAR), '')
        if muni == KBH and dist == A_DIST: new = (KBH, r.choice(B_DISTS)) if u < .55 else out
        elif muni == KBH: new = (KBH, A_DIST) if u < .4 else (KBH, r.choice(B_DISTS)) if u < .6 else out
        else: new = (KBH, A_DIST) if u < .3 else (KBH, r.choice(B_DISTS))
        a.moved_out = a.moved_out or (muni == KBH and new[0] != KBH)
        a.res.append((day + r.randint(0, 6), *new))
    def group_events(self, day):
        r = self.rng
        for ev in self.S['events']:
            if not day <= od(ev['date']) < day + 7: continue
            src = ev['src']
            if ev['kind'] == 'merge':                           # part of a crew is absorbed
                lts = [b for b in self.agents if b.lt and b.group == ev['dst']]
                for a in self.agents:
                    if a.group == src and a.role in ('member', 'hanger_on') and a.x > .5 and r.random() < ev['frac']:
                        self.unregister(a, src, day)
                        a.group, a.cell = ev['dst'], (r.choice(lts) if lts else None)
                        self.register(a, a.group, day, a.role)
                continue
            lts = [b for b in self.agents if b.lt and b.group == src and not self.lib_at(b, day)]
            if not lts: continue
            new, boss = ev['new'], r.choice(lts)                # a lieutenant takes his cell with him
            self.groups[new] = dict(ev['spec'])
            boss.role, boss.lt = 'leader', False
            movers = [boss] + [a for a in self.agents if a.group == src and (
                (a.role == 'member' and a.cell is boss and r.random() < .85) or
                (a.role in ('member', 'hanger_on') and a.cell is not boss and r.random() < ev['frac'] * .5))]
            for i, a in enumerate(movers):
                if r.random() < .5: self.unregister(a, src, day)
                a.group, a.cell, a.lt = new, boss, a.lt or (i == 1 and a.role == 'member')
                self.register(a, new, day, a.role)
            for a in self.agents:
                if a.attach == src and a.role == 'youth' and r.random() < ev['frac']: a.attach = new
    def week(self, day):
        self.group_events(day)
        for a in self.agents: self.step(a, day)
        for g, d in self.S['leader_arrests']:                   # an investigation reaches a leader
            if day <= od(d) < day + 7:
                boss = [a for a in self.agents if a.group == g and a.role == 'leader'][0]
                parts = [(boss, 'suspect')] + [(a, 'suspect') for a in self.free_in(g, day, ('member',))[:3]]
                for a, _ in self.add_case(od(d), '84111', self.groups[g]['drugs'], [], parts)['parts']:
                    self.arrest(a, od(d), '84111', force=True)
        self.presence, self.fr = self.present_all(day), {g: self.free_in(g, day) for g in sorted(self.groups)}
        for f in (self.rivalry, self.ordinary, self.drugs, self.patrol, self.intel): f(day)
        for a in self.agents: a.hist.append((a.role, a.group, a.x, a.attach, a.quiet_since, a.prev))

    # ------------------------------------------------------------------ events and their recording
    def present_all(self, day):
        """place -> [(agent, chance of being there on a given visit)] for this week."""
        pres = {}
        for a in self.agents:
            if self.lib_at(a, day): continue
            away = self.where(a, day)[0] != KBH and not a.group
            p = {pl: q * (.3 if away else 1) for pl, q in a.aff.items()}
            g = self.groups.get(a.group) if a.role in MIL else None
            if g:
                f = .35 if a.role == 'leader' else .8 if a.lt else 1
                for pl, q in g['hangouts'].items(): p[pl] = max(p.get(pl, 0), q * f * a.x)
                if g['drugs'] and a.role != 'leader' and a.x > .4: p[g['drugs']] = max(p.get(g['drugs'], 0), .3 * a.x)
            elif a.role == 'youth' and a.attach in self.groups and self.age(a, day) >= 13:
                for pl, q in self.groups[a.attach]['hangouts'].items(): p[pl] = max(p.get(pl, 0), .6 * q * a.x)
            for pl in sorted(p): pres.setdefault(pl, []).append((a, p[pl]))
        return pres
    def mult(self, day, place):
        m = 4.0 if any(od(s) <= day <= od(e) for s, e in self.S['zones']) else 1.0
        return m * (2.5 if self.op_on(place, day) else 1)
    def op_on(self, place, day):
        return any(pl == place and od(s) <= day <= od(e) for pl, s, e in self.S['ops'])
    def name_p(self, a, role):
        if role != 'suspect': return .85 if role == 'victim' else .8
        if a.role == 'youth': return .7
        if a.role not in MIL: return .65
        p = {'leader': self.R['name_leader'], 'member': self.R['name_member'] * (.6 if a.lt else 1)}.get(a.role, .65)
        return min(.95, p * self.groups[a.group]['nf'])
    def add_case(self, day, code, place, tags, parts):
        seen = set()
        ps = [(a, role) for a, role in parts if not (a.k in seen or seen.add(a.k))]
        c = dict(day=min(day, self.asof), code=code, place=place, tags=sorted(tags), parts=ps)
        self.cases.append(c)
        return c
    def record(self, day, code, place, parts, p_rep, conflict=False):
        r, R = self.rng, self.R
        if r.random() >= p_rep: return                          # never reported
        named = [(a, role) for a, role in parts if r.random() < self.name_p(a, role)]
        if r.random() < .3:
            pool = [a for a, _ in self.presence.get(place, []) if a.role in ('bystander', 'victim')] or \
                   [a for a in self.agents if a.role == 'victim']
            named += [(a, 'witness') for a in r.sample(pool, min(len(pool), r.randint(1, 2)))]
        c = self.add_case(day, code, place, ['Bandekonflikt'] if conflict and r.random() < R['p_tag'] else [], named)
        for a, role in c['parts']:
            if role == 'suspect' and code in SERIOUS:
                self.arrest(a, day, code)
                if (a.role in MIL or a.role == 'youth') and r.random() < R['p_phone']: self.phone(a, day)
        if conflict and r.random() < .35:                      # the inquiry at the scene afterwards
            pres = [a for a, p in self.presence.get(place, []) if r.random() < p]
            if pres:
                self.add_case(day + r.randint(0, 3), '61600', place, [],
                              [(a, 'other') for a in r.sample(pres, min(len(pres), r.randint(2, 5)))])
    def when(self, day):
        return min(self.asof, day + self.rng.randint(0, 6))
    def victims(self, n):
        return self.rng.sample([a for a in self.agents if a.role == 'victim'], n)
    def rivalry(self, day):
        r = self.rng
        for ga, gb, s, e, rate, peaks in self.S['rivalries']:
            if not od(s) <= day <= od(e) or ga not in self.groups or gb not in self.groups: continue
            lam = rate * (1 + self.heat.get((ga, gb), 0))       # retaliation raises the heat
            for ps, pe, m in peaks: lam *= m if od(ps) <= day <= od(pe) else 1
            self.heat[(ga, gb)] = self.heat.get((ga, gb), 0) * .8
            if r.random() >= min(lam, .6): continue
            att, vic = (ga, gb) if r.random() < .5 else (gb, ga)
            pool = self.free_in(att, day) + [a for a in self.agents if a.role == 'youth' and a.attach == att
                                              and a.x > .4 and not self.lib_at(a, day)]
            victims = self.pick(self.free_in(vic, day), r.randint(1, 2), lambda a: a.x)
            if not pool or not victims: continue
            attackers = self.pick(pool, r.choice([1, 1, 2, 2, 3, 4]),
                                  lambda a: a.x * (.04 if a.role == 'leader' else .5 if a.lt else 1))
            code = r.choices(['73241', '73251', '73112', '73111'], [55, 35, 8, 2])[0]
            self.heat[(ga, gb)] = self.heat.get((ga, gb), 0) + 1.0
            self.record(self.when(day), code, top(self.groups[vic]), [(a, 'suspect') for a in attackers] +
                        [(a, 'victim') for a in victims],
                        {'73241': self.R['rep_viol'], '73251': self.R['rep_aggr']}.get(code, 1.0), conflict=True)
    def ordinary(self, day):
        r, R = self.rng, self.R
        for a in self.agents:
            if self.lib_at(a, day) or (a.role == 'youth' and self.age(a, day) < 13): continue
            if a.role in MIL or a.role == 'youth':
                g = self.groups.get(a.group or a.attach)
                mates = [b for b in a.friends + self.fr.get(a.group, [])[:6] if b.role != 'leader' and
                         (b.role in MIL or b.role in ('youth', 'background')) and not self.lib_at(b, day)]
                lead = .1 if a.role == 'leader' else 1
                if r.random() < R['viol'] * a.x * lead:
                    co = r.sample(mates, min(len(mates), r.choice([0, 0, 1, 2])))
                    code = '73241' if r.random() < .8 else '73251'
                    pl = r.choice(sorted(g['hangouts'])) if r.random() < .6 else r.choice(local(*self.where(a, day)))
                    self.record(self.when(day), code, pl, [(b, 'suspect') for b in [a] + co] +
                                [(v, 'victim') for v in self.victims(1)],
                                R['rep_viol'] if code == '73241' else R['rep_aggr'])
                if r.random() < R['rob'] * a.x * lead * (2.0 if a.role == 'youth' else g['rob']):
                    yf = [b for b in mates if b.role in ('youth', 'background', 'hanger_on')]
                    co = r.sample(yf, min(len(yf), r.choice([1, 1, 2])))
                    self.record(self.when(day), '76319', r.choice(self.S['busy'] + ['Nørrebrogade', 'Istedgade']),
                                [(b, 'suspect') for b in [a] + co] + [(v, 'victim') for v in self.victims(1)],
                                R['rep_rob'])
            elif a.role == 'background' and r.random() < R['bg']:
                code = r.choices(['75100', '73241', '77000', '84110', '76319', '84111'], [40, 20, 15, 10, 10, 5])[0]
                fr = [b for b in a.friends if b.role == 'background' and not self.lib_at(b, day)]
                parts = [(b, 'suspect') for b in [a] + r.sample(fr, min(len(fr), r.choice([0, 0, 1])))]
                if code in ('73241', '76319', '75100'): parts += [(v, 'victim') for v in self.victims(1)]
                rep = {'75100': .35, '73241': R['rep_viol'], '77000': .8, '84110': .7, '76319': R['rep_rob'],
                       '84111': .3}[code]
                self.record(self.when(day), code, r.choice(local(*self.where(a, day))), parts, rep)
    def drugs(self, day):
        r, R = self.rng, self.R
        for gname in sorted(self.groups):
            pl = self.groups[gname]['drugs']
            if not pl: continue
            dealers = [a for a in self.free_in(gname, day, ('member', 'hanger_on')) if a.x > .4]
            pd = R['p_detect'] * (R['op_mult'] if self.op_on(pl, day) else 1)     # found by police operations
            for a in dealers:
                if r.random() < .6 and r.random() < pd:
                    d, co = self.when(day), [b for b in dealers if b is not a and r.random() < .15][:2]
                    parts = [(b, 'suspect') for b in [a] + co]
                    boss = [b for b in self.agents if b.group == gname and b.role == 'leader']
                    if boss and r.random() < R['name_leader']: parts.append((boss[0], 'suspect'))
                    self.record(d, '84111', pl, parts, 1.0)
                    for b in [b for b, p in self.presence.get(pl, []) if b.user and r.random() < .3][:2]:
                        self.add_case(d, '84110', pl, [], [(b, 'suspect')])
    def patrol(self, day):
        r, R = self.rng, self.R
        for pl in sorted(self.S['patrols']):
            lam = self.S['patrols'][pl] * self.mult(day, pl)
            for _ in range(int(lam) + (1 if r.random() < lam - int(lam) else 0)):
                d = self.when(day)
                for a, p in self.presence.get(pl, []):
                    if r.random() < p and r.random() < R['p_sight']: self.sights.append((a, pl, d))
        for pl in sorted(self.S['sweeps']):                     # stop-and-search: whoever is there
            if r.random() >= min(.9, self.S['sweeps'][pl] * self.mult(day, pl)): continue
            d = self.when(day)
            stopped = [a for a, p in self.presence.get(pl, []) if r.random() < p and r.random() < .5][:12]
            if not stopped: continue
            self.add_case(d, '61615', pl, [], [(a, 'suspect' if r.random() < .35 else 'other') for a in stopped])
            for a in stopped:
                dealer = a.role in ('member', 'hanger_on') and self.groups[a.group]['drugs']
                q = .25 if dealer else .12 if a.role in ('youth', 'hanger_on') else .2 if a.user else .04
                if r.random() < q: self.add_case(d, '84110', pl, ['searched'], [(a, 'suspect')])
                self.sights.append((a, pl, d))
    def closeness(self, a, b):
        c = 0.0
        if a.group and a.group == b.group and b.role in MIL:
            rank = lambda z: 3 if z.role == 'leader' else 2 if z.lt else 1 if z.role == 'member' else 0
            c += {(2, 3): 1.0, (1, 3): .25, (0, 3): .05, (2, 2): .5, (1, 2): .3, (0, 2): .2, (1, 1): .35,
                  (0, 1): .25, (0, 0): .2, (3, 3): .3}[tuple(sorted((rank(a), rank(b))))]
            c += .5 if (a.cell is b or b.cell is a) else 0
        return c + (.5 if b in a.friends else 0) + (.4 if b in a.family else 0)
    def phone(self, a, day):
        """Phone records seized from a suspect: his most frequent contacts over the last months."""
        r, calls, seen = self.rng, [], set()
        for b in a.friends + a.family + [z for z in self.agents if a.group and z.group == a.group]:
            if b is not a and b.k not in seen:
                seen.add(b.k)
                c = self.closeness(a, b)
                if c > 0 and r.random() < min(1, c + .2): calls.append((-max(1, round(c * r.uniform(5, 30))), b.k, b))
        d = day + r.randint(14, 40)
        if d <= self.asof: self.links += [(a, b, 'phone', -w, d, 'phone records') for w, _, b in sorted(calls)[:8]]
    def intel(self, day):
        r, R = self.rng, self.R
        for gname in sorted(self.groups):
            g = self.groups[gname]
            if g['kind'] in ('hierarchy', 'family', 'rival') and r.random() < R['p_informant']:
                tops = [a for a in self.agents if a.group == gname and (a.role == 'leader' or a.lt)]
                mem = [a for a in self.agents if a.group == gname and a.role in MIL]
                if tops and len(mem) > 1:
                    a = r.choice(tops)
                    b = r.choice([m for m in mem if m is not a])
                    if r.random() < .12:                         # informant error: someone merely seen around
                        pool = [z for z, p in self.presence.get(top(g), []) if z.role not in MIL]
                        b = r.choice(pool) if pool else b
                    self.links.append((a, b, 'associate', 1, day, 'informant'))
            if r.random() < R['p_social']:
                yo = [a for a in self.agents if (a.role == 'youth' and a.attach == gname and a.x > .25) or
                      (a.role == 'hanger_on' and a.group == gname)]
                mem = [a for a in self.agents if a.group == gname and a.role == 'member']
                if yo and mem:
                    self.links.append((r.choice(yo), r.choice(mem), 'associate', 1, self.when(day), 'social media'))
    def aff_errors(self):
        """Register errors: non-members seen again and again with members get a 'possible' row."""
        r, byday, co = self.rng, {}, {}
        for a, pl, d in self.sights: byday.setdefault((pl, d), set()).add(a.k)
        for (pl, d), ks in sorted(byday.items()):
            for k in sorted(ks):
                for g in sorted({self.agents[j].group for j in ks if j != k and self.agents[j].role in MIL} - {None}):
                    co.setdefault((k, g), set()).add(d)
        for (k, g), days in sorted(co.items()):
            a = self.agents[k]
            if a.group is None and a.role != 'former' and len(days) >= 5 and g not in a.open_aff and \
                    r.random() < self.R['p_aff_error']:
                row = [a, g, min(days) + 7 * r.randint(2, 30), None, 'EAS', 'possible']
                if row[2] <= self.asof:
                    self.affs.append(row)
                    a.open_aff[g] = row

    # ------------------------------------------------------------------ truth
    def tier_at(self, a, wi):
        """Category a group with perfect knowledge would give at week wi ('' = not on the log)."""
        if wi < 0: return ''
        role, group, x, attach, quiet, prev = a.hist[wi]         # frozen at custody start while deprived
        day = self.start + 7 * wi
        (muni, dist) = self.where(a, day)
        if muni != KBH: return ''
        t = '1' if role in ('leader', 'member') and group else '2' if role == 'hanger_on' and group else \
            '2' if role == 'youth' and attach and x >= .35 and self.age(a, day) >= 14 else \
            '2' if role == 'former' and prev in MIL and quiet is not None and day - quiet < 548 else ''
        return (('A' if dist == A_DIST else 'B') + t) if t else ''
    def label(self, a):
        role, group, x, attach, quiet, prev = a.hist[-1]
        muni = self.where(a, self.asof)[0]
        iv, extra = self.lib_at(a, self.asof), []
        if iv: extra.append('%s since %s' % (iv[2], iso(iv[0])))
        elif a.released: extra.append('released %s' % iso(a.released))
        if muni != KBH: extra.append('lives in %s (not eligible)' % muni)
        if role == 'former':
            gone = (self.asof - quiet) / 30.44
            note = 'left %s %s %.0f months ago' % (prev, a.prev_group, gone)
            lab, note = ('hanger_on', 'winding down: %s (< 18: still bobler)' % note) if gone < 18 else \
                ('released' if a.released else 'former_member', note)
        elif role == 'youth':
            lab, note = 'at_risk_youth', ('drawn toward %s' if x >= .35 else 'drifted away from %s') % attach
        else:
            lab, note = {'leader': ('leader', 'leader of %s' % group),
                         'member': ('member', ('lieutenant in %s' if a.lt else 'core member of %s') % group),
                         'hanger_on': ('hanger_on', 'peripheral in %s' % group),
                         'background': ('background', 'offends outside any milieu'),
                         'victim': ('victim_witness', 'victim or witness only'),
                         'bystander': ('police_contact_only', 'relative in a family network' if a.kind == 'relative'
                                       else 'stopped and seen at busy places only')}[role]
        if a.moved_out and muni != KBH: lab, note = 'moved_away', 'was %s: %s' % (lab, note)
        return lab, '; '.join([note] + extra)
    def stale_log(self):
        """The unit's log some months before as-of: leavers kept, newcomers missing, a few errors."""
        r, ws = self.rng, self.W - 1 - self.S['stale_weeks']
        snap, rows = self.start + 7 * ws, {}
        def run_start(a, wi):
            while wi > 0 and self.tier_at(a, wi - 1): wi -= 1
            return self.start + 7 * wi
        for a in self.agents:
            t, told = self.tier_at(a, ws), self.tier_at(a, ws - 78)
            if t and r.random() < {'leader': .95, 'member': .9, 'hanger_on': .7, 'youth': .45}.get(a.hist[ws][0], .7):
                if r.random() < .08: t = t[0] + ('2' if t[1] == '1' else '1')
                if r.random() < .05: t = ('B' if t[0] == 'A' else 'A') + t[1]
                rows[a.k] = (t, min(snap, run_start(a, ws) + 7 * r.randint(0, 12)))
            elif not t and told and r.random() < .55:
                rows[a.k] = (told, min(snap, run_start(a, ws - 78) + 7 * r.randint(0, 12)))
        noisy = {}                                              # errors: the most often stopped non-members
        for a in [a for c in self.cases if c['day'] <= snap for a, _ in c['parts']]:
            if a.role in ('bystander', 'background', 'victim'): noisy[a.k] = noisy.get(a.k, 0) + 1
        for k in sorted(noisy, key=lambda k: (-noisy[k], k))[:self.R['log_errors']]:
            area = 'A' if self.where(self.agents[k], snap)[1] == A_DIST else 'B'
            rows[k] = (area + '2', snap - 7 * r.randint(4, 40))
        return snap, rows

    # ------------------------------------------------------------------ output
    def write(self, folder):
        ag, A, r = self.agents, self.asof, self.rng
        os.makedirs(os.path.join(folder, 'truth'), exist_ok=True)
        def out(name, header, rows):
            with open(os.path.join(folder, name), 'w', newline='', encoding='utf-8') as f:
                csv.writer(f, lineterminator='\n').writerows([header.split(',')] + list(rows))
        cases = sorted(self.cases, key=lambda c: (c['day'], c['code'], c['place'],
                                                  tuple(sorted(a.pid for a, _ in c['parts']))))
        seq, crow, cprow, susp, seen = {}, [], [], {}, {}
        for c in cases:
            y = date.fromordinal(c['day']).year
            seq[y] = seq.get(y, 0) + 1
            c['id'] = 'S%d-%05d' % (y, seq[y])
            crow.append((c['id'], iso(c['day']), c['code'], c['place'], '|'.join(c['tags'])))
            for a, role in c['parts']:
                cprow.append((c['id'], a.pid, role))
                seen.setdefault(a.k, set()).add(role)
                if role == 'suspect': susp.setdefault(a.k, []).append(c)
        prow = []
        for a in ag:
            muni, dist = self.where(a, A)
            iv, roles = self.lib_at(a, A), seen.get(a.k, set())
            sc = 'convicted' if any(x[2] == 'sentenced' and x[0] <= A for x in a.lib) else \
                next((x for x in ('suspect', 'victim', 'witness') if x in roles), 'associate')
            prow.append((a.pid, a.name, iso(a.birth), muni, dist, *((iv[2], iso(iv[0])) if iv else ('free', '')), sc))
        out('persons.csv', 'id,name,birth_date,municipality,district,status,status_since,subject_category',
            sorted(prow))
        out('cases.csv', 'case_id,date,crime_code,place,tags', crow)
        out('case_persons.csv', 'case_id,person_id,role', sorted(cprow))
        out('affiliations.csv', 'person_id,group,since,until,source,confidence',
            sorted((a.pid, g, iso(s), iso(u) if u else '', src, cf) for a, g, s, u, src, cf in self.affs))
        sights = sorted(set((a.pid, pl, iso(d)) for a, pl, d in self.sights if d <= A))
        out('sightings.csv', 'person_id,place,date', sights)
        lrows = set()
        for a in ag:                                            # family ties as the civil register has them
            for b in sorted(a.family, key=lambda b: b.k):
                if a.k < b.k and r.random() < (.9 if a.kind in ('group', 'relative') else .6):
                    lrows.add((*sorted((a.pid, b.pid)), 'family', 1, iso(A - r.randint(0, 300)), 'register'))
        for a, b, typ, w, d, src in self.links:
            if a is not b and d <= A: lrows.add((*sorted((a.pid, b.pid)), typ, w, iso(d), src))
        out('links.csv', 'source,target,type,weight,date,source_info', sorted(lrows))
        snap, log = self.stale_log()
        out('log.csv', 'person_id,category,since', sorted((ag[k].pid, c, iso(s)) for k, (c, s) in log.items()))
        put(os.path.join(folder, 'policy.yaml'), 'initiative_tags: [searched]\n')
        truth = {a.k: self.tier_at(a, self.W - 1) for a in ag}
        out('truth/log.csv', 'person_id,category', sorted((a.pid, truth[a.k]) for a in ag))
        out('truth/roles.csv', 'person_id,latent_role,note', sorted((a.pid, *self.label(a)) for a in ag))
        put(os.path.join(folder, 'truth', 'as-of.txt'), iso(A) + '\n')
        self.check(folder)
        is_init = lambda c: c['code'] in INITIATIVE or 'searched' in c['tags']
        cats = {c: sum(1 for t in truth.values() if t == c) for c in ('A1', 'A2', 'B1', 'B2')}
        cut, on = A - 548, [k for k, t in truth.items() if t]
        leaders = [a for a in ag if a.hist[-1][0] == 'leader']
        return [
            'persons: %d' % len(ag),
            'cases: %d (initiative: %d = 61600/61615 or tagged searched; Bandekonflikt: %d)' % (
                len(cases), sum(map(is_init, cases)), sum(1 for c in cases if 'Bandekonflikt' in c['tags'])),
            'case_persons %d, affiliations %d, sightings %d, links %d' % (
                len(cprow), len(self.affs), len(sights), len(lrows)),
            'true log: %d (%s)' % (len(on), ', '.join('%s %d' % kv for kv in sorted(cats.items()))),
            'stale log (log.csv, as of %s): %d' % (iso(snap), len(log)),
            'true-log persons with no case as suspect in the last 18 months: %d (%d with no non-initiative case)' % (
                sum(1 for k in on if not any(c['day'] > cut for c in susp.get(k, []))),
                sum(1 for k in on if not any(c['day'] > cut and not is_init(c) for c in susp.get(k, [])))),
            'leaders with no case as suspect at all: %d of %d' % (sum(a.k not in susp for a in leaders), len(leaders)),
            'true-log persons deprived of liberty at as-of: %d' % sum(bool(truth[a.k] and self.lib_at(a, A)) for a in ag)]
    def check(self, folder):
        def rd(n):
            with open(os.path.join(folder, n), encoding='utf-8') as f: return list(csv.DictReader(f))
        ids, cases = {x['id'] for x in rd('persons.csv')}, rd('cases.csv')
        cids = {x['case_id'] for x in cases}
        assert len(ids) == len(self.agents) and len(cids) == len(cases)
        for n in 'case_persons affiliations sightings links log truth/log truth/roles'.split():
            for row in rd(n + '.csv'):                          # every reference resolves
                assert all(row[c] in ids for c in (('source', 'target') if n == 'links' else ('person_id',))), (n, row)
                assert n != 'case_persons' or row['case_id'] in cids, row
        assert len(rd('truth/log.csv')) == len(ids) == len(rd('truth/roles.csv'))
        assert all(not x['until'] or x['until'] >= x['since'] for x in rd('affiliations.csv'))


README = """# {name} — agent-based world (all data synthetic)

Made by `python3 scripts/make-agentworld.py {name}` (seed {seed}). Every person, name, case and visit is invented.

Each person is an agent with a latent state (role, group, residence, liberty, age, an involvement level that drifts
week by week). Events come from those states; a separate recording layer decides what the case system, patrols,
stop-and-search sweeps, phone records, informants, social media and the affiliation register capture (most of it
is never captured). `log.csv` is the unit's log {stale} weeks before as-of: stale, with a few errors. `truth/` is
the latent state at as-of: `truth/log.csv` the log a group with perfect knowledge would keep (resident in
København and in the milieu, or deprived of liberty while in it; leaders and members tier 1, hangers-on, youths
drawn toward a group and those who left less than 18 months ago tier 2), `truth/roles.csv` the latent role.

## Settings

- {summary}
- window {start} – {as_of}; groups: {groups}; group events: {events}
- youths {n_youth}, background offenders {n_background}, victims {n_victim}, bystanders {n_bystander}
- rates: {rates}

## Summary

{lines}
"""


def readme(name, S, lines):
    return README.format(name=name, stale=S['stale_weeks'], groups=', '.join('%s (%s)' % (g['name'], g['kind'])
                         for g in S['groups']), events='; '.join('%s %s' % (e['kind'], e['date']) for e in S['events']),
                         rates=', '.join('%s=%s' % kv for kv in sorted(S['r'].items())),
                         lines='\n'.join('- ' + x for x in lines),
                         **{k: S[k] for k in 'seed summary start as_of n_youth n_background n_victim n_bystander'
                            .split()})


def main(argv):
    for name in argv[1:] or sorted(DRAWS):
        S, w = DRAWS[name], World(DRAWS[name])
        w.build()
        for i in range(w.W): w.week(w.start + 7 * i)
        w.aff_errors()
        folder = os.path.join(OUT, name)
        lines = w.write(folder)
        put(os.path.join(folder, 'README.md'), readme(name, S, lines))
        print('== %s (seed %d, as-of %s)' % (name, S['seed'], S['as_of']))
        print('\n'.join('  ' + x for x in lines))


if __name__ == '__main__': main(sys.argv)
