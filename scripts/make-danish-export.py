#!/usr/bin/env python3
"""samples/export-dk: the synthetic sample as a Danish unit's systems and Excel export it.

Danish headers, `;` as the delimiter, UTF-8 with BOM, CRLF line ends; the folkeregister
municipality under a header of the unit's own (`folkeregister_kommune`), which
samples/export-dk/columns.yaml maps. All data synthetic (the sample's). Deterministic.
"""
import csv, io, os, sys
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
src, out = os.path.join(root, "samples/noerrebro"), os.path.join(root, "samples/export-dk")
headers = {
    "persons.csv": {"name": "navn", "birth_date": "fødselsdato", "municipality": "folkeregister_kommune", "district": "bydel"},
    "cases.csv": {"case_id": "sagsnummer", "date": "dato", "crime_code": "gerningskode", "place": "sted", "tags": "nøgleord"},
    "case_persons.csv": {"case_id": "sagsnummer", "role": "rolle"},
    "affiliations.csv": {"group": "gruppe", "since": "fra", "until": "til", "source": "kilde", "confidence": "sikkerhed"},
    "sightings.csv": {"place": "sted", "date": "dato"},
    "links.csv": {"type": "relation", "date": "dato"},
    "log.csv": {"category": "kategori", "since": "siden"},
}
os.makedirs(out, exist_ok=True)
for name, rename in headers.items():
    with open(os.path.join(src, name), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[0] = [rename.get(h, h) for h in rows[0]]
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    with open(os.path.join(out, name), "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())
with open(os.path.join(out, "columns.yaml"), "w", encoding="utf-8") as f:
    f.write("# The unit's own headers (our column: your header); Danish headers sna knows need no line here.\n"
            "persons:\n  municipality: folkeregister_kommune\n")
with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
    f.write("# export-dk: the sample as a Danish export\n\n**All data synthetic** (samples/noerrebro's). "
            "Danish headers, `;`, UTF-8 with BOM, CRLF, as the case system and Excel write them; the municipality "
            "column under the unit's own header, mapped by `columns.yaml`. Made by `python3 scripts/make-danish-export.py`.\n")
