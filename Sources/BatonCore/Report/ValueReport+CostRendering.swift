extension ValueReport {
    /// The "What it costs" lines of the text and Markdown report: each assistant's cost and what it
    /// bought, then the estate's. Missing inputs are named, never shown as zero.
    func costLines(_ costs: PortfolioCost, bullet: String) -> [String] {
        var out: [String] = []
        for a in assistants {
            if let c = a.cost { out.append("\(bullet)\(a.name): " + Self.costSentence(c)) }
        }
        out.append("\(bullet)\(ValueReportBuilder.portfolioName): " + Self.costSentence(costs))
        if !costs.unusedLicences.isEmpty {
            out.append(
                "\(bullet)licences paid with no AI task in the period: \(costs.unusedLicences.joined(separator: ", "))")
        }
        if let rate = options.hourlyRate {
            out.append(
                "\(bullet)net value = effort hours saved × \(HumanFormat.money(rate, costs.currency)) per hour − cost; intervals are the savings' 95% intervals"
            )
        }
        return out
    }

    static func costSentence(_ c: some CostSummary) -> String {
        let currency = c.currency
        let licenceText = c.licence.map { "licence \(HumanFormat.money($0, currency))" } ?? "no licence recorded"
        let tokenText =
            c.tokenSpend.map { "tokens \(HumanFormat.money($0, currency))" }
            ?? (c.aiTasksWithTokens > 0 ? "tokens not priced" : "no token counts")
        var parts = [
            (c.total.map { HumanFormat.money($0, currency) } ?? (c.note ?? CostFigure.noCost))
                + " (\(licenceText); \(tokenText); \(HumanFormat.count(c.aiTasksWithTokens)) of \(HumanFormat.count(c.aiTasks)) AI tasks with token counts)"
        ]
        if let perCase = c.perTouchedCase { parts.append("\(HumanFormat.money(perCase, currency)) per touched case") }
        parts.append("per analyst hour saved \(HumanFormat.costFigure(c.perEffortHourSaved, currency))")
        parts.append("per lead-time hour saved \(HumanFormat.costFigure(c.perLeadHourSaved, currency))")
        parts.append("net value \(HumanFormat.costFigure(c.netValue, currency))")
        return parts.joined(separator: "; ")
    }
}
