/// The arithmetic every workflow-effect estimator of value-model §4 shares: within each stratum,
/// a signed combination of cell means (treated minus control; or the four cells of a difference
/// in differences), weighted across strata by the size of each stratum's first cell (the
/// treated mix). It estimates lead, touch, intake, closure and every handoff class's waiting at
/// once, from exact integer sums, so ΔL = ΔA + ΔW and ΔW = Δintake + Σ ΔW_c + Δclosure hold in the
/// point estimate and in every bootstrap resample (the resamples are linear in the same sums). A
/// case is the unit of every resample, never a task.
struct StratifiedContrast: Sendable {
    /// One group of cases in a stratum and the sign of its mean in the stratum's contrast.
    struct Cell: Sendable {
        var workflows: [Int32]
        var coefficient: Double
    }

    /// How a resample varies the estimate.
    enum Interval: Sendable {
        /// For the effect on the treated cases themselves (value-model §4.1; two cells: treated,
        /// control). The estimate minus that effect is the treated cases' mean *without* the
        /// treatment minus the controls' mean: the treated cases' own outcomes cancel, so only the
        /// spread of untreated outcomes matters, and the controls show it. A resample subtracts
        /// from each stratum's contrast the difference between the mean of n_T and the mean of
        /// n_C draws of the stratum's control residuals (a control's figures minus the control
        /// mean), scaled by √(n_C/(n_C − 1)) so their variance is unbiased. A bootstrap of both
        /// arms would use the treated cases' spread instead, which a speedup shrinks: its
        /// intervals missed the simulator's truth for the EDR agent's ΔA in 4 of 20 seeds.
        case effectOnTreated
        /// Every cell resampled, n − 1 of its n cases (McCarthy and Snowden's with-replacement
        /// bootstrap, whose resampled mean has the variance s²/n of the cell mean): for the
        /// difference in differences, whose first cell is not the treated cases themselves.
        case everyCell
    }

    /// One stratum's cells; the first is the arm whose size weighs the stratum. Every cell holds
    /// at least 2 cases (the designs only use such strata).
    var strata: [[Cell]]
    var interval: Interval = .everyCell
    /// A number of every case (by workflow position) whose contrast is estimated with the figures,
    /// from the same draws (the draws do not depend on it): the experiment's touched flag (1 or 0),
    /// whose contrast is the compliance difference (value-model §7), so that a ratio to it (the
    /// effect on compliers) is computed in each resample; or its cases' time in the served task
    /// types (effort). `nil`: none.
    var extra: [Int64]? = nil

    /// Per-figure results: the point estimate and, with resamples, its replicates.
    struct Figures: Sendable {
        var lead: Double
        var touch: Double
        var intake: Double
        var closure: Double
        /// By class slot (see ``Outcome/classes``).
        var classes: [Double]
        /// The first cells' weighted mean lead (the treated cases' actual mean).
        var firstMeanLead: Double
        /// The contrast of ``StratifiedContrast/extra``, in its own unit (a difference of shares for a
        /// flag); 0 without one.
        var extra: Double = 0

        var wait: Double { lead - touch }
        /// The treated cases' mean lead time without the treatment.
        var counterfactualLead: Double { firstMeanLead - lead }

        /// One figure by name (a class by its slot).
        subscript(_ figure: MomentContrast.Figure) -> Double {
            switch figure {
            case .lead: lead
            case .touch: touch
            case .wait: wait
            case .intake: intake
            case .closure: closure
            case .extra: extra
            case .handoffClass(let k): classes[k]
            }
        }
    }

    struct Outcome: Sendable {
        /// Class codes in slot order (every class any used case has).
        var classes: [Int32]
        var point: Figures
        var replicates: [Figures]
    }

    /// Computes the contrast over `columns` (microsecond sums, converted to hours at the end).
    func estimate(_ columns: ReportWorkflowColumns, resamples: Int, seed: UInt64) -> Outcome {
        // The used cases' figures copied into flat arrays (one row per case, cells in order), and
        // their class entries as (slot, wait) pairs: a resample then only adds numbers.
        var slotOf: [Int32: Int32] = [:]
        var classes: [Int32] = []
        // Lead, touch, intake and closure of each row (and the extra number, when there is one):
        // `fixed` numbers per row.
        let fixed = extra == nil ? 4 : 5
        var base: [Int64] = []
        var rows = 0
        var entryStart: [Int32] = [0]
        var entrySlot: [Int32] = []
        var entryWait: [Int64] = []
        var cellRows: [[Range<Int>]] = []
        let weights = Self.weights(firstCells: strata.map { $0[0].workflows.count })
        // Room for every row and entry at once: grown by doubling, these arrays of the plans
        // bootstrapped side by side were the largest part of a 1M-task report's peak heap (48 of
        // 132 MB, heaptrack of the survey CSV).
        var (rowCount, entryCount) = (0, 0)
        for stratum in strata {
            for cell in stratum {
                rowCount += cell.workflows.count
                for position in cell.workflows { entryCount += columns.classes(Int(position)).count }
            }
        }
        base.reserveCapacity(fixed * rowCount)
        entryStart.reserveCapacity(rowCount + 1)
        entrySlot.reserveCapacity(entryCount)
        entryWait.reserveCapacity(entryCount)
        for stratum in strata {
            var ranges: [Range<Int>] = []
            for cell in stratum {
                let begin = rows
                for position in cell.workflows {
                    let w = Int(position)
                    base.append(columns.lead[w])
                    base.append(columns.touch[w])
                    base.append(columns.intake[w])
                    base.append(columns.closure[w])
                    if let extra { base.append(extra[w]) }
                    rows += 1
                    for e in columns.classes(w) {
                        let code = columns.classCode[e]
                        let slot: Int32
                        if let known = slotOf[code] {
                            slot = known
                        } else {
                            slot = Int32(classes.count)
                            slotOf[code] = slot
                            classes.append(code)
                        }
                        entrySlot.append(slot)
                        entryWait.append(columns.classWait[e])
                    }
                    entryStart.append(Int32(entrySlot.count))
                }
                ranges.append(begin..<rows)
            }
            cellRows.append(ranges)
        }
        let width = fixed + classes.count
        var sums = [Int64](repeating: 0, count: width)
        /// Sums `draws` rows of `range` into `sums`: drawn at random, or the first `draws` in order.
        func add(_ range: Range<Int>, draws: Int, _ g: inout SeededGenerator, random: Bool) {
            for k in sums.indices { sums[k] = 0 }
            let n = range.count
            for d in 0..<draws {
                let row = range.lowerBound + (random ? g.index(below: n) : d)
                for k in 0..<fixed { sums[k] &+= base[fixed * row + k] }
                for e in Int(entryStart[row])..<Int(entryStart[row + 1]) {
                    sums[fixed + Int(entrySlot[e])] &+= entryWait[e]
                }
            }
        }
        var g = SeededGenerator(seed: seed)
        // Each cell's exact mean of every figure (microseconds).
        var cellMeans: [[[Double]]] = []
        for ranges in cellRows {
            cellMeans.append(
                ranges.map { range in
                    add(range, draws: range.count, &g, random: false)
                    return sums.map { Double($0) / Double(range.count) }
                })
        }
        func figures(_ f: [Double], firstMean: Double) -> Figures {
            Figures(microseconds: f, fixed: fixed, firstMeanLead: firstMean)
        }
        let (pointSum, firstMean) = Self.combine(
            cellMeans, coefficients: strata.map { $0.map(\.coefficient) }, weights: weights, width: width)
        let point = figures(pointSum, firstMean: firstMean)

        var replicates: [Figures] = []
        replicates.reserveCapacity(resamples)
        switch interval {
        case .effectOnTreated:
            // Per stratum: where its controls start, n_T, n_C, and the factors of the two sums of
            // control draws, −a for the n_T draws and +b for the n_C draws, a = scale/n_T and
            // b = scale/n_C. Residuals are a control's figures minus the control mean; the means
            // drop out of a·Σ(n_T draws) − b·Σ(n_C draws) since a·n_T = b·n_C, so raw figures are
            // summed. The draws first add their factor to their control's weight; each control's
            // figures (a case's classes sparsely: it has a few of the stratum's many) are then
            // added once with that weight, so a draw costs an addition, not a row.
            let plans = cellRows.enumerated().map { s, ranges in
                let (nT, nC) = (ranges[0].count, ranges[1].count)
                let scale = weights[s] * (Double(nC) / Double(nC - 1)).squareRoot()
                return (first: ranges[1].lowerBound, nT: nT, nC: nC, a: -scale / Double(nT), b: scale / Double(nC))
            }
            let largest = plans.map(\.nC).max() ?? 0
            var weight = [Double](repeating: 0, count: largest)
            base.withUnsafeBufferPointer { base in
                entryStart.withUnsafeBufferPointer { entryStart in
                    entrySlot.withUnsafeBufferPointer { entrySlot in
                        entryWait.withUnsafeBufferPointer { entryWait in
                            weight.withUnsafeMutableBufferPointer { weight in
                                var f = pointSum
                                for _ in 0..<resamples {
                                    f.withUnsafeMutableBufferPointer { f in
                                        for k in 0..<width { f[k] = pointSum[k] }
                                        for p in plans {
                                            for j in 0..<p.nC { weight[j] = 0 }
                                            for _ in 0..<p.nT { weight[g.index(below: p.nC)] += p.a }
                                            for _ in 0..<p.nC { weight[g.index(below: p.nC)] += p.b }
                                            for j in 0..<p.nC where weight[j] != 0 {
                                                let (row, c) = (p.first + j, weight[j])
                                                for k in 0..<fixed { f[k] += c * Double(base[fixed * row + k]) }
                                                for e in Int(entryStart[row])..<Int(entryStart[row + 1]) {
                                                    f[fixed + Int(entrySlot[e])] += c * Double(entryWait[e])
                                                }
                                            }
                                        }
                                    }
                                    replicates.append(figures(f, firstMean: firstMean))
                                }
                            }
                        }
                    }
                }
            }
        case .everyCell:
            for _ in 0..<resamples {
                var f = [Double](repeating: 0, count: width)
                for (s, ranges) in cellRows.enumerated() {
                    for (c, range) in ranges.enumerated() {
                        let draws = range.count - 1
                        add(range, draws: draws, &g, random: true)
                        let w = weights[s] * strata[s][c].coefficient / Double(draws)
                        for k in 0..<width { f[k] += w * Double(sums[k]) }
                    }
                }
                replicates.append(figures(f, firstMean: firstMean))
            }
        }
        return Outcome(classes: classes, point: point, replicates: replicates)
    }

    /// Each stratum's weight: its first cell's share of the first cells' cases (the treated mix).
    static func weights(firstCells sizes: [Int]) -> [Double] {
        let total = Double(sizes.reduce(0, +))
        return sizes.map { Double($0) / total }
    }

    /// The point estimate from every cell's mean of every figure (by stratum, then cell, in the
    /// order lead, touch, intake, closure, extra if any, class slots): Σ_s w_s Σ_c coefficient_c ·
    /// mean_c per figure, and the first cells' weighted mean lead.
    /// `width` numbers per cell (0 of each without strata).
    static func combine(_ cellMeans: [[[Double]]], coefficients: [[Double]], weights: [Double], width: Int) -> (
        sums: [Double], firstMeanLead: Double
    ) {
        var sums = [Double](repeating: 0, count: width)
        var firstMean = 0.0
        for (s, means) in cellMeans.enumerated() {
            for (c, mean) in means.enumerated() {
                let factor = weights[s] * coefficients[s][c]
                for k in sums.indices { sums[k] += factor * mean[k] }
            }
            firstMean += weights[s] * means[0][0]
        }
        return (sums, firstMean)
    }
}

extension StratifiedContrast.Figures {
    static let hour = 3_600_000_000.0

    /// The figures of a combination of cell means in microseconds (laid out as
    /// ``StratifiedContrast/combine(_:coefficients:weights:width:)`` takes them, with `fixed` numbers
    /// before the class slots: 5 with an extra number, else 4), in hours; the extra number keeps
    /// its own unit.
    init(microseconds f: [Double], fixed: Int, firstMeanLead: Double) {
        let hour = Self.hour
        self.init(
            lead: f[0] / hour, touch: f[1] / hour, intake: f[2] / hour, closure: f[3] / hour,
            classes: (fixed..<f.count).map { f[$0] / hour }, firstMeanLead: firstMeanLead / hour,
            extra: fixed == 5 ? f[4] : 0)
    }
}
