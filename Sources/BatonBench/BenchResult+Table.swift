import Foundation

extension BenchResult {
    /// The results as a Markdown table, ready for `Docs/performance.md`.
    package var table: String {
        func n(_ value: Int) -> String {
            let digits = String(value)
            var out = ""
            for (i, c) in digits.enumerated() {
                if i > 0, (digits.count - i) % 3 == 0 { out += "," }
                out.append(c)
            }
            return out
        }
        func f(_ value: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", value) }
        var rows = [
            "| part | measure | result |",
            "| --- | --- | --- |",
            "| ingest | HTTP `POST /v1/events`: \(n(ingest.tasks)) tasks + \(n(ingest.workflows)) workflows, \(ingest.clients) clients, \(n(ingest.batches)) requests of ~\(n(ingest.batchTasks)) tasks | \(f(ingest.httpSeconds, 1)) s, \(n(Int(ingest.httpRecordsPerSecond))) records/s |",
            "| ingest | raw COPY of the same rows into the same tables, \(ingest.clients) connections | \(f(ingest.copySeconds, 1)) s, \(n(Int(ingest.copyRecordsPerSecond))) records/s |",
            "| ingest | HTTP ÷ COPY (target ≥ 0.6) | \(f(ingest.ratio, 2)) |",
        ]
        for size in report.sizes {
            rows.append(
                "| report | \(n(size.tasks)) tasks in history (\(n(size.tasksInPeriod)) in the 90-day period), \(size.runs) runs | p50 \(f(size.p50Milliseconds)) ms, p95 \(f(size.p95Milliseconds)) ms (loaded in \(f(size.loadSeconds)) s, rolled up in \(f(size.rollupSeconds)) s) |"
            )
            if let o = size.overview {
                rows.append(
                    "| overview | first web overview of \(o.periods) new periods at \(n(size.tasks)) tasks (target < 500 ms) | first page p50 \(f(o.firstP50Milliseconds)) ms, max \(f(o.firstMaxMilliseconds)) ms (\(o.previews) with the rollup figures); full overview p50 \(f(o.fullP50Seconds, 1)) s, max \(f(o.fullMaxSeconds, 1)) s |"
                )
            }
        }
        if let first = report.sizes.first, let last = report.sizes.last, report.sizes.count > 1 {
            rows.append(
                "| report | p50 at \(n(last.tasks)) ÷ p50 at \(n(first.tasks)) tasks (target ≤ 2) | \(f(report.ratioP50, 2)) |"
            )
        }
        rows.append(
            "| export | survey CSV, \(n(export.tasks)) tasks | \(f(export.surveyCSV.seconds, 1)) s, peak \(f(export.surveyCSV.peakResidentMegabytes)) MB |"
        )
        rows.append(
            "| export | XES event log, \(n(export.tasks)) tasks (\(f(Double(export.xes.bytes) / 1_048_576)) MB) | \(f(export.xes.seconds, 1)) s, peak \(f(export.xes.peakResidentMegabytes)) MB |"
        )
        rows += assignments?.tableRows ?? []
        return "baton bench (\(build) build, \(cores) cores, \(f(seconds)) s)\n\n" + rows.joined(separator: "\n")
    }
}
