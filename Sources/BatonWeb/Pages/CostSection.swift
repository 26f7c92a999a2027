import BatonCore

/// The report page's "What it costs" section (issue 22): each assistant's cost and what it bought,
/// then the estate's. Absent when the tenant recorded nothing about costs; a missing input is named,
/// never shown as zero.
enum CostSection {
    static func render(_ report: ValueReport) -> HTML {
        guard let costs = report.costs else { return "" }
        let rows = report.assistants.compactMap { a in a.cost.map { row(a.name, $0) } }
        let all = row(ValueReportBuilder.portfolioName, costs)
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

    static func row(_ name: String, _ c: some CostSummary) -> HTML {
        let currency = c.currency
        return """
            <tr><th scope="row">\(name)</th>\
            <td class="num">\(c.total.map { HumanFormat.money($0, currency) } ?? c.note ?? CostFigure.noCost)</td>\
            <td class="num">\(c.licence.map { HumanFormat.money($0, currency) } ?? "no licence recorded")</td>\
            <td class="num">\(c.tokenSpend.map { HumanFormat.money($0, currency) } ?? (c.aiTasksWithTokens > 0 ? "not priced" : "no token counts"))<br><span class="muted">\(HumanFormat.count(c.aiTasksWithTokens)) of \(HumanFormat.count(c.aiTasks)) AI tasks with token counts</span></td>\
            <td class="num">\(c.perTouchedCase.map { HumanFormat.money($0, currency) } ?? "–")</td>\
            <td class="num">\(HumanFormat.costFigure(c.perEffortHourSaved, currency))</td>\
            <td class="num">\(HumanFormat.costFigure(c.perLeadHourSaved, currency))</td>\
            <td class="num">\(HumanFormat.costFigure(c.netValue, currency))</td></tr>
            """
    }
}
