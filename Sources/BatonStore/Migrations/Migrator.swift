import Logging
public import PostgresNIO

/// Applies Baton's numbered SQL migrations: in order, each in its own transaction, recorded with
/// its checksum in `baton_migrations`. Then the view scripts of `SQL/views/` (``ViewScript``):
/// those new or changed since they were recorded in `baton_views`, or all of them when a
/// migration ran, in one transaction. Concurrent migrators wait for each other (advisory lock).
public struct Migrator: Sendable {
    public var migrations: [Migration]
    public var views: [ViewScript]

    /// Advisory lock key shared by every Baton migrator ("baton" in ASCII).
    static let lockKey: Int64 = 0x6261_746F_6E00

    /// Without `views`, the bundled view scripts when `migrations` ends with Baton's latest
    /// migration, else none (see ``ViewScript/matching(_:)``).
    public init(migrations: [Migration], views: [ViewScript]? = nil) {
        self.migrations = migrations
        self.views = views ?? ViewScript.matching(migrations)
    }

    /// Applies pending migrations and returns the names of those applied now.
    @discardableResult
    public func migrate(client: PostgresClient, logger: Logger) async throws -> [String] {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger).drain()
            do {
                let applied = try await apply(on: connection, logger: logger)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                    .drain()
                return applied
            } catch {
                _ = try? await connection.query(
                    "SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger
                ).drain()
                throw error
            }
        }
    }

    /// Whether the database holds exactly these migrations, unchanged: Baton's readiness check.
    public func isCurrent(client: PostgresClient, logger: Logger) async throws -> Bool {
        let exists =
            try await client.query(
                "SELECT to_regclass('baton_migrations') IS NOT NULL", logger: logger
            ).collectValues(Bool.self).first ?? false
        guard exists else { return false }
        let applied = try await client.query(
            "SELECT version, checksum FROM baton_migrations ORDER BY version", logger: logger
        ).collect(as: (Int, String).self)
        guard
            applied.map(\.0) == migrations.map(\.version)
                && zip(applied, migrations).allSatisfy({ $0.1 == $1.checksum })
        else { return false }
        guard !views.isEmpty else { return true }
        let viewsExist =
            try await client.query("SELECT to_regclass('baton_views') IS NOT NULL", logger: logger)
            .collectValues(Bool.self).first ?? false
        guard viewsExist else { return false }
        let recorded = try await client.query("SELECT name, checksum FROM baton_views", logger: logger)
            .collect(as: (String, String).self)
        return stale(recorded).isEmpty
    }

    private func apply(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS baton_migrations (
                version     integer PRIMARY KEY,
                name        text NOT NULL,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """, logger: logger
        ).drain()
        let rows = try await connection.query(
            "SELECT version, name, checksum FROM baton_migrations ORDER BY version", logger: logger
        ).collect(as: (Int, String, String).self)
        var done: Set<Int> = []
        for (version, name, checksum) in rows {
            guard let migration = migrations.first(where: { $0.version == version }) else {
                throw MigrationError.unknownApplied(version: version, name: name)
            }
            guard migration.checksum == checksum else {
                throw MigrationError.checksumMismatch(
                    name: migration.name, applied: checksum, file: migration.checksum)
            }
            done.insert(version)
        }
        var appliedNow: [String] = []
        for migration in migrations where !done.contains(migration.version) {
            logger.info("applying migration", metadata: ["baton.migration": "\(migration.name)"])
            do {
                try await connection.withTransaction(logger: logger) { connection in
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).drain()
                    }
                    try await connection.query(
                        """
                        INSERT INTO baton_migrations (version, name, checksum)
                        VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                        """, logger: logger
                    ).drain()
                }
            } catch {
                logger.error(
                    "migration failed",
                    metadata: [
                        "baton.migration": "\(migration.name)", "baton.error": "\(String(reflecting: error))",
                    ])
                throw MigrationError.failed(
                    name: migration.name, message: StoreError.serverMessage(error) ?? "database error")
            }
            appliedNow.append(migration.name)
        }
        appliedNow += try await applyViews(on: connection, all: !appliedNow.isEmpty, logger: logger)
        return appliedNow
    }

    /// Runs the view scripts that are new or changed (all of them with `all`), in one transaction,
    /// and records their checksums. Returns their names, prefixed `views/`.
    private func applyViews(on connection: PostgresConnection, all: Bool, logger: Logger) async throws -> [String] {
        guard !views.isEmpty else { return [] }
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS baton_views (
                name        text PRIMARY KEY,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """, logger: logger
        ).drain()
        let recorded = try await connection.query("SELECT name, checksum FROM baton_views", logger: logger)
            .collect(as: (String, String).self)
        let pending = all ? views : stale(recorded)
        guard !pending.isEmpty else { return [] }
        do {
            try await runViews(pending, on: connection, logger: logger)
        } catch let error as PostgresTransactionError {
            // The transaction wraps the script's own error, which names the file.
            throw (error.closureError as? MigrationError) ?? error
        }
        return pending.map { "views/\($0.name)" }
    }

    private func runViews(_ pending: [ViewScript], on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            for view in pending {
                logger.info("applying view script", metadata: ["baton.migration": "views/\(view.name)"])
                do {
                    for statement in view.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).drain()
                    }
                } catch {
                    logger.error(
                        "view script failed",
                        metadata: [
                            "baton.migration": "views/\(view.name)", "baton.error": "\(String(reflecting: error))",
                        ])
                    throw MigrationError.failed(
                        name: "views/\(view.name)", message: StoreError.serverMessage(error) ?? "database error")
                }
                try await connection.query(
                    """
                    INSERT INTO baton_views (name, checksum) VALUES (\(view.name), \(view.checksum))
                    ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()
                    """, logger: logger
                ).drain()
            }
        }
    }

    /// The view scripts new or changed since `recorded` (names and checksums of `baton_views`).
    private func stale(_ recorded: [(String, String)]) -> [ViewScript] {
        let checksums = Dictionary(recorded, uniquingKeysWith: { a, _ in a })
        return views.filter { checksums[$0.name] != $0.checksum }
    }
}
