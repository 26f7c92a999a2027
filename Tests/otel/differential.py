#!/usr/bin/env python3
"""Random OTLP trace requests for the protobuf differential test (OTLPDifferentialTests).

Builds COUNT random `ExportTraceServiceRequest`s with the OpenTelemetry project's generated
classes (opentelemetry-proto, on the protobuf runtime), injects unknown fields (unused field
numbers, every wire type including groups) into messages at every level, serializes each
request, then parses the bytes again with protobuf and writes what Python decoded, reduced to the
fields Baton keeps (Docs/otel.md, "The differential test"). Half the requests are rewritten with
some singular message fields (a value, a list, a resource) sent in two pieces, which protobuf merges.

    differential.py COUNT SEED OUT   # OUT: one JSON object a line, {"protobuf": base64, "view": ...}

The view's values are typed so that nothing is lost on the way to Swift: 64-bit integers and
times as decimal strings, doubles as the hex of their IEEE 754 bits, bytes and ids as hex, maps as
lists of [key, value] pairs in the request's order, an AnyValue with no value as {"empty": true}.
"""
import base64
import json
import random
import struct
import sys
import unicodedata

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.trace.v1.trace_pb2 import Status

# Characters for names, keys and string values: ASCII, punctuation JSON and protobuf care about,
# controls (NUL included), Latin-1, combining marks, right-to-left scripts, CJK, and astral-plane
# emoji (four UTF-8 bytes, a surrogate pair in JSON).
ALPHABET = (
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ._-/:")
    + ['"', "\\", "\n", "\t", "\x00", "\x7f", "{", "}"]
    + ["é", "ß", "ñ", "\u0301", "\u0308", "ש", "ل", "中", "文", "🛡", "🔥", "👩\u200d💻", "\ufeff", "\U0010fffd"]
)
SPECIAL_DOUBLES = [0.0, -0.0, 1.0, -1.5, float("inf"), float("-inf"), float("nan"), -float("nan"), 5e-324, 1.7976931348623157e308]
SPECIAL_INTS = [0, 1, -1, 2**63 - 1, -(2**63), 2**31, -(2**31) - 1, 42]
SPECIAL_U64 = [0, 1, 2**64 - 1, 2**63, 1_767_225_600_000_000_000]


class Generator:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.unknown = 0  # messages given unknown fields, for the summary
        self.splits = 0  # message fields sent in two pieces

    # Scalars

    def text(self, limit=16):
        return "".join(self.r.choice(ALPHABET) for _ in range(self.r.randint(0, limit)))

    def keys(self, n):
        """n distinct keys. Distinct as Unicode text too (NFC): Baton keeps attributes in a Swift
        dictionary, whose keys compare by canonical equivalence (Docs/otel.md)."""
        keys, seen = [], set()
        while len(keys) < n:
            key = self.text(12) if self.r.random() < 0.6 else self.r.choice(["soc.tool", "soc.case.id", "gen_ai.usage.input_tokens", "service.name"]) + self.text(2)
            if unicodedata.normalize("NFC", key) not in seen:
                seen.add(unicodedata.normalize("NFC", key))
                keys.append(key)
        return keys

    def ident(self, size):
        # Mostly the specified 16 and 8 bytes; sometimes empty or another length, which protobuf
        # carries as it is.
        roll = self.r.random()
        if roll < 0.05:
            return b""
        if roll < 0.12:
            size = self.r.randint(1, 24)
        return bytes(self.r.getrandbits(8) for _ in range(size))

    def u64(self):
        return self.r.choice(SPECIAL_U64) if self.r.random() < 0.3 else self.r.getrandbits(64)

    def i64(self):
        return self.r.choice(SPECIAL_INTS) if self.r.random() < 0.3 else self.r.getrandbits(64) - 2**63

    def double(self):
        if self.r.random() < 0.3:
            return self.r.choice(SPECIAL_DOUBLES)
        value = struct.unpack("<d", struct.pack("<Q", self.r.getrandbits(64)))[0]
        return float("nan") if value != value else value  # no signalling NaN payloads

    # Unknown fields

    def varint(self, n):
        out = bytearray()
        while True:
            byte, n = n & 0x7F, n >> 7
            out.append(byte | (0x80 if n else 0))
            if not n:
                return bytes(out)

    def unknown_fields(self, depth=0):
        """One to three fields with numbers no OTLP trace message uses (17 and up, outside
        protobuf's reserved 19000-19999), in every wire type: varint, fixed64, length-delimited,
        group (nested) and fixed32."""
        out = b""
        for _ in range(self.r.randint(1, 3)):
            number = self.r.choice([17, 99, 1000, 18999, 20000, 2**29 - 1, self.r.randint(17, 18999)])
            wire = self.r.choice([0, 1, 2, 3, 5] if depth < 3 else [0, 1, 2, 5])
            out += self.varint(number << 3 | wire)
            if wire == 0:
                out += self.varint(self.u64())
            elif wire == 1:
                out += struct.pack("<Q", self.r.getrandbits(64))
            elif wire == 2:
                payload = bytes(self.r.getrandbits(8) for _ in range(self.r.randint(0, 12)))
                out += self.varint(len(payload)) + payload
            elif wire == 3:
                out += self.unknown_fields(depth + 1) + self.varint(number << 3 | 4)
            else:
                out += struct.pack("<I", self.r.getrandbits(32))
        return out

    def maybe_unknown(self, message, p=0.25):
        if self.r.random() < p:
            message.MergeFromString(self.unknown_fields())
            self.unknown += 1

    # Messages

    def any_value(self, value, depth):
        kinds = ["string", "bool", "int", "double", "bytes", "empty"] + (["array", "kvlist"] * 2 if depth < 3 else [])
        kind = self.r.choice(kinds)
        if kind == "string":
            value.string_value = self.text()
        elif kind == "bool":
            value.bool_value = self.r.random() < 0.5
        elif kind == "int":
            value.int_value = self.i64()
        elif kind == "double":
            value.double_value = self.double()
        elif kind == "bytes":
            value.bytes_value = bytes(self.r.getrandbits(8) for _ in range(self.r.randint(0, 20)))
        elif kind == "array":
            value.array_value.SetInParent()  # an empty array is still an array
            for _ in range(self.r.randint(0, 4)):
                self.any_value(value.array_value.values.add(), depth + 1)
            self.maybe_unknown(value.array_value, 0.1)
        elif kind == "kvlist":
            value.kvlist_value.SetInParent()
            self.attributes(value.kvlist_value.values, depth + 1, 4)
            self.maybe_unknown(value.kvlist_value, 0.1)
        self.maybe_unknown(value, 0.1)

    def attributes(self, repeated, depth=0, limit=6):
        for key in self.keys(self.r.randint(0, limit)):
            kv = repeated.add()
            kv.key = key
            if self.r.random() < 0.97:  # else a KeyValue without a value: an empty AnyValue
                self.any_value(kv.value, depth)
            self.maybe_unknown(kv, 0.1)

    def span(self, span):
        span.trace_id = self.ident(16)
        span.span_id = self.ident(8)
        if self.r.random() < 0.6:
            span.parent_span_id = self.ident(8)
        if self.r.random() < 0.3:
            span.trace_state = "vendor=" + self.text(6)
        if self.r.random() < 0.7:
            span.flags = self.r.choice([0x100, 0x300, 0x301, self.r.getrandbits(32)])
        span.name = self.text(24)
        span.kind = self.r.choice([0, 1, 2, 3, 4, 5, 6, 99, -1])  # open enum: unknown values kept
        span.start_time_unix_nano = self.u64()
        if self.r.random() < 0.9:
            span.end_time_unix_nano = self.u64()
        self.attributes(span.attributes, 0, 8)
        span.dropped_attributes_count = self.r.choice([0, 0, 3])
        for _ in range(self.r.randint(0, 4)):
            event = span.events.add()
            event.time_unix_nano = self.u64()
            event.name = self.text()
            self.attributes(event.attributes, 0, 4)
            event.dropped_attributes_count = self.r.choice([0, 1])
            self.maybe_unknown(event)
        span.dropped_events_count = self.r.choice([0, 0, 2])
        for _ in range(self.r.randint(0, 3)):
            link = span.links.add()
            link.trace_id = self.ident(16)
            link.span_id = self.ident(8)
            if self.r.random() < 0.3:
                link.trace_state = "k=" + self.text(4)
            self.attributes(link.attributes, 0, 3)
            link.flags = self.r.choice([0, 0x100, 0x300])
            self.maybe_unknown(link)
        span.dropped_links_count = self.r.choice([0, 0, 1])
        if self.r.random() < 0.7:
            span.status.code = self.r.choice([Status.STATUS_CODE_UNSET, Status.STATUS_CODE_OK, Status.STATUS_CODE_ERROR, 7])
            span.status.message = self.text()
            self.maybe_unknown(span.status)
        self.maybe_unknown(span)

    def request(self):
        request = ExportTraceServiceRequest()
        for _ in range(self.r.choice([0, 1, 1, 2, 3])):
            rs = request.resource_spans.add()
            if self.r.random() < 0.85:
                rs.resource.SetInParent()
                self.attributes(rs.resource.attributes, 0, 6)
                rs.resource.dropped_attributes_count = self.r.choice([0, 2])
                if self.r.random() < 0.2:
                    ref = rs.resource.entity_refs.add()
                    ref.type = "service"
                    ref.id_keys.append("service.name")
                self.maybe_unknown(rs.resource)
            for _ in range(self.r.randint(0, 3)):
                ss = rs.scope_spans.add()
                if self.r.random() < 0.8:
                    ss.scope.name = self.text(10)
                    ss.scope.version = self.text(4)
                    self.attributes(ss.scope.attributes, 0, 2)
                    self.maybe_unknown(ss.scope)
                for _ in range(self.r.randint(0, 5)):
                    self.span(ss.spans.add())
                if self.r.random() < 0.3:
                    ss.schema_url = "https://opentelemetry.io/schemas/1.27.0"
                self.maybe_unknown(ss)
            if self.r.random() < 0.3:
                rs.schema_url = "https://opentelemetry.io/schemas/1.27.0"
            self.maybe_unknown(rs)
        self.maybe_unknown(request)
        return request


# Messages split in two. Protobuf merges a singular message field that occurs more than once
# (concatenated serializations are merged), so a writer may send one value in pieces. The
# generated classes always write a value whole; this rewrites their bytes, guided by the schema,
# splitting some singular message fields in two at a field boundary. Python's parser then says
# what the pieces mean.

# Field number -> message, for the message fields the rewriter descends into.
SCHEMA = {
    "request": {1: "resource_spans"},
    "resource_spans": {1: "resource", 2: "scope_spans"},
    "resource": {1: "key_value"},
    "scope_spans": {1: "scope", 2: "span"},
    "scope": {3: "key_value"},
    "span": {9: "key_value", 11: "event", 13: "link", 15: "status"},
    "event": {3: "key_value"},
    "link": {4: "key_value"},
    "key_value": {2: "any_value"},
    "any_value": {5: "array", 6: "kvlist"},
    "array": {1: "any_value"},
    "kvlist": {1: "key_value"},
    "status": {},
}
# The singular ones (repeated fields are lists: two occurrences are two elements).
SINGULAR = {("resource_spans", 1), ("scope_spans", 1), ("span", 15), ("key_value", 2), ("any_value", 5), ("any_value", 6)}


def read_varint(data, i):
    result = shift = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, i
        shift += 7


def records(data):
    """The fields of a serialized message: (number, wire type, the whole record, the payload of a
    length-delimited one)."""
    i, out = 0, []
    while i < len(data):
        start = i
        key, i = read_varint(data, i)
        number, wire = key >> 3, key & 7
        payload = None
        if wire == 0:
            _, i = read_varint(data, i)
        elif wire == 1:
            i += 8
        elif wire == 5:
            i += 4
        elif wire == 2:
            length, i = read_varint(data, i)
            payload, i = data[i : i + length], i + length
        elif wire == 3:
            depth = 1
            while depth:
                inner, i = read_varint(data, i)
                if inner & 7 == 3:
                    depth += 1
                elif inner & 7 == 4:
                    depth -= 1
                elif inner & 7 == 0:
                    _, i = read_varint(data, i)
                elif inner & 7 == 1:
                    i += 8
                elif inner & 7 == 5:
                    i += 4
                else:
                    length, i = read_varint(data, i)
                    i += length
        out.append((number, wire, data[start:i], payload))
    return out


def split_fields(generator, data, message):
    out = b""
    for number, wire, raw, payload in records(data):
        child = SCHEMA[message].get(number) if wire == 2 else None
        if child is None:
            out += raw
            continue
        payload = split_fields(generator, payload, child)
        tag = generator.varint(number << 3 | 2)
        if (message, number) in SINGULAR and generator.r.random() < 0.3:
            parts = [raw for _, _, raw, _ in records(payload)]
            cut = generator.r.randint(0, len(parts))
            generator.splits += 1
            for piece in (b"".join(parts[:cut]), b"".join(parts[cut:])):
                out += tag + generator.varint(len(piece)) + piece
        else:
            out += tag + generator.varint(len(payload)) + payload
    return out


# Python's decoded view, reduced to what Baton keeps (OTLPTraceRequest)


def value_view(value):
    kind = value.WhichOneof("value")
    if kind is None:
        return {"empty": True}
    if kind == "string_value":
        return {"string": value.string_value}
    if kind == "bool_value":
        return {"bool": value.bool_value}
    if kind == "int_value":
        return {"int": str(value.int_value)}
    if kind == "double_value":
        return {"double": struct.pack("<d", value.double_value).hex()}
    if kind == "bytes_value":
        return {"bytes": value.bytes_value.hex()}
    if kind == "array_value":
        return {"array": [value_view(v) for v in value.array_value.values]}
    if kind == "kvlist_value":
        return {"kvlist": pairs_view(value.kvlist_value.values)}
    raise ValueError(f"AnyValue {kind} is not generated for traces")


def pairs_view(key_values):
    # A KeyValue without a value has an empty AnyValue (value_view of the default message).
    return [[kv.key, value_view(kv.value)] for kv in key_values]


def span_view(span):
    return {
        "traceId": span.trace_id.hex(),
        "spanId": span.span_id.hex(),
        "parentSpanId": span.parent_span_id.hex(),
        "flags": span.flags,
        "name": span.name,
        "kind": span.kind,
        "start": str(span.start_time_unix_nano),
        "end": str(span.end_time_unix_nano),
        "attributes": pairs_view(span.attributes),
        "links": [{"traceId": link.trace_id.hex(), "spanId": link.span_id.hex()} for link in span.links],
    }


def request_view(request):
    return {
        "resourceSpans": [
            {
                "resource": pairs_view(rs.resource.attributes),
                # Scopes are flattened away: their spans in order.
                "spans": [span_view(span) for ss in rs.scope_spans for span in ss.spans],
            }
            for rs in request.resource_spans
        ]
    }


def main():
    count, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    generator = Generator(seed)
    spans = events = links = 0
    with open(out, "w", encoding="utf-8") as f:
        for _ in range(count):
            body = generator.request().SerializeToString()
            if generator.r.random() < 0.5:
                whole, body = body, split_fields(generator, body, "request")
                # The pieces mean the whole message: protobuf merges them back.
                assert ExportTraceServiceRequest.FromString(body) == ExportTraceServiceRequest.FromString(whole)
            decoded = ExportTraceServiceRequest.FromString(body)  # Python's decoding of the bytes
            for rs in decoded.resource_spans:
                for ss in rs.scope_spans:
                    spans += len(ss.spans)
                    events += sum(len(s.events) for s in ss.spans)
                    links += sum(len(s.links) for s in ss.spans)
            f.write(json.dumps({"protobuf": base64.b64encode(body).decode(), "view": request_view(decoded)}) + "\n")
    print(json.dumps({"requests": count, "spans": spans, "events": events, "links": links, "messages_with_unknown_fields": generator.unknown, "split_fields": generator.splits}))


if __name__ == "__main__":
    main()
