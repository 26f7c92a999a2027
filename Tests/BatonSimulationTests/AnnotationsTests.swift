import BatonCore
import Foundation
import Testing

@testable import BatonSimulation

@Suite("Simulated tags and perceived ratings")
struct AnnotationsTests {
    @Test("tags sit on long waits, name a task of their workflow, and follow the wait's cause")
    func tags() throws {
        let scenario = try Fixtures.scenario(workflows: 3_000)
        let tagging = try #require(scenario.tagging)
        let workflows = SOCSimulator(scenario: scenario, seed: 11).workflows(tenantIndex: 0)
        var byReason: [HandoffReason: Int] = [:]
        var longWaits = 0
        for w in workflows {
            let derived = HandoffDerivation.derive(
                window: WorkflowWindow(openedAt: w.workflow.openedAt, closedAt: w.workflow.closedAt),
                tasks: w.tasks.map(DerivationTask.init))
            let waits = Dictionary(uniqueKeysWithValues: derived.handoffs.map { ($0.toTaskID, $0) })
            longWaits +=
                derived.handoffs.dropFirst().filter {
                    Double($0.waitMicroseconds) >= tagging.minWait * 60_000_000 - 30_000_000
                }.count
            for tag in w.tags {
                #expect(tag.workflowID == w.workflow.workflowID)
                let handoff = try #require(waits[tag.toTaskID], "tag on \(tag.toTaskID), which has no handoff")
                // Waits are rounded to whole seconds; the tagging threshold is on the unrounded wait.
                #expect(Double(handoff.waitMicroseconds) >= tagging.minWait * 60_000_000 - 500_000)
                #expect(handoff.kind == .handoff)
                if tag.reason == .approvalWait { #expect(handoff.toStage == .response) }
                if tag.reason == .toolSwitch { #expect(handoff.crossTool) }
                if tag.reason == .queueWait { #expect(handoff.aiBoundary) }
                byReason[tag.reason, default: 0] += 1
            }
        }
        let total = byReason.values.reduce(0, +)
        // About `share` of the long waits are tagged: binomial, 5 standard errors.
        let expected = tagging.share * Double(longWaits)
        let tolerance = 5 * (Double(longWaits) * tagging.share * (1 - tagging.share)).squareRoot()
        #expect(abs(Double(total) - expected) <= tolerance, "\(total) tags for \(longWaits) long waits")
        for reason in [HandoffReason.queueWait, .approvalWait, .contextRegathering, .toolSwitch] {
            #expect((byReason[reason] ?? 0) > 0, "no \(reason.rawValue) tags")
        }
    }

    @Test("perceived ratings: respondents per assistant, mostly the scenario's rating")
    func perceptions() throws {
        var scenario = try Fixtures.scenario(workflows: 10)
        scenario.perceptions = Scenario.Perceptions(respondentsPerAssistant: 400, agreement: 0.7)
        let ratings = SOCSimulator(scenario: scenario, seed: 3).perceptions(tenantIndex: 0)
        #expect(ratings.count == scenario.assistants.count * 400)
        for a in scenario.assistants {
            let mine = ratings.filter { $0.assistant == a.name }
            let agreeing = Double(mine.filter { $0.rating.rawValue == a.perceived }.count) / Double(mine.count)
            // Binomial(400, 0.7): standard error 0.023; 5 of them.
            #expect(abs(agreeing - 0.7) <= 0.115, "\(a.name): \(agreeing)")
        }
        #expect(ratings == SOCSimulator(scenario: scenario, seed: 3).perceptions(tenantIndex: 0))
        #expect(ratings != SOCSimulator(scenario: scenario, seed: 4).perceptions(tenantIndex: 0))
    }
}
