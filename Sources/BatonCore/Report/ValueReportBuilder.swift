import Foundation

/// Computes the value report from its input: the statistics of value-model §3–§5 and the
/// headline. Pure and deterministic: the same input and options give the same report.
public struct ValueReportBuilder: Sendable {
    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    static let hour = 3_600_000_000.0
    static let minute = 60_000_000.0

    public func build(_ input: ReportInput) -> ValueReport {
        let tasks = input.taskColumns
        let workflows = input.workflowColumns
        let servedCodes = Set(tasks.assistant.lazy.filter { $0 >= 0 })
        let names = Set(servedCodes.map { input.names[$0] }).union(input.assistants.map(\.name)).sorted()
        let metadata = Dictionary(input.assistants.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        // Samples every assistant shares are selected once: the tasks without AI of each type, and
        // the concurrent control cohort (positions, in input order).
        var untreatedByType = [[Int32]](repeating: [], count: input.names.count)
        for i in 0..<tasks.count where !tasks.aiTouched[i] { untreatedByType[Int(tasks.type[i])].append(Int32(i)) }
        let untouched = (0..<workflows.count).filter { !workflows.aiTouched[$0] }.map { Int32($0) }
        let shared = SharedSamples(untreatedByType: untreatedByType, untouchedWorkflows: untouched)
        // Every bootstrap (per assistant: each task type's speedup, the effort saved, the cohorts)
        // has its own seeded stream, so they run as independent jobs in parallel, largest first,
        // and the result does not depend on the order they finish in.
        let planSlots = ResultSlots<AssistantPlan>(count: names.count)
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            let name = names[index]
            let code = input.names.existingCode(name)
            let served = code.map { servedCodes.contains($0) } ?? false
            let perceived = input.perceptions[name] ?? []
            guard served || !perceived.isEmpty else { return }
            planSlots.set(
                index, plan(name, code, metadata[name], input, shared, perceived, streamOffset: UInt64(index)))
        }
        let plans = planSlots.values.compactMap { $0 }
        let jobs: [BootstrapJob] =
            plans.indices.map { .cohorts($0) } + plans.indices.map { .effort($0) }
            + plans.indices.flatMap { i in plans[i].types.indices.map { .speedup(i, $0) } }
        let outcomes = ResultSlots<BootstrapOutcome>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { j in
            outcomes.set(j, run(jobs[j], plans, input))
        }
        let results = outcomes.values
        let values = plans.enumerated().map { i, plan in
            var speedups: [ValueReport.TaskSpeedup] = []
            var effort = (ValueReport.Estimate.insufficient(""), ValueReport.Estimate.insufficient(""))
            var cohorts: ValueReport.Cohorts?
            for (job, outcome) in zip(jobs, results) {
                switch (job, outcome) {
                case (.speedup(i, _), .speedup(let s)?): speedups.append(s)
                case (.effort(i), .effort(let saved, let share)?): effort = (saved, share)
                case (.cohorts(i), .cohorts(let c)?): cohorts = c
                default: continue
                }
            }
            return assistantValue(plan, input, speedups: speedups, effort: effort, cohorts: cohorts)
        }
        let touched = workflows.aiTouched.reduce(0) { $1 ? $0 + 1 : $0 }
        var report = ValueReport(
            schemaVersion: ValueReport.currentSchemaVersion, tenant: input.tenant,
            period: .init(from: input.from.rfc3339, to: input.to.rfc3339), options: options,
            samples: .init(
                closedWorkflows: workflows.count, openWorkflows: input.openWorkflows,
                inferredOpenings: input.inferredOpenings, aiTouchedWorkflows: touched,
                untouchedWorkflows: workflows.count - touched, tasks: tasks.count),
            headline: "", assistants: values, friction: input.friction, guidance: Self.guidance(input.friction),
            readiness: input.readiness, leadComposition: Self.composition(workflows, input.names),
            weekly: Self.weekly(workflows))
        report.headline = Self.headline(report)
        return report
    }

    // MARK: - Per assistant

    /// The samples one assistant's figures are computed from (`code` is the assistant's name
    /// code, `nil` when no task names it).
    func plan(
        _ name: String, _ code: Int32?, _ meta: AssistantMetadata?, _ input: ReportInput, _ shared: SharedSamples,
        _ perceived: [ValueRating], streamOffset: UInt64
    ) -> AssistantPlan {
        let tasks = input.taskColumns
        let workflows = input.workflowColumns
        let rollout = meta?.rolloutAt
        // A task that names the assistant but says ai_mode none was not AI work.
        let treatedTasks =
            code.map { code in
                (0..<tasks.count).filter { tasks.assistant[$0] == code && tasks.aiTouched[$0] }.map { Int32($0) }
            } ?? []
        let typeCodes = Set(treatedTasks.map { tasks.type[Int($0)] }).sorted { input.names[$0] < input.names[$1] }
        let baselines = typeCodes.map { type -> [Int32] in
            let untreated = shared.untreatedByType[Int(type)]
            switch options.baseline {
            case .concurrent: return untreated
            case .prepost:
                guard let r = rollout?.microseconds else { return [] }
                return untreated.filter { tasks.startedAt[Int($0)] < r }
            }
        }
        let control: [Int32]
        switch options.baseline {
        case .concurrent: control = shared.untouchedWorkflows
        case .prepost:
            control =
                rollout.map { r in
                    (0..<workflows.count).filter { i in
                        workflows.openedAt[i] < r.microseconds && !(code.map { workflows.served(i, by: $0) } ?? false)
                    }
                    .map { Int32($0) }
                } ?? []
        }
        let treatedWorkflows =
            code.map { code in
                (0..<workflows.count).filter { workflows.aiTouched[$0] && workflows.served($0, by: code) }
                    .map { Int32($0) }
            } ?? []
        return AssistantPlan(
            name: name, metadata: meta, perceived: perceived, seed: options.seed &+ streamOffset &* 1_000,
            types: typeCodes.map { input.names[$0] }, typeCodes: typeCodes, treatedTasks: treatedTasks,
            baselines: baselines, treatedWorkflows: treatedWorkflows, control: control)
    }

    func run(_ job: BootstrapJob, _ plans: [AssistantPlan], _ input: ReportInput) -> BootstrapOutcome {
        let tasks = input.taskColumns
        switch job {
        case .speedup(let i, let k):
            let plan = plans[i]
            let code = plan.typeCodes[k]
            return .speedup(
                taskSpeedup(
                    plan.types[k], baseline: plan.baselines[k],
                    treated: plan.treatedTasks.filter { tasks.type[Int($0)] == code }, input,
                    seed: plan.seed &+ UInt64(k)))
        case .effort(let i):
            let (saved, share) = effortSaved(plans[i], input, seed: plans[i].seed &+ 500)
            return .effort(saved, share)
        case .cohorts(let i):
            return .cohorts(
                cohortComparison(
                    treated: plans[i].treatedWorkflows, control: plans[i].control, input, seed: plans[i].seed &+ 700))
        }
    }

    func assistantValue(
        _ plan: AssistantPlan, _ input: ReportInput, speedups: [ValueReport.TaskSpeedup],
        effort: (ValueReport.Estimate, ValueReport.Estimate), cohorts: ValueReport.Cohorts?
    ) -> ValueReport.AssistantValue {
        let (name, meta, perceived, control) = (plan.name, plan.metadata, plan.perceived, plan.control)
        let rollout = meta?.rolloutAt
        let (effort, effortShare) = effort
        var predicted: Double?
        var realized: Double?
        var capture: Double?
        var absorbed: Double?
        var reduction = ValueReport.Estimate.insufficient("too few workflows in a cohort")
        if let c = cohorts, let dL = c.deltaLeadHours.value, let dA = c.deltaTouchHours.value,
            let dW = c.deltaWaitHours.value, let mean = c.controlMeanLeadHours, mean > 0
        {
            predicted = -dA
            realized = -dL
            absorbed = dW
            if -dA > 0 { capture = -dL / -dA }
            reduction = .ok(
                -dL / mean,
                c.deltaLeadHours.low.flatMap { low in c.deltaLeadHours.high.map { (-$0 / mean, -low / mean) } })
        } else if let c = cohorts, let note = c.deltaLeadHours.note {
            reduction = .insufficient(note)
        }

        let amdahl = amdahlCeiling(speedups: speedups, control: control, input)
        let (rating, reason) = rate(speedups: speedups, reduction: reduction, effortShare: effortShare)
        let perceivedRating = Self.consensus(perceived)
        var gap: String?
        if let perceivedRating, perceivedRating.rawValue != rating, rating != "insufficient data" {
            gap = "people rate it \(perceivedRating.rawValue); the measurements say \(rating)"
        }
        return ValueReport.AssistantValue(
            name: name, tool: meta?.tool, category: meta?.category?.rawValue, archetype: meta?.archetype?.rawValue,
            rolloutAt: rollout?.rfc3339, taskSpeedups: speedups, effortSavedHours: effort,
            effortSavedShare: effortShare,
            effortSavedValue: options.hourlyRate.flatMap { rate in effort.value.map { $0 * rate } },
            cohorts: cohorts, predictedSavingHours: predicted, realizedSavingHours: realized,
            realizedLeadReduction: reduction, valueCaptureRatio: capture, frictionAbsorbedHours: absorbed,
            amdahl: amdahl, measuredRating: rating, ratingReason: reason, perceivedRating: perceivedRating?.rawValue,
            perceivedResponses: perceived.count, perceptionGap: gap)
    }

    /// §3: median ratio with a percentile bootstrap over tasks, and the severity-mix-adjusted saving.
    func taskSpeedup(
        _ type: String, baseline: [Int32], treated: [Int32], _ input: ReportInput, seed: UInt64
    ) -> ValueReport.TaskSpeedup {
        let tasks = input.taskColumns
        let b = baseline.map { tasks.duration[Int($0)] }.sorted()
        let t = treated.map { tasks.duration[Int($0)] }.sorted()
        var mix: Double?
        // Sorted, so the floating-point sum is the same on every run.
        let strata = Set(treated.map { tasks.severity[Int($0)] }).sorted { input.names[$0] < input.names[$1] }
        var total = 0.0
        var weight = 0.0
        for s in strata {
            let bs = baseline.filter { tasks.severity[Int($0)] == s }.map { tasks.duration[Int($0)] }
            let ts = treated.filter { tasks.severity[Int($0)] == s }.map { tasks.duration[Int($0)] }
            guard let mb = Statistics.mean(bs), let mt = Statistics.mean(ts) else { continue }
            let w = Double(ts.count)
            total += w * (mb - mt)
            weight += w
        }
        if weight > 0 { mix = total / weight / Self.minute }

        let minimum = max(options.minimumSample, 1)
        guard b.count >= minimum, t.count >= minimum else {
            return .init(
                taskType: type, baselineTasks: b.count, treatedTasks: t.count,
                speedup: .insufficient(
                    "needs \(options.minimumSample) baseline and \(options.minimumSample) AI tasks; has \(b.count) and \(t.count)"
                ), mixAdjustedSavingMinutes: mix)
        }
        guard let mb = Statistics.median(sorted: b), let mt = Statistics.median(sorted: t), mt > 0 else {
            return .init(
                taskType: type, baselineTasks: b.count, treatedTasks: t.count,
                speedup: .insufficient("AI tasks have zero median duration"), mixAdjustedSavingMinutes: mix)
        }
        var g = SeededGenerator(seed: seed)
        var countsB = [Int32](repeating: 0, count: b.count)
        var countsT = [Int32](repeating: 0, count: t.count)
        var replicates: [Double] = []
        replicates.reserveCapacity(options.resamples)
        for _ in 0..<options.resamples {
            let rb = Statistics.resampledMedian(sorted: b, counts: &countsB, using: &g)
            let rt = Statistics.resampledMedian(sorted: t, counts: &countsT, using: &g)
            if rt > 0 { replicates.append(rb / rt) }
        }
        return .init(
            taskType: type, baselineTasks: b.count, treatedTasks: t.count,
            speedup: .ok(mb / mt, Statistics.percentileInterval(replicates)), mixAdjustedSavingMinutes: mix)
    }

    /// §3 claimed effort saved: Σ over treated tasks of (mean baseline of its (type, severity)
    /// stratum − its duration), with a bootstrap that resamples tasks within strata on both sides.
    func effortSaved(_ plan: AssistantPlan, _ input: ReportInput, seed: UInt64) -> (
        ValueReport.Estimate, ValueReport.Estimate
    ) {
        struct Stratum {
            var key: String
            var baseline: [Int64]
            var treated: [Int64]
        }
        let tasks = input.taskColumns
        let typePosition = Dictionary(uniqueKeysWithValues: plan.typeCodes.enumerated().map { ($1, $0) })
        // Strata by (type, severity) code pair; keyed as before by "type␟severity" for the order.
        var strata: [Int64: Stratum] = [:]
        var skipped = 0
        for position in plan.treatedTasks {
            let task = Int(position)
            let (type, severity) = (tasks.type[task], tasks.severity[task])
            let pair = Int64(type) << 32 | Int64(severity)
            if strata[pair] == nil {
                let b = typePosition[type].map { plan.baselines[$0] } ?? []
                strata[pair] = Stratum(
                    key: input.names[type] + "\u{1F}" + input.names[severity],
                    baseline: b.filter { tasks.severity[Int($0)] == severity }.map { tasks.duration[Int($0)] },
                    treated: [])
            }
            strata[pair]!.treated.append(tasks.duration[task])
        }
        // Sorted durations make the resamples independent of the order tasks arrived in.
        let usable = strata.values.filter { !$0.baseline.isEmpty }.sorted { $0.key < $1.key }.map {
            Stratum(key: $0.key, baseline: $0.baseline.sorted(), treated: $0.treated.sorted())
        }
        skipped = strata.values.filter { $0.baseline.isEmpty }.reduce(0) { $0 + $1.treated.count }
        let treatedCount = usable.reduce(0) { $0 + $1.treated.count }
        let baselineCount = usable.reduce(0) { $0 + $1.baseline.count }
        guard treatedCount >= max(options.minimumSample, 1), baselineCount >= max(options.minimumSample, 1) else {
            let note =
                "needs \(options.minimumSample) AI tasks with a baseline in their stratum and \(options.minimumSample) baseline tasks"
            return (.insufficient(note), .insufficient(note))
        }
        func totals(_ strata: [Stratum]) -> (saved: Double, expected: Double) {
            // Point estimate; the bootstrap below recomputes the same sums on resamples.
            var saved = 0.0
            var expected = 0.0
            for s in strata {
                let mb = Double(s.baseline.reduce(0, +)) / Double(s.baseline.count)
                let actual = Double(s.treated.reduce(0, +))
                expected += mb * Double(s.treated.count)
                saved += mb * Double(s.treated.count) - actual
            }
            return (saved, expected)
        }
        let point = totals(usable)
        var g = SeededGenerator(seed: seed)
        var savedReplicates: [Double] = []
        var shareReplicates: [Double] = []
        savedReplicates.reserveCapacity(options.resamples)
        for _ in 0..<options.resamples {
            // Resampled sums without building arrays: the estimator only needs per-stratum totals.
            var saved = 0.0
            var expected = 0.0
            for s in usable {
                var baselineSum: Int64 = 0
                for _ in 0..<s.baseline.count { baselineSum += s.baseline[g.index(below: s.baseline.count)] }
                var treatedSum: Int64 = 0
                for _ in 0..<s.treated.count { treatedSum += s.treated[g.index(below: s.treated.count)] }
                let mb = Double(baselineSum) / Double(s.baseline.count)
                expected += mb * Double(s.treated.count)
                saved += mb * Double(s.treated.count) - Double(treatedSum)
            }
            savedReplicates.append(saved / Self.hour)
            if expected > 0 { shareReplicates.append(saved / expected) }
        }
        var saved = ValueReport.Estimate.ok(point.saved / Self.hour, Statistics.percentileInterval(savedReplicates))
        if skipped > 0 { saved.note = "\(skipped) AI tasks had no baseline in their stratum and are not counted" }
        let share =
            point.expected > 0
            ? ValueReport.Estimate.ok(point.saved / point.expected, Statistics.percentileInterval(shareReplicates))
            : .insufficient("no baseline effort")
        return (saved, share)
    }

    /// §4: touched versus control within (category, severity) strata, weighted by the touched mix;
    /// the bootstrap resamples workflows within stratum and cohort.
    func cohortComparison(treated: [Int32], control: [Int32], _ input: ReportInput, seed: UInt64)
        -> ValueReport.Cohorts?
    {
        guard !treated.isEmpty else { return nil }
        let workflows = input.workflowColumns
        func key(_ w: Int32) -> String {
            input.names[workflows.category[Int(w)]] + "\u{1F}" + input.names[workflows.severity[Int(w)]]
        }
        // Grouped by (category, severity) code pair in input order; strata sort by their names.
        func grouped(_ ws: [Int32]) -> [Int64: [Int32]] {
            Dictionary(grouping: ws) { w in
                Int64(workflows.category[Int(w)]) << 32 | Int64(workflows.severity[Int(w)])
            }
        }
        let controlByStratum = grouped(control)
        let treatedByStratum = grouped(treated)
        let strata = treatedByStratum.filter { controlByStratum[$0.key] != nil }
            .map { (key: key($0.value[0]), pair: $0.key) }.sorted { $0.key < $1.key }.map(\.pair)
        let treatedUsed = strata.reduce(0) { $0 + treatedByStratum[$1]!.count }
        let controlUsed = strata.reduce(0) { $0 + controlByStratum[$1]!.count }
        var classCodes = Set<Int32>()
        for w in treated { for e in workflows.classes(Int(w)) { classCodes.insert(workflows.classCode[e]) } }
        for w in control { for e in workflows.classes(Int(w)) { classCodes.insert(workflows.classCode[e]) } }
        let classCodesSorted = classCodes.sorted { input.names[$0] < input.names[$1] }
        let classes = classCodesSorted.map { input.names[$0] }
        var classIndex = [Int](repeating: -1, count: input.names.count)
        for (slot, code) in classCodesSorted.enumerated() { classIndex[Int(code)] = slot }

        guard treatedUsed >= max(options.minimumSample, 1), controlUsed >= max(options.minimumSample, 1) else {
            let note =
                "needs \(options.minimumSample) workflows in each cohort within shared strata; has \(treatedUsed) touched and \(controlUsed) control"
            return ValueReport.Cohorts(
                touchedWorkflows: treated.count, controlWorkflows: control.count, strata: strata.count,
                controlMeanLeadHours: nil, deltaLeadHours: .insufficient(note), deltaTouchHours: .insufficient(note),
                deltaWaitHours: .insufficient(note), deltaIntakeHours: nil, deltaClosureHours: nil, deltaWaitByClass: []
            )
        }

        // Per stratum and cohort: sums of lead, touch, intake, closure and class waits.
        struct Sums {
            var n = 0
            var lead = 0.0
            var touch = 0.0
            var intake = 0.0
            var closure = 0.0
            var classes: [Double]
        }
        func sums(_ ws: [Int32]) -> Sums {
            var s = Sums(classes: Array(repeating: 0, count: classes.count))
            for position in ws {
                let w = Int(position)
                s.n += 1
                s.lead += Double(workflows.lead[w])
                s.touch += Double(workflows.touch[w])
                s.intake += Double(workflows.intake[w])
                s.closure += Double(workflows.closure[w])
                // Each slot receives one addition per workflow (a workflow has one entry per
                // class), in workflow order, so the sums do not depend on the entries' order.
                for e in workflows.classes(w) {
                    s.classes[classIndex[Int(workflows.classCode[e])]] += Double(workflows.classWait[e])
                }
            }
            return s
        }
        struct Deltas {
            var lead = 0.0
            var touch = 0.0
            var intake = 0.0
            var closure = 0.0
            var classes: [Double]
            var controlLead = 0.0
        }
        func deltas(_ pairs: [(Sums, Sums)]) -> Deltas {
            var d = Deltas(classes: Array(repeating: 0, count: classes.count))
            let total = Double(pairs.reduce(0) { $0 + $1.0.n })
            for (t, c) in pairs {
                let w = Double(t.n) / total
                let nt = Double(t.n)
                let nc = Double(c.n)
                d.lead += w * (t.lead / nt - c.lead / nc)
                d.touch += w * (t.touch / nt - c.touch / nc)
                d.intake += w * (t.intake / nt - c.intake / nc)
                d.closure += w * (t.closure / nt - c.closure / nc)
                d.controlLead += w * c.lead / nc
                for i in classes.indices { d.classes[i] += w * (t.classes[i] / nt - c.classes[i] / nc) }
            }
            return d
        }
        let groups = strata.map { (treatedByStratum[$0]!, controlByStratum[$0]!) }
        let point = deltas(groups.map { (sums($0.0), sums($0.1)) })

        // Lead and touch per stratum and cohort as plain arrays, so each resample only adds numbers.
        let columns = groups.map { t, c in
            (
                t.map { workflows.lead[Int($0)] }, t.map { workflows.touch[Int($0)] },
                c.map { workflows.lead[Int($0)] }, c.map { workflows.touch[Int($0)] }
            )
        }
        let treatedTotal = Double(columns.reduce(0) { $0 + $1.0.count })
        var g = SeededGenerator(seed: seed)
        var leadReplicates: [Double] = []
        var touchReplicates: [Double] = []
        var waitReplicates: [Double] = []
        for _ in 0..<options.resamples {
            var lead = 0.0
            var touch = 0.0
            for (tLead, tTouch, cLead, cTouch) in columns {
                var tl: Int64 = 0
                var ta: Int64 = 0
                for _ in 0..<tLead.count {
                    let i = g.index(below: tLead.count)
                    tl += tLead[i]
                    ta += tTouch[i]
                }
                var cl: Int64 = 0
                var ca: Int64 = 0
                for _ in 0..<cLead.count {
                    let i = g.index(below: cLead.count)
                    cl += cLead[i]
                    ca += cTouch[i]
                }
                let w = Double(tLead.count) / treatedTotal
                let nt = Double(tLead.count)
                let nc = Double(cLead.count)
                lead += w * (Double(tl) / nt - Double(cl) / nc)
                touch += w * (Double(ta) / nt - Double(ca) / nc)
            }
            leadReplicates.append(lead / Self.hour)
            touchReplicates.append(touch / Self.hour)
            waitReplicates.append((lead - touch) / Self.hour)
        }
        let byClass = classes.indices.map {
            ValueReport.ClassDelta(handoffClass: classes[$0], deltaHours: point.classes[$0] / Self.hour)
        }
        .filter { $0.deltaHours != 0 }
        .sorted { abs($0.deltaHours) > abs($1.deltaHours) }
        return ValueReport.Cohorts(
            touchedWorkflows: treated.count, controlWorkflows: control.count, strata: strata.count,
            controlMeanLeadHours: point.controlLead / Self.hour,
            deltaLeadHours: .ok(point.lead / Self.hour, Statistics.percentileInterval(leadReplicates)),
            deltaTouchHours: .ok(point.touch / Self.hour, Statistics.percentileInterval(touchReplicates)),
            deltaWaitHours: .ok((point.lead - point.touch) / Self.hour, Statistics.percentileInterval(waitReplicates)),
            deltaIntakeHours: point.intake / Self.hour, deltaClosureHours: point.closure / Self.hour,
            deltaWaitByClass: byClass)
    }

    /// §4 Amdahl: with share p_k of control lead time in the served task types and speedups s_k,
    /// the lead time can shrink at most by 1 − ((1 − Σ p_k) + Σ p_k / s_k).
    func amdahlCeiling(speedups: [ValueReport.TaskSpeedup], control: [Int32], _ input: ReportInput)
        -> ValueReport.Amdahl?
    {
        let workflows = input.workflowColumns
        let totalLead = Double(control.reduce(Int64(0)) { $0 + workflows.lead[Int($1)] })
        guard totalLead > 0 else { return nil }
        var shareSum = 0.0
        var scaled = 0.0
        for s in speedups {
            guard let factor = s.speedup.value, factor > 0 else { continue }
            let code = input.names.existingCode(s.taskType)
            var typeTime: Int64 = 0
            for w in control {
                for e in workflows.types(Int(w)) where workflows.typeCode[e] == code {
                    typeTime += workflows.typeTime[e]
                }
            }
            let p = Double(typeTime) / totalLead
            shareSum += p
            scaled += p / factor
        }
        guard shareSum > 0 else { return nil }
        let remaining = (1 - shareSum) + scaled
        return ValueReport.Amdahl(
            share: shareSum, speedup: scaled > 0 ? shareSum / scaled : 1, maximumLeadReduction: 1 - remaining)
    }

    /// §5 measured rating.
    func rate(
        speedups: [ValueReport.TaskSpeedup], reduction: ValueReport.Estimate, effortShare: ValueReport.Estimate
    ) -> (String, String) {
        let anySpeedup = speedups.contains { $0.speedup.value != nil }
        guard anySpeedup || reduction.value != nil else {
            return ("insufficient data", "too few tasks or workflows to measure")
        }
        if let r = reduction.value, r >= options.excellentLeadReduction, reduction.excludes(0) {
            return ("excellent", "lead time \(Self.percent(r)) shorter, interval excludes 0")
        }
        if let r = reduction.value, r >= options.goodLeadReduction, reduction.excludes(0) {
            return ("good", "lead time \(Self.percent(r)) shorter, interval excludes 0")
        }
        if let e = effortShare.value, e >= options.goodEffortReduction, effortShare.excludes(0) {
            return ("good", "effort \(Self.percent(e)) lower, interval excludes 0")
        }
        // "some": faster tasks and no significant loss end to end (a significant gain below the
        // "good" threshold also counts here; a significant loss does not).
        let faster = speedups.contains { ($0.speedup.low ?? 0) > 1 }
        if faster, !reduction.excludes(0) || (reduction.value ?? 0) > 0 {
            return ("some", "tasks are faster, but the lead-time change is not a significant gain")
        }
        return ("none", "no significant task or lead-time gain")
    }

    /// The most common perceived rating (ties: the lower rating).
    static func consensus(_ ratings: [ValueRating]) -> ValueRating? {
        guard !ratings.isEmpty else { return nil }
        let counts = Dictionary(grouping: ratings, by: { $0 }).mapValues(\.count)
        return ValueRating.allCases.reversed().max { (counts[$0] ?? 0) < (counts[$1] ?? 0) }
    }

    // MARK: - Guidance and headline

    static let practices: [String: String] = [
        "queue-wait": "route AI verdicts straight to an owner instead of a shared queue",
        "approval-wait": "pre-approve standard containment actions",
        "context-regathering": "pass the case id and context between tools",
        "missing-escalation-path": "document escalation paths between the two stages",
        "tool-switch": "integrate the two tools so the case moves without re-entry",
        "shift-change": "hand over open cases explicitly at shift change",
        "awaiting-requester": "set response deadlines for requesters and close on timeout",
        "ai-output-rework": "review the assistant's output quality and prompts with the analysts who rework it",
        "other": "look at the analysts' notes on these waits",
        "untagged": "ask analysts to tag these waits so the cause is known",
    ]

    static func guidance(_ friction: ValueReport.Friction) -> [ValueReport.GuidanceItem] {
        var items: [ValueReport.GuidanceItem] = []
        for c in friction.topClasses {
            // Summed in reason order: in dictionary order the last digit varied between processes.
            let reasons = c.tagReasons.sorted(by: { $0.key < $1.key })
            let tagged = reasons.reduce(0) { $0 + $1.value }
            for (reason, hours) in reasons {
                // Tagged hours stand for the class's hours in the tagged proportion.
                let atStake = tagged > 0 ? c.waitingHours * hours / tagged : 0
                items.append(
                    .init(
                        handoffClass: c.handoffClass, reason: reason, hoursAtStake: atStake,
                        practice: practices[reason] ?? ""))
            }
            if tagged == 0 {
                items.append(
                    .init(
                        handoffClass: c.handoffClass, reason: "untagged", hoursAtStake: c.waitingHours,
                        practice: c.contextCarriedShare < 0.5
                            ? practices["context-regathering"]! : practices["untagged"]!))
            }
        }
        return Array(
            items.sorted {
                if $0.hoursAtStake != $1.hoursAtStake { return $0.hoursAtStake > $1.hoursAtStake }
                return ($0.handoffClass, $0.reason) < ($1.handoffClass, $1.reason)
            }
            .prefix(5))
    }

    static func headline(_ report: ValueReport) -> String {
        // The assistant whose task gains were absorbed the most makes the headline.
        let candidates = report.assistants.compactMap { a -> (ValueReport.AssistantValue, Double, Double)? in
            guard let best = a.taskSpeedups.compactMap({ $0.speedup.value }).max(),
                let r = a.realizedLeadReduction.value
            else { return nil }
            return (a, best, r)
        }
        guard
            let (a, speedup, reduction) = candidates.max(by: {
                ($0.1 - 1) * (1 - $0.2) < ($1.1 - 1) * (1 - $1.2)
            })
        else {
            return report.samples.closedWorkflows == 0
                ? "No closed workflows in this period."
                : "Not enough AI-assisted work in this period to measure its value."
        }
        let type = a.taskSpeedups.max { ($0.speedup.value ?? 0) < ($1.speedup.value ?? 0) }?.taskType ?? "its tasks"
        var text = "\(a.name) made \(type) \(String(format: "%.1f", speedup))× faster, but cases it touched closed "
        text += reduction >= 0 ? "only \(percent(reduction)) sooner" : "\(percent(-reduction)) later"
        if let absorbed = a.frictionAbsorbedHours, absorbed > 0, let predicted = a.predictedSavingHours, predicted > 0 {
            let share = min(absorbed / predicted, 9.99)
            text += ": waiting grew by \(hours(absorbed)) per case (\(percent(share)) of the task-level gain)"
            if let top = a.cohorts?.deltaWaitByClass.first(where: { $0.deltaHours > 0 }) {
                text += ", most at the \(top.handoffClass) handoff"
                if let reason = report.friction.topClasses.first(where: { $0.handoffClass == top.handoffClass })?
                    .tagReasons.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key
                {
                    text += " (tagged mostly \(reason))"
                }
            }
        } else if reduction > 0 {
            text =
                "\(a.name) made \(type) \(String(format: "%.1f", speedup))× faster and cases it touched closed \(percent(reduction)) sooner"
        }
        return text + "."
    }

    static func percent(_ fraction: Double) -> String {
        String(format: "%.0f%%", fraction * 100)
    }

    static func hours(_ value: Double) -> String {
        let minutes = Int((abs(value) * 60).rounded())
        return minutes >= 60 ? "\(minutes / 60) h \(minutes % 60) min" : "\(minutes) min"
    }
}
