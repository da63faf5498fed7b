#!/usr/bin/env bash
# A worked example of the store: three screenings of the synthetic sample (as of 2014-12-31,
# 2015-06-30 and 2015-12-31), each proposal accepted by a pretend target-selection group
# ("demo"), then the log's history and a meeting pack from the store. Writes out/demo/.
#   bash scripts/demo-store.sh            (run scripts/quickstart.sh first, or have sna built)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build -c release --show-bin-path)/sna"
[ -x "$bin" ] || swift build -c release >&2
out="${1:-out/demo}"
rm -rf "$out"; mkdir -p "$out"
store="$out/sna.sqlite"
for day in 2014-12-31 2015-06-30 2015-12-31; do
  "$bin" ingest samples/noerrebro --as-of "$day" --store "$store" --by analyst
  "$bin" propose "$store" --by analyst --format csv -o "$out/proposals-$day.csv"
  # The pretend group accepts every proposal (a real group decides one by one).
  awk -F, 'NR > 1 && $3 != "keep" { print $1 ",accept,demo: every proposal accepted" }' "$out/proposals-$day.csv" \
    | sed '1i proposal_id,decision,reason' > "$out/decisions-$day.csv"
  "$bin" decide --batch "$out/decisions-$day.csv" --store "$store" --by "demo group" | tail -n 1
done
echo
"$bin" log stats --store "$store"
echo
"$bin" audit verify --store "$store"
"$bin" report --store "$store" -o "$out/report" --by analyst
