/// Decoding `ExportTraceServiceRequest` from the protobuf wire format, field numbers as in
/// opentelemetry-proto (`collector/trace/v1`, `trace/v1`, `common/v1`, `resource/v1`).
/// Fields Baton does not read (events, status, scopes, schema URLs) are skipped, like unknown
/// fields of any wire type (groups too). A `KeyValue` without a value, or an `AnyValue` with none
/// of its fields set, is ``OTLPAttributeValue/empty``. A singular message field met twice is
/// merged, as protobuf requires: a resource's attributes and an attribute's list are continued.
extension OTLPTraceRequest {
    public init(protobuf bytes: [UInt8]) throws(OTLPDecodingError) {
        var reader = try ProtobufReader(bytes[...])
        var resourceSpans: [OTLPResourceSpans] = []
        while let (number, wireType) = try reader.nextField() {
            if number == 1 {
                try ProtobufReader.expect(wireType, 2, field: "resource_spans")
                var inner = try reader.message()
                resourceSpans.append(try Self.resourceSpans(&inner))
            } else {
                try reader.skip(wireType: wireType)
            }
        }
        self.init(resourceSpans: resourceSpans)
    }

    private static func resourceSpans(_ reader: inout ProtobufReader) throws(OTLPDecodingError) -> OTLPResourceSpans {
        var result = OTLPResourceSpans()
        while let (number, wireType) = try reader.nextField() {
            switch number {
            case 1:  // resource
                try ProtobufReader.expect(wireType, 2, field: "resource")
                var resource = try reader.message()
                while let (field, type) = try resource.nextField() {
                    if field == 1 {
                        try ProtobufReader.expect(type, 2, field: "resource.attributes")
                        var kv = try resource.message()
                        let (key, value) = try keyValue(&kv)
                        result.resourceAttributes[key] = value
                    } else {
                        try resource.skip(wireType: type)
                    }
                }
            case 2:  // scope_spans
                try ProtobufReader.expect(wireType, 2, field: "scope_spans")
                var scope = try reader.message()
                while let (field, type) = try scope.nextField() {
                    if field == 2 {
                        try ProtobufReader.expect(type, 2, field: "spans")
                        var span = try scope.message()
                        result.spans.append(try Self.span(&span))
                    } else {
                        try scope.skip(wireType: type)
                    }
                }
            default:
                try reader.skip(wireType: wireType)
            }
        }
        return result
    }

    private static func span(_ reader: inout ProtobufReader) throws(OTLPDecodingError) -> OTLPSpan {
        var span = OTLPSpan()
        while let (number, wireType) = try reader.nextField() {
            switch number {
            case 1:
                try ProtobufReader.expect(wireType, 2, field: "trace_id")
                span.traceID = OTLPHex.encode(try reader.lengthDelimited())
            case 2:
                try ProtobufReader.expect(wireType, 2, field: "span_id")
                span.spanID = OTLPHex.encode(try reader.lengthDelimited())
            case 4:
                try ProtobufReader.expect(wireType, 2, field: "parent_span_id")
                span.parentSpanID = OTLPHex.encode(try reader.lengthDelimited())
            case 5:
                try ProtobufReader.expect(wireType, 2, field: "name")
                span.name = try reader.string()
            case 6:
                try ProtobufReader.expect(wireType, 0, field: "kind")
                span.kind = Int(truncatingIfNeeded: try reader.varint())
            case 7:
                try ProtobufReader.expect(wireType, 1, field: "start_time_unix_nano")
                span.startTimeUnixNano = try reader.fixed64()
            case 8:
                try ProtobufReader.expect(wireType, 1, field: "end_time_unix_nano")
                span.endTimeUnixNano = try reader.fixed64()
            case 9:
                try ProtobufReader.expect(wireType, 2, field: "attributes")
                var kv = try reader.message()
                let (key, value) = try keyValue(&kv)
                span.attributes[key] = value
            case 13:
                try ProtobufReader.expect(wireType, 2, field: "links")
                var link = try reader.message()
                span.links.append(try Self.link(&link))
            case 16:
                try ProtobufReader.expect(wireType, 5, field: "flags")
                span.flags = try reader.fixed32()
            default:
                try reader.skip(wireType: wireType)
            }
        }
        return span
    }

    private static func link(_ reader: inout ProtobufReader) throws(OTLPDecodingError) -> OTLPLink {
        var link = OTLPLink(traceID: "", spanID: "")
        while let (number, wireType) = try reader.nextField() {
            switch number {
            case 1:
                try ProtobufReader.expect(wireType, 2, field: "link.trace_id")
                link.traceID = OTLPHex.encode(try reader.lengthDelimited())
            case 2:
                try ProtobufReader.expect(wireType, 2, field: "link.span_id")
                link.spanID = OTLPHex.encode(try reader.lengthDelimited())
            default:
                try reader.skip(wireType: wireType)
            }
        }
        return link
    }

    private static func keyValue(_ reader: inout ProtobufReader) throws(OTLPDecodingError) -> (
        String, OTLPAttributeValue
    ) {
        var key = ""
        var value = OTLPAttributeValue.empty
        while let (number, wireType) = try reader.nextField() {
            switch number {
            case 1:
                try ProtobufReader.expect(wireType, 2, field: "key")
                key = try reader.string()
            case 2:
                try ProtobufReader.expect(wireType, 2, field: "value")
                var inner = try reader.message()
                value = try anyValue(&inner, merging: value)
            default:
                try reader.skip(wireType: wireType)
            }
        }
        return (key, value)
    }

    /// An `AnyValue`, merged into `existing` as protobuf merges a message field that occurs again
    /// (a writer may send one value in pieces): a later scalar replaces it, a list of the same
    /// kind continues it.
    private static func anyValue(
        _ reader: inout ProtobufReader, merging existing: OTLPAttributeValue = .empty
    ) throws(OTLPDecodingError) -> OTLPAttributeValue {
        var value = existing
        while let (number, wireType) = try reader.nextField() {
            switch number {
            case 1:
                try ProtobufReader.expect(wireType, 2, field: "string_value")
                value = .string(try reader.string())
            case 2:
                try ProtobufReader.expect(wireType, 0, field: "bool_value")
                value = .bool(try reader.varint() != 0)
            case 3:
                try ProtobufReader.expect(wireType, 0, field: "int_value")
                value = .int(Int64(bitPattern: try reader.varint()))
            case 4:
                try ProtobufReader.expect(wireType, 1, field: "double_value")
                value = .double(Double(bitPattern: try reader.fixed64()))
            case 5, 6:
                try ProtobufReader.expect(wireType, 2, field: number == 5 ? "array_value" : "kvlist_value")
                var list = try reader.message()
                var items: [OTLPAttributeValue] = []
                var pairs: [String: OTLPAttributeValue] = [:]
                if number == 5, case .array(let earlier) = value { items = earlier }
                if number == 6, case .keyValueList(let earlier) = value { pairs = earlier }
                while let (field, type) = try list.nextField() {
                    guard field == 1 else {
                        try list.skip(wireType: type)
                        continue
                    }
                    try ProtobufReader.expect(type, 2, field: "values")
                    var item = try list.message()
                    if number == 5 {
                        items.append(try anyValue(&item))
                    } else {
                        let (key, inner) = try keyValue(&item)
                        pairs[key] = inner
                    }
                }
                value = number == 5 ? .array(items) : .keyValueList(pairs)
            case 7:
                try ProtobufReader.expect(wireType, 2, field: "bytes_value")
                value = .bytes(Array(try reader.lengthDelimited()))
            default:
                try reader.skip(wireType: wireType)
            }
        }
        return value
    }
}
