"""pm4py reads what Baton writes (Tests/process-mining/README.md).

Usage: check_exports.py EXPORT.xes EXPORT.ocel.json HANDOFFS.tsv SCHEMA.json
HANDOFFS.tsv: Baton's stored handoffs, `to_task_id<TAB>wait_us`, kind 'handoff' only.

Checks, failing with exit code 1:
- pm4py.read_xes reads the XES export: as many cases and events as the file's traces and events;
- on strictly sequential cases (each task starts when or after the one before it ended), pm4py's
  start-aware waiting time between consecutive tasks, max(next.start, prev.complete) -
  prev.complete in start order, equals Baton's handoff wait before the next task;
- the OCEL export validates against the OCEL 2.0 JSON schema;
- pm4py.read_ocel2_json reads it with the file's number of events and objects.
"""

import json
import sys
import xml.etree.ElementTree as ET

import jsonschema
import pm4py

xes_path, ocel_path, handoffs_path, schema_path = sys.argv[1:5]
failures = []

# --- XES
root = ET.parse(xes_path).getroot()
ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
traces = root.findall(f"{ns}trace")
events_in_file = sum(len(t.findall(f"{ns}event")) for t in traces)
df = pm4py.read_xes(xes_path)
cases = df["case:concept:name"].nunique()
print(f"XES: {len(traces)} traces, {events_in_file} events in the file; pm4py read {cases} cases, {len(df)} events")
if cases != len(traces) or len(df) != events_in_file:
    failures.append("pm4py.read_xes read other counts than the file holds")

# Tasks as intervals from the start/complete pairs (concept:instance is the task id).
starts = df[df["lifecycle:transition"] == "start"].set_index("concept:instance")["time:timestamp"]
ends = df[df["lifecycle:transition"] == "complete"].set_index("concept:instance")["time:timestamp"]
case_of = df.drop_duplicates("concept:instance").set_index("concept:instance")["case:concept:name"]
intervals = {}
for task, start in starts.items():
    end = ends.get(task)
    if end is None:
        continue
    intervals.setdefault(case_of[task], []).append((start, end, task))

baton = {}
with open(handoffs_path) as f:
    for line in f:
        task, wait_us = line.rstrip("\n").split("\t")
        baton[task] = int(wait_us)

compared = sequential_cases = 0
for case, tasks in intervals.items():
    tasks.sort(key=lambda t: (t[0], t[1]))
    if any(b[0] < a[1] for a, b in zip(tasks, tasks[1:])):
        continue  # overlapping work: pm4py's rule and Baton's frontier rule differ by design
    sequential_cases += 1
    for prev, nxt in zip(tasks, tasks[1:]):
        pm4py_wait_us = round((max(nxt[0], prev[1]) - prev[1]).total_seconds() * 1_000_000)
        if nxt[2] not in baton:
            failures.append(f"{case}: Baton has no handoff into {nxt[2]}")
            continue
        compared += 1
        if pm4py_wait_us != baton[nxt[2]]:
            failures.append(f"{case}: wait before {nxt[2]}: pm4py {pm4py_wait_us} us, Baton {baton[nxt[2]]} us")
print(f"waits: {compared} handoffs compared on {sequential_cases} strictly sequential cases")
if compared == 0:
    failures.append("no handoff compared")

# --- OCEL
with open(ocel_path) as f:
    document = json.load(f)
with open(schema_path) as f:
    schema = json.load(f)
errors = list(jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(document))
print(f"OCEL: {len(errors)} schema errors")
failures += [f"OCEL schema: {e.message} at {list(e.absolute_path)}" for e in errors[:10]]
ocel = pm4py.read_ocel2_json(ocel_path)
events, objects = len(ocel.events), len(ocel.objects)
print(f"OCEL: {len(document['events'])} events, {len(document['objects'])} objects in the file; pm4py read {events}, {objects}")
if events != len(document["events"]) or objects != len(document["objects"]):
    failures.append("pm4py.read_ocel2_json read other counts than the file holds")

for failure in failures[:20]:
    print("FAIL", failure)
print("pm4py checks failed" if failures else "pm4py checks passed")
sys.exit(1 if failures else 0)
