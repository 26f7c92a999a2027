import Foundation

/// Task durations (whole microseconds, never negative) counted in logarithmic bins, so that
/// medians over millions of tasks come from rollups rather than rows (value-model §10).
///
/// A duration `x ≥ 1` falls in bin `i = ⌈log_γ x⌉`, the interval `(γ^(i−1), γ^i]`, and stands for
/// it as `2γ^i / (γ + 1)`, which is within `α = (γ − 1) / (γ + 1)` of every value of the bin,
/// relatively (DDSketch). A zero duration has a bin of its own, ``zeroBin``, whose representative
/// is exactly 0; no positive duration is below 1 µs. Bins are mergeable by adding counts, so a
/// day's histograms add up to a period's exactly, in any order.
///
/// `γ = 1.005`, so `α ≈ 0.249%`: a median is within 0.249% of the exact one and a speedup, the
/// ratio of two medians, within `γ − 1 = 0.5%` (the worst case puts the two medians at opposite
/// ends of their bins). With `α = 0.5%` medians would be within 0.5% but speedups only within 1%.
///
/// Stored sparse and canonical: the bins that hold a duration, ascending, each with its count
/// (positive), so equal multisets of bins give equal values, and the two arrays are the form a
/// database keeps (`int4[]` and `int8[]`, the zero bin as −2³¹).
package struct DurationHistogram: Sendable, Hashable {
    /// The bin ratio γ.
    package static let gamma = 1.005
    /// The largest relative error of a representative: `(γ − 1) / (γ + 1)`.
    package static let relativeAccuracy = (gamma - 1) / (gamma + 1)
    /// The bin of zero durations; below every other bin, so the arrays stay in value order.
    package static let zeroBin = Int32.min
    private static let logGamma = Foundation.log(gamma)

    /// The bins that hold a duration, ascending.
    package private(set) var bins: [Int32] = []
    /// `counts[k]` durations fall in `bins[k]`; every count is positive.
    package private(set) var counts: [Int64] = []

    /// An empty histogram.
    package init() {}

    /// The histogram of `durations` (microseconds, each at least 0).
    package init(_ durations: some Sequence<Int64>) {
        // Counting in a dictionary and sorting its keys once is O(n + b log b); inserting one
        // value at a time into the sorted arrays would move O(b) entries per value.
        var tally: [Int32: Int64] = [:]
        for d in durations { tally[Self.bin(of: d), default: 0] += 1 }
        bins = tally.keys.sorted()
        counts = bins.map { tally[$0]! }
    }

    /// Bins and counts as stored (``bins`` and ``counts``); `nil` unless the bins ascend strictly,
    /// every count is positive and the arrays have the same length.
    package init?(bins: [Int32], counts: [Int64]) {
        guard bins.count == counts.count, counts.allSatisfy({ $0 > 0 }),
            zip(bins, bins.dropFirst()).allSatisfy({ $0 < $1 })
        else { return nil }
        self.bins = bins
        self.counts = counts
    }

    /// The bin of a duration in microseconds.
    package static func bin(of duration: Int64) -> Int32 {
        precondition(duration >= 0, "a duration is never negative")
        if duration == 0 { return zeroBin }
        return Int32((Foundation.log(Double(duration)) / logGamma).rounded(.up))
    }

    /// The value that stands for every duration of bin `i`: within ``relativeAccuracy`` of each.
    package static func representative(of bin: Int32) -> Double {
        bin == zeroBin ? 0 : 2 * Foundation.exp(Double(bin) * logGamma) / (gamma + 1)
    }

    /// How many durations it holds.
    package var count: Int64 { counts.reduce(0, +) }

    package var isEmpty: Bool { bins.isEmpty }

    /// The representatives of ``bins``, ascending.
    package var representatives: [Double] { bins.map(Self.representative(of:)) }

    /// Counts one more duration (microseconds, at least 0).
    package mutating func add(_ duration: Int64, times: Int64 = 1) {
        precondition(times >= 0)
        guard times > 0 else { return }
        let b = Self.bin(of: duration)
        var (low, high) = (0, bins.count)
        while low < high {
            let mid = (low + high) / 2
            if bins[mid] < b { low = mid + 1 } else { high = mid }
        }
        if low < bins.count, bins[low] == b {
            counts[low] += times
        } else {
            bins.insert(b, at: low)
            counts.insert(times, at: low)
        }
    }

    /// Adds `other`'s counts: the histogram of both samples together.
    package mutating func merge(_ other: DurationHistogram) {
        guard !other.isEmpty else { return }
        guard !isEmpty else {
            self = other
            return
        }
        var (mergedBins, mergedCounts) = ([Int32](), [Int64]())
        mergedBins.reserveCapacity(bins.count + other.bins.count)
        mergedCounts.reserveCapacity(bins.count + other.bins.count)
        var (i, j) = (0, 0)
        while i < bins.count || j < other.bins.count {
            if j == other.bins.count || (i < bins.count && bins[i] < other.bins[j]) {
                mergedBins.append(bins[i])
                mergedCounts.append(counts[i])
                i += 1
            } else if i == bins.count || other.bins[j] < bins[i] {
                mergedBins.append(other.bins[j])
                mergedCounts.append(other.counts[j])
                j += 1
            } else {
                mergedBins.append(bins[i])
                mergedCounts.append(counts[i] + other.counts[j])
                i += 1
                j += 1
            }
        }
        bins = mergedBins
        counts = mergedCounts
    }

    /// The histogram of both samples together.
    package func merging(_ other: DurationHistogram) -> DurationHistogram {
        var merged = self
        merged.merge(other)
        return merged
    }

    /// The `q` quantile (0 ≤ q ≤ 1) with linear interpolation between order statistics, as
    /// ``Statistics/percentile(_:_:)`` defines it, each order statistic read as its bin's
    /// representative: at `q = 0.5` the middle value, or the mean of the two middle values, as
    /// ``Statistics/median(sorted:)``. A convex combination of values each within α of the exact
    /// one is within α of the exact combination, so the bound holds for every `q`. `nil` when empty.
    package func quantile(_ q: Double) -> Double? {
        precondition((0...1).contains(q), "a quantile is between 0 and 1")
        let n = count
        guard n > 0 else { return nil }
        let position = q * Double(n - 1)
        let lower = Int64(position.rounded(.down))
        let upper = min(lower + 1, n - 1)
        let (a, b) = (orderStatistic(lower), orderStatistic(upper))
        return a + (b - a) * (position - Double(lower))
    }

    /// The representative of the `k`-th smallest duration (from 0).
    private func orderStatistic(_ k: Int64) -> Double {
        var seen: Int64 = 0
        for (b, c) in zip(bins, counts) {
            seen += c
            if seen > k { return Self.representative(of: b) }
        }
        return Self.representative(of: bins[bins.count - 1])
    }
}
