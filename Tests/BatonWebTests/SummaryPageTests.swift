import BatonCore
import BatonSimulation
import Foundation
import Testing

@testable import BatonWeb

@Suite struct SummaryPageTests {
    static func report() throws -> ValueReport {
        var scenario = try Scenario.bundled(named: "default")
        scenario.workflows = 3_000
        return ValueReportBuilder().build(SOCSimulator(scenario: scenario, seed: 7).reportInput())
    }

    @Test("one page: the headline, every assistant's decision with its rule, three fixes; names escaped")
    func page() throws {
        var report = try Self.report()
        let hostile = "<script>alert(1)</script>"
        report.assistants[0].name = hostile
        report.assistants[1].perceivedRating = "excellent"
        report.assistants[1].perceivedResponses = 4
        let html = SummaryPage.render(report, layout: Layout(tenant: "soc-1", role: "viewer", csrf: "t")).rendered
        #expect(!html.contains(hostile) && html.contains(HTML.escape(hostile)))
        #expect(html.contains(HTML.escape(report.headline)))
        for a in report.assistants {
            let decision = try #require(a.decision)
            #expect(html.contains("<td><strong>\(HTML.escape(decision.verdict))</strong></td>"))
            #expect(html.contains(HTML.escape(decision.rule)))
        }
        #expect(html.components(separatedBy: "<li><strong>").count - 1 == min(3, report.guidance.count))
        // Nothing recorded about costs: the page says how to record them instead of showing zero.
        #expect(report.costs == nil && html.contains("No cost recorded"))
        #expect(html.contains("aria-current=\"page\">Summary"))
        // Perceived against measured, as table rows (not escaped markup).
        let perceived = report.assistants.filter { $0.perceivedRating != nil }
        #expect(!perceived.isEmpty && !html.contains("&lt;tr&gt;"))
        for a in perceived { #expect(html.contains("<td>\(a.measuredRating)</td>")) }
    }

    @Test("standalone: one self-contained file, no navigation or forms")
    func standalone() throws {
        let html = SummaryPage.standalone(try Self.report()).rendered
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<style>"))
        #expect(!html.contains("<nav") && !html.contains("<form"))
        #expect(html.contains("id=\"decisions\""))
    }
}
