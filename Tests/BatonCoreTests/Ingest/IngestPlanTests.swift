import BatonCore
import Testing

private func at(_ minutes: Int64) -> Timestamp { Timestamp(microseconds: 1_772_445_600_000_000 + minutes * 60_000_000) }

private func task(_ id: String, end: Int64? = nil, tool: String = "siem") -> Record {
    .task(TaskRecord(id: id, workflowID: "W", taskType: "triage", tool: tool, startedAt: at(0), endedAt: end.map(at)))
}

private func workflow(_ id: String, closed: Int64? = nil) -> Record {
    .workflow(WorkflowRecord(workflowID: id, openedAt: at(0), closedAt: closed.map(at)))
}

@Suite struct IngestPlanTests {
    @Test func emptyBatch() {
        let plan = IngestPlan([])
        #expect(plan.workflows.isEmpty)
        #expect(plan.tasks.isEmpty)
        #expect(plan.duplicatesInBatch == 0)
        #expect(plan.superseded == 0)
    }

    @Test func distinctRecordsAreAllKept() {
        let plan = IngestPlan([task("t1"), workflow("W1"), task("t2")])
        #expect(plan.tasks.map(\.id) == ["t1", "t2"])
        #expect(plan.workflows.map(\.workflowID) == ["W1"])
        #expect(plan.duplicatesInBatch == 0)
        #expect(plan.superseded == 0)
    }

    @Test func lastRecordPerIDWins() {
        // A task sent running, then with its end; a workflow sent open, then closed.
        let plan = IngestPlan([task("t", end: nil), workflow("W"), task("t", end: 10), workflow("W", closed: 60)])
        #expect(plan.tasks.count == 1)
        #expect(plan.tasks.first?.endedAt == at(10))
        #expect(plan.workflows.count == 1)
        #expect(plan.workflows.first?.closedAt == at(60))
        #expect(plan.superseded == 2)
        #expect(plan.duplicatesInBatch == 0)
    }

    @Test func identicalEarlierCopiesAreDuplicates() {
        let plan = IngestPlan([task("t", end: 5), task("t", end: 5), task("t", end: 5), workflow("W"), workflow("W")])
        #expect(plan.tasks.count == 1)
        #expect(plan.workflows.count == 1)
        #expect(plan.duplicatesInBatch == 3)
        #expect(plan.superseded == 0)
    }

    @Test func earlierCopiesAreComparedWithTheFinalRecord() {
        // a1, a2, a1: the final record is a1. The first a1 equals it (duplicate); a2 was superseded.
        let plan = IngestPlan([task("a", tool: "siem"), task("a", tool: "edr"), task("a", tool: "siem")])
        #expect(plan.tasks.map(\.tool) == ["siem"])
        #expect(plan.duplicatesInBatch == 1)
        #expect(plan.superseded == 1)
    }

    @Test func twoDifferentEarlierVersions() {
        // v1, v1, v2, v3: v1, v1 and v2 all differ from the final v3.
        let plan = IngestPlan([task("a", end: 1), task("a", end: 1), task("a", end: 2), task("a", end: 3)])
        #expect(plan.tasks.first?.endedAt == at(3))
        #expect(plan.duplicatesInBatch == 0)
        #expect(plan.superseded == 3)
    }

    @Test func workflowAndTaskIDsAreSeparateNamespaces() {
        let plan = IngestPlan([task("X"), workflow("X"), task("X")])
        #expect(plan.tasks.map(\.id) == ["X"])
        #expect(plan.workflows.map(\.workflowID) == ["X"])
        #expect(plan.duplicatesInBatch == 1)
        #expect(plan.superseded == 0)
    }

    @Test func outputIsSortedByID() {
        let plan = IngestPlan([
            task("c"), workflow("W2"), task("a"), workflow("W10"), task("b"), workflow("W1"), task("a", end: 1),
        ])
        #expect(plan.tasks.map(\.id) == ["a", "b", "c"])
        // Plain string order: "W1" < "W10" < "W2".
        #expect(plan.workflows.map(\.workflowID) == ["W1", "W10", "W2"])
        #expect(plan.tasks.first?.endedAt == at(1))
        #expect(plan.superseded == 1)
    }

    @Test func everyInputRecordIsKeptDuplicateOrSuperseded() {
        let records = [
            task("a"), task("b"), task("a", end: 1), task("a"), workflow("W"), workflow("W", closed: 5),
            workflow("W", closed: 5), task("b"),
        ]
        let plan = IngestPlan(records)
        // a: [a, a1, a] → final a; earlier a is a duplicate, a1 superseded.
        // b: [b, b] → 1 duplicate.  W: [W, W5, W5] → W superseded, W5 duplicate.
        #expect(plan.duplicatesInBatch == 3)
        #expect(plan.superseded == 2)
        #expect(plan.tasks.count + plan.workflows.count + plan.duplicatesInBatch + plan.superseded == records.count)
    }
}
