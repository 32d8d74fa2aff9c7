#!/usr/bin/env bash
# falco-ipfeed under LeakSanitizer: builds the binary with -sanitize=address (LeakSanitizer is
# part of AddressSanitizer on Linux) into .build-asan and runs `once` through the four kinds of
# cycle: first run (200, file written), unchanged (304), changed (200, new list), failed (the
# server is gone; then a feed rejected as HTML). HTTP goes through libcurl to a loopback server
# (python3 -m http.server, which answers If-Modified-Since with 304).
#
# Then the Falco plugin, loaded by its C test harness as Falco loads it.
#
# A leak report is allowed only when no frame of it is in falco-ipfeed's own modules
# (IPFeedCore, IPFeedSystem, IPFeedPlugin, the falco_ipfeed executable); a leak of ours fails.
#
#   Tests/Leaks/run.sh        (make leaks)
set -euo pipefail
cd "$(dirname "$0")/../.."

build=.build-asan
echo "leaks: building falco-ipfeed with -sanitize=address into $build"
nice -n 10 ${SWIFT:-swift} build --build-path "$build" -Xswiftc -sanitize=address \
  --product falco-ipfeed
binary="$(${SWIFT:-swift} build --build-path "$build" --show-bin-path)/falco-ipfeed"

work=$(mktemp -d /tmp/falco-ipfeed-leaks.XXXXXX)
server_pid=""
cleanup() {
  [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/www" "$work/rules.d" "$work/reports"

# A canary first: a C program that leaks, built with the toolchain's clang, must be reported, or
# LeakSanitizer cannot run here (under ptrace, for one) and the check below would prove nothing.
canary="$work/canary"
printf '#include <stdlib.h>\nvoid *kept;\nint main(void) { kept = malloc(77); kept = 0; return 0; }\n' \
  > "$canary.c"
"$(dirname "$(readlink -f "$(command -v ${SWIFT:-swift})")")/clang" -fsanitize=address -g \
  -o "$canary" "$canary.c"
if ASAN_OPTIONS=detect_leaks=1 "$canary" 2> "$canary.log" \
  || ! grep -q 'Direct leak of 77 byte' "$canary.log"; then
  echo "leaks: LeakSanitizer did not report the canary's leak; it cannot run here:" >&2
  cat "$canary.log" >&2
  exit 1
fi
echo "leaks: LeakSanitizer reports a canary's 77-byte leak: it works here"

feed() {  # feed COUNT OFFSET: a synthetic ipsum body
  python3 - "$1" "$2" <<'PY'
import sys
count, offset = int(sys.argv[1]), int(sys.argv[2])
print("# synthetic ipsum feed for the leak check")
for i in range(count):
    n = i + offset
    print(f"{11 + n // 65536 % 200}.{n // 256 % 256}.{n % 256}.{1 + i % 200}\t{3 + i % 7}")
print("2001:db8:ffff::1\t9")
PY
}
feed 2000 0 > "$work/www/ipsum.txt"
printf '<html><body>502 Bad Gateway</body></html>\n' > "$work/www/error.html"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$work/www" "$port" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
  sleep 0.1
done

config() {  # config URL: the config file for one source at URL
  cat > "$work/falco-ipfeed.yaml" <<YAML
interval: 1h
state_directory: $work/state
sources:
  - name: ipsum
    url: $1
    format: ipsum
    threshold: 3
output:
  path: $work/rules.d/falco-ipfeed.yaml
falco:
  reload: none
  validate: never
safety:
  max_removed_percent: 100
YAML
}

failures=0
run_once() {  # run_once NAME EXPECTED_EXIT PATTERN: PATTERN is in once's summary
  local name=$1 expected=$2 pattern=$3 status=0
  local report="$work/reports/$name"
  ASAN_OPTIONS="detect_leaks=1:log_path=$report" \
    "$binary" once --config "$work/falco-ipfeed.yaml" > "$work/$name.out" 2>&1 || status=$?
  local leaks ours
  leaks=$(cat "$report".* 2>/dev/null | grep -c '^Direct leak\|^Indirect leak' || true)
  ours=$(cat "$report".* 2>/dev/null | grep -E '^ +#[0-9]+ .* in .*(IPFeedCore|IPFeedSystem|falco_ipfeed)' \
    | head -n 5 || true)
  if [ -n "$ours" ]; then
    echo "leaks: $name: LEAK in falco-ipfeed's code:" >&2
    cat "$report".* >&2
    failures=$((failures + 1))
  elif [ "$leaks" -eq 0 ] && { [ "$status" -ne "$expected" ] || ! grep -q "$pattern" "$work/$name.out"; }; then
    echo "leaks: $name: once exited $status (expected $expected), its summary without \"$pattern\":" >&2
    cat "$work/$name.out" >&2
    failures=$((failures + 1))
  else
    echo "leaks: $name: once exited $status; $leaks leak reports, none in falco-ipfeed's code"
    [ "$leaks" -eq 0 ] || grep -h -A6 '^Direct leak' "$report".* | sed 's/^/    /'
  fi
}

config "http://127.0.0.1:$port/ipsum.txt"
run_once first-run 0 '^applied: '
run_once unchanged 0 'not modified'
run_once unchanged-again 0 '^unchanged: '
grep -q '" 304 ' "$work/server.log" || { echo "leaks: the server never answered 304" >&2; failures=$((failures + 1)); }
feed 2000 500 > "$work/www/ipsum.txt"
touch -d '+10 seconds' "$work/www/ipsum.txt"
run_once changed 0 '^applied: '
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
run_once failed-fetch 1 'FAILED: '
config "file://$work/www/error.html"
run_once rejected-feed 1 'REJECTED: '

# The plugin as Falco loads it: the C harness (Tests/PluginHarness) dlopens the plugin, both
# built with AddressSanitizer, reads a data file that `once` wrote in plugin mode, extracts the
# fields of the 11 real events, takes a new data file, and is destroyed.
echo "leaks: building the plugin and its harness with -sanitize=address"
for product in falco-plugin-harness falco-ipfeed-plugin; do
  nice -n 10 ${SWIFT:-swift} build --build-path "$build" -Xswiftc -sanitize=address \
    -Xcc -fsanitize=address --product "$product"
done
bin=$(dirname "$binary")
cat > "$work/plugin.yaml" <<YAML
interval: 1h
state_directory: $work/plugin-state
sources:
  - name: ipsum
    url: file://$work/www/ipsum.txt
    format: ipsum
    threshold: 3
output:
  mode: plugin
  data_path: $work/plugin-state/falco-ipfeed.bin
  path: $work/rules.d/falco-ipfeed-plugin.yaml
falco:
  reload: none
  validate: never
safety:
  max_removed_percent: 100
YAML
"$binary" once --config "$work/plugin.yaml" > "$work/plugin-once.out" 2>&1 \
  || { echo "leaks: once in plugin mode failed:" >&2; cat "$work/plugin-once.out" >&2; exit 1; }
events=$(python3 - Tests/Fixtures/falco-events/live-connect-accept.bin <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
offset = 0
while offset < len(data):
    (length,) = struct.unpack_from("<I", data, offset)
    print("extract " + data[offset + 4:offset + 4 + length].hex())
    offset += 4 + length
PY
)
{
  echo "load $bin/libfalco-ipfeed-plugin.so"
  echo "init {\"data_path\":\"$work/plugin-state/falco-ipfeed.bin\"}"
  echo "$events"
  echo "metrics"
  feed 1500 900 > "$work/www/ipsum.txt"
  "$binary" once --config "$work/plugin.yaml" > "$work/plugin-once2.out" 2>&1
  sleep 2
  echo "$events"
  echo "destroy"
} | ASAN_OPTIONS="detect_leaks=1:log_path=$work/reports/plugin" "$bin/falco-plugin-harness" \
  > "$work/plugin.out" 2>&1 || true
leaks=$(cat "$work/reports/plugin".* 2>/dev/null | grep -c '^Direct leak\|^Indirect leak' || true)
ours=$(cat "$work/reports/plugin".* 2>/dev/null \
  | grep -E '^ +#[0-9]+ .* in .*(IPFeedCore|IPFeedPlugin|libfalco-ipfeed-plugin)' | head -n 5 || true)
if [ -n "$ours" ]; then
  echo "leaks: plugin: LEAK in falco-ipfeed's code:" >&2
  cat "$work/reports/plugin".* >&2
  failures=$((failures + 1))
elif ! grep -q '^loaded' "$work/plugin.out" || ! grep -qP '^rc\t0\b' "$work/plugin.out" \
  || ! grep -q '^destroyed' "$work/plugin.out"; then
  echo "leaks: plugin: the harness did not load, run and destroy the plugin:" >&2
  cat "$work/plugin.out" "$work/reports/plugin".* >&2 2>/dev/null
  failures=$((failures + 1))
else
  echo "leaks: plugin: loaded, $(grep -c . <<< "$events") events extracted twice, a new data" \
    "file, destroyed; $leaks leak reports, none in falco-ipfeed's code"
fi

if [ "$failures" -ne 0 ]; then
  echo "leaks: $failures of the runs failed" >&2
  exit 1
fi
echo "leaks: no leak in falco-ipfeed's code over 6 runs of once and the plugin"
