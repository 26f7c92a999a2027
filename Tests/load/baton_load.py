"""Load generator for Baton's collector, as real exporters behave.

Each client sends NDJSON batches of workflow and task records with stable ids. A batch's content
is a pure function of (client, batch index), so a retry sends exactly the same records. A client
retries a batch on a connection error, a timeout, 429 or 503 (honouring Retry-After, capped) until
it is acknowledged with 200, and only then moves to its next batch. Workflows span two batches:
batch i opens its workflows and sends their first tasks, batch i+1 sends their last tasks, which
name earlier tasks in `context_from`, so handoffs are recomputed across batches.

Standard library only.
"""

import http.client
import json
import threading
import time

WORKFLOWS_PER_BATCH = 5
TASKS_PER_WORKFLOW = 4  # two in the batch that opens the workflow, two in the next batch


def _ts(minute):
    """An RFC 3339 time `minute` minutes after 2026-01-01T00:00:00Z (always in the past)."""
    day, rest = divmod(int(minute), 24 * 60)
    hour, minute = divmod(rest, 60)
    month = 1 + (day // 28) % 12
    return "2026-%02d-%02dT%02d:%02d:00Z" % (month, 1 + day % 28, hour, minute)


def _base(client, batch):
    """Minute at which a batch's workflows open: spread over 200 days, never in the future."""
    return (client * 100000 + batch) * 7 % (200 * 24 * 60)


def workflow_id(client, batch, slot):
    return "c%d-b%d-w%d" % (client, batch, slot)


def task_id(client, batch, slot, index):
    return "%s-t%d" % (workflow_id(client, batch, slot), index)


def batch_records(client, batch):
    """The records of one batch: new workflows with their first two tasks, and the last two tasks
    of the previous batch's workflows."""
    records = []
    base = _base(client, batch)
    for slot in range(WORKFLOWS_PER_BATCH):
        wid = workflow_id(client, batch, slot)
        opened = base + slot * 3
        records.append({
            "type": "workflow", "workflow_id": wid, "opened_at": _ts(opened),
            "closed_at": _ts(opened + 240), "severity": ["low", "medium", "high", "critical"][slot % 4],
            "category": "phishing",
        })
        for index in (0, 1):
            records.append(_task(client, batch, slot, index, opened))
    if batch > 0:
        prev_base = _base(client, batch - 1)
        for slot in range(WORKFLOWS_PER_BATCH):
            for index in (2, 3):
                records.append(_task(client, batch - 1, slot, index, prev_base + slot * 3))
    return records


def _task(client, batch, slot, index, opened):
    tools = ["siem", "edr", "soar", "ticketing"]
    record = {
        "type": "task", "id": task_id(client, batch, slot, index), "workflow_id": workflow_id(client, batch, slot),
        "task_type": "step-%d" % index, "stage": ["triage", "investigation", "response", "closure"][index],
        "tool": tools[(index + slot) % len(tools)], "actor": "analyst:%d" % (client % 3),
        "ai_mode": "assisted" if index == 1 else "none",
        "started_at": _ts(opened + 10 + index * 50), "ended_at": _ts(opened + 30 + index * 50),
    }
    if index == 1:
        record["assistant"] = "copilot-%d" % (slot % 2)
    if index > 0:
        record["context_from"] = task_id(client, batch, slot, index - 1)
    return record


def closing_records(client, batch):
    """The last two tasks of batch `batch`'s workflows, to complete them when a client stops."""
    base = _base(client, batch)
    return [_task(client, batch, slot, index, base + slot * 3)
            for slot in range(WORKFLOWS_PER_BATCH) for index in (2, 3)]


class Stats:
    """Counts shared by all clients (under one lock)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = {}          # status (or 'connection error' / 'timeout') -> count
        self.codes = {}             # error code of 429/503 bodies -> count
        self.failures = []          # descriptions of responses that should never happen
        self.batches_acknowledged = 0
        self.records_acknowledged = 0
        self.accepted = 0
        self.duplicates = 0
        self.latencies = []         # seconds, of answered requests
        self.events = []            # (start, end, outcome, retry_after, client)

    def note(self, start, end, outcome, retry_after=None, code=None, client=None):
        with self.lock:
            self.statuses[outcome] = self.statuses.get(outcome, 0) + 1
            if code:
                self.codes[code] = self.codes.get(code, 0) + 1
            self.events.append((start, end, outcome, retry_after, client))
            if isinstance(outcome, int):
                self.latencies.append(end - start)


class Client(threading.Thread):
    """One exporter: sends its batches in order, each until acknowledged, until told to stop."""

    def __init__(self, number, port, token, stats, stop, timeout=20.0, retry_cap=2.0, max_batches=None,
                 pause=0.0):
        super().__init__(daemon=True)
        self.number, self.port, self.token, self.stats, self.stop = number, port, token, stats, stop
        self.timeout, self.retry_cap, self.max_batches, self.pause = timeout, retry_cap, max_batches, pause
        self.sent_workflows, self.sent_tasks = set(), set()
        self.batches = 0
        self.delivered_at = None  # when the last batch was acknowledged (time.monotonic())

    def run(self):
        batch = 0
        while not self.stop.is_set() and (self.max_batches is None or batch < self.max_batches):
            self.deliver(batch_records(self.number, batch))
            batch += 1
            if self.pause:
                time.sleep(self.pause)
        if batch > 0:
            # Complete the last batch's workflows, as an exporter flushing on shutdown would.
            self.deliver(closing_records(self.number, batch - 1))
        self.batches = batch

    def deliver(self, records):
        for record in records:
            if record["type"] == "workflow":
                self.sent_workflows.add(record["workflow_id"])
            else:
                self.sent_tasks.add(record["id"])
        body = ("\n".join(json.dumps(r) for r in records) + "\n").encode()
        headers = {"Authorization": "Bearer " + self.token, "Content-Type": "application/x-ndjson"}
        attempt = 0
        while True:
            attempt += 1
            headers["X-Request-Id"] = "load-c%d-%d" % (self.number, attempt)
            start = time.monotonic()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
                connection.request("POST", "/v1/events", body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                status = response.status
                retry_after = response.getheader("Retry-After")
                connection.close()
            except (TimeoutError, OSError, http.client.HTTPException) as error:
                end = time.monotonic()
                outcome = "timeout" if isinstance(error, TimeoutError) or "timed out" in str(error) else \
                    "connection error"
                self.stats.note(start, end, outcome, client=self.number)
                time.sleep(0.2)
                continue
            end = time.monotonic()
            if status == 200:
                answer = json.loads(payload)
                self.stats.note(start, end, 200, client=self.number)
                with self.stats.lock:
                    self.stats.batches_acknowledged += 1
                    self.stats.records_acknowledged += len(records)
                    self.stats.accepted += answer["accepted"]
                    self.stats.duplicates += answer["duplicates"]
                    if answer["rejected"] or answer["accepted"] + answer["duplicates"] != len(records):
                        self.stats.failures.append("200 that does not account for the batch: %r" % answer)
                self.delivered_at = end
                return
            code = None
            try:
                code = json.loads(payload)["error"]["code"]
            except (ValueError, KeyError, TypeError):
                pass
            self.stats.note(start, end, status, retry_after=retry_after, code=code, client=self.number)
            if status in (429, 503):
                if retry_after is None or not retry_after.isdigit():
                    with self.stats.lock:
                        self.stats.failures.append("%d without a valid Retry-After" % status)
                time.sleep(min(float(retry_after or 1), self.retry_cap))
                continue
            with self.stats.lock:
                self.stats.failures.append("unexpected %d: %s" % (status, payload[:200]))
            time.sleep(0.5)


def get_status(port, path, timeout=10.0):
    """The status of a GET, or None when the server does not answer."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status
    except (OSError, http.client.HTTPException):
        return None
