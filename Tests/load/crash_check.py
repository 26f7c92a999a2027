"""Crash, outage and shutdown check of `baton serve` under load (.ci/crash).

Four exporters (baton_load.Client) send batches with stable ids and retry until acknowledged while
this script SIGKILLs baton and restarts it, sends SIGTERM while batches are in flight (once within
the grace period, once past a short one), and finally stops and restarts PostgreSQL under it. Then the database must hold exactly the records sent
(none lost, none duplicated) and `baton check` must find every workflow's figures and handoffs equal
to a recomputation from its tasks.

Usage: crash_check.py BATON PORT TOKEN   (BATON_HOME set to a private directory by the caller)
"""

import atexit
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import baton_load as load  # noqa: E402

CLIENTS = 4
KILLS = 3
# Long enough for every client to finish a request it started during the outage: a request stuck in
# PostgresNIO is answered by the watchdog after two database waits (10 s), its retry 2 s later waits
# 5 s more for a connection (Docs/operations.md, known issues).
OUTAGE_SECONDS = 18
GRACE_SECONDS = 10
# The abandon phase: a batch of BIG_BATCHES * 25 records (about 7.5 MB) that takes seconds to store.
SHORT_GRACE_SECONDS = 1
ABANDON_MARGIN = 2
BIG_BATCHES = 1200
CLIENT_TIMEOUT = 15.0
# Small, so that the four clients also meet the in-flight limit (503 "overloaded").
MAX_IN_FLIGHT_BATCHES = 3

BATON, PORT, TOKEN = sys.argv[1], int(sys.argv[2]), sys.argv[3]
HOME = os.environ["BATON_HOME"]
failures = []


def fail(message):
    print("FAIL: " + message, flush=True)
    failures.append(message)


class Server:
    def __init__(self):
        self.process = None
        self.starts = 0

    def start(self, grace=GRACE_SECONDS):
        self.starts += 1
        log = open(os.path.join(HOME, "serve-%d.log" % self.starts), "w")
        self.process = subprocess.Popen(
            [BATON, "serve", "--port", str(PORT), "--shutdown-grace", str(grace),
             "--max-in-flight-batches", str(MAX_IN_FLIGHT_BATCHES), "--max-body-bytes", str(32 * 1024 * 1024),
             "--max-in-flight-bytes", str(64 * 1024 * 1024)],
            stdout=log, stderr=subprocess.STDOUT)
        began = time.monotonic()
        while time.monotonic() - began < 120:
            if self.process.poll() is not None:
                raise SystemExit("baton serve exited with %s while starting; see %s" % (self.process.returncode, log.name))
            if load.get_status(PORT, "/readyz", timeout=5) == 200:
                return time.monotonic() - began
            time.sleep(0.2)
        raise SystemExit("baton serve was not ready within 120 s")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def terminate(self, grace):
        """Sends SIGTERM; returns (exit code or None if it had to be killed, seconds to exit, when sent)."""
        sent = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=grace + 10)
        except subprocess.TimeoutExpired:
            self.kill()
            code = None
        return code, time.monotonic() - sent, sent


def baton(*arguments):
    return subprocess.run([BATON, *arguments], capture_output=True, text=True, check=True).stdout.strip()


def in_flight(unit="batches"):
    """baton_ingest_in_flight_batches (or _bytes) from /metrics, or 0."""
    import http.client
    try:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
        connection.request("GET", "/metrics")
        text = connection.getresponse().read().decode()
        connection.close()
    except (OSError, http.client.HTTPException):
        return 0
    match = re.search(r"^baton_ingest_in_flight_%s (\S+)$" % unit, text, re.M)
    return float(match.group(1)) if match else 0


def psql_binary():
    candidates = [os.path.join(os.environ.get("BATON_PG_BINDIR", ""), "psql")]
    try:
        bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
        candidates.append(os.path.join(bindir, "psql"))
    except OSError:
        pass
    candidates += sorted(__import__("glob").glob("/usr/lib/postgresql/*/bin/psql"), reverse=True)
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("psql") or "psql"


def main():
    started = time.monotonic()
    server = Server()
    # Whatever happens, no baton outlives the check (the wrapper then stops the cluster).
    atexit.register(lambda: server.process and server.process.poll() is None and server.kill())
    server.start()
    stats = load.Stats()
    stop = threading.Event()
    clients = [load.Client(n, PORT, TOKEN, stats, stop, timeout=CLIENT_TIMEOUT) for n in range(CLIENTS)]
    for client in clients:
        client.start()

    # 1. Crashes: SIGKILL while batches are in flight, then restart.
    kills = 0
    for round_ in range(KILLS):
        time.sleep(3 + round_)
        before = stats.batches_acknowledged
        server.kill()
        kills += 1
        ready = server.start()
        print("kill %d: %d batches acknowledged before it; restarted and ready in %.1f s" % (kills, before, ready),
              flush=True)

    # 2. Graceful shutdown: SIGTERM while batches are in flight.
    time.sleep(2)
    waited = time.monotonic()
    while in_flight() < 1 and time.monotonic() - waited < 5:
        time.sleep(0.01)
    code, shutdown_seconds, term_at = server.terminate(GRACE_SECONDS)
    with stats.lock:
        straddling = [e for e in stats.events if e[0] < term_at < e[1]]
    straddling_statuses = {}
    for (_, _, outcome, _, _) in straddling:
        straddling_statuses[outcome] = straddling_statuses.get(outcome, 0) + 1
    if code != 0:
        fail("baton exited with %r after SIGTERM" % code)
    if shutdown_seconds > GRACE_SECONDS:
        fail("baton took %.1f s to stop, more than the %d s grace period" % (shutdown_seconds, GRACE_SECONDS))
    if any(outcome not in (200, 429, 503, "connection error") for (_, _, outcome, _, _) in straddling):
        fail("requests in flight at SIGTERM got %r" % straddling_statuses)
    print("SIGTERM with batches in flight: exit code %r after %.2f s (grace %d s); requests in flight then: %r" % (
        code, shutdown_seconds, GRACE_SECONDS, straddling_statuses), flush=True)

    # 3. A batch that outlasts a short grace period: it is abandoned (rolled back, never
    # acknowledged), baton still exits soon after the grace period, and the retry stores it.
    server.start(grace=SHORT_GRACE_SECONDS)
    big = load.Client(CLIENTS, PORT, TOKEN, stats, stop, timeout=120.0)
    big_records = []
    for batch in range(BIG_BATCHES):
        big_records += load.batch_records(CLIENTS, batch)
    big_records += load.closing_records(CLIENTS, BIG_BATCHES - 1)
    big_thread = threading.Thread(target=big.deliver, args=(big_records,), daemon=True)
    big_thread.start()
    waited = time.monotonic()
    big_bytes = sum(len(json.dumps(r)) + 1 for r in big_records)
    # Admitted (other clients' batches may hold the slots for a moment: it is then retried).
    while in_flight("bytes") < big_bytes and time.monotonic() - waited < 30:
        time.sleep(0.05)
    time.sleep(1.0)  # into parsing and storing
    code, abandon_seconds, term_at = server.terminate(SHORT_GRACE_SECONDS)
    big_answered = big.delivered_at is not None and big.delivered_at < term_at + abandon_seconds
    if abandon_seconds > SHORT_GRACE_SECONDS + ABANDON_MARGIN + 1:
        fail("with --shutdown-grace %g baton took %.1f s to exit" % (SHORT_GRACE_SECONDS, abandon_seconds))
    if code not in (0, 1) or (code == 1) == big_answered:
        fail("after the grace period: exit code %r, the %d-record batch %s" % (
            code, len(big_records), "answered" if big_answered else "unanswered"))
    print("SIGTERM with a %d-record batch in flight and --shutdown-grace %g: exit code %r after %.1f s; the batch %s" % (
        len(big_records), SHORT_GRACE_SECONDS, code, abandon_seconds,
        "was answered within the grace period" if big_answered else "was abandoned unacknowledged"), flush=True)
    server.start()
    big_thread.join(timeout=180)
    if big_thread.is_alive():
        fail("the large batch was not acknowledged after the restart")

    # 4. Database outage: PostgreSQL stops under load, then returns; baton is not restarted.
    time.sleep(3)
    baton_pid = server.process.pid
    baton("db", "stop")
    stopped_at = time.monotonic()
    readyz_during = []
    while time.monotonic() - stopped_at < OUTAGE_SECONDS:
        asked = time.monotonic()
        readyz_during.append((load.get_status(PORT, "/readyz", timeout=CLIENT_TIMEOUT), time.monotonic() - asked))
        time.sleep(0.5)
    restarting_at = time.monotonic()
    baton("db", "start")
    db_back_at = time.monotonic()
    readyz_after = None
    while time.monotonic() - db_back_at < 60:
        if load.get_status(PORT, "/readyz") == 200:
            readyz_after = time.monotonic() - db_back_at
            break
        time.sleep(0.2)
    ingest_after = None
    while time.monotonic() - db_back_at < 60 and ingest_after is None:
        with stats.lock:
            answered = [end for (start, end, outcome, _, _) in stats.events if outcome == 200 and start >= db_back_at]
        if answered:
            ingest_after = min(answered) - db_back_at
        time.sleep(0.2)
    if server.process.poll() is not None or server.process.pid != baton_pid:
        fail("baton did not survive the database outage without a restart")
    with stats.lock:
        # Requests that started while PostgreSQL was away; those that ended before it returned must
        # have been refused with 503 and Retry-After, those that ended later may also have been stored.
        outage_requests = [e for e in stats.events if stopped_at <= e[0] < restarting_at]
        around = [e for e in stats.events if e[1] >= stopped_at - 2 and e[0] <= db_back_at + 2]
    during = [e for e in outage_requests if e[1] <= restarting_at]
    outage_statuses = {}
    for (_, _, outcome, _, _) in during:
        outage_statuses[outcome] = outage_statuses.get(outcome, 0) + 1
    for (start, end, outcome, retry_after, _) in outage_requests:
        refused = outcome == 503 and retry_after
        if not (refused or (outcome == 200 and end > restarting_at)):
            fail("a request started %.1f s into the outage got %r (Retry-After %r) after %.1f s" % (
                start - stopped_at, outcome, retry_after, end - start))
    slowest = max([end - start for (start, end, _, _, _) in during] + [0])
    if not during:
        fail("no ingest request was answered during the outage")
    if any(f.startswith("a request started") or f.startswith("no ingest request") for f in failures):
        print("requests around the outage (seconds from the stop; PostgreSQL back at %.1f):" % (
            db_back_at - stopped_at))
        for (start, end, outcome, retry_after, client) in sorted(around):
            print("  client %r: %6.1f to %6.1f: %r (Retry-After %r)" % (
                client, start - stopped_at, end - stopped_at, outcome, retry_after))
    if not readyz_during or any(status != 503 for status, _ in readyz_during):
        fail("/readyz during the outage answered %r" % [s for s, _ in readyz_during])
    if readyz_after is None:
        fail("/readyz did not turn 200 within 60 s of the database's return")
    if ingest_after is None:
        fail("no batch was acknowledged within 60 s of the database's return")
    print("outage: %.1f s; ingest answers during it %r (slowest %.1f s); /readyz during it %r (slowest %.1f s); "
          "after the database returned: ready in %.1f s, first batch acknowledged in %.1f s" % (
              restarting_at - stopped_at, outage_statuses, slowest, sorted(set(s for s, _ in readyz_during)),
              max([d for _, d in readyz_during] + [0]), readyz_after or -1, ingest_after or -1), flush=True)

    # 5. The clients finish their current batch and their open workflows, then stop.
    time.sleep(2)
    stop.set()
    for client in clients:
        client.join(timeout=180)
        if client.is_alive():
            fail("client %d did not finish" % client.number)

    # 6. What is stored is exactly what was sent.
    sent_workflows = set().union(*(c.sent_workflows for c in clients + [big]))
    sent_tasks = set().union(*(c.sent_tasks for c in clients + [big]))
    url = baton("db", "url")
    psql = psql_binary()

    def query(sql):
        out = subprocess.run([psql, url, "-X", "-At", "-c", sql], capture_output=True, text=True, check=True).stdout
        return [line for line in out.splitlines() if line]

    stored_tasks = query("SELECT task_id FROM tasks WHERE tenant_id = 'default'")
    stored_workflows = query("SELECT workflow_id FROM workflows WHERE tenant_id = 'default'")
    unreported = int(query("SELECT count(*) FROM workflows WHERE tenant_id = 'default' AND NOT reported")[0])
    incomplete = int(query("SELECT count(*) FROM workflows WHERE tenant_id = 'default' AND task_count <> %d"
                           % load.TASKS_PER_WORKFLOW)[0])
    stored_handoffs = int(query("SELECT count(*) FROM handoffs WHERE tenant_id = 'default'")[0])
    if len(stored_tasks) != len(set(stored_tasks)) or set(stored_tasks) != sent_tasks:
        fail("tasks: %d sent, %d stored (%d distinct); missing %d, unexpected %d" % (
            len(sent_tasks), len(stored_tasks), len(set(stored_tasks)), len(sent_tasks - set(stored_tasks)),
            len(set(stored_tasks) - sent_tasks)))
    if len(stored_workflows) != len(set(stored_workflows)) or set(stored_workflows) != sent_workflows:
        fail("workflows: %d sent, %d stored" % (len(sent_workflows), len(stored_workflows)))
    if unreported or incomplete:
        fail("%d workflows without their record, %d without all their tasks" % (unreported, incomplete))
    if stored_handoffs != len(sent_tasks):
        fail("%d handoffs stored for %d tasks (one each expected)" % (stored_handoffs, len(sent_tasks)))
    check = subprocess.run([BATON, "check", "--tenant", "default"], capture_output=True, text=True)
    print(check.stdout.strip(), flush=True)
    if check.returncode != 0:
        fail("baton check exited with %d: %s" % (check.returncode, check.stderr[-2000:]))

    server.terminate(GRACE_SECONDS)

    statuses = stats.statuses
    sent_records = len(sent_tasks) + len(sent_workflows)
    print("records sent: %d distinct (%d workflows, %d tasks) in %d batches; transmissions %d" % (
        sent_records, len(sent_workflows), len(sent_tasks), stats.batches_acknowledged,
        sum(v for v in statuses.values())), flush=True)
    print("acknowledged: %d records in %d batches (accepted %d, duplicates %d: retries of batches committed "
          "before their answer was lost)" % (stats.records_acknowledged, stats.batches_acknowledged, stats.accepted,
                                             stats.duplicates), flush=True)
    print("stored: %d workflows, %d tasks, %d handoffs" % (len(stored_workflows), len(stored_tasks), stored_handoffs),
          flush=True)
    print("survived: %d kills (SIGKILL), 1 database outage of %.0f s, 2 SIGTERMs (one past its grace period)" % (
        kills, restarting_at - stopped_at), flush=True)
    print("responses: %s; 429/503 by code: %s" % (
        ", ".join("%s: %d" % (k, v) for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0]))),
        stats.codes), flush=True)
    if stats.failures:
        for failure in stats.failures[:10]:
            fail(failure)
    if any(k == "timeout" for k in statuses):
        fail("%d requests got no answer within %.0f s (a request hung in baton; see Docs/operations.md, "
             "known issues)" % (statuses["timeout"], CLIENT_TIMEOUT))
    if stats.records_acknowledged != sent_records:
        fail("%d records acknowledged, %d distinct records sent" % (stats.records_acknowledged, sent_records))
    print("crash check took %.0f s" % (time.monotonic() - started), flush=True)
    if failures:
        print("crash check FAILED: %d problems" % len(failures), flush=True)
        sys.exit(1)
    print("crash check passed", flush=True)


if __name__ == "__main__":
    main()
