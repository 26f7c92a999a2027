/// The task speedup from rollups rather than rows (value-model §10): the same definition
/// (``TaskSpeedupEstimator/speedup(_:baseline:treated:mix:seed:resample:)``) read from merged
/// histograms, for periods with too many tasks to sort.
extension TaskSpeedupEstimator {
    /// The speedup of one task type from its baseline and AI rollups per severity name (each
    /// already merged over the period's days, and over assistants where the figure needs it).
    ///
    /// The medians are the merged histograms' (within ``DurationHistogram/relativeAccuracy`` of
    /// the rows', so the ratio within `γ − 1`); the mix-adjusted saving is exact (sums). The
    /// bootstrap draws as many tasks as both arms hold from their bins together, a multinomial
    /// with probabilities `count / (n_B + n_T)`: the rows' case bootstrap when every case has one
    /// task of the type, since each case then is one task. Cases with several tasks of the type
    /// cannot be redrawn together from bins; the interval then treats their tasks as
    /// independent (`Docs/metrics.md`, "Computing at scale").
    func estimate(
        _ type: String, baseline: [String: DurationRollup], treated: [String: DurationRollup], seed: UInt64
    ) -> ValueReport.TaskSpeedup {
        let mix = Self.mixAdjustedSaving(
            baseline: baseline.mapValues { ($0.sum, Int($0.count)) },
            treated: treated.mapValues { ($0.sum, Int($0.count)) }
        )
        // Merging adds integer counts, so the order of the severities does not matter.
        let b = baseline.values.reduce(into: DurationHistogram()) { $0.merge($1.histogram) }
        let t = treated.values.reduce(into: DurationHistogram()) { $0.merge($1.histogram) }
        let (nb, nt) = (Int(b.count), Int(t.count))
        if let short = shortfall(type, nb, nt, mix: mix) { return short }
        let weights = b.counts + t.counts
        let split = b.bins.count
        var drawn: [Int32] = []
        return speedup(
            type, baseline: (b.representatives, b.counts.map { Int32($0) }),
            treated: (t.representatives, t.counts.map { Int32($0) }), mix: mix, seed: seed
        ) { g, countsB, countsT in
            g.multinomial(nb + nt, weights: weights, into: &drawn)
            var (drawnB, drawnT) = (0, 0)
            for k in 0..<split {
                countsB[k] = drawn[k]
                drawnB += Int(drawn[k])
            }
            for k in split..<drawn.count {
                countsT[k - split] = drawn[k]
                drawnT += Int(drawn[k])
            }
            return (drawnB, drawnT)
        }
    }
}
