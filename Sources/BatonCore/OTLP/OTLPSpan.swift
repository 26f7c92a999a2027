/// The parts of an OTLP span that Baton maps to a task. Ids are lowercase hex, as in OTLP JSON.
public struct OTLPSpan: Sendable, Hashable {
    public var traceID: String = ""
    public var spanID: String = ""
    /// Empty for a root span.
    public var parentSpanID: String = ""
    /// OTLP `SpanFlags`: bit 8 says whether bit 9 (the parent is remote) is known.
    public var flags: UInt32 = 0
    public var name: String = ""
    public var kind: Int = 0
    public var startTimeUnixNano: UInt64 = 0
    /// Zero when the span has not ended.
    public var endTimeUnixNano: UInt64 = 0
    public var attributes: [String: OTLPAttributeValue] = [:]
    public var links: [OTLPLink] = []

    public init() {}

    public init(
        traceID: String, spanID: String, parentSpanID: String = "", name: String, startTimeUnixNano: UInt64,
        endTimeUnixNano: UInt64, attributes: [String: OTLPAttributeValue] = [:]
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.name = name
        self.startTimeUnixNano = startTimeUnixNano
        self.endTimeUnixNano = endTimeUnixNano
        self.attributes = attributes
    }

    /// Whether the exporter said the parent span lives in another process (`SPAN_FLAGS_CONTEXT_IS_REMOTE`).
    public var parentIsRemote: Bool { flags & 0x300 == 0x300 }
}
