# The Debian package's checks. Sourced by run.sh (after cases.sh, whose helpers they use).
#
# They run in a second boot of the container, fresh from the rootfs, after the cases of
# `make install`: a user's life with the package, in order. `apt-get install ./falco-ipfeed_….deb`
# (its dependencies already in the rootfs), the service enabled and running; the config pointed
# at the test's feed; the man page and the completion; an upgrade to a second build with a higher
# version and a changed default config (the user's config, the state journal and the history
# carry on); remove (service gone, config and state kept); purge (nothing left).
#
# run.sh builds the two packages with `make deb` into $DEB_DIR and sets DEB_FIRST and DEB_SECOND
# (file names), DEB_SECOND_VERSION and DEB_SECOND_CONFIG (the second's default config).

PKG=falco-ipfeed
PKG_DIR=/root/packages
HISTORY_BEFORE_UPGRADE=""
# Every path the package installs or its scripts make, and the daemon's output: none may be
# left after a purge (the case purge also searches the whole file system for the name).
PKG_PATHS="/usr/bin/falco-ipfeed
/usr/lib/systemd/system/falco-ipfeed.service
/usr/lib/systemd/catalog/falco-ipfeed.catalog
/usr/share/man/man8/falco-ipfeed.8.gz
/usr/share/bash-completion/completions/falco-ipfeed
/usr/share/zsh/vendor-completions/_falco-ipfeed
/usr/share/fish/vendor_completions.d/falco-ipfeed.fish
/usr/share/doc/falco-ipfeed
/usr/share/falco/plugins/libfalco-ipfeed.so
/etc/falco-ipfeed
/etc/systemd/system/multi-user.target.wants/falco-ipfeed.service
/etc/systemd/system/falco-ipfeed.service
/var/lib/falco-ipfeed
/var/lib/systemd/deb-systemd-helper-enabled/falco-ipfeed.service.dsh-also
/var/lib/systemd/deb-systemd-helper-enabled/multi-user.target.wants/falco-ipfeed.service
/var/lib/systemd/deb-systemd-helper-masked/falco-ipfeed.service
/etc/falco/rules.d/falco-ipfeed.yaml"

pkg_status() { ct dpkg-query -W -f='${db:Status-Abbrev}${Version}' "$PKG" 2> /dev/null; }

# apt-get in the container, without a terminal; its output is kept in $WORK/apt.log.
pkg_apt() {
  ct env DEBIAN_FRONTEND=noninteractive apt-get -y "$@" > "$WORK/apt.log" 2>&1
}
apt_tail() { tail -n 5 "$WORK/apt.log" | tr '\n' ' '; }

# The stand-in Falco and the feed server, as in the first boot; no falco-ipfeed yet.
case_pkg_setup() {
  ct_put "$HERE/container-files" etc usr || why "copying the stand-ins into the container failed" || return
  ct rm -f /etc/nginx/sites-enabled/default
  ct mkdir -p /srv/feed /etc/falco/rules.d "$PKG_DIR"
  serve_feed base
  ct systemctl daemon-reload || why "systemctl daemon-reload failed" || return
  ct systemctl restart nginx.service || why "nginx did not start" || return
  ct systemctl enable --now falco-modern-bpf.service 2> /dev/null || why "the stand-in Falco did not start" || return
  tar -C "$DEB_DIR" -cf - "$DEB_FIRST" "$DEB_SECOND" | ct tar -C "$PKG_DIR" -xf - \
    || why "copying the packages into the container failed" || return
  ! ct test -e /usr/local/bin/falco-ipfeed || why "this boot should start without make install's files" || return
}

# `apt-get install ./falco-ipfeed_….deb`: dependencies from the rootfs's packages, the service
# enabled and started by the package, from Debian's places.
case_pkg_install() {
  local mark
  mark=$(journal_mark)
  pkg_apt install "$PKG_DIR/$DEB_FIRST" || why "apt-get install ./$DEB_FIRST failed: $(apt_tail)" || return
  [ "$(pkg_status)" = "ii $VERSION" ] || why "dpkg says \"$(pkg_status)\", expected installed $VERSION" || return
  # systemd 252 names the unit by the first directory of its search path, /lib/systemd/system,
  # the same directory as /usr/lib/systemd/system on a merged-/usr Debian 12.
  ct dpkg-query -L "$PKG" | grep -qx /usr/lib/systemd/system/falco-ipfeed.service \
    || why "the package does not ship /usr/lib/systemd/system/falco-ipfeed.service" || return
  [ "$(ct readlink -f "$(prop FragmentPath)")" = /usr/lib/systemd/system/falco-ipfeed.service ] \
    || why "the unit was loaded from $(prop FragmentPath)" || return
  prop ExecStart | grep -q 'path=/usr/bin/falco-ipfeed ' || why "ExecStart: $(prop ExecStart)" || return
  [ "$(ct systemctl is-enabled "$UNIT")" = enabled ] || why "the unit is $(ct systemctl is-enabled "$UNIT"), not enabled" || return
  wait_until 30 eval '[ "$(prop ActiveState)/$(prop SubState)" = active/running ]' \
    || why "after install: $(prop ActiveState)/$(prop SubState)" || return
  [ "$(ct falco-ipfeed --version)" = "$VERSION" ] || why "falco-ipfeed --version: $(ct falco-ipfeed --version)" || return
  ct test -f /usr/share/falco/plugins/libfalco-ipfeed.so \
    || why "the package lacks the Falco plugin /usr/share/falco/plugins/libfalco-ipfeed.so" || return
  # The shipped config polls IPsum itself; the container has no network: the daemon says so
  # and keeps running.
  wait_until 30 eval '[ "$(journal_count "$ID_SOURCE_FAILED" "$mark")" -gt 0 ]' \
    || why "no source-failed entry for the default source without a network" || return
  [ "$(prop ActiveState)" = active ] || why "the daemon stopped after a failed poll" || return
}

# The config is a conffile, readable by root and its group only (a feed URL may carry
# credentials).
case_pkg_conffile() {
  local conffiles mode
  conffiles=$(ct dpkg-query -W -f='${Conffiles}' "$PKG")
  printf '%s\n' "$conffiles" | grep -q "^ $CONFIG [0-9a-f]\{32\}$" \
    || why "dpkg's conffiles of $PKG: \"$(printf '%s' "$conffiles" | tr '\n' ' ')\"" || return
  mode=$(ct stat -c '%a %U %G' "$CONFIG")
  [ "$mode" = "640 root root" ] || why "$CONFIG: mode, owner, group \"$mode\", expected \"640 root root\"" || return
  ct cmp -s "$CONFIG" /dev/stdin < "$PACKAGE_ROOT/etc/falco-ipfeed/falco-ipfeed.yaml" \
    || why "$CONFIG is not the shipped default" || return
}

# Depends names the package of every library that the binary and the plugin need: their NEEDED
# entries (found where the container's ldd resolves them, for dpkg-shlibdeps) and the sonames the
# binary loads with dlopen (found where the container's ldconfig cache has them, written by hand
# in debian/control); Recommends nothing.
case_pkg_depends() {
  local depends missing="" pair
  depends=$(ct dpkg-query -W -f='${Depends}' "$PKG" | tr ',' '\n' | sed 's/^ *//; s/[ (].*//')
  for pair in "$BINARY:/usr/bin/falco-ipfeed" \
    "$PACKAGE_ROOT/.build/release/libfalco-ipfeed-plugin.so:/usr/share/falco/plugins/libfalco-ipfeed.so"; do
    missing="$missing$(needed_packages_missing "${pair%%:*}" "${pair#*:}" "$depends")"
  done
  [ -z "$missing" ] || why "Depends: $(printf '%s' "$depends" | tr '\n' ' ')lacks the packages of$missing" || return
  [ -z "$(ct dpkg-query -W -f='${Recommends}' "$PKG")" ] \
    || why "Recommends: $(ct dpkg-query -W -f='${Recommends}' "$PKG")" || return
}
# needed_packages_missing HOST_FILE INSTALLED_PATH DEPENDS: prints " soname(package)" for each
# library HOST_FILE needs whose package (in the container) is not among DEPENDS.
needed_packages_missing() {
  local needed resolved soname path package
  needed=$(readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  [ -n "$needed" ] || { printf ' %s(readelf finds no NEEDED entry)' "$1"; return; }
  needed="$needed $(strings -a "$1" | grep -E '^lib[a-z0-9_+-]+\.so\.[0-9]+$' | sort -u)"
  resolved="$(ct ldd "$2")
$(ct ldconfig -p)"
  for soname in $needed; do
    path=$(printf '%s\n' "$resolved" | awk -v name="$soname" '
      $1 == name && $2 == "=>" { print $3; exit }
      $1 == name && $(NF - 1) == "=>" { print $NF; exit }
      $1 ~ ("/" name "$") { print $1; exit }')
    [ -n "$path" ] || { printf ' %s(not found by ldd)' "$soname"; continue; }
    package=$(ct dpkg-query -S "$(ct readlink -f "$path")" 2> /dev/null | head -n 1 | cut -d: -f1)
    [ -n "$package" ] || package=$(ct dpkg-query -S "$path" 2> /dev/null | head -n 1 | cut -d: -f1)
    printf '%s\n' "$3" | grep -qx "${package:-none}" || printf ' %s(%s)' "$soname" "${package:-no package}"
  done
}

# The catalog reaches journalctl through systemd's dpkg trigger on /usr/lib/systemd/catalog.
case_pkg_catalog() {
  local catalog id missing=""
  catalog=$(ct journalctl --list-catalog)
  for id in $ALL_IDS; do
    printf '%s\n' "$catalog" | grep -q "^$id " || missing="$missing $id"
  done
  [ -z "$missing" ] || why "journalctl --list-catalog lacks$missing after the install"
}

# The user points the config at the feed and restarts: the rules file, the journal entry.
case_pkg_rules_file() {
  local mark line expected
  write_config 4 sighup
  ct chmod 0640 "$CONFIG"
  mark=$(journal_mark)
  ct systemctl restart "$UNIT" || why "systemctl restart failed" || return
  line=$(wait_applied "$mark" 60) || why "no list-applied entry within 60 s of the restart" || return
  expected=$(expected_count base 4)
  [ "$(rules_count)" = "$expected" ] || why "$RULES lists $(rules_count) addresses, expected $expected" || return
  check_applied "$line" "$expected" 0 "$expected" || return
}

# `man falco-ipfeed` shows the page of section 8, with every subcommand of the binary's help.
case_pkg_man() {
  local page text
  page=$(ct man -w falco-ipfeed 2>&1)
  [ "$page" = /usr/share/man/man8/falco-ipfeed.8.gz ] || why "man -w falco-ipfeed: $page" || return
  text=$(ct env MANPAGER=cat MANWIDTH=100 man falco-ipfeed 2> "$WORK/man.err") \
    || why "man falco-ipfeed failed: $(head -n 3 "$WORK/man.err" | tr '\n' ' ')" || return
  printf '%s\n' "$text" | head -n 1 | grep -q 'FALCO-IPFEED(8)' \
    || why "the page's header: $(printf '%s\n' "$text" | head -n 1)" || return
  for word in $("$BINARY" --help | awk '/^SUBCOMMANDS:/ { f = 1; next } f && /^  [a-z]/ { print $1 }') --config; do
    printf '%s\n' "$text" | grep -qe "$word" || why "man falco-ipfeed does not mention $word" || return
  done
  [ ! -s "$WORK/man.err" ] || why "man falco-ipfeed warned: $(head -n 3 "$WORK/man.err" | tr '\n' ' ')" || return
}

# Bash completes subcommands and options through bash-completion's loader; zsh and fish find
# theirs in their vendor directories.
complete_bash() {
  # shellcheck disable=SC2016 # expanded by the container's bash
  ct bash -c '. /usr/share/bash-completion/bash_completion
    COMP_WORDS=($1); [ -n "$2" ] && COMP_WORDS+=("")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE="$1$2"; COMP_POINT=${#COMP_LINE}
    _completion_loader falco-ipfeed
    function=$(complete -p falco-ipfeed | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
    [ -n "$function" ] || exit 1
    "$function" falco-ipfeed "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s\n" "${COMPREPLY[@]}"' complete_bash "$1" "${2:-}"
}
case_pkg_completion() {
  local words file
  words=$(complete_bash "falco-ipfeed hi") || why "bash-completion found no completion for falco-ipfeed" || return
  [ "$words" = history ] || why "falco-ipfeed hi<TAB> offers \"$(printf '%s' "$words" | tr '\n' ' ')\", expected history" || return
  words=$(complete_bash "falco-ipfeed lookup --" | tr '\n' ' ')
  case " $words " in *" --json "*" --config "* | *" --config "*" --json "*) ;; *) why "falco-ipfeed lookup --<TAB> offers \"$words\"" || return ;; esac
  for file in /usr/share/zsh/vendor-completions/_falco-ipfeed /usr/share/fish/vendor_completions.d/falco-ipfeed.fish; do
    ct grep -q 'history' "$file" || why "$file is missing or names no subcommand" || return
  done
}

# An upgrade to a second build with a higher version and another default config: dpkg keeps
# the user's edited config (and says so: the conffile question, answered "keep"), the service
# restarts on the new binary, the state journal stays, and the history carries on.
case_pkg_upgrade() {
  local config_before pid mark nginx history line
  config_before=$(ct sha256sum "$CONFIG")
  pid=$(prop MainPID)
  HISTORY_BEFORE_UPGRADE=$(ct falco-ipfeed history --json | history_length)
  [ "$HISTORY_BEFORE_UPGRADE" -ge 1 ] || why "no history before the upgrade" || return
  mark=$(journal_mark)
  nginx=$(nginx_mark)
  pkg_apt -o Dpkg::Options::=--force-confold install "$PKG_DIR/$DEB_SECOND" \
    || why "apt-get install ./$DEB_SECOND failed: $(apt_tail)" || return
  [ "$(pkg_status)" = "ii $DEB_SECOND_VERSION" ] || why "dpkg says \"$(pkg_status)\" after the upgrade" || return
  grep -q "Configuration file '$CONFIG'" "$WORK/apt.log" \
    || why "dpkg did not ask about the changed conffile: $(apt_tail)" || return
  [ "$(ct sha256sum "$CONFIG")" = "$config_before" ] || why "the upgrade replaced the user's config" || return
  ct cmp -s "$CONFIG.dpkg-dist" /dev/stdin < "$DEB_SECOND_CONFIG" \
    || why "the new default is not beside it as $CONFIG.dpkg-dist" || return
  [ "$(ct stat -c %a "$CONFIG")" = 640 ] || why "$CONFIG has mode $(ct stat -c %a "$CONFIG") after the upgrade" || return
  wait_until 30 eval '[ "$(prop ActiveState)" = active ] && [ "$(prop MainPID)" != "$pid" ] && [ "$(prop MainPID)" != 0 ]' \
    || why "not restarted by the upgrade: $(prop ActiveState)/$(prop SubState), MainPID $(prop MainPID) (was $pid)" || return
  [ "$(ct systemctl is-enabled "$UNIT")" = enabled ] || why "the unit is $(ct systemctl is-enabled "$UNIT") after the upgrade" || return
  # The state journal survived: the restarted daemon's poll is conditional, answered 304.
  wait_until 30 feed_request_seen "$nginx" || why "the upgraded daemon did not poll the feed" || return
  wait_cycle_end "$mark"
  [ "$(feed_requests_since "$nginx" | tr '\n' ' ')" = "304 yes " ] \
    || why "after the upgrade the feed requests were \"$(feed_requests_since "$nginx" | tr '\n' ' ')\", expected one 304" || return
  [ "$(journal_count "$ID_APPLIED" "$mark")" = 0 ] || why "a list-applied entry after the upgrade, for an unchanged feed" || return
  # ... and the history carries on with the next change.
  mark=$(journal_mark)
  serve_feed change
  run_cycle_now
  line=$(wait_applied "$mark") || why "no list-applied entry for a changed feed after the upgrade" || return
  history=$(ct falco-ipfeed history --json | history_length)
  [ "$history" = $((HISTORY_BEFORE_UPGRADE + 1)) ] \
    || why "history has $history entries, expected $HISTORY_BEFORE_UPGRADE from before the upgrade and 1 after" || return
}

# The number of entries of `falco-ipfeed history --json` on stdin.
history_length() {
  python3 -c '
import json, sys
doc = json.load(sys.stdin)
if isinstance(doc, dict):
    doc = next((value for value in doc.values() if isinstance(value, list)), [])
print(len(doc))'
}

# `apt-get remove`: the service stopped and gone, the config and the state journal kept; a
# warning when Falco's config still loads the plugin.
case_pkg_remove() {
  local state plugin_config=/etc/falco/config.d/ipfeed-plugin.yaml
  state=$(ct find "$STATE_DIR" -type f | sort)
  [ -n "$state" ] || why "no state journal before the remove" || return
  # Falco's config still loads the plugin: the removal warns, naming the file, and goes on.
  ct mkdir -p /etc/falco/config.d
  ct sh -c "printf 'load_plugins: [ipfeed]\nplugins:\n  - name: ipfeed\n    library_path: /usr/share/falco/plugins/libfalco-ipfeed.so\n' > $plugin_config"
  pkg_apt remove "$PKG" || why "apt-get remove failed: $(apt_tail)" || return
  ct rm -f "$plugin_config"
  grep -q "falco-ipfeed: warning: Falco's config loads the falco-ipfeed plugin ($plugin_config)" "$WORK/apt.log" \
    || why "no warning that Falco's config loads the plugin: $(apt_tail)" || return
  [ "$(pkg_status)" = "rc $DEB_SECOND_VERSION" ] || why "dpkg says \"$(pkg_status)\", expected rc (config files)" || return
  [ "$(prop ActiveState)" = inactive ] || why "the service is $(prop ActiveState) after the remove" || return
  case $(prop LoadState) in not-found | masked) ;; *) why "the unit is still $(prop LoadState)" || return ;; esac
  ! ct test -e /usr/bin/falco-ipfeed || why "/usr/bin/falco-ipfeed is still there" || return
  ! ct test -e /usr/lib/systemd/system/falco-ipfeed.service || why "the unit file is still there" || return
  ! ct pgrep -x falco-ipfeed > /dev/null || why "a falco-ipfeed process still runs" || return
  ct test -f "$CONFIG" || why "the remove took the config" || return
  [ "$(ct find "$STATE_DIR" -type f | sort)" = "$state" ] \
    || why "the state directory changed: \"$(ct find "$STATE_DIR" -type f | tr '\n' ' ')\", was \"$(printf '%s' "$state" | tr '\n' ' ')\"" || return
}

# `apt-get purge`: nothing of the package or the daemon is left.
case_pkg_purge() {
  local path left="" found catalog id
  pkg_apt purge "$PKG" || why "apt-get purge failed: $(apt_tail)" || return
  [ -z "$(pkg_status)" ] || [ "$(pkg_status)" = "un " ] || why "dpkg still knows the package: \"$(pkg_status)\"" || return
  while IFS= read -r path; do
    ! ct test -e "$path" -o -L "$path" || left="$left $path"
  done <<< "$PKG_PATHS"
  [ -z "$left" ] || why "left after the purge:$left" || return
  # Anywhere else, by name: only the test's own files may remain (its nginx site, the rootfs's
  # label).
  found=$(ct find / -xdev \( -path /proc -o -path /sys -o -path "$PKG_DIR" \) -prune -o -name '*falco-ipfeed*' -print \
    | grep -vxE '/etc/nginx/sites-enabled/falco-ipfeed-feed|/\.falco-ipfeed-rootfs')
  [ -z "$found" ] || why "left after the purge: $(printf '%s' "$found" | tr '\n' ' ')" || return
  catalog=$(ct journalctl --list-catalog)
  for id in $ALL_IDS; do
    ! printf '%s\n' "$catalog" | grep -q "^$id " || why "journalctl --list-catalog still has $id" || return
  done
  [ "$(prop LoadState)" = not-found ] || why "the unit is $(prop LoadState) after the purge" || return
}

# The package's cases, in order.
run_package_cases() {
  run_case pkg-setup case_pkg_setup
  run_case pkg-install case_pkg_install
  run_case pkg-conffile case_pkg_conffile
  run_case pkg-depends case_pkg_depends
  run_case pkg-catalog case_pkg_catalog
  run_case pkg-rules-file case_pkg_rules_file
  run_case pkg-man case_pkg_man
  run_case pkg-completion case_pkg_completion
  run_case pkg-upgrade case_pkg_upgrade
  run_case pkg-remove case_pkg_remove
  run_case pkg-purge case_pkg_purge
}
