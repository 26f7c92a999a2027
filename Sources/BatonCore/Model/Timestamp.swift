/// An instant in time with microsecond precision, the resolution PostgreSQL's `timestamptz` keeps.
///
/// Durations in Baton are whole microseconds so that the value-model identities
/// (`touch + intake + handoff waits + closure = lead time`) hold exactly, not approximately.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var microseconds: Int64

    public init(microseconds: Int64) {
        self.microseconds = microseconds
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.microseconds < rhs.microseconds
    }

    public var description: String { rfc3339 }

    /// Microseconds between two instants (`self - other`).
    public func microseconds(since other: Timestamp) -> Int64 {
        microseconds - other.microseconds
    }

    public func adding(microseconds delta: Int64) -> Timestamp {
        Timestamp(microseconds: microseconds + delta)
    }
}
