import Foundation

/// Numbers formatted for people, the same on every page and in the terminal: durations in hours
/// and minutes, factors as `3.1×`, shares as `4%`. Always dot decimals, whatever the locale.
public enum HumanFormat {
    /// `45 s`, `12 min`, `2 h 05 min`, `3 d 4 h`.
    public static func duration(microseconds: Int64) -> String {
        duration(seconds: Double(microseconds) / 1_000_000)
    }

    public static func duration(seconds value: Double) -> String {
        guard value.isFinite else { return "–" }
        let sign = value < 0 ? "−" : ""
        let seconds = Int(abs(value).rounded())
        if seconds < 60 { return "\(sign)\(seconds) s" }
        let minutes = Int((abs(value) / 60).rounded())
        if minutes < 60 { return "\(sign)\(minutes) min" }
        if minutes < 48 * 60 { return "\(sign)\(minutes / 60) h \(String(format: "%02d", minutes % 60)) min" }
        let hours = Int((abs(value) / 3_600).rounded())
        return "\(sign)\(hours / 24) d \(hours % 24) h"
    }

    /// Hours as a duration: `1 h 30 min`.
    public static func hours(_ value: Double) -> String { duration(seconds: value * 3_600) }

    /// Hours with one decimal and a sign, for changes: `+0.6 h`, `−1.2 h`.
    public static func signedHours(_ value: Double) -> String {
        let text = String(format: "%.1f h", abs(value))
        return value < 0 ? "−" + text : "+" + text
    }

    /// `3.1×`.
    public static func factor(_ value: Double) -> String { String(format: "%.1f×", value) }

    /// `4%`; `0.4%` below one percent; `−25%` with the same minus sign as every other figure.
    public static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "–" }
        let p = abs(fraction * 100)
        let text = p < 1 && p != 0 ? String(format: "%.1f%%", p) : String(format: "%.0f%%", p)
        return fraction < 0 && text != "0%" ? "−" + text : text
    }

    /// An error bound (a fraction) as a percentage with two decimals, rounded up so that it never
    /// claims more accuracy than it has: `0.25%` for 0.249%.
    public static func percentBound(_ fraction: Double) -> String {
        guard fraction.isFinite, fraction >= 0 else { return "–" }
        // The small allowance keeps a bound that is exactly on a hundredth (0.5%) from rounding up
        // past it through binary representation error.
        return String(format: "%.2f%%", (fraction * 10_000 - 1e-9).rounded(.up) / 100)
    }

    /// A lead-time reduction (a fraction; positive = shorter) in words: `4% sooner`, `14% later`.
    public static func soonerOrLater(_ reduction: Double) -> String {
        reduction >= 0 ? percent(reduction) + " sooner" : percent(-reduction) + " later"
    }

    /// A change of duration with its sign: `+29 min`, `−1 h 13 min`.
    public static func signedDuration(hours value: Double) -> String {
        guard value.isFinite else { return "–" }
        let text = duration(seconds: abs(value) * 3_600)
        return (value < 0 ? "−" : "+") + text
    }

    /// A change of a case's lead time in words: `29 min slower`, `1 h 13 min faster`.
    public static func slowerOrFaster(hours value: Double) -> String {
        duration(seconds: abs(value) * 3_600) + (value > 0 ? " slower" : " faster")
    }

    /// A share with its sign, for changes: `+4%`, `−0.4%`.
    public static func signedPercent(_ fraction: Double) -> String {
        fraction < 0 ? percent(fraction) : "+" + percent(fraction)
    }

    /// A change of a share in percentage points, with its sign: `+4 pp`, `−0.4 pp`.
    public static func signedPoints(_ fraction: Double) -> String {
        let text = percent(fraction).replacingOccurrences(of: "%", with: " pp")
        return fraction < 0 || text == "– pp" ? text : "+" + text
    }

    /// A count with thousands separated by commas: `12,400`.
    public static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (n < 0 ? "−" : "") + groups.joined(separator: ",")
    }

    /// An estimate as `value (low to high)`, or its status when it has no value: every rendering
    /// of an interval goes through here.
    public static func estimate(_ e: ValueReport.Estimate, _ format: (Double) -> String) -> String {
        guard let v = e.value else { return e.status }
        guard let l = e.low, let h = e.high else { return format(v) }
        return "\(format(v)) (\(format(l)) to \(format(h)))"
    }
}
