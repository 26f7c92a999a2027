import BatonCore
import Testing

@Suite("TableMapper: rows to contract records")
struct TableMapperTests {
    static func row(_ object: [String: JSONValue], line: Int = 2) -> TableRow { TableRow(line: line, object: object) }

    static let mapping = TableMapping(
        timestamps: .epochMilliseconds, tags: .init(column: "tags"),
        task: .init(
            id: .init(template: "hive-{_id}"), workflowID: .init(column: "case.id"), taskType: .init(column: "title"),
            stage: .init(column: "group", values: ["Triage": "triage"], default: ""),
            tool: .init(column: "group", values: ["Triage": "siem"], default: "thehive"),
            actor: .init(column: "assignee"), startedAt: .init(column: "startDate"),
            endedAt: .init(column: "endDate"),
            status: .init(column: "status", values: ["Waiting": "skip", "InProgress": "running", "Completed": "done"])),
        assistants: [
            .init(actor: "^bot-(.+)$", assistant: "$1", aiMode: .autonomous),
            .init(column: "mode", pattern: "^assisted$", assistant: "copilot", aiMode: .assisted),
            .init(tag: "^ai:(.+)$", assistant: "$1", aiMode: .assisted),
        ])

    static func fields(_ outcome: TableMapper.Outcome) -> [String: JSONValue]? {
        guard case .records(let records) = outcome, case .object(let fields)? = records.first else { return nil }
        return fields
    }

    @Test("fields, templates, nested keys, value tables with defaults, and the assistant rules in order")
    func task() throws {
        let mapper = try TableMapper(Self.mapping)
        let base: [String: JSONValue] = [
            "_id": "7", "case": .object(["id": "~1"]), "title": "Triage alert", "group": "Triage",
            "assignee": "bot-edr", "startDate": .number(1_741_165_200_000), "endDate": .number(1_741_167_000_000),
            "status": "Completed", "tags": .array(["ai:summariser"]),
        ]
        let f = try #require(Self.fields(try mapper.records(for: Self.row(base))))
        #expect(f["id"] == "hive-7")
        #expect(f["workflow_id"] == "~1")
        #expect(f["stage"] == "triage" && f["tool"] == "siem")
        #expect(f["started_at"] == "2025-03-05T09:00:00Z" && f["ended_at"] == "2025-03-05T09:30:00Z")
        #expect(f["assistant"] == "edr" && f["ai_mode"] == "autonomous")  // the actor rule comes first

        var human = base
        human["assignee"] = "ana"
        human["group"] = "Other"
        human["mode"] = "assisted"
        let g = try #require(Self.fields(try mapper.records(for: Self.row(human))))
        #expect(g["tool"] == "thehive" && g["stage"] == nil)
        #expect(g["assistant"] == "copilot" && g["ai_mode"] == "assisted")
        human["mode"] = nil
        let h = try #require(Self.fields(try mapper.records(for: Self.row(human))))
        #expect(h["assistant"] == "summariser")
        human["tags"] = .array([])
        let i = try #require(Self.fields(try mapper.records(for: Self.row(human))))
        #expect(i["assistant"] == nil && i["ai_mode"] == "none")
    }

    @Test("statuses: running drops the end, skip skips, done needs an end, an unknown one is rejected")
    func statuses() throws {
        let mapper = try TableMapper(Self.mapping)
        var row: [String: JSONValue] = [
            "_id": "7", "case": .object(["id": "~1"]), "title": "t", "group": "Triage",
            "startDate": .number(1_741_165_200_000), "endDate": .number(1_741_167_000_000), "status": "InProgress",
        ]
        #expect(Self.fields(try mapper.records(for: Self.row(row)))?["ended_at"] == nil)
        row["status"] = "Waiting"
        guard case .skipped = try mapper.records(for: Self.row(row)) else {
            Issue.record("Waiting is skipped")
            return
        }
        row["status"] = "Completed"
        row["endDate"] = nil
        let done = #expect(throws: TableRowRejection.self) { try mapper.records(for: Self.row(row, line: 9)) }
        #expect(done?.line == 9 && done?.field == "ended_at")
        row["status"] = "Paused"
        let unknown = #expect(throws: TableRowRejection.self) { try mapper.records(for: Self.row(row)) }
        #expect(unknown?.reason.contains("'Paused' is not in the mapping's values") == true)
    }

    @Test("a mapping that cannot work is refused before any row")
    func badMappings() {
        #expect(throws: TableMappingError.self) { try TableMapper(TableMapping()) }
        var m = Self.mapping
        m.assistants = [.init(actor: "(", assistant: "x", aiMode: .assisted)]
        #expect(throws: TableMappingError.self) { try TableMapper(m) }
        m.assistants = [.init(actor: "x", assistant: "x", aiMode: .none)]
        #expect(throws: TableMappingError.self) { try TableMapper(m) }
        m.assistants = nil
        m.delimiter = ";;"
        #expect(throws: TableMappingError.self) { try TableMapper(m) }
    }
}
