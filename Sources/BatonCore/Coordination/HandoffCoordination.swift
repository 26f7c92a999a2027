/// What value-model §8 adds to one handoff row (the segment into one task): who is on each
/// side, which task's output the to-task consumed (its lineage), and the work it duplicated.
/// Derived with the handoffs, from the case's tasks alone, so it is kept up to date by the same
/// per-workflow recomputation and checked by `baton check`.
public struct HandoffCoordination: Sendable, Hashable {
    /// The from-task's assistant and mode (`nil` for an intake).
    public var fromAssistant: String?
    public var fromAIMode: AIMode?
    public var toAssistant: String?
    public var toAIMode: AIMode
    /// The task named by the to-task's `context_from`, when that makes a link (``LineageStatus/linked``).
    public var producerTaskID: String?
    /// `nil` when the to-task names no `context_from`.
    public var lineage: LineageStatus?
    public var producerAssistant: String?
    public var producerAIMode: AIMode?
    /// From the producer's end to the to-task's start, at least 0, on times clipped to the case
    /// window; `nil` without a link or while the producer runs.
    public var lineageWaitMicroseconds: Int64?
    /// A `context-regathering` task started between the from-task's start and the to-task's
    /// start (the to-task itself included): the next worker had to gather the context again.
    public var regathered: Bool
    /// The same, after the producer of the link.
    public var linkRegathered: Bool
    /// Time the to-task worked while another worker's earlier task of the same stage was still
    /// working on the case (the union over those tasks): effort beyond touch time.
    public var duplicateMicroseconds: Int64
    /// The same time per side of those earlier tasks (each side's own union, so with three
    /// workers at once the pairs add up to more than ``duplicateMicroseconds``), by side.
    public var duplicates: [CoordinationSide: Int64]

    public init(
        fromAssistant: String? = nil, fromAIMode: AIMode? = nil, toAssistant: String? = nil, toAIMode: AIMode = .none,
        producerTaskID: String? = nil, lineage: LineageStatus? = nil, producerAssistant: String? = nil,
        producerAIMode: AIMode? = nil, lineageWaitMicroseconds: Int64? = nil, regathered: Bool = false,
        linkRegathered: Bool = false, duplicateMicroseconds: Int64 = 0, duplicates: [CoordinationSide: Int64] = [:]
    ) {
        self.fromAssistant = fromAssistant
        self.fromAIMode = fromAIMode
        self.toAssistant = toAssistant
        self.toAIMode = toAIMode
        self.producerTaskID = producerTaskID
        self.lineage = lineage
        self.producerAssistant = producerAssistant
        self.producerAIMode = producerAIMode
        self.lineageWaitMicroseconds = lineageWaitMicroseconds
        self.regathered = regathered
        self.linkRegathered = linkRegathered
        self.duplicateMicroseconds = duplicateMicroseconds
        self.duplicates = duplicates
    }

    /// The side the case came from (`nil` for an intake).
    public var fromSide: CoordinationSide? {
        fromAIMode.map { CoordinationSide(aiMode: $0, assistant: fromAssistant) }
    }

    public var toSide: CoordinationSide { CoordinationSide(aiMode: toAIMode, assistant: toAssistant) }

    /// The producer's side, for a link.
    public var producerSide: CoordinationSide? {
        guard lineage == .linked, let producerAIMode else { return nil }
        return CoordinationSide(aiMode: producerAIMode, assistant: producerAssistant)
    }

    /// The sides of ``duplicates`` in order, with their times (the stored arrays).
    public var duplicateSides: [(side: CoordinationSide, microseconds: Int64)] {
        duplicates.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
