/// Value-model §5–§6 in words: the headline, which states only what the intervals support and
/// names the estimator, and the guidance, which ranks friction by hours at stake and names the
/// practice for each.
enum ReportNarrative {
    static let practices: [String: String] = [
        "queue-wait": "route AI verdicts straight to an owner instead of a shared queue",
        "approval-wait": "pre-approve standard containment actions",
        "context-regathering": "pass the case id and context between tools",
        "missing-escalation-path": "document escalation paths between the two stages",
        "tool-switch": "integrate the two tools so the case moves without re-entry",
        "shift-change": "hand over open cases explicitly at shift change",
        "awaiting-requester": "set response deadlines for requesters and close on timeout",
        "ai-output-rework": "review the assistant's output quality and prompts with the analysts who rework it",
        "other": "look at the analysts' notes on these waits",
        "untagged": "ask analysts to tag these waits so the cause is known",
    ]

    static func guidance(_ friction: ValueReport.Friction) -> [ValueReport.GuidanceItem] {
        var items: [ValueReport.GuidanceItem] = []
        for c in friction.topClasses {
            // Summed in reason order: in dictionary order the last digit varied between processes.
            let reasons = c.tagReasons.sorted(by: { $0.key < $1.key })
            let tagged = reasons.reduce(0) { $0 + $1.value }
            for (reason, hours) in reasons {
                // Tagged hours stand for the class's hours in the tagged proportion.
                let atStake = tagged > 0 ? c.waitingHours * hours / tagged : 0
                items.append(
                    .init(
                        handoffClass: c.handoffClass, reason: reason, hoursAtStake: atStake,
                        practice: practices[reason] ?? ""))
            }
            if tagged == 0 {
                items.append(
                    .init(
                        handoffClass: c.handoffClass, reason: "untagged", hoursAtStake: c.waitingHours,
                        practice: c.contextCarriedShare < 0.5
                            ? practices["context-regathering"]! : practices["untagged"]!))
            }
        }
        return Array(
            items.sorted {
                if $0.hoursAtStake != $1.hoursAtStake { return $0.hoursAtStake > $1.hoursAtStake }
                return ($0.handoffClass, $0.reason) < ($1.handoffClass, $1.reason)
            }
            .prefix(5))
    }

    static func headline(_ report: ValueReport) -> String {
        guard report.samples.closedWorkflows > 0 else { return "No closed workflows in this period." }
        guard !report.assistants.isEmpty || report.portfolio != nil else {
            return "Not enough AI-assisted work in this period to measure its value."
        }
        let baseline = report.options.baseline
        let by = "(estimator: \(baseline.rawValue), \(baseline.title))"
        var sentences: [String] = []
        if let p = report.portfolio, let effect = p.workflowEffect, let dL = effect.deltaLeadHours.value,
            p.measuredRating != "insufficient data"
        {
            let lead = effect.deltaLeadHours
            if lead.excludes(0) {
                sentences.append(
                    "Cases the AI touched closed \(HumanFormat.slowerOrFaster(hours: dL)) than they would have without it (95% interval \(HumanFormat.signedDuration(hours: lead.low ?? dL)) to \(HumanFormat.signedDuration(hours: lead.high ?? dL)) per case)"
                )
            } else {
                sentences.append(
                    "Across all AI, the cases' lead time did not measurably change (\(HumanFormat.estimate(lead, HumanFormat.signedDuration(hours:))) per case)"
                )
            }
        }
        let measured = report.assistants.filter { $0.measuredRating != "insufficient data" && $0.workflowEffect != nil }
        // An experiment's figures are per eligible case (intention to treat), not per touched case.
        func cases(_ a: ValueReport.AssistantValue) -> String {
            a.estimator == ReportOptions.Baseline.experiment.rawValue
                ? "its eligible cases (randomized)" : "the cases it touched"
        }
        // Winners and losers are ranked by the end of the interval nearest zero, never by the
        // point estimate alone: the claim is what the interval supports.
        let gains = measured.filter { $0.realizedSavingHours.above(0) }
            .sorted { ($0.realizedSavingHours.low ?? 0, $1.name) > ($1.realizedSavingHours.low ?? 0, $0.name) }
        let losses = measured.filter { $0.realizedSavingHours.below(0) }
            .sorted { (-($0.realizedSavingHours.high ?? 0), $1.name) > (-($1.realizedSavingHours.high ?? 0), $0.name) }
        if let best = gains.first, let saved = best.realizedSavingHours.value {
            var text =
                "\(best.name) made \(cases(best)) \(HumanFormat.slowerOrFaster(hours: -saved)) (at least \(HumanFormat.hours(best.realizedSavingHours.low ?? saved)) per case)"
            if gains.count > 1 {
                text += "; \(list(gains.dropFirst().map(\.name))) also shortened theirs"
            }
            sentences.append(text)
        }
        if let worst = losses.first, let saved = worst.realizedSavingHours.value {
            var text =
                worst.estimator == ReportOptions.Baseline.experiment.rawValue
                ? "\(worst.name)'s eligible cases closed \(HumanFormat.slowerOrFaster(hours: -saved)) (randomized)"
                : "The cases \(worst.name) touched closed \(HumanFormat.slowerOrFaster(hours: -saved))"
            if let speedup = worst.mainSpeedup, speedup.speedup.above(1), let factor = speedup.speedup.value {
                text =
                    "\(worst.name) made \(speedup.taskType) \(HumanFormat.factor(factor)) faster, but \(cases(worst)) closed \(HumanFormat.slowerOrFaster(hours: -saved))"
            }
            if worst.frictionAbsorbedHours.above(0), let absorbed = worst.frictionAbsorbedHours.value {
                text += ": waiting grew by \(HumanFormat.hours(absorbed)) per case"
                if let top = worst.workflowEffect?.deltaWaitByClass.first(where: { $0.deltaHours.above(0) }) {
                    text += ", most at the \(top.handoffClass) handoff"
                    if let reason = report.friction.topClasses.first(where: { $0.handoffClass == top.handoffClass })?
                        .tagReasons.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key
                    {
                        text += " (tagged mostly \(reason))"
                    }
                }
            }
            sentences.append(text)
        }
        let unclear = report.assistants.filter { a in
            !gains.contains { $0.name == a.name } && !losses.contains { $0.name == a.name }
        }
        .map(\.name)
        if losses.count > 1 {
            sentences.append("\(list(losses.dropFirst().map(\.name))) also lengthened the cases they touched")
        }
        if !unclear.isEmpty {
            sentences.append("Not enough evidence yet for \(list(unclear))")
        }
        // An assistant measured by its randomized holdout rather than the report's estimator says so.
        let randomized = report.assistants.filter {
            $0.estimator == ReportOptions.Baseline.experiment.rawValue && baseline != .experiment
        }
        let trials =
            randomized.isEmpty
            ? ""
            : " Measured by a randomized holdout (use arm minus holdout arm, per eligible case): \(list(randomized.map { "\($0.name) (experiment \($0.experiment?.name ?? ""))" }))."
        if sentences.isEmpty {
            return "Not enough evidence yet about what the AI did to the cases it touched \(by).\(trials)"
        }
        return sentences.joined(separator: ". ") + " \(by).\(trials)"
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
