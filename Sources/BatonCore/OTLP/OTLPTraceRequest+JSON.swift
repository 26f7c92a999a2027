import Foundation

/// Decoding `ExportTraceServiceRequest` from OTLP JSON: lowerCamelCase names (snake_case also
/// accepted, as protobuf JSON parsers do), trace and span ids in hex (not base64, unlike the
/// generic protobuf JSON mapping), 64-bit integers as strings or numbers, enums as integers,
/// unknown fields ignored.
extension OTLPTraceRequest {
    public init(json data: Data) throws(OTLPDecodingError) {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
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
}
