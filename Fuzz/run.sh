#!/usr/bin/env bash
# Builds the libFuzzer harnesses (with AddressSanitizer) and runs each for FUZZ_SECONDS
# (default 300), one after the other, niced. The seed corpus in Corpus/NAME is read only; what
# the fuzzer finds goes to .build/corpus/NAME and is reused by the next run. A crash or a broken
# property leaves .build/findings/NAME-crash-… (replay: .build/release/NAME FILE) and makes
# this script fail. The last lines are a table: executions, executions per second, coverage.
#
#   Fuzz/run.sh [HARNESS…]          every harness when none is named
set -euo pipefail
cd "$(dirname "$0")"

seconds=${FUZZ_SECONDS:-300}
all=(fuzz-address fuzz-feed-ipsum fuzz-feed-plain fuzz-render fuzz-config fuzz-plugin-data
  fuzz-plugin-event)
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${all[@]}")

declare -A dictionary=(
  [fuzz-address]=address [fuzz-feed-ipsum]=feed [fuzz-feed-plain]=feed [fuzz-render]=feed
  [fuzz-config]=config [fuzz-plugin-data]=plugin-data [fuzz-plugin-event]=plugin-event
)

echo "fuzz: building the harnesses (release, -sanitize=fuzzer,address)"
# lld: Debian's gold fails with an internal error on these sanitizer-instrumented objects.
nice -n 10 ${SWIFT:-swift} build -c release \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
bin=$(${SWIFT:-swift} build -c release --show-bin-path)

mkdir -p .build/corpus .build/findings .build/logs
summary=()
failed=()
for name in "${harnesses[@]}"; do
  [ -n "${dictionary[$name]:-}" ] || { echo "fuzz: no harness $name (have: ${all[*]})" >&2; exit 2; }
  mkdir -p ".build/corpus/$name"
  log=".build/logs/$name.log"
  echo "fuzz: $name for ${seconds}s (log: Fuzz/$log)"
  status=0
  # detect_leaks=0: the Swift runtime keeps metadata caches for the life of the process, which
  # LeakSanitizer reports at exit; leaks of our code are checked by Tests/Leaks/run.sh instead.
  ASAN_OPTIONS=detect_leaks=0 nice -n 10 "$bin/$name" \
    -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
    -dict="Dictionaries/${dictionary[$name]}.dict" -artifact_prefix=".build/findings/$name-" \
    ".build/corpus/$name" "Corpus/$name" > "$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  coverage=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -n 1)
  corpus=$(find ".build/corpus/$name" -type f | wc -l)
  if [ "$status" -ne 0 ]; then
    failed+=("$name")
    grep -E 'property broken|ERROR: |Fatal error|SUMMARY' "$log" | head -n 5 >&2 || true
    echo "fuzz: $name FAILED (exit $status); the input is in Fuzz/.build/findings/, see Fuzz/$log" >&2
  fi
  summary+=("$(printf '%-16s %4ss %12s runs %8s/s  %-20s corpus %s' \
    "$name" "$seconds" "${runs:-?}" "${speed:-?}" "${coverage:-cov: ?}" "$corpus")")
done

echo "fuzz: summary"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
