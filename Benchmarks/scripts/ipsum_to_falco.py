#!/usr/bin/env python3
"""A short Python script doing what `falco-ipfeed render` does: parse an IPsum file, keep the
addresses at or above the threshold (the highest count of a repeated address), leave out
non-global addresses, sort numerically (IPv4 first) and print the Falco list.

Usage: ipsum_to_falco.py THRESHOLD FEED
"""
import ipaddress
import sys


def main() -> None:
    threshold, path = int(sys.argv[1]), sys.argv[2]
    scores: dict = {}
    with open(path, encoding="ascii") as feed:
        for line in feed:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            text, count = line.split()
            address = ipaddress.ip_address(text)
            if address.is_global and int(count) > scores.get(address, 0):
                scores[address] = int(count)
    listed = sorted(
        (a for a, s in scores.items() if s >= threshold), key=lambda a: (a.version, int(a))
    )
    out = ["- list: malicious_ip_list", "  items:"]
    out.extend(f'    - "{address}"' for address in listed)
    sys.stdout.write("\n".join(out) + "\n")


main()
