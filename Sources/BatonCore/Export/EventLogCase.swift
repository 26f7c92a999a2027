/// One workflow with its tasks, as event-log exports stream them: a trace in XES, a workflow
/// object and its events in OCEL, rows of the flat CSV. Tasks are in (start, end, id) order.
/// The opening is the reported one (`nil` when only tasks have arrived).
public struct EventLogCase: Sendable, Hashable {
    /// A task's start or complete, the two lifecycle transitions exports use.
    public struct Event: Sendable, Hashable {
        public var task: TaskRecord
        public var isStart: Bool
        public var time: Timestamp
        public var transition: String { isStart ? "start" : "complete" }
    }

    public var workflowID: String
    public var openedAt: Timestamp?
    public var closedAt: Timestamp?
    public var severity: Severity?
    public var category: String?
    public var tasks: [TaskRecord]

    public init(
        workflowID: String, openedAt: Timestamp?, closedAt: Timestamp?, severity: Severity?, category: String?,
        tasks: [TaskRecord]
    ) {
        self.workflowID = workflowID
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.severity = severity
        self.category = category
        self.tasks = tasks
    }

    /// Start and complete events in time order. At the same instant, completions come before
    /// starts (one task hands over as the next begins), except that a zero-length task starts
    /// before it completes; remaining ties keep task order.
    public var events: [Event] {
        var events: [(Event, Int, Int)] = []
        for (index, task) in tasks.enumerated() {
            events.append((Event(task: task, isStart: true, time: task.startedAt), 1, index))
            if let end = task.endedAt {
                events.append((Event(task: task, isStart: false, time: end), end == task.startedAt ? 2 : 0, index))
            }
        }
        events.sort { a, b in
            if a.0.time != b.0.time { return a.0.time < b.0.time }
            if a.1 != b.1 { return a.1 < b.1 }
            return a.2 < b.2
        }
        return events.map(\.0)
    }
}
