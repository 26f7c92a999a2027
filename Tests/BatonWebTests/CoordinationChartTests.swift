import Foundation
import Testing

@testable import BatonCore
@testable import BatonWeb

@Suite("Coordination heatmap")
struct CoordinationChartTests {
    static let hostile = "<img src=x onerror=alert(1)>\"&'"

    static func matrix() -> CoordinationMatrix {
        let x = CoordinationSide(assistant: "siem-x")
        let evil = CoordinationSide(assistant: hostile)
        var a = CoordinationMatrix.Cell(from: x, to: evil)
        a.handoffs = 4
        a.waitingHours = 6
        a.medianWaitMinutes = 75
        a.contextCarriedShare = 0.25
        a.regatherShare = 0.5
        a.reworkShare = 0
        a.brokenLinks = 3
        var b = CoordinationMatrix.Cell(from: evil, to: .human)
        b.handoffs = 2
        b.waitingHours = 1
        b.contextCarriedShare = 1
        b.duplicateHours = 0.5
        return CoordinationMatrix(sides: [evil, x, .human], cells: [a, b], brokenLinks: 3)
    }

    @Test("cells are titled in words, link to the queue filtered to their pair, and empty pairs are blank")
    func cells() {
        let html = CoordinationChart.render(Self.matrix()).rendered
        #expect(html.contains("role=\"img\""))
        #expect(html.contains("<title id=\"chart-coordination-title\">Handoffs between assistants and people</title>"))
        #expect(
            html.contains("siem-x to &lt;img src=x onerror=alert(1)&gt;&quot;&amp;&#39;: 4 handoffs, 6 waiting hours"))
        #expect(html.contains("context carried 25%"))
        #expect(html.contains("3 broken links"))
        // The link names both sides, percent-encoded, and asks for assistant classes.
        #expect(
            html.contains(
                "href=\"/handoffs?from_assistant=siem-x&amp;to_assistant=%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%22%26%27&amp;class_by=assistant\""
            ))
        #expect(html.contains("to_assistant=human"))
        // 3 × 3 sides, 2 cells with figures: 7 blank rectangles.
        #expect(html.components(separatedBy: "fill=\"#f5f7fa\"").count - 1 == 7)
    }

    @Test("a hostile assistant name is escaped in labels, titles, the description and links")
    func escaping() {
        let html = CoordinationChart.render(Self.matrix()).rendered + CoordinationChart.table(Self.matrix()).rendered
        #expect(!html.contains("<img"))
        #expect(!html.contains("onerror=alert(1)>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test("no matrix, or an empty one, says so instead of drawing")
    func empty() {
        #expect(CoordinationChart.render(nil).rendered.contains("No handoffs between assistants"))
        #expect(CoordinationChart.render(CoordinationMatrix()).rendered.contains("No handoffs between assistants"))
    }
}
