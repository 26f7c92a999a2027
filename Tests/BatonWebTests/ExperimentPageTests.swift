import BatonCore
import BatonSimulation
import Testing

@testable import BatonWeb

/// The experiment page from a real analysis: the hidden-selection scenario's randomized holdout
/// (value-model §7), built in memory.
@Suite struct ExperimentPageTests {
    static let report: ValueReport = {
        var scenario = try! Scenario.bundled(named: "hidden-selection")
        scenario.workflows = 3_000
        return ValueReportBuilder().build(SOCSimulator(scenario: scenario, seed: 3).reportInput())
    }()

    static func status(stopped: Timestamp? = nil, planned: Int? = 5_000) throws -> ExperimentStatus {
        let x = try #require(report.assistants.lazy.compactMap(\.experiment).first)
        let a = try #require(report.assistants.first { $0.experiment != nil })
        return ExperimentStatus(
            experiment: Experiment(
                name: x.name, assistant: a.name, holdoutShare: x.holdoutShare,
                startsAt: try #require(Timestamp(rfc3339: x.startsAt)), plannedSample: planned, stoppedAt: stopped),
            createdAt: Timestamp(rfc3339: x.startsAt)!, useCount: 1_200, holdoutCount: 300, running: stopped == nil)
    }

    static let layout = Layout(tenant: "soc-1", role: "viewer", csrf: "c")

    @Test("arms, both intervals in a titled chart and a table, the verdict, progress, and when to expect a verdict")
    func running() throws {
        let x = try #require(Self.report.assistants.lazy.compactMap(\.experiment).first)
        let status = try Self.status()
        let to = try #require(Timestamp(rfc3339: Self.report.period.to))
        let html = ExperimentPage.render(status: status, report: Self.report, now: to, layout: Self.layout).rendered
        #expect(html.contains("<h1>Experiment \(x.name)</h1>"))
        #expect(html.contains(HTML.escape(String(x.verdict.dropFirst()))))
        #expect(ExperimentPage.sentence("no effect yet") == "No effect yet.")
        #expect(html.contains("1,500 cases assigned: 1,200 to use the assistant, 300 held out"))
        #expect(html.contains("30% of the planned 5,000"))
        #expect(html.contains("<progress id=\"experiment-progress\" max=\"5000\" value=\"1500\""))
        #expect(html.contains("<td class=\"num\">\(HumanFormat.count(x.useWorkflows))</td>"))
        // Both intervals: in the chart, titled, and in the table through the one formatter.
        let cs = try #require(x.confidenceSequence)
        #expect(html.contains("id=\"chart-experiment\""))
        #expect(html.contains("<title id=\"chart-experiment-title\">"))
        #expect(html.contains("fixed-horizon 95% interval of the lead-time change"))
        #expect(html.contains("anytime-valid 95% interval of the lead-time change"))
        let signed = HumanFormat.signedDuration(hours:)
        #expect(html.contains(HTML.escape(HumanFormat.estimate(x.intentionToTreat.deltaLeadHours, signed))))
        #expect(html.contains(HTML.escape("\(signed(cs.low)) to \(signed(cs.high))")))
        // When to expect a verdict, from the cases still needed and the pace so far.
        let further = try #require(x.furtherCasesNeeded)
        if further > 0 {
            let from = try #require(Timestamp(rfc3339: Self.report.period.from))
            let start = max(status.experiment.startsAt, from)
            let perDay =
                Double(x.useWorkflows + x.holdoutWorkflows) / (Double(to.microseconds(since: start)) / 86_400e6)
            let days = Int((Double(further) / perDay).rounded(.up))
            #expect(html.contains("expect a verdict in about \(HumanFormat.count(days)) days"))
        } else {
            #expect(html.contains("enough cases to detect a 10% change"))
        }
    }

    @Test("a stopped experiment says that no more cases will come; without a plan, no progress bar")
    func stopped() throws {
        let to = try #require(Timestamp(rfc3339: Self.report.period.to))
        let status = try Self.status(stopped: to, planned: nil)
        let html = ExperimentPage.render(status: status, report: Self.report, now: to, layout: Self.layout).rendered
        #expect(html.contains("State</th><td>stopped"))
        #expect(!html.contains("<progress"))
        #expect(html.contains("no planned sample was set"))
        let x = try #require(Self.report.assistants.lazy.compactMap(\.experiment).first)
        if (x.furtherCasesNeeded ?? 0) > 0 { #expect(html.contains("no longer assigns cases")) }
    }
}
