public import Foundation

extension Timestamp {
    /// The instant of a `Date`, to the microsecond (rounded down).
    public init(_ date: Date) {
        self.init(microseconds: Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down)))
    }

    /// The current time from the system clock.
    public static var now: Timestamp { Timestamp(Date()) }
}
