#!/usr/bin/env python3
"""The daemon's cost per cycle and its memory: starts `falco-ipfeed run` with a systemd notify
socket of its own, triggers cycles with SIGUSR1 and waits for each cycle's STATUS= message.

Usage: daemon_cycles.py BINARY CONFIG FEED_PATH FEED_A FEED_B UNCHANGED_CYCLES CHANGED_CYCLES IDLE_S

FEED_PATH is the file the config's source reads; FEED_A and FEED_B are copied over it in turn
for the changed cycles. CPU is the process's user and system time from /proc/PID/stat (all its
threads, clock ticks of 10 ms), so per-cycle figures are means over the cycles.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time


TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def cpu_ms(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * TICK_MS


SETTLE_SECONDS = 0.5


def thread_cpu_ns(pid: int) -> dict:
    """Time on CPU of each of the process's threads, in nanoseconds (schedstat: not ticks)."""
    times = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as schedstat:
                times[tid] = int(schedstat.read().split()[0])
        except FileNotFoundError:
            pass
    return times


def memory_kib(pid: int, key: str) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def main() -> None:
    binary, config, feed_path, feed_a, feed_b = sys.argv[1:6]
    unchanged, changed, idle = int(sys.argv[6]), int(sys.argv[7]), float(sys.argv[8])
    directory = tempfile.mkdtemp(prefix="falco-ipfeed-notify.")
    address = os.path.join(directory, "notify")
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(address)
    notify.settimeout(120)
    environment = dict(os.environ, NOTIFY_SOCKET=address)
    shutil.copyfile(feed_a, feed_path)
    daemon = subprocess.Popen(
        [binary, "run", "--config", config], env=environment,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def cycle_done() -> None:
        while True:
            message = notify.recv(4096).decode()
            if "STATUS=" in message and "READY=1" not in message and "RELOADING" not in message:
                return

    try:
        cycle_done()
        # STATUS= is sent when the cycle's result is known; the daemon then drops the cycle's
        # memory and gives it back. Memory is sampled between cycles, once that is done.
        time.sleep(SETTLE_SECONDS)
        first_rss = memory_kib(daemon.pid, "VmRSS")
        first_anon = memory_kib(daemon.pid, "RssAnon")
        first_file = memory_kib(daemon.pid, "RssFile") + memory_kib(daemon.pid, "RssShmem")
        before = cpu_ms(daemon.pid)
        for _ in range(unchanged):
            daemon.send_signal(signal.SIGUSR1)
            cycle_done()
        time.sleep(SETTLE_SECONDS)
        unchanged_cpu = (cpu_ms(daemon.pid) - before) / max(unchanged, 1)
        rss, anon = [], []
        before = cpu_ms(daemon.pid)
        for index in range(changed):
            shutil.copyfile(feed_b if index % 2 == 0 else feed_a, feed_path)
            daemon.send_signal(signal.SIGUSR1)
            cycle_done()
            time.sleep(SETTLE_SECONDS)
            rss.append(memory_kib(daemon.pid, "VmRSS"))
            anon.append(memory_kib(daemon.pid, "RssAnon"))
        changed_cpu = (cpu_ms(daemon.pid) - before) / max(changed, 1)
        idle_before = thread_cpu_ns(daemon.pid)
        time.sleep(idle)
        idle_after = thread_cpu_ns(daemon.pid)
        idle_cpu = sum(ns - idle_before.get(tid, 0) for tid, ns in idle_after.items()) / 1e6
        peak = memory_kib(daemon.pid, "VmHWM")
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=30)
        shutil.rmtree(directory)

    # RssAnon is the daemon's own memory (heap, stacks, relocated data); RssFile the clean pages
    # of the binary and libraries it maps, shared with the page cache and dropped first when
    # memory runs short; RssShmem the state journal's shared-memory index (-shm, 32 KiB a page
    # of WAL) where the state directory is on tmpfs.
    print(f"RSS after the first cycle: {first_rss / 1024:.1f} MiB"
          f" = private (RssAnon) {first_anon / 1024:.1f} MiB"
          f" + mapped files (RssFile, RssShmem) {first_file / 1024:.1f} MiB")
    if unchanged:
        print(f"unchanged cycle (SIGUSR1, same file): {unchanged_cpu:.1f} ms of CPU,"
              f" mean of {unchanged}")
    if changed:
        print(f"changed cycle (two feeds in turn): {changed_cpu:.1f} ms of CPU, mean of {changed}")
        print(f"RSS over those cycles: last {rss[-1] / 1024:.1f} MiB,"
              f" highest {max(rss) / 1024:.1f} MiB, peak (VmHWM) {peak / 1024:.1f} MiB;"
              f" private last {anon[-1] / 1024:.1f} MiB, highest {max(anon) / 1024:.1f} MiB")
    # Dispatch on Linux runs its workqueue monitor once a second while the process lives.
    print(f"idle: {idle_cpu:.2f} ms of CPU in {idle:.0f} s"
          f" ({idle_cpu * 1000 / max(idle, 1):.0f} µs a second)")


main()
