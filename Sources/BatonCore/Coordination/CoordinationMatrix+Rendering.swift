import Foundation

extension CoordinationMatrix {
    /// How many cells the text and Markdown reports list (the largest waits first); the JSON,
    /// the API and the web heatmap have them all.
    public static let renderedCells = 12

    /// The cells the reports list: those with handoffs, links or duplicated time, largest
    /// waiting (then duplicated) hours first.
    public var rankedCells: [Cell] {
        cells.sorted {
            ($0.waitingHours + $0.duplicateHours, $1.from, $1.to) > (
                $1.waitingHours + $1.duplicateHours, $0.from, $0.to
            )
        }
    }

    /// The report's "Coordination" section: the busiest pairs, the counts of broken and ignored
    /// links, and the practices for the worst cells. A Markdown table when `markdown`.
    public func lines(markdown md: Bool) -> [String] {
        var out: [String] = []
        let shown = rankedCells.prefix(Self.renderedCells)
        func share(_ value: Double?) -> String { value.map(HumanFormat.percent) ?? "n/a" }
        func minutes(_ value: Double?) -> String { value.map { HumanFormat.duration(seconds: $0 * 60) } ?? "n/a" }
        if shown.isEmpty {
            out.append(md ? "No handoffs between assistants or people in this period." : "  no handoffs in this period")
        } else if md {
            out.append(
                "| from → to | handoffs | median wait | context carried | re-gathered | reworked | broken links | links | median link wait | duplicate work |"
            )
            out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            for c in shown {
                out.append(
                    "| \(Self.markdownCell("\(c.from) → \(c.to)")) | \(c.handoffs) | \(minutes(c.medianWaitMinutes)) | \(share(c.contextCarriedShare)) | \(share(c.regatherShare)) | \(share(c.reworkShare)) | \(c.brokenLinks) | \(c.links) | \(minutes(c.medianLinkWaitMinutes)) | \(HumanFormat.hours(c.duplicateHours)) |"
                )
            }
        } else {
            for c in shown {
                var parts = [
                    "\(c.handoffs) handoffs, median wait \(minutes(c.medianWaitMinutes)), context carried \(share(c.contextCarriedShare)), re-gathered \(share(c.regatherShare)), reworked \(share(c.reworkShare))"
                ]
                if c.brokenLinks > 0 { parts.append("\(c.brokenLinks) broken links") }
                if c.links > 0 { parts.append("\(c.links) links (median \(minutes(c.medianLinkWaitMinutes)))") }
                if c.duplicateHours > 0 { parts.append("duplicate work \(HumanFormat.hours(c.duplicateHours))") }
                out.append("  \(c.from) → \(c.to): " + parts.joined(separator: "; "))
            }
        }
        let bullet = md ? "- " : "  "
        out.append(
            "\(md ? "\n" : "")\(bullet)broken links (AI output handed on with no producer named) \(brokenLinks); context_from outside the case \(otherCaseLinks), on a cycle \(cycleLinks) (ignored); duplicate work \(HumanFormat.hours(duplicateHours)); AI output consumed by a named task \(share(aiOutputConsumedShare))"
        )
        if path == .rollups {
            // Say so: the medians are the one figure the rollups do not give exactly.
            out.append(
                "\(bullet)read from daily rollups: counts exact, medians within \(HumanFormat.percentBound(DurationHistogram.relativeAccuracy))"
            )
        }
        for (i, g) in guidance.enumerated() {
            out.append(
                "\(md ? "\(i + 1). " : "  \(i + 1). ")\(g.from) → \(g.to), \(g.problem): \(HumanFormat.hours(g.hoursAtStake)) at stake. \(g.practice.prefix(1).uppercased() + g.practice.dropFirst())."
            )
        }
        return out
    }

    /// A table cell's text with the characters that would break a Markdown table escaped.
    static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
