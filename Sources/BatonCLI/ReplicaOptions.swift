import ArgumentParser
import BatonStore
import Foundation

/// A streaming replica to read from (`baton serve`, `baton export …`): `Docs/scaling.md`.
struct ReplicaOptions: ParsableArguments {
    @Option(
        name: .customLong("read-database-url"),
        help:
            "PostgreSQL URL of a streaming replica of the database, for reports, web pages and exports (default: $BATON_READ_DATABASE_URL, else none)."
    )
    var readDatabaseURL: String?

    @Option(
        name: .customLong("max-replica-lag"),
        help:
            "Seconds the read replica may lag the primary; beyond it, or while it is down, reads go to the primary.")
    var maxReplicaLag: Double = 30

    /// The replica: `--read-database-url`, then `BATON_READ_DATABASE_URL` from `environment`;
    /// `nil` when neither is set, and reads go to the primary.
    func endpoint(environment: [String: String]) throws -> DatabaseEndpoint? {
        guard let url = readDatabaseURL ?? environment["BATON_READ_DATABASE_URL"], !url.isEmpty else { return nil }
        do {
            return try DatabaseEndpoint(url: url)
        } catch {
            // The parser's messages name DATABASE_URL and never repeat the value (or its password).
            throw ValidationError("--read-database-url / BATON_READ_DATABASE_URL: \(error)")
        }
    }

    /// `--max-replica-lag` as a duration; an error names a value out of range.
    func maxLag() throws -> Duration {
        guard maxReplicaLag >= 0, maxReplicaLag <= 86_400 else {
            throw ValidationError("--max-replica-lag must be from 0 to 86400 seconds")
        }
        return .milliseconds(Int64((maxReplicaLag * 1000).rounded()))
    }
}
