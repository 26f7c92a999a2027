import ArgumentParser

/// `baton export survey|events`: files that leave Baton (`Docs/export.md`).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export the survey CSV or the event log.",
        subcommands: [ExportSurveyCommand.self, ExportEventsCommand.self])
}
