import Foundation

/// Value-model §7: an assistant's randomized holdout analysed as a trial. Among the eligible
/// closed cases with an assignment: the intention to treat (use arm minus holdout arm, the §4
/// figures and their exact decomposition, within category × severity, by the same
/// ``StratifiedContrast`` as the other estimators), compliance, the effect on compliers, an
/// anytime-valid confidence sequence for the lead-time difference (``ConfidenceSequence``), the
/// further cases needed for 80% power (``ExperimentPower``) and a verdict in words.
struct ExperimentEstimator: Sendable {
    var options: ReportOptions

    /// The experiment the report analyses for `assistant`: of its experiments whose time overlaps
    /// the period, the one with the most assigned closed cases, then the latest started, then by
    /// name. `nil` when it has none.
    static func experiment(for assistant: String, _ input: ReportInput) -> Experiment? {
        let candidates = input.experiments.filter { (e: Experiment) -> Bool in
            guard e.assistant == assistant, e.startsAt < input.to else { return false }
            if let end = e.endsAt, end <= input.from { return false }
            if let stop = e.stoppedAt, stop <= input.from { return false }
            return true
        }
        guard candidates.count > 1 else { return candidates.first }
        let columns = input.workflowColumns
        func assigned(_ e: Experiment) -> Int {
            guard let code = input.names.existingCode(e.name) else { return 0 }
            return (0..<columns.count).reduce(0) { columns.arm($1, experiment: code) != nil ? $0 + 1 : $0 }
        }
        func before(_ a: (Experiment, Int), _ b: (Experiment, Int)) -> Bool {
            if a.1 != b.1 { return a.1 > b.1 }
            if a.0.startsAt != b.0.startsAt { return a.0.startsAt > b.0.startsAt }
            return a.0.name < b.0.name
        }
        let counted: [(Experiment, Int)] = candidates.map { ($0, assigned($0)) }
        return counted.sorted(by: before).first?.0
    }

    /// The served task types of the experiment (K_X): its own `task_types` when it names them,
    /// otherwise the types of the assistant's AI tasks in the period.
    static func servedTypes(_ experiment: Experiment, _ plan: AssistantPlan, _ input: ReportInput) -> Set<Int32> {
        guard let types = experiment.taskTypes else { return Set(plan.typeCodes) }
        return Set(types.compactMap { input.names.existingCode($0) })
    }

    /// Each case's arm when it is eligible (has a task of a served type) and assigned; `nil`
    /// otherwise. Without named task types a touched case is eligible, as in §4.2.
    static func arms(
        _ experiment: Experiment, served: Set<Int32>, _ columns: ReportWorkflowColumns, touched: [Bool],
        _ input: ReportInput
    ) -> [ExperimentArm?] {
        guard let code = input.names.existingCode(experiment.name) else {
            return [ExperimentArm?](repeating: nil, count: columns.count)
        }
        return (0..<columns.count).map { i in
            let eligible =
                (experiment.taskTypes == nil && touched[i])
                || columns.types(i).contains { served.contains(columns.typeCode[$0]) }
            return eligible ? columns.arm(i, experiment: code) : nil
        }
    }

    /// The design: use arm against holdout arm within category × severity (no time block:
    /// randomization balances time), each stratum used when both arms have 2 cases, weighted by
    /// the use arm's mix. Both arms are resampled (n − 1 of n, as for `did`): the estimand is a
    /// difference between two random samples of the eligible cases, so both arms' spread counts
    /// (unlike the effect on a fixed set of treated cases, `eligible`'s).
    func design(_ experiment: Experiment, _ plan: AssistantPlan, _ input: ReportInput)
        -> WorkflowEffectEstimator
        .Design
    {
        let columns = input.workflowColumns
        let served = Self.servedTypes(experiment, plan, input)
        let arms = Self.arms(experiment, served: served, columns, touched: plan.touched, input)
        let openArms = Self.arms(
            experiment, served: served, input.openWorkflowColumns, touched: plan.openTouched, input)
        var cells: [WorkflowEffectEstimator.StratumKey: (use: [Int32], holdout: [Int32])] = [:]
        var totals = (use: 0, holdout: 0)
        for i in 0..<columns.count {
            guard let arm = arms[i] else { continue }
            let key = WorkflowEffectEstimator.StratumKey(
                category: columns.category[i], severity: columns.severity[i], block: 0, epoch: 0, profile: 0)
            if arm == .use {
                cells[key, default: ([], [])].use.append(Int32(i))
                totals.use += 1
            } else {
                cells[key, default: ([], [])].holdout.append(Int32(i))
                totals.holdout += 1
            }
        }
        let minimum = WorkflowEffectEstimator.minimumCell
        let used = cells.values.filter { $0.use.count >= minimum && $0.holdout.count >= minimum }
            .sorted { $0.use[0] < $1.use[0] }
        let usedUse = used.reduce(0) { $0 + $1.use.count }
        let usedHoldout = used.reduce(0) { $0 + $1.holdout.count }
        var warnings: [String] = []
        let compliance = Self.compliance(used, touched: plan.touched)
        if let u = compliance.use, let h = compliance.holdout {
            warnings.append(
                "intention to treat: all eligible cases assigned to use against all held out, whether or not \(plan.name) worked on them; it worked on \(HumanFormat.percent(u)) of the use arm and \(HumanFormat.percent(h)) of the holdout"
            )
        }
        if served.isEmpty {
            warnings.append("none of the experiment's task types occurs in the period: no case is eligible")
        }
        return WorkflowEffectEstimator.Design(
            estimator: .experiment, timeBlock: nil,
            contrast: StratifiedContrast(
                strata: used.map {
                    [.init(workflows: $0.use, coefficient: 1), .init(workflows: $0.holdout, coefficient: -1)]
                }),
            treatedTotal: totals.use, controlTotal: totals.holdout, usedTreated: usedUse, usedControl: usedHoldout,
            smallestControlArm: usedHoldout,
            coverage: totals.use > 0 ? Double(usedUse) / Double(totals.use) : nil, adoptedShare: compliance.use,
            warnings: warnings, balanceStrata: [],
            treatedArm: { _, _, _, _, arm in arm == .use }, controlArm: { _, _, _, _, arm in arm == .holdout },
            arms: arms, openArms: openArms, extra: plan.touched.map { $0 ? 1 : 0 })
    }

    /// The share of use-arm cases the assistant touched, and of holdout cases weighted by the use
    /// arm's mix (so that their difference is the contrast's, exactly).
    static func compliance(_ used: [(use: [Int32], holdout: [Int32])], touched: [Bool]) -> (
        use: Double?, holdout: Double?
    ) {
        let total = Double(used.reduce(0) { $0 + $1.use.count })
        guard total > 0 else { return (nil, nil) }
        var use = 0.0
        var holdout = 0.0
        for cell in used {
            let weight = Double(cell.use.count) / total
            use += Double(cell.use.filter { touched[Int($0)] }.count) / total
            holdout += weight * Double(cell.holdout.filter { touched[Int($0)] }.count) / Double(cell.holdout.count)
        }
        return (use, holdout)
    }

    /// The whole analysis: the ITT result (whose effect is the experiment's) with the experiment
    /// section in it.
    func analyse(_ experiment: Experiment, _ plan: AssistantPlan, _ input: ReportInput, seed: UInt64) -> (
        result: WorkflowEffectEstimator.Result, experiment: ValueReport.ExperimentAnalysis
    ) {
        let design = design(experiment, plan, input)
        let (itt, outcome) = WorkflowEffectEstimator(options: options).estimate(design, plan, input, seed: seed)
        let used = design.contrast.strata.map { (use: $0[0].workflows, holdout: $0[1].workflows) }
        let compliance = Self.compliance(used, touched: plan.touched)
        var analysis = ValueReport.ExperimentAnalysis(
            name: experiment.name, holdoutShare: experiment.holdoutShare, startsAt: experiment.startsAt.rfc3339,
            endsAt: experiment.endsAt?.rfc3339, stoppedAt: experiment.stoppedAt?.rfc3339,
            plannedSample: experiment.plannedSample, taskTypes: experiment.taskTypes,
            useWorkflows: design.treatedTotal, holdoutWorkflows: design.controlTotal,
            usedUseWorkflows: design.usedTreated, usedHoldoutWorkflows: design.usedControl,
            useTouchedShare: compliance.use, holdoutTouchedShare: compliance.holdout,
            complianceDifference: .insufficient(itt.effect.deltaLeadHours.note ?? ""), intentionToTreat: itt.effect,
            complierDeltaLeadHours: nil, complierDeltaTouchHours: nil, complierDeltaWaitHours: nil,
            confidenceSequence: nil, furtherCasesNeeded: nil, verdict: "")
        let columns = input.workflowColumns
        // The anytime-valid sequence and the power figure read every eligible assigned closed
        // case, in the order the cases opened.
        let order = (0..<columns.count).filter { design.arms[$0] != nil }
            .sorted {
                columns.openedAt[$0] != columns.openedAt[$1] ? columns.openedAt[$0] < columns.openedAt[$1] : $0 < $1
            }
        let hour = 3_600_000_000.0
        let leads = order.map { Double(columns.lead[$0]) / hour }
        let use = order.map { design.arms[$0] == .use }
        let tuning = experiment.plannedSample ?? ConfidenceSequence.defaultTuningCases
        // The sequence is asymptotic: given only once both arms have the minimum sample.
        let minimum = options.effectiveMinimumSample
        if use.lazy.filter({ $0 }).count >= minimum, use.lazy.filter({ !$0 }).count >= minimum,
            let bound = ConfidenceSequence.last(
                outcomes: leads, use: use, holdoutShare: experiment.holdoutShare, tuningCases: tuning)
        {
            analysis.confidenceSequence = ValueReport.AnytimeInterval(
                deltaLeadHours: bound.estimate, low: bound.low, high: bound.high, cases: leads.count,
                tuningCases: tuning)
        }
        analysis.furtherCasesNeeded = ExperimentPower.furtherCases(
            outcomes: leads, use: use, holdoutShare: experiment.holdoutShare)
        if let outcome, itt.sufficient {
            let difference = outcome.estimate(.extra)
            analysis.complianceDifference = difference
            if difference.excludes(0) {
                analysis.complierDeltaLeadHours = outcome.ratio(.lead, over: .extra)
                analysis.complierDeltaTouchHours = outcome.ratio(.touch, over: .extra)
                analysis.complierDeltaWaitHours = outcome.ratio(.wait, over: .extra)
            }
            // Effort between the arms: the cases' time in the served task types, by the same path
            // (the same seed: the bootstrap's draws do not depend on the extra number).
            let served = Self.servedTypes(experiment, plan, input)
            var contrast = design.contrast
            contrast.extra = (0..<columns.count).map { i in
                columns.types(i).reduce(Int64(0)) {
                    served.contains(columns.typeCode[$1]) ? $0 + columns.typeTime[$1] : $0
                }
            }
            let effort = ContrastIntervals(contrast, columns, resamples: options.resamples, seed: seed)
            analysis.effortDeltaHours = effort.estimate(.extra, scale: 1 / hour)
        } else if let note = itt.effect.deltaLeadHours.note {
            analysis.complianceDifference = .insufficient(note)
        }
        analysis.taskSpeedups = taskSpeedups(experiment, plan, input, arms: design.arms, seed: seed &+ 17)
        analysis.verdict = Self.verdict(plan.name, analysis, minimum: options.effectiveMinimumSample)
        var result = itt
        result.experiment = analysis
        return (result, analysis)
    }

    /// Task level between the arms (value-model §7: the concurrent task baseline of §3 suffers the
    /// same selection as the case level): per served type, the holdout arm's finished tasks of
    /// the type against the use arm's, AI or not, by ``TaskSpeedupEstimator`` (cases resampled).
    /// `nil` when the workflow columns carry no keys (no task can find its case's arm).
    func taskSpeedups(
        _ experiment: Experiment, _ plan: AssistantPlan, _ input: ReportInput, arms: [ExperimentArm?], seed: UInt64
    ) -> [ValueReport.TaskSpeedup]? {
        let columns = input.workflowColumns
        guard columns.key.count == columns.count else { return nil }
        var armOf: [Int32: ExperimentArm] = [:]
        for i in 0..<columns.count { if let arm = arms[i] { armOf[columns.key[i]] = arm } }
        let tasks = input.taskColumns
        let served = Self.servedTypes(experiment, plan, input).sorted { input.names[$0] < input.names[$1] }
        var use: [Int32: [Int32]] = [:]
        var holdout: [Int32: [Int32]] = [:]
        let wanted = Set(served)
        for t in 0..<tasks.count where tasks.duration[t] >= 0 && wanted.contains(tasks.type[t]) {
            switch armOf[tasks.workflow[t]] {
            case .use?: use[tasks.type[t], default: []].append(Int32(t))
            case .holdout?: holdout[tasks.type[t], default: []].append(Int32(t))
            case nil: continue
            }
        }
        let estimator = TaskSpeedupEstimator(options: options)
        return served.enumerated().map { k, type in
            estimator.estimate(
                input.names[type], baseline: holdout[type] ?? [], treated: use[type] ?? [], input,
                seed: seed &+ UInt64(k))
        }
    }

    /// The experiment's verdict in plain words.
    static func verdict(_ name: String, _ a: ValueReport.ExperimentAnalysis, minimum: Int) -> String {
        let more = a.furtherCasesNeeded.map { "about \(HumanFormat.count($0)) more cases" }
        let itt = a.intentionToTreat.deltaLeadHours
        guard let value = itt.value else {
            return
                "not enough cases yet: \(a.usedUseWorkflows) in the use arm and \(a.usedHoldoutWorkflows) held out, \(minimum) needed in each"
                + (more.map { "; to detect a 10% change in lead time, \($0)" } ?? "")
        }
        let range =
            "95% interval \(HumanFormat.signedDuration(hours: itt.low ?? .nan)) to \(HumanFormat.signedDuration(hours: itt.high ?? .nan))"
        let compliers =
            a.complierDeltaLeadHours?.value.map {
                "; \(HumanFormat.slowerOrFaster(hours: $0)) per case it worked on (compliers)"
            } ?? ""
        if itt.below(0) {
            return
                "\(name) shortens cases by \(HumanFormat.hours(-value)) per eligible case (randomized; \(range))\(compliers)"
        }
        if itt.above(0) {
            return
                "\(name) lengthens cases by \(HumanFormat.hours(value)) per eligible case (randomized; \(range))\(compliers)"
        }
        if let further = a.furtherCasesNeeded, further > 0 {
            return
                "no effect detected yet (\(range)): about \(HumanFormat.count(further)) more cases to detect a 10% change in lead time"
        }
        return
            "no effect detected (\(range)), and the experiment is large enough to have detected a 10% change in lead time"
    }
}
