/// What the value report is computed from: closed tasks and workflows of one tenant and period,
/// gathered by set-based SQL, plus the friction aggregates SQL computes directly. Tasks and
/// workflows are held as columns with their strings coded (``ReportTaskColumns``,
/// ``ReportWorkflowColumns``), so a million tasks take tens of megabytes rather than hundreds.
public struct ReportInput: Sendable {
    /// One finished task of a workflow opened in the period.
    public struct TaskObservation: Sendable, Hashable {
        public var taskType: String
        public var severity: String
        public var assistant: String?
        public var aiTouched: Bool
        public var durationMicroseconds: Int64
        public var startedAt: Timestamp
        /// The task's case (any non-negative key equal for tasks of one workflow); `nil`: a case of
        /// its own.
        public var workflow: Int?

        public init(
            taskType: String, severity: String, assistant: String?, aiTouched: Bool, durationMicroseconds: Int64,
            startedAt: Timestamp, workflow: Int? = nil
        ) {
            self.taskType = taskType
            self.severity = severity
            self.assistant = assistant
            self.aiTouched = aiTouched
            self.durationMicroseconds = durationMicroseconds
            self.startedAt = startedAt
            self.workflow = workflow
        }
    }

    /// One closed workflow opened in the period, with its exact §2 figures (microseconds).
    public struct WorkflowObservation: Sendable, Hashable {
        public var category: String
        public var severity: String
        public var openedAt: Timestamp
        public var lead: Int64
        public var touch: Int64
        public var intake: Int64
        public var closure: Int64
        /// Handoff waits (excluding intake) summed per class `from-tool→to-tool`.
        public var classWaits: [String: Int64]
        public var aiTouched: Bool
        public var assistants: Set<String>
        /// Time spent in tasks of each type (for the Amdahl ceiling).
        public var taskTypeTime: [String: Int64]
        /// The workflow's arm in each experiment that assigned it, by experiment name (value-model
        /// §7: the arm recorded at the first ask). Empty: assigned in none.
        public var arms: [String: ExperimentArm]
        /// The key its tasks carry in ``TaskObservation/workflow``, so that a task finds its
        /// workflow's arm (the experiment's task-level figures need it). `nil`: not given.
        public var key: Int?

        public var wait: Int64 { lead - touch }

        public init(
            category: String, severity: String, openedAt: Timestamp, lead: Int64, touch: Int64, intake: Int64,
            closure: Int64, classWaits: [String: Int64], aiTouched: Bool, assistants: Set<String>,
            taskTypeTime: [String: Int64], arms: [String: ExperimentArm] = [:], key: Int? = nil
        ) {
            self.category = category
            self.severity = severity
            self.openedAt = openedAt
            self.lead = lead
            self.touch = touch
            self.intake = intake
            self.closure = closure
            self.classWaits = classWaits
            self.aiTouched = aiTouched
            self.assistants = assistants
            self.taskTypeTime = taskTypeTime
            self.arms = arms
            self.key = key
        }
    }

    /// One handoff (not an intake) of a case of the period, for the intervention figures.
    public struct HandoffObservation: Sendable, Hashable {
        /// The handoff's case (any key equal for handoffs of one workflow).
        public var workflow: Int
        /// `from→to` by tool.
        public var toolPair: String
        /// The assistant on each side, or `human` (value-model §8).
        public var fromSide: String
        public var toSide: String
        public var waitMicroseconds: Int64
        /// When the waiting began.
        public var waitStart: Timestamp

        public init(
            workflow: Int, toolPair: String, fromSide: String, toSide: String, waitMicroseconds: Int64,
            waitStart: Timestamp
        ) {
            self.workflow = workflow
            self.toolPair = toolPair
            self.fromSide = fromSide
            self.toSide = toSide
            self.waitMicroseconds = waitMicroseconds
            self.waitStart = waitStart
        }
    }

    public var tenant: String
    public var from: Timestamp
    public var to: Timestamp
    /// The strings the columns refer to by code.
    package var names: ReportNames
    package var taskColumns: ReportTaskColumns
    package var workflowColumns: ReportWorkflowColumns
    /// Workflows of the period still open, with their category, severity, opening, task types
    /// and assistants (their durations are zero): for the censoring diagnostics of §4.2.
    package var openWorkflowColumns: ReportWorkflowColumns
    public var openWorkflows: Int
    public var inferredOpenings: Int
    public var assistants: [AssistantMetadata]
    public var perceptions: [String: [ValueRating]]
    public var friction: ValueReport.Friction
    public var readiness: ValueReport.Readiness
    /// The coordination aggregates of value-model §8 (storage computes them in SQL).
    public var coordination = CoordinationInput()
    /// The experiments (value-model §7) whose time overlaps the period, running or stopped. Each
    /// workflow's arm in them is in the workflow columns (``ReportWorkflowColumns/armStart``), for
    /// closed and open workflows alike. A task finds its workflow's arm through its workflow: the
    /// task's ``ReportTaskColumns/workflow`` key equals its workflow's ``ReportWorkflowColumns/key``
    /// (``WorkflowObservation/key`` in row form), so no task carries an arm of its own; without
    /// keys the experiment's task-level figures are left out.
    public var experiments: [Experiment] = []
    /// The tenant's recorded interventions dated before the period's end, oldest first
    /// (`Docs/interventions.md`): those dated in the period are measured, the others only linked
    /// from the guidance they addressed.
    public var interventions: [Intervention] = []
    /// Every handoff of the period's cases, closed or open, when an intervention is dated in the
    /// period (``ReportHandoffColumns``); empty otherwise.
    package var handoffColumns = ReportHandoffColumns()

    /// The handoffs as observations, built from the columns on each read.
    public var handoffs: [HandoffObservation] {
        get {
            let c = handoffColumns
            return (0..<c.count).map { i in
                HandoffObservation(
                    workflow: Int(c.workflow[i]), toolPair: names[c.toolPair[i]], fromSide: names[c.fromSide[i]],
                    toSide: names[c.toSide[i]], waitMicroseconds: c.wait[i],
                    waitStart: Timestamp(microseconds: c.start[i]))
            }
        }
        set {
            var c = ReportHandoffColumns()
            c.reserveCapacity(newValue.count)
            for h in newValue {
                c.append(
                    workflow: Int32(truncatingIfNeeded: h.workflow), toolPair: names.code(h.toolPair),
                    fromSide: names.code(h.fromSide), toSide: names.code(h.toSide), wait: h.waitMicroseconds,
                    start: h.waitStart.microseconds)
            }
            handoffColumns = c
        }
    }
    /// Token use of the period's AI tasks per assistant, day, provider and model (issue 22), and
    /// the tenant's token prices; the licences are in ``assistants``.
    public var tokenUsage: [TokenUsage] = []
    /// Where ``tokenUsage`` came from: the AI tasks, or their daily rollups (the same sums); `nil`
    /// when not read from storage.
    public var tokenUsagePath: ComputationPath?
    public var prices = PriceTable()
    /// The tenant's hourly rate setting (`PUT /v1/settings`), which ``ReportOptions/hourlyRate``
    /// defaults to when a request or command gives none (`ReportService`); `nil`: not set.
    public var hourlyRate: Double?

    /// The tasks as observations, built from the columns on each read (for tests and small inputs;
    /// the builder reads the columns).
    public var tasks: [TaskObservation] {
        get {
            let c = taskColumns
            return (0..<c.count).map { i in
                TaskObservation(
                    taskType: names[c.type[i]], severity: names[c.severity[i]],
                    assistant: c.assistant[i] < 0 ? nil : names[c.assistant[i]], aiTouched: c.aiTouched[i],
                    durationMicroseconds: c.duration[i], startedAt: Timestamp(microseconds: c.startedAt[i]),
                    workflow: c.workflow[i] < 0 ? nil : Int(c.workflow[i]))
            }
        }
        set {
            var c = ReportTaskColumns()
            c.reserveCapacity(newValue.count)
            for (i, t) in newValue.enumerated() {
                // A task without a case is a case of its own: negative keys, below every given one.
                c.append(
                    type: names.code(t.taskType), severity: names.code(t.severity),
                    assistant: t.assistant.map { names.code($0) } ?? -1, aiTouched: t.aiTouched,
                    duration: t.durationMicroseconds, startedAt: t.startedAt.microseconds,
                    workflow: t.workflow.map { Int32(truncatingIfNeeded: $0) } ?? Int32.min
                        &+ Int32(truncatingIfNeeded: i))
            }
            taskColumns = c
        }
    }

    /// The closed workflows as observations, built from the columns on each read.
    public var workflows: [WorkflowObservation] {
        get {
            let c = workflowColumns
            return (0..<c.count).map { i in
                var classWaits: [String: Int64] = [:]
                for e in c.classes(i) { classWaits[names[c.classCode[e]]] = c.classWait[e] }
                var typeTime: [String: Int64] = [:]
                for e in c.types(i) { typeTime[names[c.typeCode[e]]] = c.typeTime[e] }
                var arms: [String: ExperimentArm] = [:]
                for e in c.arms(i) { arms[names[c.armExperiment[e]]] = c.armHoldout[e] ? .holdout : .use }
                return WorkflowObservation(
                    category: names[c.category[i]], severity: names[c.severity[i]],
                    openedAt: Timestamp(microseconds: c.openedAt[i]), lead: c.lead[i], touch: c.touch[i],
                    intake: c.intake[i], closure: c.closure[i], classWaits: classWaits, aiTouched: c.aiTouched[i],
                    assistants: Set(c.assistants(i).map { names[c.assistantCode[$0]] }), taskTypeTime: typeTime,
                    arms: arms, key: c.key.isEmpty || c.key[i] < 0 ? nil : Int(c.key[i]))
            }
        }
        set { workflowColumns = Self.columns(of: newValue, names: &names) }
    }

    /// Workflow observations as columns, their strings coded into `names`.
    static func columns(of workflows: [WorkflowObservation], names: inout ReportNames) -> ReportWorkflowColumns {
        var c = ReportWorkflowColumns()
        c.reserveCapacity(workflows.count)
        let withArms = workflows.contains { !$0.arms.isEmpty }
        if workflows.contains(where: { $0.key != nil }) {
            c.key = workflows.map { $0.key.map { Int32(truncatingIfNeeded: $0) } ?? -1 }
        }
        for w in workflows {
            if withArms {
                // Sorted by name, so that the columns do not depend on hashing.
                for (name, arm) in w.arms.sorted(by: { $0.key < $1.key }) { c.addArm(names.code(name), arm) }
                c.endArms()
            }
            for (cls, wait) in w.classWaits { c.addClassWait(names.code(cls), wait) }
            c.endClassWaits()
            for a in w.assistants { c.addAssistant(names.code(a)) }
            c.endAssistants()
            for (type, time) in w.taskTypeTime { c.addTypeTime(names.code(type), time) }
            c.endTypeTimes()
            c.append(
                category: names.code(w.category), severity: names.code(w.severity),
                openedAt: w.openedAt.microseconds, lead: w.lead, touch: w.touch, intake: w.intake,
                closure: w.closure, aiTouched: w.aiTouched)
        }
        return c
    }

    /// An input from observations. `open` lists workflows still open (only their category,
    /// severity, opening, task types and assistants are read); `openWorkflows` is at least its count.
    public init(
        tenant: String, from: Timestamp, to: Timestamp, tasks: [TaskObservation], workflows: [WorkflowObservation],
        openWorkflows: Int, inferredOpenings: Int, assistants: [AssistantMetadata],
        perceptions: [String: [ValueRating]], friction: ValueReport.Friction, readiness: ValueReport.Readiness,
        open: [WorkflowObservation] = [], experiments: [Experiment] = []
    ) {
        self.init(
            tenant: tenant, from: from, to: to, names: ReportNames(), taskColumns: ReportTaskColumns(),
            workflowColumns: ReportWorkflowColumns(), openWorkflows: max(openWorkflows, open.count),
            inferredOpenings: inferredOpenings, assistants: assistants, perceptions: perceptions, friction: friction,
            readiness: readiness)
        self.tasks = tasks
        self.workflows = workflows
        self.openWorkflowColumns = Self.columns(of: open, names: &names)
        self.experiments = experiments
    }

    /// An input whose observations are already columns (as storage decodes them).
    package init(
        tenant: String, from: Timestamp, to: Timestamp, names: ReportNames, taskColumns: ReportTaskColumns,
        workflowColumns: ReportWorkflowColumns, openWorkflowColumns: ReportWorkflowColumns = ReportWorkflowColumns(),
        openWorkflows: Int, inferredOpenings: Int, assistants: [AssistantMetadata],
        perceptions: [String: [ValueRating]], friction: ValueReport.Friction, readiness: ValueReport.Readiness,
        experiments: [Experiment] = []
    ) {
        self.tenant = tenant
        self.from = from
        self.to = to
        self.names = names
        self.taskColumns = taskColumns
        self.workflowColumns = workflowColumns
        self.openWorkflowColumns = openWorkflowColumns
        self.openWorkflows = openWorkflows
        self.inferredOpenings = inferredOpenings
        self.assistants = assistants
        self.perceptions = perceptions
        self.friction = friction
        self.readiness = readiness
        self.experiments = experiments
    }
}
