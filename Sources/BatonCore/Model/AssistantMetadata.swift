/// Registered metadata of an AI assistant (value-model §1). Unknown fields are `nil`.
public struct AssistantMetadata: Sendable, Hashable {
    public var name: String
    public var tool: String?
    public var category: AssistantCategory?
    public var archetype: Archetype?
    public var rolloutAt: Timestamp?
    /// `false` for an assistant only seen in task records, whose metadata nobody has given yet.
    public var registered: Bool
    /// What its licence costs (issue 22); `nil`: not recorded.
    public var licence: AssistantLicence?

    public init(
        name: String, tool: String? = nil, category: AssistantCategory? = nil,
        archetype: Archetype? = nil,
        rolloutAt: Timestamp? = nil, registered: Bool = true, licence: AssistantLicence? = nil
    ) {
        self.name = name
        self.tool = tool
        self.category = category
        self.archetype = archetype
        self.rolloutAt = rolloutAt
        self.registered = registered
        self.licence = licence
    }
}
