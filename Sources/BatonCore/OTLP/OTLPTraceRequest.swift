/// An OTLP `ExportTraceServiceRequest`, decoded from protobuf
/// (``init(protobuf:)``) or OTLP JSON (``init(json:)``).
public struct OTLPTraceRequest: Sendable, Hashable {
    public var resourceSpans: [OTLPResourceSpans]

    public init(resourceSpans: [OTLPResourceSpans] = []) {
        self.resourceSpans = resourceSpans
    }

    public var spanCount: Int { resourceSpans.reduce(0) { $0 + $1.spans.count } }
}
