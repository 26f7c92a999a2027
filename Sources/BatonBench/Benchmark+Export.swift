import BatonCore
import BatonStore
import Foundation

extension Benchmark {
    /// Part (c): `baton export survey` and `baton export events --format xes` of the report
    /// tenant's whole history, each as a child process of the `baton` executable, timed, with its
    /// peak resident memory. The database URL travels in the environment, not on a command line.
    func measureExports(endpoint: DatabaseEndpoint, tenant: String, from: Timestamp, to: Timestamp, tasks: Int)
        throws -> BenchResult.Export
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baton-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func run(_ name: String, _ arguments: [String]) throws -> BenchResult.ExportRun {
            let out = directory.appendingPathComponent(name).path
            note("export: \(name)")
            // A child process, so its memory is its own (VmHWM of the exported image, not this process).
            let outcome = try ProcessRunner(asPostgresUser: false).run(
                executable, arguments + ["--tenant", tenant, "--out", out, "--log-level", "error"],
                environment: ["DATABASE_URL": endpoint.url])
            guard outcome.status == 0 else {
                throw BenchError("\(name) export failed (\(outcome.status)): \(outcome.text.suffix(500))")
            }
            let bytes = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
            note(
                "export \(name): \(outcome.seconds) s, peak \(outcome.peakResidentBytes / 1_048_576) MB, \(bytes) bytes"
            )
            return BenchResult.ExportRun(
                seconds: outcome.seconds, peakResidentMegabytes: Double(outcome.peakResidentBytes) / 1_048_576,
                bytes: bytes)
        }
        let survey = try run("survey.csv", ["export", "survey", "--from", from.rfc3339, "--to", to.rfc3339])
        let xes = try run("events.xes", ["export", "events", "--format", "xes"])
        return BenchResult.Export(tasks: tasks, surveyCSV: survey, xes: xes)
    }
}
