#!/usr/bin/env bash
# The daemon's cycles: CPU of an unchanged cycle, of a changed one, RSS, idle CPU.
# Usage: daemon.sh BINARY WORK FEED   (FEED names $WORK/FEED.txt and $WORK/FEED-changed.txt)
set -euo pipefail
binary=$1 work=$2 feed=$3
scripts=$(dirname "$0")
other=$work/$feed-changed.txt
mkdir -p "$work/daemon/rules.d"
cat > "$work/daemon.yaml" <<YAML
interval: 6h
jitter: 0s
state_directory: $work/daemon/state
sources:
  - name: ipsum
    url: file://$work/daemon/feed.txt
    threshold: 1
output:
  path: $work/daemon/rules.d/falco-ipfeed.yaml
falco:
  reload: none
  validate: never
safety:
  max_removed_percent: 100
YAML
printf '\n== the daemon (%s, threshold 1): cycles triggered by SIGUSR1\n' "$feed"
python3 "$scripts/daemon_cycles.py" "$binary" "$work/daemon.yaml" "$work/daemon/feed.txt" \
  "$work/$feed.txt" "$other" "${BENCH_DAEMON_CYCLES:-20}" "${BENCH_DAEMON_CHANGED:-40}" \
  "${BENCH_IDLE_SECONDS:-20}"
