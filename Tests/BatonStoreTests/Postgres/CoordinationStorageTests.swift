import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

/// Value-model §8 in storage: the sides and lineage on the handoff rows, the SQL aggregates of
/// the coordination matrix against the pure ones, the queue's side filters, and migration 0012
/// on a database at the previous schema.
@Suite("Coordination in storage (value-model §8, migration 0012)")
struct CoordinationStorageTests {
    let logger = TestDatabase.logger
    typealias F = Fixtures

    /// Three cases with AI→AI, AI→human and human→AI handoffs, a non-adjacent link, a link to
    /// another case, a cycle, a re-gathering task and three workers at once.
    static let records: [Record] = [
        F.workflow("W1", opened: 0, closed: 300),
        F.task("a1", workflow: "W1", start: 0, end: 10, tool: "siem", aiMode: .autonomous, assistant: "siem-x"),
        F.task("b1", workflow: "W1", start: 20, end: 30, tool: "edr", aiMode: .assisted, assistant: "edr-y"),
        F.task("c1", workflow: "W1", start: 40, end: 50, tool: "ticketing"),
        F.task("d1", workflow: "W1", start: 60, end: 70, tool: "soar", contextFrom: "a1"),
        F.workflow("W2", opened: 0, closed: 300),
        F.task(
            "a2", workflow: "W2", start: 0, end: 10, tool: "siem", aiMode: .autonomous, assistant: "siem-x",
            contextFrom: "b2"),
        F.task("b2", workflow: "W2", start: 20, end: 30, tool: "edr", contextFrom: "a2"),
        F.task("c2", workflow: "W2", start: 40, end: 50, tool: "edr", contextFrom: "a1"),
        .task(
            TaskRecord(
                id: "r2", workflowID: "W2", taskType: "context-regathering", stage: .triage, tool: "soar",
                actor: "analyst:bo", startedAt: F.at(55), endedAt: F.at(58))),
        F.workflow("W3", opened: 0, closed: 300),
        F.task("a3", workflow: "W3", start: 0, end: 60, tool: "siem", aiMode: .autonomous, assistant: "siem-x"),
        F.task("b3", workflow: "W3", start: 10, end: 40, tool: "edr", aiMode: .autonomous, assistant: "edr-y"),
        .task(
            TaskRecord(
                id: "c3", workflowID: "W3", taskType: "alert-triage", stage: .triage, tool: "soar", actor: "analyst:bo",
                startedAt: F.at(20), endedAt: F.at(50))),
    ]

    /// The stored rows' aggregates must equal the pure aggregation of the same derivation.
    static func expectedInput(_ tags: [String: HandoffReason]) -> CoordinationInput {
        var tasks: [String: [DerivationTask]] = [:]
        var windows: [String: WorkflowWindow] = [:]
        for record in records {
            switch record {
            case .workflow(let w): windows[w.workflowID] = WorkflowWindow(openedAt: w.openedAt, closedAt: w.closedAt)
            case .task(let t): tasks[t.workflowID, default: []].append(DerivationTask(t))
            default: break
            }
        }
        return CoordinationInput.aggregate(
            windows.keys.sorted().map { id in
                HandoffDerivation.derive(window: windows[id]!, tasks: tasks[id] ?? []).handoffs.map {
                    ($0, tags[$0.toTaskID])
                }
            })
    }

    @Test("the SQL aggregates equal the pure aggregation, tags included, and baton check agrees")
    func sqlEqualsSwift() async throws {
        try await withFreshStorage { storage in
            try await storage.tenants.ensureTenant("soc-a", deliveryModel: nil, logger: logger)
            try await storage.ingest.ingest(Self.records, tenant: "soc-a", logger: logger)
            _ = try await storage.handoffs.tagHandoff(
                id: "b1", reason: .aiOutputRework, note: nil, tenant: "soc-a", by: nil, logger: logger)
            _ = try await storage.handoffs.tagHandoff(
                id: "c1", reason: .contextRegathering, note: nil, tenant: "soc-a", by: nil, logger: logger)
            let stored = try await storage.reports.coordinationInput(
                tenant: "soc-a", from: F.at(-60), to: F.at(600), logger: logger)
            let expected = Self.expectedInput(["b1": .aiOutputRework, "c1": .contextRegathering])
            #expect(stored == expected)
            #expect(stored.otherCaseLinks == 1)
            #expect(stored.cycleLinks == 2)
            #expect(stored.duplicates.count == 3)
            let matrix = CoordinationMatrix(stored)
            let x = CoordinationSide(assistant: "siem-x")
            let y = CoordinationSide(assistant: "edr-y")
            #expect(matrix.cell(x, y)?.reworkShare == 0.5)
            #expect(matrix.cell(x, .human)?.links == 1)
            let report = try await storage.maintenance.checkDerivedData(tenant: "soc-a", logger: logger)
            #expect(report.isConsistent, "\(report.differences)")
            // The report's input carries the same aggregates.
            let input = try await storage.reports.reportInput(
                tenant: "soc-a", from: F.at(-60), to: F.at(600), classBy: .assistant, logger: logger)
            #expect(input.coordination == stored)
            #expect(input.friction.topClasses.contains { $0.handoffClass == "siem-x→edr-y" })
            #expect(input.friction.topClasses.allSatisfy { !$0.handoffClass.contains("siem→") })
        }
    }

    @Test("the queue filters from_assistant and to_assistant separately; assistant stays either side")
    func queueFilters() async throws {
        try await withFreshStorage { storage in
            try await storage.tenants.ensureTenant("soc-a", deliveryModel: nil, logger: logger)
            try await storage.ingest.ingest(Self.records, tenant: "soc-a", logger: logger)
            func ids(_ parameters: [String: String]) async throws -> [String] {
                let filter = try HandoffFilter(parameters: parameters)
                return try await storage.handoffs.handoffs(matching: filter, tenant: "soc-a", logger: logger).handoffs
                    .map(\.id)
                    .sorted()
            }
            // Handoffs (not intakes): b1 (x→y), c1 (y→human), d1 (human→human), b2 (x→human),
            // c2 (human→human), r2 (human→human), b3 (x→y), c3 (x→human; a3 is the frontier).
            #expect(try await ids(["from_assistant": "siem-x"]) == ["b1", "b2", "b3", "c3"])
            #expect(try await ids(["to_assistant": "edr-y"]) == ["b1", "b3"])
            #expect(try await ids(["from_assistant": "siem-x", "to_assistant": "human"]) == ["b2", "c3"])
            #expect(try await ids(["from_assistant": "human"]) == ["c2", "d1", "r2"])
            #expect(try await ids(["from_assistant": "edr-y"]) == ["c1"])
            #expect(try await ids(["assistant": "edr-y"]) == ["b1", "b3", "c1"])
            let page = try await storage.handoffs.handoffs(
                matching: try HandoffFilter(parameters: ["from_assistant": "siem-x", "to_assistant": "edr-y"]),
                tenant: "soc-a", logger: logger)
            #expect(page.handoffs.map { $0.handoff.handoffClass(.assistant) } == ["siem-x→edr-y", "siem-x→edr-y"])
            #expect(page.handoffs.first?.handoff.coordination.fromSide == CoordinationSide(assistant: "siem-x"))
        }
    }

    @Test("migration 0012 on a database at 0011: sides backfilled from the tasks, lineage derived after, check passes")
    func migrationBackfill() async throws {
        let bundled = try Migration.bundled()
        let before = bundled.filter { $0.version < 12 }
        #expect(before.count == 11)
        let tables = ["tenants", "assistants", "workflows", "task_keys", "tasks", "handoffs", "handoff_tags"]
        // The archive: written by today's ingest, then copied into a database at 0011 (the columns
        // 0011 does not know are dropped by jsonb_populate_recordset).
        let (archive, expected) = try await withFreshStorage { storage in
            try await storage.tenants.ensureTenant("soc-a", deliveryModel: nil, logger: logger)
            try await storage.ingest.ingest(Self.records, tenant: "soc-a", logger: logger)
            _ = try await storage.handoffs.tagHandoff(
                id: "b1", reason: .aiOutputRework, note: nil, tenant: "soc-a", by: nil, logger: logger)
            let archive = try await SchemaArchive.dump(storage.database.client, tables: tables, logger: logger)
            let expected = try await storage.reports.coordinationInput(
                tenant: "soc-a", from: F.at(-60), to: F.at(600), logger: logger)
            return (archive, expected)
        }
        try await withFreshDatabase(migrate: false) { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator(migrations: before).migrate(client: client, logger: logger)
                // The archive's month (the fixtures' March 2026) needs its partitions (migration 0010).
                try await client.query("SELECT baton_ensure_partitions(ARRAY[DATE '2026-03-01'])", logger: logger)
                    .drain()
                try await SchemaArchive.restore(archive, tables: tables, into: client, logger: logger)
                let applied = try await Migrator(migrations: bundled).migrate(client: client, logger: logger)
                #expect(
                    applied == bundled.filter { $0.version >= 12 }.map(\.name)
                        + (try ViewScript.bundled()).map { "views/\($0.name)" })
                // The sides come from the tasks in the migration itself.
                let sides = try await client.query(
                    """
                    SELECT to_task_id, COALESCE(from_assistant, '-'), COALESCE(from_ai_mode, '-'),
                           COALESCE(to_assistant, '-'), to_ai_mode
                    FROM handoffs WHERE workflow_id = 'W1' ORDER BY seq
                    """, logger: logger
                ).collect(as: (String, String, String, String, String).self)
                #expect(
                    sides.map { "\($0.0):\($0.1)/\($0.2)→\($0.3)/\($0.4)" } == [
                        "a1:-/-→siem-x/autonomous", "b1:siem-x/autonomous→edr-y/assisted", "c1:edr-y/assisted→-/none",
                        "d1:-/none→-/none",
                    ])
                let storage = PostgresStorage(client: client, migrations: bundled)
                // Until the lineage is derived, check names the difference.
                let before = try await storage.maintenance.checkDerivedData(tenant: "soc-a", logger: logger)
                #expect(!before.isConsistent)
                #expect(before.differences.contains { $0.contains("lineage") })
                #expect(try await storage.maintenance.derivePendingCoordination(pageSize: 2, logger: logger) == 3)
                #expect(try await storage.maintenance.derivePendingCoordination(logger: logger) == 0)
                let after = try await storage.maintenance.checkDerivedData(tenant: "soc-a", logger: logger)
                #expect(after.isConsistent, "\(after.differences)")
                #expect(
                    try await storage.reports.coordinationInput(
                        tenant: "soc-a", from: F.at(-60), to: F.at(600), logger: logger)
                        == expected)
                // The tag survived the re-derivation.
                let w = try #require(try await storage.reports.workflow(id: "W1", tenant: "soc-a", logger: logger))
                #expect(w.handoffs.first { $0.handoff.toTaskID == "b1" }?.tags.map(\.reason) == [.aiOutputRework])
            }
        }
    }
}
