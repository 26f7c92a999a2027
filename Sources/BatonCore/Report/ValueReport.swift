/// The value report (value-model §3–§6): one structure, rendered as JSON, text, Markdown, web
/// pages and CSV. Durations are hours unless a name says otherwise.
/// `Docs/report-schema.json` is its JSON Schema; bump ``schemaVersion`` on breaking changes
/// (2: the workflow effect of value-model §4 replaced the confounded cohorts).
public struct ValueReport: Codable, Sendable, Hashable {
    public static let currentSchemaVersion = 2

    /// A figure with its 95% interval (the case bootstrap's, or a workflow effect's normal one; see
    /// ``WorkflowEffect/intervals``), or the reason it is not given.
    public struct Estimate: Codable, Sendable, Hashable {
        public var value: Double?
        public var low: Double?
        public var high: Double?
        /// `ok`, or `insufficient data`.
        public var status: String
        public var note: String?

        public static func insufficient(_ note: String) -> Estimate {
            Estimate(value: nil, low: nil, high: nil, status: "insufficient data", note: note)
        }

        public static func ok(_ value: Double, _ interval: (Double, Double)?) -> Estimate {
            Estimate(value: value, low: interval?.0, high: interval?.1, status: "ok", note: nil)
        }

        /// Whether the interval lies entirely on one side of `threshold`.
        public func excludes(_ threshold: Double) -> Bool {
            guard let low, let high else { return false }
            return low > threshold || high < threshold
        }

        /// Whether the interval lies entirely above `threshold`.
        public func above(_ threshold: Double) -> Bool { (low ?? -.infinity) > threshold }

        /// Whether the interval lies entirely below `threshold`.
        public func below(_ threshold: Double) -> Bool { (high ?? .infinity) < threshold }

        /// The same estimate with value and interval transformed by a decreasing function
        /// (such as negation), so the interval's ends swap.
        public func mapDecreasing(_ f: (Double) -> Double) -> Estimate {
            var e = self
            e.value = value.map(f)
            e.low = high.map(f)
            e.high = low.map(f)
            return e
        }
    }

    public struct Period: Codable, Sendable, Hashable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    public struct Samples: Codable, Sendable, Hashable {
        public var closedWorkflows: Int
        public var openWorkflows: Int
        /// Workflows whose opening was unknown and taken from their earliest task.
        public var inferredOpenings: Int
        public var aiTouchedWorkflows: Int
        public var untouchedWorkflows: Int
        public var tasks: Int
    }

    public struct TaskSpeedup: Codable, Sendable, Hashable {
        public var taskType: String
        public var baselineTasks: Int
        public var treatedTasks: Int
        /// median(baseline) / median(treated).
        public var speedup: Estimate
        /// Σ_s w_s (mean B_s − mean T_s) over severities, w_s = share of treated tasks; minutes per task.
        public var mixAdjustedSavingMinutes: Double?
        /// Whether the speedup came from the rows or from duration histograms (value-model §10).
        public var path: ComputationPath = .rows
    }

    /// ΔW of one handoff class, with its interval.
    public struct ClassDelta: Codable, Sendable, Hashable {
        public var handoffClass: String
        public var deltaHours: Estimate
    }

    /// Whether another assistant worked on the treated and the control cases alike (§4.2).
    public struct BalanceCheck: Codable, Sendable, Hashable {
        public var assistant: String
        /// Share of the treated cases (in used strata) the other assistant touched.
        public var treatedShare: Double
        /// Share of the control cases it touched, weighted by the treated mix.
        public var controlShare: Double
        /// The gap exceeds the balance threshold: the effect may include the other assistant's.
        public var warning: Bool
    }

    /// Share of each arm still open at the period's end (§4.2): only closed cases enter the means.
    public struct Censoring: Codable, Sendable, Hashable {
        public var treatedOpenShare: Double?
        public var controlOpenShare: Double?
        public var warning: Bool
    }

    /// An assistant's effect on the cases it touched (value-model §4), as one estimator measured it.
    /// ΔL = ΔA + ΔW and ΔW = Δintake + Σ ΔW_c + Δclosure hold for the point estimates and in
    /// every bootstrap resample.
    public struct WorkflowEffect: Codable, Sendable, Hashable {
        /// `eligible`, `did` or `untouched` (``ReportOptions/Baseline``).
        public var estimator: String
        /// The estimator compares cases that differ in more than the assistant (`untouched`).
        public var confounded: Bool
        /// The widest time block a comparison needed (`week`, `month`, `quarter`, or `any category`:
        /// severity and rollout epoch only); `nil` without time blocks. Strata are weekly where the
        /// week has both arms and widen only where not.
        public var timeBlock: String?
        /// Share of the compared treated cases compared within each time block.
        public var timeBlockShares: [String: Double]
        /// Closed cases in the estimator's treated arm (`did`: eligible cases after the rollout).
        public var treatedWorkflows: Int
        /// Closed cases in the comparison arm(s).
        public var controlWorkflows: Int
        /// Of those, the cases in strata with every arm present, which the estimate uses.
        public var usedTreatedWorkflows: Int
        public var usedControlWorkflows: Int
        public var strata: Int
        /// Share of the treated cases in used strata.
        public var coverage: Double?
        /// `did`: share of the eligible cases after the rollout that the assistant touched.
        public var adoptedShare: Double?
        /// The treated cases' mean lead time had the assistant not been used (the control mean,
        /// weighted by the treated mix).
        public var counterfactualMeanLeadHours: Double?
        public var deltaLeadHours: Estimate
        public var deltaTouchHours: Estimate
        public var deltaWaitHours: Estimate
        public var deltaIntakeHours: Estimate
        public var deltaClosureHours: Estimate
        /// ΔW by handoff class, largest changes first.
        public var deltaWaitByClass: [ClassDelta]
        public var balance: [BalanceCheck]
        public var censoring: Censoring?
        /// What the reader must know before trusting the figure, in words.
        public var warnings: [String]
        /// How the intervals were computed: the case bootstrap, or the normal approximation when
        /// every cell of every used stratum has at least 30 cases (value-model §10).
        public var intervals: IntervalMethod = .bootstrap

        /// The time blocks in words: `week`, or `week (month for 8%, quarter for 2%)`.
        public var timeBlocksText: String? {
            let wider = ["month", "quarter", "any category"].compactMap { b in
                timeBlockShares[b].map { "\(b) for \(HumanFormat.percent($0))" }
            }
            guard !wider.isEmpty else { return timeBlock }
            return "week (\(wider.joined(separator: ", ")))"
        }
    }

    /// An anytime-valid 95% confidence sequence for the intention-to-treat difference in mean
    /// lead time (hours per eligible case), valid however often it is looked at
    /// (Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas, Annals of Statistics 2024; `Docs/metrics.md`).
    public struct AnytimeInterval: Codable, Sendable, Hashable {
        /// The unstratified difference the sequence is centred on (inverse-probability weighted).
        public var deltaLeadHours: Double
        public var low: Double
        public var high: Double
        /// Eligible assigned closed cases it reads.
        public var cases: Int
        /// The number of cases at which the sequence was tuned to be narrowest (the planned sample,
        /// or 1,000).
        public var tuningCases: Int
    }

    /// An assistant's randomized holdout analysed as a trial (value-model §7), among its eligible
    /// closed cases with an assignment.
    public struct ExperimentAnalysis: Codable, Sendable, Hashable {
        public var name: String
        public var holdoutShare: Double
        public var startsAt: String
        public var endsAt: String?
        public var stoppedAt: String?
        public var plannedSample: Int?
        /// The task types the experiment names; `nil`: the assistant's (K_X).
        public var taskTypes: [String]?
        /// Eligible closed cases assigned to each arm, and of those the ones in strata with both.
        public var useWorkflows: Int
        public var holdoutWorkflows: Int
        public var usedUseWorkflows: Int
        public var usedHoldoutWorkflows: Int
        /// Compliance: the share of use-arm cases the assistant worked on, and of holdout cases it
        /// worked on anyway (weighted by the use arm's mix).
        public var useTouchedShare: Double?
        public var holdoutTouchedShare: Double?
        /// The difference of the two shares, with its interval.
        public var complianceDifference: Estimate
        /// Use arm minus holdout arm: the §4 figures, with `estimator` `experiment`.
        public var intentionToTreat: WorkflowEffect
        /// ITT / compliance difference (computed in each resample): the effect on the cases the
        /// assistant works on because of the assignment. Absent when the compliance difference's
        /// interval includes 0.
        public var complierDeltaLeadHours: Estimate?
        public var complierDeltaTouchHours: Estimate?
        public var complierDeltaWaitHours: Estimate?
        /// Next to the fixed-horizon interval of `intention_to_treat.delta_lead_hours`.
        public var confidenceSequence: AnytimeInterval?
        /// Further eligible assigned cases needed to detect a 10% change in lead time at 80% power.
        public var furtherCasesNeeded: Int?
        /// Task level between the arms (value-model §7), per served task type: every finished task
        /// of the type in the holdout arm's cases against every one in the use arm's, whether the
        /// AI did it or not (`baseline_tasks` held out, `treated_tasks` in use; intention to treat).
        /// Absent when the input does not say which case a task belongs to.
        public var taskSpeedups: [TaskSpeedup]? = nil
        /// Effort between the arms: the time per eligible case in tasks of the served types, use
        /// arm minus holdout arm (hours; negative: less effort), by the same strata and resamples
        /// as the intention to treat.
        public var effortDeltaHours: Estimate? = nil
        /// In plain words.
        public var verdict: String
    }

    public struct Amdahl: Codable, Sendable, Hashable {
        /// Share of the eligible control cases' lead time spent in the task types the assistant
        /// serves, at most 1 (parallel work can make task time exceed lead time).
        public var share: Double
        public var speedup: Double
        /// The most the lead time could shrink, 1 − ((1 − p) + p / s): a fraction.
        public var maximumLeadReduction: Double
    }

    public struct AssistantValue: Codable, Sendable, Hashable {
        public var name: String
        public var tool: String?
        public var category: String?
        public var archetype: String?
        public var rolloutAt: String?
        public var taskSpeedups: [TaskSpeedup]
        /// The task type whose speedup stands for the assistant wherever one figure is shown
        /// (``ValueReport/TaskSpeedup/main(of:)``).
        public var mainTaskType: String?
        /// Claimed (task-level) effort saved over the period, hours.
        public var effortSavedHours: Estimate
        /// Effort saved as a fraction of the baseline effort the same tasks would have taken.
        public var effortSavedShare: Estimate
        /// Effort saved × the configured hourly rate (an input), when a rate is set.
        public var effortSavedValue: Double?
        /// How the intervals of effort saved and its share were computed: the case bootstrap, or the
        /// normal approximation when every used (type, severity) stratum has at least 30 cases in
        /// each arm (value-model §10).
        public var effortIntervals: IntervalMethod = .bootstrap
        /// The effect on the cases it touched, by the report's estimator.
        public var workflowEffect: WorkflowEffect?
        /// −ΔA: the lead-time saving if handoffs had not changed, hours per case.
        public var predictedSavingHours: Estimate
        /// −ΔL, hours per case.
        public var realizedSavingHours: Estimate
        /// −ΔL as a fraction of the treated cases' counterfactual mean lead time.
        public var realizedLeadReduction: Estimate
        /// realized / predicted, computed in each resample; only when ΔA's interval excludes 0.
        public var valueCaptureRatio: Estimate?
        /// ΔW: positive when waiting grew and ate the task gains, hours per case.
        public var frictionAbsorbedHours: Estimate
        public var amdahl: Amdahl?
        public var measuredRating: String
        public var ratingReason: String
        public var perceivedRating: String?
        public var perceivedResponses: Int
        /// How perceived and measured differ, in words, when they do.
        public var perceptionGap: String?
        /// The estimator of this assistant's workflow figures and rating: the report's, or
        /// `experiment` when its randomized holdout has the minimum sample in both arms. Absent in
        /// reports stored before experiments existed.
        public var estimator: String? = nil
        /// Why, in a sentence, when the estimator is not the report's option.
        public var estimatorNote: String? = nil
        /// Its experiment, when one overlaps the period, whichever estimator is used.
        public var experiment: ExperimentAnalysis? = nil
        /// Its trend: the effect week by week (issue 22). Absent in reports stored before it existed.
        public var weekly: [AssistantWeek]? = nil
        /// What it cost and what that bought (issue 22); absent when the tenant recorded nothing
        /// about costs.
        public var cost: AssistantCost? = nil
        /// What to do about it: keep, fix the handoffs around it, or reconsider (issue 22).
        public var decision: AssistantDecision? = nil

        /// The main task speedup, if the assistant has any.
        public var mainSpeedup: TaskSpeedup? { taskSpeedups.first { $0.taskType == mainTaskType } }
    }

    public struct ClassFriction: Codable, Sendable, Hashable {
        public var handoffClass: String
        public var waitingHours: Double
        public var handoffs: Int
        public var meanWaitMinutes: Double
        public var contextCarriedShare: Double
        /// Tagged waiting hours by reason.
        public var tagReasons: [String: Double]

        public init(
            handoffClass: String, waitingHours: Double, handoffs: Int, meanWaitMinutes: Double,
            contextCarriedShare: Double, tagReasons: [String: Double]
        ) {
            self.handoffClass = handoffClass
            self.waitingHours = waitingHours
            self.handoffs = handoffs
            self.meanWaitMinutes = meanWaitMinutes
            self.contextCarriedShare = contextCarriedShare
            self.tagReasons = tagReasons
        }
    }

    public struct Friction: Codable, Sendable, Hashable {
        /// Handoff classes by waiting hours, largest first (at most 50).
        public var topClasses: [ClassFriction]
        public var intakeHours: Double
        public var closureHours: Double
        public var pingPongShare: Double?
        public var contextCarriedShare: Double?
        public var flowEfficiencyMedian: Double?
        public var flowEfficiencyP90: Double?
        /// Where ``topClasses``, their tagged reasons, ``contextCarriedShare`` and the tagged share
        /// of waiting came from: the handoffs, or their daily rollups (the same sums). `nil` in
        /// reports built before it was recorded.
        public var classesPath: ComputationPath?

        public init(
            topClasses: [ClassFriction], intakeHours: Double, closureHours: Double, pingPongShare: Double?,
            contextCarriedShare: Double?, flowEfficiencyMedian: Double?, flowEfficiencyP90: Double?,
            classesPath: ComputationPath? = nil
        ) {
            self.topClasses = topClasses
            self.intakeHours = intakeHours
            self.closureHours = closureHours
            self.pingPongShare = pingPongShare
            self.contextCarriedShare = contextCarriedShare
            self.flowEfficiencyMedian = flowEfficiencyMedian
            self.flowEfficiencyP90 = flowEfficiencyP90
            self.classesPath = classesPath
        }
    }

    public struct GuidanceItem: Codable, Sendable, Hashable {
        public var handoffClass: String
        public var reason: String
        public var hoursAtStake: Double
        public var practice: String
        /// The recorded interventions that addressed this class (their ids, oldest first; their
        /// figures are in ``ValueReport/interventions``). Absent when none did.
        public var interventions: [Int]? = nil

        public init(
            handoffClass: String, reason: String, hoursAtStake: Double, practice: String, interventions: [Int]? = nil
        ) {
            self.handoffClass = handoffClass
            self.reason = reason
            self.hoursAtStake = hoursAtStake
            self.practice = practice
            self.interventions = interventions
        }
    }

    public struct Readiness: Codable, Sendable, Hashable {
        public var tasksWithStageShare: Double?
        public var handoffsWithContextShare: Double?
        public var waitingHoursTaggedShare: Double?
        /// The share of AI tasks whose output a named task consumed (value-model §8): the
        /// coordination matrix's figure, repeated here with the other readiness signals.
        public var aiOutputConsumedShare: Double?

        public init(
            tasksWithStageShare: Double?, handoffsWithContextShare: Double?, waitingHoursTaggedShare: Double?,
            aiOutputConsumedShare: Double? = nil
        ) {
            self.tasksWithStageShare = tasksWithStageShare
            self.handoffsWithContextShare = handoffsWithContextShare
            self.waitingHoursTaggedShare = waitingHoursTaggedShare
            self.aiOutputConsumedShare = aiOutputConsumedShare
        }
    }

    /// Hours per class of handoff in a cohort's mean lead time.
    public struct ClassHours: Codable, Sendable, Hashable {
        public var handoffClass: String
        public var hours: Double
    }

    /// Where a cohort's mean lead time goes (value-model §2): touch + intake + handoff waits +
    /// closure = lead, per workflow on average. Unstratified: a picture, not an effect estimate.
    public struct LeadComposition: Codable, Sendable, Hashable {
        /// `touched` (AI worked on the case) or `untouched`.
        public var cohort: String
        public var workflows: Int
        public var meanLeadHours: Double
        public var meanTouchHours: Double
        public var meanIntakeHours: Double
        public var meanHandoffWaitHours: Double
        public var meanClosureHours: Double
        /// The handoff wait split by class, largest first; classes past the fifth are summed as `other`.
        public var handoffWaitByClass: [ClassHours]
    }

    /// One calendar week (Monday, UTC) of closed workflows, by the week they opened in.
    public struct WeekSummary: Codable, Sendable, Hashable {
        public var weekStart: String
        public var closedWorkflows: Int
        public var touchedWorkflows: Int
        public var medianLeadHoursTouched: Double?
        public var medianLeadHoursUntouched: Double?
        /// Σ waiting / Σ lead time over the week's workflows.
        public var waitShare: Double?
    }

    public var schemaVersion: Int
    public var tenant: String
    public var period: Period
    public var options: ReportOptions
    public var samples: Samples
    public var headline: String
    public var assistants: [AssistantValue]
    /// The same figures for "any AI": every assistant together (value-model §4.4).
    public var portfolio: AssistantValue?
    public var friction: Friction
    public var guidance: [GuidanceItem]
    public var readiness: Readiness
    public var leadComposition: [LeadComposition]
    public var weekly: [WeekSummary]
    /// Who hands over to whom, and what is lost on the way (value-model §8). Absent in reports
    /// stored before it existed.
    public var coordination: CoordinationMatrix? = nil
    /// The recorded process changes dated before the period's end and what each did to its
    /// target's waiting (`Docs/interventions.md`), oldest first. Absent when there are none.
    public var interventions: [InterventionEffect]? = nil
    /// The waiting each handoff class costs the average closed case (issue 22), every class.
    public var classWaitPerCase: [ClassWaitPerCase]? = nil
    /// This period against the one before it; only when asked for (`compare=previous`), since it
    /// builds a second report.
    public var comparison: PeriodComparison? = nil
    /// What the AI estate cost (issue 22); absent when the tenant recorded nothing about costs.
    public var costs: PortfolioCost? = nil
}
