import BatonCore
import Testing

@Suite("OTLP protobuf decoding")
struct OTLPProtobufDecodingTests {
    static let sample: OTLPTraceRequest = {
        var agent = OTLPSpan()
        agent.traceID = "5b8efff798038103d269b633813fc60c"
        agent.spanID = "eee19b7ec3c1b174"
        agent.parentSpanID = "eee19b7ec3c1b173"
        agent.flags = 0x301
        agent.name = "invoke_agent siem-triage"
        agent.kind = 1
        agent.startTimeUnixNano = 1_772_445_840_123_456_789
        agent.endTimeUnixNano = 1_772_446_170_000_000_000
        agent.attributes = [
            "gen_ai.operation.name": .string("invoke_agent"), "gen_ai.usage.input_tokens": .int(1234),
            "negative": .int(-7), "ratio": .double(0.25), "flag": .bool(true), "blob": .bytes([0, 255, 7]),
            "list": .array([.string("a"), .int(2)]), "map": .keyValueList(["k": .string("v")]),
            "unset": .empty, "blank": .string(""), "holes": .array([.empty, .string("")]),
        ]
        agent.links = [OTLPLink(traceID: "0102030405060708090a0b0c0d0e0f10", spanID: "1112131415161718")]
        var child = OTLPSpan()
        child.traceID = agent.traceID
        child.spanID = "00000000000000aa"
        child.parentSpanID = agent.spanID
        child.name = "execute_tool lookup"
        child.startTimeUnixNano = 1
        child.endTimeUnixNano = 2
        return OTLPTraceRequest(resourceSpans: [
            OTLPResourceSpans(
                resourceAttributes: ["service.name": .string("siem-triage-agent")], spans: [agent, child]),
            OTLPResourceSpans(resourceAttributes: [:], spans: []),
        ])
    }()

    @Test("a request survives encoding and decoding unchanged, every attribute type included")
    func roundTrip() throws {
        let decoded = try OTLPTraceRequest(protobuf: Self.sample.protobuf)
        #expect(decoded == Self.sample)
        #expect(decoded.spanCount == 2)
        #expect(decoded.resourceSpans[0].spans[0].parentIsRemote)
        #expect(!decoded.resourceSpans[0].spans[1].parentIsRemote)
    }

    @Test("bytes written by hand with the specification's field numbers decode to the expected span")
    func handWritten() throws {
        var w = ProtobufWriter()
        w.messageField(1) { rs in
            rs.messageField(1) { res in
                res.messageField(1) { kv in
                    kv.stringField(1, "service.name")
                    kv.messageField(2) { $0.stringField(1, "edr") }
                }
            }
            rs.messageField(2) { ss in
                ss.messageField(1) { $0.stringField(1, "scope-name") }  // InstrumentationScope: skipped
                ss.messageField(2) { s in
                    s.bytesField(1, [UInt8](repeating: 0xAB, count: 16))
                    s.bytesField(2, [1, 2, 3, 4, 5, 6, 7, 8])
                    s.stringField(5, "isolate-host")
                    s.varintField(6, 3)
                    s.fixed64Field(7, 1_000_000_000)
                    s.fixed64Field(8, 2_500_000_000)
                    s.messageField(15) { $0.varintField(3, 2) }  // Status: skipped
                    s.varintField(99, 12)  // unknown fields are ignored
                    s.fixed32Field(98, 1)
                    s.stringField(97, "future")
                }
            }
        }
        let decoded = try OTLPTraceRequest(protobuf: w.bytes)
        let span = try #require(decoded.resourceSpans.first?.spans.first)
        #expect(decoded.resourceSpans[0].resourceAttributes["service.name"] == .string("edr"))
        #expect(span.traceID == String(repeating: "ab", count: 16))
        #expect(span.spanID == "0102030405060708")
        #expect(span.parentSpanID.isEmpty)
        #expect(span.name == "isolate-host")
        #expect(span.kind == 3)
        #expect(span.startTimeUnixNano == 1_000_000_000)
        #expect(span.endTimeUnixNano == 2_500_000_000)
    }

    @Test("unknown groups (wire type 3), nested too, are skipped as Python's protobuf skips them")
    func unknownGroups() throws {
        // Found by the differential test: Baton refused them ("unsupported wire type 3").
        var before = ProtobufWriter()
        before.bytesField(2, [1, 2, 3, 4, 5, 6, 7, 8])
        // Field 100 as a group holding a varint, a string and a nested group 7.
        let group: [UInt8] = [0xA3, 0x06, 0x08, 0x05, 0x12, 0x01, 0x78, 0x3B, 0x10, 0x01, 0x3C, 0xA4, 0x06]
        var after = ProtobufWriter()
        after.stringField(5, "after the group")
        var w = ProtobufWriter()
        w.messageField(1) { rs in rs.messageField(2) { ss in ss.bytesField(2, before.bytes + group + after.bytes) } }
        let decoded = try OTLPTraceRequest(protobuf: w.bytes + group)
        let only = try #require(decoded.resourceSpans.first?.spans.first)
        #expect(only.spanID == "0102030405060708")
        #expect(only.name == "after the group")
        // Refused, as Python refuses them: a group with no end tag, one closed by another field's
        // end tag, a stray end tag, and groups nested past the depth limit.
        for corrupt: [UInt8] in [
            [0xA3, 0x06, 0x08, 0x05], [0xA3, 0x06, 0xAC, 0x06], [0xA4, 0x06],
            Array([[UInt8]](repeating: [0xA3, 0x06], count: 40).joined())
                + Array([[UInt8]](repeating: [0xA4, 0x06], count: 40).joined()),
        ] {
            #expect(throws: OTLPDecodingError.self) { try OTLPTraceRequest(protobuf: corrupt) }
        }
    }

    @Test("an AnyValue with no value set, and a KeyValue without a value, are empty, not the empty string")
    func emptyValues() throws {
        // Found by the differential test: Baton read both as "".
        var w = ProtobufWriter()
        w.messageField(1) { rs in
            rs.messageField(1) { res in
                res.messageField(1) { $0.stringField(1, "no value") }
                res.messageField(1) { kv in
                    kv.stringField(1, "unset")
                    kv.messageField(2) { _ in }
                }
                res.messageField(1) { kv in
                    kv.stringField(1, "blank")
                    kv.messageField(2) { $0.stringField(1, "") }
                }
            }
        }
        let attributes = try #require(OTLPTraceRequest(protobuf: w.bytes).resourceSpans.first?.resourceAttributes)
        #expect(attributes == ["no value": .empty, "unset": .empty, "blank": .string("")])
        #expect(attributes["unset"]?.text == nil)
        #expect(attributes["blank"]?.text == "")
    }

    @Test("a value sent in pieces is merged as protobuf merges a message field met twice")
    func valuesInPieces() throws {
        // Found by the differential test: Baton kept only the last piece of a value.
        func attribute(_ key: String, _ pieces: [(inout ProtobufWriter) -> Void]) -> (inout ProtobufWriter) -> Void {
            { kv in
                kv.stringField(1, key)
                for piece in pieces { kv.messageField(2, piece) }
            }
        }
        let a: (inout ProtobufWriter) -> Void = { v in
            v.messageField(6) { list in list.messageField(1, attribute("a", [{ $0.varintField(3, 1) }])) }
        }
        let b: (inout ProtobufWriter) -> Void = { v in
            v.messageField(6) { list in list.messageField(1, attribute("b", [{ $0.stringField(1, "x") }])) }
        }
        var w = ProtobufWriter()
        w.messageField(1) { rs in
            rs.messageField(1) { res in
                res.messageField(1, attribute("kvlist", [a, b]))
                res.messageField(
                    1, attribute("then unknown", [{ $0.stringField(1, "x") }, { $0.varintField(100, 1) }]))
                res.messageField(1, attribute("then scalar", [a, { $0.varintField(3, 3) }]))
                res.messageField(1) { kv in
                    kv.stringField(1, "array")
                    kv.messageField(2) { v in
                        v.messageField(5) { list in list.messageField(1) { $0.varintField(3, 1) } }
                        v.messageField(5) { list in list.messageField(1) { $0.varintField(2, 1) } }
                    }
                }
            }
            rs.messageField(1) { res in
                res.messageField(1, attribute("second resource piece", [{ $0.varintField(2, 0) }]))
            }
        }
        // What opentelemetry-proto's Python classes decode from the same bytes.
        let attributes = try #require(OTLPTraceRequest(protobuf: w.bytes).resourceSpans.first?.resourceAttributes)
        #expect(
            attributes == [
                "kvlist": .keyValueList(["a": .int(1), "b": .string("x")]), "then unknown": .string("x"),
                "then scalar": .int(3), "array": .array([.int(1), .bool(true)]), "second resource piece": .bool(false),
            ])
    }

    @Test("an empty body is an empty request")
    func empty() throws {
        #expect(try OTLPTraceRequest(protobuf: []).spanCount == 0)
    }

    @Test("every truncation of a valid body is refused or decodes without crashing; garbage is refused")
    func corrupted() throws {
        let bytes = Self.sample.protobuf
        var refused = 0
        for length in 0..<bytes.count {
            if (try? OTLPTraceRequest(protobuf: Array(bytes[..<length]))) == nil { refused += 1 }
        }
        #expect(refused > bytes.count / 2)
        #expect(throws: OTLPDecodingError.self) { try OTLPTraceRequest(protobuf: Array("not protobuf at all".utf8)) }
        #expect(throws: OTLPDecodingError.self) { try OTLPTraceRequest(protobuf: [0x0A, 0xFF, 0xFF, 0xFF, 0x0F, 1]) }
        #expect(throws: OTLPDecodingError.self) { try OTLPTraceRequest(protobuf: [0x0B]) }  // a group with no end
        #expect(throws: OTLPDecodingError.self) { try OTLPTraceRequest(protobuf: [0x08, 0x01]) }  // field 1 as varint
        let overlong = [UInt8](repeating: 0xFF, count: 11)
        #expect(throws: OTLPDecodingError.self) { try OTLPTraceRequest(protobuf: [0x08] + overlong) }
    }

    @Test("absurd nesting is refused instead of exhausting the stack")
    func nesting() throws {
        var value: [UInt8] = [0x0A, 0x00]  // AnyValue { string_value: "" }
        for _ in 0..<64 {  // AnyValue { array_value: ArrayValue { values: value } }
            var list = ProtobufWriter()
            list.bytesField(1, value)
            var any = ProtobufWriter()
            any.bytesField(5, list.bytes)
            value = any.bytes
        }
        var w = ProtobufWriter()
        w.messageField(1) { rs in
            rs.messageField(2) { ss in
                ss.messageField(2) { s in
                    s.messageField(9) { kv in
                        kv.stringField(1, "deep")
                        kv.bytesField(2, value)
                    }
                }
            }
        }
        #expect(throws: OTLPDecodingError.self) { try OTLPTraceRequest(protobuf: w.bytes) }
    }

    @Test("the partial-success response and the error status encode as the specification numbers them")
    func responses() {
        #expect(OTLPExportResponse().protobuf.isEmpty)
        // partial_success (1) { rejected_spans (1): 2, error_message (2): "x" }
        #expect(
            OTLPExportResponse(rejectedSpans: 2, errorMessage: "x").protobuf == [
                0x0A, 0x05, 0x08, 0x02, 0x12, 0x01, 0x78,
            ])
        #expect(String(decoding: OTLPExportResponse().json, as: UTF8.self) == "{}")
        #expect(
            String(decoding: OTLPExportResponse(rejectedSpans: 2, errorMessage: "x").json, as: UTF8.self)
                == #"{"partialSuccess":{"errorMessage":"x","rejectedSpans":"2"}}"#)
        // google.rpc.Status { code (1): 14, message (2): "m" }
        #expect(OTLPStatus(code: 14, message: "m").protobuf == [0x08, 0x0E, 0x12, 0x01, 0x6D])
        #expect(OTLPStatus.code(forHTTPStatus: 503) == 14)
    }
}
