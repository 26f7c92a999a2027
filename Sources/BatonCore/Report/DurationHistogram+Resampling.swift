/// The bootstrap over bins: resampling `n` durations with replacement from a sample is drawing
/// how many of the `n` fall in each value, a multinomial with probabilities `count / n`; given the
/// binning, the same multinomial over bins gives the resample's histogram directly, in O(bins).
extension DurationHistogram {
    /// A bootstrap resample: as many durations as it holds, drawn with replacement, binned.
    /// `scratch` is reused between calls.
    package func resampled(using g: inout SeededGenerator, scratch: inout [Int32]) -> DurationHistogram {
        g.multinomial(Int(count), weights: counts, into: &scratch)
        var (keptBins, keptCounts) = ([Int32](), [Int64]())
        for k in 0..<bins.count where scratch[k] > 0 {
            keptBins.append(bins[k])
            keptCounts.append(Int64(scratch[k]))
        }
        return DurationHistogram(bins: keptBins, counts: keptCounts)!
    }
}
