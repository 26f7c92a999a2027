public import BatonCore

/// `/`: the overview dashboard: the headline, key figures and the five charts.
public enum OverviewPage {
    public static func render(_ report: ValueReport, layout: Layout) -> HTML {
        let s = report.samples
        let f = report.friction
        let touched = report.leadComposition.first { $0.cohort == "touched" }
        let waitShare = touched.map { $0.meanLeadHours > 0 ? 1 - $0.meanTouchHours / $0.meanLeadHours : 0 }
        var tiles: [HTML] = [
            tile("\(s.closedWorkflows)", "closed cases (\(s.openWorkflows) still open)"),
            tile(
                s.closedWorkflows > 0
                    ? HumanFormat.percent(Double(s.aiTouchedWorkflows) / Double(s.closedWorkflows)) : "–",
                "of cases touched by AI"),
        ]
        if let w = waitShare { tiles.append(tile(HumanFormat.percent(w), "of a touched case's lead time is waiting")) }
        if let m = f.flowEfficiencyMedian {
            tiles.append(tile(HumanFormat.percent(m), "median flow efficiency (work ÷ lead time)"))
        }
        if let p = f.pingPongShare { tiles.append(tile(HumanFormat.percent(p), "of cases ping-pong between tools")) }
        let rows = (report.assistants + (report.portfolio.map { [$0] } ?? [])).map { a -> HTML in
            let main = SpeedupLeadChart.main(a)
            let speed = main?.speedup.value.map { HumanFormat.factor($0) } ?? "–"
            let lead = a.realizedLeadReduction.value.map(HumanFormat.soonerOrLater) ?? "insufficient data"
            let capture = a.valueCaptureRatio?.value.map { HumanFormat.percent($0) } ?? "–"
            return """
                <tr><th scope="row">\(a.name)</th><td>\(main?.taskType ?? "–")</td><td class="num">\(speed)</td>\
                <td class="num">\(lead)\(ReportPage.effectNotes(a))</td><td class="num">\(capture)</td><td>\(a.measuredRating)</td><td>\(a.perceivedRating ?? "–")</td></tr>
                """
        }
        let content: HTML = """
            <h1>AI value overview</h1>
            <p class="muted">\(PeriodForm.describe(report)) · tenant \(report.tenant) · \(PeriodForm.estimator(report))</p>
            \(PeriodForm.render(action: "/", report: report))
            <p class="headline">\(report.headline)</p>
            \(runningExperiments(report))
            <div class="tiles">\(tiles)</div>
            <h2>Fast tasks, slow workflow</h2>
            <figure>\(SpeedupLeadChart.render(report.assistants))
            <figcaption>Dots: point estimates; lines: 95% intervals (the case bootstrap's; on the right, where every stratum has 30 cases in each cell, the normal approximation's, as the text report says). Left, how much faster each assistant's main task type is than the same work without AI; right, how much sooner (green square) or later (orange square) the cases it touched closed than they would have without it, by the estimator named above.</figcaption></figure>
            <table><caption class="visually-hidden">Per assistant</caption>
            <thead><tr><th>assistant</th><th>main task</th><th class="num">speedup</th><th class="num">touched cases closed</th><th class="num">value captured</th><th>measured</th><th>perceived</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <h2>Where the time goes</h2>
            <figure>\(WaterfallChart.render(report.leadComposition))\(WaterfallChart.legend(report.leadComposition))
            <figcaption>Mean hours per closed case. Unstratified: touched cases differ in mix from untouched ones; the per-assistant comparison above is stratified.</figcaption></figure>
            \(waitingSection(f.topClasses))
            \(coordinationSection(report.coordination))
            <h2>Weekly trend</h2>
            <figure>\(WeeklyChart.render(report.weekly, interventions: report.interventions ?? []))<figcaption>Median lead time of cases by the week they opened; solid: touched by AI, dashed: untouched; dotted verticals: recorded <a href="/interventions">interventions</a> (#number) on their dates.</figcaption></figure>
            <h2>Perceived versus measured</h2>
            <figure>\(PerceptionChart.render(report.assistants))<figcaption>Filled dot: the rating the measurements support (value model §5); ring: the most common rating people gave.</figcaption></figure>
            <p class="no-print"><a href="/report\(HTML.query([("from", String(report.period.from.prefix(10))), ("to", String(report.period.to.prefix(10)))]))">The printable CISO report</a> · <a href="/handoffs?untagged=true">Tag the largest untagged waits</a></p>
            """
        return layout.page(title: "Overview", section: .overview, content)
    }

    /// The overview of a period whose report is still being built (``ReportPreview``): what the
    /// daily rollups give, drawn as the full overview draws it, and a note that the page reloads
    /// itself. `preview` is `nil` when the rollups cannot give the period's figures (a period of
    /// part days, or rollups not yet refreshed): then the note alone.
    public static func renderPreview(
        _ preview: ReportPreview?, tenant: String, from: String, to: String, baseline: ReportOptions.Baseline,
        layout: Layout
    ) -> HTML {
        let figures: HTML =
            preview.map { p in
                """
                <p>Already summed from the daily rollups, as the full overview will show them:</p>
                \(waitingSection(p.topClasses))
                \(coordinationSection(p.coordination))
                """
            } ?? ""
        let content: HTML = """
            <h1>AI value overview</h1>
            <p class="muted">\(PeriodForm.describe(from: from, to: to)) · tenant \(tenant) · \(PeriodForm.estimator(baseline))</p>
            \(PeriodForm.render(action: "/", from: from, to: to, baseline: baseline))
            <p class="headline" id="computing" role="status">Computing this period's figures from its cases. This page reloads itself when they are ready.</p>
            \(figures)
            """
        return layout.page(title: "Overview (computing)", section: .overview, content)
    }

    static func waitingSection(_ topClasses: [ValueReport.ClassFriction]) -> HTML {
        """
        <h2>Waiting by tool pair</h2>
        <figure>\(HeatmapChart.render(topClasses))<figcaption>Total waiting hours of handoffs from one tool (row) to the next (column); darker is more.</figcaption></figure>
        """
    }

    static func coordinationSection(_ coordination: CoordinationMatrix?) -> HTML {
        """
        <h2>Handoffs between assistants</h2>
        <figure>\(CoordinationChart.render(coordination))<figcaption>Rows: who finished the work; columns: who took the case next (assistants, then people). Colour: waiting hours between them; each cell gives hours · handoffs and the share that carried context. Click a cell to open those handoffs in the tagging queue.</figcaption></figure>
        """
    }

    static func tile(_ value: String, _ label: String) -> HTML {
        "<div class=\"tile\"><div class=\"value\">\(value)</div><div class=\"label\">\(label)</div></div>"
    }

    /// Links to the experiments still assigning cases (value-model §7), each with its verdict.
    static func runningExperiments(_ report: ValueReport) -> HTML {
        let running = report.assistants.compactMap { a in
            a.experiment.flatMap { $0.stoppedAt == nil ? (a.name, $0) : nil }
        }
        guard !running.isEmpty else { return "" }
        let items = running.map { assistant, x -> HTML in
            "<li><a href=\"/experiments/\(HTML.urlComponent(x.name))\">Experiment \(x.name)</a> (\(assistant), \(HumanFormat.percent(x.holdoutShare)) held out): \(x.verdict)</li>"
        }
        return "<section id=\"experiments\"><h2>Running experiments</h2><ul>\(items)</ul></section>"
    }
}
