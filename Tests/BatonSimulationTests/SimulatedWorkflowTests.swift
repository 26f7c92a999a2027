import BatonCore
import BatonSimulation
import Testing

@Suite("SimulatedWorkflow")
struct SimulatedWorkflowTests {
    @Test("records are the workflow record followed by its tasks")
    func records() throws {
        let run = Fixtures.run(try Fixtures.scenario(workflows: 200))
        for w in run.tenants[0] {
            #expect(w.records == [.workflow(w.workflow)] + w.tasks.map { .task($0) })
        }
    }

    @Test("lead, touch and the inserted waits agree exactly with Baton's derivation, workflow by workflow")
    func bookkeepingMatchesDerivation() throws {
        let run = try Fixtures.largeRun()
        var mismatches: [String] = []
        for w in run.tenants[0] {
            let id = w.workflow.workflowID
            let d = HandoffDerivation.derive(
                window: WorkflowWindow(openedAt: w.workflow.openedAt, closedAt: w.workflow.closedAt),
                tasks: w.tasks.map(DerivationTask.init))
            guard let m = d.metrics else {
                mismatches.append("\(id): no metrics")
                continue
            }
            // Tasks never overlap, so touch (union) = effort (sum), and both equal the simulator's touch.
            if m.lead != w.lead || m.touch != w.touch || m.effort != w.touch || d.tasksOutsideWindow != 0 {
                mismatches.append("\(id): lead \(w.lead)/\(m.lead), touch \(w.touch)/\(m.touch)/\(m.effort)")
            }
            // One inserted wait per derived segment, in order and of the same class, plus the closure.
            let derived =
                d.handoffs.map { h in
                    (h.kind == .intake ? "intake" : "\(h.fromTool ?? "?")->\(h.toTool)", h.waitMicroseconds)
                } + [("closure", m.closure)]
            let inserted = w.waits.map { ($0.handoffClass, $0.microseconds) }
            if !inserted.elementsEqual(derived, by: { $0.0 == $1.0 && $0.1 == $1.1 }) {
                mismatches.append("\(id): waits \(inserted) vs derived \(derived)")
            }
            if w.touch + w.waits.reduce(0, { $0 + $1.microseconds }) != w.lead {
                mismatches.append("\(id): touch + waits ≠ lead")
            }
            if mismatches.count >= 10 { break }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }
}
