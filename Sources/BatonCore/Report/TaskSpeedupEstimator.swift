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
        let minimum = options.effectiveMinimumSample
        guard nb >= minimum, nt >= minimum else {
            return .init(
                taskType: type, baselineTasks: nb, treatedTasks: nt,
                speedup: .insufficient("needs \(minimum) baseline and \(minimum) AI tasks; has \(nb) and \(nt)"),
                mixAdjustedSavingMinutes: mix)
        }
        // Both samples sorted by duration; a task is known by its rank in its sample.
        // Ties by case, so the ranks do not depend on the order the rows arrived in.
        func ordered(_ a: Int32, _ b: Int32) -> Bool {
            let (x, y) = (Int(a), Int(b))
            return tasks.duration[x] != tasks.duration[y]
                ? tasks.duration[x] < tasks.duration[y] : tasks.workflow[x] < tasks.workflow[y]
        }
        let b = baseline.sorted(by: ordered)
        let t = treated.sorted(by: ordered)
        let bDurations = b.map { tasks.duration[Int($0)] }
        let tDurations = t.map { tasks.duration[Int($0)] }
        guard let mb = Statistics.median(sorted: bDurations), let mt = Statistics.median(sorted: tDurations), mt > 0
        else {
            return .init(
                taskType: type, baselineTasks: nb, treatedTasks: nt,
                speedup: .insufficient("AI tasks have zero median duration"), mixAdjustedSavingMinutes: mix)
        }
        // Items 0..<nb are baseline ranks, nb..<nb+nt treated ranks; clusters are their cases.
        let clusters = CaseClusters(caseKeys: (b + t).map { tasks.workflow[Int($0)] })
        let items = clusters.inClusterOrder(Array(0..<(nb + nt)))
        var g = SeededGenerator(seed: seed)
        var countsB = [Int32](repeating: 0, count: nb)
        var countsT = [Int32](repeating: 0, count: nt)
        var replicates: [Double] = []
        replicates.reserveCapacity(options.resamples)
        var scratch: [Int32] = []
        for _ in 0..<options.resamples {
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
            guard drawnB > 0, drawnT > 0 else { continue }
            let rb = Statistics.median(sorted: bDurations, counts: countsB, total: drawnB)
            let rt = Statistics.median(sorted: tDurations, counts: countsT, total: drawnT)
            if rt > 0 { replicates.append(rb / rt) }
        }
        return .init(
            taskType: type, baselineTasks: nb, treatedTasks: nt,
            speedup: .ok(mb / mt, Statistics.percentileInterval(replicates)), mixAdjustedSavingMinutes: mix)
    }

    /// Σ_s w_s (mean B_s − mean T_s) over severities, w_s the treated share; minutes per task.
    func mixAdjustedSaving(baseline: [Int32], treated: [Int32], _ input: ReportInput) -> Double? {
        let tasks = input.taskColumns
        var b: [Int32: (sum: Int64, n: Int)] = [:]
        var t: [Int32: (sum: Int64, n: Int)] = [:]
        for i in baseline {
            b[tasks.severity[Int(i)], default: (0, 0)].sum += tasks.duration[Int(i)]; b[tasks.severity[Int(i)]]!.n += 1
        }
        for i in treated {
            t[tasks.severity[Int(i)], default: (0, 0)].sum += tasks.duration[Int(i)]; t[tasks.severity[Int(i)]]!.n += 1
        }
        // Sorted by name, so the floating-point sum is the same on every run.
        var total = 0.0
        var weight = 0.0
        for s in t.keys.sorted(by: { input.names[$0] < input.names[$1] }) {
            guard let bs = b[s], let ts = t[s] else { continue }
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
