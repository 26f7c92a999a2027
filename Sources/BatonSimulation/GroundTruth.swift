import BatonCore
import Foundation

/// What is true about a simulated SOC, for testing Baton's statistics against it
/// (`baton simulate --truth FILE.json`). Durations are in minutes.
public struct GroundTruth: Codable, Sendable {
    public struct AssistantTruth: Codable, Sendable {
        public var name: String
        public var tool: String
        public var taskType: String
        public var category: String
        public var archetype: String
        public var rolloutAt: String
        /// The configured speedup: baseline median duration over AI median duration for its task type.
        public var taskSpeedup: Double
        public var tasksTouched: Int
        public var workflowsTouched: Int
        /// Effect on the workflows it touched (mean over them of actual minus the same workflow
        /// replayed with this assistant never used): ΔL = ΔA + ΔW.
        public var deltaLeadMinutes: Double
        public var deltaTouchMinutes: Double
        public var deltaWaitMinutes: Double
        /// ΔW by wait class (`intake`, `closure` and `from-tool->to-tool`, keyed as in
        /// ``SimulatedWorkflow/waits``): the mean over the touched workflows of the class's summed
        /// wait minus the replay's. Classes whose delta is 0 in every touched workflow are left out.
        /// The entries add up to `deltaWaitMinutes`, as value-model §4.1 requires of the estimates
        /// (ΔW = Δintake + Σ ΔW_c + Δclosure), so the report's per-class figures can be checked.
        public var deltaWaitByClassMinutes: [String: Double]
        /// The `intake` entry of `deltaWaitByClassMinutes` (0 when absent). In the simulator it is
        /// always 0, since intake ends before the first task; an estimator's Δintake should be near
        /// 0 too, and a large one points at confounding rather than at the assistant.
        public var deltaIntakeMinutes: Double
        /// The `closure` entry of `deltaWaitByClassMinutes` (0 when absent).
        public var deltaClosureMinutes: Double
        /// Analyst time the assistant's tasks saved (value-model §3, claimed effort saved): the sum
        /// over its AI tasks of the same task's duration in the replay (done without it) minus
        /// its actual duration, in hours; and that saving as a share of the replay's durations.
        public var effortSavedHours: Double
        public var effortSavedShare: Double
        public var perceived: String
        /// The assistant's experiment, when the scenario declares one.
        public var experiment: ExperimentTruth? = nil
        /// What it truly cost over the report's period (issue 22), when the scenario declares costs.
        public var cost: CostTruth? = nil
    }

    /// The true effects of a randomized holdout (value-model §7), over the cases the experiment
    /// assigned (the eligible cases that reached the assistant's step after its rollout). Minutes.
    public struct ExperimentTruth: Codable, Sendable {
        public var name: String
        public var useWorkflows: Int
        public var holdoutWorkflows: Int
        /// Intention to treat: the mean over every assigned case of (the case in the use arm) minus
        /// (the same case held out), each replayed with the same draws and the arm forced. Without
        /// a holdout leak this is the mean over the use arm's cases of (as it happened) minus (the
        /// assistant off), i.e. the effect on the touched times the use arm's touched share.
        public var deltaLeadMinutes: Double
        public var deltaTouchMinutes: Double
        public var deltaWaitMinutes: Double
        /// The share of each arm the assistant touched.
        public var useTouchedShare: Double
        public var holdoutTouchedShare: Double
        /// The effect on the assigned cases it touched (both arms): the mean of (as it happened)
        /// minus (switched off) over them.
        public var touchedDeltaLeadMinutes: Double
        /// The effect on compliers: the mean of (use arm) minus (held out) over the assigned cases
        /// the assistant works on in the use arm and not in the holdout.
        public var complierDeltaLeadMinutes: Double
        /// How many assigned cases are compliers.
        public var complierWorkflows: Int
    }

    /// What a scenario's intervention truly did (``Scenario/InterventionSpec``): every case
    /// replayed with the same draws and that intervention never made, its other interventions
    /// kept. Over the handoffs of its target (matched as the report matches them, on Baton's own
    /// derivation of each case) whose waiting began at or after its date: the mean wait per
    /// handoff as it happened minus the same mean in the replay. This is the report's estimand
    /// (`Docs/metrics.md`): the target's mean wait after the date minus what it would have been.
    public struct InterventionTruth: Codable, Sendable {
        /// Its recorded id (1, 2, … in the scenario's order).
        public var id: Int
        public var date: String
        public var targetKind: String
        public var target: String
        public var factor: Double
        /// The target's handoffs whose waiting began at or after the date, as it happened and in the
        /// replay (the same, unless shifted times moved one across the date or changed a side).
        public var handoffsAfter: Int
        public var replayHandoffsAfter: Int
        /// Mean wait per such handoff, minutes.
        public var meanWaitMinutes: Double
        public var replayMeanWaitMinutes: Double
        /// `meanWaitMinutes − replayMeanWaitMinutes`: the true effect, minutes per handoff.
        public var effectMinutes: Double
        /// The effect as a share of the replay's mean.
        public var relativeEffect: Double
    }

    public struct WaitTruth: Codable, Sendable {
        public var handoffClass: String
        public var aiTouchedMeanMinutes: Double?
        public var aiTouchedCount: Int
        public var untouchedMeanMinutes: Double?
        public var untouchedCount: Int
    }

    /// What happened between one pair of sides (value-model §8), from the generator's own record
    /// (``SimulatedCoordination``): `from` and `to` are an assistant's name or `human`.
    public struct PairTruth: Codable, Sendable, Hashable {
        public var from: String
        public var to: String
        /// Handoffs from `from` to `to`, and how many carried context or went to a re-gathering.
        public var handoffs: Int
        public var contextCarried: Int
        public var regathered: Int
        /// Handoffs out of AI work whose next task named no producer.
        public var brokenLinks: Int
        /// Producer → consumer links (`context_from`); in the simulator always adjacent.
        public var links: Int
        /// Time `to` worked the step while `from`, who started it, did.
        public var duplicateMinutes: Double
        public var contextCarriedShare: Double? { handoffs > 0 ? Double(contextCarried) / Double(handoffs) : nil }
        public var regatherShare: Double? { handoffs > 0 ? Double(regathered) / Double(handoffs) : nil }
    }

    public struct TenantTruth: Codable, Sendable {
        public var tenant: String
        public var deliveryModel: String
        public var workflows: Int
        public var tasks: Int
        public var assistants: [AssistantTruth]
        /// Mean inserted wait per handoff class (`from-tool->to-tool`, `intake`, `closure`), for
        /// AI-touched and untouched workflows.
        public var waits: [WaitTruth]
        /// Tags generated, by reason.
        public var tagsByReason: [String: Int]
        /// Perceived ratings generated, by assistant and rating.
        public var perceptions: [String: [String: Int]]
        /// Per pair of sides, what was handed over and duplicated (value-model §8), rows in side
        /// order (assistants by name, then human).
        public var coordination: [PairTruth]
        /// What the whole estate truly cost over the report's period (issue 22), when the scenario
        /// declares costs: every licence, used or not, and every AI task's tokens.
        public var cost: CostTruth? = nil
        /// The scenario's interventions and their true effects; absent when it declares none.
        public var interventions: [InterventionTruth]? = nil
    }

    public var seed: UInt64
    public var scenario: Scenario
    public var tenants: [TenantTruth]
}

extension SOCSimulator {
    /// The ground truth of this simulation, with counterfactual replays per assistant.
    public func groundTruth() -> GroundTruth {
        var tenants: [GroundTruth.TenantTruth] = []
        for (tenantIndex, spec) in scenario.tenants.enumerated() {
            let draws = sortedDraws(tenantIndex: tenantIndex)
            let actual = draws.enumerated().map { realize($1, tenant: spec.id, number: $0, disabled: nil) }
            var assistants: [GroundTruth.AssistantTruth] = []
            for a in scenario.assistants {
                var dL = 0.0
                var dA = 0.0
                // Summed in integer microseconds, so that the classes add up to dL − dA exactly.
                var dWaitByClass: [String: Int64] = [:]
                var touched = 0
                var tasks = 0
                // Task durations (microseconds): the AI tasks' own, and the same tasks' in the replay.
                var aiDuration: Int64 = 0
                var replayDuration: Int64 = 0
                for (index, workflow) in actual.enumerated() where workflow.assistants.contains(a.name) {
                    let replay = realize(draws[index], tenant: spec.id, number: index, disabled: a.name)
                    dL += Double(workflow.lead - replay.lead)
                    dA += Double(workflow.touch - replay.touch)
                    // Switching the assistant off can add or remove a class (a re-gathering task, a
                    // tool pair); a class missing on one side counts as 0 there. The sum over classes
                    // still equals ΔW because lead − touch is the sum of the inserted waits.
                    let actualWaits = workflow.waitsByClass
                    let replayWaits = replay.waitsByClass
                    for handoffClass in Set(actualWaits.keys).union(replayWaits.keys) {
                        let delta = (actualWaits[handoffClass] ?? 0) - (replayWaits[handoffClass] ?? 0)
                        if delta != 0 { dWaitByClass[handoffClass, default: 0] += delta }
                    }
                    touched += 1
                    tasks += workflow.tasks.filter { $0.assistant == a.name }.count
                    // Only the AI's own tasks count, as in the report's effort saved.
                    let effort = workflow.effort(of: a.name, replay: replay)
                    aiDuration += effort.actual
                    replayDuration += effort.replay
                }
                let experiment = a.experiment.map { e in
                    experimentTruth(e, assistant: a.name, actual: actual, draws: draws, tenant: spec.id)
                }
                let n = Double(max(touched, 1))
                let byClass = dWaitByClass.mapValues { Double($0) / n / 60_000_000 }
                let rollout = (scenario.startTimestamp ?? Timestamp(microseconds: 0))
                    .adding(microseconds: Int64(a.rolloutDay * 86_400) * 1_000_000)
                assistants.append(
                    GroundTruth.AssistantTruth(
                        name: a.name, tool: a.tool, taskType: a.taskType, category: a.category.rawValue,
                        archetype: a.archetype.rawValue, rolloutAt: rollout.rfc3339, taskSpeedup: a.speedup,
                        tasksTouched: tasks, workflowsTouched: touched, deltaLeadMinutes: dL / n / 60_000_000,
                        deltaTouchMinutes: dA / n / 60_000_000, deltaWaitMinutes: (dL - dA) / n / 60_000_000,
                        deltaWaitByClassMinutes: byClass, deltaIntakeMinutes: byClass["intake"] ?? 0,
                        deltaClosureMinutes: byClass["closure"] ?? 0,
                        effortSavedHours: Double(replayDuration - aiDuration) / 3_600_000_000,
                        effortSavedShare: replayDuration > 0
                            ? Double(replayDuration - aiDuration) / Double(replayDuration) : 0,
                        perceived: a.perceived, experiment: experiment,
                        cost: scenario.declaresCosts ? costTruth(of: a.name, actual) : nil))
            }
            var sums: [String: (ai: Int64, aiCount: Int, plain: Int64, plainCount: Int)] = [:]
            for workflow in actual {
                let touched = !workflow.assistants.isEmpty
                for (handoffClass, wait) in workflow.waits {
                    var entry = sums[handoffClass, default: (0, 0, 0, 0)]
                    if touched {
                        entry.ai += wait
                        entry.aiCount += 1
                    } else {
                        entry.plain += wait
                        entry.plainCount += 1
                    }
                    sums[handoffClass] = entry
                }
            }
            let waits = sums.keys.sorted().map { key in
                let e = sums[key]!
                return GroundTruth.WaitTruth(
                    handoffClass: key,
                    aiTouchedMeanMinutes: e.aiCount > 0 ? Double(e.ai) / Double(e.aiCount) / 60_000_000 : nil,
                    aiTouchedCount: e.aiCount,
                    untouchedMeanMinutes: e.plainCount > 0 ? Double(e.plain) / Double(e.plainCount) / 60_000_000 : nil,
                    untouchedCount: e.plainCount)
            }
            var tagsByReason: [String: Int] = [:]
            for tag in actual.flatMap(\.tags) { tagsByReason[tag.reason.rawValue, default: 0] += 1 }
            var perceived: [String: [String: Int]] = [:]
            for p in perceptions(tenantIndex: tenantIndex) {
                perceived[p.assistant, default: [:]][p.rating.rawValue, default: 0] += 1
            }
            var tenant = GroundTruth.TenantTruth(
                tenant: spec.id, deliveryModel: spec.deliveryModel, workflows: actual.count,
                tasks: actual.reduce(0) { $0 + $1.tasks.count }, assistants: assistants, waits: waits,
                tagsByReason: tagsByReason, perceptions: perceived,
                coordination: Self.coordination(actual.map(\.coordination)),
                cost: scenario.declaresCosts ? costTruth(of: nil, actual) : nil)
            if scenario.interventions != nil {
                tenant.interventions = interventionTruth(actual: actual, draws: draws, tenant: spec.id)
            }
            tenants.append(tenant)
        }
        return GroundTruth(seed: seed, scenario: scenario, tenants: tenants)
    }

    /// The experiment's true effects: every assigned case replayed in both arms (the same draws,
    /// the arm forced), and the cases the assistant touched replayed with it off.
    func experimentTruth(
        _ e: Scenario.ExperimentSpec, assistant: String, actual: [SimulatedWorkflow], draws: [WorkflowDraws],
        tenant: String
    ) -> GroundTruth.ExperimentTruth {
        var n = [ExperimentArm: Int]()
        var touched = [ExperimentArm: Int]()
        // Σ over assigned cases of (use arm − holdout arm), microseconds; and over the compliers
        // (touched in the use arm, not in the holdout), and over the touched (actual − off).
        var itt: (lead: Int64, touch: Int64) = (0, 0)
        var compliers: (n: Int, lead: Int64) = (0, 0)
        var touchedEffect: (n: Int, lead: Int64) = (0, 0)
        for (index, workflow) in actual.enumerated() {
            guard let arm = workflow.arms[e.name] else { continue }
            n[arm, default: 0] += 1
            let inUse = realize(draws[index], tenant: tenant, number: index, disabled: nil, forced: [e.name: .use])
            let heldOut = realize(
                draws[index], tenant: tenant, number: index, disabled: nil, forced: [e.name: .holdout])
            itt.lead += inUse.lead - heldOut.lead
            itt.touch += inUse.touch - heldOut.touch
            if inUse.assistants.contains(assistant), !heldOut.assistants.contains(assistant) {
                compliers.n += 1
                compliers.lead += inUse.lead - heldOut.lead
            }
            guard workflow.assistants.contains(assistant) else { continue }
            touched[arm, default: 0] += 1
            let off = realize(draws[index], tenant: tenant, number: index, disabled: assistant)
            touchedEffect.n += 1
            touchedEffect.lead += workflow.lead - off.lead
        }
        let minute = 60_000_000.0
        let all = Double(max(n.values.reduce(0, +), 1))
        func share(_ arm: ExperimentArm) -> Double { Double(touched[arm] ?? 0) / Double(max(n[arm] ?? 0, 1)) }
        return GroundTruth.ExperimentTruth(
            name: e.name, useWorkflows: n[.use] ?? 0, holdoutWorkflows: n[.holdout] ?? 0,
            deltaLeadMinutes: Double(itt.lead) / all / minute, deltaTouchMinutes: Double(itt.touch) / all / minute,
            deltaWaitMinutes: Double(itt.lead - itt.touch) / all / minute, useTouchedShare: share(.use),
            holdoutTouchedShare: share(.holdout),
            touchedDeltaLeadMinutes: Double(touchedEffect.lead) / Double(max(touchedEffect.n, 1)) / minute,
            complierDeltaLeadMinutes: Double(compliers.lead) / Double(max(compliers.n, 1)) / minute,
            complierWorkflows: compliers.n)
    }

    /// The true effects of the scenario's interventions in one tenant (the `interventions` of its
    /// ``GroundTruth/TenantTruth``), without the rest of the truth.
    /// `workflows` are the tenant's as ``workflows(tenantIndex:)`` gives them, when already generated.
    public func interventionTruth(tenantIndex: Int, workflows: [SimulatedWorkflow]? = nil)
        -> [GroundTruth.InterventionTruth]
    {
        let tenant = scenario.tenants[tenantIndex].id
        let draws = sortedDraws(tenantIndex: tenantIndex)
        let actual =
            workflows ?? draws.enumerated().map { realize($1, tenant: tenant, number: $0, disabled: nil) }
        return interventionTruth(actual: actual, draws: draws, tenant: tenant)
    }

    /// Each intervention's true effect: the cases with a handoff of its target after its date
    /// replayed without it, their handoffs derived as the report derives them. A case without one
    /// is its own replay (the generator changed none of its waits), so it adds nothing to either
    /// mean's difference and is not replayed.
    func interventionTruth(actual: [SimulatedWorkflow], draws: [WorkflowDraws], tenant: String)
        -> [GroundTruth.InterventionTruth]
    {
        let recorded = scenario.recordedInterventions
        let specs = scenario.interventions ?? []
        let earliest = recorded.map(\.date).min() ?? Timestamp(microseconds: .max)
        var derived: [Int: [ReportInput.HandoffObservation]] = [:]
        for (index, w) in actual.enumerated() where (w.workflow.closedAt ?? earliest) > earliest {
            derived[index] = Self.handoffObservations(Self.derive(w).handoffs, workflow: index)
        }
        /// The waits (sum, count) of `intervention`'s target handoffs whose waiting began at or after its date.
        func after(_ handoffs: [ReportInput.HandoffObservation], _ intervention: Intervention) -> (Int64, Int) {
            var sum: Int64 = 0
            var count = 0
            for h in handoffs where h.waitStart >= intervention.date {
                guard
                    intervention.target.matches(toolPair: h.toolPair, fromSide: h.fromSide, toSide: h.toSide)
                else { continue }
                sum += h.waitMicroseconds
                count += 1
            }
            return (sum, count)
        }
        return zip(recorded, specs).enumerated().map { j, pair in
            let (intervention, spec) = pair
            var actualSum: (Int64, Int) = (0, 0)
            var replaySum: (Int64, Int) = (0, 0)
            for (index, handoffs) in derived.sorted(by: { $0.key < $1.key }) {
                let a = after(handoffs, intervention)
                guard a.1 > 0 else { continue }
                let replay = realize(draws[index], tenant: tenant, number: index, disabled: nil, without: j)
                let r = after(Self.handoffObservations(Self.derive(replay).handoffs, workflow: index), intervention)
                actualSum = (actualSum.0 + a.0, actualSum.1 + a.1)
                replaySum = (replaySum.0 + r.0, replaySum.1 + r.1)
            }
            let minute = 60_000_000.0
            let mean = actualSum.1 > 0 ? Double(actualSum.0) / Double(actualSum.1) / minute : 0
            let replayMean = replaySum.1 > 0 ? Double(replaySum.0) / Double(replaySum.1) / minute : 0
            return GroundTruth.InterventionTruth(
                id: intervention.id, date: intervention.date.rfc3339, targetKind: intervention.target.kind.rawValue,
                target: intervention.target.value, factor: spec.factor, handoffsAfter: actualSum.1,
                replayHandoffsAfter: replaySum.1, meanWaitMinutes: mean, replayMeanWaitMinutes: replayMean,
                effectMinutes: mean - replayMean, relativeEffect: replayMean > 0 ? mean / replayMean - 1 : 0)
        }
    }

    /// The per-pair truth of a tenant's workflows, from the generator's records.
    static func coordination(_ workflows: [SimulatedCoordination]) -> [GroundTruth.PairTruth] {
        struct Key: Hashable, Comparable {
            var from: CoordinationSide
            var to: CoordinationSide
            static func < (a: Key, b: Key) -> Bool { a.from != b.from ? a.from < b.from : a.to < b.to }
        }
        var pairs: [Key: GroundTruth.PairTruth] = [:]
        func edit(_ key: Key, _ body: (inout GroundTruth.PairTruth) -> Void) {
            var truth =
                pairs[key]
                ?? GroundTruth.PairTruth(
                    from: key.from.description, to: key.to.description, handoffs: 0, contextCarried: 0, regathered: 0,
                    brokenLinks: 0, links: 0, duplicateMinutes: 0)
            body(&truth)
            pairs[key] = truth
        }
        for workflow in workflows {
            for h in workflow.handoffs {
                edit(Key(from: h.from, to: h.to)) { t in
                    t.handoffs += 1
                    if h.carried {
                        t.contextCarried += 1
                        t.links += 1
                    }
                    if h.regathered { t.regathered += 1 }
                    if !h.from.isHuman, !h.carried { t.brokenLinks += 1 }
                }
            }
            for d in workflow.duplicates {
                edit(Key(from: d.first, to: d.second)) { $0.duplicateMinutes += Double(d.microseconds) / 60_000_000 }
            }
        }
        return pairs.sorted { $0.key < $1.key }.map(\.value)
    }
}
