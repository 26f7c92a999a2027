import Foundation
import Testing

@testable import BatonCore

@Suite("Survey CSV cost columns (issue 22)")
struct SurveyCostColumnsTests {
    /// The hand-computed report with a licence for `bot` (1,000 a month) and a rate of 50 an hour.
    static let report: ValueReport = {
        var input = ReportFixtures.handComputedInput()
        input.assistants.append(
            AssistantMetadata(name: "bot", licence: AssistantLicence(monthlyCost: 1_000, currency: "USD")))
        return ReportFixtures.build(input, ReportFixtures.options(hourlyRate: 50))
    }()

    @Test("only with include_costs, after notes; every other column keeps its place")
    func included() throws {
        let plain = try CSVReader.records(
            SurveyExport(report: Self.report, context: SurveyFixtures.context, anonymize: false).csv())
        #expect(plain[0] == SurveyExport.columns)
        let text = SurveyExport(
            report: Self.report, context: SurveyFixtures.context, anonymize: false, includeCosts: true
        ).csv()
        let rows = try CSVReader.records(text)
        #expect(rows[0] == SurveyExport.columns + ["cost_per_hours_saved", "net_value"])
        #expect(rows.allSatisfy { $0.count == SurveyExport.columns.count + 2 })
        let assistant = SurveyFixtures.column("assistant")
        let botRow = try #require(rows.first { $0[assistant] == "bot" })
        let bot = try #require(Self.report.assistants.first { $0.name == "bot" }?.cost)
        let n = SurveyExport.columns.count
        // The cells copy the report's figures (two decimals), or are empty with the reason in notes.
        for (offset, figure) in [(0, bot.perEffortHourSaved), (1, bot.netValue)] {
            if let value = figure.value {
                let cell = try #require(Double(botRow[n + offset]))
                #expect(abs(cell - (value * 100).rounded() / 100) < 1e-9)
            } else {
                #expect(botRow[n + offset] == "")
                #expect(botRow[n - 1].contains(figure.status))
            }
        }
        // Net value needs only a rate and effort saved: the fixture's bot has both.
        let net = try #require(bot.netValue.value)
        let effort = try #require(Self.report.assistants.first { $0.name == "bot" }?.effortSavedHours.value)
        #expect(abs(net - (effort * 50 - 1_000 * (2 + 29.0 / 31))) < 1e-9)
        #expect(botRow[n - 1].contains("costs in USD"))
        // The other columns are the same as without costs.
        let plainBot = try #require(plain.first { $0[assistant] == "bot" })
        #expect(Array(botRow[..<(n - 1)]) == Array(plainBot[..<(n - 1)]))
    }

    @Test("--anonymize always drops the cost columns")
    func anonymized() throws {
        let text = SurveyExport(
            report: Self.report, context: SurveyFixtures.context, anonymize: true, includeCosts: true
        ).csv()
        let rows = try CSVReader.records(text)
        #expect(rows[0] == SurveyExport.columns)
        #expect(!text.contains("cost_per_hours_saved") && !text.contains("USD"))
    }
}
