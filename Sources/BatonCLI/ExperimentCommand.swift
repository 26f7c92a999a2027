import ArgumentParser

/// `baton experiment start|stop|list|show`: randomized holdouts (value-model §7,
/// `Docs/experiments.md`), with the same rules as `/v1/experiments`.
struct ExperimentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment", abstract: "Start, stop and inspect randomized holdouts of an assistant.",
        subcommands: [
            ExperimentStartCommand.self, ExperimentStopCommand.self, ExperimentListCommand.self,
            ExperimentShowCommand.self,
        ])
}
