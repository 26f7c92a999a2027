/// How the traces of an XES log become Baton's workflow and task records (`Docs/xes-import.md`).
///
/// Two shapes of log exist in practice:
/// - **lifecycle** logs, such as Baton's own export, pair a `start` and a `complete` event per
///   piece of work; a task is the time between them.
/// - **status** logs, such as the BPI Challenge 2013 incidents, record status changes: a case is
///   in a status from one event to the next. The mapping says which statuses are work (they
///   become tasks) and which close the case; the others are waiting.
public struct XESMapping: Codable, Sendable, Hashable {
    public enum Mode: String, Codable, Sendable {
        case lifecycle, status
    }

    /// Severity from an attribute, through a table of its values.
    public struct SeverityMap: Codable, Sendable, Hashable {
        public var attribute: String
        public var values: [String: Severity]
    }

    public struct Rejection: Error, Sendable, Hashable {
        public var trace: String?
        public var reason: String
    }

    public var mode: Mode
    /// Status mode: the event attributes whose values, joined by `/`, name the status.
    public var statusKeys: [String]?
    /// Status mode: statuses in which somebody works on the case.
    public var work: [String]?
    /// Status mode: statuses that close the case. The case closes at the first event of the
    /// trailing run of closing statuses (a resolved case that is closed days later closed when it
    /// was resolved); a closing status followed by other statuses was a reopened case.
    public var closing: [String]?
    /// The attribute naming the team, which becomes the task's `tool`, so that handoffs and
    /// ping-pong are between teams (default `org:group`).
    public var team: String?
    /// The attribute naming the person (default `org:resource`).
    public var resource: String?
    public var severity: SeverityMap?
    /// The attribute whose value (on the trace, else the first event that has it) becomes the category.
    public var category: String?
    /// Lifecycle mode, for logs without `opened_at`/`closed_at` trace attributes: a trace whose
    /// tasks have all completed closed at its last event. Off by default: a trace without them
    /// may be a case still open.
    public var closeAtLastEvent: Bool?

    public init(
        mode: Mode, statusKeys: [String]? = nil, work: [String]? = nil, closing: [String]? = nil,
        team: String? = nil, resource: String? = nil, severity: SeverityMap? = nil, category: String? = nil,
        closeAtLastEvent: Bool? = nil
    ) {
        self.mode = mode
        self.statusKeys = statusKeys
        self.work = work
        self.closing = closing
        self.team = team
        self.resource = resource
        self.severity = severity
        self.category = category
        self.closeAtLastEvent = closeAtLastEvent
    }

    /// Baton's own export (`baton export events --format xes`): start/complete pairs.
    public static let lifecycle = XESMapping(mode: .lifecycle)

    /// The records of one trace: its workflow, then its tasks.
    public func records(for trace: XESTrace) throws(Rejection) -> [Record] {
        guard let id = trace.name, !id.isEmpty else {
            throw Rejection(trace: nil, reason: "trace without concept:name")
        }
        var events: [(time: Timestamp, attributes: [String: String])] = []
        for (index, event) in trace.events.enumerated() {
            guard let text = event["time:timestamp"], let time = Timestamp(rfc3339: text) else {
                throw Rejection(trace: id, reason: "event \(index + 1) has no valid time:timestamp")
            }
            events.append((time, event))
        }
        // Stable: events at the same instant keep their order in the file.
        events = events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        /// The trace's value of an attribute, else the first event's that has one.
        func value(_ key: String) -> String? {
            trace.attributes[key] ?? events.lazy.compactMap { $0.attributes[key] }.first
        }
        let severity: Severity? =
            severity.flatMap { map in value(map.attribute).flatMap { map.values[$0] } }
            ?? trace.attributes["severity"].flatMap(Severity.init(rawValue:))
        let category = category.flatMap(value) ?? trace.attributes["category"]
        let (tasks, opened, closed) =
            mode == .status ? statusTasks(id, events) : lifecycleTasks(id, events, trace.attributes)
        guard let opened else { throw Rejection(trace: id, reason: "no events and no opened_at") }
        let workflow = WorkflowRecord(
            workflowID: id, openedAt: opened, closedAt: closed, severity: severity, category: category)
        return [.workflow(workflow)] + tasks.map(Record.task)
    }

    // MARK: - Lifecycle logs

    func lifecycleTasks(
        _ id: String, _ events: [(time: Timestamp, attributes: [String: String])], _ traceAttributes: [String: String]
    ) -> ([TaskRecord], Timestamp?, Timestamp?) {
        var tasks: [TaskRecord] = []
        /// Open tasks by instance id, and (for logs without instances) by activity, first in first out.
        var openByInstance: [String: Int] = [:]
        var openByActivity: [String: [Int]] = [:]
        let teamKey = team ?? "org:group"
        let resourceKey = resource ?? "org:resource"
        for (index, (time, e)) in events.enumerated() {
            let activity = e["concept:name"] ?? "unknown"
            let transition = (e["lifecycle:transition"] ?? "complete").lowercased()
            let instance = e["concept:instance"]
            func task(end: Timestamp?) -> TaskRecord {
                let assistant = e["assistant"]
                let mode = assistant == nil ? .none : (e["ai_mode"].flatMap(AIMode.init(rawValue:)) ?? .none)
                return TaskRecord(
                    id: instance ?? "\(id)/\(index + 1)", workflowID: id, taskType: activity,
                    stage: e["stage"].flatMap(Stage.init(rawValue:)), tool: e["tool"] ?? e[teamKey] ?? "unknown",
                    actor: e[resourceKey], assistant: assistant, aiMode: mode, startedAt: time, endedAt: end,
                    contextFrom: e["context_from"])
            }
            switch transition {
            case "start":
                tasks.append(task(end: nil))
                if let instance { openByInstance[instance] = tasks.count - 1 }
                openByActivity[activity, default: []].append(tasks.count - 1)
            case "complete":
                let open =
                    instance.flatMap { openByInstance.removeValue(forKey: $0) } ?? openByActivity[activity]?.first
                if let open {
                    tasks[open].endedAt = time
                    openByActivity[activity]?.removeAll { $0 == open }
                } else {
                    tasks.append(task(end: time))  // a completion without a start: an instant
                }
            default: continue
            }
        }
        let opened = traceAttributes["opened_at"].flatMap { Timestamp(rfc3339: $0) } ?? events.first?.time
        let allEnded = tasks.allSatisfy { $0.endedAt != nil }
        let closed =
            traceAttributes["closed_at"].flatMap { Timestamp(rfc3339: $0) }
            ?? (closeAtLastEvent == true && allEnded ? events.last?.time : nil)
        return (tasks, opened, closed)
    }

    // MARK: - Status logs

    func statusTasks(_ id: String, _ events: [(time: Timestamp, attributes: [String: String])]) -> (
        [TaskRecord], Timestamp?, Timestamp?
    ) {
        let keys = statusKeys ?? ["concept:name", "lifecycle:transition"]
        let work = Set(self.work ?? [])
        let closing = Set(self.closing ?? [])
        let teamKey = team ?? "org:group"
        let resourceKey = resource ?? "org:resource"
        let statuses = events.map { e in keys.compactMap { e.attributes[$0] }.joined(separator: "/") }
        // The trailing run of closing statuses closes the case at its first event.
        var end = events.count
        while end > 0, closing.contains(statuses[end - 1]) { end -= 1 }
        let closed = end < events.count ? events[end].time : nil

        var tasks: [TaskRecord] = []
        for index in 0..<end where work.contains(statuses[index]) {
            let e = events[index].attributes
            let next = index + 1 < events.count ? events[index + 1].time : nil
            let team = e[teamKey] ?? "unknown"
            let person = e[resourceKey]
            // Consecutive work events of the same person in the same team are one stretch of work.
            if var last = tasks.last, last.endedAt == events[index].time, last.tool == team, last.actor == person,
                last.taskType == statuses[index]
            {
                last.endedAt = next
                tasks[tasks.count - 1] = last
                continue
            }
            tasks.append(
                TaskRecord(
                    id: "\(id)/\(index + 1)", workflowID: id, taskType: statuses[index], tool: team, actor: person,
                    startedAt: events[index].time, endedAt: next))
        }
        return (tasks, events.first?.time, closed)
    }
}
