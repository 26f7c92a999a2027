import ArgumentParser
import BatonCore
import BatonStore

/// `baton experiment stop NAME`: as `POST /v1/experiments/{name}/stop`.
struct ExperimentStopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop an experiment now: it assigns no more arms.")

    @OptionGroup var options: TenantStorageOptions

    @Argument(help: "The experiment's name.")
    var name: String

    func run() async throws {
        let name = name
        let status = try await options.withStorage { storage, tenant, logger in
            try await storage.experiments.stopExperiment(named: name, tenant: tenant, logger: logger)
        }
        print("stopped " + ExperimentListCommand.line(status, now: .now))
    }
}
