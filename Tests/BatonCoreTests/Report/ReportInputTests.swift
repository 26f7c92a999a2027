import Testing

@testable import BatonCore

/// The input keeps tasks and workflows as coded columns; observations in, observations out.
@Suite("Report input columns")
struct ReportInputTests {
    typealias F = ReportFixtures

    @Test("observations go into the columns and come back unchanged, an empty assistant name included")
    func roundTrip() {
        let tasks = [
            F.task("high", minutes: 20, assistant: "bot"),
            F.task("low", minutes: 5, type: "enrichment-of-indicators-from-feeds"),
            F.task("high", minutes: 7, assistant: "", aiTouched: false),
            F.task("high", minutes: 20, assistant: "bot"),
        ]
        let workflows = [
            F.workflow(
                "phishing", "high", lead: 3, touch: 1, waits: [F.siemSoar: 1, F.soarTicketing: 0.5],
                touchedBy: "bot", triage: 0.25),
            F.workflow("malware", "low", lead: 2, touch: 2),
            F.workflow("phishing", "high", lead: 1, touch: 0.5, waits: [F.siemSoar: 0.2]),
        ]
        var input = F.input(tasks: tasks, workflows: workflows)
        #expect(input.tasks == tasks)
        #expect(input.workflows == workflows)
        // Strings are stored once: bot, high, low, the two task types, the empty name, two
        // categories and two classes.
        #expect(input.names.count == 10)
        #expect(input.taskColumns.assistant[1] == -1)
        #expect(input.workflowColumns.classes(0).count == 2)
        #expect(input.workflowColumns.served(0, by: input.names.existingCode("bot")!))
        #expect(!input.workflowColumns.served(2, by: input.names.existingCode("bot")!))

        input.tasks.append(F.task("medium", minutes: 1))
        #expect(input.tasks == tasks + [F.task("medium", minutes: 1)])
        input.workflows = Array(workflows.reversed())
        #expect(input.workflows == workflows.reversed())
    }

    @Test("experiment arms go into the columns as a run per workflow and come back; columns without arms assign nobody")
    func arms() {
        var workflows = [
            F.workflow("phishing", "high", lead: 3, touch: 1, touchedBy: "bot"),
            F.workflow("malware", "low", lead: 2, touch: 2),
            F.workflow("phishing", "high", lead: 1, touch: 0.5),
        ]
        workflows[0].arms = ["trial": .use, "other": .holdout]
        workflows[2].arms = ["trial": .holdout]
        let input = F.input(tasks: [F.task("high", minutes: 20, assistant: "bot")], workflows: workflows)
        #expect(input.workflows == workflows)
        let c = input.workflowColumns
        let trial = input.names.existingCode("trial")!
        #expect(c.armStart == [0, 2, 2, 3])
        #expect(c.arm(0, experiment: trial) == .use)
        #expect(c.arm(1, experiment: trial) == nil)
        #expect(c.arm(2, experiment: trial) == .holdout)
        #expect(c.arm(0, experiment: input.names.existingCode("other")!) == .holdout)
        // A reader that gives no arms (it never ends a run) leaves every workflow unassigned.
        var bare = ReportWorkflowColumns()
        bare.endClassWaits()
        bare.endAssistants()
        bare.endTypeTimes()
        bare.append(category: 0, severity: 0, openedAt: 0, lead: 1, touch: 1, intake: 0, closure: 0, aiTouched: false)
        #expect(bare.arms(0).isEmpty)
        #expect(bare.arm(0, experiment: 0) == nil)
        // Without any arm in the observations no run is built at all.
        #expect(F.input(tasks: [], workflows: [workflows[1]]).workflowColumns.armStart == [0])
    }

    @Test("a workflow's class waits, task-type times and assistants are one entry per class, type and assistant")
    func runs() {
        var columns = ReportWorkflowColumns()
        columns.addClassWait(3, 10)
        columns.addClassWait(4, 1)
        columns.addClassWait(3, 5)
        columns.endClassWaits()
        columns.addAssistant(7)
        columns.addAssistant(7)
        columns.endAssistants()
        columns.addTypeTime(2, 4)
        columns.addTypeTime(2, 6)
        columns.endTypeTimes()
        columns.append(
            category: 0, severity: 1, openedAt: 0, lead: 20, touch: 5, intake: 1, closure: 1, aiTouched: true)
        columns.addClassWait(3, 2)
        columns.endClassWaits()
        columns.endAssistants()
        columns.endTypeTimes()
        columns.append(
            category: 0, severity: 1, openedAt: 0, lead: 2, touch: 0, intake: 0, closure: 0, aiTouched: false)
        #expect(columns.count == 2)
        #expect(Array(columns.classCode[columns.classes(0)]) == [3, 4])
        #expect(Array(columns.classWait[columns.classes(0)]) == [15, 1])
        #expect(Array(columns.classWait[columns.classes(1)]) == [2])
        #expect(Array(columns.assistantCode[columns.assistants(0)]) == [7])
        #expect(columns.assistants(1).isEmpty)
        #expect(Array(columns.typeTime[columns.types(0)]) == [10])
    }
}
