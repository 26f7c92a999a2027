/// Value-model §10: the workflow effects of ``StratifiedContrast`` from each cell's
/// ``CellMoments`` alone, with 95% intervals from the normal approximation instead of the
/// bootstrap. The point estimates are the same arithmetic (``StratifiedContrast/combine(_:coefficients:weights:width:)``).
/// The variance of each figure is Σ_s w_s² Var(contrast_s) with within-stratum variances, the
/// variance each bootstrap scheme's resamples have (see ``StratifiedContrast/Interval``):
///
/// - `effectOnTreated`: the stratum's contrast moves by the gap between the means of n_T and of
///   n_C draws of control residuals scaled by √(n_C/(n_C − 1)), whose variance is
///   s_C² (1/n_T + 1/n_C), s_C² the controls' unbiased variance; the treated cases' spread plays no
///   part.
/// - `everyCell`: each cell's mean of n − 1 draws of its n cases has variance s²/n; a cell adds
///   coefficient² · s²/n.
///
/// Ratios (the capture ratio ΔL/ΔA, a figure over the compliance difference) by Fieller's method (or
/// the delta method);
/// the realized reduction by transforming ΔL's interval (``Outcome/reductionInterval()``).
/// Usable only when every cell of every stratum has at least ``minimumCell`` cases (``usable``);
/// otherwise the caller uses the bootstrap.
struct MomentContrast: Sendable {
    struct Cell: Sendable {
        var moments: CellMoments
        var coefficient: Double
    }

    /// One stratum's cells; the first is the arm whose size weighs the stratum. Every cell holds at
    /// least 2 cases, as in ``StratifiedContrast``.
    var strata: [[Cell]]
    var interval: StratifiedContrast.Interval = .everyCell

    /// Cases every cell needs for the normal approximation (value-model §10).
    static let minimumCell = 30

    /// Whether the normal approximation may be used: some stratum, and every cell of every
    /// stratum with at least ``minimumCell`` cases.
    var usable: Bool { Self.usable(sizes: strata.map { $0.map(\.moments.count) }) }

    /// The same rule from the cells' sizes alone (cases per cell, by stratum).
    static func usable(sizes: [[Int]]) -> Bool {
        !sizes.isEmpty && sizes.allSatisfy { $0.allSatisfy { $0 >= minimumCell } }
    }

    init(strata: [[Cell]], interval: StratifiedContrast.Interval = .everyCell) {
        self.strata = strata
        self.interval = interval
    }

    /// The moments of `contrast`'s cells (its cases read from `columns`), for the same design.
    init(_ contrast: StratifiedContrast, _ columns: ReportWorkflowColumns) {
        self.init(
            strata: contrast.strata.map { cells in
                cells.map {
                    Cell(
                        moments: CellMoments(columns, workflows: $0.workflows, extra: contrast.extra),
                        coefficient: $0.coefficient)
                }
            }, interval: contrast.interval)
    }

    /// A reported figure: a linear combination of the cases' figures, or one handoff class's wait.
    enum Figure: Sendable, Hashable {
        case lead, touch, wait, intake, closure, extra
        /// By class slot (see ``Outcome/classes``).
        case handoffClass(Int)
    }

    struct Outcome: Sendable {
        /// Class codes in slot order (ascending).
        var classes: [Int32]
        var point: StratifiedContrast.Figures
        /// The covariances of the estimates of lead, touch, intake, closure (h²) and, when kept,
        /// the extra number (its unit times hours, or its unit squared), indexed as
        /// ``CellMoments``' figures.
        var covariances: [[Double]]
        /// The variance of each class slot's estimate (h²).
        var classVariances: [Double]

        /// The figure's point estimate.
        func value(_ figure: Figure) -> Double { point[figure] }

        /// Coefficients of the figure over ``covariances``' figures; `nil` for a class.
        func loadings(_ figure: Figure) -> [Double]? {
            var l = [Double](repeating: 0, count: covariances.count)
            switch figure {
            case .lead: l[CellMoments.lead] = 1
            case .touch: l[CellMoments.touch] = 1
            case .wait: (l[CellMoments.lead], l[CellMoments.touch]) = (1, -1)
            case .intake: l[CellMoments.intake] = 1
            case .closure: l[CellMoments.closure] = 1
            case .extra:
                guard covariances.count > CellMoments.extra else { return nil }
                l[CellMoments.extra] = 1
            case .handoffClass: return nil
            }
            return l
        }

        /// The covariance of two figures' estimates (either may be a class only when both are it).
        func covariance(_ a: Figure, _ b: Figure) -> Double {
            if case .handoffClass(let k) = a, a == b { return classVariances[k] }
            guard let x = loadings(a), let y = loadings(b) else { return .nan }
            var sum = 0.0
            for i in x.indices where x[i] != 0 {
                for j in y.indices where y[j] != 0 { sum += x[i] * y[j] * covariances[i][j] }
            }
            return sum
        }

        func variance(_ figure: Figure) -> Double { max(covariance(figure, figure), 0) }

        /// The 95% normal interval of the figure.
        func interval(_ figure: Figure) -> (Double, Double) {
            let (v, half) = (value(figure), FigureChange.z * variance(figure).squareRoot())
            return (v - half, v + half)
        }

        /// How a ratio's interval is computed.
        enum RatioInterval: Sendable {
            /// R ± z·√Var(R), Var(N/D) ≈ (Var N − 2R·Cov(N, D) + R²·Var D) / D², R = N/D: symmetric,
            /// and poor when D's estimate is within a few standard errors of 0.
            case delta
            /// Fieller's: every R with (N − R·D)² ≤ z²·Var(N − R·D), the roots of
            /// (D² − z²V_D) R² − 2 (N·D − z²C) R + (N² − z²V_N) = 0. Bounded exactly when D's own
            /// interval excludes 0 (the condition under which the report gives a ratio), and
            /// asymmetric as the bootstrap's percentile interval of the ratio is.
            case fieller
        }

        /// `numerator / denominator` and its 95% interval. `nil` when the denominator's estimate is
        /// 0 or either figure is a class; with Fieller's, also when the interval is unbounded.
        func ratio(_ numerator: Figure, over denominator: Figure, interval method: RatioInterval = .fieller) -> (
            value: Double, interval: (Double, Double)
        )? {
            let (n, d) = (value(numerator), value(denominator))
            guard d != 0, loadings(numerator) != nil, loadings(denominator) != nil else { return nil }
            let r = n / d
            let (vn, vd, c) = (variance(numerator), variance(denominator), covariance(numerator, denominator))
            let z2 = FigureChange.z * FigureChange.z
            switch method {
            case .delta:
                let v = (vn - 2 * r * c + r * r * vd) / (d * d)
                let half = FigureChange.z * max(v, 0).squareRoot()
                return (r, (r - half, r + half))
            case .fieller:
                let (a, b, k) = (d * d - z2 * vd, n * d - z2 * c, n * n - z2 * vn)
                // At R = N/D the quadratic is −z²·Var(N − R·D) ≤ 0, so with a > 0 it has real roots.
                guard a > 0 else { return nil }
                let root = max(b * b - a * k, 0).squareRoot()
                return (r, ((b - root) / a, (b + root) / a))
            }
        }

        /// The realized lead reduction −ΔL / (treated mean − ΔL) and its interval: the treated mean
        /// is not resampled, so the reduction is a decreasing function of ΔL alone and the
        /// bootstrap's percentile interval is that function of ΔL's ends; here of the normal ends.
        /// `nil` unless the counterfactual mean lead is positive across ΔL's interval.
        func reductionInterval() -> (value: Double, interval: (Double, Double))? {
            let m = point.firstMeanLead
            let (low, high) = interval(.lead)
            guard m - high > 0, m - low > 0 else { return nil }
            func reduction(_ lead: Double) -> Double { -lead / (m - lead) }
            return (reduction(point.lead), (reduction(high), reduction(low)))
        }
    }

    /// The point estimates and the covariances of every figure.
    func estimate() -> Outcome {
        let fixed = strata.first?.first?.moments.figureCount ?? 4
        let classes = Set(strata.lazy.flatMap { $0.lazy.flatMap(\.moments.classes.keys) }).sorted()
        let weights = StratifiedContrast.weights(firstCells: strata.map { $0[0].moments.count })
        // Each cell's mean of every figure, laid out as StratifiedContrast's (µs).
        let cellMeans = strata.map { cells in
            cells.map { cell in
                let m = cell.moments
                let n = Double(m.count)
                return m.sums.map { Double($0) / n } + classes.map { Double(m.classes[$0]?.sum ?? 0) / n }
            }
        }
        let (sums, firstMean) = StratifiedContrast.combine(
            cellMeans, coefficients: strata.map { $0.map(\.coefficient) }, weights: weights,
            width: fixed + classes.count)
        let point = StratifiedContrast.Figures(microseconds: sums, fixed: fixed, firstMeanLead: firstMean)

        // Σ_s w_s² Var(contrast_s) as Σ over cells of factor × the cell's centred sums (µs²).
        var covariance = [[Double]](repeating: [Double](repeating: 0, count: fixed), count: fixed)
        var classVariances = [Double](repeating: 0, count: classes.count)
        func add(_ m: CellMoments, _ factor: Double) {
            for i in 0..<fixed {
                for j in i..<fixed {
                    let c = factor * m.centred(i, j)
                    covariance[i][j] += c
                    if j != i { covariance[j][i] += c }
                }
            }
            for (k, code) in classes.enumerated() { classVariances[k] += factor * m.centredClass(code) }
        }
        for (s, cells) in strata.enumerated() {
            let w2 = weights[s] * weights[s]
            switch interval {
            case .effectOnTreated:
                precondition(cells.count == 2, "the effect on the treated contrasts two cells")
                let (nT, nC) = (Double(cells[0].moments.count), Double(cells[1].moments.count))
                // s_C² (1/n_T + 1/n_C), s_C² = centred / (n_C − 1).
                add(cells[1].moments, w2 * (1 / nT + 1 / nC) / (nC - 1))
            case .everyCell:
                for cell in cells {
                    let n = Double(cell.moments.count)
                    // coefficient² s²/n, s² = centred / (n − 1).
                    add(cell.moments, w2 * cell.coefficient * cell.coefficient / (n * (n - 1)))
                }
            }
        }
        // To hours (the extra number keeps its unit).
        let scale = (0..<fixed).map { $0 == CellMoments.extra ? 1 : 1 / StratifiedContrast.Figures.hour }
        for i in 0..<fixed { for j in 0..<fixed { covariance[i][j] *= scale[i] * scale[j] } }
        let hour2 = StratifiedContrast.Figures.hour * StratifiedContrast.Figures.hour
        return Outcome(
            classes: classes, point: point, covariances: covariance, classVariances: classVariances.map { $0 / hour2 })
    }
}
