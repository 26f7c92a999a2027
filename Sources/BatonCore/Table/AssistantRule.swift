/// A rule of a table mapping that says a task was done with an AI assistant (`Docs/import.md`):
/// when the task's actor, a column, or one of the row's tags matches a regular expression, the
/// task gets `assistant` and `ai_mode`. The first matching rule wins; no match is `ai_mode: none`.
public struct AssistantRule: Sendable, Hashable, Codable {
    /// A pattern matched against the task's actor (after mapping).
    public var actor: String?
    /// A column whose text `pattern` is matched against.
    public var column: String?
    public var pattern: String?
    /// A pattern matched against each of the row's tags.
    public var tag: String?
    /// The assistant's name; `$1` stands for the pattern's first capture group.
    public var assistant: String
    /// `assisted` or `autonomous`.
    public var aiMode: AIMode

    public init(
        actor: String? = nil, column: String? = nil, pattern: String? = nil, tag: String? = nil, assistant: String,
        aiMode: AIMode
    ) {
        self.actor = actor
        self.column = column
        self.pattern = pattern
        self.tag = tag
        self.assistant = assistant
        self.aiMode = aiMode
    }
}
