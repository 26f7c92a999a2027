import Foundation

@testable import BatonCore

/// Task durations as a SOC's would look (microseconds), from a seeded generator: lognormal
/// around a median with heavy Pareto tails, ties (durations logged to the whole second), zeros,
/// a few microsecond-sized and a few days-long ones.
enum DurationSamples {
    static func realistic(_ n: Int, medianMinutes: Double, sigma: Double, seed: UInt64) -> [Int64] {
        var g = SeededGenerator(seed: seed)
        let mu = Foundation.log(medianMinutes * 60_000_000)
        return (0..<n).map { _ in
            let u = g.uniform()
            switch u {
            case ..<0.01: return 0
            case ..<0.02: return Int64(1 + g.index(below: 9))
            case ..<0.025: return Int64(86_400_000_000 * (1 + 4 * g.uniform()))
            case ..<0.08:
                // Pareto tail, shape 1.2, from the median up.
                return Int64(Foundation.exp(mu) / Foundation.pow(max(g.uniform(), 1e-12), 1 / 1.2))
            case ..<0.5:
                // Logged to the whole second: many tasks share a duration.
                return Int64((Foundation.exp(mu + sigma * g.normal()) / 1e6).rounded()) * 1_000_000
            default: return Int64(Foundation.exp(mu + sigma * g.normal()))
            }
        }
    }

    /// The exact `q` quantile of `values` by the rows' definition.
    static func exactQuantile(_ values: [Int64], _ q: Double) -> Double {
        Statistics.percentile(values.map(Double.init), q)!
    }
}
