import BatonCore
import Testing

// Hand-built cases for value-model §8 on one workflow. Times are minutes after
// 2026-03-02T10:00:00Z; every expectation is worked out by hand below its case.

private let base: Int64 = 1_772_445_600 * 1_000_000
private let perMinute: Int64 = 60_000_000

private func at(_ minutes: Int64) -> Timestamp { Timestamp(microseconds: base + minutes * perMinute) }
private func mins(_ minutes: Int64) -> Int64 { minutes * perMinute }

private func task(
    _ id: String, _ start: Int64, _ end: Int64?, assistant: String? = nil, ai: AIMode? = nil, context: String? = nil,
    stage: Stage? = .investigation, actor: String? = nil, type: String = "work"
) -> DerivationTask {
    DerivationTask(
        id: id, startedAt: at(start), endedAt: end.map(at), tool: "siem", stage: stage, actor: actor,
        aiMode: ai ?? (assistant == nil ? .none : .autonomous), contextFrom: context, assistant: assistant,
        taskType: type)
}

private func derive(_ tasks: [DerivationTask], open: Int64 = 0, close: Int64? = 200) -> [String: HandoffCoordination] {
    let d = HandoffDerivation.derive(window: WorkflowWindow(openedAt: at(open), closedAt: close.map(at)), tasks: tasks)
    return Dictionary(uniqueKeysWithValues: d.handoffs.map { ($0.toTaskID, $0.coordination) })
}

@Suite("Handoff coordination: sides, lineage and duplicated work (value-model §8)")
struct HandoffCoordinationTests {
    @Test("each handoff names the assistant and ai_mode on both sides: AI→AI, AI→human, human→AI")
    func sides() {
        // a (siem-x, autonomous) → b (edr-y, assisted) → c (human) → d (siem-x, assisted)
        let c = derive([
            task("a", 0, 10, assistant: "siem-x"), task("b", 20, 30, assistant: "edr-y", ai: .assisted),
            task("c", 40, 50), task("d", 60, 70, assistant: "siem-x", ai: .assisted),
        ])
        #expect(c["a"]?.fromSide == nil)
        #expect(c["a"]?.toSide == CoordinationSide(assistant: "siem-x"))
        #expect(c["b"]?.fromAssistant == "siem-x")
        #expect(c["b"]?.fromAIMode == .autonomous)
        #expect(c["b"]?.toAIMode == .assisted)
        #expect(c["b"]?.fromSide == CoordinationSide(assistant: "siem-x"))
        #expect(c["b"]?.toSide == CoordinationSide(assistant: "edr-y"))
        #expect(c["c"]?.fromSide == CoordinationSide(assistant: "edr-y"))
        #expect(c["c"]?.toSide == .human)
        #expect(c["d"]?.fromSide == .human)
        #expect(c["d"]?.toSide == CoordinationSide(assistant: "siem-x"))
    }

    @Test("an assistant named on a task with ai_mode none is human work")
    func namedButNotAI() {
        let c = derive([task("a", 0, 10, assistant: "siem-x", ai: AIMode.none), task("b", 20, 30)])
        #expect(c["a"]?.toAssistant == "siem-x")
        #expect(c["a"]?.toSide == .human)
        #expect(c["b"]?.fromSide == .human)
    }

    @Test("lineage across non-adjacent tasks: the producer is the named task, not the frontier task")
    func nonAdjacentLineage() {
        // a (siem-x) 0–10; b (human) 15–30; c (edr-y) 40–50 consumes a's output.
        // The handoff into c comes from b (the frontier), the link from a: wait 50 − … = 40 − 10 = 30 min.
        let c = derive([
            task("a", 0, 10, assistant: "siem-x"), task("b", 15, 30),
            task("c", 40, 50, assistant: "edr-y", context: "a"),
        ])
        #expect(c["c"]?.fromSide == .human)
        #expect(c["c"]?.lineage == .linked)
        #expect(c["c"]?.producerTaskID == "a")
        #expect(c["c"]?.producerSide == CoordinationSide(assistant: "siem-x"))
        #expect(c["c"]?.lineageWaitMicroseconds == mins(30))
        #expect(c["b"]?.lineage == nil)
    }

    @Test("a producer in another case is ignored and counted as other-case")
    func otherCase() {
        let c = derive([task("a", 0, 10, assistant: "siem-x"), task("b", 20, 30, context: "elsewhere-7")])
        #expect(c["b"]?.lineage == .otherCase)
        #expect(c["b"]?.producerTaskID == nil)
        #expect(c["b"]?.producerSide == nil)
        #expect(c["b"]?.lineageWaitMicroseconds == nil)
        let input = CoordinationInput.aggregate([
            derivedRows([task("a", 0, 10, assistant: "siem-x"), task("b", 20, 30, context: "elsewhere-7")])
        ])
        #expect(input.otherCaseLinks == 1)
        #expect(input.links.isEmpty)
        // Out of siem-x's AI into a task that names no producer in the case: a broken link.
        #expect(input.handoffs.first?.brokenLinks == 1)
    }

    @Test("cycles in context_from are ignored and counted; a task pointing into a cycle keeps its link")
    func cycles() {
        // a ↔ b form a cycle; c names a (a link); d names itself.
        let tasks = [
            task("a", 0, 10, assistant: "siem-x", context: "b"), task("b", 20, 30, context: "a"),
            task("c", 40, 50, context: "a"), task("d", 60, 70, context: "d"),
        ]
        let c = derive(tasks)
        #expect(c["a"]?.lineage == .cycle)
        #expect(c["b"]?.lineage == .cycle)
        #expect(c["c"]?.lineage == .linked)
        #expect(c["c"]?.producerTaskID == "a")
        #expect(c["d"]?.lineage == .cycle)
        let input = CoordinationInput.aggregate([derivedRows(tasks)])
        #expect(input.cycleLinks == 3)
        #expect(input.links.map(\.links) == [1])
    }

    @Test("a longer cycle a→b→c→a is found whatever the walk starts from")
    func longCycle() {
        let c = derive([
            task("a", 0, 10, context: "c"), task("b", 20, 30, context: "a"), task("c", 40, 50, context: "b"),
            task("e", 60, 70, context: "c"),
        ])
        #expect(["a", "b", "c"].map { c[$0]?.lineage } == [.cycle, .cycle, .cycle])
        #expect(c["e"]?.lineage == .linked)
    }

    @Test("re-gathering: a context-regathering task after the from-task (or the producer) and by the consumer's start")
    func regathering() {
        // a (siem-x) 0–10; r (human, context-regathering) 20–30; b (human) 35–45 names a.
        let c = derive([
            task("a", 0, 10, assistant: "siem-x"), task("r", 20, 30, type: "context-regathering"),
            task("b", 35, 45, context: "a"),
        ])
        // Into r: r itself is the re-gathering, after a.
        #expect(c["r"]?.regathered == true)
        // Into b: from r, and no re-gathering task starts in [r.start, b.start] other than r itself.
        #expect(c["b"]?.regathered == false)
        // The link a → b: r started between a and b.
        #expect(c["b"]?.linkRegathered == true)
        #expect(c["b"]?.lineageWaitMicroseconds == mins(25))
    }

    @Test("duplicate work: two actors in the same stage at once; the later starter's row carries it")
    func twoActors() {
        // a (siem-x) 0–60 and b (edr-y) 20–50 in the same stage: b duplicates 30 min of a.
        let c = derive([task("a", 0, 60, assistant: "siem-x"), task("b", 20, 50, assistant: "edr-y")])
        #expect(c["a"]?.duplicateMicroseconds == 0)
        #expect(c["b"]?.duplicateMicroseconds == mins(30))
        #expect(c["b"]?.duplicates == [CoordinationSide(assistant: "siem-x"): mins(30)])
    }

    @Test("duplicate work of three actors: each pair counts its overlap, the total counts effort beyond touch")
    func threeActors() {
        // a (siem-x) 0–60, b (edr-y) 10–40, c (human ana) 20–50, same stage.
        // b overlaps a on [10, 40]: 30. c overlaps a on [20, 50] (30) and b on [20, 40] (20);
        // the union of c's overlaps is [20, 50]: 30. Total 60 = effort (60 + 30 + 30) − touch (60).
        let tasks = [
            task("a", 0, 60, assistant: "siem-x"), task("b", 10, 40, assistant: "edr-y"),
            task("c", 20, 50, actor: "analyst:ana"),
        ]
        let c = derive(tasks)
        #expect(c["b"]?.duplicateMicroseconds == mins(30))
        #expect(c["c"]?.duplicateMicroseconds == mins(30))
        #expect(
            c["c"]?.duplicates == [
                CoordinationSide(assistant: "siem-x"): mins(30), CoordinationSide(assistant: "edr-y"): mins(20),
            ])
        let d = HandoffDerivation.derive(window: WorkflowWindow(openedAt: at(0), closedAt: at(200)), tasks: tasks)
        let total = d.handoffs.reduce(Int64(0)) { $0 + $1.coordination.duplicateMicroseconds }
        #expect(total == d.metrics!.effort - d.metrics!.touch)
        let input = CoordinationInput.aggregate([derivedRows(tasks)])
        #expect(
            input.duplicates.map { "\($0.first)→\($0.second)=\($0.microseconds / perMinute)" }
                == ["edr-y→human=20", "siem-x→edr-y=30", "siem-x→human=30"])
        #expect(input.duplicateBySide[.human] == mins(30))
        #expect(input.duplicateBySide[CoordinationSide(assistant: "edr-y")] == mins(30))
    }

    @Test("no duplicate work: the same worker twice, other stages, no stage, or two humans without actors")
    func notDuplicates() {
        let c = derive([
            task("a", 0, 60, assistant: "siem-x", actor: "ai:siem-x"),
            task("b", 10, 40, assistant: "siem-x", actor: "ai:siem-x"),
            task("c", 10, 40, stage: .response), task("d", 10, 40, stage: nil),
            task("e", 70, 90), task("f", 75, 85),
        ])
        for id in ["b", "c", "d", "f"] { #expect(c[id]?.duplicateMicroseconds == 0, "\(id)") }
    }

    @Test("two people in the same stage with different actors do duplicate each other")
    func twoPeople() {
        let c = derive([task("a", 0, 30, actor: "analyst:ana"), task("b", 10, 20, actor: "analyst:bo")])
        #expect(c["b"]?.duplicates == [.human: mins(10)])
    }

    @Test("the matrix: shares, medians, broken links, readiness and guidance for the worst cells")
    func matrix() throws {
        // Case 1: x (siem-x) → y (edr-y) without context, 30 min wait, tagged context-regathering.
        // Case 2: x → y with context, 10 min wait; y then hands to a human 5 min later, no context.
        // Case 3: x and y work the same stage at once for 20 min.
        let case1 = derivedRows(
            [task("1a", 0, 10, assistant: "siem-x"), task("1b", 40, 50, assistant: "edr-y")],
            tags: ["1b": .contextRegathering])
        let case2 = derivedRows([
            task("2a", 0, 10, assistant: "siem-x"), task("2b", 20, 30, assistant: "edr-y", context: "2a"),
            task("2c", 35, 40),
        ])
        let case3 = derivedRows([task("3a", 0, 30, assistant: "siem-x"), task("3b", 10, 40, assistant: "edr-y")])
        let input = CoordinationInput.aggregate([case1, case2, case3])
        let m = CoordinationMatrix(input)
        let x = CoordinationSide(assistant: "siem-x")
        let y = CoordinationSide(assistant: "edr-y")
        #expect(m.sides == [y, x, .human])
        let xy = try #require(m.cell(x, y))
        // Handoffs x→y: case 1 (30 min, no context), case 2 (10 min, context), case 3 (0 min, overlap).
        #expect(xy.handoffs == 3)
        #expect(xy.medianWaitMinutes == 10)
        #expect(xy.contextCarriedShare == 1.0 / 3)
        #expect(xy.regatherShare == 1.0 / 3)
        #expect(xy.brokenLinks == 2)
        #expect(xy.links == 1)
        #expect(xy.medianLinkWaitMinutes == 10)
        #expect(xy.duplicateHours == 20.0 / 60)
        let yh = try #require(m.cell(y, .human))
        #expect(yh.brokenLinks == 1)
        #expect(m.brokenLinks == 3)
        // AI tasks: 1a, 1b, 2a, 2b, 3a, 3b; consumed: 2a.
        #expect(m.aiOutputConsumedShare == 1.0 / 6)
        #expect(m.summary(of: x).handoffsOut == 3)
        #expect(m.summary(of: y).duplicateHours == 20.0 / 60)
        // Guidance, worst first: x→y weighs 30 min both as low context (waits without context) and
        // as re-gathering, and gets one practice, re-gathering; then duplicate work of x and y
        // (20 min); then y→human, 5 min without context.
        #expect(m.guidance.map(\.problem) == ["regathering", "duplicate-work", "low-context"])
        #expect(m.guidance.first?.practice == "feed siem-x's output into edr-y's input")
        #expect(m.guidance[1].practice == "one owner per stage: siem-x and edr-y both investigated")
        #expect(m.guidance[2].practice == "pass edr-y's verdict and case id to the analyst")
        #expect(m.guidance[2].hoursAtStake == 5.0 / 60)
    }

    @Test("a hostile assistant name stays one side and reaches the practice text unchanged")
    func hostileName() {
        let evil = "<script>alert(1)</script>"
        let rows = derivedRows([task("a", 0, 10, assistant: evil), task("b", 20, 30)])
        let m = CoordinationMatrix(CoordinationInput.aggregate([rows]))
        #expect(m.sides == [CoordinationSide(assistant: evil), .human])
        #expect(m.guidance.first?.practice == "pass \(evil)'s verdict and case id to the analyst")
    }
}

/// One workflow's derived handoff rows with their tags, as storage keeps them.
func derivedRows(
    _ tasks: [DerivationTask], tags: [String: HandoffReason] = [:]
) -> [CoordinationInput.TaggedHandoff] {
    HandoffDerivation.derive(
        window: WorkflowWindow(
            openedAt: Timestamp(microseconds: base), closedAt: Timestamp(microseconds: base + 200 * perMinute)),
        tasks: tasks
    ).handoffs.map { ($0, tags[$0.toTaskID]) }
}
