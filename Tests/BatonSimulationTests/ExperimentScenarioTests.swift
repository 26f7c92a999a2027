import BatonCore
import Foundation
import Testing

@testable import BatonSimulation

/// Scenarios with an experiment (value-model §7): the simulated tools ask for arms through the
/// service's ``ArmAssigner``, honour them with the declared compliance, and the truth replays
/// each assigned case in both arms.
@Suite struct ExperimentScenarioTests {
    static func scenario(workflows: Int = 4_000) throws -> Scenario {
        var s = try Scenario.bundled(named: "hidden-selection")
        s.workflows = workflows
        return s
    }

    @Test("every case that reaches the assistant's step after its rollout gets the arm ArmAssigner gives its id")
    func sameCodePath() throws {
        let scenario = try Self.scenario()
        let agent = try #require(scenario.assistants.first { $0.experiment != nil })
        let spec = try #require(agent.experiment)
        let assigner = ArmAssigner(secret: scenario.assignmentSecret)
        let workflows = SOCSimulator(scenario: scenario, seed: 4).workflows(tenantIndex: 0)
        let start = try #require(scenario.startTimestamp)
        let rollout = start.adding(microseconds: Int64(agent.rolloutDay * 86_400) * 1_000_000)
        var counts = [ExperimentArm: (cases: Int, touched: Int)]()
        for w in workflows {
            // The tool asks when the case reaches the step, before the handoff's wait: a case whose
            // step starts a little after the rollout may have reached it before.
            let step = w.tasks.first { $0.taskType == agent.taskType }
            guard let step, let arm = w.arms[spec.name] else {
                #expect(w.arms.isEmpty)
                #expect(step.map { $0.startedAt < rollout.adding(microseconds: 86_400_000_000) } ?? true)
                continue
            }
            #expect(step.startedAt >= rollout)
            #expect(
                arm
                    == assigner.arm(
                        experiment: spec.name, workflowID: w.workflow.workflowID, holdoutShare: spec.holdoutShare))
            var c = counts[arm, default: (0, 0)]
            c.cases += 1
            if w.assistants.contains(agent.name) { c.touched += 1 }
            counts[arm] = c
            // No holdout leak: a held-out case never gets the assistant.
            if arm == .holdout { #expect(!w.assistants.contains(agent.name)) }
        }
        let use = try #require(counts[.use])
        let holdout = try #require(counts[.holdout])
        let share = Double(holdout.cases) / Double(use.cases + holdout.cases)
        #expect(abs(share - spec.holdoutShare) < 0.03, "\(share)")
        #expect(use.touched > 0)
        // The report input carries the arms and the experiment.
        let input = SOCSimulator(scenario: scenario, seed: 4).reportInput()
        #expect(input.experiments.map(\.name) == [spec.name])
        #expect(input.experiments.first?.startsAt == rollout)
        #expect(input.workflows.filter { $0.arms[spec.name] != nil }.count == use.cases + holdout.cases)
    }

    @Test(
        "the truth's intention to treat is the use arm's mean effect when nothing leaks, and compliers are the touched")
    func truth() throws {
        let scenario = try Self.scenario(workflows: 2_000)
        let truth = try #require(SOCSimulator(scenario: scenario, seed: 4).groundTruth().tenants.first)
        let agent = try #require(truth.assistants.first { $0.experiment != nil })
        let x = try #require(agent.experiment)
        #expect(x.holdoutTouchedShare == 0)
        #expect(x.useTouchedShare > 0.3 && x.useTouchedShare < 0.9)
        // A case the assistant works on in neither arm is the same case in both (same draws), so
        // ITT × assigned = complier effect × compliers, exactly.
        let assigned = Double(x.useWorkflows + x.holdoutWorkflows)
        #expect(
            abs(x.deltaLeadMinutes * assigned - x.complierDeltaLeadMinutes * Double(x.complierWorkflows)) < 1e-6,
            "\(x)")
        // And the compliers are about the use arm's touched share of the assigned cases.
        #expect(abs(Double(x.complierWorkflows) / assigned - x.useTouchedShare) < 0.1)
        #expect(x.deltaLeadMinutes < 0)
        #expect(abs(x.deltaLeadMinutes - (x.deltaTouchMinutes + x.deltaWaitMinutes)) < 1e-9)
        // Assistants without an experiment have none in the truth.
        #expect(truth.assistants.filter { $0.experiment == nil }.count == 1)
    }
}
