/// One trace of an XES log as read: its own attributes and its events' attributes, by key, values
/// as written (dates stay RFC 3339 text). Nested attributes and log-level attributes are not kept:
/// no mapping needs them.
public struct XESTrace: Sendable, Hashable {
    public var attributes: [String: String]
    public var events: [[String: String]]

    public init(attributes: [String: String] = [:], events: [[String: String]] = []) {
        self.attributes = attributes
        self.events = events
    }

    /// The trace's `concept:name`, its case id.
    public var name: String? { attributes["concept:name"] }
}
