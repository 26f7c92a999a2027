import BatonCore
import Testing

@Suite("TimestampParser: RFC 3339, epoch, declared patterns with zones")
struct TimestampParserTests {
    @Test("epoch milliseconds and seconds, as text and as JSON numbers")
    func epoch() throws {
        let ms = try TimestampParser(.epochMilliseconds)
        #expect(try ms.parse("1741165200000").rfc3339 == "2025-03-05T09:00:00Z")
        #expect(try ms.parse(number: 1_741_165_200_123).rfc3339 == "2025-03-05T09:00:00.123Z")
        #expect(try TimestampParser(.epochSeconds).parse("1741165200").rfc3339 == "2025-03-05T09:00:00Z")
        #expect(throws: TimestampParser.Invalid.self) { try ms.parse("17411x") }
        #expect(throws: TimestampParser.Invalid.self) { try ms.parse("2025-03-05") }
        #expect(throws: TimestampParser.Invalid.self) { try ms.parse(number: 1e30) }
    }

    @Test("RFC 3339 needs an offset")
    func rfc3339() throws {
        let p = try TimestampParser(.rfc3339)
        #expect(try p.parse("2025-03-05T10:00:00+01:00").rfc3339 == "2025-03-05T09:00:00Z")
        #expect(throws: TimestampParser.Invalid.self) { try p.parse("2025-03-05T10:00:00") }
    }

    @Test("a local-time pattern in a zone, across daylight saving: gaps refused, repeats the earlier instant")
    func zone() throws {
        let p = try TimestampParser(.pattern("yyyy-MM-dd HH:mm:ss", zone: "America/New_York"))
        #expect(try p.parse("2025-03-05 09:00:00").rfc3339 == "2025-03-05T14:00:00Z")  // EST
        #expect(try p.parse("2025-03-10 08:00:00").rfc3339 == "2025-03-10T12:00:00Z")  // EDT
        let gap = #expect(throws: TimestampParser.Invalid.self) { try p.parse("2025-03-09 02:30:00") }
        #expect(gap?.reason.contains("does not exist in America/New_York") == true)
        // 01:30 on 2 November 2025 happens twice; the first is 05:30 UTC (EDT).
        #expect(try p.parse("2025-11-02 01:30:00").rfc3339 == "2025-11-02T05:30:00Z")
        #expect(throws: TimestampParser.Invalid.self) { try p.parse("2025-02-30 10:00:00") }
        #expect(throws: TimestampParser.Invalid.self) { try p.parse("2025-03-05 09:00") }
    }

    @Test("a pattern with an offset (Jira's) and with a fraction; day-first dates")
    func offsets() throws {
        let jira = try TimestampParser(.pattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", zone: nil))
        #expect(try jira.parse("2025-03-04T08:20:00.000+0100").rfc3339 == "2025-03-04T07:20:00Z")
        #expect(try jira.parse("2025-03-04T08:20:00.250-05:30").rfc3339 == "2025-03-04T13:50:00.25Z")
        #expect(try jira.parse("2025-03-04T08:20:00.000Z").rfc3339 == "2025-03-04T08:20:00Z")
        let dayFirst = try TimestampParser(.pattern("dd/MM/yyyy HH:mm", zone: "Europe/Brussels"))
        #expect(try dayFirst.parse("05/03/2025 10:00").rfc3339 == "2025-03-05T09:00:00Z")
    }

    @Test("unusable patterns are refused when the mapping is read")
    func badPatterns() {
        #expect(throws: TimestampParser.Invalid.self) { try TimestampParser(.pattern("yyyy-MM-dd HH:mm", zone: nil)) }
        #expect(throws: TimestampParser.Invalid.self) {
            try TimestampParser(.pattern("yyyy-MM-dd HH:mm", zone: "Mars/Olympus"))
        }
        #expect(throws: TimestampParser.Invalid.self) { try TimestampParser(.pattern("yyyy-MM-dd hh:mm", zone: "UTC")) }
        #expect(throws: TimestampParser.Invalid.self) { try TimestampParser(.pattern("yyyy-MM", zone: "UTC")) }
    }
}
