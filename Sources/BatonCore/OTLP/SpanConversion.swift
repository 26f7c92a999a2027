/// What became of an OTLP request's spans: validated task records, spans folded into the agent
/// run that contains them, and rejected spans with an English reason each.
public struct SpanConversion: Sendable, Hashable {
    public var records: [Record] = []
    /// Child spans (tool and model calls) inside an agent run: not tasks, not rejected.
    public var folded: Int = 0
    /// One message per unusable span, naming the span and the reason.
    public var rejections: [String] = []

    public init() {}

    /// OTLP's `partial_success.error_message`: the count and the first few reasons.
    public var errorMessage: String {
        guard !rejections.isEmpty else { return "" }
        let shown = rejections.prefix(5).joined(separator: "; ")
        let more = rejections.count > 5 ? "; and \(rejections.count - 5) more" : ""
        return "\(rejections.count) span(s) rejected: \(shown)\(more)"
    }
}
