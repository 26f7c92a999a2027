import BatonCore

/// The report page's "What it costs" section (issue 22): each assistant's cost and what it bought,
/// then the estate's. Absent when the tenant recorded nothing about costs; a missing input is named,
/// never shown as zero.
enum CostSection {
    static func render(_ report: ValueReport) -> HTML {
        guard let costs = report.costs else { return "" }
        let rows = report.assistants.compactMap { a -> HTML? in
            guard let c = a.cost else { return nil }
            return row(
                a.name, currency: c.currency, total: c.total, note: c.note, licence: c.licence, tokens: c.tokenSpend,
                aiTasks: c.aiTasks, withTokens: c.aiTasksWithTokens, perCase: c.perTouchedCase,
                perEffortHour: c.perEffortHourSaved, perLeadHour: c.perLeadHourSaved, net: c.netValue)
        }
        let all = row(
            ValueReportBuilder.portfolioName, currency: costs.currency, total: costs.total, note: costs.note,
            licence: costs.licence, tokens: costs.tokenSpend, aiTasks: costs.aiTasks,
            withTokens: costs.aiTasksWithTokens, perCase: costs.perTouchedCase, perEffortHour: costs.perEffortHourSaved,
            perLeadHour: costs.perLeadHourSaved, net: costs.netValue)
        let unused: HTML =
            costs.unusedLicences.isEmpty
            ? ""
            : "<p>Licences paid with no AI task in the period: \(costs.unusedLicences.joined(separator: ", ")).</p>"
        return """
            <section class="keep"><h2>What it costs</h2>
            <table><thead><tr><th>assistant</th><th class="num">cost</th><th class="num">licence</th><th class="num">tokens</th><th class="num">per touched case</th><th class="num">per analyst hour saved</th><th class="num">per lead-time hour saved</th><th class="num">net value</th></tr></thead>
            <tbody>\(rows)\(all)</tbody></table>
            \(unused)
            <p class="muted">Licences are pro-rated by the share of each calendar month the period covers; tokens are priced at the price in force on each task's day. Cost per hour saved divides the cost by the hours saved and maps their 95% interval; when that interval reaches zero no ratio is given ("no saving measured"). Net value is effort hours saved × the hourly rate − cost (Docs/metrics.md, Costs).</p></section>
            """
    }

    static func row(
        _ name: String, currency: String?, total: Double?, note: String?, licence: Double?, tokens: Double?,
        aiTasks: Int, withTokens: Int, perCase: Double?, perEffortHour: CostFigure, perLeadHour: CostFigure,
        net: CostFigure
    ) -> HTML {
        """
        <tr><th scope="row">\(name)</th>\
        <td class="num">\(total.map { HumanFormat.money($0, currency) } ?? note ?? CostFigure.noCost)</td>\
        <td class="num">\(licence.map { HumanFormat.money($0, currency) } ?? "no licence recorded")</td>\
        <td class="num">\(tokens.map { HumanFormat.money($0, currency) } ?? (withTokens > 0 ? "not priced" : "no token counts"))<br><span class="muted">\(HumanFormat.count(withTokens)) of \(HumanFormat.count(aiTasks)) AI tasks with token counts</span></td>\
        <td class="num">\(perCase.map { HumanFormat.money($0, currency) } ?? "–")</td>\
        <td class="num">\(HumanFormat.costFigure(perEffortHour, currency))</td>\
        <td class="num">\(HumanFormat.costFigure(perLeadHour, currency))</td>\
        <td class="num">\(HumanFormat.costFigure(net, currency))</td></tr>
        """
    }
}
