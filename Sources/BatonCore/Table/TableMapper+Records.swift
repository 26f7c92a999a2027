import Foundation

extension TableMapper {
    /// The contract records of one row (workflow first, then tasks) as JSON objects, ready for the
    /// collector's ``RecordValidator``; `.skipped` when a status says the row is no work to measure.
    public func records(for row: TableRow) throws(TableRowRejection) -> Outcome {
        let tags = try self.tags(of: row)
        var records: [JSONValue] = []
        if let w = mapping.workflow {
            let id = try required(w.id, "workflow_id", row, tags)
            let openedAt = try requiredTime(w.openedAt, "opened_at", row, tags)
            var closedAt = try time(w.closedAt, "closed_at", row, tags)
            if let status = try text(w.status, "status", row, tags) {
                switch status {
                case "open": closedAt = nil
                case "closed":
                    if closedAt == nil {
                        throw TableRowRejection(
                            line: row.line, field: "closed_at",
                            reason:
                                "the status says the case is closed, but \(w.closedAt?.label ?? "no column") gives no closing time"
                        )
                    }
                case "skip": return .skipped("workflow status")
                default: throw statusValue(status, allowed: "open, closed or skip", row)
                }
            }
            var fields: [String: JSONValue] = [
                "type": "workflow", "workflow_id": .string(id), "opened_at": .string(openedAt.rfc3339),
            ]
            fields["closed_at"] = closedAt.map { .string($0.rfc3339) }
            fields["severity"] = try text(w.severity, "severity", row, tags).map(JSONValue.string)
            fields["category"] = try text(w.category, "category", row, tags).map(JSONValue.string)
            fields["outcome"] = try text(w.outcome, "outcome", row, tags).map(JSONValue.string)
            if let statuses = mapping.statuses {
                let (tasks, closed) = try statusTasks(statuses, workflowID: id, opened: openedAt, row: row, tags: tags)
                fields["closed_at"] = closed.map { .string($0.rfc3339) }
                records.append(.object(fields))
                records += tasks
                return .records(records)
            }
            records.append(.object(fields))
        }
        if let t = mapping.task {
            let startedAt = try time(t.startedAt, "started_at", row, tags)
            var endedAt = try time(t.endedAt, "ended_at", row, tags)
            if let status = try text(t.status, "status", row, tags) {
                switch status {
                case "running": endedAt = nil
                case "done":
                    if endedAt == nil {
                        throw TableRowRejection(
                            line: row.line, field: "ended_at",
                            reason:
                                "the status says the task is done, but \(t.endedAt?.label ?? "no column") gives no end")
                    }
                case "skip": return .skipped("task status")
                default: throw statusValue(status, allowed: "running, done or skip", row)
                }
            }
            guard let startedAt else {
                throw TableRowRejection(line: row.line, field: "started_at", reason: "\(t.startedAt.label) is empty")
            }
            let actor = try text(t.actor, "actor", row, tags)
            var fields: [String: JSONValue] = [
                "type": "task", "id": .string(try required(t.id, "id", row, tags)),
                "workflow_id": .string(try required(t.workflowID, "workflow_id", row, tags)),
                "task_type": .string(try required(t.taskType, "task_type", row, tags)),
                "tool": .string(try required(t.tool, "tool", row, tags)),
                "started_at": .string(startedAt.rfc3339),
            ]
            fields["ended_at"] = endedAt.map { .string($0.rfc3339) }
            fields["stage"] = try text(t.stage, "stage", row, tags).map(JSONValue.string)
            fields["actor"] = actor.map(JSONValue.string)
            fields["context_from"] = try text(t.contextFrom, "context_from", row, tags).map(JSONValue.string)
            applyAssistant(to: &fields, actor: actor, row: row, tags: tags)
            records.append(.object(fields))
        }
        return .records(records)
    }

    /// The record field a contract field name came from, for messages: `column 'startDate'`.
    public func source(ofField field: String, in record: String) -> TableFieldSource? {
        switch record {
        case "workflow":
            guard let w = mapping.workflow else { return nil }
            let sources: [String: TableFieldSource?] = [
                "workflow_id": w.id, "opened_at": w.openedAt, "closed_at": w.closedAt, "severity": w.severity,
                "category": w.category, "outcome": w.outcome,
            ]
            return sources[field] ?? nil
        default:
            guard let t = mapping.task else { return field == "tool" ? mapping.statuses?.tool : nil }
            let sources: [String: TableFieldSource?] = [
                "id": t.id, "workflow_id": t.workflowID, "task_type": t.taskType, "stage": t.stage, "tool": t.tool,
                "actor": t.actor, "started_at": t.startedAt, "ended_at": t.endedAt, "context_from": t.contextFrom,
            ]
            return sources[field] ?? nil
        }
    }

    // MARK: - Fields

    func tags(of row: TableRow) throws(TableRowRejection) -> [String] {
        guard let spec = mapping.tags, let value = row.value(spec.column) else { return [] }
        switch value {
        case .array(let items): return items.compactMap(TableRow.text)
        case .string(let text):
            return text.split(separator: spec.separator ?? ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        default:
            throw TableRowRejection(
                line: row.line, field: "tags", reason: "column '\(spec.column)' holds \(value.typeName), not tags")
        }
    }

    /// The raw text of a source in a row (before its value table), nil when empty or missing.
    func raw(_ source: TableFieldSource, _ field: String, _ row: TableRow, _ tags: [String]) throws(TableRowRejection)
        -> String?
    {
        if let constant = source.value { return constant }
        if let column = source.column {
            guard let value = row.value(column) else { return nil }
            guard let text = TableRow.text(value) else {
                throw TableRowRejection(
                    line: row.line, field: field, reason: "column '\(column)' holds \(value.typeName), not text")
            }
            return text.isEmpty ? nil : text
        }
        if let template = source.template {
            var out = template
            for name in TableFieldSource.placeholders(in: template) {
                guard let value = row.value(name), let text = TableRow.text(value), !text.isEmpty else { return nil }
                out = out.replacingOccurrences(of: "{\(name)}", with: text)
            }
            return out
        }
        if let pattern = source.tag, let regex = tagPatterns[pattern] {
            for tag in tags {
                if let match = try? regex.firstMatch(in: tag) {
                    return Self.captured(match) ?? tag
                }
            }
        }
        return nil
    }

    /// The first capture group of a match, if the pattern has one.
    static func captured(_ match: Regex<AnyRegexOutput>.Match) -> String? {
        guard match.output.count > 1, let group = match.output[1].substring else { return nil }
        return String(group)
    }

    func text(_ source: TableFieldSource?, _ field: String, _ row: TableRow, _ tags: [String])
        throws(TableRowRejection) -> String?
    {
        guard let source, let raw = try raw(source, field, row, tags) else { return nil }
        guard let values = source.values else { return raw }
        // A value mapped to "" is no value (an optional field left empty).
        if let mapped = values[raw] { return mapped.isEmpty ? nil : mapped }
        if let fallback = source.default {
            let value = fallback.replacingOccurrences(of: "{value}", with: raw)
            return value.isEmpty ? nil : value
        }
        let known = values.keys.sorted().prefix(12).map { "'\($0)'" }.joined(separator: ", ")
        throw TableRowRejection(
            line: row.line, field: field,
            reason: "\(source.label): '\(raw.prefix(64))' is not in the mapping's values (\(known))")
    }

    func required(_ source: TableFieldSource, _ field: String, _ row: TableRow, _ tags: [String])
        throws(TableRowRejection) -> String
    {
        guard let value = try text(source, field, row, tags) else {
            throw TableRowRejection(line: row.line, field: field, reason: "\(source.label) is empty")
        }
        return value
    }

    func time(_ source: TableFieldSource?, _ field: String, _ row: TableRow, _ tags: [String])
        throws(TableRowRejection) -> Timestamp?
    {
        guard let source else { return nil }
        let parser = source.timestamps.flatMap { parsers[$0] } ?? defaultTimestamps
        var number: Double?
        if let column = source.column, case .number(let n)? = row.value(column) { number = n }
        let text = number == nil ? try raw(source, field, row, tags) : nil
        guard number != nil || text != nil else { return nil }
        do throws(TimestampParser.Invalid) {
            if let number { return try parser.parse(number: number) }
            return try parser.parse(text ?? "")
        } catch {
            throw TableRowRejection(line: row.line, field: field, reason: "\(source.label): \(error.reason)")
        }
    }

    func requiredTime(_ source: TableFieldSource, _ field: String, _ row: TableRow, _ tags: [String])
        throws(TableRowRejection) -> Timestamp
    {
        guard let value = try time(source, field, row, tags) else {
            throw TableRowRejection(line: row.line, field: field, reason: "\(source.label) is empty")
        }
        return value
    }

    func statusValue(_ value: String, allowed: String, _ row: TableRow) -> TableRowRejection {
        TableRowRejection(
            line: row.line, field: "status", reason: "the status maps to '\(value.prefix(64))'; use \(allowed)")
    }

    /// Sets `assistant` and `ai_mode` from the first matching rule (`ai_mode: none` without one).
    func applyAssistant(to fields: inout [String: JSONValue], actor: String?, row: TableRow, tags: [String]) {
        fields["ai_mode"] = "none"
        for compiled in rules {
            var match: Regex<AnyRegexOutput>.Match?
            if let regex = compiled.actor, let actor {
                match = try? regex.firstMatch(in: actor)
            } else if let regex = compiled.pattern, let column = compiled.rule.column,
                let value = row.value(column), let text = TableRow.text(value)
            {
                match = try? regex.firstMatch(in: text)
            } else if let regex = compiled.tag {
                match = tags.lazy.compactMap { try? regex.firstMatch(in: $0) }.first
            }
            guard let match else { continue }
            let name = compiled.rule.assistant.replacingOccurrences(of: "$1", with: Self.captured(match) ?? "")
            fields["assistant"] = .string(name)
            fields["ai_mode"] = .string(compiled.rule.aiMode.rawValue)
            return
        }
    }
}
