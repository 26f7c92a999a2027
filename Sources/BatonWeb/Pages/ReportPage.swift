public import BatonCore

/// `/report`: the CISO brief, one page when printed: headline, value per assistant, where the
/// time goes, what to fix first and how ready the data is.
public enum ReportPage {
    /// The report as one self-contained HTML file (`baton report --format html`): the same body,
    /// the stylesheet inline, no navigation or forms, ready to mail or print.
    public static func standalone(_ report: ValueReport) -> HTML {
        Layout.standalone(title: "AI value report · \(report.tenant)", body(report, periodForm: false))
    }

    public static func render(_ report: ValueReport, layout: Layout) -> HTML {
        layout.page(title: "CISO report", section: .report, body(report, periodForm: true))
    }

    static func body(_ report: ValueReport, periodForm: Bool) -> HTML {
        let assistants = (report.assistants + (report.portfolio.map { [$0] } ?? [])).map { a -> HTML in
            let main = SpeedupLeadChart.main(a)
            return """
                <tr><th scope="row">\(a.name)</th>
                <td class="num">\(main.map { estimate($0.speedup, HumanFormat.factor) } ?? "–")<br><span class="muted">\(main?.taskType ?? "")</span></td>
                <td class="num">\(estimate(a.effortSavedHours) { String(Int($0.rounded())) + " h" })</td>
                <td class="num">\(leadChange(a.realizedLeadReduction))\(effectNotes(a))</td>
                <td class="num">\(a.valueCaptureRatio.map { estimate($0, HumanFormat.percent) } ?? "–")</td>
                <td class="num">\(estimate(a.frictionAbsorbedHours, HumanFormat.signedDuration(hours:)))</td>
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
            "<li><strong>\(g.handoffClass)</strong>, \(g.reason): \(Int(g.hoursAtStake.rounded())) waiting hours at stake. \(g.practice.isEmpty ? "" : "Practice: " + g.practice + ".")\(report.addressedText(g).map { " <span class=\"addressed\">\($0).</span>" as HTML } ?? "")</li>"
        }
        let r = report.readiness
        let f = report.friction
        let content: HTML = """
            <h1>AI value report</h1>
            <p class="muted">\(report.tenant) · \(PeriodForm.describe(report)) · \(report.samples.closedWorkflows) closed cases, \(report.samples.aiTouchedWorkflows) touched by AI, \(report.samples.tasks) timed tasks · \(PeriodForm.estimator(report))</p>
            \(periodForm ? PeriodForm.render(action: "/report", report: report) : "")
            <p class="headline">\(report.headline)</p>
            <section class="keep"><h2>Value per assistant</h2>
            <table><thead><tr><th>assistant</th><th class="num">task speedup</th><th class="num">effort saved</th><th class="num">touched cases closed</th><th class="num">value captured</th><th class="num">waiting absorbed per case</th><th class="num">ceiling (Amdahl)</th><th>measured</th><th>perceived</th></tr></thead>
            <tbody>\(assistants)</tbody></table>
            <p class="muted">"Touched cases closed" compares each case an assistant touched with what it would have taken without it, by the estimator named above; under it, the cases compared, the strata's coverage of the touched cases and any warning. "Value captured" is the lead-time saving realised as a share of the saving the faster tasks predicted (shown only when the work-time change is significant); "waiting absorbed" is how much longer the touched cases waited than they would have. \(report.settingsSentence).</p>
            <figure>\(SpeedupLeadChart.render(report.assistants))</figure></section>
            <section class="keep" id="trends"><h2>Trend by week</h2>
            <p class="muted">Each point: how much shorter the cases an assistant touched in that week were than comparable eligible cases of the same week (category, severity and steps reached), with its 95% interval; weeks with too few cases have no point.</p>
            \(report.assistants.enumerated().map { TrendChart.render($1, index: $0) })</section>
            \(ComparisonSection.render(report.comparison))
            \(CostSection.render(report))
            <section class="keep"><h2>Where the time goes</h2>
            <figure>\(WaterfallChart.render(report.leadComposition))\(WaterfallChart.legend(report.leadComposition))</figure>
            <table><thead><tr><th>handoff</th><th class="num">waiting</th><th class="num">handoffs</th><th class="num">mean wait</th><th class="num">context carried</th><th>tagged as</th></tr></thead>
            <tbody>\(classes)</tbody></table>
            <p>Intake (time to first touch) \(Int(f.intakeHours.rounded())) h, closure \(Int(f.closureHours.rounded())) h in all. \(f.pingPongShare.map { "Ping-pong in " + HumanFormat.percent($0) + " of cases. " } ?? "")\(f.flowEfficiencyMedian.map { "Median flow efficiency " + HumanFormat.percent($0) } ?? "")\(f.flowEfficiencyP90.map { " (90th percentile " + HumanFormat.percent($0) + ")." } ?? "")</p></section>
            <section class="keep"><h2>What to fix first</h2>
            <ol>\(guidance)</ol></section>
            \(interventionSection(report))
            <section class="keep"><h2>Handoffs between assistants</h2>
            <figure>\(CoordinationChart.render(report.coordination))<figcaption>Rows: who finished the work; columns: who took the case next. Colour: waiting hours between them; each cell gives hours · handoffs and the share that carried context.</figcaption></figure>
            \(CoordinationChart.table(report.coordination))</section>
            <section class="keep"><h2>Readiness</h2>
            <ul><li>Tasks with a stage: \(r.tasksWithStageShare.map { HumanFormat.percent($0) } ?? "–")</li>
            <li>Handoffs that carry context (a case link between tools): \(r.handoffsWithContextShare.map { HumanFormat.percent($0) } ?? "–")</li>
            <li>Waiting hours with a tagged reason: \(r.waitingHoursTaggedShare.map { HumanFormat.percent($0) } ?? "–")</li>
            <li>AI output consumed by a named task: \(r.aiOutputConsumedShare.map { HumanFormat.percent($0) } ?? "–")</li></ul>
            <p class="muted">These figures are observational. The \(report.options.baseline.rawValue) estimator compares like with like as far as the records allow; it cannot remove a choice of cases made on something the records do not show (such as analysts using the AI on cases that look easy). A randomized holdout can; see Docs/metrics.md.</p></section>
            """
        return content
    }

    /// The recorded interventions and what each did to its target's waiting; nothing without any.
    static func interventionSection(_ report: ValueReport) -> HTML {
        guard let all = report.interventions, !all.isEmpty else { return "" }
        let rows = all.map { e -> HTML in
            """
            <tr><th scope="row">#\(e.id) \(String(e.date.prefix(10)))</th><td>\(e.targetKind) <strong>\(e.target)</strong><br><span class="muted">\(e.description)</span></td>\
            <td class="num">\(estimate(e.effectMinutes) { HumanFormat.signedDuration(hours: $0 / 60) })</td>\
            <td class="num">\(e.targetBefore.cases) / \(e.targetAfter.cases)</td><td><strong>\(e.verdict)</strong>\(e.warnings.map { w -> HTML in "<br><span class=\"warning\">⚠ \(w)</span>" })</td></tr>
            """
        }
        return """
            <section class="keep" id="interventions"><h2>Interventions</h2>
            <table><thead><tr><th>change</th><th>target</th><th class="num">waiting per handoff</th><th class="num">cases before / after</th><th>verdict</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <p class="muted">The target's mean wait per handoff after the date minus what it would have been had it changed in the proportion the untargeted handoff classes did over the same dates; 95% interval over cases. "Changed" only when the interval excludes zero.</p></section>
            """
    }

    /// What stands next to a lead-time figure: the estimator, the cases compared, the coverage and
    /// every warning, so the figure is never read without them.
    static func effectNotes(_ a: ValueReport.AssistantValue) -> HTML {
        guard let e = a.workflowEffect else { return "" }
        var parts = ["\(e.estimator): \(e.usedTreatedWorkflows) vs. \(e.usedControlWorkflows) cases"]
        if let c = e.coverage { parts.append("coverage \(HumanFormat.percent(c))") }
        if let block = e.timeBlocksText { parts.append("by \(block)") }
        if let adopted = e.adoptedShare { parts.append("\(HumanFormat.percent(adopted)) adopted") }
        let warnings = e.warnings.map { w -> HTML in "<br><span class=\"warning\">⚠ \(w)</span>" }
        return "<br><span class=\"muted effect\">\(parts.joined(separator: ", "))</span>\(warnings)"
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
            "\(words) <span class=\"muted\">(\(HumanFormat.signedPercent(-high)) to \(HumanFormat.signedPercent(-low)) change)</span>"
    }
}
