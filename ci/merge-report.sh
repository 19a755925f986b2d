#!/usr/bin/env bash
# Merges campaign directories (the shards of one night, or several nights)
# into one conformance report in every format, and decides whether the
# campaign failed: it fails only when the merged report has a NEW bucket,
# one that is not in the baseline the shards ran with.
#
# Usage: ci/merge-report.sh OUT_DIR CAMPAIGN_DIR...
#   OUT_DIR       where to write report.md, report.html, report.junit.xml and
#                 report.json (created if missing)
#   CAMPAIGN_DIR  directories holding a campaign.json (e.g. shard-1 ... shard-4);
#                 one without campaign.json (a shard that failed before its
#                 first batch) is skipped with a warning
#
# Environment (all optional):
#   GITHUB_STEP_SUMMARY  when set, the Markdown report is appended to it
#                        (cut short if it is larger than GitHub accepts)
#   TICKDIFF             a tickdiff binary to use instead of building one
#                        (default: cargo build --release -p harness,
#                        target/release/tickdiff)
#
# Exit status: 0 when every bucket is known, 1 when there are new buckets,
# 2 on errors (no campaign directory, tickdiff failed, no JSON reader).
#
# Example: ci/merge-report.sh merged shard-1 shard-2 shard-3 shard-4
set -euo pipefail

die() { echo "merge-report: $*" >&2; exit 2; }

[ $# -ge 2 ] || die "usage: $0 OUT_DIR CAMPAIGN_DIR..."
out=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)

dirs=()
for d in "$@"; do
  if [ -f "$d/campaign.json" ]; then
    dirs+=("$d")
  else
    echo "merge-report: WARNING: $d has no campaign.json; skipping it" >&2
  fi
done
[ ${#dirs[@]} -gt 0 ] || die "no campaign directory among: $*"

. "$root/ci/tickdiff-binary.sh"

mkdir -p "$out"
for pair in md:report.md html:report.html junit:report.junit.xml json:report.json; do
  format=${pair%%:*}
  file=$out/${pair#*:}
  "$tickdiff" report "${dirs[@]}" --format "$format" --out "$file" || die "tickdiff report --format $format failed"
  echo "merge-report: wrote $file"
done

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  # GitHub accepts up to 1 MiB of step summary per step.
  limit=900000
  if [ "$(wc -c <"$out/report.md")" -le "$limit" ]; then
    cat "$out/report.md" >>"$GITHUB_STEP_SUMMARY"
  else
    {
      head -c "$limit" "$out/report.md"
      printf '\n\n---\n*The report is cut short here; the whole of it is in the report artifact.*\n'
    } >>"$GITHUB_STEP_SUMMARY"
  fi
fi

# New buckets: those the merged report marks known == false. Read with jq,
# else python3, else node.
json=$out/report.json
if command -v jq >/dev/null 2>&1; then
  new=$(jq -r '.buckets[] | select(.known == false) | "\(.id)\t\(.count)\t\(.key)"' "$json") || die "cannot read $json"
elif command -v python3 >/dev/null 2>&1; then
  new=$(python3 -c '
import json, sys
for b in json.load(open(sys.argv[1]))["buckets"].values():
    if b["known"] is False:
        print("%s\t%s\t%s" % (b["id"], b["count"], b["key"]))
' "$json") || die "cannot read $json"
elif command -v node >/dev/null 2>&1; then
  new=$(node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
for (const b of Object.values(r.buckets)) if (b.known === false) console.log(`${b.id}\t${b.count}\t${b.key}`);
' "$json") || die "cannot read $json"
else
  die "need jq, python3 or node to read $json"
fi

if [ -n "$new" ]; then
  echo "merge-report: NEW buckets (not in the baseline):"
  printf '%s\n' "$new" | while IFS=$'\t' read -r id count key; do
    echo "  $id  ${count}x  $key"
  done
  echo "merge-report: see $out/report.md; add them to corpus/baseline.yaml once understood"
  exit 1
fi
echo "merge-report: no new bucket"
