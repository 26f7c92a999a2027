/// Value-model §3, claimed effort saved: for each AI task, the mean baseline duration of its
/// (type, severity) stratum minus its own duration, summed over the period; and that saving as
/// a share of the baseline effort the same tasks would have taken. The bootstrap resamples cases
/// (a case's baseline and AI tasks move together) and recomputes the stratum means each time.
struct EffortEstimator: Sendable {
    var options: ReportOptions

    func estimate(_ plan: AssistantPlan, _ input: ReportInput, seed: UInt64) -> (
        saved: ValueReport.Estimate, share: ValueReport.Estimate
    ) {
        let tasks = input.taskColumns
        // Strata by (type, severity) code pair, numbered in order of first appearance among the AI
        // tasks; the baseline tasks of a stratum without AI tasks do not matter.
        var stratumOf: [Int64: Int] = [:]
        for i in plan.treatedTasks {
            let pair = Int64(tasks.type[Int(i)]) << 32 | Int64(tasks.severity[Int(i)])
            if stratumOf[pair] == nil { stratumOf[pair] = stratumOf.count }
        }
        // Items: (task position, stratum, is AI), baseline first.
        var items: [(task: Int32, stratum: Int, ai: Bool)] = []
        for baseline in plan.baselines {
            for i in baseline {
                let pair = Int64(tasks.type[Int(i)]) << 32 | Int64(tasks.severity[Int(i)])
                if let s = stratumOf[pair] { items.append((i, s, false)) }
            }
        }
        for i in plan.treatedTasks {
            let pair = Int64(tasks.type[Int(i)]) << 32 | Int64(tasks.severity[Int(i)])
            items.append((i, stratumOf[pair]!, true))
        }
        let strata = stratumOf.count
        // Per stratum s: sums[2s] of baseline durations, sums[2s + 1] of AI durations; counts
        // likewise. The point estimate and every resample fill the same layout.
        let itemSlot = items.map { $0.stratum * 2 + ($0.ai ? 1 : 0) }
        let itemDuration = items.map { tasks.duration[Int($0.task)] }
        var sums = [Int64](repeating: 0, count: strata * 2)
        var counts = [Int](repeating: 0, count: strata * 2)
        /// Saved and expected effort (microseconds) over strata with a baseline and AI tasks.
        func effort() -> (saved: Double, expected: Double) {
            var saved = 0.0
            var expected = 0.0
            for s in 0..<strata where counts[2 * s] > 0 && counts[2 * s + 1] > 0 {
                let e = Double(sums[2 * s]) / Double(counts[2 * s]) * Double(counts[2 * s + 1])
                expected += e
                saved += e - Double(sums[2 * s + 1])
            }
            return (saved, expected)
        }
        for (slot, duration) in zip(itemSlot, itemDuration) {
            sums[slot] += duration
            counts[slot] += 1
        }
        let usable = (0..<strata).filter { counts[2 * $0] > 0 }
        let aiCounted = usable.reduce(0) { $0 + counts[2 * $1 + 1] }
        let baselineCounted = usable.reduce(0) { $0 + counts[2 * $1] }
        let skipped = plan.treatedTasks.count - aiCounted
        let minimum = options.effectiveMinimumSample
        guard aiCounted >= minimum, baselineCounted >= minimum else {
            let note =
                "needs \(minimum) AI tasks with a baseline in their stratum and \(minimum) baseline tasks; has \(aiCounted) and \(baselineCounted)"
            return (.insufficient(note), .insufficient(note))
        }
        let (saved, expected) = effort()
        // Resamples draw cases; each case's tasks are read in cluster order.
        let clusters = CaseClusters(caseKeys: items.map { tasks.workflow[Int($0.task)] })
        let clusterSlot = clusters.inClusterOrder(itemSlot)
        let clusterDuration = clusters.inClusterOrder(itemDuration)
        var g = SeededGenerator(seed: seed)
        var savedReplicates: [Double] = []
        var shareReplicates: [Double] = []
        savedReplicates.reserveCapacity(options.resamples)
        shareReplicates.reserveCapacity(options.resamples)
        for _ in 0..<options.resamples {
            for k in sums.indices {
                sums[k] = 0
                counts[k] = 0
            }
            clusterDuration.withUnsafeBufferPointer { duration in
                clusterSlot.withUnsafeBufferPointer { slot in
                    sums.withUnsafeMutableBufferPointer { sums in
                        counts.withUnsafeMutableBufferPointer { counts in
                            clusters.resample(using: &g) { m in
                                sums[slot[m]] &+= duration[m]
                                counts[slot[m]] += 1
                            }
                        }
                    }
                }
            }
            let r = effort()
            savedReplicates.append(r.saved / 3_600_000_000)
            if r.expected > 0 { shareReplicates.append(r.saved / r.expected) }
        }
        var savedEstimate = ValueReport.Estimate.ok(
            saved / 3_600_000_000, Statistics.percentileInterval(savedReplicates))
        if skipped > 0 {
            savedEstimate.note = "\(skipped) AI tasks had no baseline in their stratum and are not counted"
        }
        let share =
            expected > 0
            ? ValueReport.Estimate.ok(saved / expected, Statistics.percentileInterval(shareReplicates))
            : .insufficient("no baseline effort")
        return (savedEstimate, share)
    }
}
