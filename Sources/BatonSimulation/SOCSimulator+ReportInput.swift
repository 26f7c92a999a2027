public import BatonCore

extension SOCSimulator {
    /// The value report's input for one tenant, built in memory from the simulated records with
    /// Baton's own handoff derivation: the quantities the database gathers, without a database.
    /// The validation tests compare reports built from it with the simulator's counterfactual
    /// truth; the period is the scenario's days plus 30, so every case is closed in it.
    public func reportInput(tenantIndex: Int = 0) -> ReportInput {
        reportInput(tenantIndex: tenantIndex, workflows: workflows(tenantIndex: tenantIndex))
    }

    /// The period of ``reportInput(tenantIndex:)``: from the scenario's start over its days plus 30,
    /// so every case opens in it and closes in it. The truth's costs are over this period too.
    public var reportPeriod: (from: Timestamp, to: Timestamp) {
        let start = scenario.startTimestamp ?? Timestamp(microseconds: 0)
        return (start, start.adding(microseconds: Int64(scenario.days * 86_400 + 30 * 86_400) * 1_000_000))
    }

    /// The scenario's assistants as registered metadata: rollout and licence.
    public var assistantMetadata: [AssistantMetadata] {
        let start = scenario.startTimestamp ?? Timestamp(microseconds: 0)
        return scenario.assistants.map {
            AssistantMetadata(
                name: $0.name, tool: $0.tool, category: $0.category, archetype: $0.archetype,
                rolloutAt: start.adding(microseconds: Int64($0.rolloutDay * 86_400) * 1_000_000),
                licence: $0.licence?.assistantLicence)
        }
    }

    /// The scenario's experiments (value-model §7), one per assistant that declares one, each
    /// starting at the assistant's rollout.
    public var experiments: [Experiment] {
        let start = scenario.startTimestamp ?? Timestamp(microseconds: 0)
        return scenario.assistants.compactMap { a in
            a.experiment.map {
                Experiment(
                    name: $0.name, assistant: a.name, holdoutShare: $0.holdoutShare,
                    startsAt: start.adding(microseconds: Int64(a.rolloutDay * 86_400) * 1_000_000),
                    plannedSample: $0.plannedSample)
            }
        }
    }

    /// The input from already generated workflows (of tenant `tenantIndex`).
    public func reportInput(tenantIndex: Int, workflows simulated: [SimulatedWorkflow]) -> ReportInput {
        var tasks: [ReportInput.TaskObservation] = []
        var observations: [ReportInput.WorkflowObservation] = []
        var coordination: [[CoordinationInput.TaggedHandoff]] = []
        // Every handoff, for the intervention figures, only when the scenario has interventions
        // (as the store reads them only then).
        let interventions = scenario.recordedInterventions
        var handoffs: [ReportInput.HandoffObservation] = []
        for (number, w) in simulated.enumerated() {
            let severity = w.workflow.severity?.rawValue ?? "unknown"
            let d = Self.derive(w)
            if !interventions.isEmpty { handoffs += Self.handoffObservations(d.handoffs, workflow: number) }
            // The coordination rows with each handoff's current tag (the simulator tags a handoff once).
            let tags = Dictionary(w.tags.map { ($0.toTaskID, $0.reason) }, uniquingKeysWith: { _, last in last })
            coordination.append(d.handoffs.map { ($0, tags[$0.toTaskID]) })
            var classWaits: [String: Int64] = [:]
            for h in d.handoffs where h.kind == .handoff {
                classWaits["\(h.fromTool ?? "")→\(h.toTool)", default: 0] += h.waitMicroseconds
            }
            var typeTime: [String: Int64] = [:]
            for t in w.tasks {
                guard let ended = t.endedAt else { continue }
                let duration = ended.microseconds(since: t.startedAt)
                typeTime[t.taskType, default: 0] += duration
                tasks.append(
                    .init(
                        taskType: t.taskType, severity: severity, assistant: t.assistant,
                        aiTouched: t.aiMode.isAITouched, durationMicroseconds: duration, startedAt: t.startedAt,
                        workflow: number))
            }
            guard let m = d.metrics else { continue }
            observations.append(
                .init(
                    category: w.workflow.category ?? "unknown", severity: severity, openedAt: w.workflow.openedAt,
                    lead: m.lead, touch: m.touch, intake: m.intake, closure: m.closure, classWaits: classWaits,
                    aiTouched: d.aiTouched, assistants: w.assistants, taskTypeTime: typeTime, arms: w.arms,
                    key: number))
        }
        let (start, end) = reportPeriod
        var input = ReportInput(
            tenant: scenario.tenants[tenantIndex].id, from: start, to: end, tasks: tasks, workflows: observations,
            openWorkflows: 0, inferredOpenings: 0, assistants: assistantMetadata, perceptions: [:],
            friction: .init(
                topClasses: [], intakeHours: 0, closureHours: 0, pingPongShare: nil, contextCarriedShare: nil,
                flowEfficiencyMedian: nil, flowEfficiencyP90: nil),
            readiness: .init(tasksWithStageShare: nil, handoffsWithContextShare: nil, waitingHoursTaggedShare: nil),
            experiments: experiments)
        input.coordination = CoordinationInput.aggregate(coordination)
        input.interventions = interventions
        input.handoffs = handoffs
        // Costs (issue 22): the licences are in the metadata; the prices and the token sums as
        // storage gives them (a scenario without costs has AI tasks without counts, so its report
        // reads as before).
        input.prices = PriceTable(scenario.tokenPrices)
        input.tokenUsage = TokenUsage.summing(simulated.flatMap(\.tasks))
        return input
    }

    /// Baton's own derivation of a simulated workflow's handoffs and figures.
    static func derive(_ w: SimulatedWorkflow) -> WorkflowDerivation {
        HandoffDerivation.derive(
            window: WorkflowWindow(openedAt: w.workflow.openedAt, closedAt: w.workflow.closedAt),
            tasks: w.tasks.map(DerivationTask.init))
    }

    /// The handoffs (not the intake) as the intervention figures read them: tool pair, sides, wait
    /// and when the wait began.
    static func handoffObservations(_ handoffs: [Handoff], workflow: Int) -> [ReportInput.HandoffObservation] {
        handoffs.filter { $0.kind == .handoff }.map { h in
            ReportInput.HandoffObservation(
                workflow: workflow, toolPair: h.toolPair, fromSide: h.coordination.fromSide?.description ?? "",
                toSide: h.coordination.toSide.description, waitMicroseconds: h.waitMicroseconds,
                waitStart: h.handedAt.adding(microseconds: -h.waitMicroseconds))
        }
    }
}
