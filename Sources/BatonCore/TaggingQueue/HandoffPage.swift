/// One page of the tagging queue and the cursor of the next one (`nil` on the last page).
public struct HandoffPage: Sendable, Hashable {
    public var handoffs: [QueuedHandoff]
    public var nextCursor: HandoffCursor?

    public init(handoffs: [QueuedHandoff], nextCursor: HandoffCursor?) {
        self.handoffs = handoffs
        self.nextCursor = nextCursor
    }
}
