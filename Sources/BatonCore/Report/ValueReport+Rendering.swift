import Foundation

extension ValueReport {
    /// The report for a terminal: the headline, then per assistant, friction, guidance, readiness.
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

        heading("Value per assistant")
        for a in assistants {
            out.append(md ? "\n### \(a.name)\n" : "\n\(a.name)")
            let bullet = md ? "- " : "  "
            for s in a.taskSpeedups {
                out.append(
                    "\(bullet)\(s.taskType): \(Self.factor(s.speedup)) (n = \(s.baselineTasks) baseline, \(s.treatedTasks) AI)"
                )
            }
            out.append("\(bullet)effort saved: \(Self.hours(a.effortSavedHours)) (\(Self.share(a.effortSavedShare)))")
            if let c = a.cohorts {
                out.append(
                    "\(bullet)cases touched vs. control (\(c.touchedWorkflows) vs. \(c.controlWorkflows)): ΔL \(Self.hours(c.deltaLeadHours)), ΔA \(Self.hours(c.deltaTouchHours)), ΔW \(Self.hours(c.deltaWaitHours)) per case"
                )
            }
            out.append("\(bullet)lead time change: \(Self.share(a.realizedLeadReduction, negate: true))")
            if let r = a.valueCaptureRatio {
                out.append("\(bullet)value capture: \(Self.pct(r)) of the task-level gain reached the case")
            }
            if let amdahl = a.amdahl {
                out.append(
                    "\(bullet)Amdahl ceiling: at most \(Self.pct(amdahl.maximumLeadReduction)) shorter lead time")
            }
            out.append("\(bullet)measured: \(a.measuredRating) (\(a.ratingReason))")
            if let p = a.perceivedRating {
                out.append(
                    "\(bullet)perceived: \(p) (\(a.perceivedResponses) responses)\(a.perceptionGap.map { "; \($0)" } ?? "")"
                )
            }
        }

        heading("Where the time goes")
        for c in friction.topClasses.prefix(8) {
            let reasons = c.tagReasons.sorted { $0.value > $1.value }.prefix(2).map(\.key).joined(separator: ", ")
            out.append(
                "\(md ? "- " : "  ")\(c.handoffClass): \(String(format: "%.0f", c.waitingHours)) h waiting over \(c.handoffs) handoffs\(reasons.isEmpty ? "" : " (tagged \(reasons))")"
            )
        }
        out.append(
            "\(md ? "- " : "  ")intake \(String(format: "%.0f", friction.intakeHours)) h, closure \(String(format: "%.0f", friction.closureHours)) h; flow efficiency median \(friction.flowEfficiencyMedian.map(Self.pct) ?? "n/a")"
        )

        heading("What to fix first")
        for (i, g) in guidance.enumerated() {
            out.append(
                "\(md ? "\(i + 1). " : "  \(i + 1). ")\(g.handoffClass), \(g.reason): \(String(format: "%.0f", g.hoursAtStake)) h at stake. \(g.practice.prefix(1).uppercased() + g.practice.dropFirst())."
            )
        }

        heading("Readiness")
        out.append(
            "\(md ? "- " : "  ")tasks with a stage \(readiness.tasksWithStageShare.map(Self.pct) ?? "n/a"); handoffs carrying context \(readiness.handoffsWithContextShare.map(Self.pct) ?? "n/a"); waiting hours tagged \(readiness.waitingHoursTaggedShare.map(Self.pct) ?? "n/a")"
        )
        out.append(
            "\n(95% percentile-bootstrap intervals, \(options.resamples) resamples, seed \(options.seed); baseline: \(options.baseline.rawValue); minimum sample \(options.minimumSample).)"
        )
        return out.joined(separator: "\n") + "\n"
    }

    static func pct(_ x: Double) -> String { String(format: "%.0f%%", x * 100) }

    static func factor(_ e: Estimate) -> String {
        guard let v = e.value else { return e.status }
        guard let l = e.low, let h = e.high else { return String(format: "%.1f×", v) }
        return String(format: "%.1f× (%.1f–%.1f)", v, l, h)
    }

    static func hours(_ e: Estimate) -> String {
        guard let v = e.value else { return e.status }
        guard let l = e.low, let h = e.high else { return String(format: "%+.1f h", v) }
        return String(format: "%+.1f h (%+.1f to %+.1f)", v, l, h)
    }

    static func share(_ e: Estimate, negate: Bool = false) -> String {
        guard let v = e.value else { return e.status }
        let s: Double = negate ? -1 : 1
        guard let l = e.low, let h = e.high else { return String(format: "%+.0f%%", s * v * 100) }
        let (a, b) = negate ? (-h, -l) : (l, h)
        return String(format: "%+.0f%% (%+.0f%% to %+.0f%%)", s * v * 100, a * 100, b * 100)
    }
}
