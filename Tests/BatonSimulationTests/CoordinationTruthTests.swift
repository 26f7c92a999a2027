import BatonCore
import BatonSimulation
import Foundation
import Testing

/// Value-model §8 against the simulator's per-pair truth: the matrix is computed from the records
/// alone with Baton's derivation (and the tags analysts put), the truth from the generator's own
/// record of what it did (``SimulatedCoordination``).
@Suite("Coordination matrix recovers the simulator's per-pair truth")
struct CoordinationTruthTests {
    /// The matrix Baton computes from a tenant's simulated records.
    static func matrix(_ workflows: [SimulatedWorkflow]) -> CoordinationMatrix {
        let rows = workflows.map { w -> [CoordinationInput.TaggedHandoff] in
            let tags = Dictionary(w.tags.map { ($0.toTaskID, $0.reason) }, uniquingKeysWith: { _, last in last })
            return HandoffDerivation.derive(
                window: WorkflowWindow(openedAt: w.workflow.openedAt, closedAt: w.workflow.closedAt),
                tasks: w.tasks.map(DerivationTask.init)
            ).handoffs.map { ($0, tags[$0.toTaskID]) }
        }
        return CoordinationMatrix(CoordinationInput.aggregate(rows))
    }

    static func side(_ name: String) -> CoordinationSide { CoordinationSide(assistant: name == "human" ? nil : name) }

    @Test(
        "handoffs, context carried, re-gathered, broken links, links and duplicated minutes per pair: exact",
        arguments: ["default", "parallel-assistants"])
    func countsExact(scenario name: String) throws {
        var scenario = try Scenario.bundled(named: name)
        scenario.workflows = 2_000
        let sim = SOCSimulator(scenario: scenario, seed: 21)
        let truth = try #require(sim.groundTruth().tenants.first)
        let m = Self.matrix(sim.workflows(tenantIndex: 0))
        #expect(!truth.coordination.isEmpty)
        var duplicatePairs = 0
        for t in truth.coordination {
            let cell = try #require(m.cell(Self.side(t.from), Self.side(t.to)), "\(t.from) → \(t.to)")
            let label = "\(name): \(t.from) → \(t.to)"
            #expect(cell.handoffs == t.handoffs, "\(label)")
            #expect(
                (cell.contextCarriedShare ?? 0) * Double(cell.handoffs) == Double(t.contextCarried)
                    || abs((cell.contextCarriedShare ?? 0) * Double(cell.handoffs) - Double(t.contextCarried)) < 1e-6,
                "\(label)")
            #expect(abs((cell.regatherShare ?? 0) * Double(cell.handoffs) - Double(t.regathered)) < 1e-6, "\(label)")
            #expect(cell.brokenLinks == t.brokenLinks, "\(label)")
            #expect(cell.links == t.links, "\(label)")
            #expect(abs(cell.duplicateHours * 60 - t.duplicateMinutes) < 1e-6, "\(label)")
            if t.duplicateMinutes > 0 { duplicatePairs += 1 }
        }
        // Nothing Baton found is missing from the truth.
        #expect(m.cells.count == truth.coordination.count)
        #expect(m.brokenLinks == truth.coordination.reduce(0) { $0 + $1.brokenLinks })
        if name == "parallel-assistants" {
            // Two pairs duplicate work: the SIEM assistant with the SOAR copilot, the EDR agent with the XDR agent.
            #expect(duplicatePairs == 2)
        } else {
            #expect(duplicatePairs == 0)
        }
    }

    @Test("shares agree with the scenario's probabilities within sampling error")
    func sharesWithinSamplingError() throws {
        let scenario = try Scenario.bundled(named: "parallel-assistants")
        let sim = SOCSimulator(scenario: scenario, seed: 8)
        let workflows = sim.workflows(tenantIndex: 0)
        let m = Self.matrix(workflows)
        for a in scenario.assistants {
            guard let parallel = a.parallel else { continue }
            let x = CoordinationSide(assistant: a.name)
            let y = CoordinationSide(assistant: parallel.assistant)
            // The assistant's own step tasks: every one is handed on once to the next step (or to a
            // re-gathering), and with probability `parallel.probability` to the parallel worker.
            let stepTasks = workflows.reduce(0) { n, w in
                n + w.tasks.filter { $0.assistant == a.name && $0.taskType == a.taskType && $0.aiMode != .none }.count
            }
            let row = m.cells.filter { $0.from == x }
            let joined = m.cell(x, y)?.handoffs ?? 0
            let onward = row.reduce(0) { $0 + $1.handoffs } - joined
            #expect(
                onward == stepTasks
                    || onward == stepTasks - workflows.filter { $0.tasks.last?.assistant == a.name }.count)
            func within(_ observed: Double, _ p: Double, _ n: Int, _ what: String) {
                let se = (p * (1 - p) / Double(max(n, 1))).squareRoot()
                #expect(abs(observed - p) <= 4 * se + 1e-9, "\(a.name) \(what): \(observed) vs \(p) ± \(4 * se)")
            }
            within(Double(joined) / Double(stepTasks), parallel.probability, stepTasks, "parallel share")
            let carried = row.reduce(0.0) { $0 + ($1.contextCarriedShare ?? 0) * Double($1.handoffs) }
            within(carried / Double(onward), a.contextCarried, onward, "context carried to the next step")
            // A dropped context is re-gathered by the next tool, every time (the scenario's rule).
            let regathered = row.reduce(0.0) { $0 + ($1.regatherShare ?? 0) * Double($1.handoffs) }
            within(regathered / Double(onward), 1 - a.contextCarried, onward, "re-gathered after")
        }
    }

    @Test(
        "the default scenario's truth has the per-pair figures, and the parallel scenario's duplicates are inside their step"
    )
    func truthShape() throws {
        var scenario = try Scenario.bundled(named: "parallel-assistants")
        scenario.workflows = 300
        let sim = SOCSimulator(scenario: scenario, seed: 3)
        for w in sim.workflows(tenantIndex: 0) {
            for id in w.coordination.parallelTaskIDs {
                let p = try #require(w.tasks.first { $0.id == id })
                let main = try #require(w.tasks.first { $0.id == id.replacingOccurrences(of: "-parallel", with: "") })
                #expect(p.startedAt > main.startedAt && p.endedAt! < main.endedAt!)
                #expect(p.stage == main.stage && p.contextFrom == nil)
            }
            #expect(w.touch <= w.lead)
        }
        var d = try Scenario.bundled(named: "default")
        d.workflows = 500
        let truth = try #require(SOCSimulator(scenario: d, seed: 1).groundTruth().tenants.first)
        let siem = try #require(truth.coordination.first { $0.from == "siem-triage-assistant" && $0.to == "human" })
        #expect(siem.handoffs > 0 && siem.regathered > 0)
        #expect(truth.coordination.allSatisfy { $0.duplicateMinutes == 0 })
    }
}
