# Shared helpers for the system test. Sourced by the other scripts; defines functions only.

# Messages go to stderr, so that functions can print their results on stdout.
say() { printf '%s\n' "system-test: $*" >&2; }
die() {
  DIE_REASON=$*
  say "error: $*"
  exit 1
}

# Phase timing: `phase_start NAME` ... `phase_end`, printed as "phase NAME: 12.3 s".
phase_start() {
  PHASE_NAME=$1
  PHASE_T0=$(date +%s.%N)
  say "== $PHASE_NAME"
}
phase_end() {
  local t1
  t1=$(date +%s.%N)
  awk -v n="$PHASE_NAME" -v a="$PHASE_T0" -v b="$t1" \
    'BEGIN { printf "system-test: phase %s: %.1f s\n", n, b - a }' >&2
}

# `wait_until SECONDS COMMAND...`: run COMMAND every 0.2 s until it succeeds; 1 on timeout.
wait_until() {
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}
