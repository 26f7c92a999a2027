import Testing

@testable import BatonCore

@Suite("Licence pro-rated by calendar month")
struct LicenceProrationTests {
    static func day(_ text: String) -> Timestamp { Timestamp(utcDate: text)! }

    @Test("a whole month costs one monthly amount, whatever its length")
    func wholeMonths() {
        let licence = AssistantLicence(monthlyCost: 1_000, currency: "USD")
        // March: 31 days; February 2028: 29 days (leap year). Each is one monthly amount.
        let march = LicenceProration.cost(of: licence, from: Self.day("2026-03-01"), to: Self.day("2026-04-01"))
        #expect(abs(march.amount - 1_000) < 1e-9)
        #expect(march.days == 31)
        let february = LicenceProration.cost(of: licence, from: Self.day("2028-02-01"), to: Self.day("2028-03-01"))
        #expect(abs(february.amount - 1_000) < 1e-9)
        #expect(february.days == 29)
    }

    @Test("a period across two months takes each month's share: 16/31 of March + 15/30 of April")
    func acrossMonths() {
        let licence = AssistantLicence(monthlyCost: 1_000, currency: "USD")
        let c = LicenceProration.cost(of: licence, from: Self.day("2026-03-16"), to: Self.day("2026-04-16"))
        // 1,000 × 16/31 = 516.129032…; 1,000 × 15/30 = 500.
        #expect(abs(c.amount - (1_000.0 * 16 / 31 + 500)) < 1e-9)
        #expect(c.days == 31)
    }

    @Test("a licence starting mid-period is paid from its first day: 3,100 × 21/31 = 2,100")
    func startsMidPeriod() {
        let licence = AssistantLicence(monthlyCost: 3_100, currency: "EUR", startsAt: Self.day("2026-03-11"))
        let c = LicenceProration.cost(of: licence, from: Self.day("2026-03-01"), to: Self.day("2026-04-01"))
        #expect(abs(c.amount - 2_100) < 1e-9)
        #expect(c.days == 21)
        let later = LicenceProration.cost(of: licence, from: Self.day("2026-02-01"), to: Self.day("2026-03-01"))
        #expect(later.amount == 0 && later.days == 0)
    }

    @Test("dates: YYYY-MM-DD only, real days only")
    func dates() {
        #expect(Timestamp(utcDate: "2026-03-11")?.rfc3339 == "2026-03-11T00:00:00Z")
        #expect(Timestamp(utcDate: "2026-02-29") == nil)
        #expect(Timestamp(utcDate: "2026-3-11") == nil)
        #expect(Timestamp(utcDate: "2026-03-11T00:00:00Z") == nil)
        #expect(Timestamp(utcDate: "2026-03-11")!.utcDateText == "2026-03-11")
        #expect(Timestamp(utcDayNumber: Timestamp(utcDate: "1969-12-31")!.utcDayNumber).utcDateText == "1969-12-31")
    }
}
