/// A randomized holdout of one assistant (value-model §7): each eligible case is assigned to
/// ``ExperimentArm/use`` or ``ExperimentArm/holdout`` by ``ArmAssigner``, and the report analyses
/// the arms as a trial.
public struct Experiment: Sendable, Hashable {
    /// The experiment's name, unique within a tenant, part of every assignment's hash.
    public var name: String
    /// The assistant whose use is randomized.
    public var assistant: String
    /// The share of cases held out, 0.05 to 0.5.
    public var holdoutShare: Double
    /// The task types the experiment applies to; nil: every type the assistant serves.
    public var taskTypes: [String]?
    public var startsAt: Timestamp
    /// The planned end; nil: runs until stopped.
    public var endsAt: Timestamp?
    /// The planned number of assigned cases, for progress.
    public var plannedSample: Int?
    /// When an admin stopped it; nil while it has not been stopped.
    public var stoppedAt: Timestamp?

    /// The smallest and largest holdout share an experiment may have.
    public static let holdoutShareRange: ClosedRange<Double> = 0.05...0.5

    public init(
        name: String, assistant: String, holdoutShare: Double, taskTypes: [String]? = nil, startsAt: Timestamp,
        endsAt: Timestamp? = nil, plannedSample: Int? = nil, stoppedAt: Timestamp? = nil
    ) {
        self.name = name
        self.assistant = assistant
        self.holdoutShare = holdoutShare
        self.taskTypes = taskTypes
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.plannedSample = plannedSample
        self.stoppedAt = stoppedAt
    }

    /// Whether the experiment assigns arms at `time`: started, not past its end, not stopped.
    public func isRunning(at time: Timestamp) -> Bool {
        guard time >= startsAt else { return false }
        if let endsAt, time >= endsAt { return false }
        if let stoppedAt, time >= stoppedAt { return false }
        return true
    }
}
