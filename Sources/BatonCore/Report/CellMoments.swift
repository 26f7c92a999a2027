/// The sufficient statistics of one cell of a stratum (value-model §4, §10): from them alone the
/// workflow effects of ``StratifiedContrast`` and their normal-approximation intervals follow
/// (``MomentContrast``), without the cases' rows. Cells merge by addition, so a period's cell is
/// the sum of its days' in any order.
///
/// Kept: the number of cases; the sums of lead, touch, intake, closure and (when the contrast has
/// one) the extra number, as exact integers (µs); every product of two of those five summed (so
/// that any linear combination of them, such as wait = lead − touch, and any ratio of two, such as
/// the capture ratio ΔL/ΔA or a figure over the compliance difference, has its variance); and per
/// handoff class the sum and the sum of squares of its waits (each class is reported alone; wait
/// as a whole is lead − touch).
///
/// Sums are `Int64`, exact: a cell overflows past 9.2·10¹⁸ µs, 3.5 million cases of a 30-day lead
/// in one cell of one stratum. Products are `Double`: a million 30-day leads squared sum to
/// 6.7·10³⁰ µs², far past `Int64` (and `Int128` needs macOS 15). Every product of these
/// non-negative figures is non-negative, so the sum only rounds, each addition by at most 2⁻⁵³
/// relatively: after a million cases the sum is within 10⁻¹⁰ of exact. The centred sum
/// Σx² − (Σx)²/n then loses a further factor 1 + 1/CV², CV the cell's coefficient of variation:
/// at CV 0.1 (lead times vary far more) the variance is within 10⁻⁸ of exact, far below what an
/// interval resolves. Merging in another order changes only those last bits.
struct CellMoments: Sendable, Equatable {
    /// The figures every case has, in the order of ``sums``: lead, touch, intake, closure, and
    /// extra when kept.
    static let lead = 0
    static let touch = 1
    static let intake = 2
    static let closure = 3
    static let extra = 4

    /// One handoff class's waits in the cell (a case without the class adds 0).
    struct ClassMoments: Sendable, Equatable {
        var sum: Int64 = 0
        var squares: Double = 0
    }

    var count = 0
    /// Σ of each figure, µs (the extra number in its own unit).
    var sums: [Int64]
    /// Σ x_i·x_j for i ≤ j, row by row (lead·lead, lead·touch, …, lead·extra, touch·touch, …);
    /// see ``productIndex(_:_:)``.
    var products: [Double]
    /// By class code.
    var classes: [Int32: ClassMoments] = [:]

    /// Whether the extra number is kept.
    var hasExtra: Bool { sums.count == 5 }
    var figureCount: Int { sums.count }

    init(extra: Bool) {
        let figures = extra ? 5 : 4
        sums = [Int64](repeating: 0, count: figures)
        products = [Double](repeating: 0, count: figures * (figures + 1) / 2)
    }

    /// The moments of `workflows` (positions in `columns`), with `extra` (by position) when given.
    init(_ columns: ReportWorkflowColumns, workflows: [Int32], extra: [Int64]? = nil) {
        self.init(extra: extra != nil)
        var row = [Int64](repeating: 0, count: figureCount)
        for position in workflows {
            let w = Int(position)
            row[Self.lead] = columns.lead[w]
            row[Self.touch] = columns.touch[w]
            row[Self.intake] = columns.intake[w]
            row[Self.closure] = columns.closure[w]
            if let extra { row[Self.extra] = extra[w] }
            add(row, classes: columns.classes(w).lazy.map { (columns.classCode[$0], columns.classWait[$0]) })
        }
    }

    /// Where Σ x_i·x_j is in ``products``.
    func productIndex(_ i: Int, _ j: Int) -> Int {
        let (a, b) = (min(i, j), max(i, j))
        return a * figureCount - a * (a - 1) / 2 + (b - a)
    }

    /// Adds a case: its figures in the order of ``sums``, and its waits per class code.
    mutating func add(_ figures: [Int64], classes waits: some Sequence<(Int32, Int64)>) {
        precondition(figures.count == figureCount)
        count += 1
        var k = 0
        for i in 0..<figureCount {
            sums[i] += figures[i]
            let x = Double(figures[i])
            for j in i..<figureCount {
                products[k] += x * Double(figures[j])
                k += 1
            }
        }
        for (code, wait) in waits {
            classes[code, default: ClassMoments()].sum += wait
            classes[code, default: ClassMoments()].squares += Double(wait) * Double(wait)
        }
    }

    /// Adds another cell's cases (another day of the same cell, say).
    mutating func merge(_ other: CellMoments) {
        precondition(other.figureCount == figureCount, "cells with and without the extra number do not merge")
        count += other.count
        for i in sums.indices { sums[i] += other.sums[i] }
        for i in products.indices { products[i] += other.products[i] }
        for (code, m) in other.classes {
            classes[code, default: ClassMoments()].sum += m.sum
            classes[code, default: ClassMoments()].squares += m.squares
        }
    }

    /// Σ (x_i − x̄_i)(x_j − x̄_j) over the cases, figures `i` and `j`.
    func centred(_ i: Int, _ j: Int) -> Double {
        guard count > 0 else { return 0 }
        return products[productIndex(i, j)] - Double(sums[i]) * Double(sums[j]) / Double(count)
    }

    /// Σ (x − x̄)² of the class's waits over the cases (0 for a class no case has).
    func centredClass(_ code: Int32) -> Double {
        guard count > 0, let m = classes[code] else { return 0 }
        return m.squares - Double(m.sum) * Double(m.sum) / Double(count)
    }
}
