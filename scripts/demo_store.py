#!/usr/bin/env python3
"""The worked example of the store, 2013-2015 (all of it synthetic).

Fills a store the way a unit would over an evaluation period, using only the `sna` command
line: a pull of the synthetic sample at every month's end from May 2013 to December 2015, a
screening of each pull decided by a pretend target-selection group, DKS youth decisions, home
visits and their follow-ups, SSP+ statuses, and a coordination meeting every 8 weeks with its
list of ten and what the meeting did with each person. Every follow-up follows a fixed pattern
(by the item's number), so the same binary gives the same store. Then prints the evaluation.

    python3 scripts/demo_store.py SNA_BINARY OUT_DIR
"""
import csv
import datetime as dt
import io
import os
import subprocess
import sys

sna, out = sys.argv[1], sys.argv[2]
store = os.path.join(out, "sna.sqlite")
os.makedirs(os.path.join(out, "runs"), exist_ok=True)


def run(*args, quiet=True):
    r = subprocess.run([sna, *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"sna {' '.join(args)} failed:\n{r.stderr}")
    return r.stdout


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def day(s):
    return dt.date.fromisoformat(s)


def month_ends(first, last):
    y, m = first
    while (y, m) <= last:
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        yield nxt - dt.timedelta(days=1)
        y, m = nxt.year, nxt.month


def number(item):
    """R12-034 -> 34 (the pattern key)."""
    return int(item.split("-")[-1])


def record(batch, by):
    """Records a batch of follow-ups (item, status, detail, on, note)."""
    if not batch:
        return
    path = os.path.join(out, "runs", "followups.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["item", "status", "detail", "on", "note", "by"])
        for b in batch:
            w.writerow([*b, by[b[1]] if isinstance(by, dict) else by])
    run("followup", "--batch", path, "--store", store)


# The coordination group meets every 8 weeks from Wednesday 19 June 2013.
meetings = []
m = dt.date(2013, 6, 19)
while m <= dt.date(2015, 12, 31):
    meetings.append(m)
    m += dt.timedelta(weeks=8)

# SSP+ statuses by the item's number mod 8: (days after the hand-over, status, detail).
SSP = {
    0: [(20, "no_contact", "custody")],
    1: [(10, "awaiting_letter", "")],
    2: [(21, "contacted", ""), (90, "positive_development", "")],
    3: [(10, "awaiting_letter", ""), (60, "contacted", ""), (150, "positive_development", "")],
    4: [(21, "contacted", ""), (120, "concern", "")],
    5: [(21, "contacted", ""), (100, "positive_development", "")],
    6: [(30, "contacted", ""), (120, "positive_development", "")],
    7: [(21, "contacted", ""), (100, "positive_development", "")],
}
WHO = {"decision": "DKS", "home_visit": "DKS", "follow_up": "DKS"}

for D in month_ends((2013, 5), (2015, 12)):
    d = D.isoformat()
    run("ingest", "samples/noerrebro", "--as-of", d, "--store", store, "--actor", "EAS analyst")
    # The first pull's log.csv is the log as it stood: the screenings begin in June.
    props = [] if D == dt.date(2013, 5, 31) else rows(run("propose", store, "--actor", "EAS analyst", "--format", "csv"))
    # The pretend group accepts the proposals, but rejects every seventh addition.
    path = os.path.join(out, "runs", f"decisions-{d}.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["proposal_id", "decision", "reason"])
        for p in props:
            if p["action"] == "keep":
                continue
            if p["action"] == "add" and number(p["proposal_id"]) % 7 == 0:
                w.writerow([p["proposal_id"], "reject", "demo: the group wants more than one source"])
            else:
                w.writerow([p["proposal_id"], "accept", "demo: agreed"])
    if len(props) > 0 and any(p["action"] != "keep" for p in props):
        run("decide", "--batch", path, "--store", store, "--actor", "target-selection group (demo)")

    batch = []
    # DKS: each due decision on its day (every fifth two days late; every third no talk), each
    # home visit three days after a decision to talk, each follow-up four days before its
    # deadline (every fourth three days late), all up to the month's end.
    items = rows(run("followup", "list", "--store", store, "--format", "csv"))
    for it in items:
        if it["track"] == "youth" and it["status"] == "decision (talk)":
            on = day(it["status_day"]) + dt.timedelta(days=3)
            if on <= D:
                batch.append((it["item"], "home_visit", "", on.isoformat(), "concern talk at home"))
    record(batch, WHO)
    batch = []
    for due in rows(run("followup", "due", "--store", store, "--as-of", d, "--within", "0", "--format", "csv")):
        n, when = number(due["item"]) if due["item"].startswith("R") else 0, day(due["due"])
        if due["kind"] == "decision":
            on = when + dt.timedelta(days=2 if n % 5 == 0 else 0)
            batch.append((due["item"], "decision", "no_talk" if n % 3 == 0 else "talk", min(on, D).isoformat(), ""))
        elif due["kind"] == "follow_up":
            on = when + dt.timedelta(days=3 if n % 4 == 0 else -4)
            if on <= D:
                batch.append((due["item"], "follow_up", "", on.isoformat(), "school and leisure plan checked"))
    record(batch, WHO)
    # SSP+: the pattern's next status, when its day has come.
    batch = []
    for it in items:
        if it["track"] != "ssp":
            continue
        steps = SSP[number(it["item"]) % 8]
        k = 0 if not it["status"] else next((i + 1 for i, s in enumerate(steps) if s[1] == it["status"].split(" ")[0]), len(steps))
        if k < len(steps):
            on = day(it["start"]) + dt.timedelta(days=steps[k][0])
            if on <= D:
                batch.append((it["item"], steps[k][1], steps[k][2], on.isoformat(), ""))
    record(batch, "SSP+")

    # A meeting in the coming month: the list of ten from this pull, and what the meeting did.
    month_after = next(month_ends((D.year + (D.month == 12), D.month % 12 + 1), (2100, 1)))
    for M in [x for x in meetings if D < x <= month_after]:
        listed = rows(run("candidates", store, "--record", "--meeting", M.isoformat(), "--actor", "EAS analyst", "--format", "csv"))
        lists = rows(run("meeting", "list", "--store", store, "--format", "csv"))
        lid = [r["lists"] for r in lists if r["day"] == M.isoformat()][0].split()[-1]
        batch = []
        for r in listed:
            rank, item = int(r["rank"]), f"{lid}/{r['person_id']}"
            batch.append((item, "screened", "", M.isoformat(), ""))
            if rank in (1, 2, 3, 5, 8):
                batch.append((item, "letter_sent", "", M.isoformat(), "joint concern letter"))
            elif rank in (4, 7):
                batch.append((item, "not_relevant", "", M.isoformat(), ""))
            elif rank == 6:
                batch.append((item, "referred", "SSP+", M.isoformat(), ""))
        record(batch, "coordination group (demo)")
