#!/usr/bin/env bash
# The container's root file system: a minbase Debian 12 with systemd, the libraries falco-ipfeed
# links, and nginx to serve the feed. Built once with debootstrap and cached outside the clone,
# keyed by a hash of the recipe (suite, mirror, package list), reused while present; the rootfs
# of another recipe is removed.
#
#   Tests/System/rootfs.sh        build when missing, print the rootfs path
#   . Tests/System/rootfs.sh      define rootfs_ensure (used by run.sh), which sets ROOTFS
#
# Environment: FALCO_IPFEED_TEST_CACHE (default /var/cache/falco-ipfeed/system-test),
# FALCO_IPFEED_TEST_MIRROR (default http://deb.debian.org/debian).

ROOTFS_SUITE=bookworm
ROOTFS_MIRROR=${FALCO_IPFEED_TEST_MIRROR:-http://deb.debian.org/debian}
ROOTFS_CACHE=${FALCO_IPFEED_TEST_CACHE:-/var/cache/falco-ipfeed/system-test}
# systemd as PID 1 and its bus; procps for kill and ps; what the binary links (libcurl4 brings
# libssl3/libcrypto); nginx-light serves the feed with ETag and 304; man-db and bash-completion
# for the package's man page and completion.
ROOTFS_PACKAGES="systemd systemd-sysv dbus procps libcurl4 libssl3 libsystemd0 libsqlite3-0 nginx-light man-db bash-completion"
# Bump when the steps below change in a way the package list does not show.
ROOTFS_RECIPE=2

rootfs_key() {
  printf 'recipe=%s suite=%s mirror=%s packages=%s\n' \
    "$ROOTFS_RECIPE" "$ROOTFS_SUITE" "$ROOTFS_MIRROR" "$ROOTFS_PACKAGES" \
    | sha256sum | cut -c1-16
}

# Sets ROOTFS to the path of a complete rootfs, building it first when it is missing.
rootfs_ensure() {
  local key final partial lock_fd
  key=$(rootfs_key)
  final=$ROOTFS_CACHE/rootfs-$key
  mkdir -p "$ROOTFS_CACHE" || die "rootfs: cannot create $ROOTFS_CACHE"
  # One builder at a time; a second run waits and then finds the cache.
  exec {lock_fd}>"$ROOTFS_CACHE/.lock" || die "rootfs: cannot write $ROOTFS_CACHE/.lock"
  flock "$lock_fd"
  rootfs_remove_old "$final"
  if [ -f "$final/.falco-ipfeed-rootfs" ]; then
    say "rootfs: cached at $final"
    flock -u "$lock_fd"; exec {lock_fd}>&-
    ROOTFS=$final
    return 0
  fi
  rootfs_remove_partials
  partial=$(mktemp -d "$ROOTFS_CACHE/rootfs-$key.partial.XXXXXX")
  say "rootfs: building $final with debootstrap ($ROOTFS_SUITE, $ROOTFS_MIRROR)"
  # A mount namespace of its own: the /proc and /sys that debootstrap mounts in the target
  # vanish with it, even when it is killed half way.
  if ! unshare --mount --propagation private \
      debootstrap --variant=minbase --include="${ROOTFS_PACKAGES// /,}" \
      "$ROOTFS_SUITE" "$partial" "$ROOTFS_MIRROR" > "$partial.log" 2>&1; then
    tail -n 30 "$partial.log" >&2
    rm -rf --one-file-system "$partial" "$partial.log"
    flock -u "$lock_fd"; exec {lock_fd}>&-
    die "rootfs: debootstrap failed (log above)"
  fi
  # Smaller and reproducible: no package lists or archives, no machine-id (systemd makes one
  # at each boot), no host name copied from the build host.
  rm -rf "$partial"/var/lib/apt/lists/* "$partial"/var/cache/apt/*.bin "$partial"/var/cache/apt/archives/*.deb
  : > "$partial/etc/machine-id"
  echo falco-ipfeed-test > "$partial/etc/hostname"
  printf 'falco-ipfeed system-test rootfs\nkey %s\nsuite %s\nmirror %s\npackages %s\nbuilt %s\n' \
    "$key" "$ROOTFS_SUITE" "$ROOTFS_MIRROR" "$ROOTFS_PACKAGES" "$(date -u +%FT%TZ)" \
    > "$partial/.falco-ipfeed-rootfs"
  rm -f "$partial.log"
  # Only a complete tree ever gets the final name.
  rm -rf --one-file-system "$final"
  mv "$partial" "$final"
  flock -u "$lock_fd"; exec {lock_fd}>&-
  say "rootfs: built $final"
  ROOTFS=$final
}

# Leftovers of an interrupted build (called with the lock held, so none is in progress).
rootfs_remove_partials() {
  local dir
  for dir in "$ROOTFS_CACHE"/rootfs-*.partial.*; do
    [ -e "$dir" ] || continue
    say "rootfs: removing the interrupted build $dir"
    rm -rf --one-file-system "$dir"
  done
}

# Rootfs of other recipes (an older checkout's), unless a container runs on one.
rootfs_remove_old() {
  local dir
  for dir in "$ROOTFS_CACHE"/rootfs-*; do
    [ -d "$dir" ] && [ "$dir" != "$1" ] || continue
    case $dir in *.partial.*) continue ;; esac
    if ps -eo args= | grep -F -- "-D $dir " | grep -qv grep; then continue; fi
    say "rootfs: removing $dir (another recipe)"
    rm -rf --one-file-system "$dir"
  done
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  . "$(dirname "$0")/lib.sh"
  rootfs_ensure
  printf '%s\n' "$ROOTFS"
fi
