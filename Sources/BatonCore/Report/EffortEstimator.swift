/// Value-model §3, claimed effort saved: for each AI task, the mean baseline duration of its
/// (type, severity) stratum minus its own duration, summed over the period; and that saving as
/// a share of the baseline effort the same tasks would have taken. The bootstrap resamples cases
/// (a case's baseline and AI tasks move together) and recomputes the stratum means each time;
/// where every used stratum has 30 cases in each arm, its normal approximation replaces it
/// (``normalIntervals(_:point:sums:counts:clusters:slot:duration:)``).
///
/// Every assistant's figures and the portfolio's come from one resampling of the cases all of
/// them use: a task's duration is summed once per resample into its slot (the baseline of a
/// stratum, or one assistant's AI tasks in it), and each plan reads the slots it needs. The
/// portfolio's AI tasks of a stratum are the union of the assistants' slots, and a baseline
/// that several plans share is one slot (in `did`, each rollout date has its own).
struct EffortEstimator: Sendable {
    var options: ReportOptions

    /// A summing slot: the baseline tasks of (type, severity) started before `cutoff`, or the AI
    /// tasks of (type, severity) naming `owner` (an assistant's name code, −1 for none).
    enum SlotKey: Hashable {
        case baseline(cutoff: Int64, type: Int32, severity: Int32)
        case ai(owner: Int32, type: Int32, severity: Int32)
    }

    /// One (type, severity) stratum of a plan: its baseline slot and the slots of its AI tasks.
    struct Stratum {
        var baseline: Int
        var ai: [Int]

        /// Whether the stratum counts toward effort with these slot counts: it has baseline tasks
        /// and AI tasks. Both the point estimate (and each resample) and the normal path's floor
        /// read this one rule.
        func isUsed(_ counts: [Int]) -> Bool { counts[baseline] > 0 && ai.contains { counts[$0] > 0 } }
    }

    /// Effort saved and its share, per plan, in the order of `plans`, with how their intervals
    /// were computed: the normal approximation where every used stratum of the plan has at least
    /// 30 cases in each arm (value-model §10; ``normalIntervals(_:point:sums:counts:clusters:slot:duration:)``),
    /// the case bootstrap otherwise. `normalApproximation: false` bootstraps every plan (to
    /// compare the two).
    func estimate(_ plans: [AssistantPlan], _ input: ReportInput, seed: UInt64, normalApproximation: Bool = true)
        -> [(
            saved: ValueReport.Estimate, share: ValueReport.Estimate, intervals: IntervalMethod
        )]
    {
        let tasks = input.taskColumns
        var slotOf: [SlotKey: Int] = [:]
        func slot(_ key: SlotKey) -> Int {
            if let known = slotOf[key] { return known }
            slotOf[key] = slotOf.count
            return slotOf.count - 1
        }
        // Items: (task position, slot), each pair once, in order of first use.
        var itemTask: [Int32] = []
        var itemSlot: [Int32] = []
        var added = Set<Int64>()
        func add(_ task: Int32, _ slot: Int) {
            if added.insert(Int64(task) << 32 | Int64(slot)).inserted {
                itemTask.append(task)
                itemSlot.append(Int32(slot))
            }
        }
        var planStrata: [[Stratum]] = []
        for plan in plans {
            // Strata numbered in order of first appearance among the plan's AI tasks, then sorted.
            var strata: [Stratum] = []
            var stratumOf: [Int64: Int] = [:]
            // `did` compares with the tasks before the rollout; without one there is no baseline.
            let cutoff = options.baseline == .did ? (plan.rollout ?? .min) : .max
            for i in plan.treatedTasks {
                let (type, severity) = (tasks.type[Int(i)], tasks.severity[Int(i)])
                let pair = Int64(type) << 32 | Int64(severity)
                let s: Int
                if let known = stratumOf[pair] {
                    s = known
                } else {
                    s = strata.count
                    stratumOf[pair] = s
                    strata.append(
                        Stratum(baseline: slot(.baseline(cutoff: cutoff, type: type, severity: severity)), ai: []))
                }
                let ai = slot(.ai(owner: tasks.assistant[Int(i)], type: type, severity: severity))
                if !strata[s].ai.contains(ai) { strata[s].ai.append(ai) }
                add(i, ai)
            }
            for baseline in plan.baselines {
                for i in baseline where tasks.startedAt[Int(i)] < cutoff {
                    let pair = Int64(tasks.type[Int(i)]) << 32 | Int64(tasks.severity[Int(i)])
                    if let s = stratumOf[pair] { add(i, strata[s].baseline) }
                }
            }
            // In name order, not in order of first appearance, so that the floating-point sums
            // over strata do not depend on the order the tasks arrived in.
            func named(_ pair: Int64) -> (String, String) {
                (input.names[Int32(truncatingIfNeeded: pair >> 32)], input.names[Int32(truncatingIfNeeded: pair)])
            }
            planStrata.append(stratumOf.sorted { named($0.key) < named($1.key) }.map { strata[$0.value] })
        }
        let slots = slotOf.count
        let itemDuration = itemTask.map { tasks.duration[Int($0)] }
        var sums = [Int64](repeating: 0, count: slots)
        var counts = [Int](repeating: 0, count: slots)
        /// Saved and expected effort of a plan (microseconds) over its strata with a baseline and
        /// AI tasks.
        func effort(_ strata: [Stratum]) -> (saved: Double, expected: Double) {
            var saved = 0.0
            var expected = 0.0
            for s in strata where s.isUsed(counts) {
                var (aiSum, aiCount) = (Int64(0), 0)
                for a in s.ai {
                    aiSum += sums[a]
                    aiCount += counts[a]
                }
                let e = Double(sums[s.baseline]) / Double(counts[s.baseline]) * Double(aiCount)
                expected += e
                saved += e - Double(aiSum)
            }
            return (saved, expected)
        }
        for (slot, duration) in zip(itemSlot, itemDuration) {
            sums[Int(slot)] += duration
            counts[Int(slot)] += 1
        }
        let minimum = options.effectiveMinimumSample
        var results: [(saved: ValueReport.Estimate, share: ValueReport.Estimate, intervals: IntervalMethod)?] = []
        var points: [(saved: Double, expected: Double)] = []
        var skipped: [Int] = []
        for (plan, strata) in zip(plans, planStrata) {
            let usable = strata.filter { counts[$0.baseline] > 0 }
            let aiCounted = usable.reduce(0) { sum, s in s.ai.reduce(sum) { $0 + counts[$1] } }
            let baselineCounted = usable.reduce(0) { $0 + counts[$1.baseline] }
            skipped.append(plan.treatedTasks.count - aiCounted)
            points.append(effort(strata))
            if aiCounted < minimum || baselineCounted < minimum {
                let note =
                    "needs \(minimum) AI tasks with a baseline in their stratum and \(minimum) baseline tasks; has \(aiCounted) and \(baselineCounted)"
                results.append((.insufficient(note), .insufficient(note), .bootstrap))
            } else {
                results.append(nil)
            }
        }
        // Resamples draw cases; each case's tasks are read in cluster order.
        let clusters = CaseClusters(caseKeys: itemTask.map { tasks.workflow[Int($0)] })
        let clusterSlot = clusters.inClusterOrder(itemSlot)
        let clusterDuration = clusters.inClusterOrder(itemDuration)
        let normal = plans.indices.map { p in
            results[p] != nil || !normalApproximation
                ? nil
                : Self.normalIntervals(
                    planStrata[p], point: points[p], sums: sums, counts: counts, clusters: clusters,
                    slot: clusterSlot, duration: clusterDuration)
        }
        // Only the plans without the normal approximation need the resamples.
        let measured = plans.indices.filter { results[$0] == nil && normal[$0] == nil }
        var g = SeededGenerator(seed: seed)
        var savedReplicates = [[Double]](repeating: [], count: plans.count)
        var shareReplicates = [[Double]](repeating: [], count: plans.count)
        var scratch: [Int32] = []
        for _ in 0..<(measured.isEmpty ? 0 : options.resamples) {
            for k in 0..<slots {
                sums[k] = 0
                counts[k] = 0
            }
            clusterDuration.withUnsafeBufferPointer { duration in
                clusterSlot.withUnsafeBufferPointer { slot in
                    sums.withUnsafeMutableBufferPointer { sums in
                        counts.withUnsafeMutableBufferPointer { counts in
                            clusters.resample(using: &g, scratch: &scratch) { m, times in
                                sums[Int(slot[m])] &+= Int64(times) &* duration[m]
                                counts[Int(slot[m])] += Int(times)
                            }
                        }
                    }
                }
            }
            for p in measured {
                let r = effort(planStrata[p])
                savedReplicates[p].append(r.saved / 3_600_000_000)
                if r.expected > 0 { shareReplicates[p].append(r.saved / r.expected) }
            }
        }
        return plans.indices.map { p in
            if let result = results[p] { return result }
            let (saved, expected) = points[p]
            var savedEstimate = ValueReport.Estimate.ok(
                saved / 3_600_000_000, normal[p]?.saved ?? Statistics.percentileInterval(savedReplicates[p]))
            if skipped[p] > 0 {
                savedEstimate.note = "\(skipped[p]) AI tasks had no baseline in their stratum and are not counted"
            }
            let share =
                expected > 0
                ? ValueReport.Estimate.ok(
                    saved / expected,
                    normal[p]?.share ?? Statistics.percentileInterval(shareReplicates[p]))
                : .insufficient("no baseline effort")
            return (savedEstimate, share, normal[p] == nil ? .bootstrap : .normal)
        }
    }
}
