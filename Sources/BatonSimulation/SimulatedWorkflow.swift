public import BatonCore

/// One generated workflow: its records, and what the generator knows about it that the records
/// do not say (which waits it inserted, for the ground truth).
public struct SimulatedWorkflow: Sendable {
    public var tenant: String
    public var workflow: WorkflowRecord
    public var tasks: [TaskRecord]
    /// Inserted waits by handoff class `from-tool->to-tool` (the first is `intake`, the last `closure`).
    public var waits: [(handoffClass: String, microseconds: Int64)]
    /// Assistants that took part.
    public var assistants: Set<String>
    /// Tags analysts put on some of its long handoff waits.
    public var tags: [HandoffTagRecord] = []
    /// What the generator did between workers (value-model §8), kept as it happened rather than
    /// derived from the records: each handoff it made, and each stretch of duplicated work.
    public var coordination = SimulatedCoordination()
    /// The case's arm in each experiment whose tool asked for it (value-model §7), by experiment name.
    public var arms: [String: ExperimentArm] = [:]
    /// The case's hidden ease (``Scenario/HiddenEase``): its durations' and waits' factor; 1 without.
    public var ease: Double = 1

    public var records: [Record] { [.workflow(workflow)] + tasks.map(Record.task) }

    /// Lead, touch and wait time in microseconds. Step tasks never overlap; a parallel task
    /// (``Scenario/Parallel``) lies inside its step's task and adds no touch time.
    public var lead: Int64 { (workflow.closedAt ?? workflow.openedAt).microseconds(since: workflow.openedAt) }
    public var touch: Int64 {
        tasks.filter { !coordination.parallelTaskIDs.contains($0.id) }
            .reduce(0) { $0 + ($1.endedAt ?? $1.startedAt).microseconds(since: $1.startedAt) }
    }

    /// The inserted waits summed by handoff class, in microseconds. A class can occur more than once
    /// in a workflow (`siem->siem`, or a re-gathering's zero wait), and a counterfactual replay can
    /// have classes the actual workflow lacks; summing per class keeps `Σ classes = lead − touch`.
    public var waitsByClass: [String: Int64] {
        waits.reduce(into: [:]) { $0[$1.handoffClass, default: 0] += $1.microseconds }
    }

    /// The durations of `assistant`'s own ended tasks in this case, and of the same tasks in
    /// `replay` (the case replayed with the assistant off: a task keeps its id there,
    /// "<workflow>-<step>"), microseconds: the analyst time the report's effort saved estimates.
    public func effort(of assistant: String, replay: SimulatedWorkflow) -> (actual: Int64, replay: Int64) {
        let replayed = Dictionary(uniqueKeysWithValues: replay.tasks.map { ($0.id, $0) })
        var (actual, inReplay) = (Int64(0), Int64(0))
        for task in tasks where task.assistant == assistant {
            guard let twin = replayed[task.id], let end = task.endedAt, let twinEnd = twin.endedAt else { continue }
            actual += end.microseconds(since: task.startedAt)
            inReplay += twinEnd.microseconds(since: twin.startedAt)
        }
        return (actual, inReplay)
    }
}
