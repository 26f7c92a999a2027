import Foundation

/// Writes CSV as RFC 4180 says: a header row, CRLF after every record, fields quoted only when they
/// contain a comma, a double quote, CR or LF (quotes doubled inside), UTF-8.
///
/// Text cells that a spreadsheet would read as a formula (first character `=`, `+`, `-`, `@`,
/// tab or carriage return; OWASP's "CSV injection" rule) get a leading `'`, so that opening an
/// exported file never runs what somebody typed into a name or a note. Numbers are never altered.
public enum CSVWriter {
    /// Characters that make a spreadsheet treat a cell as a formula (OWASP).
    static let formulaTriggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// One record, CRLF-terminated.
    public static func line(_ fields: [CSVField]) -> String {
        var out = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { out += "," }
            out += encode(field)
        }
        return out + "\r\n"
    }

    /// A header row of plain names.
    public static func header(_ names: [String]) -> String {
        line(names.map { .text($0) })
    }

    public static func encode(_ field: CSVField) -> String {
        switch field {
        case .empty: return ""
        case .integer(let value): return String(value)
        case .number(let value, let decimals): return format(value, decimals: decimals)
        case .text(let value): return quoted(neutralised(value))
        }
    }

    /// The text a spreadsheet will show for `value`: unchanged, or with `'` in front when it
    /// would otherwise start a formula.
    public static func neutralised(_ value: String) -> String {
        guard let first = value.first, formulaTriggers.contains(first) else { return value }
        return "'" + value
    }

    /// `value` as an RFC 4180 field: quoted only when it has to be.
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A decimal with a dot, never an exponent, at most `decimals` places, trailing zeros removed.
    /// Built from integers so that no locale can turn the dot into a comma.
    static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "" }
        let places = max(0, min(decimals, 9))
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * Double(scale)).rounded()
        // Beyond 2^63 the rounding to `places` is meaningless anyway; keep the integer part.
        guard scaled < 9.2e18 else { return (value < 0 ? "-" : "") + String(format: "%.0f", abs(value)) }
        let units = Int64(scaled)
        let whole = units / scale
        var fraction = units % scale
        let sign = value < 0 && units != 0 ? "-" : ""
        guard fraction != 0 else { return sign + String(whole) }
        var digits = places
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let fractionText = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
}
