import BatonCore

extension Timestamp {
    /// 0001-01-01T00:00:00Z.
    static let yearOne = Timestamp(microseconds: -62_135_596_800_000_000)

    /// The instant as PostgreSQL `timestamptz` input. RFC 3339 text, except before year 1: an
    /// offset can put a valid RFC 3339 time such as `0001-01-01T00:00:00+03:00` in year 0 UTC,
    /// which `rfc3339` writes `0000-...` and PostgreSQL refuses (22008); PostgreSQL writes year 0
    /// as `0001-... BC`.
    var postgresText: String {
        guard self < Self.yearOne else { return rfc3339 }
        // The Gregorian calendar repeats every 400 years: move into year 1 or later, write that,
        // and give back the years in PostgreSQL's BC numbering (year y ≤ 0 is 1 − y BC).
        let cycle: Int64 = 146_097 * 86_400_000_000
        var cycles = 0
        var shifted = self
        while shifted < Self.yearOne {
            shifted = Timestamp(microseconds: shifted.microseconds + cycle)
            cycles += 1
        }
        let text = shifted.rfc3339
        guard let year = Int(text.prefix(4)) else { return text }
        let bc = String(1 - (year - 400 * cycles))
        return String(repeating: "0", count: max(0, 4 - bc.count)) + bc + text.dropFirst(4) + " BC"
    }
}
