import BatonCore
import BatonSimulation
import BatonStore
import BatonTestSupport
import Testing

@testable import BatonCLI

/// A randomized holdout through the database (value-model §7): the simulated tools' arms are
/// stored as first asks, the report reads them back in its snapshot, and the experiment analysis
/// from the database is the one from memory, which `ExperimentValidationTests` holds against the
/// counterfactual truth.
@Suite("Experiments through the database")
struct ExperimentDatabaseTests {
    @Test(
        "hidden-selection loaded: stored arms are the simulator's; the database report's experiment equals the in-memory one and covers the truth"
    )
    func hiddenSelectionFromDatabase() async throws {
        var scenario = try Scenario.bundled(named: "hidden-selection")
        scenario.workflows = 4_000
        let sim = SOCSimulator(scenario: scenario, seed: 11)
        let truth = try #require(sim.groundTruth().tenants[0].assistants.compactMap(\.experiment).first)
        let start = scenario.startTimestamp!
        let (from, to) = (start, start.adding(microseconds: Int64(scenario.days * 86_400 + 30 * 86_400) * 1_000_000))
        let simulated = sim.workflows(tenantIndex: 0)
        let expectedArms = simulated.reduce(into: 0) { $0 += $1.arms.count }
        let (report, loaded, statuses, reasked) = try await withFreshStorage { storage in
            let loaded = try await SimulationLoader(simulator: sim, storage: storage, logger: TestDatabase.logger)
                .load()
            let statuses = try await storage.experiments.experiments(tenant: "soc-1", logger: TestDatabase.logger)
            // A tool asking again about a loaded case gets the stored arm, not a new draw.
            let asked = simulated.filter { !$0.arms.isEmpty }.prefix(50)
            let answers = try await storage.experiments.assign(
                asked.map {
                    AssignmentRequest(workflowID: $0.workflow.workflowID, assistant: statuses[0].experiment.assistant)
                },
                tenant: "soc-1", logger: TestDatabase.logger)
            let reasked = zip(asked, answers).allSatisfy { w, a in w.arms[a.experiment ?? ""] == a.arm }
            let input = try await storage.reports.reportInput(
                tenant: "soc-1", from: from, to: to, logger: TestDatabase.logger)
            return (ValueReportBuilder().build(input), loaded, statuses, reasked)
        }
        #expect(loaded.assignments == expectedArms)
        #expect(statuses.count == 1)
        #expect(statuses[0].assigned == expectedArms)
        #expect(reasked)
        let memory = ValueReportBuilder().build(sim.reportInput())
        let fromDatabase = try #require(report.assistants.first { $0.experiment != nil })
        let inMemory = try #require(memory.assistants.first { $0.name == fromDatabase.name })
        #expect(fromDatabase.estimator == "experiment")
        let d = try #require(fromDatabase.experiment)
        let m = try #require(inMemory.experiment)
        #expect(d.useWorkflows == m.useWorkflows && d.holdoutWorkflows == m.holdoutWorkflows)
        #expect(d.useWorkflows > 0 && d.holdoutWorkflows > 0)
        #expect(d.useTouchedShare == m.useTouchedShare && d.holdoutTouchedShare == m.holdoutTouchedShare)
        let dL = try #require(d.intentionToTreat.deltaLeadHours.value)
        #expect(abs(dL - (m.intentionToTreat.deltaLeadHours.value ?? .nan)) < 1e-9)
        #expect(d.furtherCasesNeeded == m.furtherCasesNeeded)
        #expect(d.confidenceSequence == m.confidenceSequence)
        // The intention-to-treat interval covers the simulator's counterfactual truth.
        let (low, high) = (
            try #require(d.intentionToTreat.deltaLeadHours.low), try #require(d.intentionToTreat.deltaLeadHours.high)
        )
        #expect(
            low * 60 <= truth.deltaLeadMinutes && truth.deltaLeadMinutes <= high * 60,
            "\(low * 60)…\(high * 60) vs \(truth.deltaLeadMinutes) min")
        #expect(
            d.name == truth.name && d.useWorkflows + d.holdoutWorkflows <= truth.useWorkflows + truth.holdoutWorkflows)
    }
}
