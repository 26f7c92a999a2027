import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Interventions on PostgreSQL: numbered per tenant, read in the report's snapshot")
struct PostgresInterventionRepositoryTests {
    let logger = TestDatabase.logger
    typealias F = Fixtures

    static func input(_ days: Double, _ kind: InterventionTarget.Kind = .handoffClass, _ target: String = "siem→edr")
        throws -> InterventionInput
    {
        InterventionInput(
            date: F.at(days * 1_440), target: try InterventionTarget(kind: kind, target),
            description: "change on day \(days)")
    }

    @Test("numbers 1, 2, … per tenant, also when recorded at once; the list is oldest date first; nothing else changes")
    func numberedPerTenant() async throws {
        try await withFreshStorage { storage in
            let repo = storage.interventions
            let late = try await repo.addIntervention(try Self.input(20), tenant: "soc-a", by: "tok-1", logger: logger)
            #expect(late.id == 1 && late.target.value == "siem→edr" && late.createdAt != nil)
            #expect(late.date == F.at(20 * 1_440))
            // Ten at once: each gets its own number.
            let ids = try await withThrowingTaskGroup(of: Int.self) { group in
                for k in 0..<10 {
                    group.addTask {
                        try await repo.addIntervention(
                            try Self.input(Double(k), .assistant, "agent-\(k)"), tenant: "soc-a", by: nil,
                            logger: TestDatabase.logger
                        ).id
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(ids) == Set(2...11))
            let other = try await repo.addIntervention(try Self.input(3), tenant: "soc-b", by: nil, logger: logger)
            #expect(other.id == 1)
            let list = try await repo.interventions(tenant: "soc-a", logger: logger)
            #expect(list.count == 11 && list.last?.id == 1)
            #expect(list.map(\.date) == list.map(\.date).sorted())
            #expect(try await repo.interventions(tenant: "soc-b", logger: logger).map(\.id) == [1])
            // The service's role may add, not change or delete, a recorded change.
            await #expect(throws: StoreError.self) {
                try await storage.database.tenantTransaction("test", tenant: "soc-a", logger: logger) { connection in
                    try await connection.query(
                        "UPDATE interventions SET description = 'rewritten'", logger: TestDatabase.logger
                    ).drain()
                }
            }
        }
    }

    @Test("the report reads the interventions before its end, and every handoff only when one is in the period")
    func reportInput() async throws {
        try await withFreshStorage { storage in
            try await storage.tenants.ensureTenant("soc-a", deliveryModel: nil, logger: logger)
            _ = try await storage.ingest.ingest(
                [
                    F.workflow("INC-1", opened: 0, closed: 60),
                    F.task("t-1", workflow: "INC-1", start: 1, end: 5, aiMode: .assisted),
                    F.task("t-2", workflow: "INC-1", start: 9, end: 20, tool: "edr"),
                    F.task("t-3", workflow: "INC-1", start: 30, end: 40, tool: "soar"),
                ], tenant: "soc-a", logger: logger)
            let (from, to) = (F.at(-1_440), F.at(1_440))
            let before = try await storage.reports.dataVersion(tenant: "soc-a", logger: logger)
            let plain = try await storage.reports.reportInput(tenant: "soc-a", from: from, to: to, logger: logger)
            #expect(plain.interventions.isEmpty && plain.handoffs.isEmpty)
            // Dated before the period: read (for the guidance's links), but nothing to measure.
            _ = try await storage.interventions.addIntervention(
                try Self.input(-5), tenant: "soc-a", by: nil, logger: logger)
            #expect(try await storage.reports.dataVersion(tenant: "soc-a", logger: logger) != before)
            let early = try await storage.reports.reportInput(tenant: "soc-a", from: from, to: to, logger: logger)
            #expect(early.interventions.map(\.id) == [1] && early.handoffs.isEmpty)
            // Dated after the period's end: not read.
            _ = try await storage.interventions.addIntervention(
                try Self.input(3), tenant: "soc-a", by: nil, logger: logger)
            // In the period: the handoffs come, with their pairs, sides, waits and starts.
            _ = try await storage.interventions.addIntervention(
                InterventionInput(
                    date: F.at(10), target: try InterventionTarget(kind: .assistant, "siem-copilot"),
                    description: "in the period"), tenant: "soc-a", by: nil, logger: logger)
            let input = try await storage.reports.reportInput(tenant: "soc-a", from: from, to: to, logger: logger)
            #expect(input.interventions.map(\.id) == [1, 3])
            let handoffs = input.handoffs.sorted { $0.waitStart < $1.waitStart }
            #expect(handoffs.map(\.toolPair) == ["siem→edr", "edr→soar"])
            #expect(handoffs.map(\.waitMicroseconds) == [4 * 60_000_000, 10 * 60_000_000])
            #expect(handoffs.map(\.waitStart) == [F.at(5), F.at(20)])
            #expect(handoffs[0].fromSide == "siem-copilot")
            #expect(handoffs[0].toSide == "human" && handoffs[1].fromSide == "human")
            #expect(Set(handoffs.map(\.workflow)).count == 1)
        }
    }
}
