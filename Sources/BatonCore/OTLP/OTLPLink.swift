/// A span link: another span this one follows from (Baton reads it as the task's `context_from`).
public struct OTLPLink: Sendable, Hashable {
    public var traceID: String
    public var spanID: String

    public init(traceID: String, spanID: String) {
        self.traceID = traceID
        self.spanID = spanID
    }
}
