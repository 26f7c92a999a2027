package import BatonCore
package import Logging
package import PostgresNIO

/// When a figure may come from the daily rollups rather than rows (value-model §10,
/// Docs/performance.md "Rollups"): the period is whole UTC days, the days the rollups are kept
/// by, and the rollups of those days count every row the reading snapshot shows.
package enum RollupFreshness {
    static let day: Int64 = 86_400_000_000

    /// Whether `from` and `to` both fall at 00:00 UTC with `from` first, so that the period's
    /// workflows (opened in [from, to)) are exactly those of the days [from, to).
    package static func wholeDays(from: Timestamp, to: Timestamp) -> Bool {
        from.microseconds % day == 0 && to.microseconds % day == 0 && from < to
    }

    /// Whether no `rollup_dirty` mark of `tenant` names a month the days [fromDay, toDay) touch.
    /// Ingest and tag writes add their marks in the transaction that changes the rows, and the
    /// maintenance pass deletes them in the one that recomputes the month, so within the caller's
    /// snapshot no mark means the rollups count every row it shows.
    package static func isFresh(
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

    /// Whether figures of the period [from, to) may be read from the daily rollups in the snapshot
    /// of `connection`: the period is whole days and the rollups of its months are fresh. One
    /// answer for every figure family of a report, which reads all of them in that snapshot.
    package static func usable(
        on connection: PostgresConnection, tenant: String, from: Timestamp, to: Timestamp, logger: Logger
    ) async throws -> Bool {
        guard wholeDays(from: from, to: to) else { return false }
        return try await isFresh(on: connection, tenant: tenant, fromDay: from, toDay: to, logger: logger)
    }
}
