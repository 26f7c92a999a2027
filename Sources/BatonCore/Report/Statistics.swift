/// Small exact statistics for the value report.
enum Statistics {
    static func mean(_ values: [Int64]) -> Double? {
        values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
    }

    /// Median of an ascending array (mean of the two middle values for even counts).
    static func median(sorted values: [Int64]) -> Double? {
        guard !values.isEmpty else { return nil }
        let n = values.count
        return n % 2 == 1 ? Double(values[n / 2]) : (Double(values[n / 2 - 1]) + Double(values[n / 2])) / 2
    }

    /// Median of a bootstrap resample of an ascending array, in O(n): the values are sorted, so
    /// the resample's median is the value at the median of the drawn indices, found by counting.
    static func resampledMedian(sorted values: [Int64], counts: inout [Int32], using g: inout SeededGenerator)
        -> Double
    {
        let n = values.count
        for i in 0..<n { counts[i] = 0 }
        for _ in 0..<n { counts[g.index(below: n)] += 1 }
        func orderStatistic(_ k: Int) -> Int64 {
            var seen = 0
            for i in 0..<n {
                seen += Int(counts[i])
                if seen > k { return values[i] }
            }
            return values[n - 1]
        }
        return n % 2 == 1
            ? Double(orderStatistic(n / 2)) : (Double(orderStatistic(n / 2 - 1)) + Double(orderStatistic(n / 2))) / 2
    }

    /// Median of a multiset of an ascending array given as a count per element (`total` is the
    /// sum of the counts, at least 1): the middle order statistic(s), found by one scan. The values
    /// are tasks' durations or bins' representatives (``DurationHistogram``); durations below 2⁵³ µs
    /// are exact as `Double`.
    static func median(sorted values: [Double], counts: [Int32], total: Int) -> Double {
        let (a, b) = total % 2 == 1 ? (total / 2, total / 2) : (total / 2 - 1, total / 2)
        var seen = 0
        var low: Double?
        for i in 0..<values.count where counts[i] > 0 {
            seen += Int(counts[i])
            if low == nil, seen > a { low = values[i] }
            if seen > b { return (low! + values[i]) / 2 }
        }
        return values[values.count - 1]
    }

    /// The 2.5th and 97.5th percentiles of bootstrap replicates (percentile interval).
    static func percentileInterval(_ replicates: [Double]) -> (Double, Double)? {
        let finite = replicates.filter(\.isFinite)
        guard finite.count >= 20, let low = percentile(finite, 0.025), let high = percentile(finite, 0.975) else {
            return nil
        }
        return (low, high)
    }

    /// The `q` quantile with linear interpolation between order statistics.
    static func percentile(_ values: [Double], _ q: Double) -> Double? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
