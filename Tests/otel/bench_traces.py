#!/usr/bin/env python3
"""Measures spans per second through POST /v1/traces.

    bench_traces.py URL TOKEN [BATCHES] [CASES_PER_BATCH]

Builds BATCHES export requests with the OpenTelemetry SDK's own protobuf encoder (the bytes the
Python exporter sends), each CASES_PER_BATCH cases of a SIEM agent run (with two child spans)
and an EDR agent run, so 4 spans and 2 tasks per case; then posts them one after another and
prints spans/s and tasks/s over the posting time alone. Distinct ids per batch: every task is new.
"""
import os
import random
import sys
import time
import urllib.request

from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import set_span_in_context, Link

NS = 1_000_000_000


def build_batch(batch, cases):
    memory = InMemorySpanExporter()
    providers = []
    for service in ("siem-triage-agent", "edr-agent"):
        p = TracerProvider(resource=Resource.create({"service.name": service}))
        p.add_span_processor(SimpleSpanProcessor(memory))
        providers.append(p)
    siem, edr = (p.get_tracer("bench") for p in providers)
    base = time.time_ns() - 6 * 3600 * NS
    for n in range(cases):
        case = f"BENCH-{batch}-{n}"
        t0 = base + random.randrange(0, 3 * 3600) * NS
        run = siem.start_span("invoke_agent siem-triage", start_time=t0, attributes={
            "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "siem-triage",
            "soc.case.id": case, "soc.tool": "siem", "soc.stage": "triage", "soc.task.type": "alert-triage"})
        ctx = set_span_in_context(run)
        for k, name in enumerate(("chat gpt-4o", "execute_tool siem_search")):
            child = siem.start_span(name, context=ctx, start_time=t0 + (k + 1) * NS,
                                    attributes={"gen_ai.operation.name": name.split()[0]})
            child.end(end_time=t0 + (k + 2) * NS)
        run.end(end_time=t0 + 60 * NS)
        inv = edr.start_span("invoke_agent edr-investigation", links=[Link(run.get_span_context())],
                             start_time=t0 + 300 * NS, attributes={
            "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "edr-investigator",
            "soc.case.id": case, "soc.tool": "edr", "soc.stage": "investigation",
            "soc.task.type": "host-investigation"})
        inv.end(end_time=t0 + 420 * NS)
    spans = memory.get_finished_spans()
    return len(spans), encode_spans(spans).SerializeToString()


def main():
    url, token = sys.argv[1], sys.argv[2]
    batches = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    cases = int(sys.argv[4]) if len(sys.argv) > 4 else 500
    bodies = [build_batch(b, cases) for b in range(batches)]
    total = 0
    started = time.monotonic()
    for count, body in bodies:
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/x-protobuf"})
        with urllib.request.urlopen(request) as response:
            assert response.status == 200 and response.read() == b"", "partial success or error"
        total += count
    elapsed = time.monotonic() - started
    print(f"{total} spans ({batches * cases * 2} tasks) in {batches} requests of {len(bodies[0][1])} bytes: "
          f"{elapsed:.2f} s, {total / elapsed:.0f} spans/s, {batches * cases * 2 / elapsed:.0f} tasks/s")


if __name__ == "__main__":
    main()
