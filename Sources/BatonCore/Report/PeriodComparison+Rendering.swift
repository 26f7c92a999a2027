extension PeriodComparison {
    /// The comparison for text and Markdown: what changed first, then what did not clearly move.
    func lines(markdown md: Bool) -> [String] {
        let bullet = md ? "- " : "  "
        let indent = md ? "  - " : "    "
        var out = [
            "\(bullet)previous period \(previous.from) to \(previous.to), \(previousClosedWorkflows) closed workflows; \(note ?? rule)"
        ]
        for a in assistants {
            let across =
                a.previousEstimator.map {
                    $0 != a.estimator ? " (estimator \($0) then, \(a.estimator ?? "none") now)" : ""
                }
                ?? ""
            out.append("\(bullet)\(a.name)\(across):")
            out += a.changes.map { "\(indent)\($0.sentence)" }
        }
        if !frictionClasses.isEmpty {
            out.append("\(bullet)waiting per closed case, by handoff class (largest changes first):")
            out += frictionClasses.map { "\(indent)\($0.handoffClass): \($0.change.sentence)" }
            if frictionClassesOmitted > 0 { out.append("\(indent)\(frictionClassesOmitted) smaller changes not shown") }
        }
        return out
    }
}
