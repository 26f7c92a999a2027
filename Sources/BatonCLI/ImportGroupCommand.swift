import ArgumentParser

/// `baton import`: records (NDJSON) by default, or perceived-value ratings with
/// `baton import perceptions FILE.csv`. A group rather than arguments of one command, because a
/// command with its own positional argument would read `perceptions` as a file name.
struct ImportGroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Load records (NDJSON, the default) or perceived-value ratings (CSV).",
        subcommands: [ImportCommand.self, ImportPerceptionsCommand.self], defaultSubcommand: ImportCommand.self)
}
