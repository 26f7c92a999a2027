/// Exact per-workflow figures for a closed workflow (value-model §2), in microseconds.
///
/// `touch + intake + handoffWait + closure == lead` holds exactly, by construction.
public struct WorkflowMetrics: Sendable, Hashable {
    /// `L = closed_at − opened_at`.
    public var lead: Int64
    /// `A`: length of the union of the clipped task intervals.
    public var touch: Int64
    /// `W = L − A`.
    public var wait: Int64
    /// `E`: sum of clipped task durations; exceeds `touch` when work ran in parallel.
    public var effort: Int64
    /// Time to first touch.
    public var intake: Int64
    /// Sum of the waits of all handoffs except the intake.
    public var handoffWait: Int64
    /// From the end of the last work to `closed_at`.
    public var closure: Int64

    /// `FE = A / L`; `nil` for a zero-length workflow, where it is undefined.
    public var flowEfficiency: Double? {
        lead > 0 ? Double(touch) / Double(lead) : nil
    }

    public init(
        lead: Int64, touch: Int64, wait: Int64, effort: Int64, intake: Int64, handoffWait: Int64,
        closure: Int64
    ) {
        self.lead = lead
        self.touch = touch
        self.wait = wait
        self.effort = effort
        self.intake = intake
        self.handoffWait = handoffWait
        self.closure = closure
    }
}
