import ArgumentParser
import BatonCore
import BatonStore

/// `baton experiment stop NAME`: as `POST /v1/experiments/{name}/stop`.
struct ExperimentStopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop an experiment now: it assigns no more arms.")

    @OptionGroup var experiment: ExperimentArguments

    func run() async throws {
        let status = try await experiment.status { experiments, name, tenant, logger in
            try await experiments.stopExperiment(named: name, tenant: tenant, logger: logger)
        }
        print("stopped " + ExperimentListCommand.line(status, now: .now))
    }
}
