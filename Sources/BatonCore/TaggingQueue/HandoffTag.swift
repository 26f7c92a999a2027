/// An analyst's reason for a slow handoff.
public struct HandoffTag: Sendable, Hashable {
    public var reason: HandoffReason
    public var note: String?
    public var taggedAt: Timestamp

    public init(reason: HandoffReason, note: String?, taggedAt: Timestamp) {
        self.reason = reason
        self.note = note
        self.taggedAt = taggedAt
    }
}
