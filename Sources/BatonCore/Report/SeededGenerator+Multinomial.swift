import Foundation

/// Binomial and multinomial draws, for a bootstrap that resamples bins rather than tasks
/// (``DurationHistogram``): a resample of `n` values from `b` bins costs O(b), not O(n).
extension SeededGenerator {
    /// Draws `total` items with replacement, item of cell `k` with probability
    /// `weights[k] / Σ weights`, and writes how many fell in each cell to `drawn` (resized to the
    /// weights' count). Cells are visited in order, each a binomial draw conditional on the ones
    /// before it: `Binomial(remaining items, weights[k] / remaining weight)`. That factorisation is
    /// exactly the multinomial, and the remaining weight is an integer, so no rounding accumulates.
    package mutating func multinomial(_ total: Int, weights: [Int64], into drawn: inout [Int32]) {
        precondition(total >= 0 && total <= Int(Int32.max))
        if drawn.count != weights.count { drawn = [Int32](repeating: 0, count: weights.count) }
        var remaining = total
        var mass = weights.reduce(0, +)
        precondition(total == 0 || mass > 0, "drawing from nothing")
        for k in 0..<weights.count {
            guard remaining > 0 else {
                drawn[k] = 0
                continue
            }
            let x = weights[k] >= mass ? remaining : binomial(remaining, Double(weights[k]) / Double(mass))
            drawn[k] = Int32(x)
            remaining -= x
            mass -= weights[k]
        }
    }

    /// A draw from Binomial(n, p): by inversion when the smaller tail's mean is at most 30,
    /// otherwise by Kachitvichyanukul and Schmeiser's BTPE rejection (Comm. ACM 31(2), 1988), in
    /// the form NumPy uses. Both are exact up to floating point; the expected cost is O(1) for
    /// BTPE and O(1 + np) for inversion.
    package mutating func binomial(_ n: Int, _ p: Double) -> Int {
        precondition(n >= 0 && (0...1).contains(p))
        if n == 0 || p == 0 { return 0 }
        if p == 1 { return n }
        let flip = p > 0.5
        let r = flip ? 1 - p : p
        let x = Double(n) * r <= 30 ? binomialInversion(n, r) : binomialBTPE(n, r)
        return flip ? n - x : x
    }

    /// Inversion for `p ≤ 0.5` and `np ≤ 30`, restarting in the rare case the walk passes a
    /// bound far in the tail (where rounding could otherwise run it past `n`).
    private mutating func binomialInversion(_ n: Int, _ p: Double) -> Int {
        let q = 1 - p
        let qn = Foundation.exp(Double(n) * Foundation.log(q))
        let np = Double(n) * p
        let bound = min(Double(n), np + 10 * (np * q + 1).squareRoot())
        var x = 0
        var px = qn
        var u = uniform()
        while u > px {
            x += 1
            if Double(x) > bound {
                x = 0
                px = qn
                u = uniform()
            } else {
                u -= px
                px = Double(n - x + 1) * p * px / (Double(x) * q)
            }
        }
        return x
    }

    /// BTPE for `p ≤ 0.5` and `np > 30`: a triangle, two parallelograms and two exponential
    /// tails majorize the distribution around its mode; a candidate is accepted by an explicit
    /// ratio of probabilities near the mode and by Stirling bounds far from it.
    private mutating func binomialBTPE(_ n: Int, _ p: Double) -> Int {
        let nd = Double(n)
        let r = p
        let q = 1 - r
        let fm = nd * r + r
        let m = Int(fm.rounded(.down))
        let md = Double(m)
        let p1 = (2.195 * (nd * r * q).squareRoot() - 4.6 * q).rounded(.down) + 0.5
        let xm = md + 0.5
        let xl = xm - p1
        let xr = xm + p1
        let c = 0.134 + 20.5 / (15.3 + md)
        var a = (fm - xl) / (fm - xl * r)
        let laml = a * (1 + a / 2)
        a = (xr - fm) / (xr * q)
        let lamr = a * (1 + a / 2)
        let p2 = p1 * (1 + 2 * c)
        let p3 = p2 + c / laml
        let p4 = p3 + c / lamr
        let nrq = nd * r * q
        while true {
            let u = uniform() * p4
            var v = uniform()
            var y: Int
            if u <= p1 {
                // The triangle: accepted at once.
                return Int((xm - p1 * v + u).rounded(.down))
            } else if u <= p2 {
                let x = xl + (u - p1) / c
                v = v * c + 1 - abs(md - x + 0.5) / p1
                if v > 1 { continue }
                y = Int(x.rounded(.down))
            } else if u <= p3 {
                guard v > 0 else { continue }
                let yd = (xl + Foundation.log(v) / laml).rounded(.down)
                if yd < 0 { continue }
                y = Int(yd)
                v = v * (u - p2) * laml
            } else {
                guard v > 0 else { continue }
                let yd = (xr - Foundation.log(v) / lamr).rounded(.down)
                if yd > nd { continue }
                y = Int(yd)
                v = v * (u - p3) * lamr
            }
            let k = abs(y - m)
            let kd = Double(k)
            if k <= 20 || kd >= nrq / 2 - 1 {
                // Near the mode: the ratio f(y) / f(m) by recursion.
                let s = r / q
                let aa = s * (nd + 1)
                var f = 1.0
                if m < y {
                    for i in (m + 1)...y { f *= aa / Double(i) - s }
                } else if m > y {
                    for i in (y + 1)...m { f /= aa / Double(i) - s }
                }
                if v <= f { return y }
                continue
            }
            // Far from it: squeeze with bounds on log f(y) / f(m), then Stirling's series.
            let rho = (kd / nrq) * ((kd * (kd / 3 + 0.625) + 0.166_666_666_666_666_66) / nrq + 0.5)
            let t = -kd * kd / (2 * nrq)
            let logV = Foundation.log(v)
            if logV < t - rho { return y }
            if logV > t + rho { continue }
            let x1 = Double(y + 1)
            let f1 = md + 1
            let z = nd + 1 - md
            let w = nd - Double(y) + 1
            func stirling(_ v: Double) -> Double {
                let v2 = v * v
                return (13_680 - (462 - (132 - (99 - 140 / v2) / v2) / v2) / v2) / v / 166_320
            }
            let bound =
                xm * Foundation.log(f1 / x1) + (nd - md + 0.5) * Foundation.log(z / w)
                + Double(y - m) * Foundation.log(w * r / (x1 * q)) + stirling(f1) + stirling(z) + stirling(x1)
                + stirling(w)
            if logV <= bound { return y }
        }
    }
}
