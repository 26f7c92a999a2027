import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Ingest and handoff derivation against PostgreSQL")
struct PostgresIngestRepositoryTests {
    let logger = TestDatabase.logger
    typealias F = Fixtures

    static func tenant(_ storage: PostgresStorage, _ name: String = "soc-a") async throws -> String {
        _ = try await storage.tokens.createToken(tenant: name, role: .ingest, label: nil, logger: TestDatabase.logger)
        return name
    }

    @Test(
        "the handoff row keeps its newest tag, equal to ranking all its tags, through retagging, bulk tags and recomputation"
    )
    func currentTagOnHandoff() async throws {
        try await withFreshStorage { storage in
            let tenant = try await Self.tenant(storage)
            let records: [Record] = [
                F.workflow("W-1", opened: 0, closed: 100),
                F.task("a", workflow: "W-1", start: 5, end: 10),
                F.task("b", workflow: "W-1", start: 20, end: 30, tool: "edr"),
                F.task("c", workflow: "W-1", start: 40, end: 50, tool: "soar"),
            ]
            _ = try await storage.ingest.ingest(records, tenant: tenant, logger: logger)
            _ = try await storage.handoffs.tagHandoff(
                id: "b", reason: .queueWait, note: nil, tenant: tenant, by: nil, logger: logger)
            _ = try await storage.handoffs.tagHandoff(
                id: "b", reason: .approvalWait, note: nil, tenant: tenant, by: nil, logger: logger)
            // Two tags for c in one statement: the later one (higher tag id, same time) counts.
            let added = try await storage.ingest.addTags(
                [
                    HandoffTagRecord(workflowID: "W-1", toTaskID: "c", reason: .toolSwitch, note: nil),
                    HandoffTagRecord(workflowID: "W-1", toTaskID: "c", reason: .shiftChange, note: nil),
                ], tenant: tenant, by: nil, logger: logger)
            #expect(added == 2)
            #expect(try await Self.currentTags(storage) == ["a": nil, "b": "approval-wait", "c": "shift-change"])
            #expect(try await Self.currentTags(storage) == Self.rankedTags(try await Self.allTags(storage)))
            // The handoff queue shows the same current tag, and how many tags each handoff has had.
            let queue = try await storage.handoffs.handoffs(matching: HandoffFilter(), tenant: tenant, logger: logger)
            let shown = Dictionary(uniqueKeysWithValues: queue.handoffs.map { ($0.id, $0) })
            #expect(shown["b"]?.tag?.reason == .approvalWait && shown["b"]?.tagCount == 2)
            #expect(shown["c"]?.tag?.reason == .shiftChange && shown["c"]?.tagCount == 2)
            let untagged = try await storage.handoffs.handoffs(
                matching: HandoffFilter(untagged: true), tenant: tenant, logger: logger)
            #expect(untagged.handoffs.isEmpty)

            // A changed task makes ingest recompute the workflow's handoffs in place: tags stay.
            _ = try await storage.ingest.ingest(
                [F.task("a", workflow: "W-1", start: 5, end: 12)], tenant: tenant, logger: logger)
            #expect(try await Self.currentTags(storage) == ["a": nil, "b": "approval-wait", "c": "shift-change"])
        }
    }

    /// Each handoff's current tag as the report reads it (`report_source.handoffs`).
    static func currentTags(_ storage: PostgresStorage) async throws -> [String: String?] {
        var tags: [String: String?] = [:]
        for try await (id, reason) in try await storage.database.client.query(
            "SELECT handoff_id, tag_reason FROM report_source.handoffs", logger: TestDatabase.logger
        ).decode((String, String?).self) {
            tags[id] = reason
        }
        return tags
    }

    static func allTags(_ storage: PostgresStorage) async throws -> [(String, Int64, Double, String)] {
        var tags: [(String, Int64, Double, String)] = []
        for try await row in try await storage.database.client.query(
            "SELECT to_task_id, tag_id, extract(epoch FROM tagged_at)::float8, reason FROM handoff_tags",
            logger: TestDatabase.logger
        ).decode((String, Int64, Double, String).self) {
            tags.append(row)
        }
        return tags
    }

    /// The newest tag per handoff by (tagged_at, tag_id); the intake into a has none.
    static func rankedTags(_ tags: [(String, Int64, Double, String)]) -> [String: String?] {
        var newest: [String: (Double, Int64, String)] = [:]
        for (id, tagID, at, reason) in tags where newest[id].map({ ($0.0, $0.1) < (at, tagID) }) ?? true {
            newest[id] = (at, tagID, reason)
        }
        var result: [String: String?] = ["a": nil]
        for (id, value) in newest { result[id] = value.2 }
        return result
    }

    @Test("workflows new to the store, derived from their first batch, equal a recomputation from the stored tasks")
    func newWorkflowsMatchRecomputation() async throws {
        try await withFreshStorage { storage in
            let tenant = try await Self.tenant(storage)
            // First batch: every workflow is new. Closed with parallel, running, outside-window and
            // AI tasks; one without a record (opening inferred); one open.
            let first: [Record] = [
                F.workflow("W-1", opened: 0, closed: 300),
                F.task("t1", workflow: "W-1", start: 5, end: 20, aiMode: .assisted),
                F.task("t2", workflow: "W-1", start: 10, end: 40, tool: "edr", contextFrom: "t1"),
                F.task("t3", workflow: "W-1", start: 60, end: nil, tool: "soar"),
                F.task("t4", workflow: "W-1", start: 400, end: 410, tool: "ticketing"),
                F.task("u1", workflow: "W-2", start: 30, end: 35),
                F.task("u2", workflow: "W-2", start: 50, end: 70, tool: "edr"),
                F.workflow("W-3", opened: 0),
                F.task("v1", workflow: "W-3", start: 1, end: 2),
                F.task("v2", workflow: "W-3", start: 3, end: 9, tool: "edr"),
            ]
            let result = try await storage.ingest.ingest(first, tenant: tenant, logger: logger)
            #expect(result.accepted == first.count)
            #expect(result.workflowsRecomputed == 3)
            var report = try await storage.maintenance.checkDerivedData(tenant: tenant, logger: logger)
            #expect(report.isConsistent, "\(report.differences)")
            #expect(report.workflows == 3 && report.tasks == 8)
            // One handoff per task, except t4, which lies after the closure.
            #expect(report.storedHandoffs == 7 && report.derivedHandoffs == 7)

            // Second batch: W-2's record arrives (its opening is no longer inferred), a task moves
            // from W-3 to the new W-4, and W-1 gets one more task.
            let second: [Record] = [
                F.workflow("W-2", opened: 20, closed: 90),
                F.task("v2", workflow: "W-4", start: 3, end: 9, tool: "edr"),
                F.task("w1", workflow: "W-4", start: 12, end: 15),
                F.task("t5", workflow: "W-1", start: 200, end: 250, tool: "siem"),
            ]
            let again = try await storage.ingest.ingest(second, tenant: tenant, logger: logger)
            #expect(again.accepted == second.count)
            report = try await storage.maintenance.checkDerivedData(tenant: tenant, logger: logger)
            #expect(report.isConsistent, "\(report.differences)")
            #expect(report.workflows == 4 && report.tasks == 10)
            #expect(report.storedHandoffs == 9 && report.derivedHandoffs == 9)
            let moved = try #require(try await storage.reports.workflow(id: "W-3", tenant: tenant, logger: logger))
            #expect(moved.tasks.map(\.id) == ["v1"])
        }
    }

    @Test("the contract's example records are stored and their handoffs derived")
    func contractExample() async throws {
        try await withFreshStorage { storage in
            let tenant = try await Self.tenant(storage)
            let records = [
                F.workflow("INC-1042", opened: 0, closed: 270),
                F.task("siem-42", workflow: "INC-1042", start: 4, end: 9.5, aiMode: .assisted, contextFrom: "siem-41"),
            ]
            let result = try await storage.ingest.ingest(records, tenant: tenant, logger: logger)
            #expect(result.accepted == 2)
            #expect(result.duplicates == 0)
            let timeline = try #require(
                try await storage.reports.workflow(id: "INC-1042", tenant: tenant, logger: logger))
            #expect(timeline.tasks.map(\.id) == ["siem-42"])
            #expect(timeline.handoffs.count == 1)
            #expect(timeline.handoffs[0].handoff.kind == .intake)
            #expect(timeline.handoffs[0].handoff.waitMicroseconds == minutes(4))
            // context_from names a task that is not in the workflow: context was not carried.
            #expect(timeline.handoffs[0].handoff.contextCarried == false)
            let m = try #require(timeline.metrics)
            #expect(m.lead == minutes(270))
            #expect(m.touch == 330_000_000)
            #expect(m.closure == Int64((270 - 9.5) * 60_000_000))
            #expect(m.touch + m.intake + m.handoffWait + m.closure == m.lead)
            #expect(timeline.aiTouched)
        }
    }

    @Test("the same record twice is a duplicate; new content for an id updates it and its handoffs")
    func duplicatesAndUpdates() async throws {
        try await withFreshStorage { storage in
            let tenant = try await Self.tenant(storage)
            let first = [
                F.workflow("W1", opened: 0, closed: 100),
                F.task("t1", workflow: "W1", start: 10, end: 20),
                F.task("t2", workflow: "W1", start: 30, end: nil, tool: "edr"),
            ]
            #expect(try await storage.ingest.ingest(first, tenant: tenant, logger: logger).accepted == 3)
            let again = try await storage.ingest.ingest(first, tenant: tenant, logger: logger)
            #expect(again.accepted == 0)
            #expect(again.duplicates == 3)
            #expect(again.workflowsRecomputed == 0)

            // t2 was still running: it counted until closed_at. Its end arrives later.
            var before = try #require(try await storage.reports.workflow(id: "W1", tenant: tenant, logger: logger))
            #expect(before.metrics?.touch == minutes(10 + 70))
            #expect(before.metrics?.closure == 0)

            let update = try await storage.ingest.ingest(
                [F.task("t2", workflow: "W1", start: 30, end: 45, tool: "edr")], tenant: tenant, logger: logger)
            #expect(update.accepted == 1)
            #expect(update.duplicates == 0)
            before = try #require(try await storage.reports.workflow(id: "W1", tenant: tenant, logger: logger))
            let m = try #require(before.metrics)
            #expect(m.touch == minutes(25))
            #expect(m.intake == minutes(10))
            #expect(m.handoffWait == minutes(10))
            #expect(m.closure == minutes(55))
            #expect(before.tasks.first(where: { $0.id == "t2" })?.endedAt == F.at(45))
            #expect(before.handoffs.map(\.handoff.crossTool) == [false, true])
        }
    }

    @Test("duplicates inside one batch: the last record for an id wins")
    func duplicatesWithinBatch() async throws {
        try await withFreshStorage { storage in
            let tenant = try await Self.tenant(storage)
            let t = F.task("t1", workflow: "W1", start: 1, end: 2)
            let result = try await storage.ingest.ingest(
                [t, t, F.task("t1", workflow: "W1", start: 1, end: 3)], tenant: tenant, logger: logger)
            // Two earlier copies were superseded by different content; the final record is new.
            #expect(result.accepted == 3)
            #expect(result.duplicates == 0)
            let stored = try #require(try await storage.reports.workflow(id: "W1", tenant: tenant, logger: logger))
            #expect(stored.tasks.map(\.endedAt) == [F.at(3)])
        }
    }

    @Test("tasks may arrive before their workflow; the result is the same as in order")
    func outOfOrderArrival() async throws {
        try await withFreshStorage { storage in
            let tenant = try await Self.tenant(storage)
            let workflow = F.workflow("W1", opened: 0, closed: 120)
            let tasks = [
                F.task("a", workflow: "W1", start: 5, end: 15),
                F.task("b", workflow: "W1", start: 10, end: 40, tool: "edr", aiMode: .autonomous),
                F.task("c", workflow: "W1", start: 60, end: 70, tool: "siem", contextFrom: "b"),
            ]
            try await storage.ingest.ingest([tasks[2]], tenant: tenant, logger: logger)
            var partial = try #require(try await storage.reports.workflow(id: "W1", tenant: tenant, logger: logger))
            #expect(partial.reported == false)
            #expect(partial.openedAtInferred)
            #expect(partial.metrics == nil)
            try await storage.ingest.ingest([tasks[0], tasks[1]], tenant: tenant, logger: logger)
            try await storage.ingest.ingest([workflow], tenant: tenant, logger: logger)
            partial = try #require(try await storage.reports.workflow(id: "W1", tenant: tenant, logger: logger))
            #expect(partial.reported)
            #expect(partial.openedAtInferred == false)

            let expected = HandoffDerivation.derive(
                window: WorkflowWindow(openedAt: F.at(0), closedAt: F.at(120)),
                tasks: tasks.compactMap { if case .task(let t) = $0 { DerivationTask(t) } else { nil } })
            #expect(partial.handoffs.map(\.handoff) == expected.handoffs)
            #expect(partial.metrics == expected.metrics)
            #expect(partial.pingPong)  // siem → edr → siem
            #expect(partial.handoffs.map(\.handoff.contextCarried) == [false, false, true])
            #expect(partial.handoffs.map(\.handoff.aiBoundary) == [false, true, true])
        }
    }

    @Test("a task moved to another workflow leaves the first one recomputed too")
    func taskMovesWorkflow() async throws {
        try await withFreshStorage { storage in
            let tenant = try await Self.tenant(storage)
            try await storage.ingest.ingest(
                [
                    F.workflow("W1", opened: 0, closed: 60), F.workflow("W2", opened: 0, closed: 60),
                    F.task("t1", workflow: "W1", start: 10, end: 20), F.task("t2", workflow: "W1", start: 30, end: 40),
                ], tenant: tenant, logger: logger)
            try await storage.ingest.ingest(
                [F.task("t2", workflow: "W2", start: 30, end: 40)], tenant: tenant, logger: logger)
            let w1 = try #require(try await storage.reports.workflow(id: "W1", tenant: tenant, logger: logger))
            let w2 = try #require(try await storage.reports.workflow(id: "W2", tenant: tenant, logger: logger))
            #expect(w1.tasks.map(\.id) == ["t1"])
            #expect(w1.handoffs.map(\.handoff.toTaskID) == ["t1"])
            #expect(w1.metrics?.closure == minutes(40))
            #expect(w2.handoffs.map(\.handoff.toTaskID) == ["t2"])
            #expect(w2.metrics?.intake == minutes(30))
        }
    }

    @Test("a workflow left without an opening (its only task moved away) takes a task again: stored, not a 500")
    func taskMovesBackToEmptiedWorkflow() async throws {
        try await withFreshStorage { storage in
            let tenant = try await Self.tenant(storage)
            // Inferred workflows (no workflow record): W-A loses its only task to W-B, so it has no
            // opening; then the task moves back. Found by schemathesis as a duplicate-key 500.
            try await storage.ingest.ingest(
                [F.task("t1", workflow: "W-A", start: 10, end: 20)], tenant: tenant, logger: logger)
            try await storage.ingest.ingest(
                [F.task("t1", workflow: "W-B", start: 10, end: 20)], tenant: tenant, logger: logger)
            let emptied = try #require(try await storage.reports.workflow(id: "W-A", tenant: tenant, logger: logger))
            #expect(emptied.tasks.isEmpty)
            let result = try await storage.ingest.ingest(
                [F.task("t1", workflow: "W-A", start: 5, end: 25)], tenant: tenant, logger: logger)
            #expect(result.accepted == 1)
            let back = try #require(try await storage.reports.workflow(id: "W-A", tenant: tenant, logger: logger))
            #expect(back.tasks.map(\.id) == ["t1"])
            let left = try #require(try await storage.reports.workflow(id: "W-B", tenant: tenant, logger: logger))
            #expect(left.tasks.isEmpty)
            let report = try await storage.maintenance.checkDerivedData(tenant: tenant, logger: logger)
            #expect(report.isConsistent, "\(report.differences)")
        }
    }

    @Test("a tag survives recomputation while its handoff exists, and goes with it")
    func tagsSurviveRecomputation() async throws {
        try await withFreshStorage { storage in
            let tenant = try await Self.tenant(storage)
            try await storage.ingest.ingest(
                [
                    F.workflow("W1", opened: 0, closed: 100), F.task("t1", workflow: "W1", start: 0, end: 10),
                    F.task("t2", workflow: "W1", start: 50, end: 60, tool: "edr"),
                ], tenant: tenant, logger: logger)
            try await storage.database.client.query(
                """
                INSERT INTO handoff_tags (tenant_id, workflow_id, to_task_id, opened_month, reason, note)
                SELECT tenant_id, workflow_id, to_task_id, opened_month, 'queue-wait', 'nobody picked it up'
                FROM handoffs WHERE tenant_id = \(tenant) AND workflow_id = 'W1' AND to_task_id = 't2'
                """, logger: logger)
            // A new task in between changes t2's from-task and wait, not its identity.
            try await storage.ingest.ingest(
                [F.task("t3", workflow: "W1", start: 20, end: 30, tool: "soar")], tenant: tenant, logger: logger)
            var w = try #require(try await storage.reports.workflow(id: "W1", tenant: tenant, logger: logger))
            let h2 = try #require(w.handoffs.first { $0.handoff.toTaskID == "t2" })
            #expect(h2.handoff.fromTaskID == "t3")
            #expect(h2.handoff.waitMicroseconds == minutes(20))
            #expect(h2.tags.map(\.reason) == [.queueWait])
            #expect(h2.tags.first?.note == "nobody picked it up")

            // Moving t2 away removes the handoff into it in W1, and its tag with it.
            try await storage.ingest.ingest(
                [F.task("t2", workflow: "W2", start: 50, end: 60, tool: "edr")], tenant: tenant, logger: logger)
            w = try #require(try await storage.reports.workflow(id: "W1", tenant: tenant, logger: logger))
            #expect(w.handoffs.allSatisfy { $0.tags.isEmpty })
            let remaining = try await storage.database.client.query(
                "SELECT count(*)::int8 FROM handoff_tags WHERE tenant_id = \(tenant)", logger: logger
            ).decode(Int64.self).reduce(into: [Int64]()) { $0.append($1) }
            #expect(remaining == [0])
        }
    }

    @Test("tenants are separate: same ids, different data, no cross reads")
    func tenantSeparation() async throws {
        try await withFreshStorage { storage in
            let a = try await Self.tenant(storage, "soc-a")
            let b = try await Self.tenant(storage, "soc-b")
            try await storage.ingest.ingest(
                [F.workflow("W1", opened: 0, closed: 10), F.task("t1", workflow: "W1", start: 1, end: 2)],
                tenant: a, logger: logger)
            #expect(try await storage.reports.workflow(id: "W1", tenant: b, logger: logger) == nil)
            // The same ids in tenant B are new records there, not duplicates of A's.
            let result = try await storage.ingest.ingest(
                [F.workflow("W1", opened: 0, closed: 20), F.task("t1", workflow: "W1", start: 3, end: 4)],
                tenant: b, logger: logger)
            #expect(result.accepted == 2)
            let wa = try #require(try await storage.reports.workflow(id: "W1", tenant: a, logger: logger))
            let wb = try #require(try await storage.reports.workflow(id: "W1", tenant: b, logger: logger))
            #expect(wa.metrics?.lead == minutes(10))
            #expect(wb.metrics?.lead == minutes(20))
            #expect(wa.tasks.map(\.startedAt) == [F.at(1)])
            #expect(wb.tasks.map(\.startedAt) == [F.at(3)])
        }
    }

    @Test("assistants: first seen in a task is listed unregistered; PUT registers it")
    func assistants() async throws {
        try await withFreshStorage { storage in
            let tenant = try await Self.tenant(storage)
            try await storage.ingest.ingest(
                [F.task("t1", workflow: "W1", start: 0, end: 1, aiMode: .assisted, assistant: "triage-bot")],
                tenant: tenant, logger: logger)
            var all = try await storage.tenants.assistants(tenant: tenant, logger: logger)
            #expect(all == [AssistantMetadata(name: "triage-bot", registered: false)])
            let created = try await storage.tenants.putAssistant(
                AssistantMetadata(
                    name: "triage-bot", tool: "siem", category: .copilot, archetype: .taker, rolloutAt: F.at(-60)),
                tenant: tenant, logger: logger)
            #expect(created == false)
            all = try await storage.tenants.assistants(tenant: tenant, logger: logger)
            #expect(
                all == [
                    AssistantMetadata(
                        name: "triage-bot", tool: "siem", category: .copilot, archetype: .taker, rolloutAt: F.at(-60))
                ])
            #expect(
                try await storage.tenants.putAssistant(
                    AssistantMetadata(name: "new-one"), tenant: tenant, logger: logger))
        }
    }

    @Test("a 10,000-record batch is stored in a constant number of statements")
    func largeBatch() async throws {
        try await withFreshStorage { storage in
            let tenant = try await Self.tenant(storage)
            var records: [Record] = []
            for w in 0..<2_000 {
                let id = "W\(w)"
                records.append(F.workflow(id, opened: 0, closed: 600))
                for k in 0..<4 {
                    let start = Double(k * 60 + (w % 7))
                    records.append(
                        F.task(
                            "\(id)-t\(k)", workflow: id, start: start, end: start + 20,
                            tool: ["siem", "edr", "soar", "ticketing"][k], aiMode: k == 1 ? .assisted : .none))
                }
            }
            #expect(records.count == 10_000)
            let clock = ContinuousClock()
            let started = clock.now
            let result = try await storage.ingest.ingest(records, tenant: tenant, logger: logger)
            let elapsed = clock.now - started
            print("10,000-record batch stored in \(elapsed) with \(result.statements) statements")
            #expect(result.accepted == 10_000)
            #expect(result.workflowsRecomputed == 2_000)

            let small = try await storage.ingest.ingest(
                [F.workflow("X", opened: 0, closed: 5), F.task("x1", workflow: "X", start: 1, end: 2)],
                tenant: tenant, logger: logger)
            // The same statements whatever the batch size; the small batch skips the assistants insert.
            #expect(result.statements <= 12)
            #expect(small.statements <= 12)
            #expect(result.statements - small.statements <= 1)

            let counts = try await storage.database.client.query(
                """
                SELECT (SELECT count(*) FROM handoffs WHERE tenant_id = \(tenant))::int8,
                       (SELECT count(*) FROM workflows WHERE tenant_id = \(tenant)
                          AND touch_us + intake_us + handoff_wait_us + closure_us = lead_us)::int8
                """, logger: logger
            ).decode((Int64, Int64).self).reduce(into: [(Int64, Int64)]()) { $0.append($1) }
            #expect(counts.first?.0 == 8_001)
            #expect(counts.first?.1 == 2_001)
        }
    }

    @Test("concurrent batches touching the same workflows derive the same handoffs as one batch")
    func concurrentBatches() async throws {
        try await withFreshStorage { storage in
            let tenant = try await Self.tenant(storage)
            var generator = SeededGenerator(seed: 7)
            var tasks: [TaskRecord] = []
            for w in 0..<20 {
                for k in 0..<10 {
                    let start = Double(generator.next() % 500)
                    let end = start + Double(generator.next() % 60)
                    if case .task(let t) = F.task(
                        "w\(w)-t\(k)", workflow: "w\(w)", start: start, end: end,
                        tool: ["siem", "edr", "soar"][Int(generator.next() % 3)])
                    {
                        tasks.append(t)
                    }
                }
            }
            let workflows = (0..<20).map { F.workflow("w\($0)", opened: 0, closed: 600) }
            // Eight concurrent batches, each a random slice of the tasks, in random order.
            let shuffled = tasks.shuffled(using: &generator)
            let slices = stride(from: 0, to: shuffled.count, by: 25).map {
                Array(shuffled[$0..<min($0 + 25, shuffled.count)])
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await storage.ingest.ingest(workflows, tenant: tenant, logger: logger) }
                for slice in slices {
                    group.addTask {
                        try await storage.ingest.ingest(slice.map(Record.task), tenant: tenant, logger: logger)
                    }
                }
                try await group.waitForAll()
            }
            for w in 0..<20 {
                let timeline = try #require(
                    try await storage.reports.workflow(id: "w\(w)", tenant: tenant, logger: logger))
                let expected = HandoffDerivation.derive(
                    window: WorkflowWindow(openedAt: F.at(0), closedAt: F.at(600)),
                    tasks: tasks.filter { $0.workflowID == "w\(w)" }.map(DerivationTask.init))
                #expect(timeline.handoffs.map(\.handoff) == expected.handoffs)
                #expect(timeline.metrics == expected.metrics)
            }
        }
    }
}

/// Whole minutes as microseconds.
func minutes(_ m: Double) -> Int64 { Int64(m * 60_000_000) }

@Suite("Tags and perceptions in bulk")
struct AnnotationStorageTests {
    @Test("tags on existing handoffs are stored, others skipped; perceptions are stored")
    func annotations() async throws {
        try await withFreshStorage { storage in
            let logger = TestDatabase.logger
            let tenant = try await PostgresIngestRepositoryTests.tenant(storage)
            try await storage.ingest.ingest(
                [
                    Fixtures.workflow("W1", opened: 0, closed: 100),
                    Fixtures.task("t1", workflow: "W1", start: 0, end: 10),
                    Fixtures.task("t2", workflow: "W1", start: 70, end: 80),
                ], tenant: tenant, logger: logger)
            let stored = try await storage.ingest.addTags(
                [
                    HandoffTagRecord(workflowID: "W1", toTaskID: "t2", reason: .queueWait, note: "queued"),
                    HandoffTagRecord(workflowID: "W1", toTaskID: "nope", reason: .other, note: nil),
                    HandoffTagRecord(workflowID: "W9", toTaskID: "t2", reason: .other, note: nil),
                ], tenant: tenant, by: "tok", logger: logger)
            #expect(stored == 1)
            let timeline = try #require(try await storage.reports.workflow(id: "W1", tenant: tenant, logger: logger))
            #expect(timeline.handoffs.last?.tags.map(\.reason) == [.queueWait])

            try await storage.ingest.addPerceptions(
                [
                    Perception(
                        assistant: "bot", respondentRole: "ciso", rating: .excellent, ratedAt: Fixtures.at(0), note: nil
                    ),
                    Perception(
                        assistant: "bot", respondentRole: "analyst", rating: .none, ratedAt: Fixtures.at(0), note: "x"),
                ], tenant: tenant, logger: logger)
            let rows = try await storage.database.client.query(
                "SELECT rating FROM perceptions WHERE tenant_id = \(tenant) ORDER BY rating", logger: logger
            ).decode(String.self).reduce(into: [String]()) { $0.append($1) }
            #expect(rows == ["excellent", "none"])
            #expect(try await storage.tenants.assistants(tenant: tenant, logger: logger).map(\.name) == ["bot"])
        }
    }
}
