import Foundation

/// Computes the value report from its input (value-model §3–§6) by running each figure family's
/// estimator: task speedups (``TaskSpeedupEstimator``), effort (``EffortEstimator``), the effect
/// on the cases touched (``WorkflowEffectEstimator``), the Amdahl ceiling (``AmdahlCeiling``),
/// the rating (``ValueRatingRule``) and the words (``ReportNarrative``), per assistant and for
/// the portfolio of all AI. Pure and deterministic: the same input and options give the same
/// report.
public struct ValueReportBuilder: Sendable {
    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    static let hour = 3_600_000_000.0

    /// The portfolio row's name (value-model §4.4).
    public static let portfolioName = "any AI"

    public func build(_ input: ReportInput) -> ValueReport {
        let tasks = input.taskColumns
        let workflows = input.workflowColumns
        let plans = plans(input)
        // The portfolio's speedup of a type only one assistant serves is that assistant's: the
        // same baseline and the same AI tasks. It is computed once.
        var sameSpeedup: [Int: (Int, Int)] = [:]
        if let p = plans.indices.last, plans[p].isPortfolio {
            for (k, code) in plans[p].typeCodes.enumerated() {
                let count = plans[p].treatedTasks.lazy.filter { tasks.type[Int($0)] == code }.count
                for i in plans.indices.dropLast() {
                    guard let j = plans[i].typeCodes.firstIndex(of: code) else { continue }
                    if plans[i].treatedTasks.lazy.filter({ tasks.type[Int($0)] == code }).count == count {
                        sameSpeedup[k] = (i, j)
                    }
                }
            }
        }
        let jobs: [BootstrapJob] =
            plans.indices.map { .effect($0) } + [.effort]
            + plans.indices.compactMap { i in
                !options.weeklyTrends || plans[i].isPortfolio || plans[i].code == nil ? nil : .weekly(i)
            }
            + plans.indices.flatMap { i in
                plans[i].types.indices.compactMap { k in
                    plans[i].isPortfolio && sameSpeedup[k] != nil ? nil : .speedup(i, k)
                }
            }
        let outcomes = ResultSlots<BootstrapOutcome>(count: jobs.count)
        // Longest first (effort, then task speedups, then effects, each by size), so the job a
        // core finishes last is a short one: in arrival order one of two cores sat idle for about a
        // fifth of the build while the other ran the last large speedup. Each job draws from its
        // own stream and fills its own slot, so the order changes no figure.
        func size(_ job: BootstrapJob) -> (Int, Int) {
            switch job {
            case .effort: return (2, 0)
            case .speedup(let i, let k):
                let code = plans[i].typeCodes[k]
                return (
                    1,
                    plans[i].baselines[k].count
                        + plans[i].treatedTasks.lazy.filter { tasks.type[Int($0)] == code }.count
                )
            case .effect(let i), .weekly(let i): return (0, plans[i].eligible.lazy.filter { $0 }.count)
            }
        }
        let sizes = jobs.map(size)
        let order = jobs.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
        DispatchQueue.concurrentPerform(iterations: jobs.count) { n in
            let j = order[n]
            outcomes.set(j, run(jobs[j], plans, input))
        }
        let results = outcomes.values
        var values = plans.enumerated().map { i, plan in
            var speedups: [ValueReport.TaskSpeedup] = []
            var effort = (
                saved: ValueReport.Estimate.insufficient(""), share: ValueReport.Estimate.insufficient(""),
                intervals: IntervalMethod.bootstrap
            )
            var effect: WorkflowEffectEstimator.Result?
            var weekly: [AssistantWeek]?
            for (job, outcome) in zip(jobs, results) {
                switch (job, outcome) {
                case (.speedup(i, _), .speedup(let s)?): speedups.append(s)
                case (.speedup(let a, let k), .speedup(let s)?) where plan.isPortfolio:
                    if sameSpeedup.values.contains(where: { $0 == (a, k) }) { speedups.append(s) }
                case (.effort, .effort(let all)?) where all.indices.contains(i): effort = all[i]
                case (.effect(i), .effect(let e)?): effect = e
                case (.weekly(i), .weekly(let w)?): weekly = w
                default: continue
                }
            }
            var value = assistantValue(
                plan, input, speedups: speedups.sorted { $0.taskType < $1.taskType }, effort: effort, effect: effect)
            value.weekly = weekly
            return value
        }
        let portfolio = plans.last?.isPortfolio == true ? values.removeLast() : nil
        let touched = workflows.aiTouched.reduce(0) { $1 ? $0 + 1 : $0 }
        // The report echoes the settings it applied (a minimum below the floor was raised).
        var applied = options
        applied.minimumSample = options.effectiveMinimumSample
        var report = ValueReport(
            schemaVersion: ValueReport.currentSchemaVersion, tenant: input.tenant,
            period: .init(from: input.from.rfc3339, to: input.to.rfc3339), options: applied,
            samples: .init(
                closedWorkflows: workflows.count, openWorkflows: input.openWorkflows,
                inferredOpenings: input.inferredOpenings, aiTouchedWorkflows: touched,
                untouchedWorkflows: workflows.count - touched, tasks: tasks.count),
            headline: "", assistants: values, portfolio: portfolio, friction: input.friction,
            guidance: ReportNarrative.guidance(input.friction), readiness: input.readiness,
            leadComposition: Self.composition(workflows, input.names), weekly: Self.weekly(workflows))
        let interventions = InterventionEstimator(options: options).estimate(input)
        if !interventions.isEmpty {
            report.interventions = interventions
            report.guidance = linked(report.guidance, to: input.interventions.filter { $0.date < input.to })
        }
        let coordination = CoordinationMatrix(input.coordination)
        report.coordination = coordination
        report.classWaitPerCase = Self.classWaitPerCase(workflows, input.names)
        report.readiness.aiOutputConsumedShare = coordination.aiOutputConsumedShare
        report.costs = portfolioCost(report.portfolio, input)
        report.headline = ReportNarrative.headline(report)
        return report
    }

    /// The samples of each assistant's figures, selected in parallel, one per assistant, then the
    /// portfolio's (last, when any AI worked).
    func plans(_ input: ReportInput) -> [AssistantPlan] {
        let tasks = input.taskColumns
        let servedCodes = Set(
            (0..<tasks.count).lazy.filter { tasks.aiTouched[$0] && tasks.assistant[$0] >= 0 }.map {
                tasks.assistant[$0]
            })
        let names = Set(servedCodes.map { input.names[$0] }).union(input.assistants.map(\.name)).sorted()
        let metadata = Dictionary(input.assistants.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var untreatedByType = [[Int32]](repeating: [], count: input.names.count)
        for i in 0..<tasks.count where !tasks.aiTouched[i] { untreatedByType[Int(tasks.type[i])].append(Int32(i)) }
        let untreated = untreatedByType
        let planSlots = ResultSlots<AssistantPlan>(count: names.count + 1)
        DispatchQueue.concurrentPerform(iterations: names.count + 1) { index in
            if index == names.count {
                guard tasks.aiTouched.contains(true) else { return }
                let rollouts = input.assistants.compactMap { $0.rolloutAt?.microseconds }
                planSlots.set(
                    index,
                    plan(
                        Self.portfolioName, code: nil, portfolio: true, metadata: nil, rollout: rollouts.min(),
                        input, untreated, perceived: [], streamOffset: UInt64(index)))
                return
            }
            let name = names[index]
            let code = input.names.existingCode(name)
            let served = code.map { servedCodes.contains($0) } ?? false
            let perceived = input.perceptions[name] ?? []
            guard served || !perceived.isEmpty else { return }
            planSlots.set(
                index,
                plan(
                    name, code: served ? code : nil, portfolio: false, metadata: metadata[name],
                    rollout: metadata[name]?.rolloutAt?.microseconds, input, untreated, perceived: perceived,
                    streamOffset: UInt64(index)))
        }
        return planSlots.values.compactMap { $0 }
    }

    /// Each guidance item with the interventions that addressed its class (value-model §6).
    func linked(_ guidance: [ValueReport.GuidanceItem], to interventions: [Intervention])
        -> [ValueReport.GuidanceItem]
    {
        guidance.map { item in
            var item = item
            let ids = interventions.filter {
                $0.target.addresses(handoffClass: item.handoffClass, classing: options.classBy)
            }
            .sorted { ($0.date, $0.id) < ($1.date, $1.id) }.map(\.id)
            item.interventions = ids.isEmpty ? nil : ids
            return item
        }
    }

    // MARK: - Per assistant

    /// The samples one assistant's (or the portfolio's) figures are computed from. `code` is the
    /// assistant's name code, `nil` when no AI task names it.
    func plan(
        _ name: String, code: Int32?, portfolio: Bool, metadata: AssistantMetadata?, rollout: Int64?,
        _ input: ReportInput, _ untreatedByType: [[Int32]], perceived: [ValueRating], streamOffset: UInt64
    ) -> AssistantPlan {
        let tasks = input.taskColumns
        let closed = input.workflowColumns
        let open = input.openWorkflowColumns
        // A task that names the assistant but says ai_mode none was not AI work.
        let treatedTasks: [Int32] =
            portfolio
            ? (0..<tasks.count).filter { tasks.aiTouched[$0] }.map { Int32($0) }
            : code.map { code in
                (0..<tasks.count).filter { tasks.assistant[$0] == code && tasks.aiTouched[$0] }.map { Int32($0) }
            } ?? []
        let typeCodes = Set(treatedTasks.map { tasks.type[Int($0)] }).sorted { input.names[$0] < input.names[$1] }
        let baselines = typeCodes.map { type -> [Int32] in
            let untreated = untreatedByType[Int(type)]
            guard options.baseline == .did else { return untreated }
            guard let rollout else { return [] }
            return untreated.filter { tasks.startedAt[Int($0)] < rollout }
        }
        var served = [Bool](repeating: false, count: max(input.names.count, 1))
        for t in typeCodes { served[Int(t)] = true }
        func flags(_ columns: ReportWorkflowColumns) -> (touched: [Bool], eligible: [Bool]) {
            var touched = [Bool](repeating: false, count: columns.count)
            var eligible = [Bool](repeating: false, count: columns.count)
            for i in 0..<columns.count {
                touched[i] =
                    portfolio ? columns.aiTouched[i] : code.map { columns.served(i, by: $0) } ?? false
                // Touched implies eligible even when a task's type time is missing.
                eligible[i] = touched[i] || columns.types(i).contains { served[Int(columns.typeCode[$0])] }
            }
            return (touched, eligible)
        }
        let closedFlags = flags(closed)
        let openFlags = flags(open)
        return AssistantPlan(
            name: name, metadata: metadata, perceived: perceived, seed: options.seed &+ streamOffset &* 1_000,
            code: code, isPortfolio: portfolio, rollout: rollout,
            firstUse: treatedTasks.lazy.map { tasks.startedAt[Int($0)] }.min(),
            types: typeCodes.map { input.names[$0] },
            typeCodes: typeCodes, treatedTasks: treatedTasks, baselines: baselines, touched: closedFlags.touched,
            eligible: closedFlags.eligible, openTouched: openFlags.touched, openEligible: openFlags.eligible)
    }

    func run(_ job: BootstrapJob, _ plans: [AssistantPlan], _ input: ReportInput) -> BootstrapOutcome {
        let tasks = input.taskColumns
        switch job {
        case .speedup(let i, let k):
            let plan = plans[i]
            let code = plan.typeCodes[k]
            return .speedup(
                TaskSpeedupEstimator(options: options).estimateByPath(
                    plan.types[k], baseline: plan.baselines[k],
                    treated: plan.treatedTasks.filter { tasks.type[Int($0)] == code }, input,
                    seed: plan.seed &+ UInt64(k)))
        case .effort:
            return .effort(EffortEstimator(options: options).estimate(plans, input, seed: options.seed &+ 500))
        case .effect(let i):
            return .effect(
                WorkflowEffectEstimator(options: options).estimate(plans[i], input, seed: plans[i].seed &+ 700))
        case .weekly(let i):
            return .weekly(
                WorkflowEffectEstimator(options: options).weekly(plans[i], input, seed: plans[i].seed &+ 900))
        }
    }

    func assistantValue(
        _ plan: AssistantPlan, _ input: ReportInput, speedups: [ValueReport.TaskSpeedup],
        effort: (saved: ValueReport.Estimate, share: ValueReport.Estimate, intervals: IntervalMethod),
        effect: WorkflowEffectEstimator.Result?
    ) -> ValueReport.AssistantValue {
        let meta = plan.metadata
        let (effortSaved, effortShare) = (effort.saved, effort.share)
        let effect =
            effect
            ?? .insufficient(estimator: options.baseline, note: "no cases touched", treated: 0)
        let mainType = TaskSpeedupEstimator.main(of: speedups)
        let (rating, reason) = ValueRatingRule(options: options).rate(
            effect: effect, mainSpeedup: speedups.first { $0.taskType == mainType }, effortShare: effortShare)
        let perceivedRating = ValueRatingRule.consensus(plan.perceived)
        var gap: String?
        if let perceivedRating, perceivedRating.rawValue != rating, rating != "insufficient data" {
            gap = "people rate it \(perceivedRating.rawValue); the measurements say \(rating)"
        }
        var value = ValueReport.AssistantValue(
            name: plan.name, tool: meta?.tool, category: meta?.category?.rawValue, archetype: meta?.archetype?.rawValue,
            rolloutAt: meta?.rolloutAt?.rfc3339, taskSpeedups: speedups, mainTaskType: mainType,
            effortSavedHours: effortSaved, effortSavedShare: effortShare,
            effortSavedValue: options.hourlyRate.flatMap { rate in effortSaved.value.map { $0 * rate } },
            workflowEffect: plan.touched.contains(true) || effect.sufficient ? effect.effect : nil,
            predictedSavingHours: effect.predictedSaving, realizedSavingHours: effect.realizedSaving,
            realizedLeadReduction: effect.realizedReduction, valueCaptureRatio: effect.captureRatio,
            frictionAbsorbedHours: effect.frictionAbsorbed,
            amdahl: AmdahlCeiling.compute(plan, speedups: speedups, input), measuredRating: rating,
            ratingReason: reason, perceivedRating: perceivedRating?.rawValue, perceivedResponses: plan.perceived.count,
            perceptionGap: gap, estimator: effect.effect.estimator, estimatorNote: effect.estimatorNote,
            experiment: effect.experiment)
        value.effortIntervals = effort.intervals
        value.cost = cost(plan, input, effortSaved: effortSaved, effect: effect)
        if !plan.isPortfolio { value.decision = AssistantDecision(value, options: options) }
        return value
    }
}
