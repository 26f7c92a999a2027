import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

@Suite("Coordination rollups (migration 0019) against PostgreSQL", .timeLimit(.minutes(10)))
struct CoordinationRollupReaderTests {
    let logger = TestDatabase.logger
    typealias F = Fixtures

    /// The rollup reader's answer in a snapshot of the tenant, as the report reads it.
    static func read(
        _ storage: PostgresStorage, tenant: String, from: Timestamp, to: Timestamp
    ) async throws -> (input: CoordinationInput, fresh: Bool) {
        try await storage.database.tenantTransaction(
            "read coordination rollups", tenant: tenant, snapshot: true, logger: TestDatabase.logger
        ) { connection in
            let fresh = try await RollupFreshness.isFresh(
                on: connection, tenant: tenant, fromDay: from, toDay: to, logger: TestDatabase.logger)
            let input = try await CoordinationRollupReader.read(
                on: connection, tenant: tenant, fromDay: from, toDay: to, logger: TestDatabase.logger)
            return (input, fresh)
        }
    }

    /// The row statement's answer over the same period.
    static func fromRows(
        _ storage: PostgresStorage, tenant: String, from: Timestamp, to: Timestamp
    ) async throws -> CoordinationInput {
        try await storage.database.tenantTransaction(
            "read coordination rows", tenant: tenant, snapshot: true, logger: TestDatabase.logger
        ) { connection in
            try await CoordinationInputReader.coordinationInput(
                on: connection, tenant: tenant, from: from, to: to, logger: TestDatabase.logger)
        }
    }

    /// `input` without its medians and path: what must equal exactly between the two paths.
    static func withoutMedians(_ input: CoordinationInput) -> CoordinationInput {
        var copy = input
        copy.path = .rows
        for i in copy.handoffs.indices { copy.handoffs[i].medianWait = nil }
        for i in copy.links.indices { copy.links[i].medianWait = nil }
        return copy
    }

    /// Every median of `rollups` within the histogram's relative accuracy (α = 0.249%) of the
    /// rows' median of the same group (a tolerance of 1e-9 relative for the float arithmetic).
    static func expectMediansWithinBound(_ rollups: CoordinationInput, _ rows: CoordinationInput) {
        let alpha = DurationHistogram.relativeAccuracy * (1 + 1e-9)
        func check(_ r: Double?, _ e: Double?, _ what: String) {
            guard let e else {
                #expect(r == nil, "\(what)")
                return
            }
            guard let r else {
                Issue.record("\(what): no median from the rollups, \(e) from the rows")
                return
            }
            #expect(abs(r - e) <= alpha * e, "\(what): \(r) vs \(e)")
        }
        #expect(rollups.handoffs.count == rows.handoffs.count && rollups.links.count == rows.links.count)
        for (r, e) in zip(rollups.handoffs, rows.handoffs) { check(r.medianWait, e.medianWait, "\(e.from)→\(e.to)") }
        for (r, e) in zip(rollups.links, rows.links) {
            check(r.medianWait, e.medianWait, "link \(e.producer)→\(e.consumer)")
        }
    }

    /// The first and one-past-the-last UTC day of the tenant's workflows.
    static func span(_ storage: PostgresStorage, tenant: String) async throws -> (Timestamp, Timestamp) {
        let row = try #require(
            try await storage.database.client.query(
                """
                SELECT (extract(epoch FROM date_trunc('day', min(effective_opened_at) AT TIME ZONE 'UTC')) * 1000000)::int8,
                       (extract(epoch FROM date_trunc('day', max(effective_opened_at) AT TIME ZONE 'UTC') + interval '1 day')
                        * 1000000)::int8
                FROM workflows WHERE tenant_id = \(tenant)
                """, logger: TestDatabase.logger
            ).collect(as: (Int64, Int64).self).first)
        return (Timestamp(microseconds: row.0), Timestamp(microseconds: row.1))
    }

    static let day: Int64 = 86_400_000_000

    @Test(
        "on a simulated SOC, the merged rollups equal the row statement in every count and sum and the consumed count, medians within 0.249%, over all days and over a window"
    )
    func simulatedSOCEqualsRows() async throws {
        try await withFreshStorage { storage in
            let tenant = try await TaskDurationRollupReaderTests.loadSimulatedSOC(storage, workflows: 2_000, seed: 23)
            let (first, end) = try await Self.span(storage, tenant: tenant)
            // The scenario duplicates no work: a few cases that do, on days across the span.
            _ = try await storage.ingest.ingest(
                (0..<6).flatMap { i in
                    Self.duplicatedCase(
                        "DUP-\(i)", at: Self.minutes(from: F.origin, to: first) + Double(i) * 14_400 + 600)
                }, tenant: tenant, logger: logger)
            _ = try await PostgresMaintenanceTests.settle(storage, now: Timestamp.now)
            let window = (first.adding(microseconds: 20 * Self.day), first.adding(microseconds: 51 * Self.day))
            for (from, to) in [(first, end), window] {
                let (rollups, fresh) = try await Self.read(storage, tenant: tenant, from: from, to: to)
                let rows = try await Self.fromRows(storage, tenant: tenant, from: from, to: to)
                #expect(fresh)
                #expect(rollups.path == .rollups && rows.path == .rows)
                // The sample exercises every group.
                #expect(rows.handoffs.count > 3 && rows.handoffs.contains { $0.handoffs > 100 })
                #expect(!rows.links.isEmpty)
                #expect(!rows.duplicates.isEmpty && !rows.duplicateBySide.isEmpty)
                #expect(rows.aiTasksConsumed > 0 && rows.aiTasks > rows.aiTasksConsumed)
                #expect(rows.handoffs.contains { $0.regathered > 0 } && rows.handoffs.contains { $0.brokenLinks > 0 })
                #expect(Self.withoutMedians(rollups) == Self.withoutMedians(rows))
                Self.expectMediansWithinBound(rollups, rows)
            }
        }
    }

    /// A case on `day` (minutes after Fixtures' origin): an assisted copilot task, then a human
    /// task that consumes its output: one handoff copilot → human and one link.
    static func consumedCase(_ id: String, at start: Double) -> [Record] {
        [
            F.workflow(id, opened: start, closed: start + 60),
            F.task("\(id)-ai", workflow: id, start: start, end: start + 5, aiMode: .assisted, assistant: "copilot"),
            F.task("\(id)-h", workflow: id, start: start + 12, end: start + 30, tool: "edr", contextFrom: "\(id)-ai"),
        ]
    }

    /// A case where a human triages while copilot, who started first, is still triaging: the
    /// human's 10 minutes duplicate copilot's work.
    static func duplicatedCase(_ id: String, at start: Double) -> [Record] {
        [
            F.workflow(id, opened: start, closed: start + 60),
            F.task("\(id)-ai", workflow: id, start: start, end: start + 30, aiMode: .assisted, assistant: "copilot"),
            F.task("\(id)-h", workflow: id, start: start + 10, end: start + 20, tool: "edr"),
        ]
    }

    static func minutes(from origin: Timestamp, to t: Timestamp) -> Double {
        Double(t.microseconds - origin.microseconds) / 60_000_000
    }

    static func total(_ input: CoordinationInput) -> (handoffs: Int, links: Int, reworked: Int) {
        (
            input.handoffs.reduce(0) { $0 + $1.handoffs }, input.links.reduce(0) { $0 + $1.links },
            input.handoffs.reduce(0) { $0 + $1.reworked }
        )
    }

    @Test(
        "the report over whole days reads the rollups when fresh, the rows once a late record or a tag marks the month, and the rollups again after the pass with the late record counted (fails without the rollup refresh)"
    )
    func reportTakesRollupsWhenFresh() async throws {
        try await withFreshStorage { storage in
            let tenant = try await TaskDurationRollupReaderTests.loadSimulatedSOC(storage, workflows: 600, seed: 7)
            _ = try await PostgresMaintenanceTests.settle(storage, now: Timestamp.now)
            let (from, to) = try await Self.span(storage, tenant: tenant)
            func report() async throws -> CoordinationInput {
                try await storage.reports.reportInput(tenant: tenant, from: from, to: to, logger: logger).coordination
            }
            let fresh = try await report()
            let rows = try await Self.fromRows(storage, tenant: tenant, from: from, to: to)
            #expect(fresh.path == .rollups)
            #expect(Self.withoutMedians(fresh) == Self.withoutMedians(rows))
            let direct = try await storage.reports.coordinationInput(tenant: tenant, from: from, to: to, logger: logger)
            #expect(direct == fresh, "GET /v1/coordination reads the same rollups")

            // A late case on the second day of the period.
            let start = Self.minutes(from: F.origin, to: from.adding(microseconds: Self.day + 36_000_000_000))
            _ = try await storage.ingest.ingest(Self.consumedCase("LATE", at: start), tenant: tenant, logger: logger)
            let stale = try await report()
            #expect(stale.path == .rows, "the late record's month is marked until the pass")
            #expect(Self.total(stale).handoffs == Self.total(rows).handoffs + 1)
            #expect(Self.total(stale).links == Self.total(rows).links + 1)

            _ = try await PostgresMaintenanceTests.settle(storage, now: Timestamp.now)
            let refreshed = try await report()
            #expect(refreshed.path == .rollups)
            #expect(Self.withoutMedians(refreshed) == Self.withoutMedians(stale))
            Self.expectMediansWithinBound(refreshed, stale)

            // A tag changes what a handoff counts as: its month reads rows until the next pass.
            _ = try await storage.handoffs.tagHandoff(
                id: "LATE-h", reason: .aiOutputRework, note: nil, tenant: tenant, by: nil, logger: logger)
            let tagged = try await report()
            #expect(tagged.path == .rows)
            #expect(Self.total(tagged).reworked == Self.total(refreshed).reworked + 1)
            _ = try await PostgresMaintenanceTests.settle(storage, now: Timestamp.now)
            let retagged = try await report()
            #expect(retagged.path == .rollups)
            #expect(Self.withoutMedians(retagged) == Self.withoutMedians(tagged))
        }
    }

    @Test("a period that does not start and end at 00:00 UTC reads the rows, fresh rollups or not")
    func unalignedPeriodReadsRows() async throws {
        try await withFreshStorage { storage in
            let tenant = try await PostgresIngestRepositoryTests.tenant(storage)
            _ = try await storage.ingest.ingest(Self.consumedCase("C", at: 0), tenant: tenant, logger: logger)
            _ = try await PostgresMaintenanceTests.settle(storage, now: Timestamp.now)
            let day = F.origin.adding(microseconds: -(F.origin.microseconds % Self.day))
            let next = day.adding(microseconds: Self.day)
            let aligned = try await storage.reports.coordinationInput(
                tenant: tenant, from: day, to: next, logger: logger)
            #expect(aligned.path == .rollups)
            #expect(Self.total(aligned).handoffs == 1 && Self.total(aligned).links == 1)
            for (from, to) in [(day.adding(microseconds: 3_600_000_000), next), (day, next.adding(microseconds: 1))] {
                let input = try await storage.reports.coordinationInput(
                    tenant: tenant, from: from, to: to, logger: logger)
                #expect(input.path == .rows)
                #expect(Self.withoutMedians(input) == Self.withoutMedians(aligned))
                let report = try await storage.reports.reportInput(tenant: tenant, from: from, to: to, logger: logger)
                #expect(report.coordination.path == .rows)
            }
        }
    }

    @Test("retirement keeps January's coordination rollups; a late January case is added to them (additive merge)")
    func retirementKeepsAndAddsRollups() async throws {
        try await withFreshStorage { storage in
            let tenant = try await PostgresIngestRepositoryTests.tenant(storage)
            let j = PostgresMaintenanceTests.january
            _ = try await storage.ingest.ingest(Self.consumedCase("JAN", at: j), tenant: tenant, logger: logger)
            let now = try #require(Timestamp(rfc3339: "2026-04-15T12:00:00Z"))
            let (from, to) = (
                try #require(Timestamp(rfc3339: "2026-01-01T00:00:00Z")),
                try #require(Timestamp(rfc3339: "2026-02-01T00:00:00Z"))
            )
            _ = try await PostgresMaintenanceTests.settle(storage, now: now)
            let before = try await Self.read(storage, tenant: tenant, from: from, to: to)
            let rows = try await Self.fromRows(storage, tenant: tenant, from: from, to: to)
            #expect(before.fresh)
            #expect(Self.withoutMedians(before.input) == Self.withoutMedians(rows))
            #expect(Self.total(rows).handoffs == 1 && Self.total(rows).links == 1 && rows.aiTasksConsumed == 1)

            let retired = try await PostgresMaintenanceTests.settle(storage, now: now, retentionMonths: 2)
            #expect(retired.flatMap(\.monthsRetired).map(\.rfc3339) == ["2026-01-01T00:00:00Z"])
            let kept = try await Self.read(storage, tenant: tenant, from: from, to: to)
            #expect(kept.fresh && kept.input == before.input)
            let gone = try await Self.fromRows(storage, tenant: tenant, from: from, to: to)
            #expect(Self.total(gone).handoffs == 0 && gone.aiTasks == 0, "rows gone")

            // The same case again, late, on the same day: every count and sum doubles, the medians stay.
            _ = try await storage.ingest.ingest(Self.consumedCase("JAN-2", at: j), tenant: tenant, logger: logger)
            let late = try await PostgresMaintenanceTests.settle(storage, now: now, retentionMonths: 2)
            #expect(late.flatMap(\.monthsRetired).map(\.rfc3339) == ["2026-01-01T00:00:00Z"])
            let added = try await Self.read(storage, tenant: tenant, from: from, to: to)
            var expected = before.input
            for i in expected.handoffs.indices {
                expected.handoffs[i].handoffs *= 2
                expected.handoffs[i].wait *= 2
                expected.handoffs[i].contextCarried *= 2
                expected.handoffs[i].uncarriedWait *= 2
            }
            for i in expected.links.indices { expected.links[i].links *= 2 }
            expected.aiTasks *= 2
            expected.aiTasksConsumed *= 2
            #expect(added.fresh)
            #expect(added.input == expected)
            let bins = try await storage.database.client.query(
                """
                SELECT cardinality(bins), counts[1] FROM coordination_rollups
                WHERE tenant_id = \(tenant) AND grouped_by = 'from-to'
                """, logger: logger
            ).collect(as: (Int, Int64).self)
            #expect(bins.count == 1 && bins.first?.0 == 1 && bins.first?.1 == 2, "one bin holding both waits")

            // `baton demo --reset` empties the tenant, these rollups included.
            try await storage.tenants.deleteTenantData(tenant: tenant, logger: logger)
            let emptied = try await Self.read(storage, tenant: tenant, from: from, to: to)
            #expect(emptied.input == CoordinationInput(path: .rollups))
        }
    }
}
