/// A handoff class: the tool a case left and the tool it went to, written `from→to`
/// (`from->to` and `from>to` are accepted as input too).
public struct ToolPair: Sendable, Hashable, CustomStringConvertible {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    public init?(parsing text: String) {
        for separator in ["→", "->", ">"] {
            let parts = text.components(separatedBy: separator)
            if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
                self.init(from: parts[0], to: parts[1])
                return
            }
        }
        return nil
    }

    public var description: String { "\(from)→\(to)" }
}
