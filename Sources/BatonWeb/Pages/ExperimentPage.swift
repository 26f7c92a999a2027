public import BatonCore

/// `/experiments/{name}`: one randomized holdout (value-model §7): its arms, compliance and
/// progress toward the planned sample, the effect with the fixed-horizon and the anytime-valid
/// interval, the verdict in words, and when to expect one.
public enum ExperimentPage {
    /// - Parameters:
    ///   - status: the experiment and what it has assigned so far.
    ///   - report: the report over the experiment's time; its analysis of this experiment, if any,
    ///     is on the experiment's assistant.
    ///   - now: for the experiment's state and the pace of new cases.
    public static func render(status: ExperimentStatus, report: ValueReport, now: Timestamp, layout: Layout) -> HTML {
        let e = status.experiment
        let analysis = report.assistants.lazy.compactMap(\.experiment).first { $0.name == e.name }
        let state = status.state(at: now)
        var facts: [HTML] = [
            "<tr><th scope=\"row\">Assistant</th><td>\(e.assistant)</td></tr>",
            "<tr><th scope=\"row\">State</th><td>\(state)</td></tr>",
            "<tr><th scope=\"row\">Held out</th><td>\(HumanFormat.percent(e.holdoutShare)) of the cases asked about</td></tr>",
            "<tr><th scope=\"row\">Started</th><td>\(e.startsAt.rfc3339)</td></tr>",
        ]
        if let end = e.stoppedAt ?? e.endsAt {
            facts.append(
                "<tr><th scope=\"row\">\(e.stoppedAt != nil ? "Stopped" : "Ends")</th><td>\(end.rfc3339)</td></tr>")
        }
        facts.append(
            "<tr><th scope=\"row\">Task types</th><td>\(e.taskTypes?.joined(separator: ", ") ?? "every type the assistant serves")</td></tr>"
        )
        let content: HTML = """
            <h1>Experiment \(e.name)</h1>
            <p class="muted">Randomized holdout · tenant \(report.tenant) · analysed over \(PeriodForm.describe(report))</p>
            <p class="headline">\(analysis.map { sentence($0.verdict) } ?? "No eligible case of this experiment has closed yet, so there is no effect to show.")</p>
            <table class="facts">\(facts)</table>
            <h2>Progress</h2>
            \(progress(status))
            \(analysis.map { arms($0) } ?? "")
            \(analysis.map { effect($0, report: report, status: status, now: now) } ?? "")
            <p><a href="/report?\(HTML.query([("from", report.period.from), ("to", report.period.to)]))">The whole report for this period</a> · <a href="/">Overview</a></p>
            """
        return layout.page(title: "Experiment \(e.name)", section: nil, content)
    }

    /// The verdict as a sentence of its own: capitalised, with a full stop.
    static func sentence(_ verdict: String) -> String {
        let text = verdict.prefix(1).uppercased() + verdict.dropFirst()
        return text.hasSuffix(".") ? text : text + "."
    }

    static func progress(_ status: ExperimentStatus) -> HTML {
        let assigned =
            "\(HumanFormat.count(status.assigned)) cases assigned: \(HumanFormat.count(status.useCount)) to use the assistant, \(HumanFormat.count(status.holdoutCount)) held out"
        guard let planned = status.experiment.plannedSample, let share = status.progress else {
            return "<p>\(assigned); no planned sample was set.</p>"
        }
        let words = "\(HumanFormat.percent(share)) of the planned \(HumanFormat.count(planned))"
        return """
            <p>\(assigned), \(words).</p>
            <progress id="experiment-progress" max="\(planned)" value="\(min(status.assigned, planned))" aria-label="\(words)">\(words)</progress>
            """
    }

    static func arms(_ x: ValueReport.ExperimentAnalysis) -> HTML {
        func share(_ value: Double?) -> String { value.map { HumanFormat.percent($0) } ?? "–" }
        return """
            <h2>Arms</h2>
            <table><thead><tr><th scope="col">Arm</th><th scope="col" class="num">Eligible closed cases</th><th scope="col" class="num">In strata with both arms</th><th scope="col" class="num">Assistant used</th></tr></thead>
            <tbody>
            <tr><th scope="row">use</th><td class="num">\(HumanFormat.count(x.useWorkflows))</td><td class="num">\(HumanFormat.count(x.usedUseWorkflows))</td><td class="num">\(share(x.useTouchedShare))</td></tr>
            <tr><th scope="row">holdout</th><td class="num">\(HumanFormat.count(x.holdoutWorkflows))</td><td class="num">\(HumanFormat.count(x.usedHoldoutWorkflows))</td><td class="num">\(share(x.holdoutTouchedShare))</td></tr>
            </tbody></table>
            <p>Compliance difference (use minus holdout): \(HumanFormat.estimate(x.complianceDifference, HumanFormat.percent)).</p>
            """
    }

    static func effect(
        _ x: ValueReport.ExperimentAnalysis, report: ValueReport, status: ExperimentStatus, now: Timestamp
    ) -> HTML {
        let signed = HumanFormat.signedDuration(hours:)
        let itt = x.intentionToTreat
        var rows: [HTML] = [
            "<tr><th scope=\"row\">Lead time, fixed-horizon 95%</th><td class=\"num\">\(HumanFormat.estimate(itt.deltaLeadHours, signed))</td></tr>"
        ]
        if let cs = x.confidenceSequence {
            rows.append(
                "<tr><th scope=\"row\">Lead time, anytime-valid 95%</th><td class=\"num\">\(signed(cs.deltaLeadHours)) (\(signed(cs.low)) to \(signed(cs.high)))</td></tr>"
            )
        }
        rows.append(
            "<tr><th scope=\"row\">Touch time</th><td class=\"num\">\(HumanFormat.estimate(itt.deltaTouchHours, signed))</td></tr>"
        )
        rows.append(
            "<tr><th scope=\"row\">Waiting</th><td class=\"num\">\(HumanFormat.estimate(itt.deltaWaitHours, signed))</td></tr>"
        )
        if let c = x.complierDeltaLeadHours {
            rows.append(
                "<tr><th scope=\"row\">Lead time on compliers</th><td class=\"num\">\(HumanFormat.estimate(c, signed))</td></tr>"
            )
        }
        return """
            <h2>Effect per eligible case (use arm minus holdout arm)</h2>
            <figure>\(ExperimentIntervalChart.render(x))
            <figcaption>The fixed-horizon interval is valid when read once, at the planned end; the anytime-valid interval stays valid however often this page is read, which is why it is wider.</figcaption></figure>
            <table><tbody>\(rows)</tbody></table>
            <p>\(expectation(x, report: report, status: status, now: now))</p>
            """
    }

    /// When a verdict can be expected: the further cases needed at the pace eligible cases have
    /// closed so far in the analysed period.
    static func expectation(
        _ x: ValueReport.ExperimentAnalysis, report: ValueReport, status: ExperimentStatus, now: Timestamp
    ) -> String {
        guard let further = x.furtherCasesNeeded else {
            return "The cases needed for a verdict cannot be estimated yet (too few cases in an arm)."
        }
        guard further > 0 else {
            return "The experiment has enough cases to detect a 10% change in lead time at 80% power."
        }
        let needed =
            "About \(HumanFormat.count(further)) more eligible cases are needed to detect a 10% change in lead time at 80% power"
        if status.experiment.stoppedAt != nil || status.state(at: now) == "ended" {
            return needed + "; the experiment no longer assigns cases, so start a new one to get them."
        }
        guard let from = Timestamp(rfc3339: report.period.from), let to = Timestamp(rfc3339: report.period.to) else {
            return needed + "."
        }
        let start = max(status.experiment.startsAt, from)
        let days = Double(min(to, now).microseconds(since: start)) / 86_400_000_000
        let cases = x.useWorkflows + x.holdoutWorkflows
        guard days >= 1, cases > 0 else { return needed + "." }
        let perDay = Double(cases) / days
        let expected = (Double(further) / perDay).rounded(.up)
        return needed
            + "; at the \(HumanFormat.count(Int(perDay.rounded()))) eligible cases a day seen so far, expect a verdict in about \(HumanFormat.count(Int(expected))) days."
    }
}
