/// The value report (value-model §3–§6): one structure, rendered as JSON, text, Markdown and,
/// later, web pages and CSV. Durations are hours unless a name says otherwise.
/// `Docs/report-schema.json` is its JSON Schema; bump ``schemaVersion`` on breaking changes.
public struct ValueReport: Codable, Sendable, Hashable {
    public static let currentSchemaVersion = 1

    /// A figure with its 95% bootstrap interval, or the reason it is not given.
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
    }

    public struct Period: Codable, Sendable, Hashable {
        public var from: String
        public var to: String
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
    }

    public struct ClassDelta: Codable, Sendable, Hashable {
        public var handoffClass: String
        public var deltaHours: Double
    }

    public struct Cohorts: Codable, Sendable, Hashable {
        public var touchedWorkflows: Int
        public var controlWorkflows: Int
        /// Strata (category × severity) with both cohorts present, which the comparison uses.
        public var strata: Int
        /// Mean lead time of the control cohort, weighted by the touched cohort's mix.
        public var controlMeanLeadHours: Double?
        public var deltaLeadHours: Estimate
        public var deltaTouchHours: Estimate
        public var deltaWaitHours: Estimate
        public var deltaIntakeHours: Double?
        public var deltaClosureHours: Double?
        /// ΔW by handoff class, largest changes first: ΔW = Δintake + Σ ΔW_c + Δclosure.
        public var deltaWaitByClass: [ClassDelta]
    }

    public struct Amdahl: Codable, Sendable, Hashable {
        /// Share of control lead time spent in the task types the assistant serves.
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
        /// Claimed (task-level) effort saved over the period, hours.
        public var effortSavedHours: Estimate
        /// Effort saved as a fraction of the baseline effort the same tasks would have taken.
        public var effortSavedShare: Estimate
        /// Effort saved × the configured hourly rate (an input), when a rate is set.
        public var effortSavedValue: Double?
        public var cohorts: Cohorts?
        /// −ΔA: the lead-time saving if handoffs had not changed, hours per workflow.
        public var predictedSavingHours: Double?
        /// −ΔL, hours per workflow.
        public var realizedSavingHours: Double?
        /// −ΔL as a fraction of the control cohort's mean lead time.
        public var realizedLeadReduction: Estimate
        /// realized / predicted, when predicted > 0.
        public var valueCaptureRatio: Double?
        /// ΔW: positive when waiting grew and ate the task gains, hours per workflow.
        public var frictionAbsorbedHours: Double?
        public var amdahl: Amdahl?
        public var measuredRating: String
        public var ratingReason: String
        public var perceivedRating: String?
        public var perceivedResponses: Int
        /// How perceived and measured differ, in words, when they do.
        public var perceptionGap: String?
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

        public init(
            topClasses: [ClassFriction], intakeHours: Double, closureHours: Double, pingPongShare: Double?,
            contextCarriedShare: Double?, flowEfficiencyMedian: Double?, flowEfficiencyP90: Double?
        ) {
            self.topClasses = topClasses
            self.intakeHours = intakeHours
            self.closureHours = closureHours
            self.pingPongShare = pingPongShare
            self.contextCarriedShare = contextCarriedShare
            self.flowEfficiencyMedian = flowEfficiencyMedian
            self.flowEfficiencyP90 = flowEfficiencyP90
        }
    }

    public struct GuidanceItem: Codable, Sendable, Hashable {
        public var handoffClass: String
        public var reason: String
        public var hoursAtStake: Double
        public var practice: String

        public init(handoffClass: String, reason: String, hoursAtStake: Double, practice: String) {
            self.handoffClass = handoffClass
            self.reason = reason
            self.hoursAtStake = hoursAtStake
            self.practice = practice
        }
    }

    public struct Readiness: Codable, Sendable, Hashable {
        public var tasksWithStageShare: Double?
        public var handoffsWithContextShare: Double?
        public var waitingHoursTaggedShare: Double?

        public init(tasksWithStageShare: Double?, handoffsWithContextShare: Double?, waitingHoursTaggedShare: Double?) {
            self.tasksWithStageShare = tasksWithStageShare
            self.handoffsWithContextShare = handoffsWithContextShare
            self.waitingHoursTaggedShare = waitingHoursTaggedShare
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
    public var friction: Friction
    public var guidance: [GuidanceItem]
    public var readiness: Readiness
    public var leadComposition: [LeadComposition]
    public var weekly: [WeekSummary]
}
