/// One handoff: the wait before one task and the move to it from the frontier task (value-model
/// §2), with who was on each side, its lineage and the work it duplicated (§8).
///
/// Baton's one shape of a handoff: derivation computes it, a `handoffs` row stores it, and the
/// workflow timeline, the tagging queue, `baton check`, the API bodies and the pages read it.
/// Types that carry more than a handoff (``QueuedHandoff`` with its workflow and tag,
/// ``WorkflowTimeline/TaggedHandoff`` with its tags) contain one rather than copy its fields, so a
/// field added here reaches every reader at once.
///
/// Every task inside its workflow's window is the target of exactly one segment, so a handoff is
/// identified by its workflow and its to-task. The first task's segment, which has no from-task,
/// is the intake. Tasks entirely outside the window have no segment.
public struct Handoff: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Time to first touch: from the workflow's opening to its first task.
        case intake
        /// A move from the frontier task to the next task.
        case handoff
    }

    /// Position of the to-task in the workflow's task order (0-based).
    public var sequence: Int
    public var kind: Kind
    public var fromTaskID: String?
    public var toTaskID: String
    /// Waiting time in microseconds: `max(0, start(to) − frontier)`, on clipped intervals.
    public var waitMicroseconds: Int64
    /// When the to-task started (clipped to the workflow window): when the handoff completed.
    public var handedAt: Timestamp
    public var fromTool: String?
    public var toTool: String
    public var fromStage: Stage?
    public var toStage: Stage?
    public var fromActor: String?
    public var toActor: String?
    /// The two tasks ran in different tools.
    public var crossTool: Bool
    /// One side was AI-touched and the other not.
    public var aiBoundary: Bool
    /// The to-task's `context_from` names a task of the same workflow.
    public var contextCarried: Bool
    /// Sides, lineage and duplicated work (value-model §8).
    public var coordination: HandoffCoordination

    public init(
        sequence: Int, kind: Kind, fromTaskID: String?, toTaskID: String, waitMicroseconds: Int64,
        handedAt: Timestamp, fromTool: String?, toTool: String, fromStage: Stage?, toStage: Stage?,
        fromActor: String?, toActor: String?, crossTool: Bool, aiBoundary: Bool, contextCarried: Bool,
        coordination: HandoffCoordination = HandoffCoordination()
    ) {
        self.sequence = sequence
        self.kind = kind
        self.fromTaskID = fromTaskID
        self.toTaskID = toTaskID
        self.waitMicroseconds = waitMicroseconds
        self.handedAt = handedAt
        self.fromTool = fromTool
        self.toTool = toTool
        self.fromStage = fromStage
        self.toStage = toStage
        self.fromActor = fromActor
        self.toActor = toActor
        self.crossTool = crossTool
        self.aiBoundary = aiBoundary
        self.contextCarried = contextCarried
        self.coordination = coordination
    }

    /// Assistants whose AI worked on either side, the from side first, each named once.
    public var assistants: [String] {
        let c = coordination
        var names: [String] = []
        if let mode = c.fromAIMode, mode != AIMode.none, let assistant = c.fromAssistant {
            names.append(assistant)
        }
        if c.toAIMode != AIMode.none, c.fromAIMode == AIMode.none || c.toAssistant != c.fromAssistant,
            let assistant = c.toAssistant
        {
            names.append(assistant)
        }
        return names
    }

    /// `from→to`, the handoff class the report groups by.
    public var toolPair: String { "\(fromTool ?? "")→\(toTool)" }

    /// `from→to` by who worked on each side, such as `siem-triage-assistant→human`.
    public var assistantPair: String { "\(coordination.fromSide?.description ?? "")→\(coordination.toSide)" }

    /// The handoff's class as `classing` names it.
    public func handoffClass(_ classing: HandoffClassing) -> String {
        classing == .tool ? toolPair : assistantPair
    }
}
