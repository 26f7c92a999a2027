import BatonCore
import Testing

/// The survey CSV's coordination columns (value-model §8): per assistant from the matrix's
/// `by_side`, the SOC row over every side, and a note when there is no matrix.
@Suite("Survey CSV coordination columns")
struct SurveyCoordinationColumnsTests {
    typealias F = SurveyFixtures

    @Test("each assistant row carries its side's shares and duplicated hours; the SOC row all sides together")
    func columns() throws {
        var report = F.report
        let name = report.assistants[0].name
        let x = CoordinationSide(assistant: name)
        var out = CoordinationMatrix.Cell(from: x, to: .human)
        out.handoffs = 8
        out.contextCarriedShare = 0.25
        out.regatherShare = 0.5
        var back = CoordinationMatrix.Cell(from: .human, to: x)
        back.handoffs = 2
        back.contextCarriedShare = 1
        back.regatherShare = 0
        report.coordination = CoordinationMatrix(
            sides: [x, .human], cells: [out, back],
            bySide: [
                .init(
                    side: x, handoffsOut: 8, handoffsOutWithContextShare: 0.25, regatherAfterShare: 0.5,
                    duplicateHours: 1.5),
                .init(
                    side: .human, handoffsOut: 2, handoffsOutWithContextShare: 1, regatherAfterShare: 0,
                    duplicateHours: 0.5),
            ], duplicateHours: 2)
        let rows = try CSVReader.records(SurveyExport(report: report, context: F.context, anonymize: false).csv())
        func cell(_ row: Int, _ column: String) -> String { rows[row][F.column(column)] }
        // Names that look like formulas are neutralised in the file, so rows are found by a part.
        let row = try #require(rows.firstIndex { $0[F.column("assistant")].contains("HYPERLINK") })
        #expect(name == F.hostileAssistant)
        #expect(cell(row, "handoffs_out_with_context_share") == "0.25")
        #expect(cell(row, "regather_after_share") == "0.5")
        #expect(cell(row, "duplicate_hours") == "1.5")
        // SOC row: (8 × 0.25 + 2 × 1) / 10 carried, (8 × 0.5) / 10 re-gathered, 2 h duplicated.
        #expect(cell(1, "handoffs_out_with_context_share") == "0.4")
        #expect(cell(1, "regather_after_share") == "0.4")
        #expect(cell(1, "duplicate_hours") == "2")
        // The other assistant handed nothing on: empty shares, 0 hours, and a note saying why.
        let other = try #require(rows.firstIndex { $0[F.column("assistant")].contains("SUM(1+1)") })
        #expect(cell(other, "handoffs_out_with_context_share") == "")
        #expect(cell(other, "duplicate_hours") == "0")
        #expect(cell(other, "notes").contains("no handoffs out in the period"))
    }

    @Test("without a coordination matrix the columns are empty and the notes say so")
    func absent() throws {
        let rows = try CSVReader.records(SurveyExport(report: F.report, context: F.context, anonymize: false).csv())
        #expect(rows[1][F.column("duplicate_hours")] == "")
        #expect(rows[1][F.column("notes")].contains("no coordination figures"))
    }
}
