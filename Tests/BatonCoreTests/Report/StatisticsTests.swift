import Testing

@testable import BatonCore

/// Expected values are worked out by hand in the comments; none is copied from a run.
@Suite struct StatisticsTests {
    // MARK: mean and median

    @Test func meanOfIntegersAndOfNothing() {
        // (1 + 2 + 3 + 10) / 4 = 16 / 4 = 4
        #expect(Statistics.mean([1, 2, 3, 10]) == 4)
        // (1 + 2) / 2 = 1.5: the mean is not truncated to an integer
        #expect(Statistics.mean([1, 2]) == 1.5)
        #expect(Statistics.mean([]) == nil)
    }

    @Test func medianOfOddCountIsTheMiddleValue() {
        // [1, 3, 5]: the second of three
        #expect(Statistics.median(sorted: [1, 3, 5]) == 3)
        // a single value is its own median
        #expect(Statistics.median(sorted: [42]) == 42)
        // [2, 3, 5, 7, 11, 13, 17]: the fourth of seven
        #expect(Statistics.median(sorted: [2, 3, 5, 7, 11, 13, 17]) == 7)
    }

    @Test func medianOfEvenCountIsTheMeanOfTheTwoMiddleValues() {
        // [1, 2, 3, 10]: (2 + 3) / 2 = 2.5 (the outlier 10 does not move it)
        #expect(Statistics.median(sorted: [1, 2, 3, 10]) == 2.5)
        // [4, 7]: (4 + 7) / 2 = 5.5
        #expect(Statistics.median(sorted: [4, 7]) == 5.5)
        // microsecond-sized values: (50 min + 70 min) / 2 = 60 min = 3 600 000 000 µs
        #expect(Statistics.median(sorted: [3_000_000_000, 4_200_000_000]) == 3_600_000_000)
    }

    @Test func medianOfNothingIsNil() {
        #expect(Statistics.median(sorted: []) == nil)
    }

    // MARK: resampledMedian

    /// The bootstrap resample written out the slow way: draw `g.index(below: n)` n times, build the
    /// resampled array, sort it and take its middle (or the mean of the two middle values).
    private func explicitResampleMedian(_ values: [Int64], _ g: inout SeededGenerator) -> Double {
        let n = values.count
        var drawn: [Int64] = []
        for _ in 0..<n { drawn.append(values[g.index(below: n)]) }
        drawn.sort()
        if n % 2 == 1 { return Double(drawn[n / 2]) }
        return (Double(drawn[n / 2 - 1]) + Double(drawn[n / 2])) / 2
    }

    @Test(
        "resampledMedian is the median of an explicit resample drawn from the same generator state",
        arguments: [
            [2, 3, 5, 7, 11, 13, 17] as [Int64],  // odd count
            [1, 4, 9, 16, 25, 36],  // even count
            [5, 5, 5, 8, 8, 9, 12, 12],  // even count with repeats
            [1, 1, 2, 3, 5, 8, 13, 21, 34],  // odd count with a repeat
            [7],  // a single value
        ])
    func resampledMedianMatchesExplicitResample(values: [Int64]) {
        for seed: UInt64 in [1, 2, 99] {
            var fast = SeededGenerator(seed: seed)
            var slow = SeededGenerator(seed: seed)
            var counts = [Int32](repeating: 0, count: values.count)
            for round in 0..<200 {
                let got = Statistics.resampledMedian(sorted: values, counts: &counts, using: &fast)
                let expected = explicitResampleMedian(values, &slow)
                #expect(got == expected, "seed \(seed), round \(round)")
            }
            // Both consumed exactly n draws per resample: the streams are still in step.
            #expect(fast.next() == slow.next())
        }
    }

    @Test func resampledMedianOfASingleValueIsThatValue() {
        var g = SeededGenerator(seed: 7)
        var counts: [Int32] = [0]
        for _ in 0..<10 {
            #expect(Statistics.resampledMedian(sorted: [7], counts: &counts, using: &g) == 7)
        }
    }

    @Test func resampledMedianStaysWithinTheRangeOfTheValues() {
        let values: [Int64] = [10, 20, 30, 40, 50, 60]
        var g = SeededGenerator(seed: 3)
        var counts = [Int32](repeating: 0, count: values.count)
        for _ in 0..<500 {
            let m = Statistics.resampledMedian(sorted: values, counts: &counts, using: &g)
            #expect(m >= 10 && m <= 60)
            // Even n: the median of six draws is a mean of two of the values, so a multiple of 5.
            #expect(m.truncatingRemainder(dividingBy: 5) == 0)
        }
    }

    // MARK: percentileInterval

    @Test func percentileIntervalInterpolatesLinearly() throws {
        // 21 replicates 0, 1, …, 20 (given out of order): positions 0.025 × 20 = 0.5 and
        // 0.975 × 20 = 19.5, so halfway between 0 and 1, and between 19 and 20.
        let replicates = (0...20).map(Double.init).reversed().map { $0 }
        let (low, high) = try #require(Statistics.percentileInterval(replicates))
        #expect(abs(low - 0.5) < 1e-9)
        #expect(abs(high - 19.5) < 1e-9)
    }

    @Test func percentileIntervalInterpolatesBetweenUnevenlySpacedValues() throws {
        // 20 replicates i² for i = 0…19. Low: position 0.025 × 19 = 0.475, between 0 and 1:
        // 0 + (1 − 0) × 0.475 = 0.475. High: position 0.975 × 19 = 18.525, between 18² = 324 and
        // 19² = 361: 324 + 37 × 0.525 = 324 + 19.425 = 343.425.
        let replicates = (0..<20).map { Double($0 * $0) }
        let (low, high) = try #require(Statistics.percentileInterval(replicates))
        #expect(abs(low - 0.475) < 1e-9)
        #expect(abs(high - 343.425) < 1e-9)
    }

    @Test func percentileIntervalNeedsTwentyReplicates() {
        #expect(Statistics.percentileInterval((0..<19).map(Double.init)) == nil)
        #expect(Statistics.percentileInterval([]) == nil)
        #expect(Statistics.percentileInterval((0..<20).map(Double.init)) != nil)
    }

    @Test func percentileIntervalIgnoresNonFiniteReplicates() throws {
        let finite = (0..<20).map { Double($0 * $0) }
        let mixed = [Double.nan] + finite + [Double.infinity, -Double.infinity]
        let (low, high) = try #require(Statistics.percentileInterval(mixed))
        // Same as for the 20 finite values alone (see above).
        #expect(abs(low - 0.475) < 1e-9)
        #expect(abs(high - 343.425) < 1e-9)
        // 19 finite values plus non-finite ones are still too few.
        let tooFew = (0..<19).map(Double.init) + [.nan, .infinity, .nan]
        #expect(Statistics.percentileInterval(tooFew) == nil)
    }

    @Test func percentileIntervalOfConstantReplicatesIsThatConstant() throws {
        let (low, high) = try #require(Statistics.percentileInterval(Array(repeating: 2.5, count: 50)))
        #expect(low == 2.5)
        #expect(high == 2.5)
    }

    // MARK: percentile

    @Test func percentileInterpolatesLinearly() {
        // [10, 20, 30, 40]: q = 0.25 → position 0.75 → 10 + 10 × 0.75 = 17.5
        #expect(Statistics.percentile([10, 20, 30, 40], 0.25) == 17.5)
        // out of order input; q = 0.5 → position 1.5 → 20 + 10 × 0.5 = 25
        #expect(Statistics.percentile([40, 10, 30, 20], 0.5) == 25)
        // q = 0 is the minimum and q = 1 the maximum
        #expect(Statistics.percentile([40, 10, 30, 20], 0) == 10)
        #expect(Statistics.percentile([40, 10, 30, 20], 1) == 40)
        // 1 … 11: q = 0.9 → position 9 → the tenth value, 10
        #expect(abs(Statistics.percentile((1...11).map(Double.init), 0.9)! - 10) < 1e-9)
        // a single value is every percentile
        #expect(Statistics.percentile([7], 0.9) == 7)
    }

    @Test func percentileOfNothingIsNil() {
        #expect(Statistics.percentile([], 0.5) == nil)
    }
}
