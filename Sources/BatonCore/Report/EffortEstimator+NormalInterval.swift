extension EffortEstimator {
    /// Value-model §10's normal approximation of the case bootstrap, for one plan: effort saved
    /// and its share are smooth functions of the slots' totals (Σ durations S_k and counts N_k),
    /// and a resample of cases moves those totals by the drawn cases' own. Linearized, each case
    /// contributes u_c = Σ over its items (∂f/∂S · duration + ∂f/∂N), and drawing n cases with
    /// replacement gives Σ_c w_c u_c a variance of Σ_c (u_c − ū)², the cases' spread around
    /// their mean (a case of none of the plan's slots contributes 0). The interval is the estimate
    /// ± 1.96 standard errors.
    ///
    /// `nil` unless every used stratum (``Stratum/isUsed(_:)``) has at least
    /// ``MomentContrast/minimumCell`` distinct cases in each arm: the bootstrap is used then.
    static func normalIntervals(
        _ strata: [Stratum], point: (saved: Double, expected: Double), sums: [Int64], counts: [Int],
        clusters: CaseClusters, slot: [Int32], duration: [Int64]
    ) -> (saved: (Double, Double), share: (Double, Double)?)? {
        let used = strata.filter { $0.isUsed(counts) }
        guard !used.isEmpty else { return nil }
        // The arm of each slot: 2·stratum for its baseline, 2·stratum + 1 for its AI tasks.
        var armOf = [Int32](repeating: -1, count: sums.count)
        for (k, s) in used.enumerated() {
            armOf[s.baseline] = Int32(2 * k)
            for a in s.ai { armOf[a] = Int32(2 * k + 1) }
        }
        // Distinct cases per arm, for the floor.
        var cases = [Int](repeating: 0, count: 2 * used.count)
        var lastCase = [Int](repeating: -1, count: 2 * used.count)
        for c in 0..<clusters.count {
            for m in Int(clusters.start[c])..<Int(clusters.start[c + 1]) {
                let arm = Int(armOf[Int(slot[m])])
                if arm >= 0, lastCase[arm] != c {
                    lastCase[arm] = c
                    cases[arm] += 1
                }
            }
        }
        guard cases.allSatisfy({ $0 >= MomentContrast.minimumCell }) else { return nil }

        // Gradients of saved (g) and expected (e) effort with respect to each slot's S and N.
        var gS = [Double](repeating: 0, count: sums.count)
        var gN = gS
        var eS = gS
        var eN = gS
        let (saved, expected) = point
        for s in used {
            let (nB, sB) = (Double(counts[s.baseline]), Double(sums[s.baseline]))
            let mean = sB / nB
            let aiCount = Double(s.ai.reduce(0) { $0 + counts[$1] })
            (gS[s.baseline], gN[s.baseline]) = (aiCount / nB, -mean * aiCount / nB)
            (eS[s.baseline], eN[s.baseline]) = (gS[s.baseline], gN[s.baseline])
            for a in s.ai {
                (gS[a], gN[a]) = (-1, mean)
                (eS[a], eN[a]) = (0, mean)
            }
        }
        let share = expected > 0 ? saved / expected : nil
        var u = [Double](repeating: 0, count: clusters.count)
        var w = u
        for c in 0..<clusters.count {
            var (gu, eu) = (0.0, 0.0)
            for m in Int(clusters.start[c])..<Int(clusters.start[c + 1]) {
                let (k, d) = (Int(slot[m]), Double(duration[m]))
                gu += gS[k] * d + gN[k]
                eu += eS[k] * d + eN[k]
            }
            u[c] = gu
            // The share's linearization: (u − share · v) / expected.
            if let share { w[c] = (gu - share * eu) / expected }
        }
        /// Σ (x − x̄)², by two passes.
        func centred(_ x: [Double]) -> Double {
            let mean = x.reduce(0, +) / Double(x.count)
            return x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        }
        let hour = 3_600_000_000.0
        let savedHalf = FigureChange.z * centred(u).squareRoot()
        let savedInterval = ((saved - savedHalf) / hour, (saved + savedHalf) / hour)
        let shareInterval = share.map { r in
            let half = FigureChange.z * centred(w).squareRoot()
            return (r - half, r + half)
        }
        return (savedInterval, shareInterval)
    }
}
