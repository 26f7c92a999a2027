package import Logging

/// Keeping the database fit to serve: readiness, migrations, partitions and retention, planner
/// statistics, and the checks and derivations that run over stored data rather than per request.
///
/// Operations here run as the tables' owner, across tenants (except ``checkDerivedData(tenant:pageSize:differenceLimit:logger:)``).
package protocol MaintenanceRepository: Sendable {
    /// Whether the database answers and its schema is current.
    func isReady(logger: Logger) async -> Bool

    /// Applies pending migrations, then derives what they could not compute in SQL; returns the
    /// migrations applied.
    @discardableResult
    func migrate(logger: Logger) async throws -> [String]

    /// One maintenance pass over every tenant: partitions ahead, retention (when
    /// `retentionMonths` is set) and the rollups of changed months.
    func maintain(now: Timestamp, retentionMonths: Int?, logger: Logger) async throws -> MaintenancePass

    /// Refreshes the planner's statistics of tables where more than `fraction` changed since their
    /// last analysis; returns whether it analysed.
    @discardableResult
    func analyzeIfStale(fraction: Double, logger: Logger) async throws -> Bool

    /// Refreshes the planner's statistics after a bulk load, so the first report does not run on
    /// plans made for empty tables.
    func analyzeAfterBulkLoad(logger: Logger) async throws

    /// Recomputes every workflow of a tenant and compares it with what is stored (`baton check`).
    func checkDerivedData(tenant: String, pageSize: Int, differenceLimit: Int, logger: Logger) async throws
        -> ConsistencyReport

    /// Derives the workflows marked as pending derivation, `pageSize` at a time; returns how many.
    func derivePendingCoordination(pageSize: Int, logger: Logger) async throws -> Int
}
