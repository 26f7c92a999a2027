public import BatonCore
import Foundation

/// Generates a simulated SOC from a ``Scenario`` and a seed, deterministically.
///
/// Each workflow draws all its random numbers up front from its own sub-stream, before any
/// decision uses them; the same draws can then be replayed with an assistant switched off,
/// which gives the ground truth its counterfactual ("what if this assistant had not been used").
public struct SOCSimulator: Sendable {
    public var scenario: Scenario
    public var seed: UInt64

    /// Random numbers of one step, drawn whether or not the step is used.
    struct StepDraws {
        var include: Double
        var adopt: Double
        var actor: Double
        var duration: Double
        var wait: Double
        var queue: Double
        var queueWait: Double
        var context: Double
        var regathering: Double
        var approval: Double
        var tag: Double
    }

    struct WorkflowDraws {
        var opened: Int64
        var category: Double
        var severity: Double
        var intake: Double
        var closure: Double
        var steps: [StepDraws]
        /// Per step: whether a parallel worker joins, where it starts, how long it works. Drawn
        /// from a stream of their own, and only by scenarios with parallel work, so every other
        /// scenario generates the same bytes as before parallel work existed.
        var parallel: [(join: Double, offset: Double, duration: Double)] = []
        /// The hidden ease `z` (standard normal) and, per step, the draw that decides whether an
        /// experiment's arm lets adoption through (compliance, holdout leak). Drawn from a stream of
        /// their own, and only by scenarios with hidden ease or an experiment.
        var ease: Double = 0
        var gates: [Double] = []
        /// Per step: the standard normals of the token counts of its AI task and of a parallel
        /// worker's (issue 22). Drawn from a stream of their own, and only by scenarios whose
        /// assistants report tokens, so every other scenario generates the same bytes as before.
        var tokens: [TokenDraws] = []
    }

    /// The token draws of one step: input and output of the step's AI task, then of its parallel task.
    struct TokenDraws {
        var input: Double
        var output: Double
        var parallelInput: Double
        var parallelOutput: Double
    }

    public init(scenario: Scenario, seed: UInt64) {
        self.scenario = scenario
        self.seed = seed
    }

    var start: Timestamp { scenario.startTimestamp ?? Timestamp(microseconds: 0) }
    var periodMicroseconds: Int64 { Int64(scenario.days * 86_400) * 1_000_000 }

    /// All workflows of all tenants, in tenant order then opening order. `count` overrides the
    /// scenario's number of workflows per tenant.
    public func workflows(tenantIndex: Int) -> [SimulatedWorkflow] {
        let tenant = scenario.tenants[tenantIndex].id
        return sortedDraws(tenantIndex: tenantIndex).enumerated().map { index, d in
            realize(d, tenant: tenant, number: index, disabled: nil)
        }
    }

    /// The draws of every workflow of a tenant, in opening order (ties by stream, so stable).
    func sortedDraws(tenantIndex: Int) -> [WorkflowDraws] {
        (0..<scenario.workflows).map { draws(tenantIndex: tenantIndex, workflow: $0) }
            .enumerated().sorted { a, b in
                a.element.opened != b.element.opened ? a.element.opened < b.element.opened : a.offset < b.offset
            }
            .map(\.element)
    }

    func draws(tenantIndex: Int, workflow: Int) -> WorkflowDraws {
        var g = SeededGenerator(seed: seed, stream: UInt64(tenantIndex) << 32 | UInt64(workflow))
        let opened = Int64(g.uniform() * Double(periodMicroseconds / 1_000_000)) * 1_000_000
        let category = g.uniform()
        let severity = g.uniform()
        let intake = g.normal()
        let closure = g.normal()
        let steps = scenario.steps.map { _ in
            StepDraws(
                include: g.uniform(), adopt: g.uniform(), actor: g.uniform(), duration: g.normal(),
                wait: g.normal(), queue: g.uniform(), queueWait: g.normal(), context: g.uniform(),
                regathering: g.normal(), approval: g.normal(), tag: g.uniform())
        }
        var parallel: [(join: Double, offset: Double, duration: Double)] = []
        if scenario.assistants.contains(where: { $0.parallel != nil }) {
            var p = SeededGenerator(seed: seed, stream: 1 << 63 | UInt64(tenantIndex) << 32 | UInt64(workflow))
            parallel = scenario.steps.map { _ in (p.uniform(), p.uniform(), p.normal()) }
        }
        var ease = 0.0
        var gates: [Double] = []
        if scenario.drawsExtras {
            var e = SeededGenerator(seed: seed, stream: 1 << 62 | UInt64(tenantIndex) << 32 | UInt64(workflow))
            ease = e.normal()
            gates = scenario.steps.map { _ in e.uniform() }
        }
        var tokens: [TokenDraws] = []
        if scenario.drawsTokens {
            var t = SeededGenerator(seed: seed, stream: 1 << 61 | UInt64(tenantIndex) << 32 | UInt64(workflow))
            tokens = scenario.steps.map { _ in
                TokenDraws(input: t.normal(), output: t.normal(), parallelInput: t.normal(), parallelOutput: t.normal())
            }
        }
        return WorkflowDraws(
            opened: opened, category: category, severity: severity, intake: intake, closure: closure, steps: steps,
            parallel: parallel, ease: ease, gates: gates, tokens: tokens)
    }

    /// The scenario's interventions as the generator applies them: when, to what, by what factor.
    struct Change {
        var date: Timestamp
        var target: InterventionTarget
        var factor: Double
    }

    /// The scenario's interventions in declaration order (empty without any).
    var changes: [Change] {
        zip(scenario.recordedInterventions, scenario.interventions ?? []).map {
            Change(date: $0.date, target: $0.target, factor: $1.factor)
        }
    }

    /// Turns draws into records. `disabled` names an assistant treated as never used (the routing
    /// its rollout brings, ``reachProbability(_:severity:ease:day:)``, stays);
    /// `forced` gives arms the experiments' tools get instead of asking (for the truth's replays);
    /// `without` is the index of an intervention treated as never made (for its truth's replays).
    func realize(
        _ d: WorkflowDraws, tenant: String, number: Int, disabled: String?, forced: [String: ExperimentArm] = [:],
        without: Int? = nil
    ) -> SimulatedWorkflow {
        let s = scenario
        let changes = s.interventions == nil ? [] : self.changes
        let severityName = Self.pick(s.severities, d.severity)
        let severity = Severity(rawValue: severityName) ?? .medium
        let category = Self.pick(s.categories, d.category)
        // The hidden ease multiplies every duration and wait (exactly 1 without it).
        let ease = s.hiddenEase.map { Foundation.exp($0.sigma * d.ease) } ?? 1
        let waitFactor = (s.waitFactorBySeverity[severityName] ?? 1) * ease
        let durationFactor = (s.durationFactorBySeverity[severityName] ?? 1) * ease
        let opened = start.adding(microseconds: d.opened)
        let workflowID = String(format: "%@-%06d", tenant.uppercased(), number + 1)

        var waits: [(String, Int64)] = []
        var tasks: [TaskRecord] = []
        var assistants: Set<String> = []
        var tags: [HandoffTagRecord] = []
        var coordination = SimulatedCoordination()
        var arms = forced
        func side(_ t: TaskRecord) -> CoordinationSide { CoordinationSide(aiMode: t.aiMode, assistant: t.assistant) }
        var clock = opened.adding(
            microseconds: Self.minutes(drifted(Self.lognormal(s.intake, d.intake) * waitFactor, from: opened)))
        waits.append(("intake", clock.microseconds(since: opened)))
        var previous: (task: TaskRecord, assistant: Scenario.Assistant?, draws: StepDraws)?

        for (index, step) in s.steps.enumerated() {
            let draw = d.steps[index]
            let dayOfWorkflow = Double(clock.microseconds(since: start)) / 86_400_000_000
            guard draw.include < reachProbability(step, severity: severityName, ease: d.ease, day: dayOfWorkflow)
            else { continue }
            var regathered: TaskRecord?
            let assistant =
                s.drawsExtras
                ? chooseAssistant(
                    step: step, index: index, draws: d, severity: severityName, day: dayOfWorkflow,
                    workflowID: workflowID, disabled: disabled, arms: &arms)
                : s.assistants.first {
                    $0.tool == step.tool && $0.taskType == step.taskType && $0.name != disabled
                        && dayOfWorkflow >= $0.rolloutDay && draw.adopt < $0.adoption(severity: severityName)
                }
            if let previous {
                // The handoff from the previous task: base wait by tool pair and severity, plus
                // a queue when an AI verdict waits for a person, plus an approval gate; all of it
                // drifts with the scenario's weekly trend, from the moment the wait begins.
                let pair = "\(previous.task.tool)->\(step.tool)"
                var wait = Self.lognormal(s.waits[pair] ?? s.waits["default"]!, previous.draws.wait) * waitFactor
                var reason: HandoffReason = previous.task.tool != step.tool ? .toolSwitch : .shiftChange
                if let ai = previous.assistant, assistant == nil, previous.draws.queue < ai.queueProbability {
                    wait += Self.lognormal(ai.queueWait, previous.draws.queueWait)
                    reason = .queueWait
                }
                if step.approvalGate == true {
                    wait += Self.lognormal(s.approvalWait, draw.approval)
                    reason = .approvalWait
                }
                wait = drifted(wait, from: clock)
                let carriedNext = previous.draws.context < (previous.assistant?.contextCarried ?? s.humanContextCarried)
                if !changes.isEmpty {
                    // The handoff that carries this wait: to the re-gathering task (human work)
                    // when the context is lost after AI work, else to the step's task.
                    let toSide =
                        !carriedNext && previous.assistant != nil ? "human" : assistant?.name ?? "human"
                    wait *= Self.factor(
                        changes, at: clock, toolPair: "\(previous.task.tool)→\(step.tool)",
                        fromSide: previous.assistant?.name ?? "human", toSide: toSide, without: without)
                }
                let waitMicros = Self.minutes(wait)
                clock = clock.adding(microseconds: waitMicros)
                waits.append((pair, waitMicros))
                if !carriedNext, previous.assistant != nil, reason != .queueWait, reason != .approvalWait {
                    reason = .contextRegathering
                }
                if let tagging = s.tagging, wait >= tagging.minWait, draw.tag < tagging.share {
                    // The wait ends at the next task: the re-gathering task when context was lost.
                    let toTask =
                        !carriedNext && previous.assistant != nil
                        ? "\(workflowID)-\(index)-regather" : "\(workflowID)-\(index)"
                    tags.append(
                        HandoffTagRecord(
                            workflowID: workflowID, toTaskID: toTask, reason: reason,
                            note: "waited \(Int(wait.rounded())) min"))
                }

                // Context: carried (context_from), or re-gathered by the next tool in a task of its own.
                if !carriedNext, let ai = previous.assistant {
                    let regather = TaskRecord(
                        id: "\(workflowID)-\(index)-regather", workflowID: workflowID,
                        taskType: "context-regathering", stage: step.stage, tool: step.tool,
                        actor: actor(step.actorTier, draw.actor), aiMode: .none, startedAt: clock,
                        endedAt: clock.adding(
                            microseconds: Self.minutes(Self.lognormal(ai.regathering, draw.regathering))))
                    tasks.append(regather)
                    regathered = regather
                    coordination.handoffs.append(
                        .init(from: side(previous.task), to: .human, carried: false, regathered: true))
                    clock = regather.endedAt!
                    waits.append(("\(step.tool)->\(step.tool)", 0))
                }
            }
            var minutes = Self.lognormal(step.duration, draw.duration) * durationFactor
            if let assistant { minutes /= assistant.speedup }
            let carriedFrom: String? = previous.flatMap { p in
                p.draws.context < (p.assistant?.contextCarried ?? s.humanContextCarried) ? p.task.id : nil
            }
            let task = TaskRecord(
                id: "\(workflowID)-\(index)", workflowID: workflowID, taskType: step.taskType, stage: step.stage,
                tool: step.tool,
                actor: assistant?.aiMode == .autonomous ? "ai:\(assistant!.name)" : actor(step.actorTier, draw.actor),
                assistant: assistant?.name, aiMode: assistant?.aiMode ?? .none, startedAt: clock,
                endedAt: clock.adding(microseconds: Self.minutes(max(minutes, 1.0 / 60))), contextFrom: carriedFrom,
                attributes: tokenAttributes(of: assistant, draws: d, step: index, parallel: false))
            if let assistant { assistants.insert(assistant.name) }
            if let previous {
                // From the re-gathering task if one came in between, else from the previous step.
                let from = side(regathered ?? previous.task)
                coordination.handoffs.append(
                    .init(from: from, to: side(task), carried: carriedFrom != nil, regathered: false))
            }
            tasks.append(task)
            if let parallelTask = parallel(to: task, by: assistant, draws: d, step: index, disabled: disabled) {
                tasks.append(parallelTask)
                assistants.insert(parallelTask.assistant!)
                coordination.parallelTaskIDs.insert(parallelTask.id)
                coordination.handoffs.append(
                    .init(from: side(task), to: side(parallelTask), carried: false, regathered: false))
                coordination.duplicates.append(
                    .init(
                        first: side(task), second: side(parallelTask),
                        microseconds: parallelTask.endedAt!.microseconds(since: parallelTask.startedAt)))
                // The next step is handed over from the step's task, which ends last.
                waits.append(("\(task.tool)->\(parallelTask.tool)", 0))
            }
            clock = task.endedAt!
            previous = (task, assistant, draw)
        }
        let closureMicros = Self.minutes(drifted(Self.lognormal(s.closure, d.closure) * waitFactor, from: clock))
        let closed = clock.adding(microseconds: closureMicros)
        waits.append(("closure", closureMicros))
        return SimulatedWorkflow(
            tenant: tenant,
            workflow: WorkflowRecord(
                workflowID: workflowID, openedAt: opened, closedAt: closed, severity: severity, category: category),
            tasks: tasks, waits: waits, assistants: assistants, tags: tags, coordination: coordination, arms: arms,
            ease: ease)
    }

    /// The probability that a case of this severity and hidden ease `z` reaching `step` on `day`
    /// includes it: the step's own, raised by ``Scenario/HiddenEase/rolloutRouting`` for an easy
    /// case once an assistant serving the step is rolled out. The rollout is the calendar's, also
    /// in a replay with that assistant switched off: the routing is the SOC's decision, taken
    /// before the assistant does anything to the case, so the truths compare the same routed case
    /// with and without the assistant's work, as the experiment's arms do.
    func reachProbability(_ step: Scenario.Step, severity: String, ease z: Double, day: Double) -> Double {
        let p = step.probability(severity: severity)
        guard let routing = scenario.hiddenEase?.rolloutRouting, routing > 0, z < 0,
            scenario.assistants.contains(where: {
                $0.tool == step.tool && $0.taskType == step.taskType && day >= $0.rolloutDay
            })
        else { return p }
        return p + (1 - p) * routing
    }

    /// The assistant that works a step, in scenarios with hidden ease or experiments: the first of
    /// the step's rolled-out assistants whose adoption (shifted by the case's hidden ease) lets it,
    /// and, under an experiment, whose arm does: the simulated tool asks ``ArmAssigner`` for the
    /// case's arm first (recorded in `arms`, as the service records the first ask), then a use-arm
    /// case gets the assistant with probability `compliance`, a held-out one with `holdout_leak`.
    func chooseAssistant(
        step: Scenario.Step, index: Int, draws d: WorkflowDraws, severity: String, day: Double, workflowID: String,
        disabled: String?, arms: inout [String: ExperimentArm]
    ) -> Scenario.Assistant? {
        let draw = d.steps[index]
        for a in scenario.assistants
        where a.tool == step.tool && a.taskType == step.taskType && a.name != disabled && day >= a.rolloutDay {
            var gate = 1.0
            if let e = a.experiment {
                let arm =
                    arms[e.name]
                    ?? ArmAssigner(secret: scenario.assignmentSecret).arm(
                        experiment: e.name, workflowID: workflowID, holdoutShare: e.holdoutShare)
                arms[e.name] = arm
                gate = arm == .use ? e.compliance : e.holdoutLeak ?? 0
            }
            var adoption = a.adoption(severity: severity)
            if let hidden = scenario.hiddenEase, adoption > 0, adoption < 1 {
                let logit = Foundation.log(adoption / (1 - adoption)) - hidden.adoptionShift * d.ease
                adoption = 1 / (1 + Foundation.exp(-logit))
            }
            if draw.adopt < adoption, index < d.gates.count ? d.gates[index] < gate : gate >= 1 { return a }
        }
        return nil
    }

    /// The parallel worker's task on `task`'s step, if `assistant` has one and it joins: it starts
    /// within the first half of `task` and ends at least a second before it, in the same stage,
    /// with no `context_from` (value-model §8's duplicate work without coordination).
    func parallel(
        to task: TaskRecord, by assistant: Scenario.Assistant?, draws d: WorkflowDraws, step: Int, disabled: String?
    ) -> TaskRecord? {
        guard let config = assistant?.parallel, step < d.parallel.count, config.assistant != disabled,
            let other = scenario.assistants.first(where: { $0.name == config.assistant }), let end = task.endedAt
        else { return nil }
        let draw = d.parallel[step]
        guard draw.join < config.probability else { return nil }
        let length = end.microseconds(since: task.startedAt)
        let start = max(Int64(draw.offset * Double(length / 2_000_000)) * 1_000_000, 1_000_000)
        let stop = min(start + Self.minutes(Self.lognormal(config.duration, draw.duration)), length - 1_000_000)
        guard stop > start else { return nil }
        let draws = d.steps[step]
        return TaskRecord(
            id: "\(task.workflowID)-\(step)-parallel", workflowID: task.workflowID, taskType: task.taskType,
            stage: task.stage, tool: other.tool,
            actor: other.aiMode == .autonomous ? "ai:\(other.name)" : actor("tier2", draws.actor),
            assistant: other.name, aiMode: other.aiMode, startedAt: task.startedAt.adding(microseconds: start),
            endedAt: task.startedAt.adding(microseconds: stop),
            attributes: tokenAttributes(of: other, draws: d, step: step, parallel: true))
    }

    /// The token counts of `assistant`'s AI task on step `step` (its parallel task when `parallel`),
    /// as the collector stores them in a task's `attributes` (`Docs/otel.md`); `nil` when the
    /// assistant reports no tokens.
    func tokenAttributes(of assistant: Scenario.Assistant?, draws d: WorkflowDraws, step: Int, parallel: Bool)
        -> [String: JSONValue]?
    {
        guard let use = assistant?.tokens, step < d.tokens.count else { return nil }
        let z = d.tokens[step]
        return [
            "gen_ai.usage.input_tokens": .number(Self.tokenCount(use.input, parallel ? z.parallelInput : z.input)),
            "gen_ai.usage.output_tokens": .number(Self.tokenCount(use.output, parallel ? z.parallelOutput : z.output)),
            "gen_ai.provider.name": .string(use.provider),
            "gen_ai.response.model": .string(use.model),
        ]
    }

    /// A whole number of tokens, at most 10¹² (the most a count may be).
    static func tokenCount(_ d: Scenario.Duration, _ z: Double) -> Double {
        min(lognormal(d, z).rounded(), 1e12)
    }

    /// Perceived-value ratings of a tenant's assistants: `respondentsPerAssistant` people each, who
    /// give the scenario's `perceived` rating with probability `agreement`, else a neighbouring one.
    public func perceptions(tenantIndex: Int) -> [Perception] {
        guard let config = scenario.perceptions else { return [] }
        var g = SeededGenerator(seed: seed, stream: UInt64(tenantIndex) << 32 | 0xFFFF_FFFF)
        let scale = ValueRating.allCases
        let roles = ["analyst", "soc-manager", "ciso"]
        let ratedAt = start.adding(microseconds: periodMicroseconds)
        var result: [Perception] = []
        for a in scenario.assistants {
            let stated = scale.firstIndex(of: ValueRating(rawValue: a.perceived) ?? .some) ?? 2
            for k in 0..<config.respondentsPerAssistant {
                var index = stated
                if g.uniform() >= config.agreement {
                    index = g.uniform() < 0.5 ? max(stated - 1, 0) : min(stated + 1, scale.count - 1)
                    if index == stated { index = stated == 0 ? 1 : stated - 1 }
                }
                result.append(
                    Perception(
                        assistant: a.name, respondentRole: roles[k % roles.count], rating: scale[index],
                        ratedAt: ratedAt, note: nil))
            }
        }
        return result
    }

    /// A wait of `minutes` that begins at `moment`, scaled by the scenario's weekly drift
    /// (`wait_trend_per_week`). Without a trend the value is returned untouched, so scenarios
    /// that do not use it give the same bytes as before the field existed.
    func drifted(_ minutes: Double, from moment: Timestamp) -> Double {
        guard let trend = scenario.waitTrendPerWeek, trend != 0 else { return minutes }
        let weeks = Double(moment.microseconds(since: start)) / 604_800_000_000
        return minutes * max(1 + trend * weeks, 0.1)
    }

    /// The product of the factors of the interventions (all but `without`) dated at or before
    /// `moment` whose target the handoff is.
    static func factor(
        _ changes: [Change], at moment: Timestamp, toolPair: String, fromSide: String, toSide: String, without: Int?
    ) -> Double {
        var factor = 1.0
        for (index, c) in changes.enumerated() where index != without && c.date <= moment {
            if c.target.matches(toolPair: toolPair, fromSide: fromSide, toSide: toSide) { factor *= c.factor }
        }
        return factor
    }

    func actor(_ tier: String, _ u: Double) -> String {
        if tier == "system" { return "system:automation" }
        let count = max(scenario.analysts[tier] ?? 1, 1)
        return String(format: "%@:analyst-%02d", tier, Int(u * Double(count)) + 1)
    }

    /// Whole seconds, so output does not depend on the last bits of floating-point functions.
    static func minutes(_ value: Double) -> Int64 {
        Int64((value * 60).rounded()) * 1_000_000
    }

    static func lognormal(_ d: Scenario.Duration, _ z: Double) -> Double {
        d.median * Foundation.exp(d.sigma * z)
    }

    /// A key of `weights` chosen by `u` in [0, 1), keys in sorted order for determinism.
    static func pick(_ weights: [String: Double], _ u: Double) -> String {
        let keys = weights.keys.sorted()
        let total = keys.reduce(0) { $0 + max(weights[$1] ?? 0, 0) }
        var acc = 0.0
        for key in keys {
            acc += max(weights[key] ?? 0, 0) / total
            if u < acc { return key }
        }
        return keys.last ?? ""
    }
}
