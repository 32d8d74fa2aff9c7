# Boot the rootfs under a real systemd in a container, run commands in it, tear it down.
# Sourced by run.sh (after lib.sh). Needs root, systemd-nspawn and nsenter.
#
#   container_start ROOTFS WORKDIR   boot; sets CT_INIT (the container's PID 1, host pid)
#   ct CMD...                        run CMD inside (all its namespaces), clean environment,
#                                    at most CT_TIMEOUT seconds
#   ct_sh 'SHELL CODE'               the same through /bin/sh -c
#   ct_put SRCDIR PATH...            copy PATHs (relative to SRCDIR) to / in the container
#   container_stop                   power off, kill what is left, remove the cgroups; idempotent
#   container_force_remove           the same by force, from another process (after a signal)
#   container_leftovers              prints what a run left behind (processes, cgroups, /run)
#
# The host has no systemd, so nothing would give nspawn a cgroup of its own: the run makes one,
# named after its own pid, in each hierarchy that nspawn uses, and moves nspawn into it before
# exec. Everything the container starts stays under it, and teardown removes it.

CT_NAME="ipfeed-test-$$"
CT_CGROUP_NAME="falco-ipfeed-system-test.$$"
CT_CGROUP_DIRS=""
CT_INIT=""
NSPAWN_PID=""

# The cgroup hierarchies nspawn works with: the unified one (cgroup v2, or v1 hybrid's
# "unified") and, on a v1 or hybrid host, the name=systemd one.
cgroup_roots() {
  if [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then
    echo /sys/fs/cgroup
    return
  fi
  if [ -d /sys/fs/cgroup/unified ] && [ "$(stat -fc %T /sys/fs/cgroup/unified)" = cgroup2fs ]; then
    echo /sys/fs/cgroup/unified
  fi
  if [ -d /sys/fs/cgroup/systemd ]; then
    echo /sys/fs/cgroup/systemd
  fi
}

# Every pid in a cgroup tree.
cgroup_tree_pids() {
  find "$1" -name cgroup.procs -exec cat {} + 2>/dev/null
}

# Kill everything in a cgroup tree and remove it, deepest first.
cgroup_tree_remove() {
  local dir=$1 pids tries=0
  [ -d "$dir" ] || return 0
  while pids=$(cgroup_tree_pids "$dir") && [ -n "$pids" ]; do
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null
    tries=$((tries + 1))
    [ "$tries" -lt 50 ] || { say "cgroup $dir: processes left after SIGKILL: $pids"; return 1; }
    sleep 0.1
  done
  find "$dir" -depth -type d -exec rmdir {} + 2>/dev/null
  [ ! -d "$dir" ] || { say "cgroup $dir: could not be removed"; return 1; }
}

# Cgroups of earlier runs that were killed before their teardown (their run's pid is gone).
cgroup_remove_stale() {
  local root dir pid
  for root in $(cgroup_roots); do
    for dir in "$root"/falco-ipfeed-system-test.*; do
      [ -d "$dir" ] || continue
      pid=${dir##*.}
      if [ -d "/proc/$pid" ] && [ "$pid" != "$$" ]; then continue; fi
      say "removing the cgroup $dir of an earlier run"
      cgroup_tree_remove "$dir"
    done
  done
}

# The container's PID 1: the process of our cgroup tree that is pid 1 in its own namespace.
container_find_init() {
  local root pid
  for root in $CT_CGROUP_DIRS; do
    for pid in $(cgroup_tree_pids "$root"); do
      if grep -Eq "^NSpid:[[:space:]]+${pid}[[:space:]]+1\$" "/proc/$pid/status" 2>/dev/null; then
        CT_INIT=$pid
        return 0
      fi
    done
  done
  return 1
}

# nspawn makes these and leaves them (empty) behind: teardown removes the ones it made.
container_note_run_dirs() {
  local dir
  CT_RUN_DIRS_MADE=""
  for dir in /run/systemd /run/systemd/nspawn /run/systemd/nspawn/locks /run/systemd/nspawn/propagate; do
    [ -e "$dir" ] || CT_RUN_DIRS_MADE="$dir $CT_RUN_DIRS_MADE"
  done
  CT_RUN_DIRS_NOTED=1
}

container_start() {
  local rootfs=$1 work=$2 root state
  CT_CONSOLE=$work/console.log
  cgroup_remove_stale
  [ -n "${CT_RUN_DIRS_NOTED:-}" ] || container_note_run_dirs
  for root in $(cgroup_roots); do
    mkdir "$root/$CT_CGROUP_NAME" || die "cannot create the cgroup $root/$CT_CGROUP_NAME"
    CT_CGROUP_DIRS="$CT_CGROUP_DIRS $root/$CT_CGROUP_NAME"
  done
  [ -n "$CT_CGROUP_DIRS" ] || die "no cgroup hierarchy found under /sys/fs/cgroup"
  # The subshell moves itself into the cgroups, then becomes systemd-nspawn.
  (
    for root in $CT_CGROUP_DIRS; do echo "$BASHPID" > "$root/cgroup.procs"; done
    exec systemd-nspawn --quiet -D "$rootfs" -M "$CT_NAME" -b \
      --register=no --keep-unit --private-network --volatile=overlay \
      --link-journal=no --resolv-conf=off --console=read-only
  ) < /dev/null > "$CT_CONSOLE" 2>&1 &
  NSPAWN_PID=$!
  wait_until 30 container_find_init \
    || { tail -n 20 "$CT_CONSOLE" >&2; die "the container's systemd did not start"; }
  # Until PID 1 has set up its namespaces, nsenter may fail: retry.
  wait_until 30 ct true || die "cannot enter the container (nsenter -t $CT_INIT -a)"
  # "initializing" and "starting" until the boot transaction is done.
  wait_until 120 container_booted
  state=$(ct systemctl is-system-running 2>/dev/null)
  case $state in
    running) ;;
    degraded) say "container: degraded; failed units: $(ct systemctl --failed --no-legend --plain | awk '{print $1}' | tr '\n' ' ')" ;;
    *) tail -n 30 "$CT_CONSOLE" >&2; die "the container's systemd did not reach running (state: ${state:-none})" ;;
  esac
  say "container: $CT_NAME booted ($state), PID 1 is host pid $CT_INIT"
}

container_booted() {
  case $(ct systemctl is-system-running 2>/dev/null) in
    running | degraded) return 0 ;;
    *) return 1 ;;
  esac
}

# Every command gets CT_TIMEOUT seconds (default 120): a hang fails a case, not the run.
ct() {
  timeout "${CT_TIMEOUT:-120}" nsenter -t "$CT_INIT" -a -- env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 TERM=dumb SYSTEMD_PAGER=cat SYSTEMD_COLORS=0 SYSTEMD_LESS= "$@"
}

ct_sh() { ct /bin/sh -c "$1"; }

# Copy files into the running container (its root is an overlay on a tmpfs: writes there vanish
# with it). Existing directories keep their owner and mode.
ct_put() {
  local src=$1; shift
  tar -C "$src" -cf - "$@" | ct tar -C / --no-overwrite-dir -xf -
}

# True while nspawn runs (a zombie, waiting for us to reap it, does not count).
nspawn_alive() {
  local stat
  stat=$(ps -o stat= -p "$NSPAWN_PID" 2>/dev/null) && [ "${stat#Z}" = "$stat" ]
}

container_stop() {
  local root dir ok=0
  if [ -n "$NSPAWN_PID" ]; then
    # nspawn turns SIGTERM into an orderly poweroff of the container's systemd.
    kill -TERM "$NSPAWN_PID" 2>/dev/null
    wait_until 30 eval '! nspawn_alive' \
      || say "container: no clean poweroff within 30 s, killing what is left"
  fi
  for root in $CT_CGROUP_DIRS; do
    cgroup_tree_remove "$root" || ok=1
  done
  if [ -n "$NSPAWN_PID" ]; then wait "$NSPAWN_PID" 2>/dev/null; fi
  for dir in ${CT_RUN_DIRS_MADE:-}; do
    rmdir "$dir" 2>/dev/null
  done
  NSPAWN_PID=""
  CT_CGROUP_DIRS=""
  CT_INIT=""
  CT_RUN_DIRS_MADE=""
  return $ok
}

# Teardown without the container's cooperation (from another process than the one that started
# it): kill everything in this run's cgroups and remove them; remove what a killed nspawn could
# not (its propagation dir, its lock on the rootfs $1 unless another container uses it) and the
# /run dirs it made.
container_force_remove() {
  local rootfs=$1 root dir
  for root in $(cgroup_roots); do
    cgroup_tree_remove "$root/$CT_CGROUP_NAME"
  done
  rm -rf "/run/systemd/nspawn/propagate/$CT_NAME"
  if [ -d "$rootfs" ] && ! ps -eo args= | grep -F -- "-D $rootfs " | grep -qv grep; then
    rm -f "/run/systemd/nspawn/locks/inode-$(stat -c %d:%i "$rootfs")"
  fi
  for dir in ${CT_RUN_DIRS_MADE:-}; do
    rmdir "$dir" 2>/dev/null
  done
}

# What a run left on the host: prints one line per leftover; nothing when clean.
#   $1: a listing of /run taken before the container started
container_leftovers() {
  local run_before=$1 root
  for root in $(cgroup_roots); do
    [ ! -d "$root/$CT_CGROUP_NAME" ] || echo "cgroup $root/$CT_CGROUP_NAME"
  done
  ps -eo pid=,args= | grep -E "systemd-nspawn .*-M $CT_NAME( |$)" | grep -v grep | sed 's/^/process /'
  # nspawn's entries: /run/systemd/nspawn (image locks, propagation dirs named after the
  # machine) and anything named after the machine. Other programs on the host may come and go
  # in /run meanwhile (a systemd-analyze --offline elsewhere leaves /run/systemd/systemd-units-load).
  if [ -n "$run_before" ]; then
    find /run -maxdepth 5 2>/dev/null | sort | comm -13 "$run_before" - \
      | grep -E "^/run/systemd/(nspawn|machines)|$CT_NAME" | sed 's/^/new in \/run: /'
  fi
}
