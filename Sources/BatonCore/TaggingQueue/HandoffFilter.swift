/// Which handoffs the tagging queue shows (`GET /v1/handoffs`, `baton handoffs`, `/handoffs`):
/// every field narrows the list; the order is always the largest wait first.
public struct HandoffFilter: Sendable, Hashable {
    /// Only handoffs that carry no tag yet.
    public var untagged: Bool
    /// Only waits at least this long (microseconds).
    public var minimumWaitMicroseconds: Int64?
    /// Only this tool pair, such as `siem→edr`.
    public var toolPair: ToolPair?
    /// Only handoffs into this stage.
    public var stage: Stage?
    /// Only handoffs from or to a task this assistant's AI worked on ("either side"; kept for
    /// compatibility beside ``fromAssistant`` and ``toAssistant``).
    public var assistant: String?
    /// Only handoffs whose from-side is this side (an assistant's AI, or `human`: no AI).
    public var fromAssistant: CoordinationSide?
    /// Only handoffs whose to-side is this side.
    public var toAssistant: CoordinationSide?
    /// How each row's class is named (`tool_pair` or the assistant pair); `class` filters by it.
    public var classBy: HandoffClassing = .tool
    /// Only handoffs that happened in [from, to).
    public var from: Timestamp?
    public var to: Timestamp?
    /// Page size.
    public var limit: Int
    /// Continue after this row of a previous page.
    public var cursor: HandoffCursor?

    public static let defaultLimit = 50
    public static let maximumLimit = 500

    public init(
        untagged: Bool = false, minimumWaitMicroseconds: Int64? = nil, toolPair: ToolPair? = nil, stage: Stage? = nil,
        assistant: String? = nil, from: Timestamp? = nil, to: Timestamp? = nil, limit: Int = Self.defaultLimit,
        cursor: HandoffCursor? = nil
    ) {
        self.untagged = untagged
        self.minimumWaitMicroseconds = minimumWaitMicroseconds
        self.toolPair = toolPair
        self.stage = stage
        self.assistant = assistant
        self.from = from
        self.to = to
        self.limit = limit
        self.cursor = cursor
    }
}
