/// Value-model §3: how much faster a task type is with the AI: median(baseline) / median(AI)
/// with a percentile-bootstrap interval that resamples cases (a case's tasks move together), the
/// severity-mix-adjusted saving, and the rule that picks an assistant's main speedup.
struct TaskSpeedupEstimator: Sendable {
    var options: ReportOptions

    func estimate(_ type: String, baseline: [Int32], treated: [Int32], _ input: ReportInput, seed: UInt64)
        -> ValueReport.TaskSpeedup
    {
        let tasks = input.taskColumns
        let mix = mixAdjustedSaving(baseline: baseline, treated: treated, input)
        let (nb, nt) = (baseline.count, treated.count)
        if let short = shortfall(type, nb, nt, mix: mix) { return short }
        // Both samples sorted by duration; a task is known by its rank in its sample.
        // Ties by case, so the ranks do not depend on the order the rows arrived in.
        func ordered(_ a: Int32, _ b: Int32) -> Bool {
            let (x, y) = (Int(a), Int(b))
            return tasks.duration[x] != tasks.duration[y]
                ? tasks.duration[x] < tasks.duration[y] : tasks.workflow[x] < tasks.workflow[y]
        }
        let b = baseline.sorted(by: ordered)
        let t = treated.sorted(by: ordered)
        // Items 0..<nb are baseline ranks, nb..<nb+nt treated ranks; clusters are their cases.
        let clusters = CaseClusters(caseKeys: (b + t).map { tasks.workflow[Int($0)] })
        let items = clusters.inClusterOrder(Array(0..<(nb + nt)))
        var scratch: [Int32] = []
        return speedup(
            type, baseline: (b.map { Double(tasks.duration[Int($0)]) }, [Int32](repeating: 1, count: nb)),
            treated: (t.map { Double(tasks.duration[Int($0)]) }, [Int32](repeating: 1, count: nt)), mix: mix,
            seed: seed
        ) { g, countsB, countsT in
            for i in 0..<nb { countsB[i] = 0 }
            for i in 0..<nt { countsT[i] = 0 }
            var (drawnB, drawnT) = (0, 0)
            countsB.withUnsafeMutableBufferPointer { countsB in
                countsT.withUnsafeMutableBufferPointer { countsT in
                    clusters.resample(using: &g, scratch: &scratch) { m, times in
                        let item = items[m]
                        if item < nb {
                            countsB[item] += times
                            drawnB += Int(times)
                        } else {
                            countsT[item - nb] += times
                            drawnT += Int(times)
                        }
                    }
                }
            }
            return (drawnB, drawnT)
        }
    }

    /// "Insufficient data" below the minimum sample of either arm; `nil` when both have it.
    func shortfall(_ type: String, _ nb: Int, _ nt: Int, mix: Double?) -> ValueReport.TaskSpeedup? {
        let minimum = options.effectiveMinimumSample
        guard nb < minimum || nt < minimum else { return nil }
        return .init(
            taskType: type, baselineTasks: nb, treatedTasks: nt,
            speedup: .insufficient("needs \(minimum) baseline and \(minimum) AI tasks; has \(nb) and \(nt)"),
            mixAdjustedSavingMinutes: mix)
    }

    /// The speedup's one definition, shared by the rows and the histograms once each arm is an
    /// ascending list of values with a count each (one per task, or one per bin): the minimum
    /// sample, median(B) / median(T), and the percentile interval of that ratio over
    /// ``ReportOptions/resamples`` resamples. `resample` writes how often each value was drawn
    /// into the two count arrays (same lengths as the arms') and returns the arms' totals; a
    /// resample without a task in one arm, or with a zero AI median, gives no replicate.
    func speedup(
        _ type: String, baseline b: (values: [Double], counts: [Int32]),
        treated t: (values: [Double], counts: [Int32]), mix: Double?, seed: UInt64,
        resample: (inout SeededGenerator, inout [Int32], inout [Int32]) -> (Int, Int)
    ) -> ValueReport.TaskSpeedup {
        let nb = b.counts.reduce(0) { $0 + Int($1) }
        let nt = t.counts.reduce(0) { $0 + Int($1) }
        if let short = shortfall(type, nb, nt, mix: mix) { return short }
        let mb = Statistics.median(sorted: b.values, counts: b.counts, total: nb)
        let mt = Statistics.median(sorted: t.values, counts: t.counts, total: nt)
        guard mt > 0 else {
            return .init(
                taskType: type, baselineTasks: nb, treatedTasks: nt,
                speedup: .insufficient("AI tasks have zero median duration"), mixAdjustedSavingMinutes: mix)
        }
        var g = SeededGenerator(seed: seed)
        var countsB = [Int32](repeating: 0, count: b.values.count)
        var countsT = [Int32](repeating: 0, count: t.values.count)
        var replicates: [Double] = []
        replicates.reserveCapacity(options.resamples)
        for _ in 0..<options.resamples {
            let (drawnB, drawnT) = resample(&g, &countsB, &countsT)
            guard drawnB > 0, drawnT > 0 else { continue }
            let rb = Statistics.median(sorted: b.values, counts: countsB, total: drawnB)
            let rt = Statistics.median(sorted: t.values, counts: countsT, total: drawnT)
            if rt > 0 { replicates.append(rb / rt) }
        }
        return .init(
            taskType: type, baselineTasks: nb, treatedTasks: nt,
            speedup: .ok(mb / mt, Statistics.percentileInterval(replicates)), mixAdjustedSavingMinutes: mix)
    }

    /// The mix-adjusted saving of tasks given by index (``mixAdjustedSaving(baseline:treated:)``).
    func mixAdjustedSaving(baseline: [Int32], treated: [Int32], _ input: ReportInput) -> Double? {
        let tasks = input.taskColumns
        func strata(_ indexes: [Int32]) -> [String: (sum: Int64, n: Int)] {
            var byCode: [Int32: (sum: Int64, n: Int)] = [:]
            for i in indexes {
                byCode[tasks.severity[Int(i)], default: (0, 0)].sum += tasks.duration[Int(i)]
                byCode[tasks.severity[Int(i)]]!.n += 1
            }
            return Dictionary(uniqueKeysWithValues: byCode.map { (input.names[$0.key], $0.value) })
        }
        return Self.mixAdjustedSaving(baseline: strata(baseline), treated: strata(treated))
    }

    /// Σ_s w_s (mean B_s − mean T_s) over severities, w_s the treated share; minutes per task.
    /// Each arm is given per severity name as its exact sum of microseconds and its count.
    static func mixAdjustedSaving(
        baseline b: [String: (sum: Int64, n: Int)], treated t: [String: (sum: Int64, n: Int)]
    ) -> Double? {
        // Sorted by name, so the floating-point sum is the same on every run.
        var total = 0.0
        var weight = 0.0
        for s in t.keys.sorted() {
            guard let bs = b[s], let ts = t[s], bs.n > 0, ts.n > 0 else { continue }
            let w = Double(ts.n)
            total += w * (Double(bs.sum) / Double(bs.n) - Double(ts.sum) / Double(ts.n))
            weight += w
        }
        return weight > 0 ? total / weight / 60_000_000 : nil
    }

    /// The one rule for an assistant's main speedup, used by every rendering and the headline:
    /// among measured speedups, the task type with the most AI tasks (ties: the first by name);
    /// without a measured one, the type with the most AI tasks.
    static func main(of speedups: [ValueReport.TaskSpeedup]) -> String? {
        func better(_ a: ValueReport.TaskSpeedup, _ b: ValueReport.TaskSpeedup) -> Bool {
            a.treatedTasks != b.treatedTasks ? a.treatedTasks > b.treatedTasks : a.taskType < b.taskType
        }
        let measured = speedups.filter { $0.speedup.value != nil }
        return (measured.isEmpty ? speedups : measured).sorted(by: better).first?.taskType
    }
}
