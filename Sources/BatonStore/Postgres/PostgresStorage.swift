package import BatonCore
package import PostgresNIO

/// Every repository on one PostgreSQL database, for wiring: `baton serve` hands
/// ``repositories`` to the HTTP router, commands and tests reach the concern they need
/// (`storage.ingest`, `storage.reports`, …).
///
/// The repositories are built from ``database`` on each access (each is one small value holding
/// it), so a change to the database's limits (``PostgresDatabase/leaseLimit``) reaches all of them.
package struct PostgresStorage: Sendable {
    package var database: PostgresDatabase
    /// With a read replica (`--read-database-url`): where ``repositories`` send the report source,
    /// the handoff queue's pages and the exports. `nil`: everything on ``database``.
    package var readRouting: ReadRouting?

    package init(client: PostgresClient, migrations: [Migration], maximumConnections: Int = 20) {
        self.database = PostgresDatabase(
            client: client, migrations: migrations, maximumConnections: maximumConnections)
    }

    /// API tokens: authentication and administration.
    package var tokens: PostgresTokenRepository { PostgresTokenRepository(database: database) }
    /// Tenants, their settings and assistants.
    package var tenants: PostgresTenantRepository { PostgresTenantRepository(database: database) }
    /// Records, ratings and tags, with the derivation of the workflows they touch.
    package var ingest: PostgresIngestRepository { PostgresIngestRepository(database: database) }
    /// What the report, the coordination matrix, the survey and the workflow pages read.
    package var reports: PostgresReportSource { PostgresReportSource(database: database) }
    /// The handoff tagging queue.
    package var handoffs: PostgresHandoffRepository { PostgresHandoffRepository(database: database) }
    /// Event-log exports, a page at a time.
    package var exports: PostgresExportRepository { PostgresExportRepository(database: database) }
    /// Readiness, migrations, partitions, retention, statistics and the consistency check.
    package var maintenance: PostgresMaintenance { PostgresMaintenance(database: database) }
    /// Experiments and the arms of the cases tools ask about.
    package var experiments: PostgresExperimentRepository { PostgresExperimentRepository(database: database) }
    /// Recorded process changes.
    package var interventions: PostgresInterventionRepository { PostgresInterventionRepository(database: database) }
    /// Token prices (licences are assistant metadata).
    package var costs: PostgresCostRepository { PostgresCostRepository(database: database) }
    /// Raw COPY beside ingest, for `baton bench`.
    package var bulkLoad: PostgresBulkLoad { PostgresBulkLoad(database: database) }

    /// The repositories as the protocols the HTTP service takes. With ``readRouting``, the
    /// read-only ones read from the replica while it is in use; everything that writes, and every
    /// read a write follows in the same operation (authentication records a token's last use),
    /// stays on the primary.
    package var repositories: Repositories {
        Repositories(
            tokens: tokens, tenants: tenants, ingest: ingest,
            reports: readRouting.map { RoutedReportSource(routing: $0) } ?? reports,
            handoffs: readRouting.map { RoutedHandoffRepository(routing: $0) } ?? handoffs,
            exports: readRouting.map { RoutedExportRepository(routing: $0) } ?? exports,
            maintenance: maintenance, experiments: experiments,
            interventions: interventions, costs: costs)
    }
}
