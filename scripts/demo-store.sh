#!/usr/bin/env bash
# The worked example of the store, 2013-2015 (all synthetic): a pull of the sample at every
# month's end from May 2013 to December 2015, each screening decided by a pretend
# target-selection group, DKS decisions, home visits and follow-ups, SSP+ statuses, and a
# coordination meeting every 8 weeks with its list and outcomes (scripts/demo_store.py); then
# the evaluation, the log's figures, the audit check and a meeting pack. Writes out/demo/.
#   bash scripts/demo-store.sh            (run scripts/quickstart.sh first, or have sna built)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build -c release --show-bin-path)/sna"
[ -x "$bin" ] || swift build -c release >&2
out="${1:-out/demo}"
rm -rf "$out"; mkdir -p "$out"
store="$out/sna.sqlite"
python3 scripts/demo_store.py "$bin" "$out"
"$bin" log evaluation --store "$store" --from 2013-05-31 --to 2015-12-31 --format csv -o "$out/evaluation.csv"
"$bin" log evaluation --store "$store" --from 2013-05-31 --to 2015-12-31
echo
"$bin" followup due --store "$store" --as-of 2015-12-31
echo
"$bin" audit verify --store "$store"
"$bin" report --store "$store" -o "$out/report" --actor analyst
