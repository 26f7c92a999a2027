/// An experiment with what it has assigned so far (`GET /v1/experiments[/{name}]`,
/// `baton experiment list|show`).
public struct ExperimentStatus: Sendable, Hashable {
    public var experiment: Experiment
    public var createdAt: Timestamp
    /// Recorded assignments per arm.
    public var useCount: Int
    public var holdoutCount: Int
    /// Whether it assigns arms now (started, not past its end, not stopped).
    public var running: Bool

    public init(experiment: Experiment, createdAt: Timestamp, useCount: Int, holdoutCount: Int, running: Bool) {
        self.experiment = experiment
        self.createdAt = createdAt
        self.useCount = useCount
        self.holdoutCount = holdoutCount
        self.running = running
    }

    public var assigned: Int { useCount + holdoutCount }

    /// The share of the planned sample assigned so far (may pass 1); nil without a plan.
    public var progress: Double? {
        guard let planned = experiment.plannedSample, planned > 0 else { return nil }
        return Double(assigned) / Double(planned)
    }

    /// `running`, `scheduled` (starts later), `ended` (past its end) or `stopped`.
    public func state(at now: Timestamp) -> String {
        if experiment.stoppedAt != nil { return "stopped" }
        if now < experiment.startsAt { return "scheduled" }
        if let endsAt = experiment.endsAt, now >= endsAt { return "ended" }
        return "running"
    }
}
