import BatonCore
import BatonTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

@testable import BatonStore

@Suite("Token sums from daily rollups (migration 0021) against PostgreSQL", .timeLimit(.minutes(10)))
struct TokenUsageRollupTests {
    let logger = TestDatabase.logger
    typealias F = Fixtures

    /// The report's token sums from the AI tasks and from the daily rollups, read in one snapshot
    /// of the tenant.
    static func both(
        _ storage: PostgresStorage, tenant: String, from: String, to: String
    ) async throws -> (rows: [TokenUsage], rollups: [TokenUsage]) {
        let (start, end) = (try #require(Timestamp(rfc3339: from)), try #require(Timestamp(rfc3339: to)))
        let months = ReportMonths(from: start, to: end)
        return try await storage.database.tenantTransaction(
            "read tokens", tenant: tenant, snapshot: true, logger: TestDatabase.logger
        ) { connection in
            let rows = try await TokenUsageReader.tokenUsage(
                on: connection, tenant: tenant, from: from, to: to, months: months, logger: TestDatabase.logger)
            let rollups = try await TokenUsageReader.tokenUsage(
                on: connection, tenant: tenant, from: from, to: to, months: months, rollups: true,
                logger: TestDatabase.logger)
            return (rows, rollups)
        }
    }

    /// An AI task with token attributes under the given names, in a case of its own.
    static func tokenTask(_ id: String, at minute: Double, attributes: [String: JSONValue]) -> [Record] {
        guard case .task(var task) = F.task(id, workflow: "W-\(id)", start: minute, end: minute + 2, aiMode: .assisted)
        else { return [] }
        task.attributes = attributes
        return [F.workflow("W-\(id)", opened: minute, closed: minute + 3), .task(task)]
    }

    @Test(
        "on the costs scenario's simulated SOC with odd token attributes added, the daily rollups give the AI tasks' token sums exactly, over all days and over a window"
    )
    func simulatedSOCEqualsRows() async throws {
        try await withFreshStorage { storage in
            let tenant = try await TaskDurationRollupReaderTests.loadSimulatedSOC(
                storage, workflows: 2_000, seed: 37, scenario: "costs")
            // Older names, a count past 10¹², a string, a negative one, a fraction: each read the
            // same way on both paths, by the same SQL functions.
            let odd: [[String: JSONValue]] = [
                ["gen_ai.system": .string("openai"), "gen_ai.usage.prompt_tokens": .number(120)],
                ["gen_ai.provider.name": .string("anthropic"), "gen_ai.usage.input_tokens": .number(2e12)],
                ["gen_ai.usage.output_tokens": .string("12")],
                ["gen_ai.usage.input_tokens": .number(-4), "gen_ai.usage.completion_tokens": .number(7.5)],
            ]
            let records = odd.enumerated().flatMap { n, a in
                Self.tokenTask("odd-\(n)", at: Double(n * 90), attributes: a)
            }
            _ = try await storage.ingest.ingest(records, tenant: tenant, logger: logger)
            _ = try await storage.maintenance.maintain(now: Timestamp.now, retentionMonths: nil, logger: logger)
            for (from, to) in try await TaskDurationRollupReaderTests.span(storage, tenant: tenant) {
                let (rows, rollups) = try await Self.both(storage, tenant: tenant, from: from, to: to)
                #expect(rows.count > 50, "assistants × days × models")
                #expect(rows.contains { $0.inputTokens > 0 && $0.outputTokens > 0 })
                #expect(rollups == rows, "\(from)–\(to)")
            }
        }
    }

    @Test(
        "the report's token sums take the rollups when the period is whole days and they are fresh, the AI tasks after a late task until the pass, then the rollups with it counted (fails without the rollup refresh)"
    )
    func reportTakesFreshRollups() async throws {
        try await withFreshStorage { storage in
            let tenant = try await TaskDurationRollupReaderTests.loadSimulatedSOC(storage, workflows: 600, seed: 41)
            _ = try await storage.maintenance.maintain(now: Timestamp.now, retentionMonths: nil, logger: logger)
            let (fromText, toText) = try #require(
                try await TaskDurationRollupReaderTests.span(storage, tenant: tenant).first)
            let (from, to) = (try #require(Timestamp(rfc3339: fromText)), try #require(Timestamp(rfc3339: toText)))
            func input() async throws -> ReportInput {
                try await storage.reports.reportInput(tenant: tenant, from: from, to: to, logger: logger)
            }
            let fresh = try await input()
            #expect(fresh.tokenUsagePath == .rollups)
            #expect(!fresh.tokenUsage.isEmpty)

            // A late AI task with tokens, in a case opened an hour into the period's first day.
            let minutes = Double((from.microseconds - F.at(0).microseconds) / 60_000_000) + 60
            let late = Self.tokenTask(
                "late", at: minutes,
                attributes: ["gen_ai.usage.input_tokens": .number(1_000), "gen_ai.request.model": .string("m")])
            _ = try await storage.ingest.ingest(late, tenant: tenant, logger: logger)
            let stale = try await input()
            #expect(stale.tokenUsagePath == .rows)
            #expect(stale.tokenUsage.contains { $0.model == "m" && $0.inputTokens == 1_000 })

            _ = try await storage.maintenance.maintain(now: Timestamp.now, retentionMonths: nil, logger: logger)
            let refreshed = try await input()
            #expect(refreshed.tokenUsagePath == .rollups)
            #expect(refreshed.tokenUsage == stale.tokenUsage)
            #expect(refreshed.friction.classesPath == .rollups)
        }
    }
}
