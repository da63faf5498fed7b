#!/usr/bin/env bash
# The README's first command: install what is missing, build sna (release), and run the main
# job — the meeting pack, `sna report` — on the bundled synthetic sample. Outputs go to
# ./out/report/ (or <folder>/report/ for the folder given as $1).
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

# Optional libraries, each behind a trait: Graphviz (rendering) and libxlsxwriter (--format xlsx).
enabled=()
if ! pkg-config --exists libgvc 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing libgraphviz-dev (Graphviz rendering) ..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgraphviz-dev graphviz pkg-config >/dev/null
  else
    echo "libgraphviz-dev not found: building without Graphviz rendering (DOT output still works)." >&2
  fi
fi
pkg-config --exists libgvc 2>/dev/null && enabled+=(Graphviz)
if ! pkg-config --exists xlsxwriter 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing libxlsxwriter-dev (spreadsheet workbooks) ..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxlsxwriter-dev >/dev/null
  else
    echo "libxlsxwriter-dev not found: building without --format xlsx (--csv excel still works)." >&2
  fi
fi
pkg-config --exists xlsxwriter 2>/dev/null && enabled+=(XLSX)
traits=()
if [ "${#enabled[@]}" -lt 2 ]; then
  traits=(--disable-default-traits)
  [ "${#enabled[@]}" -eq 1 ] && traits+=(--traits "${enabled[0]}")
fi

echo "Building sna (release) ..." >&2
swift build -c release "${traits[@]}" >&2
bin="$(swift build -c release "${traits[@]}" --show-bin-path)/sna"

sample=samples/noerrebro
mkdir -p "$out"
"$bin" validate "$sample"
echo
"$bin" centrality "$sample" --measures degree,betweenness,closeness --top 10
echo
echo "Writing the meeting pack (sna report) ..." >&2
report=$("$bin" report "$sample" -o "$out/report")
echo
echo "The meeting pack: $report"
echo "(open it in a browser or print it on A4; the CSV files it summarises are beside it; sna is at $bin)"
