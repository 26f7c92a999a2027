import BatonCore
import Foundation
import Testing

/// Epoch seconds worked out by hand (as in TimestampTests):
/// 1970-01-01 → 2026-01-01 is 56 years with 14 leap days = 20 454 days → 1 767 225 600 s;
/// 2026-03-02 is 31 + 28 + 1 = 60 days later → 20 514 days → 1 772 409 600 s.
private let jan1Seconds: Int64 = 1_767_225_600
private let march2Seconds: Int64 = 1_772_409_600
private let second: Int64 = 1_000_000
private let ninetyDays: Int64 = 90 * 86_400 * second  // 7 776 000 s

/// The error message of a failing call, or nil when it succeeds.
private func failure<T>(_ body: () throws(ReportPeriod.InvalidPeriod) -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch {
        return error.description
    }
}

@Suite struct ReportPeriodTests {
    // MARK: parse

    @Test func parsesAPlainDateAsUTCMidnight() throws {
        #expect(try ReportPeriod.parse("2026-03-02", field: "from").microseconds == march2Seconds * second)
        #expect(try ReportPeriod.parse("2026-01-01", field: "to").microseconds == jan1Seconds * second)
    }

    @Test func parsesRFC3339Timestamps() throws {
        // 10:00 UTC = 36 000 s after midnight
        let tenUTC = (march2Seconds + 36_000) * second
        #expect(try ReportPeriod.parse("2026-03-02T10:00:00Z", field: "from").microseconds == tenUTC)
        // 12:00 at +02:00 is the same instant
        #expect(try ReportPeriod.parse("2026-03-02T12:00:00+02:00", field: "from").microseconds == tenUTC)
        // a fraction of a second is kept: .5 s = 500 000 µs
        #expect(try ReportPeriod.parse("2026-03-02T10:00:00.5Z", field: "from").microseconds == tenUTC + 500_000)
    }

    @Test(
        "rejects text that is neither a date nor an RFC 3339 timestamp, naming the field",
        arguments: [
            "yesterday",
            "",
            "2026-02-30",  // ten characters, but February 2026 has 28 days
            "2026-13-01",  // no month 13
            "2026/03/02",
            "2026-03-02T10:00:00",  // no offset: names no instant
            "2026-03-02 10:00:00Z",
        ])
    func rejectsGarbage(text: String) {
        for field in ["from", "to"] {
            let message = failure { () throws(ReportPeriod.InvalidPeriod) in
                try ReportPeriod.parse(text, field: field)
            }
            #expect(message?.contains("'\(field)'") == true, "\(message ?? "no error")")
            #expect(message?.contains("is not a date") == true)
        }
    }

    @Test func errorMessageQuotesAtMostFortyCharacters() throws {
        let text = String(repeating: "x", count: 100)
        let message = try #require(
            failure { () throws(ReportPeriod.InvalidPeriod) in try ReportPeriod.parse(text, field: "from") })
        #expect(message.contains("'" + String(repeating: "x", count: 40) + "'"))
        #expect(!message.contains(String(repeating: "x", count: 41)))
    }

    // MARK: resolve

    @Test func defaultsToTheNinetyDaysBeforeNow() throws {
        // now = 2026-03-02T10:00:00.75Z; the fraction is dropped.
        let now = Date(timeIntervalSince1970: Double(march2Seconds + 36_000) + 0.75)
        let (from, to) = try ReportPeriod.resolve(from: nil, to: nil, now: now)
        #expect(to.microseconds == (march2Seconds + 36_000) * second)
        #expect(from.microseconds == to.microseconds - ninetyDays)
    }

    @Test func fromDefaultsToNinetyDaysBeforeAGivenTo() throws {
        let (from, to) = try ReportPeriod.resolve(from: nil, to: "2026-03-02")
        #expect(to.microseconds == march2Seconds * second)
        // 2026-03-02 back 60 days is 2026-01-01, back 30 more is 2025-12-02.
        #expect(from.rfc3339 == "2025-12-02T00:00:00Z")
    }

    @Test func toDefaultsToNow() throws {
        let now = Date(timeIntervalSince1970: Double(march2Seconds + 36_000))
        let (from, to) = try ReportPeriod.resolve(from: "2026-01-01", to: nil, now: now)
        #expect(from.microseconds == jan1Seconds * second)
        #expect(to.microseconds == (march2Seconds + 36_000) * second)
    }

    @Test func usesBothWhenGiven() throws {
        let (from, to) = try ReportPeriod.resolve(from: "2026-01-01", to: "2026-03-02T10:00:00Z")
        #expect(from.microseconds == jan1Seconds * second)
        #expect(to.microseconds == (march2Seconds + 36_000) * second)
    }

    @Test func rejectsFromNotBeforeTo() {
        let equal = failure { () throws(ReportPeriod.InvalidPeriod) in
            try ReportPeriod.resolve(from: "2026-03-02", to: "2026-03-02T00:00:00Z")
        }
        #expect(equal == "'from' must be before 'to'")
        let reversed = failure { () throws(ReportPeriod.InvalidPeriod) in
            try ReportPeriod.resolve(from: "2026-03-31", to: "2026-03-01")
        }
        #expect(reversed == "'from' must be before 'to'")
        // A `from` after the default `to` (now) is rejected too.
        let now = Date(timeIntervalSince1970: Double(march2Seconds))
        let future = failure { () throws(ReportPeriod.InvalidPeriod) in
            try ReportPeriod.resolve(from: "2026-04-01", to: nil, now: now)
        }
        #expect(future == "'from' must be before 'to'")
    }

    @Test func resolveNamesTheFieldThatIsGarbage() {
        let badFrom = failure { () throws(ReportPeriod.InvalidPeriod) in
            try ReportPeriod.resolve(from: "yesterday", to: "2026-03-02")
        }
        #expect(badFrom?.hasPrefix("'from'") == true, "\(badFrom ?? "no error")")
        let badTo = failure { () throws(ReportPeriod.InvalidPeriod) in
            try ReportPeriod.resolve(from: "2026-03-01", to: "tomorrow")
        }
        #expect(badTo?.hasPrefix("'to'") == true, "\(badTo ?? "no error")")
    }
}
