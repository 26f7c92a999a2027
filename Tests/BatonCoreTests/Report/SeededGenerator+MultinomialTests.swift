import Foundation
import Testing

@testable import BatonCore

@Suite struct SeededGeneratorMultinomialTests {
    /// log P(X = k) for X ~ Binomial(n, p), for the goodness-of-fit tests.
    private func logPMF(_ n: Int, _ p: Double, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1)) + Double(k) * Foundation.log(p)
            + Double(n - k) * Foundation.log(1 - p)
    }

    /// Pearson's χ² of `draws` against Binomial(n, p), cells with an expected count under 5
    /// pooled into their neighbours; returns the statistic and its degrees of freedom.
    private func chiSquare(_ draws: [Int], _ n: Int, _ p: Double) -> (Double, Int) {
        var observed = [Int](repeating: 0, count: n + 1)
        for x in draws { observed[x] += 1 }
        let total = Double(draws.count)
        var (statistic, cells) = (0.0, 0)
        var (o, e) = (0.0, 0.0)
        for k in 0...n {
            o += Double(observed[k])
            e += total * Foundation.exp(logPMF(n, p, k))
            if e >= 5 {
                statistic += (o - e) * (o - e) / e
                cells += 1
                (o, e) = (0, 0)
            }
        }
        // The remainder of the upper tail joins the last cell; its expected count is tiny.
        statistic += e > 0 ? (o - e) * (o - e) / max(e, 1) : o
        return (statistic, cells - 1)
    }

    @Test(
        "binomial draws fit the binomial distribution, by inversion and by BTPE, either side of p = 0.5",
        arguments: [
            (20, 0.3), (60, 0.5), (1_000, 0.01), (200, 0.3), (5_000, 0.2), (100_000, 0.001),
            (1_000_000, 0.4), (300, 0.9), (10_000, 0.97),
        ])
    func binomialFits(n: Int, p: Double) {
        var g = SeededGenerator(seed: UInt64(n) &* 31 &+ UInt64(p * 1_000))
        let draws = (0..<40_000).map { _ in g.binomial(n, p) }
        #expect(draws.allSatisfy { (0...n).contains($0) })
        let mean = Double(draws.reduce(0, +)) / Double(draws.count)
        let variance = draws.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(draws.count - 1)
        let sd = (Double(n) * p * (1 - p)).squareRoot()
        // The mean within 4.5 standard errors; the variance within 5% (its standard error is about
        // √(2 / 40,000) = 0.7% of it).
        #expect(abs(mean - Double(n) * p) <= 4.5 * sd / Double(draws.count).squareRoot())
        #expect(abs(variance / (sd * sd) - 1) < 0.05)
        if n <= 20_000 {
            // χ² below its 99.99th percentile (≈ df + 3.9 √(2 df) + 10 for these df).
            let (statistic, df) = chiSquare(draws, n, p)
            #expect(statistic < Double(df) + 3.9 * (2 * Double(df)).squareRoot() + 10, "χ² \(statistic) on \(df)")
        }
    }

    @Test func binomialEdgeCases() {
        var g = SeededGenerator(seed: 4)
        #expect(g.binomial(0, 0.3) == 0)
        #expect(g.binomial(17, 0) == 0)
        #expect(g.binomial(17, 1) == 17)
    }

    @Test func multinomialDrawsTheTotalWithTheWeightsProportions() {
        let weights: [Int64] = [5, 0, 1, 400, 0, 94, 1_500]
        let total = 2_000
        var g = SeededGenerator(seed: 8)
        var drawn: [Int32] = []
        var sums = [Double](repeating: 0, count: weights.count)
        let rounds = 5_000
        for _ in 0..<rounds {
            g.multinomial(total, weights: weights, into: &drawn)
            #expect(drawn.reduce(0) { $0 + Int($1) } == total)
            #expect(drawn[1] == 0 && drawn[4] == 0)
            for k in weights.indices { sums[k] += Double(drawn[k]) }
        }
        let mass = Double(weights.reduce(0, +))
        for k in weights.indices where weights[k] > 0 {
            let p = Double(weights[k]) / mass
            let expected = Double(total) * p
            let se = (Double(total) * p * (1 - p) / Double(rounds)).squareRoot()
            #expect(abs(sums[k] / Double(rounds) - expected) <= 4.5 * se, "cell \(k)")
        }
        g.multinomial(0, weights: weights, into: &drawn)
        #expect(drawn.allSatisfy { $0 == 0 })
    }
}
