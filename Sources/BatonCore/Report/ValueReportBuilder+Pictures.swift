import Foundation

extension ValueReportBuilder {
    /// Mean lead-time composition of AI-touched and untouched workflows (for the waterfall).
    static func composition(_ workflows: [ReportInput.WorkflowObservation]) -> [ValueReport.LeadComposition] {
        [("touched", true), ("untouched", false)].compactMap { name, touched in
            let cohort = workflows.filter { $0.aiTouched == touched }
            guard !cohort.isEmpty else { return nil }
            let n = Double(cohort.count)
            func mean(_ value: (ReportInput.WorkflowObservation) -> Int64) -> Double {
                Double(cohort.reduce(Int64(0)) { $0 + value($1) }) / n / hour
            }
            var byClass: [String: Int64] = [:]
            for w in cohort { for (c, wait) in w.classWaits { byClass[c, default: 0] += wait } }
            let ranked = byClass.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            var classes = ranked.prefix(5).map {
                ValueReport.ClassHours(handoffClass: $0.key, hours: Double($0.value) / n / hour)
            }
            let rest = ranked.dropFirst(5).reduce(Int64(0)) { $0 + $1.value }
            if rest > 0 { classes.append(.init(handoffClass: "other", hours: Double(rest) / n / hour)) }
            return ValueReport.LeadComposition(
                cohort: name, workflows: cohort.count, meanLeadHours: mean(\.lead), meanTouchHours: mean(\.touch),
                meanIntakeHours: mean(\.intake), meanHandoffWaitHours: mean { $0.wait - $0.intake - $0.closure },
                meanClosureHours: mean(\.closure), handoffWaitByClass: classes)
        }
    }

    /// Weekly figures by the Monday (UTC) of the week each workflow opened in.
    static func weekly(_ workflows: [ReportInput.WorkflowObservation]) -> [ValueReport.WeekSummary] {
        let week: Int64 = 7 * 86_400 * 1_000_000
        // 1970-01-01 was a Thursday; Mondays are 4 days later modulo 7.
        let mondayOffset: Int64 = 4 * 86_400 * 1_000_000
        func weekStart(_ t: Timestamp) -> Int64 {
            let shifted = t.microseconds - mondayOffset
            let floored = shifted >= 0 ? shifted / week : (shifted - week + 1) / week
            return floored * week + mondayOffset
        }
        let grouped = Dictionary(grouping: workflows) { weekStart($0.openedAt) }
        return grouped.keys.sorted().map { start in
            let ws = grouped[start]!
            let touched = ws.filter(\.aiTouched).map(\.lead).sorted()
            let untouched = ws.filter { !$0.aiTouched }.map(\.lead).sorted()
            let lead = ws.reduce(Int64(0)) { $0 + $1.lead }
            let wait = ws.reduce(Int64(0)) { $0 + $1.wait }
            return ValueReport.WeekSummary(
                weekStart: String(Timestamp(microseconds: start).rfc3339.prefix(10)), closedWorkflows: ws.count,
                touchedWorkflows: touched.count,
                medianLeadHoursTouched: Statistics.median(sorted: touched).map { $0 / hour },
                medianLeadHoursUntouched: Statistics.median(sorted: untouched).map { $0 / hour },
                waitShare: lead > 0 ? Double(wait) / Double(lead) : nil)
        }
    }
}
