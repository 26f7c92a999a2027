/// What a rollup keeps of the task durations of one key (day, task type, AI mode, assistant,
/// severity): their histogram, for medians, and their exact sum, for the mix-adjusted saving's
/// means (a sum of microseconds is exact and adds up across days, so no mean is approximated).
package struct DurationRollup: Codable, Sendable, Hashable {
    package var histogram = DurationHistogram()
    /// Microseconds.
    package var sum: Int64 = 0

    package init() {}

    package init(histogram: DurationHistogram, sum: Int64) {
        self.histogram = histogram
        self.sum = sum
    }

    /// The rollup of `durations` (microseconds, each at least 0).
    package init(_ durations: [Int64]) {
        histogram = DurationHistogram(durations)
        sum = durations.reduce(0, +)
    }

    package var count: Int64 { histogram.count }

    package mutating func add(_ duration: Int64) {
        histogram.add(duration)
        sum += duration
    }

    package mutating func merge(_ other: DurationRollup) {
        histogram.merge(other.histogram)
        sum += other.sum
    }
}
