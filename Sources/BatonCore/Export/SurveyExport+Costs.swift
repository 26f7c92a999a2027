extension SurveyExport {
    /// Appended after `notes` with `--include-costs` (issue 22), so every other column keeps its
    /// place: cost per analyst hour saved, and the net value of the effort saved, in the report's
    /// currency (`Docs/export.md`).
    public static let costColumns = ["cost_per_hours_saved", "net_value"]

    /// Whether this file carries the cost columns: asked for, and not anonymised.
    var writesCosts: Bool { includeCosts && !anonymize }

    /// A row (SOC or assistant, told apart by its `assistant` cell) with the cost cells after its
    /// notes, and the reason for each empty cost cell added to the notes.
    func withCosts(_ row: [CSVField]) -> [CSVField] {
        let assistantIndex = Self.columns.firstIndex(of: "assistant")!
        let currency = report.costs?.currency
        let figures: (CostFigure, CostFigure)?
        if case .text(let name) = row[assistantIndex] {
            figures = report.assistants.first { $0.name == name }?.cost.map { ($0.perEffortHourSaved, $0.netValue) }
        } else {
            figures = report.costs.map { ($0.perEffortHourSaved, $0.netValue) }
        }
        var reasons: [String] = []
        func cell(_ column: String, _ figure: CostFigure?) -> CSVField {
            guard let value = figure?.value else {
                reasons.append("\(column): \(figure?.status ?? CostFigure.noCost)")
                return .empty
            }
            return .number(value, decimals: 2)
        }
        let cells = [cell("cost_per_hours_saved", figures?.0), cell("net_value", figures?.1)]
        var out = row
        if let currency { reasons.append("costs in \(currency)") }
        if !reasons.isEmpty, case .text(let notes) = out[out.count - 1] {
            out[out.count - 1] = .text(notes + "; " + reasons.joined(separator: "; "))
        } else if !reasons.isEmpty {
            out[out.count - 1] = .text(reasons.joined(separator: "; "))
        }
        return out + cells
    }
}
