import BatonCore
import Foundation
import Testing

@Suite("OTLP JSON decoding")
struct OTLPJSONDecodingTests {
    /// Shaped like the OTLP specification's JSON example: hex ids, 64-bit integers as strings and
    /// as numbers, the kind as an integer, fields Baton does not know.
    static let body = #"""
        {"resourceSpans": [{
          "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "siem-triage-agent"}}]},
          "schemaUrl": "https://opentelemetry.io/schemas/1.26.0",
          "scopeSpans": [{
            "scope": {"name": "my.library", "version": "1.0.0"},
            "spans": [{
              "traceId": "5B8EFFF798038103D269B633813FC60C",
              "spanId": "EEE19B7EC3C1B174",
              "parentSpanId": "EEE19B7EC3C1B173",
              "name": "invoke_agent siem-triage",
              "kind": 2,
              "startTimeUnixNano": "1772445840123456789",
              "endTimeUnixNano": 1772446170000000000,
              "flags": 769,
              "attributes": [
                {"key": "soc.case.id", "value": {"stringValue": "INC-7"}},
                {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "1234"}},
                {"key": "gen_ai.usage.output_tokens", "value": {"intValue": 56}},
                {"key": "ratio", "value": {"doubleValue": 0.5}},
                {"key": "ok", "value": {"boolValue": true}},
                {"key": "tags", "value": {"arrayValue": {"values": [{"stringValue": "a"}]}}},
                {"key": "blob", "value": {"bytesValue": "AP8H"}},
                {"key": "unset", "value": {}},
                {"key": "no value"}
              ],
              "links": [{"traceId": "0102030405060708090a0b0c0d0e0f10", "spanId": "1112131415161718"}],
              "status": {"code": 1},
              "droppedEventsCount": 0,
              "somethingNew": {"x": 1}
            }]
          }]
        }]}
        """#

    @Test("OTLP JSON decodes: hex ids lowercased, 64-bit integers from strings and numbers, unknown fields ignored")
    func decodes() throws {
        let request = try OTLPTraceRequest(json: Data(Self.body.utf8))
        let resource = try #require(request.resourceSpans.first)
        #expect(resource.resourceAttributes["service.name"] == .string("siem-triage-agent"))
        let span = try #require(resource.spans.first)
        #expect(span.traceID == "5b8efff798038103d269b633813fc60c")
        #expect(span.spanID == "eee19b7ec3c1b174")
        #expect(span.parentSpanID == "eee19b7ec3c1b173")
        #expect(span.kind == 2)
        #expect(span.startTimeUnixNano == 1_772_445_840_123_456_789)
        #expect(span.endTimeUnixNano == 1_772_446_170_000_000_000)
        #expect(span.parentIsRemote)
        #expect(span.attributes["gen_ai.usage.input_tokens"] == .int(1234))
        #expect(span.attributes["gen_ai.usage.output_tokens"] == .int(56))
        #expect(span.attributes["ratio"] == .double(0.5))
        #expect(span.attributes["ok"] == .bool(true))
        #expect(span.attributes["tags"] == .array([.string("a")]))
        #expect(span.attributes["blob"] == .bytes([0, 255, 7]))
        // An AnyValue with nothing set is empty, not "" (as in protobuf).
        #expect(span.attributes["unset"] == .empty)
        #expect(span.attributes["no value"] == .empty)
        #expect(span.links == [OTLPLink(traceID: "0102030405060708090a0b0c0d0e0f10", spanID: "1112131415161718")])
    }

    @Test("JSON and protobuf of the same request decode to the same value")
    func sameAsProtobuf() throws {
        let fromJSON = try OTLPTraceRequest(json: Data(Self.body.utf8))
        #expect(try OTLPTraceRequest(protobuf: fromJSON.protobuf) == fromJSON)
    }

    @Test("an empty object is an empty request; malformed bodies are refused with a reason")
    func malformed() throws {
        #expect(try OTLPTraceRequest(json: Data("{}".utf8)).spanCount == 0)
        #expect(try OTLPTraceRequest(json: Data(#"{"resourceSpans": []}"#.utf8)).spanCount == 0)
        for bad in [
            "not json", "[]", #"{"resourceSpans": {}}"#,
            #"{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "not-hex!"}]}]}]}"#,
            #"{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "ab", "startTimeUnixNano": "soon"}]}]}]}"#,
            #"{"resourceSpans": [{"scopeSpans": [{"spans": [{"attributes": [{"key": "k", "value": {"intValue": 1.5}}]}]}]}]}"#,
        ] {
            #expect(throws: OTLPDecodingError.self, "\(bad)") { try OTLPTraceRequest(json: Data(bad.utf8)) }
        }
    }
}
