"""Soak test: load `baton serve` for a while and sample its resident memory (.ci/soak).

Starts `baton serve`, runs exporters (baton_load.Client) as fast as they go or at --rate batches
per second in total, and every --interval seconds appends baton's VmRSS (from /proc) and the
batches acknowledged so far to a CSV. At the end prints the memory's first, last, minimum and
maximum, and the throughput.

Usage: soak.py BATON PORT TOKEN [--minutes N] [--rate R] [--clients C] [--interval S] [--csv FILE]
"""

import argparse
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import baton_load as load  # noqa: E402


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("baton")
    parser.add_argument("port", type=int)
    parser.add_argument("token")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--rate", type=float, default=0, help="batches per second in total; 0: as fast as it goes")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--interval", type=float, default=5)
    parser.add_argument("--csv", default="soak.csv")
    args = parser.parse_args()

    home = os.environ["BATON_HOME"]
    log = open(os.path.join(home, "serve.log"), "w")
    server = subprocess.Popen([args.baton, "serve", "--port", str(args.port), "--rate-limit", "0",
                               "--log-level", "warning"], stdout=log, stderr=subprocess.STDOUT)
    try:
        began = time.monotonic()
        while load.get_status(args.port, "/readyz", timeout=5) != 200:
            if server.poll() is not None or time.monotonic() - began > 120:
                raise SystemExit("baton serve did not become ready; see %s" % log.name)
            time.sleep(0.2)

        stats = load.Stats()
        stop = threading.Event()
        pause = args.clients / args.rate if args.rate > 0 else 0.0
        clients = [load.Client(n, args.port, args.token, stats, stop, pause=pause) for n in range(args.clients)]
        started = time.monotonic()
        for client in clients:
            client.start()
        samples = []
        with open(args.csv, "w") as csv:
            csv.write("elapsed_s,rss_kib,batches_acknowledged,records_acknowledged\n")
            while True:
                elapsed = time.monotonic() - started
                sample = (round(elapsed, 1), rss_kib(server.pid), stats.batches_acknowledged,
                          stats.records_acknowledged)
                samples.append(sample)
                csv.write("%s,%d,%d,%d\n" % sample)
                csv.flush()
                if elapsed >= args.minutes * 60 or server.poll() is not None:
                    break
                time.sleep(min(args.interval, max(0.1, args.minutes * 60 - elapsed)))
        stop.set()
        for client in clients:
            client.join(timeout=120)
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=60)

    duration = samples[-1][0]
    rss = [s[1] for s in samples]
    print("soak: %.0f s, %d clients, rate %s" % (duration, args.clients, args.rate or "as fast as it goes"))
    print("acknowledged: %d batches, %d records (%.1f batches/s, %.0f records/s); responses %s" % (
        stats.batches_acknowledged, stats.records_acknowledged, samples[-1][2] / duration, samples[-1][3] / duration,
        stats.statuses))
    print("baton VmRSS (MiB): first %.1f, last %.1f, min %.1f, max %.1f; samples every %g s in %s" % (
        rss[0] / 1024, rss[-1] / 1024, min(rss) / 1024, max(rss) / 1024, args.interval, args.csv))
    after_warmup = [s[1] for s in samples if s[0] >= min(60, duration / 4)]
    if after_warmup:
        print("after the first %.0f s: min %.1f, max %.1f MiB" % (min(60, duration / 4), min(after_warmup) / 1024,
                                                                max(after_warmup) / 1024))
    if stats.failures:
        print("unexpected responses: %s" % stats.failures[:5])
        sys.exit(1)


if __name__ == "__main__":
    main()
