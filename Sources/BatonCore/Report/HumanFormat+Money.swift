import Foundation

extension HumanFormat {
    /// An amount with its currency and two decimals, thousands separated: `USD 1,234.50`,
    /// `USD −12.00`.
    public static func money(_ amount: Double, _ currency: String?) -> String {
        guard amount.isFinite else { return "–" }
        let cents = Int((abs(amount) * 100).rounded())
        let text = count(cents / 100) + String(format: ".%02d", cents % 100)
        return (currency.map { $0 + " " } ?? "") + (amount < 0 && cents != 0 ? "−" : "") + text
    }

    /// A cost figure as `value (low to high)`, or its status and reason when it has no value.
    public static func costFigure(_ f: CostFigure, _ currency: String?) -> String {
        guard let v = f.value else { return f.status + (f.note.map { " (\($0))" } ?? "") }
        guard let l = f.low, let h = f.high else { return money(v, currency) }
        return "\(money(v, currency)) (\(money(l, currency)) to \(money(h, currency)))"
    }
}
