#!/usr/bin/env python3
"""A fleet behind one cache, on loopback: an origin nginx serving the feed, a caching nginx
(proxy_cache) in front of it, and HOSTS hosts, each with its own state directory, that poll the
cache with `falco-ipfeed once` at a random delay up to JITTER seconds, ROUNDS times, INTERVAL
seconds apart (what the daemon's interval and jitter do). Reports what the origin saw, the
answers and bytes per host, and how the jitter spread the polls.

Usage: fleet.py BINARY FEED [--hosts 200] [--rounds 2] [--interval 4] [--jitter 3]
                [--cache-seconds 2] [--parallel 6] [--json]
"""
import argparse
import collections
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

NGINX = "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_config(directory: str, origin: int, cache: int, cache_seconds: int) -> str:
    return f"""
daemon off;
master_process off;
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  default_type text/plain;
  log_format fleet '$msec $status $bytes_sent $upstream_cache_status $http_if_none_match';
  client_body_temp_path {directory}/tmp/body;
  proxy_temp_path {directory}/tmp/proxy;
  fastcgi_temp_path {directory}/tmp/fastcgi;
  uwsgi_temp_path {directory}/tmp/uwsgi;
  scgi_temp_path {directory}/tmp/scgi;

  # The origin: stands for the feed's public host.
  server {{
    listen 127.0.0.1:{origin};
    access_log {directory}/origin.log fleet;
    root {directory}/www;
    gzip on;
    gzip_types text/plain;
  }}

  # The fleet's cache: what the README shows, with the origin's address.
  proxy_cache_path {directory}/cache levels=1:2 keys_zone=feeds:1m max_size=100m inactive=7d;
  server {{
    listen 127.0.0.1:{cache};
    access_log {directory}/cache.log fleet;
    location / {{
      proxy_pass http://127.0.0.1:{origin};
      proxy_http_version 1.1;
      proxy_cache feeds;
      proxy_cache_valid 200 {cache_seconds}s;
      proxy_cache_revalidate on;
      proxy_cache_lock on;
      proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;
      proxy_cache_background_update on;
      proxy_set_header Accept-Encoding gzip;
      gunzip on;
    }}
  }}
}}
"""


def start_nginx(directory: str, config: str, ports) -> subprocess.Popen:
    with open(os.path.join(directory, "nginx.conf"), "w") as file:
        file.write(config)
    process = subprocess.Popen(
        [NGINX, "-c", f"{directory}/nginx.conf", "-p", directory, "-e", f"{directory}/error.log"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            for port in ports:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.02)
    process.kill()
    with open(f"{directory}/error.log") as log:
        raise SystemExit(f"fleet: nginx did not start: {log.read()}")


def host_config(directory: str, host: int, url: str) -> str:
    home = f"{directory}/hosts/{host}"
    os.makedirs(f"{home}/rules.d")
    path = f"{home}/falco-ipfeed.yaml"
    with open(path, "w") as file:
        file.write(f"""interval: 6h
state_directory: {home}/state
sources:
  - name: ipsum
    url: {url}
    threshold: 1
output:
  path: {home}/rules.d/falco-ipfeed.yaml
falco:
  reload: none
  validate: never
""")
    return path


def read_log(path: str):
    entries = []
    with open(path) as log:
        for line in log:
            fields = line.split()
            entries.append({"time": float(fields[0]), "status": int(fields[1]),
                            "bytes": int(fields[2]), "cache": fields[3]})
    return entries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("feed")
    parser.add_argument("--hosts", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--interval", type=float, default=4)
    parser.add_argument("--jitter", type=float, default=3)
    parser.add_argument("--cache-seconds", type=int, default=2)
    parser.add_argument("--parallel", type=int, default=6)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()

    directory = tempfile.mkdtemp(prefix="falco-ipfeed-fleet.")
    try:
        for sub in ("www", "tmp", "cache", "hosts"):
            os.makedirs(f"{directory}/{sub}")
        shutil.copyfile(options.feed, f"{directory}/www/ipsum.txt")
        origin, cache = free_port(), free_port()
        nginx = start_nginx(
            directory, nginx_config(directory, origin, cache, options.cache_seconds),
            [origin, cache])
        url = f"http://127.0.0.1:{cache}/ipsum.txt"
        configs = [host_config(directory, host, url) for host in range(options.hosts)]
        rng = random.Random(12)
        offsets = [rng.uniform(0, options.jitter) for _ in configs]
        start = time.monotonic() + 0.2
        schedule = sorted(
            (start + round_ * options.interval + offsets[host], host, round_)
            for host in range(options.hosts) for round_ in range(options.rounds))
        results = collections.defaultdict(dict)
        late = []
        lock = threading.Lock()

        def poll(due: float, host: int, round_: int) -> None:
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            else:
                with lock:
                    late.append(-delay)
            run = subprocess.run([options.binary, "once", "--config", configs[host]],
                                 capture_output=True, text=True)
            with lock:
                results[host][round_] = (run.returncode, run.stdout + run.stderr)

        began = time.time()
        with ThreadPoolExecutor(max_workers=options.parallel) as pool:
            # Submitted in time order: a worker sleeps until its poll is due.
            for due, host, round_ in schedule:
                pool.submit(poll, due, host, round_)
        elapsed = time.time() - began
        nginx.kill()
        nginx.wait()

        origin_log = read_log(f"{directory}/origin.log")
        cache_log = read_log(f"{directory}/cache.log")
        rules = set()
        for host in range(options.hosts):
            with open(f"{directory}/hosts/{host}/rules.d/falco-ipfeed.yaml", "rb") as file:
                rules.add(file.read())
        failed = [(host, round_, out) for host, rounds in results.items()
                  for round_, (code, out) in rounds.items() if code != 0]
        per_second = collections.Counter(int(entry["time"] - began) for entry in cache_log)
        window = max(entry["time"] for entry in cache_log) - min(entry["time"] for entry in cache_log)
        report = {
            "hosts": options.hosts, "rounds": options.rounds, "polls": len(cache_log),
            "cache_seconds": options.cache_seconds, "jitter_seconds": options.jitter,
            "interval_seconds": options.interval, "elapsed_seconds": round(elapsed, 1),
            "poll_window_seconds": round(window, 1),
            "cache_periods": round(window / options.cache_seconds, 1),
            "origin_requests": len(origin_log),
            "origin_statuses": dict(collections.Counter(e["status"] for e in origin_log)),
            "origin_bytes": sum(e["bytes"] for e in origin_log),
            "cache_statuses": dict(collections.Counter(e["status"] for e in cache_log)),
            "cache_results": dict(collections.Counter(e["cache"] for e in cache_log)),
            "bytes_per_host": round(sum(e["bytes"] for e in cache_log) / options.hosts),
            "bytes_first_poll": max(e["bytes"] for e in cache_log),
            "bytes_304": min(e["bytes"] for e in cache_log),
            "polls_per_second": [per_second.get(s, 0) for s in range(int(elapsed) + 1)],
            "late_polls": len(late), "latest_start_seconds": round(max(late, default=0), 2),
            "failed_runs": len(failed), "first_failure": failed[0][2][-500:] if failed else "",
            "distinct_rules_files": len(rules),
        }
    finally:
        shutil.rmtree(directory, ignore_errors=True)

    if options.json:
        json.dump(report, sys.stdout)
        print()
        return
    print(f"{report['hosts']} hosts × {report['rounds']} polls through one caching nginx"
          f" (proxy_cache_valid {report['cache_seconds']} s, jitter {report['jitter_seconds']} s,"
          f" interval {report['interval_seconds']} s): {report['polls']} polls"
          f" over {report['poll_window_seconds']} s = {report['cache_periods']} cache periods")
    print(f"origin saw {report['origin_requests']} requests {report['origin_statuses']},"
          f" {report['origin_bytes']} bytes in all")
    print(f"the cache answered {report['cache_statuses']} ({report['cache_results']}):"
          f" {report['bytes_per_host']} bytes per host; a full gzip body"
          f" {report['bytes_first_poll']} bytes, a 304 {report['bytes_304']} bytes")
    print(f"polls per second of the run: {report['polls_per_second']}")
    print(f"failed runs: {report['failed_runs']}; distinct rules files: "
          f"{report['distinct_rules_files']}; polls that started late: {report['late_polls']}"
          f" (at most {report['latest_start_seconds']} s)")
    if report["first_failure"]:
        print(report["first_failure"])


main()
