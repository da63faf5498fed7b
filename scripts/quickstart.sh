#!/usr/bin/env bash
# The README's first command: install what is missing, build sna (release), and run the main
# job on the bundled synthetic sample. Outputs go to ./out/ (or the folder given as $1).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out}"

if ! pkg-config --exists sqlite3 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing libsqlite3-dev (the store) ..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libsqlite3-dev pkg-config >/dev/null
  else
    echo "libsqlite3-dev is missing: install it (apt-get install libsqlite3-dev) and run again." >&2
    exit 1
  fi
fi

traits=()
if ! pkg-config --exists libgvc 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing libgraphviz-dev (Graphviz rendering) ..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgraphviz-dev graphviz pkg-config >/dev/null
  else
    echo "libgraphviz-dev not found: building without Graphviz rendering (DOT output still works)." >&2
    traits=(--disable-default-traits)
  fi
fi

echo "Building sna (release) ..." >&2
swift build -c release "${traits[@]}" >&2
bin="$(swift build -c release "${traits[@]}" --show-bin-path)/sna"

sample=samples/noerrebro
mkdir -p "$out"
"$bin" validate "$sample"
"$bin" stats "$sample"
echo
"$bin" centrality "$sample" --measures degree,betweenness,closeness --top 20
"$bin" centrality "$sample" --measures degree,strength,betweenness,closeness,harmonic --format csv -o "$out/scores.csv"
"$bin" export "$sample" --format dot -o "$out/network.dot"
"$bin" export "$sample" --format json --links all -o "$out/network.json"
"$bin" propose "$sample" --all --format csv -o "$out/proposals.csv"
"$bin" candidates "$sample" --n 10 --format csv -o "$out/candidates.csv"
written="scores.csv, network.dot, network.json, proposals.csv, proposals.txt, candidates.csv"
if [ ${#traits[@]} -eq 0 ]; then
  "$bin" render "$sample" -o "$out/network.svg"
  "$bin" render "$sample" --view cluster:0 --color-by group -o "$out/cluster0.png"
  written="$written, network.svg, cluster0.png"
fi
echo
"$bin" propose "$sample" -o "$out/proposals.txt"
head -n 12 "$out/proposals.txt"
echo
echo "Wrote $written in $(cd "$out" && pwd) (sna is at $bin)"
