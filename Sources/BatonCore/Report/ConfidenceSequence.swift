import Foundation

/// An anytime-valid 95% confidence sequence for the intention-to-treat difference in mean lead
/// time of a randomized holdout (value-model §7, "honest peeking"): intervals that cover the
/// difference at every look at once with probability about 95%, however often the report is read
/// and whenever the experiment is stopped.
///
/// The asymptotic confidence sequence of Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas,
/// "Time-uniform central limit theory and asymptotic confidence sequences", Annals of Statistics
/// 52(6), 2024 (Theorem 2.2, with the Robbins normal-mixture boundary), applied as in their §3
/// (randomized experiments) to the inverse-probability-weighted pseudo-outcomes of the cases in
/// the order they opened:
///
///     ψ_i = (Y_i − m_{i−1}) · (Z_i / (1 − h) − (1 − Z_i) / h)
///
/// where `Y_i` is the case's lead time, `Z_i` 1 in the use arm and 0 in the holdout, `h` the
/// holdout share the assigner used and `m_{i−1}` the mean lead time of the cases before it
/// (0 for the first; any value fixed before the case is seen keeps `E ψ_i` equal to the
/// difference, and a centring close to the mean keeps the variance small). After `t` cases the
/// sequence is
///
///     ψ̄_t ± σ̂_t · √( 2(tρ² + 1) / (t²ρ²) · log( √(tρ² + 1) / α ) ),   α = 0.05,
///
/// with `σ̂_t` the standard deviation of ψ_1…ψ_t. The tuning `ρ` makes the sequence narrowest at
/// `t*` cases: `ρ² = (−2 log α + log(−2 log α + 1)) / t*`, with `t*` the experiment's planned
/// sample, or ``defaultTuningCases`` without one. It is fixed before the data, as it must be.
enum ConfidenceSequence {
    /// `t*` when the experiment plans no sample.
    static let defaultTuningCases = 1_000
    static let alpha = 0.05

    struct Bound: Sendable, Hashable {
        var estimate: Double
        var low: Double
        var high: Double
    }

    /// `ρ²` for a sequence narrowest at `tuningCases`.
    static func rhoSquared(tuningCases: Int) -> Double {
        let l = -2 * Foundation.log(alpha)
        return (l + Foundation.log(l + 1)) / Double(max(tuningCases, 1))
    }

    /// The half-width's factor on `σ̂_t` after `t` cases.
    static func radius(cases t: Int, rhoSquared r: Double) -> Double {
        let tr = Double(t) * r
        return (2 * (tr + 1) / (Double(t) * Double(t) * r) * Foundation.log((tr + 1).squareRoot() / alpha)).squareRoot()
    }

    /// The sequence after every case (`outcomes` and `use` in the order the cases opened); the
    /// first case gives no interval (no spread yet), so the result has `max(count − 1, 0)` entries,
    /// entry `k` after `k + 2` cases.
    static func running(outcomes: [Double], use: [Bool], holdoutShare h: Double, tuningCases: Int) -> [Bound] {
        precondition(outcomes.count == use.count)
        guard h > 0, h < 1 else { return [] }
        let r = rhoSquared(tuningCases: tuningCases)
        var bounds: [Bound] = []
        bounds.reserveCapacity(max(outcomes.count - 1, 0))
        var centre = 0.0
        var mean = 0.0
        var m2 = 0.0
        for (i, y) in outcomes.enumerated() {
            let psi = (y - centre) * (use[i] ? 1 / (1 - h) : -1 / h)
            let t = Double(i + 1)
            // Welford: the mean and the sum of squared deviations of ψ.
            let delta = psi - mean
            mean += delta / t
            m2 += delta * (psi - mean)
            centre += (y - centre) / t
            guard i > 0 else { continue }
            let half = (m2 / t).squareRoot() * radius(cases: i + 1, rhoSquared: r)
            bounds.append(Bound(estimate: mean, low: mean - half, high: mean + half))
        }
        return bounds
    }

    /// The sequence after the last case; `nil` with fewer than 2 cases.
    static func last(outcomes: [Double], use: [Bool], holdoutShare: Double, tuningCases: Int) -> Bound? {
        running(outcomes: outcomes, use: use, holdoutShare: holdoutShare, tuningCases: tuningCases).last
    }
}

/// How many more eligible assigned cases an experiment needs to detect a 10% change in mean lead
/// time at 80% power with a two-sided 5% test (value-model §7):
///
///     N = (z₀.₉₇₅ + z₀.₈)² · (s²_use / (1 − h) + s²_holdout / h) / δ²,   δ = 0.1 · mean lead of the holdout,
///
/// the total of both arms for a difference of means with a share `h` held out, from the observed
/// variances of each arm's lead time (unstratified, which errs towards more cases). The figure is
/// `N` minus the cases already there, at least 0.
enum ExperimentPower {
    static let zAlpha = 1.959_963_984_540_054
    static let zPower = 0.841_621_233_572_914_3
    static let detectableChange = 0.10

    /// Total cases needed; `nil` without 2 cases per arm or with a holdout mean of 0.
    static func requiredCases(outcomes: [Double], use: [Bool], holdoutShare h: Double) -> Int? {
        let u = zip(outcomes, use).filter { $0.1 }.map(\.0)
        let c = zip(outcomes, use).filter { !$0.1 }.map(\.0)
        guard u.count >= 2, c.count >= 2, h > 0, h < 1 else { return nil }
        func moments(_ x: [Double]) -> (mean: Double, variance: Double) {
            let mean = x.reduce(0, +) / Double(x.count)
            return (mean, x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1))
        }
        let (use, holdout) = (moments(u), moments(c))
        let delta = detectableChange * holdout.mean
        guard delta > 0 else { return nil }
        let z = zAlpha + zPower
        let n = z * z * (use.variance / (1 - h) + holdout.variance / h) / (delta * delta)
        guard n.isFinite else { return nil }
        return Int(n.rounded(.up))
    }

    /// Further cases needed beyond those in `outcomes`.
    static func furtherCases(outcomes: [Double], use: [Bool], holdoutShare: Double) -> Int? {
        requiredCases(outcomes: outcomes, use: use, holdoutShare: holdoutShare).map { max($0 - outcomes.count, 0) }
    }
}
