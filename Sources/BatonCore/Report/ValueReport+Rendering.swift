import Foundation

extension ValueReport {
    /// The report for a terminal: the headline, then per assistant and for all AI, friction,
    /// guidance, readiness, and the settings (thresholds included) it was computed with.
    public var text: String { render(markdown: false) }

    /// The same content as Markdown.
    public var markdown: String { render(markdown: true) }

    func render(markdown md: Bool) -> String {
        var out: [String] = []
        func heading(_ s: String) { out.append(md ? "\n## \(s)\n" : "\n\(s.uppercased())") }
        out.append(md ? "# Baton value report: \(tenant)\n" : "BATON VALUE REPORT: \(tenant)")
        out.append(
            "Period \(period.from) to \(period.to); \(samples.closedWorkflows) closed workflows (\(samples.aiTouchedWorkflows) AI-touched), \(samples.openWorkflows) still open, \(samples.tasks) tasks."
        )
        if samples.inferredOpenings > 0 {
            out.append("\(samples.inferredOpenings) workflows had no opening time; their first task stands in.")
        }
        out.append(md ? "\n**\(headline)**" : "\n\(headline)")
        out.append(
            "\nEffects on cases are measured with the \(options.baseline.rawValue) estimator (\(options.baseline.title))."
        )

        heading("Value per assistant")
        for a in assistants + (portfolio.map { [$0] } ?? []) {
            out.append(md ? "\n### \(a.name)\n" : "\n\(a.name)")
            out += assistantLines(a, bullet: md ? "- " : "  ", indent: md ? "  - " : "    ")
        }

        if let comparison {
            heading("Compared with the previous period")
            out += comparison.lines(markdown: md)
        }
        if let costs {
            heading("What it costs")
            out += costLines(costs, bullet: md ? "- " : "  ")
        }

        heading("Where the time goes")
        for c in friction.topClasses.prefix(8) {
            let reasons = c.tagReasons.sorted { $0.value > $1.value }.prefix(2).map(\.key).joined(separator: ", ")
            out.append(
                "\(md ? "- " : "  ")\(c.handoffClass): \(HumanFormat.hours(c.waitingHours)) waiting over \(c.handoffs) handoffs\(reasons.isEmpty ? "" : " (tagged \(reasons))")"
            )
        }
        out.append(
            "\(md ? "- " : "  ")intake \(HumanFormat.hours(friction.intakeHours)), closure \(HumanFormat.hours(friction.closureHours)); flow efficiency median \(friction.flowEfficiencyMedian.map(HumanFormat.percent) ?? "n/a")"
        )

        heading("What to fix first")
        for (i, g) in guidance.enumerated() {
            out.append(
                "\(md ? "\(i + 1). " : "  \(i + 1). ")\(g.handoffClass), \(g.reason): \(HumanFormat.hours(g.hoursAtStake)) at stake. \(g.practice.prefix(1).uppercased() + g.practice.dropFirst()).\(addressedText(g).map { " \($0)." } ?? "")"
            )
        }

        if let interventions, !interventions.isEmpty {
            heading("Interventions")
            for x in interventions {
                out.append(
                    "\(md ? "- " : "  ")#\(x.id) \(String(x.date.prefix(10))), \(x.targetKind) \(x.target): \(x.description.split(separator: "\n").joined(separator: " "))"
                )
                out.append("\(md ? "  - " : "    ")\(x.verdict): \(x.summary)")
                if x.effectMinutes.value != nil {
                    out.append("\(md ? "  - " : "    ")\(x.comparisonText)")
                }
                for w in x.warnings { out.append("\(md ? "  - " : "    ")warning: \(w)") }
            }
        }

        if let coordination {
            heading("Coordination between assistants")
            out += coordination.lines(markdown: md)
        }

        heading("Readiness")
        out.append(
            "\(md ? "- " : "  ")tasks with a stage \(readiness.tasksWithStageShare.map(HumanFormat.percent) ?? "n/a"); handoffs carrying context \(readiness.handoffsWithContextShare.map(HumanFormat.percent) ?? "n/a"); waiting hours tagged \(readiness.waitingHoursTaggedShare.map(HumanFormat.percent) ?? "n/a")\(readiness.aiOutputConsumedShare.map { "; AI output consumed by a named task \(HumanFormat.percent($0))" } ?? "")"
        )
        out.append("\n(\(settingsSentence))")
        return out.joined(separator: "\n") + "\n"
    }

    /// `Addressed by intervention #3 (2026-02-15: changed, −38 min per handoff)` for a guidance
    /// item that recorded interventions addressed; `nil` when none did.
    public func addressedText(_ item: GuidanceItem) -> String? {
        guard let ids = item.interventions, !ids.isEmpty else { return nil }
        let parts = ids.map { id -> String in
            guard let x = interventions?.first(where: { $0.id == id }) else { return "#\(id)" }
            var words = "#\(id) (\(String(x.date.prefix(10))): \(x.verdict)"
            if let v = x.effectMinutes.value {
                words += ", \(HumanFormat.signedDuration(hours: v / 60)) per handoff"
            }
            return words + ")"
        }
        return "Addressed by intervention \(parts.joined(separator: ", "))"
    }

    /// How the figures were computed, thresholds included: printed in every rendering.
    public var settingsSentence: String {
        "95% percentile-bootstrap intervals over cases, \(options.resamples) resamples, seed \(options.seed) (a workflow effect or effort saved with at least \(MomentContrast.minimumCell) cases in every cell of every stratum: normal-approximation intervals, as it says); estimator \(options.baseline.rawValue); minimum sample \(options.effectiveMinimumSample) cases per arm; coverage below \(HumanFormat.percent(options.coverageMinimum)) is insufficient, below \(HumanFormat.percent(options.coverageWarning)) a warning. Ratings: excellent at ≥ \(HumanFormat.percent(options.excellentLeadReduction)) shorter lead time, good at ≥ \(HumanFormat.percent(options.goodLeadReduction)) (or ≥ \(HumanFormat.percent(options.goodEffortReduction)) less effort with lead time not significantly worse), each with an interval excluding 0"
    }

    /// One assistant's (or the portfolio's) lines.
    func assistantLines(_ a: AssistantValue, bullet: String, indent: String) -> [String] {
        var out: [String] = []
        for s in a.taskSpeedups {
            let main = a.taskSpeedups.count > 1 && s.taskType == a.mainTaskType ? " (main)" : ""
            let figure =
                s.speedup.value == nil
                ? "\(s.speedup.status)\(s.speedup.note.map { " (\($0))" } ?? "")"
                : "\(HumanFormat.estimate(s.speedup, HumanFormat.factor)) faster"
            out.append(
                "\(bullet)\(s.taskType)\(main): \(figure) (n = \(s.baselineTasks) baseline, \(s.treatedTasks) AI tasks)"
            )
        }
        out.append(
            "\(bullet)effort saved: \(HumanFormat.estimate(a.effortSavedHours, HumanFormat.hours)), \(HumanFormat.estimate(a.effortSavedShare, HumanFormat.percent)) of the baseline effort\(a.effortIntervals == .normal ? " (normal-approximation intervals)" : "")"
        )
        if let note = a.estimatorNote { out.append("\(bullet)\(note)") }
        if let e = a.workflowEffect {
            var design =
                "\(e.usedTreatedWorkflows) treated vs. \(e.usedControlWorkflows) control cases in \(e.strata) \(e.strata == 1 ? "stratum" : "strata")"
            if let block = e.timeBlocksText { design += " by \(block)" }
            if let c = e.coverage { design += ", coverage \(HumanFormat.percent(c))" }
            if let adopted = e.adoptedShare { design += ", \(HumanFormat.percent(adopted)) adopted" }
            if e.intervals == .normal { design += ", normal-approximation intervals" }
            let per =
                e.estimator == ReportOptions.Baseline.experiment.rawValue ? "per eligible case" : "per case it touched"
            out.append("\(bullet)\(per) (\(e.estimator): \(design)):")
            out.append("\(indent)\(e.decomposition)")
            if e.deltaLeadHours.value != nil {
                out.append(
                    "\(indent)waiting = intake \(HumanFormat.estimate(e.deltaIntakeHours, HumanFormat.signedDuration(hours:))) + closure \(HumanFormat.estimate(e.deltaClosureHours, HumanFormat.signedDuration(hours:))) + handoffs"
                )
                for c in e.deltaWaitByClass.prefix(3) {
                    out.append(
                        "\(indent)\(c.handoffClass) \(HumanFormat.estimate(c.deltaHours, HumanFormat.signedDuration(hours:)))"
                    )
                }
            }
            for w in e.warnings { out.append("\(indent)warning: \(w)") }
        }
        out.append(
            "\(bullet)lead time change: \(HumanFormat.estimate(a.realizedLeadReduction.mapDecreasing { -$0 }, HumanFormat.signedPercent))"
        )
        if let r = a.valueCaptureRatio {
            out.append(
                "\(bullet)value capture: \(HumanFormat.estimate(r, HumanFormat.percent)) of the task-level gain reached the case"
            )
        }
        if let weeks = a.weekly, weeks.contains(where: { $0.realizedLeadReduction.value != nil }) {
            let points = weeks.map { w in
                "\(w.weekStart.suffix(5)) \(w.realizedLeadReduction.value.map { HumanFormat.signedPercent(-$0) } ?? "n/a")"
            }
            out.append(
                "\(bullet)lead time change by week (eligible cases of each week): \(points.joined(separator: ", "))")
        }
        if let amdahl = a.amdahl {
            out.append(
                "\(bullet)Amdahl ceiling: at most \(HumanFormat.percent(amdahl.maximumLeadReduction)) shorter lead time (\(HumanFormat.percent(amdahl.share)) of it in its task types)"
            )
        }
        if let x = a.experiment { out += experimentLines(x, bullet: bullet, indent: indent) }
        out.append("\(bullet)measured: \(a.measuredRating) (\(a.ratingReason))")
        if let d = a.decision { out.append("\(bullet)decision: \(d.verdict) (\(d.rule))") }
        if let p = a.perceivedRating {
            out.append(
                "\(bullet)perceived: \(p) (\(a.perceivedResponses) responses)\(a.perceptionGap.map { "; \($0)" } ?? "")"
            )
        }
        return out
    }

    /// An assistant's experiment (value-model §7): arms, compliance, the intention to treat with
    /// its fixed-horizon interval and its anytime-valid sequence, the complier effect, the cases
    /// still needed, and the verdict.
    func experimentLines(_ x: ExperimentAnalysis, bullet: String, indent: String) -> [String] {
        let signed = HumanFormat.signedDuration(hours:)
        var out = [
            "\(bullet)experiment \(x.name) (\(HumanFormat.percent(x.holdoutShare)) held out, since \(x.startsAt)\(x.stoppedAt.map { ", stopped \($0)" } ?? "")): \(x.verdict)"
        ]
        var arms =
            "\(indent)arms: \(HumanFormat.count(x.useWorkflows)) eligible cases in use, \(HumanFormat.count(x.holdoutWorkflows)) held out"
        if let planned = x.plannedSample {
            arms +=
                " (\(HumanFormat.percent(Double(x.useWorkflows + x.holdoutWorkflows) / Double(max(planned, 1)))) of the planned \(HumanFormat.count(planned)))"
        }
        out.append(arms)
        if let u = x.useTouchedShare, let h = x.holdoutTouchedShare {
            out.append(
                "\(indent)compliance: assistant used on \(HumanFormat.percent(u)) of use-arm cases and \(HumanFormat.percent(h)) of held-out cases (difference \(HumanFormat.estimate(x.complianceDifference, HumanFormat.percent)))"
            )
        }
        let method = x.intentionToTreat.intervals == .normal ? " (normal-approximation intervals)" : ""
        out.append("\(indent)intention to treat\(method), \(x.intentionToTreat.decomposition)")
        if let cs = x.confidenceSequence {
            out.append(
                "\(indent)anytime-valid 95% interval (valid at every look): \(signed(cs.low)) to \(signed(cs.high)) over \(HumanFormat.count(cs.cases)) cases"
            )
        }
        if let c = x.complierDeltaLeadHours {
            out.append(
                "\(indent)on the cases it worked on because of the assignment (compliers): lead time \(HumanFormat.estimate(c, signed))"
            )
        }
        if let effort = x.effortDeltaHours {
            out.append("\(indent)effort in its task types per eligible case: \(HumanFormat.estimate(effort, signed))")
        }
        for s in x.taskSpeedups ?? [] {
            let figure =
                s.speedup.value == nil
                ? s.speedup.status : "\(HumanFormat.estimate(s.speedup, HumanFormat.factor)) faster"
            out.append(
                "\(indent)\(s.taskType) between the arms: \(figure) (n = \(s.baselineTasks) held out, \(s.treatedTasks) in use)"
            )
        }
        if let further = x.furtherCasesNeeded {
            out.append(
                further > 0
                    ? "\(indent)about \(HumanFormat.count(further)) more cases to detect a 10% change in lead time at 80% power"
                    : "\(indent)enough cases to detect a 10% change in lead time at 80% power")
        }
        return out
    }
}

extension ValueReport.WorkflowEffect {
    /// `lead time −41 min (…) = work −12 min (…) + waiting −29 min (…)`: ΔL = ΔA + ΔW in words.
    var decomposition: String {
        let signed = HumanFormat.signedDuration(hours:)
        return
            "lead time \(HumanFormat.estimate(deltaLeadHours, signed)) = work \(HumanFormat.estimate(deltaTouchHours, signed)) + waiting \(HumanFormat.estimate(deltaWaitHours, signed))"
    }
}

extension ValueReport.InterventionEffect {
    /// The cases and handoffs on each side and the comparison, in a line.
    public var comparisonText: String {
        func side(_ s: ValueReport.InterventionSide) -> String {
            "\(HumanFormat.count(s.handoffs)) handoffs in \(HumanFormat.count(s.cases)) cases\(s.meanWaitMinutes.map { ", mean \(HumanFormat.duration(seconds: $0 * 60))" } ?? "")"
        }
        return
            "target before: \(side(targetBefore)); after: \(side(targetAfter)). Compared with \(controlClasses) untargeted \(controlClassing)-pair classes, before: \(side(controlBefore)); after: \(side(controlAfter))"
    }
}
