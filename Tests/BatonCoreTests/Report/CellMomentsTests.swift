import Foundation
import Testing

@testable import BatonCore

/// A cell's sufficient statistics: exact sums, products that merge by addition, and centred sums
/// that match a two-pass computation over the cases.
@Suite struct CellMomentsTests {
    /// Cases of lognormal figures (µs): lead = touch + intake + closure + two classes' waits, the
    /// second class on every other case; the extra number a 0/1 flag.
    static func cases(_ n: Int, seed: UInt64, medianHours: Double = 6, sigma: Double = 1.2) -> [(
        figures: [Int64], classes: [(Int32, Int64)]
    )] {
        var g = SeededGenerator(seed: seed)
        func draw(_ hours: Double) -> Int64 { Int64(hours * 3_600_000_000 * exp(sigma * g.normal())) }
        return (0..<n).map { i in
            let touch = draw(medianHours / 4)
            let intake = draw(medianHours / 10)
            let closure = draw(medianHours / 20)
            var classes: [(Int32, Int64)] = [(3, draw(medianHours / 2))]
            if i % 2 == 1 { classes.append((8, draw(medianHours / 3))) }
            let lead = touch + intake + closure + classes.reduce(0) { $0 + $1.1 }
            return ([lead, touch, intake, closure, Int64(g.index(below: 2))], classes)
        }
    }

    @Test("sums, products and centred sums of three cases, by hand")
    func byHand() {
        var m = CellMoments(extra: false)
        m.add([10, 4, 1, 2], classes: [(7, 3)])
        m.add([20, 6, 3, 1], classes: [(7, 5), (9, 6)])
        m.add([30, 8, 2, 3], classes: [])
        #expect(m.count == 3)
        #expect(m.sums == [60, 18, 6, 6])
        // Σ lead·touch = 40 + 120 + 240; Σ lead² = 100 + 400 + 900; Σ intake·closure = 2 + 3 + 6.
        #expect(m.products[m.productIndex(0, 1)] == 400)
        #expect(m.products[m.productIndex(1, 0)] == 400)
        #expect(m.products[m.productIndex(0, 0)] == 1_400)
        #expect(m.products[m.productIndex(2, 3)] == 11)
        #expect(m.products.count == 10)
        // Centred: 1,400 − 60²/3 = 200; 400 − 60·18/3 = 40; touch 16 + 36 + 64 − 18²/3 = 8.
        #expect(m.centred(0, 0) == 200)
        #expect(m.centred(0, 1) == 40)
        #expect(m.centred(1, 1) == 8)
        // Class 7: waits 3, 5 and 0 (the third case has none): 9 + 25 − 8²/3.
        #expect(m.classes[7] == .init(sum: 8, squares: 34))
        #expect(abs(m.centredClass(7) - (34 - 64.0 / 3)) < 1e-12)
        #expect(abs(m.centredClass(9) - (36 - 36.0 / 3)) < 1e-12)
        #expect(m.centredClass(42) == 0)
    }

    @Test("every product index is distinct and symmetric, with and without the extra number")
    func productIndexes() {
        for extra in [false, true] {
            let m = CellMoments(extra: extra)
            let indexes = (0..<m.figureCount).flatMap { i in (i..<m.figureCount).map { m.productIndex(i, $0) } }
            #expect(indexes == Array(0..<m.products.count))
            #expect(m.productIndex(3, 1) == m.productIndex(1, 3))
        }
    }

    @Test("days merge into the period's moments in any order: sums exactly, products to rounding")
    func merging() {
        let all = Self.cases(3_000, seed: 4)
        var whole = CellMoments(extra: true)
        for c in all { whole.add(c.figures, classes: c.classes) }
        // Thirty "days" of uneven sizes, merged in a shuffled order.
        var g = SeededGenerator(seed: 9)
        var days = [CellMoments](repeating: CellMoments(extra: true), count: 30)
        for c in all { days[g.index(below: 30)].add(c.figures, classes: c.classes) }
        var merged = CellMoments(extra: true)
        for d in days.shuffled(using: &g) { merged.merge(d) }
        #expect(merged.count == whole.count)
        #expect(merged.sums == whole.sums)
        #expect(merged.classes.mapValues(\.sum) == whole.classes.mapValues(\.sum))
        for (a, b) in zip(merged.products, whole.products) { #expect(abs(a / b - 1) < 1e-12) }
        for (code, m) in merged.classes { #expect(abs(m.squares / whole.classes[code]!.squares - 1) < 1e-12) }
    }

    @Test("the moments of a design's cases read from the columns are those of their rows")
    func fromColumns() {
        var names = ReportNames()
        let rows = StratifiedContrastTests.decomposedRows(40)
        let columns = ReportInput.columns(of: rows, names: &names)
        let picked: [Int32] = [0, 3, 4, 9, 17, 22, 39]
        let flags = (0..<40).map { Int64($0 % 3 == 0 ? 1 : 0) }
        let m = CellMoments(columns, workflows: picked, extra: flags)
        var byHand = CellMoments(extra: true)
        for p in picked.map(Int.init) {
            let waits = rows[p].classWaits.map { (names.existingCode($0.key)!, $0.value) }
            byHand.add([rows[p].lead, rows[p].touch, rows[p].intake, rows[p].closure, flags[p]], classes: waits)
        }
        #expect(m == byHand)
        #expect(m.sums[CellMoments.lead] == picked.reduce(0) { $0 + rows[Int($1)].lead })
        #expect(m.hasExtra)
        #expect(!CellMoments(columns, workflows: picked).hasExtra)
    }

    /// The brief's extreme: a million cases with leads around 30 days (2.6·10¹² µs, squares summing
    /// to about 10³¹ µs²), and a narrow spread (CV about 0.1), the hardest case for Σx² − (Σx)²/n.
    @Test("centred sums of a million 30-day leads match a two-pass computation to 1e-8")
    func precisionAtScale() {
        var g = SeededGenerator(seed: 21)
        let month = 30 * 24 * 3_600_000_000.0
        var m = CellMoments(extra: false)
        var leads: [Int64] = []
        leads.reserveCapacity(1_000_000)
        for _ in 0..<1_000_000 {
            let lead = Int64(month * (1 + 0.1 * g.normal()))
            let touch = lead / 7
            leads.append(lead)
            m.add([lead, touch, 0, lead - touch], classes: [])
        }
        #expect(m.sums[0] == leads.reduce(0, +))
        let mean = Double(m.sums[0]) / Double(leads.count)
        let twoPass = leads.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) }
        let relative = abs(m.centred(0, 0) / twoPass - 1)
        print("CellMoments: a million 30-day leads (CV 0.1): centred sum of squares off by \(relative) relatively")
        #expect(relative < 1e-8)
    }
}
