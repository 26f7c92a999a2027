import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Testing

@Suite("Month partitions, rollups and retention against PostgreSQL", .timeLimit(.minutes(10)))
struct PostgresMaintenanceTests {
    let logger = TestDatabase.logger
    typealias F = Fixtures

    /// Minutes from the fixtures' origin (2026-03-02T10:00Z) to a time in January 2026.
    static let january: Double = -60 * 24 * 40
    /// Minutes from the origin to 2026-03-01T00:30Z, half an hour into March.
    static let earlyMarch: Double = -(9 * 60 + 30) - 60 * 24

    /// Each stored row of the tenant with the partition it is in: `table.key → partition`.
    static func placement(_ storage: PostgresStorage, tenant: String) async throws -> [String: String] {
        let rows = try await storage.database.client.query(
            """
            SELECT 'task ' || task_id, tableoid::regclass::text FROM tasks WHERE tenant_id = \(tenant)
            UNION ALL
            SELECT 'handoff ' || to_task_id, tableoid::regclass::text FROM handoffs WHERE tenant_id = \(tenant)
            UNION ALL
            SELECT 'tag ' || to_task_id, to_char(opened_month, 'YYYY-MM') FROM handoff_tags WHERE tenant_id = \(tenant)
            """, logger: TestDatabase.logger
        ).collect(as: (String, String).self)
        return Dictionary(rows, uniquingKeysWith: { a, b in a + "," + b })
    }

    static func check(_ storage: PostgresStorage, tenant: String) async throws -> ConsistencyReport {
        try await storage.maintenance.checkDerivedData(tenant: tenant, logger: TestDatabase.logger)
    }

    /// Workflow W's two tasks, half an hour into March, without its record (so its opening is
    /// inferred from t1); t2 is a handoff from the SIEM to the EDR.
    static func earlyMarchTasks(_ storage: PostgresStorage, tenant: String) async throws {
        let m = earlyMarch
        try await storage.ingest.ingest(
            [
                F.task("t1", workflow: "W", start: m, end: m + 10),
                F.task("t2", workflow: "W", start: m + 30, end: m + 40, tool: "edr"),
            ], tenant: tenant, logger: TestDatabase.logger)
    }

    /// Workflow W, closed, with two tasks; t2 is a handoff from the SIEM to the EDR.
    static func closedCase(_ storage: PostgresStorage, tenant: String) async throws {
        try await storage.ingest.ingest(
            [
                F.workflow("W", opened: 0, closed: 60), F.task("t1", workflow: "W", start: 1, end: 5),
                F.task("t2", workflow: "W", start: 9, end: 20, tool: "edr"),
            ], tenant: tenant, logger: TestDatabase.logger)
    }

    @Test(
        "rows live in their workflow's opening month and move with it, tags too, when a record opens it a month earlier"
    )
    func rowsFollowTheOpeningMonth() async throws {
        try await withFreshStorage { storage in
            let tenant = try await PostgresIngestRepositoryTests.tenant(storage)
            // Tasks first: the opening is inferred from the earliest task, in March.
            try await Self.earlyMarchTasks(storage, tenant: tenant)
            let m = Self.earlyMarch
            #expect(
                try await Self.placement(storage, tenant: tenant) == [
                    "task t1": "tasks_y2026m03", "task t2": "tasks_y2026m03",
                    "handoff t1": "handoffs_y2026m03", "handoff t2": "handoffs_y2026m03",
                ])
            _ = try #require(
                try await storage.handoffs.tagHandoff(
                    id: "t2", reason: .queueWait, note: nil, tenant: tenant, by: nil, logger: logger))

            // The record says the case opened an hour earlier: on the last day of February.
            try await storage.ingest.ingest(
                [F.workflow("W", opened: m - 60, closed: m + 100)], tenant: tenant, logger: logger)
            #expect(
                try await Self.placement(storage, tenant: tenant) == [
                    "task t1": "tasks_y2026m02", "task t2": "tasks_y2026m02",
                    "handoff t1": "handoffs_y2026m02", "handoff t2": "handoffs_y2026m02", "tag t2": "2026-02",
                ])
            let w = try #require(try await storage.reports.workflow(id: "W", tenant: tenant, logger: logger))
            #expect(w.handoffs.first { $0.handoff.toTaskID == "t2" }?.tags.map(\.reason) == [.queueWait])
            let report = try await Self.check(storage, tenant: tenant)
            #expect(report.isConsistent, "\(report.differences)")
            #expect(report.tasks == 2)

            // The report over February finds it, the one over March no longer does.
            let feb = try await storage.reports.reportInput(
                tenant: tenant, from: try #require(Timestamp(rfc3339: "2026-02-01T00:00:00Z")),
                to: try #require(Timestamp(rfc3339: "2026-03-01T00:00:00Z")), logger: logger)
            let march = try await storage.reports.reportInput(
                tenant: tenant, from: try #require(Timestamp(rfc3339: "2026-03-01T00:00:00Z")),
                to: try #require(Timestamp(rfc3339: "2026-04-01T00:00:00Z")), logger: logger)
            #expect(feb.taskColumns.count == 2)
            #expect(march.taskColumns.count == 0)
        }
    }

    @Test("a task moved to a workflow of another month leaves its old month; its key follows; a repeat is a duplicate")
    func movedTaskChangesMonth() async throws {
        try await withFreshStorage { storage in
            let tenant = try await PostgresIngestRepositoryTests.tenant(storage)
            let j = Self.january
            try await storage.ingest.ingest(
                [
                    F.workflow("JAN", opened: j, closed: j + 100), F.task("a", workflow: "JAN", start: j, end: j + 5),
                    F.task("b", workflow: "JAN", start: j + 10, end: j + 20, tool: "edr"),
                    F.workflow("MAR", opened: 0, closed: 100), F.task("c", workflow: "MAR", start: 0, end: 5),
                ], tenant: tenant, logger: logger)
            let moved = try await storage.ingest.ingest(
                [F.task("b", workflow: "MAR", start: 10, end: 20, tool: "edr")], tenant: tenant, logger: logger)
            #expect(moved.accepted == 1)
            let placed = try await Self.placement(storage, tenant: tenant)
            #expect(placed["task b"] == "tasks_y2026m03")
            #expect(placed["task a"] == "tasks_y2026m01")
            #expect(placed.count == 6, "\(placed)")
            let keys = try await storage.database.client.query(
                "SELECT task_id, workflow_id FROM task_keys WHERE tenant_id = \(tenant) ORDER BY 1", logger: logger
            ).collect(as: (String, String).self)
            #expect(keys.map { "\($0.0)→\($0.1)" } == ["a→JAN", "b→MAR", "c→MAR"])
            let again = try await storage.ingest.ingest(
                [F.task("b", workflow: "MAR", start: 10, end: 20, tool: "edr")], tenant: tenant, logger: logger)
            #expect(again.accepted == 0)
            #expect(again.duplicates == 1)
            let report = try await Self.check(storage, tenant: tenant)
            #expect(report.isConsistent, "\(report.differences)")
        }
    }

    @Test("a tag written while its handoff moves to another month is stored with it in the new month (run again)")
    func tagDuringMove() async throws {
        try await withFreshStorage { storage in
            let tenant = try await PostgresIngestRepositoryTests.tenant(storage)
            try await Self.earlyMarchTasks(storage, tenant: tenant)
            try await storage.database.client.query(
                "SELECT baton_ensure_partitions(ARRAY['2026-02-01'::date])", logger: logger)
            try await storage.database.client.withConnection { mover in
                // What ingest does when a record opens the case in February, left uncommitted.
                try await mover.query("BEGIN", logger: logger)
                for statement: PostgresQuery in [
                    "UPDATE workflows SET effective_opened_at = '2026-02-28T23:00:00Z' WHERE tenant_id = \(tenant)",
                    "UPDATE tasks SET opened_month = '2026-02-01' WHERE tenant_id = \(tenant)",
                    "UPDATE handoffs SET opened_month = '2026-02-01' WHERE tenant_id = \(tenant)",
                ] {
                    try await mover.query(statement, logger: logger)
                }
                async let tagged = storage.handoffs.tagHandoff(
                    id: "t2", reason: .queueWait, note: nil, tenant: tenant, by: nil, logger: TestDatabase.logger)
                // The tag's key check waits for the mover's row lock, then finds the row gone from March.
                try await Task.sleep(for: .milliseconds(500))
                try await mover.query("COMMIT", logger: logger)
                #expect(try await tagged != nil)
            }
            #expect(try await Self.placement(storage, tenant: tenant)["tag t2"] == "2026-02")
        }
    }

    @Test("a tag written while ingest deletes its handoff finds no handoff (not an internal error)")
    func tagDuringDelete() async throws {
        try await withFreshStorage { storage in
            let tenant = try await PostgresIngestRepositoryTests.tenant(storage)
            try await Self.closedCase(storage, tenant: tenant)
            try await storage.database.client.withConnection { mover in
                // As when t2 moves to another workflow: its handoff in W goes, left uncommitted.
                try await mover.query("BEGIN", logger: logger)
                try await mover.query(
                    "DELETE FROM handoffs WHERE tenant_id = \(tenant) AND to_task_id = 't2'", logger: logger)
                async let tagged = storage.handoffs.tagHandoff(
                    id: "t2", reason: .queueWait, note: nil, tenant: tenant, by: nil, logger: TestDatabase.logger)
                // The tag's statement saw the handoff, waits on the deleted row's lock, then its key
                // check finds nothing (SQLSTATE 23503): the transaction is run again.
                try await Task.sleep(for: .milliseconds(500))
                try await mover.query("COMMIT", logger: logger)
                #expect(try await tagged == nil)
            }
        }
    }

    @Test("baton check reports a row outside its workflow's month and a task without its key")
    func checkFindsMisplacedRows() async throws {
        try await withFreshStorage { storage in
            let tenant = try await PostgresIngestRepositoryTests.tenant(storage)
            try await storage.ingest.ingest(
                [F.workflow("W", opened: 0, closed: 60), F.task("t1", workflow: "W", start: 1, end: 5)],
                tenant: tenant, logger: logger)
            try await storage.database.client.query(
                "SELECT baton_ensure_partitions(ARRAY['2026-05-01'::date])", logger: logger)
            try await storage.database.client.query(
                "UPDATE handoffs SET opened_month = '2026-05-01' WHERE tenant_id = \(tenant)", logger: logger)
            try await storage.database.client.query("DELETE FROM task_keys WHERE tenant_id = \(tenant)", logger: logger)
            let report = try await Self.check(storage, tenant: tenant)
            #expect(!report.isConsistent)
            #expect(report.misplacedRows == 2)
            #expect(report.differences.contains { $0.contains("handoff into task t1") && $0.contains("2026-05-01") })
            #expect(report.differences.contains { $0.contains("task t1") && $0.contains("missing") })

            // Keys back, plus two naming tasks that are not stored.
            try await storage.database.client.query(
                """
                INSERT INTO task_keys (tenant_id, task_id, workflow_id)
                VALUES (\(tenant), 't1', 'W'), (\(tenant), 'ghost-1', 'W'), (\(tenant), 'ghost-2', 'W')
                """, logger: logger)
            let keys = try await Self.check(storage, tenant: tenant)
            #expect(keys.misplacedRows == 3)
            #expect(keys.differences.contains("2 task keys name no stored task"))
        }
    }

    @Test("baton check reports a handoff whose current tag is not its newest")
    func checkFindsStaleCurrentTag() async throws {
        try await withFreshStorage { storage in
            let tenant = try await PostgresIngestRepositoryTests.tenant(storage)
            try await Self.closedCase(storage, tenant: tenant)
            for reason in [HandoffReason.queueWait, .toolSwitch] {
                _ = try #require(
                    try await storage.handoffs.tagHandoff(
                        id: "t2", reason: reason, note: nil, tenant: tenant, by: nil, logger: logger))
            }
            #expect(try await Self.check(storage, tenant: tenant).isConsistent)
            try await storage.database.client.query(
                "UPDATE handoffs SET tag_reason = 'queue-wait' WHERE tenant_id = \(tenant) AND to_task_id = 't2'",
                logger: logger)
            let report = try await Self.check(storage, tenant: tenant)
            #expect(!report.isConsistent)
            #expect(report.staleCurrentTags == 1)
            #expect(report.inconsistentWorkflows == 0)
            #expect(
                report.differences.contains {
                    $0.hasPrefix("handoff into task t2 of workflow W: current tag queue-wait #")
                        && $0.contains("newest tag tool-switch #")
                })
        }
    }

    @Test("the report does not touch other months' partitions: it finishes while an old month is locked")
    func reportPrunesToThePeriod() async throws {
        try await withFreshStorage { storage in
            let tenant = try await PostgresIngestRepositoryTests.tenant(storage)
            let j = Self.january
            try await storage.ingest.ingest(
                [
                    F.workflow("JAN", opened: j, closed: j + 100), F.task("a", workflow: "JAN", start: j, end: j + 5),
                    F.workflow("MAR", opened: 0, closed: 100), F.task("c", workflow: "MAR", start: 0, end: 5),
                    F.task("d", workflow: "MAR", start: 10, end: 50, tool: "edr"),
                ], tenant: tenant, logger: logger)
            let from = try #require(Timestamp(rfc3339: "2026-03-01T00:00:00Z"))
            let to = try #require(Timestamp(rfc3339: "2026-04-01T00:00:00Z"))
            // Warm up the pool's connections and the statistics outside the lock.
            _ = try await storage.reports.reportInput(tenant: tenant, from: from, to: to, logger: logger)

            try await storage.database.client.withConnection { locker in
                try await locker.query("BEGIN", logger: logger)
                try await locker.query(
                    "LOCK TABLE tasks_y2026m01, handoffs_y2026m01 IN ACCESS EXCLUSIVE MODE", logger: logger)
                // Blocked on January's lock, the report would wait until the ROLLBACK below, which
                // comes only after 15 s without an answer.
                let tasks = try await withThrowingTaskGroup(of: Int?.self) { group in
                    group.addTask {
                        try await storage.reports.reportInput(
                            tenant: tenant, from: from, to: to, logger: TestDatabase.logger
                        )
                        .taskColumns.count
                    }
                    group.addTask {
                        try? await Task.sleep(for: .seconds(15))
                        return nil
                    }
                    let first = try await group.next() ?? nil
                    try await locker.query("ROLLBACK", logger: TestDatabase.logger)
                    group.cancelAll()
                    while try await group.next() != nil {}
                    return first
                }
                #expect(tasks == 2, "the report should finish while January is locked")
            }
        }
    }

    /// Two maintenance passes: the second must find nothing left to do.
    static func settle(
        _ storage: PostgresStorage, now: Timestamp, retentionMonths: Int? = nil
    ) async throws -> [MaintenancePass] {
        var passes: [MaintenancePass] = []
        for _ in 0..<2 {
            passes.append(
                try await storage.maintenance.maintain(
                    now: now, retentionMonths: retentionMonths, logger: TestDatabase.logger))
        }
        return passes
    }

    /// `day: tasks, ended tasks, duration sum` of the tenant's task rollups, and `day: workflows,
    /// closed, lead sum, handoffs` of its workflow rollups.
    static func rollups(_ storage: PostgresStorage, tenant: String) async throws -> (
        tasks: [String], workflows: [String]
    ) {
        let tasks = try await storage.database.client.query(
            """
            SELECT day::text || ' ' || assistant || ' ' || ai_mode || ': ' || sum(tasks) || ' ' || sum(ended_tasks) || ' '
                   || sum(duration_us)
            FROM task_rollups WHERE tenant_id = \(tenant) GROUP BY day, assistant, ai_mode ORDER BY 1
            """, logger: TestDatabase.logger
        ).collectValues(String.self)
        let workflows = try await storage.database.client.query(
            """
            SELECT day::text || ': ' || sum(workflows) || ' ' || sum(closed) || ' ' || sum(lead_us) || ' ' || sum(handoffs)
            FROM workflow_rollups WHERE tenant_id = \(tenant) GROUP BY day ORDER BY 1
            """, logger: TestDatabase.logger
        ).collectValues(String.self)
        return (tasks, workflows)
    }

    @Test("maintenance creates coming months, rolls up changed months, and retention drops old rows but keeps rollups")
    func rollupsAndRetention() async throws {
        try await withFreshStorage { storage in
            let tenant = try await PostgresIngestRepositoryTests.tenant(storage)
            let j = Self.january
            try await storage.ingest.ingest(
                [
                    F.workflow("JAN", opened: j, closed: j + 100),
                    F.task("a", workflow: "JAN", start: j, end: j + 5, aiMode: .assisted, assistant: "copilot"),
                    F.task("b", workflow: "JAN", start: j + 10, end: j + 20, tool: "edr"),
                    F.workflow("MAR", opened: 0, closed: 100), F.task("c", workflow: "MAR", start: 0, end: 5),
                    F.task("d", workflow: "MAR", start: 10, end: nil, tool: "edr"),
                ], tenant: tenant, logger: logger)
            _ = try #require(
                try await storage.handoffs.tagHandoff(
                    id: "b", reason: .toolSwitch, note: nil, tenant: tenant, by: nil, logger: logger))
            let now = try #require(Timestamp(rfc3339: "2026-04-15T12:00:00Z"))

            let first = try await Self.settle(storage, now: now)
            #expect(first.first?.partitionsCreated == 6, "April, May and June, of tasks and handoffs")
            #expect(first.first?.monthsRolledUp.map(\.rfc3339) == ["2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z"])
            #expect(first.last == MaintenancePass(), "a pass after it finds nothing to do")
            let before = try await Self.rollups(storage, tenant: tenant)
            #expect(
                before.tasks == [
                    "2026-01-21  none: 1 1 600000000", "2026-01-21 copilot assisted: 1 1 300000000",
                    "2026-03-02  none: 2 1 300000000",
                ])
            #expect(before.workflows == ["2026-01-21: 1 1 6000000000 1", "2026-03-02: 1 1 6000000000 1"])

            // A new task in March: only March is rolled up again.
            try await storage.ingest.ingest(
                [F.task("e", workflow: "MAR", start: 60, end: 70, tool: "soar")], tenant: tenant, logger: logger)
            let second = try await Self.settle(storage, now: now)
            #expect(second.first?.monthsRolledUp.map(\.rfc3339) == ["2026-03-01T00:00:00Z"])
            #expect(try await Self.rollups(storage, tenant: tenant).tasks.last == "2026-03-02  none: 3 2 900000000")

            // A tag changes what the coordination rollups count (tag reasons): March is rolled up
            // again, though no row was ingested.
            _ = try #require(
                try await storage.handoffs.tagHandoff(
                    id: "d", reason: .queueWait, note: nil, tenant: tenant, by: nil, logger: logger))
            let tagged = try await Self.settle(storage, now: now)
            #expect(tagged.first?.monthsRolledUp.map(\.rfc3339) == ["2026-03-01T00:00:00Z"])

            // Keep two months back from April: January goes, its rollups stay.
            let retained = try await Self.settle(storage, now: now, retentionMonths: 2)
            #expect(retained.flatMap(\.monthsRetired).map(\.rfc3339) == ["2026-01-01T00:00:00Z"])
            let after = try await Self.rollups(storage, tenant: tenant)
            #expect(after.tasks.prefix(2) == before.tasks.prefix(2))
            #expect(after.workflows.first == before.workflows.first)
            let left = try await storage.database.client.query(
                """
                SELECT (SELECT count(*) FROM workflows WHERE tenant_id = \(tenant))::int8,
                       (SELECT count(*) FROM tasks WHERE tenant_id = \(tenant))::int8,
                       (SELECT count(*) FROM task_keys WHERE tenant_id = \(tenant))::int8,
                       (SELECT count(*) FROM handoff_tags WHERE tenant_id = \(tenant))::int8,
                       (SELECT count(*) FROM pg_class WHERE relname IN ('tasks_y2026m01', 'handoffs_y2026m01'))::int8,
                       (SELECT count(*) FROM retired_months WHERE month = '2026-01-01' AND cleared)::int8
                """, logger: logger
            ).collect(as: (Int64, Int64, Int64, Int64, Int64, Int64).self).first
            // January's tag went with its month; March's stays.
            #expect(left.map { [$0.0, $0.1, $0.2, $0.3, $0.4, $0.5] } == [1, 3, 3, 1, 0, 1])
            let report = try await Self.check(storage, tenant: tenant)
            #expect(report.isConsistent, "\(report.differences)")

            // A late case of January: stored, then retired again, its figures added to the month's.
            try await storage.ingest.ingest(
                [
                    F.workflow("JAN-2", opened: j, closed: j + 50),
                    F.task("f", workflow: "JAN-2", start: j, end: j + 50),
                ],
                tenant: tenant, logger: logger)
            let late = try await Self.settle(storage, now: now, retentionMonths: 2)
            #expect(late.flatMap(\.monthsRetired).map(\.rfc3339) == ["2026-01-01T00:00:00Z"])
            let added = try await Self.rollups(storage, tenant: tenant)
            #expect(added.tasks.first == "2026-01-21  none: 2 2 3600000000")
            #expect(added.workflows.first == "2026-01-21: 2 2 9000000000 1")

            // `baton demo --reset` empties the tenant, rollups included.
            try await storage.tenants.deleteTenantData(tenant: tenant, logger: logger)
            let emptied = try await Self.rollups(storage, tenant: tenant)
            #expect(emptied.tasks.isEmpty && emptied.workflows.isEmpty)
        }
    }

    @Test("a partition's month is read from its name only for partition names (the planner may ask any table)")
    func partitionMonthOfAName() async throws {
        try await withFreshStorage { storage in
            let months = try await storage.database.client.query(
                """
                SELECT COALESCE(baton_partition_month(n)::text, '-')
                FROM unnest(ARRAY['tasks_y2026m03', 'handoffs_y1999m12', 'pg_toast_16384', 'tasks', 'x_y2026m03',
                                  'tasks_y2026m3']::name[]) AS n
                """, logger: logger
            ).collectValues(String.self)
            #expect(months == ["2026-03-01", "1999-12-01", "-", "-", "-", "-"])
            // Over the whole catalog, as a maintenance pass may be planned.
            let errors = try await storage.database.client.query(
                "SELECT count(baton_partition_month(relname))::int8 FROM pg_class", logger: logger
            ).collectValues(Int64.self)
            #expect(errors.count == 1)
        }
    }

    @Test("the maintenance service creates the coming months' partitions, then stops on graceful shutdown")
    func serviceRunsAndStops() async throws {
        try await withFreshStorage { storage in
            let logger = TestDatabase.logger
            let maintainer = PartitionMaintainer(
                maintenance: storage.maintenance, interval: .milliseconds(100), retentionMonths: 12, logger: logger)
            let group = ServiceGroup(
                configuration: .init(services: [maintainer], gracefulShutdownSignals: [], logger: logger))
            let next = Timestamp(Date()).utcMonthStart(plusMonths: 2).rfc3339
            let name = "tasks_y\(next.prefix(4))m\(next.dropFirst(5).prefix(2))"
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var created = false
                for _ in 0..<100 where !created {
                    try await Task.sleep(for: .milliseconds(100))
                    created =
                        try await storage.database.client.query(
                            "SELECT to_regclass(\("public." + name))::text", logger: logger
                        ).collectValues(String?.self).first.flatMap { $0 } == name
                }
                #expect(created, "\(name) should exist")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }
}
