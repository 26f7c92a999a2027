import BatonCore
import Foundation

/// The month partitions a report period `[from, to)` reads (migration 0010), as typed `date`
/// binds: with constants of type `date`, PostgreSQL prunes the other months when it plans the
/// statement, so it neither reads nor locks them. (A text bind cast in SQL, `$1::timestamptz`,
/// is only stable, so pruning waited for execution, after every month had been locked.)
struct ReportMonths: Sendable {
    /// The first day of the period's first month, and of its last month.
    let first: PostgresDate
    let last: PostgresDate

    init(from: Timestamp, to: Timestamp) {
        first = PostgresDate(from.utcMonthStart)
        last = PostgresDate(Timestamp(microseconds: max(from.microseconds, to.microseconds - 1)).utcMonthStart)
    }
}
