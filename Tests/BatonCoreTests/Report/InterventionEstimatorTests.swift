import Foundation
import Testing

@testable import BatonCore

@Suite("InterventionEstimator")
struct InterventionEstimatorTests {
    static let start = Timestamp(rfc3339: "2026-01-05T00:00:00Z")!
    static let day: Int64 = 86_400_000_000
    static let minute: Int64 = 60_000_000

    static func at(_ days: Double) -> Timestamp { start.adding(microseconds: Int64(days * Double(day))) }

    static func handoff(
        _ workflow: Int, _ pair: String, _ minutes: Double, _ days: Double, from: String = "human", to: String = "human"
    )
        -> ReportInput.HandoffObservation
    {
        .init(
            workflow: workflow, toolPair: pair, fromSide: from, toSide: to,
            waitMicroseconds: Int64(minutes * Double(minute)), waitStart: at(days))
    }

    static func intervention(_ id: Int, _ kind: InterventionTarget.Kind, _ target: String, _ days: Double) throws
        -> Intervention
    {
        Intervention(
            id: id, date: at(days), target: try InterventionTarget(kind: kind, target), description: "change \(id)")
    }

    static func input(_ handoffs: [ReportInput.HandoffObservation], _ interventions: [Intervention]) -> ReportInput {
        var input = ReportInput(
            tenant: "t", from: start, to: at(100), tasks: [], workflows: [], openWorkflows: 0, inferredOpenings: 0,
            assistants: [], perceptions: [:],
            friction: .init(
                topClasses: [], intakeHours: 0, closureHours: 0, pingPongShare: nil, contextCarriedShare: nil,
                flowEfficiencyMedian: nil, flowEfficiencyP90: nil),
            readiness: .init(tasksWithStageShare: nil, handoffsWithContextShare: nil, waitingHoursTaggedShare: nil))
        input.interventions = interventions
        input.handoffs = handoffs
        return input
    }

    static func estimate(_ input: ReportInput) -> [ValueReport.InterventionEffect] {
        InterventionEstimator(options: ReportOptions()).estimate(input)
    }

    @Test("exact data: the target's after mean minus its before mean moved by the comparison's ratio")
    func exact() throws {
        // 200 cases, the first half before day 50. Comparison waits rise 20% after the date; the
        // target's would have too, and the change halved them: 60 → 36 where 72 was due.
        var handoffs: [ReportInput.HandoffObservation] = []
        for k in 0..<200 {
            let t = Double(k) / 2
            let after = t >= 50
            handoffs.append(Self.handoff(k, "a→b", after ? 36 : 60, t))
            handoffs.append(Self.handoff(k, "c→d", after ? 24 : 20, t + 0.01))
            handoffs.append(Self.handoff(k, "e→f", after ? 48 : 40, t + 0.02))
        }
        let e = try #require(
            Self.estimate(Self.input(handoffs, [try Self.intervention(1, .handoffClass, "a→b", 50)])).first)
        let value = try #require(e.effectMinutes.value)
        #expect(abs(value - -36) < 1e-9)
        #expect(abs((e.counterfactualMeanWaitMinutes ?? 0) - 72) < 1e-9)
        #expect(abs((e.controlChange ?? 0) - 0.2) < 1e-12)
        #expect(abs((e.relativeEffect ?? 0) - -0.5) < 1e-12)
        #expect(e.targetBefore.cases == 100 && e.targetAfter.cases == 100 && e.controlClasses == 2)
        #expect(e.targetBefore.handoffs == 100 && e.controlAfter.handoffs == 200)
        // No spread anywhere: the interval is the point.
        #expect(abs((e.effectMinutes.low ?? .nan) - value) < 1e-9 && abs((e.effectMinutes.high ?? .nan) - value) < 1e-9)
        #expect(e.verdict == "changed")
        #expect(e.summary.contains("fell by 36 min per handoff"), "\(e.summary)")
        #expect(e.controlClassing == "tool")
    }

    @Test("a shift in the mix of comparison classes is no change; a pooled mean would have called it one")
    func mixShift() throws {
        var handoffs: [ReportInput.HandoffObservation] = []
        for k in 0..<400 {
            let t = Double(k) / 4
            let after = t >= 50
            handoffs.append(Self.handoff(k, "a→b", 60, t))
            handoffs.append(Self.handoff(k, "c→d", 10, t))
            // The long class is in 20% of cases before the date and 80% after.
            if (after ? k % 5 != 0 : k % 5 == 0) { handoffs.append(Self.handoff(k, "e→f", 100, t)) }
        }
        let e = try #require(
            Self.estimate(Self.input(handoffs, [try Self.intervention(1, .handoffClass, "a→b", 50)])).first)
        #expect(abs(e.effectMinutes.value ?? .nan) < 1e-9)
        #expect(abs(e.controlChange ?? .nan) < 1e-12)
        #expect(e.verdict == "no clear change")
    }

    /// Cases with a shared hidden factor and heavy-tailed waits: `cases` of them over 100 days.
    static func noisy(cases: Int, seed: UInt64, targetFactor: Double = 1) -> [ReportInput.HandoffObservation] {
        var g = SeededGenerator(seed: seed)
        var out: [ReportInput.HandoffObservation] = []
        let means = ["a→b": 60.0, "c→d": 20, "e→f": 40, "g→h": 90]
        for k in 0..<cases {
            let t = g.uniform() * 100
            let shared = Foundation.exp(0.5 * g.normal())
            for _ in 0..<(1 + g.index(below: 3)) {
                let pair = ["a→b", "c→d", "e→f", "g→h"][g.index(below: 4)]
                let time = t + g.uniform() * 2
                var wait = means[pair]! * shared * Foundation.exp(g.normal() - 0.5)
                if pair == "a→b", time >= 50 { wait *= targetFactor }
                out.append(handoff(k, pair, wait, time))
            }
        }
        return out
    }

    @Test(
        "calibrated: over 200 data sets of 1,000 cases the 95% interval covers the true effect in 91% to 99%, for a change that did nothing and for a 40% cut",
        arguments: [1.0, 0.6])
    func calibrated(factor: Double) throws {
        let interventions = [try Self.intervention(1, .handoffClass, "a→b", 50)]
        var covered = 0
        var values: [Double] = []
        var halfWidths: [Double] = []
        for seed in 0..<200 {
            let handoffs = Self.noisy(cases: 1_000, seed: UInt64(seed) + 1_000, targetFactor: factor)
            // The truth: the after handoffs' mean wait minus what they would have waited (their
            // waits without the factor).
            let after = handoffs.filter { $0.toolPair == "a→b" && $0.waitStart >= Self.at(50) }
            let mean = Double(after.reduce(0) { $0 + $1.waitMicroseconds }) / Double(after.count) / Double(Self.minute)
            let truth = mean - mean / factor
            let e = try #require(Self.estimate(Self.input(handoffs, interventions)).first)
            let (low, high) = (try #require(e.effectMinutes.low), try #require(e.effectMinutes.high))
            if low <= truth, truth <= high { covered += 1 }
            values.append((e.effectMinutes.value ?? .nan) - truth)
            halfWidths.append((high - low) / 2)
        }
        let mean = values.reduce(0, +) / Double(values.count)
        let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
        print(
            "intervention interval, factor \(factor): covered \(covered) of 200; error sd \(sd) min, 1.96 sd \(1.96 * sd), mean half-width \(halfWidths.reduce(0, +) / 200)"
        )
        #expect((182...198).contains(covered), "covered \(covered) of 200")
    }

    @Test("too few cases on a side: insufficient data, saying which side and how many")
    func insufficient() throws {
        var handoffs: [ReportInput.HandoffObservation] = []
        for k in 0..<100 {
            let t = Double(k)  // 17 cases from day 83
            handoffs.append(Self.handoff(k, "a→b", 30, t))
            handoffs.append(Self.handoff(k, "c→d", 30, t))
        }
        let e = try #require(
            Self.estimate(Self.input(handoffs, [try Self.intervention(1, .handoffClass, "a→b", 83)])).first)
        #expect(e.verdict == "insufficient data" && e.effectMinutes.value == nil)
        #expect(
            e.effectMinutes.note?.contains("17 cases with the target's handoffs after it") == true,
            "\(e.effectMinutes.note ?? "")")
        #expect(e.summary.hasPrefix("Not enough data"))
    }

    @Test("another intervention's handoffs leave the comparison; a second change to the same handoffs bounds each side")
    func severalInterventions() throws {
        var handoffs: [ReportInput.HandoffObservation] = []
        for k in 0..<500 {
            let t = Double(k) / 5
            handoffs.append(Self.handoff(k, "a→b", 30, t))
            handoffs.append(Self.handoff(k, "c→d", 30, t))
            handoffs.append(Self.handoff(k, "e→f", 30, t, from: "bot"))
        }
        let interventions = [
            try Self.intervention(1, .handoffClass, "a→b", 40), try Self.intervention(2, .handoffClass, "a→b", 70),
            try Self.intervention(3, .handoffClass, "c→d", 50), try Self.intervention(4, .assistant, "bot", 60),
            try Self.intervention(5, .handoffClass, "x→y", -10),
        ]
        let effects = Self.estimate(Self.input(handoffs, interventions))
        // Oldest first; the one dated before the period is listed without figures.
        #expect(effects.map(\.id) == [5, 1, 3, 4, 2])
        #expect(effects[0].verdict == "before the period" && effects[0].effectMinutes.value == nil)
        let first = try #require(effects.first { $0.id == 1 })
        // #1's after side stops at #2 (days 40 to 70), its before side starts at the period.
        #expect(first.targetBefore.handoffs == 200 && first.targetAfter.handoffs == 150)
        #expect(first.warnings.contains { $0.contains("another intervention") })
        let second = try #require(effects.first { $0.id == 2 })
        #expect(second.targetBefore.handoffs == 150 && second.targetAfter.handoffs == 150)
        // #3's comparison: tool pairs no intervention targets; e→f is #4's (its from side is bot),
        // a→b is #1's and #2's: none is left.
        let third = try #require(effects.first { $0.id == 3 })
        #expect(third.controlBefore.handoffs == 0 && third.verdict == "insufficient data")
        // #4 (an assistant) compares assistant pairs: human→human of c→d and a→b are taken by #1-#3.
        let fourth = try #require(effects.first { $0.id == 4 })
        #expect(fourth.controlClassing == "assistant" && fourth.controlBefore.handoffs == 0)
    }

    @Test("the guidance links the interventions that addressed its class, oldest first")
    func guidanceLinks() throws {
        var input = Self.input(
            (0..<100).map { Self.handoff($0, "a→b", 30, Double($0)) },
            [
                try Self.intervention(2, .handoffClass, "a→b", 60), try Self.intervention(1, .handoffClass, "a→b", 20),
                try Self.intervention(3, .assistant, "bot", 30),
            ])
        input.friction.topClasses = [
            .init(
                handoffClass: "a→b", waitingHours: 50, handoffs: 100, meanWaitMinutes: 30, contextCarriedShare: 0.9,
                tagReasons: ["approval-wait": 10]),
            .init(
                handoffClass: "c→d", waitingHours: 40, handoffs: 100, meanWaitMinutes: 24, contextCarriedShare: 0.9,
                tagReasons: [:]),
        ]
        let report = ValueReportBuilder().build(input)
        let linked = try #require(report.guidance.first { $0.handoffClass == "a→b" })
        #expect(linked.interventions == [1, 2])
        #expect(report.guidance.first { $0.handoffClass == "c→d" }?.interventions == nil)
        #expect(report.interventions?.map(\.id) == [1, 3, 2])
        #expect(report.text.contains("Addressed by intervention #1 (2026-01-25"))
        #expect(report.text.contains("INTERVENTIONS"))
        #expect(report.markdown.contains("## Interventions"))
        // A report without interventions has neither the section nor the field.
        let plain = ValueReportBuilder().build(Self.input([], []))
        #expect(plain.interventions == nil && !plain.text.contains("INTERVENTIONS"))
    }
}
