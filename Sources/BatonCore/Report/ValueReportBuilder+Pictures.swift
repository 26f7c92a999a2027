import Foundation

extension ValueReportBuilder {
    /// Mean lead-time composition of AI-touched and untouched workflows (for the waterfall).
    static func composition(_ workflows: ReportWorkflowColumns, _ names: ReportNames)
        -> [ValueReport.LeadComposition]
    {
        [("touched", true), ("untouched", false)].compactMap { name, touched in
            let cohort = (0..<workflows.count).filter { workflows.aiTouched[$0] == touched }
            guard !cohort.isEmpty else { return nil }
            let n = Double(cohort.count)
            func mean(_ value: (Int) -> Int64) -> Double {
                Double(cohort.reduce(Int64(0)) { $0 + value($1) }) / n / hour
            }
            var byCode: [Int32: Int64] = [:]
            for w in cohort {
                for e in workflows.classes(w) { byCode[workflows.classCode[e], default: 0] += workflows.classWait[e] }
            }
            let ranked = byCode.map { (key: names[$0.key], value: $0.value) }
                .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            var classes = ranked.prefix(5).map {
                ValueReport.ClassHours(handoffClass: $0.key, hours: Double($0.value) / n / hour)
            }
            let rest = ranked.dropFirst(5).reduce(Int64(0)) { $0 + $1.value }
            if rest > 0 { classes.append(.init(handoffClass: "other", hours: Double(rest) / n / hour)) }
            return ValueReport.LeadComposition(
                cohort: name, workflows: cohort.count, meanLeadHours: mean { workflows.lead[$0] },
                meanTouchHours: mean { workflows.touch[$0] }, meanIntakeHours: mean { workflows.intake[$0] },
                meanHandoffWaitHours: mean {
                    workflows.lead[$0] - workflows.touch[$0] - workflows.intake[$0] - workflows.closure[$0]
                },
                meanClosureHours: mean { workflows.closure[$0] }, handoffWaitByClass: classes)
        }
    }

    /// The composition of workflow observations.
    static func composition(_ workflows: [ReportInput.WorkflowObservation]) -> [ValueReport.LeadComposition] {
        var names = ReportNames()
        let columns = ReportInput.columns(of: workflows, names: &names)
        return composition(columns, names)
    }

    /// The weekly figures of workflow observations.
    static func weekly(_ workflows: [ReportInput.WorkflowObservation]) -> [ValueReport.WeekSummary] {
        var names = ReportNames()
        return weekly(ReportInput.columns(of: workflows, names: &names))
    }

    /// Weekly figures by the Monday (UTC) of the week each workflow opened in.
    static func weekly(_ workflows: ReportWorkflowColumns) -> [ValueReport.WeekSummary] {
        let week: Int64 = 7 * 86_400 * 1_000_000
        // 1970-01-01 was a Thursday; Mondays are 4 days later modulo 7.
        let mondayOffset: Int64 = 4 * 86_400 * 1_000_000
        func weekStart(_ microseconds: Int64) -> Int64 {
            let shifted = microseconds - mondayOffset
            let floored = shifted >= 0 ? shifted / week : (shifted - week + 1) / week
            return floored * week + mondayOffset
        }
        let grouped = Dictionary(grouping: 0..<workflows.count) { weekStart(workflows.openedAt[$0]) }
        return grouped.keys.sorted().map { start in
            let ws = grouped[start]!
            let touched = ws.filter { workflows.aiTouched[$0] }.map { workflows.lead[$0] }.sorted()
            let untouched = ws.filter { !workflows.aiTouched[$0] }.map { workflows.lead[$0] }.sorted()
            let lead = ws.reduce(Int64(0)) { $0 + workflows.lead[$1] }
            let wait = ws.reduce(Int64(0)) { $0 + workflows.lead[$1] - workflows.touch[$1] }
            return ValueReport.WeekSummary(
                weekStart: String(Timestamp(microseconds: start).rfc3339.prefix(10)), closedWorkflows: ws.count,
                touchedWorkflows: touched.count,
                medianLeadHoursTouched: Statistics.median(sorted: touched).map { $0 / hour },
                medianLeadHoursUntouched: Statistics.median(sorted: untouched).map { $0 / hour },
                waitShare: lead > 0 ? Double(wait) / Double(lead) : nil)
        }
    }

    /// Each handoff class's waiting per closed case, with its standard error over cases.
    static func classWaitPerCase(_ workflows: ReportWorkflowColumns, _ names: ReportNames) -> [ClassWaitPerCase] {
        let n = workflows.count
        guard n > 0 else { return [] }
        var sums: [Int32: (sum: Double, squares: Double, cases: Int)] = [:]
        for i in 0..<n {
            for e in workflows.classes(i) {
                let hours = Double(workflows.classWait[e]) / hour
                sums[workflows.classCode[e], default: (0, 0, 0)].sum += hours
                sums[workflows.classCode[e], default: (0, 0, 0)].squares += hours * hours
                sums[workflows.classCode[e], default: (0, 0, 0)].cases += 1
            }
        }
        return sums.map { code, s in
            let mean = s.sum / Double(n)
            // Cases without the class count as zeros: they add nothing to the sums.
            let variance = n > 1 ? max(0, (s.squares - Double(n) * mean * mean) / Double(n - 1)) : 0
            return ClassWaitPerCase(
                handoffClass: names[code], workflows: n, workflowsWithClass: s.cases, meanHours: mean,
                standardErrorHours: (variance / Double(n)).squareRoot())
        }
        .sorted { $0.meanHours != $1.meanHours ? $0.meanHours > $1.meanHours : $0.handoffClass < $1.handoffClass }
    }
}
