import BatonCore
package import Logging
package import PostgresNIO

/// Baton's PostgreSQL database through a `PostgresClient` pool: what every repository runs its
/// statements through. It owns how a statement runs (errors mapped to ``StoreError`` and logged,
/// pool usage counted), how a transaction runs (bounded lease, retries after lock races, missing
/// partitions created), and how a transaction enters a tenant (row-level security).
///
/// The client is a long-lived `Service`: whoever builds the database runs the client in its
/// `ServiceGroup`.
package struct PostgresDatabase: Sendable {
    package let client: PostgresClient
    package let migrator: Migrator
    /// How many times a transaction that lost a deadlock or lock race is run again.
    package var maxAttempts = 4
    /// Operations using the pool now, for `GET /metrics`.
    package let poolUsage: PoolUsage
    /// How long a transaction waits for a pooled connection before it gives up with
    /// ``StoreError/unavailable`` (see ``DatabaseDeadline``); `nil` to wait as long as the pool
    /// does. The HTTP service sets it (`--database-wait`, 5 s) so a client gets 503 in time; the
    /// command line waits, as a person at a terminal would.
    package var leaseLimit: Duration? = nil
    /// How long authentication and the readiness probe wait for the database before the request
    /// gets 503 (default 5 s).
    package var probeLimit: Duration = DatabaseDeadline.authentication
    /// The database is a streaming replica (`--read-database-url`), which only reads: the report
    /// does not refresh the planner's statistics there, which it cannot; the primary's refresher
    /// does, and replication carries them.
    package var isReplica = false
    /// The tenants' assignment hashers and running experiments (``PostgresExperimentRepository``).
    package let assignmentCache = AssignmentCache()

    package init(client: PostgresClient, migrations: [Migration], maximumConnections: Int = 20) {
        self.client = client
        self.migrator = Migrator(migrations: migrations)
        self.poolUsage = PoolUsage(maximumConnections: maximumConnections)
    }

    /// Runs `body`, mapping database errors to ``StoreError`` and logging their details.
    func run<T>(_ operation: String, logger: Logger, _ body: () async throws -> T)
        async throws(StoreError) -> T
    {
        poolUsage.begin()
        defer { poolUsage.end() }
        do {
            return try await body()
        } catch {
            let mapped = StoreError.classify(error)
            logger.error(
                "database operation failed",
                metadata: [
                    "baton.operation": "\(operation)", "baton.error.kind": "\(mapped)",
                    "baton.error": "\(String(reflecting: error))",
                ])
            throw mapped
        }
    }

    /// Runs `body` on a pooled connection without a transaction around it: for one statement,
    /// which PostgreSQL runs as a transaction of its own, without the round trips of `BEGIN` and
    /// `COMMIT`. The wait for a connection is bounded as a transaction's is (``leaseLimit``).
    func statement<T: Sendable>(
        _ operation: String, logger: Logger, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(StoreError) -> T {
        try await run(operation, logger: logger) {
            guard let leaseLimit else { return try await client.withConnection { try await body($0) } }
            return try await DatabaseDeadline.withConnection(from: client, leaseWithin: leaseLimit) {
                try await body($0)
            }
        }
    }

    /// Runs `body` in a transaction, again from the start when it loses a deadlock or lock race.
    func transaction<T: Sendable>(
        _ operation: String, logger: Logger, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(StoreError) -> T {
        try await run(operation, logger: logger) {
            var attempt = 1
            while true {
                do {
                    guard let leaseLimit else {
                        return try await client.withTransaction(logger: logger) { try await body($0) }
                    }
                    return try await StuckWorkWatchdog.run(
                        interval: leaseLimit, logger: logger,
                        probe: { [client] in try await client.query("SELECT 1", logger: logger).drain() }
                    ) { [client] in
                        try await DatabaseDeadline.withConnection(from: client, leaseWithin: leaseLimit) {
                            try await $0.withTransaction(logger: logger) { try await body($0) }
                        }
                    }
                } catch  where attempt < maxAttempts && StoreError.isRetryable(error) {
                    logger.debug("retrying transaction", metadata: ["baton.attempt": "\(attempt)"])
                    attempt += 1
                } catch  where attempt < maxAttempts && MissingPartitions.find(in: error) != nil {
                    let months = MissingPartitions.find(in: error)?.months ?? []
                    try await client.query(try MonthPartitions.ensuring(months), logger: logger).drain()
                    attempt += 1
                }
            }
        }
    }

    /// Runs `body` in a transaction of one tenant: as the role `baton_service`, which row-level
    /// security confines to the rows of the tenant named in `baton.tenant` (migration 0007). Both
    /// settings are local to the transaction, so the pooled connection forgets them at its end.
    /// With `snapshot`, every statement of `body` reads one read-only snapshot.
    package func tenantTransaction<T: Sendable>(
        _ operation: String, tenant: String, snapshot: Bool = false, logger: Logger,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(StoreError) -> T {
        try await transaction(operation, logger: logger) { connection in
            if snapshot {
                // SET TRANSACTION must come before any other statement.
                try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
                    .drain()
            }
            try await Self.enterTenant(tenant, on: connection, logger: logger)
            return try await body(connection)
        }
    }

    /// Makes the current transaction on `connection` one of `tenant`, as `baton_service`.
    ///
    /// It also tells the planner that a random read costs little more than a sequential one
    /// (1.1 instead of 4), as on SSDs or with the working set cached. With the default, a report
    /// over one quarter of a long archive read every task ever stored (a hash join over a full
    /// scan, 1.1 s at 800,000 tasks) instead of the period's tasks by index (0.27 s).
    static func enterTenant(_ tenant: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            SELECT set_config('role', 'baton_service', true), set_config('baton.tenant', \(tenant), true),
                   set_config('random_page_cost', '1.1', true)
            """,
            logger: logger
        ).drain()
    }
}
