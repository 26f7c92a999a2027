import ArgumentParser
import BatonCore
import Testing

@testable import BatonCLI

@Suite("baton report: options")
struct ReportCommandTests {
    @Test("--min-sample below 10 is a usage error (exit 2), naming the flag; 10 is accepted")
    func minimumSampleFloor() throws {
        do {
            _ = try BatonCommand.parseAsRoot(["report", "--min-sample", "9"])
            Issue.record("--min-sample 9 was accepted")
        } catch {
            // `baton` maps a validation failure to exit code 2 (Sources/baton/BatonMain.swift).
            #expect(BatonCommand.exitCode(for: error) == .validationFailure)
            #expect(BatonCommand.message(for: error).contains("--min-sample must be at least 10"))
        }
        let parsed = try #require(try BatonCommand.parseAsRoot(["report", "--min-sample", "10"]) as? ReportCommand)
        #expect(parsed.minimumSample == 10)
    }

    @Test("--baseline takes the three estimators and the first version's names as aliases")
    func baselines() throws {
        for (name, expected) in [
            ("eligible", ReportOptions.Baseline.eligible), ("did", .did), ("untouched", .untouched),
            ("concurrent", .eligible), ("prepost", .did),
        ] {
            let parsed = try #require(try BatonCommand.parseAsRoot(["report", "--baseline", name]) as? ReportCommand)
            #expect(parsed.baseline == expected, "\(name)")
        }
        let defaults = try #require(try BatonCommand.parseAsRoot(["report"]) as? ReportCommand)
        #expect(defaults.baseline == .eligible)
        #expect(throws: (any Error).self) { try BatonCommand.parseAsRoot(["report", "--baseline", "magic"]) }
    }
}
