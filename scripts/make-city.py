#!/usr/bin/env python3
"""Generate a synthetic, city-sized "Pin-Point-like" police data set for `sna` (10^4-10^6 persons).

Usage:
    python3 scripts/make-city.py --persons 280000 --seed 1 -o /tmp/city280k

Writes the nine CSV files of the `samples/noerrebro` layout into the output folder (created if
missing), with the same headers: persons.csv, cases.csv, case_persons.csv, affiliations.csv,
sightings.csv, links.csv, log.csv, places.csv, districts.csv. UTF-8 without BOM, comma
delimiter, header row, `\\n` line endings, RFC 4180 quoting only where needed (csv module).

**All data is synthetic.** Names are random combinations of common Danish first and last names;
places are real street/area names of Copenhagen and its suburbs (plus numbered house addresses)
used only as labels; coordinates are approximate district centres with jitter, kept inside
roughly 55.55-55.85 N, 12.25-12.70 E. Every person, case and event is invented.

This is not a tiling of the sample: the structure is generated.
- Persons: weighted Danish name pool (common names repeat a lot; some persons share name and
  birth date, a few are planted double registrations), birth dates 1965-2009 (~12 % minors on
  2015-12-31, ~2 % unknown), ~70 % living in one of ten København districts, ~27 % in 25 other
  municipalities (municipality = district), ~3 % without a district.
- Groups: ~35 % of persons belong to gangs with Pareto-distributed sizes (6..400), each with a
  home district and a few hang-out places; ~5 % of members have two affiliations (brokers with
  two current groups, switchers with an ended past group), some affiliations have ended.
- Cases: ~1.3 per person over 2012-2015, activity heavy-tailed per person; co-offenders mostly
  from the offender's group (or a broker's second group) or district, so the co-offending
  network has components, group clusters and brokers. ~13 % police-initiative codes
  (61600/61615); a few violent group cases tagged `Bandekonflikt` with a rival-group victim.
  Persons have activity windows (some stop offending in 2012-2014, some start in 2015).
- Sightings: ~2 per person; group members seen together (2-6 at a hang-out on one day), single
  persons and pairs, and about one BUSY place-day per 10,000 persons (concerts, festivals,
  sweeps) with 60-1,500 persons at one place on one day (the largest is 1,500 when the data set
  is large enough) to exercise co-presence clique caps.
- links.csv: analyst links for ~3 % of persons (associate/communication/family).
- log.csv: ~2 % of persons, as of early 2015, mostly active København gang members (A = lives
  in Indre or Ydre Nørrebro, B = elsewhere; 1 = core ~30 %, 2 = peripheral), deliberately
  stale: it lists some persons inactive since before 2014, some now living outside København
  and some whose letter no longer matches their district, and omits persons active only in 2015.

The only randomness is one `random.Random(seed)`; nothing iterates a set or dict in an order
that could vary, so the same --persons and --seed give byte-identical files.
Standard library only.
"""

import argparse
import bisect
import csv
import datetime as dt
import itertools
import math
import os
import random
import sys
import time

DAY0 = dt.date(2012, 1, 1).toordinal()
NDAYS = dt.date(2015, 12, 31).toordinal() - DAY0 + 1  # 1461 days, offsets 0..1460
DAYSTR = [dt.date.fromordinal(DAY0 + i).isoformat() for i in range(NDAYS)]
D2013 = dt.date(2013, 1, 1).toordinal() - DAY0
D2014 = dt.date(2014, 1, 1).toordinal() - DAY0
D2015 = dt.date(2015, 1, 1).toordinal() - DAY0
LOG_ASOF = dt.date(2015, 3, 31).toordinal() - DAY0  # the log's own "as of" day
MINOR_CUTOFF = dt.date(1998, 1, 1).toordinal()  # born on/after this: under 18 on 2015-12-31

# ---------------------------------------------------------------------------- name pools
# (name, weight); weights roughly follow the real frequency ranking, heavy at the top.
FIRST = [
    ("Mads", 30), ("Peter", 30), ("Jens", 27), ("Michael", 27), ("Lars", 26), ("Thomas", 25),
    ("Henrik", 22), ("Søren", 22), ("Christian", 21), ("Martin", 21), ("Jan", 20), ("Morten", 19),
    ("Jesper", 19), ("Anders", 18), ("Niels", 17), ("Mikkel", 17), ("Rasmus", 16), ("Frederik", 15),
    ("Kasper", 15), ("Jonas", 15), ("Mathias", 14), ("Nicolai", 14), ("Emil", 13), ("Oliver", 13),
    ("Lucas", 12), ("William", 12), ("Noah", 11), ("Magnus", 11), ("Sebastian", 11), ("Tobias", 10),
    ("Simon", 10), ("Daniel", 10), ("Kenneth", 9), ("Dennis", 9), ("Brian", 9), ("Kim", 9),
    ("Torben", 8), ("Bo", 8), ("Ole", 8), ("Steffen", 7), ("Patrick", 7), ("Danny", 7),
    ("Jacob", 7), ("Victor", 7), ("Alexander", 7), ("Malthe", 6), ("Elias", 6), ("Oscar", 6),
    ("Carl", 6), ("Anton", 6), ("Ali", 8), ("Mohammed", 8), ("Ahmad", 6), ("Omar", 6),
    ("Hassan", 5), ("Yusuf", 5), ("Ibrahim", 5), ("Bilal", 4), ("Hamza", 4), ("Karim", 4),
    ("Samir", 4), ("Mustafa", 4), ("Adam", 5), ("Jamal", 3), ("Tariq", 3), ("Zakaria", 3),
    ("Anne", 6), ("Mette", 6), ("Camilla", 5), ("Louise", 5), ("Maria", 5), ("Sara", 5),
    ("Julie", 4), ("Laura", 4), ("Emma", 4), ("Ida", 4), ("Sofie", 4), ("Fatima", 3),
    ("Amina", 3), ("Line", 3),
]
LAST = [
    ("Jensen", 255), ("Nielsen", 250), ("Hansen", 210), ("Pedersen", 160), ("Andersen", 158),
    ("Christensen", 115), ("Larsen", 111), ("Sørensen", 108), ("Rasmussen", 92), ("Jørgensen", 86),
    ("Petersen", 73), ("Madsen", 62), ("Kristensen", 61), ("Olsen", 46), ("Thomsen", 38),
    ("Christiansen", 36), ("Poulsen", 32), ("Johansen", 31), ("Møller", 30), ("Mortensen", 29),
    ("Knudsen", 26), ("Jakobsen", 25), ("Jacobsen", 20), ("Mikkelsen", 21), ("Olesen", 20),
    ("Frederiksen", 20), ("Laursen", 18), ("Henriksen", 18), ("Lund", 18), ("Schmidt", 17),
    ("Eriksen", 16), ("Holm", 16), ("Kristiansen", 15), ("Clausen", 15), ("Simonsen", 14),
    ("Svendsen", 14), ("Andreasen", 14), ("Iversen", 13), ("Jeppesen", 13), ("Mogensen", 12),
    ("Jespersen", 12), ("Nissen", 12), ("Lauridsen", 12), ("Frandsen", 11), ("Østergaard", 11),
    ("Jepsen", 11), ("Kjær", 11), ("Carlsen", 10), ("Vestergaard", 10), ("Jessen", 10),
    ("Nørgaard", 10), ("Dahl", 10), ("Christoffersen", 9), ("Skov", 9), ("Søndergaard", 9),
    ("Bertelsen", 9), ("Bruun", 9), ("Lassen", 8), ("Bach", 8), ("Gregersen", 8), ("Friis", 8),
    ("Johnsen", 8), ("Steffensen", 8), ("Kjeldsen", 8), ("Bech", 7), ("Krogh", 7), ("Lauritsen", 7),
    ("Danielsen", 7), ("Mathiasen", 7), ("Andresen", 7), ("Brandt", 7), ("Winther", 7),
    ("Toft", 6), ("Ravn", 6), ("Mathiesen", 6), ("Dam", 6), ("Holst", 6), ("Nilsson", 6),
    ("Lind", 6), ("Berg", 6), ("Schou", 6), ("Overgaard", 6), ("Kristoffersen", 5), ("Schultz", 5),
    ("Klausen", 5), ("Karlsen", 5), ("Paulsen", 5), ("Hermansen", 5), ("Thorsen", 5), ("Koch", 5),
    ("Ahmed", 9), ("Ali", 9), ("Hussein", 7), ("Khan", 6), ("Mohammad", 6), ("Yilmaz", 5),
    ("Hassan", 5), ("Said", 4), ("Abdi", 4), ("Omar", 4),
]

# ---------------------------------------------------------------------------- geography
# (district, real population ~2015, lat, lon, crime factor). The first ten are København.
KBH = [
    ("Indre Nørrebro", 41000, 55.6895, 12.5550, 3.0),
    ("Ydre Nørrebro", 39000, 55.7000, 12.5420, 2.6),
    ("Nordvest", 41000, 55.7070, 12.5300, 2.4),
    ("Bispebjerg", 54000, 55.7140, 12.5420, 1.6),
    ("Amager Øst", 58000, 55.6620, 12.6050, 1.2),
    ("Vesterbro", 46000, 55.6690, 12.5500, 1.8),
    ("Østerbro", 76000, 55.7080, 12.5750, 0.8),
    ("Valby", 55000, 55.6630, 12.5050, 1.0),
    ("Brønshøj-Husum", 43000, 55.7100, 12.4900, 1.1),
    ("Amager Vest", 77000, 55.6480, 12.5750, 1.2),
]
OTHER = [
    ("Frederiksberg", 104000, 55.6790, 12.5330, 0.8),
    ("Gladsaxe", 68000, 55.7330, 12.4890, 1.3),
    ("Albertslund", 28000, 55.6570, 12.3550, 1.6),
    ("Hvidovre", 53000, 55.6430, 12.4750, 1.1),
    ("Rødovre", 37000, 55.6810, 12.4540, 1.1),
    ("Brøndby", 35000, 55.6480, 12.4180, 1.6),
    ("Ishøj", 22000, 55.6150, 12.3520, 1.8),
    ("Høje-Taastrup", 50000, 55.6520, 12.2900, 1.3),
    ("Glostrup", 22000, 55.6660, 12.4020, 1.0),
    ("Herlev", 28000, 55.7240, 12.4390, 1.0),
    ("Ballerup", 48000, 55.7310, 12.3630, 1.0),
    ("Tårnby", 42000, 55.6300, 12.6000, 0.9),
    ("Gentofte", 75000, 55.7500, 12.5500, 0.4),
    ("Lyngby-Taarbæk", 55000, 55.7700, 12.5030, 0.5),
    ("Furesø", 39000, 55.7970, 12.3700, 0.5),
    ("Vallensbæk", 15000, 55.6250, 12.3850, 0.8),
    ("Dragør", 14000, 55.5930, 12.6720, 0.4),
    ("Greve", 49000, 55.5830, 12.3000, 0.8),
    ("Rudersdal", 56000, 55.8250, 12.4900, 0.4),
    ("Egedal", 42000, 55.7800, 12.2900, 0.5),
    ("Solrød", 22000, 55.5600, 12.2700, 0.6),
    ("Allerød", 25000, 55.8450, 12.3600, 0.4),
    ("Hørsholm", 25000, 55.8480, 12.5010, 0.4),
    ("Roskilde", 86000, 55.6400, 12.2600, 0.8),
    ("Køge", 59000, 55.5550, 12.2600, 0.9),
]
DISTRICTS = KBH + OTHER
NKBH = len(KBH)
LAT_MIN, LAT_MAX, LON_MIN, LON_MAX = 55.55, 55.85, 12.25, 12.70

# The sample's places, with the sample's coordinates (so names familiar from the sample exist).
SAMPLE_PLACES = [
    ("Amagerbrogade", "Amager Øst", 55.6600, 12.6040), ("Bispebjerg Torv", "Bispebjerg", 55.7110, 12.5360),
    ("Blågårds Plads", "Indre Nørrebro", 55.6873, 12.5580), ("Enghave Plads", "Vesterbro", 55.6680, 12.5440),
    ("Folkets Hus", "Indre Nørrebro", 55.6893, 12.5566), ("Folkets Park", "Indre Nørrebro", 55.6889, 12.5560),
    ("Gadepulsen+", "Indre Nørrebro", 55.6880, 12.5530), ("Istedgade", "Vesterbro", 55.6700, 12.5560),
    ("Lundtoftegade", "Ydre Nørrebro", 55.7005, 12.5470), ("Mjølnerparken", "Ydre Nørrebro", 55.7010, 12.5410),
    ("Nørrebrogade", "Indre Nørrebro", 55.6905, 12.5535), ("Rantzausgade", "Indre Nørrebro", 55.6868, 12.5500),
    ("Rentemestervej", "Nordvest", 55.7080, 12.5290), ("Sankt Hans Torv", "Indre Nørrebro", 55.6920, 12.5620),
    ("Værebro Park", "Gladsaxe", 55.7420, 12.4530),
]
# Large venues where busy place-days (concerts, festivals, sweeps) happen.
LANDMARKS = [
    ("Fælledparken", "Østerbro"), ("Parken", "Østerbro"), ("Rådhuspladsen", "Vesterbro"),
    ("Kødbyen", "Vesterbro"), ("Amager Strandpark", "Amager Øst"), ("Bellahøj Friluftsscene", "Brønshøj-Husum"),
    ("Valbyparken", "Valby"), ("Forum", "Frederiksberg"), ("Frederiksberg Have", "Frederiksberg"),
    ("Superkilen", "Ydre Nørrebro"), ("Nørrebroparken", "Ydre Nørrebro"), ("Bella Center", "Amager Vest"),
    ("Brøndby Stadion", "Brøndby"), ("Arken", "Ishøj"), ("Dyrehavsbakken", "Lyngby-Taarbæk"),
]
BUSY_PLACES = [name for name, _ in LANDMARKS] + ["Nørrebrogade", "Folkets Park", "Istedgade", "Amagerbrogade"]
# Housing estates and hot spots (named, unnumbered).
ESTATES = [
    ("Tingbjerg", "Brønshøj-Husum"), ("Bispeparken", "Bispebjerg"), ("Aldersrogade", "Ydre Nørrebro"),
    ("Titangade", "Ydre Nørrebro"), ("Urbanplanen", "Amager Vest"), ("Hørgården", "Amager Vest"),
    ("Akacieparken", "Valby"), ("Hedemarken", "Albertslund"), ("Gadehavegård", "Høje-Taastrup"),
    ("Tåstrupgård", "Høje-Taastrup"), ("Brøndby Strand", "Brøndby"), ("Ishøj Strand", "Ishøj"),
    ("Avedøre Stationsby", "Hvidovre"), ("Askerød", "Greve"),
    ("Hyldespjældet", "Albertslund"), ("Ellemarken", "Køge"),
]
STREETS = {
    "Indre Nørrebro": ["Nørrebrogade", "Blågårdsgade", "Griffenfeldsgade", "Ravnsborggade", "Elmegade",
                       "Guldbergsgade", "Sankt Hans Gade", "Fælledvej", "Korsgade", "Baggesensgade", "Stengade",
                       "Blegdamsvej", "Ryesgade", "Møllegade"],
    "Ydre Nørrebro": ["Lundtoftegade", "Tagensvej", "Heimdalsgade", "Jagtvej", "Mimersgade", "Haraldsgade",
                      "Glasvej", "Hillerødgade", "Bragesgade", "Vølundsgade", "Rovsingsgade", "Nannasgade"],
    "Nordvest": ["Rentemestervej", "Frederikssundsvej", "Tomsgårdsvej", "Lygten", "Dortheavej", "Hulgårdsvej",
                 "Bogtrykkervej", "Birkedommervej", "Bisiddervej", "Skoleholdervej"],
    "Bispebjerg": ["Tuborgvej", "Bispebjergvej", "Frederiksborgvej", "Emdrupvej", "Lersø Parkallé",
                   "Dortheavej Øst", "Lundehusvej", "Hyltebjerg Allé", "Grundtvigsvej", "Utterslevvej"],
    "Amager Øst": ["Holmbladsgade", "Øresundsvej", "Prags Boulevard", "Sundholmsvej", "Englandsvej",
                   "Lergravsvej", "Strandlodsvej", "Italiensvej", "Amager Strandvej", "Markmandsgade"],
    "Vesterbro": ["Vesterbrogade", "Enghavevej", "Sønder Boulevard", "Halmtorvet", "Gasværksvej",
                  "Vesterfælledvej", "Valdemarsgade", "Skelbækgade", "Sydhavnsgade", "Mozartsvej"],
    "Østerbro": ["Østerbrogade", "Nordre Frihavnsgade", "Strandboulevarden", "Classensgade", "Ryvangs Allé",
                 "Vognmandsmarken", "Lipkesgade", "Æbeløgade", "Randersgade", "Kildevældsgade"],
    "Valby": ["Valby Langgade", "Toftegårds Allé", "Gammel Køge Landevej", "Vigerslevvej", "Ålholmvej",
              "Folehaven", "Mosedalvej", "Annexstræde", "Vigerslev Allé", "Retortvej"],
    "Brønshøj-Husum": ["Husumvej", "Slotsherrensvej", "Krabbesholmvej", "Korsdalsvej", "Gadelandet",
                       "Frederikssundsvej Vest", "Ruten", "Bystævneparken", "Brønshøjvej", "Degnemose Allé"],
    "Amager Vest": ["Amager Boulevard", "Artillerivej", "Ørestads Boulevard", "Gullfossgade", "Islands Brygge",
                    "Sundbyvestervej", "Vejlands Allé", "Peder Lykkes Vej", "Irlandsvej", "Ved Amagerbanen"],
}
SUBURB_STREETS = ["Hovedgaden", "Stationsvej", "Bygaden", "Kirkevej", "Skolevej", "Parkvej", "Industrivej",
                  "Søndergade", "Vestergade", "Østergade", "Ringvejen", "Engvej", "Bakkevej", "Møllevej",
                  "Torvet", "Centervej", "Idrætsvej", "Banegårdsvej"]
GENERIC_PREFIX = ["Birke", "Ege", "Bøge", "Hassel", "Ahorn", "Lærke", "Mølle", "Skole", "Kirke", "Kilde",
                  "Sø", "Eng", "Mark", "Skov", "Rose", "Linde", "Kastanje", "Valmue", "Hvede", "Havre",
                  "Humle", "Sol", "Vester", "Øster", "Nørre", "Sønder", "Strand", "Park", "Bakke", "Dal",
                  "Tjørne", "Pile", "Elme", "Grøn", "Fugle", "Rønne", "Hyben", "Syrens", "Agern", "Hede"]
GENERIC_SUFFIX = ["vej", "gade", "allé", "stræde", "parken", "høj", "toften", "vænget", "haven", "lund",
                  "bakken", "agervej"]
VENUES = ["Station", "Bibliotek", "Idrætspark", "Fritidsklub", "Bycenter", "Skole", "Svømmehal", "Torv"]

# ---------------------------------------------------------------------------- case vocab
# Non-initiative codes weighted as the sample's cases with known suspects; initiative codes
# (61600 inquiry, 61615 stop-and-search) make ~13 % of all cases.
CODES = ["73241", "76319", "84110", "84111", "73251", "73112", "73111", "73131", "61615", "61600"]
_NONINIT = [143, 84, 119, 107, 51, 7, 3, 1]
_S = sum(_NONINIT)
CODE_W = [w / _S * 0.87 for w in _NONINIT] + [0.13 * 0.70, 0.13 * 0.30]
INITIATIVE = {8, 9}
VIOLENT = {0, 4, 5, 6, 7}  # 73xxx
TAGS = ["", "Bandekonflikt", "Bandekonflikt|Skud"]
ROLES = ["suspect", "victim", "witness"]
AFF_SOURCES = ["EAS", "informant", "operative unit", "registry"]
AFF_SOURCE_W = [35, 22, 30, 13]
CONFIDENCE = ["confirmed", "probable", "possible"]
CONFIDENCE_W = [40, 35, 25]
STATUS = ["free", "custody", "sentenced"]
# Co-offender choice (cumulative thresholds of one uniform draw).
P_OWN_GROUP, P_OTHER_GROUP = 0.88, 0.91   # gang member: own group, another group of the district, else a local non-member
P_CREW, P_LOCAL = 0.85, 0.97              # non-member: own crew, a local offender, else anyone


def cumw(weights):
    return list(itertools.accumulate(weights))


def clamp(x, lo, hi):
    return lo if x < lo else hi if x > hi else x


class City:
    def __init__(self, n, seed, verbose=False):
        self.n = n
        self.rng = random.Random(seed)
        self.verbose = verbose
        self.t0 = time.time()

    def say(self, what):
        if self.verbose:
            print(f"[{time.time() - self.t0:6.1f}s] {what}", file=sys.stderr)

    # ------------------------------------------------------------------ persons
    def make_persons(self):
        n, rng = self.n, self.rng
        rnd = rng.random
        self.first = rng.choices(range(len(FIRST)), weights=[w for _, w in FIRST], k=n)
        self.last = rng.choices(range(len(LAST)), weights=[w for _, w in LAST], k=n)
        birth = [0] * n  # ordinal, 0 = unknown
        minor_years = list(range(1998, 2010))
        minor_w = cumw([10, 10, 9, 8, 6, 4, 3, 2, 2, 1, 1, 1])
        for i in range(n):
            r = rnd()
            if r < 0.02:
                continue
            if r < 0.14:
                y = minor_years[bisect.bisect_right(minor_w, rnd() * minor_w[-1])]
            else:
                y = min(1997, int(rng.triangular(1965, 1998, 1991)))
            start = dt.date(y, 1, 1).toordinal()
            birth[i] = start + int(rnd() * (dt.date(y, 12, 31).toordinal() - start + 1))
        # Planted double registrations: the same name and birth date under a second id.
        self.dup_of = {}
        for i in range(1, n):
            if rnd() < 0.003:
                j = rng.randrange(i)
                self.first[i], self.last[i], birth[i] = self.first[j], self.last[j], birth[j]
                self.dup_of[i] = j
        self.birth = birth
        # Age on 2014-07-01 (middle of the window) decides whether and how much one offends.
        mid = dt.date(2014, 7, 1).toordinal()
        self.age = [((mid - b) // 365 if b else 30) for b in birth]
        # Activity windows: most persons span the whole period, some stop, some start late.
        af, au = [0] * n, [NDAYS - 1] * n
        for i in range(n):
            r = rnd()
            if r < 0.18:
                au[i] = rng.randint(180, D2015 - 1)   # stops offending between mid-2012 and 2014
            elif r < 0.26:
                af[i] = rng.randint(D2015, NDAYS - 60)  # newly active in 2015
            elif r < 0.36:
                af[i] = rng.randint(0, D2014)
        self.af, self.au = af, au
        # Victim/witness-only persons (never suspects): ~12 %, plus young children.
        self.vw_only = [rnd() < 0.12 or self.age[i] < 12 for i in range(n)]
        self.say(f"persons: {n}")

    # ------------------------------------------------------------------ groups
    def make_groups(self):
        n, rng = self.n, self.rng
        eligible = [i for i in range(n) if not self.vw_only[i] and 14 <= self.age[i] <= 50]
        rng.shuffle(eligible)
        target = min(len(eligible), round(0.35 * n))
        sizes = []
        left = target
        while left > 0:
            s = min(400, int(6 * rng.paretovariate(1.25)))
            if s > left:
                s = left
            if s < 6 and sizes:
                sizes[-1] += s
            else:
                sizes.append(s)
            left -= s
        # Group homes: mostly the crime-heavy districts (~75 % in København).
        home_w = [(p / 1000.0) * f * f * (1.0 if k < NKBH else 0.55) for k, (_, p, _, _, f) in enumerate(DISTRICTS)]
        home_cw = cumw(home_w)
        names, used = [], set()
        fixed = [("LTF", 0), ("BGP", 0), ("Værebro", NKBH + 1)]
        homes = []
        letters = "ABCDEFGHIJKLMNOPRSTUVYZ"
        for g in range(len(sizes)):
            if g < len(fixed):
                nm, h = fixed[g]
            else:
                h = bisect.bisect_right(home_cw, rng.random() * home_cw[-1])
                L = rng.choices((2, 3, 4), (15, 70, 15))[0]
                base = "".join(rng.choice(letters) for _ in range(L))
                nm, k = base, 1
                while nm in used:
                    k += 1
                    nm = f"{base}{k}"
            used.add(nm)
            names.append(nm)
            homes.append(h)
        self.gname, self.ghome = names, homes
        grp = [-1] * n
        members = []
        pos = 0
        for g, s in enumerate(sizes):
            mem = sorted(eligible[pos:pos + s])
            pos += s
            members.append(mem)
            for p in mem:
                grp[p] = g
        self.grp, self.members = grp, members
        self.dgroups = [[] for _ in DISTRICTS]  # groups by home district
        for g, h in enumerate(homes):
            self.dgroups[h].append(g)
        self.say(f"groups: {len(sizes)}, members {target}, largest {max(sizes) if sizes else 0}")

    # ------------------------------------------------------------------ residence
    def make_residence(self):
        n, rng = self.n, self.rng
        rnd = rng.random
        kbh_w = cumw([p * f ** 0.7 for (_, p, _, _, f) in KBH])
        oth_w = cumw([p * f ** 0.7 for (_, p, _, _, f) in OTHER])

        def general():
            r = rnd()
            if r < 0.03:
                return -2 if r < 0.01 else -1  # -2: København, district unknown; -1: nothing known
            if r < 0.73:
                return bisect.bisect_right(kbh_w, rnd() * kbh_w[-1])
            return NKBH + bisect.bisect_right(oth_w, rnd() * oth_w[-1])

        dis = [0] * n
        grp, ghome = self.grp, self.ghome
        for i in range(n):
            g = grp[i]
            if g >= 0 and rnd() < 0.6:
                dis[i] = ghome[g]
            else:
                dis[i] = general()
        for i, j in sorted(self.dup_of.items()):
            if rnd() < 0.5:
                dis[i] = dis[j]
        self.dis = dis
        self.say("residence")

    # ------------------------------------------------------------------ places
    def make_places(self):
        n, rng = self.n, self.rng
        dindex = {d[0]: k for k, d in enumerate(DISTRICTS)}
        places = []  # (name, district index, lat, lon, weight)
        used = set()

        def jitter(k, s=1.0):
            _, _, lat, lon, _ = DISTRICTS[k]
            return (clamp(lat + rng.gauss(0, 0.006 * s), LAT_MIN, LAT_MAX),
                    clamp(lon + rng.gauss(0, 0.010 * s), LON_MIN, LON_MAX))

        def add(name, k, lat, lon, w):
            used.add(name)
            places.append((name, k, lat, lon, w))

        for name, d, lat, lon in SAMPLE_PLACES:
            add(name, dindex[d], lat, lon, 10.0)
        for name, d in LANDMARKS:
            add(name, dindex[d], *jitter(dindex[d], 0.5), 1.5)
        for name, d in ESTATES:
            add(name, dindex[d], *jitter(dindex[d], 0.5), 8.0)
        total = max(20, round(n / 40))
        rest = max(0, total - len(places))
        # Quota per district: residents weighted by crime factor (largest remainder).
        res = [0] * len(DISTRICTS)
        for d in self.dis:
            if d >= 0:
                res[d] += 1
        w = [(res[k] + 1) * DISTRICTS[k][4] for k in range(len(DISTRICTS))]
        sw = sum(w)
        raw = [rest * x / sw for x in w]
        quota = [int(x) for x in raw]  # every district also gets its "<district> Station" below
        order = sorted(range(len(DISTRICTS)), key=lambda k: (-(raw[k] - quota[k]), k))
        for k in order[:rest - sum(quota)]:
            quota[k] += 1
        generic = [p + s for p in GENERIC_PREFIX for s in GENERIC_SUFFIX]
        counter = {}  # street -> last house number (global, so "Stationsvej 7" is one place)
        for k, (dname, _, _, _, _) in enumerate(DISTRICTS):
            q = max(1, quota[k])
            venues = [f"{dname} {v}" for v in VENUES]
            for v in venues:
                if q <= 0:
                    break
                if v not in used:
                    add(v, k, *jitter(k), 3.0)
                    q -= 1
            streets = list(STREETS.get(dname, SUBURB_STREETS))
            rng.shuffle(streets)
            si = 0
            while q > 0:
                st = streets[si % len(streets)]
                num = counter.get(st, 0) + rng.randint(1, 3)
                if num > 240:  # street full: replace it with a generic one
                    streets.remove(st)
                    streets.append(rng.choice(generic))
                    continue
                si += 1
                counter[st] = num
                name = f"{st} {num}"
                if name in used:
                    continue
                add(name, k, *jitter(k), min(20.0, rng.paretovariate(1.5)))
                q -= 1
        places.sort(key=lambda p: p[0])
        self.places = places
        self.pname = [p[0] for p in places]
        self.pdis = [p[1] for p in places]
        pw = [p[4] for p in places]
        self.place_cw = cumw(pw)
        self.dplaces = [[] for _ in DISTRICTS]
        for i, p in enumerate(places):
            self.dplaces[p[1]].append(i)
        self.dplace_cw = [cumw([pw[i] for i in lst]) for lst in self.dplaces]
        pidx = {nm: i for i, nm in enumerate(self.pname)}
        self.busy_places = [pidx[nm] for nm in BUSY_PLACES]
        # Group hang-outs: a few (weighted) places in the home district.
        self.hang = []
        for g, h in enumerate(self.ghome):
            want = min(len(self.dplaces[h]), 2 + len(self.members[g]) // 50)
            chosen = []
            tries = 0
            while len(chosen) < want and tries < 50:
                tries += 1
                p = self.dplaces[h][bisect.bisect_right(self.dplace_cw[h], rng.random() * self.dplace_cw[h][-1])]
                if p not in chosen:
                    chosen.append(p)
            self.hang.append(chosen or [self.dplaces[h][0]])
        self.say(f"places: {len(places)}")

    def place_in(self, k):
        """A place in district k (weighted), or anywhere if k < 0."""
        if k < 0:
            return bisect.bisect_right(self.place_cw, self.rng.random() * self.place_cw[-1])
        cw = self.dplace_cw[k]
        return self.dplaces[k][bisect.bisect_right(cw, self.rng.random() * cw[-1])]

    # ------------------------------------------------------------------ activity and pools
    def make_activity(self):
        n, rng = self.n, self.rng
        act = [0.0] * n
        for i in range(n):
            if self.vw_only[i]:
                continue
            a = self.age[i]
            af = 0.7 if a < 18 else 1.2 if a <= 30 else 0.8 if a <= 40 else 0.4
            w = min(18.0, rng.paretovariate(1.7)) * af
            if self.grp[i] >= 0:
                w *= 2.2
            elif rng.random() < 0.35:
                w *= 0.3
            act[i] = w
        self.act = act
        # Brokers (two current groups) and switchers (an ended past group): ~5 % of members.
        self.grp2 = {}
        self.past = {}
        for g, mem in enumerate(self.members):
            for p in mem:
                r = rng.random()
                if r < 0.05 and len(self.members) > 1:
                    h = self.ghome[g]
                    cands = [x for x in self.dgroups[h] if x != g]
                    g2 = rng.choice(cands) if cands and rng.random() < 0.7 else rng.randrange(len(self.members))
                    if g2 == g:
                        continue
                    if r < 0.035:
                        self.grp2[p] = g2
                    else:
                        self.past[p] = g2
        # Weighted pools.
        self.gcw = [cumw([act[p] + 0.05 for p in mem]) for mem in self.members]
        self.dsus = [[] for _ in DISTRICTS]
        self.dvic = [[] for _ in DISTRICTS]
        for i in range(n):
            d = self.dis[i]
            if d >= 0:
                if act[i] > 0:
                    self.dsus[d].append(i)
                self.dvic[d].append(i)
                if self.vw_only[i]:
                    self.dvic[d].extend((i, i))
        self.dsus_cw = [cumw([act[p] for p in lst]) for lst in self.dsus]
        self.dnon = [[p for p in lst if self.grp[p] < 0] for lst in self.dsus]  # non-members only
        self.dnon_cw = [cumw([act[p] for p in lst]) for lst in self.dnon]
        self.gsus = [i for i in range(n) if act[i] > 0]
        self.gsus_cw = cumw([act[p] for p in self.gsus])
        # Non-member offenders form small local crews (1 = lone offender), so that outside the
        # gangs the co-offending network falls into many small components.
        self.crew = [-1] * n
        self.crews = []
        crew_sizes, crew_w = [1, 2, 3, 4, 5, 6, 8], cumw([30, 25, 18, 11, 7, 5, 4])
        for lst in self.dnon + [[i for i in self.gsus if self.dis[i] < 0 and self.grp[i] < 0]]:
            lst = list(lst)
            rng.shuffle(lst)
            pos = 0
            while pos < len(lst):
                k = crew_sizes[bisect.bisect_right(crew_w, rng.random() * crew_w[-1])]
                c = sorted(lst[pos:pos + k])
                pos += k
                for p in c:
                    self.crew[p] = len(self.crews)
                self.crews.append(c)
        self.say(f"activity: brokers {len(self.grp2)}, switchers {len(self.past)}")

    def pick_member(self, g):
        cw = self.gcw[g]
        return self.members[g][bisect.bisect_right(cw, self.rng.random() * cw[-1])]

    def pick_district(self, d, non_members=False):
        """An offender living in district d (weighted by activity), anywhere if d < 0."""
        lst, cws = (self.dnon, self.dnon_cw) if non_members else (self.dsus, self.dsus_cw)
        if d < 0 or not lst[d]:
            return self.gsus[bisect.bisect_right(self.gsus_cw, self.rng.random() * self.gsus_cw[-1])]
        cw = cws[d]
        return lst[d][bisect.bisect_right(cw, self.rng.random() * cw[-1])]

    def contact(self, p, d, non_members):
        """A co-offender from outside p's group or crew: p has only one to three such contacts
        over the years (repeat co-offending), drawn once from district d (anywhere if d < 0)."""
        lst = self.contacts.get(p)
        if lst is None:
            lst = self.contacts[p] = []
        if not lst or (len(lst) < 3 and self.rng.random() < 0.25):
            lst.append(self.pick_district(d, non_members))
        return lst[int(self.rng.random() * len(lst))]

    def pick_victim(self, d):
        lst = self.dvic[d] if d >= 0 and self.dvic[d] else None
        if lst is None:
            return self.rng.randrange(self.n)
        return lst[int(self.rng.random() * len(lst))]

    # ------------------------------------------------------------------ cases
    def make_cases(self):
        n, rng = self.n, self.rng
        rnd = rng.random
        m = round(1.3 * n)
        prim = [self.gsus[bisect.bisect_right(self.gsus_cw, rnd() * self.gsus_cw[-1])] for _ in range(m)]
        codes = rng.choices(range(len(CODES)), weights=CODE_W, k=m)
        sus_cw = cumw([30, 30, 20, 12, 8])      # suspects per case, gang member offender
        sus_cw_non = cumw([55, 25, 12, 5, 3])   # non-member offender: mostly alone
        self.contacts = {}
        c_day, c_place, c_tag, c_start = [0] * m, [0] * m, [0] * m, [0] * (m + 1)
        cp_p, cp_r = [], []
        grp, grp2, dis, af, au, crew = self.grp, self.grp2, self.dis, self.af, self.au, self.crew
        n_susp = [0] * n
        first_s = [NDAYS] * n
        last_s = [-1] * n
        for c in range(m):
            p = prim[c]
            code = codes[c]
            init = code in INITIATIVE
            day = af[p] + int(rnd() * (au[p] - af[p] + 1))
            g = grp[p]
            d = dis[p]
            cw = sus_cw if g >= 0 else sus_cw_non
            ns = 1 + bisect.bisect_right(cw, rnd() * cw[-1])
            sus = [p]
            g2 = grp2.get(p, -1)
            for _ in range(ns - 1):
                for _try in range(2):
                    r = rnd()
                    if g >= 0:
                        if g2 >= 0 and r < 0.35:
                            q = self.pick_member(g2)  # a broker brings in his second group
                        elif r < P_OWN_GROUP:
                            q = self.pick_member(g)
                        elif r < P_OTHER_GROUP:
                            dg = self.dgroups[self.ghome[g]]
                            q = self.pick_member(dg[int(rnd() * len(dg))])
                        else:
                            q = self.contact(p, d, True)  # a local non-member
                    else:
                        cr = self.crews[crew[p]] if crew[p] >= 0 else ()
                        if r < P_CREW and len(cr) > 1:
                            q = cr[int(rnd() * len(cr))]
                        elif r < P_LOCAL:
                            q = self.contact(p, d, False)
                        else:
                            q = self.contact(p, -1, False)
                    if af[q] <= day <= au[q] and q not in sus:
                        sus.append(q)
                        break
            # Place: hang-outs for group members, else mostly the offender's district.
            r = rnd()
            if g >= 0 and r < (0.55 if init else 0.35):
                h = self.hang[g]
                place = h[int(rnd() * len(h))]
            elif r < 0.85:
                place = self.place_in(d)
            else:
                place = self.place_in(-1)
            pd = self.pdis[place]
            tag = 0
            rows = [(q, 0) for q in sus]
            if not init:
                if code in VIOLENT and g >= 0 and len(rows) < 5 and rnd() < 0.08:
                    tag = 2 if rnd() < 0.12 else 1
                    rivals = [x for x in self.dgroups[self.ghome[g]] if x != g]
                    if rivals and rnd() < 0.8:
                        rg = rivals[int(rnd() * len(rivals))]
                    else:
                        rg = int(rnd() * len(self.members))
                    if rg != g:
                        v = self.members[rg][int(rnd() * len(self.members[rg]))]
                        if v not in sus:
                            rows.append((v, 1))
                if len(rows) < 5 and rnd() < 0.30:
                    v = self.pick_victim(pd)
                    if all(v != x for x, _ in rows):
                        rows.append((v, 1))
                if len(rows) < 5 and rnd() < 0.12:
                    v = self.pick_victim(pd)
                    if all(v != x for x, _ in rows):
                        rows.append((v, 2))
            c_day[c], c_place[c], c_tag[c] = day, place, tag
            c_start[c] = len(cp_p)
            for q, role in rows:
                cp_p.append(q)
                cp_r.append(role)
                if role == 0:
                    n_susp[q] += 1
                    if day < first_s[q]:
                        first_s[q] = day
                    if day > last_s[q]:
                        last_s[q] = day
        c_start[m] = len(cp_p)
        self.m = m
        self.c_day, self.c_code, self.c_place, self.c_tag, self.c_start = c_day, codes, c_place, c_tag, c_start
        self.cp_p, self.cp_r = cp_p, cp_r
        self.n_susp, self.first_s, self.last_s = n_susp, first_s, last_s
        self.case_role = [0] * n  # bit 1 victim, bit 2 witness
        for q, r in zip(cp_p, cp_r):
            if r:
                self.case_role[q] |= r
        self.say(f"cases: {m}, case_persons {len(cp_p)}, max cases per person {max(n_susp)}")

    # ------------------------------------------------------------------ sightings
    def make_sightings(self):
        n, rng = self.n, self.rng
        rnd = rng.random
        P = len(self.pname)
        keys = []
        # Busy place-days: ~1 per 10,000 persons, 60..1,500 persons each (log-uniform), the
        # largest forced to 1,500 when the data set is big enough.
        nb = max(1, round(n / 10000))
        busy_days = set()
        self.busy = []
        for b in range(nb):
            size = 1500 if b == 0 else int(math.exp(rng.uniform(math.log(60), math.log(1500))))
            size = min(size, max(2, n // 5))
            while True:
                place = self.busy_places[int(rnd() * len(self.busy_places))]
                day = int(rnd() * NDAYS)
                if (day, place) not in busy_days:
                    busy_days.add((day, place))
                    break
            d = self.pdis[place]
            local = self.dvic[d]
            seen = set()
            lst = []
            while len(lst) < size:
                q = local[int(rnd() * len(local))] if (local and rnd() < 0.3) else int(rnd() * n)
                if q not in seen:
                    seen.add(q)
                    lst.append(q)
            base = (day * P + place) * n
            keys.extend(base + q for q in lst)
            self.busy.append((DAYSTR[day], self.pname[place], size))
        # Group co-presence: 2-6 members at a hang-out (or a home-district place) on one day.
        sz_cw = cumw([30, 28, 20, 12, 10])
        for g, mem in enumerate(self.members):
            if len(mem) < 2:
                continue
            h = self.hang[g]
            home = self.ghome[g]
            for _ in range(round(len(mem) * 0.9)):
                k = min(len(mem), 2 + bisect.bisect_right(sz_cw, rnd() * sz_cw[-1]))
                place = h[int(rnd() * len(h))] if rnd() < 0.8 else self.place_in(home)
                lead = self.pick_member(g)
                day = self.af[lead] + int(rnd() * (self.au[lead] - self.af[lead] + 1))
                who = [lead]
                for _t in range(3 * k):
                    if len(who) >= k:
                        break
                    q = self.pick_member(g)
                    if q not in who:
                        who.append(q)
                base = (day * P + place) * n
                keys.extend(base + q for q in who)
        # Single persons and pairs around their own district.
        left = 2 * n - len(keys)
        dis = self.dis
        while left > 0:
            p = int(rnd() * n)
            d = dis[p]
            place = self.place_in(d) if (d >= 0 and rnd() < 0.8) else self.place_in(-1)
            day = int(rnd() * NDAYS)
            base = (day * P + place) * n
            keys.append(base + p)
            left -= 1
            if rnd() < 0.3:
                q = self.pick_victim(d)
                if q != p:
                    keys.append(base + q)
                    left -= 1
        keys.sort()
        out = []
        prev = -1
        for k in keys:
            if k != prev:
                out.append(k)
                prev = k
        self.sight_keys = out
        self.say(f"sightings: {len(out)}, busy place-days {nb}, largest {max(s for _, _, s in self.busy)}")

    # ------------------------------------------------------------------ links
    def make_links(self):
        n, rng = self.n, self.rng
        rnd = rng.random
        L = round(0.018 * n)  # about 3 % of persons appear in a link
        bysur = [[] for _ in LAST]
        for i, s in enumerate(self.last):
            bysur[s].append(i)
        mem_all = [i for i in range(n) if self.grp[i] >= 0]
        mem_cw = cumw([self.act[i] + 0.1 for i in mem_all])
        seen = set()
        links = []
        tries = 0
        while len(links) < L and tries < 20 * L + 100:
            tries += 1
            if mem_all and rnd() < 0.8:
                s = mem_all[bisect.bisect_right(mem_cw, rnd() * mem_cw[-1])]
            else:
                s = self.pick_district(-1)
            r = rnd()
            g = self.grp[s]
            if r < 0.2:
                typ = "family"
                lst = bysur[self.last[s]]
                t = -1
                for _ in range(20):
                    q = lst[int(rnd() * len(lst))]
                    if q != s and self.dis[q] == self.dis[s]:
                        t = q
                        break
                if t < 0:
                    t = lst[int(rnd() * len(lst))]
                weight = rng.randint(4, 5)
                src = "registry"
            else:
                typ = "communication" if r < 0.6 else "associate"
                if g >= 0 and rnd() < 0.85:
                    g2 = self.grp2.get(s, -1)
                    t = self.pick_member(g2 if (g2 >= 0 and rnd() < 0.4) else g)
                else:
                    t = self.pick_district(self.dis[s])
                if typ == "communication":
                    weight = rng.randint(1, 5)
                    src = rng.choices(["wiretap summary", "informant", "operative unit"], (60, 20, 20))[0]
                else:
                    weight = rng.randint(1, 3)
                    src = rng.choices(["operative unit", "informant"], (55, 45))[0]
            if t == s:
                continue
            key = min(s, t) * n + max(s, t)
            if key in seen:
                continue
            seen.add(key)
            links.append((int(rnd() * NDAYS), s, t, typ, weight, src))
        links.sort()
        self.links = links
        self.say(f"links: {len(links)}")

    # ------------------------------------------------------------------ log
    def make_log(self):
        n, rng = self.n, self.rng
        rnd = rng.random
        L = max(1, round(0.02 * n))
        ns, fs, ls, dis, grp = self.n_susp, self.first_s, self.last_s, self.dis, self.grp
        chosen = {}  # person -> (letter flip?, since)

        def topk(cands, k, weight):
            keyed = sorted(((rnd() ** (1.0 / weight(p)), p) for p in cands), reverse=True)
            return [p for _, p in keyed[:k]]

        in_kbh = lambda p: 0 <= dis[p] < NKBH
        active = lambda p: ns[p] > 0 and ls[p] >= D2014 and fs[p] < D2015
        n_stale = round(0.12 * L)
        n_out = round(0.05 * L)
        n_flip = round(0.06 * L)
        n_non = round(0.07 * L)
        n_main = L - n_stale - n_out - n_flip - n_non
        main = [p for p in range(n) if grp[p] >= 0 and in_kbh(p) and active(p)]
        for p in topk(main, n_main + n_flip, lambda p: ns[p] + 0.5):
            chosen[p] = False
        flips = [p for p in sorted(chosen) if rnd() < 0.25][:n_flip]
        for p in flips:
            chosen[p] = True
        stale = [p for p in range(n) if grp[p] >= 0 and in_kbh(p) and ns[p] > 0 and ls[p] < D2014 and p not in chosen]
        for p in topk(stale, n_stale, lambda p: ns[p] + 0.5):
            chosen[p] = False
        outside = [p for p in range(n) if grp[p] >= 0 and not in_kbh(p) and active(p) and p not in chosen]
        for p in topk(outside, n_out, lambda p: ns[p] + 0.5):
            chosen[p] = False
        non = [p for p in range(n) if grp[p] < 0 and in_kbh(p) and active(p) and ns[p] >= 3 and p not in chosen]
        for p in topk(non, n_non, lambda p: ns[p] + 0.5):
            chosen[p] = False
        people = sorted(chosen)
        score = sorted(((ns[p] * rng.uniform(0.7, 1.3), p) for p in people), reverse=True)
        core = set(p for _, p in score[:round(0.3 * len(people))])
        log = []
        for p in people:
            a = dis[p] in (0, 1)
            if chosen[p]:
                a = not a
            cat = ("A" if a else "B") + ("1" if p in core else "2")
            lo = min(fs[p], LOG_ASOF)
            hi = max(lo, min(ls[p], LOG_ASOF))
            since = rng.randint(lo, hi)
            log.append((p, cat, since))
        self.log = log
        self.say(f"log: {len(log)}")

    # ------------------------------------------------------------------ status / category
    def make_status(self):
        n, rng = self.n, self.rng
        rnd = rng.random
        status, subj = [0] * n, [""] * n
        logged = set(p for p, _, _ in self.log)
        for i in range(n):
            r = rnd()
            if self.grp[i] >= 0 or i in logged:
                status[i] = 0 if r < 0.80 else 1 if r < 0.88 else 2
            elif self.n_susp[i] > 0:
                status[i] = 0 if r < 0.93 else 1 if r < 0.96 else 2
            if self.n_susp[i] > 0:
                subj[i] = "convicted" if (status[i] == 2 or rnd() < 0.3) else "suspect"
            elif self.case_role[i] & 1:
                subj[i] = "victim"
            elif self.case_role[i] & 2:
                subj[i] = "witness"
            else:
                subj[i] = "associate"
        self.status, self.subj = status, subj

    # ------------------------------------------------------------------ write
    def write(self, out):
        os.makedirs(out, exist_ok=True)
        pid = [f"P{i + 1:07d}" for i in range(self.n)]

        def w(name, header, rows):
            with open(os.path.join(out, name), "w", encoding="utf-8", newline="", buffering=1 << 20) as f:
                wr = csv.writer(f, delimiter=",", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
                wr.writerow(header)
                wr.writerows(rows)

        fnames, lnames = [x for x, _ in FIRST], [x for x, _ in LAST]

        def persons():
            for i in range(self.n):
                d = self.dis[i]
                if d >= 0:
                    muni, dist = ("København" if d < NKBH else DISTRICTS[d][0]), DISTRICTS[d][0]
                elif d == -2:
                    muni, dist = "København", ""
                else:
                    muni, dist = "", ""
                b = self.birth[i]
                yield (pid[i], f"{fnames[self.first[i]]} {lnames[self.last[i]]}",
                       dt.date.fromordinal(b).isoformat() if b else "", muni, dist,
                       STATUS[self.status[i]], self.subj[i])
        w("persons.csv", ["id", "name", "birth_date", "municipality", "district", "status", "subject_category"], persons())

        order = sorted(range(self.m), key=self.c_day.__getitem__)
        cid = [""] * self.m
        counters = {}
        for c in order:
            y = DAYSTR[self.c_day[c]][:4]
            k = counters.get(y, 0) + 1
            counters[y] = k
            cid[c] = f"C{y}-{k:06d}"
        w("cases.csv", ["case_id", "date", "crime_code", "place", "tags"],
          ((cid[c], DAYSTR[self.c_day[c]], CODES[self.c_code[c]], self.pname[self.c_place[c]], TAGS[self.c_tag[c]])
           for c in order))
        cs, cpp, cpr = self.c_start, self.cp_p, self.cp_r
        w("case_persons.csv", ["case_id", "person_id", "role"],
          ((cid[c], pid[cpp[j]], ROLES[cpr[j]]) for c in order for j in range(cs[c], cs[c + 1])))

        def affiliations():
            rng = self.rng
            for i in range(self.n):
                g = self.grp[i]
                if g < 0:
                    continue
                rows = []
                conf = lambda: rng.choices(CONFIDENCE, CONFIDENCE_W)[0]
                src = lambda: rng.choices(AFF_SOURCES, AFF_SOURCE_W)[0]
                lo = max(0, self.af[i] - 90)
                if i in self.past:
                    base = min(max(lo, 200), NDAYS - 1)
                    since = rng.randint(base, min(NDAYS - 1, base + 1000))
                    ps = rng.randint(0, since - 150)
                    pu = rng.randint(ps + 60, since - 1)
                    rows.append((ps, self.gname[self.past[i]], DAYSTR[pu], src(), conf()))
                else:
                    since = min(NDAYS - 1, lo + int(rng.triangular(0, NDAYS - 1 - lo, 0)))
                since = min(since, NDAYS - 1)
                until = ""
                if rng.random() < 0.04 and since < NDAYS - 200:
                    until = DAYSTR[rng.randint(since + 90, NDAYS - 1)]
                rows.append((since, self.gname[g], until, src(), conf()))
                if i in self.grp2:
                    s2 = rng.randint(0, NDAYS - 1)
                    rows.append((s2, self.gname[self.grp2[i]], "", src(),
                                 rng.choices(CONFIDENCE, (20, 40, 40))[0]))
                rows.sort()
                for s, gn, u, so, co in rows:
                    yield (pid[i], gn, DAYSTR[s], u, so, co)
        w("affiliations.csv", ["person_id", "group", "since", "until", "source", "confidence"], affiliations())

        n, P = self.n, len(self.pname)

        def sightings():
            for k in self.sight_keys:
                rest, q = divmod(k, n)
                day, place = divmod(rest, P)
                yield (pid[q], self.pname[place], DAYSTR[day])
        w("sightings.csv", ["person_id", "place", "date"], sightings())
        w("links.csv", ["source", "target", "type", "weight", "date", "source_info"],
          ((pid[s], pid[t], typ, wt, DAYSTR[d], src) for d, s, t, typ, wt, src in self.links))
        w("log.csv", ["person_id", "category", "since"], ((pid[p], cat, DAYSTR[s]) for p, cat, s in self.log))
        w("places.csv", ["place", "district", "latitude", "longitude"],
          ((nm, DISTRICTS[k][0], f"{lat:.4f}", f"{lon:.4f}") for nm, k, lat, lon, _ in self.places))
        scale = self.n * 20 / sum(d[1] for d in DISTRICTS)
        drows = []
        for name, pop, _, _, _ in sorted(DISTRICTS, key=lambda d: d[0]):
            base = pop * scale
            for y in range(4):
                drows.append((name, round(base * (1 + 0.01 * y)), 2012 + y))
        w("districts.csv", ["district", "population", "year"], drows)
        self.say(f"written to {out}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--persons", type=int, default=280000, help="number of persons (default 280000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("-o", "--out", required=True, help="output folder (created if missing)")
    ap.add_argument("-v", "--verbose", action="store_true", help="progress and counts on stderr")
    a = ap.parse_args()
    if a.persons < 100:
        ap.error("--persons must be at least 100")
    city = City(a.persons, a.seed, a.verbose)
    city.make_persons()
    city.make_groups()
    city.make_residence()
    city.make_places()
    city.make_activity()
    city.make_cases()
    city.make_sightings()
    city.make_links()
    city.make_log()
    city.make_status()
    city.write(a.out)
    big = max(city.busy, key=lambda b: b[2])
    print(f"make-city: {a.persons} persons, {city.m} cases, {len(city.sight_keys)} sightings; "
          f"largest busy place-day {big[2]} persons at {big[1]} on {big[0]} -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
