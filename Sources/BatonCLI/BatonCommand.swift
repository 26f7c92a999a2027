public import ArgumentParser

/// `baton`: the root command. Parsing only; each subcommand assembles what it needs.
public struct BatonCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "Measures what a SOC's AI assistants are worth, end to end.",
        discussion: """
            Configuration: flags, then environment (DATABASE_URL, BATON_HOME, BATON_PORT, BATON_LOG_LEVEL), \
            then defaults. Without DATABASE_URL, Baton runs its own PostgreSQL under BATON_HOME (default ./.baton).
            """,
        subcommands: [
            DemoCommand.self, ServeCommand.self, MigrateCommand.self, DatabaseCommand.self, TokenCommand.self,
            ReportCommand.self, SimulateCommand.self, BenchCommand.self, ImportGroupCommand.self, ExportCommand.self,
            HandoffsCommand.self, TagCommand.self, CheckCommand.self, ExperimentCommand.self, AssignCommand.self,
            InterventionCommand.self,
        ])

    public init() {}
}
