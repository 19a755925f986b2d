#!/usr/bin/env bash
# Runs one time-boxed shard of a fuzzing campaign (the nightly workflow runs
# four of these in parallel, then ci/merge-report.sh merges them).
#
# Usage: ci/fuzz-shard.sh K/N [OUT_DIR]
#   K/N      the shard: program indices i with i % N == K - 1 of the seed
#   OUT_DIR  the campaign directory to create (default: shard-K); it must not
#            exist yet, or be empty
#
# Environment (all optional):
#   SEED      campaign seed; every shard of one campaign needs the same one
#             (default: today's UTC date, YYYYMMDD)
#   TIME      time box, as tickdiff reads it: 90s, 20m, 1h (default: 20m)
#   ENGINES   backends (default: tickdiff's own, reference,quickjs,boa)
#   BASELINE  known buckets (default: corpus/baseline.yaml)
#   JOBS      threads (default: every core)
#   TICKDIFF  a tickdiff binary to use instead of building one
#             (default: cargo build --release -p harness, target/release/tickdiff)
#
# Exit status: 0 when the campaign ran, whether or not it found a new bucket
# (tickdiff's exit 1: the merge decides what fails); tickdiff's own status
# when it failed (2: bad usage or input; 128+n: killed by signal n).
#
# Example, locally, two shards of a one-minute campaign:
#   SEED=7 TIME=1m ci/fuzz-shard.sh 1/2 /tmp/n/shard-1
#   SEED=7 TIME=1m ci/fuzz-shard.sh 2/2 /tmp/n/shard-2
#   ci/merge-report.sh /tmp/n/merged /tmp/n/shard-1 /tmp/n/shard-2
set -euo pipefail

die() { echo "fuzz-shard: $*" >&2; exit 2; }

[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: $0 K/N [OUT_DIR]"
shard=$1
case $shard in
  [0-9]*/[0-9]*) ;;
  *) die "bad shard '$shard': expected K/N, e.g. 2/4" ;;
esac
k=${shard%%/*}
out=${2:-shard-$k}

root=$(cd "$(dirname "$0")/.." && pwd)
seed=${SEED:-$(date -u +%Y%m%d)}
time_box=${TIME:-20m}
baseline=${BASELINE:-$root/corpus/baseline.yaml}
[ -f "$baseline" ] || die "baseline $baseline not found"

if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
  die "$out exists and is not empty: remove it or choose another directory"
fi

. "$root/ci/tickdiff-binary.sh"

args=(fuzz --seed "$seed" --time "$time_box" --shard "$shard" --baseline "$baseline" --out "$out")
if [ -n "${ENGINES:-}" ]; then args+=(--engines "$ENGINES"); fi
if [ -n "${JOBS:-}" ]; then args+=(--jobs "$JOBS"); fi

echo "fuzz-shard: $tickdiff ${args[*]}"
status=0
"$tickdiff" "${args[@]}" || status=$?
case $status in
  0) echo "fuzz-shard: shard $shard done, no new bucket" ;;
  1) echo "fuzz-shard: shard $shard done, found NEW buckets (the merged report decides)" ;;
  *) echo "fuzz-shard: tickdiff failed with exit status $status" >&2; exit "$status" ;;
esac
