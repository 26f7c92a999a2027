import BatonCore
import BatonReports
import BatonSimulation
import BatonStore
import BatonTestSupport
import Testing

@testable import BatonCLI

/// The `costs` scenario through the database (issue 22): `baton simulate`'s loader stores the
/// licences, the prices and the tasks' token counts, and the report `ReportService` reads back
/// has the truth file's costs.
@Suite("Costs through the database")
struct CostDatabaseTests {
    private func same(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-9)
    }

    @Test(
        "costs loaded: the database report's licence, token spend and totals equal the truth", .timeLimit(.minutes(5)))
    func costsFromDatabase() async throws {
        var scenario = try Scenario.bundled(named: "costs")
        scenario.workflows = 1_200
        let sim = SOCSimulator(scenario: scenario, seed: 13)
        let truth = sim.groundTruth().tenants[0]
        let period = sim.reportPeriod
        let (report, usage) = try await withFreshStorage { storage in
            _ = try await SimulationLoader(simulator: sim, storage: storage, logger: TestDatabase.logger).load()
            let report = try await ReportService(source: storage.reports).report(
                tenant: "soc-1", period: (period.from, period.to), logger: TestDatabase.logger)
            let input = try await storage.reports.reportInput(
                tenant: "soc-1", from: period.from, to: period.to, logger: TestDatabase.logger)
            return (report, input.tokenUsage)
        }
        // The stored token sums are the in-memory ones (the order is the database's collation).
        #expect(Set(usage) == Set(sim.reportInput().tokenUsage))
        var priced = 0
        for a in truth.assistants {
            let t = try #require(a.cost)
            let r = try #require(report.assistants.first { $0.name == a.name }?.cost, "\(a.name)")
            #expect(
                same(r.licence, t.licence),
                "\(a.name): \(String(describing: r.licence)) vs \(String(describing: t.licence))")
            #expect(same(r.tokenSpend, t.tokenSpend), "\(a.name): \(String(describing: r.tokenSpend))")
            #expect(
                same(r.total, t.total), "\(a.name): \(String(describing: r.total)) vs \(String(describing: t.total))")
            #expect(r.aiTasksWithTokens == t.aiTasksWithTokens && r.inputTokens == t.inputTokens)
            if t.tokenSpend != nil { priced += 1 }
        }
        #expect(priced == 3)
        let estate = try #require(truth.cost)
        let costs = try #require(report.costs)
        #expect(same(costs.licence, estate.licence) && same(costs.tokenSpend, estate.tokenSpend))
        #expect(
            same(costs.total, estate.total), "\(String(describing: costs.total)) vs \(String(describing: estate.total))"
        )
        #expect(costs.currency == "USD")
    }
}
