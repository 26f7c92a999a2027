import BatonCore

/// `/report`: the CISO brief, one page when printed: headline, value per assistant, where the
/// time goes, what to fix first and how ready the data is.
public enum ReportPage {
    /// The report as one self-contained HTML file (`baton report --format html`): the same body,
    /// the stylesheet inline, no navigation or forms, ready to mail or print.
    public static func standalone(_ report: ValueReport) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>AI value report · \(report.tenant) · Baton</title>
        <style>\(HTML(trusted: Stylesheet.css))</style>
        </head>
        <body><main>
        \(body(report, periodForm: false))
        </main></body>
        </html>

        """
    }

    public static func render(_ report: ValueReport, layout: Layout) -> HTML {
        layout.page(title: "CISO report", section: .report, body(report, periodForm: true))
    }

    static func body(_ report: ValueReport, periodForm: Bool) -> HTML {
        let assistants = report.assistants.map { a -> HTML in
            let main = SpeedupLeadChart.main(a)
            return """
                <tr><th scope="row">\(a.name)</th>
                <td class="num">\(main.map { estimate($0.speedup, HumanFormat.factor) } ?? "–")<br><span class="muted">\(main?.taskType ?? "")</span></td>
                <td class="num">\(estimate(a.effortSavedHours) { String(Int($0.rounded())) + " h" })</td>
                <td class="num">\(leadChange(a.realizedLeadReduction))</td>
                <td class="num">\(a.valueCaptureRatio.map { HumanFormat.percent($0) } ?? "–")</td>
                <td class="num">\(a.frictionAbsorbedHours.map { HumanFormat.signedHours($0) } ?? "–")</td>
                <td class="num">\(a.amdahl.map { HumanFormat.percent($0.maximumLeadReduction) } ?? "–")</td>
                <td><strong>\(a.measuredRating)</strong><br><span class="muted">\(a.ratingReason)</span></td>
                <td>\(a.perceivedRating ?? "–")\(a.perceptionGap.map { "<br><span class=\"muted\">\($0)</span>" as HTML } ?? "")</td></tr>
                """
        }
        let classes = report.friction.topClasses.prefix(6).map { c -> HTML in
            let reasons = c.tagReasons.sorted { $0.value > $1.value }.prefix(2)
                .map { "\($0.key) (\(Int($0.value.rounded())) h)" }.joined(separator: ", ")
            return """
                <tr><th scope="row">\(c.handoffClass)</th><td class="num">\(Int(c.waitingHours.rounded())) h</td>\
                <td class="num">\(c.handoffs)</td><td class="num">\(HumanFormat.duration(seconds: c.meanWaitMinutes * 60))</td>\
                <td class="num">\(HumanFormat.percent(c.contextCarriedShare))</td><td>\(reasons.isEmpty ? "untagged" : reasons)</td></tr>
                """
        }
        let guidance = report.guidance.map { g -> HTML in
            "<li><strong>\(g.handoffClass)</strong>, \(g.reason): \(Int(g.hoursAtStake.rounded())) waiting hours at stake. \(g.practice.isEmpty ? "" : "Practice: " + g.practice + ".")</li>"
        }
        let r = report.readiness
        let f = report.friction
        let content: HTML = """
            <h1>AI value report</h1>
            <p class="muted">\(report.tenant) · \(PeriodForm.describe(report)) · \(report.samples.closedWorkflows) closed cases, \(report.samples.aiTouchedWorkflows) touched by AI, \(report.samples.tasks) timed tasks · baseline: \(report.options.baseline.rawValue)</p>
            \(periodForm ? PeriodForm.render(action: "/report", report: report) : "")
            <p class="headline">\(report.headline)</p>
            <section class="keep"><h2>Value per assistant</h2>
            <table><thead><tr><th>assistant</th><th class="num">task speedup</th><th class="num">effort saved</th><th class="num">touched cases closed</th><th class="num">value captured</th><th class="num">waiting absorbed per case</th><th class="num">ceiling (Amdahl)</th><th>measured</th><th>perceived</th></tr></thead>
            <tbody>\(assistants)</tbody></table>
            <p class="muted">Intervals are 95% bootstrap intervals (\(report.options.resamples) resamples). "Value captured" is the lead-time saving realised as a share of the saving the faster tasks predicted; "waiting absorbed" is how much longer touched cases waited than comparable untouched ones.</p>
            <figure>\(SpeedupLeadChart.render(report.assistants))</figure></section>
            <section class="keep"><h2>Where the time goes</h2>
            <figure>\(WaterfallChart.render(report.leadComposition))\(WaterfallChart.legend(report.leadComposition))</figure>
            <table><thead><tr><th>handoff</th><th class="num">waiting</th><th class="num">handoffs</th><th class="num">mean wait</th><th class="num">context carried</th><th>tagged as</th></tr></thead>
            <tbody>\(classes)</tbody></table>
            <p>Intake (time to first touch) \(Int(f.intakeHours.rounded())) h, closure \(Int(f.closureHours.rounded())) h in all. \(f.pingPongShare.map { "Ping-pong in " + HumanFormat.percent($0) + " of cases. " } ?? "")\(f.flowEfficiencyMedian.map { "Median flow efficiency " + HumanFormat.percent($0) } ?? "")\(f.flowEfficiencyP90.map { " (90th percentile " + HumanFormat.percent($0) + ")." } ?? "")</p></section>
            <section class="keep"><h2>What to fix first</h2>
            <ol>\(guidance)</ol></section>
            <section class="keep"><h2>Readiness</h2>
            <ul><li>Tasks with a stage: \(r.tasksWithStageShare.map { HumanFormat.percent($0) } ?? "–")</li>
            <li>Handoffs that carry context (a case link between tools): \(r.handoffsWithContextShare.map { HumanFormat.percent($0) } ?? "–")</li>
            <li>Waiting hours with a tagged reason: \(r.waitingHoursTaggedShare.map { HumanFormat.percent($0) } ?? "–")</li></ul>
            <p class="muted">These figures are observational: AI tends to be used on different cases than humans handle alone. The comparison is stratified by category and severity, which removes that much of the difference and no more; see Docs/metrics.md.</p></section>
            """
        return content
    }

    static func estimate(_ e: ValueReport.Estimate, _ format: (Double) -> String) -> HTML {
        guard let value = e.value else { return "<span class=\"muted\">insufficient data</span>" }
        guard let low = e.low, let high = e.high else { return "\(format(value))" }
        return "\(format(value)) <span class=\"muted\">(\(format(low))–\(format(high)))</span>"
    }

    static func leadChange(_ e: ValueReport.Estimate) -> HTML {
        guard let value = e.value else { return "<span class=\"muted\">insufficient data</span>" }
        let words = HumanFormat.soonerOrLater(value)
        guard let low = e.low, let high = e.high else { return "\(words)" }
        return
            "\(words) <span class=\"muted\">(\(HumanFormat.percent(-high)) to \(HumanFormat.percent(-low)) change)</span>"
    }
}
