import ArgumentParser
import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import Testing

@testable import BatonCLI

@Suite("baton experiment and baton assign against PostgreSQL", .timeLimit(.minutes(5)))
struct ExperimentCommandsTests {
    /// Runs the `baton` executable built beside the tests, with `input` on standard input.
    static func baton(_ arguments: [String], input: String) throws -> (status: Int32, output: String) {
        let tests = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let path = URL(fileURLWithPath: tests).deletingLastPathComponent().appendingPathComponent("baton").path
        try #require(FileManager.default.isExecutableFile(atPath: path), "build the baton product first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let (stdin, stdout) = (Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test("start, list, show, assign (same 1,000 arms from two processes), stop; errors name the problem")
    func lifecycle() async throws {
        try await withFreshDatabase { endpoint in
            let common = ["--database-url", endpoint.url, "--log-level", "error", "--tenant", "soc-1"]
            let start = try ExperimentCommand.parseAsRoot(
                ["start", "e1", "--assistant", "siem-copilot", "--holdout-share", "0.2", "--planned-sample", "2000"]
                    + common)
            try await (start as! ExperimentStartCommand).run()

            // Two processes, stdin, 1,000 ids: identical answers, first ask's time included.
            let ids = (1...1_000).map { String(format: "case-%06d", $0) }.joined(separator: "\n") + "\n"
            let first = try Self.baton(["assign", "--assistant", "siem-copilot"] + common, input: ids)
            let second = try Self.baton(["assign", "--assistant", "siem-copilot"] + common, input: ids)
            #expect(first.status == 0 && second.status == 0)
            let lines = first.output.split(separator: "\n")
            #expect(lines.count == 1_000)
            #expect(first.output == second.output)
            let held = lines.filter { $0.split(separator: "\t")[1] == "holdout" }.count
            #expect((140...260).contains(held), "\(held) of 1,000 held out at 0.2")
            #expect(lines.allSatisfy { $0.split(separator: "\t")[2] == "e1" })

            let status = try await TestDatabase.withClient(endpoint) { client in
                let storage = PostgresStorage(client: client, migrations: try Migration.bundled())
                return try await storage.experiments.experiment(
                    named: "e1", tenant: "soc-1", logger: TestDatabase.logger)
            }
            #expect(status.assigned == 1_000 && status.holdoutCount == held)
            #expect(ExperimentListCommand.line(status, now: .now).contains("50% of 2000 planned"))
            #expect(ExperimentShowCommand.text(status, now: .now).contains("holdout arm:   \(held) cases"))

            // A second running experiment for the assistant, a changed share: refused, naming why.
            let busy = try ExperimentCommand.parseAsRoot(
                ["start", "e2", "--assistant", "siem-copilot", "--holdout-share", "0.2"] + common)
            await #expect(throws: ExperimentError.assistantBusy(assistant: "siem-copilot", experiment: "e1")) {
                try await (busy as! ExperimentStartCommand).run()
            }
            #expect(throws: (any Error).self) {
                try ExperimentCommand.parseAsRoot(
                    ["start", "e3", "--assistant", "x", "--holdout-share", "0.7"] + common)
            }
            let stop = try ExperimentCommand.parseAsRoot(["stop", "e1"] + common)
            try await (stop as! ExperimentStopCommand).run()
            await #expect(throws: ExperimentError.self) { try await (stop as! ExperimentStopCommand).run() }
            let unknown = try ExperimentCommand.parseAsRoot(["show", "nope"] + common)
            await #expect(throws: ExperimentError.notFound(experiment: "nope")) {
                try await (unknown as! ExperimentShowCommand).run()
            }
            // Stopped: use, nothing recorded.
            let after = try Self.baton(["assign", "--assistant", "siem-copilot", "case-5000"] + common, input: "")
            #expect(after.output == "case-5000\tuse\t-\t-\n")
        }
    }
}
