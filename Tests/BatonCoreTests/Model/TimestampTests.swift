import BatonCore
import Testing

/// Epoch seconds computed by hand:
/// 1970-01-01 → 2026-01-01 is 56 years with 14 leap days (1972 … 2024) = 20 454 days;
/// 2026-03-02 is 31 + 28 + 1 = 60 days later → 20 514 days × 86 400 s = 1 772 409 600 s; + 10 h = 1 772 445 600.
private let march2At10: Int64 = 1_772_445_600
private let second: Int64 = 1_000_000

private func parse(_ text: String) -> Int64? {
    Timestamp(rfc3339: text)?.microseconds
}

@Suite struct TimestampTests {
    // MARK: Parsing

    @Test func parsesUTCWithZ() {
        #expect(parse("2026-03-02T10:00:00Z") == march2At10 * second)
    }

    @Test func parsesUnixEpoch() {
        #expect(parse("1970-01-01T00:00:00Z") == 0)
        #expect(parse("1970-01-01T00:00:01Z") == second)
        #expect(parse("1970-01-02T00:00:00Z") == 86_400 * second)
    }

    @Test func acceptsLowercaseSeparatorAndZone() {
        #expect(parse("2026-03-02t10:00:00z") == march2At10 * second)
        #expect(parse("2026-03-02t10:00:00Z") == march2At10 * second)
        #expect(parse("2026-03-02T10:00:00z") == march2At10 * second)
    }

    @Test func positiveOffsetIsTheSameInstantAsUTC() {
        // 15:30 at +05:30 is 10:00 UTC.
        #expect(parse("2026-03-02T15:30:00+05:30") == march2At10 * second)
        #expect(parse("2026-03-02T11:00:00+01:00") == march2At10 * second)
    }

    @Test func negativeOffsetIsTheSameInstantAsUTC() {
        // 05:00 at -05:00 is 10:00 UTC.
        #expect(parse("2026-03-02T05:00:00-05:00") == march2At10 * second)
        // 23:15 on the previous day at -10:45 is 10:00 UTC.
        #expect(parse("2026-03-01T23:15:00-10:45") == march2At10 * second)
    }

    @Test func zeroOffsetsEqualZ() {
        #expect(parse("2026-03-02T10:00:00+00:00") == march2At10 * second)
        #expect(parse("2026-03-02T10:00:00-00:00") == march2At10 * second)
    }

    @Test func offsetCrossesDateAndYearBoundary() {
        // 2026-01-01T01:00:00+02:00 is 2025-12-31T23:00:00Z.
        // 2026-01-01T00:00:00Z is 20 454 days after the epoch.
        let newYear2026: Int64 = 20_454 * 86_400
        #expect(parse("2026-01-01T01:00:00+02:00") == (newYear2026 - 3600) * second)
        #expect(Timestamp(rfc3339: "2026-01-01T01:00:00+02:00")?.rfc3339 == "2025-12-31T23:00:00Z")
    }

    @Test(arguments: [
        ("2026-03-02T10:00:00.5Z", Int64(500_000)),
        ("2026-03-02T10:00:00.25Z", 250_000),
        ("2026-03-02T10:00:00.123Z", 123_000),
        ("2026-03-02T10:00:00.1234Z", 123_400),
        ("2026-03-02T10:00:00.12345Z", 123_450),
        ("2026-03-02T10:00:00.123456Z", 123_456),
        ("2026-03-02T10:00:00.1234567Z", 123_456),
        ("2026-03-02T10:00:00.12345678Z", 123_456),
        ("2026-03-02T10:00:00.123456789Z", 123_456),
        ("2026-03-02T10:00:00.999999999Z", 999_999),
        ("2026-03-02T10:00:00.000001Z", 1),
        ("2026-03-02T10:00:00.0000009Z", 0),
        ("2026-03-02T10:00:00.000Z", 0),
    ])
    func fractionIsTruncatedToMicroseconds(text: String, micros: Int64) {
        #expect(parse(text) == march2At10 * second + micros)
    }

    @Test func fractionWithOffset() {
        #expect(parse("2026-03-02T11:00:00.75+01:00") == march2At10 * second + 750_000)
    }

    @Test func emptyFractionIsRejected() {
        #expect(parse("2026-03-02T10:00:00.Z") == nil)
        #expect(parse("2026-03-02T10:00:00.+01:00") == nil)
    }

    @Test func leapYears() {
        // 2024 is a leap year: 2024-02-29 exists and is followed by 2024-03-01.
        let feb29 = parse("2024-02-29T00:00:00Z")
        let mar1 = parse("2024-03-01T00:00:00Z")
        #expect(feb29 != nil)
        if let feb29, let mar1 { #expect(mar1 - feb29 == 86_400 * second) }
        // 2023 is not; 1900 is not (divisible by 100); 2000 is (divisible by 400).
        #expect(parse("2023-02-29T00:00:00Z") == nil)
        #expect(parse("1900-02-29T00:00:00Z") == nil)
        #expect(parse("2000-02-29T00:00:00Z") != nil)
        #expect(parse("2024-02-30T00:00:00Z") == nil)
    }

    @Test func knownEpochValues() {
        // 2000-02-29T12:00:00Z: 10 957 days (30 years, 7 leap days) + 59 days = 11 016 days, + 12 h.
        #expect(parse("2000-02-29T12:00:00Z") == (11_016 * 86_400 + 43_200) * second)
        // 2024-02-29T00:00:00Z: 54 years with 13 leap days (1972 … 2020) = 19 723 days, + 59 days.
        #expect(parse("2024-02-29T00:00:00Z") == (19_782 * 86_400) * second)
        // End of 2026-03-02 in the contract example: 14:30 is 4.5 h after 10:00.
        #expect(parse("2026-03-02T14:30:00Z") == (march2At10 + 16_200) * second)
    }

    @Test func instantsBefore1970() {
        #expect(parse("1969-12-31T23:59:59Z") == -second)
        #expect(parse("1969-12-31T23:59:59.5Z") == -500_000)
        #expect(parse("1969-12-31T23:59:59.999999Z") == -1)
        // 1960-01-01: 10 years with 3 leap days (1960, 1964, 1968) = 3 653 days before the epoch.
        #expect(parse("1960-01-01T00:00:00Z") == -3_653 * 86_400 * second)
        // 0001-01-01 is 719 162 days before 1970-01-01.
        #expect(parse("0001-01-01T00:00:00Z") == -719_162 * 86_400 * second)
    }

    @Test func leapSecondRollsOverToTheNextMinute() {
        #expect(parse("2026-03-02T09:59:60Z") == march2At10 * second)
        #expect(parse("2016-12-31T23:59:60Z") == parse("2017-01-01T00:00:00Z"))
    }

    @Test(arguments: [
        "2026-13-01T00:00:00Z",  // month 13
        "2026-00-01T00:00:00Z",  // month 0
        "2026-01-00T00:00:00Z",  // day 0
        "2026-01-32T00:00:00Z",  // day 32
        "2026-04-31T00:00:00Z",  // April has 30 days
        "2026-03-02T24:00:00Z",  // hour 24
        "2026-03-02T10:60:00Z",  // minute 60
        "2026-03-02T10:00:61Z",  // second 61
        "0000-01-01T00:00:00Z",  // year 0
    ])
    func rejectsOutOfRangeFields(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test(arguments: [
        "2026-03-02T10:00:00",  // no offset: names no instant
        "2026-03-02T10:00:00.5",  // fraction but no offset
        "2026-03-02T10:00:00ZZ",  // trailing garbage
        "2026-03-02T10:00:00Z ",  // trailing space
        " 2026-03-02T10:00:00Z",  // leading space
        "2026-03-02T10:00:00+01:00x",
        "2026-03-02T10:00:00+0100",  // offset without colon
        "2026-03-02T10:00:00+01",  // offset without minutes
        "2026-03-02T10:00:00+24:00",  // offset hour out of range
        "2026-03-02T10:00:00+01:60",  // offset minute out of range
        "2026-03-02 10:00:00Z",  // space separator is not accepted
        "2026-03-02",  // date only
        "2026-3-02T10:00:00Z",  // one-digit month
        "26-03-02T10:00:00Z",  // two-digit year
        "2026-03-02T10:00Z",  // no seconds
        "2026/03/02T10:00:00Z",
        "",
        "not a timestamp",
    ])
    func rejectsMalformedText(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func parsesSubstrings() {
        let text = "[2026-03-02T10:00:00Z]"
        let inner = text.dropFirst().dropLast()
        #expect(Timestamp(rfc3339: inner)?.microseconds == march2At10 * second)
    }

    // MARK: Formatting

    @Test func formatsInUTCWithoutFractionWhenWhole() {
        #expect(Timestamp(microseconds: march2At10 * second).rfc3339 == "2026-03-02T10:00:00Z")
        #expect(Timestamp(microseconds: 0).rfc3339 == "1970-01-01T00:00:00Z")
    }

    @Test func formatsFractionWithoutTrailingZeros() {
        let base = march2At10 * second
        #expect(Timestamp(microseconds: base + 250_000).rfc3339 == "2026-03-02T10:00:00.25Z")
        #expect(Timestamp(microseconds: base + 500_000).rfc3339 == "2026-03-02T10:00:00.5Z")
        #expect(Timestamp(microseconds: base + 1).rfc3339 == "2026-03-02T10:00:00.000001Z")
        #expect(Timestamp(microseconds: base + 123_456).rfc3339 == "2026-03-02T10:00:00.123456Z")
        #expect(Timestamp(microseconds: base + 100_010).rfc3339 == "2026-03-02T10:00:00.10001Z")
    }

    @Test func formatsOffsetInputAsUTC() {
        #expect(Timestamp(rfc3339: "2026-03-02T15:30:00+05:30")?.rfc3339 == "2026-03-02T10:00:00Z")
        #expect(Timestamp(rfc3339: "2026-03-02T05:00:00.100-05:00")?.rfc3339 == "2026-03-02T10:00:00.1Z")
        #expect(Timestamp(rfc3339: "2026-03-02t10:00:00.000z")?.rfc3339 == "2026-03-02T10:00:00Z")
    }

    @Test func formatsInstantsBefore1970() {
        #expect(Timestamp(microseconds: -1).rfc3339 == "1969-12-31T23:59:59.999999Z")
        #expect(Timestamp(microseconds: -500_000).rfc3339 == "1969-12-31T23:59:59.5Z")
        #expect(Timestamp(microseconds: -second).rfc3339 == "1969-12-31T23:59:59Z")
        #expect(Timestamp(microseconds: -86_400 * second).rfc3339 == "1969-12-31T00:00:00Z")
        #expect(Timestamp(microseconds: -3_653 * 86_400 * second).rfc3339 == "1960-01-01T00:00:00Z")
        #expect(Timestamp(microseconds: -719_162 * 86_400 * second).rfc3339 == "0001-01-01T00:00:00Z")
    }

    @Test func formatsLeapDay() {
        #expect(Timestamp(microseconds: (11_016 * 86_400 + 43_200) * second).rfc3339 == "2000-02-29T12:00:00Z")
    }

    @Test(arguments: [
        "2026-03-02T10:00:00Z",
        "2026-03-02T10:04:00.25Z",
        "2024-02-29T23:59:59.999999Z",
        "1969-12-31T23:59:59.000001Z",
        "1900-03-01T00:00:00Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999Z",
    ])
    func canonicalTextRoundTrips(text: String) {
        #expect(Timestamp(rfc3339: text)?.rfc3339 == text)
    }

    @Test func descriptionIsRFC3339() {
        let t = Timestamp(microseconds: march2At10 * second + 250_000)
        #expect(t.description == "2026-03-02T10:00:00.25Z")
        #expect("\(t)" == "2026-03-02T10:00:00.25Z")
    }

    // MARK: Arithmetic and ordering

    @Test func arithmeticAndOrdering() {
        let a = Timestamp(microseconds: 1_000)
        let b = a.adding(microseconds: 2_500)
        #expect(b.microseconds == 3_500)
        #expect(b.microseconds(since: a) == 2_500)
        #expect(a.microseconds(since: b) == -2_500)
        #expect(a < b)
        #expect(!(b < a))
        #expect(!(a < a))
        #expect([b, a, Timestamp(microseconds: -5)].sorted().map(\.microseconds) == [-5, 1_000, 3_500])
        #expect(a.adding(microseconds: -1_000) == Timestamp(microseconds: 0))
    }
}
