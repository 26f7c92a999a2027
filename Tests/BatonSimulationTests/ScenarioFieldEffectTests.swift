import BatonCore
import Foundation
import Testing

@testable import BatonSimulation

/// A bundled scenario with fewer workflows (the shipped 20,000 are more than these tests need).
private func bundled(_ name: String, workflows: Int) throws -> Scenario {
    var s = try Scenario.bundled(named: name)
    s.workflows = workflows
    return s
}

/// A share measured over `total` independent draws agrees with `p` within 5 standard errors.
private func expectShare(_ count: Int, of total: Int, _ p: Double, _ what: String) {
    #expect(total > 0, "\(what): nothing to measure")
    guard total > 0 else { return }
    let share = Double(count) / Double(total)
    let tolerance = 5 * (p * (1 - p) / Double(total)).squareRoot()
    #expect(abs(share - p) <= tolerance, "\(what): \(share) vs \(p) ± \(tolerance) (n \(total))")
}

private func severity(_ w: SimulatedWorkflow) -> String { w.workflow.severity?.rawValue ?? "" }

/// The moment each inserted wait of a workflow without AI begins: intake at the opening, a handoff
/// when the task before it ends, closure when the last task ends (no re-gathering without AI).
private func waitStarts(_ w: SimulatedWorkflow) -> [Timestamp] {
    [w.workflow.openedAt] + w.tasks.map { $0.endedAt ?? $0.startedAt }
}

/// What the new scenario fields do to the generated records. Everything here is measured from
/// the records (and the simulator's inserted waits), never read back from the scenario's logic.
@Suite("Scenario fields: what they change")
struct ScenarioFieldEffectTests {
    @Test("severity-paths: a case's steps follow its severity (probability_by_severity)")
    func severityPaths() throws {
        let s = try bundled("severity-paths", workflows: 6_000)
        let workflows = Fixtures.run(s).tenants[0]
        let bySeverity = Dictionary(grouping: workflows, by: severity)
        for step in s.steps where step.probabilityBySeverity != nil {
            var shares: [String: Double] = [:]
            for level in Severity.allCases.map(\.rawValue) {
                let cases = bySeverity[level] ?? []
                let with = cases.filter { w in w.tasks.contains { $0.taskType == step.taskType } }.count
                expectShare(with, of: cases.count, step.probability(severity: level), "\(step.taskType) \(level)")
                shares[level] = Double(with) / Double(max(cases.count, 1))
            }
            #expect((shares["low"] ?? 1) < (shares["critical"] ?? 0), "\(step.taskType): \(shares)")
        }
        // The steps without an override keep their single probability at every severity.
        for step in s.steps where step.probabilityBySeverity == nil {
            for level in Severity.allCases.map(\.rawValue) {
                #expect(step.probability(severity: level) == step.probability)
            }
        }
    }

    @Test("low-severity-ai: assistants are used more on low-severity cases (adoption_by_severity)")
    func lowSeverityAI() throws {
        let s = try bundled("low-severity-ai", workflows: 6_000)
        let workflows = Fixtures.run(s).tenants[0]
        let start = try #require(s.startTimestamp)
        for a in s.assistants {
            // Tasks a day or more after the rollout, so that the decision was taken after it too.
            let after = start.adding(microseconds: Int64((a.rolloutDay + 1) * 86_400) * 1_000_000)
            var shares: [String: Double] = [:]
            for level in Severity.allCases.map(\.rawValue) {
                let eligible = workflows.filter { severity($0) == level }.flatMap(\.tasks).filter {
                    $0.taskType == a.taskType && $0.tool == a.tool && $0.startedAt >= after
                }
                let used = eligible.filter { $0.assistant == a.name }.count
                if eligible.count >= 100 {
                    expectShare(used, of: eligible.count, a.adoption(severity: level), "\(a.name) \(level)")
                }
                shares[level] = Double(used) / Double(max(eligible.count, 1))
            }
            if a.taskType == "alert-triage" || a.taskType == "case-summary" {
                #expect((shares["low"] ?? 0) > (shares["critical"] ?? 1), "\(a.name): \(shares)")
            }
        }
    }

    @Test("shared-cases: most cases are touched by two or more assistants, each adopted independently")
    func sharedCases() throws {
        let s = try bundled("shared-cases", workflows: 6_000)
        let workflows = Fixtures.run(s).tenants[0]
        let shared = workflows.filter { $0.assistants.count >= 2 }.count
        #expect(Double(shared) / Double(workflows.count) > 0.6, "\(shared) of \(workflows.count) cases shared")
        // Whether the summary used its assistant does not depend on whether triage used its own:
        // both steps are in every case, so compare the two groups of cases opened after both rollouts.
        let start = try #require(s.startTimestamp)
        let later = workflows.filter { $0.workflow.openedAt >= start.adding(microseconds: 86_400_000_000) }
        let triaged = Dictionary(grouping: later) { $0.assistants.contains("siem-triage-assistant") }
        let summariser = try #require(s.assistants.first { $0.name == "ticket-summariser" })
        for (triageAI, group) in triaged {
            let summarised = group.filter { $0.assistants.contains(summariser.name) }.count
            expectShare(summarised, of: group.count, summariser.adoption, "summary AI when triage AI is \(triageAI)")
        }
    }

    @Test("staggered-rollouts: every assistant starts on its own day, none before it")
    func staggeredRollouts() throws {
        let s = try bundled("staggered-rollouts", workflows: 3_000)
        let tasks = Fixtures.run(s).tenants[0].flatMap(\.tasks)
        let start = try #require(s.startTimestamp)
        for a in s.assistants {
            let used = tasks.filter { $0.assistant == a.name }.map { Double($0.startedAt.microseconds(since: start)) }
            let firstDay = (used.min() ?? .infinity) / 86_400_000_000
            #expect(firstDay >= a.rolloutDay && firstDay < a.rolloutDay + 1, "\(a.name): first used on day \(firstDay)")
        }
    }

    @Test(
        "wait_trend_per_week multiplies every inserted wait by 1 + trend × weeks at its start (at least 0.1)",
        arguments: [0.03, 0.2, -0.2])
    func waitTrendIsExact(trend: Double) throws {
        var flat = try Fixtures.scenario(workflows: 1_500)
        flat.assistants = []
        var drifting = flat
        drifting.waitTrendPerWeek = trend
        try drifting.validate()
        let start = try #require(flat.startTimestamp)
        let before = Fixtures.run(flat).tenants[0]
        let after = Fixtures.run(drifting).tenants[0]
        var problems: [String] = []
        var clamped = 0
        for (plain, drifted) in zip(before, after) {
            // The same draws: same case, same steps, same durations; only the waits differ.
            #expect(plain.workflow.openedAt == drifted.workflow.openedAt)
            #expect(plain.tasks.map(\.taskType) == drifted.tasks.map(\.taskType))
            #expect(plain.waits.map(\.handoffClass) == drifted.waits.map(\.handoffClass))
            for (k, begins) in waitStarts(drifted).enumerated() where k < plain.waits.count {
                let weeks = Double(begins.microseconds(since: start)) / Double(7 * Fixtures.microsecondsPerDay)
                let factor = max(1 + trend * weeks, 0.1)
                if factor == 0.1 { clamped += 1 }
                // Both waits are rounded to whole seconds: each is off by at most half a second.
                let expected = Double(plain.waits[k].microseconds) * factor
                let tolerance = 500_000 * (1 + factor) + 1
                if abs(Double(drifted.waits[k].microseconds) - expected) > tolerance, problems.count < 10 {
                    problems.append(
                        "\(drifted.workflow.workflowID) \(drifted.waits[k].handoffClass): \(drifted.waits[k].microseconds) µs, expected \(expected)"
                    )
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        // -0.2 a week reaches the floor after 4.5 weeks, so most of that run is clamped.
        #expect((clamped > 0) == (trend == -0.2))
    }

    @Test("a positive wait trend makes the last two weeks' handoffs slower than the first two's")
    func waitTrendShowsOverTheQuarter() throws {
        var s = try bundled("staggered-rollouts", workflows: 6_000)
        s.assistants = []  // no AI: what changes over time is the trend alone
        let trend = try #require(s.waitTrendPerWeek)
        #expect(trend > 0)
        let start = try #require(s.startTimestamp)
        func meanHandoffMinutes(_ workflows: [SimulatedWorkflow], days: ClosedRange<Double>) -> Double {
            let waits = workflows.filter {
                days.contains(
                    Double($0.workflow.openedAt.microseconds(since: start)) / Double(Fixtures.microsecondsPerDay))
            }.flatMap { $0.waits.dropFirst().dropLast().map(\.microseconds) }
            return Double(waits.reduce(0, +)) / Double(max(waits.count, 1)) / Fixtures.microsecondsPerMinute
        }
        let drifting = Fixtures.run(s).tenants[0]
        let first = meanHandoffMinutes(drifting, days: 0...14)
        let last = meanHandoffMinutes(drifting, days: (s.days - 14)...s.days)
        // Expected ratio about (1 + 0.03 × 11.9) / (1 + 0.03 × 1) ≈ 1.32; sampling noise about 5%.
        #expect(last > 1.1 * first, "first two weeks \(first) min, last two \(last) min")

        // Without the trend the same cases show no such drift.
        s.waitTrendPerWeek = nil
        let flat = Fixtures.run(s).tenants[0]
        let flatRatio = meanHandoffMinutes(flat, days: (s.days - 14)...s.days) / meanHandoffMinutes(flat, days: 0...14)
        #expect(last / first > flatRatio * 1.15, "with trend \(last / first), without \(flatRatio)")
    }

    @Test(
        "hidden-selection: from the rollout on, easy cases that would skip the assistant's step reach it (hidden_ease.rollout_routing)"
    )
    func rolloutRouting() throws {
        let s = try bundled("hidden-selection", workflows: 8_000)
        let routing = try #require(s.hiddenEase?.rolloutRouting)
        let agent = try #require(s.assistants.first { $0.experiment != nil })
        let rollout = try #require(s.startTimestamp).adding(microseconds: Int64(agent.rolloutDay * 86_400) * 1_000_000)
        var unrouted = s
        unrouted.hiddenEase?.rolloutRouting = nil
        // The same draws with and without the routing: cases come in the same opening order.
        let routed = Fixtures.run(s, seed: 5).tenants[0]
        let plain = Fixtures.run(unrouted, seed: 5).tenants[0]
        #expect(routed.map(\.workflow.workflowID) == plain.map(\.workflow.workflowID))
        func step(_ w: SimulatedWorkflow) -> TaskRecord? { w.tasks.first { $0.taskType == agent.taskType } }
        var problems: [String] = []
        // Among the easy cases opened after the rollout that skip the step without routing, the
        // share that reaches it with routing (each decided by its own draw).
        var candidates = 0
        var added = 0
        for (w, p) in zip(routed, plain) {
            if step(p) != nil, step(w) == nil { problems.append("\(w.workflow.workflowID) lost the step") }
            if step(p) == nil, let gained = step(w) {
                if w.ease >= 1 { problems.append("\(w.workflow.workflowID): routed but not easy (\(w.ease))") }
                if gained.startedAt < rollout { problems.append("\(w.workflow.workflowID): routed before the rollout") }
            }
            if p.workflow.openedAt >= rollout, p.ease < 1, step(p) == nil {
                candidates += 1
                if step(w) != nil { added += 1 }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
        expectShare(added, of: candidates, routing, "routed share of easy cases that skipped the step")
        // The routed cases are asked for an arm like any other that reaches the step.
        #expect(routed.filter { !$0.arms.isEmpty }.count > plain.filter { !$0.arms.isEmpty }.count)

        var invalid = s
        invalid.hiddenEase?.rolloutRouting = 1.5
        let error = #expect(throws: ScenarioError.self) { try invalid.validate() }
        #expect(error?.description.contains("hidden_ease.rollout_routing") == true, "\(error?.description ?? "")")
    }

    @Test("an explicit zero trend and severity maps equal to the defaults change nothing")
    func neutralValuesChangeNothing() throws {
        let s = try Fixtures.scenario(workflows: 500)
        var neutral = s
        neutral.waitTrendPerWeek = 0
        for k in neutral.steps.indices {
            let p = neutral.steps[k].probability
            neutral.steps[k].probabilityBySeverity = Dictionary(uniqueKeysWithValues: s.severities.keys.map { ($0, p) })
        }
        for k in neutral.assistants.indices {
            neutral.assistants[k].adoptionBySeverity = ["low": neutral.assistants[k].adoption]
        }
        try neutral.validate()
        #expect(Fixtures.ndjson(Fixtures.run(neutral).tenants[0]) == Fixtures.ndjson(Fixtures.run(s).tenants[0]))
    }

    @Test(
        "bundled scenarios: inserted waits agree with Baton's derivation, AI only after rollout, every assistant used",
        arguments: ["low-severity-ai", "severity-paths", "shared-cases", "staggered-rollouts"])
    func bundledBookkeeping(name: String) throws {
        let s = try bundled(name, workflows: 1_500)
        let start = try #require(s.startTimestamp)
        let workflows = Fixtures.run(s, seed: 2).tenants[0]
        var problems: [String] = []
        for w in workflows {
            let d = HandoffDerivation.derive(
                window: WorkflowWindow(openedAt: w.workflow.openedAt, closedAt: w.workflow.closedAt),
                tasks: w.tasks.map(DerivationTask.init))
            guard let m = d.metrics else {
                problems.append("\(w.workflow.workflowID): no metrics")
                continue
            }
            let derived =
                d.handoffs.map { h in
                    (h.kind == .intake ? "intake" : "\(h.fromTool ?? "?")->\(h.toTool)", h.waitMicroseconds)
                } + [("closure", m.closure)]
            if m.lead != w.lead || m.touch != w.touch
                || !w.waits.elementsEqual(derived, by: { $0.handoffClass == $1.0 && $0.microseconds == $1.1 })
            {
                problems.append("\(w.workflow.workflowID): waits \(w.waits) vs derived \(derived)")
            }
            if w.waits.contains(where: { $0.microseconds < 0 }) {
                problems.append("\(w.workflow.workflowID): negative wait")
            }
            for t in w.tasks {
                guard let name = t.assistant else { continue }
                guard let a = s.assistants.first(where: { $0.name == name }) else {
                    problems.append("\(t.id): unknown assistant \(name)")
                    continue
                }
                let rollout = start.adding(microseconds: Int64(a.rolloutDay * 86_400) * 1_000_000)
                if t.startedAt < rollout { problems.append("\(t.id): \(name) before its rollout") }
            }
            if problems.count >= 10 { break }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        let used = Set(workflows.flatMap(\.assistants))
        #expect(used == Set(s.assistants.map(\.name)))
    }
}
