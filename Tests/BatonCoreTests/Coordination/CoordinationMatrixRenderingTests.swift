import BatonCore
import Testing

@Suite("Coordination matrix in the text and Markdown reports")
struct CoordinationMatrixRenderingTests {
    static func matrix() -> CoordinationMatrix {
        let x = CoordinationSide(assistant: "siem|x")
        var c = CoordinationMatrix.Cell(from: x, to: .human)
        c.handoffs = 12
        c.waitingHours = 3
        c.medianWaitMinutes = 45
        c.contextCarriedShare = 0.25
        c.regatherShare = 0.75
        c.reworkShare = 0
        c.brokenLinks = 9
        c.links = 3
        c.medianLinkWaitMinutes = 90
        c.duplicateHours = 0.5
        return CoordinationMatrix(
            sides: [x, .human], cells: [c], brokenLinks: 9, otherCaseLinks: 2, cycleLinks: 1,
            aiOutputConsumedShare: 0.25, duplicateHours: 0.5,
            guidance: [
                .init(
                    from: x, to: .human, problem: "regathering", hoursAtStake: 2.25,
                    practice: "feed siem|x's output into the analyst's input")
            ])
    }

    @Test("text: one line per busy pair with its figures, the counts, and the practices")
    func text() {
        let lines = Self.matrix().lines(markdown: false)
        #expect(
            lines.first
                == "  siem|x → human: 12 handoffs, median wait 45 min, context carried 25%, re-gathered 75%, reworked 0%; 9 broken links; 3 links (median 1 h 30 min); duplicate work 30 min"
        )
        #expect(lines.contains { $0.contains("context_from outside the case 2, on a cycle 1") })
        #expect(lines.contains { $0.contains("AI output consumed by a named task 25%") })
        #expect(
            lines.last
                == "  1. siem|x → human, regathering: 2 h 15 min at stake. Feed siem|x's output into the analyst's input."
        )
    }

    @Test("Markdown: a table whose cells escape the pipe of an assistant's name")
    func markdown() {
        let lines = Self.matrix().lines(markdown: true)
        #expect(lines[0].hasPrefix("| from → to | handoffs | median wait |"))
        #expect(lines[2].hasPrefix("| siem\\|x → human | 12 | 45 min | 25% | 75% | 0% | 9 | 3 | 1 h 30 min | 30 min |"))
    }

    @Test("a matrix read from the rollups says so, before the practices; one read from the rows does not")
    func rollupsPath() {
        let rows = Self.matrix()
        var rollups = rows
        rollups.path = .rollups
        for md in [false, true] {
            let (a, b) = (rows.lines(markdown: md), rollups.lines(markdown: md))
            #expect(!a.contains { $0.contains("rollups") })
            let note = try? #require(b.firstIndex { $0.contains("read from daily rollups") })
            // The bound is the histograms' own (0.249%), rounded up.
            #expect(b.contains { $0.hasSuffix("medians within 0.25%") })
            #expect(note == a.count - rows.guidance.count, "the note comes right before the practices")
            #expect(b.count == a.count + 1 && b.last == a.last)
        }
    }

    @Test("an empty matrix says there were no handoffs")
    func empty() {
        #expect(CoordinationMatrix().lines(markdown: false).first == "  no handoffs in this period")
    }
}
