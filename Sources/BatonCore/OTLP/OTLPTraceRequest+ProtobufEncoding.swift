/// Encoding the decoded subset back to protobuf: round-trip tests, and generated batches for
/// measuring `/v1/traces` without an exporter.
extension OTLPTraceRequest {
    public var protobuf: [UInt8] {
        var writer = ProtobufWriter()
        for resource in resourceSpans {
            writer.messageField(1) { r in
                r.messageField(1) { res in Self.write(resource.resourceAttributes, field: 1, to: &res) }
                r.messageField(2) { scope in
                    for span in resource.spans {
                        scope.messageField(2) { s in Self.write(span, to: &s) }
                    }
                }
            }
        }
        return writer.bytes
    }

    private static func write(_ span: OTLPSpan, to s: inout ProtobufWriter) {
        s.bytesField(1, hexBytes(span.traceID))
        s.bytesField(2, hexBytes(span.spanID))
        if !span.parentSpanID.isEmpty { s.bytesField(4, hexBytes(span.parentSpanID)) }
        s.stringField(5, span.name)
        if span.kind != 0 { s.varintField(6, UInt64(span.kind)) }
        s.fixed64Field(7, span.startTimeUnixNano)
        s.fixed64Field(8, span.endTimeUnixNano)
        write(span.attributes, field: 9, to: &s)
        for link in span.links {
            s.messageField(13) { l in
                l.bytesField(1, hexBytes(link.traceID))
                l.bytesField(2, hexBytes(link.spanID))
            }
        }
        if span.flags != 0 { s.fixed32Field(16, span.flags) }
    }

    private static func write(
        _ attributes: [String: OTLPAttributeValue], field: Int, to writer: inout ProtobufWriter
    ) {
        for key in attributes.keys.sorted() {
            writer.messageField(field) { kv in
                kv.stringField(1, key)
                kv.messageField(2) { v in write(attributes[key]!, to: &v) }
            }
        }
    }

    private static func write(_ value: OTLPAttributeValue, to v: inout ProtobufWriter) {
        switch value {
        case .string(let s): v.stringField(1, s)
        case .bool(let b): v.varintField(2, b ? 1 : 0)
        case .int(let i): v.varintField(3, UInt64(bitPattern: i))
        case .double(let d): v.fixed64Field(4, d.bitPattern)
        case .array(let items):
            v.messageField(5) { list in
                for item in items { list.messageField(1) { inner in write(item, to: &inner) } }
            }
        case .keyValueList(let pairs): v.messageField(6) { list in write(pairs, field: 1, to: &list) }
        case .bytes(let b): v.bytesField(7, b)
        case .empty: break
        }
    }

    private static func hexBytes(_ hex: String) -> [UInt8] {
        let utf8 = Array(hex.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var i = 0
        while i + 1 < utf8.count {
            bytes.append(UInt8(nibble(utf8[i]) << 4 | nibble(utf8[i + 1])))
            i += 2
        }
        return bytes
    }

    private static func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return 0
        }
    }
}
