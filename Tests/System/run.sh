#!/usr/bin/env bash
# The system test: falco-ipfeed installed like a user installs it, under a real systemd, in a
# booted Debian 12 container (systemd-nspawn), checked with systemctl and journalctl.
#
#   make system-test             build, then run this
#   Tests/System/run.sh          run it on the binary already built (.build/release/falco-ipfeed)
#
# Then a second boot, fresh from the rootfs, for the Debian package (package-cases.sh): built
# with `make deb` twice (a second, higher version for the upgrade), installed with apt-get,
# upgraded, removed, purged.
#
# Needs root, systemd-nspawn (systemd-container), debootstrap, nsenter, python3, debhelper and
# lintian (make deb), and Debian's mirror the first time (the rootfs is cached, see rootfs.sh). Prints "PASS name" or
# "FAIL name: reason" for each case, the time of each phase, and ends with "N passed, M failed";
# exits 1 when a case failed.
#
# Environment:
#   FALCO_IPFEED_BINARY        the binary to install (default .build/release/falco-ipfeed)
#   FALCO_IPFEED_TEST_FEED     the IPsum file to serve (default ../shared/data/ipsum/ipsum-2026-08-22.txt
#                              beside the package; a generated feed when it is absent)
#   FALCO_IPFEED_TEST_CACHE    where the rootfs is cached (default /var/cache/falco-ipfeed/system-test)
#   FALCO_IPFEED_TEST_KEEP=1   keep the work directory (console log, staged install, feeds)

set -uo pipefail
# Nothing here reads the terminal (commands in the container run in a background process group).
exec < /dev/null

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PACKAGE_ROOT=$(cd "$HERE/../.." && pwd)
BINARY=${FALCO_IPFEED_BINARY:-$PACKAGE_ROOT/.build/release/falco-ipfeed}

. "$HERE/lib.sh"
. "$HERE/rootfs.sh"
. "$HERE/container.sh"
. "$HERE/feeds.sh"
. "$HERE/cases.sh"
. "$HERE/package-cases.sh"

VERSION=$(sed -n 's/.*static let string = "\(.*\)".*/\1/p' "$PACKAGE_ROOT/Sources/IPFeedCore/Version.swift")
# The upgrade's package: a higher version, and a default config that differs from the first's.
DEB_SECOND_VERSION=$VERSION+systemtest2

# What the run needs before it starts; a missing piece fails it with the usual tally.
preflight() {
  local tool problem=""
  [ "$(id -u)" = 0 ] || problem="run as root (systemd-nspawn and debootstrap need it)"
  for tool in systemd-nspawn debootstrap nsenter unshare flock python3 systemd-analyze make dpkg-buildpackage lintian readelf; do
    command -v "$tool" > /dev/null || problem="$tool is missing (make system-test installs systemd-container, debootstrap, python3, debhelper and lintian)"
  done
  [ -x "$BINARY" ] || problem="$BINARY is missing: run make build"
  [ -z "$problem" ] && return
  printf 'FAIL preflight: %s\n0 passed, 1 failed\n' "$problem"
  exit 1
}

# The test itself: runs in a child process (see the end of this file).
main() {
  trap finish EXIT
  RUN_T0=$(date +%s.%N)
  find /run -maxdepth 5 2> /dev/null | sort > "$WORK/run.before"

  phase_start rootfs
  rootfs_ensure
  phase_end

  phase_start stage
  # The user's install, into a staging directory that is copied into the container's root.
  make -s -C "$PACKAGE_ROOT" install DESTDIR="$WORK/stage" PREFIX=/usr/local BINARY="$BINARY" >&2 \
    || die "make install DESTDIR=$WORK/stage failed"
  feeds_prepare "$WORK/feeds"
  for variant in $FEED_VARIANTS; do
    expected_list "$variant" 3 > /dev/null && expected_list "$variant" 4 > /dev/null \
      || die "falco-ipfeed render could not read the $variant feed"
  done
  phase_end

  # The packages build (niced) while the first boot's cases run: those mostly wait.
  packages_start

  phase_start boot
  container_start "$ROOTFS" "$WORK"
  phase_end

  phase_start cases
  run_cases
  [ "$FAILED" = 0 ] || dump_diagnostics
  phase_end

  phase_start package-build-wait
  packages_wait
  phase_end

  # The package in a second boot: the same rootfs, none of the first boot's changes.
  phase_start package-boot
  container_stop
  container_note_run_dirs
  container_start "$ROOTFS" "$WORK"
  phase_end

  phase_start package-cases
  local failed_before=$FAILED
  run_package_cases
  [ "$FAILED" = "$failed_before" ] || dump_diagnostics
  phase_end

  phase_start teardown
  container_stop
  phase_end
  run_case teardown-clean eval '
    leftovers=$(container_leftovers "$WORK/run.before")
    [ -z "$leftovers" ] || why "$(printf "%s" "$leftovers" | tr "\n" " ")"'

  awk -v a="$RUN_T0" -v b="$(date +%s.%N)" 'BEGIN { printf "system-test: whole run: %.1f s\n", b - a }' >&2
  [ -z "$SECURITY_SCORE" ] || say "exposure score of falco-ipfeed.service: $SECURITY_SCORE"
  summary
}

# The two packages, with `make deb` from the binary under test: DEB_FIRST at the project's
# version, DEB_SECOND at a higher one with an edited default config (DEB_SECOND_CONFIG).
# packages_start builds them in the background, packages_wait waits for them (or dies).
packages_start() {
  local arch
  arch=$(dpkg --print-architecture)
  DEB_DIR=$WORK/packages
  DEB_FIRST=falco-ipfeed_${VERSION}_$arch.deb
  DEB_SECOND=falco-ipfeed_${DEB_SECOND_VERSION}_$arch.deb
  DEB_SECOND_CONFIG=$WORK/second-default.yaml
  mkdir -p "$DEB_DIR"
  { cat "$PACKAGE_ROOT/etc/falco-ipfeed/falco-ipfeed.yaml"
    echo "# A default of the upgrade's package, for the system test."; } > "$DEB_SECOND_CONFIG"
  build_packages > "$WORK/deb.log" 2>&1 &
  PACKAGES_PID=$!
}
# In the background: prints what failed, as its last line.
build_packages() {
  # gzip -z1: the same files, packed in seconds (xz takes a minute for each package here).
  nice -n 19 make -s -C "$PACKAGE_ROOT" deb BINARY="$BINARY" DEB_FILE="$DEB_DIR/$DEB_FIRST" \
    DEB_COMPRESSION="gzip -z1" > "$WORK/deb-first.log" 2>&1 \
    || { tail -n 20 "$WORK/deb-first.log"; echo "make deb failed"; exit 1; }
  nice -n 19 make -s -C "$PACKAGE_ROOT" deb BINARY="$BINARY" DEB_FILE="$DEB_DIR/$DEB_SECOND" \
    DEB_COMPRESSION="gzip -z1" DEB_VERSION="$DEB_SECOND_VERSION" DEB_CONFIG="$DEB_SECOND_CONFIG" \
    > "$WORK/deb-second.log" 2>&1 \
    || { tail -n 20 "$WORK/deb-second.log"; echo "make deb DEB_VERSION=$DEB_SECOND_VERSION failed"; exit 1; }
}
packages_wait() {
  wait "$PACKAGES_PID" && return
  cat "$WORK/deb.log" >&2
  die "$(tail -n 1 "$WORK/deb.log")"
}

summary() {
  printf '%s passed, %s failed\n' "$PASSED" "$FAILED"
  SUMMARY_PRINTED=1
  [ "$FAILED" = 0 ]
}

# The orderly end of main, however it ends: power the container off, remove its cgroups.
finish() {
  local status=$?
  trap - EXIT
  container_stop
  remove_work
  # A run that could not get as far as its cases (no rootfs, no boot) still ends with the tally.
  if [ -z "${SUMMARY_PRINTED:-}" ]; then
    run_case "${PHASE_NAME:-setup}" why "${DIE_REASON:-the run stopped}"
    summary
    status=1
  fi
  exit "$status"
}

remove_work() {
  if [ "${FALCO_IPFEED_TEST_KEEP:-}" = 1 ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}

# Every process below pid $1, deepest first.
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1"); do
    descendants "$child"
    echo "$child"
  done
}

# A signal (Ctrl-C, a CI time limit): the child may be in the middle of a long command, and bash
# runs traps only between commands, so this shell kills the child's processes itself and tears
# the container down by force (its cgroups hold every process it started).
abort_run() {
  trap '' INT TERM HUP
  say "interrupted: tearing the container down"
  # shellcheck disable=SC2046
  kill -KILL $(descendants "$MAIN_PID") "$MAIN_PID" 2> /dev/null
  wait "$MAIN_PID" 2> /dev/null
  container_force_remove "$ROOTFS_CACHE/rootfs-$(rootfs_key)"
  remove_work
  exit 130
}

preflight
WORK=$(mktemp -d /tmp/falco-ipfeed-system-test.XXXXXX)
container_note_run_dirs
main &
MAIN_PID=$!
trap abort_run INT TERM HUP
wait "$MAIN_PID"
