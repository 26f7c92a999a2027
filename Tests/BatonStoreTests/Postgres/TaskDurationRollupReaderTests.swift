import BatonCore
import BatonSimulation
import BatonStore
import BatonTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

@Suite("Task duration rollups (migration 0018) against PostgreSQL", .timeLimit(.minutes(10)))
struct TaskDurationRollupReaderTests {
    let logger = TestDatabase.logger
    typealias F = Fixtures
    typealias Key = TaskDurationRollups.Key

    /// The reader's answer in a snapshot of the tenant, as the report reads it.
    static func read(
        _ storage: PostgresStorage, tenant: String, from: String, to: String
    ) async throws -> TaskDurationRollups {
        let (fromDay, toDay) = (try #require(Timestamp(rfc3339: from)), try #require(Timestamp(rfc3339: to)))
        return try await storage.database.tenantTransaction(
            "read rollups", tenant: tenant, snapshot: true, logger: TestDatabase.logger
        ) { connection in
            try await TaskDurationRollupReader.read(
                on: connection, tenant: tenant, fromDay: fromDay, toDay: toDay, logger: TestDatabase.logger)
        }
    }

    /// The same figures from the rows: the ended tasks of the workflows opened (UTC) on days in
    /// [from, to), with the report's duration (`report_source.tasks.duration_us`), rolled up in Swift.
    static func fromRows(
        _ storage: PostgresStorage, tenant: String, from: String, to: String
    ) async throws -> TaskDurationRollups {
        let rows = try await storage.database.client.query(
            """
            SELECT t.task_type, t.ai_mode, COALESCE(t.assistant, ''), COALESCE(w.severity, 'unknown'), t.workflow_id,
                   t.duration_us
            FROM report_source.tasks AS t JOIN workflows AS w ON w.tenant_id = t.tenant_id AND w.workflow_id = t.workflow_id
            WHERE t.tenant_id = \(tenant) AND t.ended_at IS NOT NULL
              AND (w.effective_opened_at AT TIME ZONE 'UTC')::date >= (\(from)::timestamptz AT TIME ZONE 'UTC')::date
              AND (w.effective_opened_at AT TIME ZONE 'UTC')::date < (\(to)::timestamptz AT TIME ZONE 'UTC')::date
            """, logger: TestDatabase.logger
        ).collect(as: (String, String, String, String, String, Int64).self)
        var durations: [Key: [Int64]] = [:]
        var tasks: [String: Int64] = [:]
        var workflows: [String: Set<String>] = [:]
        for (type, mode, assistant, severity, workflow, duration) in rows {
            let key = Key(
                taskType: type, aiMode: mode, assistant: assistant.isEmpty ? nil : assistant, severity: severity)
            durations[key, default: []].append(duration)
            tasks[type, default: 0] += 1
            workflows[type, default: []].insert(workflow)
        }
        return TaskDurationRollups(
            entries: durations.mapValues(DurationRollup.init), typeTasks: tasks,
            typeWorkflows: workflows.mapValues { Int64($0.count) }, fresh: true)
    }

    /// The first day of the tenant's cases to the day after its last, and a window of 31 days
    /// from its 21st day.
    static func span(_ storage: PostgresStorage, tenant: String) async throws -> [(String, String)] {
        let span = try #require(
            try await storage.database.client.query(
                """
                SELECT to_char(min(effective_opened_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T00:00:00Z"'),
                       to_char(max(effective_opened_at) AT TIME ZONE 'UTC' + interval '1 day', 'YYYY-MM-DD"T00:00:00Z"'),
                       to_char(min(effective_opened_at) AT TIME ZONE 'UTC' + interval '20 days', 'YYYY-MM-DD"T00:00:00Z"'),
                       to_char(min(effective_opened_at) AT TIME ZONE 'UTC' + interval '51 days', 'YYYY-MM-DD"T00:00:00Z"')
                FROM workflows WHERE tenant_id = \(tenant)
                """, logger: TestDatabase.logger
            ).collect(as: (String, String, String, String).self).first)
        return [(span.0, span.1), (span.2, span.3)]
    }

    /// A bundled scenario's first tenant (the default scenario's unless `scenario` names one) at
    /// `workflows` cases, stored through ingest.
    static func loadSimulatedSOC(
        _ storage: PostgresStorage, workflows: Int, seed: UInt64, scenario name: String? = nil
    ) async throws -> String {
        var scenario = try name.map { try Scenario.bundled(named: $0) } ?? Scenario.bundledDefault()
        scenario.workflows = workflows
        let simulator = SOCSimulator(scenario: scenario, seed: seed)
        let tenant = try #require(scenario.tenants.first).id
        try await storage.tenants.ensureTenant(tenant, deliveryModel: nil, logger: TestDatabase.logger)
        let records = simulator.workflows(tenantIndex: 0).flatMap(\.records)
        _ = try await storage.ingest.ingest(records, tenant: tenant, batchSize: 5_000, logger: TestDatabase.logger)
        return tenant
    }

    @Test(
        "on a simulated SOC, every key's merged rollup equals the rollup of its rows (bins, counts, sum), over all days and over a window; type totals are the rows' counts"
    )
    func simulatedSOCEqualsRows() async throws {
        try await withFreshStorage { storage in
            let tenant = try await Self.loadSimulatedSOC(storage, workflows: 2_000, seed: 23)
            let pass = try await storage.maintenance.maintain(now: Timestamp.now, retentionMonths: nil, logger: logger)
            #expect(!pass.monthsRolledUp.isEmpty)
            for (from, to) in try await Self.span(storage, tenant: tenant) {
                let rollups = try await Self.read(storage, tenant: tenant, from: from, to: to)
                let rows = try await Self.fromRows(storage, tenant: tenant, from: from, to: to)
                #expect(rollups.fresh)
                #expect(rows.entries.count > 10, "the sample should have many keys")
                #expect(rows.entries.values.contains { $0.count > 100 })
                #expect(Set(rollups.entries.keys) == Set(rows.entries.keys))
                for (key, expected) in rows.entries {
                    #expect(rollups.entries[key] == expected, "\(key)")
                }
                #expect(rollups.typeTasks == rows.typeTasks)
                #expect(rollups.typeWorkflows == rows.typeWorkflows)
            }
        }
    }

    @Test(
        "the SQL bin rule is DurationHistogram.bin(of:) at both sides of every bin boundary up to 30 days, and beyond")
    func binRuleMatchesSwift() async throws {
        try await withFreshStorage { storage in
            var durations: [Int64] = [0, 1, 2, 3, 999, 1_000_000, 1 << 53, (1 << 53) + 1, Int64.max / 2, Int64.max]
            let thirtyDays = 30 * 86_400_000_000.0
            var i = 1.0
            while pow(DurationHistogram.gamma, i) < thirtyDays {
                let edge = pow(DurationHistogram.gamma, i)
                for d in [edge.rounded(.down) - 1, edge.rounded(.down), edge.rounded(.up), edge.rounded(.up) + 1]
                where d >= 0 {
                    durations.append(Int64(d))
                }
                i += 1
            }
            let sql = try await storage.database.client.query(
                """
                SELECT baton_duration_bin(d) FROM unnest(\(durations)::int8[]) WITH ORDINALITY AS u(d, k) ORDER BY k
                """, logger: logger
            ).collectValues(Int32.self)
            let swift = durations.map(DurationHistogram.bin(of:))
            #expect(durations.count > 20_000)
            #expect(sql.count == swift.count)
            let differing = zip(durations, zip(sql, swift)).filter { $0.1.0 != $0.1.1 }
            #expect(differing.isEmpty, "durations binned differently (duration, SQL, Swift): \(differing.prefix(10))")
        }
    }

    /// The tenant's January case JAN (two tasks, 5 and 10 minutes) and March case MAR (one).
    static func januaryAndMarch(_ storage: PostgresStorage, tenant: String) async throws {
        let j = PostgresMaintenanceTests.january
        _ = try await storage.ingest.ingest(
            [
                F.workflow("JAN", opened: j, closed: j + 100),
                F.task("a", workflow: "JAN", start: j, end: j + 5, aiMode: .assisted, assistant: "copilot"),
                F.task("b", workflow: "JAN", start: j + 10, end: j + 20, tool: "edr"),
                F.workflow("MAR", opened: 0, closed: 100), F.task("c", workflow: "MAR", start: 0, end: 5),
            ], tenant: tenant, logger: TestDatabase.logger)
    }

    static let minute: Int64 = 60_000_000

    @Test(
        "a late task into a rolled-up day: the reader says not fresh until the maintenance pass, then fresh with the late task counted (fails without the rollup refresh)"
    )
    func lateTaskNeedsTheRefresh() async throws {
        try await withFreshStorage { storage in
            let tenant = try await PostgresIngestRepositoryTests.tenant(storage)
            try await Self.januaryAndMarch(storage, tenant: tenant)
            let now = try #require(Timestamp(rfc3339: "2026-04-15T12:00:00Z"))
            _ = try await PostgresMaintenanceTests.settle(storage, now: now)
            let (from, to) = ("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")
            let key = Key(taskType: "alert-triage", aiMode: "none", assistant: nil, severity: "high")
            let before = try await Self.read(storage, tenant: tenant, from: from, to: to)
            #expect(before.fresh)
            #expect(before.entries == [key: DurationRollup([5 * Self.minute])])

            _ = try await storage.ingest.ingest(
                [F.task("d", workflow: "MAR", start: 30, end: 37, tool: "edr")], tenant: tenant, logger: logger)
            let stale = try await Self.read(storage, tenant: tenant, from: from, to: to)
            #expect(!stale.fresh, "a mark of March exists until the pass")
            #expect(stale.entries == before.entries)
            // January's rollups are untouched by March's ingest, so they stay fresh.
            #expect(
                try await Self.read(storage, tenant: tenant, from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z")
                    .fresh)

            _ = try await PostgresMaintenanceTests.settle(storage, now: now)
            let after = try await Self.read(storage, tenant: tenant, from: from, to: to)
            #expect(after.fresh)
            #expect(after.entries == [key: DurationRollup([5 * Self.minute, 7 * Self.minute])])
            #expect(after.typeTasks == ["alert-triage": 2])
            #expect(after.typeWorkflows == ["alert-triage": 1])
            #expect(after == (try await Self.fromRows(storage, tenant: tenant, from: from, to: to)))
        }
    }

    @Test("retirement keeps January's histograms; a late January case is added to them (additive merge)")
    func retirementKeepsAndAddsHistograms() async throws {
        try await withFreshStorage { storage in
            let tenant = try await PostgresIngestRepositoryTests.tenant(storage)
            try await Self.januaryAndMarch(storage, tenant: tenant)
            let now = try #require(Timestamp(rfc3339: "2026-04-15T12:00:00Z"))
            let (from, to) = ("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")
            _ = try await PostgresMaintenanceTests.settle(storage, now: now)
            let before = try await Self.read(storage, tenant: tenant, from: from, to: to)
            #expect(before == (try await Self.fromRows(storage, tenant: tenant, from: from, to: to)))
            #expect(before.entries.count == 2)

            let retired = try await PostgresMaintenanceTests.settle(storage, now: now, retentionMonths: 2)
            #expect(retired.flatMap(\.monthsRetired).map(\.rfc3339) == ["2026-01-01T00:00:00Z"])
            let kept = try await Self.read(storage, tenant: tenant, from: from, to: to)
            #expect(kept == before)
            #expect(try await Self.fromRows(storage, tenant: tenant, from: from, to: to).entries.isEmpty, "rows gone")

            // A late case of January, in the key of task b (no AI, high severity, the same day).
            let j = PostgresMaintenanceTests.january
            _ = try await storage.ingest.ingest(
                [
                    F.workflow("JAN-2", opened: j, closed: j + 50),
                    F.task("f", workflow: "JAN-2", start: j, end: j + 50),
                    F.task("g", workflow: "JAN-2", start: j + 50, end: j + 50, tool: "edr"),
                ], tenant: tenant, logger: logger)
            let late = try await PostgresMaintenanceTests.settle(storage, now: now, retentionMonths: 2)
            #expect(late.flatMap(\.monthsRetired).map(\.rfc3339) == ["2026-01-01T00:00:00Z"])
            let added = try await Self.read(storage, tenant: tenant, from: from, to: to)
            let none = Key(taskType: "alert-triage", aiMode: "none", assistant: nil, severity: "high")
            var expected = before
            expected.entries[none]?.merge(DurationRollup([50 * Self.minute, 0]))
            expected.typeTasks["alert-triage", default: 0] += 2
            expected.typeWorkflows["alert-triage", default: 0] += 1
            #expect(added == expected)
            #expect(added.entries[none] == DurationRollup([10 * Self.minute, 50 * Self.minute, 0]))
            #expect(added.entries[none]?.histogram.bins.first == DurationHistogram.zeroBin)

            // `baton demo --reset` empties the tenant, these rollups included.
            try await storage.tenants.deleteTenantData(tenant: tenant, logger: logger)
            let emptied = try await Self.read(storage, tenant: tenant, from: from, to: to)
            #expect(emptied.entries.isEmpty && emptied.typeTasks.isEmpty)
        }
    }

    @Test(
        "a late row for a retired month keeps it stale until retention adds it: a pass without retention leaves the mark (fails if the pass deletes it)"
    )
    func lateRowForRetiredMonthStaysStale() async throws {
        try await withFreshStorage { storage in
            let tenant = try await PostgresIngestRepositoryTests.tenant(storage)
            try await Self.januaryAndMarch(storage, tenant: tenant)
            let now = try #require(Timestamp(rfc3339: "2026-04-15T12:00:00Z"))
            let (from, to) = ("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")
            _ = try await PostgresMaintenanceTests.settle(storage, now: now, retentionMonths: 2)
            let retired = try await Self.read(storage, tenant: tenant, from: from, to: to)
            #expect(retired.fresh)

            let j = PostgresMaintenanceTests.january
            _ = try await storage.ingest.ingest(
                [
                    F.workflow("JAN-3", opened: j, closed: j + 20),
                    F.task("h", workflow: "JAN-3", start: j, end: j + 20),
                ],
                tenant: tenant, logger: logger)
            // Passes without retention recompute live months only; January's mark must survive them.
            let passes = try await PostgresMaintenanceTests.settle(storage, now: now)
            #expect(passes.flatMap(\.monthsRolledUp).isEmpty)
            let stale = try await Self.read(storage, tenant: tenant, from: from, to: to)
            #expect(!stale.fresh, "the late row is neither in the rollups nor may the range read as complete")
            #expect(stale.entries == retired.entries)

            _ = try await PostgresMaintenanceTests.settle(storage, now: now, retentionMonths: 2)
            let added = try await Self.read(storage, tenant: tenant, from: from, to: to)
            #expect(added.fresh)
            #expect(added.typeTasks["alert-triage"] == (retired.typeTasks["alert-triage"] ?? 0) + 1)
        }
    }

    @Test("baton_merge_bins gives the canonical pair: as Swift's merge on overlapping, disjoint and empty histograms")
    func mergeFunction() async throws {
        try await withFreshStorage { storage in
            let zero = DurationHistogram.zeroBin
            let cases: [(([Int32], [Int64]), ([Int32], [Int64]))] = [
                (([1, 3, 5], [1, 2, 3]), ([3, 4, 5], [10, 1, 1])),  // overlapping
                (([zero, 2], [4, 1]), ([7, 900], [2, 5])),  // disjoint
                (([zero, 2], [4, 1]), ([zero], [6])),  // the zero bin in both
                (([], []), ([-3, 8], [1, 1])),  // one empty
                (([], []), ([], [])),  // both empty
            ]
            for (a, b) in cases {
                let merged = try await storage.database.client.query(
                    "SELECT bins, counts FROM baton_merge_bins(\(a.0), \(a.1), \(b.0), \(b.1))", logger: logger
                ).collect(as: ([Int32], [Int64]).self).first
                let (x, y) = (
                    try #require(DurationHistogram(bins: a.0, counts: a.1)),
                    try #require(DurationHistogram(bins: b.0, counts: b.1))
                )
                let expected = x.merging(y)
                #expect(
                    merged.map { [$0.0.map(Int64.init), $0.1] } == [expected.bins.map(Int64.init), expected.counts])
            }
            // Inputs that are not canonical still give a canonical pair; NULL is empty.
            let repaired = try await storage.database.client.query(
                """
                SELECT bins, counts FROM baton_merge_bins('{9,1,9,4}'::int4[], '{1,1,1,0}'::int8[], NULL, NULL)
                """, logger: logger
            ).collect(as: ([Int32], [Int64]).self).first
            #expect(repaired.map { [$0.0.map(Int64.init), $0.1] } == [[1, 9], [1, 2]])
        }
    }
}
