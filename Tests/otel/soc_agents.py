#!/usr/bin/env python3
"""A pretend SIEM triage agent and EDR investigation agent, instrumented with the OpenTelemetry
Python SDK and GenAI span attributes, exporting to Baton over OTLP/HTTP.

The exporter is configured only by the standard environment variables, as a SOC would configure
a real agent: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf,
OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer <token>" and, optionally,
OTEL_EXPORTER_OTLP_COMPRESSION=gzip.

    soc_agents.py export PREFIX CASES   # CASES cases named PREFIX-1 … PREFIX-CASES
    soc_agents.py check BASE_URL TOKEN PREFIX CASES   # asserts what Baton stored (its API)

Per case: the SIEM agent triages (one agent run with a model call and a tool call inside it),
hands the case to the EDR agent over a W3C traceparent (a remote parent), which investigates
four minutes later; an analyst then reviews the containment with the EDR copilot (a span that
links to the investigation). The EDR agent uses the old GenAI names (gen_ai.system,
prompt_tokens) and sets no soc.tool: Baton's tool_by_service map names its tool.
"""
import json
import sys
import time
import urllib.request

from opentelemetry.propagate import inject, extract
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExportResult
import os

# OTEL_EXPORTER_OTLP_PROTOCOL picks the official exporter, as the SDK's auto-configuration does:
# http/json is the OpenTelemetry project's OTLP/JSON exporter (opentelemetry-exporter-otlp-json-http).
if os.environ.get("OTEL_EXPORTER_OTLP_PROTOCOL") == "http/json":
    from opentelemetry.exporter.otlp.json.http.trace_exporter import OTLPSpanExporter
else:
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.trace import Link, get_current_span, set_span_in_context

NS = 1_000_000_000


class RecordingExporter(OTLPSpanExporter):
    """The stock exporter (configured from the environment), remembering each export's result."""

    results = []

    def export(self, spans):
        result = super().export(spans)
        RecordingExporter.results.append((len(spans), result))
        return result


def provider(service):
    p = TracerProvider(resource=Resource.create({"service.name": service}))
    p.add_span_processor(BatchSpanProcessor(RecordingExporter()))
    return p


def export(prefix, cases):
    siem_provider, edr_provider = provider("siem-triage-agent"), provider("edr-agent")
    siem, edr = siem_provider.get_tracer("soc.siem"), edr_provider.get_tracer("soc.edr")
    base = time.time_ns() - 3 * 3600 * NS
    for n in range(1, cases + 1):
        case = f"{prefix}-{n}"
        t0 = base + n * 900 * NS
        # 1. SIEM triage agent run: the task. Its model and tool calls are folded into it.
        run = siem.start_span("invoke_agent siem-triage", start_time=t0, attributes={
            "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "siem-triage",
            "gen_ai.provider.name": "openai", "soc.case.id": case, "soc.tool": "siem",
            "soc.stage": "triage", "soc.task.type": "alert-triage"})
        ctx = set_span_in_context(run)
        chat = siem.start_span("chat gpt-4o", context=ctx, start_time=t0 + 5 * NS, attributes={
            "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai",
            "gen_ai.usage.input_tokens": 1200, "gen_ai.usage.output_tokens": 180})
        chat.end(end_time=t0 + 20 * NS)
        tool = siem.start_span("execute_tool siem_search", context=ctx, start_time=t0 + 21 * NS,
                               attributes={"gen_ai.operation.name": "execute_tool"})
        tool.end(end_time=t0 + 40 * NS)
        carrier = {}
        inject(carrier, context=ctx)  # the handoff: a ticket carrying the W3C traceparent
        run.end(end_time=t0 + 60 * NS)

        # 2. EDR agent, four minutes later, continuing the trace from the carrier (a remote parent).
        investigation = edr.start_span("invoke_agent edr-investigation", context=extract(carrier),
                                       start_time=t0 + 300 * NS, attributes={
            "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "edr-investigator",
            "gen_ai.system": "anthropic", "gen_ai.usage.prompt_tokens": 3000,
            "gen_ai.usage.completion_tokens": 400, "soc.case.id": case,
            "soc.stage": "investigation", "soc.task.type": "host-investigation"})
        isolate = edr.start_span("execute_tool isolate_host", context=set_span_in_context(investigation),
                                 start_time=t0 + 400 * NS, attributes={"gen_ai.operation.name": "execute_tool"})
        isolate.end(end_time=t0 + 410 * NS)
        investigation.end(end_time=t0 + 420 * NS)

        # 3. An analyst reviews the containment with the EDR copilot: a new trace linking back.
        review = edr.start_span("review containment", links=[Link(investigation.get_span_context())],
                                start_time=t0 + 480 * NS, attributes={
            "soc.actor.type": "human", "soc.actor.id": "analyst:ana", "gen_ai.agent.name": "edr-copilot",
            "soc.case.id": case, "soc.stage": "response", "soc.task.type": "containment-review"})
        review.end(end_time=t0 + 600 * NS)
    siem_provider.shutdown()
    edr_provider.shutdown()
    exported = sum(n for n, r in RecordingExporter.results if r == SpanExportResult.SUCCESS)
    failed = [n for n, r in RecordingExporter.results if r != SpanExportResult.SUCCESS]
    print(f"exported {exported} spans for {cases} cases in {len(RecordingExporter.results)} requests")
    if failed or exported != cases * 6:
        sys.exit(f"export failed: {failed} (expected {cases * 6} spans)")


def get(base_url, token, path):
    request = urllib.request.Request(base_url + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def check(base_url, token, prefix, cases):
    for n in range(1, cases + 1):
        case = f"{prefix}-{n}"
        w = get(base_url, token, f"/v1/workflows/{case}")
        tasks = w["tasks"]
        got = [(t["tool"], t["stage"], t["task_type"], t["ai_mode"], t["assistant"]) for t in tasks]
        want = [("siem", "triage", "alert-triage", "autonomous", "siem-triage"),
                ("edr", "investigation", "host-investigation", "autonomous", "edr-investigator"),
                ("edr", "response", "containment-review", "assisted", "edr-copilot")]
        assert got == want, f"{case}: tasks {got}"
        siem_id, edr_id, review_id = (t["id"] for t in tasks)
        assert tasks[1]["context_from"] == siem_id, f"{case}: EDR context_from {tasks[1]['context_from']}"
        assert tasks[2]["context_from"] == edr_id, f"{case}: review context_from {tasks[2]['context_from']}"
        assert tasks[2]["actor"] == "analyst:ana", case
        # Token counts: the SIEM run's folded model call (new names), the EDR run's own (old names).
        siem_usage, edr_usage = tasks[0].get("attributes") or {}, tasks[1].get("attributes") or {}
        assert siem_usage.get("gen_ai.usage.input_tokens") == 1200, f"{case}: SIEM attributes {siem_usage}"
        assert siem_usage.get("gen_ai.usage.output_tokens") == 180, f"{case}: SIEM attributes {siem_usage}"
        assert siem_usage.get("gen_ai.provider.name") == "openai", f"{case}: SIEM attributes {siem_usage}"
        assert edr_usage.get("gen_ai.usage.input_tokens") == 3000, f"{case}: EDR attributes {edr_usage}"
        assert edr_usage.get("gen_ai.usage.output_tokens") == 400, f"{case}: EDR attributes {edr_usage}"
        assert edr_usage.get("gen_ai.provider.name") == "anthropic", f"{case}: EDR attributes {edr_usage}"
        handoffs = {h["to_task"]: h for h in w["handoffs"]}
        to_edr, to_review = handoffs[edr_id], handoffs[review_id]
        assert to_edr["from_task"] == siem_id and to_edr["wait_seconds"] == 240, f"{case}: {to_edr}"
        assert to_edr["cross_tool"] and to_edr["context_carried"] and to_edr["ai_boundary"] is not None, to_edr
        assert to_review["from_task"] == edr_id and to_review["wait_seconds"] == 60, f"{case}: {to_review}"
        metrics = w.get("metrics")  # absent while the case is open (no workflow record closed it)
        assert metrics is None or metrics["touch_seconds"] == 60 + 120 + 120, f"{case}: {metrics}"
    print(f"{cases} cases {prefix}-*: 3 tasks each, handoffs SIEM→EDR 240 s and EDR→review 60 s, token counts, as sent")


if __name__ == "__main__":
    if sys.argv[1:2] == ["export"]:
        export(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1:2] == ["check"]:
        check(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        sys.exit(__doc__)
