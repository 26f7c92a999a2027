/// Everything value-model §2 derives from one workflow and its tasks.
public struct WorkflowDerivation: Sendable, Hashable {
    /// The start of the workflow window: `opened_at`, or the earliest task start when unknown.
    public var effectiveOpenedAt: Timestamp?
    /// `true` when `opened_at` was unknown and the earliest task start stood in for it.
    public var openedAtInferred: Bool
    /// One segment per task inside the window, in task order; the first is the intake.
    public var handoffs: [Handoff]
    /// Exact figures, present only for a closed workflow.
    public var metrics: WorkflowMetrics?
    /// At least one task has `ai_mode ≠ none`.
    public var aiTouched: Bool
    /// The tool sequence, repeats collapsed, contains X→Y→X.
    public var pingPong: Bool
    /// Tasks inside the window that still had no `ended_at`; in a closed workflow they are
    /// counted as running until `closed_at` (the clipping rule). Tasks outside are not counted.
    public var runningTasks: Int
    /// Tasks none of whose time falls in `[opened_at, closed_at]` (such as work logged after
    /// closure): they get no segment and add no touch or effort.
    public var tasksOutsideWindow: Int

    /// Every task of the workflow: one segment each inside the window, plus those outside it.
    public var taskCount: Int { handoffs.count + tasksOutsideWindow }
}
