/// A handoff class: the tool a case left and the tool it went to, written `from→to`
/// (`from->to` and `from>to` are accepted as input too).
public struct ToolPair: Sendable, Hashable, CustomStringConvertible {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    /// `from→to`, `from->to` or `from>to`: exactly one `→` or `>`, with a tool on each side
    /// (the pattern of `tool_pair` in `Docs/openapi.yaml`); a `-` just before `>` belongs to the arrow.
    public init?(parsing text: String) {
        let arrows = text.indices.filter { text[$0] == "→" || text[$0] == ">" }
        guard arrows.count == 1, let arrow = arrows.first else { return nil }
        var from = text[..<arrow]
        let to = text[text.index(after: arrow)...]
        if text[arrow] == ">", from.count > 1, from.last == "-" { from = from.dropLast() }
        guard !from.isEmpty, !to.isEmpty else { return nil }
        self.init(from: String(from), to: String(to))
    }

    public var description: String { "\(from)→\(to)" }
}
