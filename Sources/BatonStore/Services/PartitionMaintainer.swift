package import BatonCore
import Foundation
package import Logging
import ServiceLifecycle

/// Keeps the month partitions, the rollups and the retention (``MaintenanceRepository/maintain(now:retentionMonths:logger:)``)
/// every `interval`: creates the coming months' partitions, recomputes the rollups of months whose
/// rows changed, and, with `retentionMonths`, drops the rows of older months and keeps their
/// rollups. Runs in `baton serve`'s service group; ends on graceful shutdown.
package struct PartitionMaintainer: Service {
    let maintenance: any MaintenanceRepository
    let interval: Duration
    let retentionMonths: Int?
    let logger: Logger

    package init(maintenance: any MaintenanceRepository, interval: Duration, retentionMonths: Int?, logger: Logger) {
        self.maintenance = maintenance
        self.interval = interval
        self.retentionMonths = retentionMonths
        self.logger = logger
    }

    package func run() async throws {
        // Every step of a pass can be repeated, so the next pass finishes a failed one.
        await runEvery(interval, logger: logger, failure: "maintenance pass failed") {
            let pass = try await maintenance.maintain(
                now: Timestamp(Date()), retentionMonths: retentionMonths, logger: logger)
            guard pass != MaintenancePass() else { return }
            logger.info(
                "maintenance pass",
                metadata: [
                    "baton.partitions.created": "\(pass.partitionsCreated)",
                    "baton.months.rolled_up": "\(pass.monthsRolledUp.count)",
                    "baton.months.retired": "\(pass.monthsRetired.count)",
                ])
        }
    }
}
