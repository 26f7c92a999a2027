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
}
