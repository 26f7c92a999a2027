/// Value-model §8 on one workflow: sides, lineage and duplicated work of each handoff row.
extension HandoffDerivation {
    /// The task type that marks a re-gather of context (the taxonomy's `context-regathering`).
    public static let regatheringTaskType = HandoffReason.contextRegathering.rawValue

    /// Adds lineage, re-gathering and duplicated work to ``Handoff/coordination`` of
    /// `handoffs` (whose sides the derivation has set), which are in the order of `clipped` (one
    /// per clipped task). `tasks` are all of the workflow's tasks, those outside the window
    /// included (a producer may lie outside it); `clamp` clips a time to the window. Ingest runs
    /// this for every changed workflow, so the lookups are built only when a task names a
    /// producer or re-gathers.
    static func coordinate(
        _ handoffs: inout [Handoff], clipped: [Clipped], tasks: [DerivationTask], clamp: (Int64) -> Int64
    ) {
        let regathers = tasks.filter { $0.taskType == regatheringTaskType }.map { ($0.id, $0.startedAt.microseconds) }
        let linking = tasks.contains { $0.contextFrom != nil }
        var byID: [String: DerivationTask] = [:]
        if linking || !regathers.isEmpty {
            for task in tasks where byID[task.id] == nil { byID[task.id] = task }
        }
        let cyclic = linking ? cyclicTasks(byID) : []
        func regathered(after source: DerivationTask, upTo consumer: DerivationTask) -> Bool {
            let (low, high) = (source.startedAt.microseconds, consumer.startedAt.microseconds)
            return regathers.contains { $0.0 != source.id && $0.1 >= low && $0.1 <= high }
        }
        let staged = clipped.contains { $0.task.stage != nil }

        for (i, item) in clipped.enumerated() {
            let task = item.task
            if !regathers.isEmpty, let fromID = handoffs[i].fromTaskID, let from = byID[fromID] {
                handoffs[i].coordination.regathered = regathered(after: from, upTo: task)
            }
            if let named = task.contextFrom {
                var c = handoffs[i].coordination
                if named == task.id || cyclic.contains(task.id) {
                    c.lineage = .cycle
                } else if let producer = byID[named] {
                    c.lineage = .linked
                    c.producerTaskID = producer.id
                    c.producerAssistant = producer.assistant
                    c.producerAIMode = producer.aiMode
                    c.lineageWaitMicroseconds = producer.endedAt.map { max(0, item.start - clamp($0.microseconds)) }
                    c.linkRegathered = !regathers.isEmpty && regathered(after: producer, upTo: task)
                } else {
                    c.lineage = .otherCase
                }
                handoffs[i].coordination = c
            }
            if staged, i > 0 {
                let (total, bySide) = duplicated(by: i, in: clipped)
                if total > 0 {
                    handoffs[i].coordination.duplicateMicroseconds = total
                    handoffs[i].coordination.duplicates = bySide
                }
            }
        }
    }

    /// The time clipped task `i` worked while an earlier task (in derivation order) of another
    /// worker in the same stage was working: in all, and per side of those earlier tasks. Two
    /// tasks have different workers when their sides differ, or both name an actor and the
    /// actors differ. Tasks without a stage, and running tasks, duplicate nothing.
    static func duplicated(by i: Int, in clipped: [Clipped]) -> (Int64, [CoordinationSide: Int64]) {
        let item = clipped[i]
        guard let stage = item.task.stage, let end = item.end, end > item.start else { return (0, [:]) }
        let side = CoordinationSide(aiMode: item.task.aiMode, assistant: item.task.assistant)
        var all: [(Int64, Int64)] = []
        var bySide: [CoordinationSide: [(Int64, Int64)]] = [:]
        for other in clipped[..<i] where other.task.stage == stage {
            let otherSide = CoordinationSide(aiMode: other.task.aiMode, assistant: other.task.assistant)
            let sameActor = other.task.actor == nil || item.task.actor == nil || other.task.actor == item.task.actor
            if otherSide == side && sameActor { continue }
            let low = max(other.start, item.start)
            let high = min(other.end ?? end, end)
            guard high > low else { continue }
            all.append((low, high))
            bySide[otherSide, default: []].append((low, high))
        }
        return (unionLength(all), bySide.mapValues(unionLength))
    }

    /// The total length of a set of intervals, overlaps counted once.
    static func unionLength(_ intervals: [(Int64, Int64)]) -> Int64 {
        var total: Int64 = 0
        var reach = Int64.min
        for (low, high) in intervals.sorted(by: { $0.0 < $1.0 }) {
            let start = max(low, reach)
            if high > start { total += high - start }
            reach = max(reach, high)
        }
        return total
    }

    /// Tasks on a cycle of `context_from` links within the workflow (each task names at most one
    /// other, so every cycle is found by walking forward from each task once).
    static func cyclicTasks(_ byID: [String: DerivationTask]) -> Set<String> {
        var state: [String: Int] = [:]  // 1: on the current walk, 2: done
        var cyclic: Set<String> = []
        for start in byID.keys where state[start] == nil {
            var path: [String] = []
            var current: String? = start
            while let id = current, state[id] == nil {
                state[id] = 1
                path.append(id)
                current = byID[id]?.contextFrom.flatMap { byID[$0] == nil ? nil : $0 }
            }
            if let id = current, state[id] == 1, let at = path.firstIndex(of: id) {
                cyclic.formUnion(path[at...])
            }
            for id in path { state[id] = 2 }
        }
        return cyclic
    }
}
