extension TableMapper {
    /// A row's status changes as tasks, by the XES status mapping's own rules (`XESMapping`), and
    /// the case's closing time.
    func statusTasks(
        _ rules: TableStatusRules, workflowID id: String, opened: Timestamp, row: TableRow, tags: [String]
    ) throws(TableRowRejection) -> ([JSONValue], Timestamp?) {
        let tool = try required(rules.tool, "tool", row, tags)
        var events: [(time: Timestamp, attributes: [String: String])] = []
        var initial = rules.initialStatus
        let changes: [JSONValue]
        switch row.value(rules.changes) {
        case nil: changes = []
        case .array(let items)?: changes = items
        case let other?:
            throw TableRowRejection(
                line: row.line, field: "statuses",
                reason: "'\(rules.changes)' holds \(other.typeName), not an array of changes")
        }
        let parser = defaultTimestamps
        for (index, change) in changes.enumerated() {
            guard case .object(let fields) = change else { continue }
            let items: [[String: JSONValue]]
            if let key = rules.items {
                guard case .array(let list)? = TableRow.lookup(key, in: fields) else { continue }
                items = list.compactMap { item -> [String: JSONValue]? in
                    guard case .object(let object) = item else { return nil }
                    if let field = rules.itemField, let wanted = rules.itemValue {
                        guard let value = TableRow.lookup(field, in: object), TableRow.text(value) == wanted else {
                            return nil
                        }
                    }
                    return object
                }
            } else {
                items = [fields]
            }
            guard !items.isEmpty else { continue }
            let at: Timestamp
            do throws(TimestampParser.Invalid) {
                switch TableRow.lookup(rules.at, in: fields) {
                case .number(let n)?: at = try parser.parse(number: n)
                case let value?:
                    guard let text = TableRow.text(value) else { throw .init(reason: "not text") }
                    at = try parser.parse(text)
                case nil: throw .init(reason: "missing")
                }
            } catch {
                throw TableRowRejection(
                    line: row.line, field: "statuses",
                    reason: "change \(index + 1) of '\(rules.changes)': '\(rules.at)': \(error.reason)")
            }
            let actor = rules.actor.flatMap { TableRow.lookup($0, in: fields) }.flatMap(TableRow.text)
            for item in items {
                guard let status = TableRow.lookup(rules.status, in: item).flatMap(TableRow.text) else {
                    throw TableRowRejection(
                        line: row.line, field: "statuses",
                        reason: "change \(index + 1) of '\(rules.changes)' has no '\(rules.status)'")
                }
                if events.isEmpty, let key = rules.fromStatus,
                    let from = TableRow.lookup(key, in: item).flatMap(TableRow.text)
                {
                    initial = from
                }
                var attributes = ["status": status, "team": tool]
                attributes["actor"] = actor
                events.append((at, attributes))
            }
        }
        if let initial { events.insert((opened, ["status": initial, "team": tool]), at: 0) }
        // Stable: changes at the same instant keep their order in the row.
        events = events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        let xes = XESMapping(
            mode: .status, statusKeys: ["status"], work: rules.work, closing: rules.closing, team: "team",
            resource: "actor")
        let (tasks, _, closed) = xes.statusTasks(id, events)
        let records: [JSONValue] = tasks.map { task in
            var fields: [String: JSONValue] = [
                "type": "task", "id": .string(task.id), "workflow_id": .string(id), "task_type": .string(task.taskType),
                "tool": .string(task.tool), "started_at": .string(task.startedAt.rfc3339),
            ]
            fields["ended_at"] = task.endedAt.map { .string($0.rfc3339) }
            fields["actor"] = task.actor.map(JSONValue.string)
            applyAssistant(to: &fields, actor: task.actor, row: row, tags: tags)
            return .object(fields)
        }
        return (records, closed)
    }
}
