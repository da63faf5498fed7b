#!/usr/bin/env bash
# Checks the meeting pack as a meeting sees it, in a real browser (headless Chromium from the
# distribution's packages, pdfinfo from poppler-utils): prints it to A4 PDF and counts the pages
# (the sample's pack must fit on 20, the meeting's limit), and loads it at 800 and 1400 px wide to check that nothing
# overflows the page horizontally, and that the images zoom. Screenshots and the PDF go to out/pack-check/ (not the repo).
#   bash scripts/check-pack.sh [REPORT_DIR]     (default: builds the sample's pack first)
set -euo pipefail
cd "$(dirname "$0")/.."
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "needs chromium (apt-get install chromium)" >&2; exit 2; }
command -v pdfinfo >/dev/null || { echo "needs pdfinfo (apt-get install poppler-utils)" >&2; exit 2; }
out=out/pack-check
rm -rf "$out"; mkdir -p "$out"
report="${1:-}"
if [ -z "$report" ]; then
  bin="$(swift build --show-bin-path)/sna"
  [ -x "$bin" ] || swift build >&2
  "$bin" report samples/noerrebro -o "$out/report" --generated 2026-01-01 >/dev/null
  report="$out/report"
fi
page="$(cd "$report" && pwd)/index.html"
"$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$out/pack.pdf" "file://$page" 2>/dev/null
pages=$(pdfinfo "$out/pack.pdf" | awk '/^Pages:/ { print $2 }')
echo "A4 pages: $pages (at most 20)"
status=0
[ "$pages" -le 20 ] || status=1
# Overflow: a copy of the page that writes its widest element into the title.
probe="$(dirname "$page")/.overflow-probe.html"
sed 's|</body>|<script>var w = document.documentElement.scrollWidth; document.title = "scrollWidth=" + w + " innerWidth=" + window.innerWidth;</script></body>|' "$page" > "$probe"
for width in 800 1400; do
  title=$("$browser" --headless --no-sandbox --disable-gpu --window-size=$width,900 --dump-dom "file://$probe" 2>/dev/null | grep -m1 -o '<title>scrollWidth[^<]*</title>' || true)
  "$browser" --headless --no-sandbox --disable-gpu --window-size=$width,2000 --screenshot="$out/at-$width.png" "file://$page" 2>/dev/null || true
  sw=$(echo "$title" | sed -E 's/.*scrollWidth=([0-9]+).*/\1/'); iw=$(echo "$title" | sed -E 's/.*innerWidth=([0-9]+).*/\1/')
  echo "at $width px: scrollWidth $sw, innerWidth $iw"
  [ "$sw" -le "$iw" ] || status=1
done
# Zoom: a copy that clicks the first image's "+" and reports the viewBox width before and after.
sed 's|</body>|<script>var s = document.querySelector("figure.graph svg"), w0 = s.viewBox.baseVal.width; document.querySelector(".zoombar button").click(); document.title = "zoom=" + (s.viewBox.baseVal.width / w0).toFixed(2) + " titles=" + document.querySelectorAll("figure.graph g.node title").length;</script></body>|' "$page" > "$probe"
zoom=$("$browser" --headless --no-sandbox --disable-gpu --dump-dom "file://$probe" 2>/dev/null | grep -m1 -o '<title>zoom=[^<]*</title>' || true)
echo "zoom in: ${zoom:-no result}"
case "$zoom" in *zoom=0.60*) ;; *) status=1 ;; esac
rm -f "$probe"
exit $status
