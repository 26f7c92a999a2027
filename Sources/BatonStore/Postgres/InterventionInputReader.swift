import BatonCore

/// What the value report's intervention figures read inside the report's snapshot
/// (`Docs/interventions.md`): the tenant's recorded interventions
/// (``PostgresInterventionRepository/interventions(tenant:before:on:logger:)``), and, only when one
/// is dated in the period, every handoff of the period's cases with its tool pair, sides, wait and
/// start, which the workflow statement then adds to its handoff columns
/// (``ReportInputReader/workflowStaging(on:tenant:from:to:months:chunk:classBy:handoffSides:logger:)``:
/// one pass over the handoffs instead of a statement of its own, which cost ~150 ms of a busy
/// machine's CPU on the 90-day demo).
enum InterventionInputReader {
    /// The handoffs' columns with their strings coded into a table of their own; starts in
    /// microseconds from the period's start until ``ReportInput/add(_:)`` places them.
    struct Handoffs: Sendable {
        var names = ReportNames()
        var columns = ReportHandoffColumns()

        /// One row's handoffs (a chunk of workflows, by number).
        mutating func append(
            workflows: [Int32], pairs: CodedTextArray, fromSides: CodedTextArray, toSides: CodedTextArray,
            waits: [Int64], starts: [Int64]
        ) {
            let pairCodes = pairs.recoded(into: &names)
            let fromCodes = fromSides.recoded(into: &names)
            let toCodes = toSides.recoded(into: &names)
            columns.reserveCapacity(columns.count + workflows.count)
            for i in workflows.indices {
                columns.append(
                    workflow: workflows[i], toolPair: pairCodes[Int(pairs.codes[i])],
                    fromSide: fromCodes[Int(fromSides.codes[i])], toSide: toCodes[Int(toSides.codes[i])],
                    wait: waits[i], start: starts[i])
            }
        }
    }
}

extension ReportInput {
    /// Adds the handoffs the workflow statement read for the interventions, their strings recoded
    /// into the input's names and their starts made absolute.
    mutating func add(_ handoffs: InterventionInputReader.Handoffs) {
        let recode = handoffs.names.strings.map { names.code($0) }
        var c = handoffs.columns
        for i in 0..<c.count {
            c.toolPair[i] = recode[Int(c.toolPair[i])]
            c.fromSide[i] = recode[Int(c.fromSide[i])]
            c.toSide[i] = recode[Int(c.toSide[i])]
            c.start[i] += from.microseconds
        }
        handoffColumns = c
    }
}
