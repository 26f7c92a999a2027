import Foundation

/// What `baton bench` measured, as written to `--out` (JSON, snake_case keys).
package struct BenchResult: Codable, Sendable {
    /// Ingest over HTTP next to a raw COPY of the same rows into the same tables.
    struct Ingest: Codable, Sendable {
        var workflows: Int
        var tasks: Int
        var records: Int
        var clients: Int
        var batchTasks: Int
        var batches: Int
        var httpSeconds: Double
        var httpRecordsPerSecond: Double
        var copySeconds: Double
        var copyRecordsPerSecond: Double
        /// HTTP throughput over COPY throughput (the target: at least 0.6).
        var ratio: Double
    }

    /// Report latency at one archive size.
    struct ReportSize: Codable, Sendable {
        /// Tasks of the tenant in the database (its whole history).
        var tasks: Int
        var workflows: Int
        /// Tasks of workflows opened in the reported period.
        var tasksInPeriod: Int
        /// Seconds to load this size's new records (through the collector's storage code) and ANALYZE.
        var loadSeconds: Double
        /// Seconds of the maintenance pass after the load (the rollups of every month it changed),
        /// so the report runs as it would once `baton serve`'s maintenance service has caught up.
        var rollupSeconds: Double
        var runs: Int
        var p50Milliseconds: Double
        var p95Milliseconds: Double
        var minMilliseconds: Double
        var maxMilliseconds: Double
        /// The first web overview of new periods at this size.
        var overview: Overview?
    }

    /// The first web overview of new periods at one archive size (``Benchmark/measureOverview``).
    struct Overview: Codable, Sendable {
        var periods: Int
        /// Periods whose first page showed the rollup figures while the report was built.
        var previews: Int
        /// From the request to the first page, whatever it showed.
        var firstP50Milliseconds: Double
        var firstMaxMilliseconds: Double
        /// From the request to the full overview, following the page's reloads.
        var fullP50Seconds: Double
        var fullMaxSeconds: Double
    }

    struct Report: Codable, Sendable {
        var tenant: String
        var from: String
        var to: String
        var sizes: [ReportSize]
        /// p50 at the largest size over p50 at the smallest (the target: at most 2).
        var ratioP50: Double
    }

    /// One export run as a child process.
    struct ExportRun: Codable, Sendable {
        var seconds: Double
        var peakResidentMegabytes: Double
        var bytes: Int
    }

    struct Export: Codable, Sendable {
        var tasks: Int
        var surveyCSV: ExportRun
        var xes: ExportRun
    }

    var build: String
    var cores: Int
    var startedAt: String
    var seconds: Double
    var ingest: Ingest
    var report: Report
    var export: Export
    /// Part (d); absent when it was not run.
    var assignments: AssignmentBenchResult?
}
