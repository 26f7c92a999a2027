/// The closed workflows of a report input as columns, one entry per workflow, with the string
/// fields as codes into the input's ``ReportNames``. Each workflow's class waits, assistants and
/// task-type times are a run of entries in flat arrays (workflow `i`'s class waits are
/// `classCode[classes(i)]` and `classWait[classes(i)]`), not a dictionary or set per workflow.
package struct ReportWorkflowColumns: Sendable {
    package var category: [Int32] = []
    package var severity: [Int32] = []
    /// Microseconds since the epoch.
    package var openedAt: [Int64] = []
    package var lead: [Int64] = []
    package var touch: [Int64] = []
    package var intake: [Int64] = []
    package var closure: [Int64] = []
    package var aiTouched: [Bool] = []
    /// Where each workflow's run of class waits starts; one more entry than workflows.
    package var classStart: [Int] = [0]
    /// One entry per class of a workflow: its handoff waits (excluding intake) summed.
    package var classCode: [Int32] = []
    package var classWait: [Int64] = []
    package var assistantStart: [Int] = [0]
    /// The assistants whose AI worked on the workflow, each once.
    package var assistantCode: [Int32] = []
    package var typeStart: [Int] = [0]
    /// One entry per task type of a workflow: the time spent in its tasks (for the Amdahl ceiling).
    package var typeCode: [Int32] = []
    package var typeTime: [Int64] = []
    /// Where each workflow's run of experiment arms starts: one more entry than workflows, or the
    /// single `[0]` when the reader gives no arms (then no workflow is assigned in any experiment).
    package var armStart: [Int] = [0]
    /// One entry per experiment the workflow was assigned in (value-model §7): the experiment's
    /// name code, and whether the arm is ``ExperimentArm/holdout`` (otherwise ``ExperimentArm/use``).
    package var armExperiment: [Int32] = []
    package var armHoldout: [Bool] = []
    /// Each workflow's key as its tasks name it (``ReportTaskColumns/workflow``), one entry per
    /// workflow, or empty when the reader does not give it. A task finds its workflow's arm through
    /// it; without it the experiment's task-level figures are not computed.
    package var key: [Int32] = []

    package init() {}

    package var count: Int { lead.count }

    package func classes(_ i: Int) -> Range<Int> { classStart[i]..<classStart[i + 1] }
    package func assistants(_ i: Int) -> Range<Int> { assistantStart[i]..<assistantStart[i + 1] }
    package func types(_ i: Int) -> Range<Int> { typeStart[i]..<typeStart[i + 1] }
    /// Workflow `i`'s run of arms; empty when the columns carry no arms.
    package func arms(_ i: Int) -> Range<Int> { i + 1 < armStart.count ? armStart[i]..<armStart[i + 1] : 0..<0 }

    /// Workflow `i`'s arm in the experiment whose name has code `experiment`; `nil`: not assigned.
    package func arm(_ i: Int, experiment: Int32) -> ExperimentArm? {
        for e in arms(i) where armExperiment[e] == experiment { return armHoldout[e] ? .holdout : .use }
        return nil
    }

    /// Whether `assistant`'s AI worked on workflow `i`.
    package func served(_ i: Int, by assistant: Int32) -> Bool {
        assistantCode[assistants(i)].contains(assistant)
    }

    package mutating func reserveCapacity(_ n: Int) {
        category.reserveCapacity(n)
        severity.reserveCapacity(n)
        openedAt.reserveCapacity(n)
        lead.reserveCapacity(n)
        touch.reserveCapacity(n)
        intake.reserveCapacity(n)
        closure.reserveCapacity(n)
        aiTouched.reserveCapacity(n)
        classStart.reserveCapacity(n + 1)
        assistantStart.reserveCapacity(n + 1)
        typeStart.reserveCapacity(n + 1)
    }

    // A workflow is its numbers (`append`) and three runs of entries. Runs are built in workflow
    // order, one per workflow: add a run's entries, then end it. The three kinds of run are
    // independent, so each can be built in a pass of its own.

    /// Adds `wait` to the class's entry of the run being built.
    package mutating func addClassWait(_ code: Int32, _ wait: Int64) {
        Self.add(code, wait, run: classStart[classStart.count - 1], codes: &classCode, values: &classWait)
    }

    /// Adds `time` to the task type's entry of the run being built.
    package mutating func addTypeTime(_ code: Int32, _ time: Int64) {
        Self.add(code, time, run: typeStart[typeStart.count - 1], codes: &typeCode, values: &typeTime)
    }

    /// Adds `value` to `code`'s entry of the run that starts at `run`, or gives the code an entry.
    private static func add(_ code: Int32, _ value: Int64, run: Int, codes: inout [Int32], values: inout [Int64]) {
        if let e = codes[run...].firstIndex(of: code) {
            values[e] += value
        } else {
            codes.append(code)
            values.append(value)
        }
    }

    /// Adds an assistant to the run being built (once).
    package mutating func addAssistant(_ code: Int32) {
        let start = assistantStart[assistantStart.count - 1]
        if !assistantCode[start...].contains(code) { assistantCode.append(code) }
    }

    /// Adds the workflow's arm in one experiment to the run being built (an experiment once).
    package mutating func addArm(_ experiment: Int32, _ arm: ExperimentArm) {
        let start = armStart[armStart.count - 1]
        guard !armExperiment[start...].contains(experiment) else { return }
        armExperiment.append(experiment)
        armHoldout.append(arm == .holdout)
    }

    /// Ends the run of arms being built. Optional for a reader without arms: when no run was ever
    /// ended every workflow is unassigned; once one is, every workflow needs its run.
    package mutating func endArms() { armStart.append(armExperiment.count) }

    package mutating func endClassWaits() { classStart.append(classCode.count) }
    package mutating func endAssistants() { assistantStart.append(assistantCode.count) }
    package mutating func endTypeTimes() { typeStart.append(typeCode.count) }

    /// Appends a workflow's numbers (its runs are ended separately).
    package mutating func append(
        category: Int32, severity: Int32, openedAt: Int64, lead: Int64, touch: Int64, intake: Int64, closure: Int64,
        aiTouched: Bool
    ) {
        self.category.append(category)
        self.severity.append(severity)
        self.openedAt.append(openedAt)
        self.lead.append(lead)
        self.touch.append(touch)
        self.intake.append(intake)
        self.closure.append(closure)
        self.aiTouched.append(aiTouched)
    }
}
