#!/usr/bin/env python3
"""Figures of the Falco plugin on the real IPsum snapshot (not a test: numbers for the README).

Writes the snapshot's addresses as a plugin data file with an encoder of its own, written from
docs/plugin-data-format.md alone (so the figures also check that the format is documented well
enough to write), then drives the release library through the C harness, as Falco would:

  - load: plugin_init with the file (it loads before it returns), median of 7;
  - extraction: median and 99th percentile over random hits and random misses;
  - sizes: the library (as built and stripped, as installed), the data file, the rules file
    that rules mode writes for the same list.

Run after `make build` and `swift build -c release --product falco-plugin-harness`:
    python3 Tests/Benchmarks/plugin-figures.py
"""
import os
import random
import struct
import subprocess
import sys
import tempfile
import zlib

PACKAGE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SNAPSHOT = os.path.join(PACKAGE, "..", "shared", "data", "ipsum", "ipsum-2026-08-22.txt")
LIBRARY = os.path.join(PACKAGE, ".build", "release", "libfalco-ipfeed-plugin.so")
HARNESS = os.path.join(PACKAGE, ".build", "release", "falco-plugin-harness")
BINARY = os.path.join(PACKAGE, ".build", "release", "falco-ipfeed")


def read_snapshot():
    entries = {}
    with open(SNAPSHOT) as feed:
        for line in feed:
            if line.startswith("#") or "\t" not in line:
                continue
            address, count = line.split("\t")
            parts = address.split(".")
            value = struct.unpack(">I", bytes(int(part) for part in parts))[0]
            entries[value] = max(int(count), entries.get(value, 0))
    return entries


def encode(generation, ipv4, since):
    """A format-1 data file of IPv4 addresses (value -> score), one source "ipsum"."""
    table = struct.pack("<H", 5) + b"ipsum"
    records = b"".join(
        struct.pack(">I", address) + struct.pack("<HHq", min(score, 65535), 0, since)
        for address, score in sorted(ipv4.items())
    )
    payload = table + records
    header = b"IPFDATA\0" + struct.pack(
        "<HHIQIIIIQ", 1, 0, zlib.crc32(payload), generation, len(ipv4), 0, 1, len(table),
        len(payload)) + bytes(16)
    return header + payload


def connect_event(server):
    """A connect exit (type 23) from 10.0.0.1:40000 to SERVER:443, res 0."""
    tuple4 = b"\x02" + bytes([10, 0, 0, 1]) + struct.pack("<H", 40000)
    tuple4 += struct.pack(">I", server) + struct.pack("<H", 443)
    parameters = [struct.pack("<q", 0), tuple4, struct.pack("<q", 3), b"\x02" + bytes(6)]
    length = 26 + 2 * len(parameters) + sum(len(p) for p in parameters)
    header = struct.pack("<QQIHI", 1, 2, length, 23, len(parameters))
    return header + b"".join(struct.pack("<H", len(p)) for p in parameters) + b"".join(parameters)


def harness(commands):
    process = subprocess.run(
        [HARNESS], input="".join(command + "\n" for command in commands), capture_output=True,
        text=True, check=True)
    return process.stdout.splitlines()


def pairs(line):
    parts = line.split("\t")
    return dict(zip(parts[0::2], parts[1::2]))


def main():
    for path in (SNAPSHOT, LIBRARY, HARNESS):
        if not os.path.exists(path):
            sys.exit(f"missing {path}: see the docstring")
    entries = read_snapshot()
    directory = tempfile.mkdtemp(prefix="falco-ipfeed-figures-")
    data_path = os.path.join(directory, "falco-ipfeed.bin")
    with open(data_path, "wb") as data:
        data.write(encode(7, entries, 1755820800))
    config = '{"data_path":"%s"}' % data_path

    loads = []
    for _ in range(7):
        answer = pairs(harness([f"load {LIBRARY}", f"init {config}", "metrics", "destroy"])[1])
        assert answer["rc"] == "0", answer
        loads.append(int(answer["ns"]))
    loads.sort()

    rng = random.Random(42)
    listed = list(entries)
    hits = [connect_event(rng.choice(listed)) for _ in range(10000)]
    misses = []
    while len(misses) < 10000:
        candidate = rng.getrandbits(32)
        if candidate not in entries:
            misses.append(connect_event(candidate))
    results = {}
    for name, events in (("hits", hits), ("misses", misses)):
        events_path = os.path.join(directory, name + ".hex")
        with open(events_path, "w") as out:
            out.writelines(event.hex() + "\n" for event in events)
        lines = harness([f"load {LIBRARY}", f"init {config}", f"extract {events[0].hex()}",
                         f"bench {events_path} 20", "destroy"])
        if name == "hits":
            assert "ipfeed.listed\ttrue" in lines[2], lines[2]
        else:
            assert "ipfeed.listed\tfalse" in lines[2], lines[2]
        results[name] = pairs(lines[3])

    stripped = os.path.join(directory, "libfalco-ipfeed.so")
    subprocess.run(["strip", "-o", stripped, LIBRARY], check=True)
    rules_size = None
    if os.path.exists(BINARY):
        rules = subprocess.run([BINARY, "render", "--threshold", "1", SNAPSHOT],
                               capture_output=True, check=True).stdout
        rules_size = len(rules)

    print(f"addresses: {len(entries)}")
    print(f"load (plugin_init, median of 7): {loads[3] / 1e6:.1f} ms "
          f"(min {loads[0] / 1e6:.1f}, max {loads[-1] / 1e6:.1f})")
    for name in ("hits", "misses"):
        result = results[name]
        print(f"extraction, {name}: median {result['median_ns']} ns, p99 {result['p99_ns']} ns "
              f"({result['count']} calls)")
    print(f"library: {os.path.getsize(LIBRARY)} bytes as built, {os.path.getsize(stripped)} "
          "stripped (installed)")
    print(f"data file: {os.path.getsize(data_path)} bytes")
    if rules_size is not None:
        print(f"rules file of rules mode for the same list: {rules_size} bytes")


if __name__ == "__main__":
    main()
