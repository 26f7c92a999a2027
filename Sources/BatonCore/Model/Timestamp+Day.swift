extension Timestamp {
    static let microsecondsPerDay: Int64 = 86_400_000_000

    /// Midnight UTC of a calendar date written `YYYY-MM-DD`, or `nil` when the text is not one.
    /// Prices and licences change on calendar days, not at instants (`Docs/metrics.md`, Costs).
    public init?(utcDate text: some StringProtocol) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        var i = 0
        guard let year = Self.decimal(b, at: &i, count: 4) else { return nil }
        i = 5
        guard let month = Self.decimal(b, at: &i, count: 2) else { return nil }
        i = 8
        guard let day = Self.decimal(b, at: &i, count: 2), (1...12).contains(month),
            (1...Self.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        self.init(microseconds: Int64(Self.daysFromCivil(year: year, month: month, day: day)) * Self.microsecondsPerDay)
    }

    /// Days since 1970-01-01 of this instant's UTC calendar day.
    public var utcDayNumber: Int {
        let perDay = Self.microsecondsPerDay
        return Int(microseconds >= 0 ? microseconds / perDay : (microseconds - perDay + 1) / perDay)
    }

    /// Midnight UTC of the day `dayNumber` days after 1970-01-01.
    public init(utcDayNumber dayNumber: Int) {
        self.init(microseconds: Int64(dayNumber) * Self.microsecondsPerDay)
    }

    /// This instant's UTC calendar date, `YYYY-MM-DD`.
    public var utcDateText: String { String(rfc3339.prefix(10)) }
}
