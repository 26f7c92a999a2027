/// A tool's question: which arm is this case in, for this assistant?
public struct AssignmentRequest: Sendable, Hashable {
    public var workflowID: String
    public var assistant: String

    public init(workflowID: String, assistant: String) {
        self.workflowID = workflowID
        self.assistant = assistant
    }
}

/// Baton's answer (`POST /v1/assignments`, `baton assign`): the arm, the experiment that decided
/// it and when the case was first assigned. With no running experiment for the assistant the arm
/// is ``ExperimentArm/use`` and nothing is recorded (experiment and time nil).
public struct ArmAssignment: Sendable, Hashable {
    public var workflowID: String
    public var assistant: String
    public var arm: ExperimentArm
    public var experiment: String?
    public var assignedAt: Timestamp?

    public init(
        workflowID: String, assistant: String, arm: ExperimentArm, experiment: String?, assignedAt: Timestamp?
    ) {
        self.workflowID = workflowID
        self.assistant = assistant
        self.arm = arm
        self.experiment = experiment
        self.assignedAt = assignedAt
    }

    /// The answer when no experiment runs for the request's assistant.
    public static func unassigned(_ request: AssignmentRequest) -> ArmAssignment {
        ArmAssignment(
            workflowID: request.workflowID, assistant: request.assistant, arm: .use, experiment: nil, assignedAt: nil)
    }

    /// The most workflows one request may ask about.
    public static let maxBatch = 1_000
}
