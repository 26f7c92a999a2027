public import BatonCore
public import Foundation

/// Everything that shapes a simulated SOC, in one readable JSON file (`--scenario FILE`).
/// The default ships as `default-scenario.json`; `Docs/simulation.md` documents every field.
public struct Scenario: Codable, Sendable, Hashable {
    /// A lognormal duration: `median` in minutes and `sigma` of its logarithm (heavy right tail).
    public struct Duration: Codable, Sendable, Hashable {
        public var median: Double
        public var sigma: Double

        public init(median: Double, sigma: Double) {
            self.median = median
            self.sigma = sigma
        }
    }

    public struct Step: Codable, Sendable, Hashable {
        public var stage: Stage
        public var taskType: String
        public var tool: String
        /// `system` (automation), `tier1`, `tier2` or `tier3`.
        public var actorTier: String
        public var duration: Duration
        /// Probability that a workflow includes this step.
        public var probability: Double
        /// Overrides `probability` for the severities it names, so that a case's path can depend on
        /// its severity (critical cases reach containment, low ones close after triage).
        public var probabilityBySeverity: [String: Double]?
        /// A response step that waits for a human approval first.
        public var approvalGate: Bool?

        /// The probability that a workflow of this severity includes the step.
        public func probability(severity: String) -> Double {
            probabilityBySeverity?[severity] ?? probability
        }
    }

    public struct Assistant: Codable, Sendable, Hashable {
        public var name: String
        public var tool: String
        public var taskType: String
        public var category: AssistantCategory
        public var archetype: Archetype
        /// Days after the period start when it is switched on.
        public var rolloutDay: Double
        /// Share of eligible tasks after rollout that use it.
        public var adoption: Double
        /// Overrides `adoption` for the severities it names: analysts who trust the assistant on
        /// routine cases but not on severe ones select on a recorded field.
        public var adoptionBySeverity: [String: Double]?
        public var aiMode: AIMode
        /// Its tasks take `1 / speedup` of the human time (the median ratio).
        public var speedup: Double
        /// Probability that its verdict then sits in a queue until a person picks it up, and for how long.
        public var queueProbability: Double
        public var queueWait: Duration
        /// Probability that the next task receives its context (`context_from`); otherwise the next
        /// tool re-gathers it in a separate `context-regathering` task.
        public var contextCarried: Double
        public var regathering: Duration
        /// What the SOC's people say it is worth (excellent, good, some, none).
        public var perceived: String
        /// Another assistant that, with some probability, works the same step of the case at the
        /// same time, without being handed its context (value-model §8's duplicate work). Absent:
        /// never.
        public var parallel: Parallel?
        /// A randomized holdout of this assistant (value-model §7), from its rollout on. Absent: none.
        public var experiment: ExperimentSpec?
        /// What its licence costs (issue 22). Absent: no licence recorded.
        public var licence: Licence?
        /// The tokens each of its AI tasks uses (issue 22), as `attributes` of the task. Absent: its
        /// tasks report no token counts.
        public var tokens: TokenUse?

        /// The share of eligible tasks of a workflow of this severity that use it, after rollout.
        public func adoption(severity: String) -> Double {
            adoptionBySeverity?[severity] ?? adoption
        }
    }

    /// Duplicate work: when the assistant works a step, `assistant` also works it with
    /// probability `probability`, starting within the first half of the step's task and ending
    /// before it (so the case's frontier, and every wait, stays as without it), for `duration`
    /// minutes at most. It is given no `context_from`.
    public struct Parallel: Codable, Sendable, Hashable {
        public var assistant: String
        public var probability: Double
        public var duration: Duration
    }

    /// A randomized holdout of one assistant (value-model §7). When a case reaches the assistant's
    /// step after its rollout, the simulated tool asks for the case's arm through ``ArmAssigner``
    /// (the service's code path) with the scenario's `experiment_secret`; every asked case is
    /// assigned, and its arm is in the report's input.
    public struct ExperimentSpec: Codable, Sendable, Hashable {
        public var name: String
        /// Share of cases held out (0.05 to 0.5).
        public var holdoutShare: Double
        /// Probability that a use-arm case gets the assistant as adoption would give it (otherwise
        /// the analyst does not use it).
        public var compliance: Double
        /// Probability that a held-out case gets it anyway, as adoption would give it. Absent: 0.
        public var holdoutLeak: Double?
        /// The experiment's planned sample, if any (it tunes the anytime-valid sequence).
        public var plannedSample: Int?
    }

    /// Selection no recorded field shows: every case has an ease `z` (standard normal, drawn from
    /// a stream of its own); all its durations and waits are multiplied by `exp(sigma × z)`, and
    /// every assistant's adoption `a` becomes `1 / (1 + exp(−(logit(a) − adoption_shift × z)))`:
    /// easier cases (negative `z`) are shorter and more likely to get the AI. Absent: none.
    public struct HiddenEase: Codable, Sendable, Hashable {
        public var sigma: Double
        public var adoptionShift: Double
        /// Routing that changes at a rollout: from the day an assistant that serves a step is rolled
        /// out, an easy case (`z` below 0, easier than the median) that would have skipped the step
        /// reaches it with this probability (analysts send the quick-looking cases to the step the
        /// new tool serves). It reuses the step's own inclusion draw, so every case that reached the
        /// step before still does. The eligible cases after the rollout are then easier than before
        /// in a way no field shows, which a before/after comparison (`did`) credits to the assistant.
        /// The routing is the SOC's decision, made before anyone asks for the case's arm: the
        /// truth's replays (assistant off, arm forced) keep it. Absent: 0.
        public var rolloutRouting: Double?
    }

    /// A dated process change with a known effect (`Docs/simulation.md`, `Docs/interventions.md`):
    /// every handoff of `target` (matched as the report matches an intervention's target, on the
    /// tool pair or the sides of the handoff that carries the wait) whose waiting begins at or after
    /// `date` waits `factor` times as long as it would have (0.6: 40% shorter; 1: a placebo, a
    /// change recorded that does nothing). It draws no random number, so a scenario without
    /// interventions generates the same bytes as before they existed.
    public struct InterventionSpec: Codable, Sendable, Hashable {
        /// `YYYY-MM-DD` (midnight UTC) or RFC 3339.
        public var date: String
        public var targetKind: InterventionTarget.Kind
        public var target: String
        public var factor: Double
        public var description: String?

        public init(
            date: String, targetKind: InterventionTarget.Kind, target: String, factor: Double,
            description: String? = nil
        ) {
            self.date = date
            self.targetKind = targetKind
            self.target = target
            self.factor = factor
            self.description = description
        }

        /// The spec as the intervention an analyst would record: its date and its target.
        public func recorded(id: Int) throws -> Intervention {
            guard let date = Timestamp(rfc3339: date) ?? Timestamp(rfc3339: date + "T00:00:00Z") else {
                throw ScenarioError("interventions: '\(date)' is not a date (YYYY-MM-DD) or an RFC 3339 timestamp")
            }
            do throws(InterventionTarget.Invalid) {
                return Intervention(
                    id: id, date: date, target: try InterventionTarget(kind: targetKind, target),
                    description: description ?? "simulated change (factor \(factor))")
            } catch {
                throw ScenarioError("interventions: \(error.description)")
            }
        }
    }

    /// Analysts tag a share of long handoff waits with the reason behind them.
    public struct Tagging: Codable, Sendable, Hashable {
        /// Share of waits of at least `minWait` minutes that get a tag.
        public var share: Double
        public var minWait: Double
    }

    /// People rate each assistant's value; some agree with the scenario's `perceived` rating.
    public struct Perceptions: Codable, Sendable, Hashable {
        public var respondentsPerAssistant: Int
        /// Probability that a respondent gives the assistant's `perceived` rating (otherwise a neighbour).
        public var agreement: Double
    }

    public struct TenantSpec: Codable, Sendable, Hashable {
        public var id: String
        public var deliveryModel: String

        public init(id: String, deliveryModel: String) {
            self.id = id
            self.deliveryModel = deliveryModel
        }
    }

    public var name: String
    public var description: String
    public var start: String
    public var days: Double
    public var workflows: Int
    public var tenants: [TenantSpec]
    public var categories: [String: Double]
    public var severities: [String: Double]
    /// Waits are multiplied by this per severity (critical cases are picked up sooner).
    public var waitFactorBySeverity: [String: Double]
    /// Task durations are multiplied by this per severity.
    public var durationFactorBySeverity: [String: Double]
    public var analysts: [String: Int]
    public var steps: [Step]
    public var intake: Duration
    public var closure: Duration
    /// Handoff waits by `from-tool->to-tool`; `default` for other pairs.
    public var waits: [String: Duration]
    public var approvalWait: Duration
    /// Probability that a human task passes its context on to the next one.
    public var humanContextCarried: Double
    /// Drift of every inserted wait (intake, handoffs, closure): a wait that begins `w` weeks after
    /// `start` is multiplied by `1 + trend × w` (at least 0.1). Staffing and seasons change waits
    /// over a quarter, which confounds before/after comparisons but not same-week ones. Absent: 0.
    public var waitTrendPerWeek: Double?
    public var assistants: [Assistant]
    public var tagging: Tagging?
    public var perceptions: Perceptions?
    /// Hidden selection (``HiddenEase``). Absent: none.
    public var hiddenEase: HiddenEase?
    /// The assignment secret of the scenario's experiments (at least 16 bytes). Absent: a fixed one.
    public var experimentSecret: String?
    /// Dated process changes with known effects (``InterventionSpec``), numbered 1, 2, … in this
    /// order as their recorded interventions. Absent: none.
    public var interventions: [InterventionSpec]?

    /// The scenario's interventions as recorded ones (ids 1, 2, …); empty without any.
    public var recordedInterventions: [Intervention] {
        (interventions ?? []).enumerated().compactMap { try? $1.recorded(id: $0 + 1) }
    }

    /// The tenants' token prices (issue 22), all in `price_currency`, as `PUT /v1/prices` takes them.
    /// Absent: none.
    public var prices: [Price]?
    /// The currency of `prices` (ISO 4217); every licence must use it too (one currency per tenant).
    public var priceCurrency: String?

    /// The secret the simulated tools hand ``ArmAssigner``.
    public var assignmentSecret: [UInt8] {
        let secret = Array((experimentSecret ?? "baton-simulated-assignment-secret").utf8)
        return secret.count >= 16 ? secret : secret + [UInt8](repeating: 0, count: 16 - secret.count)
    }

    /// Whether cases draw the extra numbers of hidden ease and experiments (from streams of their
    /// own, so scenarios without either generate the same bytes as before they existed).
    var drawsExtras: Bool { hiddenEase != nil || assistants.contains { $0.experiment != nil } }

    public var startTimestamp: Timestamp? { Timestamp(rfc3339: start) }

    /// The default scenario, bundled with Baton.
    public static func bundledDefault() throws -> Scenario {
        try bundled(named: "default")
    }

    public static func load(from url: URL) throws -> Scenario {
        let data = try Data(contentsOf: url)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let scenario: Scenario
        do {
            scenario = try decoder.decode(Scenario.self, from: data)
        } catch {
            throw ScenarioError("\(url.lastPathComponent) is not a valid scenario: \(error)")
        }
        try scenario.validate()
        return scenario
    }

    public func validate() throws {
        guard startTimestamp != nil else { throw ScenarioError("start '\(start)' is not an RFC 3339 timestamp") }
        guard days > 0 else { throw ScenarioError("days must be positive") }
        guard workflows > 0 else { throw ScenarioError("workflows must be positive") }
        guard !tenants.isEmpty, tenants.allSatisfy({ TenantID.isValid($0.id) }) else {
            throw ScenarioError("tenants must be non-empty with ids of \(TenantID.rule)")
        }
        guard !steps.isEmpty else { throw ScenarioError("steps must not be empty") }
        guard waits["default"] != nil else { throw ScenarioError("waits needs a 'default' entry") }
        guard !categories.isEmpty, categories.values.contains(where: { $0 > 0 }),
            categories.keys.allSatisfy({ !$0.isEmpty })
        else {
            throw ScenarioError("categories needs at least one non-empty name with a positive weight")
        }
        guard severities.values.contains(where: { $0 > 0 }) else {
            throw ScenarioError("severities needs at least one positive weight")
        }
        for name in severities.keys where Severity(rawValue: name) == nil {
            throw ScenarioError("severities: '\(name)' is not one of \(Severity.allowedValues)")
        }
        func check(_ d: Duration, _ what: String) throws {
            guard d.median > 0, d.sigma >= 0 else {
                throw ScenarioError("\(what): median must be positive and sigma not negative")
            }
        }
        func checkProbability(_ p: Double, _ what: String) throws {
            guard (0...1).contains(p) else { throw ScenarioError("\(what) must be between 0 and 1") }
        }
        try check(intake, "intake")
        try check(closure, "closure")
        try check(approvalWait, "approval_wait")
        try checkProbability(humanContextCarried, "human_context_carried")
        for (pair, d) in waits { try check(d, "waits[\(pair)]") }
        func checkBySeverity(_ values: [String: Double]?, _ what: String) throws {
            for (severity, p) in values ?? [:] {
                guard Severity(rawValue: severity) != nil else {
                    throw ScenarioError("\(what): '\(severity)' is not one of \(Severity.allowedValues)")
                }
                try checkProbability(p, "\(what)[\(severity)]")
            }
        }
        if let waitTrendPerWeek, !(-0.2...0.2).contains(waitTrendPerWeek) {
            throw ScenarioError("wait_trend_per_week must be between -0.2 and 0.2, not \(waitTrendPerWeek)")
        }
        for (index, spec) in (interventions ?? []).enumerated() {
            _ = try spec.recorded(id: index + 1)
            guard spec.factor > 0, spec.factor <= 10 else {
                throw ScenarioError("interventions: factor must be above 0 and at most 10, not \(spec.factor)")
            }
        }
        for step in steps {
            try check(step.duration, "step \(step.taskType): duration")
            try checkProbability(step.probability, "step \(step.taskType): probability")
            try checkBySeverity(step.probabilityBySeverity, "step \(step.taskType): probability_by_severity")
        }
        if let hiddenEase, !(0...3).contains(hiddenEase.sigma) || !(-10...10).contains(hiddenEase.adoptionShift) {
            throw ScenarioError("hidden_ease: sigma must be 0 to 3 and adoption_shift −10 to 10")
        }
        try checkProbability(hiddenEase?.rolloutRouting ?? 0, "hidden_ease.rollout_routing")
        if let tagging {
            try checkProbability(tagging.share, "tagging.share")
            guard tagging.minWait >= 0 else { throw ScenarioError("tagging.min_wait must not be negative") }
        }
        if let perceptions {
            try checkProbability(perceptions.agreement, "perceptions.agreement")
            guard (0...1000).contains(perceptions.respondentsPerAssistant) else {
                throw ScenarioError("perceptions.respondents_per_assistant must be 0 to 1000")
            }
        }
        for a in assistants {
            guard ValueRating(rawValue: a.perceived) != nil else {
                throw ScenarioError(
                    "assistant \(a.name): perceived '\(a.perceived)' is not one of \(ValueRating.allowedValues)")
            }
            guard !a.name.isEmpty, a.name.count <= 128 else {
                throw ScenarioError("assistant names must be 1 to 128 characters")
            }
            guard a.speedup > 0 else { throw ScenarioError("assistant \(a.name): speedup must be positive") }
            guard a.aiMode != .none else { throw ScenarioError("assistant \(a.name): ai_mode must not be none") }
            try check(a.queueWait, "assistant \(a.name): queue_wait")
            try check(a.regathering, "assistant \(a.name): regathering")
            try checkProbability(a.adoption, "assistant \(a.name): adoption")
            try checkBySeverity(a.adoptionBySeverity, "assistant \(a.name): adoption_by_severity")
            try checkProbability(a.queueProbability, "assistant \(a.name): queue_probability")
            try checkProbability(a.contextCarried, "assistant \(a.name): context_carried")
            if let e = a.experiment {
                guard !e.name.isEmpty, Experiment.holdoutShareRange.contains(e.holdoutShare) else {
                    throw ScenarioError(
                        "assistant \(a.name): experiment needs a name and a holdout_share between 0.05 and 0.5")
                }
                try checkProbability(e.compliance, "assistant \(a.name): experiment.compliance")
                try checkProbability(e.holdoutLeak ?? 0, "assistant \(a.name): experiment.holdout_leak")
            }
            try a.validateCosts()
            if let parallel = a.parallel {
                guard parallel.assistant != a.name, assistants.contains(where: { $0.name == parallel.assistant }) else {
                    throw ScenarioError(
                        "assistant \(a.name): parallel.assistant must name another assistant of the scenario")
                }
                try checkProbability(parallel.probability, "assistant \(a.name): parallel.probability")
                try check(parallel.duration, "assistant \(a.name): parallel.duration")
            }
        }
        try validateCosts()
    }
}

public struct ScenarioError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
