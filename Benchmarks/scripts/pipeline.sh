#!/bin/sh
# The shell pipeline a cron job would run instead of falco-ipfeed (the project's seed did this):
# every address of an IPsum file as one Falco list, no threshold, no checks.
# Usage: pipeline.sh FEED
printf -- '- list: malicious_ip_list\n  items: ['
grep -v '#' "$1" | cut -f 1 | sed 's/.*/"&"/' | tr '\n' ',' | sed 's/,$//'
printf ']\n'
