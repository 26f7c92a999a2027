"""Schemathesis hooks for .ci/schemathesis (loaded through SCHEMATHESIS_HOOKS).

Docs/openapi.yaml states a few rules that JSON Schema cannot: `from` before `to` (and `to`
defaulting to now), a `cursor` only ever taken from a `next_cursor` the server returned, no
timestamp more than 5 minutes in the future, an end not before its start (an experiment's end
after its start, which is now when not given), an intervention's target that does not fit its
kind, a licence or price in a currency other than the tenant's one. Requests that break one of
them are answered 400 or 422 as the document says, but schemathesis generates them as schema-valid
and would report the refusal. These filters drop exactly those requests and
nothing else; each rule is written once here, in the terms of the document.
"""

import base64
import json
from datetime import datetime, timedelta, timezone

import schemathesis

# The tenant's one currency, set by .ci/schemathesis before the run.
TENANT_CURRENCY = "USD"

# A little less than the server's 5 minutes of allowed clock skew.
FUTURE_SKEW = timedelta(minutes=4)


def instant(text):
    """A YYYY-MM-DD day (its midnight UTC) or an RFC 3339 timestamp as an aware datetime, else None."""
    if not isinstance(text, str):
        return None
    try:
        if len(text) == 10:
            return datetime.fromisoformat(text + "T00:00:00+00:00")
        value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        if value.tzinfo is None:
            return None
        # Compare in UTC as plain datetimes: years near 1 or 9999 with an offset stay comparable.
        return value
    except (ValueError, OverflowError):
        return None


def utc(value):
    try:
        return value.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        return None


def before(a, b):
    """Whether instant a is strictly before b; None when either cannot be compared."""
    a, b = utc(a) if a else None, utc(b) if b else None
    if a is None or b is None:
        return None
    return a < b


def in_future(text):
    value = instant(text)
    if value is None:
        return False
    return before(datetime.now(timezone.utc) + FUTURE_SKEW, value) is True


def is_server_cursor(text):
    """Whether text decodes as a cursor Baton issues: base64url of {"w": int, "f": str, "t": str}."""
    try:
        padded = text.replace("-", "+").replace("_", "/") + "=" * (-len(text) % 4)
        value = json.loads(base64.b64decode(padded, validate=True))
        return (
            isinstance(value, dict)
            and set(value) == {"w", "f", "t"}
            and isinstance(value["w"], int)
            and isinstance(value["f"], str)
            and isinstance(value["t"], str)
        )
    except (ValueError, UnicodeDecodeError):
        return False


def query_breaks_rules(path, query):
    if path not in ("/v1/report", "/v1/coordination", "/v1/export/survey.csv", "/v1/handoffs", "/v1/interventions") or not isinstance(query, dict):
        return False
    start, end = instant(query.get("from")), instant(query.get("to"))
    if start is not None and end is not None and before(start, end) is False:
        return True  # `from` must be before `to`
    if path != "/v1/handoffs" and start is not None and "to" not in query:
        if before(start, datetime.now(timezone.utc)) is False:
            return True  # `to` defaults to now
    cursor = query.get("cursor")
    if path == "/v1/handoffs" and isinstance(cursor, str) and cursor and not is_server_cursor(cursor):
        return True  # only a cursor this server returned
    return False


def records(body):
    if isinstance(body, list):
        return body
    if isinstance(body, dict):
        inner = body.get("records")
        return inner if isinstance(inner, list) else [body]
    return []


def record_breaks_time_rules(record):
    if not isinstance(record, dict):
        return False
    for name in ("opened_at", "closed_at", "started_at", "ended_at"):
        if in_future(record.get(name)):
            return True
    for start, end in (("opened_at", "closed_at"), ("started_at", "ended_at")):
        a, b = instant(record.get(start)), instant(record.get(end))
        if a is not None and b is not None and before(b, a) is True:
            return True
    return False


def intervention_breaks_rules(body):
    """An intervention's target must fit its kind, and its description must say something
    (Docs/openapi.yaml, POST /v1/interventions): a pair is two ends of 1 to 128 characters (spaces and
    tabs around them aside) joined by one arrow, `→` or else `->`, with no arrow after it; an
    assistant is one name of at most 128 characters without an arrow."""
    if not isinstance(body, dict):
        return False
    description = body.get("description")
    if isinstance(description, str) and not description.strip():
        return True
    kind, target = body.get("target_kind"), body.get("target")
    if not isinstance(target, str):
        return False
    text = target.strip(" \t")
    if not text:
        return True
    if kind == "assistant":
        return "→" in text or "->" in text or len(text) > 128
    if kind in ("handoff-class", "assistant-pair"):
        arrow = "→" if "→" in text else "->" if "->" in text else None
        if arrow is None:
            return True
        first, second = text.split(arrow, 1)
        first, second = first.strip(" \t"), second.strip(" \t")
        return not first or not second or len(first) > 128 or len(second) > 128 or "→" in second or "->" in second
    return False


def body_breaks_rules(path, body):
    if path == "/v1/events":
        return any(record_breaks_time_rules(r) for r in records(body))
    if path == "/v1/perceptions":
        items = body.get("perceptions") if isinstance(body, dict) and "perceptions" in body else body
        items = items if isinstance(items, list) else [items]
        return any(isinstance(p, dict) and in_future(p.get("date")) for p in items)
    if path == "/v1/interventions":
        return intervention_breaks_rules(body)
    if path in ("/v1/assistants/{name}", "/v1/prices") and isinstance(body, dict):
        # One currency per tenant: .ci/schemathesis gives the tenant USD before the run.
        currency = body.get("currency")
        if isinstance(currency, str) and currency != TENANT_CURRENCY:
            return True
    if path == "/v1/experiments/{name}" and isinstance(body, dict):
        # The end must follow the start; without `starts_at` a new experiment starts now.
        start, end = instant(body.get("starts_at")), instant(body.get("ends_at"))
        if end is not None and before(start or datetime.now(timezone.utc), end) is not True:
            return True
    return False


@schemathesis.hook
def filter_case(context, case):
    """Keep every negative case (it must be refused anyway) and every positive case that obeys the
    rules above; applies to every phase, the coverage phase's fixed values included."""
    meta = getattr(case, "meta", None)
    if meta is not None and not meta.generation.mode.is_positive:
        return True
    path = case.operation.path
    return not (query_breaks_rules(path, case.query) or body_breaks_rules(path, case.body))
