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
    /// Read by Unicode scalars, as the pattern is: a combining mark or an emoji modifier after the
    /// arrow joins it into one `Character` (`>🏻`), and would hide it from a search by characters.
    public init?(parsing text: String) {
        let scalars = text.unicodeScalars
        let arrows = scalars.indices.filter { scalars[$0] == "→" || scalars[$0] == ">" }
        guard arrows.count == 1, let arrow = arrows.first else { return nil }
        var from = scalars[..<arrow]
        let to = scalars[scalars.index(after: arrow)...]
        if scalars[arrow] == ">", from.count > 1, from.last == "-" { from = from.dropLast() }
        guard !from.isEmpty, !to.isEmpty else { return nil }
        self.init(from: String(Substring(from)), to: String(Substring(to)))
    }

    public var description: String { "\(from)→\(to)" }
}
