#!/usr/bin/env bash
# Renders a conformance report to a PNG with headless Chromium, to check (or
# show, e.g. as a CI artifact) what the HTML report looks like.
#
# Usage: ci/render-report-screenshot.sh DIR_OR_HTML OUT.png
#   DIR_OR_HTML  a campaign directory (holding campaign.json; rendered with
#                `tickdiff report DIR --format html`) or an .html file.
#   OUT.png      where to write the screenshot (1280 px wide).
#
# Environment:
#   TICKDIFF   the tickdiff binary (default: target/release/tickdiff)
#   CHROMIUM   the browser (default: chromium, as Debian packages it)
#   HEIGHT     the window height in pixels (default: 2000)
#
# Chromium runs fully offline: no network services, no sync, no updates, and
# a throw-away profile; the report itself fetches nothing.
set -euo pipefail

die() { echo "render-report-screenshot: $*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: $0 DIR_OR_HTML OUT.png"
input=$1
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
tickdiff=${TICKDIFF:-$root/target/release/tickdiff}
chromium=${CHROMIUM:-chromium}
height=${HEIGHT:-2000}

command -v "$chromium" >/dev/null 2>&1 \
  || die "'$chromium' not found: install Debian's headless browser (apt-get install -y chromium) or set CHROMIUM"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -d "$input" ]; then
  [ -f "$input/campaign.json" ] || die "$input has no campaign.json"
  [ -x "$tickdiff" ] || die "$tickdiff not found: run 'cargo build --release -p harness' or set TICKDIFF"
  html=$work/report.html
  "$tickdiff" report "$input" --format html --out "$html" || die "tickdiff report failed"
elif [ -f "$input" ]; then
  html=$input
else
  die "$input: no such campaign directory or HTML file"
fi

html_abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
mkdir -p "$(dirname "$out")"
out_abs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
rm -f "$out_abs"

# Headless Chromium occasionally hangs on exit; bound it.
if ! timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-default-apps --hide-scrollbars --user-data-dir="$work/profile" \
  --window-size=1280,"$height" --screenshot="$out_abs" "file://$html_abs" >"$work/chromium.log" 2>&1; then
  cat "$work/chromium.log" >&2
  [ -s "$out_abs" ] || die "chromium failed"
fi
[ -s "$out_abs" ] || { cat "$work/chromium.log" >&2; die "chromium wrote no screenshot"; }
echo "$out_abs"
