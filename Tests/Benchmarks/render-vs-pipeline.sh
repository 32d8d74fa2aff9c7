#!/usr/bin/env bash
# Whole-process `falco-ipfeed render --threshold 1` on the IPsum snapshot next to the shell
# pipeline a user would otherwise write, median of RUNS runs each, and the peak RSS of ours.
# Usage: Tests/Benchmarks/render-vs-pipeline.sh [BINARY] [FEED]   (after `make build`)
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=${1:-.build/release/falco-ipfeed}
feed=${2:-../shared/data/ipsum/ipsum-2026-08-22.txt}
runs=${RUNS:-10}
[ -x "$binary" ] || { echo "no $binary: run make build first" >&2; exit 1; }
[ -r "$feed" ] || { echo "no feed at $feed" >&2; exit 1; }

median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    bash -c "$1" > /dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}'
}

ours=$(median_ms "$binary render --threshold 1 $feed")
pipeline=$(median_ms "grep -v '#' $feed | cut -f1 | sed 's/.*/    - \"&\"/' | tr -d '\r'")
startup=$(median_ms "$binary --version")
rss=$( { /usr/bin/time -f %M "$binary" render --threshold 1 "$feed" > /dev/null; } 2>&1 )
echo "render --threshold 1: ${ours} ms median of $runs (process start alone: ${startup} ms)"
echo "shell pipeline:       ${pipeline} ms median of $runs"
awk -v a="$pipeline" -v b="$ours" 'BEGIN { printf "ratio (pipeline / ours): %.2f\n", a / b }'
echo "peak RSS of render:   ${rss} KiB"
