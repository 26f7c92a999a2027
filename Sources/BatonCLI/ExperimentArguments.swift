import ArgumentParser
import BatonCore
import BatonStore
import Logging

/// What a command about one experiment takes (`baton experiment show|stop NAME`): the tenant's
/// storage options and the experiment's name.
struct ExperimentArguments: ParsableArguments {
    @OptionGroup var options: TenantStorageOptions

    @Argument(help: "The experiment's name.")
    var name: String

    /// The experiment's status after `body` did its part with the tenant's experiments.
    func status(
        _ body: @Sendable (any ExperimentRepository, String, String, Logger) async throws -> ExperimentStatus
    ) async throws -> ExperimentStatus {
        let name = name
        return try await options.withStorage { storage, tenant, logger in
            try await body(storage.experiments, name, tenant, logger)
        }
    }
}
