import BatonCore

/// The value report's workflow and handoff columns as they arrive, a chunk of workflows at a
/// time: strings coded into `names`, numbers as they come. Workflows sit in arrival order and
/// carry their number (`number`); handoffs carry the number of their workflow.
struct ReportWorkflowStaging: Sendable {
    var names = ReportNames()
    var number: [Int32] = []
    var category: [Int32] = []
    var severity: [Int32] = []
    /// Microseconds from the start of the period.
    var opened: [Int64] = []
    /// -1 when the workflow is open.
    var lead: [Int64] = []
    var touch: [Int64] = []
    var intake: [Int64] = []
    var closure: [Int64] = []
    var aiTouched: [Bool] = []
    var handoffWorkflow: [Int32] = []
    var handoffClass: [Int32] = []
    var handoffWait: [Int64] = []
    var inferred: Int64 = 0
    var pingPong: Double?
    var efficiency50: Double?
    var efficiency90: Double?
    /// Every handoff of the period's cases with its pair, sides and start, when the statement was
    /// asked for them (an intervention is dated in the period); the handoff columns above then
    /// hold open workflows' handoffs too, which the class waits skip.
    var interventionHandoffs: InterventionInputReader.Handoffs?

    var count: Int { number.count }

    /// Reserves room for every workflow and handoff of the statement, known from its first row,
    /// so the columns do not grow by doubling.
    mutating func reserveCapacity(workflows: Int, handoffs: Int) {
        number.reserveCapacity(workflows)
        category.reserveCapacity(workflows)
        severity.reserveCapacity(workflows)
        opened.reserveCapacity(workflows)
        lead.reserveCapacity(workflows)
        touch.reserveCapacity(workflows)
        intake.reserveCapacity(workflows)
        closure.reserveCapacity(workflows)
        aiTouched.reserveCapacity(workflows)
        handoffWorkflow.reserveCapacity(handoffs)
        handoffClass.reserveCapacity(handoffs)
        handoffWait.reserveCapacity(handoffs)
    }

    mutating func append(
        numbers: [Int32], categories: CodedTextArray, severities: CodedTextArray, opened: [Int64], leads: [Int64],
        touches: [Int64], intakes: [Int64], closures: [Int64], touched: [Bool]
    ) {
        let categoryCodes = categories.recoded(into: &names)
        let severityCodes = severities.recoded(into: &names)
        number.append(contentsOf: numbers)
        category.append(contentsOf: categories.codes.lazy.map { categoryCodes[Int($0)] })
        severity.append(contentsOf: severities.codes.lazy.map { severityCodes[Int($0)] })
        self.opened.append(contentsOf: opened)
        lead.append(contentsOf: leads)
        touch.append(contentsOf: touches)
        intake.append(contentsOf: intakes)
        closure.append(contentsOf: closures)
        aiTouched.append(contentsOf: touched)
    }

    mutating func appendHandoffs(workflows: [Int32], classes: CodedTextArray, waits: [Int64]) {
        let classCodes = classes.recoded(into: &names)
        handoffWorkflow.append(contentsOf: workflows)
        handoffClass.append(contentsOf: classes.codes.lazy.map { classCodes[Int($0)] })
        handoffWait.append(contentsOf: waits)
    }
}
