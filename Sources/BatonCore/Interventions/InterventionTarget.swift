import Foundation

/// What an intervention changed (`Docs/interventions.md`): the handoffs of one class as the report
/// names classes by tool pair (`soar→edr`), the handoffs between two sides of the coordination
/// matrix (`siem-triage-assistant→human`, value-model §8), or every handoff into or out of one
/// assistant's work.
public struct InterventionTarget: Sendable, Hashable {
    public enum Kind: String, Vocabulary {
        /// A tool pair, `from→to`, as `--class-by tool` (the default) names handoff classes.
        case handoffClass = "handoff-class"
        /// A pair of sides, `X→Y`, each an assistant or `human`, as `--class-by assistant` names them.
        case assistantPair = "assistant-pair"
        /// One assistant: the handoffs whose from side or to side it is.
        case assistant
    }

    public var kind: Kind
    /// The normalised target: `from→to` for a pair (no spaces around the arrow), the name for an
    /// assistant.
    public var value: String

    /// A pair's two ends; `nil` for an assistant.
    public var ends: (from: String, to: String)? {
        guard kind != .assistant, let arrow = value.range(of: "→") else { return nil }
        return (String(value[..<arrow.lowerBound]), String(value[arrow.upperBound...]))
    }

    /// The longest accepted target, in characters (two identifiers and the arrow).
    public static let maxLength = 257

    /// Why a target is refused, in words that name the field.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// A target from its kind and text. A pair may be written `a→b`, `a -> b` or `a → b`; it is
    /// kept as `a→b`. Each end (and an assistant's name) is 1–128 characters of one line.
    public init(kind: Kind, _ text: String) throws(Invalid) {
        self.kind = kind
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { throw Invalid(description: "field 'target' must not be empty") }
        guard trimmed.unicodeScalars.count <= Self.maxLength else {
            throw Invalid(description: "field 'target' is longer than \(Self.maxLength) characters")
        }
        switch kind {
        case .assistant:
            guard trimmed.range(of: "→") == nil, trimmed.range(of: "->") == nil else {
                throw Invalid(
                    description: "field 'target': an assistant is one name; for a pair use target_kind assistant-pair")
            }
            guard trimmed.unicodeScalars.count <= 128 else {
                throw Invalid(description: "field 'target': an assistant's name is at most 128 characters")
            }
            value = trimmed
        case .handoffClass, .assistantPair:
            let arrow = trimmed.range(of: "→") ?? trimmed.range(of: "->")
            guard let arrow else {
                let example = kind == .handoffClass ? "soar→edr" : "siem-triage-assistant→human"
                throw Invalid(
                    description: "field 'target': a \(kind.rawValue) is two ends joined by → or ->, such as \(example)")
            }
            let from = String(trimmed[..<arrow.lowerBound]).trimmingSpaces
            let to = String(trimmed[arrow.upperBound...]).trimmingSpaces
            guard !from.isEmpty, !to.isEmpty, from.unicodeScalars.count <= 128, to.unicodeScalars.count <= 128,
                to.range(of: "→") == nil, to.range(of: "->") == nil
            else {
                throw Invalid(
                    description:
                        "field 'target': each end of the pair must be 1 to 128 characters, with one arrow between them")
            }
            value = from + "→" + to
        }
    }

    /// Whether a handoff with this tool pair (`from→to`) and these sides (an assistant or `human`)
    /// is one the intervention changed.
    public func matches(toolPair: String, fromSide: String, toSide: String) -> Bool {
        switch kind {
        case .handoffClass: return toolPair == value
        case .assistantPair: return ends.map { $0.from == fromSide && $0.to == toSide } ?? false
        case .assistant: return fromSide == value || toSide == value
        }
    }

    /// Whether the intervention changed the handoffs of the report class `handoffClass`, as the
    /// report names classes under `classing` (the guidance's link): a tool-pair target its own
    /// class, a pair its own class under assistant classing, an assistant every class it is a
    /// side of. Classes named the other way cannot be told from the name alone and are not linked.
    public func addresses(handoffClass: String, classing: HandoffClassing) -> Bool {
        switch (kind, classing) {
        case (.handoffClass, .tool), (.assistantPair, .assistant): return handoffClass == value
        case (.assistant, .assistant):
            guard let arrow = handoffClass.range(of: "→") else { return false }
            return handoffClass[..<arrow.lowerBound] == value || handoffClass[arrow.upperBound...] == value
        default: return false
        }
    }

    /// How readers see it: `handoff class soar→edr`, `assistant pair X→human`, `assistant X`.
    public var text: String {
        switch kind {
        case .handoffClass: return "handoff class \(value)"
        case .assistantPair: return "assistant pair \(value)"
        case .assistant: return "assistant \(value)"
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
