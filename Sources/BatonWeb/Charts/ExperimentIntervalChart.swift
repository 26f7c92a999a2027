public import BatonCore

/// An experiment's lead-time effect with both intervals (value-model §7): the fixed-horizon 95%
/// interval, valid at the planned end, and the anytime-valid one, valid at every look, on one
/// scale with zero marked.
enum ExperimentIntervalChart {
    static func render(_ x: ValueReport.ExperimentAnalysis) -> HTML {
        let itt = x.intentionToTreat.deltaLeadHours
        guard let value = itt.value else { return "" }
        var rows: [(label: String, low: Double, high: Double, point: Double)] = []
        if let low = itt.low, let high = itt.high { rows.append(("fixed-horizon 95%", low, high, value)) }
        if let cs = x.confidenceSequence { rows.append(("anytime-valid 95%", cs.low, cs.high, cs.deltaLeadHours)) }
        guard !rows.isEmpty else { return "" }
        let ends: [Double] = rows.flatMap { [$0.low, $0.high] } + [0]
        let (lowest, highest) = (ends.min() ?? 0, ends.max() ?? 0)
        let pad = max((highest - lowest) * 0.08, 0.05)
        let scale = Chart.Scale(low: lowest - pad, high: highest + pad, x0: 170, x1: 620)
        let height = 40 + Double(rows.count) * 36
        var body: HTML = """
            <line x1="\(scale(0))" y1="14" x2="\(scale(0))" y2="\(height - 22)" class="zero"/>
            <text x="\(scale(0))" y="\(height - 6)" text-anchor="middle">0 (no change)</text>
            """
        for (i, r) in rows.enumerated() {
            let y = 34 + Double(i) * 36
            let words =
                "\(r.label) interval of the lead-time change per eligible case: \(HumanFormat.signedDuration(hours: r.low)) to \(HumanFormat.signedDuration(hours: r.high))"
            body += """
                <g><title>\(words)</title>
                <text x="0" y="\(y + 4)">\(r.label)</text>
                <line x1="\(scale(r.low))" y1="\(y)" x2="\(scale(r.high))" y2="\(y)" class="whisker"/>
                <circle cx="\(scale(r.point))" cy="\(y)" r="5" class="dot-speedup"/></g>
                """
        }
        return Chart.svg(
            id: "chart-experiment", width: 640, height: height,
            title: "Experiment \(x.name): lead-time change with both intervals",
            description:
                "Use arm minus holdout arm, hours per eligible case: \(HumanFormat.estimate(itt, HumanFormat.signedDuration(hours:))); the anytime-valid interval stays valid however often the report is looked at.",
            body)
    }
}
