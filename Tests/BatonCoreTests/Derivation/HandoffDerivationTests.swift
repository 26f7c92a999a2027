import BatonCore
import Testing

// All expected values below are worked out by hand from value-model §2 (the frontier rule).
// Times are given in minutes after 2026-03-02T10:00:00Z and compared in whole microseconds.

private let base: Int64 = 1_772_445_600 * 1_000_000
private let perMinute: Int64 = 60_000_000

/// The instant `minutes` after the base.
private func at(_ minutes: Int64) -> Timestamp { Timestamp(microseconds: base + minutes * perMinute) }
/// A duration of `minutes`, in microseconds.
private func mins(_ minutes: Int64) -> Int64 { minutes * perMinute }

private func task(
    _ id: String, _ start: Int64, _ end: Int64?, tool: String = "siem", ai: AIMode = .none,
    context: String? = nil, stage: Stage? = nil, actor: String? = nil
) -> DerivationTask {
    DerivationTask(
        id: id, startedAt: at(start), endedAt: end.map(at), tool: tool, stage: stage, actor: actor, aiMode: ai,
        contextFrom: context)
}

private func window(_ open: Int64?, _ close: Int64?) -> WorkflowWindow {
    WorkflowWindow(openedAt: open.map(at), closedAt: close.map(at))
}

private func expectIdentity(_ m: WorkflowMetrics?, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let m else {
        Issue.record("metrics missing", sourceLocation: sourceLocation)
        return
    }
    #expect(m.touch + m.intake + m.handoffWait + m.closure == m.lead, sourceLocation: sourceLocation)
    #expect(m.wait == m.lead - m.touch, sourceLocation: sourceLocation)
}

/// One task against the window [10, 90] (or [10, open)), with hand-worked expectations in minutes.
struct OutsideWindowCase: Sendable, CustomTestStringConvertible {
    var start: Int64
    /// `nil`: running.
    var end: Int64?
    var outside: Bool
    /// Clipped length when inside (unused for the open window).
    var touch: Int64
    /// Clipped start − opening when inside.
    var intake: Int64
    var note: String

    var testDescription: String { "[\(start), \(end.map { "\($0)" } ?? "running")] \(note)" }
}

private let closedWindowCases: [OutsideWindowCase] = [
    .init(start: 0, end: 5, outside: true, touch: 0, intake: 0, note: "entirely before opening"),
    .init(start: 95, end: 100, outside: true, touch: 0, intake: 0, note: "entirely after closing"),
    .init(start: 5, end: 10, outside: true, touch: 0, intake: 0, note: "ends exactly at opening"),
    .init(start: 90, end: 95, outside: true, touch: 0, intake: 0, note: "starts exactly at closing"),
    .init(start: 5, end: 5, outside: true, touch: 0, intake: 0, note: "instant before opening"),
    .init(start: 95, end: 95, outside: true, touch: 0, intake: 0, note: "instant after closing"),
    .init(start: 90, end: nil, outside: true, touch: 0, intake: 0, note: "running from closing"),
    .init(start: 95, end: nil, outside: true, touch: 0, intake: 0, note: "running from after closing"),
    .init(start: 10, end: 10, outside: false, touch: 0, intake: 0, note: "instant at opening"),
    .init(start: 90, end: 90, outside: false, touch: 0, intake: 80, note: "instant at closing"),
    .init(start: 50, end: 50, outside: false, touch: 0, intake: 40, note: "instant inside"),
    .init(start: 5, end: 11, outside: false, touch: 1, intake: 0, note: "one minute after opening"),
    .init(start: 89, end: 95, outside: false, touch: 1, intake: 79, note: "one minute before closing"),
    .init(start: 0, end: 100, outside: false, touch: 80, intake: 0, note: "covers the window"),
    .init(start: 10, end: 90, outside: false, touch: 80, intake: 0, note: "exactly the window"),
    .init(start: 0, end: nil, outside: false, touch: 80, intake: 0, note: "running from before opening"),
    .init(start: 89, end: nil, outside: false, touch: 1, intake: 79, note: "running from before closing"),
]

private let openWindowCases: [OutsideWindowCase] = [
    .init(start: 0, end: 5, outside: true, touch: 0, intake: 0, note: "entirely before opening"),
    .init(start: 5, end: 10, outside: true, touch: 0, intake: 0, note: "ends exactly at opening"),
    .init(start: 5, end: 5, outside: true, touch: 0, intake: 0, note: "instant before opening"),
    .init(start: 10, end: 10, outside: false, touch: 0, intake: 0, note: "instant at opening"),
    .init(start: 5, end: 11, outside: false, touch: 0, intake: 0, note: "one minute after opening"),
    .init(start: 95, end: 100, outside: false, touch: 0, intake: 85, note: "late, but nothing is closed"),
    .init(start: 95, end: 95, outside: false, touch: 0, intake: 85, note: "late instant"),
    .init(start: 0, end: nil, outside: false, touch: 0, intake: 0, note: "running from before opening"),
    .init(start: 95, end: nil, outside: false, touch: 0, intake: 85, note: "running, late"),
]

@Suite struct HandoffDerivationTests {
    // MARK: (a) strictly sequential

    @Test func sequentialTasksWithGaps() {
        // Window [0, 100]; A [10, 20] siem, B [30, 45] edr, C [60, 70] siem.
        let d = HandoffDerivation.derive(
            window: window(0, 100),
            tasks: [task("A", 10, 20), task("B", 30, 45, tool: "edr"), task("C", 60, 70)])
        #expect(d.handoffs.map(\.toTaskID) == ["A", "B", "C"])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "A", "B"])
        #expect(d.handoffs.map(\.kind) == [.intake, .handoff, .handoff])
        #expect(d.handoffs.map(\.sequence) == [0, 1, 2])
        // Waits: 10 − 0, 30 − 20, 60 − 45 (next.start − prev.complete, as in process mining).
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(10), mins(10), mins(15)])
        #expect(d.handoffs.map(\.handedAt) == [at(10), at(30), at(60)])
        #expect(d.handoffs.map(\.crossTool) == [false, true, true])
        #expect(d.handoffs.map(\.fromTool) == [nil, "siem", "edr"])
        #expect(d.handoffs.map(\.toTool) == ["siem", "edr", "siem"])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(100), touch: mins(35), wait: mins(65), effort: mins(35), intake: mins(10),
                    handoffWait: mins(25), closure: mins(30)))
        #expect(d.metrics?.flowEfficiency == 0.35)
        expectIdentity(d.metrics)
        #expect(d.effectiveOpenedAt == at(0))
        #expect(!d.openedAtInferred)
        #expect(d.pingPong)  // siem → edr → siem
        #expect(!d.aiTouched)
        #expect(d.runningTasks == 0)
        #expect(d.tasksOutsideWindow == 0)
    }

    @Test func backToBackTasksHaveZeroWait() {
        // A [0, 30], B [30, 60] in a window [0, 60]: no waiting at all.
        let d = HandoffDerivation.derive(window: window(0, 60), tasks: [task("A", 0, 30), task("B", 30, 60)])
        #expect(d.handoffs.map(\.waitMicroseconds) == [0, 0])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "A"])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(60), touch: mins(60), wait: 0, effort: mins(60), intake: 0, handoffWait: 0, closure: 0))
        #expect(d.metrics?.flowEfficiency == 1)
    }

    @Test func microsecondWaitsAreExact() {
        // B starts one microsecond after A ends; closed one microsecond after B ends.
        let a = DerivationTask(id: "A", startedAt: at(0), endedAt: at(1), tool: "siem")
        let b = DerivationTask(
            id: "B", startedAt: at(1).adding(microseconds: 1), endedAt: at(2), tool: "siem")
        let d = HandoffDerivation.derive(
            window: WorkflowWindow(openedAt: at(0), closedAt: at(2).adding(microseconds: 1)), tasks: [a, b])
        #expect(d.handoffs.map(\.waitMicroseconds) == [0, 1])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(2) + 1, touch: mins(2) - 1, wait: 2, effort: mins(2) - 1, intake: 0, handoffWait: 1,
                    closure: 1))
    }

    // MARK: (b) overlapping

    @Test func overlappingTasksCountOnlyTimeNobodyWorked() {
        // Window [0, 100]; A [10, 40], B [20, 50], C [45, 60], D [70, 80].
        // A: intake 10, f = 40.  B: 20 < 40 → 0, f = 50.  C: 45 < 50 → 0, f = 60.  D: 70 − 60 = 10, f = 80.
        // Touch = union [10, 60] ∪ [70, 80] = 60; effort = 30 + 30 + 15 + 10 = 85; closure = 20.
        let d = HandoffDerivation.derive(
            window: window(0, 100),
            tasks: [task("A", 10, 40), task("B", 20, 50), task("C", 45, 60), task("D", 70, 80)])
        #expect(d.handoffs.map(\.toTaskID) == ["A", "B", "C", "D"])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "A", "B", "C"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(10), 0, 0, mins(10)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(100), touch: mins(60), wait: mins(40), effort: mins(85), intake: mins(10),
                    handoffWait: mins(10), closure: mins(20)))
        #expect((d.metrics?.touch ?? 0) < (d.metrics?.effort ?? 0))
        expectIdentity(d.metrics)
    }

    @Test func fullyParallelTasks() {
        // Two analysts working the same 30 minutes: touch 30, effort 60.
        let d = HandoffDerivation.derive(
            window: window(0, 40), tasks: [task("x", 5, 35, tool: "edr"), task("y", 5, 35)])
        #expect(d.handoffs.map(\.toTaskID) == ["x", "y"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(5), 0])
        #expect(d.handoffs[1].fromTaskID == "x")
        #expect(d.handoffs[1].crossTool)
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(40), touch: mins(30), wait: mins(10), effort: mins(60), intake: mins(5),
                    handoffWait: 0, closure: mins(5)))
    }

    // MARK: (c) nested

    @Test func nestedTaskDoesNotMoveTheFrontierBack() {
        // Window [0, 100]; L [10, 60], N [20, 30] inside L, X [70, 80].
        // N ends at 30 < f = 60: the frontier stays at 60 and its task stays L.
        let d = HandoffDerivation.derive(
            window: window(0, 100),
            tasks: [task("L", 10, 60), task("N", 20, 30, tool: "edr"), task("X", 70, 80, tool: "soar")])
        #expect(d.handoffs.map(\.toTaskID) == ["L", "N", "X"])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "L", "L"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(10), 0, mins(10)])
        #expect(d.handoffs[2].fromTool == "siem")
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(100), touch: mins(60), wait: mins(40), effort: mins(70), intake: mins(10),
                    handoffWait: mins(10), closure: mins(20)))
        expectIdentity(d.metrics)
    }

    @Test func taskEndingExactlyAtTheFrontierBecomesTheFrontierTask() {
        // A [0, 30], B [10, 30]: B's end equals f, and the rule is `ended_at ≥ f`, so p = B.
        let d = HandoffDerivation.derive(
            window: window(0, 60), tasks: [task("A", 0, 30), task("B", 10, 30), task("C", 40, 50)])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "A", "B"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [0, 0, mins(10)])
    }

    // MARK: (d) ties

    @Test func identicalTimestampsAreOrderedByEndThenID() {
        // Window [0, 100]; b [10, 30], a [10, 30], c [10, 20], d [40, 50].
        // Order: c (ends first), then a and b (same end, by id), then d.
        // c: intake 10, f = 20.  a: 0, f = 30, p = a.  b: 0, end 30 ≥ 30 → p = b.  d: 40 − 30 = 10, f = 50.
        let d = HandoffDerivation.derive(
            window: window(0, 100),
            tasks: [task("b", 10, 30), task("a", 10, 30), task("c", 10, 20), task("d", 40, 50)])
        #expect(d.handoffs.map(\.toTaskID) == ["c", "a", "b", "d"])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "c", "a", "b"])
        #expect(d.handoffs.map(\.sequence) == [0, 1, 2, 3])
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(10), 0, 0, mins(10)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(100), touch: mins(30), wait: mins(70), effort: mins(60), intake: mins(10),
                    handoffWait: mins(10), closure: mins(50)))
        expectIdentity(d.metrics)
    }

    @Test func zeroLengthTasks() {
        // p [20, 20] and q [20, 20] touch nothing; the gap 20 → 30 is still a wait.
        let d = HandoffDerivation.derive(
            window: window(0, 50), tasks: [task("q", 20, 20), task("r", 30, 40), task("p", 20, 20)])
        #expect(d.handoffs.map(\.toTaskID) == ["p", "q", "r"])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "p", "q"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(20), 0, mins(10)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(50), touch: mins(10), wait: mins(40), effort: mins(10), intake: mins(20),
                    handoffWait: mins(10), closure: mins(10)))
        // Instants inside the window are not outside it.
        #expect(d.tasksOutsideWindow == 0)
    }

    // MARK: (e) clipping

    @Test func tasksAreClippedToTheWindow() {
        // Window [10, 90]; A [5, 30] starts before opening, B [40, 95] ends after closing.
        // Clipped: A [10, 30], B [40, 90].  Intake 0, B waits 10, closure 0.
        let d = HandoffDerivation.derive(window: window(10, 90), tasks: [task("A", 5, 30), task("B", 40, 95)])
        #expect(d.handoffs.map(\.waitMicroseconds) == [0, mins(10)])
        #expect(d.handoffs.map(\.handedAt) == [at(10), at(40)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(80), touch: mins(70), wait: mins(10), effort: mins(70), intake: 0,
                    handoffWait: mins(10), closure: 0))
        expectIdentity(d.metrics)
        // Partly inside is inside.
        #expect(d.tasksOutsideWindow == 0)
    }

    @Test func taskCoveringTheWholeWindow() {
        // One task [0, 200] over the window [50, 150]: touch = lead = 100.
        let d = HandoffDerivation.derive(window: window(50, 150), tasks: [task("A", 0, 200)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(100), touch: mins(100), wait: 0, effort: mins(100), intake: 0, handoffWait: 0,
                    closure: 0))
        #expect(d.handoffs.first?.handedAt == at(50))
    }

    @Test func tasksEntirelyOutsideTheWindow() {
        // Window [10, 90]; P [0, 5] entirely before, A [5, 30], B [40, 95], Q [95, 100] entirely after.
        // P clips to [10, 10] and Q to [90, 90] after positive durations: no time in the window, so both
        // are left out and only counted.  Clipped: A [10, 30], B [40, 90].
        // A: intake 10 − 10 = 0, f = 30.  B: 40 − 30 = 10, f = 90.  Closure 90 − 90 = 0.
        let d = HandoffDerivation.derive(
            window: window(10, 90),
            tasks: [task("Q", 95, 100), task("B", 40, 95), task("A", 5, 30), task("P", 0, 5)])
        #expect(d.handoffs.map(\.toTaskID) == ["A", "B"])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "A"])
        #expect(d.handoffs.map(\.kind) == [.intake, .handoff])
        #expect(d.handoffs.map(\.sequence) == [0, 1])
        #expect(d.handoffs.map(\.waitMicroseconds) == [0, mins(10)])
        #expect(d.handoffs.map(\.handedAt) == [at(10), at(40)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(80), touch: mins(70), wait: mins(10), effort: mins(70), intake: 0,
                    handoffWait: mins(10), closure: 0))
        expectIdentity(d.metrics)
        #expect(d.tasksOutsideWindow == 2)
        #expect(d.runningTasks == 0)
    }

    @Test func onlyTaskIsAfterClosing() {
        // Window [0, 60]; T [70, 80] is entirely after closing: no segment at all.
        // No task inside: the frontier stays at the opening 0, so the whole lead is closure 60 − 0.
        let d = HandoffDerivation.derive(window: window(0, 60), tasks: [task("T", 70, 80)])
        #expect(d.handoffs.isEmpty)
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(60), touch: 0, wait: mins(60), effort: 0, intake: 0, handoffWait: 0,
                    closure: mins(60)))
        #expect(d.metrics?.flowEfficiency == 0)
        expectIdentity(d.metrics)
        #expect(d.tasksOutsideWindow == 1)
        #expect(d.effectiveOpenedAt == at(0))
        #expect(!d.pingPong)
        #expect(d.runningTasks == 0)
    }

    // MARK: (f) input order

    @Test func inputOrderDoesNotMatter() {
        let tasks = [
            task("b", 10, 30, tool: "edr"), task("a", 10, 30), task("c", 10, 20, tool: "soar"), task("d", 40, 50),
            task("e", 45, nil), task("f", 5, 95),
        ]
        for w in [window(0, 100), window(nil, 100), window(0, nil), window(nil, nil)] {
            let reference = HandoffDerivation.derive(window: w, tasks: tasks)
            // All 720 orders of the six tasks.
            let orders = permutations(Array(tasks.indices))
            #expect(Set(orders).count == 720)
            for order in orders {
                let derived = HandoffDerivation.derive(window: w, tasks: order.map { tasks[$0] })
                #expect(derived == reference)
                if derived != reference { return }
            }
        }
    }

    // MARK: (g) unknown opening

    @Test func earliestTaskStartStandsInForAnUnknownOpening() {
        // opened_at unknown, closed at 100; A [20, 30], B [40, 50]: the window is [20, 100].
        let d = HandoffDerivation.derive(window: window(nil, 100), tasks: [task("B", 40, 50), task("A", 20, 30)])
        #expect(d.effectiveOpenedAt == at(20))
        #expect(d.openedAtInferred)
        #expect(d.handoffs.map(\.waitMicroseconds) == [0, mins(10)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(80), touch: mins(20), wait: mins(60), effort: mins(20), intake: 0,
                    handoffWait: mins(10), closure: mins(50)))
        expectIdentity(d.metrics)
    }

    @Test func inferredOpeningAfterClosingCollapsesTheWindow() {
        // Closed at 10, earliest start 20: the window collapses to the point 20.
        // A [20, 30] clips to [20, 20] after a positive duration: none of its time is in the window.
        let d = HandoffDerivation.derive(window: window(nil, 10), tasks: [task("A", 20, 30)])
        #expect(d.effectiveOpenedAt == at(20))
        #expect(d.openedAtInferred)
        #expect(
            d.metrics
                == WorkflowMetrics(lead: 0, touch: 0, wait: 0, effort: 0, intake: 0, handoffWait: 0, closure: 0))
        #expect(d.metrics?.flowEfficiency == nil)
        #expect(d.handoffs.isEmpty)
        #expect(d.tasksOutsideWindow == 1)
    }

    @Test func collapsedWindowKeepsOnlyAnInstantAtItsPoint() {
        // Closed at 10, earliest start 20: the effective window is the point [20, 20].
        // A [20, 30] and the running R [25, …] both clip to [20, 20] after (or with) duration: outside.
        // Z [20, 20] is an instant exactly at the (collapsed) opening and closing: inside.
        let d = HandoffDerivation.derive(
            window: window(nil, 10), tasks: [task("A", 20, 30), task("R", 25, nil), task("Z", 20, 20)])
        #expect(d.effectiveOpenedAt == at(20))
        #expect(d.handoffs.map(\.toTaskID) == ["Z"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [0])
        #expect(d.tasksOutsideWindow == 2)
        #expect(d.runningTasks == 0)
        #expect(
            d.metrics
                == WorkflowMetrics(lead: 0, touch: 0, wait: 0, effort: 0, intake: 0, handoffWait: 0, closure: 0))
        expectIdentity(d.metrics)
    }

    @Test func nothingKnownGivesNothing() {
        let d = HandoffDerivation.derive(window: window(nil, nil), tasks: [])
        #expect(d.effectiveOpenedAt == nil)
        #expect(!d.openedAtInferred)
        #expect(d.handoffs.isEmpty)
        #expect(d.metrics == nil)
        #expect(d.tasksOutsideWindow == 0)
        #expect(d.runningTasks == 0)
        let closedOnly = HandoffDerivation.derive(window: window(nil, 100), tasks: [])
        #expect(closedOnly.effectiveOpenedAt == nil)
        #expect(closedOnly.metrics == nil)
    }

    @Test func knownOpeningIsNotInferredEvenWhenTasksStartEarlier() {
        let d = HandoffDerivation.derive(window: window(30, 100), tasks: [task("A", 10, 40)])
        #expect(d.effectiveOpenedAt == at(30))
        #expect(!d.openedAtInferred)
        #expect(d.metrics?.touch == mins(10))
    }

    // MARK: (h) open workflow

    @Test func openWorkflowHasHandoffsButNoMetrics() {
        let d = HandoffDerivation.derive(
            window: window(0, nil), tasks: [task("B", 30, 40, tool: "edr"), task("A", 10, 20)])
        #expect(d.metrics == nil)
        #expect(d.handoffs.map(\.toTaskID) == ["A", "B"])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "A"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(10), mins(10)])
        #expect(d.handoffs.map(\.crossTool) == [false, true])
        #expect(d.effectiveOpenedAt == at(0))
        #expect(!d.openedAtInferred)
    }

    @Test func openWorkflowWithUnknownOpening() {
        let d = HandoffDerivation.derive(window: window(nil, nil), tasks: [task("A", 10, 20), task("B", 25, 30)])
        #expect(d.metrics == nil)
        #expect(d.effectiveOpenedAt == at(10))
        #expect(d.openedAtInferred)
        #expect(d.handoffs.map(\.waitMicroseconds) == [0, mins(5)])
    }

    // MARK: (i) running tasks

    @Test func runningTaskInClosedWorkflowCountsUntilClosing() {
        // Window [0, 100]; A [10, 20], R [30, running], B [40, 50].  R counts as [30, 100].
        // A: intake 10, f = 20.  R: 10, f = 100, p = R.  B: 0 (inside R), from R.  Closure 0.
        let d = HandoffDerivation.derive(
            window: window(0, 100), tasks: [task("B", 40, 50), task("R", 30, nil), task("A", 10, 20)])
        #expect(d.handoffs.map(\.toTaskID) == ["A", "R", "B"])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "A", "R"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(10), mins(10), 0])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(100), touch: mins(80), wait: mins(20), effort: mins(90), intake: mins(10),
                    handoffWait: mins(10), closure: 0))
        expectIdentity(d.metrics)
        #expect(d.runningTasks == 1)
    }

    @Test func runningTaskStartedAfterClosingIsOutsideTheWindow() {
        // Window [0, 50]; A [10, 20], R [60, running].  R would run from 60, after closing: it clips to
        // [50, 50] and is left out (not a handoff at closing time, not a running task).
        // A: intake 10, f = 20.  Closure 50 − 20 = 30.
        let d = HandoffDerivation.derive(window: window(0, 50), tasks: [task("A", 10, 20), task("R", 60, nil)])
        #expect(d.handoffs.map(\.toTaskID) == ["A"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(10)])
        #expect(d.handoffs.map(\.handedAt) == [at(10)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(50), touch: mins(10), wait: mins(40), effort: mins(10), intake: mins(10),
                    handoffWait: 0, closure: mins(30)))
        expectIdentity(d.metrics)
        #expect(d.runningTasks == 0)
        #expect(d.tasksOutsideWindow == 1)
    }

    @Test func runningTaskInOpenWorkflowMakesLaterWaitsZero() {
        // Window [0, open); A [10, 20], R [30, running], B [40, 50], C [70, 80].
        // After R starts somebody is always working: B and C wait 0 and both come from R.
        let d = HandoffDerivation.derive(
            window: window(0, nil),
            tasks: [task("C", 70, 80), task("A", 10, 20), task("B", 40, 50, tool: "edr"), task("R", 30, nil)])
        #expect(d.metrics == nil)
        #expect(d.handoffs.map(\.toTaskID) == ["A", "R", "B", "C"])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "A", "R", "R"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(10), mins(10), 0, 0])
        #expect(d.runningTasks == 1)
    }

    @Test func runningTaskSortsAfterFinishedTaskWithTheSameStart() {
        // Same start; the running task's end is unbounded, so it comes last despite its smaller id.
        let d = HandoffDerivation.derive(
            window: window(0, nil), tasks: [task("a", 30, nil), task("z", 30, 35), task("m", 40, 45)])
        #expect(d.handoffs.map(\.toTaskID) == ["z", "a", "m"])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "z", "a"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(30), 0, 0])
        #expect(d.runningTasks == 1)
    }

    @Test func runningTaskInClosedWorkflowSortsByClosingTime() {
        // Window [0, 100]; running "a" [30, 100] and "z" [30, 100] tie on both ends → by id.
        let d = HandoffDerivation.derive(
            window: window(0, 100), tasks: [task("z", 30, 100), task("a", 30, nil), task("b", 30, 99)])
        #expect(d.handoffs.map(\.toTaskID) == ["b", "a", "z"])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "b", "a"])
        #expect(d.metrics?.touch == mins(70))
        #expect(d.metrics?.effort == mins(69 + 70 + 70))
        #expect(d.runningTasks == 1)
    }

    // MARK: (j) handoff attributes

    @Test func crossToolAIBoundaryAndContextCarried() {
        let d = HandoffDerivation.derive(
            window: window(0, 100),
            tasks: [
                task("A", 10, 20, tool: "siem", ai: .none, stage: .triage, actor: "analyst:ana"),
                task("B", 30, 40, tool: "siem", ai: .assisted, context: "A", stage: .investigation, actor: "bot"),
                task("C", 50, 60, tool: "edr", ai: .autonomous, context: "ghost"),
                task("D", 70, 80, tool: "edr", ai: .assisted, context: "D"),
                task("E", 85, 90, tool: "ticketing", ai: .none),
            ])
        #expect(d.handoffs.map(\.toTaskID) == ["A", "B", "C", "D", "E"])
        #expect(d.handoffs.map(\.crossTool) == [false, false, true, false, true])
        // none→assisted, assisted→autonomous (both AI), autonomous→assisted, assisted→none.
        #expect(d.handoffs.map(\.aiBoundary) == [false, true, false, false, true])
        // B names A (same workflow); C names a foreign task; D names itself; E names nothing.
        #expect(d.handoffs.map(\.contextCarried) == [false, true, false, false, false])
        #expect(d.handoffs[1].fromStage == .triage)
        #expect(d.handoffs[1].toStage == .investigation)
        #expect(d.handoffs[1].fromActor == "analyst:ana")
        #expect(d.handoffs[1].toActor == "bot")
        #expect(d.handoffs[0].fromStage == nil)
        #expect(d.handoffs[0].fromActor == nil)
        #expect(d.handoffs[0].toStage == .triage)
        #expect(d.handoffs[0].fromTool == nil)
        #expect(d.aiTouched)
        #expect(!d.pingPong)  // siem, edr, ticketing
    }

    @Test func contextCarriedFromALaterOrParallelTaskOfTheWorkflow() {
        // context_from only has to name a task of the same workflow.
        let d = HandoffDerivation.derive(
            window: window(0, 100),
            tasks: [task("A", 10, 50), task("B", 20, 30, context: "A"), task("C", 60, 70, context: "B")])
        #expect(d.handoffs.map(\.contextCarried) == [false, true, true])
    }

    @Test func aiTouchedIsFalseWithoutAI() {
        let d = HandoffDerivation.derive(window: window(0, 100), tasks: [task("A", 10, 20), task("B", 30, 40)])
        #expect(!d.aiTouched)
        #expect(d.handoffs.map(\.aiBoundary) == [false, false])
    }

    // MARK: (k) ping-pong

    @Test(arguments: [
        (["siem", "edr", "siem"], true),
        (["siem", "siem", "edr"], false),
        (["a", "b", "c", "a"], false),
        (["a", "b", "b", "a"], true),
        (["a", "a", "b", "b", "a", "a"], true),
        (["a", "b", "c", "b"], true),
        (["a", "b"], false),
        (["a"], false),
        ([], false),
        (["a", "a", "a"], false),
        (["a", "b", "c", "d", "e"], false),
    ])
    func pingPong(sequence: [String], expected: Bool) {
        #expect(HandoffDerivation.containsPingPong(sequence) == expected)
    }

    @Test func pingPongFollowsTaskOrderNotInputOrder() {
        // Input order siem, siem, edr; time order siem, edr, siem.
        let d = HandoffDerivation.derive(
            window: window(0, 100),
            tasks: [task("1", 10, 20, tool: "siem"), task("3", 50, 60, tool: "siem"), task("2", 30, 40, tool: "edr")])
        #expect(d.pingPong)
        let e = HandoffDerivation.derive(
            window: window(0, 100),
            tasks: [task("1", 10, 20, tool: "siem"), task("2", 30, 40, tool: "siem"), task("3", 50, 60, tool: "edr")])
        #expect(!e.pingPong)
    }

    // MARK: (l) no tasks

    @Test func closedWorkflowWithoutTasksIsAllClosure() {
        let d = HandoffDerivation.derive(window: window(0, 100), tasks: [])
        #expect(d.handoffs.isEmpty)
        #expect(d.effectiveOpenedAt == at(0))
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(100), touch: 0, wait: mins(100), effort: 0, intake: 0, handoffWait: 0,
                    closure: mins(100)))
        #expect(d.metrics?.flowEfficiency == 0)
        #expect(!d.pingPong)
        #expect(!d.aiTouched)
        #expect(d.runningTasks == 0)
        #expect(d.tasksOutsideWindow == 0)
        expectIdentity(d.metrics)
    }

    @Test func zeroLengthWorkflowWithoutTasks() {
        let d = HandoffDerivation.derive(window: window(10, 10), tasks: [])
        #expect(
            d.metrics == WorkflowMetrics(lead: 0, touch: 0, wait: 0, effort: 0, intake: 0, handoffWait: 0, closure: 0))
        #expect(d.metrics?.flowEfficiency == nil)
    }

    @Test func openWorkflowWithoutTasks() {
        let d = HandoffDerivation.derive(window: window(0, nil), tasks: [])
        #expect(d.handoffs.isEmpty)
        #expect(d.metrics == nil)
        #expect(d.effectiveOpenedAt == at(0))
    }

    // MARK: (n) tasks outside the window

    // A task none of whose time falls in [opened_at, closed_at] gets no segment, adds no touch or
    // effort, is not a running task and does not count in ping-pong; it is only counted in
    // `tasksOutsideWindow`.  Outside iff the clipped interval is empty (clipped end == clipped start)
    // and the task had positive duration, was running, or is an instant strictly outside the window.

    @Test func workLoggedAfterClosingIsNotAHandoffWait() {
        // Window [0, 100]; A [10, 60], then a ticket summariser S [120, 125] after closure.
        // S is left out, so the 40 minutes after A stay closure instead of becoming a handoff to S.
        // A: intake 10 − 0 = 10, f = 60.  Closure 100 − 60 = 40.
        let d = HandoffDerivation.derive(
            window: window(0, 100),
            tasks: [task("S", 120, 125, tool: "ticketing", ai: .autonomous), task("A", 10, 60)])
        #expect(d.handoffs.map(\.toTaskID) == ["A"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(10)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(100), touch: mins(50), wait: mins(50), effort: mins(50), intake: mins(10),
                    handoffWait: 0, closure: mins(40)))
        expectIdentity(d.metrics)
        #expect(d.tasksOutsideWindow == 1)
    }

    @Test func workFinishedBeforeOpeningDoesNotMakeIntakeZero() {
        // Window [30, 100]; P [0, 10] finished before the case opened, A [50, 70].
        // P is left out, so time to first touch is 50 − 30 = 20, not 0.
        // A: intake 20, f = 70.  Closure 100 − 70 = 30.
        let d = HandoffDerivation.derive(window: window(30, 100), tasks: [task("P", 0, 10), task("A", 50, 70)])
        #expect(d.effectiveOpenedAt == at(30))
        #expect(d.handoffs.map(\.toTaskID) == ["A"])
        #expect(d.handoffs.map(\.kind) == [.intake])
        #expect(d.handoffs.map(\.handedAt) == [at(50)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(70), touch: mins(20), wait: mins(50), effort: mins(20), intake: mins(20),
                    handoffWait: 0, closure: mins(30)))
        expectIdentity(d.metrics)
        #expect(d.tasksOutsideWindow == 1)
    }

    @Test(arguments: closedWindowCases)
    func oneTaskAgainstAClosedWindow(_ c: OutsideWindowCase) {
        // Window [10, 90] (lead 80) and the one task of the case.
        let d = HandoffDerivation.derive(window: window(10, 90), tasks: [task("X", c.start, c.end)])
        #expect(d.tasksOutsideWindow == (c.outside ? 1 : 0))
        #expect(d.handoffs.map(\.toTaskID) == (c.outside ? [] : ["X"]))
        #expect(d.runningTasks == (!c.outside && c.end == nil ? 1 : 0))
        // Outside: no touch and the whole lead is closure (the frontier never leaves the opening).
        let touch = c.outside ? 0 : c.touch
        let intake = c.outside ? 0 : c.intake
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(80), touch: mins(touch), wait: mins(80 - touch), effort: mins(touch),
                    intake: mins(intake), handoffWait: 0, closure: mins(80 - touch - intake)))
        expectIdentity(d.metrics)
    }

    @Test(arguments: openWindowCases)
    func oneTaskAgainstAnOpenWindow(_ c: OutsideWindowCase) {
        // Window [10, open): nothing is after closing, and a running task is never outside.
        let d = HandoffDerivation.derive(window: window(10, nil), tasks: [task("X", c.start, c.end)])
        #expect(d.metrics == nil)
        #expect(d.tasksOutsideWindow == (c.outside ? 1 : 0))
        #expect(d.handoffs.map(\.toTaskID) == (c.outside ? [] : ["X"]))
        #expect(d.handoffs.map(\.waitMicroseconds) == (c.outside ? [] : [mins(c.intake)]))
        #expect(d.runningTasks == (!c.outside && c.end == nil ? 1 : 0))
    }

    @Test func taskEndingExactlyAtOpeningIsOutside() {
        // Window [10, 90]; X [5, 10] has duration but ends exactly at opening, A [30, 60].
        // X is left out.  A: intake 30 − 10 = 20, f = 60.  Closure 90 − 60 = 30.
        let d = HandoffDerivation.derive(window: window(10, 90), tasks: [task("X", 5, 10), task("A", 30, 60)])
        #expect(d.handoffs.map(\.toTaskID) == ["A"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(20)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(80), touch: mins(30), wait: mins(50), effort: mins(30), intake: mins(20),
                    handoffWait: 0, closure: mins(30)))
        expectIdentity(d.metrics)
        #expect(d.tasksOutsideWindow == 1)
    }

    @Test func instantAtOpeningIsInside() {
        // Window [10, 90]; X [10, 10] is a zero-length task exactly at opening, A [30, 60].
        // X: intake 10 − 10 = 0, end 10 ≥ f = 10 → f = 10, p = X.  A: 30 − 10 = 20, f = 60.  Closure 30.
        let d = HandoffDerivation.derive(window: window(10, 90), tasks: [task("A", 30, 60), task("X", 10, 10)])
        #expect(d.handoffs.map(\.toTaskID) == ["X", "A"])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "X"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [0, mins(20)])
        #expect(d.handoffs.map(\.handedAt) == [at(10), at(30)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(80), touch: mins(30), wait: mins(50), effort: mins(30), intake: 0,
                    handoffWait: mins(20), closure: mins(30)))
        expectIdentity(d.metrics)
        #expect(d.tasksOutsideWindow == 0)
    }

    @Test func taskStartingExactlyAtClosingIsOutside() {
        // Window [10, 90]; A [30, 60], X [90, 95] has duration but starts exactly at closing.
        // X is left out.  A: intake 20, f = 60.  Closure 90 − 60 = 30 (no handoff to X).
        let d = HandoffDerivation.derive(window: window(10, 90), tasks: [task("X", 90, 95), task("A", 30, 60)])
        #expect(d.handoffs.map(\.toTaskID) == ["A"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(20)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(80), touch: mins(30), wait: mins(50), effort: mins(30), intake: mins(20),
                    handoffWait: 0, closure: mins(30)))
        expectIdentity(d.metrics)
        #expect(d.tasksOutsideWindow == 1)
    }

    @Test func instantAtClosingIsInside() {
        // Window [10, 90]; A [30, 60], X [90, 90] is a zero-length task exactly at closing.
        // A: intake 20, f = 60.  X: 90 − 60 = 30, end 90 ≥ 60 → f = 90, p = X.  Closure 0.
        let d = HandoffDerivation.derive(window: window(10, 90), tasks: [task("X", 90, 90), task("A", 30, 60)])
        #expect(d.handoffs.map(\.toTaskID) == ["A", "X"])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "A"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(20), mins(30)])
        #expect(d.handoffs.map(\.handedAt) == [at(30), at(90)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(80), touch: mins(30), wait: mins(50), effort: mins(30), intake: mins(20),
                    handoffWait: mins(30), closure: 0))
        expectIdentity(d.metrics)
        #expect(d.tasksOutsideWindow == 0)
    }

    @Test func instantsStrictlyOutsideAreOutside() {
        // Window [10, 90]; X [5, 5] before opening, Y [95, 95] after closing, A [30, 60].
        // X and Y are left out.  A: intake 20, f = 60.  Closure 30.
        let d = HandoffDerivation.derive(
            window: window(10, 90), tasks: [task("Y", 95, 95), task("A", 30, 60), task("X", 5, 5)])
        #expect(d.handoffs.map(\.toTaskID) == ["A"])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(80), touch: mins(30), wait: mins(50), effort: mins(30), intake: mins(20),
                    handoffWait: 0, closure: mins(30)))
        expectIdentity(d.metrics)
        #expect(d.tasksOutsideWindow == 2)
    }

    @Test func oneMicrosecondInsideIsInside() {
        // Window [10, 90]; X [5, 10 + 1 µs] and Y [90 − 1 µs, 95] each have one microsecond inside.
        // X: intake 0, f = 10 + 1 µs.  Y: (90 − 1 µs) − (10 + 1 µs) = 80 − 2 µs, f = 90.  Closure 0.
        let x = DerivationTask(id: "X", startedAt: at(5), endedAt: at(10).adding(microseconds: 1), tool: "siem")
        let y = DerivationTask(id: "Y", startedAt: at(90).adding(microseconds: -1), endedAt: at(95), tool: "siem")
        let d = HandoffDerivation.derive(window: window(10, 90), tasks: [y, x])
        #expect(d.handoffs.map(\.toTaskID) == ["X", "Y"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [0, mins(80) - 2])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(80), touch: 2, wait: mins(80) - 2, effort: 2, intake: 0, handoffWait: mins(80) - 2,
                    closure: 0))
        expectIdentity(d.metrics)
        #expect(d.tasksOutsideWindow == 0)
        // One microsecond before opening, an instant is outside.
        let early = DerivationTask(
            id: "E", startedAt: at(10).adding(microseconds: -1), endedAt: at(10).adding(microseconds: -1),
            tool: "siem")
        #expect(HandoffDerivation.derive(window: window(10, 90), tasks: [early]).tasksOutsideWindow == 1)
    }

    @Test func runningTaskStartingExactlyAtClosingIsOutside() {
        // Window [0, 50]; A [10, 20], R [50, running] clips to [50, 50]: outside, not running.
        // A: intake 10, f = 20.  Closure 50 − 20 = 30.
        let d = HandoffDerivation.derive(window: window(0, 50), tasks: [task("R", 50, nil), task("A", 10, 20)])
        #expect(d.handoffs.map(\.toTaskID) == ["A"])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(50), touch: mins(10), wait: mins(40), effort: mins(10), intake: mins(10),
                    handoffWait: 0, closure: mins(30)))
        expectIdentity(d.metrics)
        #expect(d.runningTasks == 0)
        #expect(d.tasksOutsideWindow == 1)
    }

    @Test func runningTaskStartedJustBeforeClosingIsInside() {
        // Window [0, 50]; A [10, 20], R [49, running] counts as [49, 50].
        // A: intake 10, f = 20.  R: 49 − 20 = 29, f = 50, p = R.  Closure 0.
        let d = HandoffDerivation.derive(window: window(0, 50), tasks: [task("R", 49, nil), task("A", 10, 20)])
        #expect(d.handoffs.map(\.toTaskID) == ["A", "R"])
        #expect(d.handoffs.map(\.waitMicroseconds) == [mins(10), mins(29)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(50), touch: mins(11), wait: mins(39), effort: mins(11), intake: mins(10),
                    handoffWait: mins(29), closure: 0))
        expectIdentity(d.metrics)
        #expect(d.runningTasks == 1)
        #expect(d.tasksOutsideWindow == 0)
    }

    @Test func runningTaskStartedBeforeOpeningIsInside() {
        // Window [10, 50]; R [0, running] counts as [10, 50]: all touch.
        let closed = HandoffDerivation.derive(window: window(10, 50), tasks: [task("R", 0, nil)])
        #expect(closed.handoffs.map(\.handedAt) == [at(10)])
        #expect(
            closed.metrics
                == WorkflowMetrics(
                    lead: mins(40), touch: mins(40), wait: 0, effort: mins(40), intake: 0, handoffWait: 0, closure: 0))
        expectIdentity(closed.metrics)
        #expect(closed.runningTasks == 1)
        #expect(closed.tasksOutsideWindow == 0)
        // Open window [10, open): R [0, …] and R2 [95, …] are both unbounded and inside.
        // R: intake 0, frontier unbounded.  R2: 0, from R.
        let open = HandoffDerivation.derive(
            window: window(10, nil), tasks: [task("R2", 95, nil), task("R", 0, nil)])
        #expect(open.handoffs.map(\.toTaskID) == ["R", "R2"])
        #expect(open.handoffs.map(\.fromTaskID) == [nil, "R"])
        #expect(open.handoffs.map(\.waitMicroseconds) == [0, 0])
        #expect(open.runningTasks == 2)
        #expect(open.tasksOutsideWindow == 0)
    }

    @Test func tasksOutsideWindowCountsEveryKindOfOutsideTask() {
        // Window [10, 90].  Outside: P [0, 5], E [5, 10], Q [95, 100], C [90, 95], R [95, running].
        // Inside: I [10, 10], A [20, 30], Z [90, 90].  Order I, A, Z.
        // I: intake 0, f = 10, p = I.  A: 20 − 10 = 10, f = 30.  Z: 90 − 30 = 60, f = 90, p = Z.  Closure 0.
        let tasks = [
            task("P", 0, 5), task("E", 5, 10), task("A", 20, 30), task("I", 10, 10), task("Q", 95, 100),
            task("C", 90, 95), task("R", 95, nil), task("Z", 90, 90),
        ]
        let d = HandoffDerivation.derive(window: window(10, 90), tasks: tasks)
        #expect(d.tasksOutsideWindow == 5)
        #expect(d.handoffs.count + d.tasksOutsideWindow == tasks.count)
        #expect(d.handoffs.map(\.toTaskID) == ["I", "A", "Z"])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "I", "A"])
        #expect(d.handoffs.map(\.sequence) == [0, 1, 2])
        #expect(d.handoffs.map(\.waitMicroseconds) == [0, mins(10), mins(60)])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(80), touch: mins(10), wait: mins(70), effort: mins(10), intake: 0,
                    handoffWait: mins(70), closure: 0))
        expectIdentity(d.metrics)
        #expect(d.runningTasks == 0)

        // Open window [10, open): only what ends by the opening (P, E, the instant B) is outside.
        // I: intake 0, f = 10.  Q: 95 − 10 = 85, f = 100.  R: 95 < 100 → 0, frontier unbounded.
        let open = HandoffDerivation.derive(
            window: window(10, nil),
            tasks: [
                task("P", 0, 5), task("E", 5, 10), task("B", 5, 5), task("Q", 95, 100), task("R", 95, nil),
                task("I", 10, 10),
            ])
        #expect(open.tasksOutsideWindow == 3)
        #expect(open.handoffs.map(\.toTaskID) == ["I", "Q", "R"])
        #expect(open.handoffs.map(\.fromTaskID) == [nil, "I", "Q"])
        #expect(open.handoffs.map(\.waitMicroseconds) == [0, mins(85), 0])
        #expect(open.runningTasks == 1)
        #expect(open.metrics == nil)
    }

    @Test func runningTasksCountsOnlyTasksInsideTheWindow() {
        // Window [0, 50]; A [20, 30], R1 [10, running] inside, R2 [50, running] and R3 [60, running] outside.
        // R1 counts as [10, 50]: intake 10, f = 50.  A: 20 < 50 → 0, end 30 < 50 keeps f and p = R1.
        // Touch 40, effort 40 + 10 = 50, closure 0.
        let d = HandoffDerivation.derive(
            window: window(0, 50),
            tasks: [task("R3", 60, nil), task("A", 20, 30), task("R2", 50, nil), task("R1", 10, nil)])
        #expect(d.runningTasks == 1)
        #expect(d.tasksOutsideWindow == 2)
        #expect(d.handoffs.map(\.toTaskID) == ["R1", "A"])
        #expect(d.handoffs.map(\.fromTaskID) == [nil, "R1"])
        #expect(
            d.metrics
                == WorkflowMetrics(
                    lead: mins(50), touch: mins(40), wait: mins(10), effort: mins(50), intake: mins(10),
                    handoffWait: 0, closure: 0))
        expectIdentity(d.metrics)
    }

    @Test func aiTouchedLooksAtOutsideTasksToo() {
        // Window [10, 90]; A [20, 30] without AI, S [95, 100] autonomous after closing (outside).
        let after = HandoffDerivation.derive(
            window: window(10, 90), tasks: [task("A", 20, 30), task("S", 95, 100, ai: .autonomous)])
        #expect(after.aiTouched)
        #expect(after.tasksOutsideWindow == 1)
        #expect(after.handoffs.map(\.toTaskID) == ["A"])
        #expect(after.handoffs.map(\.aiBoundary) == [false])
        // An assisted task finished before opening counts too.
        let before = HandoffDerivation.derive(
            window: window(10, 90), tasks: [task("P", 0, 5, ai: .assisted), task("A", 20, 30)])
        #expect(before.aiTouched)
        #expect(before.tasksOutsideWindow == 1)
    }

    @Test func contextCarriedMayNameAnOutsideTask() {
        // Window [10, 90]; P [0, 5] is outside but still a task of the workflow, so A's context_from
        // naming it is carried context.
        let d = HandoffDerivation.derive(
            window: window(10, 90), tasks: [task("P", 0, 5), task("A", 20, 30, context: "P")])
        #expect(d.handoffs.map(\.toTaskID) == ["A"])
        #expect(d.handoffs.map(\.contextCarried) == [true])
        #expect(d.tasksOutsideWindow == 1)
    }

    @Test func pingPongIgnoresOutsideTasks() {
        // Window [0, 100]; siem [10, 20], edr [30, 40], then siem [110, 120] after closing: no ping-pong.
        let after = HandoffDerivation.derive(
            window: window(0, 100),
            tasks: [task("A", 10, 20, tool: "siem"), task("B", 30, 40, tool: "edr"), task("S", 110, 120, tool: "siem")])
        #expect(!after.pingPong)
        #expect(after.tasksOutsideWindow == 1)
        // The same siem task as an instant exactly at closing is inside: siem → edr → siem.
        let atClosing = HandoffDerivation.derive(
            window: window(0, 100),
            tasks: [task("A", 10, 20, tool: "siem"), task("B", 30, 40, tool: "edr"), task("S", 100, 100, tool: "siem")])
        #expect(atClosing.pingPong)
        #expect(atClosing.tasksOutsideWindow == 0)
    }

    @Test func exclusionDoesNotDependOnInputOrder() {
        // Window [10, 90]; P [0, 5], E [5, 10] and C [90, 95] are outside; I [10, 10], A [20, 60], Z [90, 90] inside.
        // I: intake 0, f = 10.  A: 20 − 10 = 10, f = 60.  Z: 90 − 60 = 30, f = 90.  Closure 0.
        let tasks = [
            task("P", 0, 5), task("E", 5, 10, tool: "edr"), task("I", 10, 10), task("A", 20, 60, tool: "edr"),
            task("Z", 90, 90), task("C", 90, 95, tool: "soar"),
        ]
        let reference = HandoffDerivation.derive(window: window(10, 90), tasks: tasks)
        #expect(reference.handoffs.map(\.toTaskID) == ["I", "A", "Z"])
        #expect(reference.handoffs.map(\.waitMicroseconds) == [0, mins(10), mins(30)])
        #expect(reference.tasksOutsideWindow == 3)
        #expect(
            reference.metrics
                == WorkflowMetrics(
                    lead: mins(80), touch: mins(40), wait: mins(40), effort: mins(40), intake: 0,
                    handoffWait: mins(40), closure: 0))
        expectIdentity(reference.metrics)
        for w in [window(10, 90), window(10, nil), window(nil, 90), window(nil, 5)] {
            let expected = HandoffDerivation.derive(window: w, tasks: tasks)
            for order in permutations(Array(tasks.indices)) {
                let derived = HandoffDerivation.derive(window: w, tasks: order.map { tasks[$0] })
                #expect(derived == expected)
                if derived != expected { return }
            }
        }
    }

    // MARK: DerivationTask from a record

    @Test func derivationTaskFromTaskRecord() {
        let record = TaskRecord(
            id: "t", workflowID: "W", taskType: "x", stage: .response, tool: "soar", actor: "ana", assistant: "bot",
            aiMode: .autonomous, startedAt: at(1), endedAt: at(2), contextFrom: "s")
        #expect(
            DerivationTask(record)
                == DerivationTask(
                    id: "t", startedAt: at(1), endedAt: at(2), tool: "soar", stage: .response, actor: "ana",
                    aiMode: .autonomous, contextFrom: "s", assistant: "bot", taskType: "x"))
    }

    // MARK: (m) seeded property test

    @Test func randomWorkflowsSatisfyTheValueModel() {
        var rng = SplitMix64(seed: 0x6261_746F_6E21)
        var closedChecked = 0
        var outsideSeen = 0
        var boundaries: [WindowBoundary: Int] = [:]
        for iteration in 0..<500 {
            let (w, tasks) = randomWorkflow(&rng)
            let d = HandoffDerivation.derive(window: w, tasks: tasks)
            let ok = checkProperties(w, tasks, d, iteration: iteration)
            if d.metrics != nil { closedChecked += 1 }
            outsideSeen += d.tasksOutsideWindow
            for b in windowBoundaries(w, tasks) { boundaries[b, default: 0] += 1 }

            var shuffled = tasks
            rng.shuffle(&shuffled)
            let again = HandoffDerivation.derive(window: w, tasks: shuffled)
            #expect(again == d, "iteration \(iteration): shuffled input changed the derivation")
            if !ok || again != d { return }
        }
        // The generator must actually exercise closed workflows, outside tasks and every boundary case.
        #expect(closedChecked > 200)
        #expect(outsideSeen > 200)
        for b in WindowBoundary.allCases {
            #expect(boundaries[b, default: 0] >= 10, "boundary case \(b) seen \(boundaries[b, default: 0]) times")
        }
    }
}

// MARK: - Property test support

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast and fully deterministic.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `range` (the tiny modulo bias does not matter here).
    mutating func int(_ range: ClosedRange<Int64>) -> Int64 {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int64(next() % width)
    }

    /// `true` with probability `percent` / 100.
    mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }

    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            items.swapAt(i, j)
        }
    }
}

private func randomWorkflow(_ rng: inout SplitMix64) -> (WorkflowWindow, [DerivationTask]) {
    // Times in microseconds relative to the base; a coarse grid half of the time to force ties.
    let coarse = rng.chance(50)
    func time(_ range: ClosedRange<Int64>) -> Int64 {
        coarse ? rng.int((range.lowerBound / perMinute)...(range.upperBound / perMinute)) * perMinute : rng.int(range)
    }
    let open = time(0...mins(60))
    let lead = rng.chance(5) ? 0 : time(0...mins(300))
    let close = open + lead
    let knownOpen = rng.chance(80)
    let knownClose = rng.chance(75)
    let count = Int(rng.int(0...12))
    let tools = ["siem", "edr", "soar", "ticketing"]
    var tasks: [DerivationTask] = []
    for k in 0..<count {
        // Starts from 40 minutes before opening to 40 minutes after closing: some tasks lie outside.
        var start = open + time(-mins(40)...(lead + mins(40)))
        let running = rng.chance(15)
        var duration = time(0...mins(90))
        // Pin some tasks to the edges of the window, where the outside rule has its boundary cases.
        switch rng.int(0...9) {
        case 0:  // starts at opening, half of the time as an instant
            start = open
            if rng.chance(50) { duration = 0 }
        case 1:  // starts at closing, half of the time as an instant
            start = close
            if rng.chance(50) { duration = 0 }
        case 2:  // ends exactly at opening
            start = open - duration
        case 3:  // an instant anywhere
            duration = 0
        default: break
        }
        let id = "t\(rng.int(0...99))-\(k)"
        // context_from: nothing, a foreign id, the task itself, or an earlier generated task.
        let context: String?
        switch rng.int(0...3) {
        case 0: context = nil
        case 1: context = "foreign"
        case 2: context = id
        default: context = tasks.isEmpty ? nil : tasks[Int(rng.int(0...Int64(tasks.count - 1)))].id
        }
        tasks.append(
            DerivationTask(
                id: id, startedAt: Timestamp(microseconds: base + start),
                endedAt: running ? nil : Timestamp(microseconds: base + start + duration),
                tool: tools[Int(rng.int(0...3))], stage: nil, actor: nil,
                aiMode: [AIMode.none, .assisted, .autonomous][Int(rng.int(0...2))], contextFrom: context))
    }
    let window = WorkflowWindow(
        openedAt: knownOpen ? Timestamp(microseconds: base + open) : nil,
        closedAt: knownClose ? Timestamp(microseconds: base + close) : nil)
    return (window, tasks)
}

/// Length of the union of half-open intervals, computed by sweeping elementary segments
/// (independent of the frontier rule).
private func unionLength(_ intervals: [(Int64, Int64)]) -> Int64 {
    let points = Set(intervals.flatMap { [$0.0, $0.1] }).sorted()
    var total: Int64 = 0
    for (a, b) in zip(points, points.dropFirst()) where intervals.contains(where: { $0.0 <= a && b <= $0.1 }) {
        total += b - a
    }
    return total
}

/// Whether a task has no time in the window `[open, close]` (`close == nil`: open-ended), restated
/// without clipping: a task with duration (or running) is outside unless a stretch of positive
/// length lies in the window; an instant is outside only strictly before opening or after closing.
private func isOutside(_ t: DerivationTask, open: Int64, close: Int64?) -> Bool {
    let s = t.startedAt.microseconds
    if let e = t.endedAt?.microseconds, e <= s {
        return s < open || (close.map { s > $0 } ?? false)
    }
    let e = t.endedAt?.microseconds ?? .max
    return min(e, close ?? .max) <= max(s, open)
}

/// The boundary cases of the outside rule, for measuring what the generator covers.
enum WindowBoundary: CaseIterable, Hashable, Sendable {
    case instantAtOpening, instantAtClosing, endsAtOpening, startsAtClosing, runningFromClosingOrLater
    case instantOutside, entirelyBefore, entirelyAfter
}

/// Which boundary cases the tasks of a closed workflow with a known opening hit.
private func windowBoundaries(_ w: WorkflowWindow, _ tasks: [DerivationTask]) -> [WindowBoundary] {
    guard let openAt = w.openedAt, let closeAt = w.closedAt, closeAt >= openAt else { return [] }
    let open = openAt.microseconds
    let close = closeAt.microseconds
    return tasks.compactMap { t in
        let s = t.startedAt.microseconds
        guard let e = t.endedAt?.microseconds else { return s >= close ? .runningFromClosingOrLater : nil }
        if s == e {
            if s == open { return .instantAtOpening }
            if s == close { return .instantAtClosing }
            return s < open || s > close ? .instantOutside : nil
        }
        if e == open { return .endsAtOpening }
        if s == close { return .startsAtClosing }
        if e < open { return .entirelyBefore }
        if s > close { return .entirelyAfter }
        return nil
    }
}

/// Checks value-model §2 against a straightforward restatement; returns `false` on the first failure.
private func checkProperties(
    _ w: WorkflowWindow, _ tasks: [DerivationTask], _ d: WorkflowDerivation, iteration: Int
) -> Bool {
    let context = "iteration \(iteration)"
    var ok = true
    func check(_ condition: Bool, _ what: String) {
        if !condition {
            Issue.record("\(context): \(what)")
            ok = false
        }
    }

    // The opening is inferred from all tasks, including those that turn out to be outside.
    let open = (w.openedAt ?? tasks.map(\.startedAt).min())?.microseconds
    check(d.effectiveOpenedAt?.microseconds == open, "effective opening")
    check(d.openedAtInferred == (w.openedAt == nil && !tasks.isEmpty), "openedAtInferred")
    // aiTouched looks at every task, inside or outside.
    check(d.aiTouched == tasks.contains { $0.aiMode != .none }, "aiTouched")
    guard let open else {
        check(d.handoffs.isEmpty && d.tasksOutsideWindow == 0 && d.runningTasks == 0, "no tasks, nothing derived")
        return ok
    }
    let close = w.closedAt.map { max($0.microseconds, open) }

    // Tasks with no time in the window are left out before anything else is computed.
    let inside = tasks.filter { !isOutside($0, open: open, close: close) }
    check(d.tasksOutsideWindow == tasks.count - inside.count, "tasksOutsideWindow")
    check(d.handoffs.count == inside.count, "one segment per inside task")
    check(Set(d.handoffs.map(\.toTaskID)) == Set(inside.map(\.id)), "segments target every inside task once")
    check(d.handoffs.map(\.sequence) == Array(0..<inside.count), "sequence numbers")
    check(d.runningTasks == inside.filter { $0.endedAt == nil }.count, "running tasks are inside running tasks")

    // Clipped intervals; `nil` end: unbounded.
    func clamp(_ v: Int64) -> Int64 { min(max(v, open), close ?? .max) }
    // All tasks by id: context_from may name an outside task.
    let byID = Dictionary(uniqueKeysWithValues: tasks.map { ($0.id, $0) })
    func clipped(_ id: String) -> (start: Int64, end: Int64?) {
        let t = byID[id]!
        let s = clamp(t.startedAt.microseconds)
        let e: Int64? = t.endedAt.map { max(clamp($0.microseconds), s) } ?? close
        return (s, e)
    }
    // Every outside task clips to an empty interval (otherwise some of its time was in the window).
    for t in tasks where isOutside(t, open: open, close: close) {
        let c = clipped(t.id)
        check(c.end == c.start, "outside task \(t.id) clips to an empty interval")
    }
    // Order: (clipped start, clipped end with unbounded last, id).
    let order = d.handoffs.map(\.toTaskID)
    for (x, y) in zip(order, order.dropFirst()) {
        let a = clipped(x)
        let b = clipped(y)
        let ae = a.end ?? .max
        let be = b.end ?? .max
        check((a.start, ae, x) < (b.start, be, y), "order \(x) before \(y)")
    }

    var priorEnds: [Int64?] = []
    for (k, h) in d.handoffs.enumerated() {
        let c = clipped(h.toTaskID)
        check(h.handedAt.microseconds == c.start, "handedAt of \(h.toTaskID)")
        check(h.waitMicroseconds >= 0, "wait ≥ 0")
        check(h.kind == (k == 0 ? .intake : .handoff), "kind")
        // Expected wait and from-task restated: the frontier is the latest end so far (or opening);
        // once an unbounded task has started nobody waits.
        let expectedWait: Int64
        let expectedFrom: String?
        if k == 0 {
            expectedWait = c.start - open
            expectedFrom = nil
        } else if let firstRunning = priorEnds.firstIndex(where: { $0 == nil }) {
            expectedWait = 0
            expectedFrom = order[firstRunning]
        } else {
            let ends = priorEnds.map { $0! }
            let frontier = max(open, ends.max()!)
            expectedWait = max(0, c.start - frontier)
            expectedFrom = order[ends.lastIndex(of: ends.max()!)!]
        }
        check(h.waitMicroseconds == expectedWait, "wait before \(h.toTaskID)")
        check(h.fromTaskID == expectedFrom, "from-task of \(h.toTaskID)")
        let task = byID[h.toTaskID]!
        check(h.toTool == task.tool, "toTool")
        if let from = h.fromTaskID, let p = byID[from] {
            check(h.crossTool == (p.tool != task.tool), "crossTool")
            check(h.aiBoundary == ((p.aiMode == .none) != (task.aiMode == .none)), "aiBoundary")
            check(h.fromTool == p.tool, "fromTool")
        } else {
            check(!h.crossTool && !h.aiBoundary && h.fromTool == nil, "intake has no from-side")
        }
        let carried = task.contextFrom.map { $0 != task.id && byID[$0] != nil } ?? false
        check(h.contextCarried == carried, "contextCarried")
        priorEnds.append(c.end)
    }
    check(
        d.pingPong == HandoffDerivation.containsPingPong(order.map { byID[$0]!.tool }), "ping-pong on task order")

    guard let close else {
        check(d.metrics == nil, "open workflow has no metrics")
        return ok
    }
    guard let m = d.metrics else {
        check(false, "closed workflow has metrics")
        return ok
    }
    // Touch, effort and the last end come from the inside tasks only.
    let intervals = inside.map { clipped($0.id) }.map { ($0.start, $0.end!) }
    let touch = unionLength(intervals)
    let effort = intervals.reduce(Int64(0)) { $0 + ($1.1 - $1.0) }
    let lastEnd = intervals.map(\.1).max() ?? open
    check(m.lead == close - open, "lead")
    check(m.touch == touch, "touch is the union length (\(m.touch) vs \(touch))")
    check(m.effort == effort, "effort is the sum of durations")
    check(m.wait == m.lead - m.touch, "W = L − A")
    check(m.intake == (d.handoffs.first?.waitMicroseconds ?? 0), "intake")
    check(m.handoffWait == d.handoffs.dropFirst().reduce(0) { $0 + $1.waitMicroseconds }, "Σ handoff waits")
    check(m.closure == close - max(open, lastEnd), "closure")
    check(m.touch + m.intake + m.handoffWait + m.closure == m.lead, "identity A + intake + Σ waits + closure = L")
    check(m.intake >= 0 && m.handoffWait >= 0 && m.closure >= 0, "segments ≥ 0")
    check(0 <= m.touch && m.touch <= m.lead, "0 ≤ touch ≤ lead")
    check(m.effort >= m.touch, "effort ≥ touch")
    return ok
}

/// All permutations of `items` (Heap's algorithm).
private func permutations(_ items: [Int]) -> [[Int]] {
    var result: [[Int]] = []
    var a = items
    func generate(_ n: Int) {
        if n <= 1 {
            result.append(a)
            return
        }
        generate(n - 1)
        for i in 0..<(n - 1) {
            a.swapAt(n % 2 == 0 ? i : 0, n - 1)
            generate(n - 1)
        }
    }
    generate(a.count)
    return result
}
