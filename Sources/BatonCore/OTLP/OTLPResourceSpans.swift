/// The spans of one resource (one instrumented process), with the resource's attributes.
/// Instrumentation scopes are flattened away: Baton does not use them.
public struct OTLPResourceSpans: Sendable, Hashable {
    public var resourceAttributes: [String: OTLPAttributeValue]
    public var spans: [OTLPSpan]

    public init(resourceAttributes: [String: OTLPAttributeValue] = [:], spans: [OTLPSpan] = []) {
        self.resourceAttributes = resourceAttributes
        self.spans = spans
    }
}
