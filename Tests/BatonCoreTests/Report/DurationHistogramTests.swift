import Foundation
import Testing

@testable import BatonCore

@Suite struct DurationHistogramTests {
    let alpha = DurationHistogram.relativeAccuracy
    /// Room for the rounding of `log` and `exp`, far below the bound itself.
    let slack = 1e-9

    @Test func theBoundOnAQuantileIsAtMostHalfAPercentAndTheSpeedupsIsToo() {
        // The spec's 0.5% on medians, and the ratio of two medians within (1 + α) / (1 − α) = γ.
        #expect(alpha <= 0.005)
        #expect((1 + alpha) / (1 - alpha) <= 1.005 + 1e-12)
    }

    @Test func everyDurationIsWithinAlphaOfItsRepresentative() {
        // Log-spaced from 1 µs to 10^13 µs (115 days), with each value's integer neighbours, and
        // the integers nearest the bin edges γ^i, where rounding in `log` could misplace a value.
        var values: [Int64] = []
        var x = 1.0
        while x < 1e13 {
            let v = Int64(x)
            values += [max(v - 1, 1), v, v + 1]
            x *= 1.0007
        }
        for i in 0..<6_000 {
            let edge = Foundation.pow(DurationHistogram.gamma, Double(i))
            values += [Int64(edge.rounded(.down)), Int64(edge.rounded(.up))].filter { $0 >= 1 }
        }
        var worst = 0.0
        for v in values {
            let r = DurationHistogram.representative(of: DurationHistogram.bin(of: v))
            worst = max(worst, abs(r - Double(v)) / Double(v))
        }
        #expect(worst <= alpha * (1 + slack))
        // The bound is tight: some value is near it, so the rule is not coarser than stated.
        #expect(worst > alpha * 0.99)
        #expect(DurationHistogram.representative(of: DurationHistogram.bin(of: 0)) == 0)
    }

    @Test(
        "every quantile is within α of the exact one",
        arguments: [1, 2, 3, 4, 10, 31, 100, 1_001, 20_000])
    func quantilesAreWithinTheBound(n: Int) throws {
        for (sigma, seed) in [(0.6, 1 as UInt64), (1.5, 2), (3.0, 3)] {
            let values = DurationSamples.realistic(n, medianMinutes: 12, sigma: sigma, seed: seed &* 7 &+ UInt64(n))
            let h = DurationHistogram(values)
            #expect(h.count == Int64(n))
            let sorted = values.sorted()
            for q in stride(from: 0.0, through: 1.0, by: 0.025) + [0.5, 0.001, 0.999] {
                let exact = DurationSamples.exactQuantile(values, q)
                let got = try #require(h.quantile(q))
                #expect(abs(got - exact) <= alpha * exact * (1 + slack), "n \(n), σ \(sigma), q \(q)")
            }
            // The median is the rows' median: the middle value, or the mean of the two middle ones.
            let median = try #require(Statistics.median(sorted: sorted))
            let got = try #require(h.quantile(0.5))
            #expect(abs(got - median) <= alpha * median * (1 + slack), "n \(n), σ \(sigma)")
        }
    }

    @Test func anEvenCountsMedianIsTheMeanOfTheTwoMiddleRepresentatives() throws {
        // Two values far apart: the median is halfway between their representatives, not either.
        let h = DurationHistogram([1_000_000, 9_000_000])
        let r1 = DurationHistogram.representative(of: DurationHistogram.bin(of: 1_000_000))
        let r9 = DurationHistogram.representative(of: DurationHistogram.bin(of: 9_000_000))
        #expect(try #require(h.quantile(0.5)) == (r1 + r9) / 2)
        #expect(DurationHistogram().quantile(0.5) == nil)
    }

    @Test func zerosHaveABinOfTheirOwnBelowEveryOther() throws {
        let h = DurationHistogram([0, 0, 0, 1, 5])
        #expect(h.bins.first == DurationHistogram.zeroBin)
        #expect(h.counts.first == 3)
        #expect(try #require(h.quantile(0.5)) == 0)
        #expect(try #require(h.quantile(0)) == 0)
        // 1 µs is its own bin (i = 0), not the zero bin.
        #expect(DurationHistogram.bin(of: 1) == 0)
    }

    @Test func addingOneAtATimeGivesTheHistogramOfTheSample() {
        let values = DurationSamples.realistic(5_000, medianMinutes: 3, sigma: 1.2, seed: 11)
        var h = DurationHistogram()
        for v in values { h.add(v) }
        #expect(h == DurationHistogram(values))
        // Bins ascend strictly and every count is positive: the canonical form.
        #expect(zip(h.bins, h.bins.dropFirst()).allSatisfy { $0 < $1 })
        #expect(h.counts.allSatisfy { $0 > 0 })
    }

    @Test func mergeIsTheHistogramOfTheUnionInAnyOrderAndGrouping() {
        let values = DurationSamples.realistic(30_000, medianMinutes: 20, sigma: 1.0, seed: 5)
        // Three uneven parts, split at random (as days would split a period).
        var g = SeededGenerator(seed: 9)
        var parts: [[Int64]] = [[], [], []]
        for v in values { parts[g.uniform() < 0.6 ? 0 : (g.uniform() < 0.8 ? 1 : 2)].append(v) }
        let (a, b, c) = (DurationHistogram(parts[0]), DurationHistogram(parts[1]), DurationHistogram(parts[2]))
        let whole = DurationHistogram(values)
        #expect(a.merging(b).merging(c) == whole)
        #expect(a.merging(b.merging(c)) == whole)
        #expect(c.merging(a).merging(b) == whole)
        #expect(b.merging(a) == a.merging(b))
        #expect(a.merging(DurationHistogram()) == a)
        #expect(DurationHistogram().merging(a) == a)
        #expect(a != whole)
    }

    @Test func storedFormIsRefusedUnlessCanonical() {
        #expect(DurationHistogram(bins: [1, 5], counts: [2, 3]) != nil)
        #expect(DurationHistogram(bins: [5, 1], counts: [2, 3]) == nil)
        #expect(DurationHistogram(bins: [1, 1], counts: [2, 3]) == nil)
        #expect(DurationHistogram(bins: [1, 5], counts: [2, 0]) == nil)
        #expect(DurationHistogram(bins: [1], counts: [2, 3]) == nil)
    }
}
