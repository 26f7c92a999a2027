import BatonCore
import BatonSimulation
import Foundation
import Testing

/// The simulator's interventions (``Scenario/InterventionSpec``) and their truth.
@Suite("Simulated interventions")
struct InterventionScenarioTests {
    static func scenario(workflows: Int = 3_000) throws -> Scenario {
        var s = try Scenario.bundled(named: "interventions")
        s.workflows = workflows
        return s
    }

    @Test(
        "interventions draw no random number: with placebos only, the records are the bytes of the same scenario without any"
    )
    func placebosChangeNoByte() throws {
        var plain = try Fixtures.scenario(workflows: 1_500)
        plain.interventions = nil
        var placebos = plain
        placebos.interventions = [
            .init(date: "2026-02-01", targetKind: .handoffClass, target: "edr→soar", factor: 1),
            .init(date: "2026-02-20", targetKind: .assistant, target: "siem-triage-assistant", factor: 1),
        ]
        let a = Fixtures.run(plain, seed: 5)
        let b = Fixtures.run(placebos, seed: 5)
        #expect(Fixtures.ndjson(a.tenants[0]) == Fixtures.ndjson(b.tenants[0]))
        // The default declares none, and its truth file has no interventions key.
        #expect(try Fixtures.defaultScenario().interventions == nil)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let truth = String(
            decoding: try encoder.encode(SOCSimulator(scenario: plain, seed: 5).groundTruth()), as: UTF8.self)
        #expect(!truth.contains("\"interventions\""))
        // A placebo's truth is exactly zero: its replay is the case itself.
        let placeboTruth = SOCSimulator(scenario: placebos, seed: 5).interventionTruth(tenantIndex: 0)
        #expect(placeboTruth.map(\.effectMinutes) == [0, 0])
        #expect(placeboTruth.allSatisfy { $0.handoffsAfter == $0.replayHandoffsAfter && $0.handoffsAfter > 0 })
    }

    @Test(
        "the generator and the report agree on which handoffs a target has: each change's replayed effect is its factor"
    )
    func truthIsTheFactor() throws {
        let s = try Self.scenario()
        let sim = SOCSimulator(scenario: s, seed: 3)
        let truth = try #require(sim.groundTruth().tenants.first?.interventions)
        let specs = try #require(s.interventions)
        #expect(truth.map(\.id) == [1, 2, 3, 4])
        for (t, spec) in zip(truth, specs) {
            #expect(t.factor == spec.factor && t.target == spec.target.replacingOccurrences(of: " ", with: ""))
            #expect(t.handoffsAfter > 100, "\(t.target): \(t.handoffsAfter) handoffs after")
            // Every target handoff after the date waited `factor` times its replay (to the whole
            // second, and up to the trend on a later handoff of the same case, shifted in time).
            #expect(
                abs(t.relativeEffect - (spec.factor - 1)) < 0.005,
                "\(t.target): relative effect \(t.relativeEffect), factor \(spec.factor)")
            #expect(abs(t.effectMinutes - (t.meanWaitMinutes - t.replayMeanWaitMinutes)) < 1e-9)
        }
    }

    @Test("the report's input carries every handoff only when the scenario has interventions, as Baton derives them")
    func reportInputHandoffs() throws {
        let s = try Self.scenario(workflows: 600)
        let sim = SOCSimulator(scenario: s, seed: 2)
        let workflows = sim.workflows(tenantIndex: 0)
        let input = sim.reportInput(tenantIndex: 0, workflows: workflows)
        #expect(input.interventions.map(\.id) == [1, 2, 3, 4])
        let derived = workflows.flatMap { w in
            HandoffDerivation.derive(
                window: WorkflowWindow(openedAt: w.workflow.openedAt, closedAt: w.workflow.closedAt),
                tasks: w.tasks.map(DerivationTask.init)
            ).handoffs.filter { $0.kind == .handoff }
        }
        let handoffs = input.handoffs
        #expect(handoffs.count == derived.count)
        #expect(Set(handoffs.map(\.toolPair)) == Set(derived.map(\.toolPair)))
        #expect(
            zip(handoffs, derived).allSatisfy { $0.waitStart.adding(microseconds: $0.waitMicroseconds) == $1.handedAt })
        let plain = SOCSimulator(scenario: try Fixtures.scenario(workflows: 300), seed: 2).reportInput()
        #expect(plain.handoffs.isEmpty && plain.interventions.isEmpty)
    }

    @Test("a scenario's interventions are checked: a date, a target of its kind, a factor above 0")
    func validated() throws {
        for bad: Scenario.InterventionSpec in [
            .init(date: "soon", targetKind: .handoffClass, target: "edr→soar", factor: 0.5),
            .init(date: "2026-02-01", targetKind: .handoffClass, target: "edr", factor: 0.5),
            .init(date: "2026-02-01", targetKind: .assistant, target: "a→b", factor: 0.5),
            .init(date: "2026-02-01", targetKind: .handoffClass, target: "edr→soar", factor: 0),
        ] {
            var s = try Self.scenario(workflows: 10)
            s.interventions = [bad]
            #expect(throws: ScenarioError.self) { try s.validate() }
        }
    }
}
