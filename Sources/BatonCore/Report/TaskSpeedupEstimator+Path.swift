/// Which path a task speedup takes (value-model §10), and the histograms it takes them from.
extension TaskSpeedupEstimator {
    /// Tasks of a type, both arms together, from which its speedup comes from histograms. Below it
    /// the rows cost little (sorting and resampling 10,000 tasks takes a few milliseconds); above
    /// it the rows' bootstrap grows with the tasks and the bins' with the bins, at most a few
    /// thousand whatever the count.
    static let histogramMinimumTasks = 10_000

    /// The speedup of `type` by the path its sample allows: from histograms when the arms hold at
    /// least ``histogramMinimumTasks`` tasks and no case holds more than one of them, so the
    /// bins' multinomial bootstrap draws exactly as the rows' case bootstrap does; from the rows
    /// otherwise, since bins cannot redraw a case's tasks together.
    func estimateByPath(_ type: String, baseline: [Int32], treated: [Int32], _ input: ReportInput, seed: UInt64)
        -> ValueReport.TaskSpeedup
    {
        guard baseline.count + treated.count >= Self.histogramMinimumTasks,
            Self.oneTaskPerCase(baseline + treated, input.taskColumns)
        else { return estimate(type, baseline: baseline, treated: treated, input, seed: seed) }
        var speedup = estimate(
            type, baseline: Self.rollups(baseline, input), treated: Self.rollups(treated, input), seed: seed)
        speedup.path = .histograms
        return speedup
    }

    /// Whether the tasks `indexes` all belong to different cases.
    static func oneTaskPerCase(_ indexes: [Int32], _ tasks: ReportTaskColumns) -> Bool {
        var seen = Set<Int32>(minimumCapacity: indexes.count)
        for i in indexes where !seen.insert(tasks.workflow[Int(i)]).inserted { return false }
        return true
    }

    /// The rollups of the tasks `indexes` per severity name, as merged rollups of their days hold
    /// them.
    static func rollups(_ indexes: [Int32], _ input: ReportInput) -> [String: DurationRollup] {
        let tasks = input.taskColumns
        var bySeverity: [Int32: [Int64]] = [:]
        for i in indexes { bySeverity[tasks.severity[Int(i)], default: []].append(tasks.duration[Int(i)]) }
        return Dictionary(uniqueKeysWithValues: bySeverity.map { (input.names[$0.key], DurationRollup($0.value)) })
    }
}
