import Logging
import PostgresNIO

/// Applies Baton's numbered SQL migrations: in order, each in its own transaction, recorded with
/// its checksum in `baton_migrations`. Concurrent migrators wait for each other (advisory lock).
public struct Migrator: Sendable {
    public var migrations: [Migration]

    /// Advisory lock key shared by every Baton migrator ("baton" in ASCII).
    static let lockKey: Int64 = 0x6261_746F_6E00

    public init(migrations: [Migration]) {
        self.migrations = migrations
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
        return applied.map(\.0) == migrations.map(\.version)
            && zip(applied, migrations).allSatisfy { $0.1 == $1.checksum }
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
        return appliedNow
    }
}
