package import Logging

/// Experiments (randomized holdouts, value-model §7) and the arms of the cases asked about.
///
/// Every call takes the tenant explicitly; implementations scope every statement to it. Domain
/// refusals are thrown as ``ExperimentError``.
package protocol ExperimentRepository: Sendable {
    /// Starts an experiment, or confirms or adjusts one: identical settings change nothing;
    /// `starts_at`, `ends_at` and `planned_sample` may change; the assistant, share and task types
    /// of a started experiment may not (``ExperimentError/settingLocked(experiment:field:)``), and
    /// an assistant has at most one open experiment (``ExperimentError/assistantBusy(assistant:experiment:)``).
    /// Returns the stored experiment and whether it was created.
    func putExperiment(name: String, settings: ExperimentSettings, tenant: String, logger: Logger)
        async throws -> (status: ExperimentStatus, created: Bool)

    /// The tenant's experiments, newest first.
    func experiments(tenant: String, logger: Logger) async throws -> [ExperimentStatus]

    /// One experiment; ``ExperimentError/notFound(experiment:)`` when there is none of that name.
    func experiment(named name: String, tenant: String, logger: Logger) async throws -> ExperimentStatus

    /// Stops an experiment now: it assigns no more arms.
    func stopExperiment(named name: String, tenant: String, logger: Logger) async throws -> ExperimentStatus

    /// The arms of the cases asked about, in request order (at most ``ArmAssignment/maxBatch``):
    /// the first ask of a case in a running experiment is recorded; later asks return the stored
    /// answer and change nothing; without a running experiment the answer is `use` and nothing is stored.
    func assign(_ requests: [AssignmentRequest], tenant: String, logger: Logger) async throws -> [ArmAssignment]
}
