/// Value-model §2: lead, touch and wait time, wait segments and handoffs of one workflow.
///
/// Pure and exact: all arithmetic is on whole microseconds, so the identity
/// `touch + intake + Σ handoff waits + closure = lead` holds with no rounding.
public enum HandoffDerivation {
    /// A task interval after clipping to the workflow window; `end == nil` means unbounded
    /// (a running task in an open workflow).
    struct Clipped {
        var task: DerivationTask
        var start: Int64
        var end: Int64?
    }

    public static func derive(window: WorkflowWindow, tasks: [DerivationTask]) -> WorkflowDerivation {
        let opened = window.openedAt ?? tasks.map(\.startedAt).min()
        guard let opened else {
            return WorkflowDerivation(
                effectiveOpenedAt: nil, openedAtInferred: false, handoffs: [], metrics: nil, aiTouched: false,
                pingPong: false, runningTasks: 0, tasksOutsideWindow: 0)
        }
        let open = opened.microseconds
        // A closed_at before the effective opening (possible only when opened_at was inferred)
        // would make a negative window; the window then collapses to a point.
        let close = window.closedAt.map { max($0.microseconds, open) }

        func clamp(_ value: Int64) -> Int64 {
            var v = max(value, open)
            if let close { v = min(v, close) }
            return v
        }
        // A task with duration none of which falls in the window (or an instant outside it) did no
        // work on this case: it gets no segment, no touch and no effort, and is only counted.
        var outside = 0
        let clipped: [Clipped] = tasks.compactMap { task in
            let start = clamp(task.startedAt.microseconds)
            let end: Int64? =
                if let ended = task.endedAt { max(clamp(ended.microseconds), start) } else { close }
            let rawStart = task.startedAt.microseconds
            let hadDuration = task.endedAt.map { $0.microseconds > rawStart } ?? true
            let outsideWindow =
                end == start && (hadDuration || rawStart < open || (close.map { rawStart > $0 } ?? false))
            if outsideWindow {
                outside += 1
                return nil
            }
            return Clipped(task: task, start: start, end: end)
        }
        .sorted { a, b in
            if a.start != b.start { return a.start < b.start }
            if a.end != b.end {
                guard let ae = a.end else { return false }
                guard let be = b.end else { return true }
                return ae < be
            }
            return a.task.id < b.task.id
        }

        let ids = Set(tasks.map(\.id))
        var frontier: Int64? = open  // nil: unbounded, someone is still working
        var frontierTask: DerivationTask?
        var touch: Int64 = 0
        var effort: Int64 = 0
        var handoffs: [Handoff] = []
        handoffs.reserveCapacity(clipped.count)

        for (sequence, item) in clipped.enumerated() {
            let task = item.task
            var wait: Int64 = 0
            if let f = frontier, item.start > f { wait = item.start - f }
            let from = frontierTask
            handoffs.append(
                Handoff(
                    sequence: sequence, kind: from == nil ? .intake : .handoff, fromTaskID: from?.id,
                    toTaskID: task.id, waitMicroseconds: wait, handedAt: Timestamp(microseconds: item.start),
                    fromTool: from?.tool, toTool: task.tool, fromStage: from?.stage, toStage: task.stage,
                    fromActor: from?.actor, toActor: task.actor,
                    crossTool: from.map { $0.tool != task.tool } ?? false,
                    aiBoundary: from.map { $0.aiMode.isAITouched != task.aiMode.isAITouched } ?? false,
                    contextCarried: task.contextFrom.map { $0 != task.id && ids.contains($0) } ?? false,
                    coordination: HandoffCoordination(
                        fromAssistant: from?.assistant, fromAIMode: from?.aiMode, toAssistant: task.assistant,
                        toAIMode: task.aiMode)))
            if let f = frontier {
                if let end = item.end {
                    touch += max(0, end - max(item.start, f))
                    if end >= f {
                        frontier = end
                        frontierTask = task
                    }
                } else {
                    frontier = nil
                    frontierTask = task
                }
            }
            if let end = item.end { effort += end - item.start }
        }

        coordinate(&handoffs, clipped: clipped, tasks: tasks, clamp: clamp)

        var metrics: WorkflowMetrics?
        if let close, let f = frontier {
            let intake = handoffs.first?.waitMicroseconds ?? 0
            let waits = handoffs.dropFirst().reduce(Int64(0)) { $0 + $1.waitMicroseconds }
            let lead = close - open
            metrics = WorkflowMetrics(
                lead: lead, touch: touch, wait: lead - touch, effort: effort,
                intake: handoffs.isEmpty ? 0 : intake, handoffWait: waits, closure: close - f)
        }

        return WorkflowDerivation(
            effectiveOpenedAt: opened, openedAtInferred: window.openedAt == nil, handoffs: handoffs,
            metrics: metrics, aiTouched: tasks.contains { $0.aiMode.isAITouched },
            pingPong: containsPingPong(clipped.map(\.task.tool)),
            runningTasks: clipped.filter { $0.task.endedAt == nil }.count, tasksOutsideWindow: outside)
    }

    /// Whether a sequence, with consecutive repeats collapsed, contains some X→Y→X.
    public static func containsPingPong(_ sequence: [String]) -> Bool {
        var collapsed: [String] = []
        for item in sequence where collapsed.last != item { collapsed.append(item) }
        guard collapsed.count >= 3 else { return false }
        for i in 2..<collapsed.count where collapsed[i] == collapsed[i - 2] { return true }
        return false
    }
}
