/// The handoffs (not intakes) of a report input's cases, one entry per handoff, with the strings as
/// codes into the input's ``ReportNames``: what the intervention figures read (``InterventionEstimator``).
/// Read only when an intervention falls in the period, so an ordinary report carries none.
package struct ReportHandoffColumns: Sendable {
    /// The handoff's case, as a key equal for handoffs of the same workflow: the interval treats
    /// cases, not handoffs, as independent.
    package var workflow: [Int32] = []
    /// The tools on either side, `from→to` (the report's class by tool pair).
    package var toolPair: [Int32] = []
    /// Who worked on either side: the assistant when the task's `ai_mode` is not `none`, else `human`.
    package var fromSide: [Int32] = []
    package var toSide: [Int32] = []
    /// The wait in microseconds.
    package var wait: [Int64] = []
    /// When the waiting began (the handoff's to-task start minus its wait), microseconds since the epoch.
    package var start: [Int64] = []

    package init() {}

    package var count: Int { wait.count }

    package mutating func reserveCapacity(_ n: Int) {
        workflow.reserveCapacity(n)
        toolPair.reserveCapacity(n)
        fromSide.reserveCapacity(n)
        toSide.reserveCapacity(n)
        wait.reserveCapacity(n)
        start.reserveCapacity(n)
    }

    package mutating func append(
        workflow: Int32, toolPair: Int32, fromSide: Int32, toSide: Int32, wait: Int64, start: Int64
    ) {
        self.workflow.append(workflow)
        self.toolPair.append(toolPair)
        self.fromSide.append(fromSide)
        self.toSide.append(toSide)
        self.wait.append(wait)
        self.start.append(start)
    }
}
