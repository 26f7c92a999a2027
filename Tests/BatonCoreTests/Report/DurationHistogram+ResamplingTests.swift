import Testing

@testable import BatonCore

@Suite struct DurationHistogramResamplingTests {
    @Test func aResampleHoldsAsManyDurationsInTheSameBins() {
        let h = DurationHistogram(DurationSamples.realistic(3_000, medianMinutes: 5, sigma: 1, seed: 31))
        var g = SeededGenerator(seed: 1)
        var scratch: [Int32] = []
        var differs = false
        for _ in 0..<50 {
            let r = h.resampled(using: &g, scratch: &scratch)
            #expect(r.count == h.count)
            #expect(Set(r.bins).isSubset(of: Set(h.bins)))
            differs = differs || r != h
        }
        #expect(differs)
    }

    @Test func resampledMediansSpreadAsTheRowsResampledMediansDo() throws {
        // The bins' bootstrap against the rows' (`Statistics.resampledMedian`, one draw per value)
        // on 4,001 values: their 2.5th and 97.5th percentiles agree within 2% (binning moves a
        // median by at most α = 0.25%; 4,000 resamples each put the Monte Carlo error of either
        // percentile near 0.3% of the median here).
        let values = DurationSamples.realistic(4_001, medianMinutes: 15, sigma: 1.1, seed: 41).sorted()
        let h = DurationHistogram(values)
        var g = SeededGenerator(seed: 2)
        var scratch: [Int32] = []
        var counts = [Int32](repeating: 0, count: values.count)
        var fromBins: [Double] = []
        var fromRows: [Double] = []
        for _ in 0..<4_000 {
            fromBins.append(try #require(h.resampled(using: &g, scratch: &scratch).quantile(0.5)))
            fromRows.append(Statistics.resampledMedian(sorted: values, counts: &counts, using: &g))
        }
        let (binLow, binHigh) = try #require(Statistics.percentileInterval(fromBins))
        let (rowLow, rowHigh) = try #require(Statistics.percentileInterval(fromRows))
        #expect(abs(binLow / rowLow - 1) < 0.02)
        #expect(abs(binHigh / rowHigh - 1) < 0.02)
        // And the interval is an interval: the resampled medians do vary.
        #expect(rowHigh > rowLow * 1.01)
    }
}
