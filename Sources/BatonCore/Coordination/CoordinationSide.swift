/// One side of a coordination figure (value-model §8): an assistant, or `human` for work no
/// assistant took part in. A task's side is its assistant when its `ai_mode` is not `none`;
/// an `assistant` named on a task with `ai_mode = none` does not make it AI work.
public struct CoordinationSide: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The assistant, or `nil` for human work.
    public var assistant: String?

    public init(assistant: String?) { self.assistant = assistant }

    /// The side of a task with this mode and assistant.
    public init(aiMode: AIMode, assistant: String?) {
        self.assistant = aiMode.isAITouched ? assistant : nil
    }

    public static let human = CoordinationSide(assistant: nil)

    public var isHuman: Bool { assistant == nil }

    /// How the side is named to readers: the assistant, or `human`.
    public var description: String { assistant ?? "human" }

    /// Assistants by name, then `human` (the matrix's row and column order).
    public static func < (a: CoordinationSide, b: CoordinationSide) -> Bool {
        switch (a.assistant, b.assistant) {
        case let (x?, y?): return x < y
        case (.some, nil): return true
        default: return false
        }
    }

    public init(from decoder: any Decoder) throws {
        assistant = try decoder.singleValueContainer().decode(String?.self)
    }

    /// Encoded as the assistant's name, or `null` for human work (an assistant may be called
    /// `human`; `null` cannot be confused with it).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(assistant)
    }
}
