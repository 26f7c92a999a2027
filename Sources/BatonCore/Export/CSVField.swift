/// One cell of an exported CSV file.
///
/// Text and numbers are kept apart because spreadsheet formula injection is neutralised only in
/// text: a negative number such as `-0.25` must stay a number a spreadsheet can sum, while a text
/// cell starting with `-` could be a formula (`-2+3` or `-cmd|...`).
public enum CSVField: Sendable, Hashable {
    /// No value: "insufficient data" or not applicable; the row's `notes` cell says which.
    case empty
    case text(String)
    case integer(Int)
    /// Written with a dot as decimal separator whatever the locale, rounded to `decimals` places.
    case number(Double, decimals: Int = 4)

    /// `.text` for a value, `.empty` for `nil`.
    public static func text(_ value: String?) -> CSVField {
        value.map { .text($0) } ?? .empty
    }

    /// `.number` for a finite value, `.empty` for `nil`, infinities and NaN.
    public static func number(_ value: Double?) -> CSVField {
        guard let value, value.isFinite else { return .empty }
        return .number(value, decimals: 4)
    }
}
