# The checks of the system test. Sourced by run.sh (after lib.sh, container.sh and feeds.sh).
#
# Each check is a named case that prints "PASS name" or "FAIL name: reason". They run in order
# against one booted container and build on each other, as a user's day would: install, start,
# watch an update, poll again, reload with a new threshold and with a broken config, switch
# Falco's reload mode, restart, hang the daemon, feed it a broken list, stop it.
# The cases that need the daemon fail at once, naming start-ready, when it is not running.

UNIT=falco-ipfeed.service
CONFIG=/etc/falco-ipfeed/falco-ipfeed.yaml
RULES=/etc/falco/rules.d/falco-ipfeed.yaml
DATA_FILE=/var/lib/falco-ipfeed/falco-ipfeed.bin
STATE_DIR=/var/lib/falco-ipfeed
FEED_URL=http://127.0.0.1:8080/ipsum.txt
NGINX_LOG=/var/log/nginx/feed-access.log
STANDIN_EVENTS=/var/lib/falco-standin/events
WATCHDOG_DROPIN=/etc/systemd/system/falco-ipfeed.service.d/50-system-test-watchdog.conf

# The journal's MESSAGE_IDs (README, systemd/falco-ipfeed.catalog).
ID_APPLIED=7d0326c99071454080cae160177ef00d
ID_HELD=ab6b09bcfde94c26947a9a512d39078a
ID_SOURCE_FAILED=16a22c7b10434ff290920ea99f116bbb
ID_RELOADED=34ab1a7039844408a913b36e3cf5543c
ID_RELOAD_FAILED=5837e92691f446419c820f966b86fedd
ID_REJECTED=eaa3ae5a641e4e69a85302c8542ca22d
ALL_IDS="$ID_APPLIED $ID_HELD $ID_SOURCE_FAILED $ID_RELOADED $ID_RELOAD_FAILED $ID_REJECTED"

# ---------------------------------------------------------------------------------------------
# Running cases

PASSED=0
FAILED=0
REASON=""
# Marks that one case leaves for a later one.
STANDIN_BASE=0
POLL_MARK="" POLL_NGINX=0 POLL_STANDIN=0 POLL_RULES=""
WD_MARK="" WD_NGINX="" WD_RULES="" WD_STANDIN=0
RETRY_STANDIN=""
SECURITY_SCORE=""

# `why "reason"` in a case: records the reason and fails (`check || why "..." || return`).
why() {
  REASON=$*
  return 1
}

run_case() {
  local name=$1
  shift
  REASON=""
  if "$@"; then
    PASSED=$((PASSED + 1))
    printf 'PASS %s\n' "$name"
  else
    FAILED=$((FAILED + 1))
    printf 'FAIL %s: %s\n' "$name" "${REASON:-failed}"
  fi
}

# ---------------------------------------------------------------------------------------------
# Looking at the container

prop() { ct systemctl show --property="$1" --value "${2:-$UNIT}"; }

need_daemon() {
  [ "$(prop ActiveState)" = active ] \
    || why "falco-ipfeed.service is not running ($(prop ActiveState)/$(prop SubState); see start-ready)"
}

status_text() { prop StatusText; }
status_has_count() { status_text | grep -Eq "(^|[^0-9])$1 addresses"; }

# Addresses in the rules file (the quoted list items).
rules_count() { ct grep -cE '^[[:space:]]+- "' "$RULES"; }
# The rules file's identity: inode, modification time (ns), size. Unchanged = not rewritten.
rules_identity() { ct stat -c '%i %y %s' "$RULES" 2>/dev/null; }
rules_sha256() { ct sha256sum "$RULES" | cut -d' ' -f1; }

# Journal marks: `mark=$(journal_mark)` before an action, then the entries after it. A mark is
# the monotonic time of the journal's last entry. (Not --after-cursor: journalctl 252 skips the
# first matching entry after a cursor whose own entry does not match the filter.)
journal_mark() { ct journalctl -n 1 -o json | json_field __MONOTONIC_TIMESTAMP; }
# journal_after MARK ARGS...: `journalctl -o json ARGS` (one JSON object a line, oldest first),
# only the entries after MARK (all when MARK is empty).
journal_after() {
  local mark=${1:-0}
  shift
  ct journalctl -o json "$@" | awk -v mark="$mark" '
    match($0, /"__MONOTONIC_TIMESTAMP":"[0-9]+"/) {
      if (substr($0, RSTART + 25, RLENGTH - 26) + 0 > mark + 0) print
    }'
}
# The MESSAGE of JSON entries, one a line.
message_text() { sed -E -n 's/.*"MESSAGE":"(([^"\\]|\\.)*)".*/\1/p'; }
# falco-ipfeed's entries with MESSAGE_ID $1 (after mark $2), one JSON object a line.
journal_entries() { journal_after "${2:-}" -u "$UNIT" "MESSAGE_ID=$1"; }
journal_count() { journal_entries "$@" | grep -c .; }
# The unit's log as text after mark $1, with PID 1's lines about it (notifications, watchdog).
unit_log() { journal_after "${1:-}" -u "$UNIT" | message_text; }
# What the daemon itself logged (not PID 1 about it), after mark $1.
daemon_said() { journal_after "${1:-}" -u "$UNIT" | grep -v '"_PID":"1"' | message_text; }
# PID 1's own log after mark $1 (at debug level it shows each D-Bus method call).
pid1_log() { journal_after "${1:-}" _PID=1 | message_text; }
# `json_field KEY` on a journal JSON line (journald writes every field as a string).
json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

# The feed server's access log: `mark=$(nginx_mark)`, then the GETs of the feed after it, as
# "STATUS CONDITIONAL" lines (CONDITIONAL: yes when the request had If-None-Match or
# If-Modified-Since).
nginx_mark() { ct_sh "wc -l < $NGINX_LOG"; }
feed_requests_since() {
  ct tail -n "+$(($1 + 1))" "$NGINX_LOG" | awk '$1 == "GET" && $2 == "/ipsum.txt" {
    conditional = ($5 != "if-none-match=\"-\"" || $6 != "if-modified-since=\"-\"") ? "yes" : "no"
    print $3, conditional }'
}
feed_request_seen() { [ -n "$(feed_requests_since "$1")" ]; }

# The stand-in Falco's record: "start PID" and "sighup PID" lines.
standin_mark() { ct cat "$STANDIN_EVENTS" | grep -c .; }
standin_since() { ct tail -n "+$(($1 + 1))" "$STANDIN_EVENTS"; }
sighups_since() { standin_since "$1" | grep -c '^sighup '; }

# ---------------------------------------------------------------------------------------------
# Acting on the container

# write_config THRESHOLD RELOAD_MODE: the daemon's config, as a user would edit it.
write_config() {
  cat <<EOF | ct_sh "cat > $CONFIG.edit && mv $CONFIG.edit $CONFIG"
# falco-ipfeed system test: the feed served by nginx in the container.
interval: 1h
jitter: 0s
sources:
  - name: ipsum
    url: $FEED_URL
    format: ipsum
    threshold: $1
output:
  path: $RULES
falco:
  reload: $2
  unit: falco.service
  config: /etc/falco/falco.yaml
  binary: /usr/local/bin/falco
  validate: always
EOF
}

# write_plugin_config THRESHOLD: the config of write_config THRESHOLD sighup, in plugin mode.
write_plugin_config() {
  write_config "$1" sighup
  ct sed -i "s|^  path: $RULES\$|  mode: plugin\n  data_path: $DATA_FILE\n  path: $RULES|" "$CONFIG"
}

# The data file's identity, as rules_identity.
data_identity() { ct stat -c '%i %y %s' "$DATA_FILE" 2>/dev/null; }

# A config falco-ipfeed must refuse (an unknown key), as a typo would make it.
write_broken_config() {
  printf '%s\n' "interval: 1h" "sources:" "  - name: ipsum" "    url: $FEED_URL" \
    "    treshold: 3" | ct_sh "cat > $CONFIG.edit && mv $CONFIG.edit $CONFIG"
}

# serve_feed VARIANT: nginx serves that variant from now on (renamed into place: never a half file).
serve_feed() {
  local stage=$WORK/serve
  rm -rf "$stage" && mkdir -p "$stage/srv/feed"
  cp -p "$FEEDS_DIR/$1.txt" "$stage/srv/feed/ipsum.txt.next"
  ct_put "$stage" srv/feed/ipsum.txt.next
  ct mv -f /srv/feed/ipsum.txt.next /srv/feed/ipsum.txt
}

# What the user types to run a cycle now.
run_cycle_now() { ct systemctl kill -s USR1 "$UNIT"; }

# Waits (up to $2 seconds, default 30) for a list-applied entry after mark $1; prints it.
wait_applied() {
  local after=$1
  wait_until "${2:-30}" eval '[ "$(journal_count "$ID_APPLIED" "$after")" -gt 0 ]' || return 1
  journal_entries "$ID_APPLIED" "$after" | tail -n 1
}

# After a feed request that was seen: waits for the end of the cycle, then a little for anything
# that should not follow. The end is the STATUS= notification after mark $1 (READY=1 carries
# one too, sent before any download) when PID 1 logs at debug level, else a pause.
wait_cycle_end() {
  local after=$1
  if [ "$PID1_DEBUG" = on ]; then
    wait_until 30 eval 'unit_log "$after" | grep "Got notification message from PID .*STATUS=" | grep -qv "READY=1"'
    sleep 2
  else
    sleep 3
  fi
}

# PID 1 at debug level logs every sd_notify message it gets ("Got notification message from PID
# N (READY=1, STATUS=...)") and every D-Bus call it serves ("member=KillUnit"): the evidence of
# what the daemon told systemd and asked of it. But a process that systemd starts meanwhile
# logs debug lines from its forked child, and journald then files the new process's first
# seconds of entries under init.scope (it caches what it learnt about the pid): so debug is on
# only while falco-ipfeed is not being started.
PID1_DEBUG=off
pid1_debug() {
  if [ "$1" = on ]; then ct systemd-analyze log-level debug; else ct systemd-analyze log-level info; fi
  PID1_DEBUG=$1
}

# check_applied LINE ADDED REMOVED TOTAL: the fields of a list-applied entry.
check_applied() {
  local line=$1 added removed total sha source
  added=$(printf '%s\n' "$line" | json_field IPFEED_ADDED)
  removed=$(printf '%s\n' "$line" | json_field IPFEED_REMOVED)
  total=$(printf '%s\n' "$line" | json_field IPFEED_TOTAL)
  sha=$(printf '%s\n' "$line" | json_field IPFEED_SHA256)
  source=$(printf '%s\n' "$line" | json_field IPFEED_SOURCE)
  [ "$added $removed $total" = "$2 $3 $4" ] \
    || why "list applied says +$added -$removed = $total, expected +$2 -$3 = $4" || return
  [ "$sha" = "$(rules_sha256)" ] \
    || why "IPFEED_SHA256=$sha is not the rules file's SHA-256 $(rules_sha256)" || return
  case $source in *ipsum*) ;; *) why "IPFEED_SOURCE=\"$source\" does not name the source ipsum" || return ;; esac
}

# ---------------------------------------------------------------------------------------------
# The cases

# Installed with `make install DESTDIR=...` (staged on the host in run.sh), plus the stand-in
# Falco, the feed server and the test's config. Sets the baselines the later cases compare to.
case_install() {
  # shellcheck disable=SC2046 # top-level names in the staging dir: usr, etc
  ct_put "$WORK/stage" $(cd "$WORK/stage" && ls) || why "copying the staged install into the container failed" || return
  ct_put "$HERE/container-files" etc usr || why "copying the stand-ins into the container failed" || return
  # The config holds the source URLs, which may carry credentials: not for every user to read.
  [ "$(ct stat -c %a "$CONFIG")" = 640 ] \
    || why "make install left $CONFIG mode $(ct stat -c %a "$CONFIG"), not 640" || return
  ct rm -f /etc/nginx/sites-enabled/default
  ct mkdir -p /srv/feed /etc/falco/rules.d
  serve_feed base
  write_config 4 sighup
  ct journalctl --update-catalog || why "journalctl --update-catalog failed" || return
  ct systemctl daemon-reload || why "systemctl daemon-reload failed" || return
  ct systemctl restart nginx.service || why "nginx did not start with the feed's site: $(ct journalctl -u nginx -n 5 -o cat | tr '\n' ' ')" || return
  ct systemctl enable --now falco-modern-bpf.service 2> /dev/null || why "the stand-in Falco did not start" || return
  local out
  out=$(ct falco-ipfeed check-config 2>&1) \
    || why "falco-ipfeed check-config in the container: $(printf '%s' "$out" | head -n 3 | tr '\n' ' ')" || return
  [ "$(prop LoadState)" = loaded ] || why "falco-ipfeed.service is $(prop LoadState)" || return
  [ "$(prop FragmentPath)" = /etc/systemd/system/falco-ipfeed.service ] \
    || why "the unit was loaded from $(prop FragmentPath)" || return
  [ "$(prop Type)" = notify ] || why "the unit's Type is $(prop Type), not notify" || return
}

case_catalog() {
  local catalog id missing=""
  catalog=$(ct journalctl --list-catalog)
  for id in $ALL_IDS; do
    printf '%s\n' "$catalog" | grep -q "^$id " || missing="$missing $id"
  done
  [ -z "$missing" ] || why "journalctl --list-catalog lacks$missing (is the catalog installed to /usr/lib/systemd/catalog/?)"
}

# The stand-in Falco: falco.service (an alias, like Falco's packages) records its start and
# each SIGHUP; `systemctl reload falco` reaches it; its `falco -V` answers like Falco's.
case_standin_falco() {
  local pid mark out
  pid=$(prop MainPID falco.service)
  [ "$(prop ActiveState falco.service)" = active ] && [ "$pid" -gt 0 ] \
    || why "falco.service is $(prop ActiveState falco.service)" || return
  ct grep -qx "start $pid" "$STANDIN_EVENTS" || why "no start of pid $pid recorded" || return
  mark=$(standin_mark)
  ct systemctl reload falco.service || why "systemctl reload falco failed" || return
  wait_until 5 eval '[ "$(sighups_since $mark)" -ge 1 ]' || why "systemctl reload falco: no SIGHUP recorded" || return
  [ "$(standin_since "$mark")" = "sighup $pid" ] || why "after one reload: $(standin_since "$mark" | tr '\n' ' ')" || return
  ct_sh 'printf -- "- list: x\n  items: []\n" > /tmp/standin-check.yaml'
  out=$(ct falco -c /etc/falco/falco.yaml -V /tmp/standin-check.yaml) \
    || why "falco -V: $out" || return
  [ "$out" = "/tmp/standin-check.yaml: Ok" ] || why "falco -V printed: $out" || return
  STANDIN_BASE=$(standin_mark)
}

# nginx in the container's private network serves the feed, with ETag, 304 and gzip.
http_head() {
  ct bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 || exit 1
    printf "HEAD /ipsum.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s\r\n" "$1" >&3
    tr -d "\r" <&3' http_head "$1"
}
case_feed_server() {
  local head etag
  head=$(http_head "") || why "no HTTP server on 127.0.0.1:8080 in the container" || return
  printf '%s\n' "$head" | grep -q '^HTTP/1.1 200' || why "HEAD /ipsum.txt: $(printf '%s' "$head" | head -n 1)" || return
  etag=$(printf '%s\n' "$head" | sed -n 's/^ETag: //p')
  [ -n "$etag" ] || why "no ETag in the response" || return
  head=$(http_head "If-None-Match: $etag"$'\r\n')
  printf '%s\n' "$head" | grep -q '^HTTP/1.1 304' \
    || why "If-None-Match: $etag gave $(printf '%s' "$head" | head -n 1), not 304" || return
  head=$(http_head "Accept-Encoding: gzip"$'\r\n')
  printf '%s\n' "$head" | grep -q '^ETag: W/' || why "a gzipped response has no weak ETag" || return
}

# `falco-ipfeed once` in the container, fetching the feed over HTTP, into a scratch output and
# state (the daemon's own stay untouched); the second run must send a conditional GET.
ONCE_DIR=/root/once-test
case_once_over_http() {
  local out code count expected mark
  ct mkdir -p "$ONCE_DIR/rules.d"
  printf '%s\n' "interval: 1h" "state_directory: $ONCE_DIR/state" "sources:" "  - name: ipsum" \
    "    url: $FEED_URL" "    threshold: 4" "output:" "  path: $ONCE_DIR/rules.d/falco-ipfeed.yaml" \
    "falco:" "  reload: none" "  validate: never" | ct_sh "cat > $ONCE_DIR/config.yaml"
  mark=$(nginx_mark)
  out=$(ct falco-ipfeed once --config "$ONCE_DIR/config.yaml" 2>&1)
  code=$?
  [ "$code" = 0 ] || why "exit $code: $(printf '%s' "$out" | head -n 3 | tr '\n' ' ')" || return
  [ "$(feed_requests_since "$mark" | head -n 1)" = "200 no" ] \
    || why "nginx saw no plain GET of the feed: $(feed_requests_since "$mark" | tr '\n' ' ')" || return
  count=$(ct grep -cE '^[[:space:]]+- "' "$ONCE_DIR/rules.d/falco-ipfeed.yaml")
  expected=$(expected_count base 4)
  [ "$count" = "$expected" ] || why "the rules file lists $count addresses, expected $expected" || return
}
case_once_conditional_get() {
  local out code mark before
  ct test -s "$ONCE_DIR/rules.d/falco-ipfeed.yaml" || why "needs once-over-http" || return
  before=$(ct stat -c '%i %y' "$ONCE_DIR/rules.d/falco-ipfeed.yaml")
  mark=$(nginx_mark)
  out=$(ct falco-ipfeed once --config "$ONCE_DIR/config.yaml" 2>&1)
  code=$?
  [ "$code" = 0 ] || why "second run: exit $code: $(printf '%s' "$out" | head -n 3 | tr '\n' ' ')" || return
  [ "$(feed_requests_since "$mark")" = "304 yes" ] \
    || why "second run: nginx saw \"$(feed_requests_since "$mark" | tr '\n' ' ')\", expected one conditional GET answered 304" || return
  [ "$(ct stat -c '%i %y' "$ONCE_DIR/rules.d/falco-ipfeed.yaml")" = "$before" ] \
    || why "second run rewrote the unchanged rules file" || return
}

# `systemctl enable --now`: for a Type=notify unit it returns once the daemon said READY=1 (and
# fails after TimeoutStartSec without it); only then is the unit active (running).
case_start_ready() {
  local mark out
  mark=$(journal_mark)
  out=$(ct systemctl enable --now "$UNIT" 2>&1) \
    || why "systemctl enable --now failed; falco-ipfeed said: $(daemon_said "$mark" | head -n 3 | tr '\n' ' ')" || return
  [ "$(prop ActiveState)/$(prop SubState)" = active/running ] \
    || why "after start: $(prop ActiveState)/$(prop SubState)" || return
  [ "$(prop Type)/$(prop NotifyAccess)" = notify/main ] || why "Type/NotifyAccess: $(prop Type)/$(prop NotifyAccess)" || return
}

# The STATUS= line after the first cycle: "<N> addresses; ...".
case_status_text() {
  need_daemon || return
  local expected
  expected=$(expected_count base 4)
  wait_until 60 status_has_count "$expected" \
    || why "StatusText is \"$(status_text)\", expected it to say \"$expected addresses\"" || return
}

case_rules_file() {
  need_daemon || return
  local expected count mode
  expected=$(expected_count base 4)
  ct test -f "$RULES" || why "$RULES does not exist" || return
  count=$(rules_count)
  [ "$count" = "$expected" ] || why "$RULES lists $count addresses, expected $expected" || return
  mode=$(ct stat -c %a "$RULES")
  [ "$mode" = 644 ] || why "$RULES has mode $mode, expected 644" || return
}

case_journal_applied() {
  need_daemon || return
  local line expected
  expected=$(expected_count base 4)
  line=$(wait_applied "" 10) || why "no journal entry with MESSAGE_ID=$ID_APPLIED" || return
  [ "$(journal_count "$ID_APPLIED")" = 1 ] || why "$(journal_count "$ID_APPLIED") list-applied entries after the first cycle, expected 1" || return
  check_applied "$line" "$expected" 0 "$expected" || return
}

case_journal_catalog() {
  need_daemon || return
  local out expected
  expected=$(expected_count base 4)
  out=$(ct journalctl -x -u "$UNIT" "MESSAGE_ID=$ID_APPLIED" -n 1 --no-pager)
  printf '%s\n' "$out" | grep -qF "Subject: Falco's malicious IP list changed: $expected addresses" \
    || why "journalctl -x shows no catalog text for the entry: $(printf '%s' "$out" | tail -n 3 | tr '\n' ' ')" || return
  printf '%s\n' "$out" | grep -qF 'falco-ipfeed history' || why "the catalog's body is missing" || return
  # journalctl replaces @NAME@ only where NAME is capital letters and "_" (no digits).
  local unreplaced
  unreplaced=$(printf '%s\n' "$out" | grep -o '@[A-Za-z0-9_]*@' | sort -u | tr '\n' ' ')
  [ -z "$unreplaced" ] \
    || why "journalctl -x shows ${unreplaced}verbatim: journald fills in @NAME@ only for names of capital letters and _" || return
}

# sighup mode: the first list reached Falco as one SIGHUP to its main process (through systemd:
# see change-one-sighup for the D-Bus call).
case_sighup_first_list() {
  need_daemon || return
  local pid events
  pid=$(prop MainPID falco.service)
  wait_until 10 eval '[ "$(sighups_since $STANDIN_BASE)" -ge 1 ]' || why "the stand-in Falco got no SIGHUP" || return
  sleep 1
  events=$(standin_since "$STANDIN_BASE" | tr '\n' ' ')
  [ "$events" = "sighup $pid " ] || why "Falco's record since the start: \"$events\", expected one \"sighup $pid\"" || return
  [ "$(journal_count "$ID_RELOADED")" = 1 ] || why "$(journal_count "$ID_RELOADED") Falco-reloaded entries, expected 1" || return
}

# `systemctl kill -s USR1 falco-ipfeed` runs a cycle now (the interval is an hour).
case_usr1_runs_cycle() {
  need_daemon || return
  POLL_MARK=$(journal_mark)
  POLL_NGINX=$(nginx_mark)
  POLL_STANDIN=$(standin_mark)
  POLL_RULES=$(rules_identity)
  run_cycle_now || why "systemctl kill -s USR1 failed" || return
  wait_until 15 feed_request_seen "$POLL_NGINX" || why "no request for the feed within 15 s of SIGUSR1" || return
  wait_cycle_end "$POLL_MARK"
}

# ... and on an unchanged feed that cycle is one conditional GET answered 304: no write, no reload.
case_unchanged_poll() {
  need_daemon || return
  local requests
  requests=$(feed_requests_since "$POLL_NGINX" | tr '\n' ' ')
  [ "$requests" = "304 yes " ] || why "feed requests: \"$requests\", expected one conditional GET answered 304" || return
  [ "$(rules_identity)" = "$POLL_RULES" ] || why "the rules file was rewritten" || return
  [ "$(sighups_since "$POLL_STANDIN")" = 0 ] || why "Falco got a SIGHUP for an unchanged feed" || return
  [ "$(journal_count "$ID_APPLIED" "$POLL_MARK")" = 0 ] || why "a list-applied entry for an unchanged feed" || return
}

# A changed feed: one download, one list-applied entry with the right numbers, one SIGHUP, sent
# by systemd on falco-ipfeed's D-Bus call KillUnit(falco.service, "main", SIGHUP).
case_change_one_sighup() {
  need_daemon || return
  local mark nginx standin line expected added removed pid
  mark=$(journal_mark)
  nginx=$(nginx_mark)
  standin=$(standin_mark)
  serve_feed change
  run_cycle_now
  line=$(wait_applied "$mark") || why "no list-applied entry within 30 s of SIGUSR1 after the feed changed" || return
  expected=$(expected_count change 4)
  read -r added removed <<< "$(expected_diff base 4 change 4)"
  check_applied "$line" "$added" "$removed" "$expected" || return
  [ "$(rules_count)" = "$expected" ] || why "the rules file lists $(rules_count), expected $expected" || return
  [ "$(feed_requests_since "$nginx" | cut -d' ' -f1 | tr '\n' ' ')" = "200 " ] \
    || why "feed requests: $(feed_requests_since "$nginx" | tr '\n' ' '), expected one 200" || return
  sleep 2
  pid=$(prop MainPID falco.service)
  [ "$(standin_since "$standin" | tr '\n' ' ')" = "sighup $pid " ] \
    || why "Falco's record: \"$(standin_since "$standin" | tr '\n' ' ')\", expected one \"sighup $pid\"" || return
  # Two calls: systemctl's own for `kill -s USR1`, and falco-ipfeed's.
  [ "$(pid1_log "$mark" | grep -c 'member=KillUnit')" = 2 ] \
    || why "PID 1 served $(pid1_log "$mark" | grep -c 'member=KillUnit') KillUnit calls, expected 2 (systemctl kill's and falco-ipfeed's)" || return
  wait_until 10 status_has_count "$expected" || why "StatusText: \"$(status_text)\"" || return
}

# `systemctl reload falco-ipfeed` after lowering the threshold: RELOADING=1, READY=1, same
# process, and the new threshold's list (at the latest after the next cycle).
case_reload_threshold() {
  need_daemon || return
  local mark pid standin expected line log added removed
  mark=$(journal_mark)
  pid=$(prop MainPID)
  standin=$(standin_mark)
  write_config 3 sighup
  ct systemctl reload "$UNIT" || why "systemctl reload failed" || return
  [ "$(prop MainPID)" = "$pid" ] || why "the reload replaced the process" || return
  log=$(unit_log "$mark")
  printf '%s\n' "$log" | grep -q "Got notification message from PID $pid (.*RELOADING=1" \
    || why "PID 1 got no RELOADING=1" || return
  printf '%s\n' "$log" | grep -q "Got notification message from PID $pid (.*READY=1" \
    || why "PID 1 got no READY=1 after RELOADING=1" || return
  expected=$(expected_count change 3)
  if ! wait_until 5 status_has_count "$expected"; then
    run_cycle_now
  fi
  line=$(wait_applied "$mark") || why "no list-applied entry after the reload (and a cycle)" || return
  read -r added removed <<< "$(expected_diff change 4 change 3)"
  check_applied "$line" "$added" "$removed" "$expected" || return
  wait_until 10 status_has_count "$expected" || why "StatusText: \"$(status_text)\", expected $expected addresses" || return
  sleep 1
  [ "$(sighups_since "$standin")" = 1 ] || why "$(sighups_since "$standin") SIGHUPs for one change" || return
}

# A broken config on reload: the old one keeps running, and the status says the config is invalid.
case_reload_broken_config() {
  need_daemon || return
  local pid status count
  pid=$(prop MainPID)
  count=$(rules_count)
  write_broken_config
  ct systemctl reload "$UNIT"
  sleep 1
  [ "$(prop ActiveState)" = active ] && [ "$(prop MainPID)" = "$pid" ] \
    || why "after reloading a broken config: $(prop ActiveState)/$(prop SubState), MainPID $(prop MainPID) (was $pid)" || return
  status=$(status_text)
  printf '%s\n' "$status" | grep -qi config || why "StatusText does not mention the config: \"$status\"" || return
  [ "$(rules_count)" = "$count" ] || why "the rules file changed" || return
}
case_reload_broken_config_then_repair() {
  local result=0
  case_reload_broken_config || result=1
  write_config 3 sighup
  ct systemctl reload "$UNIT" || [ "$result" = 1 ] || why "reloading the repaired config failed" || result=1
  return "$result"
}

# restart mode: the new list reaches Falco as one restart through systemd (TryRestartUnit): its
# main process changes once, and it gets no SIGHUP.
case_restart_mode() {
  need_daemon || return
  local mark standin falco_pid line expected new_pid
  write_config 3 restart
  ct systemctl reload "$UNIT" || why "systemctl reload failed" || return
  mark=$(journal_mark)
  standin=$(standin_mark)
  falco_pid=$(prop MainPID falco.service)
  serve_feed restart
  run_cycle_now
  line=$(wait_applied "$mark") || why "no list-applied entry within 30 s" || return
  expected=$(expected_count restart 3)
  [ "$(printf '%s\n' "$line" | json_field IPFEED_TOTAL)" = "$expected" ] || why "IPFEED_TOTAL is not $expected" || return
  sleep 2
  new_pid=$(prop MainPID falco.service)
  [ "$(standin_since "$standin" | tr '\n' ' ')" = "start $new_pid " ] \
    || why "Falco's record: \"$(standin_since "$standin" | tr '\n' ' ')\", expected one \"start $new_pid\"" || return
  [ "$new_pid" != "$falco_pid" ] || why "Falco's MainPID did not change" || return
  [ "$(pid1_log "$mark" | grep -c 'member=TryRestartUnit')" = 1 ] \
    || why "PID 1 served $(pid1_log "$mark" | grep -c 'member=TryRestartUnit') TryRestartUnit calls, expected 1" || return
}
# ... and back to sighup for the cases after it, whatever happened.
case_restart_mode_then_sighup() {
  local result=0
  case_restart_mode || result=1
  write_config 3 sighup
  ct systemctl reload "$UNIT" || [ "$result" = 1 ] || why "switching back to sighup failed" || result=1
  return "$result"
}

# `systemctl restart` keeps the state journal: the restarted daemon's first cycle is a
# conditional GET answered 304, with nothing rewritten and no new history.
case_restart_keeps_state() {
  need_daemon || return
  local mark nginx rules standin pid
  mark=$(journal_mark)
  nginx=$(nginx_mark)
  rules=$(rules_identity)
  standin=$(standin_mark)
  pid=$(prop MainPID)
  ct systemctl restart "$UNIT" || why "systemctl restart failed" || return
  [ "$(prop MainPID)" != "$pid" ] || why "the MainPID did not change" || return
  wait_until 30 feed_request_seen "$nginx" || why "the restarted daemon did not poll the feed" || return
  wait_cycle_end "$mark"
  [ "$(feed_requests_since "$nginx" | tr '\n' ' ')" = "304 yes " ] \
    || why "after the restart the feed requests were \"$(feed_requests_since "$nginx" | tr '\n' ' ')\", expected one 304" || return
  [ "$(rules_identity)" = "$rules" ] || why "the rules file was rewritten" || return
  [ "$(journal_count "$ID_APPLIED" "$mark")" = 0 ] || why "a list-applied entry after a restart" || return
  [ "$(standin_since "$standin" | grep -c .)" = 0 ] || why "Falco was signalled after a restart" || return
}

# `falco-ipfeed status` and `history` (run in the container, beside the daemon) agree with the
# journal: history lists each list-applied entry, newest first, with its total and SHA-256.
case_status_history() {
  need_daemon || return
  local history status status_json total journal
  history=$(ct falco-ipfeed history --json 2>&1) || why "falco-ipfeed history --json: $(printf '%s' "$history" | head -n 2 | tr '\n' ' ')" || return
  journal=$(journal_entries "$ID_APPLIED")
  local problem
  problem=$(printf '%s' "$history" | python3 -c '
import json, sys
journal = [json.loads(line) for line in sys.argv[1].splitlines() if line.strip()]
journal.reverse()  # newest first, like history
doc = json.load(sys.stdin)
def entries(node):
    if isinstance(node, list):
        return node
    if isinstance(node, dict):
        for value in node.values():
            if isinstance(value, list):
                return value
    return []
def values(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from values(value)
    elif isinstance(node, list):
        for value in node:
            yield from values(value)
    else:
        yield str(node)
history = entries(doc)
if len(history) != len(journal):
    print(f"history has {len(history)} entries, the journal {len(journal)} list-applied entries")
    sys.exit()
for i, (h, j) in enumerate(zip(history, journal)):
    found = set(values(h))
    for field in ("IPFEED_SHA256", "IPFEED_TOTAL", "IPFEED_ADDED", "IPFEED_REMOVED"):
        if j.get(field) not in found:
            print(f"history entry {i} lacks the journal entry'"'"'s {field}={j.get(field)}")
            sys.exit()
' "$journal" 2>&1)
  [ -z "$problem" ] || why "$problem" || return
  total=$(rules_count)
  status=$(ct falco-ipfeed status 2>&1) || why "falco-ipfeed status: $(printf '%s' "$status" | head -n 2 | tr '\n' ' ')" || return
  printf '%s\n' "$status" | grep -q ipsum || why "status does not name the source ipsum" || return
  printf '%s\n' "$status" | grep -Eq "(^|[^0-9])$total([^0-9]|$)" || why "status does not show the count $total" || return
  status_json=$(ct falco-ipfeed status --json 2>&1) || why "falco-ipfeed status --json failed" || return
  printf '%s' "$status_json" | python3 -c 'import json, sys; json.load(sys.stdin)' 2> /dev/null \
    || why "status --json is not JSON" || return
  printf '%s\n' "$status_json" | grep -Eq "[^0-9.]$total([^0-9.]|$)" || why "status --json does not show the count $total" || return
}

# The hardening: the score systemd gives the running unit equals the offline score of the file
# in the repository, and is at most 2.0 (the cases above ran under it, without a drop-in).
case_security() {
  local inside offline dropins
  dropins=$(prop DropInPaths)
  [ -z "$dropins" ] || why "the unit has drop-ins: $dropins" || return
  inside=$(ct systemd-analyze security "$UNIT" 2>&1 | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
  # In a mount namespace with a /run of its own: offline analysis leaves a file in /run/systemd.
  offline=$(unshare --mount --propagation private sh -c 'mount -t tmpfs tmpfs /run &&
    exec systemd-analyze security --offline=true "$1"' sh "$PACKAGE_ROOT/systemd/falco-ipfeed.service" 2>&1 \
    | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
  [ -n "$inside" ] && [ -n "$offline" ] || why "no score (inside: \"$inside\", offline: \"$offline\")" || return
  [ "$inside" = "$offline" ] || why "inside the container $inside, offline $offline" || return
  awk -v s="$inside" 'BEGIN { exit !(s <= 2.0) }' || why "exposure $inside is above 2.0" || return
  SECURITY_SCORE=$inside
}

# The watchdog (WatchdogSec=5s through a drop-in): pings at half the period; a stopped process is
# killed and restarted by systemd.
case_watchdog_restart() {
  need_daemon || return
  local mark pings pid restarts
  printf '%s\n' "[Service]" "WatchdogSec=5s" "RestartSec=1s" "LimitCORE=0" \
    | ct_sh "mkdir -p ${WATCHDOG_DROPIN%/*} && cat > $WATCHDOG_DROPIN"
  ct systemctl daemon-reload
  mark=$(journal_mark)
  local nginx
  nginx=$(nginx_mark)
  ct systemctl restart "$UNIT" || why "restart with WatchdogSec=5s failed" || return
  [ "$(prop WatchdogUSec)" = 5s ] || why "WatchdogUSec is $(prop WatchdogUSec)" || return
  wait_until 30 feed_request_seen "$nginx"
  wait_cycle_end "$mark"
  pid=$(prop MainPID)
  pid1_debug on
  mark=$(journal_mark)
  sleep 6
  pings=$(unit_log "$mark" | grep -c "Got notification message from PID $pid (.*WATCHDOG=1")
  pid1_debug off
  [ "$pings" -ge 2 ] || why "$pings WATCHDOG=1 in 6 s with WatchdogSec=5s, expected at least 2" || return
  WD_MARK=$(journal_mark)
  WD_NGINX=$(nginx_mark)
  WD_RULES=$(rules_identity)
  WD_STANDIN=$(standin_mark)
  restarts=$(prop NRestarts)
  ct systemctl kill -s STOP "$UNIT" || why "systemctl kill -s STOP failed" || return
  wait_until 45 eval 'unit_log "$WD_MARK" | grep -q "Watchdog timeout"' \
    || why "no watchdog timeout within 45 s of SIGSTOP" || return
  wait_until 30 eval '[ "$(prop ActiveState)" = active ] && [ "$(prop MainPID)" != "$pid" ] && [ "$(prop MainPID)" != 0 ]' \
    || why "not restarted after the watchdog timeout: $(prop ActiveState)/$(prop SubState)" || return
  [ "$(prop NRestarts)" = $((restarts + 1)) ] || why "NRestarts went from $restarts to $(prop NRestarts)" || return
}

case_watchdog_no_download() {
  need_daemon || return
  [ -n "${WD_NGINX:-}" ] || why "needs watchdog-restart" || return
  wait_until 30 feed_request_seen "$WD_NGINX" || why "the restarted daemon did not poll the feed" || return
  wait_cycle_end "$WD_MARK"
  [ "$(feed_requests_since "$WD_NGINX" | tr '\n' ' ')" = "304 yes " ] \
    || why "after the watchdog restart the feed requests were \"$(feed_requests_since "$WD_NGINX" | tr '\n' ' ')\", expected one 304" || return
  [ "$(rules_identity)" = "$WD_RULES" ] || why "the rules file was rewritten" || return
  [ "$(standin_since "$WD_STANDIN" | grep -c .)" = 0 ] || why "Falco was signalled" || return
}

# A feed that would empty the list is held: journal warning, nothing written, no reload.
case_safety_hold() {
  need_daemon || return
  local mark rules standin
  mark=$(journal_mark)
  rules=$(rules_identity)
  standin=$(standin_mark)
  serve_feed held
  run_cycle_now
  wait_until 30 eval '[ "$(journal_count "$ID_HELD" "$mark")" -gt 0 ]' \
    || why "no held-by-safety-guard entry within 30 s" || return
  sleep 1
  [ "$(rules_identity)" = "$rules" ] || why "the rules file was rewritten" || return
  [ "$(journal_count "$ID_APPLIED" "$mark")" = 0 ] || why "a list-applied entry for a held update" || return
  [ "$(standin_since "$standin" | grep -c .)" = 0 ] || why "Falco was signalled" || return
  [ "$(prop ActiveState)" = active ] || why "the daemon is $(prop ActiveState)" || return
}

# A file that `falco -V` rejects is held (its own entry, quoting Falco); once Falco accepts
# again, the next cycle applies it, with one SIGHUP.
case_falco_rejects() {
  need_daemon || return
  local mark rules standin line
  mark=$(journal_mark)
  rules=$(rules_identity)
  standin=$(standin_mark)
  ct touch /etc/falco/standin-reject
  serve_feed rejected
  run_cycle_now
  wait_until 30 eval '[ "$(journal_count "$ID_REJECTED" "$mark")" -gt 0 ]' \
    || { ct rm -f /etc/falco/standin-reject; why "no rejected-by-falco entry within 30 s"; } || return
  line=$(journal_entries "$ID_REJECTED" "$mark" | tail -n 1)
  ct rm -f /etc/falco/standin-reject
  printf '%s\n' "$line" | grep -q 'container.id' || why "the entry does not quote Falco's error" || return
  [ "$(rules_identity)" = "$rules" ] || why "the rejected file was installed" || return
  [ "$(standin_since "$standin" | grep -c .)" = 0 ] || why "Falco was signalled for a rejected file" || return
  mark=$(journal_mark)
  run_cycle_now
  line=$(wait_applied "$mark") || why "not applied once Falco accepted the file" || return
  [ "$(printf '%s\n' "$line" | json_field IPFEED_TOTAL)" = "$(expected_count rejected 3)" ] \
    || why "IPFEED_TOTAL is not $(expected_count rejected 3)" || return
  sleep 1
  [ "$(sighups_since "$standin")" = 1 ] || why "$(sighups_since "$standin") SIGHUPs for one change" || return
}

# A falco.unit that systemd does not know: the reload error says systemd refused, and asks
# whether falco.unit is right (not that the bus could not be reached).
case_unit_refused() {
  local out
  ct mkdir -p "$ONCE_DIR/refused/rules.d"
  printf '%s\n' "state_directory: $ONCE_DIR/refused/state" "sources:" "  - name: ipsum" \
    "    url: $FEED_URL" "    threshold: 4" "output:" \
    "  path: $ONCE_DIR/refused/rules.d/falco-ipfeed.yaml" "falco:" "  reload: sighup" \
    "  unit: no-such-falco.service" "  validate: never" | ct_sh "cat > $ONCE_DIR/refused.yaml"
  out=$(ct falco-ipfeed once --config "$ONCE_DIR/refused.yaml" 2>&1)
  printf '%s' "$out" | grep -q "systemd refused KillUnit no-such-falco.service" \
    || why "no refusal named: $(printf '%s' "$out" | grep -i reload | head -n 2 | tr '\n' ' ')" || return
  printf '%s' "$out" | grep -q "Is falco.unit right?" \
    || why "the refusal does not ask about falco.unit: $(printf '%s' "$out" | grep -i reload | head -n 1)" || return
}

# Falco stopped: the SIGHUP cannot be delivered; the failure is logged and the service goes on;
# once Falco runs again, the next cycle delivers the pending reload.
case_reload_failed() {
  need_daemon || return
  local mark line
  ct systemctl stop falco-modern-bpf.service
  mark=$(journal_mark)
  serve_feed pending
  run_cycle_now
  line=$(wait_applied "$mark") || { ct systemctl start falco-modern-bpf.service; why "no list-applied entry within 30 s"; } || return
  wait_until 10 eval '[ "$(journal_count "$ID_RELOAD_FAILED" "$mark")" -gt 0 ]' \
    || { ct systemctl start falco-modern-bpf.service; why "no reload-failed entry while Falco was stopped"; } || return
  [ "$(prop ActiveState)" = active ] || why "the daemon is $(prop ActiveState)" || return
  RETRY_STANDIN=$(standin_mark)
  ct systemctl start falco-modern-bpf.service
}
case_reload_retried() {
  need_daemon || return
  [ -n "${RETRY_STANDIN:-}" ] || why "needs reload-failed-logged" || return
  local pid
  pid=$(prop MainPID falco.service)
  run_cycle_now
  wait_until 30 eval '[ "$(sighups_since $RETRY_STANDIN)" -ge 1 ]' \
    || why "the pending reload was not retried: Falco got no SIGHUP within 30 s" || return
  sleep 1
  [ "$(standin_since "$RETRY_STANDIN" | tr '\n' ' ')" = "start $pid sighup $pid " ] \
    || why "Falco's record: \"$(standin_since "$RETRY_STANDIN" | tr '\n' ' ')\"" || return
}

# The system bus down (dbus stopped): the new list is applied, the reload fails with a message
# that says the bus cannot be reached, and the daemon runs on; with the bus back, the next cycle
# reloads Falco (each call opens its own connection, so nothing stays broken). The feed then goes
# back to `pending` for the cases after this one.
case_bus_down() {
  need_daemon || return
  local mark line standin restore_bus="ct systemctl start dbus.socket dbus.service"
  ct systemctl stop dbus.socket dbus.service
  mark=$(journal_mark)
  serve_feed busdown
  run_cycle_now
  wait_applied "$mark" > /dev/null || { $restore_bus; why "no list-applied entry within 30 s"; } || return
  wait_until 10 eval '[ "$(journal_count "$ID_RELOAD_FAILED" "$mark")" -gt 0 ]' \
    || { $restore_bus; why "no reload-failed entry while the bus was down"; } || return
  line=$(journal_entries "$ID_RELOAD_FAILED" "$mark" | tail -n 1)
  printf '%s\n' "$line" | json_field IPFEED_ERROR | grep -q 'connecting to the system bus failed' \
    || { $restore_bus; why "the reload failure does not say the bus is unreachable: $(printf '%s' "$line" | json_field IPFEED_ERROR)"; } || return
  [ "$(prop ActiveState)" = active ] || { $restore_bus; why "the daemon is $(prop ActiveState)"; } || return
  standin=$(standin_mark)
  $restore_bus
  run_cycle_now
  wait_until 30 eval '[ "$(sighups_since $standin)" -ge 1 ]' \
    || why "with the bus back, the pending reload was not retried: Falco got no SIGHUP within 30 s" || return
  mark=$(journal_mark)
  serve_feed pending
  run_cycle_now
  wait_applied "$mark" > /dev/null || why "no list-applied entry for the feed served again" || return
}

# The feed server down: a source-failed entry, the list kept, the daemon running.
case_source_failed() {
  need_daemon || return
  local mark rules line
  ct systemctl stop nginx.service
  mark=$(journal_mark)
  rules=$(rules_identity)
  run_cycle_now
  wait_until 30 eval '[ "$(journal_count "$ID_SOURCE_FAILED" "$mark")" -gt 0 ]' \
    || { ct systemctl start nginx.service; why "no source-failed entry within 30 s"; } || return
  line=$(journal_entries "$ID_SOURCE_FAILED" "$mark" | tail -n 1)
  ct systemctl start nginx.service
  [ "$(printf '%s\n' "$line" | json_field IPFEED_SOURCE)" = ipsum ] || why "IPFEED_SOURCE is not ipsum" || return
  [ "$(rules_identity)" = "$rules" ] || why "the rules file was rewritten" || return
  [ "$(prop ActiveState)" = active ] || why "the daemon is $(prop ActiveState)" || return
}

# Plugin mode: switched to before Falco loads the plugin, the new rules file is held (Falco's
# check finds the plugin's fields unknown) and the message says what to add; with the lines
# falco-config prints added to falco.yaml, the rules file is installed with one SIGHUP and the
# data file written; a list change then rewrites the data file only, and Falco gets nothing.
case_plugin_mode() {
  need_daemon || return
  local mark standin out rules data line added removed expected generation
  mark=$(journal_mark)
  write_plugin_config 3
  out=$(ct falco-ipfeed check-config 2>&1 > /dev/null)
  printf '%s' "$out" | grep -q "warning: output.mode is plugin, but /etc/falco/falco.yaml does not load the plugin ipfeed" \
    || why "check-config did not warn that Falco does not load the plugin: $out" || return
  ct systemctl reload "$UNIT" || why "systemctl reload failed" || return
  run_cycle_now
  wait_until 30 eval '[ "$(journal_count "$ID_REJECTED" "$mark")" -gt 0 ]' \
    || why "no rules-rejected entry while Falco does not load the plugin" || return
  journal_entries "$ID_REJECTED" "$mark" | grep -q "does not load the plugin ipfeed: add the lines that falco-ipfeed falco-config prints" \
    || why "the rejection does not say what to add: $(journal_entries "$ID_REJECTED" "$mark" | tail -n 1)" || return
  ct grep -q '^- list:' "$RULES" || why "the rules-mode file was replaced though Falco rejected the new one" || return

  # The user adds what falco-config prints; the container plugin (config.d) stays loaded.
  out=$(ct falco-ipfeed falco-config)
  printf '%s\n' "$out" | grep -qx 'load_plugins: \[container, ipfeed\]' \
    || why "falco-config printed no load_plugins line with the container plugin kept: $out" || return
  printf '%s\n' "$out" | ct_sh "cat >> /etc/falco/falco.yaml"
  mark=$(journal_mark)
  standin=$(standin_mark)
  run_cycle_now
  wait_until 30 eval 'ct grep -q "ipfeed.listed = true" "$RULES"' \
    || why "the rules file did not become plugin mode's" || return
  [ -n "$(data_identity)" ] || why "no data file at $DATA_FILE" || return
  ct grep -q '^- list:' "$RULES" && { why "plugin mode's rules file holds a list"; return; }
  [ "$(ct head -c 7 "$DATA_FILE")" = IPFDATA ] || why "the data file does not start with IPFDATA" || return
  sleep 2
  [ "$(sighups_since "$standin")" = 1 ] \
    || why "$(sighups_since "$standin") SIGHUPs for the switch to plugin mode, expected 1" || return
  ct falco-ipfeed status | grep -q "^data file .*: generation [0-9]*, [0-9]* addresses: matches the state journal$" \
    || why "status: $(ct falco-ipfeed status | grep '^data file')" || return

  mark=$(journal_mark)
  standin=$(standin_mark)
  rules=$(rules_identity)
  data=$(data_identity)
  serve_feed plugin
  run_cycle_now
  line=$(wait_applied "$mark") || why "no list-applied entry within 30 s of the feed's change" || return
  read -r added removed <<< "$(expected_diff pending 3 plugin 3)"
  expected=$(expected_count plugin 3)
  [ "$(printf '%s\n' "$line" | json_field IPFEED_ADDED) $(printf '%s\n' "$line" | json_field IPFEED_REMOVED) $(printf '%s\n' "$line" | json_field IPFEED_TOTAL)" = "$added $removed $expected" ] \
    || why "list applied: $line, expected +$added -$removed = $expected" || return
  [ "$(printf '%s\n' "$line" | json_field IPFEED_SHA256)" = "$(ct sha256sum "$DATA_FILE" | cut -d' ' -f1)" ] \
    || why "IPFEED_SHA256 is not the data file's SHA-256" || return
  [ "$(data_identity)" != "$data" ] || why "the data file was not rewritten" || return
  [ "$(rules_identity)" = "$rules" ] || why "the rules file was rewritten for a list change" || return
  sleep 2
  [ "$(sighups_since "$standin")" = 0 ] || why "Falco got $(sighups_since "$standin") SIGHUPs for a list change in plugin mode" || return
  [ "$(journal_count "$ID_RELOADED" "$mark")" = 0 ] || why "a Falco-reloaded entry for a list change in plugin mode" || return
  generation=$(ct falco-ipfeed history --json --limit 1 | sed -n 's/.*"id": *\([0-9]*\).*/\1/p' | head -n 1)
  ct falco-ipfeed status | grep -q "^data file .*: generation $generation, $expected addresses: matches the state journal$" \
    || why "status: $(ct falco-ipfeed status | grep '^data file'), expected generation $generation (the last change)" || return
}

# `systemctl stop`: STOPPING=1, exit 0, and no temporary file left beside the rules or the state.
case_stop_clean() {
  need_daemon || return
  local mark pid extra
  pid1_debug on
  mark=$(journal_mark)
  pid=$(prop MainPID)
  ct systemctl stop "$UNIT" || why "systemctl stop failed" || return
  unit_log "$mark" | grep -q "Got notification message from PID $pid (.*STOPPING=1" \
    || why "PID 1 got no STOPPING=1" || return
  [ "$(prop Result)/$(prop ExecMainCode)/$(prop ExecMainStatus)" = success/1/0 ] \
    || why "Result/ExecMainCode/ExecMainStatus: $(prop Result)/$(prop ExecMainCode)/$(prop ExecMainStatus), expected success/1 (exited)/0" || return
  extra=$(ct find /etc/falco -mindepth 1 | grep -vxE '/etc/falco/(falco\.yaml|rules\.d|rules\.d/falco-ipfeed\.yaml|config\.d|config\.d/falco\.container_plugin\.yaml)')
  [ -z "$extra" ] || why "left in /etc/falco: $(printf '%s' "$extra" | tr '\n' ' ')" || return
  extra=$(ct find "$STATE_DIR" -mindepth 1 | grep -iE '/\.|tmp|temp|~$|\.new$|\.partial$')
  [ -z "$extra" ] || why "left in $STATE_DIR: $(printf '%s' "$extra" | tr '\n' ' ')" || return
  # The system call filter refused nothing the daemon does (it answers EPERM). libdispatch's
  # "Failed to set thread priority … errno=13" is not one: without CAP_SYS_NICE a worker
  # thread may not take the higher priority of its QoS class, which changes nothing here.
  extra=$(daemon_said | grep -E 'errno=1\b|Operation not permitted|EPERM' | head -n 1)
  [ -z "$extra" ] || why "the sandbox refused a call the daemon made: $extra" || return
}

# After a failure: what the daemon and systemd said about it, for the CI log (stderr).
dump_diagnostics() {
  ct journalctl -o short-precise --no-pager > "$WORK/journal.txt" 2>&1
  say "---- falco-ipfeed.service: what systemd said about it (last 25 lines, no debug detail)"
  ct journalctl -u "$UNIT" -o short-precise --no-pager | grep ' systemd\[1\]: ' \
    | grep -E 'Start|Stop|Reload|Main process|Failed|Watchdog|Killing|restart' | tail -n 25 >&2
  say "---- falco-ipfeed.service: what the daemon logged (last 40 lines)"
  daemon_said | tail -n 40 >&2
  say "---- systemctl status"
  ct systemctl status --no-pager --lines=0 "$UNIT" falco.service nginx.service >&2
  say "----"
}

# Every case, in order.
run_cases() {
  run_case install case_install
  run_case catalog case_catalog
  run_case standin-falco case_standin_falco
  run_case feed-server case_feed_server
  run_case once-over-http case_once_over_http
  run_case once-conditional-get case_once_conditional_get
  run_case unit-refused case_unit_refused
  run_case start-ready case_start_ready
  run_case status-text case_status_text
  run_case rules-file case_rules_file
  run_case journal-list-applied case_journal_applied
  run_case journal-catalog case_journal_catalog
  run_case sighup-first-list case_sighup_first_list
  pid1_debug on
  run_case security-score case_security
  run_case usr1-runs-cycle case_usr1_runs_cycle
  run_case unchanged-poll-304 case_unchanged_poll
  run_case change-one-sighup case_change_one_sighup
  run_case reload-threshold case_reload_threshold
  run_case reload-broken-config case_reload_broken_config_then_repair
  run_case restart-mode case_restart_mode_then_sighup
  pid1_debug off
  run_case restart-keeps-state case_restart_keeps_state
  run_case status-history-journal case_status_history
  run_case watchdog-restart case_watchdog_restart
  run_case watchdog-no-download case_watchdog_no_download
  run_case safety-hold case_safety_hold
  run_case falco-rejects-file case_falco_rejects
  run_case reload-failed-logged case_reload_failed
  run_case reload-retried case_reload_retried
  run_case bus-down case_bus_down
  run_case source-failed case_source_failed
  run_case plugin-mode case_plugin_mode
  run_case stop-clean case_stop_clean
}
