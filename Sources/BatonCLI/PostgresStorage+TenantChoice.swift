import BatonStore
import Logging

extension PostgresStorage {
    /// The tenant a command acts on: the one given with `--tenant`, else the only tenant with data
    /// (else `default`).
    func tenant(_ explicit: String?, logger: Logger) async throws -> String {
        if let explicit { return explicit }
        return try await defaultTenant(logger: logger)
    }
}
