extension ValueReport {
    /// The "What it costs" lines of the text and Markdown report: each assistant's cost and what it
    /// bought, then the estate's. Missing inputs are named, never shown as zero.
    func costLines(_ costs: PortfolioCost, bullet: String) -> [String] {
        var out: [String] = []
        for a in assistants {
            guard let c = a.cost else { continue }
            out.append(
                "\(bullet)\(a.name): "
                    + Self.costSentence(
                        total: c.total, note: c.note, licence: c.licence, tokens: c.tokenSpend, aiTasks: c.aiTasks,
                        withTokens: c.aiTasksWithTokens, currency: c.currency, perCase: c.perTouchedCase,
                        perEffortHour: c.perEffortHourSaved, perLeadHour: c.perLeadHourSaved, net: c.netValue))
        }
        out.append(
            "\(bullet)\(ValueReportBuilder.portfolioName): "
                + Self.costSentence(
                    total: costs.total, note: costs.note, licence: costs.licence, tokens: costs.tokenSpend,
                    aiTasks: costs.aiTasks, withTokens: costs.aiTasksWithTokens, currency: costs.currency,
                    perCase: costs.perTouchedCase, perEffortHour: costs.perEffortHourSaved,
                    perLeadHour: costs.perLeadHourSaved, net: costs.netValue))
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

    static func costSentence(
        total: Double?, note: String?, licence: Double?, tokens: Double?, aiTasks: Int, withTokens: Int,
        currency: String?, perCase: Double?, perEffortHour: CostFigure, perLeadHour: CostFigure, net: CostFigure
    ) -> String {
        let licenceText = licence.map { "licence \(HumanFormat.money($0, currency))" } ?? "no licence recorded"
        let tokenText =
            tokens.map { "tokens \(HumanFormat.money($0, currency))" }
            ?? (withTokens > 0 ? "tokens not priced" : "no token counts")
        var parts = [
            (total.map { HumanFormat.money($0, currency) } ?? (note ?? CostFigure.noCost))
                + " (\(licenceText); \(tokenText); \(HumanFormat.count(withTokens)) of \(HumanFormat.count(aiTasks)) AI tasks with token counts)"
        ]
        if let perCase { parts.append("\(HumanFormat.money(perCase, currency)) per touched case") }
        parts.append("per analyst hour saved \(HumanFormat.costFigure(perEffortHour, currency))")
        parts.append("per lead-time hour saved \(HumanFormat.costFigure(perLeadHour, currency))")
        parts.append("net value \(HumanFormat.costFigure(net, currency))")
        return parts.joined(separator: "; ")
    }
}
