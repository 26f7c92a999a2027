import BatonCore
import Logging
import PostgresNIO

/// Whether a tenant's daily rollups count every row the caller's snapshot shows.
enum RollupFreshness {
    /// No `rollup_dirty` mark of the tenant for a month the days [fromDay, toDay) touch. Ingest
    /// writes its marks in the transaction that writes the rows, and the maintenance pass deletes
    /// them in the one that recomputes the month, so within one snapshot no mark means the
    /// rollups count every row the snapshot shows. (Rows that reach an already retired month keep
    /// its mark until the next retirement adds them, so the month reads stale until then.)
    static func isFresh(
        on connection: PostgresConnection, tenant: String, fromDay: Timestamp, toDay: Timestamp, logger: Logger
    ) async throws -> Bool {
        let (firstMonth, to) = (PostgresDate(fromDay.utcMonthStart), PostgresDate(toDay))
        return try await connection.query(
            """
            SELECT NOT EXISTS (
                SELECT 1 FROM rollup_dirty
                WHERE tenant_id = \(tenant) AND month >= \(firstMonth) AND month < \(to))
            """, logger: logger
        ).collectValues(Bool.self).first ?? false
    }
}
