import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// Baton's protobuf decoder against the OpenTelemetry project's: random requests built and
/// decoded by opentelemetry-proto's Python classes (`Tests/otel/differential.py`) must decode in
/// Baton to the same spans. Skipped with the reason without `BATON_OTLP_PYTHON`; `.ci/run` sets it
/// to its venv's Python and `BATON_REQUIRE_EXTERNAL=1`, so CI always runs it.
@Suite("OTLP protobuf differential against opentelemetry-proto", .timeLimit(.minutes(10)))
struct OTLPDifferentialTests {
    static let python = ExternalProgram.otlpPython
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("otel/differential.py")
    static let requests = 300
    /// Fixed, so that a failure reproduces; `BATON_OTLP_DIFFERENTIAL_SEED` tries another.
    static let seed = ProcessInfo.processInfo.environment["BATON_OTLP_DIFFERENTIAL_SEED"].flatMap { Int($0) } ?? 24

    @Test(
        "300 random requests (events, kvlists, bytes, links, unknown fields, values in pieces) decode as in Python",
        .enabled(if: python.runs(), Comment(rawValue: python.skipReason)))
    func randomRequests() throws {
        let executable = try #require(Self.python.path, "\(Self.python.skipReason)")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("baton-otlp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let summary = try Self.generate(executable, output: output)

        var differential = OTLPDifferential()
        var spans = 0
        var refused: [String] = []
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == Self.requests)
        for (index, line) in lines.enumerated() {
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let body = try #require((entry["protobuf"] as? String).flatMap { Data(base64Encoded: $0) })
            let view = try #require(entry["view"] as? [String: Any])
            do {
                let decoded = try OTLPTraceRequest(protobuf: Array(body))
                spans += decoded.spanCount
                differential.compare(decoded, view: view, path: "request \(index)")
            } catch {
                refused.append("request \(index): \(error)")
            }
        }
        // Counts, not the lists, in the expectations: a failure prints the first ten, not thousands.
        let refusals = refused.count
        let disagreements = differential.mismatches.count
        #expect(refusals == 0, "Python decoded requests Baton refused, the first: \(refused.prefix(10))")
        #expect(disagreements == 0, "the first: \(differential.mismatches.prefix(10))")
        // The generator's own count of what it sent, so that an empty comparison cannot pass.
        #expect(spans == summary["spans"])
        #expect(spans > 1_000)
        #expect((summary["events"] ?? 0) > 1_000 && (summary["links"] ?? 0) > 1_000)
        #expect(differential.fields > 40_000)
        print(
            "OTLP differential: \(Self.requests) requests, \(spans) spans, \(summary["events"] ?? 0) events (dropped), "
                + "\(summary["links"] ?? 0) links, \(summary["messages_with_unknown_fields"] ?? 0) messages with "
                + "unknown fields, \(summary["split_fields"] ?? 0) message fields in two pieces; \(differential.fields) fields "
                + "compared, \(differential.mismatches.count) disagreements")
    }

    /// Runs the generator; its standard output is a JSON summary of counts.
    static func generate(_ python: String, output: URL) throws -> [String: Int] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, String(requests), String(seed), output.path]
        let stdout = output.appendingPathExtension("summary")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: stdout) }
        // Output to a file, not a pipe: a pipe's reader would need a run loop or a thread.
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "differential.py exited with \(process.terminationStatus)")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: stdout)) as? [String: Int])
    }
}
