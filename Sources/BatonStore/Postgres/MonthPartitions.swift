import BatonCore
import PostgresNIO

/// The month partitions of `tasks` and `handoffs` (migration 0010) as the writers need them: a
/// check inside a transaction that the months it writes exist, and the statement that creates
/// them, which runs outside any transaction that holds row locks.
enum MonthPartitions {
    /// Throws ``MissingPartitions`` when a month of `months` has no partitions yet, before the
    /// transaction writes rows there; ``PostgresDatabase/transaction(_:logger:_:)`` then creates
    /// them outside any transaction and runs this one again. Once per new month: after that it
    /// finds them.
    static func require(_ months: some Collection<Timestamp>, session: inout SQLSession) async throws {
        guard !months.isEmpty else { return }
        let missing = try await session.query(
            """
            SELECT (extract(epoch FROM m) * 1000000)::int8
            FROM baton_missing_months(ARRAY(
                SELECT DISTINCT baton_month(m) FROM unnest(\(ArrayBind.timestamptz(Array(Set(months))))) AS m)) AS m
            """
        ).collectValues(Int64.self)
        guard missing.isEmpty else {
            throw MissingPartitions(months: Set(missing.map(Timestamp.init(microseconds:))))
        }
    }

    /// The statement that creates the missing partitions of `months` and returns how many it made.
    static func ensuring(_ months: some Collection<Timestamp>) throws -> PostgresQuery {
        try """
        SELECT baton_ensure_partitions(ARRAY(
            SELECT DISTINCT baton_month(m) FROM unnest(\(ArrayBind.timestamptz(Array(Set(months))))) AS m))::int8
        """
    }
}
