# The feeds the container serves, and what falco-ipfeed should make of them. Sourced by run.sh.
#
#   feeds_prepare DIR      writes DIR/<variant>.txt for each variant below, each with its own
#                          modification time (so nginx gives each its own ETag)
#   expected_count VARIANT THRESHOLD        addresses falco-ipfeed should list
#   expected_diff OLD_V OLD_T NEW_V NEW_T   "ADDED REMOVED" between two lists
#
# The base is a copy of the real IPsum snapshot (../shared/data/ipsum/ beside the package), or,
# when it is absent, a generated feed in IPsum's format. The other variants are edits of it:
#   base      the feed as published
#   change    the first 300 addresses fall to a count of 1, 200 addresses rise from 2 to 5
#   restart   change, and 60 more addresses rise from 2 to 5
#   held      only the first 10 addresses: an update that would empty the list
#   rejected  restart, and 50 more rise from 2 to 5 (served while Falco rejects new files)
#   pending   rejected, and 50 more rise from 2 to 5 (served while Falco is stopped)
#   busdown   pending, and 25 more rise from 2 to 5 (served while the system bus is down)
#   plugin    pending, and 50 more rise from 2 to 5 (plugin mode's change)
# The expected lists come from `falco-ipfeed render` on the host: the parser and the policy have
# their own tests; this test checks what the daemon does with them under systemd.

FEED_SNAPSHOT=${FALCO_IPFEED_TEST_FEED:-$PACKAGE_ROOT/../shared/data/ipsum/ipsum-2026-08-22.txt}
FEED_VARIANTS="base change restart held rejected pending busdown plugin"

# IPsum's format: "# " comment header, then ADDRESS<TAB>COUNT by falling count. Public
# addresses only (first octets outside the special ranges), unique, the same every time.
feed_generate() {
  awk 'BEGIN {
    srand(20260822)
    split("5 23 31 37 45 46 62 77 80 85 89 91 95 103 109 141 159 176 185 193 212 217", first, " ")
    n = 20000
    for (i = 0; i < n; i++) {
      r = rand()
      count = r < 0.60 ? 1 : r < 0.75 ? 2 : r < 0.87 ? 3 : r < 0.95 ? 4 : r < 0.98 ? 5 : 6 + int(rand() * 5)
      address = first[i % 22 + 1] "." int(i / 22 / 250) + 1 "." (int(i / 22) % 250) + 1 "." (i * 7 % 250) + 1
      line[count] = line[count] address "\t" count "\n"
    }
    print "# Synthetic feed in the IPsum layout, generated for the falco-ipfeed system test: not threat data"
    print "#"
    print "# IP\tnumber of (black)lists"
    print "#"
    for (count = 10; count >= 1; count--) printf "%s", line[count]
  }'
}

# feed_edit DROP BUMP < FEED: the first DROP addresses get a count of 1, and the first BUMP
# addresses with a count of 2 get a count of 5.
feed_edit() {
  awk -v drop="$1" -v bump="$2" 'BEGIN { OFS = "\t" }
    /^#/ || NF < 2 { print; next }
    { n++
      if (n <= drop) $2 = 1
      else if ($2 == 2 && bumped < bump) { $2 = 5; bumped++ }
      print }'
}

feeds_prepare() {
  local dir=$1 variant stamp=1787356800
  mkdir -p "$dir"
  if [ -r "$FEED_SNAPSHOT" ]; then
    say "feed: serving a copy of $FEED_SNAPSHOT"
    cp "$FEED_SNAPSHOT" "$dir/base.txt"
    chmod 0644 "$dir/base.txt"
  else
    say "feed: $FEED_SNAPSHOT is absent; serving a generated feed in IPsum's format"
    feed_generate > "$dir/base.txt"
  fi
  feed_edit 300 200 < "$dir/base.txt" > "$dir/change.txt"
  feed_edit 300 260 < "$dir/base.txt" > "$dir/restart.txt"
  awk '/^#/ { print; next } n < 10 { print; n++ }' "$dir/base.txt" > "$dir/held.txt"
  feed_edit 300 310 < "$dir/base.txt" > "$dir/rejected.txt"
  feed_edit 300 360 < "$dir/base.txt" > "$dir/pending.txt"
  feed_edit 300 385 < "$dir/base.txt" > "$dir/busdown.txt"
  feed_edit 300 410 < "$dir/base.txt" > "$dir/plugin.txt"
  for variant in $FEED_VARIANTS; do
    stamp=$((stamp + 3600))
    touch -d "@$stamp" "$dir/$variant.txt"
  done
  FEEDS_DIR=$dir
}

# The sorted addresses `falco-ipfeed render` lists for VARIANT at THRESHOLD (cached).
expected_list() {
  local list=$FEEDS_DIR/$1.threshold-$2.list
  if [ ! -e "$list" ]; then
    "$BINARY" render --threshold "$2" "$FEEDS_DIR/$1.txt" \
      | sed -n 's/^[[:space:]]*- "\(.*\)"$/\1/p' | LC_ALL=C sort > "$list.tmp" \
      && mv "$list.tmp" "$list"
  fi
  printf '%s\n' "$list"
}

expected_count() {
  wc -l < "$(expected_list "$1" "$2")"
}

expected_diff() {
  local old new
  old=$(expected_list "$1" "$2")
  new=$(expected_list "$3" "$4")
  printf '%s %s\n' "$(LC_ALL=C comm -13 "$old" "$new" | wc -l)" "$(LC_ALL=C comm -23 "$old" "$new" | wc -l)"
}
