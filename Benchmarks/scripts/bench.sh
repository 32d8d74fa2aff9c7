#!/usr/bin/env bash
# make bench: falco-ipfeed's costs, side by side with what a user would run instead.
# Prints tables; fails on no timing. Needs the release binary (make build) and the benchmark
# executable (Benchmarks/, swift build -c release).
#
# Environment: BENCH_SIZES (default "10000 100000 1000000 5000000"), BENCH_RUNS (default 11),
# BENCH_FLEET_HOSTS (default 200), BENCH_SNAPSHOT (default ../shared/data/ipsum/…).
set -euo pipefail
cd "$(dirname "$0")/../.."
top=$PWD
binary=$top/.build/release/falco-ipfeed
bench=$top/Benchmarks/.build/release/falco-ipfeed-bench
scripts=$top/Benchmarks/scripts
snapshot=${BENCH_SNAPSHOT:-$top/../shared/data/ipsum/ipsum-2026-08-22.txt}
sizes=${BENCH_SIZES:-10000 100000 1000000 5000000}
runs=${BENCH_RUNS:-11}
[ -x "$binary" ] || { echo "bench: no $binary: run make build first" >&2; exit 1; }
[ -x "$bench" ] || { echo "bench: no $bench: run make bench" >&2; exit 1; }
work=$(mktemp -d /tmp/falco-ipfeed-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

section() { printf '\n== %s\n' "$*"; }

echo "falco-ipfeed benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
  "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$("$binary" --version), runs per figure: $runs (median, min–max)"

feeds=()
if [ -r "$snapshot" ]; then
  cp "$snapshot" "$work/snapshot.txt"
  feeds+=(snapshot)
else
  echo "bench: the IPsum snapshot is not at $snapshot: its rows are skipped"
fi
for size in $sizes; do
  "$bench" generate "$size" "$work/gen-$size.txt"
  "$bench" generate "$size" "$work/gen-$size-changed.txt" 5
  feeds+=("gen-$size")
done
# The snapshot with 5% of its addresses replaced: the feed of a later day.
[ -r "$snapshot" ] && "$bench" change "$work/snapshot.txt" "$work/snapshot-changed.txt" 5

section "the cycle's stages in one process (threshold 1; diff against the feed with 5% changed)"
for feed in "${feeds[@]}"; do
  changed=$work/$feed-changed.txt
  [ -r "$changed" ] || changed=""
  echo "-- $feed"
  "$bench" stages "$work/$feed.txt" $changed "$runs"
done

# Writes a config for one state directory and one feed file, threshold 1, no Falco.
config() { # NAME FEED
  mkdir -p "$work/$1/rules.d"
  cat > "$work/$1.yaml" <<YAML
interval: 1m
jitter: 0s
state_directory: $work/$1/state
sources:
  - name: ipsum
    url: file://$2
    threshold: 1
output:
  path: $work/$1/rules.d/falco-ipfeed.yaml
falco:
  reload: none
  validate: never
safety:
  max_removed_percent: 100
YAML
}

if [ -r "$snapshot" ]; then
  section "render the snapshot, whole process, against the shell pipeline and Python (same file)"
  "$binary" render --threshold 1 "$work/snapshot.txt" > "$work/ours.yaml"
  sh "$scripts/pipeline.sh" "$work/snapshot.txt" > "$work/pipeline.yaml"
  python3 "$scripts/ipsum_to_falco.py" 1 "$work/snapshot.txt" > "$work/python.yaml"
  grep '^    - "' "$work/ours.yaml" > "$work/ours.items"
  grep '^    - "' "$work/python.yaml" > "$work/python.items"
  cut -d'"' -f2 "$work/ours.items" | sort > "$work/ours.sorted"
  sed -n 's/^  items: \[\(.*\)\]$/\1/p' "$work/pipeline.yaml" | tr ',' '\n' | tr -d '"' | sort \
    > "$work/pipeline.sorted"
  if cmp -s "$work/ours.items" "$work/python.items" \
    && cmp -s "$work/ours.sorted" "$work/pipeline.sorted"; then
    echo "output checked: the same $(wc -l < "$work/ours.items") addresses from all three" \
      "(Python's in the same order and bytes)"
  else
    echo "bench: the outputs differ: compare $work/ours.items, python.items, pipeline.sorted" >&2
    trap - EXIT
    exit 1
  fi
  "$bench" compare "$runs" \
    "falco-ipfeed render" "$binary render --threshold 1 $work/snapshot.txt" \
    "shell pipeline" "sh $scripts/pipeline.sh $work/snapshot.txt" \
    "python3 script" "python3 $scripts/ipsum_to_falco.py 1 $work/snapshot.txt" \
    "falco-ipfeed --version" "$binary --version"
fi

section "render, whole process, by feed size"
compare_args=()
for feed in "${feeds[@]}"; do
  compare_args+=("render $feed" "$binary render --threshold 1 $work/$feed.txt")
done
"$bench" compare "$runs" "${compare_args[@]}"

section "once: first (empty journal), unchanged (same file), 5% changed (two files in turn)"
for feed in "${feeds[@]}"; do
  [ "$feed" = gen-5000000 ] && continue  # 5M is beyond any real feed: render alone covers it
  config "first-$feed" "$work/$feed.txt"
  config "same-$feed" "$work/$feed.txt"
  config "changing-$feed" "$work/changing-$feed.txt"
  cp "$work/$feed.txt" "$work/changing-$feed.txt"
  "$binary" once --config "$work/same-$feed.yaml" > /dev/null 2>&1
  "$binary" once --config "$work/changing-$feed.yaml" > /dev/null 2>&1
  other=$work/$feed-changed.txt
  address=$(grep -m1 '^    - "' "$work/same-$feed/rules.d/falco-ipfeed.yaml" | cut -d'"' -f2)
  echo "-- $feed"
  "$bench" compare "$runs" \
    "once, first" "rm -rf $work/first-$feed/state $work/first-$feed/rules.d/*; $binary once --config $work/first-$feed.yaml" \
    "once, unchanged" "$binary once --config $work/same-$feed.yaml" \
    "once, 5% changed" "if cmp -s $work/changing-$feed.txt $other; then cp $work/$feed.txt $work/changing-$feed.txt; else cp $other $work/changing-$feed.txt; fi; $binary once --config $work/changing-$feed.yaml" \
    "lookup" "$binary lookup --config $work/same-$feed.yaml $address"
done

bash "$scripts/daemon.sh" "$binary" "$work" "${feeds[0]}"

if command -v valgrind > /dev/null; then
  section "instructions (valgrind --tool=callgrind; repeatable on a noisy machine)"
  instructions() { # NAME COMMAND…
    local name=$1
    shift
    local count
    count=$( (valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 > /dev/null \
      || true) | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    printf '%-40s %12s\n' "$name" "$(printf "%'d" "$count" 2>/dev/null || echo "$count")"
  }
  # Valgrind 3.19 cannot read the DWARF 5 of the Swift build: count on a copy without it.
  objcopy --strip-debug "$binary" "$work/falco-ipfeed"
  feed=${feeds[0]}
  instructions "falco-ipfeed --version" "$work/falco-ipfeed" --version
  instructions "render $feed" "$work/falco-ipfeed" render --threshold 1 "$work/$feed.txt"
  # The pipeline's six processes, summed.
  pipeline=$( (valgrind --tool=callgrind --trace-children=yes --callgrind-out-file=/dev/null \
    sh "$scripts/pipeline.sh" "$work/$feed.txt" 2>&1 > /dev/null || true) \
    | awk '/Collected :/ {sum += $4} END {print sum}')
  printf '%-40s %12s\n' "shell pipeline $feed (all its processes)" "$pipeline"
  instructions "once unchanged $feed" "$work/falco-ipfeed" once --config "$work/same-$feed.yaml"
  rm -rf "$work/first-$feed/state" "$work/first-$feed/rules.d/"*
  instructions "once first $feed" "$work/falco-ipfeed" once --config "$work/first-$feed.yaml"
else
  echo "(valgrind is not installed: no instruction counts)"
fi

section "bytes on the wire: ${feeds[0]} from loopback nginx (gzip), first poll and a 304"
python3 "$scripts/fleet.py" "$binary" "$work/${feeds[0]}.txt" --hosts 1 --rounds 2 --interval 1 \
  --jitter 0 --cache-seconds 60 --json \
  | python3 -c 'import json, sys; r = json.load(sys.stdin); print("200 with the gzip body: %d bytes; 304: %d bytes" % (r["bytes_first_poll"], r["bytes_304"]))'

section "a fleet behind one cache: generated 10k-address feed"
"$bench" generate 10000 "$work/fleet.txt"
python3 "$scripts/fleet.py" "$binary" "$work/fleet.txt" --hosts "${BENCH_FLEET_HOSTS:-200}"
