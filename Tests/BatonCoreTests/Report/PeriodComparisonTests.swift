import Foundation
import Testing

@testable import BatonCore

@Suite("Period over period: changes with intervals, and 'changed' only when the interval excludes 0")
struct PeriodComparisonTests {
    typealias B = ReportFixtures

    @Test("a change's interval is the normal approximation from both periods' 95% intervals")
    func figureChange() {
        // se = width / (2 × 1.96): 0.5102 and 0.2551; the difference's se √(0.2603 + 0.0651) = 0.5704.
        let wide = FigureChange(
            figure: "realized_saving_hours", current: .ok(2, (1, 3)), previous: .ok(1, (0.5, 1.5)))
        #expect(wide.change.value == 1)
        #expect(abs((wide.change.low ?? 0) - (1 - 1.959964 * 0.570443)) < 1e-4)
        #expect(abs((wide.change.high ?? 0) - (1 + 1.959964 * 0.570443)) < 1e-4)
        #expect(wide.verdict == FigureChange.noClearChange)
        let narrow = FigureChange(
            figure: "realized_saving_hours", current: .ok(2, (1.8, 2.2)), previous: .ok(1, (0.9, 1.1)))
        #expect(narrow.verdict == FigureChange.changed && narrow.change.above(0))
        let fell = FigureChange(figure: "effort_saved_hours", current: .ok(1, (0.9, 1.1)), previous: .ok(2, (1.8, 2.2)))
        #expect(fell.verdict == FigureChange.changed && fell.change.below(0))
        // No interval on one side: no verdict, and the note says which side.
        let missing = FigureChange(
            figure: "value_capture_ratio", current: .ok(0.5, (0.2, 0.8)), previous: .insufficient("too few"))
        #expect(missing.verdict == FigureChange.insufficient && missing.change.value == nil)
        #expect(missing.change.note?.contains("previous period") == true)
        #expect(missing.sentence.hasPrefix("value capture: insufficient data"))
        #expect(narrow.sentence.contains("changed") && narrow.sentence.contains("→"))
    }

    @Test("waiting per case: cases without the class count as 0; its standard error is over cases")
    func classWaitPerCase() throws {
        let workflows = [
            B.workflow("phishing", "low", lead: 5, touch: 1, waits: ["siem→edr": 1]),
            B.workflow("phishing", "low", lead: 5, touch: 1),
            B.workflow("phishing", "low", lead: 5, touch: 1, waits: ["siem→edr": 3, "edr→soar": 2]),
            B.workflow("phishing", "low", lead: 5, touch: 1),
        ]
        let report = B.build(B.input(tasks: [], workflows: workflows))
        let classes = try #require(report.classWaitPerCase)
        #expect(classes.map(\.handoffClass) == ["siem→edr", "edr→soar"])
        let edr = classes[0]
        // Values 1, 0, 3, 0: mean 1, sample variance (0 + 1 + 4 + 1) / 3 = 2, se √(2 / 4).
        #expect(edr.workflows == 4 && edr.workflowsWithClass == 2 && abs(edr.meanHours - 1) < 1e-12)
        #expect(abs(edr.standardErrorHours - (0.5).squareRoot()) < 1e-12)
        #expect(abs(classes[1].meanHours - 0.5) < 1e-12)
    }

    @Test("two reports compared: a class absent before counts as 0; an empty previous period says so")
    func compare() {
        var current = B.build(B.input(tasks: [], workflows: [B.workflow("x", "low", lead: 2, touch: 1)]))
        current.classWaitPerCase = [
            ClassWaitPerCase(
                handoffClass: "siem→edr", workflows: 100, workflowsWithClass: 50, meanHours: 2, standardErrorHours: 0.1)
        ]
        var previous = current
        previous.classWaitPerCase = []
        let comparison = PeriodComparison(current: current, previous: previous)
        let edr = comparison.frictionClasses.first { $0.handoffClass == "siem→edr" }
        #expect(edr?.change.previous == 0 && edr?.change.current == 2)
        #expect(edr?.change.verdict == FigureChange.changed)
        #expect(comparison.note == nil)

        var empty = previous
        empty.samples.closedWorkflows = 0
        let none = PeriodComparison(current: current, previous: empty)
        #expect(none.note == "no closed case in the previous period: nothing to compare")
        #expect(none.assistants.isEmpty && none.frictionClasses.isEmpty)
        current.comparison = none
        #expect(current.text.contains("nothing to compare"))
    }

    @Test("each assistant's trend has one entry per week of closed cases, weeks starting on Mondays")
    func weeklyEntries() {
        let monday = Timestamp(rfc3339: "2026-03-02T00:00:00Z")!
        var workflows: [ReportInput.WorkflowObservation] = []
        var tasks: [ReportInput.TaskObservation] = []
        for week in 0..<3 {
            for n in 0..<80 {
                let opened = monday.adding(microseconds: Int64(week * 7 * 86_400 + n * 3_600) * 1_000_000)
                let touched = n % 2 == 0
                workflows.append(
                    B.workflow(
                        "phishing", "low", lead: touched ? 4 : 6, touch: 1, touchedBy: touched ? "copilot" : nil,
                        triage: 0.5, openedAt: opened))
                tasks.append(
                    B.task("low", minutes: touched ? 10 : 20, assistant: touched ? "copilot" : nil, startedAt: opened))
            }
        }
        var options = B.options(resamples: 200)
        // Only when asked for: a bootstrap per week.
        #expect(
            B.build(B.input(tasks: tasks, workflows: workflows), options).assistants.allSatisfy { $0.weekly == nil })
        options.weeklyTrends = true
        let report = B.build(B.input(tasks: tasks, workflows: workflows), options)
        let weeks = report.assistants.first { $0.name == "copilot" }?.weekly ?? []
        #expect(weeks.map(\.weekStart) == ["2026-03-02", "2026-03-09", "2026-03-16"])
        #expect(weeks.allSatisfy { $0.treatedWorkflows == 40 })
        // Touched cases take 4 h against 6 h: a third shorter, every week, with no spread.
        for w in weeks {
            #expect(abs((w.realizedLeadReduction.value ?? 0) - 1.0 / 3) < 1e-9)
        }
    }
}
