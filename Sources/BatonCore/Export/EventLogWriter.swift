/// Writes an event log piece by piece, so an export of any size needs the memory of one page of
/// workflows: `header`, then `events` for every page, then (for formats that list objects
/// separately) `objects` for every page of a second pass, then `footer`.
public protocol EventLogWriter: Sendable {
    /// Whether the workflows must be read a second time, for ``objects(_:)``.
    var needsObjectPass: Bool { get }
    mutating func header() -> String
    mutating func events(_ cases: [EventLogCase]) -> String
    mutating func objects(_ cases: [EventLogCase]) -> String
    mutating func footer() -> String
}

extension EventLogWriter {
    public var needsObjectPass: Bool { false }
    public mutating func objects(_ cases: [EventLogCase]) -> String { "" }
}
