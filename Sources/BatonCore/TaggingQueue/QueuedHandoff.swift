/// One row of the tagging queue: a handoff with its workflow, the two sides, its wait and its
/// current tag. `id` is the task the case was handed to (task ids are unique within a tenant).
public struct QueuedHandoff: Sendable, Hashable {
    public var id: String
    public var workflowID: String
    public var fromTaskID: String?
    public var fromTool: String?
    public var toTool: String
    public var fromStage: String?
    public var toStage: String?
    public var fromActor: String?
    public var toActor: String?
    /// Assistants whose AI worked on either side of the handoff.
    public var assistants: [String]
    /// Who worked on each side (value-model §8): the assistant when its AI worked on the task.
    public var fromSide: CoordinationSide?
    public var toSide: CoordinationSide
    public var waitMicroseconds: Int64
    public var handedAt: Timestamp
    public var contextCarried: Bool
    /// The latest tag (retagging keeps the older ones as history), and how many tags it has had.
    public var tag: CurrentTag?
    public var tagCount: Int

    public struct CurrentTag: Sendable, Hashable {
        public var reason: HandoffReason
        public var note: String?
        public var taggedBy: String?
        public var taggedAt: Timestamp

        public init(reason: HandoffReason, note: String?, taggedBy: String?, taggedAt: Timestamp) {
            self.reason = reason
            self.note = note
            self.taggedBy = taggedBy
            self.taggedAt = taggedAt
        }
    }

    public init(
        id: String, workflowID: String, fromTaskID: String?, fromTool: String?, toTool: String, fromStage: String?,
        toStage: String?, fromActor: String?, toActor: String?, assistants: [String], waitMicroseconds: Int64,
        handedAt: Timestamp, contextCarried: Bool, tag: CurrentTag?, tagCount: Int,
        fromSide: CoordinationSide? = nil, toSide: CoordinationSide = .human
    ) {
        self.id = id
        self.workflowID = workflowID
        self.fromTaskID = fromTaskID
        self.fromTool = fromTool
        self.toTool = toTool
        self.fromStage = fromStage
        self.toStage = toStage
        self.fromActor = fromActor
        self.toActor = toActor
        self.assistants = assistants
        self.waitMicroseconds = waitMicroseconds
        self.handedAt = handedAt
        self.contextCarried = contextCarried
        self.tag = tag
        self.tagCount = tagCount
        self.fromSide = fromSide
        self.toSide = toSide
    }

    /// `from→to` by who worked on each side, such as `siem-triage-assistant→human`.
    public var assistantPair: String { "\(fromSide?.description ?? "")→\(toSide)" }

    /// The row's class as `classing` names it.
    public func handoffClass(_ classing: HandoffClassing) -> String {
        classing == .tool ? toolPair : assistantPair
    }

    /// `from→to`, the handoff class the report groups by.
    public var toolPair: String { "\(fromTool ?? "")→\(toTool)" }

    /// Where the next page starts if this row ends the current one.
    public var cursor: HandoffCursor {
        HandoffCursor(waitMicroseconds: waitMicroseconds, workflowID: workflowID, toTaskID: id)
    }
}
