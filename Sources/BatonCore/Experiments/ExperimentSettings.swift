/// What an admin sets when starting an experiment (`PUT /v1/experiments/{name}`,
/// `baton experiment start`): the ``Experiment`` without its name and lifecycle.
public struct ExperimentSettings: Sendable, Hashable {
    public var assistant: String
    public var holdoutShare: Double
    /// nil: every task type the assistant serves.
    public var taskTypes: [String]?
    /// nil: now for a new experiment, unchanged for an existing one.
    public var startsAt: Timestamp?
    public var endsAt: Timestamp?
    public var plannedSample: Int?

    public init(
        assistant: String, holdoutShare: Double, taskTypes: [String]? = nil, startsAt: Timestamp? = nil,
        endsAt: Timestamp? = nil, plannedSample: Int? = nil
    ) {
        self.assistant = assistant
        self.holdoutShare = holdoutShare
        self.taskTypes = taskTypes
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.plannedSample = plannedSample
    }

    /// The first reason these settings cannot start an experiment, naming the field; nil when
    /// they can.
    public var problem: String? {
        if assistant.isEmpty { return "field 'assistant' must not be empty" }
        guard holdoutShare.isFinite, Experiment.holdoutShareRange.contains(holdoutShare) else {
            return
                "field 'holdout_share' must be between \(Experiment.holdoutShareRange.lowerBound) and \(Experiment.holdoutShareRange.upperBound), got \(holdoutShare)"
        }
        if let taskTypes, taskTypes.isEmpty || taskTypes.contains(where: \.isEmpty) {
            return "field 'task_types' must be a non-empty list of non-empty task types, or absent for every type"
        }
        if let plannedSample, plannedSample <= 0 {
            return "field 'planned_sample' must be a positive number of cases, got \(plannedSample)"
        }
        if let startsAt, let endsAt, endsAt <= startsAt {
            return "field 'ends_at' (\(endsAt)) must be after 'starts_at' (\(startsAt))"
        }
        return nil
    }
}
