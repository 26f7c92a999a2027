import ArgumentParser
import BatonCore
import Testing

@testable import BatonCLI

/// The command line's options for value-model §8: the same names as the API's parameters.
@Suite("baton handoffs and baton report: side filters and class-by")
struct CoordinationCommandOptionsTests {
    @Test("--from-assistant, --to-assistant and --class-by make the API's filter; bad values are usage errors")
    func handoffs() throws {
        let command = try #require(
            try HandoffsCommand.parseAsRoot([
                "--from-assistant", "siem-x", "--to-assistant", "human", "--class-by", "assistant",
            ]) as? HandoffsCommand)
        let filter = try command.filter()
        #expect(filter.fromAssistant == CoordinationSide(assistant: "siem-x"))
        #expect(filter.toAssistant == .human)
        #expect(filter.classBy == .assistant)
        #expect(throws: (any Error).self) { try HandoffsCommand.parseAsRoot(["--class-by", "team"]) }
        #expect(throws: (any Error).self) { try HandoffsCommand.parseAsRoot(["--from-assistant", ""]) }
    }

    @Test("baton report --class-by takes tool or assistant")
    func report() throws {
        let command = try #require(try ReportCommand.parseAsRoot(["--class-by", "assistant"]) as? ReportCommand)
        #expect(command.classBy == .assistant)
        #expect((try ReportCommand.parseAsRoot([]) as? ReportCommand)?.classBy == .tool)
        #expect(throws: (any Error).self) { try ReportCommand.parseAsRoot(["--class-by", "team"]) }
    }
}
