import Testing

@testable import BatonCore

@Suite struct TimestampMonthTests {
    @Test("the month start is the first instant of the UTC month, before and after 1970")
    func monthStart() throws {
        let cases: [(String, String)] = [
            ("2026-01-31T23:59:59.999999Z", "2026-01-01T00:00:00Z"),
            ("2026-02-01T00:00:00Z", "2026-02-01T00:00:00Z"),
            ("2026-02-01T04:30:00+05:00", "2026-01-01T00:00:00Z"),
            ("2024-02-29T12:00:00Z", "2024-02-01T00:00:00Z"),
            ("1969-12-31T23:59:59.999999Z", "1969-12-01T00:00:00Z"),
            ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"),
        ]
        for (input, expected) in cases {
            let at = try #require(Timestamp(rfc3339: input))
            #expect(at.utcMonthStart == Timestamp(rfc3339: expected), "\(input)")
        }
    }

    @Test("months ahead and back cross years, also before 1970")
    func monthArithmetic() throws {
        let at = try #require(Timestamp(rfc3339: "2026-11-28T22:00:00Z"))
        let cases: [(Int, String)] = [
            (0, "2026-11-01T00:00:00Z"), (1, "2026-12-01T00:00:00Z"), (2, "2027-01-01T00:00:00Z"),
            (-11, "2025-12-01T00:00:00Z"), (-12, "2025-11-01T00:00:00Z"), (-683, "1969-12-01T00:00:00Z"),
            (-24, "2024-11-01T00:00:00Z"),
        ]
        for (count, expected) in cases {
            #expect(at.utcMonthStart(plusMonths: count) == Timestamp(rfc3339: expected), "\(count)")
        }
    }
}
