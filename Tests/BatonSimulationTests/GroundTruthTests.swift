import BatonCore
import BatonSimulation
import Foundation
import Testing

/// Mean waits per handoff class, split by AI-touched and untouched workflows, computed from the
/// records alone with Baton's own derivation (value-model §2): the class of a derived handoff is
/// `from-tool->to-tool`, the first segment is `intake`, the time after the last task `closure`.
private func derivedWaits(_ workflows: [SimulatedWorkflow]) -> [String: (ai: [Int64], plain: [Int64])] {
    var waits: [String: (ai: [Int64], plain: [Int64])] = [:]
    for w in workflows {
        let derivation = HandoffDerivation.derive(
            window: WorkflowWindow(openedAt: w.workflow.openedAt, closedAt: w.workflow.closedAt),
            tasks: w.tasks.map(DerivationTask.init))
        let touched = w.tasks.contains { $0.aiMode != .none }
        var segments: [(String, Int64)] = derivation.handoffs.map { h in
            (h.kind == .intake ? "intake" : "\(h.fromTool ?? "?")->\(h.toTool)", h.waitMicroseconds)
        }
        segments.append(("closure", derivation.metrics?.closure ?? -1))
        for (handoffClass, wait) in segments {
            if touched {
                waits[handoffClass, default: ([], [])].ai.append(wait)
            } else {
                waits[handoffClass, default: ([], [])].plain.append(wait)
            }
        }
    }
    return waits
}

private func meanMinutes(_ values: [Int64]) -> Double? {
    values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count) / Fixtures.microsecondsPerMinute
}

private func close(_ a: Double?, _ b: Double?, relative: Double = 1e-9) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let a?, let b?): return abs(a - b) <= relative * max(abs(a), abs(b), 1e-12)
    default: return false
    }
}

/// Lead and touch of a workflow from its records alone, in microseconds.
private func leadAndTouch(_ w: SimulatedWorkflow) -> (lead: Int64, touch: Int64) {
    let lead = (w.workflow.closedAt ?? w.workflow.openedAt).microseconds(since: w.workflow.openedAt)
    let touch = w.tasks.reduce(Int64(0)) { $0 + ($1.endedAt ?? $1.startedAt).microseconds(since: $1.startedAt) }
    return (lead, touch)
}

@Suite("GroundTruth")
struct GroundTruthTests {
    @Test("the truth's mean waits per handoff class equal those Baton derives from the records")
    func waitsAgreeWithDerivation() throws {
        let large = try Fixtures.largeRun()
        let small = Fixtures.run(try Fixtures.scenario(workflows: 1500, tenants: 2), seed: 5, truth: true)
        for run in [large, small] {
            let truth = try #require(run.truth)
            #expect(truth.tenants.count == run.tenants.count)
            for (tenant, workflows) in zip(truth.tenants, run.tenants) {
                let derived = derivedWaits(workflows)
                #expect(tenant.waits.map(\.handoffClass) == derived.keys.sorted(), "\(tenant.tenant): classes")
                for w in tenant.waits {
                    let d = derived[w.handoffClass] ?? ([], [])
                    #expect(w.aiTouchedCount == d.ai.count, "\(tenant.tenant) \(w.handoffClass): AI-touched count")
                    #expect(w.untouchedCount == d.plain.count, "\(tenant.tenant) \(w.handoffClass): untouched count")
                    #expect(
                        close(w.aiTouchedMeanMinutes, meanMinutes(d.ai)),
                        "\(tenant.tenant) \(w.handoffClass): AI-touched \(w.aiTouchedMeanMinutes ?? -1) vs derived \(meanMinutes(d.ai) ?? -1)"
                    )
                    #expect(
                        close(w.untouchedMeanMinutes, meanMinutes(d.plain)),
                        "\(tenant.tenant) \(w.handoffClass): untouched \(w.untouchedMeanMinutes ?? -1) vs derived \(meanMinutes(d.plain) ?? -1)"
                    )
                }
                // Intake and closure occur once per workflow.
                for handoffClass in ["intake", "closure"] {
                    let w = tenant.waits.first { $0.handoffClass == handoffClass }
                    #expect((w?.aiTouchedCount ?? 0) + (w?.untouchedCount ?? 0) == workflows.count)
                }
            }
        }
    }

    @Test("ΔL = ΔA + ΔW for every assistant")
    func leadIsTouchPlusWait() throws {
        let truth = try #require(try Fixtures.largeRun().truth)
        let small = try #require(Fixtures.run(try Fixtures.scenario(workflows: 1500, tenants: 2), truth: true).truth)
        for tenant in truth.tenants + small.tenants {
            #expect(tenant.assistants.count == 5)
            for a in tenant.assistants {
                let sum = a.deltaTouchMinutes + a.deltaWaitMinutes
                #expect(
                    abs(a.deltaLeadMinutes - sum) <= 1e-9 * max(1, abs(a.deltaLeadMinutes)),
                    "\(tenant.tenant) \(a.name): ΔL \(a.deltaLeadMinutes) vs ΔA + ΔW \(sum)")
            }
        }
    }

    @Test("effort saved: each AI task's replay takes `speedup` times as long, so the share is 1 − 1/speedup")
    func effortSaved() throws {
        let truth = try #require(Fixtures.run(try Fixtures.scenario(workflows: 1500, tenants: 1), truth: true).truth)
        let scenario = truth.scenario
        for a in try #require(truth.tenants.first).assistants {
            let speedup = try #require(scenario.assistants.first { $0.name == a.name }).speedup
            // Durations are whole seconds and at least one, so the share is close, not equal.
            #expect(abs(a.effortSavedShare - (1 - 1 / speedup)) < 0.01, "\(a.name): \(a.effortSavedShare)")
            #expect(a.effortSavedHours > 0, "\(a.name)")
            // Saved = replay − actual and share = saved / replay, so replay = saved / share.
            let replay = a.effortSavedHours / a.effortSavedShare
            #expect(replay > a.effortSavedHours)
        }
    }

    @Test("the counterfactual replay equals simulating the same seed without that assistant")
    func counterfactualMatchesSimulationWithoutTheAssistant() throws {
        // Switching an assistant off in the replay is the same as leaving it out of the scenario: the
        // draws depend only on the steps, and the assistant is chosen with the first match. So the
        // truth's effects can be recomputed from public results and the records alone.
        let s = try Fixtures.scenario(workflows: 1500, tenants: 2)
        let simulator = SOCSimulator(scenario: s, seed: 9)
        let truth = simulator.groundTruth()
        for (tenantIndex, tenant) in truth.tenants.enumerated() {
            let actual = simulator.workflows(tenantIndex: tenantIndex)
            #expect(tenant.workflows == actual.count)
            #expect(tenant.tasks == actual.reduce(0) { $0 + $1.tasks.count })
            for a in tenant.assistants {
                var without = s
                without.assistants.removeAll { $0.name == a.name }
                let replay = SOCSimulator(scenario: without, seed: 9).workflows(tenantIndex: tenantIndex)
                #expect(replay.count == actual.count)
                var dL: Int64 = 0
                var dA: Int64 = 0
                var touched = 0
                var tasks = 0
                for (w, r) in zip(actual, replay) where w.tasks.contains(where: { $0.assistant == a.name }) {
                    #expect(w.workflow.workflowID == r.workflow.workflowID)
                    #expect(w.workflow.openedAt == r.workflow.openedAt)
                    #expect(!r.tasks.contains { $0.assistant == a.name })
                    let (lead, touch) = leadAndTouch(w)
                    let (replayLead, replayTouch) = leadAndTouch(r)
                    dL += lead - replayLead
                    dA += touch - replayTouch
                    touched += 1
                    tasks += w.tasks.filter { $0.assistant == a.name }.count
                }
                #expect(touched > 0, "\(a.name) never used")
                #expect(a.workflowsTouched == touched, "\(a.name)")
                #expect(a.tasksTouched == tasks, "\(a.name)")
                let n = Double(max(touched, 1)) * Fixtures.microsecondsPerMinute
                #expect(
                    close(a.deltaLeadMinutes, Double(dL) / n),
                    "\(a.name): ΔL \(a.deltaLeadMinutes) vs \(Double(dL) / n)")
                #expect(
                    close(a.deltaTouchMinutes, Double(dA) / n),
                    "\(a.name): ΔA \(a.deltaTouchMinutes) vs \(Double(dA) / n)")
                #expect(
                    close(a.deltaWaitMinutes, Double(dL - dA) / n),
                    "\(a.name): ΔW \(a.deltaWaitMinutes) vs \(Double(dL - dA) / n)")
            }
        }
    }

    @Test("the truth describes the scenario: tenants, counts, rollout instants, configured figures")
    func describesTheScenario() throws {
        let s = try Fixtures.scenario(workflows: 400, tenants: 3)
        let truth = SOCSimulator(scenario: s, seed: 4).groundTruth()
        #expect(truth.seed == 4)
        #expect(truth.scenario == s)
        #expect(truth.tenants.map(\.tenant) == ["soc-1", "soc-2", "soc-3"])
        #expect(truth.tenants.map(\.deliveryModel) == ["in-house", "hybrid", "mssp"])
        #expect(truth.tenants.allSatisfy { $0.workflows == 400 && $0.tasks >= 400 * 3 })
        for tenant in truth.tenants {
            #expect(tenant.waits.map(\.handoffClass) == tenant.waits.map(\.handoffClass).sorted())
            #expect(tenant.assistants.map(\.name) == s.assistants.map(\.name))
            // Rollout days after 2026-01-05T00:00:00Z, counted on a calendar by hand.
            #expect(
                tenant.assistants.map(\.rolloutAt) == [
                    "2026-01-25T00:00:00Z", "2026-02-04T00:00:00Z", "2026-02-14T00:00:00Z", "2026-01-15T00:00:00Z",
                    "2026-02-24T00:00:00Z",
                ])
            #expect(tenant.assistants.map(\.taskSpeedup) == [3.0, 2.5, 1.8, 4.0, 6.0])
            #expect(
                tenant.assistants.map(\.category) == [
                    "off-the-shelf-llm", "agent", "copilot", "off-the-shelf-llm", "supervised-ml",
                ])
            #expect(tenant.assistants.map(\.archetype) == ["taker", "shaper", "taker", "taker", "builder"])
            #expect(tenant.assistants.map(\.perceived) == ["excellent", "good", "good", "some", "none"])
            #expect(tenant.assistants.allSatisfy { $0.tasksTouched == $0.workflowsTouched })
        }
    }

    @Test("the phenomenon: the SIEM triage assistant is fast but does not shorten cases; the EDR agent does")
    func fastTasksSlowHandoffs() throws {
        let run = try Fixtures.largeRun()
        let truth = try #require(run.truth)
        let tenant = try #require(truth.tenants.first)
        let untouched = run.tenants[0].filter { w in !w.tasks.contains { $0.aiMode != .none } }
        #expect(untouched.count >= 1000)
        let untouchedMeanLead =
            untouched.reduce(0.0) { $0 + Double(leadAndTouch($1).lead) } / Double(untouched.count)
            / Fixtures.microsecondsPerMinute

        let siem = try #require(tenant.assistants.first { $0.name == "siem-triage-assistant" })
        #expect(siem.taskSpeedup >= 2)
        // Measured from the records too: its tasks really are at least twice as fast.
        let tasks = run.tenants[0].flatMap(\.tasks)
        let triageBaseline = tasks.filter { $0.taskType == "alert-triage" && $0.aiMode == .none }.map(Fixtures.minutes)
        let triageAI = tasks.filter { $0.assistant == siem.name }.map(Fixtures.minutes)
        #expect(Fixtures.median(triageBaseline) / Fixtures.median(triageAI) >= 2)
        // Yet the cases it touches are not shortened by more than 5% of a typical case.
        #expect(siem.workflowsTouched >= 1000)
        #expect(
            siem.deltaLeadMinutes > -0.05 * untouchedMeanLead,
            "siem ΔL \(siem.deltaLeadMinutes) min vs untouched mean lead \(untouchedMeanLead) min")

        // The EDR agent: a clear end-to-end gain, over 10% of a typical case, with both its touch
        // and its wait contributions negative.
        let edr = try #require(tenant.assistants.first { $0.name == "edr-investigation-agent" })
        #expect(edr.workflowsTouched >= 1000)
        #expect(
            edr.deltaLeadMinutes < -0.10 * untouchedMeanLead,
            "edr ΔL \(edr.deltaLeadMinutes) min vs untouched mean lead \(untouchedMeanLead) min")
        #expect(edr.deltaTouchMinutes < 0)
        #expect(edr.deltaWaitMinutes < 0)
    }

    @Test("the truth file (snake_case, as `baton simulate --truth` writes it) decodes back to the same truth")
    func jsonRoundTrip() throws {
        let truth = SOCSimulator(scenario: try Fixtures.scenario(workflows: 300, tenants: 2), seed: 6).groundTruth()
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(truth)
        let text = String(decoding: data, as: UTF8.self)
        for key in [
            "delta_lead_minutes", "delta_touch_minutes", "delta_wait_minutes", "task_speedup", "tasks_touched",
            "workflows_touched", "rollout_at", "handoff_class", "ai_touched_mean_minutes", "untouched_count",
            "delivery_model", "delta_wait_by_class_minutes", "delta_intake_minutes", "delta_closure_minutes",
            "effort_saved_hours", "effort_saved_share",
        ] {
            #expect(text.contains("\"\(key)\" :"), "missing key \(key)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let back = try decoder.decode(GroundTruth.self, from: data)
        #expect(back.seed == truth.seed)
        #expect(back.scenario == truth.scenario)
        // Encoding the decoded truth again gives the same bytes: nothing was lost.
        #expect(try encoder.encode(back) == data)
    }

    @Test(
        "ΔW by class adds up to ΔW, with intake and closure as their entries, in every bundled scenario",
        arguments: Scenario.bundledNames)
    func waitByClassAddsUp(scenario name: String) throws {
        var s = try Scenario.bundled(named: name)
        s.workflows = 1500
        for seed: UInt64 in [1, 2] {
            let truth = SOCSimulator(scenario: s, seed: seed).groundTruth()
            for tenant in truth.tenants {
                #expect(tenant.assistants.allSatisfy { $0.workflowsTouched > 0 }, "\(name) seed \(seed)")
                let tools = Set(s.steps.map(\.tool))
                for a in tenant.assistants {
                    let sum = a.deltaWaitByClassMinutes.values.reduce(0, +)
                    #expect(
                        abs(sum - a.deltaWaitMinutes) <= 1e-6,
                        "\(name) seed \(seed) \(a.name): Σ classes \(sum) vs ΔW \(a.deltaWaitMinutes)")
                    #expect(a.deltaIntakeMinutes == a.deltaWaitByClassMinutes["intake"] ?? 0)
                    #expect(a.deltaClosureMinutes == a.deltaWaitByClassMinutes["closure"] ?? 0)
                    // Intake ends before any task, so no assistant changes it.
                    #expect(a.deltaWaitByClassMinutes["intake"] == nil, "\(name) \(a.name)")
                    // Keys are classes as SimulatedWorkflow.waits names them: closure or a tool pair.
                    for key in a.deltaWaitByClassMinutes.keys where key != "closure" {
                        let pair = key.components(separatedBy: "->")
                        #expect(pair.count == 2 && pair.allSatisfy(tools.contains), "\(name) \(a.name): class \(key)")
                    }
                }
            }
        }
    }

    @Test(
        "ΔW by class equals the per-class waits of the records minus those of the same seed without the assistant",
        arguments: ["default", "severity-paths", "staggered-rollouts"])
    func waitByClassMatchesSimulationWithoutTheAssistant(scenario name: String) throws {
        var s = try Scenario.bundled(named: name)
        s.workflows = 800
        let simulator = SOCSimulator(scenario: s, seed: 3)
        let truth = simulator.groundTruth()
        let actual = simulator.workflows(tenantIndex: 0)
        for a in truth.tenants[0].assistants {
            var without = s
            without.assistants.removeAll { $0.name == a.name }
            let replay = SOCSimulator(scenario: without, seed: 3).workflows(tenantIndex: 0)
            var sums: [String: Int64] = [:]
            var changed: Set<String> = []
            var touched = 0
            for (w, r) in zip(actual, replay) where w.tasks.contains(where: { $0.assistant == a.name }) {
                touched += 1
                var byClass: [String: Int64] = [:]
                for (handoffClass, wait) in w.waits { byClass[handoffClass, default: 0] += wait }
                for (handoffClass, wait) in r.waits { byClass[handoffClass, default: 0] -= wait }
                for (handoffClass, delta) in byClass where delta != 0 {
                    sums[handoffClass, default: 0] += delta
                    changed.insert(handoffClass)
                }
            }
            #expect(Set(a.deltaWaitByClassMinutes.keys) == changed, "\(name) \(a.name)")
            for handoffClass in changed {
                let expected = Double(sums[handoffClass] ?? 0) / Double(touched) / Fixtures.microsecondsPerMinute
                #expect(
                    close(a.deltaWaitByClassMinutes[handoffClass], expected),
                    "\(name) \(a.name) \(handoffClass): \(a.deltaWaitByClassMinutes[handoffClass] ?? .nan) vs \(expected)"
                )
            }
        }
        // With a wait trend, an assistant that changes when a case's last task ends changes its
        // closure wait too; without one, closure never moves.
        let closures = truth.tenants[0].assistants.map(\.deltaClosureMinutes)
        if s.waitTrendPerWeek != nil {
            #expect(closures.contains { $0 != 0 }, "\(name): \(closures)")
        } else {
            #expect(closures.allSatisfy { $0 == 0 }, "\(name): \(closures)")
        }
    }

    @Test("the large default run: ΔW by class adds up, and the SIEM assistant's extra wait is in its handoffs")
    func waitByClassOfTheDefault() throws {
        let tenant = try #require(try Fixtures.largeRun().truth?.tenants.first)
        for a in tenant.assistants {
            let sum = a.deltaWaitByClassMinutes.values.reduce(0, +)
            #expect(abs(sum - a.deltaWaitMinutes) <= 1e-6, "\(a.name): Σ classes \(sum) vs ΔW \(a.deltaWaitMinutes)")
        }
        let siem = try #require(tenant.assistants.first { $0.name == "siem-triage-assistant" })
        // Its verdicts queue on the way out of SIEM: the handoffs from siem hold its extra wait.
        // (Other classes can move a little: a case replayed without it reaches a later step at
        // another time, which can fall on the other side of that step's assistant's rollout.)
        let fromSIEM = siem.deltaWaitByClassMinutes.filter { $0.key.hasPrefix("siem->") }
        #expect(siem.deltaWaitMinutes > 10)
        #expect(fromSIEM.values.allSatisfy { $0 > 0 }, "\(siem.deltaWaitByClassMinutes)")
        #expect(
            abs(fromSIEM.values.reduce(0, +) - siem.deltaWaitMinutes) <= 0.01 * siem.deltaWaitMinutes,
            "\(siem.deltaWaitByClassMinutes)")
    }
}
