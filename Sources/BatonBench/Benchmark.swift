import BatonCore
package import BatonStore
import Foundation
package import Logging

/// One run of `baton bench`: the parameters, and the database it works in (a database of its
/// own on the server, created afresh, so it never truncates anybody's data).
package struct Benchmark: Sendable {
    /// Archive sizes at which the report is measured, in tasks, ascending; the smallest is one quarter.
    var sizes: [Int]
    var ingestTasks: Int
    var clients: Int
    var batchTasks: Int
    var loadClients: Int
    var runs: Int
    var seed: UInt64
    /// The `baton` executable the exports run as (child processes, so their memory is their own).
    var executable: String
    var logger: Logger
    /// Part (d): assignments per second, for how long, over how many connections (0 seconds: skipped).
    package var assignmentRate = 1_000
    package var assignmentSeconds = 20.0
    package var assignmentClients = 8

    package init(
        sizes: [Int], ingestTasks: Int, clients: Int, batchTasks: Int, loadClients: Int, runs: Int, seed: UInt64,
        executable: String, logger: Logger
    ) {
        self.sizes = sizes
        self.ingestTasks = ingestTasks
        self.clients = clients
        self.batchTasks = batchTasks
        self.loadClients = loadClients
        self.runs = runs
        self.seed = seed
        self.executable = executable
        self.logger = logger
    }

    static let reportTenant = "bench-soc"
    static let ingestTenant = "bench-ingest"

    /// Runs the three parts on `endpoint` (a migrated, empty database).
    package func run(on endpoint: DatabaseEndpoint) async throws -> BenchResult {
        let clock = ContinuousClock()
        let started = clock.now
        let startedAt = Timestamp.now.rfc3339
        let (ingest, report, export, assignments) = try await StorageSession.with(endpoint, logger: logger) {
            storage in
            let ingest = try await measureIngest(storage: storage, endpoint: endpoint)
            let (report, export) = try await measureReports(storage: storage, endpoint: endpoint)
            let assignments =
                assignmentSeconds > 0 ? try await measureAssignments(storage: storage, endpoint: endpoint) : nil
            return (ingest, report, export, assignments)
        }
        return BenchResult(
            build: Self.buildName, cores: ProcessInfo.processInfo.activeProcessorCount, startedAt: startedAt,
            seconds: Self.seconds(clock.now - started), ingest: ingest, report: report, export: export,
            assignments: assignments)
    }

    /// Part (d) alone (`baton bench --assignments-only`), on `endpoint` (a migrated, empty database).
    package func runAssignments(on endpoint: DatabaseEndpoint) async throws -> AssignmentBenchResult {
        try await StorageSession.with(endpoint, logger: logger) { storage in
            try await measureAssignments(storage: storage, endpoint: endpoint)
        }
    }

    /// How this executable was compiled: `debug` or `release`.
    static var buildName: String {
        #if DEBUG
            return "debug"
        #else
            return "release"
        #endif
    }

    /// Progress for the person waiting, on standard error (standard output carries the table).
    func note(_ text: String) {
        FileHandle.standardError.write(Data("bench: \(text)\n".utf8))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (s, attoseconds) = duration.components
        return Double(s) + Double(attoseconds) / 1e18
    }

    /// The `q` quantile of `values` (linear interpolation between the nearest ranks).
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }
}
