import ArgumentParser
import BatonStore
import Logging

/// The database and tenant options of a command that works on one tenant's data, and the one
/// way such a command reaches its storage (`baton experiment …`, `baton assign`).
struct TenantStorageOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions

    @Option(help: "Tenant (default: the only tenant with data, else 'default').")
    var tenant: String?

    /// Runs `body` with the storage (migrated), the tenant the command acts on and the logger.
    func withStorage<T: Sendable>(_ body: @Sendable (PostgresStorage, String, Logger) async throws -> T)
        async throws -> T
    {
        let logger = try global.makeLogger()
        let database = try global.database(logger: logger)
        let explicit = tenant
        return try await StorageSession.with(database, logger: logger) { storage in
            try await body(storage, try await storage.tenants.tenant(explicit, logger: logger), logger)
        }
    }
}
