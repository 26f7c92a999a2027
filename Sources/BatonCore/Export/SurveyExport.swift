import Foundation

/// The survey CSV (issue 6, `Docs/export.md`): one row for the SOC, then one per assistant, all
/// taken from one ``ValueReport`` so that the file and the report never disagree. Nothing is
/// recomputed here; figures are copied, re-signed or summed, and every empty cell is explained in
/// the row's `notes`.
public struct SurveyExport: Sendable {
    /// The columns, in their stable order.
    public static let columns = [
        "soc", "delivery_model", "period_start", "period_end", "assistant", "ai_category", "archetype", "tool",
        "tasks_observed", "task_speedup", "task_speedup_ci_low", "task_speedup_ci_high", "effort_hours_saved",
        "lead_time_change_pct", "lead_time_change_ci_low", "lead_time_change_ci_high", "estimator", "coverage",
        "value_capture_ratio",
        "flow_efficiency_median", "handoff_wait_share", "top_friction_class", "top_friction_reason",
        "measured_value_rating", "perceived_value_rating", "handoffs_out_with_context_share", "regather_after_share",
        "duplicate_hours", "notes",
    ]

    public var report: ValueReport
    public var context: SurveyContext
    /// Replace the SOC's and assistants' names by pseudonyms and leave out free text.
    public var anonymize: Bool
    /// Add the cost columns (``costColumns``); costs are often confidential, so only when asked
    /// for, and never in an anonymised file.
    public var includeCosts: Bool

    public init(report: ValueReport, context: SurveyContext, anonymize: Bool, includeCosts: Bool = false) {
        self.report = report
        self.context = context
        self.anonymize = anonymize
        self.includeCosts = includeCosts
    }

    /// The whole file: header and rows, CRLF line ends.
    public func csv() -> String {
        var out = CSVWriter.header(Self.columns + (writesCosts ? Self.costColumns : []))
        for row in rows() { out += CSVWriter.line(writesCosts ? withCosts(row) : row) }
        return out
    }

    /// The data rows, each with one field per column: the SOC first, then the assistants (by name,
    /// or by pseudonym when anonymised, so that the order reveals nothing).
    public func rows() -> [[CSVField]] {
        let pseudonyms = anonymize ? Pseudonymizer(salt: context.salt) : nil
        let soc = pseudonyms?.pseudonym(report.tenant, kind: .soc) ?? context.socName
        var assistants = report.assistants.map { a in
            (a, pseudonyms?.pseudonym(a.name, kind: .assistant) ?? a.name)
        }
        assistants.sort { $0.1 < $1.1 }
        let common: [CSVField] = [
            .text(soc), .text(context.deliveryModel?.rawValue), .text(Self.date(report.period.from)),
            .text(Self.date(report.period.to)),
        ]
        var rows = [common + socRow()]
        for (assistant, name) in assistants { rows.append(common + assistantRow(assistant, name: name)) }
        return rows
    }

    // MARK: - Rows (the columns after the period)

    func socRow() -> [CSVField] {
        var notes = Notes()
        notes.add(
            "soc-level row: all workflows of the period; speedups and ratings are per assistant, the lead-time change is all AI's together"
        )
        notes.add("settings: \(report.settingsSentence)")
        let measured = report.assistants.compactMap(\.effortSavedHours.value)
        let effort: Double? = measured.isEmpty ? nil : measured.reduce(0, +)
        if measured.isEmpty {
            notes.add("effort_hours_saved: no assistant has enough data")
        } else {
            notes.add(
                "effort_hours_saved: sum over the \(measured.count) of \(report.assistants.count) assistants with a measurement"
            )
        }
        if report.friction.flowEfficiencyMedian == nil || context.handoffWaitShare == nil {
            notes.add("flow_efficiency_median, handoff_wait_share: no closed workflows with a lead time in the period")
        }
        let top = report.guidance.first
        if top == nil { notes.add("top_friction_class, top_friction_reason: no handoff waits in the period") }
        // The SOC row's lead-time change is the portfolio's: what all AI together did to the cases
        // it touched (value-model §4.4).
        let portfolio = report.portfolio
        let change =
            portfolio.map { Self.leadTimeChange($0, notes: &notes) } ?? [.empty, .empty, .empty, .empty, .empty]
        if portfolio == nil { notes.add("lead_time_change_pct: no AI work in the period") }
        return [
            .empty, .empty, .empty, .empty, .integer(report.samples.tasks), .empty, .empty, .empty,
            .number(effort),
        ] + change + [
            .empty, .number(report.friction.flowEfficiencyMedian),
            .number(context.handoffWaitShare), .text(top?.handoffClass), .text(top?.reason), .empty, .empty,
        ] + Self.coordinationFields(report.coordination.map { $0.overall }, notes: &notes) + [
            .text(notes.text(scrubbing: scrubbed))
        ]
    }

    /// The lead-time change columns (change, interval, estimator, coverage) of a row: the
    /// report's realized reduction −ΔL / counterfactual mean turned into a signed change in
    /// percent (negative: cases closed sooner), so the interval's ends swap.
    static func leadTimeChange(_ a: ValueReport.AssistantValue, notes: inout Notes) -> [CSVField] {
        let reduction = a.realizedLeadReduction
        notes.add(estimate: reduction, "lead_time_change_pct")
        if a.workflowEffect?.confounded == true {
            notes.add("lead_time_change_pct: estimator 'untouched' is confounded, shown for comparison only")
        }
        if a.workflowEffect == nil {
            notes.add("estimator: none; coverage: none (no cases touched in the period)")
        } else if a.workflowEffect?.coverage == nil {
            notes.add("coverage: no treated cases")
        }
        for warning in a.workflowEffect?.warnings ?? [] where !warning.hasPrefix("confounded") {
            notes.add("lead_time_change_pct: \(warning)")
        }
        return [
            .percent(reduction.value.map { -$0 }), .percent(reduction.high.map { -$0 }),
            .percent(reduction.low.map { -$0 }), .text(a.workflowEffect?.estimator),
            .number(a.workflowEffect?.coverage),
        ]
    }

    func assistantRow(_ a: ValueReport.AssistantValue, name: String) -> [CSVField] {
        var notes = Notes()
        if a.tool == nil && a.category == nil && a.archetype == nil {
            notes.add("ai_category, archetype, tool: the assistant's metadata is not registered")
        }
        let tasks = a.taskSpeedups.reduce(0) { $0 + $1.treatedTasks }

        // Task speedup: the assistant's main speedup (one rule for every rendering).
        let primary = a.mainSpeedup
        var speedup: ValueReport.Estimate?
        if let primary {
            speedup = primary.speedup
            if a.taskSpeedups.count > 1 {
                let type = anonymize ? "its task type with the most AI tasks" : "task type '\(primary.taskType)'"
                notes.add(
                    "task_speedup: for \(type) (\(primary.treatedTasks) of \(tasks) AI tasks; the JSON report gives every type)"
                )
            }
            notes.add(estimate: primary.speedup, "task_speedup")
        } else {
            notes.add("task_speedup: no finished AI tasks in the period")
        }
        notes.add(estimate: a.effortSavedHours, "effort_hours_saved")

        let change = Self.leadTimeChange(a, notes: &notes)
        if a.valueCaptureRatio == nil {
            notes.add(
                a.predictedSavingHours.value == nil
                    ? "value_capture_ratio: insufficient data (no workflow effect)"
                    : "value_capture_ratio: not shown, the interval of the touch-time change includes 0")
        }
        notes.add("flow_efficiency_median, handoff_wait_share: SOC-level figures, in the soc row")

        // Friction: the handoff class whose waiting grew most in the cases it touched.
        let topClass = a.workflowEffect?.deltaWaitByClass.first { ($0.deltaHours.value ?? 0) > 0 }?.handoffClass
        var topReason: String?
        if let topClass {
            if let friction = report.friction.topClasses.first(where: { $0.handoffClass == topClass }) {
                topReason =
                    friction.tagReasons.max {
                        $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key
                    }?.key ?? "untagged"
            } else {
                notes.add("top_friction_reason: the class is not among the report's top handoff classes")
            }
        } else {
            notes.add("top_friction_class, top_friction_reason: waiting grew at no handoff class of its cases")
        }

        let measured = a.measuredRating == "insufficient data" ? nil : a.measuredRating
        notes.add(
            measured == nil
                ? "measured_value_rating: insufficient data (\(a.ratingReason))"
                : "measured_value_rating: \(a.ratingReason)")
        if a.perceivedRating != nil {
            notes.add("perceived_value_rating: the most common of \(a.perceivedResponses) ratings")
        } else {
            notes.add("perceived_value_rating: no ratings recorded")
        }
        if let gap = a.perceptionGap { notes.add("gap: \(gap)") }

        return [
            .text(name), .text(a.category), .text(a.archetype), .text(a.tool), .integer(tasks),
            .number(speedup?.value), .number(speedup?.low), .number(speedup?.high), .number(a.effortSavedHours.value),
        ] + change + [
            .number(a.valueCaptureRatio?.value), .empty, .empty, .text(topClass),
            .text(topReason), .text(measured), .text(a.perceivedRating),
        ]
            + Self.coordinationFields(
                report.coordination.map { $0.summary(of: CoordinationSide(assistant: a.name)) }, notes: &notes)
            + [.text(notes.text(scrubbing: scrubbed))]
    }

    /// The coordination columns (value-model §8): the share of the row's handoffs out that
    /// carried context, the share after which the next worker re-gathered, and the duplicated
    /// hours (effort beyond touch time).
    static func coordinationFields(_ summary: CoordinationMatrix.SideSummary?, notes: inout Notes) -> [CSVField] {
        guard let summary else {
            notes.add("handoffs_out_with_context_share, regather_after_share, duplicate_hours: no coordination figures")
            return [.empty, .empty, .empty]
        }
        if summary.handoffsOut == 0 {
            notes.add("handoffs_out_with_context_share, regather_after_share: no handoffs out in the period")
        }
        return [
            .number(summary.handoffsOutWithContextShare), .number(summary.regatherAfterShare),
            .number(summary.duplicateHours),
        ]
    }

    // MARK: - Helpers

    /// Names that must not appear in an anonymised file's notes, with what replaces them. Notes
    /// are Baton's own sentences, but a free-text name could still reach one through a note.
    var scrubbed: [(String, String)] {
        guard anonymize else { return [] }
        let pseudonyms = Pseudonymizer(salt: context.salt)
        var names = report.assistants.map { ($0.name, pseudonyms.pseudonym($0.name, kind: .assistant)) }
        let soc = pseudonyms.pseudonym(report.tenant, kind: .soc)
        names += [(report.tenant, soc), (context.socName, soc)]
        // Longest first, so a name containing another is replaced whole.
        return names.filter { !$0.0.isEmpty }.sorted { $0.0.count > $1.0.count }
    }

    /// An RFC 3339 instant at UTC midnight as its date (ISO 8601), anything else unchanged.
    static func date(_ rfc3339: String) -> String {
        rfc3339.hasSuffix("T00:00:00Z") ? String(rfc3339.prefix(10)) : rfc3339
    }

    /// The row's explanations, in column order.
    struct Notes {
        private var items: [String] = []

        mutating func add(_ note: String) { items.append(note) }

        /// Says why an estimate is empty, or passes on the report's remark about it.
        mutating func add(estimate: ValueReport.Estimate, _ column: String) {
            if estimate.value == nil {
                add("\(column): \(estimate.status)\(estimate.note.map { " (\($0))" } ?? "")")
            } else if estimate.low == nil || estimate.high == nil {
                add("\(column): no interval (too few usable resamples)")
            } else if let note = estimate.note {
                add("\(column): \(note)")
            }
        }

        func text(scrubbing names: [(String, String)]) -> String {
            var text = items.joined(separator: "; ")
            for (name, replacement) in names { text = text.replacingOccurrences(of: name, with: replacement) }
            return text
        }
    }
}

extension CSVField {
    /// A fraction as a percentage with two decimals.
    static func percent(_ fraction: Double?) -> CSVField {
        guard let fraction, fraction.isFinite else { return .empty }
        return .number(fraction * 100, decimals: 2)
    }
}
