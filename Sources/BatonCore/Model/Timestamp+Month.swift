extension Timestamp {
    /// The first instant of this timestamp's calendar month in UTC: the partition a workflow's
    /// rows live in when this is its effective opening (SQL `baton_month`, migration 0010).
    public var utcMonthStart: Timestamp {
        let perDay: Int64 = 86_400_000_000
        let days = microseconds >= 0 ? microseconds / perDay : (microseconds - perDay + 1) / perDay
        let civil = Self.civilFromDays(Int(days))
        return Timestamp(
            microseconds: Int64(Self.daysFromCivil(year: civil.year, month: civil.month, day: 1)) * perDay)
    }

    /// The first instant of the UTC month `count` months after this timestamp's (before it, for
    /// a negative count).
    public func utcMonthStart(plusMonths count: Int) -> Timestamp {
        let perDay: Int64 = 86_400_000_000
        let start = utcMonthStart
        let civil = Self.civilFromDays(Int(start.microseconds / perDay))
        let index = civil.year * 12 + (civil.month - 1) + count
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        return Timestamp(
            microseconds: Int64(Self.daysFromCivil(year: year, month: index - year * 12 + 1, day: 1)) * perDay)
    }
}
