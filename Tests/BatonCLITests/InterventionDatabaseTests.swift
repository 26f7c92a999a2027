import ArgumentParser
import BatonCore
import BatonSimulation
import BatonStore
import BatonTestSupport
import Foundation
import Testing

@testable import BatonCLI

/// Interventions through the database (`Docs/interventions.md`): `baton simulate` and `baton demo`
/// record a scenario's interventions, the report reads them and their handoffs in its snapshot,
/// and the figures from the database are the in-memory ones, which `InterventionValidationTests`
/// holds against the simulator's truth over 20 seeds; `baton intervention add|list` record and
/// show them.
@Suite("Interventions through the database", .timeLimit(.minutes(10)))
struct InterventionDatabaseTests {
    @Test(
        "the interventions scenario loaded: the database report's figures equal the in-memory ones (InterventionValidationTests holds those against the truth)"
    )
    func scenarioFromDatabase() async throws {
        var scenario = try Scenario.bundled(named: "interventions")
        scenario.workflows = 4_000
        let sim = SOCSimulator(scenario: scenario, seed: 21)
        let start = scenario.startTimestamp!
        let (from, to) = (start, start.adding(microseconds: Int64(scenario.days * 86_400 + 30 * 86_400) * 1_000_000))
        let (report, loaded, stored) = try await withFreshStorage { storage in
            let loaded = try await SimulationLoader(simulator: sim, storage: storage, logger: TestDatabase.logger)
                .load()
            // Loading again records nothing twice.
            _ = try await SimulationLoader(simulator: sim, storage: storage, logger: TestDatabase.logger).load()
            let stored = try await storage.interventions.interventions(tenant: "soc-1", logger: TestDatabase.logger)
            let input = try await storage.reports.reportInput(
                tenant: "soc-1", from: from, to: to, logger: TestDatabase.logger)
            return (ValueReportBuilder().build(input), loaded, stored)
        }
        #expect(loaded.interventions == 4)
        // Numbered in the scenario's order, listed by date.
        #expect(stored.map(\.id) == [2, 1, 4, 3])
        #expect(Set(stored.map(\.target)) == Set(scenario.recordedInterventions.map(\.target)))
        let memory = ValueReportBuilder().build(sim.reportInput())
        let fromDatabase = try #require(report.interventions)
        let inMemory = try #require(memory.interventions)
        // Stored ids follow the dates' order of recording (the scenario's order); match by target.
        #expect(fromDatabase.count == 4 && inMemory.count == 4)
        for d in fromDatabase {
            let m = try #require(inMemory.first { $0.target == d.target })
            #expect(d.targetBefore == m.targetBefore && d.targetAfter == m.targetAfter, "\(d.target)")
            #expect(d.controlBefore.handoffs == m.controlBefore.handoffs && d.controlClasses == m.controlClasses)
            let (dv, mv) = (try #require(d.effectMinutes.value), try #require(m.effectMinutes.value))
            #expect(abs(dv - mv) < 1e-9 * max(1, abs(mv)), "\(d.target): \(dv) vs \(mv)")
            #expect(abs((d.effectMinutes.low ?? .nan) - (m.effectMinutes.low ?? .nan)) < 1e-6)
            #expect(d.verdict == m.verdict)
        }
        // The JSON with interventions passes the report's schema; a field the schema lacks fails.
        let (validator, json) = try ReportSchema.check(report)
        #expect(validator.validate(json) == [])
        guard case .object(var root) = json, case .array(var items) = root["interventions"],
            case .object(var first) = items[0]
        else {
            Issue.record("no interventions in the JSON")
            return
        }
        first["unexpected"] = .bool(true)
        items[0] = .object(first)
        root["interventions"] = .array(items)
        #expect(!validator.validate(.object(root)).isEmpty)
    }

    @Test("baton intervention add (one target flag, the API's rules) and list (oldest first, with the measured effect)")
    func commands() async throws {
        try await withFreshDatabase { endpoint in
            let common = ["--database-url", endpoint.url, "--log-level", "error", "--tenant", "soc-1"]
            let add = try InterventionCommand.parseAsRoot(
                ["add", "--date", "2026-02-16", "--class", "edr -> soar", "--description", "Pre-approve containment"]
                    + common)
            try await (add as! InterventionAddCommand).run()
            let pair = try InterventionCommand.parseAsRoot(
                [
                    "add", "--date", "2026-01-20T08:00:00Z", "--pair", "siem-triage-assistant → human", "--description",
                    "Route verdicts to an owner",
                ] + common)
            try await (pair as! InterventionAddCommand).run()
            for (arguments, message) in [
                (["add", "--date", "2026-02-16", "--description", "x"], "exactly one target"),
                (
                    ["add", "--date", "2026-02-16", "--class", "a→b", "--assistant", "x", "--description", "x"],
                    "exactly one target"
                ),
                (["add", "--date", "16/02/2026", "--class", "a→b", "--description", "x"], "--date"),
                (["add", "--date", "2026-02-16", "--class", "edr", "--description", "x"], "--class"),
                (["add", "--date", "2026-02-16", "--assistant", "x", "--description", " "], "--description"),
            ] {
                do {
                    _ = try InterventionCommand.parseAsRoot(arguments + common)
                    Issue.record("accepted: \(arguments)")
                } catch {
                    let text = InterventionCommand.message(for: error)
                    #expect(text.contains(message), "\(text)")
                }
            }
            let listed = try ExperimentCommandsTests.baton(["intervention", "list"] + common, input: "")
            #expect(listed.status == 0)
            let lines = listed.output.split(separator: "\n").map(String.init)
            #expect(
                lines.first == "#2 2026-01-20 assistant pair siem-triage-assistant→human: Route verdicts to an owner")
            #expect(lines.contains("#1 2026-02-16 handoff class edr→soar: Pre-approve containment"))
        }
    }
}
