import BatonCore
import PostgresNIO

/// A calendar day bound as PostgreSQL `date` (binary: days since 2000-01-01), which PostgresNIO
/// has no type for. Used for month-partition bounds (``ReportMonths``).
struct PostgresDate: PostgresNonThrowingEncodable, Sendable {
    static var psqlType: PostgresDataType { .date }
    static var psqlFormat: PostgresFormat { .binary }

    /// Days since 2000-01-01, PostgreSQL's epoch.
    let days: Int32

    /// The UTC day of `at`.
    init(_ at: Timestamp) {
        let perDay: Int64 = 86_400_000_000
        let sinceUnix = at.microseconds >= 0 ? at.microseconds / perDay : (at.microseconds - perDay + 1) / perDay
        days = Int32(sinceUnix - 10_957)  // 1970-01-01 to 2000-01-01
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeInteger(days)
    }
}
