public import Foundation

/// Parses a report period: RFC 3339 timestamps or plain dates (UTC midnight).
public enum ReportPeriod {
    public struct InvalidPeriod: Error, CustomStringConvertible, Sendable {
        public var description: String

        package init(description: String) { self.description = description }
    }

    public static func parse(_ text: String, field: String) throws(InvalidPeriod) -> Timestamp {
        if let t = Timestamp(rfc3339: text) { return t }
        if text.count == 10, let t = Timestamp(rfc3339: text + "T00:00:00Z") { return t }
        throw InvalidPeriod(
            description: "'\(field)': '\(text.prefix(40))' is not a date (YYYY-MM-DD) or an RFC 3339 timestamp")
    }

    /// `to` defaults to `defaultEnd`, else now; `from` to 90 days before `to`; `from` must be
    /// before `to`.
    public static func resolve(
        from: String?, to: String?, defaultEnd: Timestamp? = nil, now: Date = Date()
    ) throws(InvalidPeriod) -> (Timestamp, Timestamp) {
        // Now in whole seconds, which read cleanly.
        let end =
            try to.map { text throws(InvalidPeriod) in try parse(text, field: "to") }
            ?? defaultEnd ?? Timestamp(microseconds: Timestamp(now).microseconds / 1_000_000 * 1_000_000)
        let start =
            try from.map { text throws(InvalidPeriod) in try parse(text, field: "from") }
            ?? end.adding(microseconds: -90 * 86_400 * 1_000_000)
        guard start < end else { throw InvalidPeriod(description: "'from' must be before 'to'") }
        return (start, end)
    }
}
