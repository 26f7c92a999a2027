package import BatonCore
package import Logging
import ServiceLifecycle

/// Refreshes the planner's statistics while tables grow fast: every `interval` it analyses the
/// tables of which half the rows (at least 1,000) changed since their last ANALYZE, that is, tables
/// that doubled (``MaintenanceRepository/analyzeIfStale(fraction:logger:)``).
///
/// Autovacuum analyses a table after a tenth of it changed, and looks at most once a minute. While
/// a new tenant loads, that leaves ingest planning on statistics of a nearly empty table: the
/// planner then believes the tenant has one row, and probed a 200,000-row table through the wrong
/// index (5.4 s for one batch's update of 208 workflows instead of a few milliseconds). Runs in
/// `baton serve`'s service group; ends on graceful shutdown.
package struct StatisticsRefresher: Service {
    let maintenance: any MaintenanceRepository
    let interval: Duration
    let logger: Logger

    package init(maintenance: any MaintenanceRepository, interval: Duration, logger: Logger) {
        self.maintenance = maintenance
        self.interval = interval
        self.logger = logger
    }

    package func run() async throws {
        // A failed refresh only leaves plans as they were.
        await runEvery(interval, logger: logger, failure: "could not refresh planner statistics") {
            try await maintenance.analyzeIfStale(fraction: 0.5, logger: logger)
        }
    }
}
