public import Foundation

/// Decoding `ExportTraceServiceRequest` from OTLP JSON: lowerCamelCase names (snake_case also
/// accepted, as protobuf JSON parsers do), trace and span ids in hex (not base64, unlike the
/// generic protobuf JSON mapping), 64-bit integers as strings or numbers, enums as integers,
/// unknown fields ignored.
extension OTLPTraceRequest {
    public init(json data: Data) throws(OTLPDecodingError) {
        // Foundation's parser drops a byte-order mark at the start of a string (as it does at the
        // start of the body), so a string that began with U+FEFF would reach the text check
        // without it: refuse it here, where it is still visible, raw or escaped.
        if let offset = Self.byteOrderMark(in: data) {
            throw OTLPDecodingError(
                "the body contains U+FEFF, a byte-order mark, inside the JSON (at byte \(offset)): refused in every text field"
            )
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            // Baton's own reader says where and why (such as a string that is not UTF-8).
            do throws(JSONReader.Failure) {
                _ = try JSONReader.value(of: data)
            } catch {
                throw OTLPDecodingError("the body is not JSON: \(error.description)")
            }
            throw OTLPDecodingError("the body is not JSON")
        }
        guard let object = root as? [String: Any] else {
            throw OTLPDecodingError("the body must be a JSON object (an ExportTraceServiceRequest)")
        }
        var resourceSpans: [OTLPResourceSpans] = []
        for item in try OTLPJSONReader.array(object, "resourceSpans", "resource_spans") {
            let entry = try OTLPJSONReader.object(item, "resourceSpans[]")
            var result = OTLPResourceSpans()
            if let resource = OTLPJSONReader.value(entry, "resource") {
                let resourceObject = try OTLPJSONReader.object(resource, "resource")
                result.resourceAttributes = try OTLPJSONReader.attributes(resourceObject)
            }
            for scope in try OTLPJSONReader.array(entry, "scopeSpans", "scope_spans") {
                let scopeObject = try OTLPJSONReader.object(scope, "scopeSpans[]")
                for span in try OTLPJSONReader.array(scopeObject, "spans") {
                    result.spans.append(try OTLPJSONReader.span(try OTLPJSONReader.object(span, "spans[]")))
                }
            }
            resourceSpans.append(result)
        }
        self.init(resourceSpans: resourceSpans)
    }

    /// The offset of a byte-order mark after the body's first byte, raw (`EF BB BF`) or escaped
    /// (`\uFEFF`, any case), or `nil`.
    static func byteOrderMark(in data: Data) -> Int? {
        let bytes = [UInt8](data)
        guard bytes.count > 3 else { return nil }
        let escape = Array("\\ufeff".utf8)
        for index in 1..<bytes.count {
            if bytes[index] == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
                return index
            }
            if bytes[index] == UInt8(ascii: "\\"), index + escape.count <= bytes.count,
                zip(bytes[index..<(index + escape.count)], escape).allSatisfy({ $0 | 0x20 == $1 | 0x20 })
            {
                return index
            }
        }
        return nil
    }
}
